"""Applying the memory of a counterpart to a document, and learning from what the person sent
(issue #20). No Qt.

* :func:`recall_reading` — on what was read (``ExtractedInvoice``): finds the counterpart's memory
  (by SIREN, VAT number, IBAN, then name, of the seller then the buyer), reads first where each
  corrected field sat (:mod:`app.pdf.fields.remembered`), fills the values the counterpart's invoices
  repeat when the page did not give them, and the deadline from the usual payment terms. Every value
  it gives is marked ``"remembered"`` in the provenance, with when it was learned and what it
  replaced (:class:`RecallNote`). A document that contradicts the memory (another IBAN, another
  identifier, a total far outside the usual range, another VAT regime) gets a warning; the printed
  value stays.
* :func:`recall_draft` — on the draft: ledger accounts per line (or the default one), VAT codes the
  page did not give, the category split, the usual currency, the Pennylane counterpart.
* :func:`learn` — after an import (or ``remember``): the differences between what was read and what
  was sent become what is remembered; the accounting sent is remembered as the counterpart's rules.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.domain.text import Text
from app.jobs import memory as M
from app.pdf.fields.remembered import AMOUNT_FIELDS, DATE_FIELDS, LAYOUT_FIELDS

log = logging.getLogger(__name__)

REMEMBERED = "remembered"
FAR = Decimal(10)  # a total more than 10× the largest seen, or under a tenth of the smallest, is unusual
_PARTY_FIELDS = ("name", "siren", "siret", "vat_number", "iban")


@dataclass
class RecallNote:
    """A value the memory gave: when it was learned and what the document said instead."""

    field: str
    value: str
    learned: str
    replaced: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "learned": self.learned, "replaced": self.replaced}

    def tooltip(self) -> Text:
        when = self.learned[:10] or "?"
        if self.replaced:
            return Text(f"Mémorisé le {when} ; remplace « {self.replaced} » lu sur le document.",
                        f"Remembered on {when}; replaces “{self.replaced}” read on the document.")
        return Text(f"Mémorisé le {when} ; rien n'avait été lu sur le document.",
                    f"Remembered on {when}; nothing had been read on the document.")


@dataclass
class RecallWarning:
    field: str  # the field at fault ("seller.iban", "amount", "lines")
    text: Text

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "message": str(self.text), "fr": self.text.fr, "en": self.text.en}


@dataclass
class Recall:
    """What the memory did to one document."""

    key: str | None = None  # the counterpart's memory, None when it has none
    title: str | None = None
    role: str | None = None  # "seller" | "buyer": where the counterpart stands on the document
    kind: str | None = None  # the remembered kind (supplier | customer)
    notes: dict[str, RecallNote] = field(default_factory=dict)
    warnings: list[RecallWarning] = field(default_factory=list)
    memory: M.CounterpartMemory | None = None

    def to_json(self) -> dict[str, Any]:
        return {"memory": self.key, "counterpart": self.title, "counterpart_kind": self.kind,
                "remembered": {k: v.to_json() for k, v in sorted(self.notes.items())},
                "warnings": [w.to_json() for w in self.warnings]}


ANOTHER_IBAN = Text(
    "Autre IBAN que celui mémorisé pour {name} ({known}) : le document indique {printed}. "
    "Vérifiez auprès du fournisseur avant de payer.",
    "Another IBAN than the one remembered for {name} ({known}): the document says {printed}. "
    "Check with the supplier before paying.",
)
ANOTHER_ID = Text(
    "{what} du document ({printed}) différent de celui mémorisé pour {name} ({known}).",
    "The document's {what_en} ({printed}) differs from the one remembered for {name} ({known}).",
)
UNUSUAL_TOTAL = Text(
    "Total inhabituel pour {name} : {amount}, alors que ses factures vont de {low} à {high}.",
    "Unusual total for {name}: {amount}, while its invoices range from {low} to {high}.",
)
ANOTHER_REGIME = Text(
    "Autre régime de TVA que d'habitude pour {name} : {printed} au lieu de {known}.",
    "Another VAT regime than usual for {name}: {printed} instead of {known}.",
)


# --- values as compared ------------------------------------------------------------------------

def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return format(abs(value), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def same(name: str, a: Any, b: Any) -> bool:
    """Are two values of field ``name`` the same (amounts by value, identifiers without spaces)?"""
    ta, tb = _text(a), _text(b)
    if ta is None or tb is None:
        return ta is tb
    base = name.split(".")[-1]
    if name in AMOUNT_FIELDS:
        try:
            return abs(Decimal(ta)) == abs(Decimal(tb))
        except InvalidOperation:
            return False
    if name in DATE_FIELDS:
        return ta[:10] == tb[:10]
    if name == "invoice_number" or base in ("siren", "siret", "vat_number", "iban"):
        return re.sub(r"[\s.#-]", "", ta).casefold() == re.sub(r"[\s.#-]", "", tb).casefold()
    return " ".join(ta.split()).casefold() == " ".join(tb.split()).casefold()


def read_values(inv: Any) -> dict[str, str]:
    """An ``ExtractedInvoice``'s header values as text, by their ``inspect --json`` names."""
    out: dict[str, str] = {}
    if inv is None:
        return out
    for name in ("kind", "invoice_number", "date", "deadline", "currency", *AMOUNT_FIELDS):
        text = _text(getattr(inv, name, None))
        if text is not None:
            out[name] = text
    for role in ("seller", "buyer"):
        party = getattr(inv, role)
        for key in _PARTY_FIELDS:
            text = _text(getattr(party, key, None))
            if text is not None:
                out[f"{role}.{key}"] = text
    return out


