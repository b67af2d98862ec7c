"""Is this document ready to import, and what must a person see first? One answer, Qt-free.

:func:`prepare` takes a draft, the signed-in company and Pennylane's reference data (suppliers and
customers) and decides, in one place:

- the **kind** (purchase or sale): the person's choice if they made one, else where the company
  stands on the document (:mod:`app.jobs.kind`);
- the **counterpart**: the one chosen, else the one the document's identifiers designate
  (:mod:`app.jobs.matching`), unless the person already chose (or cleared) it;
- the **problems** that block an import (no counterpart, unbalanced or incomplete figures, a
  route the file cannot take);
- the **warnings** an import needs an explicit choice for (the document does not name the company,
  the chosen kind contradicts it, the supplier's IBAN is not the one known in Pennylane, a
  duplicate imported anyway);
- hence the **readiness**: ready when nothing blocks.

Intake (the queue's status), the form, the import controller (Import, Import all and its
confirmation), the command line and the pipeline all call it; nobody else decides readiness
(``tests/jobs/test_prepare.py`` checks that the rules are not called elsewhere).

The draft: when the kind changes, the result holds a *new* draft (rebuilt from the reading when one
is given, so that a sale keeps its quantities and unit prices); a counterpart found by matching is
written into the draft (``counterpart_id``/``counterpart_name``), as a person choosing it would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol, Sequence

from app.domain import balance
from app.domain.terms import PaymentTerms
from app.domain.text import Text
from app.jobs.kind import CUSTOMER, SUPPLIER, KindPreset, preset_kind
from app.jobs.matching import Match, iban_changed, mask_iban, match_counterpart

ROUTE_IMPORT = "import"
ROUTE_E_INVOICE = "e_invoice"
E_INVOICE_PROFILES = ("BASIC", "EN 16931", "EN16931", "COMFORT", "EXTENDED")


def _t(fr: str, en: str) -> Text:
    return Text(fr, en)


NO_COUNTERPART = _t(
    "Aucun tiers n'est choisi pour cette facture : choisissez le fournisseur ou le client.",
    "No counterpart is selected for this invoice: choose the supplier or the customer.",
)
NO_DRAFT = _t(
    "La facture n'a pas pu être lue ou complétée : ouvrez-la et complétez-la avant l'import.",
    "The invoice could not be read or completed: open it and complete it before importing.",
)
ROUTE_REFUSED = _t(
    "L'import en facture électronique n'est possible que pour un Factur-X BASIC ou EN 16931 "
    "(ce fichier : {profile}). Utilisez l'import classique.",
    "The e-invoice route needs a Factur-X BASIC or EN 16931 file (this one: {profile}). "
    "Use the regular import.",
)
UNBALANCED = _t(
    "La facture n'est pas équilibrée ou est incomplète : {details}. Corrigez-la puis réessayez.",
    "The invoice is unbalanced or incomplete: {details}. Correct it and try again.",
)
NOT_ADDRESSED = _t(
    "Cette facture ne nomme pas votre société ({company}) comme acheteur ni comme vendeur : "
    "vérifiez l'acheteur et le vendeur.",
    "This invoice names your company ({company}) neither as its buyer nor as its seller: check the "
    "buyer and the seller.",
)
KIND_DIFFERS = {
    SUPPLIER: _t(
        "Votre société est l'acheteur : ce document ressemble à un achat, pas à une vente.",
        "Your company is the buyer: this looks like a purchase, not a sale.",
    ),
    CUSTOMER: _t(
        "Votre société est le vendeur : ce document ressemble à une vente, pas à un achat.",
        "Your company is the seller: this looks like a sale, not a purchase.",
    ),
}
IBAN_CHANGED = _t(
    "L'IBAN de cette facture ({document}) diffère de celui connu pour {name} ({known}) : vérifiez "
    "auprès du fournisseur avant de payer.",
    "This invoice's IBAN ({document}) differs from the one known for {name} ({known}): check with "
    "the supplier before paying.",
)
DUPLICATE_FORCED = _t(
    "Importée quand même alors qu'elle ressemble à un doublon ({reason}).",
    "Imported anyway although it looks like a duplicate ({reason}).",
)

# Problem and warning codes (Issue.code)
P_NO_DRAFT = "no_draft"
P_ROUTE = "route"
P_COUNTERPART = "counterpart"
P_UNBALANCED = "unbalanced"
W_NOT_ADDRESSED = "not_addressed"
W_KIND_DIFFERS = "kind_differs"
W_IBAN_CHANGED = "iban_changed"
W_DUPLICATE_FORCED = "duplicate_forced"
W_REMEMBERED = "remembered_differs"  # a value differs from what was remembered (issue #20 adds these)


class References(Protocol):
    """What :func:`prepare` needs from Pennylane: its suppliers or its customers.

    :class:`app.pennylane.reference_cache.ReferenceData` is one; the command line gives another.
    """

    def counterparts(self, kind: str) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Issue:
    """A problem (blocks the import) or a warning (needs an explicit choice), with its reason."""

    code: str
    text: Text
    field: str | None = None  # the draft field it is about, when there is one

    def __str__(self) -> str:
        return str(self.text)


@dataclass(frozen=True)
class Choices:
    """What the person (or the command line's flags) decided; :func:`prepare` never overrides it."""

    kind: str | None = None  # SUPPLIER | CUSTOMER chosen explicitly; None: from the document
    auto_match: bool = True  # False once the person chose (or cleared) the counterpart
    route: str = ROUTE_IMPORT
    profile: str | None = None  # the Factur-X profile, for the e-invoice route
    forced: Text | None = None  # imported anyway although a duplicate (the duplicate's reason)


@dataclass(frozen=True)
class Prepared:
    """The one answer about a document: its kind, counterpart, problems, warnings, readiness."""

    draft: Any
    kind: str | None
    preset: KindPreset | None = None
    match: Match | None = None  # the automatic match made by this call (None: none attempted)
    counterpart: Any = None  # the known supplier/customer the draft designates, if in the references
    problems: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    findings: tuple[balance.Finding, ...] = ()  # every balance finding, for the form's fields
    kind_changed: bool = False  # the draft was rebuilt as another kind by this call

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def reason(self) -> Text | None:
        """Why it cannot be imported (every problem, in one text), or None when ready."""
        return join(i.text for i in self.problems) if self.problems else None

    @property
    def warning_text(self) -> Text | None:
        return join(i.text for i in self.warnings) if self.warnings else None

    def warning(self, code: str) -> Issue | None:
        return next((w for w in self.warnings if w.code == code), None)

    def problem(self, code: str) -> Issue | None:
        return next((p for p in self.problems if p.code == code), None)


def join(texts: Iterable[Text]) -> Text:
    items = list(texts)
    return Text(" ".join(t.fr for t in items), " ".join(t.en for t in items))


def kind_of(draft: Any) -> str:
    """'supplier' | 'customer' of a draft (its ``kind`` is an ``InvoiceKind`` or a string)."""
    value = str(getattr(getattr(draft, "kind", None), "value", getattr(draft, "kind", ""))).lower()
    return CUSTOMER if value.startswith("customer") else SUPPLIER


def prepare(
    draft: Any,
    company: Any = None,
    references: References | None = None,
    *,
    choices: Choices = Choices(),
    reading: Any = None,
    recall: Any = None,
) -> Prepared:
    """Decide everything about ``draft`` for ``company`` (see the module's docstring).

    ``company``: an :class:`app.pennylane.reference_cache.Company` or None (not signed in: no kind
    preset). ``references``: None when Pennylane's lists are not known yet (no match, and no
    counterpart problem beyond "none chosen"). ``reading``: the document's reading, used to rebuild
    the draft as another kind without losing what only that kind keeps (quantities, unit prices).
    ``recall``: what the memory of the counterpart gave the reading (:func:`app.jobs.recall.recall_reading`):
    its accounting fills the draft while it is the reading's (``reading`` given: not edited yet),
    and its contradictions are warnings (:data:`W_REMEMBERED`).
    """
    if draft is None:
        return Prepared(None, None, problems=(Issue(P_NO_DRAFT, NO_DRAFT),))
    preset = preset_kind(draft, company)
    kind = kind_of(draft)
    wanted = choices.kind or (preset.kind if preset is not None and preset.kind else kind)
    kind_changed = wanted != kind
    if kind_changed:
        draft = as_kind(draft, wanted, reading)
    kind = wanted

    if recall is not None and reading is not None:
        from app.jobs.recall import recall_draft

        recall_draft(draft, recall)  # fills only what is empty: the person's choices stand
    if reading is not None:
        apply_company_terms(draft, getattr(company, "payment_terms", None))

    match: Match | None = None
    counterpart = None
    pool: Sequence[Any] = references.counterparts(kind) if references is not None else ()
    if draft.counterpart_id is not None:
        counterpart = _by_id(pool, draft.counterpart_id)
    elif references is not None and (choices.auto_match or kind_changed):
        match = match_counterpart(draft.counterpart_party, pool)
        if match.counterpart_id is not None:
            draft.counterpart_id = match.counterpart_id
            draft.counterpart_name = match.counterpart_name
            counterpart = _by_id(pool, match.counterpart_id)

    findings = tuple(balance.check(draft))
    problems: list[Issue] = []
    if choices.route == ROUTE_E_INVOICE:
        profile = (choices.profile or "").upper()
        if profile not in E_INVOICE_PROFILES:
            problems.append(Issue(P_ROUTE, ROUTE_REFUSED.format(profile=profile or "?")))
    if draft.counterpart_id is None:
        ambiguous = match is not None and match.ambiguous
        problems.append(Issue(P_COUNTERPART, match.reason if ambiguous and match else NO_COUNTERPART, "counterpart_id"))
    errors = [f for f in findings if f.severity is balance.Severity.ERROR and f.field != "counterpart_id"]
    if errors:
        details_fr = " ; ".join(f.message.fr.rstrip(". ") for f in errors)
        details_en = "; ".join(f.message.en.rstrip(". ") for f in errors)
        problems.append(Issue(P_UNBALANCED, Text(UNBALANCED.fr.format(details=details_fr),
                                                 UNBALANCED.en.format(details=details_en)), errors[0].field))

    warnings: list[Issue] = []
    if preset is not None and preset.kind is None and company is not None:
        warnings.append(Issue(W_NOT_ADDRESSED, NOT_ADDRESSED.format(company=company.name), "kind"))
    elif preset is not None and preset.kind is not None and preset.kind != kind:
        warnings.append(Issue(W_KIND_DIFFERS, KIND_DIFFERS[preset.kind], "kind"))
    party = draft.counterpart_party
    document_iban = getattr(party, "iban", None)
    if kind == SUPPLIER and counterpart is not None and iban_changed(document_iban, counterpart):
        known = _get(counterpart, "iban") or _get(counterpart, "billing_iban")
        warnings.append(Issue(W_IBAN_CHANGED, IBAN_CHANGED.format(
            document=mask_iban(document_iban), known=mask_iban(known), name=_get(counterpart, "name") or "?"),
            "counterpart_id"))  # fmt: skip
    for remembered in getattr(recall, "warnings", ()):
        warnings.append(Issue(W_REMEMBERED, remembered.text, remembered.field))
    if choices.forced is not None:
        warnings.append(Issue(W_DUPLICATE_FORCED, Text(DUPLICATE_FORCED.fr.format(reason=choices.forced.fr.rstrip(". ")),
                                                       DUPLICATE_FORCED.en.format(reason=choices.forced.en.rstrip(". ")))))
    return Prepared(
        draft=draft, kind=kind, preset=preset, match=match, counterpart=counterpart,
        problems=tuple(problems), warnings=tuple(warnings), findings=findings, kind_changed=kind_changed,
    )  # fmt: skip


def apply_company_terms(draft: Any, terms: PaymentTerms | None) -> None:
    """The one place a company's usual payment terms give a due date: to a draft that is still the
    reading's (the caller checks: never once the person edited it, so a cleared due date stays
    empty), that has an invoice date and no due date — neither the page nor the supplier's memory
    gave one (both are in the draft already: the memory's ``payment_days`` wins). A due date these
    terms gave follows them when they change (Preferences saved), and goes when there are none."""
    from app.domain.invoice import Provenance

    ours = draft.provenance.get("deadline") == Provenance.COMPANY_TERMS
    if draft.deadline is not None and not ours:
        return
    due = terms.due(draft.date) if terms is not None and draft.date is not None else None
    if due is None:
        if ours:
            draft.deadline = None
            draft.provenance.pop("deadline", None)
        return
    draft.deadline = due
    draft.provenance["deadline"] = Provenance.COMPANY_TERMS


def as_kind(draft: Any, kind: str, reading: Any = None) -> Any:
    """``draft`` as the other kind: rebuilt from ``reading`` when there is one (a sale keeps its
    quantities and unit prices, which a purchase draft does not hold), else converted."""
    if reading is not None and getattr(reading, "invoice", None) is not None and getattr(reading, "error", None) is None:
        from app.pdf.draft import to_draft

        try:
            return to_draft(reading, kind)
        except Exception:  # noqa: BLE001 - the conversion below loses less than nothing
            pass
    from app.domain.invoice import convert_kind

    return convert_kind(draft, kind)


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _by_id(pool: Sequence[Any], counterpart_id: Any) -> Any:
    return next((c for c in pool if _get(c, "id") == counterpart_id), None)


@dataclass
class CounterpartLists:
    """:class:`References` over any client with ``suppliers()`` / ``customers()`` listings, each
    fetched once and only if asked (the command line matches only the files that need it)."""

    client: Any
    _items: dict[str, list[Any]] = field(default_factory=dict)

    def counterparts(self, kind: str) -> Sequence[Any]:
        if kind not in self._items:
            source = self.client.suppliers() if kind == SUPPLIER else self.client.customers()
            self._items[kind] = list(source)
        return self._items[kind]
