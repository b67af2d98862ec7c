"""OAuth against the stand-in's authorization server: the test plays the browser."""

from __future__ import annotations

import threading
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from app.pennylane import oauth
from app.pennylane.client import PennylaneClient
from app.pennylane.errors import AuthError, Cancelled
from app.pennylane.oauth import (
    LoopbackListener,
    OAuthConfig,
    OAuthError,
    OAuthTimeout,
    OAuthTokenSource,
    Pkce,
    SignInRequired,
)
from app.standin.server import StandIn


@pytest.fixture(scope="module")
def standin():
    with StandIn(rate_limit=None) as s:
        yield s


@pytest.fixture
def config(standin) -> OAuthConfig:
    return OAuthConfig.for_standin(standin.root_url, standin.oauth_client_id, standin.oauth_client_secret)


def browser(company_id: int | None = None, seen: list | None = None):
    """A 'browser': GET the authorize URL, follow the redirect to the loopback listener."""

    def open_browser(url: str) -> bool:
        if company_id is not None:
            url += f"&company_id={company_id}"
        if seen is not None:
            seen.append(url)

        def go() -> None:
            with httpx.Client(follow_redirects=True, timeout=10) as http:
                response = http.get(url)
                if seen is not None:
                    seen.append(response)

        threading.Thread(target=go, daemon=True).start()  # the listener serves in the calling thread
        return True

    return open_browser