def _set(inv: Any, name: str, value: Any) -> None:
    if "." in name:
        role, key = name.split(".", 1)
        setattr(getattr(inv, role), key, value)
    else:
        setattr(inv, name, value)


def _typed(name: str, text: str) -> Any:
    if name in AMOUNT_FIELDS:
        return abs(Decimal(text))
    if name in DATE_FIELDS:
        return date.fromisoformat(text[:10])
    return text


# --- applying ------------------------------------------------------------------------------------

def page_words(reading: Any) -> list[Any]:
    """The words of the document's first pages, as the reader had them: its text layer, else the
    OCR of its scan (from OCR's cache, by the file's sha256: not recognised twice). [] when none."""
    from app.pdf.reader import MAX_TEXT_PAGES
    from app.pdf.sources import read_pages

    path = getattr(reading, "path", None)
    if path is None:
        return []
    found = read_pages(Path(path), MAX_TEXT_PAGES)
    if found:
        return found[1]
    if getattr(reading, "source", None) != "ocr":
        return []
    try:
        from app.pdf.ocr.document import MAX_OCR_PAGES, ocr_pdf

        return ocr_pdf(path, sha256=getattr(reading, "sha256", ""), max_pages=min(MAX_OCR_PAGES, MAX_TEXT_PAGES)).pages
    except Exception:  # noqa: BLE001 - no OCR engine, a broken page: no place to look at
        log.warning("no OCR words for %s", path, exc_info=True)
        return []


def find_memory(store: M.MemoryStore, company_id: int | str, inv: Any) -> tuple[M.CounterpartMemory | None, str | None]:
    """The counterpart memory a document designates, and where it stands ("seller" | "buyer")."""
    if inv is None:
        return None, None
    for role in ("seller", "buyer"):
        memory = store.find(company_id, getattr(inv, role))
        if memory is not None and memory.kind != ("customer" if role == "seller" else "supplier"):
            return memory, role
    return None, None


