"""Test-wide setup: headless Qt, an in-memory keyring, and a throw-away app home."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PENNYLANE_IMPORTER_LANG", "en")

import app.ui  # noqa: E402,F401  (installs the PySide6 6.12 / Python 3.11 refcount padding first)
import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring so that tests never touch (or depend on) the OS store."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.store[(service, username)]
        except KeyError:
            raise PasswordDeleteError(username) from None


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(autouse=True)
def app_home(tmp_path, monkeypatch):
    """Every test gets its own config/data/cache/log directories."""
    home = tmp_path / "app-home"
    monkeypatch.setenv("PENNYLANE_IMPORTER_HOME", str(home))
    monkeypatch.delenv("PENNYLANE_API_TOKEN", raising=False)
    monkeypatch.delenv("PENNYLANE_API_URL", raising=False)
    return home


@pytest.fixture(autouse=True)
def no_client_request_refused_by_the_schemas(request, monkeypatch):
    """Every request the app's client sends to a stand-in, in any test, must be valid against
    Pennylane's OpenAPI schemas (the stand-in validates each one). A test that sends an invalid
    body on purpose through the client says so with ``@pytest.mark.invalid_requests``."""
    from app.standin.server import StandIn

    started: list[StandIn] = []
    original = StandIn.start

    def tracking_start(self, *args, **kwargs):
        started.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(StandIn, "start", tracking_start)
    yield
    if request.node.get_closest_marker("invalid_requests"):
        return
    refused = [entry for standin in started for entry in standin.client_schema_refusals]
    assert not refused, f"the client sent requests the OpenAPI schemas refuse: {refused}"
