"""Editing an invoice that is already in Pennylane (issue 8). Qt-free; call it from a worker.

- :func:`find_invoice` — by Pennylane id or by invoice number (``GET /…_invoices`` filtered).
- :func:`load_invoice` — ``GET /…_invoices/{id}`` and its ``invoice_lines`` → a :class:`LoadedInvoice`:
  a domain draft whose lines carry their Pennylane id (``line.pennylane_id``), plus what the draft
  has no room for (``updated_at``, ``public_file_url``, ``filename``, ``transaction_reference``,
  the EUR figures and the exchange rate of a foreign-currency invoice).
- :func:`edit_body` — the **smallest** ``PUT`` body that turns *before* into *after* (see below).
- :func:`save_edit` — balance rules, freshness check, ``PUT``, journal.

Endpoints: ``PUT /supplier_invoices/{id}`` (seed 004) and ``PUT /customer_invoices/{id}/update_imported``.

The smallest change (:func:`edit_body`)
---------------------------------------
* Header: a field is sent only when it differs from what was loaded — ``supplier_id`` /
  ``customer_id``, ``date``, ``deadline``, ``invoice_number``, ``currency``,
  ``currency_amount_before_tax``, ``currency_amount``, ``currency_tax`` (each on its own),
  ``label`` (supplier only: ``update_imported`` has no header label), ``external_reference``,
  ``transaction_reference`` (the whole object when any of its three parts changed).
* EUR figures (``amount``, ``tax``) only for an invoice **not** in euros, when its currency
  amount (resp. tax) or currency changed, or when the person typed other EUR figures: the typed
  figure, else the currency figure × the exchange rate Pennylane had (the rate is kept). For a
  euro invoice Pennylane makes them identical to the ``currency_*`` ones, so they are not sent.
* ``invoice_lines.create``: a line without a Pennylane id (or a second line carrying the same id,
  e.g. a duplicated row) — every required field; a label is required there.
* ``invoice_lines.update``: ``id`` + only the changed attributes (``label``, ``vat_rate``,
  ``ledger_account_id``, ``currency_amount`` = TTC, ``currency_tax``, ``imputation_dates``; on a
  customer line also ``quantity``, ``raw_currency_unit_price``, ``unit``, ``product_id``); a line
  whose attributes are unchanged is not listed.
* ``invoice_lines.delete``: every loaded id that no longer appears.
* Nothing changed → ``{}`` and :func:`save_edit` sends no request at all.
* The body is validated by the client's request models (``extra="forbid"``): no unknown field
  ever leaves. What the API cannot express is refused with a sentence (:class:`EditRefused`):
  removing a transaction reference or a line's accounting period (the client never sends
  ``null``), a new line without a label.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import time
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Union

from app.domain import balance
from app.domain.invoice import (
    CategoryWeight,
    CustomerInvoiceDraft,
    CustomerLine,
    InvoiceKind,
    SupplierInvoiceDraft,
    SupplierLine,
    draft_to_json,
    new_draft,
)
from app.domain.money import round_money
from app.domain.text import Text
from app.jobs import remote as R
from app.pennylane import models as m
from app.pennylane.errors import PennylaneError

log = logging.getLogger(__name__)

__all__ = [
    "TransactionReference",
    "LoadedInvoice",
    "InvoiceEdit",
    "InvoiceSummary",
    "EditResult",
    "EditError",
    "EditRefused",
    "StaleInvoice",
    "find_invoice",
    "load_invoice",
    "edit_body",
    "save_edit",
    "snapshot",
    "PUBLIC_URL_TTL",
    "fetch_file",
]

Draft = Union[CustomerInvoiceDraft, SupplierInvoiceDraft]
PUBLIC_URL_TTL = 30 * 60  # public_file_url expires after 30 minutes (spec)


# --------------------------------------------------------------------------------------------
# Errors


class EditError(Exception):
    """Base of this module's errors; ``text`` says what happened in French and English."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


class EditRefused(EditError):
    """The edit cannot be sent as it is (balance rules, something the API cannot express)."""

    def __init__(self, text: Text, findings: list[Any] | None = None) -> None:
        super().__init__(text)
        self.findings = findings or []


