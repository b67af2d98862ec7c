"""Fixtures shared by the UI tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def french(qapp):
    """The app in French for one test: the domain's Text and Qt's translators (app + qtbase)."""
    from app.domain.text import current_language, set_language
    from app.ui.application import install_translators

    previous = current_language()
    set_language("fr")
    translators = install_translators(qapp, "fr")
    yield
    for tr in translators:
        qapp.removeTranslator(tr)
    set_language(previous)
