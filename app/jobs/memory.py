"""What the app remembers about each supplier and customer, per company (issue #20). No Qt.

One :class:`CounterpartMemory` per company × counterpart, kept in ``memory.sqlite3`` beside the
journal (the same data directory; it never leaves the machine except through :func:`export_rules`):

* the counterpart's identifiers (SIREN, VAT number, IBAN, name: how a document is recognised as
  theirs) and its Pennylane id once imported;
* values the person corrected that stay the same from one invoice to the next (the IBAN, a name, a
  VAT number, the document kind) — :attr:`CounterpartMemory.values`;
* where the right value sat for each header field the person corrected (invoice number, dates,
  totals) — :attr:`CounterpartMemory.hints`, typed :class:`~app.pdf.fields.remembered.LayoutHint`;
* the accounting: ledger account per line and the default one, VAT code, category split, usual
  payment terms (days), usual currency, kind (supplier / customer), and the totals seen (for "a
  total far outside the usual range").

Every remembered value carries when it was learned and what it replaced (shown on hover).
Learning and applying are :mod:`app.jobs.recall`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.domain.bounds import MAX_IDENTIFIER_CHARS, MAX_NAME_CHARS, OutOfBounds, read_number, read_string
from app.domain.text import Text
from app.pdf.fields.remembered import LayoutHint

FORMAT = "pennylane-importer-rules"
VERSION = 1
MAX_TOTALS = 24  # totals kept per counterpart (the usual range)
MAX_LINES = 50
MAX_CATEGORIES = 20
MAX_COUNTERPARTS = 10_000  # in one rules file
MAX_ALTERNATES = 4  # other places remembered for one field
MAX_ALIASES = 10  # other names of one counterpart

#: the values a counterpart's invoices repeat, remembered as values (inspect --json names)
VALUE_FIELDS = (
    "kind", "currency",
    "seller.name", "seller.siren", "seller.siret", "seller.vat_number", "seller.iban",
    "buyer.name", "buyer.siren", "buyer.siret", "buyer.vat_number",
)  # fmt: skip
KINDS = ("supplier", "customer")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def default_path() -> Path:
    from app.config import app_dirs

    return app_dirs().data / "memory.sqlite3"


@dataclass
class Learned:
    """One remembered value: what, when it was learned, and what the document said instead."""

    value: str
    learned: str  # ISO 8601 UTC
    replaced: str | None = None  # the value read before the correction (None: nothing was read)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "learned": self.learned, "replaced": self.replaced}


@dataclass
class LearnedHint:
    """Where a field's value sat. ``corrected``: learned from a correction (the reader had it wrong
    or missing) — such a place, found by its label, outranks the reader; a confirmed place (the
    reader had it right) only fills what the reader misses."""

    hint: LayoutHint
    learned: str
    replaced: str | None = None
    corrected: bool = True
    alternates: list[LayoutHint] = field(default_factory=list)  # other places it was printed, tried next

    @property
    def places(self) -> list[LayoutHint]:
        return [self.hint, *self.alternates]

    def to_json(self) -> dict[str, Any]:
        return {**self.hint.to_json(), "learned": self.learned, "replaced": self.replaced, "corrected": self.corrected,
                "alternates": [h.to_json() for h in self.alternates]}


@dataclass
class LineRule:
    """A line's accounting as the person sent it (by position; the last one serves the rest)."""

    ledger_account_id: int | None = None
    vat_code: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"ledger_account_id": self.ledger_account_id, "vat_code": self.vat_code}


@dataclass
class CategoryShare:
    category_id: int
    weight: Decimal  # percent 0–100
    group_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"category_id": self.category_id, "group_id": self.group_id, "weight": str(self.weight)}


