"""Pydantic models of what we send to and get from the Pennylane Company API v2.

Request models mirror the OpenAPI document (``../shared/pennylane-openapi-v2.json``) exactly:
``extra="forbid"`` so a typo or an unknown field fails here instead of as a 400 from Pennylane,
the same required fields, lengths and enums. Amounts are typed ``str`` (the API's decimal
strings); a :class:`~decimal.Decimal` given to them is turned into a string with
:func:`app.domain.money.to_api` (two decimals, half-up; six for unit prices, four for category
weights). Floats are refused: they are not money. ``quantity`` is a JSON number, as the spec says.

Bodies are produced with :func:`dump` (``mode="json"``, ``exclude_none``): a field left at None is
not sent.

Response models are tolerant (``extra="ignore"``, nearly everything optional) so that a new or
missing field in Pennylane's answer never breaks an import that succeeded.
"""

from __future__ import annotations

import re
import datetime as _dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from app.domain.money import to_api
from app.pennylane._spec_enums import SPEC_CURRENCIES, SPEC_VAT_CODES

__all__ = [
    "Amount",
    "UnitPrice",
    "Weight",
    "vat_codes",
    "dump",
    # requests
    "ImputationDates",
    "LedgerEntryLineLabel",
    "TransactionReference",
    "CustomerInvoiceLineImport",
    "CustomerInvoiceImport",
    "SupplierInvoiceLineImport",
    "SupplierInvoiceImport",
    "SupplierInvoiceLineCreate",
    "SupplierInvoiceLineUpdate",
    "LineDelete",
    "SupplierInvoiceLinesChanges",
    "SupplierInvoiceUpdate",
    "CustomerInvoiceLineCreate",
    "CustomerInvoiceLineUpdate",
    "CustomerInvoiceLinesChanges",
    "CustomerInvoiceUpdateImported",
    "PostalAddress",
    "LedgerAccountNumber",
    "SupplierCreate",
    "CompanyCustomerCreate",
    "CategoryWeight",
    "CustomerEInvoiceLineOption",
    "CustomerEInvoiceImportOptions",
    "SupplierEInvoiceLineOption",
    "SupplierEInvoiceImportOptions",
    # responses
    "Me",
    "FileAttachment",
    "CustomerInvoice",
    "SupplierInvoice",
    "InvoiceLine",
    "Customer",
    "Supplier",
    "LedgerAccount",
    "Product",
    "CategoryGroup",
    "Category",
    "InvoiceCategory",
    "EInvoiceImport",
]


# --------------------------------------------------------------------------------------------
# Scalar types

_DECIMAL_STR = re.compile(r"^-?\d+(\.\d+)?$")


def _money_converter(places: int, *, min_places: int | None = None):
    def convert(value: Any) -> Any:
        if isinstance(value, bool) or isinstance(value, float):
            raise ValueError("amounts must be Decimal or decimal strings, never float")
        if isinstance(value, int):
            value = Decimal(value)
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError("amount is not a finite number")
            text = to_api(value, places)
            if min_places is not None and "." in text:  # "50.000000" -> "50.00"; "1.0000" -> "1"
                head, frac = text.split(".")
                frac = frac.rstrip("0").ljust(min_places, "0")
                text = f"{head}.{frac}" if frac else head
            return text
        if isinstance(value, str):
            s = value.strip()
            if not _DECIMAL_STR.match(s):
                raise ValueError(f"{value!r} is not a decimal string like '120.00'")
            if "." in s and len(s.split(".")[1]) > places:
                raise ValueError(f"{value!r} has more than {places} decimals")
            return s
        return value

    return convert


Amount = Annotated[str, BeforeValidator(_money_converter(2))]
"""A money amount: the API's decimal string ("120.00"); Decimal accepted and rounded half-up."""
UnitPrice = Annotated[str, BeforeValidator(_money_converter(6, min_places=2))]
"""``raw_currency_unit_price``: excl. tax, up to 6 decimals."""
Weight = Annotated[str, BeforeValidator(_money_converter(4, min_places=0))]
"""A category weight: decimal string in (0, 1] with at most 4 decimals (OpenAPI: string)."""


