"""Invoice drafts: what the form edits and the pipeline sends to Pennylane (pydantic v2).

A *draft* is an invoice before import: a customer (sales) invoice or a supplier (purchase)
invoice, with its lines, totals, counterpart, dates and where each value came from.

Conventions
-----------
* Amounts are :class:`~decimal.Decimal` in the **invoice currency** (Pennylane's ``currency_*``
  fields). A ``float`` is refused; strings and ints are accepted (``"12.50"``, ``12``).
* **Credit notes**: ``credit_note=True`` and **all amounts negative** (header totals and lines),
  as Pennylane records them: a 100 € credit note is ``amount_before_tax=-100``. The balance rules
  (:mod:`app.domain.balance`) flag a credit note with a positive amount and an invoice with
  negative totals. Quantities stay positive on a customer credit note line; the unit price
  carries the sign.
* ``provenance`` maps a field path (``"amount"``, ``"date"``, ``"lines[2].tax"`` — the same
  names as :class:`app.domain.balance.Finding.field`) to where its value came from; a field that
  is absent was typed by a person.
* Models are mutable (the form edits them) and validated on assignment: ``line.vat_rate = "20 %"``
  stores ``"FR_200"``; an unknown code raises ``pydantic.ValidationError``.
* Counterpart: ``counterpart_id`` is a Pennylane *customer* id on a customer invoice and a
  *supplier* id on a supplier invoice. ``seller``/``buyer`` are what the document says.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from app.domain.currency import CURRENCIES, DEFAULT_CURRENCY
from app.domain.money import round_money
from app.domain.vat import DEFAULT_VAT_CODE, VAT_CODES, normalize_vat_code, tax_for

__all__ = [
    "Provenance",
    "InvoiceKind",
    "LineBase",
    "CustomerLine",
    "SupplierLine",
    "CategoryWeight",
    "Party",
    "DraftBase",
    "CustomerInvoiceDraft",
    "SupplierInvoiceDraft",
    "InvoiceDraft",
    "DRAFT_ADAPTER",
    "new_draft",
    "convert_kind",
    "compute_line",
    "with_computed_totals",
    "draft_from_json",
    "draft_to_json",
]

_CURRENCY_SET = frozenset(CURRENCIES)


class Provenance(str, Enum):
    TYPED = "typed"  # entered or corrected by a person
    TEXT = "text"  # read from the PDF's text layer
    XML = "xml"  # read from an embedded e-invoice (Factur-X / UBL)
    OCR = "ocr"  # read by optical character recognition from a scan or a photo
    REMEMBERED = "remembered"  # given by the memory of this supplier / customer (app.jobs.recall)
    COMPANY_TERMS = "company_terms"  # the due date from the company's usual payment terms (Preferences)


class InvoiceKind(str, Enum):
    CUSTOMER = "customer"  # sales invoice: the company is the seller
    SUPPLIER = "supplier"  # purchase invoice: the company is the buyer


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError("amounts are Decimal or str, never float")
    return value


_Model = ConfigDict(validate_assignment=True, extra="forbid")


class LineBase(BaseModel):
    model_config = _Model

    label: str = ""
    vat_rate: str = DEFAULT_VAT_CODE
    ledger_account_id: int | None = None
    amount_before_tax: Decimal = Decimal(0)  # HT, invoice currency
    tax: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)  # TTC
    imputation_start: _dt.date | None = None
    imputation_end: _dt.date | None = None
    #: The line's id in Pennylane when the draft was loaded from an imported invoice to be edited
    #: (:mod:`app.jobs.editing`); None on a line that does not exist in Pennylane yet.
    pennylane_id: int | None = None

    @field_validator("vat_rate", mode="before")
    @classmethod
    def _vat_code(cls, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("a VAT code is a string such as FR_200")
        code = normalize_vat_code(value)
        assert code in VAT_CODES
        return code

    @field_validator("amount_before_tax", "tax", "amount", mode="before")
    @classmethod
    def _amounts(cls, value: Any) -> Any:
        return _no_float(value)


class CustomerLine(LineBase):
    quantity: Decimal = Decimal(1)
    unit_price: Decimal = Decimal(0)  # HT, up to 6 decimals
    unit: str = "piece"
    product_id: int | None = None

    @field_validator("quantity", "unit_price", mode="before")
    @classmethod
    def _numbers(cls, value: Any) -> Any:
        return _no_float(value)


class SupplierLine(LineBase):
    pass


class CategoryWeight(BaseModel):
    """An analytic category and its share of the invoice, in **percent** (0–100)."""

    model_config = _Model

    category_id: int
    group_id: int | None = None
    weight: Decimal = Field(ge=0, le=100)

    @field_validator("weight", mode="before")
    @classmethod
    def _weight(cls, value: Any) -> Any:
        return _no_float(value)

    def api_weight(self) -> str:
        """The API's weight: a fraction 0–1 with at most 4 decimals, e.g. 50 % → ``"0.5"``."""
        fraction = round_money(self.weight / 100, 4)
        text = format(fraction, "f").rstrip("0").rstrip(".")
        return text or "0"


