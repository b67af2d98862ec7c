"""Small widgets of the invoice form: provenance badge, inline finding label, amount and date edits."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Iterable

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QWidget,
)

from app.domain.money import AmountError, format_amount, parse_amount
from app.ui import colours

# (text and border, background) of each tone, read when asked (light or dark with the palette):
# the colours of app/ui/banner.Banner and of the findings.
BANNER_COLOURS = colours.ToneTable()


def severity_name(severity: Any) -> str:
    """'error' | 'warning' | 'info' from a domain Severity (enum or string)."""
    name = getattr(severity, "name", None) or getattr(severity, "value", None) or str(severity)
    return str(name).lower()


def provenance_name(value: Any) -> str:
    """'xml' | 'text' | 'ocr' | 'remembered' | 'company_terms' | 'typed' | '' from a domain Provenance
    (enum or string)."""
    if value is None:
        return ""
    name = getattr(value, "value", None) or getattr(value, "name", None) or str(value)
    return str(name).lower()


def qt_day_format(language: str | None = None) -> str:
    """:func:`app.domain.text.day_pattern` as a Qt display format, for QDateEdit."""
    from app.domain.text import day_pattern

    return day_pattern(language).replace("%d", "dd").replace("%m", "MM").replace("%Y", "yyyy")


def fill_line_edit(edit: QLineEdit, text: str, *, tip: bool = False) -> None:
    """Put ``text`` in ``edit`` and show its start: the cursor goes to 0, so that a long value
    ("FAC-2026-000987654321", a long supplier name) reads from its first character instead of
    being scrolled to its end. ``tip``: the full text is also the tooltip (what does not fit).
    The one way the form fills a line edit (header fields, amounts, the counterpart, the dialog)."""
    if edit.text() != text:
        edit.setText(text)
    edit.setCursorPosition(0)
    if tip:
        edit.setToolTip(text)


def popup_width_for(popup: QAbstractItemView, texts: Iterable[str]) -> int:
    """The width a list popup needs to show the longest of ``texts`` whole: text, item padding,
    frame and a vertical scroll bar."""
    fm = popup.fontMetrics()
    widest = max((fm.horizontalAdvance(t) for t in texts), default=0)
    style = popup.style()
    padding = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, popup) + 1) + 8
    scroll_bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, popup)
    return widest + padding + 2 * popup.frameWidth() + scroll_bar


class _WidePopup(QObject):
    """Keeps a list popup as wide as its longest entry (a popup is otherwise as narrow as the cell
    or field it belongs to: "622 – Rémunéra…"), within the screen: moved left rather than cut at
    the screen's right edge. ``texts()`` gives the entries; ``combo``: the popup is a combo box's
    drop-down (its list inside a container), else the popup is the list itself (a completer's).
    The list is asked for when shown, never kept (a completer's first popup may be replaced)."""

    def __init__(self, parent: QObject, texts: Any, combo: Any = None) -> None:
        super().__init__(parent)
        self.texts = texts
        self.combo = combo
        self._moving = False

    def eventFilter(self, popup: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show:
            screen = popup.screen().availableGeometry()
            view = self.combo.view() if self.combo is not None else popup
            around = popup.width() - view.width() if self.combo is not None else 0  # the container's margins
            width = popup_width_for(view, self.texts()) + max(0, around)
            popup.setMinimumWidth(min(width, screen.width()))
            popup.resize(max(popup.width(), popup.minimumWidth()), popup.height())
            self._keep_on_screen(popup)
        elif event.type() in (QEvent.Type.Move, QEvent.Type.Resize) and popup.isVisible():
            self._keep_on_screen(popup)
        return False

    def _keep_on_screen(self, popup: Any) -> None:
        if self._moving:
            return
        screen = popup.screen().availableGeometry()
        x = max(screen.left(), min(popup.x(), screen.right() + 1 - popup.width()))
        if x != popup.x():
            self._moving = True
            try:
                popup.move(x, popup.y())
            finally:
                self._moving = False


def _model_texts(model: Any, column: int = 0) -> Any:
    return lambda: (str(model.index(r, column).data() or "") for r in range(model.rowCount()))


def widen_popup(completer: QCompleter) -> None:
    """Make ``completer``'s popup as wide as its longest entry (bounded by the screen)."""
    completer.popup().installEventFilter(
        _WidePopup(completer, lambda: _model_texts(completer.model(), completer.completionColumn())()))


def widen_combo_popup(combo: Any) -> None:
    """The same for a combo box's drop-down list (a long supplier name, a category path)."""
    combo.view().window().installEventFilter(
        _WidePopup(combo, lambda: _model_texts(combo.model(), combo.modelColumn())(), combo))


def standard_icon(kind: str) -> QIcon:
    style = QApplication.style()
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
        "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    }[kind]
    return style.standardIcon(pixmap)


class ProvenanceBadge(QLabel):
    """A small pill saying where a value came from ("Factur-X", "texte"); hidden once edited.

    Pointing at it (hover, or a click that keeps it) emits ``pointed(field, True)`` so that the
    preview can show where the value sits on the page; leaving it emits ``pointed(field, False)``.
    """

    pointed = Signal(str, bool)  # field, shown

    def __init__(self, parent: QWidget | None = None, field: str = "") -> None:
        super().__init__(parent)
        self.field = field
        self._pinned = False
        self.setObjectName("provenanceBadge")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_provenance(None)

    def set_provenance(self, value: Any, note: Any = None) -> None:
        """``note``: for a remembered value, when it was learned and what it replaced (a Text)."""
        looks = {  # kind: badge text, tooltip, colour tone
            "xml": (self.tr("Factur-X"), self.tr("Read from the Factur-X XML embedded in the PDF"), "xml"),
            "text": (self.tr("text"), self.tr("Guessed from the PDF's text: check it"), "text"),
            "remembered": (self.tr("remembered"),
                           self.tr("Remembered from your earlier imports of this supplier or customer"), "info"),
            "company_terms": (self.tr("your terms"), self.tr("From your usual payment terms (Preferences)"), "info"),
            "ocr": (self.tr("OCR"), self.tr("Read by character recognition from the scan or photo: check it"), "text"),
        }
        kind = provenance_name(value)
        look = looks.get(kind)
        if look is None:
            self.hide()
            self.setText("")
            self.setToolTip("")
            self.setAccessibleName("")
            return
        text, tip, tone = look
        self.setText(text)
        self.setToolTip(tip + ("\n" + str(note) if kind == "remembered" and note is not None else ""))
        colour, background = colours.tone(tone)
        self.setAccessibleName(self.toolTip())
        self.setStyleSheet(
            f"QLabel#provenanceBadge {{ color: {colour}; background: {background}; border-radius: 6px;"
            f" padding: 0px 4px; font-size: 10px; }}"
        )
        self.show()

    def kind(self) -> str:
        return provenance_name(self.text()) if self.isVisible() else ""

    def enterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.field:
            self.pointed.emit(self.field, True)
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.field and not self._pinned:
            self.pointed.emit(self.field, False)
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.field and event.button() == Qt.MouseButton.LeftButton:
            self._pinned = not self._pinned
            self.pointed.emit(self.field, self._pinned)
        super().mousePressEvent(event)


class FindingLabel(QWidget):
    """An icon and a sentence under a field: why it is wrong (red) or doubtful (amber). Not colour only."""

    def __init__(self, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.icon = QLabel(self)
        self.icon.setFixedSize(QSize(16, 16))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.severity = ""
        self.hide()

    def set_message(self, severity: str, message: str) -> None:
        if not message:
            self.clear()
            return
        self.severity = severity
        self.icon.setPixmap(standard_icon(severity if severity in ("error", "warning", "ok") else "info").pixmap(16, 16))
        colour = colours.tone(severity).fg if severity in ("error", "warning", "ok") else "palette(text)"
        self.text.setStyleSheet(f"color: {colour};")
        self.text.setText(message)
        prefix = {"error": self.tr("Error:"), "warning": self.tr("Warning:")}.get(severity, "")
        self.setAccessibleName(f"{prefix} {message}".strip())
        self.show()

    def set_findings(self, findings: Iterable[Any]) -> None:
        """Show the findings (domain ``Finding``: severity, message), errors first."""
        items = sorted(findings, key=lambda f: severity_name(f.severity) != "error")
        if not items:
            self.clear()
            return
        worst = severity_name(items[0].severity)
        self.set_message(worst, "\n".join(str(f.message) for f in items))

    def clear(self) -> None:
        self.severity = ""
        self.text.setText("")
        self.hide()

    def message(self) -> str:
        return self.text.text() if self.isVisible() or self.text.text() else ""


class AmountEdit(QLineEdit):
    """A money field that reads French or English input ("1 234,56", "1,234.56") as a Decimal.

    ``value_changed(Decimal | None)`` fires on every keystroke that yields a readable amount (or an
    empty field); an unreadable text keeps the last value and sets :attr:`error` (a domain Text).
    """

    value_changed = Signal(object)
    validity_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0,00")
        self._value: Decimal | None = None
        self.error = None
        self.textEdited.connect(self._on_edited)
        self.editingFinished.connect(self._reformat)

    def value(self) -> Decimal | None:
        return self._value

    def set_value(self, value: Decimal | None) -> None:
        self._value = value
        self.error = None
        fill_line_edit(self, "" if value is None else format_amount(value))

    def _on_edited(self, text: str) -> None:
        had_error = self.error is not None
        if not text.strip():
            self.error = None
            self._value = None
            self.value_changed.emit(None)
        else:
            try:
                value = parse_amount(text)
            except AmountError as exc:
                self.error = exc.text
            else:
                self.error = None
                self._value = value
                self.value_changed.emit(value)
        if had_error != (self.error is not None) or self.error is not None:
            self.validity_changed.emit()

    def _reformat(self) -> None:
        if self.error is None and self._value is not None:
            fill_line_edit(self, format_amount(self._value))


class OptionalDateEdit(QDateEdit):
    """A date that may be absent: the minimum date stands for "none" and reads "—"."""

    NONE = QDate(1900, 1, 1)
    value_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(self.NONE)
        self.setSpecialValueText("—")
        self.setDisplayFormat(qt_day_format())
        self.setDate(self.NONE)
        self._setting = False
        self.dateChanged.connect(self._changed)

    def date_value(self) -> _dt.date | None:
        d = self.date()
        return None if d == self.NONE else _dt.date(d.year(), d.month(), d.day())

    def set_date_value(self, value: _dt.date | None) -> None:
        self._setting = True
        try:
            self.setDate(self.NONE if value is None else QDate(value.year, value.month, value.day))
        finally:
            self._setting = False

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        # Tab leaves the field (QDateEdit would walk its day/month/year sections, and stay stuck on
        # the "—" of an empty date): natural tab order. Arrows and typing move between sections.
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab and not event.modifiers())
            event.accept()
            return
        super().keyPressEvent(event)

    def _changed(self, _date: QDate) -> None:
        if not self._setting:
            self.value_changed.emit(self.date_value())
