"""Credentials: one keyring entry per company, safe backends only, PENNYLANE_API_TOKEN never stored."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.config import load_settings
from app.pennylane import credentials, oauth
from app.pennylane.auth import StaticToken
from app.pennylane.credentials import SERVICE, KeyringUnavailable, Secret
from app.pennylane.scopes import REQUIRED_SCOPES, missing_scopes
from app.standin.server import StandIn

TOKEN = "company-token-0123456789abcdef"


@pytest.fixture(autouse=True)
def _clean_session():
    credentials.SESSION.clear()
    yield
    credentials.SESSION.clear()


def files_under(*roots) -> list:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


# --- scopes -------------------------------------------------------------------------------------


def test_all_satisfies_readonly_and_missing_keeps_order():
    assert missing_scopes(REQUIRED_SCOPES) == []
    granted = ["file_attachments:all", "customer_invoices:all", "supplier_invoices:readonly",
               "customers:all", "suppliers:all", "ledger_accounts:all", "categories:readonly"]
    assert missing_scopes(granted) == ["supplier_invoices:all"]
    assert missing_scopes([]) == list(REQUIRED_SCOPES)
    assert missing_scopes(None) == list(REQUIRED_SCOPES)
    assert "customers:readonly" in missing_scopes(["customer_invoices:all"])


# --- store / load / delete ------------------------------------------------------------------------


def test_one_short_entry_per_company(memory_keyring):
    credentials.store(7, Secret.token(TOKEN))
    credentials.store(8, Secret.oauth("refresh-abc"))
    raw7 = memory_keyring.store[(SERVICE, "company-7")]
    raw8 = memory_keyring.store[(SERVICE, "company-8")]
    assert json.loads(raw7) == {"kind": "token", "token": TOKEN}
    assert json.loads(raw8) == {"kind": "oauth", "refresh_token": "refresh-abc"}
    assert len(raw7) < 100
    assert credentials.load(7) == Secret("token", TOKEN)
    assert credentials.load(8) == Secret("oauth", "refresh-abc")
    assert credentials.load(9) is None
    assert credentials.delete(7) is True
    assert credentials.load(7) is None
    assert credentials.delete(7) is False


def test_a_secret_never_shows_in_its_repr():
    assert TOKEN not in repr(Secret.token(TOKEN))
    assert TOKEN not in repr(StaticToken(TOKEN))


def test_bearer_prefix_and_spaces_are_dropped():
    assert Secret.token(f"  Bearer {TOKEN}\n").value == TOKEN


def test_env_token_wins_and_is_never_stored(monkeypatch, memory_keyring, app_home):
    credentials.store(7, Secret.token("stored-token-xxxxxxxx"))
    credentials.remember_company(7, "Atelier")
    monkeypatch.setenv("PENNYLANE_API_TOKEN", "env-token-yyyyyyyyyy")
    source = credentials.load_token()
    assert isinstance(source, StaticToken) and source.access_token() == "env-token-yyyyyyyyyy"
    assert all("env-token" not in v for v in memory_keyring.store.values())
    assert not any(b"env-token" in p.read_bytes() for p in files_under(app_home))


def test_load_token_uses_the_current_company(memory_keyring):
    assert credentials.load_token() is None
    credentials.store(7, Secret.token(TOKEN))
    credentials.remember_company(7, "Atelier", sandbox=True)
    source = credentials.load_token()
    assert isinstance(source, StaticToken) and source.access_token() == TOKEN
    settings = load_settings()
    assert settings.current_company_id == 7
    assert settings.companies == {"7": "Atelier"}
    assert settings.sandbox_companies == ["7"]
    assert credentials.load_token(8) is None


def test_forget_company_moves_to_another_one():
    credentials.remember_company(7, "A")
    credentials.remember_company(8, "B")
    assert load_settings().current_company_id == 8
    settings = credentials.forget_company(8)
    assert settings.current_company_id == 7 and settings.companies == {"7": "A"}
    assert credentials.forget_company(7).current_company_id is None


# --- OAuth sign-ins kept in the keyring -----------------------------------------------------------


def test_an_oauth_entry_refreshes_and_persists_the_rotated_token(memory_keyring):
    with StandIn(rate_limit=None) as standin:
        config = oauth.OAuthConfig.for_standin(standin.root_url, standin.oauth_client_id, standin.oauth_client_secret)
        first = standin._issue_pair(standin.demo_company_id, ["customer_invoices:all"], standin.oauth_client_id)
        credentials.store(standin.demo_company_id, Secret.oauth(first["refresh_token"]))
        credentials.remember_company(standin.demo_company_id, "Demo")
        source = credentials.load_token(oauth_config=config)
        assert isinstance(source, oauth.OAuthTokenSource)
        from app.pennylane.client import PennylaneClient

        with PennylaneClient(source, standin.url) as client:  # no access token yet: refreshes first
            assert client.me().company.id == standin.demo_company_id
        stored = credentials.load(standin.demo_company_id)
        assert stored.kind == "oauth" and stored.value == source.refresh_token != first["refresh_token"]


def test_an_oauth_entry_without_configuration_is_explained(monkeypatch):
    for key in ("CLIENT_ID", "CLIENT_SECRET"):
        monkeypatch.delenv(f"PENNYLANE_OAUTH_{key}", raising=False)
    credentials.store(7, Secret.oauth("rt"))
    credentials.remember_company(7, "A")
    with pytest.raises(oauth.OAuthError) as err:
        credentials.load_token()
    assert "OAuth configuration is missing" in err.value.text.en


# --- no usable keyring ----------------------------------------------------------------------------


class FakePlaintext(KeyringBackend):
    """Looks like keyrings.alt's PlaintextKeyring (which we never install)."""

    priority = 0.5
    written: dict = {}

    def get_password(self, service, username):
        return self.written.get((service, username))

    def set_password(self, service, username, password):
        self.written[(service, username)] = password

    def delete_password(self, service, username):
        self.written.pop((service, username), None)