class StaleInvoice(EditError):
    """The invoice changed in Pennylane since it was loaded: reload it before saving."""

    def __init__(self, kind: str, invoice_id: int, loaded: Any, current: Any) -> None:
        word_fr = "fournisseur" if kind == "supplier" else "client"
        word_en = "supplier" if kind == "supplier" else "customer"
        super().__init__(Text(
            f"La facture {word_fr} #{invoice_id} a été modifiée dans Pennylane depuis que vous l'avez ouverte. "
            "Rechargez-la pour voir sa version actuelle, puis refaites vos modifications : "
            "rien n'a été envoyé.",
            f"The {word_en} invoice #{invoice_id} changed in Pennylane since you opened it. "
            "Reload it to see its current version, then make your changes again: nothing was sent.",
        ))
        self.kind, self.invoice_id, self.loaded, self.current = kind, invoice_id, loaded, current


# --------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class TransactionReference:
    """Tells Pennylane which bank transaction to match the invoice with: the transaction of
    ``banking_provider`` whose ``provider_field_name`` equals ``provider_field_value``."""

    banking_provider: str
    provider_field_name: str
    provider_field_value: str

    @classmethod
    def from_api(cls, value: Any) -> "TransactionReference | None":
        if not isinstance(value, dict):
            return None
        parts = [str(value.get(k) or "") for k in ("banking_provider", "provider_field_name", "provider_field_value")]
        return cls(*parts) if any(parts) else None

    def as_api(self) -> dict[str, str]:
        return {"banking_provider": self.banking_provider, "provider_field_name": self.provider_field_name,
                "provider_field_value": self.provider_field_value}


def _kind(kind: Any) -> str:
    return InvoiceKind(getattr(kind, "value", kind)).value


@dataclass
class InvoiceEdit:
    """What the person wants the invoice to be: the draft (lines keep ``pennylane_id``) and the
    parts of the invoice a draft has no room for."""

    draft: Draft
    transaction_reference: TransactionReference | None = None
    amount_eur: Decimal | None = None  # header amount in euros (foreign currency only)
    tax_eur: Decimal | None = None


@dataclass
class LoadedInvoice:
    """An invoice as loaded from Pennylane. Treat it as read-only: edit a copy (:meth:`edit`)."""

    kind: str  # "supplier" | "customer"
    invoice_id: int
    draft: Draft
    updated_at: _dt.datetime | None = None
    public_file_url: str | None = None
    filename: str | None = None
    transaction_reference: TransactionReference | None = None
    exchange_rate: Decimal | None = None
    amount_eur: Decimal | None = None
    tax_eur: Decimal | None = None
    accounting_status: str | None = None  # supplier: draft / entry / validation_needed / complete / archived
    status: str | None = None  # customer: upcoming / late / paid / credit_note …
    loaded_at: float = field(default_factory=time.time)

    @property
    def line_ids(self) -> dict[int, int]:
        """Line index → Pennylane line id."""
        return {i: line.pennylane_id for i, line in enumerate(self.draft.lines) if line.pennylane_id is not None}

    @property
    def file_url_fresh(self) -> bool:
        """False once ``public_file_url`` may have expired (30 minutes; a minute of margin)."""
        return bool(self.public_file_url) and time.time() - self.loaded_at < PUBLIC_URL_TTL - 60

    def edit(self) -> InvoiceEdit:
        return InvoiceEdit(self.draft.model_copy(deep=True), self.transaction_reference, self.amount_eur, self.tax_eur)

    def as_edit(self) -> InvoiceEdit:
        return InvoiceEdit(self.draft, self.transaction_reference, self.amount_eur, self.tax_eur)

    def title(self) -> Text:
        """"Facture fournisseur n° F-12 (#456)" — the banner of the editing form."""
        number = self.draft.invoice_number
        if self.kind == "supplier":
            fr, en = "facture fournisseur", "supplier invoice"
        else:
            fr, en = "facture client", "customer invoice"
        if self.draft.credit_note:
            fr, en = fr.replace("facture", "avoir"), en.replace("invoice", "credit note")
        return Text(
            f"{fr} n° {number} (#{self.invoice_id})" if number else f"{fr} #{self.invoice_id}",
            f"{en} {number} (#{self.invoice_id})" if number else f"{en} #{self.invoice_id}",
        )


