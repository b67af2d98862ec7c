"""Where the app keeps its files, and its typed settings.

Directories come from platformdirs (per user, per OS). ``PENNYLANE_IMPORTER_HOME`` moves all of
them under one folder (tests, portable runs). Settings are a small dataclass saved as JSON in the
config directory (a dataclass rather than pydantic: this module is on the start-up path). Secrets never go here: tokens live in the OS keyring
(``app.pennylane.credentials``), access tokens in memory only.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Callable

from app import APP_ID
from app.domain.terms import PaymentTerms

DEFAULT_API_URL = "https://app.pennylane.com/api/external/v2"
# A company API token in the environment wins over the keyring (app.pennylane.credentials reads it).
ENV_TOKEN = "PENNYLANE_API_TOKEN"


@dataclass(frozen=True)
class AppDirs:
    config: Path
    data: Path
    cache: Path
    log: Path

    def ensure(self) -> "AppDirs":
        for path in (self.config, self.data, self.cache, self.log):
            path.mkdir(parents=True, exist_ok=True)
        return self

    def all(self) -> tuple[Path, ...]:
        return (self.config, self.data, self.cache, self.log)


def app_dirs() -> AppDirs:
    home = os.environ.get("PENNYLANE_IMPORTER_HOME")
    if home:
        root = Path(home)
        return AppDirs(root / "config", root / "data", root / "cache", root / "log")
    import platformdirs

    return AppDirs(
        Path(platformdirs.user_config_dir(APP_ID, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_ID, appauthor=False)),
    )


@dataclass
class Settings:
    """Non-secret preferences. Unknown keys in an older/newer file are ignored."""

    api_url: str = DEFAULT_API_URL
    language: str | None = None  # None: follow the system locale
    current_company_id: int | None = None
    companies: dict[str, str] = field(default_factory=dict)  # company id -> display name (no secrets)
    sandbox_companies: list[str] = field(default_factory=list)  # ids (as in companies) of sandbox companies
    last_folder: str | None = None  # where the last PDFs were added from (Browse starts there)
    default_folder: str | None = None  # Preferences: where Browse starts when there is no last folder
    # Preferences: each company's usual payment terms (company id -> terms); absent: ask (no due date given)
    payment_terms: dict[int, PaymentTerms] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> "Settings":
        """Settings from a settings file's JSON object: a value of the wrong type, too long, or
        beyond :data:`MAX_COMPANIES` entries is dropped (its default stands), so that a damaged
        or hostile file never reaches the window as something else than what the fields say."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        checked = {k: _checked(k, v) for k, v in values.items() if k != "payment_terms"}
        return cls(**{k: v for k, v in checked.items() if v is not _DROP},
                   payment_terms=_payment_terms(values.get("payment_terms")))

    def terms_for(self, company_id: int | None) -> PaymentTerms | None:
        """The company's usual payment terms, or None (ask: the due date stays empty)."""
        return self.payment_terms.get(company_id) if company_id is not None else None

    def set_terms(self, company_id: int, terms: PaymentTerms | None) -> None:
        if terms is None:
            self.payment_terms.pop(company_id, None)
        else:
            self.payment_terms[company_id] = terms

    def to_dict(self) -> dict:
        data = asdict(self)
        data["payment_terms"] = {str(k): v.to_json() for k, v in sorted(self.payment_terms.items())}
        return data

    def effective_api_url(self) -> str:
        return os.environ.get("PENNYLANE_API_URL") or self.api_url


MAX_COMPANIES = 1000  # bound on the per-company entries read from a settings file
MAX_FILE = 1_000_000  # bytes: a settings file is a few hundred; a bigger one is not ours
MAX_TEXT = 4096  # a path, a URL, a company name
_DROP = object()


def _text_ok(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT and "\x00" not in value


def _company_key(value: object) -> bool:
    """A company id as the settings key it: ``"12345"`` (the switcher reads it with ``int``)."""
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18 and int(value) > 0


def _checked(name: str, value: object) -> object:
    """``value`` if it is what the field ``name`` holds, else ``_DROP``."""
    if name in ("language", "last_folder", "default_folder"):
        return value if value is None or _text_ok(value) else _DROP
    if name == "api_url":
        return value if _text_ok(value) else _DROP
    if name == "current_company_id":
        return value if value is None or (type(value) is int and 0 < value < 10**18) else _DROP
    if name == "companies":
        if not isinstance(value, dict):
            return _DROP
        return {k: v for k, v in list(value.items())[:MAX_COMPANIES] if _company_key(k) and _text_ok(v)}
    if name == "sandbox_companies":
        if not isinstance(value, list):
            return _DROP
        return [v for v in value[:MAX_COMPANIES] if _company_key(v)]
    return _DROP


def _payment_terms(value: object) -> dict[int, PaymentTerms]:
    """The ``payment_terms`` of a settings file, typed: entries whose key is not a company id or
    whose value is not valid terms are ignored; at most :data:`MAX_COMPANIES` are read."""
    out: dict[int, PaymentTerms] = {}
    if not isinstance(value, dict):
        return out
    for key, item in list(value.items())[:MAX_COMPANIES]:
        terms = PaymentTerms.from_json(item) if _company_key(key) else None
        if terms is not None:
            out[int(key)] = terms
    return out


def settings_path(dirs: AppDirs | None = None) -> Path:
    return (dirs or app_dirs()).config / "settings.json"


def load_settings(dirs: AppDirs | None = None) -> Settings:
    path = settings_path(dirs)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE + 1)
        if len(raw) > MAX_FILE:
            return Settings()
        return Settings.from_dict(json.loads(raw.decode("utf-8")))
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        return Settings()


def update_settings(change: Callable[[Settings], object], dirs: AppDirs | None = None) -> Settings:
    """Read the settings, apply ``change`` to them, save them; the saved settings. Reading just before
    writing keeps what another part of the app saved meanwhile (each changes only its own fields)."""
    settings = load_settings(dirs)
    change(settings)
    save_settings(settings, dirs)
    return settings


def save_settings(settings: Settings, dirs: AppDirs | None = None) -> None:
    path = settings_path(dirs)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings.to_dict(), indent=2), encoding="utf-8")
    os.replace(tmp, path)
