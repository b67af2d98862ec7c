"""Pennylane VAT codes: the 172 values an invoice line accepts, their rates and labels.

``vat_rate`` on a Pennylane invoice line is a **code**, not a percentage (``FR_200`` is 20 % in
France). :data:`VAT_CODES` holds exactly the 172 codes of the OpenAPI schema ``VatRateWithMixed``
(``../shared/pennylane-api.md`` §6); ``FR_055``, ``FR_021`` and ``any`` are *not* among them and are
refused by the API, so :func:`normalize_vat_code` maps what people type onto valid codes.

Reading a code
--------------
``XX_<n>``: country ``XX``, rate ``n / 10`` percent (``FR_200`` 20 %, ``FR_55`` 5.5 %, ``FR_09``
0.9 %, ``CH_77`` 7.7 %). ``XX_<a>_<b>``: the underscore is a decimal point (``FR_1_05`` 1.05 %,
``FR_1_75`` 1.75 %, hence ``FR_15_385`` 15.385 % — the only reading consistent with the other two;
no source documents that code [uncertain]).

What :attr:`VatCode.rate` means: the tax that appears **on the invoice**
--------------------------------------------------------------------------
The balance rules compare each line's tax with ``base × rate``, so ``rate`` is the rate *charged on
the document*, and it is 0 for every code where no VAT is invoiced:

* ``exempt``, ``extracom`` (export outside the EU), ``crossborder`` (cross-border services, VAT due
  by the customer), the German ``*_exempt_*`` and ``DE_extracom_BU0173/0191``: 0 %.
* **Reverse charge** (``reverse_charge=True``): the supplier invoices no VAT; the buyer self-assesses
  it and Pennylane writes those entries itself. ``rate`` is 0 and :attr:`VatCode.self_assessed_rate`
  keeps the nominal rate (shown in the label). These are ``intracom_21/55/85/100`` (intra-EU
  acquisitions), ``FR_85/100/200_construction`` (French construction subcontracting, art. 283-2
  nonies CGI — read by analogy with the German ``*_construction_BU00xx`` codes, which are the §13b
  UStG construction reverse charge [uncertain]), the German ``DE_intracom_*`` and
  ``DE_*_construction_*`` codes, ``DE_190_electronic_BU0226`` (§13b electronic devices) and
  ``DE_extracom_190_BU0511`` (§13b services from abroad) [both uncertain].
  The balance rules accept a reverse-charge line whose tax equals the nominal rate with a warning
  rather than an error, in case Pennylane reads one of these codes differently.
* ``mixed``: several rates on one line; ``rate`` is ``None`` and no per-line tax check is possible.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.domain.money import format_percent, round_money
from app.domain.text import Text

__all__ = [
    "VatCode",
    "VAT_CODES",
    "VAT_CODE_LIST",
    "UnknownVatCode",
    "normalize_vat_code",
    "code_for_rate",
    "tax_for",
    "rate_of",
    "is_valid_vat_code",
    "DEFAULT_VAT_CODE",
    "COMMON_CODES",
]

DEFAULT_VAT_CODE = "FR_200"
#: The codes most French invoices use, offered when nothing typed resembles a code.
COMMON_CODES = ("FR_200", "FR_100", "FR_55", "FR_21", "exempt")

# The OpenAPI enum ``VatRateWithMixed``, in the document's order.
VAT_CODE_LIST: tuple[str, ...] = tuple(
    """
    FR_1_05 FR_1_75 FR_09 FR_21 FR_40 FR_50 FR_55 FR_60 FR_65 FR_85 FR_92 FR_100 FR_130 FR_15_385
    FR_160 FR_196 FR_200 AD_10 AD_45 AD_95 AT_100 AT_130 AT_190 AT_200 BE_60 BE_120 BE_210 BG_90
    BG_200 CH_25 CH_37 CH_77 CH_26 CH_38 CH_81 CY_30 CY_50 CY_80 CY_90 CY_190 CZ_100 CZ_120 CZ_150
    CZ_210 DE_70 DE_190 DK_250 EE_90 EE_200 EE_220 EE_240 ES_40 ES_70 ES_100 ES_210 FI_100 FI_135
    FI_140 FI_240 FI_255 GB_50 GB_200 GR_60 GR_130 GR_170 GR_240 GR_40 HR_50 HR_130 HR_250 HU_50
    HU_180 HU_270 IE_48 IE_90 IE_135 IE_210 IE_230 IT_40 IT_50 IT_100 IT_220 LT_50 LT_90 LT_120
    LT_210 LU_30 LU_70 LU_80 LU_120 LU_130 LU_140 LU_160 LU_170 LV_50 LV_120 LV_210 MC_09 MC_21
    MC_55 MC_85 MC_100 MC_200 MT_50 MT_70 MT_120 MT_180 MU_150 NL_90 NL_210 PL_50 PL_80 PL_230 PT_60
    PT_130 PT_160 PT_180 PT_220 PT_230 RO_50 RO_90 RO_110 RO_190 RO_210 SE_60 SE_120 SE_250 SI_50
    SI_95 SI_220 SK_50 SK_100 SK_190 SK_200 SK_230 NO_120 NO_150 NO_250
    DE_70_BU0002 DE_190_BU0003 DE_70_BU0008 DE_190_BU0009 DE_intracom_70_BU0012
    DE_intracom_190_BU0013 DE_190_electronic_BU0226 exempt DE_intracom_exempt_BU0011
    DE_intracom_exempt_BU0047 DE_exempt_BU0001 DE_exempt_BU0181 DE_exempt_BU0490 intracom_21
    intracom_55 intracom_85 intracom_100 crossborder DE_intracom_70_BU0018 DE_intracom_190_BU0019
    DE_intracom_190_BU0506 extracom DE_extracom_BU0173 DE_extracom_BU0191 DE_extracom_190_BU0511
    FR_85_construction FR_100_construction FR_200_construction DE_exempt_construction_BU0046
    DE_70_construction_BU0091 DE_190_construction_BU0094 DE_190_construction_BU0526
    DE_190_construction_BU0546 mixed
    """.split()
)

COUNTRIES: dict[str, tuple[str, str]] = {
    "AD": ("Andorre", "Andorra"),
    "AT": ("Autriche", "Austria"),
    "BE": ("Belgique", "Belgium"),
    "BG": ("Bulgarie", "Bulgaria"),
    "CH": ("Suisse", "Switzerland"),
    "CY": ("Chypre", "Cyprus"),
    "CZ": ("Tchéquie", "Czechia"),
    "DE": ("Allemagne", "Germany"),
    "DK": ("Danemark", "Denmark"),
    "EE": ("Estonie", "Estonia"),
    "ES": ("Espagne", "Spain"),
    "FI": ("Finlande", "Finland"),
    "FR": ("France", "France"),
    "GB": ("Royaume-Uni", "United Kingdom"),
    "GR": ("Grèce", "Greece"),
    "HR": ("Croatie", "Croatia"),
    "HU": ("Hongrie", "Hungary"),
    "IE": ("Irlande", "Ireland"),
    "IT": ("Italie", "Italy"),
    "LT": ("Lituanie", "Lithuania"),
    "LU": ("Luxembourg", "Luxembourg"),
    "LV": ("Lettonie", "Latvia"),
    "MC": ("Monaco", "Monaco"),
    "MT": ("Malte", "Malta"),
    "MU": ("Maurice", "Mauritius"),
    "NL": ("Pays-Bas", "Netherlands"),
    "NO": ("Norvège", "Norway"),
    "PL": ("Pologne", "Poland"),
    "PT": ("Portugal", "Portugal"),
    "RO": ("Roumanie", "Romania"),
    "SE": ("Suède", "Sweden"),
    "SI": ("Slovénie", "Slovenia"),
    "SK": ("Slovaquie", "Slovakia"),
}


@dataclass(frozen=True)
class VatCode:
    """One Pennylane VAT code.

    ``rate``: percent charged **on the invoice** (``Decimal("20")``); 0 for exempt, export and
    reverse-charge codes; ``None`` for ``mixed``. ``self_assessed_rate``: for reverse-charge codes,
    the nominal rate the buyer self-assesses (not on the invoice), else ``None``.
    """

    code: str
    rate: Decimal | None
    country: str | None
    label: Text
    reverse_charge: bool = False
    self_assessed_rate: Decimal | None = None

    @property
    def nominal_rate(self) -> Decimal | None:
        """The rate named by the code (the self-assessed one for reverse charge)."""
        return self.self_assessed_rate if self.reverse_charge else self.rate

    @property
    def is_plain(self) -> bool:
        """A plain ``XX_<rate>`` code (no construction/booking-key/special variant)."""
        return re.fullmatch(r"[A-Z]{2}_\d+(?:_\d+)?", self.code) is not None


def _rate_from_digits(digits: str) -> Decimal:
    """``"200"`` → 20, ``"55"`` → 5.5, ``"09"`` → 0.9, ``"1_05"`` → 1.05, ``"15_385"`` → 15.385."""
    if "_" in digits:
        whole, frac = digits.split("_", 1)
        return Decimal(f"{whole}.{frac}")
    return Decimal(digits) / 10


def _pct(rate: Decimal, language: str) -> str:
    return format_percent(rate, language)


def _build(code: str) -> VatCode:
    special = {
        "exempt": Text("Exonéré de TVA (0\u00a0%)", "VAT exempt (0%)"),
        "extracom": Text("Export hors UE – extracommunautaire (0\u00a0%)", "Export outside the EU (0%)"),
        "crossborder": Text(
            "Prestation transfrontalière – TVA due par le preneur (0\u00a0%)",
            "Cross-border service – VAT due by the customer (0%)",
        ),
    }
    if code in special:
        return VatCode(code, Decimal(0), None, special[code])
    if code == "mixed":
        return VatCode(code, None, None, Text("Taux multiples", "Mixed rates"))
    m = re.fullmatch(r"intracom_(\d+)", code)
    if m:
        nominal = _rate_from_digits(m.group(1))
        label = Text(
            f"TVA intracommunautaire {_pct(nominal, 'fr')} autoliquidée",
            f"Intra-EU VAT {_pct(nominal, 'en')} (reverse charge)",
        )
        return VatCode(code, Decimal(0), None, label, True, nominal)
    m = re.fullmatch(r"([A-Z]{2})_(\d+(?:_\d+)?)", code)
    if m:
        country, rate = m.group(1), _rate_from_digits(m.group(2))
        fr_name, en_name = COUNTRIES[country]
        label = Text(f"TVA {_pct(rate, 'fr')} ({fr_name})", f"VAT {_pct(rate, 'en')} ({en_name})")
        return VatCode(code, rate, country, label)
    m = re.fullmatch(r"FR_(\d+)_construction", code)
    if m:
        nominal = _rate_from_digits(m.group(1))
        label = Text(
            f"TVA {_pct(nominal, 'fr')} autoliquidée – sous-traitance BTP (France)",
            f"VAT {_pct(nominal, 'en')} reverse charge – construction subcontracting (France)",
        )
        return VatCode(code, Decimal(0), "FR", label, True, nominal)
    m = re.fullmatch(r"DE_(?:(intracom|extracom|exempt)_)?(?:(\d+|exempt)_)?(?:(construction|electronic)_)?BU(\d{4})", code)
    if m:
        scope, digits, variant, key = m.groups()
        bu = f"BU {int(key)}"
        if digits == "exempt" or scope == "exempt" or (scope == "extracom" and digits is None):
            what_fr = {"intracom": "livraison intracommunautaire exonérée", "extracom": "export hors UE"}.get(
                scope or "", "exonéré"
            )
            what_en = {"intracom": "exempt intra-EU supply", "extracom": "export outside the EU"}.get(
                scope or "", "exempt"
            )
            if variant == "construction":
                what_fr, what_en = "exonéré – BTP", "exempt – construction"
            label = Text(f"Allemagne : {what_fr} (0\u00a0%, {bu})", f"Germany: {what_en} (0%, {bu})")
            return VatCode(code, Decimal(0), "DE", label)
        nominal = _rate_from_digits(digits)
        if scope is None and variant is None:
            label = Text(f"TVA {_pct(nominal, 'fr')} (Allemagne, {bu})", f"VAT {_pct(nominal, 'en')} (Germany, {bu})")
            return VatCode(code, nominal, "DE", label)
        what_fr, what_en = {
            "intracom": ("acquisition intracommunautaire", "intra-EU acquisition"),
            "extracom": ("prestation hors UE", "service from outside the EU"),
            "construction": ("BTP", "construction"),
            "electronic": ("appareils électroniques", "electronic devices"),
        }[scope or variant]
        label = Text(
            f"TVA {_pct(nominal, 'fr')} autoliquidée – {what_fr} (Allemagne, {bu})",
            f"VAT {_pct(nominal, 'en')} reverse charge – {what_en} (Germany, {bu})",
        )
        return VatCode(code, Decimal(0), "DE", label, True, nominal)
    raise AssertionError(f"unexpected VAT code {code}")  # pragma: no cover


VAT_CODES: dict[str, VatCode] = {code: _build(code) for code in VAT_CODE_LIST}
_BY_LOWER = {code.lower(): code for code in VAT_CODE_LIST}


def is_valid_vat_code(code: object) -> bool:
    return isinstance(code, str) and code in VAT_CODES


def rate_of(code: str) -> Decimal | None:
    """The rate charged on the invoice for ``code`` (``None`` for ``mixed``)."""
    return VAT_CODES[code].rate


class UnknownVatCode(ValueError):
    """Neither a Pennylane VAT code nor an alias of one. ``.suggestions`` are the nearest codes."""

    def __init__(self, source: str, suggestions: list[str], why: Text | None = None) -> None:
        self.source = source
        self.suggestions = suggestions
        shown = source.strip() or "…"
        if why is not None:
            fr, en = why.fr, why.en
        else:
            fr = f"« {shown} » n'est pas un code TVA accepté par Pennylane."
            en = f"“{shown}” is not a VAT code Pennylane accepts."
        if suggestions:
            names = ", ".join(suggestions)
            fr += f" Codes proches : {names}."
            en += f" Nearest codes: {names}."
        self.text = Text(fr, en)
        super().__init__(self.text.en)


def _plain(text: str) -> str:
    """Lower case, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", ascii_text.lower()).strip()


