"""Money: parse what people type, round half-up, serialize for the API, format for people.

Everything here is :class:`~decimal.Decimal`; a ``float`` never enters or leaves this module.

Parsing rules (:func:`parse_amount`)
------------------------------------
Accepted decorations, anywhere around the number: spaces (ordinary, no-break U+00A0, narrow
no-break U+202F, thin U+2009), the currency markers ``€``, ``EUR``, ``$``, ``£``, ``USD``,
``GBP``, ``CHF``; a sign ``-``/``+``/``−`` (U+2212) before or after the number; parentheses
``(12,50)`` for a negative amount (accounting style).

Separators: ``.`` and ``,`` and the grouping apostrophe ``'``/``’`` (Swiss style).

1. Both ``.`` and ``,`` present: the **rightmost** one is the decimal separator, the other one
   groups thousands ("1.234,56" and "1,234.56" are both 1234.56).
2. Only one kind of separator, appearing **more than once**: it groups thousands
   ("1.234.567" or "1,234,567" is 1234567).
3. Only one separator, appearing **once**: it is the **decimal separator**, whatever the number of
   digits after it. So "12,5" is 12.5, "1234.50" is 1234.50 — and the ambiguous "1,234" is
   **1.234**, not 1234: the user base is French, where the comma is the decimal separator and
   thousands are grouped with spaces; a one-comma number is read as a French decimal. "1.234" is
   likewise 1.234 (it is what programs and the API write). To mean one thousand two hundred and
   thirty-four, type "1234", "1 234", "1 234,00" or "1,234.00".
4. Grouping (by spaces, apostrophes or the non-decimal separator) must be in groups of exactly
   three digits after a first group of one to three digits; "12 34" or "1.23.4" are refused.
5. No exponent, no NaN/Infinity, ASCII digits only.

Rounding
--------
:func:`round_money` rounds **half-up** (``ROUND_HALF_UP``: ties away from zero, so -0,125 gives
-0,13, symmetric for credit notes). ``Decimal.quantize`` would otherwise use the context's default,
``ROUND_HALF_EVEN`` (banker's rounding: 0,125 → 0,12), which is not what invoices, French
accounting practice or Pennylane's rounding policy do (2,675 € of VAT is 2,68 €, not 2,67 €).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from app.domain.text import Text, current_language

__all__ = [
    "AmountError",
    "parse_amount",
    "round_money",
    "to_api",
    "format_amount",
    "format_money",
    "CENT",
]

CENT = Decimal("0.01")

_SPACES = "\u0020\u00a0\u202f\u2009\u2007\t"
_GROUP_APOSTROPHES = "'\u2019"
_CURRENCY_MARKERS = re.compile(r"(€|EUR|USD|GBP|CHF|\$|£)", re.IGNORECASE)
_NUMBER = re.compile(r"^[0-9.,'\u2019 ]+$")


class AmountError(ValueError):
    """An amount that cannot be read. ``.text`` says why, in French and English."""

    def __init__(self, text: Text, source: str = "") -> None:
        super().__init__(text.en)
        self.text = text
        self.source = source


def _refuse(source: str, why_fr: str = "", why_en: str = "") -> AmountError:
    shown = source.strip() or "…"
    fr = f"« {shown} » n'est pas un montant lisible"
    en = f"“{shown}” is not a readable amount"
    if why_fr:
        fr += f" ({why_fr})"
        en += f" ({why_en})"
    return AmountError(Text(fr + ".", en + "."), source)


def _check_groups(integer_part: str, source: str) -> str:
    """Validate thousands groups separated by spaces; return the bare digits."""
    groups = integer_part.split(" ")
    if len(groups) == 1:
        return groups[0]
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise _refuse(
            source,
            "les milliers se groupent par trois chiffres",
            "thousands are grouped by three digits",
        )
    return "".join(groups)


def parse_amount(text: str) -> Decimal:
    """Read an amount typed in French or English; see the module docstring for the rules.

    >>> parse_amount("1\u202f234,56 €")
    Decimal('1234.56')
    >>> parse_amount("(12,50)")
    Decimal('-12.50')
    """
    if not isinstance(text, str):
        raise TypeError("parse_amount() takes a str")
    source = text
    s = text.strip()
    for ch in _SPACES:
        s = s.replace(ch, " ")
    s = _CURRENCY_MARKERS.sub(" ", s).strip()
    if not s:
        raise _refuse(source, "vide", "empty")

    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative = True
        s = s[1:-1].strip()
    s = s.replace("\u2212", "-")
    if s[:1] in "+-":
        negative = negative or s[0] == "-"
        s = s[1:].strip()
    elif s[-1:] in "+-":
        negative = negative or s[-1] == "-"
        s = s[:-1].strip()
    # One more round of currency/space stripping after the sign: "- 12 €", "€ -12".
    s = s.strip()
    if s[:1] in "+-":
        raise _refuse(source, "deux signes", "two signs")
    if not s or not _NUMBER.match(s):
        raise _refuse(source)
    for ch in _GROUP_APOSTROPHES:
        s = s.replace(ch, " ")
    s = re.sub(r" +", " ", s).strip()

    commas, dots = s.count(","), s.count(".")
    decimal_sep: str | None
    if commas and dots:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        if s.count(decimal_sep) != 1:
            raise _refuse(source, "séparateurs mélangés", "mixed-up separators")
    elif commas > 1 or dots > 1:
        decimal_sep, group_sep = None, "," if commas else "."
    elif commas == 1 or dots == 1:
        decimal_sep, group_sep = ("," if commas else "."), None
    else:
        decimal_sep = group_sep = None

    if decimal_sep:
        integer_part, _, fraction = s.partition(decimal_sep)
    else:
        integer_part, fraction = s, ""
    if " " in fraction or (group_sep and group_sep in fraction):
        raise _refuse(source, "séparateur mal placé", "misplaced separator")
    integer_part = integer_part.strip()
    if group_sep:
        integer_part = integer_part.replace(" ", "").replace(group_sep, " ")
    digits = _check_groups(integer_part, source)
    if not digits and not fraction:
        raise _refuse(source)
    if not (digits + fraction).isdigit() or not (digits + fraction).isascii():
        raise _refuse(source)
    if decimal_sep and not fraction:
        raise _refuse(source, "chiffres manquants après la virgule", "digits missing after the separator")
    try:
        value = Decimal(f"{digits or '0'}.{fraction}" if fraction else digits)
    except InvalidOperation:  # pragma: no cover - guarded by the checks above
        raise _refuse(source) from None
    return -value if negative else value


def round_money(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up (ties away from zero) to ``places`` decimals.

    ``Decimal.quantize`` alone would round half-even (banker's rounding); invoices round half-up.
    """
    if isinstance(value, float):
        raise TypeError("round_money() takes a Decimal, not a float")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError("cannot round a non-finite amount")
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() + places + 2)
        result = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return abs(result) if result == 0 else result  # no "-0.00"


