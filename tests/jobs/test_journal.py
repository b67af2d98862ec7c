"""The journal: durable states, history, CSV export, edits, threads, no secrets."""

from __future__ import annotations

import csv
import io
import sqlite3
import threading

import pytest

from app.domain.text import Text
from app.jobs import journal as J
from app.jobs.references import external_reference, is_ours

SHA = "a" * 64


def make(journal: J.Journal, sha: str = SHA, company: int = 7, **meta):
    meta.setdefault("file_name", f"{sha[:6]}.pdf")
    meta.setdefault("kind", "supplier")
    return journal.ensure(company, sha, external_reference=external_reference(company, sha), **meta)


def test_default_path_is_in_the_app_data_dir(app_home):
    journal = J.Journal()
    try:
        assert journal.path == app_home / "data" / "journal.sqlite3"
        assert journal.path.exists()
    finally:
        journal.close()


def test_pragmas_wal_and_full_sync(tmp_path):
    journal = J.Journal(tmp_path / "j.sqlite3")
    with journal._lock:
        assert journal._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    journal.close()


def test_states_are_committed_and_visible_to_another_connection(tmp_path):
    path = tmp_path / "j.sqlite3"
    journal = J.Journal(path)
    make(journal, file_path="/x/a.pdf", invoice_number="F-1", amount="12.00")
    journal.transition(7, SHA, J.UPLOADING)
    journal.transition(7, SHA, J.UPLOADED, file_attachment_id=55)
    # a second, independent connection (another process after a crash) sees it at once
    other = sqlite3.connect(path)
    state, att = other.execute("SELECT state, file_attachment_id FROM documents").fetchone()
    assert (state, att) == ("uploaded", 55)
    other.close()
    journal.close()


def test_ensure_keeps_progress_and_refreshes_metadata(tmp_path):
    journal = J.Journal(tmp_path / "j.sqlite3")
    make(journal, invoice_number="F-1")
    journal.transition(7, SHA, J.IMPORTING, file_attachment_id=3, import_pending=True)
    row = make(journal, invoice_number="F-1b", counterpart_id=12)
    assert row.state == J.IMPORTING and row.file_attachment_id == 3 and row.import_pending == 1
    assert row.invoice_number == "F-1b" and row.counterpart_id == 12
    journal.close()


def test_failed_keeps_reason_and_leaving_it_clears_it(tmp_path):
    journal = J.Journal(tmp_path / "j.sqlite3")
    make(journal)
    row = journal.mark_failed(7, SHA, Text("Raison", "Reason"), retryable=True, step="upload")
    assert row.state == J.FAILED and row.reason == Text("Raison", "Reason") and row.retryable == 1
    assert row.failed_step == "upload"
    row = journal.transition(7, SHA, J.UPLOADING)
    assert row.reason is None and row.retryable is None
    steps = [t["to_state"] for t in journal.transitions(7, SHA)]
    assert steps == ["queued", "failed", "uploading"]
    journal.close()


def test_history_filters_and_unfinished(tmp_path):
    journal = J.Journal(tmp_path / "j.sqlite3")
    for i, state in enumerate([J.VERIFIED, J.FAILED, J.IMPORTING, J.DUPLICATE, J.QUEUED]):
        sha = f"{i}" * 64
        make(journal, sha)
        if state == J.FAILED:
            journal.mark_failed(7, sha, Text("x", "x"), retryable=False)
        elif state == J.DUPLICATE:
            journal.mark_duplicate(7, sha, {"invoice_id": 1}, Text("d", "d"))
        elif state != J.QUEUED:
            journal.transition(7, sha, state)
    make(journal, "f" * 64, company=8)
    assert {r.state for r in journal.rows(7)} == {"verified", "failed", "importing", "duplicate", "queued"}
    assert [r.state for r in journal.rows(7, states=["failed"])] == ["failed"]
    assert {r.state for r in journal.unfinished(7)} == {"failed", "importing", "queued"}
    assert len(journal.rows()) == 6
    assert journal.counts(7)["verified"] == 1
    dup = journal.rows(7, states=[J.DUPLICATE])[0]
    assert dup.evidence_data == {"invoice_id": 1} and dup.finished
    journal.close()


def test_export_csv(tmp_path):
    journal = J.Journal(tmp_path / "j.sqlite3")
    make(journal, file_name="facture é.pdf", invoice_number="F-1", amount="120.00", counterpart_name="Au bon moulin")
    journal.transition(7, SHA, J.VERIFIED, invoice_id=99, file_attachment_id=4)
    make(journal, "b" * 64, company=8)
    out = tmp_path / "history.csv"
    assert journal.export_csv(out, company_id=7) == 1
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["file_name"] == "facture é.pdf" and rows[0]["invoice_id"] == "99"
    assert rows[0]["state"] == "verified" and rows[0]["amount"] == "120.00"
    buffer = io.StringIO()
    assert journal.export_csv(buffer) == 2
    journal.close()


def test_record_edit(tmp_path):
    journal = J.Journal(tmp_path / "j.sqlite3")
    edit_id = journal.record_edit(7, 42, {"label": "a"}, {"label": "b"}, kind="supplier")
    assert edit_id > 0
    (edit,) = journal.edits(7, 42)
    assert edit["before"] == {"label": "a"} and edit["after"] == {"label": "b"} and edit["kind"] == "supplier"
    assert journal.edits(7, 43) == []
    journal.close()


def test_threads_share_one_journal(tmp_path):
    journal = J.Journal(tmp_path / "j.sqlite3")
    errors = []

    def work(n: int) -> None:
        try:
            for i in range(25):
                sha = f"{n:02d}{i:02d}".ljust(64, "0")
                make(journal, sha)
                journal.transition(7, sha, J.UPLOADING)
                journal.transition(7, sha, J.UPLOADED, file_attachment_id=i)
                journal.rows(7, states=[J.UPLOADED], limit=5)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert journal.counts(7) == {"uploaded": 150}
    journal.close()


def test_unknown_column_or_state_is_refused(tmp_path):
    journal = J.Journal(tmp_path / "j.sqlite3")
    make(journal)
    with pytest.raises(ValueError):
        journal.update(7, SHA, token="secret")
    with pytest.raises(ValueError):
        journal.transition(7, SHA, "teleported")
    with pytest.raises(KeyError):
        journal.transition(7, "c" * 64, J.UPLOADING)
    journal.close()


def test_external_reference_is_deterministic_short_and_company_scoped():
    ref = external_reference(7, SHA)
    assert ref == external_reference(7, SHA.upper()) == external_reference("7", SHA)
    assert ref != external_reference(8, SHA) and ref != external_reference(7, "b" * 64)
    assert ref.startswith("pli-") and len(ref) == 28 and is_ours(ref)
    assert not is_ours("abc") and not is_ours(None)
    with pytest.raises(ValueError):
        external_reference(7, "")
