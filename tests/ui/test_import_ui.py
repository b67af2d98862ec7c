"""Importing from the window, against an in-process stand-in (fast, scaled rate limit).

Every wait is on a signal (the controller's ``run_finished`` is emitted after ``QThread.finished``);
nothing sleeps. Modal dialogs are monkeypatched.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressBar

from app.jobs import journal as J
from app.jobs.cancel import CancelToken
from app.jobs.import_job import CANCELLED, DUPLICATE, FAILED, ImportJob, VERIFIED
from app.jobs.pipeline import ImportPipeline
from app.jobs.progress import STEP_IMPORT, STEP_UPLOAD
from app.pdf.draft import to_draft
from app.pdf.reader import read_document
from app.pennylane.client import PennylaneClient
from app.pennylane.ratelimit import RateLimiter
from app.standin.server import StandIn
from app.ui.queue_model import DocumentRow, DocumentStatus
from tests.jobs.facturx_gen import facturx_pdf

TIMEOUT = 30_000


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def standin():
    with StandIn(rate_limit=(200, 1.0)) as s:  # the real one is 25 / 5 s; scaled to keep tests short
        yield s


def make_client(standin: StandIn) -> PennylaneClient:
    return PennylaneClient(standin.demo_token, standin.url, limiter=RateLimiter(200, 1.0),
                           backoff_base=0.02, backoff_cap=0.2)


@pytest.fixture
def client(standin):
    c = make_client(standin)
    yield c
    c.close()


def connect(qtbot, window, client) -> None:
    """Adopt a checked client; wait for the journal and the look for unfinished imports."""
    with qtbot.waitSignal(window.imports.unfinished_found, timeout=TIMEOUT):
        window.session.set_client(client, client.me())
    qtbot.waitUntil(lambda: window.session.reference_data is not None, timeout=TIMEOUT)


@pytest.fixture
def window(qtbot, client):
    from app.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    connect(qtbot, w, client)
    yield w
    assert not w.imports.running


def supplier_id(standin: StandIn) -> int:
    co = standin.state.company(standin.demo_company_id)
    return next(s["id"] for s in co.suppliers.values() if s["name"] == "Au bon moulin")


def invoices(standin):
    return standin.state.invoices(standin.demo_company_id, "supplier")


def attachments(standin):
    return standin.state.attachments(standin.demo_company_id)


def make_row(standin: StandIn, folder: Path, number: str, **kw) -> DocumentRow:
    """A READY row as the intake leaves it, with the counterpart the form would have matched."""
    path = facturx_pdf(folder / f"{number}.pdf", number, **kw)
    reading = read_document(path)
    assert reading.error is None, reading.error
    draft = to_draft(reading, "supplier")
    draft.counterpart_id = supplier_id(standin)
    return DocumentRow(path=path, name=path.name, sha256=reading.sha256, size=reading.size, pages=reading.pages,
                       status=DocumentStatus.READY, reading=reading, draft=draft)


def add_rows(window, rows: list[DocumentRow]) -> list[DocumentRow]:
    window.queue_panel.model.add_rows(rows)
    return rows


def import_all(qtbot, window):
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT) as blocker:
        window.imports.import_all_action.trigger()
    return blocker.args[0]


# -- tests -----------------------------------------------------------------------------------------


def test_import_one_ready_row_from_the_form(qtbot, window, standin, tmp_path):
    (row,) = add_rows(window, [make_row(standin, tmp_path, "AM-ONE")])
    window.queue_panel.select(row)
    form = window.form_panel
    assert form.row is row
    qtbot.waitUntil(form.import_button.isEnabled, timeout=TIMEOUT)
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT) as blocker:
        form.import_button.click()
    (result,) = blocker.args[0]
    assert result.status == VERIFIED, result.reason
    (invoice,) = invoices(standin)
    assert row.status is DocumentStatus.IMPORTED and row.progress is None
    assert row.imports.invoice_id == invoice["id"] == result.invoice_id
    assert f"#{invoice['id']}" in str(row.reason)
    assert len(attachments(standin)) == 1
    bar = window.findChild(QProgressBar, "batchProgress")
    assert bar is not None and not bar.isVisible()  # shown only while a batch runs
    assert "1 imported" in window.statusBar().currentMessage()


def test_import_all_skips_the_unbalanced_and_marks_the_duplicate(qtbot, window, standin, tmp_path, client):
    # an invoice imported earlier from another computer (another journal): Pennylane holds it
    dup = make_row(standin, tmp_path, "AM-DUP")
    elsewhere = J.Journal(tmp_path / "other-journal.sqlite3")
    done = ImportPipeline(client, elsewhere, standin.demo_company_id).run(
        ImportJob.from_reading(dup.reading, "supplier", draft=dup.draft.model_copy(deep=True)))
    elsewhere.close()
    assert done.status == VERIFIED
    good = [make_row(standin, tmp_path, f"AM-{n}", net=f"{100 + n}.00") for n in range(1, 4)]
    bad = make_row(standin, tmp_path, "AM-BAD", net="100.00", tax_override="25.00")
    add_rows(window, [good[0], bad, good[1], dup, good[2]])

    seen_progress = []
    window.imports.progress_bar.valueChanged.connect(seen_progress.append)
    results = import_all(qtbot, window)

    assert sorted(r.status for r in results) == sorted([VERIFIED] * 3 + [DUPLICATE])
    assert all(r.status is DocumentStatus.IMPORTED for r in good)
    assert len(invoices(standin)) == 4 and len(attachments(standin)) == 4
    # the unbalanced one was never sent and stays with its reason
    assert bad.status is DocumentStatus.NEEDS_ATTENTION and "unbalanced" in str(bad.reason)
    assert bad in window.queue_panel.model
    # the duplicate is marked with its evidence and nothing was sent for it
    assert dup.status is DocumentStatus.DUPLICATE
    assert str(dup.reason).startswith(f"Duplicate of Pennylane invoice #{done.invoice_id}")
    assert dup.imports.invoice_id == done.invoice_id
    assert seen_progress and max(seen_progress) == 1000

    # importing it anyway needs the explicit confirmation
    window.queue_panel.select(dup)

    def refuse(box):
        assert box.objectName() == "forceImportDialog" and "duplicates" in box.text()
        return QMessageBox.StandardButton.Cancel

    monkey = pytest.MonkeyPatch()
    monkey.setattr(QMessageBox, "exec", refuse)
    window.imports.force_selected()
    assert dup.status is DocumentStatus.DUPLICATE and len(invoices(standin)) == 4

    def accept(box):
        (button,) = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
        button.click()
        return 0

    monkey.setattr(QMessageBox, "exec", accept)
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT) as blocker:
        window.imports.force_selected()
    monkey.undo()
    (forced,) = blocker.args[0]
    assert forced.status == VERIFIED and dup.status is DocumentStatus.IMPORTED
    assert len(invoices(standin)) == 5


def test_a_failure_stays_in_the_queue_with_its_reason_and_can_be_retried(qtbot, window, standin, tmp_path):
    rows = add_rows(window, [make_row(standin, tmp_path, f"AM-F{n}", net=f"{200 + n}.00") for n in range(3)])
    rows[1].path.rename(rows[1].path.with_suffix(".moved"))  # the file vanished after it was read
    results = import_all(qtbot, window)
    assert Counter(r.status for r in results) == {VERIFIED: 2, FAILED: 1}
    assert rows[1].status is DocumentStatus.ERROR and "AM-F1.pdf" in str(rows[1].reason)
    assert "Retry" in str(rows[1].reason)
    assert rows[0].status is rows[2].status is DocumentStatus.IMPORTED
    # put the file back, retry from the context menu's action
    rows[1].path.with_suffix(".moved").rename(rows[1].path)
    window.queue_panel.select(rows[1])
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT):
        window.imports.retry_action.trigger()
    assert rows[1].status is DocumentStatus.IMPORTED and len(invoices(standin)) == 3


def test_cancel_mid_batch_loses_nothing_and_a_second_run_finishes(qtbot, window, standin, tmp_path):
    rows = add_rows(window, [make_row(standin, tmp_path, f"AM-C{n}", net=f"{300 + n}.00") for n in range(6)])
    imports = window.imports

    def stop_during_the_second(index, step, _fraction):
        if index == 1 and step == STEP_UPLOAD:
            imports.cancel()

    imports.run_started.connect(lambda _n: imports.run.job_progress.connect(stop_during_the_second))
    results = import_all(qtbot, window)
    statuses = Counter(r.status for r in results)
    # The cancel travels to the GUI thread as a queued signal: a job or two more may finish first.
    assert statuses[CANCELLED] >= 1 and statuses[VERIFIED] >= 1, statuses
    assert sum(statuses.values()) == 6, statuses
    # every row is still in the queue, either imported or back to ready
    assert all(r in window.queue_panel.model for r in rows)
    imported = [r for r in rows if r.status is DocumentStatus.IMPORTED]
    assert len(imported) == statuses[VERIFIED]
    assert all(r.status is DocumentStatus.READY for r in rows if r not in imported)
    # the journal agrees with Pennylane
    journal = imports.journal
    cid = standin.demo_company_id
    created = 0
    for row in rows:
        entry = journal.get(cid, row.sha256)
        if row in imported:
            assert entry.state == J.VERIFIED and entry.invoice_id is not None
        elif entry is not None and entry.invoice_id is not None:
            # stopped after Pennylane created it, before the check: the journal knows the invoice
            assert entry.state in (J.IMPORTED, J.CATEGORIZED) and f"#{entry.invoice_id}" in str(row.reason)
        else:
            assert entry is None or entry.state in (J.QUEUED, J.UPLOADED), entry
        created += entry is not None and entry.invoice_id is not None
    assert len(invoices(standin)) == created

    imports.run_started.disconnect()
    results = import_all(qtbot, window)
    assert all(r.status == VERIFIED for r in results) and len(results) == 6 - len(imported)
    assert all(r.status is DocumentStatus.IMPORTED for r in rows)
    assert len(invoices(standin)) == 6
    refs = Counter(inv["external_reference"] for inv in invoices(standin))
    used = Counter(inv["file_attachment_id"] for inv in invoices(standin))
    assert max(refs.values()) == 1 and max(used.values()) == 1


def test_pause_then_resume(qtbot, window, standin, tmp_path):
    add_rows(window, [make_row(standin, tmp_path, f"AM-P{n}", net=f"{400 + n}.00") for n in range(3)])
    imports = window.imports
    paused = []

    def pause_once(index, step, _fraction):
        if index == 0 and step == STEP_UPLOAD and not paused:
            imports.pause()
            paused.append(True)
            assert imports.resume_action.isEnabled() and not imports.pause_action.isEnabled()
            assert "Paused" in imports.progress_bar.format()
            imports.resume()

    imports.run_started.connect(lambda _n: imports.run.job_progress.connect(pause_once))
    results = import_all(qtbot, window)
    assert paused and all(r.status == VERIFIED for r in results)


def test_interrupted_imports_come_back_with_a_banner(qtbot, standin, client, tmp_path):
    from app.ui.main_window import MainWindow

    # a previous run was interrupted after the upload was recorded
    row = make_row(standin, tmp_path, "AM-INT")
    journal = J.Journal(J.default_path())
    token = CancelToken()

    def stop_at_import(step, _fraction):
        if step == STEP_IMPORT:
            token.cancel()

    job = ImportJob.from_reading(row.reading, "supplier", draft=row.draft)
    assert ImportPipeline(client, journal, standin.demo_company_id).run(
        job, progress=stop_at_import, cancel=token).status == CANCELLED
    assert journal.get(standin.demo_company_id, row.sha256).state == J.UPLOADED
    journal.close()
    assert len(attachments(standin)) == 1 and invoices(standin) == []

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    connect(qtbot, w, client)
    banner = w.imports.banner
    assert banner.isVisible() and banner.objectName() == "resumeBanner"
    assert "1 import was interrupted" in banner.label.text()
    with qtbot.waitSignal(w.imports.run_finished, timeout=TIMEOUT) as blocker:
        banner.resume_button.click()
    (result,) = blocker.args[0]
    assert result.status == VERIFIED, result.reason
    assert not banner.isVisible()
    (queued,) = w.queue_panel.model.rows()
    assert queued.status is DocumentStatus.IMPORTED and queued.name == "AM-INT.pdf"
    assert len(invoices(standin)) == 1 and len(attachments(standin)) == 1  # the upload was not repeated


def test_route_choice_for_a_factur_x_en16931_file(qtbot, window, standin, tmp_path):
    (row,) = add_rows(window, [make_row(standin, tmp_path, "AM-ROUTE")])
    window.queue_panel.select(row)
    box = window.imports.route_box
    assert box.isVisible() and box.combo.isVisible()
    assert box.combo.currentData() == J.ROUTE_IMPORT and "EN 16931" in box.note.text()
    box.combo.setCurrentIndex(box.combo.findData(J.ROUTE_E_INVOICE))
    assert "Pennylane will read the lines" in box.note.text()
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT) as blocker:
        window.imports.import_rows([row])
    (result,) = blocker.args[0]
    assert result.status == VERIFIED, result.reason
    assert window.imports.journal.get(standin.demo_company_id, row.sha256).route == J.ROUTE_E_INVOICE


def test_closing_the_window_during_a_batch_stops_it_first(qtbot, window, standin, tmp_path):
    add_rows(window, [make_row(standin, tmp_path, f"AM-Q{n}", net=f"{500 + n}.00") for n in range(4)])
    imports = window.imports
    with qtbot.waitSignal(imports.run_finished, timeout=TIMEOUT):
        imports.import_all_action.trigger()
        assert imports.running
        assert window.close() is False  # not yet: the batch stops at its next checkpoint
        assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    for row in window.queue_panel.model.rows():
        assert row.status in (DocumentStatus.IMPORTED, DocumentStatus.READY)


def test_import_all_sets_each_rows_kind_from_the_document(qtbot, window, standin, tmp_path):
    """Rows never shown in the form are read as purchases; Import all finds the sale (the company is
    its seller), imports it as a customer invoice, and matches each counterpart."""
    from tests.jobs.facturx_gen import customer_pdf

    def as_intake_leaves_it(path):
        reading = read_document(path)
        return DocumentRow(path=path, name=path.name, sha256=reading.sha256, size=reading.size,
                           pages=reading.pages, status=DocumentStatus.READY, reading=reading,
                           draft=to_draft(reading, "supplier"))

    purchase = as_intake_leaves_it(facturx_pdf(tmp_path / "achat.pdf", "AM-K1"))
    sale = as_intake_leaves_it(customer_pdf(tmp_path / "vente.pdf", "FA-K1"))
    add_rows(window, [purchase, sale])
    results = import_all(qtbot, window)
    assert sorted(r.status for r in results) == [VERIFIED, VERIFIED]
    assert purchase.status is sale.status is DocumentStatus.IMPORTED
    company = standin.demo_company_id
    assert len(standin.state.invoices(company, "supplier")) == 1
    assert len(standin.state.invoices(company, "customer")) == 1


def test_a_file_dropped_again_after_its_import_is_marked_duplicate_at_once(qtbot, window, standin, tmp_path):
    row = make_row(standin, tmp_path, "AM-AGAIN")
    add_rows(window, [row])
    results = import_all(qtbot, window)
    assert [r.status for r in results] == [VERIFIED]
    window.queue_panel.model.remove_rows([row])
    # the same file comes back (another drop): the queue says it is already in Pennylane
    window.open_paths([row.path])
    panel = window.queue_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and all(r.is_final for r in panel.model.rows()),
                    timeout=TIMEOUT)
    (again,) = panel.model.rows()
    assert again.status is DocumentStatus.DUPLICATE
    assert f"{results[0].invoice_id}" in str(again.reason)
    assert len(invoices(standin)) == 1


def test_an_imported_row_cannot_be_imported_again_from_the_form(qtbot, window, standin, tmp_path):
    row = make_row(standin, tmp_path, "AM-ONCE")
    add_rows(window, [row])
    window.queue_panel.select(row)
    form = window.form_panel
    qtbot.waitUntil(lambda: form.row is row and form.import_button.isEnabled(), timeout=TIMEOUT)
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT):
        form.import_button.click()
    assert row.status is DocumentStatus.IMPORTED
    qtbot.waitUntil(lambda: not form.import_button.isEnabled(), timeout=TIMEOUT)
    assert "already in Pennylane" in form.import_button.toolTip()
    assert str(row.imports.invoice_id) in form.import_button.toolTip()


def test_a_revoked_token_fails_the_rows_keeps_them_and_asks_to_sign_in_again(qtbot, window, standin, tmp_path,
                                                                              client, monkeypatch):
    asked = []
    monkeypatch.setattr(window.accounts, "add_company", lambda *a, **k: asked.append(True))
    row = make_row(standin, tmp_path, "AM-401")
    add_rows(window, [row])
    standin.revoke_token(standin.demo_token)
    results = import_all(qtbot, window)
    assert [r.status for r in results] == [FAILED]
    assert results[0].sign_in and results[0].retryable
    assert row in window.queue_panel.model and row.status is DocumentStatus.ERROR
    qtbot.waitUntil(lambda: asked == [True], timeout=TIMEOUT)
    assert invoices(standin) == []


# -- moving on after an import (issue #19 item 8) ---------------------------------------------------


def _import_current(qtbot, window, *, then=None):
    form = window.form_panel
    qtbot.waitUntil(form.import_button.isEnabled, timeout=TIMEOUT)
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT):
        form.import_button.click()
        if then is not None:
            then()
    return window.statusBar().currentMessage()


def test_after_an_import_the_next_document_to_check_is_selected(qtbot, window, standin, tmp_path):
    rows = add_rows(window, [make_row(standin, tmp_path, f"AM-M{n}", net=f"{400 + n}.00") for n in range(4)])
    rows[1].status = rows[3].status = DocumentStatus.NEEDS_ATTENTION
    rows[1].form.counterpart_decided = rows[3].form.counterpart_decided = True
    rows[1].draft.counterpart_id = rows[3].draft.counterpart_id = None  # no supplier chosen: to check
    panel = window.queue_panel
    panel.update_rows(rows)
    assert [r.status for r in rows] == [DocumentStatus.READY, DocumentStatus.NEEDS_ATTENTION,
                                        DocumentStatus.READY, DocumentStatus.NEEDS_ATTENTION]
    panel.select(rows[2])
    said = _import_current(qtbot, window)
    assert rows[2].status is DocumentStatus.IMPORTED
    assert panel.current_row is rows[3]  # after it in the queue, as F8 goes
    assert panel.view.currentIndex() == panel.view_index(rows[3])
    assert "1 imported" in said and "Next to check: “AM-M3.pdf”" in said


def test_no_move_when_the_person_went_elsewhere_or_nothing_is_left(qtbot, window, standin, tmp_path):
    rows = add_rows(window, [make_row(standin, tmp_path, f"AM-N{n}", net=f"{500 + n}.00") for n in range(3)])
    panel = window.queue_panel
    panel.select(rows[0])
    said = _import_current(qtbot, window, then=lambda: panel.select(rows[2]))  # moved on by hand meanwhile
    assert rows[0].status is DocumentStatus.IMPORTED and panel.current_row is rows[2]
    assert "Next to check" not in said and "Nothing left" not in said
    said = _import_current(qtbot, window)  # rows[2]: nothing needs checking in the queue
    assert rows[2].status is DocumentStatus.IMPORTED and panel.current_row is rows[2]  # stays
    assert "Nothing left to check in the queue." in said