def to_api(value: Decimal, places: int = 2) -> str:
    """The API's decimal string: ``Decimal("1234.5")`` → ``"1234.50"``; never an exponent."""
    return format(round_money(value, places), "f")


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def format_amount(value: Decimal, language: str | None = None, places: int = 2) -> str:
    """For people: ``"1\u202f234,56"`` in French (narrow no-break space), ``"1,234.56"`` in English.

    ``parse_amount(format_amount(x, lang)) == round_money(x)`` for both languages.
    """
    language = language or current_language()
    rounded = round_money(value, places)
    sign = "-" if rounded < 0 else ""
    text = format(abs(rounded), "f")
    integer, _, fraction = text.partition(".")
    if language == "fr":
        body = _group(integer, "\u202f") + ("," + fraction if fraction else "")
    else:
        body = _group(integer, ",") + ("." + fraction if fraction else "")
    return sign + body


def format_percent(value: Decimal, language: str | None = None) -> str:
    """A rate or a share for people, as each language writes it: ``"5,5\u00a0%"`` in French (comma,
    no-break space before the sign), ``"5.5%"`` in English; no useless zeros (``20``, not ``20.00``).
    The one rule for every percentage the window shows (VAT rates, category weights)."""
    language = language or current_language()
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + percent_suffix(language) if language == "fr" else text + percent_suffix(language)


def percent_suffix(language: str | None = None) -> str:
    """What follows a number to make it a percentage: ``"\u00a0%"`` in French, ``"%"`` in English
    (a spin box's suffix; :func:`format_percent` for a whole value)."""
    return "\u00a0%" if (language or current_language()) == "fr" else "%"


def format_money(value: Decimal, currency: str = "EUR", language: str | None = None) -> str:
    """An amount with its currency, as written in each language: ``120,00 €`` / ``€120.00``."""
    language = language or current_language()
    number = format_amount(value, language)
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency)
    if language == "fr":
        return f"{number}\u00a0{symbol or currency}"
    if symbol:
        return f"-{symbol}{number[1:]}" if number.startswith("-") else f"{symbol}{number}"
    return f"{currency}\u00a0{number}"
