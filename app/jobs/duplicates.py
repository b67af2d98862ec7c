"""Duplicate detection, done before anything is uploaded.

Pennylane does not deduplicate imports (API notes §7), so the app refuses, unless the person
explicitly forces it, a document when:

1. *same file*: the same content (sha256) is already imported for the company — the journal says
   so, or Pennylane holds an invoice carrying this file's deterministic ``external_reference``
   (imported from another computer, or before the journal was lost);
2. *same invoice*: another document with the same counterpart and invoice number (and the same
   date, when both dates are known) was imported or is being imported — found in the journal, or
   in Pennylane by filtering the invoice list on ``invoice_number``.

One listing request is spent per document: by ``invoice_number`` when the invoice has one (the
answer also shows each invoice's ``external_reference``, which covers case 1), otherwise by
``external_reference``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.domain.text import Text, format_day
from app.jobs import journal as J
from app.jobs.remote import RemoteInvoice, find_invoices, invoice_link

SAME_FILE = "same_file"
SAME_INVOICE = "same_invoice"


@dataclass(frozen=True)
class Evidence:
    """One reason to believe the document is already in Pennylane."""

    what: str  # SAME_FILE | SAME_INVOICE
    source: str  # "journal" | "pennylane"
    matched: tuple[str, ...]  # e.g. ("sha256",), ("counterpart", "invoice_number", "date")
    invoice_id: int | None = None
    link: str | None = None
    file_name: str | None = None  # the other document (journal)
    sha256: str | None = None
    state: str | None = None  # the other document's journal state
    invoice_number: str | None = None
    date: str | None = None
    counterpart_id: int | None = None
    external_reference: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["matched"] = list(self.matched)
        return data


@dataclass(frozen=True)
class Duplicate:
    """The document looks like one already imported. ``evidence[0]`` is the strongest."""

    evidence: tuple[Evidence, ...]
    reason: Text = field(default=Text("", ""))

    @property
    def invoice_id(self) -> int | None:
        for item in self.evidence:
            if item.invoice_id is not None:
                return item.invoice_id
        return None

    @property
    def same_file(self) -> bool:
        return any(e.what == SAME_FILE for e in self.evidence)

    def to_json(self) -> dict[str, Any]:
        return {
            "invoice_id": self.invoice_id,
            "evidence": [e.to_json() for e in self.evidence],
            "reason": {"fr": self.reason.fr, "en": self.reason.en},
        }


def describe(evidence: tuple[Evidence, ...]) -> Text:
    """A sentence a person can act on, from the strongest evidence."""
    e = evidence[0]
    ref = f"n° {e.invoice_id}" if e.invoice_id is not None else ""
    ref_en = f"#{e.invoice_id}" if e.invoice_id is not None else ""
    if e.what == SAME_FILE and e.source == "journal":
        return Text(
            f"Ce fichier a déjà été importé dans Pennylane (facture {ref}, le "
            f"{_day(e, 'fr')}). Il n'est pas importé une seconde fois.",
            f"This file was already imported into Pennylane (invoice {ref_en}, on {_day(e, 'en')}). "
            f"It is not imported a second time.",
        )
    if e.what == SAME_FILE:
        return Text(
            f"Ce fichier est déjà dans Pennylane (facture {ref}, référence externe "
            f"« {e.external_reference} »), importé depuis un autre poste ou une session précédente. "
            f"Il n'est pas importé une seconde fois.",
            f'This file is already in Pennylane (invoice {ref_en}, external reference '
            f'"{e.external_reference}"), imported from another computer or an earlier session. '
            f"It is not imported a second time.",
        )
    number = e.invoice_number or "?"
    if e.source == "journal":
        where_fr = f"le fichier « {e.file_name} »" if e.file_name else "un autre fichier"
        where_en = f'the file "{e.file_name}"' if e.file_name else "another file"
        status_fr = f" (facture Pennylane {ref})" if ref else " (import en cours)"
        status_en = f" (Pennylane invoice {ref_en})" if ref_en else " (being imported)"
        return Text(
            f"La facture n° {number} de ce tiers a déjà été importée depuis {where_fr}{status_fr}. "
            f"Vérifiez qu'il ne s'agit pas d'un doublon ; pour l'importer quand même, choisissez "
            f"« Importer quand même ».",
            f"Invoice {number} from this counterpart was already imported from {where_en}{status_en}. "
            f'Check that it is not a duplicate; to import it anyway, choose "Import anyway".',
        )
    return Text(
        f"Pennylane contient déjà la facture n° {number} de ce tiers (facture {ref}). Vérifiez "
        f"qu'il ne s'agit pas d'un doublon ; pour l'importer quand même, choisissez "
        f"« Importer quand même ».",
        f"Pennylane already holds invoice {number} from this counterpart (invoice {ref_en}). "
        f'Check that it is not a duplicate; to import it anyway, choose "Import anyway".',
    )


def _day(e: Evidence, language: str) -> str:
    return format_day(e.date, language)  # 07/12/2026 in a French sentence, not 2026-12-07


def _dates_match(a: str | None, b: str | None) -> bool:
    return a is None or b is None or str(a)[:10] == str(b)[:10]


def check_local(
    journal: J.Journal,
    company_id: int | str,
    *,
    sha256: str,
    kind: str,
    counterpart_id: int | None,
    invoice_number: str | None,
    date: str | None,
) -> list[Evidence]:
    """Duplicates the journal knows of (no network)."""
    found: list[Evidence] = []
    own = journal.get(company_id, sha256)
    if own is not None and own.state == J.VERIFIED and own.invoice_id is not None:
        found.append(
            Evidence(
                SAME_FILE, "journal", ("sha256",),
                invoice_id=own.invoice_id, link=invoice_link(company_id, kind, own.invoice_id),
                file_name=own.file_name, sha256=sha256, state=own.state,
                invoice_number=own.invoice_number, date=(own.finished_at or own.updated_at)[:10],
                counterpart_id=own.counterpart_id, external_reference=own.external_reference,
            )
        )  # fmt: skip
    if invoice_number and counterpart_id is not None:
        for other in journal.find_same_invoice(
            company_id, kind=kind, counterpart_id=counterpart_id, invoice_number=invoice_number,
            exclude_sha256=sha256,
        ):  # fmt: skip
            exists = other.invoice_id is not None or bool(other.import_pending)
            if not exists and other.state not in J.IN_FLIGHT_STATES:
                continue  # queued, failed before the import, or itself a duplicate
            # (in-flight rows count: a second copy of the same invoice in the same batch)
            if not _dates_match(other.date, date):
                continue
            matched = ("counterpart", "invoice_number") + (("date",) if other.date and date else ())
            found.append(
                Evidence(
                    SAME_INVOICE, "journal", matched,
                    invoice_id=other.invoice_id, link=invoice_link(company_id, kind, other.invoice_id),
                    file_name=other.file_name, sha256=other.sha256, state=other.state,
                    invoice_number=invoice_number, date=other.date, counterpart_id=counterpart_id,
                    external_reference=other.external_reference,
                )
            )  # fmt: skip
    return found


def check_remote(
    client: Any,
    company_id: int | str,
    *,
    kind: str,
    external_reference: str,
    counterpart_id: int | None,
    invoice_number: str | None,
    date: str | None,
    candidates: list[RemoteInvoice] | None = None,
) -> list[Evidence]:
    """Duplicates Pennylane holds. One listing request, none when ``candidates`` (what the batch
    fetched for this number or reference, ``lookups.Known``) is given. Raises the client's errors."""
    found: list[Evidence] = []
    if candidates is None and invoice_number:
        candidates = find_invoices(client, kind, invoice_number=invoice_number)
    elif candidates is None:
        candidates = find_invoices(client, kind, external_reference=external_reference)
    for inv in candidates:
        inv_id = inv.id
        inv_ref = inv.external_reference
        inv_date = inv.day
        inv_cp = inv.counterpart_id
        if inv_ref and inv_ref == external_reference:
            found.append(
                Evidence(
                    SAME_FILE, "pennylane", ("external_reference",),
                    invoice_id=inv_id, link=invoice_link(company_id, kind, inv_id),
                    invoice_number=inv.invoice_number, date=inv_date, counterpart_id=inv_cp,
                    external_reference=inv_ref,
                )
            )  # fmt: skip
        elif (
            invoice_number
            and inv.invoice_number == invoice_number
            and counterpart_id is not None
            and inv_cp == counterpart_id
            and _dates_match(inv_date, date)
        ):
            matched = ("counterpart", "invoice_number") + (("date",) if inv_date and date else ())
            found.append(
                Evidence(
                    SAME_INVOICE, "pennylane", matched,
                    invoice_id=inv_id, link=invoice_link(company_id, kind, inv_id),
                    invoice_number=invoice_number, date=inv_date, counterpart_id=inv_cp,
                    external_reference=inv_ref,
                )
            )  # fmt: skip
    return found


def check(
    journal: J.Journal,
    client: Any | None,
    company_id: int | str,
    *,
    sha256: str,
    kind: str,
    external_reference: str,
    counterpart_id: int | None,
    invoice_number: str | None,
    date: str | None,
    remote: bool = True,
    candidates: list[RemoteInvoice] | None = None,
) -> Duplicate | None:
    """Local checks first (free), then Pennylane's list (one request) unless ``remote=False``."""
    evidence = check_local(
        journal, company_id, sha256=sha256, kind=kind, counterpart_id=counterpart_id,
        invoice_number=invoice_number, date=date,
    )  # fmt: skip
    if not any(e.what == SAME_FILE for e in evidence) and remote and client is not None:
        evidence += check_remote(
            client, company_id, kind=kind, external_reference=external_reference,
            counterpart_id=counterpart_id, invoice_number=invoice_number, date=date, candidates=candidates,
        )  # fmt: skip
    if not evidence:
        return None
    # strongest first: same file before same invoice, Pennylane's word before the journal's
    evidence.sort(key=lambda e: (e.what != SAME_FILE, e.source != "pennylane"))
    ordered = tuple(evidence)
    return Duplicate(ordered, describe(ordered))
