"""Packaging, checked without building anything (packaging/README.md; the build is .ci/run PACKAGING=1)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET  # our own, trusted SVG
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the spec -------------------------------------------------------------------------------------
def test_spec_is_python_and_bundles_what_the_app_loads_at_run_time():
    source = (PACKAGING / "pennylane-importer.spec").read_text(encoding="utf-8")
    ast.parse(source)
    for needed in (
        'collect_submodules("app"',  # the CLI imports subcommands lazily
        'collect_submodules("keyring.backends")',
        'copy_metadata("keyring")',  # keyring finds backends through entry points
        '"resources" / "i18n" / "*.qm"',
        "app.ico", "app.icns", "app.png",
        "launcher.py",
        "console=False",
        "bundle_identifier=\"com.pennylane-importer.app\"",
        "NSHighResolutionCapable",
        "com.adobe.pdf",
    ):
        assert needed in source, needed
    for excluded in ("tkinter", "QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia", "QtCharts", "pytest"):
        assert f'"{excluded}"' in source, excluded


def test_launcher_calls_the_cli_entry_point():
    tree = ast.parse((PACKAGING / "launcher.py").read_text(encoding="utf-8"))
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert any(node.module == "app.cli" and [a.name for a in node.names] == ["main"] for node in imports)


@pytest.mark.parametrize(
    ("dest", "platform", "left_out"),
    [
        # QML/Quick and friends, on the three layouts of the PySide6 wheels
        ("PySide6/Qt/lib/libQt6Qml.so.6", "linux", True),
        ("PySide6/Qt/lib/libQt6QuickControls2.so.6", "linux", True),
        ("libQt6Qml.so.6", "linux", True),  # PyInstaller's top-level alias
        ("PySide6/Qt6Quick.dll", "win32", True),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", "darwin", True),
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", "linux", True),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "linux", True),
        ("PySide6/Qt/qml/QtQuick/Controls/qmldir", "linux", True),
        ("PySide6/opengl32sw.dll", "win32", True),
        # what a widgets app with a PDF preview needs
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "linux", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", "linux", False),
        ("PySide6/Qt/lib/libQt6PdfWidgets.so.6", "linux", False),
        ("PySide6/Qt/lib/libQt6Svg.so.6", "linux", False),
        ("PySide6/Qt/lib/libQt6DBus.so.6", "linux", False),
        ("PySide6/Qt6Widgets.dll", "win32", False),
        ("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", "darwin", False),
        # plugins
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "linux", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "linux", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "linux", False),  # the smoke tests use it
        ("PySide6/plugins/platforms/qwindows.dll", "win32", False),
        ("PySide6/plugins/platforms/qoffscreen.dll", "win32", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", "darwin", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", "linux", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "linux", True),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", "linux", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", "linux", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", "linux", False),
        ("PySide6/Qt/plugins/imageformats/libqicns.so", "linux", True),
        ("PySide6/Qt/plugins/imageformats/libqicns.dylib", "darwin", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", "linux", True),
        ("PySide6/plugins/sqldrivers/qsqlite.dll", "win32", True),
        # translations: Qt's own French and English only; the app's own are never touched
        ("PySide6/Qt/translations/qtbase_fr.qm", "linux", False),
        ("PySide6/Qt/translations/qtbase_en.qm", "linux", False),
        ("PySide6/Qt/translations/qtbase_de.qm", "linux", True),
        ("PySide6/translations/qtdeclarative_fr.qm", "win32", True),
        ("resources/i18n/app_fr.qm", "linux", False),
        ("app/standin/openapi_subset.json", "linux", False),
    ],
)
def test_qt_pruning_rules(dest, platform, left_out):
    assert load("qt_prune").unwanted(dest, platform) is left_out


# --- the version comes from app/__init__.py only ---------------------------------------------------
def test_version_script_prints_app_version():
    version = load("version")
    for flag, expected in (
        ([], app.__version__),
        (["--debian"], version.debian(app.__version__)),
        (["--windows"], version.windows(app.__version__)),
    ):
        out = subprocess.run(
            [sys.executable, str(PACKAGING / "version.py"), *flag],
            capture_output=True, text=True, check=True, cwd=ROOT.parent,  # works from anywhere
        ).stdout.strip()
        assert out == expected


def test_version_mappings():
    version = load("version")
    assert version.debian("1.2.0") == "1.2.0"
    assert version.debian("1.2.0rc1") == "1.2.0~rc1"  # sorts before 1.2.0 for dpkg
    assert version.debian("1.2.0.dev3") == "1.2.0~dev3"
    assert version.debian("1.2.0+abc") == "1.2.0+abc"
    assert version.windows("1.2.0rc1") == "1.2.0.0"
    assert version.windows("2.5") == "2.5.0.0"


def test_installers_take_the_version_from_app_init():
    build = (PACKAGING / "linux" / "build.sh").read_text(encoding="utf-8")
    assert 'VERSION="$("$PYTHON" packaging/version.py)"' in build
    assert 'DEB_VERSION="$("$PYTHON" packaging/version.py --debian)"' in build
    control = (PACKAGING / "linux" / "debian" / "control.in").read_text(encoding="utf-8")
    assert "Version: @VERSION@" in control
    iss = (PACKAGING / "windows" / "installer.iss").read_text(encoding="utf-8-sig")
    assert "AppVersion={#AppVersion}" in iss
    dmg = (PACKAGING / "macos" / "build_dmg.sh").read_text(encoding="utf-8")
    assert 'VERSION="$("$PYTHON" packaging/version.py)"' in dmg
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "packaging/version.py --windows" in workflow
    # no hard-coded copy of the version anywhere in packaging/
    for path in [*PACKAGING.rglob("*.sh"), *PACKAGING.rglob("*.iss"), *PACKAGING.rglob("*.in"), *PACKAGING.rglob("*.spec")]:
        assert f"={app.__version__}" not in path.read_text(encoding="utf-8-sig"), path


def test_control_template_depends_on_the_libraries_qt_needs():
    control = (PACKAGING / "linux" / "debian" / "control.in").read_text(encoding="utf-8")
    depends = next(line for line in control.splitlines() if line.startswith("Depends:"))
    for lib in (
        "libegl1", "libgl1", "libfontconfig1", "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4",
        "libxcb-keysyms1", "libxcb-shape0", "libxcb-randr0", "libxcb-render-util0", "libxcb-image0",
        "libxcb-xinerama0", "libdbus-1-3", "libglib2.0-0",
    ):
        assert f" {lib}," in depends + ",", lib
    for field in ("Package: pennylane-importer", "Architecture: @ARCH@", "Maintainer:", "Description:"):
        assert field in control


def test_packaging_extra_in_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = pyproject["project"]["optional-dependencies"]["packaging"]
    assert any(req.replace(" ", "").startswith("pyinstaller>=") for req in extra)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("script", ["linux/build.sh", "linux/smoke_test.sh", "macos/build_dmg.sh"])
def test_shell_scripts_parse(script):
    subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


# --- desktop entry ---------------------------------------------------------------------------------
def test_desktop_entry_has_the_required_keys():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "linux" / "pennylane-importer.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "pennylane-importer %F"
    assert entry["Icon"] == "pennylane-importer"  # the hicolor icon names build.sh installs
    assert entry["Terminal"] == "false"
    assert "application/pdf" in entry["MimeType"].split(";")
    assert {"Office", "Finance"} <= set(entry["Categories"].split(";"))
    for key in ("Name", "Name[fr]", "Comment", "Comment[fr]"):
        assert entry[key].strip(), key
    assert entry["Comment[fr]"] != entry["Comment"]


# --- icons -----------------------------------------------------------------------------------------
def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(("name", "size"), [("app.png", 256), ("app-512.png", 512)])
def test_png_icons(name, size):
    assert png_size((ICONS / name).read_bytes()) == (size, size)


def test_ico_has_the_windows_sizes():
    data = (ICONS / "app.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        assert offset + length <= len(data)
        assert png_size(data[offset:offset + length]) == (width or 256, height or 256)
        sizes.add(width or 256)
    assert {16, 32, 48, 256} <= sizes


def test_icns_has_the_macos_sizes():
    data = (ICONS / "app.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, offset = {}, 8
    while offset < len(data):
        kind, length = data[offset:offset + 4], struct.unpack(">I", data[offset + 4:offset + 8])[0]
        found[kind] = png_size(data[offset + 8:offset + length])[0]
        offset += length
    assert found[b"ic10"] == 1024 and found[b"ic09"] == 512 and found[b"ic07"] == 128


def test_svg_icon_is_square_svg():
    root = ET.parse(ICONS / "app.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 512 512"
