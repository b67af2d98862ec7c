"""Match the seller/buyer read from a PDF to a Pennylane supplier/customer.

Used by ``pennylane-importer import`` and by the form (to pre-select the counterpart and say why).
Keys, strongest first; the first key that designates exactly one counterpart wins:

1. ``siret``  — the 14-digit establishment number (supplier ``establishment_no``);
2. ``siren``  — the 9-digit company number (``reg_no``; also the first 9 digits of a SIRET, and
   the last 9 digits of a French VAT number ``FRkk#########``);
3. ``vat_number`` — intra-community VAT number, normalised (upper case, no spaces/dots);
4. ``iban`` — normalised (upper case, no spaces);
5. ``name`` — same name after normalising case, accents, punctuation and legal forms
   (SAS, SARL, EURL…).

If the strongest key that matches at all points at several counterparts, nothing is chosen
(``ambiguous``) and the candidates are returned: a wrong counterpart is worse than none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from app.domain import identifiers as _ids
from app.domain.text import Text

KEYS = ("siret", "siren", "vat_number", "iban", "name")

_LEGAL_FORMS = {
    "sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "scop", "sca", "selarl", "selas", "ei", "eirl",
    "ltd", "llc", "inc", "gmbh", "ag", "bv", "srl", "spa", "sl", "plc", "co", "cie", "et", "societe", "ste",
}  # fmt: skip


@dataclass(frozen=True)
class Match:
    """``counterpart`` is the chosen supplier/customer (a dict), or None."""

    counterpart: dict[str, Any] | None
    key: str | None = None  # which key matched (see KEYS)
    value: str | None = None  # the normalised value that matched
    candidates: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    ambiguous: bool = False

    @property
    def counterpart_id(self) -> int | None:
        return None if self.counterpart is None else self.counterpart.get("id")

    @property
    def counterpart_name(self) -> str | None:
        if self.counterpart is None:
            return None
        return display_name(self.counterpart)

    @property
    def reason(self) -> Text:
        """Why this counterpart (or why none), for the form and the CLI."""
        labels = {
            "siret": ("le SIRET", "SIRET"),
            "siren": ("le SIREN", "SIREN"),
            "vat_number": ("le n° de TVA", "VAT number"),
            "iban": ("l'IBAN", "IBAN"),
            "name": ("le nom", "name"),
        }
        if self.counterpart is not None and self.key:
            fr, en = labels[self.key]
            return Text(
                f"Tiers reconnu par {fr} ({self.value}) : {self.counterpart_name}.",
                f"Counterpart recognised by {en} ({self.value}): {self.counterpart_name}.",
            )
        if self.ambiguous and self.key:
            fr, en = labels[self.key]
            names = ", ".join(display_name(c) or str(c.get("id")) for c in self.candidates[:5])
            return Text(
                f"Plusieurs tiers ont {fr} {self.value} ({names}) : choisissez le bon.",
                f"Several counterparts share the {en} {self.value} ({names}): choose the right one.",
            )
        return Text(
            "Aucun tiers Pennylane ne correspond (SIREN, SIRET, TVA, IBAN, nom) : choisissez-le ou "
            "créez-le dans Pennylane.",
            "No Pennylane counterpart matches (SIREN, SIRET, VAT, IBAN, name): choose it or create it "
            "in Pennylane.",
        )


def digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def normalize_vat(value: str | None) -> str:
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper())


def normalize_iban(value: str | None) -> str:
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper())


def normalize_name(value: str | None) -> str:
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"\b((?:[a-z]\.){2,})", lambda m: m.group(1).replace(".", ""), text)  # S.A.R.L. → sarl
    words = re.findall(r"[0-9a-z]+", text)
    words = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(words)


def display_name(counterpart: dict[str, Any]) -> str | None:
    name = counterpart.get("name")
    if name:
        return name
    parts = [counterpart.get("first_name"), counterpart.get("last_name")]
    joined = " ".join(p for p in parts if p)
    return joined or None


def as_dict(obj: Any) -> dict[str, Any]:
    """The fields of a party or a counterpart, whatever holds them: a dict, a pydantic model (a PDF's
    ``Party``, the client's ``Supplier``), a dataclass (``reference_cache.Counterpart``)."""
    if obj is None:
        return {}
    if isinstance(obj, dict):
        return obj
    dump = getattr(obj, "model_dump", None)
    if callable(dump):
        return dump(mode="json")
    if hasattr(obj, "__dict__"):
        return {k: v for k, v in vars(obj).items() if not k.startswith("_")}
    raise TypeError(f"cannot read {type(obj).__name__} as a mapping")


def party_keys(party: Any) -> dict[str, str]:
    """Normalised keys of a party read from a PDF (a domain ``Party`` or a dict)."""
    data = party if isinstance(party, dict) else as_dict(party)
    siret = digits(data.get("siret"))
    siren = digits(data.get("siren"))
    if len(siren) == 14 and not siret:  # a SIRET where a SIREN was expected
        siret, siren = siren, siren[:9]
    if len(siret) == 14 and not siren:
        siren = siret[:9]
    vat = normalize_vat(data.get("vat_number"))
    if not siren and vat.startswith("FR") and len(vat) == 13 and vat[4:].isdigit():
        siren = vat[4:]
    keys = {
        "siret": siret if len(siret) == 14 else "",
        "siren": siren if len(siren) == 9 else "",
        "vat_number": vat,
        "iban": normalize_iban(data.get("iban")),
        "name": normalize_name(data.get("name")),
    }
    return {k: v for k, v in keys.items() if v}


def counterpart_keys(counterpart: dict[str, Any]) -> dict[str, str]:
    """Normalised keys of a Pennylane supplier/customer."""
    return party_keys(
        {
            "siret": counterpart.get("establishment_no") or counterpart.get("siret"),
            "siren": counterpart.get("reg_no") or counterpart.get("siren"),
            "vat_number": counterpart.get("vat_number"),
            "iban": counterpart.get("iban") or counterpart.get("billing_iban"),
            "name": display_name(counterpart),
        }
    )


def match_counterpart(party: Any, counterparts: Iterable[Any]) -> Match:
    """The counterpart among ``counterparts`` (suppliers or customers) that ``party`` designates."""
    if party is None:
        return Match(None)
    wanted = party_keys(party)
    if not wanted:
        return Match(None)
    pool = [(c, counterpart_keys(c)) for c in (as_dict(x) for x in counterparts)]
    for key in KEYS:
        value = wanted.get(key)
        if not value:
            continue
        hits = [c for c, keys in pool if keys.get(key) == value]
        if len(hits) == 1:
            return Match(hits[0], key, value, (hits[0],))
        if len(hits) > 1:
            return Match(None, key, value, tuple(hits), ambiguous=True)
    return Match(None)


def _counterpart_iban(counterpart: Any) -> str | None:
    if counterpart is None:
        return None
    if isinstance(counterpart, dict):
        return counterpart.get("iban") or counterpart.get("billing_iban")
    return getattr(counterpart, "iban", None) or getattr(counterpart, "billing_iban", None)


def iban_changed(document_iban: str | None, counterpart: Any) -> bool:
    """True when the document gives a valid IBAN and the (matched) counterpart is known in Pennylane
    with a *different* one — the classic "our bank details changed" fraud signal.

    ``counterpart`` is a :class:`~app.pennylane.reference_cache.Counterpart`, an API dict or None.
    Both sides are normalised (spaces, dots, case) before comparing. No warning when either side
    has no IBAN, or when the document's is not a valid IBAN (a misread is not a change of bank).
    """
    ours = _ids.normalize_iban(document_iban)
    known = _ids.normalize_iban(_counterpart_iban(counterpart))
    if not ours or not known or not _ids.is_valid_iban(ours):
        return False
    return ours != known


def mask_iban(value: str | None) -> str:
    """``FR76 …1234``: the country and check digits, then the last four characters (enough to compare)."""
    v = _ids.normalize_iban(value)
    if len(v) <= 8:
        return v
    return f"{v[:4]} …{v[-4:]}"
