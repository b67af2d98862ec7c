"""Secrets in the OS keyring only. Qt-free.

One keyring entry per company: service ``pennylane-importer``, username ``company-<id>``, value a
short JSON ``{"kind": "token", "token": …}`` (a company API token) or ``{"kind": "oauth",
"refresh_token": …}`` (an OAuth sign-in; the access token stays in memory). Short on purpose:
Windows Credential Manager stores at most ~1280 characters.

Keyring policy:

- Only a backend that keeps secrets safe is used. ``keyring.backends.fail`` / ``null`` (no OS
  store: headless Linux, no D-Bus) and ``keyrings.alt``'s plaintext/"encrypted" file backends are
  refused with :class:`KeyringUnavailable`, whose text explains what happened and offers to keep
  the token for this run only (:data:`SESSION` — memory). Nothing is ever written to a file here,
  and this app never depends on ``keyrings.alt``.
- A chained backend is narrowed to its safe members, so a locked Secret Service never falls
  through to a plaintext file.

``PENNYLANE_API_TOKEN`` (scripts, CI) wins over everything and is never stored.
The non-secret list of companies (id → name, sandbox flag) is in :class:`app.config.Settings`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from app.config import ENV_TOKEN, Settings, load_settings, save_settings
from app.domain.text import Text
from app.pennylane.auth import StaticToken, TokenSource
from app.pennylane.logsafe import remember_secret

__all__ = [
    "SERVICE",
    "ENV_TOKEN",
    "Secret",
    "KeyringUnavailable",
    "SessionOnlyStore",
    "SESSION",
    "keyring_backend",
    "check_keyring",
    "store",
    "load",
    "delete",
    "load_token",
    "token_source",
    "oauth_source",
    "env_token",
    "remember_company",
    "forget_company",
]

log = logging.getLogger("app.pennylane.credentials")

SERVICE = "pennylane-importer"
WINDOWS_MAX_CHARS = 1280

# Backends that do not keep a secret safe (or do not keep it at all).
_REFUSED_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")
_REFUSED_NAMES = {"PlaintextKeyring", "EncryptedKeyring", "UncryptedFileKeyring"}


def username(company_id: int | str) -> str:
    return f"company-{company_id}"


@dataclass(frozen=True)
class Secret:
    kind: Literal["token", "oauth"]
    value: str = field(repr=False)

    @classmethod
    def token(cls, value: str) -> "Secret":
        return cls("token", StaticToken(value).access_token())

    @classmethod
    def oauth(cls, refresh_token: str) -> "Secret":
        return cls("oauth", refresh_token)

    def to_json(self) -> str:
        key = "token" if self.kind == "token" else "refresh_token"
        return json.dumps({"kind": self.kind, key: self.value}, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str) -> "Secret | None":
        try:
            data = json.loads(raw)
        except ValueError:
            return cls("token", raw.strip()) if raw and raw.strip() else None  # a bare token stored by hand
        if not isinstance(data, dict):
            return None
        if data.get("kind") == "oauth" and isinstance(data.get("refresh_token"), str):
            return cls("oauth", data["refresh_token"])
        if data.get("kind") == "token" and isinstance(data.get("token"), str):
            return cls("token", data["token"])
        return None


class KeyringUnavailable(Exception):
    """No safe OS keyring. ``text`` says what happened and offers to keep the token for this run."""

    def __init__(self, text: Text, *, backend: str = "", cause: str = "") -> None:
        super().__init__(text.en)
        self.text = text
        self.backend = backend
        self.cause = cause

    def __str__(self) -> str:
        return str(self.text)


def _unavailable_text(what: Text) -> Text:
    return Text(
        f"Le trousseau du système n'est pas disponible ({what.fr}) : l'application ne peut pas y "
        "enregistrer votre jeton, et elle ne l'écrira jamais dans un fichier en clair. Vous pouvez le "
        "garder pour cette session seulement : il faudra vous reconnecter au prochain lancement.",
        f"The system keyring is not available ({what.en}): the app cannot save your token in it, and it "
        "will never write it to a plain file. You can keep it for this session only: you will have "
        "to sign in again next time.",
    )


def _describe(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _refused(backend: Any) -> bool:
    cls = type(backend)
    return cls.__module__.startswith(_REFUSED_MODULES) or cls.__name__ in _REFUSED_NAMES


def keyring_backend() -> Any:
    """The keyring backend to use, or raise :class:`KeyringUnavailable`."""
    try:
        import keyring
        from keyring.backends import chainer
    except ImportError as exc:  # a build without keyring
        raise KeyringUnavailable(
            _unavailable_text(Text("module keyring absent", "keyring module missing")), cause=type(exc).__name__
        ) from exc
    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        safe = [b for b in backend.backends if not _refused(b)]
        if not safe:
            raise KeyringUnavailable(
                _unavailable_text(Text("aucun trousseau sûr trouvé", "no safe keyring found")),
                backend=_describe(backend),
            )
        backend = safe[0]
    if _refused(backend):
        if type(backend).__module__.startswith("keyrings.alt"):
            what = Text("seul un stockage en fichier non protégé est installé",
                        "only an unprotected file store is installed")
        else:
            what = Text("aucun service de trousseau n'est accessible", "no keyring service is reachable")
        raise KeyringUnavailable(_unavailable_text(what), backend=_describe(backend))
    return backend


def check_keyring() -> None:
    """Raise :class:`KeyringUnavailable` when no safe keyring is available."""
    keyring_backend()


def _call(fn: Callable[[], Any]) -> Any:
    from keyring.errors import KeyringError

    try:
        return fn()
    except KeyringError as exc:
        name = type(exc).__name__
        what = (Text("trousseau verrouillé", "keyring locked") if name == "KeyringLocked"
                else Text(f"erreur {name}", f"error {name}"))
        raise KeyringUnavailable(_unavailable_text(what), cause=name) from exc
    except (OSError, RuntimeError) as exc:  # D-Bus errors, Windows error 1783, …
        raise KeyringUnavailable(
            _unavailable_text(Text(f"erreur {type(exc).__name__}", f"error {type(exc).__name__}")),
            cause=type(exc).__name__,
        ) from exc


class SessionOnlyStore:
    """Secrets kept in memory for this run only (when the person accepted it)."""

    def __init__(self) -> None:
        self._items: dict[str, Secret] = {}
        self._lock = threading.Lock()

    def store(self, company_id: int | str, secret: Secret) -> None:
        with self._lock:
            self._items[str(company_id)] = secret

    def load(self, company_id: int | str) -> Secret | None:
        with self._lock:
            return self._items.get(str(company_id))

    def delete(self, company_id: int | str) -> bool:
        with self._lock:
            return self._items.pop(str(company_id), None) is not None

    def __contains__(self, company_id: object) -> bool:
        with self._lock:
            return str(company_id) in self._items

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


SESSION = SessionOnlyStore()


def store(company_id: int | str, secret: Secret, *, session_only: bool = False) -> None:
    """Save the company's secret in the keyring (or, when asked, for this run only).

    Raises :class:`KeyringUnavailable` when there is no safe keyring; the caller may then offer
    ``store(..., session_only=True)``.
    """
    remember_secret(secret.value)
    if session_only:
        SESSION.store(company_id, secret)
        return
    backend = keyring_backend()
    value = secret.to_json()
    if type(backend).__module__.endswith("Windows") and len(value) > WINDOWS_MAX_CHARS:
        raise KeyringUnavailable(_unavailable_text(Text(
            f"jeton trop long pour le Gestionnaire d'identification Windows ({len(value)} caractères)",
            f"token too long for Windows Credential Manager ({len(value)} characters)",
        )), backend=_describe(backend))
    _call(lambda: backend.set_password(SERVICE, username(company_id), value))
    SESSION.delete(company_id)  # the keyring has it now


def load(company_id: int | str) -> Secret | None:
    """The company's secret: this run's memory first, then the keyring. None when there is none.

    Raises :class:`KeyringUnavailable` when the keyring cannot be read.
    """
    secret = SESSION.load(company_id)
    if secret is not None:
        return secret
    backend = keyring_backend()
    raw = _call(lambda: backend.get_password(SERVICE, username(company_id)))
    if not raw:
        return None
    secret = Secret.from_json(raw)
    if secret is not None:
        remember_secret(secret.value)
    return secret


def delete(company_id: int | str) -> bool:
    """Forget the company's secret (memory and keyring). True when something was deleted."""
    deleted = SESSION.delete(company_id)
    try:
        backend = keyring_backend()
    except KeyringUnavailable:
        return deleted
    from keyring.errors import PasswordDeleteError

    try:
        _call(lambda: backend.delete_password(SERVICE, username(company_id)))
        deleted = True
    except KeyringUnavailable as exc:
        if not isinstance(exc.__cause__, PasswordDeleteError):
            raise
    return deleted


