"""The crash-safe import journal: one SQLite row per (company, document).

Why a journal: Pennylane does not deduplicate imports, so the app itself must remember what it
sent. Each state change is committed (and fsync'ed) *before* the next network call, so after a
crash, a kill or a power cut the next run knows exactly how far every document got:

- ``file_attachment_id`` recorded → the upload is never repeated;
- ``import_pending`` set (state ``importing``) → an import POST may have reached Pennylane; the
  pipeline looks the invoice up by ``external_reference`` before sending anything again;
- ``invoice_id`` recorded → the invoice exists; only categories / verification remain.

Durability: WAL journal mode with ``synchronous=FULL``. With ``NORMAL`` a WAL database survives an
application crash but a *power loss* may roll back the last commits; losing the ``importing`` mark
would make the next run re-import without looking up first — a duplicate invoice. FULL costs one
fsync per state change (a few ms), negligible next to the API's 25 requests / 5 s.

Threads: one connection guarded by a lock (``check_same_thread=False``); every method is short.
Several processes (the window and the CLI) may share the file: WAL + ``busy_timeout``.

Claims: a run takes a document with :meth:`Journal.claim` — a committed row in ``claims`` naming
its owner (pid, process start, host, a per-run token) with a lease — before it looks anything up
or sends anything, and releases it at the end. Another run, in this process or another one (the
window and a script, two overlapping scheduled runs), respects a live owner's claim; a dead
owner's claim (its process is gone, or its lease ran out) is taken over, and the pipeline then
looks the document up in Pennylane by its ``external_reference`` before sending anything.

No secrets: tokens are never passed to the journal; it stores file paths, invoice metadata,
Pennylane ids and reasons only.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from app.domain.text import Text
from app.jobs import owners as O

SCHEMA_VERSION = 2  # 2: the claims table (tables are only added: version 1 files open as they are)

# States, in pipeline order. "failed" and "duplicate" are terminal until the person acts.
QUEUED = "queued"
UPLOADING = "uploading"
UPLOADED = "uploaded"
IMPORTING = "importing"
IMPORTED = "imported"
CATEGORIZED = "categorized"
VERIFIED = "verified"
FAILED = "failed"
DUPLICATE = "duplicate"

STATES = (QUEUED, UPLOADING, UPLOADED, IMPORTING, IMPORTED, CATEGORIZED, VERIFIED, FAILED, DUPLICATE)
FINISHED_STATES = (VERIFIED, DUPLICATE)
# An invoice exists in Pennylane for these rows (states at or after the import).
IMPORTED_STATES = (IMPORTED, CATEGORIZED, VERIFIED)
IN_FLIGHT_STATES = (UPLOADING, UPLOADED, IMPORTING, IMPORTED, CATEGORIZED)

ROUTE_IMPORT = "import"
ROUTE_E_INVOICE = "e_invoice"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    company_id          TEXT    NOT NULL,
    sha256              TEXT    NOT NULL,
    file_path           TEXT,
    file_name           TEXT,
    kind                TEXT,               -- "supplier" | "customer"
    route               TEXT,               -- "import" | "e_invoice"
    counterpart_id      INTEGER,
    counterpart_name    TEXT,
    invoice_number      TEXT,
    date                TEXT,               -- ISO date of the invoice
    currency            TEXT,
    amount              TEXT,               -- total with tax, decimal string
    external_reference  TEXT    NOT NULL,
    state               TEXT    NOT NULL,
    file_attachment_id  INTEGER,
    import_pending      INTEGER NOT NULL DEFAULT 0,  -- 1: an import POST may have been sent
    payload             TEXT,               -- JSON: import body (attachment id left out), categories
    invoice_id          INTEGER,
    categorized         INTEGER NOT NULL DEFAULT 0,
    failed_step         TEXT,
    reason_fr           TEXT,
    reason_en           TEXT,
    retryable           INTEGER,
    evidence            TEXT,               -- JSON: why this row is a duplicate
    forced              INTEGER NOT NULL DEFAULT 0,
    attempts            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    finished_at         TEXT,
    PRIMARY KEY (company_id, sha256)
);
CREATE INDEX IF NOT EXISTS documents_state ON documents (company_id, state);
CREATE INDEX IF NOT EXISTS documents_number ON documents (company_id, kind, invoice_number);
CREATE TABLE IF NOT EXISTS transitions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    at          TEXT NOT NULL,
    detail      TEXT
);
CREATE INDEX IF NOT EXISTS transitions_doc ON transitions (company_id, sha256);
CREATE TABLE IF NOT EXISTS edits (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  TEXT NOT NULL,
    kind        TEXT,
    invoice_id  INTEGER NOT NULL,
    before_json TEXT NOT NULL,
    after_json  TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS edits_invoice ON edits (company_id, invoice_id);
CREATE TABLE IF NOT EXISTS claims (
    company_id  TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    host        TEXT NOT NULL,
    started     TEXT NOT NULL,              -- the process start marker (owners.process_started)
    token       TEXT NOT NULL,              -- one pipeline run
    claimed_at  TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    PRIMARY KEY (company_id, sha256)
);
"""