class Party(BaseModel):
    """What the document says about a seller or a buyer (all optional, as read)."""

    model_config = _Model

    name: str | None = None
    siren: str | None = None
    siret: str | None = None
    vat_number: str | None = None
    iban: str | None = None
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str | None = None


class DraftBase(BaseModel):
    model_config = _Model

    counterpart_id: int | None = None
    counterpart_name: str | None = None
    date: _dt.date | None = None
    deadline: _dt.date | None = None
    invoice_number: str | None = None
    currency: str = DEFAULT_CURRENCY
    label: str | None = None
    amount_before_tax: Decimal | None = None
    tax: Decimal | None = None
    amount: Decimal | None = None
    credit_note: bool = False
    categories: list[CategoryWeight] = Field(default_factory=list)
    external_reference: str | None = None
    seller: Party | None = None
    buyer: Party | None = None
    provenance: dict[str, Provenance] = Field(default_factory=dict)

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: Any) -> str:
        if not isinstance(value, str) or value.strip().upper() not in _CURRENCY_SET:
            raise ValueError(f"currency {value!r} is not one Pennylane accepts (ISO 4217, e.g. EUR)")
        return value.strip().upper()

    @field_validator("amount_before_tax", "tax", "amount", mode="before")
    @classmethod
    def _amounts(cls, value: Any) -> Any:
        return _no_float(value)

    @property
    def counterpart_party(self) -> Party | None:
        """The other party as the document names it: the buyer of a sale, the seller of a purchase."""
        return self.buyer if self.kind == InvoiceKind.CUSTOMER else self.seller  # type: ignore[attr-defined]

    def provenance_of(self, field: str) -> Provenance:
        return self.provenance.get(field, Provenance.TYPED)


class CustomerInvoiceDraft(DraftBase):
    kind: Literal[InvoiceKind.CUSTOMER] = InvoiceKind.CUSTOMER
    lines: list[CustomerLine] = Field(default_factory=list)


class SupplierInvoiceDraft(DraftBase):
    kind: Literal[InvoiceKind.SUPPLIER] = InvoiceKind.SUPPLIER
    lines: list[SupplierLine] = Field(default_factory=list)


InvoiceDraft = Annotated[Union[CustomerInvoiceDraft, SupplierInvoiceDraft], Field(discriminator="kind")]

#: Validates/serializes either kind of draft: ``DRAFT_ADAPTER.validate_python({"kind": "supplier", ...})``.
DRAFT_ADAPTER: TypeAdapter[CustomerInvoiceDraft | SupplierInvoiceDraft] = TypeAdapter(InvoiceDraft)

