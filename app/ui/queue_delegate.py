"""How the queue's name column draws a document: one line, the file name shortened by
:func:`elide_file_name`; or, in a queue too narrow for the counterpart and date columns
(``NameDelegate.two_lines``, decided by ``QueueView.fit_columns``), two lines as a mail client's
compact list does — the supplier or customer in bold, then the invoice date and the total
(right-aligned, as in a column of figures), muted
(:class:`app.ui.queue_model.RowLines`, which the model caches per row). Colours come from the
palette (:func:`app.ui.colours.muted` for the second line), so a dark palette reads as well.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.ui import colours
from app.ui.queue_model import LINES_ROLE, RowLines


def elide_file_name(name: str, fits: Callable[[str], bool]) -> str:
    """``name`` shortened until ``fits``: its extension and the end of its stem are kept (files of
    one supplier differ by their number, at the end: "au-b…2026-1187.pdf", "au-b…2026-1254.pdf"),
    with the first few characters; never two names cut to the same "au-b….pdf" while there is room."""
    if fits(name):
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not 0 < len(ext) <= 5:
        stem, ext = name, ""
    else:
        ext = "." + ext

    def cut(kept: int) -> str:
        head = min(kept, max(3, round(kept * 0.4)))
        tail = kept - head
        return stem[:head] + "…" + (stem[len(stem) - tail:] if tail else "") + ext

    low, high = 0, len(stem) - 1  # the most characters of the stem kept that still fit
    if not fits(cut(0)):
        return "…"
    while low < high:
        middle = (low + high + 1) // 2
        if fits(cut(middle)):
            low = middle
        else:
            high = middle - 1
    return cut(low)


class NameDelegate(QStyledItemDelegate):
    """The name column: the file name on one line (:func:`elide_file_name` instead of Qt's middle
    elision), or the row's two lines when :attr:`two_lines`."""

    PADDING = 3  # px above and below the two lines
    AMOUNT_GAP = 6  # px at least between the date and the amount
    CACHE_LIMIT = 4096  # texts × widths seen while a splitter is dragged

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.two_lines = False
        self._cache: dict[tuple[str, int, str, bool], str] = {}  # painting asks again for the same rows
        self._fitted: dict[tuple[RowLines, int, str], tuple[str, str, str]] = {}  # a row's three texts, fitted
        self._muted: dict[int, QColor] = {}  # palette cache key -> the second line's colour
        self._font_cache: dict[str, tuple[QFont, int, int]] = {}  # font key -> bold font, line heights

    # --- shortening, cached ----------------------------------------------------------------------
    def shorten(self, text: str, width: int, font: QFont, *, file_name: bool) -> str:
        """``text`` fitted to ``width`` px in ``font``: a file name by :func:`elide_file_name`, any
        other text cut at its end (a supplier's name is read from its start)."""
        key = (text, width, font.key(), file_name)
        shown = self._cache.get(key)
        if shown is None:
            metrics = QFontMetrics(font)
            if file_name:
                shown = elide_file_name(text, lambda t: metrics.horizontalAdvance(t) <= width)
            else:
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            if len(self._cache) > self.CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = shown
        return shown

    @staticmethod
    def _style(option: QStyleOptionViewItem) -> QStyle:
        widget = option.widget
        return widget.style() if widget is not None else QApplication.style()

    def _text_rect(self, option: QStyleOptionViewItem) -> QRect:
        style = self._style(option)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1  # as the style draws it
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        return rect.adjusted(margin, 0, -margin - 2, 0)  # 2: rounding

    # --- one line ----------------------------------------------------------------------------
    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:  # noqa: N802 (Qt API)
        super().initStyleOption(option, index)
        if not self.two_lines:
            option.text = self.shorten(option.text, self._text_rect(option).width(), option.font, file_name=True)

    # --- two lines ---------------------------------------------------------------------------
    def _fonts(self, font: QFont) -> tuple[QFont, int, int]:
        """The first line's bold font, and the two lines' heights, for the view's font."""
        key = font.key()
        fonts = self._font_cache.get(key)
        if fonts is None:
            bold = QFont(font)
            bold.setBold(True)
            fonts = (bold, QFontMetrics(bold).lineSpacing(), QFontMetrics(font).lineSpacing())
            self._font_cache[key] = fonts
        return fonts

    def bold(self, font: QFont) -> QFont:
        return self._fonts(font)[0]

    def two_line_height(self, font: QFont) -> int:
        _bold, first, second = self._fonts(font)
        return first + second + 2 * self.PADDING

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 (Qt API)
        size = super().sizeHint(option, index)
        if self.two_lines:
            size.setHeight(max(size.height(), self.two_line_height(option.font)))
        return size

    def muted_colour(self, palette: QPalette) -> QColor:
        colour = self._muted.get(palette.cacheKey())
        if colour is None:
            colour = QColor(colours.muted(palette))
            if len(self._muted) > 16:
                self._muted.clear()
            self._muted[palette.cacheKey()] = colour
        return colour

    def texts(self, option: QStyleOptionViewItem, lines: RowLines) -> tuple[str, str, str]:
        """The first line, the detail and the amount as drawn in ``option``'s rectangle: each
        shortened to the width, the amount whole when it fits (a figure is never cut before a date)."""
        width = self._text_rect(option).width()
        key = (lines, width, option.font.key())
        texts = self._fitted.get(key)
        if texts is None:
            first = self.shorten(lines.first, width, self.bold(option.font), file_name=lines.first_is_name)
            detail, amount = lines.detail, lines.amount
            if amount:
                metrics = QFontMetrics(option.font)
                amount = self.shorten(amount, width, option.font, file_name=False)
                room = width - metrics.horizontalAdvance(amount) - self.AMOUNT_GAP
                detail = self.shorten(detail, room, option.font, file_name=False) if detail and room > 0 else ""
            else:
                detail = self.shorten(detail, width, option.font, file_name=False)
            texts = (first, detail, amount)
            if len(self._fitted) > self.CACHE_LIMIT:
                self._fitted.clear()
            self._fitted[key] = texts
        return texts

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        if not self.two_lines:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = self._style(opt)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # background, selection, focus
        lines = index.data(LINES_ROLE)
        if not isinstance(lines, RowLines):
            return
        first, detail, amount = self.texts(opt, lines)
        rect = self._text_rect(opt)
        bold, first_height, second_height = self._fonts(opt.font)
        top = rect.top() + max(0, (rect.height() - first_height - second_height) // 2)
        if not opt.state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRect(rect.left(), top, rect.width(), first_height), align, first)
        painter.setFont(opt.font)
        painter.setPen(text if selected else self.muted_colour(opt.palette))
        second = QRect(rect.left(), top + first_height, rect.width(), second_height)
        painter.drawText(second, align, detail)
        if amount:
            painter.drawText(second, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, amount)
        painter.restore()
