"""``readSuggestions``: values the reader found but was not sure enough of to fill (totals that do
not add up, two candidate dates…), offered beside the form — never filled. Each is a link: choosing
it fills that field (as typed by the person, who checked it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.ui import colours

# the fields a suggestion may fill, in the order shown
FIELDS = ("invoice_number", "date", "deadline", "amount_before_tax", "tax", "amount")


def parse_suggestion(field: str, text: str) -> Any:
    """The typed value of a suggestion (None when it does not parse)."""
    try:
        if field in ("date", "deadline"):
            return date.fromisoformat(text)
        if field in ("amount_before_tax", "tax", "amount"):
            return Decimal(text)
    except (ValueError, InvalidOperation):
        return None
    return text.strip() or None


class SuggestionsBar(QLabel):
    chosen = Signal(str, object)  # field, typed value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readSuggestions")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.linkActivated.connect(self._activated)
        self.values: dict[str, Any] = {}
        self.hide()

    def _names(self) -> dict[str, str]:
        return {
            "invoice_number": self.tr("number"), "date": self.tr("date"), "deadline": self.tr("due date"),
            "amount_before_tax": self.tr("total excl. VAT"), "tax": self.tr("VAT"), "amount": self.tr("total incl. VAT"),
        }

    def set_suggestions(self, suggestions: dict[str, str], empty: set[str], shown: Any = str) -> None:
        """Offer the suggestions for the fields still ``empty``; ``shown(value)`` formats a value."""
        self.values = {}
        for field in FIELDS:
            if field in suggestions and field in empty:
                value = parse_suggestion(field, suggestions[field])
                if value is not None:
                    self.values[field] = value
        if not self.values:
            self.clear()
            self.hide()
            return
        names = self._names()
        links = " · ".join(f'{escape(names[f])} <a href="{f}">{escape(shown(v))}</a>' for f, v in self.values.items())
        intro = self.tr("Read but not sure (check before using):")
        self.setText(f'<span style="color:{colours.muted()}">{escape(intro)}</span> {links}')
        self.setAccessibleName(intro)
        self.show()

    def offer(self, suggestions: dict[str, str], draft: Any) -> None:
        """Offer ``suggestions`` for the fields of ``draft`` still empty, amounts and dates written
        as the window's language writes them."""
        from app.domain.money import format_amount

        empty = {f for f in FIELDS if getattr(draft, f, None) in (None, "")}
        locale = self.locale()

        def shown(value: Any) -> str:
            if isinstance(value, Decimal):
                return format_amount(value)
            if hasattr(value, "isoformat"):
                return locale.toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)
            return str(value)

        self.set_suggestions(suggestions, empty, shown)

    def _activated(self, field: str) -> None:
        if field in self.values:
            value = self.values.pop(field)
            self.chosen.emit(field, value)
