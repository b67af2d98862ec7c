"""Balance rules: is this draft something Pennylane will accept, and does it add up?

:func:`check` is pure: it reads a draft and returns :class:`Finding` s, each naming the field it
concerns, a severity (an ``ERROR`` blocks the import, a ``WARNING`` informs) and a French and
English message that says what is wrong and by how much.

Field names: the draft's own (``"amount_before_tax"``, ``"tax"``, ``"amount"``, ``"date"``,
``"deadline"``, ``"counterpart_id"``, ``"invoice_number"``, ``"currency"``, ``"lines"``) and
``"lines[i].<field>"`` for line ``i`` (0-based; messages number lines from 1).

Rules (issue "Foundation", section "The domain"; Pennylane's import endpoints):

===================  ========  ===============================================================
code                 severity  rule
===================  ========  ===============================================================
no_lines             error     at least one line (``invoice_lines`` has ``minItems: 1``)
missing_total        error     the three header totals are present (required by the API)
lines_sum            error     Σ lines − total ≤ 0.01 × number of lines, for HT, tax and TTC
                               (Pennylane's tolerance: one cent per invoice line)
line_tax_rate        error     a line's tax = its VAT code's tax on its HT, within 0.01 (skipped
                               for ``mixed``)
line_tax_reverse     warning   a reverse-charge line carries the self-assessed tax instead of 0
line_quantity_price  error     customer line: HT = quantity × unit price, within 0.01; only a
                               warning when the unit price is merely rounded (within half a
                               cent of HT ÷ quantity: AV-2017-0005's 5 × 4.10 for 20.48) — the
                               line amount is what balances
line_ttc             error     each line: HT + tax = TTC exactly
header_ttc           error     header: HT + tax = TTC exactly
deadline_before_date error     deadline not before the invoice date
currency             error     a currency Pennylane accepts
required             error     date, deadline and counterpart (required by both endpoints)
invoice_number       warning   an invoice number is expected (optional for the API)
imputation_dates     error     a line's accounting period has both dates (the API requires
                               both) and does not end before it starts
credit_note_sign     error     a credit note's amounts are all ≤ 0 (header and lines)
invoice_sign         error     an invoice's totals are ≥ 0
===================  ========  ===============================================================

Sign convention: a credit note is ``credit_note=True`` **and** negative amounts, as Pennylane
records it (see :mod:`app.domain.invoice`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Iterable

from app.domain.currency import is_supported_currency
from app.domain.invoice import CustomerLine, DraftBase, LineBase
from app.domain.money import CENT, format_money, round_money
from app.domain.text import Text
from app.domain.vat import VAT_CODES, tax_for

__all__ = [
    "Severity",
    "Finding",
    "check",
    "has_errors",
    "errors",
    "warnings",
    "totals_of_lines",
    "tolerance_for",
    "findings_for",
]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    field: str
    severity: Severity
    message: Text
    code: str

    def __str__(self) -> str:
        return str(self.message)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == Severity.ERROR for f in findings)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.ERROR]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.WARNING]


def findings_for(findings: Iterable[Finding], field: str) -> list[Finding]:
    """The findings about ``field`` (``"lines[2]"`` also matches ``"lines[2].tax"``)."""
    return [f for f in findings if f.field == field or f.field.startswith(field + ".")]


def totals_of_lines(draft: DraftBase) -> tuple[Decimal, Decimal, Decimal]:
    """(Σ HT, Σ tax, Σ TTC) of the draft's lines."""
    lines: list[LineBase] = list(getattr(draft, "lines", []))
    ht = sum((line.amount_before_tax for line in lines), Decimal(0))
    tax = sum((line.tax for line in lines), Decimal(0))
    ttc = sum((line.amount for line in lines), Decimal(0))
    return ht, tax, ttc


def tolerance_for(line_count: int) -> Decimal:
    """Pennylane tolerates one cent per invoice line between the totals and the lines."""
    return CENT * max(line_count, 0)


_TOTAL_NAMES = {
    "amount_before_tax": ("HT", "before tax", "total HT", "total before tax"),
    "tax": ("de TVA", "of VAT", "total de TVA", "total VAT"),
    "amount": ("TTC", "including VAT", "total TTC", "total including VAT"),
}