# Columns a caller may set through update()/transition().
_WRITABLE = {
    "file_path", "file_name", "kind", "route", "counterpart_id", "counterpart_name",
    "invoice_number", "date", "currency", "amount", "external_reference", "file_attachment_id",
    "import_pending", "payload", "invoice_id", "categorized", "failed_step", "reason_fr",
    "reason_en", "retryable", "evidence", "forced", "finished_at",
}  # fmt: skip


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def default_path() -> Path:
    from app.config import app_dirs

    return app_dirs().data / "journal.sqlite3"


@dataclass(frozen=True)
class JournalRow:
    company_id: str
    sha256: str
    file_path: str | None
    file_name: str | None
    kind: str | None
    route: str | None
    counterpart_id: int | None
    counterpart_name: str | None
    invoice_number: str | None
    date: str | None
    currency: str | None
    amount: str | None
    external_reference: str
    state: str
    file_attachment_id: int | None
    import_pending: int
    payload: str | None
    invoice_id: int | None
    categorized: int
    failed_step: str | None
    reason_fr: str | None
    reason_en: str | None
    retryable: int | None
    evidence: str | None
    forced: int
    attempts: int
    created_at: str
    updated_at: str
    finished_at: str | None

    @property
    def reason(self) -> Text | None:
        if self.reason_fr is None and self.reason_en is None:
            return None
        return Text(self.reason_fr or self.reason_en or "", self.reason_en or self.reason_fr or "")

    @property
    def evidence_data(self) -> dict[str, Any] | None:
        return json.loads(self.evidence) if self.evidence else None

    @property
    def payload_data(self) -> dict[str, Any] | None:
        return json.loads(self.payload) if self.payload else None

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_COLUMNS = [f.name for f in fields(JournalRow)]


@dataclass(frozen=True)
class Claim:
    """The answer of :meth:`Journal.claim`.

    ``held_by`` set: another live owner holds the document (or another document with the same
    kind, counterpart and invoice number); nothing was taken. Otherwise the claim is ours, and
    ``taken_over`` names the dead owner it was taken from (the caller must look the document up
    in Pennylane before sending anything).
    """

    held_by: O.Owner | None = None
    held_sha256: str | None = None  # the document the holder works on (another file: same invoice)
    taken_over: O.Owner | None = None

    @property
    def ours(self) -> bool:
        return self.held_by is None