def recall_reading(reading: Any, store: M.MemoryStore, company_id: int | str, *, pages: Any = None) -> Recall:
    """Apply the counterpart's memory to ``reading.invoice`` in place (see the module's text).

    ``pages``: the document's words when the caller has them (else the text layer is read again,
    only when the memory holds a place to look at). Never raises for a bad file or memory.
    """
    recall = Recall()
    inv = getattr(reading, "invoice", None)
    if inv is None:
        return recall
    memory, role = find_memory(store, company_id, inv)
    if memory is None or role is None:
        return recall
    recall.key, recall.title, recall.role, recall.kind, recall.memory = memory.key, memory.title, role, memory.kind, memory
    try:
        _apply_hints(reading, inv, memory, recall, pages)
    except Exception:  # noqa: BLE001 - the memory must never lose a document
        log.exception("reading remembered places of %s", getattr(reading, "path", "?"))
    _apply_values(inv, memory, role, recall)
    _check(inv, memory, role, recall)
    if inv.deadline is None and inv.date is not None and memory.payment_days is not None:
        inv.deadline = inv.date + timedelta(days=memory.payment_days)
        inv.provenance["deadline"] = REMEMBERED
        recall.notes["deadline"] = RecallNote("deadline", inv.deadline.isoformat(), memory.updated, None)
    return recall


def _apply_hints(reading: Any, inv: Any, memory: M.CounterpartMemory, recall: Recall, pages: Any) -> None:
    wanted = [h for name, h in memory.hints.items() if inv.provenance.get(name) != "xml"]
    if not wanted:
        return
    if pages is None:
        pages = page_words(reading)
    if not pages:
        return
    from app.pdf.fields.remembered import read_hinted

    for learned in wanted:
        name = learned.hint.field
        got = None
        for place in learned.places:  # the best place first, then the others it was printed at
            got = read_hinted(pages, [place]).get(name)
            if got is not None:
                break
        if got is None:
            continue
        current = getattr(inv, name)
        if current is not None and (not learned.corrected or not got.by_label or same(name, current, got.value)):
            continue  # the page's own reading stands unless a corrected place, found by its label, says otherwise
        if name in ("amount_before_tax", "amount", "amount_due") and got.value == 0:
            continue  # a zero total is no invoice's: the place holds something else this time
        _set(inv, name, got.value)
        inv.provenance[name] = REMEMBERED
        inv.locations[name] = got.box
        inv.suggestions.pop(name, None)
        recall.notes[name] = RecallNote(name, _text(got.value) or "", learned.learned, _text(current))
    _keep_balanced(inv, recall)
    _complete_total(inv, recall)
    if inv.deadline is not None and inv.date is not None and inv.deadline < inv.date and "deadline" in recall.notes:
        note = recall.notes.pop("deadline")  # due before issued: that place holds another date this time
        inv.deadline = _typed("deadline", note.replaced) if note.replaced else None
        if note.replaced:
            inv.provenance["deadline"] = "text"
        else:
            inv.provenance.pop("deadline", None)
            inv.locations.pop("deadline", None)


def _complete_total(inv: Any, recall: Recall) -> None:
    """HT and TVA known, one of them from the memory, the total not printed where it was: TTC = HT + TVA."""
    ht, tax = inv.amount_before_tax, inv.tax
    if inv.amount is not None or ht is None or tax is None:
        return
    if "amount_before_tax" not in recall.notes and "tax" not in recall.notes:
        return
    inv.amount = ht + tax
    inv.provenance["amount"] = REMEMBERED
    learned = (recall.notes.get("amount_before_tax") or recall.notes["tax"]).learned
    recall.notes["amount"] = RecallNote("amount", _text(inv.amount) or "", learned, None)


def _keep_balanced(inv: Any, recall: Recall) -> None:
    """HT + TVA = TTC must still hold with the remembered totals: when it does not, the totals the
    memory gave are taken back (the page's own reading stays)."""
    ht, tax, ttc = inv.amount_before_tax, inv.tax, inv.amount
    if ht is None or tax is None or ttc is None or ht + tax == ttc:
        return
    for name in ("amount_before_tax", "tax", "amount"):
        note = recall.notes.pop(name, None)
        if note is not None and inv.provenance.get(name) == REMEMBERED:
            _set(inv, name, _typed(name, note.replaced) if note.replaced else None)
            if note.replaced:
                inv.provenance[name] = "text"
            else:
                inv.provenance.pop(name, None)
                inv.locations.pop(name, None)