def test_the_whole_flow_signs_in_the_company_picked_in_the_browser(standin, config):
    seen: list = []
    pair = oauth.authorize(config, browser(standin.second_company_id, seen), timeout=10)
    assert pair.access_token and pair.refresh_token
    assert pair.expires_in == standin.oauth_expires_in
    url = urlsplit(seen[0])
    query = parse_qs(url.query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
    assert query["redirect_uri"][0].endswith("/callback")
    assert query["scope"][0].split() == list(config.scopes)
    assert "+" in url.query.split("scope=")[1].split("&")[0]  # spaces as '+', as Pennylane documents
    with PennylaneClient(pair.access_token, standin.url) as client:
        me = client.me()
    assert me.company.id == standin.second_company_id
    # the browser got the bilingual page
    for _ in range(50):
        if len(seen) > 1:
            break
        time.sleep(0.05)
    page = seen[1]
    assert page.status_code == 200
    assert "Vous pouvez revenir à Pennylane Importer" in page.text
    assert "You can go back to Pennylane Importer" in page.text


def test_pkce_is_verified_by_the_standin(standin, config):
    """A code exchanged with the wrong verifier is refused."""
    state = "s" * 20
    pkce = Pkce.new()
    with LoopbackListener(state) as listener:
        url = oauth.authorization_url(config, listener.redirect_uri, state, pkce)
        browser()(url)
        code = listener.wait(10)
        redirect_uri = listener.redirect_uri
    with pytest.raises(OAuthError) as err:
        oauth.exchange_code(config, code, redirect_uri, Pkce.new().verifier)
    assert err.value.api_message == "invalid_grant"


def test_a_redirect_with_the_wrong_state_is_answered_and_ignored(standin, config):
    """A stray or forged request (wrong state) gets a 400 page and does not end the sign-in in
    progress: the real redirect that follows still signs in."""
    with LoopbackListener("expected-state") as listener:
        port = listener.port
        responses = []

        def attacker_then_browser() -> None:
            with httpx.Client(timeout=10) as http:
                responses.append(http.get(f"http://127.0.0.1:{port}/callback?code=stolen&state=other"))
                responses.append(http.get(f"http://127.0.0.1:{port}/callback?error=access_denied&state=x"))
                responses.append(http.get(f"http://127.0.0.1:{port}/callback?code=real&state=expected-state"))

        t = threading.Thread(target=attacker_then_browser)
        t.start()
        assert listener.wait(10) == "real"
        t.join()
    assert [r.status_code for r in responses] == [400, 400, 200]
    assert "Vous pouvez revenir" in responses[0].text


def test_a_silent_local_client_does_not_hold_the_sign_in_past_its_timeout(standin):
    """A local program connects to the listener and sends nothing: the wait still ends at its
    timeout (± 1 s), and a real redirect after the silent one is still received."""
    import socket

    with LoopbackListener("st") as listener:
        silent = socket.create_connection(("127.0.0.1", listener.port))
        try:
            started = time.monotonic()
            with pytest.raises(OAuthTimeout):
                listener.wait(3)
            elapsed = time.monotonic() - started
        finally:
            silent.close()
    assert 2.9 <= elapsed <= 4.0, elapsed
    with LoopbackListener("st") as listener:
        silent = socket.create_connection(("127.0.0.1", listener.port))
        port = listener.port
        got = []
        t = threading.Thread(target=lambda: got.append(
            httpx.get(f"http://127.0.0.1:{port}/callback?code=c&state=st", timeout=10).status_code))
        t.start()
        try:
            assert listener.wait(10) == "c"
        finally:
            silent.close()
        t.join()
    assert got == [200]


def test_the_listener_is_single_use_and_other_paths_are_ignored(standin):
    with LoopbackListener("st") as listener:
        port = listener.port
        results = []

        def hits() -> None:
            with httpx.Client(timeout=10) as http:
                results.append(http.get(f"http://127.0.0.1:{port}/favicon.ico").status_code)
                results.append(http.get(f"http://127.0.0.1:{port}/callback?code=c1&state=st").status_code)

        t = threading.Thread(target=hits)
        t.start()
        assert listener.wait(10) == "c1"
        t.join()
    assert results == [404, 200]
    with pytest.raises(httpx.ConnectError):  # closed after one use
        httpx.get(f"http://127.0.0.1:{port}/callback?code=c2&state=st", timeout=2)


def test_nobody_comes_back_from_the_browser(standin, config):
    started = time.monotonic()
    with pytest.raises(OAuthTimeout) as err:
        oauth.authorize(config, lambda url: True, timeout=0.5)
    assert time.monotonic() - started < 5
    assert "0 s" in err.value.text.en or "1 s" in err.value.text.en


def test_cancel_stops_the_wait(standin, config):
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(Cancelled):
        oauth.authorize(config, lambda url: True, timeout=30, cancel=cancel)


def test_access_denied_in_the_browser(standin, config):
    def deny(url: str) -> bool:
        return browser()(url + "&deny=1")

    with pytest.raises(OAuthError) as err:
        oauth.authorize(config, deny, timeout=10)
    assert "declined" in err.value.text.en


def test_config_comes_from_env_and_oauth_json(tmp_path, monkeypatch, app_home):
    assert OAuthConfig.load(env={}) is None
    path = OAuthConfig.path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"client_id": "file-id", "client_secret": "file-secret", "redirect_ports": [53682, 53683]}')
    cfg = OAuthConfig.load(env={})
    assert (cfg.client_id, cfg.client_secret) == ("file-id", "file-secret")
    assert cfg.token_url == "https://app.pennylane.com/oauth/token"
    assert cfg.authorize_url == "https://app.pennylane.com/oauth/authorize"
    assert cfg.revoke_url == "https://app.pennylane.com/oauth/revoke"
    assert cfg.redirect_ports == (53682, 53683)
    cfg = OAuthConfig.load(env={"PENNYLANE_OAUTH_CLIENT_ID": "env-id", "PENNYLANE_OAUTH_TOKEN_URL": "https://x/t"})
    assert cfg.client_id == "env-id" and cfg.client_secret == "file-secret" and cfg.token_url == "https://x/t"
    assert "file-secret" not in repr(cfg)


# --- the token source -------------------------------------------------------------------------


def signed_in(standin, config, **kw) -> tuple[oauth.TokenPair, OAuthTokenSource, list]:
    pair = oauth.authorize(config, browser(standin.demo_company_id), timeout=10)
    stored: list = []
    source = OAuthTokenSource.from_pair(config, pair, store=kw.pop("store", stored.append), **kw)
    return pair, source, stored