@dataclass(frozen=True)
class InvoiceSummary:
    """One invoice found by :func:`find_invoice` (enough to pick it from a list)."""

    kind: str
    invoice_id: int
    invoice_number: str | None
    date: _dt.date | None
    label: str | None
    currency: str | None
    amount: Decimal | None
    counterpart_id: int | None


@dataclass
class EditResult:
    kind: str
    invoice_id: int
    body: dict[str, Any]  # what was sent ({} when nothing changed)
    sent: bool
    invoice: Any = None  # the API's answer (SupplierInvoice / CustomerInvoice)
    journal_id: int | None = None
    journal_error: str | None = None
    categories_sent: bool = False
    categories_error: Text | None = None  # the invoice was saved, its categories were not (why)


# --------------------------------------------------------------------------------------------
# Reading


def _get(client: Any, kind: str, invoice_id: int) -> m.SupplierInvoice | m.CustomerInvoice:
    return R.invoice_model(client, kind, invoice_id)


def _summary(kind: str, inv: m.SupplierInvoice | m.CustomerInvoice) -> InvoiceSummary:
    return InvoiceSummary(kind, inv.id, inv.invoice_number, inv.date, inv.label, inv.currency, inv.currency_amount,
                          R.counterpart_id_of(inv, kind))


def find_invoice(client: Any, kind: str, invoice_number: str | None = None,
                 invoice_id: int | None = None, limit: int = 50) -> list[InvoiceSummary]:
    """Invoices of ``kind`` with this Pennylane id or this invoice number (newest first).

    By id: ``[]`` when Pennylane has no such invoice (404). By number: the exact number
    (``invoice_number eq``); several invoices may share it (different counterparts).
    """
    from app.pennylane.errors import NotFoundError

    kind = _kind(kind)
    if invoice_id is not None:
        try:
            return [_summary(kind, _get(client, kind, int(invoice_id)))]
        except NotFoundError:
            return []
    number = (invoice_number or "").strip()
    if not number:
        return []
    out: list[InvoiceSummary] = []
    for inv in R.invoice_models(client, kind, invoice_number=number, sort="-id"):
        out.append(_summary(kind, inv))
        if len(out) >= limit:
            break
    return out


def _vat(code: str | None) -> str:
    from app.domain.vat import VAT_CODES

    return code if code in VAT_CODES else "mixed"


def _period(dates: Any) -> tuple[_dt.date | None, _dt.date | None]:
    if not isinstance(dates, dict):
        return None, None
    try:
        return _dt.date.fromisoformat(str(dates["start_date"])[:10]), _dt.date.fromisoformat(str(dates["end_date"])[:10])
    except (KeyError, ValueError, TypeError):
        return None, None


def _line_from_api(kind: str, raw: m.InvoiceLine) -> SupplierLine | CustomerLine:
    ttc = raw.currency_amount or Decimal(0)
    tax = raw.currency_tax or Decimal(0)
    ht = raw.currency_amount_before_tax if raw.currency_amount_before_tax is not None else ttc - tax
    start, end = _period(raw.imputation_dates)
    values: dict[str, Any] = dict(
        label=raw.label or "", vat_rate=_vat(raw.vat_rate), amount_before_tax=ht, tax=tax, amount=ttc,
        imputation_start=start, imputation_end=end, pennylane_id=raw.id,
    )
    if kind == "supplier":
        return SupplierLine(**values)
    quantity = raw.quantity if raw.quantity is not None else Decimal(1)
    price = raw.raw_currency_unit_price
    if price is None:
        price = round_money(ht / quantity, 6) if quantity else ht
    return CustomerLine(**values, quantity=quantity, unit_price=price, unit=raw.unit or "piece",
                        product_id=raw.product.id if raw.product is not None else None)


