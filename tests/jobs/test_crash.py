"""The crash test: ``pennylane-importer import`` on 20 Factur-X files is SIGKILLed at each
pipeline step in turn, then run again; the stand-in (another process) must end up with exactly
one invoice per file, and no attachment used twice.

The kill comes from the pipeline's own hook (``PENNYLANE_IMPORTER_CRASH_AT=<point>:<n>``: SIGKILL
the n-th time the point is reached), so it lands exactly between two steps — the worst moments:
after the journal wrote "importing" but before the POST, after Pennylane answered but before the
journal knew, and so on. Each point gets its own files and its own journal; they run in parallel
against one stand-in to keep the test short.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app.jobs.references import external_reference
from app.pennylane.client import PennylaneClient
from tests.jobs.facturx_gen import supplier_batch

pytestmark = [
    pytest.mark.crash,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
]

ROOT = Path(__file__).resolve().parents[2]
FILES = 20
# (point, n): the n-th time the point is reached. Points reached once per file; n=7 leaves some
# files finished, one cut in the middle and some not started.
POINTS = [
    ("after_uploading_recorded", 7),
    ("during_upload", 7),
    ("after_upload_recorded", 7),
    ("before_import_post", 7),
    ("after_import_response_before_journal", 7),
    ("after_import_recorded", 7),
    ("before_verify", 7),
    ("after_verify_before_journal", 7),
]


@pytest.fixture(scope="module")
def standin_process():
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "standin", "--port", "0", "--rate-limit", "1000/1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        values = {}
        for _ in range(2):
            line = proc.stdout.readline().strip()
            key, _, value = line.partition("=")
            values[key] = value
        assert set(values) == {"PENNYLANE_API_URL", "PENNYLANE_API_TOKEN"}, values
        yield values
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()


def _import(files: list[Path], home: Path, api: dict, crash: str | None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(api)
    env["PENNYLANE_IMPORTER_HOME"] = str(home)
    env["PYTHONFAULTHANDLER"] = "1"
    env.pop("PENNYLANE_IMPORTER_CRASH_AT", None)
    if crash:
        env["PENNYLANE_IMPORTER_CRASH_AT"] = crash
    return subprocess.run(
        [sys.executable, "-m", "app", "import", *map(str, files), "--kind", "supplier", "--json",
         "--route", "import"],  # the route with the most steps to cut (upload, import)
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _scenario(point: str, n: int, tmp: Path, api: dict) -> dict:
    folder = tmp / point
    files = supplier_batch(folder / "in", FILES, prefix=f"K{POINTS.index((point, n)):02d}")
    home = folder / "home"
    killed = _import(files, home, api, f"{point}:{n}")
    again = _import(files, home, api, None)
    return {"files": files, "killed": killed, "again": again}


def test_sigkill_at_each_step_then_resume(standin_process, tmp_path):
    api = standin_process
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = dict(zip(POINTS, pool.map(lambda p: _scenario(p[0], p[1], tmp_path, api), POINTS)))

    client = PennylaneClient(api["PENNYLANE_API_TOKEN"], api["PENNYLANE_API_URL"])
    me = client.me()
    every = list(client.find_supplier_invoices())
    client.close()
    by_ref = Counter(inv.external_reference for inv in every)
    by_name = Counter(inv.filename for inv in every)

    for (point, n), out in outcomes.items():
        killed, again = out["killed"], out["again"]
        assert killed.returncode == -signal.SIGKILL, (point, killed.returncode, killed.stderr[-2000:])
        done_before = [json.loads(line) for line in killed.stdout.splitlines() if line.strip()]
        assert len(done_before) < FILES, point
        assert again.returncode == 0, (point, again.stdout[-2000:], again.stderr[-2000:])
        lines = [json.loads(line) for line in again.stdout.splitlines() if line.strip()]
        assert len(lines) == FILES, point
        assert {d["status"] for d in lines} <= {"verified", "duplicate"}, (point, lines)
        for f in out["files"]:
            sha = hashlib.sha256(f.read_bytes()).hexdigest()
            ref = external_reference(me.company.id, sha)
            assert by_ref[ref] == 1, (point, f.name, by_ref[ref])  # exactly one invoice per file
            assert by_name[f.name] == 1, (point, f.name)
    # the stand-in refuses an attachment already used by another invoice; had the pipeline tried,
    # one file would have failed above. Every invoice has its own file:
    assert len(every) == len(POINTS) * FILES == len(set(by_name))
