"""What the pipeline stores in the journal before it sends anything: the job's columns
(:func:`journal_meta`) and the :class:`Payload` (:func:`build_payload`) — the import body, or the
e-invoice options, the categories, and :class:`SentMeta` (counterpart, number, date, currency,
amounts, the lines' wording) that the duplicate checks, the lookups and the verification read
back. Qt-free.

The payload is JSON in the journal (``JournalRow.payload_data``), converted in one place:
:meth:`Payload.to_json` when it is stored, :meth:`Payload.of_row` when it is read back (a resumed
job without a draft sends it as it was stored).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.jobs import journal as J
from app.jobs import remote as R

if TYPE_CHECKING:
    from app.jobs.import_job import ImportJob


class InvalidBody(Exception):
    """The draft cannot be turned into an import body (``cause``: the builder's error)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


@dataclass(frozen=True)
class SentMeta:
    """What was sent, as the checks read it back (the payload's ``meta``)."""

    counterpart_id: int | None = None
    invoice_number: str | None = None
    date: str | None = None  # ISO, "2026-12-07"
    currency: str | None = None
    amount: str | None = None
    amounts: dict[str, str | None] = field(default_factory=dict)  # AMOUNT_KEYS → the amount sent
    line_labels: list[str | None] = field(default_factory=list)  # not sent (deprecated): kept here

    def to_json(self) -> dict[str, Any]:
        return {
            "counterpart_id": self.counterpart_id, "invoice_number": self.invoice_number, "date": self.date,
            "currency": self.currency, "amount": self.amount, "line_labels": list(self.line_labels),
            "amounts": dict(self.amounts),
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SentMeta":
        return cls(
            counterpart_id=data.get("counterpart_id"), invoice_number=data.get("invoice_number"),
            date=data.get("date"), currency=data.get("currency"), amount=data.get("amount"),
            amounts=dict(data.get("amounts") or {}), line_labels=list(data.get("line_labels") or []),
        )  # fmt: skip


@dataclass(frozen=True)
class Payload:
    """What the pipeline sends for a document, stored before the first request.

    ``meta`` is None for a stored payload without one (nothing usable to resume from: the draft is
    built again); ``body`` is the import body (JSON, without its attachment id), None on the
    e-invoice route, which sends ``e_invoice_options`` with the file instead.
    """

    meta: SentMeta | None
    categories: list[list[Any]] = field(default_factory=list)  # [[category_id, "0.5000"], …]
    body: dict[str, Any] | None = None
    e_invoice_options: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"meta": self.meta.to_json() if self.meta is not None else None,
                                "categories": self.categories, "body": self.body}
        if self.e_invoice_options is not None:
            data["e_invoice_options"] = self.e_invoice_options
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Payload":
        meta = data.get("meta")
        return cls(
            meta=SentMeta.from_json(meta) if meta is not None else None,
            categories=list(data.get("categories") or []), body=data.get("body"),
            e_invoice_options=data.get("e_invoice_options"),
        )  # fmt: skip

    @classmethod
    def of_row(cls, row: J.JournalRow | None) -> "Payload | None":
        """The payload a journal row stored, or None when it stored none (yet)."""
        data = row.payload_data if row is not None else None
        return cls.from_json(data) if data else None


def sent_meta(row: J.JournalRow | None) -> SentMeta:
    """What the row's payload says was sent (empty when it stored none)."""
    payload = Payload.of_row(row)
    return payload.meta if payload is not None and payload.meta is not None else SentMeta()


def attr(obj: Any, name: str) -> Any:
    """``obj.name`` of a draft, a line or a category (or ``obj[name]`` of a dict); None when absent."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def iso(value: Any) -> str | None:
    if value is None:
        return None
    text = getattr(value, "isoformat", None)
    return text() if callable(text) else str(value)


def money_str(value: Any) -> str | None:
    """An amount as the journal keeps it: a Decimal with two places, anything else as its string."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def category_weights(draft: Any) -> list[list[Any]]:
    """[(category_id, weight 0..1 as a 4-decimal string)] from the draft's percent weights."""
    out = []
    for c in attr(draft, "categories") or []:
        category_id = attr(c, "category_id")
        weight = Decimal(str(attr(c, "weight")))
        out.append([int(category_id), str((weight / 100).quantize(Decimal("0.0001")))])
    return out


def journal_meta(job: "ImportJob") -> dict[str, Any]:
    """The journal columns of a job, written with its row when the run claims it."""
    meta: dict[str, Any] = {
        "file_path": str(job.path), "file_name": job.file_name, "kind": job.kind, "route": job.route,
    }  # fmt: skip
    if job.counterpart_name:
        meta["counterpart_name"] = job.counterpart_name
    draft = job.draft
    if draft is not None:
        meta.update(
            counterpart_id=attr(draft, "counterpart_id"),
            invoice_number=attr(draft, "invoice_number"),
            date=iso(attr(draft, "date")),
            currency=attr(draft, "currency"),
            amount=money_str(attr(draft, "amount")),
        )
    return meta


def build_payload(job: "ImportJob", draft: Any, ref: str) -> Payload:
    """The payload of ``job`` for ``draft`` (external reference ``ref``). Raises :class:`InvalidBody`
    when the import body cannot be built from the draft."""
    values = dict(
        counterpart_id=attr(draft, "counterpart_id"),
        invoice_number=attr(draft, "invoice_number"),
        date=iso(attr(draft, "date")),
        currency=attr(draft, "currency"),
        amount=money_str(attr(draft, "amount")),
        # the lines' wording is not sent (deprecated on import lines): the journal keeps it
        line_labels=[attr(line, "label") for line in (attr(draft, "lines") or [])],
    )
    weights = category_weights(draft)
    if job.route == J.ROUTE_E_INVOICE:
        key = "supplier_id" if job.kind == R.SUPPLIER else "customer_id"
        amounts = {
            "currency_amount_before_tax": money_str(attr(draft, "amount_before_tax")),
            "currency_tax": money_str(attr(draft, "tax")),
            "currency_amount": money_str(attr(draft, "amount")),
        }
        return Payload(SentMeta(**values, amounts=amounts), weights, body=None,
                       e_invoice_options={key: values["counterpart_id"]})
    from app.pennylane.models import dump
    from app.pennylane.payloads import customer_import_body, supplier_import_body

    build = supplier_import_body if job.kind == R.SUPPLIER else customer_import_body
    try:
        # attachment id placeholder: the real one is set right before the POST
        body = dump(build(draft, 1, ref))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InvalidBody(exc) from exc
    body.pop("file_attachment_id", None)
    amounts = {k: body.get(k) for k in R.AMOUNT_KEYS if k in body}
    return Payload(SentMeta(**values, amounts=amounts), weights, body=body)
