"""Bounds on what a file may hand the app: every number and every string read from a document
goes through :func:`read_number` or :func:`read_string` at the reading boundary.

A value past its bound raises :class:`OutOfBounds` (a ``ValueError`` with a bilingual ``text``),
so the reader can refuse the source it came from with a reason instead of carrying a
``1E999999999`` total into arithmetic (``decimal.Overflow``), a journal row or a URL.

Numbers (amounts, quantities, prices, rates):

* at most :data:`MAX_NUMBER_CHARS` characters of text, ASCII digits only (``Decimal`` would
  otherwise accept Arabic-Indic digits), no NaN / Infinity;
* at most :data:`MAX_SIGNIFICANT_DIGITS` significant digits;
* zero, or a magnitude between :data:`MIN_MAGNITUDE` and :data:`MAX_MAGNITUDE` (exclusive): so a
  product or a quotient of two bounded values stays far inside ``Decimal``'s default context.

Strings: at most ``max_chars`` characters after removing control and bidirectional-override
characters (which let a file reorder or hide what a person reads) and collapsing white space.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from app.domain.text import Text

MAX_NUMBER_CHARS = 40
MAX_SIGNIFICANT_DIGITS = 20
MAX_MAGNITUDE = Decimal("1e12")  # 1,000 billion: beyond any invoice amount, quantity or rate
MIN_MAGNITUDE = Decimal("1e-9")  # a billionth: below any meaningful price, quantity or rate
_MAX_POWER = MAX_MAGNITUDE.adjusted()
_MIN_POWER = MIN_MAGNITUDE.adjusted()

MAX_IDENTIFIER_CHARS = 255  # invoice numbers, identifiers (Pennylane's maxLength for such fields)
MAX_NAME_CHARS = 255  # company names
MAX_LABEL_CHARS = 2000  # line labels, free text (Pennylane's longest maxLength)

_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
# C0/C1 controls (incl. ESC of ANSI sequences) and the bidi embeddings/overrides/isolates
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class OutOfBounds(ValueError):
    """A value read from a file is unusable. ``.text`` says which and why, in French and English."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _shown(value: str, limit: int = 24) -> str:
    value = _INVISIBLE.sub("", value)
    return value if len(value) <= limit else value[:limit] + "…"


def read_number(value: str, what: str = "") -> Decimal:
    """The ``Decimal`` written in ``value`` (``.`` or ``,`` as decimal mark), within bounds."""
    label = f"{what} : " if what else ""
    label_en = f"{what}: " if what else ""
    raw = value.strip()
    if len(raw) > MAX_NUMBER_CHARS:
        raise OutOfBounds(Text(
            f"{label}nombre de {len(raw)} caractères refusé (au plus {MAX_NUMBER_CHARS})",
            f"{label_en}a number of {len(raw)} characters refused (at most {MAX_NUMBER_CHARS})",
        ))  # fmt: skip
    text = raw.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise OutOfBounds(Text(
            f"{label}« {_shown(raw)} » n'est pas un nombre (chiffres 0-9 attendus)",
            f"{label_en}“{_shown(raw)}” is not a number (digits 0-9 expected)",
        ))  # fmt: skip
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        raise OutOfBounds(Text(f"{label}« {_shown(raw)} » illisible", f"{label_en}“{_shown(raw)}” unreadable")) from None
    if number.is_zero():
        return Decimal(0)  # -0 too: a sign on nothing means nothing
    digits = len(number.as_tuple().digits)
    # adjusted(): the power of ten of the first digit, an int (no arithmetic that could overflow)
    if digits > MAX_SIGNIFICANT_DIGITS or not (_MIN_POWER <= number.adjusted() < _MAX_POWER):
        raise OutOfBounds(Text(
            f"{label}« {_shown(raw)} » est hors limites (au plus {MAX_SIGNIFICANT_DIGITS} chiffres, "
            f"entre 10⁻⁹ et 10¹² en valeur absolue)",
            f"{label_en}“{_shown(raw)}” is out of range (at most {MAX_SIGNIFICANT_DIGITS} digits, "
            f"between 10⁻⁹ and 10¹² in absolute value)",
        ))  # fmt: skip
    return number


def clean_string(value: str) -> str:
    """``value`` without control or bidi-override characters, white space collapsed."""
    return " ".join(_INVISIBLE.sub(" ", value).split())


def read_string(value: str, max_chars: int, what: str = "") -> str:
    """``value`` cleaned (:func:`clean_string`); :class:`OutOfBounds` when longer than ``max_chars``.

    The length is checked on the raw value first, so a 2 MB name costs no cleaning.
    """
    if len(value) > 4 * max_chars + 64 or len(cleaned := clean_string(value)) > max_chars:
        label = f"{what} : " if what else ""
        label_en = f"{what}: " if what else ""
        raise OutOfBounds(Text(
            f"{label}texte de {len(value)} caractères refusé (au plus {max_chars})",
            f"{label_en}a text of {len(value)} characters refused (at most {max_chars})",
        ))  # fmt: skip
    return cleaned
