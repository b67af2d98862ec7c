"""The crafted hostile corpus (tests/hostile/make_corpus.py, written to a temporary folder), plus a
FIFO, links to /dev/zero and /dev/urandom and a sparse file over 100 MB:

* ``inspect --json`` on all of them, in one process: every file answers with one JSON line, within
  30 s of the previous one, no traceback, peak memory ≤ 500 MB (the process and its reading
  processes, ``RUSAGE_CHILDREN`` of a wrapper);
* the same files mixed with good invoices in one ``import --dry-run``: every file reported, the
  good ones ready.

Both run as subprocesses, as a person would run them. The whole takes ~30–40 s on 2 busy cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.standin.server import StandIn
from tests.jobs.facturx_gen import supplier_batch

ROOT = Path(__file__).resolve().parents[2]
PER_FILE_SECONDS = 30
PEAK_MB = 500

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, /dev/zero and RUSAGE_CHILDREN are POSIX")

# Runs the command given as arguments, copies its stdout line by line with the time since the
# previous line, then prints the peak RSS of it and all its descendants (in KB on Linux).
WRAPPER = r"""
import resource, subprocess, sys, time
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)
last = time.monotonic()
for line in p.stdout:
    now = time.monotonic()
    sys.stdout.buffer.write(b"%.2f " % (now - last) + line)
    last = now
p.wait()
sys.stdout.buffer.write(b"RC %d\n" % p.returncode)
sys.stdout.buffer.write(b"PEAK %d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    from tests.hostile import make_corpus

    out = tmp_path_factory.mktemp("hostile")
    make_corpus.EXPECT.clear()
    make_corpus.make(out, big=False)
    special = out / "special"
    special.mkdir()
    os.mkfifo(special / "fifo.pdf")
    (special / "dev-zero.pdf").symlink_to("/dev/zero")
    (special / "dev-urandom.pdf").symlink_to("/dev/urandom")
    with open(special / "sparse-over-100MB.pdf", "wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(100 * 1024 * 1024 + 1)
    files = sorted(p for p in out.rglob("*") if not p.is_dir())
    assert len(files) >= 90
    return files


def _run(args: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> tuple[list[tuple[float, dict]], int, int, str]:
    """(lines as (seconds since the previous, JSON), exit code, peak MB, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, sys.executable, "-m", "app", *args],
        cwd=ROOT, capture_output=True, timeout=timeout, env={**os.environ, **(env or {})},
    )  # fmt: skip
    rows, rc, peak = [], None, None
    for raw in proc.stdout.splitlines():
        if raw.startswith(b"RC "):
            rc = int(raw[3:])
        elif raw.startswith(b"PEAK "):
            peak = int(raw[5:]) // 1024
        else:
            seconds, _, line = raw.partition(b" ")
            rows.append((float(seconds), json.loads(line.decode("utf-8"))))  # strict UTF-8
    return rows, rc, peak, proc.stderr.decode("utf-8", "replace")


def test_inspect_answers_every_hostile_file_quickly_without_traceback(corpus):
    started = time.monotonic()
    rows, rc, peak, stderr = _run(["inspect", *map(str, corpus), "--json"])
    elapsed = time.monotonic() - started
    print(f"\ninspect: {len(corpus)} files in {elapsed:.1f} s, peak {peak} MB, "
          f"slowest {max(s for s, _ in rows):.1f} s")  # fmt: skip
    assert rc == 0, stderr[-2000:]
    assert "Traceback" not in stderr, stderr[-4000:]
    assert [os.fsencode(d["file"]) for _, d in rows] == [os.fsencode(p) for p in corpus]  # one line each, in order
    slow = [(s, d["file"]) for s, d in rows if s > PER_FILE_SECONDS]
    assert not slow, slow
    assert peak <= PEAK_MB, f"peak {peak} MB"
    by_name = {Path(os.fsencode(d["file"]).decode("utf-8", "replace")).name: d for _, d in rows}
    for name in ("fifo.pdf", "dev-zero.pdf", "dev-urandom.pdf"):
        assert by_name[name]["error"]["code"] == "unreadable", by_name[name]
    assert by_name["sparse-over-100MB.pdf"]["error"]["code"] == "too_large"
    assert by_name["j01-crlf-before-pdf-header.pdf"]["error"]["code"] == "damaged"  # Pennylane would refuse it
    assert by_name["t00-good-facturx-control.pdf"]["error"] is None
    assert by_name["t00-good-facturx-control.pdf"]["source"] == "facturx"
    for name in ("f15-amount-1E999999999.pdf", "f19-line-quantity-1E999999999.pdf", "f27-invoice-number-100k-chars.pdf"):
        assert by_name[name]["source"] != "facturx" and by_name[name]["note"], by_name[name]
    for _, d in rows:  # every refusal says something a person can act on
        if d["error"]:
            assert d["error"]["code"] and len(d["error"]["message"]) > 30, d


def test_import_dry_run_reports_every_hostile_file_and_the_good_ones_are_ready(corpus, tmp_path):
    good = supplier_batch(tmp_path / "good", 3)
    files = [*corpus[:40], good[0], *corpus[40:], good[1], good[2]]
    with StandIn(rate_limit=None) as standin:
        env = {"PENNYLANE_API_URL": standin.url, "PENNYLANE_API_TOKEN": standin.demo_token,
               "PENNYLANE_IMPORTER_HOME": str(tmp_path / "home")}  # fmt: skip
        rows, rc, peak, stderr = _run(["import", *map(str, files), "--dry-run", "--json", "--kind", "supplier"], env)
    print(f"\nimport --dry-run: {len(files)} files, peak {peak} MB")
    assert rc == 1  # some files fail, and say so
    assert "Traceback" not in stderr, stderr[-4000:]
    reported = [os.fsencode(d["file"]) for _, d in rows]
    assert sorted(reported) == sorted(os.fsencode(p) for p in files)
    status = {os.fsencode(d["file"]): d for _, d in rows}
    for path in good:
        assert status[os.fsencode(path)]["status"] == "ready", status[os.fsencode(path)]
    for _, d in rows:
        assert d["status"] in ("ready", "failed", "duplicate"), d
        if d["status"] == "failed":
            assert d["reason"], d
    assert max(s for s, _ in rows) <= PER_FILE_SECONDS and peak <= PEAK_MB
