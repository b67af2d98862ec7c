"""Issue #16: one document, one state — the queue, the form, the status bar and the batch controls
never disagree. Each test reproduces a defect seen with the demo (it failed before its fix)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QToolButton

from app.jobs.document import DocumentStatus
from tests.ui.test_import_ui import (  # noqa: F401 (fixtures)
    TIMEOUT,
    add_rows,
    client,
    make_row,
    standin,
    window,
)


@pytest.fixture(autouse=True)
def accept_batches(monkeypatch):
    """Import all's confirmation accepts what it is shown, warned invoices included (recorded)."""
    from app.ui.import_controller import ImportController

    shown: list = []

    def confirm(self, rows):
        shown.append(list(rows))
        return list(rows)

    monkeypatch.setattr(ImportController, "confirm_batch", confirm)
    return shown


def test_pause_and_stop_are_offered_while_import_all_runs(qtbot, window, standin, tmp_path):
    """Defect 1: the menu items stayed grey and no button appeared beside the progress bar."""
    rows = add_rows(window, [make_row(standin, tmp_path, f"AM-P{n}", net=f"{100 + n}.00") for n in range(6)])
    imports = window.imports
    with qtbot.waitSignal(imports.run_finished, timeout=TIMEOUT):
        imports.import_all_action.trigger()
        assert imports.running
        assert imports.pause_action.isEnabled() and imports.cancel_action.isEnabled()
        visible = [b.defaultAction().objectName() for b in imports.status_buttons if b.isVisibleTo(window)]
        assert "pauseImportAction" in visible and "cancelImportAction" in visible, visible
    assert not imports.pause_action.isEnabled() and all(not b.isVisibleTo(window) for b in imports.status_buttons)
    assert all(r.status is DocumentStatus.IMPORTED for r in rows)


def test_a_corrected_unbalanced_invoice_becomes_ready_in_the_queue_and_the_status_bar(qtbot, window, standin, tmp_path):
    """Defect 4: corrected in the form, it stayed 'Needs attention' (and in the status bar's count)."""
    (row,) = add_rows(window, [make_row(standin, tmp_path, "AM-UNB", tax_override="25.00")])
    panel = window.queue_panel
    panel.prepare_all()
    assert row.status is DocumentStatus.NEEDS_ATTENTION
    summary = window.findChild(type(window.queue_summary), "queueSummary")
    assert "1 to check" in summary.text()
    panel.select(row)
    form = window.form_panel
    assert not form.import_button.isEnabled()
    form.total_tax_edit.set_value(Decimal("20.00"))
    form.total_tax_edit.value_changed.emit(Decimal("20.00"))
    form.total_edit.set_value(row.draft.amount_before_tax + Decimal("20.00"))
    form.total_edit.value_changed.emit(row.draft.amount_before_tax + Decimal("20.00"))
    assert form.import_button.isEnabled()
    assert row.status is DocumentStatus.READY
    assert "1 ready" in summary.text() and "to check" not in summary.text()


def test_a_row_is_not_ready_while_its_form_wants_a_supplier(qtbot, window, standin, tmp_path):
    """Defect 4, the other way: 'Ready' in the queue while the form says the supplier must be chosen."""
    row = make_row(standin, tmp_path, "AM-NOSUP")
    row.draft.counterpart_id = None
    row.draft.seller = None  # nothing to match with
    add_rows(window, [row])
    window.queue_panel.prepare_all()
    assert row.status is DocumentStatus.NEEDS_ATTENTION and "supplier" in str(row.reason)
    window.queue_panel.select(row)
    assert not window.form_panel.import_button.isEnabled()


def test_a_duplicate_row_is_not_offered_for_import_in_its_form(qtbot, window, standin, tmp_path):
    """Defect 4: 'Duplicate' rows showed a green, balanced form with Import enabled."""
    from app.domain.text import Text

    row = make_row(standin, tmp_path, "AM-DUPF")
    row.status = DocumentStatus.DUPLICATE
    row.reason = Text("Déjà importée (n° 12).", "Already imported (#12).")
    add_rows(window, [row])
    window.queue_panel.select(row)
    form = window.form_panel
    assert not form.import_button.isEnabled()
    assert form.import_hint.severity == "warning" and "Import anyway" in form.import_hint.message()


