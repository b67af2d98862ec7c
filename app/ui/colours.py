"""The app's few colours, chosen for the palette in use: light or dark (issue #19 item 6).

Everything else comes from the palette itself (``palette(text)``, ``palette(window)``...). The
state colours (a banner, a finding under a field, a provenance badge, a history state) cannot:
palettes have no "error" or "warning" role. So each tone has a light and a dark variant, picked
by :func:`is_dark` from the window colour of the application's palette at the moment a widget
styles itself. Each (text, background) pair keeps a WCAG contrast of at least 4.5:1, and each
text colour also on the palette's plain window colour (tests/ui/test_colours.py checks both).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QPalette


class Tone(NamedTuple):
    fg: str  # text and border
    bg: str  # background of a banner or badge


_LIGHT: dict[str, Tone] = {
    "ok": Tone("#1e6b34", "#e6f4ea"),
    "error": Tone("#b3261e", "#fce8e6"),
    "warning": Tone("#8a5300", "#fef3e0"),
    "info": Tone("#174ea6", "#e8f0fe"),
    "busy": Tone("#4f5358", "#f1f3f4"),
    "duplicate": Tone("#5b3fd6", "#f1edff"),
    "xml": Tone("#0b5394", "#e3eefa"),  # provenance: read from the Factur-X XML
    "text": Tone("#8a5300", "#fdf0d9"),  # provenance: guessed from the text
}
_DARK: dict[str, Tone] = {
    "ok": Tone("#81c995", "#1b3324"),
    "error": Tone("#f6aea9", "#4a1f1c"),
    "warning": Tone("#fdd663", "#3d3216"),
    "info": Tone("#aecbfa", "#1c2f4d"),
    "busy": Tone("#c4c7cc", "#303134"),
    "duplicate": Tone("#c9bbff", "#2f2950"),
    "xml": Tone("#aecbfa", "#1c2f4d"),
    "text": Tone("#fdd663", "#3d3216"),
}
TONE_NAMES = tuple(_LIGHT)


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """A dark palette: its window colour is darker than its text colour."""
    pal = _palette(palette)
    return pal.color(QPalette.ColorRole.Window).lightness() < pal.color(QPalette.ColorRole.WindowText).lightness()


def tone(name: str, palette: QPalette | None = None) -> Tone:
    """The (text, background) colours of a state for the palette in use; "busy" for an unknown name."""
    table = _DARK if is_dark(palette) else _LIGHT
    return table.get(name, table["busy"])


def muted(palette: QPalette | None = None) -> str:
    """Secondary text (a hint, a computed sum): the text colour a third of the way to the window's,
    which keeps it readable (≥ 4.5:1) on light and dark palettes alike."""
    pal = _palette(palette)
    text, window = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)
    mix = QColor.fromRgbF(*(t + (w - t) * 0.33 for t, w in zip(text.getRgbF()[:3], window.getRgbF()[:3])))
    return mix.name()


def link(palette: QPalette | None = None) -> str:
    """A link's colour: the palette's, unless it is unreadable on the base colour (some dark themes
    keep the light theme's dark blue)."""
    pal = _palette(palette)
    colour = pal.color(QPalette.ColorRole.Link)
    if contrast(colour.name(), pal.color(QPalette.ColorRole.Base).name()) >= 4.5:
        return colour.name()
    return tone("info", pal).fg


def backdrop(palette: QPalette | None = None) -> str:
    """The grey around the pages of the PDF preview."""
    return "#2a2b2e" if is_dark(palette) else "#e6e7ea"


class ToneTable(Mapping):
    """{name: (fg, bg)} resolved when read, for code that indexes a table of banner colours."""

    def __getitem__(self, name: str) -> tuple[str, str]:
        if name not in _LIGHT:
            raise KeyError(name)
        return tuple(tone(name))

    def __iter__(self) -> Iterator[str]:
        return iter(_LIGHT)

    def __len__(self) -> int:
        return len(_LIGHT)


# --- WCAG 2 contrast ------------------------------------------------------------------------------
def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _a = QColor(colour).getRgbF()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
