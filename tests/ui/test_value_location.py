"""Where a value was read, shown on the preview: the form's badge, pointed at, asks for the value's
box, and the preview draws it over the words it names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QEnterEvent, QImage
from PySide6.QtWidgets import QApplication

from tests.pdf.makepdf import make_pdf

LINES = ["ACME SAS", "Facture n° FA-77 du 05/03/2024", "", "", "", "", "", "", "Total HT 100,00 €",
         "TVA 20 % 20,00 €", "Total TTC 120,00 €"]


@pytest.fixture(autouse=True)
def idle_pools():
    yield
    from app.ui.tasks import shutdown

    assert shutdown(10_000)


@pytest.fixture
def plain(tmp_path):
    from app.pdf.reader import read_document

    path = make_pdf(tmp_path / "plain.pdf", LINES)
    reading = read_document(path)
    assert reading.source == "text" and "amount" in reading.invoice.locations
    return path, reading


def test_pointing_at_a_badge_asks_for_its_values_box(qtbot, plain):
    from app.domain.invoice import InvoiceKind
    from app.jobs.document import DocumentRow, DocumentStatus
    from app.pdf.draft import to_draft
    from app.ui.form_panel import InvoiceFormPanel

    path, reading = plain
    form = InvoiceFormPanel()
    qtbot.addWidget(form)
    form.resize(620, 900)
    form.show()
    row = DocumentRow(path=path, name=path.name, draft=to_draft(reading, InvoiceKind.SUPPLIER), reading=reading,
                      status=DocumentStatus.READY)
    form.set_document(row)
    badge = form.total_badges["amount"]
    assert badge.isVisible() and badge.kind() == "text"
    with qtbot.waitSignal(form.locate_requested) as shown:
        badge.enterEvent(QEnterEvent(QPointF(2, 2), QPointF(2, 2), QPointF(2, 2)))
    assert shown.args[0] == reading.invoice.locations["amount"]
    with qtbot.waitSignal(form.locate_requested) as hidden:
        badge.leaveEvent(None)
    assert hidden.args[0] is None


def _dark_pixels(image: QImage, rect: QRect) -> int:
    count = 0
    for y in range(max(0, rect.top()), min(image.height(), rect.bottom())):
        for x in range(max(0, rect.left()), min(image.width(), rect.right())):
            if image.pixelColor(x, y).lightness() < 110:
                count += 1
    return count


def test_the_preview_draws_the_box_over_the_printed_value(qtbot, plain):
    from app.jobs.document import DocumentRow
    from app.ui.preview_panel import PreviewPanel

    path, reading = plain
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 900)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.show_document(DocumentRow(path=path, name=path.name))
    box = reading.invoice.locations["amount"]
    assert panel.highlight(box)
    overlay = panel.highlighter
    assert overlay.isVisible()
    qtbot.wait(400)  # QPdfView renders its pages on its own threads
    QApplication.processEvents()
    overlay.hide()
    image = panel.view.viewport().grab().toImage()
    overlay.show()
    where = overlay.geometry()
    assert panel.view.viewport().rect().contains(where.center())
    assert _dark_pixels(image, where) > 20  # the printed "120,00 €" is under the box
    blank = where.translated(0, -where.height() * 3)  # the empty lines printed above the totals
    assert _dark_pixels(image, blank) < _dark_pixels(image, where) / 4
    assert not panel.highlight(None) and not overlay.isVisible()


def test_values_the_reader_is_unsure_of_are_offered_not_filled(qtbot, tmp_path):
    from decimal import Decimal

    from app.domain.invoice import InvoiceKind
    from app.jobs.document import DocumentRow, DocumentStatus
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document
    from app.ui.form_panel import InvoiceFormPanel

    path = make_pdf(tmp_path / "unsure.pdf", ["ACME SAS", "Facture n° FA-78 du 05/03/2024", "Total HT 100,00 €",
                                               "Total TVA 25,00 €", "Total TTC 120,00 €"])  # 100 + 25 ≠ 120
    reading = read_document(path)
    assert reading.invoice.amount is None and reading.invoice.suggestions["amount"] == "120.00"
    form = InvoiceFormPanel()
    qtbot.addWidget(form)
    form.resize(620, 900)
    form.show()
    form.set_document(DocumentRow(path=path, name=path.name, draft=to_draft(reading, InvoiceKind.SUPPLIER),
                                  reading=reading, status=DocumentStatus.NEEDS_ATTENTION))
    from app.domain.money import format_amount

    shown = format_amount(Decimal("120.00"))
    bar = form.suggestions
    assert bar.isVisible() and shown in bar.text() and form.total_edit.value() is None
    bar.linkActivated.emit("amount")
    assert form.total_edit.value() == Decimal("120.00") and form.draft.amount == Decimal("120.00")
    assert 'href="amount"' not in bar.text()