def test_a_first_unreadable_file_does_not_leave_the_form_reading(qtbot, tmp_path):
    """Defect 7: the form stayed on 'Reading “notes.txt”…' for good."""
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    notes = tmp_path / "notes.pdf"
    notes.write_text("not a pdf at all")
    window.open_paths([notes])
    qtbot.waitUntil(lambda: window.queue_panel.model.rowCount() == 1
                    and window.queue_panel.model.row_at(0).is_final, timeout=TIMEOUT)
    text = window.form_panel.placeholder.text()
    assert "Reading" not in text and "notes.pdf" in text, text


def sample_rows(tmp_path, *names):
    """Queue rows of demo samples as intake leaves them (read as purchases, not yet prepared)."""
    from app.jobs.document import DocumentRow
    from app.standin import samples
    from app.jobs.intake_work import read_for_queue

    paths = {p.name: p for p in samples.write_samples(tmp_path / "samples")}
    rows = []
    for name in names:
        outcome = read_for_queue(paths[name])
        reading = outcome.reading
        rows.append(DocumentRow(path=reading.path, name=name, sha256=reading.sha256, size=reading.size,
                                pages=reading.pages, status=DocumentStatus.READY, reading=reading, draft=outcome.draft))
    return rows


WARNED = "au-bon-moulin-AM-2026-1254.pdf"  # its IBAN is not the one Pennylane knows for Au bon moulin
PLAIN = "au-bon-moulin-AM-2026-1187.pdf"


def test_import_all_asks_first_and_holds_the_warned_invoice(qtbot, window, standin, tmp_path, accept_batches, monkeypatch):
    """Defect 2: Import all was one click with no summary, and the IBAN-changed invoice left like the others."""
    from app.ui.import_controller import ImportController

    warned, plain = add_rows(window, sample_rows(tmp_path, WARNED, PLAIN))
    window.queue_panel.prepare_all()
    assert warned.status is DocumentStatus.READY and [w.code for w in warned.warnings] == ["iban_changed"]
    assert "differs from the one known for Au bon moulin" in str(warned.reason)  # visible in the queue too
    # a person who ticks nothing: the warned invoice stays, with its reason
    monkeypatch.setattr(ImportController, "confirm_batch", lambda self, rows: [r for r in rows if not r.warnings])
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT) as blocker:
        window.imports.import_all_action.trigger()
    assert [r.file.rsplit("/", 1)[-1] for r in blocker.args[0]] == [PLAIN]
    assert plain.status is DocumentStatus.IMPORTED
    assert warned.status is DocumentStatus.READY and "before paying" in str(warned.reason)
    # cancelling sends nothing
    monkeypatch.setattr(ImportController, "confirm_batch", lambda self, rows: None)
    window.imports.import_all_action.trigger()
    assert not window.imports.running and warned.status is DocumentStatus.READY


def test_the_confirmation_states_count_total_company_and_each_warning(qtbot, window, standin, tmp_path):
    from app.ui.batch_confirm import BatchConfirmDialog

    rows = add_rows(window, sample_rows(tmp_path, WARNED, PLAIN))
    window.queue_panel.prepare_all()
    dialog = BatchConfirmDialog(rows, window.session.company.name, window)
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == "Import 2 invoices into Pennylane?"
    from app.domain.money import format_money

    total = sum(r.draft.amount for r in rows)
    assert total > 0 and "Atelier Demo SAS" in dialog.summary.text()
    assert format_money(total, "EUR") in dialog.summary.text()
    (check, row), = dialog.checks
    assert row is rows[0] and not check.isChecked()
    assert dialog.chosen_rows() == [rows[1]] and dialog.import_button.text() == "Import 1 invoice"
    check.setChecked(True)
    assert dialog.chosen_rows() == rows and dialog.import_button.text() == "Import 2 invoices"


@pytest.fixture
def slow_standin():
    from app.standin.server import StandIn

    with StandIn(rate_limit=(4, 1.2)) as s:  # Pennylane's 25 / 5 s, scaled down to make waits happen
        yield s


