"""Bilingual user-facing text.

Every message that can reach a person (a balance finding, an API error, a refused file) is a
:class:`Text` carrying both French and English. The language is chosen once at start-up
(:func:`set_language`), from the system locale or the user's setting; ``str(text)`` then gives
the right one. Qt widgets use Qt Linguist for their own labels; these texts come from the
Qt-free layers below the UI.
"""

from __future__ import annotations

import locale
import os
from typing import NamedTuple

SUPPORTED = ("fr", "en")
_language = "en"


class Text(NamedTuple):
    fr: str
    en: str

    def get(self, language: str | None = None) -> str:
        return self.fr if (language or _language) == "fr" else self.en

    def format(self, **values: object) -> "Text":
        return Text(self.fr.format(**values), self.en.format(**values))

    def __str__(self) -> str:  # the current language
        return self.get()


def error_text(exc: BaseException) -> Text:
    """The bilingual text of an error from below the UI (its ``.text``), or a generic one naming
    only the exception's type (its message may carry anything)."""
    text = getattr(exc, "text", None)
    if isinstance(text, Text):
        return text
    return Text(f"Erreur inattendue : {type(exc).__name__}", f"Unexpected error: {type(exc).__name__}")


def set_language(language: str) -> None:
    global _language
    _language = language if language in SUPPORTED else "en"


def current_language() -> str:
    return _language


def detect_language(env: dict[str, str] | None = None) -> str:
    """'fr' when the system locale is French, 'en' otherwise.

    ``PENNYLANE_IMPORTER_LANG`` forces a language (used by tests and screenshots).
    """
    env = os.environ if env is None else env
    forced = env.get("PENNYLANE_IMPORTER_LANG", "").strip().lower()[:2]
    if forced in SUPPORTED:
        return forced
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "fr" if code.lower().startswith("fr") else "en"


_PROPER_NOUNS = ("Pennylane", "Factur-X", "Chorus", "Peppol", "ZUGFeRD", "Order-X")


def after_colon(sentence: str) -> str:
    """A whole sentence continued after a colon ("Before importing: …"): its first word in lower case,
    as French (and English) write it — unless that word is a name or an acronym ("Pennylane",
    "TVA", "IBAN")."""
    word = sentence.split(" ", 1)[0].replace("’", "").replace("'", "")  # "L’échéance" reads as "Léchéance"
    if not word[:1].isupper() or word.startswith(_PROPER_NOUNS) or any(c.isupper() for c in word[1:]):
        return sentence
    return sentence[0].lower() + sentence[1:]


def day_pattern(language: str | None = None) -> str:
    """How a day is written (``strftime``): ``07/12/2026`` in French, ``2026-12-07`` in English (never
    ``12/07``, which an English reader may take for the 7th of December or the 12th of July). Every
    date shown or typed in the window follows it: columns, sentences, the date fields."""
    return "%d/%m/%Y" if (language or current_language()) == "fr" else "%Y-%m-%d"


def format_day(value: object, language: str | None = None) -> str:
    """A day for a sentence or a column: ``07/12/2026`` in French, ``2026-12-07`` in English, from
    an ISO date or date-time (anything else is shown as it is, "?" when missing)."""
    import datetime as _dt

    if not value:
        return "?"
    text = str(value)[:10]
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        return str(value)[:40]
    return day.strftime(day_pattern(language))


def choose_language(preference: object, env: dict[str, str] | None = None) -> str:
    """The language to use: PENNYLANE_IMPORTER_LANG (tests, screenshots) first, then the person's
    choice in the Preferences (``preference``), then the system's. The window and the CLI both ask
    here."""
    env = os.environ if env is None else env
    if env.get("PENNYLANE_IMPORTER_LANG", "").strip():
        return detect_language(env)
    if preference in SUPPORTED:
        return str(preference)
    return detect_language(env)