def _quantity(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("quantity must be a number")
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("quantity is not a finite number")
        return int(value) if value == value.to_integral_value() else float(value)
    return value


Quantity = Annotated[int | float, BeforeValidator(_quantity)]


def vat_codes() -> frozenset[str]:
    """The VAT codes accepted on invoice lines: the domain's list, else the OpenAPI enum."""
    try:
        from app.domain.vat import VAT_CODES  # type: ignore[import-not-found]
    except ImportError:
        return _SPEC_VAT
    return frozenset(VAT_CODES)


_SPEC_VAT = frozenset(SPEC_VAT_CODES)
_CURRENCIES = frozenset(SPEC_CURRENCIES)


def _check_vat(value: str) -> str:
    if value not in vat_codes() or value not in _SPEC_VAT:
        hint = " (use FR_55 for 5.5 %)" if value == "FR_055" else ""
        raise ValueError(f"{value!r} is not a VAT code Pennylane accepts on invoice lines{hint}")
    return value


def _check_currency(value: str | None) -> str | None:
    if value is not None and value not in _CURRENCIES:
        raise ValueError(f"{value!r} is not a currency Pennylane accepts")
    return value


Int64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)


def dump(model: BaseModel | list[BaseModel] | dict | list) -> Any:
    """JSON-ready body: None fields are left out, dates are ISO strings."""
    if isinstance(model, BaseModel):
        return model.model_dump(mode="json", exclude_none=True)
    if isinstance(model, list):
        return [dump(m) for m in model]
    return model


# --------------------------------------------------------------------------------------------
# Shared request pieces


class ImputationDates(_Request):
    start_date: _dt.date
    end_date: _dt.date


class LedgerEntryLineLabel(_Request):
    label: str = Field(min_length=1, max_length=255)


class TransactionReference(_Request):
    banking_provider: str
    provider_field_name: str
    provider_field_value: str


class _VatLine(_Request):
    @field_validator("vat_rate", check_fields=False)
    @classmethod
    def _vat(cls, v: str | None) -> str | None:
        return None if v is None else _check_vat(v)


class _Currency(_Request):
    @field_validator("currency", check_fields=False)
    @classmethod
    def _cur(cls, v: str | None) -> str | None:
        return _check_currency(v)


# --------------------------------------------------------------------------------------------
# POST /customer_invoices/import


class CustomerInvoiceLineImport(_VatLine):
    currency_amount: Amount = Field(min_length=1)  # line total INCL. tax, invoice currency
    currency_tax: Amount = Field(min_length=1)
    amount: Amount | None = None  # EUR equivalents
    tax: Amount | None = None
    # no `label` / `description`: deprecated by Pennylane ("will be removed soon"); never sent
    quantity: Quantity
    ledger_account_id: Int64 | None = None
    raw_currency_unit_price: UnitPrice  # excl. tax
    unit: str
    vat_rate: str
    product_id: Int64 | None = None
    imputation_dates: ImputationDates | None = None
    ledger_entry_line: LedgerEntryLineLabel | None = None


class CustomerInvoiceImport(_Currency):
    file_attachment_id: Int64
    import_as_incomplete: bool | None = None
    date: _dt.date
    deadline: _dt.date
    customer_id: Int64
    invoice_number: str | None = None
    currency: str | None = None
    currency_amount_before_tax: Amount = Field(min_length=1)
    currency_amount: Amount = Field(min_length=1)
    amount: Amount | None = None
    currency_tax: Amount = Field(min_length=1)
    tax: Amount | None = None
    label: str | None = Field(default=None, max_length=2000)
    transaction_reference: TransactionReference | None = None
    invoice_lines: list[CustomerInvoiceLineImport] = Field(min_length=1)
    external_reference: str | None = None


# --------------------------------------------------------------------------------------------
# POST /supplier_invoices/import


class SupplierInvoiceLineImport(_VatLine):
    # no `label` / `description`: deprecated by Pennylane ("will be removed soon"); never sent
    currency_amount: Amount  # line total INCL. tax
    amount: Amount | None = None
    currency_tax: Amount
    tax: Amount | None = None
    ledger_account_id: Int64 | None = None
    vat_rate: str
    imputation_dates: ImputationDates | None = None
    ledger_entry_line: LedgerEntryLineLabel | None = None


