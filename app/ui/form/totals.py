"""The form's totals section (``totalsBox``): the declared totals, built from a field table, each
with its provenance badge, the sum of the lines beside it and its finding under it; then
``balanceStatus``, declared against the lines, in a sentence.

A view of the draft: :meth:`TotalsSection.load` shows it, :meth:`TotalsSection.show_check` shows
what :func:`app.jobs.prepare.prepare` found; edits leave through ``total_edited``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from app.domain.money import format_money
from app.ui import colours
from app.ui.banner import Banner
from app.ui.form.widgets import AmountEdit, FindingLabel, ProvenanceBadge

TOTALS = ("amount_before_tax", "tax", "amount")


class BalanceStatus(Banner):
    """``balanceStatus``: declared totals against the sums of the lines, with an icon and a sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("balanceStatus", parent, icon=True)
        self.state = ""

    def set_state(self, state: str, text: str) -> None:
        self.state = state  # "ok" | "error" | "warning" | "empty"
        self.set_tone(state if state in ("ok", "error", "warning") else "info")
        self.set_text(text)
        self.setAccessibleName(text)
        self.setToolTip(text)

    def text(self) -> str:
        return self.label.text()


class TotalsSection(QGroupBox):
    total_edited = Signal(str, object)  # field, Decimal | None
    validity_changed = Signal()  # an entry became (un)readable

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Totals"), parent)
        self.setObjectName("totalsBox")
        # The field table: one row per declared total (a new total is one row here).
        fields = (
            ("amount_before_tax", self.tr("Total e&xcl. tax:"), "totalBeforeTaxEdit"),
            ("tax", self.tr("&VAT:"), "totalTaxEdit"),
            ("amount", self.tr("Total incl. t&ax:"), "totalEdit"),
        )
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(3, 1)
        self.edits: dict[str, AmountEdit] = {}
        self.badges: dict[str, ProvenanceBadge] = {}
        self.sums: dict[str, QLabel] = {}
        self.findings: dict[str, FindingLabel] = {}
        for i, (field, text, object_name) in enumerate(fields):
            edit = AmountEdit(self)
            edit.setObjectName(object_name)
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0 000 000,00 €") + 24)
            edit.value_changed.connect(lambda v, f=field: self.total_edited.emit(f, v))
            edit.validity_changed.connect(lambda *_: self.validity_changed.emit())
            badge = ProvenanceBadge(self)
            sums = QLabel(self)
            sums.setObjectName(f"{object_name}LinesSum")
            sums.setStyleSheet(f"color: {colours.muted()};")  # muted, still 4.5:1 on the window colour
            finding = FindingLabel(self, f"{object_name}Finding")
            label = QLabel(text, self)
            label.setBuddy(edit)
            edit.setAccessibleName(text.replace("&", "").rstrip(" :"))
            grid.addWidget(label, 2 * i, 0)
            grid.addWidget(edit, 2 * i, 1)
            grid.addWidget(badge, 2 * i, 2)
            grid.addWidget(sums, 2 * i, 3)
            grid.addWidget(finding, 2 * i + 1, 1, 1, 3)
            self.edits[field] = edit
            self.badges[field] = badge
            self.sums[field] = sums
            self.findings[field] = finding
        self.balance_status = BalanceStatus(self)
        grid.addWidget(self.balance_status, 2 * len(fields), 0, 1, 4)

    # -- draft -> widgets -------------------------------------------------------------------------
    def load(self, draft: Any, remembered: Callable[[str], Any] = lambda _field: None) -> None:
        for field, edit in self.edits.items():
            edit.set_value(getattr(draft, field))
            self.badges[field].set_provenance(draft.provenance.get(field), remembered(field))

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)

    def unreadable(self) -> list[str]:
        """The entries that cannot be read as an amount (they block the import), as sentences."""
        return [str(edit.error) for edit in self.edits.values() if edit.error is not None]

    # -- the check ----------------------------------------------------------------------------------
    def show_check(self, draft: Any, findings: list[Any], about: Callable[[str], list[Any]],
                   sums: tuple[Decimal, Decimal, Decimal]) -> None:
        """Each total's finding (an unreadable entry first), the lines' sums, and the balance."""
        currency = draft.currency
        for field, value in zip(TOTALS, sums):
            edit = self.edits[field]
            if edit.error is not None:
                self.findings[field].set_message("error", str(edit.error))
            else:
                self.findings[field].set_findings(about(field))
            self.sums[field].setText(self.tr("lines: %1").replace("%1", format_money(value, currency)) if draft.lines else "")
        self._show_balance(draft, findings, sums)

    def _show_balance(self, d: Any, findings: list[Any], sums: tuple[Decimal, Decimal, Decimal]) -> None:
        status = self.balance_status
        currency = d.currency
        codes = {f.code for f in findings}
        if not d.lines:
            status.set_state("warning", self.tr("No line yet: add the invoice's lines (Ctrl+N) or make one from the totals (Ctrl+T)."))
            return
        if any(getattr(d, f) is None for f in TOTALS) or any(self.edits[f].error for f in TOTALS):
            status.set_state("warning", self.tr("Enter the declared totals to check the balance (the lines add up to %1 incl. tax).").replace("%1", format_money(sums[2], currency)))
            return
        declared = (d.amount_before_tax, d.tax, d.amount)
        names = (self.tr("Excl. tax"), self.tr("VAT"), self.tr("Incl. tax"))
        gaps = [(n, dec, s) for n, dec, s in zip(names, declared, sums) if dec != s]
        if "lines_sum" in codes or "header_ttc" in codes:
            parts = [
                self.tr("%1: declared %2, lines %3, difference %4")
                .replace("%1", n).replace("%2", format_money(dec, currency)).replace("%3", format_money(s, currency))
                .replace("%4", format_money(abs(dec - s), currency))
                for n, dec, s in gaps
            ]
            if "header_ttc" in codes and not parts:
                parts = [self.tr("the declared excl. tax + VAT does not equal the declared total")]
            status.set_state("error", self.tr("Unbalanced — %1.").replace("%1", "; ".join(parts)))
        elif gaps:
            status.set_state(
                "ok", self.tr("Balanced within Pennylane's tolerance (one cent per line): lines %1, declared %2.")
                .replace("%1", format_money(sums[2], currency)).replace("%2", format_money(d.amount, currency)))
        else:
            status.set_state(
                "ok", self.tr("Balanced: the lines add up to the declared totals (%1 incl. tax).").replace("%1", format_money(d.amount, currency)))