_WORD_ALIASES = {
    "exempt": "exempt",
    "exempte": "exempt",
    "exemption": "exempt",
    "exonere": "exempt",
    "exoneree": "exempt",
    "exoneration": "exempt",
    "exoneration de tva": "exempt",
    "exonere de tva": "exempt",
    "vat exempt": "exempt",
    "exempt of vat": "exempt",
    "sans tva": "exempt",
    "tva non applicable": "exempt",
    "franchise": "exempt",
    "franchise en base": "exempt",
    "export": "extracom",
    "exportation": "extracom",
    "extracom": "extracom",
    "extra-communautaire": "extracom",
    "extracommunautaire": "extracom",
    "hors ue": "extracom",
    "outside eu": "extracom",
    "crossborder": "crossborder",
    "cross-border": "crossborder",
    "cross border": "crossborder",
    "transfrontalier": "crossborder",
    "mixed": "mixed",
    "mixte": "mixed",
    "multi": "mixed",
    "taux multiples": "mixed",
}

# Words that name a family of codes, not one code: refused, with the family as suggestions.
_AMBIGUOUS = {
    "autoliquidation": ("intracom_", "_construction", "crossborder"),
    "autoliquidee": ("intracom_", "_construction", "crossborder"),
    "reverse charge": ("intracom_", "_construction", "crossborder"),
    "intracom": ("intracom_",),
    "intracommunautaire": ("intracom_",),
    "intra-communautaire": ("intracom_",),
    "intra-eu": ("intracom_",),
    "btp": ("FR_85_construction", "FR_100_construction", "FR_200_construction"),
    "construction": ("FR_85_construction", "FR_100_construction", "FR_200_construction"),
}