def load_invoice(client: Any, kind: str, invoice_id: int) -> LoadedInvoice:
    """The invoice and its lines as a :class:`LoadedInvoice` (two or more GETs)."""
    kind = _kind(kind)
    inv = _get(client, kind, int(invoice_id))
    raw_lines = (client.supplier_invoice_lines(inv.id) if kind == "supplier"
                 else client.customer_invoice_lines(inv.id))
    amount = inv.currency_amount
    credit_note = bool((amount is not None and amount < 0) or getattr(inv, "status", None) == "credit_note")
    draft = new_draft(
        kind,
        counterpart_id=R.counterpart_id_of(inv, kind),
        date=inv.date,
        deadline=inv.deadline,
        invoice_number=inv.invoice_number or None,
        currency=inv.currency or "EUR",
        label=inv.label,
        amount_before_tax=inv.currency_amount_before_tax,
        tax=inv.currency_tax,
        amount=inv.currency_amount,
        credit_note=credit_note,
        external_reference=inv.external_reference,
        lines=[_line_from_api(kind, raw) for raw in raw_lines],
    )
    draft.categories = [
        CategoryWeight(category_id=c.id, group_id=getattr(c.category_group, "id", None),
                       weight=round_money(Decimal(str(c.weight or 0)) * 100, 4))
        for c in client.invoice_categories(kind, inv.id)
    ]
    foreign = draft.currency != "EUR"
    return LoadedInvoice(
        kind=kind, invoice_id=inv.id, draft=draft, updated_at=inv.updated_at,
        public_file_url=inv.public_file_url, filename=inv.filename,
        transaction_reference=TransactionReference.from_api(inv.transaction_reference),
        exchange_rate=inv.exchange_rate,
        amount_eur=inv.amount if foreign else None, tax_eur=inv.tax if foreign else None,
        accounting_status=getattr(inv, "accounting_status", None), status=getattr(inv, "status", None),
    )


# --------------------------------------------------------------------------------------------
# The smallest body


def _as_edit(before: LoadedInvoice, after: InvoiceEdit | Draft) -> InvoiceEdit:
    if isinstance(after, InvoiceEdit):
        return after
    # A bare draft: the parts a draft cannot carry are unchanged.
    return InvoiceEdit(after, before.transaction_reference, before.amount_eur, before.tax_eur)


def _line_label(index: int) -> tuple[str, str]:
    return f"La ligne {index + 1}", f"Line {index + 1}"


def _eur(value: Decimal | None, rate: Decimal | None) -> Decimal | None:
    if value is None or rate is None:
        return None
    return round_money(value * rate)


