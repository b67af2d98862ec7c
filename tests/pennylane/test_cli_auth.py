"""``pennylane-importer login`` / ``logout`` against the stand-in, and the no-trace scan."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from app.cli import main
from app.config import app_dirs, load_settings
from app.pennylane import credentials, oauth
from app.pennylane.client import PennylaneClient
from app.standin.server import StandIn

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def standin():
    with StandIn(rate_limit=None) as s:
        yield s


@pytest.fixture(autouse=True)
def api(standin, monkeypatch):
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    for key in ("CLIENT_ID", "CLIENT_SECRET", "AUTHORIZE_URL", "TOKEN_URL", "REVOKE_URL", "SCOPES"):
        monkeypatch.delenv(f"PENNYLANE_OAUTH_{key}", raising=False)
    credentials.SESSION.clear()


def login_with(token: str, monkeypatch, *extra: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(token + "\n"))
    return main(["login", "--token-stdin", *extra])


def test_login_with_a_token_checks_it_and_stores_it(standin, monkeypatch, capsys, memory_keyring):
    assert login_with(standin.demo_token, monkeypatch) == 0
    out = capsys.readouterr().out
    assert f"(id {standin.demo_company_id})" in out
    assert "User:" in out and "Scopes:" in out
    assert "Warning" not in out
    assert "Saved in the system keyring" in out
    assert standin.demo_token not in out
    settings = load_settings()
    assert settings.current_company_id == standin.demo_company_id
    assert str(standin.demo_company_id) in settings.companies
    assert credentials.load(standin.demo_company_id).value == standin.demo_token


def test_missing_scopes_and_sandbox_are_flagged(standin, monkeypatch, capsys):
    token = standin.issue_token(standin.sandbox_company_id, ["customer_invoices:all", "customers:readonly"])
    assert login_with(token, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "sandbox" in out.lower()
    assert "supplier_invoices:all" in out and "file_attachments:all" in out
    assert "Warning: this token lacks" in out
    assert "customers:readonly," not in out.split("lacks")[1]  # granted, so not listed
    assert load_settings().sandbox_companies == [str(standin.sandbox_company_id)]


def test_french_messages(standin, monkeypatch, capsys):
    monkeypatch.setenv("PENNYLANE_IMPORTER_LANG", "fr")
    try:
        assert login_with(standin.demo_token, monkeypatch) == 0
        out = capsys.readouterr().out
        assert "Société :" in out and "Enregistré dans le trousseau" in out
    finally:
        from app.domain.text import set_language

        set_language("en")


def test_a_bad_token_fails_with_exit_1(standin, monkeypatch, capsys, memory_keyring):
    assert login_with("not-a-real-token-123456", monkeypatch) == 1
    err = capsys.readouterr().err
    assert "Pennylane refuses this token" in err and "no longer valid" not in err  # it never worked
    assert memory_keyring.store == {}
    assert load_settings().companies == {}


def test_an_empty_stdin_is_a_usage_error(monkeypatch, capsys):
    assert login_with("", monkeypatch) == 2
    assert "No token read" in capsys.readouterr().err


def test_logout_deletes_the_entry_and_the_company(standin, monkeypatch, capsys, memory_keyring):
    second = standin.issue_token(standin.second_company_id, ["customer_invoices:all"])
    assert login_with(standin.demo_token, monkeypatch) == 0
    assert login_with(second, monkeypatch) == 0
    assert main(["logout", "--company", str(standin.demo_company_id)]) == 0
    assert credentials.load(standin.demo_company_id) is None
    settings = load_settings()
    assert list(settings.companies) == [str(standin.second_company_id)]
    assert main(["logout"]) == 0  # the current one
    assert memory_keyring.store == {}
    assert load_settings().current_company_id is None
    capsys.readouterr()
    assert main(["logout"]) == 1
    assert main(["logout", "--company", "424242"]) == 1


def test_oauth_login_and_logout_revokes(standin, monkeypatch, capsys, memory_keyring):
    monkeypatch.setenv("PENNYLANE_OAUTH_CLIENT_ID", standin.oauth_client_id)
    monkeypatch.setenv("PENNYLANE_OAUTH_CLIENT_SECRET", standin.oauth_client_secret)
    monkeypatch.setenv("PENNYLANE_OAUTH_AUTHORIZE_URL", standin.root_url + "/oauth/authorize")
    monkeypatch.setenv("PENNYLANE_OAUTH_TOKEN_URL", standin.root_url + "/oauth/token")
    monkeypatch.setenv("PENNYLANE_OAUTH_REVOKE_URL", standin.root_url + "/oauth/revoke")

    def play_browser(url: str) -> bool:
        url += f"&company_id={standin.second_company_id}"
        threading.Thread(target=lambda: httpx.get(url, follow_redirects=True, timeout=10), daemon=True).start()
        return True

    monkeypatch.setattr("app.pennylane.cli_auth.webbrowser.open", play_browser)
    assert main(["login", "--timeout", "10"]) == 0
    captured = capsys.readouterr()
    assert f"(id {standin.second_company_id})" in captured.out
    assert "/oauth/authorize?" in captured.err  # the URL, in case the browser did not open
    secret = credentials.load(standin.second_company_id)
    assert secret.kind == "oauth"
    config = oauth.OAuthConfig.load()
    assert main(["logout"]) == 0
    with pytest.raises(oauth.SignInRequired):  # revoked
        oauth.refresh(config, secret.value)
    assert credentials.load(standin.second_company_id) is None


def test_oauth_login_without_configuration(capsys):
    assert main(["login"]) == 1
    assert "not configured" in capsys.readouterr().err


def test_env_token_is_used_and_never_stored(standin, monkeypatch, memory_keyring, app_home):
    monkeypatch.setenv("PENNYLANE_API_TOKEN", standin.demo_token)
    source = credentials.load_token()
    with PennylaneClient(source, standin.url) as client:
        client.me()
    assert memory_keyring.store == {}
    assert main(["logout"]) == 0  # nothing stored: says so
    scan_for(standin.demo_token.encode(), app_dirs().all())


# --- the no-trace scan ------------------------------------------------------------------------------


def scan_for(secret: bytes, roots) -> None:
    checked = 0
    for root in roots:
        if not Path(root).exists():
            continue
        for path in Path(root).rglob("*"):
            if path.is_file():
                checked += 1
                assert secret not in path.read_bytes(), f"the token leaked into {path}"
    return checked


@pytest.mark.parametrize("do_logout", [False, True], ids=["still-signed-in", "after-logout"])
def test_no_trace_of_the_token_on_disk(standin, monkeypatch, do_logout):
    token = standin.issue_token(standin.demo_company_id, list(standin.state.token(standin.demo_token).scopes))
    dirs = app_dirs().ensure()
    handler = logging.FileHandler(dirs.log / "debug.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        assert login_with(token, monkeypatch) == 0
        source = credentials.load_token()
        with PennylaneClient(source, standin.url) as client:
            client.me()
            list(client.suppliers())
            list(client.ledger_accounts())
            from app.pennylane import reference_cache

            reference_cache.refresh(client)  # writes the per-company cache
            try:
                client.get_supplier_invoice(999999)
            except Exception:  # noqa: BLE001 - a 404 gets logged too
                pass
        # a 401 through the client too
        with PennylaneClient("wrong-token-abcdefgh", standin.url) as client:
            with pytest.raises(Exception):
                client.me()
        if do_logout:
            assert main(["logout"]) == 0
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)
    logged = (dirs.log / "debug.log").read_text(encoding="utf-8")
    assert "/me -> 200" in logged and "/me -> 401" in logged  # DEBUG logging really ran
    assert (dirs.config / "settings.json").exists()
    checked = scan_for(token.encode(), dirs.all())
    assert checked >= 3


# --- as a real command ------------------------------------------------------------------------------


def run_cli(args: list[str], stdin: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_extra}
    return subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env=env)


def test_subprocess_without_a_keyring_exits_1_and_writes_nothing(standin, tmp_path, app_home):
    home = tmp_path / "home"
    result = run_cli(["login", "--token-stdin"], standin.demo_token,
                     {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "HOME": str(home),
                      "XDG_DATA_HOME": str(home / "data"), "PENNYLANE_API_URL": standin.url})
    assert result.returncode == 1, result.stderr
    assert "keyring is not available" in result.stderr
    assert "PENNYLANE_API_TOKEN" in result.stderr
    assert f"(id {standin.demo_company_id})" in result.stdout  # it was checked
    scan_for(standin.demo_token.encode(), [*app_dirs().all(), home])


def test_subprocess_usage_errors_exit_2(standin):
    result = run_cli(["logout", "--company", "abc"], "", {})
    assert result.returncode == 2
    result = run_cli(["login", "--token-stdin"], "   \n", {"PENNYLANE_API_URL": standin.url})
    assert result.returncode == 2
