"""Editing an imported invoice: unsaved changes are never dropped silently. Leaving (another row of
the queue, another invoice, the banner's Close, closing the window) asks Save / Don't save / Cancel —
only when something changed. The message box's choice is monkeypatched (no modal in a test)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.standin import samples
from tests.ui.test_edit_ui import TIMEOUT, client, import_supplier, open_by_number, standin  # noqa: F401

SAVE, DISCARD, CANCEL = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)


class Answer:
    """Stands in for ``QMessageBox.exec``: clicks ``choice`` and remembers what was asked."""

    def __init__(self, monkeypatch, choice):
        self.asked: list[tuple[str, str, str]] = []
        self.choice = choice
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self(box))

    def __call__(self, box):
        self.asked.append((box.objectName(), box.text(), box.informativeText()))
        if self.choice is None:
            raise AssertionError("nothing changed: the person must not be asked")
        box.button(self.choice).click()
        return self.choice


@pytest.fixture
def window(qtbot, client):
    """The main window, signed in to the stand-in. Not handed to qtbot: pytest-qt closes its widgets
    before the fixtures' teardown (the monkeypatched answer would still be in place), so this one
    leaves editing mode first, then closes."""
    from app.ui.main_window import MainWindow

    w = MainWindow()
    w.show()
    w.session.set_client(client, client.me())
    qtbot.waitUntil(lambda: w.session.reference_data is not None, timeout=TIMEOUT)
    yield w
    w.editing.close_edit()
    w.close()
    w.deleteLater()


@pytest.fixture
def queued(qtbot, window, tmp_path):
    """Two demo documents in the queue (the first one selected)."""
    folder = tmp_path / "queue"
    folder.mkdir()
    paths = [samples.text_pdf(folder / name, [[f"Document {name}"]]) for name in ("a.pdf", "b.pdf")]
    panel = window.queue_panel
    panel.add_paths(paths)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and all(r.is_final for r in panel.model.rows()), timeout=TIMEOUT)
    first, second = panel.model.rows()
    qtbot.waitUntil(lambda: panel.current_row is first, timeout=TIMEOUT)
    return first, second


def edit_a_label(qtbot, window, client, standin, tmp_path, number="F-2025-050"):
    import_supplier(client, standin, tmp_path, number)
    loaded = open_by_number(qtbot, window, number)
    from app.ui.form.lines import COL

    model = window.form_panel.lines_model
    assert not window.editing.has_unsaved_changes()  # as loaded
    assert model.setData(model.index(0, COL["label"]), "Farine T65 bio", Qt.ItemDataRole.EditRole)
    assert window.editing.has_unsaved_changes()
    return loaded


def labels(standin):
    return [[line["label"] for line in invoice["lines"]] for invoice in standin.state.invoices(standin.demo_company_id, "supplier")]


def test_nothing_changed_leaves_without_asking(qtbot, window, client, standin, tmp_path, queued, monkeypatch):
    first, second = queued
    import_supplier(client, standin, tmp_path, "F-2025-050")
    open_by_number(qtbot, window, "F-2025-050")
    answer = Answer(monkeypatch, None)
    window.queue_panel.select(second)
    assert not window.editing.editing and window.form_panel.row is second
    assert answer.asked == []


def test_another_queue_row_then_cancel_keeps_the_edit_and_the_selection(qtbot, window, client, standin, tmp_path, queued, monkeypatch):
    first, second = queued
    loaded = edit_a_label(qtbot, window, client, standin, tmp_path)
    answer = Answer(monkeypatch, CANCEL)
    panel, form = window.queue_panel, window.form_panel
    panel.view.setCurrentIndex(panel.view_index(second))  # as a click would
    qtbot.waitUntil(lambda: len(answer.asked) == 1, timeout=TIMEOUT)
    name, text, more = answer.asked[0]
    assert name == "unsavedChangesDialog"
    assert text == f"Save the changes to invoice F-2025-050 (#{loaded.invoice_id})?"
    assert more == "If you don't save, your changes are lost."
    # the person stays where they were: editing, with the change, the queue's selection back
    assert window.editing.editing and form.row is window.editing.row and form.draft.lines[0].label == "Farine T65 bio"
    assert panel.current_row is first and panel.view.currentIndex().row() == panel.view_index(first).row()
    assert panel.selected_rows() == [first]
    assert labels(standin) == [["Farine T55", "Levure"]]


def test_another_queue_row_then_dont_save_drops_the_changes(qtbot, window, client, standin, tmp_path, queued, monkeypatch):
    first, second = queued
    edit_a_label(qtbot, window, client, standin, tmp_path)
    answer = Answer(monkeypatch, DISCARD)
    panel, form = window.queue_panel, window.form_panel
    panel.view.setCurrentIndex(panel.view_index(second))
    qtbot.waitUntil(lambda: form.row is second, timeout=TIMEOUT)
    assert len(answer.asked) == 1 and not window.editing.editing and not form.editing
    assert panel.current_row is second and panel.selected_rows() == [second]
    assert labels(standin) == [["Farine T55", "Levure"]]


def test_another_queue_row_then_save_saves_first(qtbot, window, client, standin, tmp_path, queued, monkeypatch):
    first, second = queued
    edit_a_label(qtbot, window, client, standin, tmp_path)
    answer = Answer(monkeypatch, SAVE)
    panel, form = window.queue_panel, window.form_panel
    with qtbot.waitSignal(window.editing.saved, timeout=TIMEOUT) as saved:
        panel.view.setCurrentIndex(panel.view_index(second))
    assert saved.args[0].sent
    qtbot.waitUntil(lambda: form.row is second, timeout=TIMEOUT)
    assert len(answer.asked) == 1 and not window.editing.editing
    assert panel.current_row is second
    assert labels(standin) == [["Farine T65 bio", "Levure"]]
    assert window.statusBar().currentMessage() == "Changes saved" or form.row is second


def test_opening_another_invoice_asks_and_save_opens_it_once_saved(qtbot, window, client, standin, tmp_path, monkeypatch):
    loaded = edit_a_label(qtbot, window, client, standin, tmp_path)
    other = import_supplier(client, standin, tmp_path, "F-2025-051")
    editing = window.editing

    answer = Answer(monkeypatch, CANCEL)
    editing.open_invoice("supplier", other)
    assert len(answer.asked) == 1 and editing.loaded_invoice.invoice_id == loaded.invoice_id
    assert window.form_panel.draft.lines[0].label == "Farine T65 bio"

    answer = Answer(monkeypatch, SAVE)
    with qtbot.waitSignal(editing.loaded, timeout=TIMEOUT) as opened:
        editing.open_invoice("supplier", other)
    assert opened.args[0].invoice_id == other and editing.banner.isVisible()
    assert len(answer.asked) == 1
    assert sorted(labels(standin)) == [["Farine T55", "Levure"], ["Farine T65 bio", "Levure"]]
    assert not editing.has_unsaved_changes()


def test_a_failed_save_stays_on_the_invoice(qtbot, window, client, standin, tmp_path, monkeypatch):
    loaded = edit_a_label(qtbot, window, client, standin, tmp_path)
    other = import_supplier(client, standin, tmp_path, "F-2025-052")
    client.update_supplier_invoice(loaded.invoice_id, {"deadline": "2025-12-31"})  # someone else, meanwhile
    editing = window.editing
    Answer(monkeypatch, SAVE)
    with qtbot.waitSignal(editing.loaded, timeout=3000, raising=False) as opened:
        editing.open_invoice("supplier", other)
        qtbot.waitUntil(lambda: editing.banner.state == "error", timeout=TIMEOUT)
    assert not opened.signal_triggered
    assert editing.loaded_invoice.invoice_id == loaded.invoice_id and editing.has_unsaved_changes()
    assert "changed in Pennylane since you opened it" in editing.banner.message.text()


def test_the_banner_close_asks_too(qtbot, window, client, standin, tmp_path, monkeypatch):
    edit_a_label(qtbot, window, client, standin, tmp_path)
    editing = window.editing
    answer = Answer(monkeypatch, CANCEL)
    editing.banner.close_button.click()
    assert editing.editing and len(answer.asked) == 1
    Answer(monkeypatch, DISCARD)
    editing.banner.close_button.click()
    assert not editing.editing and not window.form_panel.editing


def test_closing_the_window_asks_cancel_keeps_it_open(qtbot, window, client, standin, tmp_path, monkeypatch):
    edit_a_label(qtbot, window, client, standin, tmp_path)
    answer = Answer(monkeypatch, CANCEL)
    assert not window.close()
    assert window.isVisible() and window.editing.editing and len(answer.asked) == 1
    answer = Answer(monkeypatch, SAVE)
    with qtbot.waitSignal(window.editing.saved, timeout=TIMEOUT):
        assert not window.close()  # not yet: once saved
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    assert labels(standin) == [["Farine T65 bio", "Levure"]]


def test_closing_the_window_dont_save_closes(qtbot, window, client, standin, tmp_path, monkeypatch):
    edit_a_label(qtbot, window, client, standin, tmp_path)
    Answer(monkeypatch, DISCARD)
    assert window.close() and not window.isVisible()
    assert labels(standin) == [["Farine T55", "Levure"]]


def test_the_question_in_french(qtbot, window, client, standin, tmp_path, monkeypatch, french):
    loaded = edit_a_label(qtbot, window, client, standin, tmp_path)
    answer = Answer(monkeypatch, CANCEL)
    window.editing.banner.close_button.click()
    (name, text, more), = answer.asked
    assert text == f"Enregistrer les modifications de la facture n° F-2025-050 (#{loaded.invoice_id}) ?"
    assert more == "Si vous n’enregistrez pas, vos modifications seront perdues."
