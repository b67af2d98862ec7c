"""The Delete key (issue #19 item 4): one window action, ``deleteAction``, for what has the focus.

Delete removes the selected lines when the invoice's lines table has the focus, and the selected
documents when the queue has it. It used to be bound twice — to the form's "Remove" and to the
queue's "Remove from the queue" — so the key had two entries and two owners; now it has one, and
those two actions keep their buttons and menus without a key of their own (Backspace stays the
queue's second key). A text field keeps Delete for its text: Qt gives an editor the key first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

# (the widget that must hold the focus, the action to trigger), asked for when the key is pressed:
# the form builds its lines table only when first needed
Targets = Callable[[], Iterable[tuple[QWidget | None, QAction | None]]]


class DeleteKey(QObject):
    def __init__(self, window: QWidget, targets: Targets) -> None:
        super().__init__(window)
        self.targets = targets
        self.action = QAction(self.tr("Remove the selected lines or documents"), window)
        self.action.setObjectName("deleteAction")
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.press)
        window.addAction(self.action)

    def target(self, focus: QWidget | None = None) -> QAction | None:
        """The action Delete triggers with ``focus`` (the application's focus widget by default)."""
        focus = focus if focus is not None else QApplication.focusWidget()
        if focus is None:
            return None
        for widget, action in self.targets():
            if widget is not None and action is not None and (widget is focus or widget.isAncestorOf(focus)):
                return action
        return None

    def press(self) -> bool:
        action = self.target()
        if action is None or not action.isEnabled():
            return False
        action.trigger()
        return True
