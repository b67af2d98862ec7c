"""Start-up: QApplication, translations, the main window, and the --self-test / --demo modes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app import APP_ID, APP_NAME, __version__
from app.domain.text import current_language, detect_language, set_language
from app.ui.resources import icon, translations_dir


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Qt's own strings (qtbase_fr: "Annuler"...) then the app's, when French is wanted."""
    translators: list[QTranslator] = []
    if language != "fr":
        return translators
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    qt_tr = QTranslator(app)
    if qt_tr.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_tr)
        translators.append(qt_tr)
    app_tr = QTranslator(app)
    if app_tr.load(str(translations_dir() / "app_fr.qm")):
        app.installTranslator(app_tr)
        translators.append(app_tr)
    return translators


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(icon("app"))
    from app.config import load_settings

    settings = load_settings()
    set_language(settings.language or detect_language())
    app._translators = install_translators(app, current_language())  # keep them alive
    return app


def run_window(*, demo: bool, self_test: bool, files: list[str], started: float) -> int:
    app = create_application()
    from app.ui.main_window import MainWindow

    window = MainWindow()
    backend = None
    if demo:
        backend = window.start_demo()
    window.show()
    if files:
        window.open_paths([Path(f) for f in files])
    if self_test:
        def finish() -> None:
            elapsed_ms = (time.perf_counter() - started) * 1000
            print(f"self-test ok {elapsed_ms:.0f} ms")
            window.close()
            app.quit()

        QTimer.singleShot(0, finish)
    code = app.exec()
    if backend is not None:
        backend.stop()
    return code