class SupplierInvoiceImport(_Currency):
    file_attachment_id: Int64
    import_as_incomplete: bool | None = None
    supplier_id: Int64
    date: _dt.date
    deadline: _dt.date
    invoice_number: str | None = None
    currency: str | None = None
    currency_amount_before_tax: Amount
    currency_amount: Amount
    amount: Amount | None = None
    currency_tax: Amount
    tax: Amount | None = None
    label: str | None = Field(default=None, max_length=2000)
    transaction_reference: TransactionReference | None = None
    invoice_lines: list[SupplierInvoiceLineImport] = Field(min_length=1)
    external_reference: str | None = None


# --------------------------------------------------------------------------------------------
# PUT /supplier_invoices/{id}


class SupplierInvoiceLineCreate(_VatLine):
    label: str  # required on create here (unlike import)
    description: str | None = None
    currency_amount: Amount
    amount: Amount | None = None
    currency_tax: Amount
    tax: Amount | None = None
    ledger_account_id: Int64 | None = None
    vat_rate: str
    imputation_dates: ImputationDates | None = None
    ledger_entry_line: LedgerEntryLineLabel | None = None


class SupplierInvoiceLineUpdate(_VatLine):
    id: Int64
    label: str | None = None
    description: str | None = None
    currency_amount: Amount | None = None
    amount: Amount | None = None
    currency_tax: Amount | None = None
    tax: Amount | None = None
    ledger_account_id: Int64 | None = None
    vat_rate: str | None = None
    imputation_dates: ImputationDates | None = None
    ledger_entry_line: LedgerEntryLineLabel | None = None


class LineDelete(_Request):
    id: Int64


class SupplierInvoiceLinesChanges(_Request):
    create: list[SupplierInvoiceLineCreate] | None = None
    update: list[SupplierInvoiceLineUpdate] | None = None
    delete: list[LineDelete] | None = None


class SupplierInvoiceUpdate(_Currency):
    supplier_id: Int64 | None = None
    date: _dt.date | None = None
    deadline: _dt.date | None = None
    invoice_number: str | None = None
    label: str | None = Field(default=None, max_length=2000)
    currency: str | None = None
    currency_amount_before_tax: Amount | None = None
    currency_amount: Amount | None = None
    amount: Amount | None = None
    currency_tax: Amount | None = None
    tax: Amount | None = None
    transaction_reference: TransactionReference | None = None
    invoice_lines: SupplierInvoiceLinesChanges | None = None
    external_reference: str | None = None


# --------------------------------------------------------------------------------------------
# PUT /customer_invoices/{id}/update_imported


class CustomerInvoiceLineCreate(_VatLine):
    currency_amount: Amount = Field(min_length=1)
    amount: Amount | None = None
    currency_tax: Amount = Field(min_length=1)
    tax: Amount | None = None
    label: str  # required on create here
    quantity: Quantity
    ledger_account_id: Int64 | None = None
    raw_currency_unit_price: UnitPrice
    unit: str
    vat_rate: str
    description: str | None = None
    product_id: Int64 | None = None
    imputation_dates: ImputationDates | None = None
    ledger_entry_line: LedgerEntryLineLabel | None = None


class CustomerInvoiceLineUpdate(_VatLine):
    id: Int64
    currency_amount: Amount | None = None
    amount: Amount | None = None
    currency_tax: Amount | None = None
    tax: Amount | None = None
    label: str | None = None
    quantity: Quantity | None = None
    ledger_account_id: Int64 | None = None
    raw_currency_unit_price: UnitPrice | None = None
    unit: str | None = None
    vat_rate: str | None = None
    description: str | None = None
    product_id: Int64 | None = None
    imputation_dates: ImputationDates | None = None
    ledger_entry_line: LedgerEntryLineLabel | None = None


class CustomerInvoiceLinesChanges(_Request):
    create: list[CustomerInvoiceLineCreate] | None = None
    update: list[CustomerInvoiceLineUpdate] | None = None
    delete: list[LineDelete] | None = None


