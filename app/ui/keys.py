"""How a shortcut is written for a person: the one rule for tooltips and Help → Keyboard shortcuts.

Qt's native text in French names two keys as no French keyboard does: "Retour" (the key labelled
Entrée) and "Effacement" (⌫, "Retour arrière"). Every place that shows keys goes through
:func:`keys_text`, so a tooltip and the F1 list never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QKeySequence

from app.domain.text import current_language


def key_text(sequence: QKeySequence | str | QKeySequence.StandardKey) -> str:
    """One shortcut as printed on the keys ("Ctrl+Entrée", "Suppr" in French)."""
    text = QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)
    if current_language() == "fr":
        text = text.replace("Retour", "Entrée").replace("Effacement", "Retour arrière")
    return text


def keys_text(sequences: Iterable[QKeySequence | str | QKeySequence.StandardKey]) -> str:
    """Several shortcuts, each once ("Ctrl+Return" and "Ctrl+Enter" are both "Ctrl+Entrée")."""
    texts = (key_text(s) for s in sequences)
    return ", ".join(dict.fromkeys(t for t in texts if t))


def with_keys(tip: str, sequences: Iterable[QKeySequence | str | QKeySequence.StandardKey]) -> str:
    """A tooltip followed by its keys in brackets, when it has any."""
    keys = keys_text(sequences)
    return f"{tip} ({keys})" if keys else tip
