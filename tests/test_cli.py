import subprocess
import sys

import pytest

from app import __version__
from app.cli import main


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    assert __version__ in capsys.readouterr().out


def test_self_test_builds_the_window_and_reports_start_up_time():
    result = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"],
        capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    line = [l for l in result.stdout.splitlines() if l.startswith("self-test ok")]
    assert line, result.stdout
    assert int(line[0].split()[2]) > 0


def test_self_test_with_files_waits_until_they_are_read(tmp_path):
    bad = tmp_path / "not a pdf.pdf"
    bad.write_bytes(b"hello")
    from tests.shared_files import SAMPLES

    samples = sorted(SAMPLES.glob("*.pdf"))
    result = subprocess.run(
        [sys.executable, "-m", "app", "--self-test", str(bad), *map(str, samples[:1])],
        capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    read = [l for l in result.stdout.splitlines() if l.startswith("self-test read:")]
    assert read and "not a pdf.pdf=error" in read[0], result.stdout
    if samples:
        # read; not signed in, so no supplier can be chosen: it needs attention (the form says the same)
        assert f"{samples[0].name}=needs_attention" in read[0]


def test_every_help_text_has_its_french_and_help_is_french_under_a_french_locale(capsys, monkeypatch):
    import argparse
    import importlib

    from app.cli import SUBCOMMANDS, _window_parser, main
    from app.cli_fr import HELP_FR

    missing = []

    def texts(parser):
        yield from (t for t in (parser.description, parser.epilog) if t and not t.startswith("subcommands"))
        yield from (a.help for a in parser._actions if a.help and a.help != argparse.SUPPRESS
                    and a.help not in ("show this help message and exit", "show program's version number and exit"))

    for name, (module, text) in SUBCOMMANDS.items():
        parser = argparse.ArgumentParser(prog=name, description=text)
        importlib.import_module(module).configure(parser, name)
        missing += [t for t in texts(parser) if t not in HELP_FR]
    missing += [t for t in texts(_window_parser()) if t not in HELP_FR]
    assert not missing, missing

    monkeypatch.setenv("PENNYLANE_IMPORTER_LANG", "fr")
    try:
        with pytest.raises(SystemExit):
            main(["import", "--help"])
        out = capsys.readouterr().out
        assert "utilisation :" in out and "tout vérifier, ne rien envoyer" in out and "show this help" not in out
        with pytest.raises(SystemExit):
            main(["inspect"])
        assert "arguments obligatoires manquants" in capsys.readouterr().err
    finally:
        from app.domain.text import set_language

        set_language("en")
    monkeypatch.setenv("PENNYLANE_IMPORTER_LANG", "en")
    with pytest.raises(SystemExit):  # back in English: argparse's words too
        main(["inspect"])
    assert "the following arguments are required" in capsys.readouterr().err


def test_an_unexpected_error_is_one_line_not_a_traceback(capsys, monkeypatch):
    from app.cli import main
    from app.pdf import cli as inspect_cli

    def boom(args):
        raise RuntimeError("something deep")

    monkeypatch.setattr(inspect_cli, "run", boom)
    assert main(["inspect", "x.pdf"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected error (RuntimeError: something deep)" in err


def test_logs_go_to_the_log_folder_rotated_and_redacted_for_every_logger(app_home, capsys):
    import logging

    from app.cli import main
    from app.logs import LOG_NAME, remember_secret

    assert main(["inspect", str(app_home / "missing.pdf"), "--json"]) == 0
    log_file = app_home / "log" / LOG_NAME
    secret = "tok_" + "s3cr3t" * 4
    remember_secret(secret)
    child = logging.getLogger("app.jobs.somewhere.deep")  # a child logger: no filter of its own
    child.warning("sending Authorization: Bearer %s", secret)
    try:
        raise ValueError(f"bad {secret}")
    except ValueError:
        child.exception("token %s refused", secret)
    logging.getLogger("some.library").warning("header bearer abc.def-ghi")
    text = log_file.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    for where in (text, err):
        assert secret not in where and "abc.def-ghi" not in where and "[REDACTED]" in where
    assert "Traceback" in text and "Traceback" not in err  # details in the file, one line on stderr
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_pli", False) and hasattr(h, "maxBytes"))
    assert handler.maxBytes == 1024 * 1024 and handler.backupCount == 5
    assert logging.getLogger().level <= logging.INFO
    level = logging.getLogger().level
    try:
        main(["inspect", str(app_home / "missing.pdf"), "--debug"])
        assert logging.getLogger().level == logging.DEBUG
        logging.getLogger("app.x").debug("a debug line")
        assert "a debug line" in log_file.read_text(encoding="utf-8")
    finally:
        logging.getLogger().setLevel(level)


def test_the_language_variable_wins_over_the_preferences_in_the_cli_as_in_the_window(capsys, monkeypatch):
    """One rule (app.domain.text.choose_language): a French preference saved by the window does not
    turn the CLI French when PENNYLANE_IMPORTER_LANG says English (as the tests and scripts set it)."""
    from dataclasses import replace

    import app.config as config
    from app.cli import main

    saved = config.load_settings()
    monkeypatch.setattr(config, "load_settings", lambda: replace(saved, language="fr"))
    monkeypatch.setenv("PENNYLANE_IMPORTER_LANG", "en")
    with pytest.raises(SystemExit):
        main(["inspect"])
    assert "the following arguments are required" in capsys.readouterr().err