@dataclass
class CounterpartMemory:
    key: str  # "siren:…", "vat:…", "iban:…" or "name:…": how the counterpart is recognised
    kind: str | None = None  # "supplier" | "customer"
    name: str | None = None
    siren: str | None = None
    vat_number: str | None = None
    iban: str | None = None
    aliases: list[str] = field(default_factory=list)  # other names its documents printed
    counterpart_id: int | None = None  # Pennylane's supplier / customer id
    values: dict[str, Learned] = field(default_factory=dict)
    hints: dict[str, LearnedHint] = field(default_factory=dict)
    lines: list[LineRule] = field(default_factory=list)
    ledger_account_id: int | None = None  # the default (the first line's)
    vat_code: str | None = None  # the usual VAT code (the first line's)
    categories: list[CategoryShare] = field(default_factory=list)
    payment_days: int | None = None
    currency: str | None = None
    totals: list[Decimal] = field(default_factory=list)  # absolute totals seen, latest last
    vat_codes: list[str] = field(default_factory=list)  # every VAT code sent (the usual regime)
    invoices: int = 0  # imports learned from
    learned: str = ""  # first learned
    updated: str = ""

    def known_names(self) -> set[str]:
        """Its name and the other names its documents printed, normalised (for finding it by name)."""
        from app.jobs.matching import normalize_name

        return {n for n in (normalize_name(x) for x in [self.name, *self.aliases]) if n}

    @property
    def title(self) -> str:
        return self.name or self.vat_number or self.siren or self.iban or self.key

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "kind": self.kind, "name": self.name, "siren": self.siren,
            "vat_number": self.vat_number, "iban": self.iban, "aliases": list(self.aliases),
            "counterpart_id": self.counterpart_id,
            "values": {k: v.to_json() for k, v in sorted(self.values.items())},
            "hints": {k: v.to_json() for k, v in sorted(self.hints.items())},
            "lines": [line.to_json() for line in self.lines],
            "ledger_account_id": self.ledger_account_id, "vat_code": self.vat_code,
            "categories": [c.to_json() for c in self.categories],
            "payment_days": self.payment_days, "currency": self.currency,
            "totals": [str(t) for t in self.totals], "vat_codes": list(self.vat_codes),
            "invoices": self.invoices, "learned": self.learned, "updated": self.updated,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: Any) -> "CounterpartMemory":
        """From JSON (the store or a rules file someone sends): every value checked and bounded;
        ``ValueError`` (with the reason) for anything else."""
        if not isinstance(data, dict):
            raise ValueError("a counterpart's rules are an object")
        key = _string(data.get("key"), MAX_IDENTIFIER_CHARS, "key")
        if not key or not key.split(":", 1)[0] in ("siren", "vat", "iban", "name") or ":" not in key:
            raise ValueError(f"unknown counterpart key {key!r}")
        mem = cls(key=key)
        kind = data.get("kind")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        mem.kind = kind
        mem.name = _string(data.get("name"), MAX_NAME_CHARS, "name")
        mem.siren = _string(data.get("siren"), 14, "siren")
        mem.vat_number = _string(data.get("vat_number"), 20, "vat_number")
        mem.iban = _string(data.get("iban"), 40, "iban")
        mem.aliases = [a for a in (_string(x, MAX_NAME_CHARS, "aliases") for x in _list(data.get("aliases"), MAX_ALIASES, "aliases")) if a]
        mem.counterpart_id = _int(data.get("counterpart_id"), "counterpart_id")
        for name, item in _dict(data.get("values")).items():
            if name not in VALUE_FIELDS:
                raise ValueError(f"unknown remembered field {name!r}")
            item = _dict(item)
            value = _string(item.get("value"), MAX_NAME_CHARS, name)
            if value is None:
                raise ValueError(f"{name}: no value")
            mem.values[name] = Learned(value, _stamp(item.get("learned")), _string(item.get("replaced"), MAX_NAME_CHARS, name))
        for name, item in _dict(data.get("hints")).items():
            item = _dict(item)
            hint = LayoutHint.from_json({k: item[k] for k in ("field", "label", "where", "page", "region", "nth", "offset") if k in item})
            if hint.field != name:
                raise ValueError(f"hint {name!r} is for another field")
            corrected = item.get("corrected", True)
            if not isinstance(corrected, bool):
                raise ValueError(f"hint {name!r}: corrected is true or false")
            alternates = [LayoutHint.from_json(h) for h in _list(item.get("alternates"), MAX_ALTERNATES, "alternates")]
            if any(h.field != name for h in alternates):
                raise ValueError(f"hint {name!r} has places for another field")
            mem.hints[name] = LearnedHint(hint, _stamp(item.get("learned")),
                                          _string(item.get("replaced"), MAX_NAME_CHARS, name), corrected, alternates)
        lines = _list(data.get("lines"), MAX_LINES, "lines")
        mem.lines = [LineRule(_int(_dict(x).get("ledger_account_id"), "ledger_account_id"),
                              _vat(_dict(x).get("vat_code"))) for x in lines]
        mem.ledger_account_id = _int(data.get("ledger_account_id"), "ledger_account_id")
        mem.vat_code = _vat(data.get("vat_code"))
        for item in _list(data.get("categories"), MAX_CATEGORIES, "categories"):
            item = _dict(item)
            cid = _int(item.get("category_id"), "category_id")
            weight = _decimal(item.get("weight"), "weight")
            if cid is None or weight is None or not 0 <= weight <= 100:
                raise ValueError("a category share needs an id and a weight from 0 to 100")
            mem.categories.append(CategoryShare(cid, weight, _int(item.get("group_id"), "group_id")))
        days = _int(data.get("payment_days"), "payment_days")
        if days is not None and not 0 <= days <= 366:
            raise ValueError("payment_days is from 0 to 366")
        mem.payment_days = days
        from app.domain.currency import is_supported_currency

        currency = _string(data.get("currency"), 3, "currency")
        if currency is not None and not is_supported_currency(currency):
            raise ValueError(f"unknown currency {currency!r}")
        mem.currency = currency
        mem.totals = [t for t in (_decimal(x, "totals") for x in _list(data.get("totals"), MAX_TOTALS, "totals")) if t is not None]
        mem.vat_codes = [c for c in (_vat(x) for x in _list(data.get("vat_codes"), MAX_LINES, "vat_codes")) if c]
        mem.invoices = _int(data.get("invoices"), "invoices") or 0
        mem.learned = _stamp(data.get("learned"))
        mem.updated = _stamp(data.get("updated"))
        return mem


