"""Editing an imported invoice from the window (issue 8), against the in-process stand-in:
open it by number, the form is in editing mode, change a line's label, save, the stand-in has it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.invoice import SupplierLine, compute_line, new_draft, with_computed_totals
from app.pennylane.client import PennylaneClient
from app.pennylane.payloads import supplier_import_body
from app.pennylane.ratelimit import RateLimiter
from app.standin.server import StandIn

TIMEOUT = 15_000


@pytest.fixture
def standin():
    with StandIn(rate_limit=(200, 1.0)) as s:
        yield s


@pytest.fixture
def client(standin):
    c = PennylaneClient(standin.demo_token, standin.url, limiter=RateLimiter(200, 1.0), backoff_base=0.02, backoff_cap=0.2)
    yield c
    c.close()


def import_supplier(client: PennylaneClient, standin: StandIn, folder: Path, number: str = "F-2025-042") -> int:
    co = standin.state.company(standin.demo_company_id)
    supplier = next(s["id"] for s in co.suppliers.values() if s["name"] == "Au bon moulin")
    lines = [compute_line(SupplierLine(label="Farine T55", amount_before_tax=Decimal("100.00"))),
             compute_line(SupplierLine(label="Levure", vat_rate="FR_55", amount_before_tax=Decimal("20.00")))]
    draft = with_computed_totals(new_draft("supplier", counterpart_id=supplier, date=dt.date(2025, 10, 1),
                                           deadline=dt.date(2025, 10, 31), invoice_number=number, lines=lines))
    pdf = folder / f"{number}.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
                    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    attachment = client.upload_file(pdf)
    return client.import_supplier_invoice(supplier_import_body(draft, attachment.id)).id


@pytest.fixture
def window(qtbot, client):
    from app.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.session.set_client(client, client.me())
    qtbot.waitUntil(lambda: w.session.reference_data is not None, timeout=TIMEOUT)
    yield w


def open_by_number(qtbot, window, number: str):
    editing = window.editing
    editing.open_action.trigger()
    dialog = editing._dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.number_radio.isChecked() and dialog.supplier_radio.isChecked()
    dialog.query_edit.setText(number)
    with qtbot.waitSignal(editing.loaded, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    return blocker.args[0]


def test_open_by_number_edit_a_line_label_save(qtbot, window, client, standin, tmp_path):
    invoice_id = import_supplier(client, standin, tmp_path)
    loaded = open_by_number(qtbot, window, "F-2025-042")
    assert loaded.invoice_id == invoice_id

    form, editing = window.form_panel, window.editing
    # editing mode
    assert editing.banner.isVisible()
    assert editing.banner.title.text() == f"Editing supplier invoice F-2025-042 (#{invoice_id})"
    assert form.editing and form.import_button.objectName() == "importButton"
    assert form.import_button.text().replace("&", "") == "Save changes"
    assert form.import_button.isEnabled()
    assert not form.kind_selector.isEnabled() and form.categories_box.isVisible()  # saved by PUT .../categories
    assert editing.reference_box.isVisible() and not editing.eur_box.isVisible()
    assert form.invoice_number_edit.text() == "F-2025-042"
    assert form.counterpart.combo.currentText().startswith("Au bon moulin")
    from app.ui.form.lines import COL

    assert not form.lines_view.isColumnHidden(COL["imputation_start"])
    # the PDF is downloaded into the cache and shown
    qtbot.waitUntil(lambda: window.preview_panel._path is not None and window.preview_panel._path.exists(), timeout=TIMEOUT)
    assert "cache" in str(window.preview_panel._path)

    # change the label of line 1, as a person would (type into the cell)
    model = form.lines_model
    assert model.setData(model.index(0, COL["label"]), "Farine T65 bio", Qt.ItemDataRole.EditRole)
    with qtbot.waitSignal(editing.saved, timeout=TIMEOUT) as saved:
        qtbot.mouseClick(form.import_button, Qt.MouseButton.LeftButton)
    result = saved.args[0]
    assert result.sent and result.body == {"invoice_lines": {"update": [
        {"id": loaded.draft.lines[0].pennylane_id, "label": "Farine T65 bio"}]}}
    # success: said, and reloaded
    with qtbot.waitSignal(editing.loaded, timeout=TIMEOUT):
        pass
    assert editing.banner.message.text() == "Changes saved"
    (invoice,) = standin.state.invoices(standin.demo_company_id, "supplier")
    assert [line["label"] for line in invoice["lines"]] == ["Farine T65 bio", "Levure"]
    assert form.draft.lines[0].label == "Farine T65 bio"
    assert standin.schema_refusals() == []

    # leaving editing mode restores the import form
    editing.banner.close_button.click()
    assert not form.editing and not editing.banner.isVisible()
    assert form.import_button.text().replace("&", "") == "Import into Pennylane"


def test_stale_invoice_offers_reload(qtbot, window, client, standin, tmp_path):
    invoice_id = import_supplier(client, standin, tmp_path, "F-2025-043")
    open_by_number(qtbot, window, "F-2025-043")
    client.update_supplier_invoice(invoice_id, {"deadline": "2025-12-31"})  # someone else, meanwhile
    form, editing = window.form_panel, window.editing
    from app.ui.form.lines import COL

    form.lines_model.setData(form.lines_model.index(1, COL["label"]), "Levure sèche", Qt.ItemDataRole.EditRole)
    with qtbot.waitSignal(editing.saved, timeout=3000, raising=False) as saved:
        form.import_button.click()
    assert not saved.signal_triggered
    qtbot.waitUntil(lambda: editing.banner.state == "error", timeout=TIMEOUT)
    assert "changed in Pennylane since you opened it" in editing.banner.message.text()
    assert editing.banner.reload_button.isVisible()
    with qtbot.waitSignal(editing.loaded, timeout=TIMEOUT) as blocker:
        editing.banner.reload_button.click()
    assert blocker.args[0].draft.deadline == dt.date(2025, 12, 31)
    assert form.draft.lines[1].label == "Levure"


def test_history_edit_hook_opens_the_invoice(qtbot, window, client, standin, tmp_path):
    invoice_id = import_supplier(client, standin, tmp_path, "F-2025-044")
    from app.ui.history_dialog import HistoryDialog

    dialog = HistoryDialog(window.imports, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(window.editing.loaded, timeout=TIMEOUT) as blocker:
        dialog.edit_requested.emit("supplier", invoice_id)
    assert blocker.args[0].invoice_id == invoice_id


def test_a_line_period_typed_in_the_table_is_saved(qtbot, window, client, standin, tmp_path):
    import_supplier(client, standin, tmp_path, "F-2025-045")
    loaded = open_by_number(qtbot, window, "F-2025-045")
    form, editing = window.form_panel, window.editing
    from app.ui.form.lines import COL

    model = form.lines_model
    model.setData(model.index(1, COL["imputation_start"]), "01/11/2025", Qt.ItemDataRole.EditRole)
    model.setData(model.index(1, COL["imputation_end"]), "31/10/26", Qt.ItemDataRole.EditRole)
    assert model.index(1, COL["imputation_end"]).data() == "31/10/26"
    with qtbot.waitSignal(editing.saved, timeout=TIMEOUT) as saved:
        form.import_button.click()
    assert saved.args[0].body == {"invoice_lines": {"update": [{"id": loaded.draft.lines[1].pennylane_id,
        "imputation_dates": {"start_date": "2025-11-01", "end_date": "2026-10-31"}}]}}
    (invoice,) = standin.state.invoices(standin.demo_company_id, "supplier")
    assert invoice["lines"][1]["imputation_dates"] == {"start_date": "2025-11-01", "end_date": "2026-10-31"}


def history_row(invoice_id: int, company_id: int, number: str = "F-404"):
    from app.jobs import journal as J

    return J.JournalRow(
        company_id=str(company_id), sha256="0" * 64, file_path=None, file_name=f"{number}.pdf", kind="supplier",
        route=None, counterpart_id=None, counterpart_name="Au bon moulin", invoice_number=number, date="2025-10-01",
        currency="EUR", amount="144.00", external_reference="x", state=J.VERIFIED, file_attachment_id=None,
        import_pending=0, payload=None, invoice_id=invoice_id, categorized=0, failed_step=None, reason_fr=None,
        reason_en=None, retryable=None, evidence=None, forced=0, attempts=1, created_at="2025-10-01T10:00:00+00:00",
        updated_at="2025-10-01T10:00:00+00:00", finished_at="2025-10-01T10:00:00+00:00")


def test_an_invoice_history_cannot_open_is_said_in_the_history_itself(qtbot, window, standin):
    """Not only in the main window's status bar, behind the dialog and cut off (#19 item 5)."""
    from app.ui.history_dialog import HistoryDialog

    dialog = HistoryDialog(window.imports, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.model.set_rows([history_row(987654, standin.demo_company_id)])  # deleted in Pennylane since
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        dialog.edit_button.click()
    text = dialog.status.text()
    assert failed.args[0] == text and "#987654 could not be loaded" in text and "Pennylane cannot find" in text
    assert dialog.status.isVisible()
    # whole: once laid out, the label is tall enough for its wrapped text
    qtbot.waitUntil(lambda: dialog.status.height() >= dialog.status.heightForWidth(dialog.status.width()) > 0,
                    timeout=2_000)


def test_an_invoice_history_opens_is_said_in_the_history_too(qtbot, window, client, standin, tmp_path):
    invoice_id = import_supplier(client, standin, tmp_path, "F-2025-046")
    from app.ui.history_dialog import HistoryDialog

    dialog = HistoryDialog(window.imports, window)
    qtbot.addWidget(dialog)
    dialog.model.set_rows([history_row(invoice_id, standin.demo_company_id, "F-2025-046")])
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    with qtbot.waitSignal(window.editing.loaded, timeout=TIMEOUT):
        dialog.edit_button.click()
    assert f"#{invoice_id} is open for editing" in dialog.status.text()
