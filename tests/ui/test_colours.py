"""Colours from the palette (issue #19 item 6): every state colour readable on light and dark palettes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.ui import colours


def make_palette(window: str, text: str, base: str | None = None, link: str = "#1a73e8") -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base or window), (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Link, link)):
        palette.setColor(role, QColor(colour))
    return palette


LIGHT = [make_palette("#efefef", "#000000"), make_palette("#ffffff", "#1f1f1f")]
DARK = [make_palette("#353535", "#ffffff"), make_palette("#1e1e1e", "#e0e0e0"), make_palette("#2d2d30", "#f0f0f0")]


@pytest.fixture
def dark_app(qapp):
    previous = qapp.palette()
    qapp.setPalette(DARK[0])
    yield qapp
    qapp.setPalette(previous)


@pytest.mark.parametrize("palette", LIGHT + DARK)
@pytest.mark.parametrize("name", colours.TONE_NAMES)
def test_each_tone_is_readable_on_its_background_and_on_the_window(palette, name):
    fg, bg = colours.tone(name, palette)
    window = palette.color(QPalette.ColorRole.Window).name()
    assert colours.contrast(fg, bg) >= 4.5, (fg, bg)
    assert colours.contrast(fg, window) >= 4.5, (fg, window)


@pytest.mark.parametrize("palette", LIGHT + DARK)
def test_muted_text_and_links_stay_readable(palette):
    window = palette.color(QPalette.ColorRole.Window).name()
    assert colours.contrast(colours.muted(palette), window) >= 4.5
    assert colours.contrast(colours.link(palette), palette.color(QPalette.ColorRole.Base).name()) >= 4.5
    assert colours.muted(palette) != palette.color(QPalette.ColorRole.WindowText).name()  # it is muted


def test_a_dark_palette_is_told_from_a_light_one():
    assert not any(colours.is_dark(p) for p in LIGHT)
    assert all(colours.is_dark(p) for p in DARK)
    assert colours.tone("error", DARK[0]).bg != colours.tone("error", LIGHT[0]).bg


def test_under_a_dark_palette_the_form_and_history_use_dark_backgrounds(qtbot, dark_app):
    from app.ui.form.widgets import BANNER_COLOURS, ProvenanceBadge
    from app.ui.form_panel import BalanceStatus

    status = BalanceStatus()
    qtbot.addWidget(status)
    status.set_state("error", "the lines do not add up")
    dark_bg = colours.tone("error").bg
    assert dark_bg in status.styleSheet() and "#fce8e6" not in status.styleSheet()  # no pink box
    assert BANNER_COLOURS["error"] == tuple(colours.tone("error"))
    badge = ProvenanceBadge()
    qtbot.addWidget(badge)
    badge.set_provenance("xml")
    assert colours.tone("xml").bg in badge.styleSheet() and "#e3eefa" not in badge.styleSheet()  # no white badge