def check(draft: DraftBase) -> list[Finding]:
    """Every finding about ``draft``, in a stable order (header first, then lines)."""
    currency = draft.currency if is_supported_currency(draft.currency) else "EUR"

    def money(value: Decimal, language: str) -> str:
        return format_money(value, currency, language)

    found: list[Finding] = []

    def add(field: str, severity: Severity, code: str, fr: str, en: str) -> None:
        found.append(Finding(field, severity, Text(fr, en), code))

    # --- required fields and simple header rules -------------------------------------------
    if not is_supported_currency(draft.currency):
        add(
            "currency", Severity.ERROR, "currency",
            f"La devise « {draft.currency} » n'est pas acceptée par Pennylane.",
            f"Pennylane does not accept the currency “{draft.currency}”.",
        )  # fmt: skip
    if draft.date is None:
        add("date", Severity.ERROR, "required", "La date de facture est obligatoire.", "The invoice date is required.")
    if draft.deadline is None:
        add("deadline", Severity.ERROR, "required", "L'échéance est obligatoire.", "The due date is required.")
    elif draft.date is not None and draft.deadline < draft.date:
        days = (draft.date - draft.deadline).days
        add(
            "deadline", Severity.ERROR, "deadline_before_date",
            f"L'échéance ({draft.deadline:%d/%m/%Y}) est antérieure de {days} jour(s) à la date de facture "
            f"({draft.date:%d/%m/%Y}).",
            f"The due date ({draft.deadline.isoformat()}) is {days} day(s) before the invoice date "
            f"({draft.date.isoformat()}).",
        )  # fmt: skip
    if draft.counterpart_id is None:
        customer = getattr(draft, "kind", None) == "customer"
        who_fr, who_en = ("le client", "the customer") if customer else ("le fournisseur", "the supplier")
        name = f" ({draft.counterpart_name})" if draft.counterpart_name else ""
        add(
            "counterpart_id", Severity.ERROR, "required",
            f"Choisissez {who_fr}{name} dans Pennylane.",
            f"Pick {who_en}{name} in Pennylane.",
        )  # fmt: skip
    if not (draft.invoice_number or "").strip():
        add(
            "invoice_number", Severity.WARNING, "invoice_number",
            "Le numéro de facture est vide.", "The invoice number is empty.",
        )  # fmt: skip

    for category in getattr(draft, "categories", None) or []:
        if category.api_weight() == "0":  # Pennylane wants a weight in (0, 1]: 0 % is no share at all
            add(
                "categories", Severity.ERROR, "category_weight",
                "Une catégorie analytique a un poids de 0 % : donnez-lui une part ou retirez-la.",
                "An analytic category has a weight of 0 %: give it a share or remove it.",
            )  # fmt: skip
            break

    lines: list[LineBase] = list(getattr(draft, "lines", []))
    if not lines:
        add("lines", Severity.ERROR, "no_lines", "La facture n'a aucune ligne.", "The invoice has no lines.")

    # --- header totals -----------------------------------------------------------------------
    totals = {"amount_before_tax": draft.amount_before_tax, "tax": draft.tax, "amount": draft.amount}
    sums = dict(zip(totals, totals_of_lines(draft)))
    for field, declared in totals.items():
        short_fr, short_en, long_fr, long_en = _TOTAL_NAMES[field]
        if declared is None:
            hint_fr = hint_en = ""
            if lines:
                hint_fr = f" (les lignes totalisent {money(sums[field], 'fr')})"
                hint_en = f" (the lines add up to {money(sums[field], 'en')})"
            add(
                field, Severity.ERROR, "missing_total",
                f"Le {long_fr} est manquant{hint_fr}.", f"The {long_en} is missing{hint_en}.",
            )  # fmt: skip
            continue
        if not lines:
            continue
        gap = sums[field] - declared
        if abs(gap) > tolerance_for(len(lines)):
            add(
                field, Severity.ERROR, "lines_sum",
                f"Les lignes totalisent {money(sums[field], 'fr')} {short_fr} mais le {long_fr} déclaré est "
                f"{money(declared, 'fr')} (écart {money(abs(gap), 'fr')}).",
                f"The lines add up to {money(sums[field], 'en')} {short_en} but the declared total is "
                f"{money(declared, 'en')} (difference {money(abs(gap), 'en')}).",
            )  # fmt: skip
    if None not in totals.values():
        ht, tax, ttc = draft.amount_before_tax, draft.tax, draft.amount
        assert ht is not None and tax is not None and ttc is not None
        if ht + tax != ttc:
            add(
                "amount", Severity.ERROR, "header_ttc",
                f"HT + TVA = {money(ht + tax, 'fr')} mais le total TTC est {money(ttc, 'fr')} "
                f"(écart {money(abs(ht + tax - ttc), 'fr')}).",
                f"Before tax + VAT = {money(ht + tax, 'en')} but the total including VAT is {money(ttc, 'en')} "
                f"(difference {money(abs(ht + tax - ttc), 'en')}).",
            )  # fmt: skip

    # --- sign ------------------------------------------------------------------------------------
    present = {k: v for k, v in totals.items() if v is not None}
    if draft.credit_note:
        positive = [k for k, v in present.items() if v > 0]
        if positive:
            add(
                "amount" if "amount" in positive else positive[0], Severity.ERROR, "credit_note_sign",
                "Un avoir s'enregistre en montants négatifs : c'est son type (avoir) qui donne le signe. "
                "Saisissez ses totaux en négatif, ou décochez « avoir » s'il s'agit d'une facture.",
                "A credit note is recorded with negative amounts: its type (credit note) sets the sign. "
                "Enter its totals as negative, or untick “credit note” if this is an invoice.",
            )  # fmt: skip
    else:
        negative = [k for k, v in present.items() if v < 0]
        if negative:
            add(
                "amount" if "amount" in negative else negative[0], Severity.ERROR, "invoice_sign",
                "Une facture a des totaux positifs ou nuls : le signe d'un avoir vient de son type. "
                "Cochez « avoir » s'il s'agit d'un avoir (les montants restent négatifs).",
                "An invoice has totals of zero or more: the sign of a credit note comes from its type. "
                "Tick “credit note” if this is one (its amounts stay negative).",
            )  # fmt: skip

    # --- lines -----------------------------------------------------------------------------------
    for index, line in enumerate(lines):
        found.extend(_check_line(index, line, draft.credit_note, money))
    return found


