"""OAuth 2.0 authorization code flow for a desktop app (RFC 8252), with httpx. Qt-free.

- :class:`OAuthConfig`: client id/secret and endpoints, from the environment and/or
  ``oauth.json`` in the config directory (never hard-coded: partner builds ship their own).
- :class:`LoopbackListener`: a one-shot ``http.server`` on ``127.0.0.1`` (ephemeral port unless
  the config lists registered ports) that receives the browser's redirect, checks ``state`` and
  answers with a small bilingual page.
- :func:`authorize`: system browser + loopback + PKCE S256, then the code exchange. The person
  picks the company in Pennylane's page; ``GET /me`` tells which one afterwards.
- :func:`exchange_code`, :func:`refresh`, :func:`revoke`: the token endpoint (form-encoded,
  ``client_secret`` sent: Pennylane requires it; for a desktop app it is not confidential,
  RFC 8252 §8.5).
- :class:`OAuthTokenSource`: the :class:`~app.pennylane.auth.TokenSource` of an OAuth sign-in.
  The access token lives in memory only. Pennylane rotates refresh tokens (a used one is dead,
  and so is its access token), so refreshing is single-flight across threads and the new pair is
  handed to ``store`` (the keyring) *before* the new access token is used.
"""

from __future__ import annotations

import base64
import hashlib
import html
import http.server
import json
import logging
import os
import secrets
import threading
import time
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from app import APP_ID, __version__
from app.config import AppDirs, app_dirs
from app.domain.text import Text
from app.pennylane.errors import AuthError, Cancelled, NetworkError, PennylaneError, network_text
from app.pennylane.logsafe import remember_secret
from app.pennylane.scopes import OAUTH_SCOPES

__all__ = [
    "OAuthConfig",
    "OAuthError",
    "SignInRequired",
    "OAuthTimeout",
    "TokenPair",
    "LoopbackListener",
    "Pkce",
    "authorize",
    "authorization_url",
    "exchange_code",
    "refresh",
    "revoke",
    "OAuthTokenSource",
    "DEFAULT_AUTHORIZE_URL",
    "DEFAULT_TOKEN_URL",
    "DEFAULT_REVOKE_URL",
]

log = logging.getLogger("app.pennylane.oauth")

DEFAULT_AUTHORIZE_URL = "https://app.pennylane.com/oauth/authorize"
DEFAULT_TOKEN_URL = "https://app.pennylane.com/oauth/token"
DEFAULT_REVOKE_URL = "https://app.pennylane.com/oauth/revoke"
CONFIG_FILE = "oauth.json"
CALLBACK_PATH = "/callback"
_TIMEOUT = httpx.Timeout(connect=10, read=30, write=30, pool=10)


# --------------------------------------------------------------------------------------------
# Errors


class OAuthError(PennylaneError):
    """The sign-in in the browser or a call to the token endpoint failed."""


class OAuthTimeout(OAuthError):
    """Nobody came back from the browser in time."""


class SignInRequired(AuthError):
    """The refresh token is dead (``invalid_grant``): the person must sign in again.

    Raised from the token source, so it reaches whoever made the API call; queued work is kept by
    the pipeline (its journal) and can resume after the new sign-in.
    """


SIGN_IN_AGAIN = Text(
    "La connexion à Pennylane a expiré ou a été révoquée : reconnectez-vous (Ajouter une société… "
    "ou « pennylane-importer login »). Les documents en attente sont conservés.",
    "The Pennylane sign-in has expired or was revoked: sign in again (Add a company… or "
    '"pennylane-importer login"). Queued documents are kept.',
)


# --------------------------------------------------------------------------------------------
# Configuration


def _split_scopes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(s for s in value.replace("+", " ").replace(",", " ").split() if s)
    if isinstance(value, (list, tuple)):
        return tuple(str(s) for s in value if str(s).strip())
    return ()