def _apply_values(inv: Any, memory: M.CounterpartMemory, role: str, recall: Recall) -> None:
    for name, learned in memory.values.items():
        current = getattr(inv, name) if "." not in name else getattr(getattr(inv, name.split(".")[0]), name.split(".")[1])
        if current not in (None, ""):
            continue  # what the page says stands (contradictions are checked below)
        try:
            _set(inv, name, learned.value)
        except (ValueError, TypeError):
            continue
        inv.provenance[name] = REMEMBERED
        recall.notes[name] = RecallNote(name, learned.value, learned.learned, None)


def _check(inv: Any, memory: M.CounterpartMemory, role: str, recall: Recall) -> None:
    from app.domain.identifiers import is_valid_iban
    from app.jobs.matching import mask_iban, normalize_iban, normalize_vat

    party = getattr(inv, role)
    name = memory.title
    printed = party.iban
    known = memory.iban
    if printed and known and normalize_iban(printed) != normalize_iban(known) and is_valid_iban(normalize_iban(printed)):
        recall.warnings.append(RecallWarning(f"{role}.iban", ANOTHER_IBAN.format(
            name=name, known=mask_iban(known), printed=mask_iban(printed))))
    for key, fr, en in (("vat_number", "Numéro de TVA", "VAT number"), ("siren", "SIREN", "SIREN")):
        printed, known = getattr(party, key), getattr(memory, key)
        if printed and known and normalize_vat(printed) != normalize_vat(known) and inv.provenance.get(f"{role}.{key}") != REMEMBERED:
            recall.warnings.append(RecallWarning(f"{role}.{key}", ANOTHER_ID.format(
                what=fr, what_en=en, printed=printed, known=known, name=name)))
    if inv.amount is not None and memory.totals:
        low, high = min(memory.totals), max(memory.totals)
        amount = abs(inv.amount)
        if amount > high * FAR or (low > 0 and amount * FAR < low):
            recall.warnings.append(RecallWarning("amount", UNUSUAL_TOTAL.format(
                name=name, amount=_text(amount), low=_text(low), high=_text(high))))


def recall_draft(draft: Any, recall: Recall) -> None:
    """Apply the counterpart's accounting to ``draft`` in place (see the module's text)."""
    memory = recall.memory
    if memory is None or draft is None:
        return
    from app.domain.invoice import CategoryWeight, Provenance
    from app.domain.vat import VAT_CODES, tax_for

    prov = draft.provenance
    kind = getattr(getattr(draft, "kind", None), "value", getattr(draft, "kind", None))
    stamp = memory.updated
    if draft.counterpart_id is None and memory.counterpart_id is not None and memory.kind == kind:
        draft.counterpart_id = memory.counterpart_id
        draft.counterpart_name = draft.counterpart_name or memory.name
        prov["counterpart_id"] = Provenance.REMEMBERED
        recall.notes["counterpart_id"] = RecallNote("counterpart_id", str(memory.counterpart_id), stamp)
    read_codes = {line.vat_rate for i, line in enumerate(draft.lines) if prov.get(f"lines[{i}].vat_rate") in (Provenance.XML, Provenance.TEXT)}
    if memory.vat_codes and read_codes and read_codes.isdisjoint(memory.vat_codes):
        recall.warnings.append(RecallWarning("lines", ANOTHER_REGIME.format(
            name=memory.title, printed=", ".join(sorted(read_codes)), known=", ".join(memory.vat_codes))))
    for i, line in enumerate(draft.lines):
        rule = memory.lines[min(i, len(memory.lines) - 1)] if memory.lines else M.LineRule()
        account = rule.ledger_account_id or memory.ledger_account_id
        if line.ledger_account_id is None and account is not None:
            line.ledger_account_id = account
            prov[f"lines[{i}].ledger_account_id"] = Provenance.REMEMBERED
            recall.notes[f"lines[{i}].ledger_account_id"] = RecallNote(f"lines[{i}].ledger_account_id", str(account), stamp)
        code = rule.vat_code or memory.vat_code
        if code and code in VAT_CODES and f"lines[{i}].vat_rate" not in prov and line.vat_rate != code:
            try:
                fits = VAT_CODES[code].rate is not None and tax_for(line.amount_before_tax, code) == line.tax
            except (ValueError, KeyError):
                fits = False
            if fits or (line.amount_before_tax == 0 and line.tax == 0):
                replaced = line.vat_rate
                line.vat_rate = code
                prov[f"lines[{i}].vat_rate"] = Provenance.REMEMBERED
                recall.notes[f"lines[{i}].vat_rate"] = RecallNote(f"lines[{i}].vat_rate", code, stamp, replaced)
    if not draft.categories and memory.categories:
        draft.categories = [CategoryWeight(category_id=c.category_id, group_id=c.group_id, weight=c.weight) for c in memory.categories]
        prov["categories"] = Provenance.REMEMBERED
        recall.notes["categories"] = RecallNote(
            "categories", ", ".join(f"{c.category_id}:{c.weight}" for c in memory.categories), stamp)
    if "currency" not in prov and memory.currency and draft.currency != memory.currency:
        replaced = draft.currency
        draft.currency = memory.currency
        prov["currency"] = Provenance.REMEMBERED
        recall.notes["currency"] = RecallNote("currency", memory.currency, stamp, replaced)


