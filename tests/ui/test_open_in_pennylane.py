""""Open in Pennylane" says what really happened (issue #19 item 5)."""

from __future__ import annotations

from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.ui import pennylane_links as O


def test_without_a_browser_it_says_so_and_gives_the_address(qapp, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    opened = O.open_invoice(1, "supplier", 42)
    assert not opened.launched and opened.copied
    text = O.opened_message(opened)
    assert "No web browser could be opened" in text and O.PENNYLANE_APP_URL in text and "#42" in text
    assert "Pennylane opened" not in text
    assert QGuiApplication.clipboard().text() == "42"


def test_in_demo_mode_nothing_points_at_the_real_site(qapp, monkeypatch):
    calls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: calls.append(url) or True)
    opened = O.open_invoice(1, "supplier", 7, demo=True)
    assert calls == [] and opened.url == "" and opened.copied
    assert "Demo mode" in O.opened_message(opened) and "#7" in O.opened_message(opened)


def test_a_browser_that_opened_pennylane_gets_the_paste_hint(qapp, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    opened = O.open_invoice(1, "supplier", 9)
    assert opened.launched and opened.url == O.PENNYLANE_APP_URL
    assert O.opened_message(opened).startswith("Pennylane opened in your browser; invoice #9")
    direct = O.open_invoice(1, "supplier", 9, link="https://app.pennylane.com/x/9")
    assert direct.launched and not direct.copied and O.opened_message(direct) == ""