@dataclass(frozen=True)
class OAuthConfig:
    client_id: str
    client_secret: str = field(default="", repr=False)
    authorize_url: str = DEFAULT_AUTHORIZE_URL
    token_url: str = DEFAULT_TOKEN_URL
    revoke_url: str = DEFAULT_REVOKE_URL
    scopes: tuple[str, ...] = OAUTH_SCOPES
    # Loopback ports registered with Pennylane, tried in order; (0,) = any free port (RFC 8252 §7.3).
    redirect_ports: tuple[int, ...] = (0,)

    @classmethod
    def load(cls, dirs: AppDirs | None = None, env: Mapping[str, str] | None = None) -> "OAuthConfig | None":
        """From ``oauth.json`` in the config directory, overridden by ``PENNYLANE_OAUTH_*`` variables.

        None when no client id is configured (the OAuth sign-in is then unavailable).
        """
        env = os.environ if env is None else env
        data: dict[str, Any] = {}
        path = cls.path(dirs)
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                data = loaded
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable %s: %s", path, type(exc).__name__)
        for key in ("client_id", "client_secret", "authorize_url", "token_url", "revoke_url", "scopes"):
            value = env.get(f"PENNYLANE_OAUTH_{key.upper()}")
            if value:
                data[key] = value
        client_id = str(data.get("client_id") or "").strip()
        if not client_id:
            return None
        ports: tuple[int, ...] = (0,)
        raw_ports = data.get("redirect_ports")
        if isinstance(raw_ports, list) and raw_ports:
            try:
                ports = tuple(int(p) for p in raw_ports)
            except (TypeError, ValueError):
                ports = (0,)
        return cls(
            client_id=client_id,
            client_secret=str(data.get("client_secret") or ""),
            authorize_url=str(data.get("authorize_url") or DEFAULT_AUTHORIZE_URL),
            token_url=str(data.get("token_url") or DEFAULT_TOKEN_URL),
            revoke_url=str(data.get("revoke_url") or DEFAULT_REVOKE_URL),
            scopes=_split_scopes(data.get("scopes")) or OAUTH_SCOPES,
            redirect_ports=ports,
        )

    @staticmethod
    def path(dirs: AppDirs | None = None) -> Path:
        return (dirs or app_dirs()).config / CONFIG_FILE

    @classmethod
    def for_standin(cls, root_url: str, client_id: str, client_secret: str) -> "OAuthConfig":
        root = root_url.rstrip("/")
        return cls(client_id, client_secret, f"{root}/oauth/authorize", f"{root}/oauth/token",
                   f"{root}/oauth/revoke")


# --------------------------------------------------------------------------------------------
# Tokens


@dataclass(frozen=True)
class TokenPair:
    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_in: float | None = None
    scope: tuple[str, ...] = ()
    obtained_at: float = field(default_factory=time.time)

    def expires_at(self) -> float | None:
        return None if self.expires_in is None else self.obtained_at + self.expires_in

    @classmethod
    def from_response(cls, data: Any, now: float) -> "TokenPair":
        if not isinstance(data, dict) or not isinstance(data.get("access_token"), str) or not data["access_token"]:
            raise OAuthError(Text(
                "Réponse inattendue du serveur de connexion de Pennylane (pas de jeton d'accès).",
                "Unexpected answer from Pennylane's sign-in server (no access token).",
            ))
        expires: float | None
        try:
            expires = float(data["expires_in"]) if data.get("expires_in") is not None else None
        except (TypeError, ValueError):
            expires = None
        refresh_token = data.get("refresh_token") if isinstance(data.get("refresh_token"), str) else None
        pair = cls(data["access_token"], refresh_token or None, expires, _split_scopes(data.get("scope")), now)
        remember_secret(pair.access_token)
        remember_secret(pair.refresh_token)
        return pair


@dataclass(frozen=True)
class Pkce:
    verifier: str = field(repr=False)
    challenge: str = ""

    @classmethod
    def new(cls) -> "Pkce":
        verifier = secrets.token_urlsafe(64)[:96]  # 43..128 chars of [A-Za-z0-9-._~]
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        return cls(verifier, base64.urlsafe_b64encode(digest).decode("ascii").rstrip("="))


# --------------------------------------------------------------------------------------------
# The loopback listener


PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Pennylane Importer</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;color:#222}}
h1{{font-size:1.3em}} p.en{{color:#555}}</style></head>
<body><h1>{title_fr}</h1><p>{body_fr}</p><hr><p class="en" lang="en"><b>{title_en}</b><br>{body_en}</p></body></html>
"""


def _page(ok: bool, detail: str = "") -> bytes:
    if ok:
        values = dict(
            title_fr="Connexion réussie",
            body_fr="Vous pouvez revenir à Pennylane Importer et fermer cet onglet.",
            title_en="Signed in",
            body_en="You can go back to Pennylane Importer and close this tab.",
        )
    else:
        d = html.escape(detail)
        values = dict(
            title_fr="La connexion n'a pas abouti",
            body_fr=f"Vous pouvez revenir à Pennylane Importer et réessayer. {d}",
            title_en="Sign-in did not complete",
            body_en=f"You can go back to Pennylane Importer and try again. {d}",
        )
    return PAGE.format(**values).encode("utf-8")


CONNECTION_TIMEOUT = 1.0  # seconds a connection may stay silent: a stray local client never holds the sign-in


class _Server(http.server.HTTPServer):
    allow_reuse_address = False
    listener: "LoopbackListener"

    def get_request(self) -> tuple[Any, Any]:
        conn, address = super().get_request()
        # every read of this connection is bounded: a client that connects and sends nothing is
        # dropped after CONNECTION_TIMEOUT (or when the wait's deadline comes, if sooner)
        conn.settimeout(max(0.05, min(CONNECTION_TIMEOUT, self.listener._remaining())))
        return conn, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that timed out or hung up: nothing to report, the wait goes on


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    server_version = "PennylaneImporter"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - never log the query (code)
        return

    def do_GET(self) -> None:  # noqa: N802
        listener = self.server.listener
        parts = urlsplit(self.path)
        if parts.path != CALLBACK_PATH or listener.done:
            self._answer(404, b"Not found", "text/plain; charset=utf-8")
            return
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if not listener._matches(query):
            # not the answer to this sign-in (a stray or forged request): answered, then ignored
            self._answer(400, _page(False, "state mismatch"), "text/html; charset=utf-8")
            return
        ok = listener._receive(query)
        self._answer(200 if ok else 400, _page(ok, listener.error_detail or ""), "text/html; charset=utf-8")

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


class LoopbackListener:
    """Receives one OAuth redirect on ``http://127.0.0.1:<port>/callback``. Single use.

    ``wait()`` serves requests in the calling thread until the redirect came, the timeout passed
    or ``cancel`` is set. Only a redirect whose ``state`` matches is accepted; a request whose
    ``state`` does not match (a stray local client, a forged link) is answered 400 and ignored —
    the sign-in in progress goes on; an ``error=`` with the right ``state`` ends the wait with
    :class:`OAuthError`. A connection that sends nothing is dropped after
    :data:`CONNECTION_TIMEOUT`, so the wait ends at its timeout whatever a client does.
    """

    def __init__(self, state: str, ports: tuple[int, ...] = (0,), host: str = "127.0.0.1") -> None:
        self.state = state
        self.done = False
        self.code: str | None = None
        self.error: Text | None = None
        self.error_detail: str | None = None
        last: OSError | None = None
        self._server: _Server | None = None
        for port in ports or (0,):
            try:
                self._server = _Server((host, port), _Handler)
                break
            except OSError as exc:
                last = exc
        if self._server is None:
            raise OAuthError(Text(
                "Impossible d'ouvrir le port local pour recevoir la réponse de Pennylane "
                f"(ports essayés : {', '.join(map(str, ports))}). Fermez l'autre instance puis réessayez.",
                "Cannot open the local port that receives Pennylane's answer "
                f"(ports tried: {', '.join(map(str, ports))}). Close the other instance and try again.",
            )) from last
        self._server.listener = self
        self._server.timeout = 0.1
        self._deadline = time.monotonic() + 300
        self.port = self._server.server_address[1]
        self.redirect_uri = f"http://{host}:{self.port}{CALLBACK_PATH}"

    # called by the server and the handler
    def _remaining(self) -> float:
        return self._deadline - time.monotonic()

    def _matches(self, query: dict[str, str]) -> bool:
        return secrets.compare_digest(query.get("state", "").encode("utf-8", "replace"), self.state.encode("utf-8"))

    def _receive(self, query: dict[str, str]) -> bool:
        self.done = True
        if query.get("error"):
            slug = query["error"][:80]
            self.error_detail = slug
            if slug == "access_denied":
                self.error = Text("Connexion refusée dans Pennylane.", "Sign-in was declined in Pennylane.")
            else:
                self.error = Text(f"Pennylane a refusé la connexion ({slug}).", f"Pennylane refused the sign-in ({slug}).")
            return False
        code = query.get("code", "")
        if not code:
            self.error_detail = "no code"
            self.error = Text("Pennylane n'a pas renvoyé de code de connexion.", "Pennylane returned no sign-in code.")
            return False
        self.code = code
        return True

    def wait(self, timeout: float = 300, cancel: threading.Event | None = None) -> str:
        server = self._server
        if server is None:
            raise OAuthError(Text("Écoute déjà terminée.", "The listener was already used."))
        deadline = self._deadline = time.monotonic() + timeout
        try:
            while not self.done:
                if cancel is not None and cancel.is_set():
                    raise Cancelled(Text("Connexion annulée.", "Sign-in cancelled."))
                if time.monotonic() >= deadline:
                    raise OAuthTimeout(Text(
                        f"Pas de réponse du navigateur après {round(timeout)} s : la connexion a été abandonnée. "
                        "Réessayez.",
                        f"No answer from the browser after {round(timeout)} s: the sign-in was abandoned. Try again.",
                    ))
                server.handle_request()
        finally:
            self.close()
        if self.error is not None:
            raise OAuthError(self.error)
        assert self.code is not None
        return self.code

    def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.server_close()

    def __enter__(self) -> "LoopbackListener":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------------------------
# The token endpoint


def _http(http: httpx.Client | None) -> tuple[httpx.Client, bool]:
    if http is not None:
        return http, False
    client = httpx.Client(timeout=_TIMEOUT, follow_redirects=False,
                          headers={"User-Agent": f"{APP_ID}/{__version__}", "Accept": "application/json"})
    return client, True


def _post(config: OAuthConfig, url: str, form: dict[str, str], http: httpx.Client | None) -> httpx.Response:
    client, owned = _http(http)
    form = {**form, "client_id": config.client_id}
    if config.client_secret:
        form["client_secret"] = config.client_secret
    try:
        return client.post(url, data=form)
    except httpx.TransportError as exc:
        what = "timeout" if isinstance(exc, httpx.TimeoutException) else (
            "connect" if isinstance(exc, httpx.ConnectError) else "drop")
        raise NetworkError(network_text(what, type(exc).__name__)) from exc
    finally:
        if owned:
            client.close()


def _error_slug(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    return str(data.get("error") or "") if isinstance(data, dict) else ""


def _token_call(config: OAuthConfig, form: dict[str, str], http: httpx.Client | None, *, refreshing: bool) -> TokenPair:
    started = time.time()
    response = _post(config, config.token_url, form, http)
    log.debug("POST %s (%s) -> %s", urlsplit(config.token_url).path, form.get("grant_type"), response.status_code)
    if response.status_code >= 400:
        slug = _error_slug(response)
        if slug == "invalid_grant" and refreshing:
            raise SignInRequired(SIGN_IN_AGAIN, status=response.status_code, api_message=slug)
        if slug == "invalid_client":
            raise OAuthError(Text(
                "Pennylane ne reconnaît pas cette application (client OAuth invalide) : vérifiez la "
                "configuration OAuth (oauth.json ou variables PENNYLANE_OAUTH_*).",
                "Pennylane does not recognise this application (invalid OAuth client): check the OAuth "
                "configuration (oauth.json or PENNYLANE_OAUTH_* variables).",
            ), status=response.status_code, api_message=slug)
        if response.status_code >= 500:
            raise OAuthError(Text(
                f"Le serveur de connexion de Pennylane a un problème (erreur {response.status_code}). Réessayez plus tard.",
                f"Pennylane's sign-in server has a problem (error {response.status_code}). Try again later.",
            ), status=response.status_code, retryable=True)
        if refreshing:
            raise SignInRequired(SIGN_IN_AGAIN, status=response.status_code, api_message=slug or None)
        raise OAuthError(Text(
            f"Pennylane a refusé le code de connexion ({slug or response.status_code}) : recommencez la connexion.",
            f"Pennylane refused the sign-in code ({slug or response.status_code}): start the sign-in again.",
        ), status=response.status_code, api_message=slug or None)
    try:
        data = response.json()
    except ValueError:
        data = None
    return TokenPair.from_response(data, started)


def exchange_code(config: OAuthConfig, code: str, redirect_uri: str, code_verifier: str | None = None,
                  *, http: httpx.Client | None = None) -> TokenPair:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    if code_verifier:
        form["code_verifier"] = code_verifier
    return _token_call(config, form, http, refreshing=False)


def refresh(config: OAuthConfig, refresh_token: str, *, http: httpx.Client | None = None) -> TokenPair:
    """One refresh. The old refresh token (and its access token) are dead afterwards."""
    return _token_call(config, {"grant_type": "refresh_token", "refresh_token": refresh_token}, http, refreshing=True)


def revoke(config: OAuthConfig, token: str, *, http: httpx.Client | None = None) -> bool:
    """Revoke a token (the refresh token revokes the pair). True when Pennylane said 2xx."""
    response = _post(config, config.revoke_url, {"token": token}, http)
    log.debug("POST %s -> %s", urlsplit(config.revoke_url).path, response.status_code)
    return response.status_code < 300


# --------------------------------------------------------------------------------------------
# The whole flow


def authorization_url(config: OAuthConfig, redirect_uri: str, state: str, pkce: Pkce) -> str:
    params = {
        "client_id": config.client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": " ".join(config.scopes),  # urlencode turns the spaces into '+', as Pennylane documents
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
    }
    sep = "&" if urlsplit(config.authorize_url).query else "?"
    return config.authorize_url + sep + urlencode(params)


def authorize(
    config: OAuthConfig,
    open_browser: Callable[[str], Any] = webbrowser.open,
    timeout: float = 300,
    *,
    cancel: threading.Event | None = None,
    http: httpx.Client | None = None,
) -> TokenPair:
    """Sign in through the system browser; returns the token pair.

    ``open_browser(url)`` shows Pennylane's page (the default opens the system browser; the CLI's
    ``--no-browser`` prints the URL instead; tests play the browser). The person picks the company
    there; call ``GET /me`` with the new access token to learn which one.
    """
    state = secrets.token_urlsafe(24)
    pkce = Pkce.new()
    with LoopbackListener(state, config.redirect_ports) as listener:
        url = authorization_url(config, listener.redirect_uri, state, pkce)
        opened = open_browser(url)
        if opened is False:
            log.info("the system browser could not be opened; the URL must be opened by hand")
        code = listener.wait(timeout, cancel)
        redirect_uri = listener.redirect_uri
    if cancel is not None and cancel.is_set():
        raise Cancelled(Text("Connexion annulée.", "Sign-in cancelled."))
    return exchange_code(config, code, redirect_uri, pkce.verifier, http=http)


# --------------------------------------------------------------------------------------------
# The token source


class OAuthTokenSource:
    """Access token in memory; refresh (single-flight, rotation-safe) before expiry and after a 401.

    ``store(pair)`` is called with every new pair *before* its access token is handed out; it should
    persist ``pair.refresh_token`` (the keyring). If it raises, the new pair is still used for
    this run (the old refresh token is already dead on Pennylane's side) and the error is logged.
    """

    def __init__(
        self,
        config: OAuthConfig,
        refresh_token: str,
        *,
        access_token: str | None = None,
        expires_at: float | None = None,
        store: Callable[[TokenPair], None] | None = None,
        leeway: float = 60.0,
        clock: Callable[[], float] = time.time,
        http: httpx.Client | None = None,
    ) -> None:
        self.config = config
        self._refresh_token = refresh_token
        self._access = access_token
        self._expires_at = expires_at
        self._store = store
        self.leeway = leeway
        self._clock = clock
        self._http = http
        self._lock = threading.Lock()
        self.refresh_count = 0
        remember_secret(refresh_token)
        remember_secret(access_token)

    @classmethod
    def from_pair(cls, config: OAuthConfig, pair: TokenPair, **kw: Any) -> "OAuthTokenSource":
        if not pair.refresh_token:
            raise OAuthError(Text("Pennylane n'a pas fourni de jeton de renouvellement.",
                                  "Pennylane returned no refresh token."))
        return cls(config, pair.refresh_token, access_token=pair.access_token, expires_at=pair.expires_at(), **kw)

    def __repr__(self) -> str:
        return f"OAuthTokenSource(client_id={self.config.client_id!r}, <redacted>)"

    @property
    def refresh_token(self) -> str:
        return self._refresh_token

    def _fresh(self) -> bool:
        if self._access is None:
            return False
        return self._expires_at is None or self._clock() < self._expires_at - self.leeway

    def access_token(self) -> str:
        token = self._access
        if token is not None and self._fresh():
            return token
        with self._lock:
            if self._fresh():  # another thread refreshed while we waited
                assert self._access is not None
                return self._access
            return self._do_refresh()

    def refresh_after_401(self, rejected_token: str) -> bool:
        with self._lock:
            if self._access is not None and self._access != rejected_token:
                return True  # someone else already refreshed; use theirs
            self._do_refresh()
            return True

    def _do_refresh(self) -> str:
        """Under the lock: one call to the token endpoint, persist, then switch."""
        started = self._clock()
        pair = refresh(self.config, self._refresh_token, http=self._http)
        self.refresh_count += 1
        if not pair.refresh_token:  # no rotation: keep using the old refresh token
            pair = TokenPair(pair.access_token, self._refresh_token, pair.expires_in, pair.scope, pair.obtained_at)
        if self._store is not None:
            try:
                self._store(pair)
            except Exception as exc:  # noqa: BLE001 - keep the run going; the old token is dead anyway
                log.warning("could not persist the rotated refresh token: %s", type(exc).__name__)
        self._refresh_token = pair.refresh_token or self._refresh_token
        self._expires_at = None if pair.expires_in is None else started + pair.expires_in
        self._access = pair.access_token
        return pair.access_token

    def revoke(self) -> bool:
        """Sign out: revoke the refresh token (Pennylane then drops the pair)."""
        with self._lock:
            try:
                return revoke(self.config, self._refresh_token, http=self._http)
            finally:
                self._access = None
