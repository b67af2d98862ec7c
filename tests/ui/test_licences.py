"""Licences (issue #19 item 14): the project's licence, the third-party notices built from the
installed packages (Qt's LGPL with what it asks of us), and Help → About → Licences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from app.ui import licences

ROOT = Path(__file__).resolve().parents[2]


def test_the_repository_has_a_licence_and_pyproject_names_it():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert 'license = { file = "LICENSE" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_notices_list_every_runtime_dependency_with_its_licence_and_qts_lgpl():
    names = {licences._key(n.name): n for n in licences.collect()}
    for needed in ("pyside6-essentials", "pyside6-pdf", "shiboken6", "httpx", "pypdf", "pydantic", "keyring",
                   "h11", "pydantic-core"):  # direct and transitive
        assert needed in names, needed
    assert "pennylane-importer" not in names and "pytest" not in names  # not ourselves, not the test extra
    assert "LGPL-3.0" in names["pyside6-essentials"].licence
    assert any("LICENSE" in file for file, _text in names["httpx"].texts)
    text = licences.render(list(names.values()), licences_dir=ROOT / "resources" / "licences",
                           python=licences.python_notice())
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "GNU GENERAL PUBLIC LICENSE" in text
    assert "replace them with your own" in text  # what the LGPL asks of an app that ships Qt
    assert "- Python 3." in text


def test_a_runtime_requirement_is_told_from_an_extra_one():
    assert licences._requirement_name("httpx>=0.27") == "httpx"
    assert licences._requirement_name('pytest>=8.0; extra == "test"') is None
    assert licences._requirement_name('pywin32-ctypes>=0.2; sys_platform=="win32"') == "pywin32-ctypes"


def test_a_bundled_notices_file_is_shown_as_it_is(tmp_path):
    (tmp_path / "LICENSE").write_text("MIT License\nbundled", encoding="utf-8")
    (tmp_path / "THIRD_PARTY_NOTICES.txt").write_text("the bundled notices", encoding="utf-8")
    assert licences.load_texts(tmp_path) == ("MIT License\nbundled", "the bundled notices")


def test_help_about_offers_the_licences(qtbot, monkeypatch):
    from app.ui import menus
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    opened = []

    def fake_exec(box):
        licences_button = next(b for b in box.buttons() if b.objectName() == "licencesButton")
        assert "MIT" in box.text() and "LGPL" in box.text()
        licences_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(menus.LicencesDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.about_action.trigger()
    assert len(opened) == 1
    dialog = opened[0]
    notices = dialog.findChild(QPlainTextEdit, "thirdPartyNotices")
    qtbot.waitUntil(lambda: "PySide6" in notices.toPlainText(), timeout=10_000)
    assert dialog.findChild(QPlainTextEdit, "projectLicence").toPlainText().startswith("MIT License")


def test_every_installer_carries_the_licence_and_the_notices():
    spec = (ROOT / "packaging" / "pennylane-importer.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "LICENSE"), "resources")' in spec and "(str(_notices), \"resources\")" in spec
    assert '"licences" / "*.txt"' in spec  # the LGPL and GPL texts
    deb = (ROOT / "packaging" / "linux" / "build.sh").read_text(encoding="utf-8")
    assert '/usr/share/doc/$APP_ID/copyright"' in deb and "THIRD_PARTY_NOTICES.txt" in deb
    iss = (ROOT / "packaging" / "windows" / "installer.iss").read_text(encoding="utf-8-sig")
    assert 'Source: "LICENSE"' in iss and "THIRD_PARTY_NOTICES.txt" in iss
    dmg = (ROOT / "packaging" / "macos" / "build_dmg.sh").read_text(encoding="utf-8")
    assert "resources/THIRD_PARTY_NOTICES.txt" in dmg  # checked in the mounted image
