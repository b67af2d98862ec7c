"""Demo mode: the queue's empty state offers sample invoices addressed to the demo company."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.config import app_dirs
from app.standin.samples import sample_specs
from app.ui.queue_model import DocumentStatus


def test_the_samples_button_is_for_demo_mode_only(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    button = window.findChild(QPushButton, "openSamplesButton")
    assert button is not None and button.isHidden()
    assert button.text() == "Open sample invoices"
    assert window.queue_panel.empty_state.text() == "Drop your invoice PDFs here\n\nor press Ctrl+O to browse"


def test_opening_the_samples_fills_the_queue_with_ready_rows(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    standin = window.start_demo()
    panel = window.queue_panel
    try:
        button = window.findChild(QPushButton, "openSamplesButton")
        assert button.isVisible() and panel.stack.currentWidget() is panel.empty_state
        qtbot.waitUntil(lambda: window.session.reference_data is not None, timeout=10000)
        expected = {s.filename: s for s in sample_specs()}
        with qtbot.waitSignal(panel.model.rowsInserted, timeout=20000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.model.rowCount() == len(expected) and all(r.is_final for r in panel.model.rows()),
                        timeout=30000)
        rows = {row.name: row for row in panel.model.rows()}
        assert set(rows) == set(expected)
        # every sample is ready but the deliberately unbalanced one, which says why in the queue
        statuses = {name: row.status for name, row in rows.items()}
        attention = [name for name, status in statuses.items() if status is DocumentStatus.NEEDS_ATTENTION]
        assert len(attention) == 1 and attention[0].startswith("fiduciaire"), statuses
        assert set(statuses.values()) == {DocumentStatus.READY, DocumentStatus.NEEDS_ATTENTION}
        cache = app_dirs().cache.resolve()
        assert all(cache in row.path.resolve().parents for row in rows.values())
        assert panel.stack.currentWidget() is panel.view

        # a supplier sample: a purchase from its seeded supplier, addressed to the demo company, balanced
        form = window.form_panel
        row = rows["au-bon-moulin-AM-2026-1187.pdf"]
        panel.select(row)
        qtbot.waitUntil(lambda: form.counterpart.combo.currentText() == "Au bon moulin", timeout=10000)
        assert form.kind_selector.currentData() == "supplier"
        assert form.kind_warning.text.text() == ""
        assert form.import_button.isEnabled()
        assert not form.counterpart.iban_warning.isVisible()

        # the same supplier, but the invoice gives other bank details: warned, not blocked
        panel.select(rows["au-bon-moulin-AM-2026-1254.pdf"])
        qtbot.waitUntil(lambda: form.counterpart.iban_warning.isVisible(), timeout=10000)
        assert "differs from the one known for Au bon moulin" in form.counterpart.iban_warning.text.text()
        assert form.import_button.isEnabled()

        # the sale: the demo company is the seller
        panel.select(rows["vente-pages-vives-AD-2026-0042.pdf"])
        qtbot.waitUntil(lambda: form.counterpart.combo.currentText() == "Librairie Les Pages Vives", timeout=10000)
        assert form.kind_selector.currentData() == "customer" and form.kind_warning.text.text() == ""

        # the unbalanced one says why
        panel.select(rows["fiduciaire-blanc-FBC-2026-118.pdf"])
        qtbot.waitUntil(lambda: "620" in form.balance_status.text(), timeout=10000)
        assert not form.import_button.isEnabled()
    finally:
        if standin is not None:
            qtbot.waitUntil(lambda: not window.session.busy, timeout=10000)
            standin.stop()


def test_the_demo_samples_are_prepared_as_the_form_sees_them(tmp_path):
    """The queue's status is prepare()'s answer with the company's references: the unbalanced sample
    needs attention and says why, the others are ready, and the one whose IBAN changed carries its
    warning as its reason (not only inside its form)."""
    from app.jobs.document import DocumentRow, DocumentStatus, refresh
    from app.pennylane.client import PennylaneClient
    from app.pennylane.reference_cache import company_from_me
    from app.pennylane.reference_cache import refresh as fetch_references
    from app.standin import samples
    from app.standin.server import StandIn
    from app.jobs.intake_work import classify, read_for_queue

    paths = samples.write_samples(tmp_path)
    rows = {}
    for path in paths:
        outcome = read_for_queue(path)
        status, reason = classify(outcome)
        rows[path.name] = DocumentRow(path, path.name, status=DocumentStatus(status), reason=reason,
                                      reading=outcome.reading, draft=outcome.draft)
    with StandIn() as standin:
        client = PennylaneClient(standin.demo_token, standin.url)
        try:
            company, references = company_from_me(client.me()), fetch_references(client, write=False)
        finally:
            client.close()
    for row in rows.values():
        refresh(row, company, references)
    statuses = {name: (row.status.value, str(row.reason) if row.reason else None) for name, row in rows.items()}
    attention = [name for name, row in rows.items() if row.status is DocumentStatus.NEEDS_ATTENTION]
    assert attention == ["fiduciaire-blanc-FBC-2026-118.pdf"], statuses
    assert "620" in rows[attention[0]].reason.en
    assert sum(1 for row in rows.values() if row.status is DocumentStatus.READY) == len(paths) - 1
    warned = rows["au-bon-moulin-AM-2026-1254.pdf"]
    assert [w.code for w in warned.warnings] == ["iban_changed"] and "before paying" in warned.reason.en
    sale = rows["vente-pages-vives-AD-2026-0042.pdf"]
    assert sale.prepared.kind == "customer" and sale.draft.counterpart_name == "Librairie Les Pages Vives"
