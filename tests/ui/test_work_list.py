"""The queue as a work list (issue #19 item 8): next to check, remove the imported, undo a removal."""

from __future__ import annotations

from pathlib import Path

from app.ui.queue_model import DocumentRow, DocumentStatus


def _panel(qtbot):
    from app.ui.queue_panel import QueuePanel

    panel = QueuePanel()
    qtbot.addWidget(panel)
    panel.show()
    statuses = [DocumentStatus.READY, DocumentStatus.NEEDS_ATTENTION, DocumentStatus.IMPORTED,
                DocumentStatus.ERROR, DocumentStatus.IMPORTED, DocumentStatus.READY]
    rows = [DocumentRow(Path(f"/tmp/w{i}.pdf"), f"w{i}.pdf", status=s) for i, s in enumerate(statuses)]
    panel.model.add_rows(rows)
    panel.select(rows[0])
    return panel, rows


def test_next_to_check_goes_through_what_needs_attention_and_wraps(qtbot):
    panel, rows = _panel(qtbot)
    panel.next_to_check_action.trigger()
    assert panel.current_row is rows[1]
    panel.next_to_check_action.trigger()
    assert panel.current_row is rows[3]  # an error, past the imported one
    panel.next_to_check_action.trigger()
    assert panel.current_row is rows[1]  # wrapped around
    assert panel.next_to_check_action.shortcut().toString() == "F8"


def test_nothing_to_check_is_said(qtbot):
    panel, rows = _panel(qtbot)
    for row in rows:
        row.status = DocumentStatus.READY
    with qtbot.waitSignal(panel.message) as said:
        panel.next_to_check()
    assert "Nothing left to check" in said.args[0] and panel.current_row is rows[0]


def test_remove_the_imported_then_undo(qtbot):
    panel, rows = _panel(qtbot)
    assert not panel.undo_remove_action.isEnabled()
    panel.remove_imported_action.trigger()
    assert [r.name for r in panel.model.rows()] == ["w0.pdf", "w1.pdf", "w3.pdf", "w5.pdf"]
    assert panel.undo_remove_action.isEnabled()
    panel.undo_remove_action.trigger()
    assert {r.name for r in panel.model.rows()} == {f"w{i}.pdf" for i in range(6)}
    assert rows[2].status is DocumentStatus.IMPORTED  # put back as it was, not read again
    assert not panel.undo_remove_action.isEnabled()


def test_undo_puts_back_a_selection_removed_by_mistake(qtbot):
    panel, rows = _panel(qtbot)
    panel.select(rows[5])
    panel.remove_selected()
    assert rows[5] not in panel.model
    panel.undo_remove()
    assert rows[5] in panel.model and panel.current_row is rows[5]
