"""Thin adapter between the jobs and :class:`app.pennylane.client.PennylaneClient`.

The client answers with the pydantic models of :mod:`app.pennylane.models`; what the jobs need of
an invoice Pennylane holds — to find doubles, to look up an import whose outcome is unknown, to
check what was recorded — is a :class:`RemoteInvoice`, made from those models in one place
(:meth:`RemoteInvoice.of`). Everything that depends on the client's method names per kind
(supplier / customer) lives here, so the pipeline does not.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator

from app.pennylane import models as m

SUPPLIER = "supplier"
CUSTOMER = "customer"

# The amounts of an invoice the pipeline stores with what it sent (``meta.amounts``) and compares
# with what Pennylane recorded.
AMOUNT_KEYS = ("currency_amount_before_tax", "currency_tax", "currency_amount")


def kind_value(kind: Any) -> str:
    """'supplier' | 'customer' from a string or an ``InvoiceKind`` enum member."""
    value = getattr(kind, "value", kind)
    value = str(value).lower()
    if value.startswith("supplier"):
        return SUPPLIER
    if value.startswith("customer"):
        return CUSTOMER
    raise ValueError(f"unknown invoice kind {kind!r}")


@dataclass(frozen=True)
class RemoteInvoice:
    """What the jobs need of an invoice Pennylane holds (or has just created).

    ``full`` is False for an answer that carries the id only (the e-invoice import answers
    ``{id, url}``): its amounts, number and reference are unknown, not empty.
    """

    id: int
    invoice_number: str | None = None
    date: _dt.date | None = None
    currency: str | None = None
    currency_amount_before_tax: Decimal | None = None
    currency_tax: Decimal | None = None
    currency_amount: Decimal | None = None
    counterpart_id: int | None = None
    external_reference: str | None = None
    full: bool = True

    @classmethod
    def of(cls, answer: m.SupplierInvoice | m.CustomerInvoice | m.EInvoiceImport, kind: str) -> "RemoteInvoice":
        """The one conversion from the client's answer (an invoice, or the e-invoice import's id)."""
        if not isinstance(answer, (m.SupplierInvoice, m.CustomerInvoice)):
            return cls(id=int(answer.id), full=False)
        return cls(
            id=int(answer.id), invoice_number=answer.invoice_number, date=answer.date, currency=answer.currency,
            currency_amount_before_tax=answer.currency_amount_before_tax, currency_tax=answer.currency_tax,
            currency_amount=answer.currency_amount, counterpart_id=counterpart_id_of(answer, kind),
            external_reference=answer.external_reference,
        )  # fmt: skip

    @property
    def day(self) -> str | None:
        """The invoice date as the journal keeps dates ("2026-12-07"), or None."""
        return self.date.isoformat() if self.date is not None else None

    def shows(self, key: str) -> bool:
        """Whether this answer carries the amount ``key`` (one of :data:`AMOUNT_KEYS`)."""
        return self.full and key in AMOUNT_KEYS

    def amount(self, key: str) -> Decimal | None:
        """The amount ``key`` (one of :data:`AMOUNT_KEYS`) as Pennylane recorded it."""
        return getattr(self, key) if self.shows(key) else None


def counterpart_id_of(invoice: m.SupplierInvoice | m.CustomerInvoice, kind: str) -> int | None:
    """The supplier/customer id of an invoice as Pennylane returns it (``{"supplier": {"id": 3}}``)."""
    party = getattr(invoice, "supplier" if kind == SUPPLIER else "customer", None)
    return party.id if party is not None else None


def invoice_models(client: Any, kind: str, *, sort: str | None = None,
                   **filters: Any) -> Iterator[m.SupplierInvoice | m.CustomerInvoice]:
    """The client's invoice list of ``kind`` (every page, lazily); ``None`` filters are left out."""
    method = client.find_supplier_invoices if kind == SUPPLIER else client.find_customer_invoices
    filters = {k: v for k, v in filters.items() if v is not None}
    if sort is not None:
        filters["sort"] = sort
    return iter(method(**filters))


def invoice_model(client: Any, kind: str, invoice_id: int) -> m.SupplierInvoice | m.CustomerInvoice:
    """``GET /…_invoices/{id}`` as the client's model (every field: editing needs them all)."""
    method = client.get_supplier_invoice if kind == SUPPLIER else client.get_customer_invoice
    return method(invoice_id)


def find_invoices(client: Any, kind: str, *, limit: int | None = 50, **filters: Any) -> list[RemoteInvoice]:
    """The invoices of ``kind`` matching ``filters`` (at most ``limit``; None: every page)."""
    out: list[RemoteInvoice] = []
    for model in invoice_models(client, kind, **filters):
        out.append(RemoteInvoice.of(model, kind))
        if limit is not None and len(out) >= limit:
            break
    return out


def get_invoice(client: Any, kind: str, invoice_id: int) -> RemoteInvoice:
    return RemoteInvoice.of(invoice_model(client, kind, invoice_id), kind)


