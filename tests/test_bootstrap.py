"""bootstrap.py (issue #19 item 12): one install serves `demo`, `run` and `test`, in any order."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def bootstrap(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bootstrap_under_test", ROOT / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    venv_dir = tmp_path / ".venv"
    (venv_dir / "bin").mkdir(parents=True)
    (venv_dir / "bin" / "python").write_text("")  # the venv exists: only pip runs are counted
    (venv_dir / "Scripts").mkdir()
    (venv_dir / "Scripts" / "python.exe").write_text("")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "VENV", venv_dir)
    module.pip_targets = []

    def fake_run(args, **kwargs):
        if "-e" in args:
            module.pip_targets.append(args[-1].removeprefix(str(tmp_path)))
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(module.subprocess, "run", fake_run)
    return module


def test_demo_after_test_installs_nothing_and_going_back_neither(bootstrap):
    bootstrap.install("test")
    bootstrap.install("")  # demo
    bootstrap.install("test")
    bootstrap.install("")
    assert bootstrap.pip_targets == ["[test]"]


def test_test_after_demo_installs_once_more_then_never(bootstrap):
    bootstrap.install("")
    bootstrap.install("test")
    bootstrap.install("")
    bootstrap.install("test")
    assert bootstrap.pip_targets == ["", "[test]"]


def test_a_changed_pyproject_installs_again_with_the_extras_it_had(bootstrap):
    bootstrap.install("test")
    (bootstrap.ROOT / "pyproject.toml").write_text("[project]\nname = 'x'\nversion = '2'\n")
    bootstrap.install("")
    assert bootstrap.pip_targets == ["[test]", "[test]"]
    assert len(list(bootstrap.VENV.glob(".installed-*"))) == 1
