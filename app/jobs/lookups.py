"""Batched lookups and verification: one list request per 100 documents, not one per document.

Pennylane allows 25 requests per 5 s: the number of requests per invoice *is* this program's
speed. The invoice lists filter on ``invoice_number in``, ``external_reference in`` and ``id in``
(100 items a page), so:

- before a batch, :class:`Known` fetches what Pennylane holds under the batch's invoice numbers
  (or, for documents without one, their external references) — the duplicate checks of every job
  then read that answer instead of asking once each;
- after a batch, :func:`verify` lists every invoice the batch created, by invoice number (so
  that every invoice carrying the same file's external reference shows up; without a number, by
  external reference, or by id where Pennylane filters references on ``eq`` only — customer
  invoices —, and e-invoices, which carry no reference, by id), and reports (:class:`Finding`) an external
  reference present more than once — a double made from elsewhere (another computer, an older
  version, a script with another journal) —, an invoice gone, or amounts other than those sent.

Between the two, each import's own answer is the first check of what Pennylane recorded
(:func:`recorded_differences`).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from app.domain.text import Text
from app.jobs import journal as J
from app.jobs import remote as R
from app.jobs.import_payload import sent_meta

log = logging.getLogger(__name__)

PAGE = 100  # values per "in" filter: Pennylane's page size


def refs_filterable(kind: str) -> bool:
    """``external_reference in`` is allowed on supplier invoices only (customer invoices: ``eq``)."""
    return kind == R.SUPPLIER

DOUBLE = "double"
GONE = "gone"
MISMATCH = "mismatch"

VERIFY_MISMATCH = Text(
    "Pennylane a enregistré la facture n° {id} avec des montants différents de ceux envoyés "
    "({details}). Vérifiez-la dans Pennylane.",
    "Pennylane recorded invoice #{id} with amounts different from those sent ({details}). "
    "Check it in Pennylane.",
)
VERIFY_GONE = Text(
    "La facture n° {id} n'existe plus dans Pennylane (supprimée ?). Vérifiez dans Pennylane ; pour "
    "l'importer à nouveau, choisissez « Importer quand même ».",
    'Invoice #{id} no longer exists in Pennylane (deleted?). Check in Pennylane; to import it again, '
    'choose "Import anyway".',
)
DOUBLE_TEXT = Text(
    "Pennylane contient {count} factures pour le fichier « {name} » (référence externe « {ref} ») : "
    "n° {ids}. Ce fichier a été importé plusieurs fois, depuis un autre ordinateur ou un autre "
    "programme. Gardez la facture n° {keep} (cet import) et supprimez dans Pennylane {others_fr}, "
    "après avoir vérifié qu'il s'agit bien de la même facture.",
    'Pennylane holds {count} invoices for the file "{name}" (external reference "{ref}"): '
    "#{ids}. This file was imported more than once, from another computer or another program. "
    "Keep invoice #{keep} (this import) and delete {others_en} in Pennylane, after checking that "
    "it is the same invoice.",
)


def chunks(values: Sequence[Any], size: int = PAGE) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield list(values[start:start + size])


def _list(client: Any, kind: str, field: str, values: Iterable[Any]) -> list[R.RemoteInvoice]:
    """Every invoice of ``kind`` whose ``field`` is one of ``values``: one request per 100."""
    unique = sorted({v for v in values if v is not None and v != ""}, key=str)
    found: list[R.RemoteInvoice] = []
    for part in chunks(unique):
        found += R.find_invoices(client, kind, limit=None, filter=[(field, "in", part)])
    return found


def recorded_differences(row: J.JournalRow, invoice: R.RemoteInvoice) -> list[str]:
    """What Pennylane recorded for ``row`` that differs from what was sent ("key: sent → recorded").

    The one rule for the import's answer, a lookup and the batch's verification. Amounts missing
    from ``invoice`` are not compared (an e-invoice import answers with its id only: ``full`` is
    False). E-invoices are compared without signs: Pennylane computes their amounts from the XML.
    """
    expected = sent_meta(row).amounts
    loose = row.route == J.ROUTE_E_INVOICE
    differences = []
    for key, want in expected.items():
        want_d = R.decimal_or_none(want)
        if want_d is None or not invoice.shows(key):
            continue
        got = invoice.amount(key)
        if got is None or (abs(got) != abs(want_d) if loose else got != want_d):
            differences.append(f"{key}: {want} → {got}")
    if not loose and invoice.external_reference not in (None, row.external_reference):
        differences.append(f"external_reference: {row.external_reference} → {invoice.external_reference}")
    return differences


def has_amounts(row: J.JournalRow, invoice: R.RemoteInvoice | None) -> bool:
    """True when ``invoice`` shows the amounts the row expects (a full invoice, not just an id)."""
    expected = sent_meta(row).amounts
    return invoice is not None and any(invoice.shows(key) for key in expected)


class Known:
    """What Pennylane holds under a batch's invoice numbers and external references.

    Filled by :meth:`fetch` before the batch (one request per 100 values and kind); read by each
    job's duplicate check through :meth:`candidates` (``None``: not fetched, ask Pennylane).
    Thread-safe; :meth:`clear` at the end of the batch (the answer ages).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._numbers: dict[str, dict[str, list[R.RemoteInvoice]]] = {}
        self._refs: dict[str, dict[str, list[R.RemoteInvoice]]] = {}

    def fetch(self, client: Any, kind: str, *, numbers: Iterable[str] = (), refs: Iterable[str] = ()) -> None:
        numbers, refs = [n for n in numbers if n], [r for r in refs if r]
        by_number: dict[str, list[R.RemoteInvoice]] = {n: [] for n in numbers}
        by_ref: dict[str, list[R.RemoteInvoice]] = {r: [] for r in refs}
        if numbers:
            for inv in _list(client, kind, "invoice_number", numbers):
                by_number.setdefault(str(inv.invoice_number), []).append(inv)
        if refs and not refs_filterable(kind):
            by_ref = {}  # customer invoices: each document asks for itself (eq only)
        elif refs:
            for inv in _list(client, kind, "external_reference", refs):
                by_ref.setdefault(str(inv.external_reference), []).append(inv)
        with self._lock:
            self._numbers.setdefault(kind, {}).update(by_number)
            self._refs.setdefault(kind, {}).update(by_ref)

    def candidates(self, kind: str, invoice_number: str | None,
                   external_reference: str) -> list[R.RemoteInvoice] | None:
        """The invoices the duplicate check would list (see ``duplicates.check_remote``), or None."""
        with self._lock:
            if invoice_number:
                found = self._numbers.get(kind, {}).get(invoice_number)
            else:
                found = self._refs.get(kind, {}).get(external_reference)
            return list(found) if found is not None else None

    def clear(self) -> None:
        with self._lock:
            self._numbers.clear()
            self._refs.clear()


