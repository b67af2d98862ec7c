"""The house rule: imports point down only, and only app/ui imports PySide6."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"

# layer -> the app packages it may import (besides itself and the shared base modules).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "pdf": {"domain"},
    "pennylane": {"domain"},
    "standin": {"domain"},
    "jobs": {"domain", "pdf", "pennylane"},
    "ui": {"domain", "pdf", "pennylane", "standin", "jobs"},
}
BASE = {"app", "app.config", "app.logs"}  # version/name, settings and directories, logging: no Qt, no HTTP
FORBIDDEN_THIRD_PARTY: dict[str, set[str]] = {
    layer: {"PySide6", "shiboken6"} for layer in ALLOWED if layer != "ui"
}
FORBIDDEN_THIRD_PARTY["domain"] |= {"httpx", "pypdf", "werkzeug", "keyring", "sqlite3"}


def imported_modules(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def violations(app_dir: Path) -> list[str]:
    problems = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((app_dir / layer).rglob("*.py")):
            for line, module in imported_modules(path.read_text(encoding="utf-8")):
                top = module.split(".")[0]
                where = f"{path.relative_to(app_dir.parent)}:{line}"
                if top in FORBIDDEN_THIRD_PARTY.get(layer, set()):
                    problems.append(f"{where} imports {module} (not allowed in app/{layer})")
                if top == "app" and module not in BASE:
                    target = module.split(".")[1]
                    if target != layer and target not in allowed:
                        problems.append(f"{where} imports {module} (app/{layer} may not import app/{target})")
    return problems


def test_the_app_respects_its_layers():
    assert violations(APP) == []


@pytest.mark.parametrize(
    "layer, line, expected",
    [
        ("jobs", "from PySide6.QtCore import QObject", "not allowed in app/jobs"),
        ("domain", "import httpx", "not allowed in app/domain"),
        ("pdf", "from PySide6 import QtGui", "not allowed in app/pdf"),
        ("domain", "from app.pennylane.client import Client", "app/domain may not import app/pennylane"),
        ("pennylane", "import app.ui.main_window", "app/pennylane may not import app/ui"),
    ],
)
def test_a_forbidden_import_is_caught(tmp_path, layer, line, expected):
    for name in ALLOWED:
        (tmp_path / "app" / name).mkdir(parents=True)
    (tmp_path / "app" / layer / "bad.py").write_text(line + "\n", encoding="utf-8")
    found = violations(tmp_path / "app")
    assert len(found) == 1 and expected in found[0]


def test_an_allowed_import_passes(tmp_path):
    for name in ALLOWED:
        (tmp_path / "app" / name).mkdir(parents=True)
    (tmp_path / "app" / "jobs" / "ok.py").write_text("from app.pennylane import client\nimport sqlite3\n")
    (tmp_path / "app" / "ui" / "ok.py").write_text("from PySide6.QtCore import QObject\n")
    assert violations(tmp_path / "app") == []