class CustomerInvoiceUpdateImported(_Currency):
    date: _dt.date | None = None
    deadline: _dt.date | None = None
    customer_id: Int64 | None = None
    invoice_number: str | None = None
    currency: str | None = None
    currency_amount_before_tax: Amount | None = None
    currency_amount: Amount | None = None
    amount: Amount | None = None
    currency_tax: Amount | None = None
    tax: Amount | None = None
    transaction_reference: TransactionReference | None = None
    invoice_lines: CustomerInvoiceLinesChanges | None = None
    external_reference: str | None = None


# --------------------------------------------------------------------------------------------
# POST /suppliers, POST /company_customers


class PostalAddress(_Request):
    address: str
    postal_code: str
    city: str
    country_alpha2: str


class LedgerAccountNumber(_Request):
    number: str


SupplierPaymentMethod = Literal[
    "automatic_transfer", "manual_transfer", "automatic_debiting", "bill_of_exchange", "check",
    "cash", "card", "other",
]
PaymentConditions = Literal[
    "upon_receipt", "custom", "7_days", "15_days", "30_days", "30_days_end_of_month", "45_days",
    "45_days_end_of_month", "60_days",
]


class SupplierCreate(_Request):
    name: str
    establishment_no: str | None = Field(default=None, pattern=r"^\d{14}$")  # SIRET
    reg_no: str | None = Field(default=None, pattern=r"^\d{9}$")  # SIREN
    postal_address: PostalAddress | None = None
    vat_number: str | None = None
    ledger_account: LedgerAccountNumber | None = None
    emails: list[str] | None = None
    iban: str | None = None
    supplier_payment_method: SupplierPaymentMethod | None = None
    supplier_due_date_delay: int | None = None
    supplier_due_date_rule: Literal["days", "days_or_end_of_month"] | None = None
    external_reference: str | None = None


class CompanyCustomerCreate(_Request):
    name: str
    vat_number: str | None = None
    reg_no: str | None = None
    ledger_account: LedgerAccountNumber | None = None
    phone: str | None = None
    billing_address: PostalAddress
    delivery_address: PostalAddress | None = None
    payment_conditions: PaymentConditions | None = None
    billing_iban: str | None = None
    recipient: str | None = None
    reference: str | None = None
    notes: str | None = None
    emails: list[str] | None = None
    external_reference: str | None = None
    billing_language: Literal["fr_FR", "en_GB", "de_DE"] | None = None


# --------------------------------------------------------------------------------------------
# PUT /{customer,supplier}_invoices/{id}/categories — the body is a JSON array of these


class CategoryWeight(_Request):
    id: Int64
    weight: Weight

    @field_validator("weight")
    @classmethod
    def _range(cls, v: str) -> str:
        if not Decimal("0") < Decimal(v) <= Decimal("1"):  # the OpenAPI document: (0, 1]
            raise ValueError("a category weight is more than 0 and at most 1")
        return v


# --------------------------------------------------------------------------------------------
# POST /{customer,supplier}_invoices/e_invoices/imports — `invoice_options` (JSON part)


class CustomerEInvoiceLineOption(_Request):
    e_invoice_line_id: str  # the Factur-X line id (BT-126)
    ledger_account_id: Int64 | None = None
    product_id: Int64 | None = None


class CustomerEInvoiceImportOptions(_Request):
    customer_id: Int64 | None = None
    invoice_lines: list[CustomerEInvoiceLineOption] | None = None


class SupplierEInvoiceLineOption(_Request):
    e_invoice_line_id: str
    ledger_account_id: Int64 | None = None


class SupplierEInvoiceImportOptions(_Request):
    supplier_id: Int64 | None = None
    invoice_lines: list[SupplierEInvoiceLineOption] | None = None


# ============================================================================================
# Responses (tolerant)


def _lenient_decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


Money = Annotated[Decimal | None, BeforeValidator(_lenient_decimal)]


def _lenient_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