# --- bounded reading of a rules file -----------------------------------------------------------

def _string(value: Any, limit: int, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what}: a text was expected")
    try:
        return read_string(value, limit, what) or None
    except OutOfBounds as exc:
        raise ValueError(exc.text.en) from None


def _int(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10**15:
        raise ValueError(f"{what}: a whole number was expected")
    return value


def _decimal(value: Any, what: str) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what}: an amount is written as a string")
    try:
        return abs(read_number(value, what))
    except (OutOfBounds, InvalidOperation):
        raise ValueError(f"{what}: {value[:24]!r} is not an amount") from None


def _vat(value: Any) -> str | None:
    if value is None:
        return None
    from app.domain.vat import VAT_CODES

    if not isinstance(value, str) or value not in VAT_CODES:
        raise ValueError(f"unknown VAT code {str(value)[:24]!r}")
    return value


def _stamp(value: Any) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("a date of learning is an ISO 8601 text")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date") from None
    return value


def _dict(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or len(value) > 100:
        raise ValueError("an object of at most 100 entries was expected")
    return value


def _list(value: Any, limit: int, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > limit:
        raise ValueError(f"{what}: a list of at most {limit} items was expected")
    return value


# --- the store ---------------------------------------------------------------------------------

class MemoryStore:
    """The memory of every company, one SQLite file (WAL). Thread-safe; a connection per call."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS counterpart_memory ("
                " company_id TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, updated TEXT NOT NULL,"
                " PRIMARY KEY (company_id, key))"
            )
            # how each counterpart is recognised ("siren:…", "vat_number:…", "iban:…", "name:…"),
            # so that finding one among thousands is an index look-up, not a read of them all
            db.execute("CREATE TABLE IF NOT EXISTS counterpart_ids ("
                       " company_id TEXT NOT NULL, id TEXT NOT NULL, key TEXT NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS counterpart_ids_by_id ON counterpart_ids (company_id, id)")
            db.execute("CREATE INDEX IF NOT EXISTS counterpart_ids_by_key ON counterpart_ids (company_id, key)")

    @staticmethod
    def _ids(memory: CounterpartMemory) -> set[str]:
        ids = {f"{k}:{v}" for k, v in identity(memory).items() if k != "name"}
        return ids | {f"name:{n}" for n in memory.known_names()}

    def _write(self, db: sqlite3.Connection, company_id: int | str, memory: CounterpartMemory) -> None:
        db.execute(
            "INSERT INTO counterpart_memory (company_id, key, data, updated) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (company_id, key) DO UPDATE SET data = excluded.data, updated = excluded.updated",
            (str(company_id), memory.key, json.dumps(memory.to_json(), sort_keys=True), memory.updated or now_iso()),
        )
        db.execute("DELETE FROM counterpart_ids WHERE company_id = ? AND key = ?", (str(company_id), memory.key))
        db.executemany("INSERT INTO counterpart_ids (company_id, id, key) VALUES (?, ?, ?)",
                       [(str(company_id), i, memory.key) for i in sorted(self._ids(memory))])

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        return db

    def all(self, company_id: int | str) -> list[CounterpartMemory]:
        """Every counterpart remembered for the company, by name."""
        with self._connect() as db:
            rows = db.execute("SELECT data FROM counterpart_memory WHERE company_id = ?", (str(company_id),)).fetchall()
        out = []
        for (data,) in rows:
            try:
                out.append(CounterpartMemory.from_json(json.loads(data)))
            except (ValueError, TypeError):
                continue  # a damaged row is skipped, not fatal
        return sorted(out, key=lambda m: (m.title.casefold(), m.key))

    def get(self, company_id: int | str, key: str) -> CounterpartMemory | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT data FROM counterpart_memory WHERE company_id = ? AND key = ?", (str(company_id), key)
            ).fetchone()
        if row is None:
            return None
        try:
            return CounterpartMemory.from_json(json.loads(row[0]))
        except (ValueError, TypeError):
            return None

    def save(self, company_id: int | str, memory: CounterpartMemory) -> None:
        memory.updated = memory.updated or now_iso()
        with self._lock, self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            self._write(db, company_id, memory)
            db.execute("COMMIT")

    def forget(self, company_id: int | str, key: str, field_name: str | None = None) -> bool:
        """Forget a whole counterpart, or one of its fields (a value, a hint, or one of
        ``ledger_account_id``, ``vat_code``, ``categories``, ``payment_days``, ``currency``,
        ``lines``). True when something was forgotten."""
        if field_name is None:
            with self._lock, self._connect() as db:
                db.execute("BEGIN IMMEDIATE")
                cur = db.execute("DELETE FROM counterpart_memory WHERE company_id = ? AND key = ?", (str(company_id), key))
                db.execute("DELETE FROM counterpart_ids WHERE company_id = ? AND key = ?", (str(company_id), key))
                db.execute("COMMIT")
            return cur.rowcount > 0
        memory = self.get(company_id, key)
        if memory is None:
            return False
        if not forget_field(memory, field_name):
            return False
        memory.updated = now_iso()
        self.save(company_id, memory)
        return True

    def find(self, company_id: int | str, party: Any) -> CounterpartMemory | None:
        """The memory of the counterpart ``party`` (a domain Party as read) designates: by SIREN,
        VAT number, IBAN, then name — the same keys as the matching of counterparts."""
        wanted = identity(party)
        if not wanted:
            return None
        with self._connect() as db:
            for name in ("siren", "vat_number", "iban", "name"):
                value = wanted.get(name)
                if not value:
                    continue
                keys = db.execute("SELECT DISTINCT key FROM counterpart_ids WHERE company_id = ? AND id = ? LIMIT 2",
                                  (str(company_id), f"{name}:{value}")).fetchall()
                if len(keys) == 1:
                    return self.get(company_id, keys[0][0])
        return None

    def replace_all(self, company_id: int | str, memories: list[CounterpartMemory], *, merge: bool = True) -> int:
        """Import rules: ``merge`` keeps the counterparts the file does not name. Returns how many were written."""
        with self._lock, self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            if not merge:
                db.execute("DELETE FROM counterpart_memory WHERE company_id = ?", (str(company_id),))
                db.execute("DELETE FROM counterpart_ids WHERE company_id = ?", (str(company_id),))
            for memory in memories:
                self._write(db, company_id, memory)
            db.execute("COMMIT")
        return len(memories)


FORGETTABLE = ("lines", "ledger_account_id", "vat_code", "categories", "payment_days", "currency", "totals")


def forget_field(memory: CounterpartMemory, name: str) -> bool:
    """Forget one field of ``memory`` in place; False when it held nothing by that name."""
    if name in memory.values:
        del memory.values[name]
        return True
    if name in memory.hints:
        del memory.hints[name]
        return True
    if name in FORGETTABLE:
        empty: Any = [] if name in ("lines", "categories", "totals") else None
        had = getattr(memory, name) not in (None, [])
        setattr(memory, name, empty)
        return had
    return False


def identity(party: Any) -> dict[str, str]:
    """Normalised identifiers of a party or a memory: siren, vat_number, iban, name."""
    from app.jobs.matching import party_keys

    keys = party_keys(party if isinstance(party, dict) else {
        "siren": getattr(party, "siren", None), "siret": getattr(party, "siret", None),
        "vat_number": getattr(party, "vat_number", None), "iban": getattr(party, "iban", None),
        "name": getattr(party, "name", None),
    })  # fmt: skip
    return {k: v for k, v in keys.items() if k != "siret"}


def key_for(party: Any) -> str | None:
    """The store key of a counterpart: the strongest identifier it has."""
    ids = identity(party)
    for name, prefix in (("siren", "siren"), ("vat_number", "vat"), ("iban", "iban"), ("name", "name")):
        if ids.get(name):
            return f"{prefix}:{ids[name]}"
    return None


# --- rules files ------------------------------------------------------------------------------

def export_rules(memories: list[CounterpartMemory], company_id: int | str) -> dict[str, Any]:
    """The JSON of a rules file (what an accounting firm moves between workstations)."""
    return {"format": FORMAT, "version": VERSION, "company_id": str(company_id), "exported": now_iso(),
            "counterparts": [m.to_json() for m in memories]}


BAD_FILE = Text(
    "Ce fichier de règles est illisible : {why}. Rien n'a été importé.",
    "This rules file cannot be read: {why}. Nothing was imported.",
)
MAX_RULES_BYTES = 20 * 1024 * 1024


def parse_rules(raw: bytes | str) -> list[CounterpartMemory]:
    """The counterparts of a rules file; :class:`RulesFileError` (bilingual) for anything else."""
    if len(raw) > MAX_RULES_BYTES:
        raise RulesFileError(BAD_FILE.format(why="plus de 20 Mo / over 20 MB"))
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise RulesFileError(BAD_FILE.format(why=f"JSON: {str(exc)[:80]}")) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RulesFileError(BAD_FILE.format(why=f"format ≠ {FORMAT}"))
    if data.get("version") != VERSION:
        raise RulesFileError(BAD_FILE.format(why=f"version {str(data.get('version'))[:10]} ≠ {VERSION}"))
    items = data.get("counterparts")
    if not isinstance(items, list) or len(items) > MAX_COUNTERPARTS:
        raise RulesFileError(BAD_FILE.format(why=f"counterparts: ≤ {MAX_COUNTERPARTS}"))
    out: list[CounterpartMemory] = []
    for i, item in enumerate(items):
        try:
            out.append(CounterpartMemory.from_json(item))
        except (ValueError, TypeError) as exc:
            raise RulesFileError(BAD_FILE.format(why=f"#{i + 1}: {str(exc)[:120]}")) from None
    return out


class RulesFileError(ValueError):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text
