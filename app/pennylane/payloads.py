"""Domain drafts → the import bodies of the Pennylane API.

Field mapping (OpenAPI ``importCustomerInvoices`` / ``importSupplierInvoice``):

=============================  ===============================================================
draft                          API
=============================  ===============================================================
counterpart_id                 ``customer_id`` / ``supplier_id``
date, deadline                 ``date``, ``deadline`` (required: a missing due date is the person's
                               choice — the supplier's usual terms, or "on receipt" said explicitly)
invoice_number, label          ``invoice_number``, ``label`` (≤ 2000 characters)
currency                       ``currency``
amount_before_tax, tax, amount ``currency_amount_before_tax``, ``currency_tax``, ``currency_amount``
                               (invoice currency; the sums of the lines when the draft has none)
— (EUR only)                   ``amount``, ``tax``: the EUR equivalents, sent only when the invoice
                               is in EUR (then equal to the ``currency_*`` values); for another
                               currency the draft has no EUR figure and Pennylane converts
line.amount                    line ``currency_amount`` — the line total **including tax**: the spec
                               says "Invoice line total amount", the seed guide's example line is
                               2 × 50.00 HT + 20.00 VAT = ``"120.00"``, and the lines' sum must equal
                               the invoice's ``currency_amount`` (TTC)
line.tax                       line ``currency_tax``
line.unit_price                ``raw_currency_unit_price`` (excl. tax, ≤ 6 decimals), customer only;
                               a price printed rounded (5 × 4.10 for 20.48) is sent as HT ÷ quantity
                               (4.096), so that it agrees with the line amount
line.quantity, line.unit       ``quantity`` (JSON number), ``unit``, customer only
line.product_id                ``product_id``, customer only
line.vat_rate                  ``vat_rate`` (a code from ``app.domain.vat.VAT_CODES``)
line.ledger_account_id         ``ledger_account_id`` (omitted: Pennylane's default mapping)
line.label                     ``ledger_entry_line.label`` (≤ 255): the line's ``label`` and
                               ``description`` are deprecated on import lines ("will be removed
                               soon"; refused once removed), never sent; the journal keeps it too
line.imputation_start/end      ``imputation_dates {start_date, end_date}`` when both are set
=============================  ===============================================================

Credit notes keep their negative amounts (as the domain stores them).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.balance import exact_unit_price
from app.domain.invoice import CustomerInvoiceDraft, SupplierInvoiceDraft
from app.domain.text import Text
from app.pennylane.models import CustomerInvoiceImport, SupplierInvoiceImport

__all__ = ["PayloadError", "customer_import_body", "supplier_import_body", "category_weights"]


class PayloadError(ValueError):
    """The draft lacks something the API requires. ``text`` says what, in French and English."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _require(value: Any, fr: str, en: str) -> Any:
    if value is None or value == "":
        raise PayloadError(Text(f"Il manque {fr} : complétez la facture avant l'envoi.",
                                f"{en} is missing: complete the invoice before sending it."))
    return value


def _header(draft: CustomerInvoiceDraft | SupplierInvoiceDraft, file_attachment_id: int,
            external_reference: str | None) -> dict[str, Any]:
    if not draft.lines:
        raise PayloadError(Text("La facture n'a aucune ligne : ajoutez-en au moins une.",
                                "The invoice has no line: add at least one."))
    date = _require(draft.date, "la date de la facture", "The invoice date")
    ht = draft.amount_before_tax if draft.amount_before_tax is not None else sum(
        (line.amount_before_tax for line in draft.lines), Decimal(0))
    tax = draft.tax if draft.tax is not None else sum((line.tax for line in draft.lines), Decimal(0))
    ttc = draft.amount if draft.amount is not None else sum((line.amount for line in draft.lines), Decimal(0))
    body: dict[str, Any] = {
        "file_attachment_id": file_attachment_id,
        "date": date,
        # never the invoice date in silence (due at once in Pennylane): the person chooses it
        "deadline": _require(draft.deadline, "l'échéance", "The due date"),
        "currency": draft.currency,
        "currency_amount_before_tax": ht,
        "currency_tax": tax,
        "currency_amount": ttc,
    }
    if draft.currency == "EUR":
        body["amount"], body["tax"] = ttc, tax
    if draft.invoice_number:
        body["invoice_number"] = draft.invoice_number
    if draft.label:
        body["label"] = draft.label[:2000]
    reference = external_reference or draft.external_reference
    if reference:
        body["external_reference"] = reference
    return body


def _line_common(line: Any, eur: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "currency_amount": line.amount,  # TTC
        "currency_tax": line.tax,
        "vat_rate": line.vat_rate,
    }
    if eur:
        out["amount"], out["tax"] = line.amount, line.tax
    if line.ledger_account_id is not None:
        out["ledger_account_id"] = line.ledger_account_id
    wording = (line.label or "").strip()
    if wording:
        out["ledger_entry_line"] = {"label": wording[:255]}
    if line.imputation_start and line.imputation_end:
        out["imputation_dates"] = {"start_date": line.imputation_start, "end_date": line.imputation_end}
    return out


def customer_import_body(
    draft: CustomerInvoiceDraft, file_attachment_id: int, external_reference: str | None = None
) -> CustomerInvoiceImport:
    body = _header(draft, file_attachment_id, external_reference)
    body["customer_id"] = _require(draft.counterpart_id, "le client Pennylane", "The Pennylane customer")
    eur = draft.currency == "EUR"
    lines = []
    for line in draft.lines:
        out = _line_common(line, eur)
        out.update(quantity=line.quantity, raw_currency_unit_price=exact_unit_price(line), unit=line.unit or "piece")
        if line.product_id is not None:
            out["product_id"] = line.product_id
        lines.append(out)
    body["invoice_lines"] = lines
    return CustomerInvoiceImport.model_validate(body)


def supplier_import_body(
    draft: SupplierInvoiceDraft, file_attachment_id: int, external_reference: str | None = None
) -> SupplierInvoiceImport:
    body = _header(draft, file_attachment_id, external_reference)
    body["supplier_id"] = _require(draft.counterpart_id, "le fournisseur Pennylane", "The Pennylane supplier")
    eur = draft.currency == "EUR"
    body["invoice_lines"] = [_line_common(line, eur) for line in draft.lines]
    return SupplierInvoiceImport.model_validate(body)


def category_weights(draft: CustomerInvoiceDraft | SupplierInvoiceDraft) -> list[tuple[int, str]]:
    """The draft's categories for ``set_*_invoice_categories`` (percent → API fraction string)."""
    return [(c.category_id, c.api_weight()) for c in draft.categories]