def _lenient_datetime(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return value


LDate = Annotated[_dt.date | None, BeforeValidator(_lenient_date)]
LDateTime = Annotated[_dt.datetime | None, BeforeValidator(_lenient_datetime)]


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Ref(_Response):
    id: int | None = None
    url: str | None = None


class Link(_Response):
    url: str | None = None


class MeUser(_Response):
    id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    locale: str | None = None


class MeCompany(_Response):
    id: int
    name: str | None = None
    reg_no: str | None = None


class Me(_Response):
    user: MeUser | None = None
    company: MeCompany
    scopes: list[str] = []

    @property
    def is_sandbox(self) -> bool:
        return bool(self.company.reg_no and self.company.reg_no.startswith("sandbox-"))


class FileAttachment(_Response):
    id: int
    url: str | None = None
    filename: str | None = None
    created_at: LDateTime = None
    updated_at: LDateTime = None


class _Invoice(_Response):
    id: int
    label: str | None = None
    invoice_number: str | None = None
    currency: str | None = None
    amount: Money = None
    currency_amount: Money = None
    currency_amount_before_tax: Money = None
    exchange_rate: Money = None
    date: LDate = None
    deadline: LDate = None
    currency_tax: Money = None
    tax: Money = None
    filename: str | None = None
    public_file_url: str | None = None
    remaining_amount_with_tax: Money = None
    remaining_amount_without_tax: Money = None
    ledger_entry: Ref | None = None
    invoice_lines: Link | None = None
    categories: Link | None = None
    external_reference: str | None = None
    transaction_reference: dict | None = None  # {banking_provider, provider_field_name, provider_field_value}
    archived_at: LDateTime = None
    created_at: LDateTime = None
    updated_at: LDateTime = None


class CustomerInvoice(_Invoice):
    language: str | None = None
    paid: bool | None = None
    status: str | None = None
    draft: bool | None = None
    customer: Ref | None = None


class SupplierInvoice(_Invoice):
    reconciled: bool | None = None
    accounting_status: str | None = None
    payment_status: str | None = None
    supplier: Ref | None = None


class InvoiceLine(_Response):
    id: int
    label: str | None = None
    description: str | None = None
    unit: str | None = None
    quantity: Money = None
    amount: Money = None
    currency_amount: Money = None
    currency_amount_before_tax: Money = None
    currency_tax: Money = None
    tax: Money = None
    raw_currency_unit_price: Money = None
    vat_rate: str | None = None
    product: Ref | None = None
    imputation_dates: dict | None = None
    created_at: LDateTime = None
    updated_at: LDateTime = None


class Address(_Response):
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country_alpha2: str | None = None


class Customer(_Response):
    id: int
    customer_type: str | None = None  # "company" | "individual"
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    reg_no: str | None = None
    vat_number: str | None = None
    emails: list[str] = []
    billing_address: Address | None = None
    ledger_account: Ref | None = None
    external_reference: str | None = None
    billing_language: str | None = None
    payment_conditions: str | None = None


class Supplier(_Response):
    id: int
    name: str | None = None
    establishment_no: str | None = None
    reg_no: str | None = None
    vat_number: str | None = None
    emails: list[str] = []
    iban: str | None = None
    postal_address: Address | None = None
    ledger_account: Ref | None = None
    external_reference: str | None = None
    supplier_payment_method: str | None = None
    supplier_due_date_delay: int | None = None
    supplier_due_date_rule: str | None = None


class LedgerAccount(_Response):
    id: int
    number: str | None = None
    label: str | None = None
    vat_rate: str | None = None
    country_alpha2: str | None = None
    enabled: bool | None = None
    type: str | None = None
    letterable: bool | None = None


class Product(_Response):
    id: int
    label: str | None = None
    description: str | None = None
    external_reference: str | None = None
    price_before_tax: Money = None
    price: Money = None
    vat_rate: str | None = None
    unit: str | None = None
    currency: str | None = None
    reference: str | None = None
    ledger_account: Ref | None = None
    archived_at: LDateTime = None


class CategoryGroup(_Response):
    id: int
    label: str | None = None
    categories: Link | None = None


class Category(_Response):
    id: int
    label: str | None = None
    direction: str | None = None
    category_group: Ref | None = None
    analytical_code: str | None = None


class InvoiceCategory(Category):
    weight: Money = None


class EInvoiceImport(_Response):
    id: int
    url: str | None = None