def test_a_wait_for_the_rate_limit_is_said_on_the_row_and_in_the_status_bar(qtbot, slow_standin, tmp_path):
    """Defect 9: progress froze (75 % for about 4 s) with no word."""
    from app.pennylane.client import PennylaneClient
    from app.pennylane.ratelimit import RateLimiter
    from app.ui.main_window import MainWindow
    from tests.ui.test_import_ui import connect

    standin = slow_standin
    client = PennylaneClient(standin.demo_token, standin.url, limiter=RateLimiter(4, 1.2),
                             backoff_base=0.02, backoff_cap=0.2)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    try:
        connect(qtbot, window, client)
        rows = add_rows(window, [make_row(standin, tmp_path, f"AM-RL{n}", net=f"{200 + n}.00") for n in range(3)])
        said_rows: list[str] = []
        said_bar: list[str] = []
        window.statusBar().messageChanged.connect(said_bar.append)
        window.queue_panel.model.dataChanged.connect(
            lambda *_: said_rows.extend(str(r.reason) for r in rows if r.imports.waiting))
        with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT):
            window.imports.import_all_action.trigger()
        assert all(r.status is DocumentStatus.IMPORTED for r in rows)
        waits = [t for t in said_bar if "rate limit" in t]
        assert waits and "4 requests per 1.2 s" in waits[0] and "resuming in" in waits[0], said_bar
        assert any("rate limit" in t for t in said_rows)
        assert all(r.imports.waiting is None for r in rows)
    finally:
        client.close()


def import_rows_now(qtbot, window, rows):
    with qtbot.waitSignal(window.imports.run_finished, timeout=TIMEOUT) as blocker:
        window.imports.import_rows(rows)
    return blocker.args[0]


def test_leaving_edit_mode_shows_the_selected_row_and_only_its_own_state(qtbot, window, standin, tmp_path):
    """Defect 3: History → Edit on another invoice → Save → Close left the first invoice's outcome
    box, a Factur-X route selector from the previous row and 'Editing … (#id)' in the status bar,
    with no document shown; clicking the highlighted row did not reload it."""
    first, second = add_rows(window, [make_row(standin, tmp_path, "AM-E1"), make_row(standin, tmp_path, "AM-E2", net="150.00")])
    (waiting,) = add_rows(window, [make_row(standin, tmp_path, "AM-E3", net="170.00")])  # a Factur-X still to import
    results = import_rows_now(qtbot, window, [first, second])
    assert all(r.status is DocumentStatus.IMPORTED for r in (first, second)), results
    panel, form, imports = window.queue_panel, window.form_panel, window.imports
    panel.select(first)
    outcome = imports.outcome_box
    assert outcome.isVisible() and f"#{first.imports.invoice_id}" in outcome.text.text()
    assert not imports.route_box.isVisible()  # imported: no route to choose any more
    panel.select(waiting)
    assert imports.route_box.isVisible() and not outcome.isVisible()  # a Factur-X file: its route is offered

    with qtbot.waitSignal(window.editing.loaded, timeout=TIMEOUT):
        window.editing.open_invoice("supplier", second.imports.invoice_id)
    assert form.editing and form.row is window.editing.row
    # the editing form is about invoice #second: no other row's route or outcome remains
    assert not outcome.isVisible() and not imports.route_box.isVisible()

    window.editing.request_close()
    assert not form.editing
    assert form.row is waiting and form.stack.currentWidget() is form.scroll  # the selected row, shown again
    assert imports.route_box.isVisible() and imports.route_box.row is waiting and not outcome.isVisible()
    assert "Editing" not in window.statusBar().currentMessage()
    panel.select(first)
    assert outcome.isVisible() and f"#{first.imports.invoice_id}" in outcome.text.text()