def _line_changes(kind: str, old: Any, new: Any, index: int, *, foreign: bool, rate: Decimal | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if (new.label or "") != (old.label or ""):
        if not new.label:
            fr, en = _line_label(index)
            raise EditRefused(Text(f"{fr} n'a plus de libellé : Pennylane en demande un.",
                                   f"{en} has no label any more: Pennylane needs one."))
        out["label"] = new.label
    if new.vat_rate != old.vat_rate:
        out["vat_rate"] = new.vat_rate
    if new.ledger_account_id is not None and new.ledger_account_id != old.ledger_account_id:
        out["ledger_account_id"] = new.ledger_account_id
    if new.amount != old.amount:
        out["currency_amount"] = new.amount
        if not foreign:  # EUR: the twins are the same figure, sent together as the import sends them
            out["amount"] = new.amount
        elif rate is not None:
            out["amount"] = _eur(new.amount, rate)
    if new.tax != old.tax:
        out["currency_tax"] = new.tax
        if not foreign:
            out["tax"] = new.tax
        elif rate is not None:
            out["tax"] = _eur(new.tax, rate)
    if (new.imputation_start, new.imputation_end) != (old.imputation_start, old.imputation_end):
        if new.imputation_start and new.imputation_end:
            out["imputation_dates"] = {"start_date": new.imputation_start, "end_date": new.imputation_end}
        elif old.imputation_start or old.imputation_end:
            fr, en = _line_label(index)
            raise EditRefused(Text(
                f"{fr} : l'API de Pennylane ne permet pas de retirer une période d'imputation ; "
                "donnez-lui une date de début et une date de fin, ou retirez-la dans Pennylane.",
                f"{en}: Pennylane's API cannot remove an accounting period; give it a start and an end "
                "date, or remove it in Pennylane.",
            ))
    if kind == "customer":
        if new.quantity != old.quantity:
            out["quantity"] = new.quantity
        if new.unit_price != old.unit_price:
            out["raw_currency_unit_price"] = new.unit_price
        if (new.unit or "piece") != (old.unit or "piece"):
            out["unit"] = new.unit or "piece"
        if new.product_id is not None and new.product_id != old.product_id:
            out["product_id"] = new.product_id
    return out


def _line_create(kind: str, line: Any, index: int, *, foreign: bool, rate: Decimal | None) -> dict[str, Any]:
    if not (line.label or "").strip():
        fr, en = _line_label(index)
        raise EditRefused(Text(f"{fr} est nouvelle : donnez-lui un libellé (Pennylane l'exige pour une ligne ajoutée).",
                               f"{en} is new: give it a label (Pennylane requires one on an added line)."))
    out: dict[str, Any] = {"label": line.label.strip(), "currency_amount": line.amount, "currency_tax": line.tax,
                           "vat_rate": line.vat_rate}
    if not foreign:
        out["amount"], out["tax"] = line.amount, line.tax
    elif rate is not None:
        out["amount"], out["tax"] = _eur(line.amount, rate), _eur(line.tax, rate)
    if line.ledger_account_id is not None:
        out["ledger_account_id"] = line.ledger_account_id
    if line.imputation_start and line.imputation_end:
        out["imputation_dates"] = {"start_date": line.imputation_start, "end_date": line.imputation_end}
    if kind == "customer":
        out.update(quantity=line.quantity, raw_currency_unit_price=line.unit_price, unit=line.unit or "piece")
        if line.product_id is not None:
            out["product_id"] = line.product_id
    return out


def edit_body(before: LoadedInvoice, after: InvoiceEdit | Draft) -> dict[str, Any]:
    """The smallest JSON body of the ``PUT`` that turns ``before`` into ``after`` (``{}``: no change).

    ``after`` is an :class:`InvoiceEdit` (from :meth:`LoadedInvoice.edit`) or a bare draft (then
    the transaction reference and EUR figures are unchanged). Lines are matched by
    ``line.pennylane_id``. Raises :class:`EditRefused` for what the API cannot express.
    """
    edit = _as_edit(before, after)
    kind = before.kind
    old, new = before.draft, edit.draft
    if _kind(new.kind) != kind:
        raise EditRefused(Text("Une facture importée ne peut pas changer de type (achat / vente).",
                               "An imported invoice cannot change type (purchase / sale)."))
    body: dict[str, Any] = {}

    counterpart_key = "supplier_id" if kind == "supplier" else "customer_id"
    if new.counterpart_id is not None and new.counterpart_id != old.counterpart_id:
        body[counterpart_key] = new.counterpart_id
    for name in ("date", "deadline"):
        value = getattr(new, name)
        if value is not None and value != getattr(old, name):
            body[name] = value
    if (new.invoice_number or "") != (old.invoice_number or "") and new.invoice_number:
        body["invoice_number"] = new.invoice_number
    if new.currency != old.currency:
        body["currency"] = new.currency
    for ours, theirs in (("amount_before_tax", "currency_amount_before_tax"), ("amount", "currency_amount"),
                         ("tax", "currency_tax")):
        value = getattr(new, ours)
        if value is not None and value != getattr(old, ours):
            body[theirs] = value
    if kind == "supplier" and (new.label or "") != (old.label or "") and new.label:
        body["label"] = new.label[:2000]
    if (new.external_reference or "") != (old.external_reference or "") and new.external_reference:
        body["external_reference"] = new.external_reference

    # EUR figures of a foreign-currency invoice.
    foreign = new.currency != "EUR"
    rate = before.exchange_rate if (foreign and new.currency == old.currency) else None
    if foreign:
        for ours, theirs, typed, loaded in (("amount", "amount", edit.amount_eur, before.amount_eur),
                                            ("tax", "tax", edit.tax_eur, before.tax_eur)):
            currency_changed = "currency" in body or ("currency_" + theirs) in body
            if typed is not None and typed != loaded:  # typed by the person: wins
                body[theirs] = typed
            elif currency_changed and rate is not None:  # follows the currency figure at the kept rate
                body[theirs] = _eur(getattr(new, ours), rate)
            # (a new currency and no typed figure: not sent; Pennylane converts)
    else:
        # EUR: amount/tax are the currency figures; a changed one goes with its twin (the import
        # sends both, and an edit that sent only currency_* left Pennylane's EUR figures stale)
        for ours, theirs in (("amount", "amount"), ("tax", "tax")):
            if "currency_" + theirs in body:
                body[theirs] = body["currency_" + theirs]

    # Transaction reference.
    if edit.transaction_reference != before.transaction_reference:
        if edit.transaction_reference is None:
            raise EditRefused(Text(
                "L'application ne sait pas retirer une référence de transaction : retirez-la dans Pennylane.",
                "The app cannot remove a transaction reference: remove it in Pennylane.",
            ))
        ref = edit.transaction_reference
        if not all(ref.as_api().values()):
            raise EditRefused(Text(
                "Référence de transaction incomplète : renseignez la banque, le champ et la valeur.",
                "Incomplete transaction reference: fill in the bank, the field and the value.",
            ))
        body["transaction_reference"] = ref.as_api()

    # Lines.
    old_by_id = {line.pennylane_id: line for line in old.lines if line.pennylane_id is not None}
    seen: set[int] = set()
    create, update = [], []
    for index, line in enumerate(new.lines):
        pid = line.pennylane_id
        if pid is not None and pid in old_by_id and pid not in seen:
            seen.add(pid)
            changes = _line_changes(kind, old_by_id[pid], line, index, foreign=foreign, rate=rate)
            if changes:
                update.append({"id": pid, **changes})
        else:
            create.append(_line_create(kind, line, index, foreign=foreign, rate=rate))
    delete = [{"id": pid} for pid in old_by_id if pid not in seen]
    lines: dict[str, Any] = {}
    if create:
        lines["create"] = create
    if update:
        lines["update"] = update
    if delete:
        lines["delete"] = delete
    if lines:
        body["invoice_lines"] = lines

    if not body:
        return {}
    model_type = m.SupplierInvoiceUpdate if kind == "supplier" else m.CustomerInvoiceUpdateImported
    try:
        return m.dump(model_type.model_validate(body))
    except ValueError as exc:  # pydantic.ValidationError
        raise EditRefused(Text(f"Modification impossible à envoyer : {exc}", f"The change cannot be sent: {exc}")) from exc


# --------------------------------------------------------------------------------------------
# Saving


def snapshot(kind: str, invoice_id: int, edit: InvoiceEdit, updated_at: Any = None) -> dict[str, Any]:
    """A JSON-ready picture of an invoice (for the journal's audit trail)."""
    return {
        "kind": kind,
        "invoice_id": invoice_id,
        "draft": json.loads(draft_to_json(edit.draft)),
        "transaction_reference": edit.transaction_reference.as_api() if edit.transaction_reference else None,
        "amount_eur": None if edit.amount_eur is None else str(edit.amount_eur),
        "tax_eur": None if edit.tax_eur is None else str(edit.tax_eur),
        "updated_at": updated_at.isoformat() if hasattr(updated_at, "isoformat") else updated_at,
    }


def check_balance(draft: Draft) -> None:
    """Raise :class:`EditRefused` when the balance rules find an error (the first one is told)."""
    found = balance.errors(balance.check(draft))
    if found:
        first = found[0].message
        more = len(found) - 1
        raise EditRefused(Text(
            first.fr + (f" (et {more} autre{'s' if more > 1 else ''} problème{'s' if more > 1 else ''})" if more else ""),
            first.en + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""),
        ), found)


