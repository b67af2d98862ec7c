"""The sign-in dialog and the company switcher, against the stand-in."""

from __future__ import annotations

import threading

import httpx
import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QComboBox, QDialog

from app.pennylane import credentials
from app.pennylane.credentials import SERVICE, Secret
from app.pennylane.oauth import OAuthConfig
from app.standin.server import StandIn


@pytest.fixture(scope="module")
def standin():
    with StandIn(rate_limit=None) as s:
        yield s


@pytest.fixture(autouse=True)
def _session_store():
    credentials.SESSION.clear()
    yield
    credentials.SESSION.clear()


def make_dialog(qtbot, standin, **kw):
    from app.ui.signin_dialog import SignInDialog

    dialog = SignInDialog(base_url=standin.url, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def verify(qtbot, dialog, token):
    dialog.token_edit.setText(token)
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=10_000)


def test_a_token_is_verified_and_saved(qtbot, standin, memory_keyring):
    dialog = make_dialog(qtbot, standin)
    assert dialog.objectName() == "signInDialog"
    assert not dialog.save_button.isEnabled()
    verify(qtbot, dialog, standin.demo_token)
    company = standin.state.company(standin.demo_company_id)
    assert company.name in dialog.company_label.text()
    assert dialog.details.isVisible()
    assert not dialog.scope_warning.isVisible()
    assert not dialog.sandbox_badge.isVisible()
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signal:
        dialog.save_button.click()
    result = signal.args[0]
    assert result.company_id == standin.demo_company_id and not result.session_only
    assert result.client.me().company.id == standin.demo_company_id
    assert (SERVICE, f"company-{standin.demo_company_id}") in memory_keyring.store
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_missing_scopes_and_the_sandbox_badge(qtbot, standin):
    token = standin.issue_token(standin.sandbox_company_id, ["customer_invoices:all", "customers:readonly"])
    dialog = make_dialog(qtbot, standin)
    verify(qtbot, dialog, token)
    assert dialog.sandbox_badge.isVisible()
    assert dialog.scope_warning.isVisible()
    warning = dialog.scope_warning.text()
    for scope in ("file_attachments:all", "supplier_invoices:all", "suppliers:readonly",
                  "ledger_accounts:readonly", "categories:readonly"):
        assert scope in warning
    assert "customers:readonly" not in warning and "customer_invoices:all" not in warning


def test_a_pasted_token_that_never_worked_is_refused_not_no_longer_valid(qtbot, standin):
    dialog = make_dialog(qtbot, standin)
    verify(qtbot, dialog, "definitely-not-a-token")
    text = dialog.error_label.text()
    assert "Pennylane refuses this token" in text and "copied all of it" in text
    assert "no longer valid" not in text  # it never was valid
    assert not dialog.save_button.isEnabled()
    # the instructions above the error and the error itself are whole (word-wrapped, the dialog grew)
    from PySide6.QtWidgets import QLabel

    for name in ("tokenHint", "errorLabel"):
        label = dialog.findChild(QLabel, name)
        qtbot.waitUntil(lambda label=label: label.height() >= label.heightForWidth(label.width()), timeout=2_000)


def test_a_stored_token_that_stopped_working_is_no_longer_valid(qtbot, standin, monkeypatch):
    """A token is stored only after GET /me accepted it: refused on start, it was revoked or expired."""
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    monkeypatch.delenv("PENNYLANE_API_TOKEN", raising=False)
    credentials.store(standin.demo_company_id, Secret.token("a-token-revoked-since"))
    credentials.remember_company(standin.demo_company_id, "Demo")
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.session.failed, timeout=10_000) as failed:
        pass
    assert "no longer valid" in str(failed.args[0]) and "refuses" not in str(failed.args[0])
    qtbot.waitUntil(lambda: not window.session.busy, timeout=10_000)


def test_a_token_from_the_environment_that_is_refused_is_not_called_no_longer_valid(qtbot, standin, monkeypatch):
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    monkeypatch.setenv("PENNYLANE_API_TOKEN", "never-valid-token")
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.session.failed, timeout=10_000) as failed:
        pass
    assert "Pennylane refuses this token" in str(failed.args[0])
    qtbot.waitUntil(lambda: not window.session.busy, timeout=10_000)


def test_no_keyring_offers_this_session_only(qtbot, standin, app_home):
    keyring.set_keyring(fail.Keyring())
    dialog = make_dialog(qtbot, standin)
    verify(qtbot, dialog, standin.demo_token)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.keyring_panel.isVisible(), timeout=10_000)
    assert "keyring is not available" in dialog.keyring_label.text()
    assert dialog.session_only_button.isVisible()
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signal:
        dialog.session_only_button.click()
    assert signal.args[0].session_only
    assert credentials.SESSION.load(standin.demo_company_id) == Secret.token(standin.demo_token)
    for path in app_home.rglob("*"):
        if path.is_file():
            assert standin.demo_token.encode() not in path.read_bytes()


def test_oauth_is_disabled_without_configuration(qtbot, standin):
    dialog = make_dialog(qtbot, standin, oauth_config=None)
    assert not dialog.oauth_button.isEnabled()
    assert "not configured" in dialog.oauth_button.toolTip()


def play_browser(company_id):
    def open_browser(url: str) -> bool:
        threading.Thread(target=lambda: httpx.get(url + f"&company_id={company_id}", follow_redirects=True,
                                                  timeout=10), daemon=True).start()
        return True

    return open_browser


