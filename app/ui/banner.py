"""One banner widget for every coloured box of the window: the form's balance status, the edit
banner, the import outcome under the form and the interrupted-imports offer above the queue.

A :class:`Banner` has a tone (``ok``, ``error``, ``warning``, ``info``, ``duplicate``, ``busy``:
its colours come from :mod:`app.ui.colours`, light or dark with the palette), an optional icon
(colour is never the only signal), an optional bold title, its text, and a row of buttons (on
its right, or under the text). The four boxes are this widget with their own object names and
buttons, not four hand-built frames.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui import colours

_ICONS = {"ok": "ok", "error": "error", "warning": "warning"}  # the others show the "info" icon


def banner_style(name: str, tone: tuple[str, str]) -> str:
    """The style sheet of the banner ``name`` and its labels in ``tone`` (text/border, background)."""
    fg, bg = tone
    return (f"QFrame#{name} {{ background: {bg}; border: 1px solid {fg}; border-radius: 6px; }}"
            f" QFrame#{name} QLabel {{ color: {fg}; border: none; background: transparent; }}")


class Banner(QFrame):
    def __init__(self, object_name: str, parent: QWidget | None = None, *, icon: bool = False,
                 title: bool = False, buttons_below: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.tone = ""
        self.icon: QLabel | None = None
        if icon:
            self.icon = QLabel(self)
            self.icon.setFixedSize(20, 20)
        self.title: QLabel | None = None
        if title:
            self.title = QLabel(self)
            self.title.setObjectName(f"{object_name}Title")
            self.title.setWordWrap(True)
            self.title.setTextFormat(Qt.TextFormat.PlainText)
            font = self.title.font()
            font.setBold(True)
            self.title.setFont(font)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons_row: QBoxLayout = QHBoxLayout()
        self.buttons_row.setContentsMargins(0, 0, 0, 0)
        text = QVBoxLayout()
        text.setSpacing(2)
        if self.title is not None:
            text.addWidget(self.title)
        text.addWidget(self.label)
        if buttons_below:
            self.buttons_row.addStretch(1)
            text.addLayout(self.buttons_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        if self.icon is not None:
            layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        if not buttons_below:
            layout.addLayout(self.buttons_row)

    def add_button(self, button: QWidget) -> QWidget:
        self.buttons_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return button

    def set_tone(self, tone: str) -> None:
        """Colour the banner (and its icon) for ``tone``; read from the palette in use each time."""
        from app.ui.form.widgets import standard_icon

        self.tone = tone
        self.setStyleSheet(banner_style(self.objectName(), tuple(colours.tone(tone))))
        if self.icon is not None:
            self.icon.setPixmap(standard_icon(_ICONS.get(tone, "info")).pixmap(20, 20))

    def set_text(self, text: str) -> None:
        self.label.setText(text)