def env_token() -> StaticToken | None:
    value = os.environ.get(ENV_TOKEN, "").strip()
    if not value:
        return None
    token = StaticToken(value)
    remember_secret(token.access_token())
    return token


def token_source(company_id: int | str, secret: Secret, oauth_config: Any = None) -> TokenSource:
    """A token source for a stored secret. An OAuth one persists each rotated refresh token."""
    if secret.kind == "token":
        return StaticToken(secret.value)
    from app.pennylane.oauth import OAuthConfig, OAuthError

    config = oauth_config or OAuthConfig.load()
    if config is None:
        raise OAuthError(Text(
            "Cette société est connectée par OAuth mais la configuration OAuth est absente "
            "(oauth.json ou variables PENNYLANE_OAUTH_*) : reconnectez-vous avec un jeton API.",
            "This company signed in with OAuth but the OAuth configuration is missing "
            "(oauth.json or PENNYLANE_OAUTH_* variables): sign in again with an API token.",
        ))
    return oauth_source(company_id, config, refresh_token=secret.value, session_only=company_id in SESSION)


def oauth_source(company_id: int | str, config: Any, *, pair: Any = None, refresh_token: str | None = None,
                 session_only: bool = False) -> TokenSource:
    """An :class:`~app.pennylane.oauth.OAuthTokenSource` whose rotated refresh tokens go back where
    this company's secret lives (the keyring, or this run's memory)."""
    from app.pennylane.oauth import OAuthTokenSource

    def persist(new_pair: Any) -> None:
        store(company_id, Secret.oauth(new_pair.refresh_token), session_only=session_only)

    if pair is not None:
        return OAuthTokenSource.from_pair(config, pair, store=persist)
    assert refresh_token
    return OAuthTokenSource(config, refresh_token, store=persist)