# --- learning ------------------------------------------------------------------------------------

@dataclass
class Taught:
    """What the person sent for one document, in the reading's terms (``inspect --json`` names,
    values as text: amounts ``"12.50"``, dates ISO), plus its accounting."""

    kind: str  # "supplier" | "customer"
    values: dict[str, str] = field(default_factory=dict)
    lines: list[M.LineRule] = field(default_factory=list)
    categories: list[M.CategoryShare] = field(default_factory=list)
    counterpart_id: int | None = None

    @classmethod
    def from_draft(cls, draft: Any) -> "Taught":
        kind = getattr(draft.kind, "value", draft.kind)
        values: dict[str, str] = {}
        from app.domain.invoice import Provenance

        # a due date from the company's usual terms (Preferences) says nothing of this counterpart's terms
        defaulted = draft.provenance.get("deadline") == Provenance.COMPANY_TERMS
        for name in ("invoice_number", "date", "deadline", "amount_before_tax", "tax", "amount"):
            if name == "deadline" and defaulted:
                continue
            text = _text(getattr(draft, name, None))
            if text is not None:
                values[name] = text
        values["currency"] = draft.currency
        values["kind"] = "credit_note" if draft.credit_note else "invoice"
        for role in ("seller", "buyer"):
            party = getattr(draft, role)
            for key in _PARTY_FIELDS:
                text = _text(getattr(party, key, None)) if party is not None else None
                if text is not None:
                    values[f"{role}.{key}"] = text
        lines = [M.LineRule(line.ledger_account_id, line.vat_rate) for line in draft.lines[: M.MAX_LINES]]
        categories = [M.CategoryShare(c.category_id, c.weight, c.group_id) for c in draft.categories[: M.MAX_CATEGORIES]]
        return cls(kind, values, lines, categories, draft.counterpart_id)


@dataclass
class Lesson:
    """What one import taught (for ``remember``'s output and the tests)."""

    key: str
    values: list[str] = field(default_factory=list)  # fields remembered as values
    hints: list[str] = field(default_factory=list)  # fields remembered by where they sat
    not_printed: list[str] = field(default_factory=list)  # corrected, but not found on the page

    def to_json(self) -> dict[str, Any]:
        return {"memory": self.key, "values": self.values, "places": self.hints, "not_printed": self.not_printed}