_RATE_TEXT = re.compile(
    r"^(?:(?:tva|vat|taux|rate)\s*:?\s*)?"
    r"(?:(?P<c1>[a-z]{2})\s+)?"
    r"(?P<num>\d+(?:[.,]\d+)?)\s*(?P<pct>%|pct|pour ?cent|percent)?"
    r"(?:\s*\(?(?P<c2>[a-z]{2})\)?)?$"
)


def _codes_for_rate(rate: Decimal, country: str) -> list[str]:
    return list(_codes_for_rate_cached(rate, country))


@functools.lru_cache(maxsize=512)
def _codes_for_rate_cached(rate: Decimal, country: str) -> tuple[str, ...]:
    # cached: an e-invoice of 20,000 lines asks for the same few rates 40,000 times
    return tuple(
        c.code
        for c in VAT_CODES.values()
        if c.country == country and c.is_plain and c.rate is not None and c.rate == rate
    )


def _nearest_rates(rate: Decimal, country: str) -> list[str]:
    same_rate = [c.code for c in VAT_CODES.values() if c.is_plain and c.rate == rate]
    ranked = sorted(
        (c for c in VAT_CODES.values() if c.country == country and c.is_plain and c.rate is not None),
        key=lambda c: (abs(c.rate - rate), c.rate),
    )
    nearest = [c.code for c in ranked[:2]]
    return (nearest + [code for code in same_rate if code not in nearest])[:5]