def load_token(company_id: int | str | None = None, *, settings: Settings | None = None,
               oauth_config: Any = None) -> TokenSource | None:
    """The token to use: ``PENNYLANE_API_TOKEN`` first (never stored), else the company's secret.

    ``company_id`` defaults to the current company of the settings. None when there is nothing.
    Raises :class:`KeyringUnavailable` when the keyring cannot be read.
    """
    token = env_token()
    if token is not None:
        return token
    if company_id is None:
        company_id = (settings or load_settings()).current_company_id
    if company_id is None:
        return None
    secret = load(company_id)
    if secret is None:
        return None
    return token_source(company_id, secret, oauth_config)


# --------------------------------------------------------------------------------------------
# The non-secret company list (settings)


def remember_company(company_id: int, name: str, *, sandbox: bool = False, make_current: bool = True) -> Settings:
    settings = load_settings()
    key = str(company_id)
    settings.companies[key] = name or f"#{company_id}"
    sandboxes = set(settings.sandbox_companies or [])
    if sandbox:
        sandboxes.add(key)
    else:
        sandboxes.discard(key)
    settings.sandbox_companies = sorted(sandboxes)
    if make_current or settings.current_company_id is None:
        settings.current_company_id = int(company_id)
    save_settings(settings)
    return settings


def forget_company(company_id: int | str) -> Settings:
    settings = load_settings()
    key = str(company_id)
    settings.companies.pop(key, None)
    settings.sandbox_companies = [c for c in settings.sandbox_companies if c != key]
    if settings.current_company_id is not None and str(settings.current_company_id) == key:
        settings.current_company_id = int(next(iter(settings.companies))) if settings.companies else None
    save_settings(settings)
    return settings