FakePlaintext.__module__ = "keyrings.alt.file"
FakePlaintext.__name__ = FakePlaintext.__qualname__ = "PlaintextKeyring"


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), FakePlaintext()], ids=["fail", "null", "plaintext"])
def test_an_unsafe_keyring_is_refused_with_the_offer(backend, tmp_path, monkeypatch, app_home):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    keyring.set_keyring(backend)
    with pytest.raises(KeyringUnavailable) as err:
        credentials.store(7, Secret.token(TOKEN))
    text = err.value.text
    assert "session only" in text.en and "never write it to a plain file" in text.en
    assert "cette session seulement" in text.fr
    assert str(err.value) == text.en  # tests run in English
    assert FakePlaintext.written == {}
    assert files_under(tmp_path / "home", app_home) == []
    with pytest.raises(KeyringUnavailable):
        credentials.load(7)
    # the offer: keep it for this run only
    credentials.store(7, Secret.token(TOKEN), session_only=True)
    credentials.remember_company(7, "Atelier")
    assert credentials.load_token().access_token() == TOKEN
    assert FakePlaintext.written == {}
    assert not any(TOKEN.encode() in p.read_bytes() for p in files_under(tmp_path / "home", app_home))
    assert credentials.delete(7) is True
    assert credentials.SESSION.load(7) is None


def test_a_chained_backend_skips_its_plaintext_member(memory_keyring):
    class Chained(chainer.ChainerBackend):
        backends = [FakePlaintext(), memory_keyring]

    keyring.set_keyring(Chained())
    credentials.store(7, Secret.token(TOKEN))
    assert FakePlaintext.written == {}
    assert json.loads(memory_keyring.store[(SERVICE, "company-7")])["token"] == TOKEN
    assert credentials.load(7).value == TOKEN

    class OnlyPlain(chainer.ChainerBackend):
        backends = [FakePlaintext()]

    keyring.set_keyring(OnlyPlain())
    with pytest.raises(KeyringUnavailable):
        credentials.store(8, Secret.token(TOKEN))
    assert FakePlaintext.written == {}


def test_a_locked_keyring_is_reported_too(memory_keyring, monkeypatch):
    from keyring.errors import KeyringLocked

    def locked(*a):
        raise KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "set_password", locked)
    with pytest.raises(KeyringUnavailable) as err:
        credentials.store(7, Secret.token(TOKEN))
    assert "keyring locked" in err.value.text.en


def test_the_module_never_imports_keyrings_alt():
    import app.pennylane.credentials as mod

    source = open(mod.__file__, encoding="utf-8").read()
    assert "import keyrings" not in source and "from keyrings" not in source
