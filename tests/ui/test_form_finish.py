"""The invoice form as a daily tool (issue #19 items 3, 4, 5 and 7, form parts): the Tab order,
long values shown from their start, wide completer popups, wrapped line labels, a route selector
that keeps its place, "Add a category", a counterpart found in Pennylane not offered for creation,
rates written as the UI language writes them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.invoice import Party, SupplierLine
from app.pennylane.reference_cache import LedgerAccount
from tests.ui.test_form import Row, edit_cell, form, reference, session, supplier_draft  # noqa: F401 - fixtures

LONG_ACCOUNT = "Rémunérations d'intermédiaires et honoraires (hors rétrocessions)"


def test_tab_from_the_top_of_the_form_stops_first_on_type(qtbot):
    """The fields are built on the first document, after the status bar and the toolbar: Tab from
    the preview went to the form's scroll area, the status bar's label and the company switcher
    (three invisible stops) before "Type"."""
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    form = window.form_panel
    row = Row(supplier_draft())
    window.queue_panel.model.add_rows([row])
    window.queue_panel.select(row)
    assert form.row is row
    stops = []
    widget = window.queue_panel.view  # the queue, then the preview, then the form
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    while len(stops) < 30:
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        if form.isAncestorOf(widget):
            break
        stops.append(widget)
    assert widget is form.kind_selector, (widget, widget.objectName())
    before = (window.queue_panel, window.preview_panel)
    assert all(any(p.isAncestorOf(w) for p in before) for w in stops), [w.objectName() or type(w).__name__ for w in stops]


def test_a_filled_line_edit_shows_the_start_of_a_long_value(form):
    from app.pennylane.reference_cache import Counterpart

    name = "Au bon moulin — Boulangerie et pâtisserie artisanale du quartier Saint-Michel, Lyon"
    form.session.reference_data.suppliers.append(Counterpart(14, name, "supplier", reg_no="123456782"))
    form.session.reference_data_changed.emit()
    draft = supplier_draft(invoice_number="FAC-2026-000987654321-BIS-REMPLACE-LA-PRECEDENTE",
                           seller=Party(name=name, siren="123456782"))
    form.resize(420, 700)
    form.set_document(Row(draft))
    number = form.invoice_number_edit
    assert number.width() < number.fontMetrics().horizontalAdvance(number.text())  # it does not fit
    assert number.cursorPosition() == 0 and number.toolTip() == number.text()
    supplier = form.counterpart.combo.lineEdit()
    assert supplier.text() == name  # found in Pennylane by its SIREN
    assert supplier.cursorPosition() == 0 and supplier.toolTip() == name


def test_the_account_completer_popup_is_as_wide_as_its_longest_entry(qtbot, form, session):
    from app.ui.form.lines import COL

    session.reference_data.ledger_accounts.append(LedgerAccount(9, "622", LONG_ACCOUNT))
    session.reference_data_changed.emit()
    draft = supplier_draft()
    draft.lines.append(SupplierLine(label="Honoraires", amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120")))
    form.set_document(Row(draft))
    editor = edit_cell(qtbot, form, 0, "ledger_account_id", "62", commit=False)
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    longest = popup.fontMetrics().horizontalAdvance(f"622 – {LONG_ACCOUNT}")
    assert form.lines_view.columnWidth(COL["ledger_account_id"]) < longest  # the cell is narrower
    assert popup.viewport().width() >= longest
    screen = popup.screen().availableGeometry()
    assert screen.left() <= popup.x() and popup.geometry().right() <= screen.right()


def test_a_long_line_label_wraps_and_is_whole_in_its_tooltip(form):
    from app.ui.form.lines import COL

    label = "Farine de blé T65 bio, sac de 25 kg, livraison comprise au fournil"
    draft = supplier_draft()
    draft.lines.append(SupplierLine(label=label, amount_before_tax=Decimal("100"), tax=Decimal("5.5"), amount=Decimal("105.5"), vat_rate="FR_55"))
    draft.lines.append(SupplierLine(label="Sel", amount_before_tax=Decimal("1"), tax=Decimal("0.2"), amount=Decimal("1.2")))
    form.set_document(Row(draft))
    QApplication.processEvents()
    view = form.lines_view
    index = form.lines_model.index(0, COL["label"])
    assert label in index.data(Qt.ItemDataRole.ToolTipRole)
    line = view.fontMetrics().lineSpacing()
    assert view.rowHeight(0) >= 2 * line > view.rowHeight(1)  # the long label takes two lines, the short one
    assert view.horizontalHeader().sectionResizeMode(COL["label"]) == view.horizontalHeader().ResizeMode.Stretch


def test_add_a_category_chooses_none_and_proposes_what_is_left(qtbot, form):
    draft = supplier_draft(amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120"), counterpart_id=10)
    form.set_document(Row(draft))
    editor = form.categories
    first = editor.add_row()
    assert first.combo.currentIndex() == -1 and first.combo.placeholderText() == "Choose a category…"
    assert first.weight.value() == 100  # nothing allocated yet
    assert "Choose a category" in editor.sums_label.message()
    first.combo.setCurrentIndex(first.combo.findText("Projets › Salon"))
    first.weight.setValue(60)
    second = editor.add_row()
    assert second.combo.currentIndex() == -1
    assert second.weight.value() == 40  # what "Projets" still misses
    second.combo.setCurrentIndex(second.combo.findText("Projets › Boutique"))
    assert second.weight.value() == 40
    assert [(c.category_id, c.weight) for c in draft.categories] == [(50, Decimal("60")), (51, Decimal("40"))]


def test_a_counterpart_found_by_siret_is_not_offered_for_creation(form):
    from app.pennylane.reference_cache import Counterpart

    form.session.reference_data.suppliers.append(
        Counterpart(13, "Transports Girard Logistique", "supplier", reg_no="484510607", establishment_no="48451060700019"))
    form.session.reference_data_changed.emit()
    form.set_document(Row(supplier_draft(seller=Party(name="Transports Girard", siret="48451060700019"))))
    assert form.draft.counterpart_id == 13
    assert form.counterpart.match_label.message() == \
        "Found in Pennylane: Transports Girard Logistique (by SIRET 48451060700019)"
    assert not form.counterpart.create_button.isVisible()
    assert not form.create_counterpart_action.isEnabled()
    form.counterpart.combo.setCurrentIndex(-1)  # the person clears it: creating is offered again
    form.counterpart.combo.setEditText("")
    assert form.draft.counterpart_id is None
    assert form.counterpart.create_button.isVisible()


def test_rates_follow_the_ui_language(qtbot, form):
    from app.ui.form.lines import COL

    draft = supplier_draft()
    draft.lines.append(SupplierLine(label="Pain", amount_before_tax=Decimal("100"), tax=Decimal("5.5"), amount=Decimal("105.5"), vat_rate="FR_55"))
    form.set_document(Row(draft))
    assert form.lines_model.index(0, COL["vat_rate"]).data() == "5.5%"
    row = form.categories.add_row()
    assert row.weight.text() == "100.00%"


def test_rates_in_french(qtbot, french):
    from app.domain.money import format_percent
    from app.ui.form.lines import short_vat

    assert short_vat("FR_55") == "5,5\u00a0%"
    assert format_percent(Decimal("20.00")) == "20\u00a0%"
    assert format_percent(Decimal("5.5"), "en") == "5.5%"


def test_the_route_selector_keeps_its_place_between_rows(qtbot, tmp_path):
    """A Factur-X row and a plain one: the route line is there for both (disabled, with why, for
    the plain one), so the form above it keeps its height."""
    from app.jobs.document import DocumentRow, DocumentStatus
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document
    from app.ui.main_window import MainWindow
    from tests.jobs.facturx_gen import facturx_pdf

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    path = facturx_pdf(tmp_path / "fx.pdf", "AM-R1")
    reading = read_document(path)
    facturx = DocumentRow(path=path, name=path.name, status=DocumentStatus.READY, reading=reading,
                          draft=to_draft(reading, "supplier"))
    plain = DocumentRow(path=Path("plain.pdf"), name="plain.pdf", status=DocumentStatus.READY, draft=supplier_draft())
    form = window.form_panel
    places = []
    for row in (facturx, plain, facturx):
        form.set_document(row)
        qtbot.wait(20)  # the layout settles
        box = window.imports.route_box
        places.append((box.isVisible(), box.combo.isEnabled(), form.scroll.height(), box.y()))
    (fx_visible, fx_enabled, fx_height, fx_y), (plain_visible, plain_enabled, plain_height, plain_y), again = places
    assert fx_visible and plain_visible and fx_enabled and not plain_enabled
    assert fx_height == plain_height and fx_y == plain_y and again == places[0]
    form.set_document(plain)
    assert "Factur-X" in window.imports.route_box.combo.toolTip()


def test_the_create_dialog_is_filled_from_what_the_pdf_prints(qtbot, form, session, tmp_path):
    """A supplier read from the page (no Factur-X): its address under its name, identifiers and
    IBAN are in "Create the supplier…" (the dialog had only the name and identifiers)."""
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document
    from app.standin.samples import write_samples

    (path,) = [p for p in write_samples(tmp_path) if p.name.startswith("transports-girard")]
    reading = read_document(path)
    assert reading.source == "text"
    session.client = object()  # connected: creating is possible
    form.set_document(Row(to_draft(reading, "supplier"), reading=reading))
    assert form.draft.counterpart_id is None  # not in this company's Pennylane
    assert form.counterpart.create_button.isVisible() and form.create_counterpart_action.isEnabled()
    form.create_counterpart()
    dialog = form._dialog
    filled = {name: getattr(dialog, f"{name}_edit").text() for name in
              ("name", "siren", "siret", "vat", "address", "postal_code", "city", "country", "iban")}
    assert filled == {"name": "Transports Girard Logistique", "siren": "484510607", "siret": "48451060700019",
                      "vat": "FR25484510607", "address": "60 quai de Southampton", "postal_code": "76600",
                      "city": "Le Havre", "country": "FR", "iban": "FR7616958746639161946823082"}
    dialog.reject()


def test_the_supplier_list_is_as_wide_as_its_longest_name(qtbot, form):
    from app.pennylane.reference_cache import Counterpart

    name = "Société Coopérative Agricole des Producteurs de Blé du Haut-Rhin et des Vosges"
    form.session.reference_data.suppliers.append(Counterpart(15, name, "supplier"))
    form.session.reference_data_changed.emit()
    form.resize(420, 700)
    form.set_document(Row(supplier_draft()))
    combo = form.counterpart.combo
    combo.showPopup()
    qtbot.waitUntil(combo.view().isVisible)
    view = combo.view()
    assert combo.width() < view.fontMetrics().horizontalAdvance(name) <= view.viewport().width()
    combo.hidePopup()


def test_a_label_that_stops_fitting_when_the_form_narrows_takes_two_lines(qtbot, form):
    """The label column stretches with the form: when it narrows, a label that no longer fits grows
    its row to two lines instead of being cut on one ("Livraison sur …")."""
    from app.ui.form.lines import COL

    LABEL = "Livraison sur palette, reprise des emballages"  # noqa: N806
    view = _show_one_line(form, LABEL, 1200)
    last = form.lines_model.rowCount() - 1
    line = view.fontMetrics().lineSpacing()
    text = view.fontMetrics().horizontalAdvance(LABEL)
    assert view.columnWidth(COL["label"]) > text and view.rowHeight(last) < 2 * line  # fits: one line
    form.resize(560, 900)
    qtbot.waitUntil(lambda: view.columnWidth(COL["label"]) < text, timeout=3000)
    qtbot.waitUntil(lambda: view.rowHeight(last) >= 2 * line, timeout=3000)


def test_dates_are_written_one_way_per_language_in_the_form_as_in_the_queue(qtbot, form):
    """The form's date fields follow app.domain.text.day_pattern, as the queue, History and the
    messages do: 2026-10-05 in English (the form showed 05/10/2026 beside the queue's 2026-10-05),
    05/10/2026 in French."""
    from datetime import date

    from app.domain.text import current_language, format_day, set_language
    from app.ui.form.widgets import OptionalDateEdit

    draft = supplier_draft()
    draft.date = date(2026, 10, 5)
    form.set_document(Row(draft))
    assert form.date_edit.text() == "2026-10-05" == format_day("2026-10-05")
    before = current_language()
    set_language("fr")
    try:
        edit = OptionalDateEdit()
        qtbot.addWidget(edit)
        edit.set_date_value(date(2026, 10, 5))
        assert edit.text() == "05/10/2026" == format_day("2026-10-05")
    finally:
        set_language(before)


def test_the_account_column_gives_its_room_to_the_labels_until_a_line_has_an_account(qtbot, form, session):
    """While no line has a ledger account the Account column is as wide as its title, and the labels
    beside it get the room; once a line has one, the column widens to show it."""
    from app.ui.form.lines import COL

    session.reference_data.ledger_accounts.append(LedgerAccount(9, "6064", "Fournitures administratives"))
    session.reference_data_changed.emit()
    view = _show_one_line(form, "Livraison sur palette", 700)
    empty, label = view.columnWidth(COL["ledger_account_id"]), view.columnWidth(COL["label"])
    title = view.horizontalHeader().fontMetrics().horizontalAdvance(
        form.lines_model.headerData(COL["ledger_account_id"], Qt.Orientation.Horizontal))
    assert empty <= title + 16
    edit_cell(qtbot, form, 0, "ledger_account_id", "6064")
    qtbot.waitUntil(lambda: view.columnWidth(COL["ledger_account_id"]) > empty, timeout=3000)
    shown = form.lines_model.index(0, COL["ledger_account_id"]).data()
    assert "6064" in shown and view.columnWidth(COL["ledger_account_id"]) >= min(
        view.fontMetrics().horizontalAdvance(shown), view.fontMetrics().horizontalAdvance("6064 – Fournitures"))
    qtbot.waitUntil(lambda: view.columnWidth(COL["label"]) < label, timeout=3000)  # the label gave the room back


def _show_one_line(form, label: str, width: int):
    """The form ``width`` px wide, shown, on a supplier invoice whose last line is ``label``; its lines view."""
    draft = supplier_draft()
    draft.lines.append(SupplierLine(label=label, amount_before_tax=Decimal("35"), tax=Decimal("7"),
                                    amount=Decimal("42"), vat_rate="FR_200"))
    form.resize(width, 900)
    form.show()
    form.set_document(Row(draft))
    QApplication.processEvents()
    return form.lines_view