def learn(store: M.MemoryStore, company_id: int | str, path: str | Path, taught: Taught, *, reading: Any = None) -> Lesson | None:
    """Remember what ``taught`` corrected on the document at ``path`` and its accounting.

    ``reading``: the document as read WITHOUT memory (read again from ``path`` when None). Returns
    None when the counterpart has no identity to remember it by (no identifier, no name).
    """
    from app.pdf.reader import read_document

    if reading is None:
        reading = read_document(path)
    read = read_values(getattr(reading, "invoice", None))
    role = "seller" if taught.kind == "supplier" else "buyer"
    party = {k: taught.values.get(f"{role}.{k}") or read.get(f"{role}.{k}") for k in _PARTY_FIELDS}
    memory = store.find(company_id, party)
    if memory is None:
        key = M.key_for(party)
        if key is None:
            return None
        memory = M.CounterpartMemory(key=key, learned=M.now_iso())
    stamp = M.now_iso()
    lesson = Lesson(memory.key)
    pages: Any = None
    for name, value in sorted(taught.values.items()):
        corrected = not same(name, read.get(name), value)
        if name in M.VALUE_FIELDS and corrected:
            memory.values[name] = M.Learned(value, stamp, read.get(name))
            lesson.values.append(name)
        elif name in LAYOUT_FIELDS and (corrected or name not in memory.hints or not memory.hints[name].corrected):
            # a corrected field: where it sat; a confirmed one: where it sat too, to fill it in
            # when the reader misses it on another invoice of the same layout
            if pages is None:
                pages = page_words(reading)
            from app.pdf.fields.remembered import learn_hints

            places = learn_hints(pages, name, value, limit=1 + M.MAX_ALTERNATES)
            if not places:
                if corrected:
                    lesson.not_printed.append(name)
                continue
            memory.hints[name] = M.LearnedHint(places[0], stamp, read.get(name), corrected, places[1:])
            if corrected:
                lesson.hints.append(name)
    _learn_accounting(memory, taught, party)
    memory.updated = stamp
    store.save(company_id, memory)
    return lesson


def _learn_accounting(memory: M.CounterpartMemory, taught: Taught, party: dict[str, str | None]) -> None:
    values = taught.values
    memory.kind = taught.kind
    name = party.get("name")
    if name and memory.name and name != memory.name and name not in memory.aliases:
        memory.aliases = [*memory.aliases, memory.name][-M.MAX_ALIASES:]  # the latest name shows, the others still find it
    memory.name = name or memory.name
    siren = re.sub(r"\D", "", party.get("siren") or party.get("siret") or "")[:9]
    memory.siren = siren if len(siren) == 9 else memory.siren
    memory.vat_number = party.get("vat_number") or memory.vat_number
    memory.iban = party.get("iban") or memory.iban
    if taught.counterpart_id is not None:
        memory.counterpart_id = taught.counterpart_id
    if taught.lines:
        memory.lines = taught.lines[: M.MAX_LINES]
        memory.ledger_account_id = next((r.ledger_account_id for r in taught.lines if r.ledger_account_id), memory.ledger_account_id)
        memory.vat_code = taught.lines[0].vat_code or memory.vat_code
        for rule in taught.lines:
            if rule.vat_code and rule.vat_code not in memory.vat_codes and len(memory.vat_codes) < M.MAX_LINES:
                memory.vat_codes.append(rule.vat_code)
    if taught.categories:
        memory.categories = taught.categories[: M.MAX_CATEGORIES]
    try:
        if values.get("date") and values.get("deadline"):
            days = (date.fromisoformat(values["deadline"][:10]) - date.fromisoformat(values["date"][:10])).days
            if 0 <= days <= 366:
                memory.payment_days = days
    except ValueError:
        pass
    if values.get("currency"):
        memory.currency = values["currency"].upper()
    try:
        if values.get("amount"):
            memory.totals = (memory.totals + [abs(Decimal(values["amount"]))])[-M.MAX_TOTALS:]
    except InvalidOperation:
        pass
    memory.invoices += 1


def learner(store: M.MemoryStore, company_id: int | str):  # type: ignore[no-untyped-def]
    """The pipeline's ``learn`` callback: each imported job teaches the memory what was sent."""

    def learn_job(job: Any) -> Lesson | None:
        return learn(store, company_id, job.path, Taught.from_draft(job.draft))

    return learn_job
