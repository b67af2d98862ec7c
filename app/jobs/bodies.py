"""Import bodies for the pipeline.

The body builders belong to the client layer (``app.pennylane.payloads.customer_import_body`` /
``supplier_import_body``); :func:`import_body` uses them when they exist. Until then (they are
being written in parallel) a minimal builder here produces the same shape from the draft, through
the client's request models so that nothing unknown is ever sent: amounts as two-decimal strings,
``ledger_account_id`` only when the line has one (otherwise Pennylane applies the company's
default mapping), the line label as ``ledger_entry_line.label``.
"""

from __future__ import annotations

from typing import Any

from app.domain.money import to_api


def import_body(kind: str, draft: Any, file_attachment_id: int, external_reference: str) -> dict[str, Any]:
    """The JSON body of ``POST /{kind}_invoices/import`` (a plain dict)."""
    from app.pennylane.models import dump

    try:
        from app.pennylane import payloads
    except ImportError:
        payloads = None
    if payloads is not None:
        builder = payloads.supplier_import_body if kind == "supplier" else payloads.customer_import_body
        body = builder(draft, file_attachment_id, external_reference)
        return dump(body) if not isinstance(body, dict) else body
    return _fallback(kind, draft, file_attachment_id, external_reference)


def _fallback(kind: str, draft: Any, file_attachment_id: int, external_reference: str) -> dict[str, Any]:
    from app.pennylane import models as m

    lines = []
    for line in draft.lines:
        item: dict[str, Any] = {
            "currency_amount": to_api(line.amount),
            "currency_tax": to_api(line.tax),
            "vat_rate": line.vat_rate,
        }
        if line.ledger_account_id is not None:
            item["ledger_account_id"] = line.ledger_account_id
        label = (line.label or "").strip()
        if label:
            item["ledger_entry_line"] = {"label": label[:255]}
        if line.imputation_start and line.imputation_end:
            item["imputation_dates"] = {
                "start_date": line.imputation_start.isoformat(),
                "end_date": line.imputation_end.isoformat(),
            }
        if kind == "customer":
            item["quantity"] = float(line.quantity) if line.quantity != int(line.quantity) else int(line.quantity)
            item["raw_currency_unit_price"] = to_api(line.unit_price, 6)
            item["unit"] = line.unit or "piece"
            if line.product_id is not None:
                item["product_id"] = line.product_id
        lines.append(item)
    body: dict[str, Any] = {
        "file_attachment_id": file_attachment_id,
        "date": draft.date.isoformat() if draft.date else None,
        "deadline": draft.deadline.isoformat() if draft.deadline else None,
        "invoice_number": draft.invoice_number or None,
        "currency": draft.currency,
        "currency_amount_before_tax": to_api(draft.amount_before_tax),
        "currency_tax": to_api(draft.tax),
        "currency_amount": to_api(draft.amount),
        "label": draft.label or None,
        "invoice_lines": lines,
        "external_reference": external_reference,
    }
    body["supplier_id" if kind == "supplier" else "customer_id"] = draft.counterpart_id
    model = m.SupplierInvoiceImport if kind == "supplier" else m.CustomerInvoiceImport
    return m.dump(model.model_validate({k: v for k, v in body.items() if v is not None}))