def test_an_imported_invoice_s_form_is_read_only_and_offers_edit_mode(qtbot, window, standin, tmp_path):
    """Defect 6: an imported invoice's form stayed editable and the edits went nowhere, silently."""
    (row,) = add_rows(window, [make_row(standin, tmp_path, "AM-RO")])
    window.queue_panel.select(row)
    form = window.form_panel
    assert form.invoice_number_edit.isEnabled() and not form.invoice_number_edit.isReadOnly()
    import_rows_now(qtbot, window, [row])
    assert row.status is DocumentStatus.IMPORTED
    assert form.read_only
    assert form.invoice_number_edit.isReadOnly() and not form.lines_view.editTriggers()
    assert not form.total_edit.isEnabled() or form.total_edit.isReadOnly()
    assert not form.add_line_action.isEnabled() and not form.kind_selector.isEnabled()
    button = form.edit_imported_button
    assert button.isVisible() and button.isEnabled()
    with qtbot.waitSignal(window.editing.loaded, timeout=TIMEOUT) as blocker:
        button.click()
    assert blocker.args[0].invoice_id == row.imports.invoice_id
    assert form.editing and not form.read_only and form.invoice_number_edit.isEnabled() and not form.invoice_number_edit.isReadOnly()
    window.editing.request_close()
    assert form.row is row and form.read_only  # back to the imported row: read-only again


def test_a_second_demo_session_is_not_polluted_by_the_first(qtbot, tmp_path):
    """Defect 8: every sample showed 'Duplicate' in a second demo (the journal persisted while the
    demo stand-in started empty), and History offered invoices that no longer existed."""
    from app.standin import samples
    from app.ui.main_window import MainWindow

    path = next(p for p in samples.write_samples(tmp_path / "s") if p.name == PLAIN)

    def demo_window():
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        standin = window.start_demo()
        qtbot.waitUntil(lambda: window.session.reference_data is not None, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: window.imports.journal is not None, timeout=TIMEOUT)
        window.open_paths([path])
        panel = window.queue_panel
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.row_at(0).is_final, timeout=TIMEOUT)
        return window, standin, panel.model.row_at(0)

    first, standin, row = demo_window()
    try:
        assert row.status is DocumentStatus.READY
        import_rows_now(qtbot, first, [row])
        assert row.status is DocumentStatus.IMPORTED
        journal_one = first.imports.journal_path
    finally:
        first.close()
        standin.stop()

    second, standin, row = demo_window()
    try:
        assert row.status is DocumentStatus.READY, row.reason  # not 'Already imported' by a stand-in now gone
        assert second.imports.journal_path != journal_one
        company = str(second.session.company.id)
        assert second.imports.journal.rows(company) == []  # History: nothing from the first demo
    finally:
        second.close()
        standin.stop()


def test_a_sale_keeps_its_quantities_in_the_form(qtbot, tmp_path):
    """Defect 5: the Factur-X said 50 × 28.44 and 6 × 45.00; the form showed 1 × 1,422.00 and 1 × 270.00."""
    from datetime import date

    from app.domain.invoice import InvoiceKind
    from app.jobs.document import DocumentRow
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document
    from app.standin import samples
    from app.ui.form_panel import InvoiceFormPanel
    from app.ui.session import Session
    from tests.ui.test_form import COMPANY, reference

    sale = samples.Invoice(
        "FA-QTY-2", date(2026, 3, 2), samples.Party("Atelier Demo SAS", siren=COMPANY.reg_no),
        samples.Party("Ma jolie boutique", siren="787878784"),
        (samples.Line("Carnets", Decimal(50), Decimal("28.44")), samples.Line("Atelier", Decimal(6), Decimal("45.00"))),
        due=date(2026, 4, 1),
    )
    reading = read_document(samples.invoice_pdf(tmp_path / "vente.pdf", sale, facturx=True))
    row = DocumentRow(reading.path, reading.name, status=DocumentStatus.READY, reading=reading,
                      draft=to_draft(reading, InvoiceKind.SUPPLIER))  # intake reads every file as a purchase
    session = Session()
    session.company = COMPANY
    session.reference_data = reference()
    form = InvoiceFormPanel()
    qtbot.addWidget(form)
    form.set_session(session)
    form.set_document(row)
    assert form.kind_selector.currentData() == "customer"
    assert [(line.quantity, line.unit_price) for line in form.draft.lines] == [(50, Decimal("28.44")), (6, Decimal("45.00"))]
    assert row.draft is form.draft and form.import_button.isEnabled()
