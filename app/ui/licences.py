"""The project's licence and the third-party notices: what the installers carry, and what Help →
About → Licences shows.

Qt-free on purpose: ``packaging/pennylane-importer.spec`` loads this file by path to write
``THIRD_PARTY_NOTICES.txt`` from the build environment's package metadata (so the notices list
exactly the versions that were bundled), and the About dialog reads that file back in a frozen
build, or builds the same text from the running environment in a checkout (on a worker thread).

Every runtime dependency of ``pennylane-importer`` (transitively, without the extras) gets its name,
version, licence and the licence files its distribution ships. Qt comes through PySide6, whose
wheels carry no licence file: the LGPL-3.0 and GPL-3.0 texts are in ``resources/licences/``, with
what the LGPL asks of an application that ships Qt (how to replace the Qt libraries, where their
source is). The bundled Python interpreter's licence is added from its standard library folder.
"""

from __future__ import annotations

import re
import sys
import sysconfig
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

PROJECT = "pennylane-importer"
NOTICES_FILE = "THIRD_PARTY_NOTICES.txt"
LICENCE_FILE = "LICENSE"
MAX_LICENCE_FILE = 256 * 1024  # one licence file read from a package (onnxruntime's notices are ~150 KB)
_LICENCE_NAME = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|THIRDPARTYNOTICES|LICENSE-3RD-PARTY|LICENSES_BUNDLED)", re.I)
QT_DISTRIBUTIONS = {"pyside6", "pyside6-essentials", "pyside6-addons", "pyside6-pdf", "shiboken6"}


@dataclass
class Notice:
    name: str
    version: str
    licence: str
    homepage: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)  # (file name, content)


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str | None:
    """The distribution a runtime requirement names; None for one that only an extra asks for."""
    if "extra ==" in requirement.replace("extra==", "extra =="):
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return match.group(1) if match else None


def runtime_distributions(root: str = PROJECT) -> list[metadata.Distribution]:
    """``root``'s installed runtime dependencies, transitively (not ``root`` itself), by name."""
    seen: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a platform-only dependency not installed here (pywin32-ctypes on Linux...)
        key = _key(dist.metadata["Name"] or name)
        if key in seen:
            continue
        seen[key] = dist
        pending += [n for n in map(_requirement_name, dist.requires or []) if n]
    seen.pop(_key(root), None)
    return sorted(seen.values(), key=lambda d: _key(d.metadata["Name"]))


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 120:
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return "; ".join(classifiers) or "see the package"


def _homepage(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "source", "repository", "source code"}:
            return url.strip()
    return (meta.get("Home-page") or "").strip()


def _licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    for file in dist.files or []:
        if not _LICENCE_NAME.match(file.name) or file.suffix in {".py", ".pyc", ".json"}:
            continue
        try:
            path = Path(dist.locate_file(file))
            if path.stat().st_size > MAX_LICENCE_FILE:
                texts.append((str(file), f"({path.stat().st_size // 1024} KB: see {file} in the package)"))
                continue
            texts.append((str(file), path.read_text(encoding="utf-8", errors="replace").strip()))
        except OSError:
            continue
    return texts


def collect(root: str = PROJECT) -> list[Notice]:
    notices = []
    for dist in runtime_distributions(root):
        notices.append(Notice(dist.metadata["Name"], dist.version, _licence_of(dist), _homepage(dist), _licence_texts(dist)))
    return notices


def python_notice() -> Notice:
    """The interpreter the installers bundle (PyInstaller copies it): the PSF licence."""
    version = ".".join(map(str, sys.version_info[:3]))
    texts = []
    path = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    try:
        texts.append(("LICENSE.txt", path.read_text(encoding="utf-8", errors="replace").strip()))
    except OSError:
        pass
    return Notice("Python", version, "PSF-2.0", "https://www.python.org/", texts)


QT_NOTE = """\
Qt 6 (the Qt libraries, through PySide6 and shiboken6) is used under the GNU Lesser General Public
License version 3 (LGPL-3.0-only; its text and the GPL-3.0 it builds on are at the end of this file).
The Qt libraries are unmodified and installed as separate shared libraries (in the installation
folder, under PySide6/Qt/lib or as Qt*.dll / Qt*.framework); you may replace them with your own
build of a compatible Qt version. The source code of Qt is at https://download.qt.io/official_releases/qt/
and of PySide6 at https://download.qt.io/official_releases/QtForPython/ ; we also provide it on
request for three years from the release. Qt itself includes third-party components (e.g. PDFium in
Qt PDF, BSD-3-Clause and Apache-2.0), listed in Qt's documentation: https://doc.qt.io/qt-6/licenses-used-in-qt.html"""


def render(notices: list[Notice], *, licences_dir: Path | None, python: Notice | None = None) -> str:
    rule = "=" * 78
    out = [
        "Pennylane Importer: third-party software notices",
        rule,
        "Pennylane Importer is free software under the MIT licence (the file LICENSE).",
        "Its installers also carry the software listed here, each under its own licence.",
        "",
        "Summary",
        "-------",
    ]
    everything = ([python] if python else []) + notices
    for notice in everything:
        out.append(f"- {notice.name} {notice.version}: {notice.licence}")
    out += ["", rule, "Qt and PySide6", rule, QT_NOTE, ""]
    for notice in everything:
        out += [rule, f"{notice.name} {notice.version}", f"Licence: {notice.licence}"]
        if notice.homepage:
            out.append(f"Home: {notice.homepage}")
        if _key(notice.name) in QT_DISTRIBUTIONS:
            out.append("See 'Qt and PySide6' above, and the LGPL-3.0 and GPL-3.0 texts at the end.")
        for name, text in notice.texts:
            out += ["", f"--- {name} ---", text]
        out.append("")
    for name in ("LGPL-3.0.txt", "GPL-3.0.txt"):
        path = (licences_dir / name) if licences_dir else None
        if path is not None and path.exists():
            out += [rule, name[:-4], rule, path.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(out) + "\n"


def build_text(licences_dir: Path | None) -> str:
    return render(collect(), licences_dir=licences_dir, python=python_notice())


def load_texts(resources: Path) -> tuple[str, str]:
    """Worker side of Help → About → Licences: (the project's licence, the third-party notices).
    The installers carry both under ``resources``; a checkout has LICENSE at its root and builds
    the notices from the running environment."""
    licence_path = resources / LICENCE_FILE
    if not licence_path.exists():
        licence_path = resources.parent / LICENCE_FILE
    try:
        licence = licence_path.read_text(encoding="utf-8")
    except OSError:
        licence = "MIT License"
    notices_path = resources / NOTICES_FILE
    try:
        notices = notices_path.read_text(encoding="utf-8")
    except OSError:
        notices = build_text(resources / "licences")
    return licence, notices


if __name__ == "__main__":  # python app/ui/licences.py OUT [LICENCES_DIR]: used by the build
    target = Path(sys.argv[1])
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[2] / "resources" / "licences"
    target.write_text(build_text(folder), encoding="utf-8")
    print(f"{target}: {target.stat().st_size // 1024} KB of notices")
