"""Claims across threads and processes: one owner per document (issue #17).

Two ``import`` runs started at once on the same files and the same journal used to import each
file twice: the claim on a document lived in each process's memory. It is now a committed SQLite
row with its owner (pid, process start, host) and a lease; see ``app.jobs.journal.Journal.claim``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.jobs import journal as J
from app.jobs import owners as O
from app.jobs.import_job import FAILED, VERIFIED
from app.jobs.pipeline import ImportPipeline
from app.standin.server import StandIn
from tests.jobs.conftest import make_client, supplier_job
from tests.jobs.facturx_gen import supplier_batch

ROOT = Path(__file__).resolve().parents[2]


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def _row(journal: J.Journal, sha: str, **meta) -> None:
    journal.ensure("7", sha, external_reference=f"ref-{sha}", **meta)


def test_a_live_owner_holds_and_a_dead_one_is_taken_over(journal):
    _row(journal, "a")
    first, second = O.new_owner(), O.new_owner()
    assert journal.claim("7", "a", first).ours
    held = journal.claim("7", "a", second)
    assert not held.ours and held.held_by == first
    assert journal.claimant("7", "a") == first
    journal.release("7", "a", first)
    assert journal.claimant("7", "a") is None
    assert journal.claim("7", "a", second) == J.Claim()

    # a claim left by a process that is gone (killed): taken over, and said so
    dead = O.Owner(pid=_dead_pid(), host=O.host_name(), started="1", token="dead")
    _row(journal, "b")
    with journal._transaction() as db:
        db.execute(
            "INSERT INTO claims VALUES ('7', 'b', ?, ?, '1', 'dead', ?, ?)",
            (dead.pid, dead.host, J.now_iso(), O.lease_until()),
        )
    assert journal.claimant("7", "b") is None
    taken = journal.claim("7", "b", first)
    assert taken.ours and taken.taken_over == dead


def test_another_hosts_claim_holds_until_its_lease_ends():
    far = O.Owner(pid=os.getpid(), host="another-computer", started="", token="x")
    now = datetime.now(timezone.utc)
    assert O.is_alive(far, O.lease_until(now), now=now)
    assert not O.is_alive(far, O.lease_until(now), now=now + timedelta(seconds=O.LEASE_SECONDS + 1))
    # on this host a recycled pid is not the owner
    me = O.new_owner()
    if me.started:
        assert not O.is_alive(O.Owner(me.pid, me.host, "0", "y"), O.lease_until(now), now=now)


def test_the_same_invoice_from_another_file_is_held(journal):
    _row(journal, "a", kind="supplier", counterpart_id=3, invoice_number="F-1")
    _row(journal, "b", kind="supplier", counterpart_id=3, invoice_number="F-1")
    _row(journal, "c", kind="supplier", counterpart_id=3, invoice_number="F-2")
    first, second = O.new_owner(), O.new_owner()
    assert journal.claim("7", "a", first).ours
    held = journal.claim("7", "b", second)
    assert held.held_by == first and held.held_sha256 == "a"
    assert journal.claim("7", "c", second).ours


def test_a_held_document_is_left_alone(pipeline, journal, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "HELD-1")
    journal.ensure(standin.demo_company_id, job.sha256, external_reference=pipeline.reference(job.sha256))
    other = O.new_owner()
    assert journal.claim(standin.demo_company_id, job.sha256, other).ours
    result = pipeline.run(job)
    assert result.status == FAILED and result.held and result.retryable
    assert "another window" in result.reason.en
    assert journal.get(standin.demo_company_id, job.sha256).state == J.QUEUED  # nothing written
    assert standin.state.company(standin.demo_company_id).invoices == {}


def test_a_dead_owners_document_is_looked_up_before_anything_is_sent(standin, client, tmp_path):
    company = standin.demo_company_id
    job = supplier_job(standin, tmp_path, "DEAD-1")
    # the dead run imported it (its journal write was lost with it): Pennylane holds the invoice
    with J.Journal(tmp_path / "elsewhere.sqlite3") as elsewhere:
        first = ImportPipeline(client, elsewhere, company, lookup_delays=(0.01,)).run(job)
    assert first.status == VERIFIED
    with J.Journal(tmp_path / "journal.sqlite3") as journal:
        pipeline = ImportPipeline(client, journal, company, lookup_delays=(0.01,))
        journal.ensure(company, job.sha256, external_reference=pipeline.reference(job.sha256))
        with journal._transaction() as db:
            db.execute(
                "INSERT INTO claims VALUES (?, ?, ?, ?, '1', 'dead', ?, ?)",
                (str(company), job.sha256, _dead_pid(), O.host_name(), J.now_iso(), O.lease_until()),
            )
        result = pipeline.run(job)
    assert result.status == VERIFIED and result.invoice_id == first.invoice_id
    assert len(standin.state.company(company).invoices) == 1


def _import(files: list[Path], home: Path, standin) -> subprocess.Popen:
    env = dict(os.environ, PENNYLANE_API_URL=standin.url, PENNYLANE_API_TOKEN=standin.demo_token,
               PENNYLANE_IMPORTER_HOME=str(home))  # fmt: skip
    env.pop("PENNYLANE_IMPORTER_CRASH_AT", None)
    return subprocess.Popen(
        [sys.executable, "-m", "app", "import", *map(str, files), "--kind", "supplier", "--json"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@pytest.mark.crash
def test_two_processes_on_the_same_files_and_journal_import_each_once(tmp_path):
    # 50 ms per request: each run takes a couple of seconds, so the two overlap (they start together)
    with StandIn(rate_limit=(1000, 1.0), latency=0.05) as standin:
        _two_processes(standin, tmp_path)


def _two_processes(standin: StandIn, tmp_path: Path) -> None:
    files = supplier_batch(tmp_path / "in", 8, prefix="TWO")
    home = tmp_path / "home"
    runs = [_import(files, home, standin), _import(files, home, standin)]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, (out[-2000:], err[-2000:])
    lines = [json.loads(line) for out, _ in outputs for line in out.splitlines() if line.strip()]
    by_file = Counter((d["file"], d["status"]) for d in lines)
    for f in files:  # one run imported it, the other saw it done (never both, never neither)
        assert by_file[(str(f), "verified")] == 1, (f.name, lines)
        assert by_file[(str(f), "duplicate")] == 1, (f.name, lines)
    held = list(standin.state.company(standin.demo_company_id).invoices.values())
    numbers = Counter(inv.get("invoice_number") for inv in held)  # Factur-X: the e-invoice route
    assert len(held) == len(files) and set(numbers.values()) == {1}


def test_a_held_claim_writes_nothing_not_even_the_row(journal):
    holder, other = O.new_owner(), O.new_owner()
    row, claim = journal.ensure_and_claim("7", "a", holder, external_reference="r-a", invoice_number="F-9",
                                          kind="supplier", counterpart_id=3)
    assert claim.ours and row.invoice_number == "F-9"
    # another file with the same invoice: held, and its row is not even created
    row, claim = journal.ensure_and_claim("7", "b", other, external_reference="r-b", invoice_number="F-9",
                                          kind="supplier", counterpart_id=3)
    assert row is None and claim.held_by == holder and claim.held_sha256 == "a"
    journal.transition("7", "a", J.VERIFIED, release=holder)  # the last change gives the claim back
    assert journal.claimant("7", "a") is None
    row, claim = journal.ensure_and_claim("7", "b", other, external_reference="r-b", invoice_number="F-9",
                                          kind="supplier", counterpart_id=3)
    assert claim.ours and row.state == J.QUEUED


def test_a_claim_lost_before_the_import_is_sent_stops_the_run(pipeline, journal, standin, tmp_path, monkeypatch):
    """A long pause let the lease run out and another run took the document over: the first run,
    resuming, renews its claim just before the POST, finds it gone, and sends nothing."""
    job = supplier_job(standin, tmp_path, "LOST-1")
    other = O.Owner(pid=os.getpid(), host=O.host_name(), started="x", token="the-other-run")
    monkeypatch.setattr(journal, "renew", lambda company_id, sha256, owner: False)
    monkeypatch.setattr(journal, "claimant", lambda company_id, sha256: other)
    result = pipeline.run(job)
    assert result.status == FAILED and result.held and result.retryable
    posts = [e for e in standin.request_log if e[0] == "POST" and e[1].endswith("/supplier_invoices/import")]
    assert posts == []