def normalize_vat_code(text: str) -> str:
    """A valid Pennylane VAT code from what a person (or a document) wrote.

    Accepted: an exact code in any case (``fr_200``); a zero-padded code (``FR_055`` → ``FR_55``,
    ``FR_021`` → ``FR_21``); a French rate with or without ``%``, comma or dot, optionally
    prefixed by "TVA"/"VAT" or a country (``"20 %"``, ``"5,5%"``, ``"TVA 10"``, ``"DE 19 %"``);
    a fraction without ``%`` (``"0.2"`` → ``FR_200``; a fraction is tried first, then a percent,
    so ``"0.9"`` → ``FR_09``); 0 → ``exempt``; words such as "exonéré", "exempt", "export",
    "mixte". Words naming a family ("autoliquidation", "intracom", "BTP") are refused with that
    family as suggestions. Raises :class:`UnknownVatCode`.
    """
    if not isinstance(text, str):
        raise UnknownVatCode(str(text), [])
    raw = text.strip()
    if raw in VAT_CODES:
        return raw
    found = _BY_LOWER.get(raw.lower())
    if found:
        return found
    # Spaces or dashes instead of underscores: "FR 200", "fr-55".
    found = _BY_LOWER.get(re.sub(r"[\s\-]+", "_", raw.lower()))
    if found:
        return found
    # Zero-padded rates: FR_055 → FR_55, fr_021 → FR_21.
    m = re.fullmatch(r"([A-Za-z]{2})[_ ]?0+(\d+)", raw)
    if m:
        candidate = _BY_LOWER.get(f"{m.group(1)}_{m.group(2)}".lower())
        if candidate:
            return candidate
    plain = _plain(raw).replace("\u00a0", " ").replace("\u202f", " ")
    if plain in _WORD_ALIASES:
        return _WORD_ALIASES[plain]
    if plain in _AMBIGUOUS:
        family = [
            code
            for code in VAT_CODE_LIST
            if not code.startswith("DE_")
            and any(code.startswith(p) or code.endswith(p) or code == p for p in _AMBIGUOUS[plain])
        ]
        why = Text(
            f"« {raw} » désigne plusieurs codes TVA ; choisissez-en un.",
            f"“{raw}” covers several VAT codes; pick one.",
        )
        raise UnknownVatCode(raw, family, why)
    m = _RATE_TEXT.match(plain)
    if m:
        country = (m.group("c1") or m.group("c2") or "fr").upper()
        try:
            number = Decimal(m.group("num").replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the regex only lets digits through
            number = None
        if number is not None and country in COUNTRIES:
            if number == 0:
                return "exempt"
            tries = [number] if m.group("pct") or number >= 1 else [number * 100, number]
            for rate in tries:
                codes = _codes_for_rate(rate, country)
                if codes:
                    return codes[0]
            suggestions = _nearest_rates(tries[0], country)
            why = Text(
                f"Aucun code TVA Pennylane ne correspond à {_pct(tries[0], 'fr')} ({COUNTRIES[country][0]}).",
                f"No Pennylane VAT code matches {_pct(tries[0], 'en')} ({COUNTRIES[country][1]}).",
            )
            raise UnknownVatCode(raw, suggestions, why)
    lowered = {code.lower(): code for code in VAT_CODE_LIST}
    close = difflib.get_close_matches(raw.lower(), list(lowered), n=4, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(raw.lower(), list(lowered), n=3, cutoff=0.3)
    suggestions = [lowered[c] for c in close] or list(COMMON_CODES)
    raise UnknownVatCode(raw, suggestions)


def tax_for(base: Decimal, code: str) -> Decimal:
    """The VAT that appears on the invoice for ``base`` at ``code``, rounded half-up to the cent.

    0 for exempt, export and reverse-charge codes. Raises ``ValueError`` for ``mixed`` (no single
    rate) and :class:`UnknownVatCode` for an invalid code.
    """
    vat = VAT_CODES.get(code) or VAT_CODES[normalize_vat_code(code)]
    if vat.rate is None:
        raise ValueError(f"{code} has no single rate; its tax cannot be computed")
    return round_money(Decimal(base) * vat.rate / 100)


def code_for_rate(rate: Decimal | None, country: str | None = "FR", category: str | None = "S") -> str | None:
    """The Pennylane code for an EN 16931 VAT category (UNCL5305, BT-151) and rate (BT-152).

    ``None`` means no code fits: the person has to choose. Choices:

    * ``S`` standard rate: the plain code of ``country`` at that rate (S 20 → ``FR_200``, S 5.5 →
      ``FR_55``, S 19 in DE → ``DE_190``); ``None`` if the country has no such rate.
    * ``Z`` zero-rated and ``E`` exempt: ``exempt`` (no VAT on the invoice either way; France has no
      zero rate proper).
    * ``O`` outside the scope of VAT, ``AB`` exempt for resale: ``exempt`` (no VAT on the invoice).
    * ``AA`` (lower rate) and ``H`` (higher rate): treated as ``S``.
    * ``G`` export outside the EU: ``extracom``. ``L`` (Canary Islands IGIC) and ``M`` (Ceuta and
      Melilla IPSI) are outside the EU VAT area: ``extracom`` too.
    * ``K`` intra-community supply: ``intracom_<rate×10>`` if Pennylane has one for that rate
      (2.1, 5.5, 8.5, 10); otherwise ``None`` — there is no ``intracom_200`` and an intra-EU
      invoice usually states rate 0, so the right code is the accountant's call.
    * ``AE`` reverse charge: ``FR_<rate×10>_construction`` when the country is FR and such a code
      exists (French domestic reverse charge is construction subcontracting); otherwise
      ``crossborder`` (reverse-charged cross-border services, the common case on invoices a French
      company receives from another EU country).
    * anything else: ``None``.
    """
    category = (category or "S").strip().upper()
    country = (country or "FR").strip().upper()
    value = None if rate is None else Decimal(rate)
    if category in {"AA", "H"}:  # lower / higher rate: a standard-rated line at that rate
        category = "S"
    if category in {"Z", "E", "O", "AB"}:
        return "exempt"
    if category in {"G", "L", "M"}:
        return "extracom"
    if category == "K":
        if value:
            for code in VAT_CODE_LIST:
                vat = VAT_CODES[code]
                if code.startswith("intracom_") and vat.self_assessed_rate == value:
                    return code
        return None
    if category == "AE":
        if value and country == "FR":
            for code in ("FR_85_construction", "FR_100_construction", "FR_200_construction"):
                if VAT_CODES[code].self_assessed_rate == value:
                    return code
        return "crossborder"
    if category == "S":
        if value is None:
            return None
        if value == 0:
            return "exempt"
        codes = _codes_for_rate(value, country)
        return codes[0] if codes else None
    return None
