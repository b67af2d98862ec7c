"""What the pipeline stores in the journal before it sends anything: the job's columns
(:func:`journal_meta`) and the payload (:func:`build_payload`) — the import body, or the
e-invoice options, plus a ``meta`` part (counterpart, number, date, currency, amounts, the
lines' wording) that the duplicate checks, the lookups and the verification read back. Qt-free.

The payload is JSON in the journal (``JournalRow.payload_data``); a resumed job without a draft
uses it as it was stored.
"""

from __future__ import annotations

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


def build_payload(job: "ImportJob", draft: Any, ref: str) -> dict[str, Any]:
    """The payload of ``job`` for ``draft`` (external reference ``ref``). Raises :class:`InvalidBody`
    when the import body cannot be built from the draft."""
    meta = {
        "counterpart_id": attr(draft, "counterpart_id"),
        "invoice_number": attr(draft, "invoice_number"),
        "date": iso(attr(draft, "date")),
        "currency": attr(draft, "currency"),
        "amount": money_str(attr(draft, "amount")),
    }
    payload: dict[str, Any] = {"meta": meta, "categories": category_weights(draft)}
    # the lines' wording is not sent (deprecated on import lines): the journal keeps it
    meta["line_labels"] = [attr(line, "label") for line in (attr(draft, "lines") or [])]
    if job.route == J.ROUTE_E_INVOICE:
        key = "supplier_id" if job.kind == R.SUPPLIER else "customer_id"
        payload["e_invoice_options"] = {key: meta["counterpart_id"]}
        payload["body"] = None
        meta["amounts"] = {
            "currency_amount_before_tax": money_str(attr(draft, "amount_before_tax")),
            "currency_tax": money_str(attr(draft, "tax")),
            "currency_amount": money_str(attr(draft, "amount")),
        }
        return payload
    from app.pennylane.models import dump
    from app.pennylane.payloads import customer_import_body, supplier_import_body

    build = supplier_import_body if job.kind == R.SUPPLIER else customer_import_body
    try:
        # attachment id placeholder: the real one is set right before the POST
        body = dump(build(draft, 1, ref))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InvalidBody(exc) from exc
    body.pop("file_attachment_id", None)
    payload["body"] = body
    meta["amounts"] = {
        k: body.get(k) for k in ("currency_amount_before_tax", "currency_tax", "currency_amount") if k in body
    }
    return payload

