"""Finish (issue #19 item 7): toolbar icons, "imported" unlike "ready", added files shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QToolButton

from app.ui.queue_model import DocumentRow, DocumentStatus, status_colour, status_icon


def test_the_toolbar_buttons_have_icons_beside_their_text(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    for action in (window.open_action, window.open_folder_action, window.imports.import_all_action,
                   window.imports.history_action, window.editing.open_action):
        assert not action.icon().isNull(), action.text()
    buttons = [b for b in window.toolbar.findChildren(QToolButton) if b.defaultAction() is window.open_action]
    assert buttons and buttons[0].text() == "Browse…"


def test_imported_does_not_look_like_ready():
    assert status_colour(DocumentStatus.IMPORTED) != status_colour(DocumentStatus.READY)
    ready = status_icon(DocumentStatus.READY).pixmap(16, 16).toImage()
    imported = status_icon(DocumentStatus.IMPORTED).pixmap(16, 16).toImage()
    assert ready != imported


def test_added_files_are_selected_and_scrolled_to(qtbot):
    from app.ui.queue_panel import QueuePanel

    panel = QueuePanel()
    qtbot.addWidget(panel)
    panel.resize(400, 200)
    panel.show()
    first = [DocumentRow(Path(f"/tmp/a{i}.pdf"), f"a{i}.pdf") for i in range(30)]
    panel.model.add_rows(first)
    assert panel.current_row is first[0]
    later = [DocumentRow(Path(f"/tmp/b{i}.pdf"), f"b{i}.pdf") for i in range(3)]
    panel.model.add_rows(later)
    assert panel.current_row is later[0]  # the first file just added
    rect = panel.view.visualRect(panel.view_index(later[0]))
    assert panel.view.viewport().rect().intersects(rect)  # on screen, not below the fold


def test_another_invoice_starts_at_the_top_of_the_form(qtbot):
    from app.domain.invoice import new_draft
    from app.ui.form_panel import InvoiceFormPanel

    form = InvoiceFormPanel()
    qtbot.addWidget(form)
    form.resize(500, 300)  # short: the form scrolls
    form.show()
    first = DocumentRow(Path("/tmp/f1.pdf"), "f1.pdf", draft=new_draft("supplier"))
    second = DocumentRow(Path("/tmp/f2.pdf"), "f2.pdf", draft=new_draft("supplier"))
    form.set_document(first)
    bar = form.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    form.set_document(first)  # the same invoice refreshed: stays where the person is
    assert bar.value() == bar.maximum()
    form.set_document(second)
    assert bar.value() == 0
