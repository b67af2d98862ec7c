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
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["payment_terms"] = _payment_terms(values.get("payment_terms"))
        return cls(**values)

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


def _payment_terms(value: object) -> dict[int, PaymentTerms]:
    """The ``payment_terms`` of a settings file, typed: entries whose key is not a company id or
    whose value is not valid terms are ignored; at most :data:`MAX_COMPANIES` are read."""
    out: dict[int, PaymentTerms] = {}
    if not isinstance(value, dict):
        return out
    for key, item in list(value.items())[:MAX_COMPANIES]:
        if not isinstance(key, str) or not key.isascii() or not key.isdigit() or len(key) > 18:
            continue
        terms = PaymentTerms.from_json(item)
        if terms is not None and int(key) > 0:
            out[int(key)] = terms
    return out


def settings_path(dirs: AppDirs | None = None) -> Path:
    return (dirs or app_dirs()).config / "settings.json"


def load_settings(dirs: AppDirs | None = None) -> Settings:
    path = settings_path(dirs)
    try:
        return Settings.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, AttributeError):
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