_DRAFT_TYPES: dict[InvoiceKind, type[DraftBase]] = {
    InvoiceKind.CUSTOMER: CustomerInvoiceDraft,
    InvoiceKind.SUPPLIER: SupplierInvoiceDraft,
}


def new_draft(kind: InvoiceKind | str, **fields: Any) -> CustomerInvoiceDraft | SupplierInvoiceDraft:
    """An empty (or partly filled) draft of the given kind."""
    return _DRAFT_TYPES[InvoiceKind(kind)](**fields)  # type: ignore[return-value]


def draft_from_json(text: str | bytes) -> CustomerInvoiceDraft | SupplierInvoiceDraft:
    return DRAFT_ADAPTER.validate_json(text)


def draft_to_json(draft: DraftBase) -> str:
    """JSON with amounts as strings (no float, no precision lost); round-trips with :func:`draft_from_json`."""
    return draft.model_dump_json()


_LINE_COMMON = tuple(LineBase.model_fields)


def convert_kind(
    draft: CustomerInvoiceDraft | SupplierInvoiceDraft, kind: InvoiceKind | str
) -> CustomerInvoiceDraft | SupplierInvoiceDraft:
    """The same document as the other kind of draft (a copy; ``draft`` is left untouched).

    Lines keep label, VAT code, ledger account, amounts and imputation dates. Customer → supplier
    drops quantity, unit price, unit and product; supplier → customer sets quantity 1 and unit
    price = the line's amount before tax. ``counterpart_id`` is cleared (a customer id is not a
    supplier id) and ``counterpart_name`` becomes the name of the new counterpart as the document
    states it (the seller of a purchase, the buyer of a sale). Provenance of dropped fields goes.
    """
    kind = InvoiceKind(kind)
    if draft.kind == kind:
        return draft.model_copy(deep=True)
    header = draft.model_dump(exclude={"kind", "lines", "counterpart_id", "counterpart_name"})
    lines: list[dict[str, Any]] = []
    for line in draft.lines:
        common = line.model_dump(include=set(_LINE_COMMON))
        if kind == InvoiceKind.CUSTOMER:
            common.update(quantity=Decimal(1), unit_price=line.amount_before_tax, unit="piece")
        lines.append(common)
    target = new_draft(kind, **header, lines=lines)
    party = target.counterpart_party
    target.counterpart_name = party.name if party else None
    dropped = ("quantity", "unit_price", "unit", "product_id")
    target.provenance = {
        key: value
        for key, value in draft.provenance.items()
        if not key.startswith("counterpart_") and not any(key.endswith("." + name) for name in dropped)
    }
    return target


def compute_line(line: LineBase) -> LineBase:
    """A copy of ``line`` with its amounts computed from what drives them.

    Customer line: HT = quantity × unit price (rounded half-up to the cent). Either kind:
    tax = :func:`~app.domain.vat.tax_for` (HT, code), TTC = HT + tax. A ``mixed`` line keeps its
    tax (no single rate) and gets TTC = HT + tax.
    """
    new = line.model_copy(deep=True)
    if isinstance(new, CustomerLine):
        new.amount_before_tax = round_money(new.quantity * new.unit_price)
    else:
        new.amount_before_tax = round_money(new.amount_before_tax)
    if VAT_CODES[new.vat_rate].rate is not None:
        new.tax = tax_for(new.amount_before_tax, new.vat_rate)
    new.amount = new.amount_before_tax + new.tax
    return new


def with_computed_totals(
    draft: CustomerInvoiceDraft | SupplierInvoiceDraft,
) -> CustomerInvoiceDraft | SupplierInvoiceDraft:
    """A copy of ``draft`` whose header totals are the sums of its lines (lines unchanged)."""
    new = draft.model_copy(deep=True)
    new.amount_before_tax = sum((line.amount_before_tax for line in new.lines), Decimal(0))
    new.tax = sum((line.tax for line in new.lines), Decimal(0))
    new.amount = sum((line.amount for line in new.lines), Decimal(0))
    return new
