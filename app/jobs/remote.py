"""Thin adapter between the jobs and :class:`app.pennylane.client.PennylaneClient`.

The client may answer with pydantic models or plain dicts, and listing methods may return a list
or an iterator over every page; the jobs want plain dicts. Everything that depends on the
client's exact shapes lives here, so the pipeline does not.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

SUPPLIER = "supplier"
CUSTOMER = "customer"


def kind_value(kind: Any) -> str:
    """'supplier' | 'customer' from a string or an ``InvoiceKind`` enum member."""
    value = getattr(kind, "value", kind)
    value = str(value).lower()
    if value.startswith("supplier"):
        return SUPPLIER
    if value.startswith("customer"):
        return CUSTOMER
    raise ValueError(f"unknown invoice kind {kind!r}")


def as_dict(obj: Any) -> dict[str, Any]:
    if obj is None:
        return {}
    if isinstance(obj, dict):
        return obj
    dump = getattr(obj, "model_dump", None)
    if callable(dump):
        return dump(mode="json")
    if hasattr(obj, "__dict__"):
        return {k: v for k, v in vars(obj).items() if not k.startswith("_")}
    raise TypeError(f"cannot read {type(obj).__name__} as a mapping")


def items(result: Any, limit: int | None = None) -> list[dict[str, Any]]:
    """Materialise a listing (list, iterator, or page envelope ``{items: [...]}``)."""
    if result is None:
        return []
    if isinstance(result, dict) and "items" in result:
        result = result["items"]
    elif hasattr(result, "items") and not isinstance(result, dict) and isinstance(getattr(result, "items"), list):
        result = result.items
    out: list[dict[str, Any]] = []
    for item in result if isinstance(result, Iterable) else []:
        out.append(as_dict(item))
        if limit is not None and len(out) >= limit:
            break
    return out


def find_invoices(client: Any, kind: str, *, limit: int | None = 50, **filters: Any) -> list[dict[str, Any]]:
    method = client.find_supplier_invoices if kind == SUPPLIER else client.find_customer_invoices
    filters = {k: v for k, v in filters.items() if v is not None}
    return items(method(**filters), limit=limit)


def get_invoice(client: Any, kind: str, invoice_id: int) -> dict[str, Any]:
    method = client.get_supplier_invoice if kind == SUPPLIER else client.get_customer_invoice
    return as_dict(method(invoice_id))


def import_invoice(client: Any, kind: str, body: Any) -> dict[str, Any]:
    method = client.import_supplier_invoice if kind == SUPPLIER else client.import_customer_invoice
    return as_dict(method(body))


def import_e_invoice(client: Any, kind: str, path: Any, options: dict[str, Any] | None,
                     expected_sha256: str | None = None) -> dict[str, Any]:
    """``expected_sha256``: the file as it was read; a changed file is refused while it is sent."""
    method = client.import_supplier_e_invoice if kind == SUPPLIER else client.import_customer_e_invoice
    return as_dict(method(path, options, expected_sha256=expected_sha256))


def set_categories(client: Any, kind: str, invoice_id: int, pairs: list[tuple[int, Decimal | str]]) -> Any:
    method = (
        client.set_supplier_invoice_categories if kind == SUPPLIER else client.set_customer_invoice_categories
    )
    return method(invoice_id, pairs)


def counterpart_id_of(invoice: dict[str, Any], kind: str) -> int | None:
    """The supplier/customer id of an invoice as returned by GET (``{"supplier": {"id": 3}}``)."""
    key = "supplier" if kind == SUPPLIER else "customer"
    value = invoice.get(key)
    if isinstance(value, dict):
        value = value.get("id")
    if value is None:
        value = invoice.get(f"{key}_id")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


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