class Journal:
    """The journal database. Safe to share between threads; every write is its own transaction."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        # isolation_level=None: autocommit; multi-statement changes use explicit BEGIN IMMEDIATE.
        self._db = sqlite3.connect(
            str(self.path), timeout=10.0, isolation_level=None, check_same_thread=False
        )
        self._db.row_factory = sqlite3.Row
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._db.execute("PRAGMA foreign_keys=ON")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"journal {self.path} was written by a newer version (schema {version})"
                )
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # -- plumbing -------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _row(record: sqlite3.Row | None) -> JournalRow | None:
        if record is None:
            return None
        return JournalRow(**{name: record[name] for name in _COLUMNS})

    # -- documents ------------------------------------------------------------------------------

    def get(self, company_id: int | str, sha256: str) -> JournalRow | None:
        with self._lock:
            cur = self._db.execute(
                "SELECT * FROM documents WHERE company_id=? AND sha256=?", (str(company_id), sha256)
            )
            return self._row(cur.fetchone())

    def ensure(
        self,
        company_id: int | str,
        sha256: str,
        *,
        external_reference: str,
        attempt: bool = False,
        **metadata: Any,
    ) -> JournalRow:
        """Create the row in state ``queued`` if it does not exist; refresh its metadata otherwise.

        Progress columns (state, attachment, invoice id, pending import) are never touched here, so
        calling it again for a document that is half-way through is safe. ``attempt=True`` also
        counts a new attempt (same transaction).
        """
        with self._transaction() as db:
            self._ensure(db, company_id, sha256, external_reference, attempt, metadata)
        row = self.get(company_id, sha256)
        assert row is not None
        return row

    def ensure_and_claim(
        self,
        company_id: int | str,
        sha256: str,
        owner: O.Owner,
        *,
        external_reference: str,
        attempt: bool = False,
        **metadata: Any,
    ) -> tuple[JournalRow, Claim]:
        """:meth:`claim`, then :meth:`ensure` if the claim is ours, in one committed transaction
        (one fsync, not two). A held document is left as it is (its row may not exist: None)."""
        with self._transaction() as db:
            claim = self._claim(db, company_id, sha256, owner, metadata)
            if claim.ours:
                self._ensure(db, company_id, sha256, external_reference, attempt, metadata)
        return self.get(company_id, sha256), claim  # type: ignore[return-value]

    def _ensure(
        self, db: sqlite3.Connection, company_id: int | str, sha256: str, external_reference: str, attempt: bool,
        metadata: dict[str, Any],
    ) -> None:
        meta = _clean(metadata, allowed={
            "file_path", "file_name", "kind", "route", "counterpart_id", "counterpart_name",
            "invoice_number", "date", "currency", "amount",
        })  # fmt: skip
        stamp = now_iso()
        cid = str(company_id)
        existing = db.execute(
            "SELECT state FROM documents WHERE company_id=? AND sha256=?", (cid, sha256)
        ).fetchone()
        if existing is None:
            cols = ["company_id", "sha256", "external_reference", "state", "created_at", "updated_at", *meta]
            values = [cid, sha256, external_reference, QUEUED, stamp, stamp, *meta.values()]
            db.execute(
                f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                values,
            )
            _log(db, cid, sha256, None, QUEUED, stamp, None)
        if existing is not None and meta:
            sets = ", ".join(f"{k}=?" for k in meta)
            db.execute(
                f"UPDATE documents SET {sets}, updated_at=? WHERE company_id=? AND sha256=?",
                [*meta.values(), stamp, cid, sha256],
            )
        if attempt:
            db.execute(
                "UPDATE documents SET attempts=attempts+1 WHERE company_id=? AND sha256=?", (cid, sha256)
            )

    def update(self, company_id: int | str, sha256: str, **values: Any) -> JournalRow:
        """Set columns without changing the state (committed)."""
        return self._write(company_id, sha256, None, values, None)

    def transition(
        self, company_id: int | str, sha256: str, state: str, *, detail: str | None = None,
        release: O.Owner | None = None, **values: Any,
    ) -> JournalRow:
        """Move the row to ``state`` and set ``values``, in one committed transaction (which also
        gives back ``release``'s claim, when given: the run's last change)."""
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")
        return self._write(company_id, sha256, state, values, detail, release)

    def begin_attempt(self, company_id: int | str, sha256: str) -> JournalRow:
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET attempts=attempts+1, updated_at=? WHERE company_id=? AND sha256=?",
                (now_iso(), str(company_id), sha256),
            )
        row = self.get(company_id, sha256)
        if row is None:
            raise KeyError((company_id, sha256))
        return row

    def mark_failed(
        self,
        company_id: int | str,
        sha256: str,
        reason: Text,
        *,
        retryable: bool,
        step: str | None = None,
        **values: Any,
    ) -> JournalRow:
        return self.transition(
            company_id, sha256, FAILED,
            detail=reason.en,
            reason_fr=reason.fr, reason_en=reason.en, retryable=int(bool(retryable)), failed_step=step,
            **values,
        )  # fmt: skip

    def mark_duplicate(
        self, company_id: int | str, sha256: str, evidence: dict[str, Any], reason: Text
    ) -> JournalRow:
        return self.transition(
            company_id, sha256, DUPLICATE,
            detail=reason.en,
            evidence=json.dumps(evidence, sort_keys=True, default=str),
            reason_fr=reason.fr, reason_en=reason.en, retryable=0, finished_at=now_iso(),
        )  # fmt: skip

    def _write(
        self, company_id: int | str, sha256: str, state: str | None, values: dict[str, Any], detail: str | None,
        release: O.Owner | None = None,
    ) -> JournalRow:
        values = _clean(values, allowed=_WRITABLE)
        stamp = now_iso()
        cid = str(company_id)
        with self._transaction() as db:
            current = db.execute(
                "SELECT state FROM documents WHERE company_id=? AND sha256=?", (cid, sha256)
            ).fetchone()
            if current is None:
                raise KeyError((company_id, sha256))
            sets = dict(values)
            if state is not None:
                sets["state"] = state
                if state not in (FAILED, DUPLICATE):
                    # leaving a failure behind: the reason no longer applies
                    sets.setdefault("reason_fr", None)
                    sets.setdefault("reason_en", None)
                    sets.setdefault("retryable", None)
                    sets.setdefault("failed_step", None)
                if state not in (DUPLICATE,):
                    sets.setdefault("evidence", None)
            sets["updated_at"] = stamp
            assignments = ", ".join(f"{k}=?" for k in sets)
            db.execute(
                f"UPDATE documents SET {assignments} WHERE company_id=? AND sha256=?",
                [*sets.values(), cid, sha256],
            )
            if state is not None:
                _log(db, cid, sha256, current["state"], state, stamp, detail)
            if release is not None:
                db.execute("DELETE FROM claims WHERE company_id=? AND sha256=? AND token=?", (cid, sha256, release.token))
        row = self.get(company_id, sha256)
        assert row is not None
        return row

    # -- claims: one owner per document, across threads, processes and runs -----------------------

    def claim(self, company_id: int | str, sha256: str, owner: O.Owner) -> Claim:
        """Take ``sha256`` for ``owner`` in one committed transaction, unless a live owner holds it.

        Also refused while a live owner holds another document of the same kind, counterpart and
        invoice number (two copies of one invoice). A claim whose owner is dead (its process is
        gone, or its lease ran out) is taken over and its owner returned in ``taken_over``.
        """
        with self._transaction() as db:
            return self._claim(db, company_id, sha256, owner)

    def _claim(
        self, db: sqlite3.Connection, company_id: int | str, sha256: str, owner: O.Owner,
        metadata: dict[str, Any] | None = None,
    ) -> Claim:
        cid = str(company_id)
        now = datetime.now(timezone.utc)
        current = db.execute(
            "SELECT * FROM claims WHERE company_id=? AND sha256=?", (cid, sha256)
        ).fetchone()
        previous = _owner(current) if current is not None else None
        if previous is not None and previous.token != owner.token and O.is_alive(
            previous, current["lease_until"], now=now
        ):
            return Claim(held_by=previous, held_sha256=sha256)
        doc = db.execute(
            "SELECT kind, counterpart_id, invoice_number FROM documents WHERE company_id=? AND sha256=?",
            (cid, sha256),
        ).fetchone()
        if metadata is not None:  # what the caller is about to record wins over the stored row
            doc = {key: metadata.get(key, doc[key] if doc is not None else None)
                   for key in ("kind", "counterpart_id", "invoice_number")}
        if doc is not None and doc["invoice_number"] and doc["counterpart_id"] is not None:
            for other in db.execute(
                "SELECT c.* FROM claims c JOIN documents d ON d.company_id=c.company_id AND d.sha256=c.sha256 "
                "WHERE c.company_id=? AND c.sha256<>? AND d.kind IS ? AND d.counterpart_id=? "
                "AND d.invoice_number=?",
                (cid, sha256, doc["kind"], doc["counterpart_id"], doc["invoice_number"]),
            ).fetchall():
                if other["token"] != owner.token and O.is_alive(_owner(other), other["lease_until"], now=now):
                    return Claim(held_by=_owner(other), held_sha256=other["sha256"])
        db.execute(
            "INSERT OR REPLACE INTO claims (company_id, sha256, pid, host, started, token, claimed_at, "
            "lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (cid, sha256, owner.pid, owner.host, owner.started, owner.token,
             now.isoformat(timespec="milliseconds"), O.lease_until(now)),
        )  # fmt: skip
        if previous is not None and previous.token != owner.token:
            return Claim(taken_over=previous)
        return Claim()

    def renew(self, company_id: int | str, sha256: str, owner: O.Owner) -> bool:
        """Extend ``owner``'s lease on ``sha256``; False if the claim is no longer its own."""
        with self._transaction() as db:
            cur = db.execute(
                "UPDATE claims SET lease_until=? WHERE company_id=? AND sha256=? AND token=?",
                (O.lease_until(), str(company_id), sha256, owner.token),
            )
            return cur.rowcount == 1

    def release(self, company_id: int | str, sha256: str, owner: O.Owner) -> None:
        """Give the claim back (only ``owner``'s own: a claim taken over since stays)."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM claims WHERE company_id=? AND sha256=? AND token=?",
                (str(company_id), sha256, owner.token),
            )

    def claimant(self, company_id: int | str, sha256: str) -> O.Owner | None:
        """The live owner of ``sha256``'s claim, if any."""
        with self._lock:
            current = self._db.execute(
                "SELECT * FROM claims WHERE company_id=? AND sha256=?", (str(company_id), sha256)
            ).fetchone()
        if current is None or not O.is_alive(_owner(current), current["lease_until"]):
            return None
        return _owner(current)

    def delete(self, company_id: int | str, sha256: str) -> None:
        """Forget a document (the person removed it from the queue before anything was sent)."""
        with self._transaction() as db:
            db.execute("DELETE FROM documents WHERE company_id=? AND sha256=?", (str(company_id), sha256))

    # -- queries --------------------------------------------------------------------------------

    def rows(
        self,
        company_id: int | str | None = None,
        *,
        states: Iterable[str] | None = None,
        kind: str | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[JournalRow]:
        """History: rows filtered by company, state(s) and kind, newest first by default."""
        where, params = [], []  # type: list[str], list[Any]
        if company_id is not None:
            where.append("company_id=?")
            params.append(str(company_id))
        if states is not None:
            states = list(states)
            if not states:
                return []
            where.append(f"state IN ({', '.join('?' * len(states))})")
            params.extend(states)
        if kind is not None:
            where.append("kind=?")
            params.append(kind)
        sql = "SELECT * FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY updated_at " + ("DESC" if newest_first else "ASC") + ", rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._lock:
            return [self._row(r) for r in self._db.execute(sql, params).fetchall()]  # type: ignore[misc]

    def unfinished(self, company_id: int | str | None = None) -> list[JournalRow]:
        """Rows that a run started but did not finish (not verified, not a duplicate).

        Failed rows are included: the UI offers to retry them; queued rows too (never started).
        Oldest first, the order they were queued in.
        """
        states = [s for s in STATES if s not in FINISHED_STATES]
        return self.rows(company_id, states=states, newest_first=False)

    def find_same_invoice(
        self,
        company_id: int | str,
        *,
        kind: str,
        counterpart_id: int | None,
        invoice_number: str,
        exclude_sha256: str | None = None,
    ) -> list[JournalRow]:
        """Other documents of the company with the same kind, counterpart and invoice number."""
        sql = (
            "SELECT * FROM documents WHERE company_id=? AND kind=? AND invoice_number=? "
            "AND (counterpart_id IS ? ) AND sha256 IS NOT ? ORDER BY created_at"
        )
        with self._lock:
            cur = self._db.execute(
                sql, (str(company_id), kind, invoice_number, counterpart_id, exclude_sha256)
            )
            return [self._row(r) for r in cur.fetchall()]  # type: ignore[misc]

    def find_by_invoice_id(self, company_id: int | str, kind: str, invoice_id: int) -> list[JournalRow]:
        with self._lock:
            cur = self._db.execute(
                "SELECT * FROM documents WHERE company_id=? AND kind=? AND invoice_id=?",
                (str(company_id), kind, invoice_id),
            )
            return [self._row(r) for r in cur.fetchall()]  # type: ignore[misc]

    def transitions(self, company_id: int | str, sha256: str) -> list[dict[str, Any]]:
        with self._lock:
            cur = self._db.execute(
                "SELECT from_state, to_state, at, detail FROM transitions "
                "WHERE company_id=? AND sha256=? ORDER BY id",
                (str(company_id), sha256),
            )
            return [dict(r) for r in cur.fetchall()]

    def counts(self, company_id: int | str | None = None) -> dict[str, int]:
        sql = "SELECT state, COUNT(*) FROM documents"
        params: list[Any] = []
        if company_id is not None:
            sql += " WHERE company_id=?"
            params.append(str(company_id))
        with self._lock:
            return {state: n for state, n in self._db.execute(sql + " GROUP BY state", params)}

    # -- edits (issue 8) --------------------------------------------------------------------------

    def record_edit(
        self,
        company_id: int | str,
        invoice_id: int,
        before: Any,
        after: Any,
        *,
        kind: str | None = None,
    ) -> int:
        """Keep what an invoice looked like before and after an edit made through the app."""
        stamp = now_iso()
        with self._transaction() as db:
            cur = db.execute(
                "INSERT INTO edits (company_id, kind, invoice_id, before_json, after_json, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    str(company_id),
                    kind,
                    int(invoice_id),
                    json.dumps(before, sort_keys=True, default=str),
                    json.dumps(after, sort_keys=True, default=str),
                    stamp,
                ),
            )
            return int(cur.lastrowid or 0)

    def edits(self, company_id: int | str | None = None, invoice_id: int | None = None) -> list[dict[str, Any]]:
        where, params = [], []  # type: list[str], list[Any]
        if company_id is not None:
            where.append("company_id=?")
            params.append(str(company_id))
        if invoice_id is not None:
            where.append("invoice_id=?")
            params.append(int(invoice_id))
        sql = "SELECT * FROM edits" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        with self._lock:
            out = []
            for r in self._db.execute(sql, params).fetchall():
                item = dict(r)
                item["before"] = json.loads(item.pop("before_json"))
                item["after"] = json.loads(item.pop("after_json"))
                out.append(item)
            return out

    # -- audit export -----------------------------------------------------------------------------

    CSV_COLUMNS = (
        "company_id", "file_name", "file_path", "sha256", "kind", "route", "counterpart_id",
        "counterpart_name", "invoice_number", "date", "currency", "amount", "external_reference",
        "state", "file_attachment_id", "invoice_id", "reason_fr", "reason_en", "retryable",
        "evidence", "forced", "attempts", "created_at", "updated_at", "finished_at",
    )  # fmt: skip

    def export_csv(self, target: str | Path | IO[str], company_id: int | str | None = None) -> int:
        """Write the history as CSV (UTF-8 with BOM for spreadsheet tools); returns the row count."""
        rows = self.rows(company_id, newest_first=False)
        if isinstance(target, (str, Path)):
            with open(target, "w", encoding="utf-8-sig", newline="") as handle:
                return self._write_csv(handle, rows)
        return self._write_csv(target, rows)

    def _write_csv(self, handle: IO[str], rows: list[JournalRow]) -> int:
        writer = csv.writer(handle)
        writer.writerow(self.CSV_COLUMNS)
        for row in rows:
            writer.writerow(["" if getattr(row, c) is None else getattr(row, c) for c in self.CSV_COLUMNS])
        return len(rows)

    def export_csv_text(self, company_id: int | str | None = None) -> str:
        buffer = io.StringIO()
        self.export_csv(buffer, company_id)
        return buffer.getvalue()


def _clean(values: dict[str, Any], *, allowed: set[str]) -> dict[str, Any]:
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown journal columns: {sorted(unknown)}")
    out = {}
    for key, value in values.items():
        if isinstance(value, bool):
            value = int(value)
        elif value is not None and not isinstance(value, (int, str, float)):
            value = str(value)  # Decimal, date, Path
        out[key] = value
    return out


def _owner(record: sqlite3.Row) -> O.Owner:
    return O.Owner(pid=int(record["pid"]), host=record["host"], started=record["started"], token=record["token"])


def _log(db: sqlite3.Connection, cid: str, sha256: str, before: str | None, after: str, at: str, detail: str | None) -> None:
    db.execute(
        "INSERT INTO transitions (company_id, sha256, from_state, to_state, at, detail) VALUES (?, ?, ?, ?, ?, ?)",
        (cid, sha256, before, after, at, detail),
    )
