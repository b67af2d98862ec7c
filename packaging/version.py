"""Print the app version for the installers. It lives in app/__init__.py and only there.

    python packaging/version.py             0.1.0        (PEP 440, as in app.__version__)
    python packaging/version.py --debian    0.1.0        (pre-releases sort first: 1.0rc1 -> 1.0~rc1)
    python packaging/version.py --windows   0.1.0.0      (four numbers, for Windows version info)

Standard library only; reads app/__init__.py without importing the rest of the app.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def app_version() -> str:
    sys.path.insert(0, str(ROOT))
    try:
        import app  # pure Python: name and version only
    finally:
        sys.path.pop(0)
    return app.__version__


def debian(version: str) -> str:
    # PEP 440 "1.2.0rc1", "1.2.0.dev3", "1.2.0b2" must sort *before* "1.2.0" for dpkg: use "~".
    public, plus, local = version.partition("+")
    return re.sub(r"\.?(a|b|rc|dev)(\d+)", r"~\1\2", public) + plus + local


def windows(version: str) -> str:
    release = re.match(r"\d+(\.\d+)*", version).group(0)  # "1.2.0rc1" -> "1.2.0"
    numbers = [int(n) for n in release.split(".")[:4]]
    return ".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4])


def main(argv: list[str]) -> int:
    version = app_version()
    if argv[:1] == ["--debian"]:
        version = debian(version)
    elif argv[:1] == ["--windows"]:
        version = windows(version)
    elif argv:
        print(__doc__, file=sys.stderr)
        return 2
    print(version)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