@dataclass(frozen=True)
class Finding:
    """Something the verification after a batch found that the person must act on."""

    what: str  # DOUBLE | GONE | MISMATCH
    sha256: str
    file_name: str | None
    invoice_ids: tuple[int, ...]  # ours first
    text: Text

    def to_json(self) -> dict[str, Any]:
        return {
            "finding": self.what, "sha256": self.sha256, "file": self.file_name,
            "invoice_ids": list(self.invoice_ids), "reason": str(self.text),
            "reason_fr": self.text.fr, "reason_en": self.text.en,
        }  # fmt: skip


def verify(client: Any, rows: Sequence[J.JournalRow]) -> list[Finding]:
    """Check the invoices ``rows`` created, in one list request per 100 rows and kind.

    Rows of the regular import are listed by external reference, so that a second invoice with
    the same reference (a double made elsewhere) is seen; e-invoices by id. Raises the client's
    errors (the caller decides what a failed check means).
    """
    findings: list[Finding] = []
    for kind in (R.SUPPLIER, R.CUSTOMER):
        mine = [r for r in rows if r.kind == kind and r.invoice_id is not None]
        by_ref = [r for r in mine if r.route != J.ROUTE_E_INVOICE]
        numbered = [r for r in by_ref if r.invoice_number]
        unnumbered = [r for r in by_ref if not r.invoice_number]
        listed = _list(client, kind, "invoice_number", [r.invoice_number for r in numbered])
        if refs_filterable(kind):
            listed += _list(client, kind, "external_reference", [r.external_reference for r in unnumbered])
        else:
            listed += _list(client, kind, "id", [r.invoice_id for r in unnumbered])
        held: dict[str, dict[int, R.RemoteInvoice]] = {}
        for inv in listed:
            held.setdefault(str(inv.external_reference), {})[inv.id] = inv
        # not found under their number (renumbered in Pennylane since?): by id, one more request
        by_id = [r for r in mine if r.route == J.ROUTE_E_INVOICE
                 or int(r.invoice_id) not in held.get(r.external_reference, {})]  # type: ignore[arg-type]
        ids = {inv.id: inv for inv in _list(client, kind, "id", [r.invoice_id for r in by_id])}
        for row in by_ref:
            found = dict(held.get(row.external_reference, {}))
            if int(row.invoice_id) in ids:  # type: ignore[arg-type]
                found[int(row.invoice_id)] = ids[int(row.invoice_id)]  # type: ignore[arg-type]
            ours = found.get(int(row.invoice_id))  # type: ignore[arg-type]
            if len(found) > 1:
                findings.append(_double(row, sorted(found)))
            if ours is None:
                findings.append(Finding(GONE, row.sha256, row.file_name, (int(row.invoice_id),),
                                        VERIFY_GONE.format(id=row.invoice_id)))
                continue
            findings += _mismatch(row, ours)
        for row in (r for r in by_id if r.route == J.ROUTE_E_INVOICE):
            inv = ids.get(int(row.invoice_id))  # type: ignore[arg-type]
            if inv is None:
                findings.append(Finding(GONE, row.sha256, row.file_name, (int(row.invoice_id),),
                                        VERIFY_GONE.format(id=row.invoice_id)))
                continue
            findings += _mismatch(row, inv)
    return findings


def _mismatch(row: J.JournalRow, invoice: R.RemoteInvoice) -> list[Finding]:
    differences = recorded_differences(row, invoice)
    if not differences:
        return []
    text = VERIFY_MISMATCH.format(id=row.invoice_id, details="; ".join(differences))
    return [Finding(MISMATCH, row.sha256, row.file_name, (int(row.invoice_id),), text)]  # type: ignore[arg-type]


def _double(row: J.JournalRow, ids: list[int]) -> Finding:
    keep = int(row.invoice_id)  # type: ignore[arg-type]
    others = [i for i in ids if i != keep]
    ordered = (keep, *others)
    others_fr = ", ".join(f"la facture n° {i}" for i in others)
    others_en = ", ".join(f"invoice #{i}" for i in others)
    text = DOUBLE_TEXT.format(
        count=len(ids), name=row.file_name or row.sha256[:12], ref=row.external_reference,
        ids=", ".join(str(i) for i in ordered), keep=keep, others_fr=others_fr, others_en=others_en,
    )  # fmt: skip
    log.error("external_reference %s is held by invoices %s", row.external_reference, ordered)
    return Finding(DOUBLE, row.sha256, row.file_name, ordered, text)