def categories_changed(before: LoadedInvoice, after: InvoiceEdit | Draft) -> bool:
    """Whether the analytic categories differ (they are saved by their own ``PUT …/categories``)."""
    def key(draft: Draft) -> set[tuple[int, Decimal]]:
        return {(c.category_id, round_money(Decimal(c.weight), 4)) for c in draft.categories}

    return key(before.draft) != key(_as_edit(before, after).draft)


def has_changes(before: LoadedInvoice, after: InvoiceEdit | Draft) -> bool:
    """Whether saving would send anything (the invoice's smallest body, or its categories)."""
    return bool(edit_body(before, after)) or categories_changed(before, after)


def save_edit(client: Any, journal: Any, company_id: int | str, before: LoadedInvoice,
              after: InvoiceEdit | Draft) -> EditResult:
    """Balance rules → smallest body → freshness check → ``PUT`` → journal. Call it off the GUI thread.

    Raises :class:`EditRefused` (nothing sent), :class:`StaleInvoice` (nothing sent; reload) or the
    client's errors. Nothing changed: no request at all (``result.sent`` is False).
    """
    edit = _as_edit(before, after)
    check_balance(edit.draft)
    body = edit_body(before, edit)
    kind = before.kind
    categories = categories_changed(before, edit)
    if not body and not categories:
        return EditResult(kind, before.invoice_id, {}, sent=False)
    current = _get(client, kind, before.invoice_id)
    if before.updated_at is not None and current.updated_at != before.updated_at:
        raise StaleInvoice(kind, before.invoice_id, before.updated_at, current.updated_at)
    answer = current
    if body:
        if kind == "supplier":
            answer = client.update_supplier_invoice(before.invoice_id, body)
        else:
            answer = client.update_imported_customer_invoice(before.invoice_id, body)
    categories_error = None
    if categories:  # replaces the list: an empty list removes them all
        try:
            R.set_categories(client, kind, before.invoice_id,
                             [(c.category_id, c.api_weight()) for c in edit.draft.categories])
        except PennylaneError as exc:
            if not body:
                raise  # nothing was saved: an ordinary failure
            # the invoice itself was saved: say so, record it, and tell what did not go through
            categories_error = exc.text
    result = EditResult(kind, before.invoice_id, body, sent=True, invoice=answer,
                        categories_sent=categories and categories_error is None, categories_error=categories_error)
    if journal is not None:
        try:
            after_json = snapshot(kind, before.invoice_id, edit, getattr(answer, "updated_at", None))
            after_json["sent"] = json.loads(json.dumps(body, default=str))
            result.journal_id = journal.record_edit(
                company_id, before.invoice_id, snapshot(kind, before.invoice_id, before.as_edit(), before.updated_at),
                after_json, kind=kind)
        except Exception as exc:  # the PUT succeeded: a journal failure must not hide that
            log.exception("could not record the edit of %s invoice %s", kind, before.invoice_id)
            result.journal_error = str(exc)
    return result