def test_refresh_before_expiry_with_leeway(standin, config):
    now = [time.time()]
    pair, source, stored = signed_in(standin, config, clock=lambda: now[0])
    assert source.access_token() == pair.access_token
    calls = standin.oauth_token_calls
    now[0] += standin.oauth_expires_in - 30  # inside the 60 s leeway
    new = source.access_token()
    assert new != pair.access_token
    assert standin.oauth_token_calls - calls == 1
    assert stored[-1].refresh_token == source.refresh_token != pair.refresh_token
    with PennylaneClient(source, standin.url) as client:
        assert client.me().company.id == standin.demo_company_id


def test_concurrent_refresh_from_8_threads_makes_exactly_one_token_call(standin, config):
    now = [time.time()]
    pair, source, stored = signed_in(standin, config, clock=lambda: now[0])
    now[0] += standin.oauth_expires_in + 1  # expired
    before = standin.oauth_token_calls
    barrier = threading.Barrier(8)
    got: list[str] = []
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            barrier.wait()
            if i % 2:
                got.append(source.access_token())
            else:  # half of them come through a 401 on the old token
                assert source.refresh_after_401(pair.access_token)
                got.append(source.access_token())
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert standin.oauth_token_calls - before == 1
    assert len(set(got)) == 1 and got[0] != pair.access_token
    assert len(stored) == 1
    with PennylaneClient(got[0], standin.url) as client:
        assert client.me().company.id == standin.demo_company_id


def test_a_401_refreshes_once_through_the_client(standin, config):
    pair, source, stored = signed_in(standin, config)
    standin.revoke_token(pair.access_token)  # the access token died early
    before = standin.oauth_token_calls
    with PennylaneClient(source, standin.url) as client:
        assert client.me().company.id == standin.demo_company_id
    assert standin.oauth_token_calls - before == 1
    assert len(stored) == 1


def test_the_rotated_refresh_token_is_persisted_before_the_new_access_token_is_used(standin, config):
    events: list[str] = []
    holder: dict = {}

    def persist(new_pair) -> None:
        # the source still hands out the old token while we persist
        events.append("stored")
        holder["old_visible"] = holder["source"]._access == holder["old"]
        holder["rt"] = new_pair.refresh_token

    pair, source, _ = signed_in(standin, config, store=persist)
    holder.update(source=source, old=pair.access_token)
    standin.revoke_token(pair.access_token)

    with PennylaneClient(source, standin.url) as client:
        client.me()
    assert events == ["stored"]
    assert holder["old_visible"] is True
    assert holder["rt"] == source.refresh_token
    # the old refresh token is dead (rotation)
    with pytest.raises(SignInRequired):
        oauth.refresh(config, pair.refresh_token)


def test_a_failed_refresh_asks_to_sign_in_again(standin, config):
    pair, source, _ = signed_in(standin, config)
    oauth.refresh(config, pair.refresh_token)  # someone else used it: ours is dead now
    with PennylaneClient(source, standin.url) as client:
        with pytest.raises(AuthError) as err:
            client.me()
    assert isinstance(err.value, SignInRequired)
    assert "sign in again" in err.value.text.en
    assert "reconnectez-vous" in err.value.text.fr
    assert "Queued documents are kept" in err.value.text.en


def test_revoke_kills_the_pair(standin, config):
    pair, source, _ = signed_in(standin, config)
    assert source.revoke()
    with pytest.raises(SignInRequired):
        oauth.refresh(config, pair.refresh_token)
    with PennylaneClient(pair.access_token, standin.url) as client:
        with pytest.raises(AuthError):
            client.me()


def test_a_wrong_client_secret_is_explained(standin, config):
    bad = OAuthConfig.for_standin(standin.root_url, config.client_id, "nope")
    with pytest.raises(OAuthError) as err:
        oauth.authorize(bad, browser(), timeout=10)
    assert "invalid OAuth client" in err.value.text.en