def import_invoice(client: Any, kind: str, body: Any) -> RemoteInvoice:
    method = client.import_supplier_invoice if kind == SUPPLIER else client.import_customer_invoice
    return RemoteInvoice.of(method(body), kind)


def import_e_invoice(client: Any, kind: str, path: Any, options: dict[str, Any] | None,
                     expected_sha256: str | None = None) -> RemoteInvoice:
    """``expected_sha256``: the file as it was read; a changed file is refused while it is sent.
    Pennylane answers with the new invoice's id only (``RemoteInvoice.full`` is False)."""
    method = client.import_supplier_e_invoice if kind == SUPPLIER else client.import_customer_e_invoice
    return RemoteInvoice.of(method(path, options, expected_sha256=expected_sha256), kind)


def set_categories(client: Any, kind: str, invoice_id: int, pairs: list[tuple[int, Decimal | str]]) -> Any:
    method = (
        client.set_supplier_invoice_categories if kind == SUPPLIER else client.set_customer_invoice_categories
    )
    return method(invoice_id, pairs)


def decimal_or_none(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def invoice_link(company_id: Any, kind: str, invoice_id: int | None) -> str | None:
    """A link to the invoice in Pennylane's web app, when one can be formed reliably.

    Pennylane documents no stable web URL for an invoice (the API's ``url`` fields point at the
    API, ``public_file_url`` expires after 30 minutes), so this returns ``None`` and callers show
    the invoice id. Kept as the single place to change once a URL scheme is confirmed.
    """
    return None


def create_counterpart(client: Any, kind: str, body: dict[str, Any]) -> tuple[Any, bool]:
    """Create a supplier/customer; if Pennylane answers 409 (it already exists: same ``reg_no`` or
    ``external_reference``), find that one and return it instead. Returns (counterpart, existed).

    Pennylane's 409 body says nothing but "Resource already exists", so the existing counterpart is
    looked up by what the body carries: its external reference, then its SIREN (``reg_no``,
    filterable on customers; compared on the suppliers' name search), then its VAT number.
    """
    from app.pennylane.errors import ConflictError

    create = client.create_company_customer if kind == CUSTOMER else client.create_supplier
    try:
        return create(body), False
    except ConflictError as exc:
        found = _existing_counterpart(client, kind, body)
        if found is None:
            raise ConflictError(_exists_unfound(kind, body), status=409) from exc
        return found, True


def _existing_counterpart(client: Any, kind: str, body: dict[str, Any]) -> Any:
    from app.jobs.matching import digits, normalize_name, normalize_vat

    listing = client.customers if kind == CUSTOMER else client.suppliers
    reference, reg_no, vat = body.get("external_reference"), body.get("reg_no"), body.get("vat_number")
    ours_reg, ours_vat, ours_name = digits(reg_no), normalize_vat(vat), normalize_name(body.get("name"))

    def same(candidate: Any) -> bool:
        """The same company as the body, compared as :mod:`app.jobs.matching` compares: SIREN/SIRET by
        their digits (a SIRET's first 9 digits are its SIREN), VAT numbers without spaces or dots,
        names after their legal forms and accents (only when the body has no identifier)."""
        theirs_reg = digits(getattr(candidate, "reg_no", None))
        if ours_reg and theirs_reg and (ours_reg == theirs_reg or ours_reg[:9] == theirs_reg[:9] and len(ours_reg) >= 9
                                         and len(theirs_reg) >= 9):
            return True
        if ours_vat and ours_vat == normalize_vat(getattr(candidate, "vat_number", None)):
            return True
        return not ours_reg and not ours_vat and bool(ours_name) and ours_name == normalize_name(
            getattr(candidate, "name", None))

    candidates: list[Any] = []
    if reference:
        candidates = list(listing(filter=[("external_reference", "eq", reference)]))
    if not candidates and reg_no and kind == CUSTOMER:
        candidates = list(listing(filter=[("reg_no", "eq", reg_no)]))
    if not candidates and body.get("name"):
        prefix = str(body["name"])[:3]
        candidates = [c for c in listing(filter=[("name", "start_with", prefix)]) if same(c)]
    if not candidates and (ours_reg or ours_vat):
        candidates = [c for c in listing() if same(c)]
    return candidates[0] if candidates else None


def _exists_unfound(kind: str, body: dict[str, Any]) -> Any:
    from app.domain.text import Text

    who_fr, who_en = ("Un client", "A customer") if kind == CUSTOMER else ("Un fournisseur", "A supplier")
    ident = body.get("reg_no") or body.get("vat_number") or body.get("external_reference") or body.get("name") or "?"
    return Text(
        f"{who_fr} avec cet identifiant ({ident}) existe déjà dans Pennylane, mais il n'a pas pu être "
        f"retrouvé (peut-être archivé) : choisissez-le dans la liste, ou vérifiez dans Pennylane.",
        f"{who_en} with this identifier ({ident}) already exists in Pennylane but could not be found "
        f"(archived?): choose it in the list, or check in Pennylane.",
    )