MAX_FILE_BYTES = 100 * 1024 * 1024 + 1


def fetch_file(client: Any, loaded: LoadedInvoice, directory: Any) -> Any:
    """Download the invoice's PDF into ``directory`` (the app's cache) and return its path, or None
    when Pennylane has no file. ``public_file_url`` expires after 30 minutes: an older one is
    replaced by a fresh ``GET`` first. The public URL is fetched **without** the API token."""
    import re
    from pathlib import Path

    import httpx

    if not loaded.public_file_url and not loaded.filename:
        return None
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.\-]+", "_", loaded.filename or "invoice.pdf")[-120:]
    target = folder / f"{loaded.kind}-{loaded.invoice_id}-{name}"
    if target.exists() and target.stat().st_size > 0:
        return target
    url = loaded.public_file_url if loaded.file_url_fresh else _get(client, loaded.kind, loaded.invoice_id).public_file_url
    if not url:
        return None
    partial = target.with_suffix(target.suffix + ".part")
    size = 0
    with httpx.stream("GET", url, follow_redirects=True, timeout=httpx.Timeout(30, read=60)) as response:
        response.raise_for_status()
        with open(partial, "wb") as out:
            for chunk in response.iter_bytes(1 << 16):
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise EditError(Text("Le fichier de la facture est trop gros pour l'aperçu.",
                                         "The invoice's file is too large to be previewed."))
                out.write(chunk)
    partial.replace(target)
    return target


def reloaded(before: LoadedInvoice, **changes: Any) -> LoadedInvoice:
    """A copy of ``before`` with some fields replaced (tests, UI)."""
    return replace(before, **changes)
