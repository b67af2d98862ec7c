#!/usr/bin/env python3
"""Set up a virtual environment and run the app or the tests. Standard library only.

    python3 bootstrap.py demo    install, then open the app against the built-in demo stand-in
    python3 bootstrap.py test    install with the test extra, then run the test suite
    python3 bootstrap.py run     install, then open the app (real Pennylane)

It creates ``.venv`` beside this file, installs the project into it (editable) and, on
Debian/Ubuntu, installs the system libraries Qt needs when running as root (lists them otherwise).
Extra arguments are passed on (to pytest for ``test``, to the app otherwise).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
# What Qt's widgets need on a bare Debian/Ubuntu (the xcb plugin and the offscreen one).
DEBIAN_PACKAGES = [
    "libegl1", "libgl1", "libfontconfig1", "libglib2.0-0", "libdbus-1-3", "libxkbcommon0",
    "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0",
    "libxcb-randr0", "libxcb-render-util0", "libxcb-image0", "libxcb-xinerama0", "libxcb-xkb1",
]


def say(message: str) -> None:
    print(f"[bootstrap] {message}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def debian_packages() -> None:
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return
    missing = []
    for package in DEBIAN_PACKAGES:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
        )
        if "install ok installed" not in result.stdout:
            missing.append(package)
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing system libraries for Qt: " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)
    else:
        say("Qt may need these system libraries; install them with:")
        say("  sudo apt-get install -y " + " ".join(missing))


def install(extra: str) -> None:
    """Install the app (editable) with ``extra`` unless the venv already has it for this pyproject.

    One install serves every command: the stamp lists the extras installed for this pyproject.toml,
    and a command whose extra is already there (``demo`` after ``test``) installs nothing; one that
    needs more (``test`` after ``demo``) installs the union, so going back does not reinstall.
    """
    if not venv_python().exists():
        say(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    stamp = VENV / f".installed-{hashlib.sha256((ROOT / 'pyproject.toml').read_bytes()).hexdigest()[:16]}"
    installed: dict[Path, set[str]] = {}
    for found in VENV.glob(".installed-*"):
        try:
            installed[found] = set(found.read_text(encoding="utf-8").split())
        except OSError:
            installed[found] = set()
    wanted = {extra} - {""}
    if stamp in installed and wanted <= installed[stamp]:
        return
    # a changed pyproject.toml keeps the extras an earlier install had (demo then keeps the test tools)
    extras = sorted(wanted.union(*installed.values()))
    target = f"{ROOT}[{','.join(extras)}]" if extras else str(ROOT)
    say("installing the app and its dependencies (pip; a minute the first time)")
    for args in (["--upgrade", "pip"], ["-e", target]):
        # pip's and the build backend's chatter is shown only when something goes wrong
        done = subprocess.run([str(venv_python()), "-m", "pip", "install", "-q", *args],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout + done.stderr, file=sys.stderr)
            say("pip failed (above); check the network access to the package index and try again")
            raise SystemExit(done.returncode)
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.write_text("\n".join(extras) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    rest = argv[1:]
    if command not in {"demo", "run", "test"}:
        print(__doc__)
        return 2
    debian_packages()
    install("test" if command == "test" else "")
    python = str(venv_python())
    if command == "test":
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        return subprocess.run([python, "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
    args = [python, "-m", "app", *(["--demo"] if command == "demo" else []), *rest]
    return subprocess.run(args, cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
