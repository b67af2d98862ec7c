"""Fixtures shared by the UI tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def tiny_pdfs(tmp_path):
    """``tiny_pdfs(n)``: n minimal PDF files f0.pdf … (the content does not matter to the test)."""
    def make(count: int) -> list:
        paths = [tmp_path / f"f{n}.pdf" for n in range(count)]
        for path in paths:
            path.write_bytes(b"%PDF-1.4\n%%EOF\n")
        return paths

    return make


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


@pytest.fixture(autouse=True)
def confirm_batches_without_a_modal(monkeypatch):
    """Import all asks first (a modal ``importAllDialog``, tested on its own in test_one_state):
    here it answers as a person who ticks nothing — every unwarned invoice, no warned one."""
    from app.ui.import_controller import ImportController

    def confirm(self, rows):
        return [r for r in rows if not r.warnings]

    monkeypatch.setattr(ImportController, "confirm_batch", confirm)
