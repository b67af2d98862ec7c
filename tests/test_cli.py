import subprocess
import sys

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
