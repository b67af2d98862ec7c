"""Which collected files the PyInstaller spec leaves out of the bundle (Qt parts the app does not use).

Used by packaging/pennylane-importer.spec; tested by tests/test_packaging.py. Destination paths are
those of the PySide6 wheels: PySide6/Qt/lib/libQt6X.so.6 and PySide6/Qt/plugins/<type>/ (Linux),
PySide6/Qt6X.dll and PySide6/plugins/<type>/ (Windows), PySide6/Qt/lib/QtX.framework (macOS).
"""

from __future__ import annotations

import os
import re
import sys

# Qt libraries of modules the app does not use (QML/Quick, WebEngine, 3D, Multimedia, ...) and of
# the platform plugins left out. The pattern matches the three platforms' file names.
UNUSED_QT_LIBS = re.compile(
    r"(^|[/\\])(lib)?Qt6?(Qml|Quick|VirtualKeyboard|WebEngine|WebChannel|WebSockets|3D|Multimedia|"
    r"Charts|DataVisualization|Graphs|Designer|Help|UiTools|Test|Sql|Lottie|Labs|ShaderTools|"
    r"EglFS|EglFs|WaylandCompositor|WaylandEgl|PdfQuick|Positioning|SerialPort|Sensors|"
    r"TextToSpeech|Location)[A-Za-z0-9]*(\.|$)"
)
# Qt plugin folders a widgets app never loads.
UNUSED_PLUGIN_DIRS = {
    "designer", "egldeviceintegrations", "generic", "networkinformation", "qmltooling", "sqldrivers",
    "tls", "wayland-graphics-integration-server", "multimedia", "position", "sensors", "texttospeech",
    "renderers", "sceneparsers", "geometryloaders", "qmllint", "scxmldatamodel",
}
# Single plugins: embedded-Linux platforms (eglfs, linuxfb, vnc...), the virtual keyboard, image
# formats the app never reads, and the GTK3 theme (it would pull GTK, cairo and pango, and mixing
# the bundled GLib with the system's GTK is a classic crash; Qt falls back to its Fusion style).
UNUSED_PLUGINS = re.compile(
    r"(qeglfs|qlinuxfb|qvnc|qvkkhrdisplay|qminimalegl|qtvirtualkeyboard|qtuiotouch|qwebgl|"
    r"qtiff|qwebp|qtga|qwbmp|qpdf|qdirect2d|qgtk3)[^/\\]*$"
)
UNUSED_PLUGINS_NOT_MAC = re.compile(r"qicns[^/\\]*$")  # .icns images matter on macOS only
# Qt's own translations: only the ones the app loads (qtbase_fr gives "Annuler"; and English).
KEEP_QT_TRANSLATIONS = {"qtbase_fr.qm", "qtbase_en.qm"}


def _parts(dest: str) -> list[str]:
    return re.split(r"[/\\]", dest)


def _plugin_dir(dest: str) -> str | None:
    parts = _parts(dest)
    return parts[parts.index("plugins") + 1] if "plugins" in parts[:-1] else None


def unwanted(dest: str, platform: str = sys.platform) -> bool:
    """True when the file collected at ``dest`` (path inside the bundle) should be left out."""
    name = _parts(dest)[-1]
    in_pyside = "PySide6" in _parts(dest)
    if in_pyside and UNUSED_QT_LIBS.search(dest):
        return True
    if in_pyside and _plugin_dir(dest) is not None:
        return (
            _plugin_dir(dest) in UNUSED_PLUGIN_DIRS
            or bool(UNUSED_PLUGINS.search(name))
            or (platform != "darwin" and bool(UNUSED_PLUGINS_NOT_MAC.search(name)))
        )
    if in_pyside and "translations" in _parts(dest)[:-1] and name.endswith(".qm"):
        return name not in KEEP_QT_TRANSLATIONS
    if re.search(r"PySide6[/\\](Qt[/\\])?qml[/\\]", dest):  # QML modules
        return True
    if name.lower() == "opengl32sw.dll":  # Windows software OpenGL (20 MB); widgets paint with raster
        return True
    # PyInstaller links top-level aliases to Qt libraries (e.g. libQt6Qml.so.6 -> PySide6/Qt/lib/...).
    return "/" not in dest.replace("\\", "/") and bool(UNUSED_QT_LIBS.search(dest))


def drop_orphans(kept: list, removed: list) -> list:
    """Drop the system libraries that only the removed Qt files needed (e.g. GTK, cairo and pango,
    needed by the gtk3 platform theme only). Conservative: only top-level libraries (PyInstaller's
    place for system dependencies) that the removed files link to and no kept file reaches."""
    from PyInstaller.depend.bindepend import get_imports

    def closure(paths: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(paths)
        while todo:
            path = todo.pop()
            if path in seen:
                continue
            seen.add(path)
            try:
                todo += [os.path.realpath(full) for _, full in get_imports(path) if full]
            except Exception:  # not a binary we can read: keep what depends on it
                pass
        return seen

    real = {entry[1]: os.path.realpath(entry[1]) for entry in kept + removed}
    only_removed = closure({real[e[1]] for e in removed})
    candidates = {real[e[1]] for e in kept if real[e[1]] in only_removed and not re.search(r"[/\\]", e[0])}
    reached = closure({real[e[1]] for e in kept if real[e[1]] not in candidates})
    orphans = candidates - reached
    return [e for e in kept if real[e[1]] not in orphans]
