"""Reading as a list of sources, merged by one rule.

A document is read from, in order: its embedded e-invoice XML (``pdfdoc``: Factur-X / ZUGFeRD /
UBL), then its pages' words — the text layer (:func:`read_pages`), or OCR when the text layer is
unusable (:func:`usable`; run by ``pdfdoc``, as it reports progress and can be cancelled). The page
words go through one field reader (:func:`app.pdf.fields.read_fields`), whatever their source.

The merge rule (:func:`merge_fields`): the XML beats the page; the page only fills what the XML
left empty, and never a party's identifier that contradicts the XML's.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from app.domain.identifiers import party_siren
from app.domain.invoice import Party
from app.domain.text import Text
from app.pdf.extracted import ExtractedInvoice
from app.pdf.words import PageWords

_GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")


def usable(pages: list[PageWords]) -> bool:
    """Does this text layer carry readable words? False for no text, or a garbage layer (fonts
    without a Unicode map: "(cid:12)", private-use glyphs, replacement characters)."""
    words = [w.text for page in pages for w in page.words]
    if len(words) < 5:
        return False
    chars = "".join(words)
    bad = sum(len(m.group(0)) for m in _GARBAGE.finditer(chars))
    letters = sum(ch.isalnum() for ch in chars)
    return bad <= len(chars) * 0.1 and letters >= len(chars) * 0.5


def read_pages(path: Path, max_pages: int) -> tuple[str, list[PageWords]] | None:
    """The text layer's words, as ``("text", pages)``, when they are usable; None otherwise (then
    OCR is the fallback, run by ``pdfdoc`` because it reports progress and can be cancelled)."""
    from app.pdf.textlayer import text_layer_words

    pages = text_layer_words(path, max_pages)
    return ("text", pages) if usable(pages) else None


def unreadable_note(pages: list[PageWords]) -> Text:
    """Why the text layer's ``pages`` gave no usable words, and what to do: for the row and the form."""
    if any(w.text.strip() for page in pages for w in page.words):
        return Text(
            "Le texte de ce PDF est illisible (ses polices n'ont pas de correspondance Unicode) : aucun champ n'a été rempli. Complétez le formulaire en lisant l'aperçu, ou demandez à l'émetteur un PDF exporté normalement.",
            "This PDF's text is unreadable (its fonts have no Unicode map): no field was filled. Fill in the form from the preview, or ask the sender for a normally exported PDF.",
        )
    return Text(
        "Ce PDF ne contient pas de texte lisible (une image scannée, ou une page vide) : aucun champ n'a été rempli. Complétez le formulaire en lisant l'aperçu.",
        "This PDF holds no readable text (a scanned image, or an empty page): no field was filled. Fill in the form from the preview.",
    )


def merge_fields(target: ExtractedInvoice, found: ExtractedInvoice) -> None:
    """Fill the fields ``target`` (from the XML) left empty with those ``found`` on the page."""
    for name in ("invoice_number", "date", "deadline", "currency", "amount_before_tax", "tax", "amount", "amount_due"):
        if getattr(target, name) is None and getattr(found, name) is not None:
            setattr(target, name, getattr(found, name))
            target.provenance[name] = found.provenance.get(name, "text")
            if name in found.locations:
                target.locations[name] = found.locations[name]
    if target.kind is None and found.kind is not None:
        target.kind = found.kind
        target.provenance["kind"] = found.provenance.get("kind", "text")
    for role in ("seller", "buyer"):
        mine, theirs = getattr(target, role), getattr(found, role)
        for key in Party.model_fields:
            if getattr(mine, key) is None and getattr(theirs, key):
                if key in ("siren", "siret", "vat_number") and _other_company(mine, theirs):
                    continue
                setattr(mine, key, getattr(theirs, key))
                target.provenance[f"{role}.{key}"] = found.provenance.get(f"{role}.{key}", "text")
                if f"{role}.{key}" in found.locations:
                    target.locations[f"{role}.{key}"] = found.locations[f"{role}.{key}"]
    if not target.vat_breakdown and found.vat_breakdown:
        # only when the page's breakdown agrees with the XML's totals
        if target.amount_before_tax is None or sum((r.base or Decimal(0)) for r in found.vat_breakdown) == target.amount_before_tax:
            target.vat_breakdown = found.vat_breakdown
            target.provenance["vat_breakdown"] = found.provenance.get("vat_breakdown", "text")
    for name, value in found.suggestions.items():
        target.suggestions.setdefault(name, value)


def _other_company(mine: Party, theirs: Party) -> bool:
    """The page's identifiers name another company than the XML's (another SIREN)."""
    known = party_siren(mine)
    found = theirs.siren or (theirs.siret or "")[:9]
    return bool(known and found and known != found)