def test_oauth_in_the_dialog(qtbot, standin, memory_keyring):
    config = OAuthConfig.for_standin(standin.root_url, standin.oauth_client_id, standin.oauth_client_secret)
    dialog = make_dialog(qtbot, standin, oauth_config=config, open_browser=play_browser(standin.second_company_id),
                         oauth_timeout=10)
    assert dialog.oauth_button.isEnabled()
    with qtbot.waitSignal(dialog.signed_in, timeout=15_000) as signal:
        dialog.oauth_button.click()
    result = signal.args[0]
    assert result.company_id == standin.second_company_id
    assert credentials.load(standin.second_company_id).kind == "oauth"
    assert result.client.me().company.id == standin.second_company_id


def test_oauth_can_be_cancelled(qtbot, standin):
    config = OAuthConfig.for_standin(standin.root_url, standin.oauth_client_id, standin.oauth_client_secret)
    dialog = make_dialog(qtbot, standin, oauth_config=config, open_browser=lambda url: True)
    dialog.oauth_button.click()
    assert dialog.cancel_oauth_button.isVisible()
    dialog.cancel_oauth_button.click()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=5_000)
    assert "cancelled" in dialog.oauth_status.text()
    assert not dialog.cancel_oauth_button.isVisible()


# --- the switcher in the main window -------------------------------------------------------------------


def test_not_signed_in_says_so(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    switcher = window.findChild(QComboBox, "companySwitcher")
    assert switcher is not None
    assert "Sign in" in window.connection_label.text()
    assert switcher.findData("__add__") >= 0
    assert switcher.findData("__sign_out__") < 0  # nobody to sign out


def test_connects_on_start_and_switches_company(qtbot, standin, monkeypatch):
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    second = standin.issue_token(standin.second_company_id, ["customer_invoices:all"])
    credentials.store(standin.second_company_id, Secret.token(second))
    credentials.remember_company(standin.second_company_id, "Second")
    credentials.store(standin.demo_company_id, Secret.token(standin.demo_token))
    credentials.remember_company(standin.demo_company_id, "Demo")  # current

    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.session.company is not None, timeout=10_000)
    assert window.session.company.id == standin.demo_company_id
    switcher = window.accounts.switcher
    assert switcher.currentData() == standin.demo_company_id
    index = switcher.findData(standin.second_company_id)
    switcher.activated.emit(index)
    qtbot.waitUntil(lambda: window.session.company is not None
                    and window.session.company.id == standin.second_company_id, timeout=10_000)
    assert switcher.currentData() == standin.second_company_id
    from app.config import load_settings

    qtbot.waitUntil(lambda: load_settings().current_company_id == standin.second_company_id, timeout=5_000)

    window.accounts.sign_out(confirm=False)
    qtbot.waitUntil(lambda: credentials.load(standin.second_company_id) is None, timeout=5_000)
    # falls back to the remaining company
    qtbot.waitUntil(lambda: window.session.company is not None
                    and window.session.company.id == standin.demo_company_id, timeout=10_000)
    assert list(load_settings().companies) == [str(standin.demo_company_id)]
    # let the reference-data refresh finish before the window goes (Session callbacks have no context)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=10_000)


def test_stored_company_without_credentials(qtbot, standin, monkeypatch):
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    credentials.remember_company(standin.demo_company_id, "Demo")
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "Sign in" in window.connection_label.text(), timeout=5_000)
    qtbot.wait(200)
    assert window.session.company is None


def test_demo_mode_uses_the_standins_demo_company(qtbot, memory_keyring):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    standin = window.start_demo()
    try:
        qtbot.waitUntil(lambda: window.session.company is not None, timeout=10_000)
        assert window.session.company.id == standin.demo_company_id
        assert window.accounts.switcher.currentData() == standin.demo_company_id
        assert "demo" in window.connection_label.text()
        assert memory_keyring.store == {}  # nothing stored in demo mode
        qtbot.waitUntil(lambda: not window.session.busy, timeout=10_000)
    finally:
        standin.stop()


def test_oauth_without_a_browser_shows_the_address_to_open(qtbot, standin):
    from PySide6.QtGui import QGuiApplication

    config = OAuthConfig.for_standin(standin.root_url, standin.oauth_client_id, standin.oauth_client_secret)
    dialog = make_dialog(qtbot, standin, oauth_config=config, open_browser=lambda url: False)
    dialog.oauth_button.click()
    qtbot.waitUntil(lambda: "No web browser could be opened" in dialog.oauth_status.text(), timeout=5_000)
    address = dialog.oauth_address.text()  # whole, in a field of its own (a label cut it at its "?")
    assert address.startswith(standin.root_url) and "client_id=" in address and "state=" in address
    assert dialog.oauth_address.isVisible() and dialog.oauth_address.isReadOnly()
    assert QGuiApplication.clipboard().text() == address
    QGuiApplication.clipboard().setText("something else")
    dialog.copy_address_button.click()
    assert QGuiApplication.clipboard().text() == address
    dialog.cancel_oauth_button.click()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=5_000)
    assert not dialog.oauth_address.isVisible()


def test_oauth_shows_the_address_even_when_a_browser_opened(qtbot, standin):
    """The browser may open on another screen or profile: the address stays at hand while waiting."""
    config = OAuthConfig.for_standin(standin.root_url, standin.oauth_client_id, standin.oauth_client_secret)
    dialog = make_dialog(qtbot, standin, oauth_config=config, open_browser=lambda url: True)
    dialog.oauth_button.click()
    qtbot.waitUntil(lambda: bool(dialog.oauth_address.text()), timeout=5_000)
    assert dialog.oauth_address.text().startswith(standin.root_url) and dialog.copy_address_button.isVisible()
    assert "No web browser" not in dialog.oauth_status.text()
    dialog.cancel_oauth_button.click()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=5_000)
