"""The company's reference data (counterparts, ledger accounts, products, categories), cached per company.

The invoice form needs every customer or supplier of the company, its ledger accounts, its product
catalogue and its analytic categories. They are fetched through **every page** with the client
(:func:`refresh`, on a worker thread: it is network I/O) and written as JSON to
``app_dirs().cache / "companies" / <company id> / "reference.json"`` so that the next start shows
them at once (:func:`load_cached`) while a refresh runs in the background.

The cache holds only what the API returned about the company's books: no token, no secret.

Records are small frozen dataclasses of our own, built defensively from whatever the client
returns (dicts or pydantic models), so that a field Pennylane adds or drops never breaks the form.
Qt-free.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

from app.config import app_dirs
from app.domain.terms import PaymentTerms

log = logging.getLogger(__name__)

CACHE_VERSION = 1
CUSTOMER = "customer"
SUPPLIER = "supplier"


# --- records ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Company:
    """The signed-in company, from ``GET /me``; ``reg_no`` is its SIREN (``sandbox-<id>`` in a sandbox).

    ``payment_terms``: its usual payment terms, from the settings (Preferences), not from Pennylane:
    the window's session and the command line fill them (:meth:`with_terms`) so that
    :func:`app.jobs.prepare.prepare` finds them where it finds the company. Never cached.
    """

    id: int
    name: str
    reg_no: str | None = None
    payment_terms: PaymentTerms | None = None

    def with_terms(self, terms: PaymentTerms | None) -> "Company":
        return replace(self, payment_terms=terms)

    @property
    def siren(self) -> str | None:
        digits = _digits(self.reg_no)
        return digits[:9] if len(digits) in (9, 14) else None


@dataclass(frozen=True)
class Counterpart:
    """A customer (company or individual) or a supplier, with the identifiers used for matching."""

    id: int
    name: str
    kind: str  # CUSTOMER | SUPPLIER
    reg_no: str | None = None  # SIREN
    establishment_no: str | None = None  # SIRET
    vat_number: str | None = None
    iban: str | None = None
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str | None = None
    ledger_account_id: int | None = None
    external_reference: str | None = None

    # Attribute names used by the counterpart matcher (app.jobs.matching).
    @property
    def siren(self) -> str | None:
        digits = _digits(self.reg_no) or _digits(self.establishment_no)
        return digits[:9] if len(digits) >= 9 else None

    @property
    def siret(self) -> str | None:
        digits = _digits(self.establishment_no)
        return digits if len(digits) == 14 else None


@dataclass(frozen=True)
class LedgerAccount:
    id: int
    number: str
    label: str
    enabled: bool = True
    vat_rate: str | None = None

    def display(self) -> str:
        return f"{self.number} – {self.label}"


@dataclass(frozen=True)
class Product:
    id: int
    label: str
    unit_price: Decimal | None = None  # price before tax
    unit: str | None = None
    vat_rate: str | None = None  # a Pennylane VAT code ("FR_200")
    ledger_account_id: int | None = None
    currency: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class CategoryGroup:
    id: int
    label: str


@dataclass(frozen=True)
class Category:
    id: int
    label: str
    group_id: int | None = None
    analytical_code: str | None = None


@dataclass
class ReferenceData:
    """Everything the form looks up, for one company."""

    company: Company
    customers: list[Counterpart] = field(default_factory=list)
    suppliers: list[Counterpart] = field(default_factory=list)
    ledger_accounts: list[LedgerAccount] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    category_groups: list[CategoryGroup] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    fetched_at: str | None = None  # RFC 3339, UTC
    # Lists the token may not read (403): name -> the API's reason, so the form can say why it is empty.
    unavailable: dict[str, str] = field(default_factory=dict)

    # --- lookups ---
    def counterparts(self, kind: str) -> list[Counterpart]:
        return self.customers if kind == CUSTOMER else self.suppliers

    def counterpart(self, kind: str, counterpart_id: int | None) -> Counterpart | None:
        return next((c for c in self.counterparts(kind) if c.id == counterpart_id), None)

    def ledger_account(self, account_id: int | None) -> LedgerAccount | None:
        return next((a for a in self.ledger_accounts if a.id == account_id), None)

    def accounts_for(self, kind: str) -> list[LedgerAccount]:
        """Enabled accounts, expense (6xx) first for a purchase, revenue (7xx) first for a sale."""
        first = "7" if kind == CUSTOMER else "6"
        enabled = [a for a in self.ledger_accounts if a.enabled]
        return sorted(enabled, key=lambda a: (not a.number.startswith(first), a.number, a.id))

    def product(self, product_id: int | None) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)

    def categories_of(self, group_id: int) -> list[Category]:
        return [c for c in self.categories if c.group_id == group_id]

    def with_counterpart(self, counterpart: Counterpart) -> "ReferenceData":
        """A copy with ``counterpart`` added (or replaced): after creating one through the API."""
        data = ReferenceData(**{f.name: getattr(self, f.name) for f in fields(self)})
        attr = "customers" if counterpart.kind == CUSTOMER else "suppliers"
        kept = [c for c in getattr(self, attr) if c.id != counterpart.id]
        setattr(data, attr, [*kept, counterpart])
        return data

    # --- JSON ---
    def to_json(self) -> dict[str, Any]:
        def dump(items: Iterable[Any]) -> list[dict[str, Any]]:
            return [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(i).items()} for i in items]

        return {
            "version": CACHE_VERSION,
            "fetched_at": self.fetched_at,
            "company": {"id": self.company.id, "name": self.company.name, "reg_no": self.company.reg_no},
            "customers": dump(self.customers),
            "suppliers": dump(self.suppliers),
            "ledger_accounts": dump(self.ledger_accounts),
            "products": dump(self.products),
            "category_groups": dump(self.category_groups),
            "categories": dump(self.categories),
            "unavailable": dict(self.unavailable),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ReferenceData":
        if data.get("version") != CACHE_VERSION:
            raise ValueError(f"unsupported cache version {data.get('version')!r}")

        def load(kind: type, items: list[dict[str, Any]]) -> list[Any]:
            names = {f.name for f in fields(kind)}
            out = []
            for item in items or []:
                values = {k: v for k, v in item.items() if k in names}
                if kind is Product and values.get("unit_price") is not None:
                    values["unit_price"] = Decimal(values["unit_price"])
                out.append(kind(**values))
            return out

        return cls(
            company=Company(**{k: data["company"][k] for k in ("id", "name", "reg_no") if k in data["company"]}),
            customers=load(Counterpart, data.get("customers", [])),
            suppliers=load(Counterpart, data.get("suppliers", [])),
            ledger_accounts=load(LedgerAccount, data.get("ledger_accounts", [])),
            products=load(Product, data.get("products", [])),
            category_groups=load(CategoryGroup, data.get("category_groups", [])),
            categories=load(Category, data.get("categories", [])),
            fetched_at=data.get("fetched_at"),
            unavailable=dict(data.get("unavailable") or {}),
        )


# --- cache on disk ------------------------------------------------------------------------------
def cache_dir(company_id: int | str) -> Path:
    return app_dirs().cache / "companies" / str(company_id)


def cache_path(company_id: int | str) -> Path:
    return cache_dir(company_id) / "reference.json"


def load_cached(company_id: int | str) -> ReferenceData | None:
    """The cached reference data of a company, or None (never cached, unreadable, older format)."""
    path = cache_path(company_id)
    try:
        return ReferenceData.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.warning("ignoring unreadable reference cache %s: %s", path, exc)
        return None


def save(data: ReferenceData) -> Path:
    """Write atomically (a crash never leaves half a file)."""
    path = cache_path(data.company.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


# --- fetching -----------------------------------------------------------------------------------
def company_from_me(me: Any) -> Company:
    company = _get(me, "company")
    return Company(id=int(_get(company, "id")), name=str(_get(company, "name") or ""), reg_no=_str(_get(company, "reg_no")))


def refresh(client: Any, *, write: bool = True) -> ReferenceData:
    """Fetch everything through every page, write the cache, return it. Blocking: run it on a worker.

    A list the token is not allowed to read (403) is left empty and named in ``unavailable``; any
    other error (network, 401, 5xx) propagates, so the previous cache stays in use.
    """
    company = company_from_me(client.me())
    data = ReferenceData(company=company)
    data.customers = _fetch(data, "customers", client.customers, lambda r: counterpart_from_api(r, CUSTOMER))
    data.suppliers = _fetch(data, "suppliers", client.suppliers, lambda r: counterpart_from_api(r, SUPPLIER))
    data.ledger_accounts = _fetch(data, "ledger_accounts", client.ledger_accounts, ledger_account_from_api)
    data.products = _fetch(data, "products", client.products, product_from_api)
    data.category_groups = _fetch(data, "category_groups", client.category_groups, category_group_from_api)
    data.categories = _fetch(data, "categories", client.categories, category_from_api)
    data.fetched_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    if write:
        save(data)
    return data


def _fetch(data: ReferenceData, name: str, method: Any, convert: Any) -> list[Any]:
    try:
        records = []
        for raw in method():
            try:
                records.append(convert(raw))
            except (TypeError, ValueError, KeyError) as exc:  # one odd record must not hide the others
                log.warning("skipping an unreadable %s record: %s", name, exc)
        return records
    except Exception as exc:
        if getattr(exc, "status", None) == 403:
            data.unavailable[name] = str(getattr(exc, "text", exc))
            return []
        raise


def counterpart_from_api(raw: Any, kind: str) -> Counterpart:
    name = _str(_get(raw, "name"))
    if not name:  # individual customer
        name = " ".join(p for p in (_str(_get(raw, "first_name")), _str(_get(raw, "last_name"))) if p)
    address = _get(raw, "postal_address") or _get(raw, "billing_address")
    ledger = _get(raw, "ledger_account")
    return Counterpart(
        id=int(_get(raw, "id")),
        name=name or "",
        kind=kind,
        reg_no=_str(_get(raw, "reg_no")),
        establishment_no=_str(_get(raw, "establishment_no")),
        vat_number=_str(_get(raw, "vat_number")),
        iban=_str(_get(raw, "iban") or _get(raw, "billing_iban")),
        address=_str(_get(address, "address")),
        postal_code=_str(_get(address, "postal_code")),
        city=_str(_get(address, "city")),
        country=_str(_get(address, "country_alpha2")),
        ledger_account_id=_int(_get(ledger, "id")),
        external_reference=_str(_get(raw, "external_reference")),
    )


def ledger_account_from_api(raw: Any) -> LedgerAccount:
    enabled = _get(raw, "enabled")
    return LedgerAccount(
        id=int(_get(raw, "id")),
        number=str(_get(raw, "number") or ""),
        label=str(_get(raw, "label") or ""),
        enabled=True if enabled is None else bool(enabled),
        vat_rate=_str(_get(raw, "vat_rate")),
    )


def product_from_api(raw: Any) -> Product:
    price = _get(raw, "price_before_tax")
    try:
        unit_price = None if price in (None, "") else Decimal(str(price))
    except InvalidOperation:
        unit_price = None
    return Product(
        id=int(_get(raw, "id")),
        label=str(_get(raw, "label") or ""),
        unit_price=unit_price,
        unit=_str(_get(raw, "unit")),
        vat_rate=_str(_get(raw, "vat_rate")),
        ledger_account_id=_int(_get(_get(raw, "ledger_account"), "id")),
        currency=_str(_get(raw, "currency")),
        reference=_str(_get(raw, "reference")),
    )


def category_group_from_api(raw: Any) -> CategoryGroup:
    return CategoryGroup(id=int(_get(raw, "id")), label=str(_get(raw, "label") or ""))


def category_from_api(raw: Any) -> Category:
    group = _get(raw, "category_group")
    group_id = _int(_get(group, "id")) if group is not None else _int(_get(raw, "category_group_id"))
    return Category(
        id=int(_get(raw, "id")),
        label=str(_get(raw, "label") or ""),
        group_id=group_id,
        analytical_code=_str(_get(raw, "analytical_code")),
    )


# --- helpers ------------------------------------------------------------------------------------
def _get(obj: Any, key: str) -> Any:
    """``obj[key]`` for a dict, ``obj.key`` for a model; None when absent."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(key)
    return getattr(obj, key, None)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")