UNIT_PRICE_PLACES = Decimal("0.000001")  # the API's raw_currency_unit_price: up to 6 decimals


def exact_unit_price(line: LineBase) -> Decimal:
    """The unit price to send: the document's own when quantity × it gives the line's amount before
    tax, else that amount ÷ quantity to 6 decimals (a price printed rounded, 4.10 for 4.096)."""
    price = line.unit_price
    quantity = getattr(line, "quantity", None)
    if not quantity or round_money(quantity * price) == line.amount_before_tax:
        return price
    return (line.amount_before_tax / quantity).quantize(UNIT_PRICE_PLACES)


def unit_price_is_rounded(line: LineBase) -> bool:
    """True when the unit price is the line's HT ÷ quantity rounded to the cent (not another price)."""
    quantity = getattr(line, "quantity", None)
    if not quantity:
        return False
    return abs(line.unit_price - line.amount_before_tax / quantity) <= CENT / 2


def _check_line(index: int, line: LineBase, credit_note: bool, money) -> list[Finding]:  # noqa: ANN001
    found: list[Finding] = []
    where = f"lines[{index}]"
    n = index + 1

    def add(field: str, severity: Severity, code: str, fr: str, en: str) -> None:
        found.append(Finding(f"{where}.{field}", severity, Text(f"Ligne {n} : {fr}", f"Line {n}: {en}"), code))

    ht, tax, ttc = line.amount_before_tax, line.tax, line.amount
    if isinstance(line, CustomerLine):
        expected_ht = round_money(line.quantity * line.unit_price)
        if abs(ht - expected_ht) > CENT:
            rounded = unit_price_is_rounded(line)
            add(
                "amount_before_tax", Severity.WARNING if rounded else Severity.ERROR, "line_quantity_price",
                f"quantité × prix unitaire = {money(expected_ht, 'fr')} mais le montant HT est {money(ht, 'fr')} "
                f"(écart {money(abs(ht - expected_ht), 'fr')})"
                + (" : le prix unitaire est arrondi sur le document ; le montant de la ligne est gardé." if rounded
                   else "."),
                f"quantity × unit price = {money(expected_ht, 'en')} but the amount before tax is {money(ht, 'en')} "
                f"(difference {money(abs(ht - expected_ht), 'en')})"
                + (": the unit price is rounded on the document; the line amount is kept." if rounded else "."),
            )  # fmt: skip
    vat = VAT_CODES.get(line.vat_rate)
    if vat is not None and vat.rate is not None:
        expected = tax_for(ht, vat.code)
        if abs(tax - expected) > CENT:
            nominal = round_money(ht * vat.self_assessed_rate / 100) if vat.reverse_charge and vat.self_assessed_rate else None
            if nominal is not None and abs(tax - nominal) <= CENT:
                add(
                    "tax", Severity.WARNING, "line_tax_reverse",
                    f"avec {vat.code} ({vat.label.fr}) la TVA est autoliquidée par l'acheteur et ne figure "
                    f"normalement pas sur la facture ; la ligne porte {money(tax, 'fr')} de TVA au lieu de "
                    f"{money(expected, 'fr')}.",
                    f"with {vat.code} ({vat.label.en}) the VAT is self-assessed by the buyer and normally not "
                    f"on the invoice; the line carries {money(tax, 'en')} of VAT instead of {money(expected, 'en')}.",
                )  # fmt: skip
            else:
                add(
                    "tax", Severity.ERROR, "line_tax_rate",
                    f"{vat.label.fr} sur {money(ht, 'fr')} donne {money(expected, 'fr')} de TVA mais la ligne porte "
                    f"{money(tax, 'fr')} (écart {money(abs(tax - expected), 'fr')}).",
                    f"{vat.label.en} on {money(ht, 'en')} gives {money(expected, 'en')} of VAT but the line "
                    f"carries {money(tax, 'en')} (difference {money(abs(tax - expected), 'en')}).",
                )  # fmt: skip
    if ht + tax != ttc:
        add(
            "amount", Severity.ERROR, "line_ttc",
            f"HT + TVA = {money(ht + tax, 'fr')} mais le TTC est {money(ttc, 'fr')} "
            f"(écart {money(abs(ht + tax - ttc), 'fr')}).",
            f"before tax + VAT = {money(ht + tax, 'en')} but the amount including VAT is {money(ttc, 'en')} "
            f"(difference {money(abs(ht + tax - ttc), 'en')}).",
        )  # fmt: skip
    start, end = line.imputation_start, line.imputation_end
    if (start is None) != (end is None):
        add(
            "imputation_end" if end is None else "imputation_start", Severity.ERROR, "imputation_dates",
            "la période d'imputation demande une date de début et une date de fin.",
            "the accounting period needs both a start and an end date.",
        )  # fmt: skip
    elif start is not None and end is not None and end < start:
        add(
            "imputation_end", Severity.ERROR, "imputation_dates",
            f"la fin de la période d'imputation ({end:%d/%m/%Y}) précède son début ({start:%d/%m/%Y}).",
            f"the accounting period ends ({end.isoformat()}) before it starts ({start.isoformat()}).",
        )  # fmt: skip
    if credit_note:
        positive = [name for name, value in (("amount_before_tax", ht), ("tax", tax), ("amount", ttc)) if value > 0]
        if positive:
            add(
                "amount" if "amount" in positive else positive[0], Severity.ERROR, "credit_note_sign",
                "un avoir s'enregistre en montants négatifs (le signe vient du type « avoir ») ; "
                "saisissez cette ligne en négatif.",
                "a credit note is recorded with negative amounts (the sign comes from its type); "
                "enter this line as negative.",
            )  # fmt: skip
    return found
