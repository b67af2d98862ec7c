"""Fault soak: many imports while the stand-in answers 500s, drops connections after doing the
work, and another program sharing the token causes 429 storms.

Must hold: 0 duplicates (one invoice per file in the stand-in), 0 lost (every file ends verified
once the faults stop and the failed ones are retried, as the person would), every failure
reported (a status, a reason in both languages, and whether a retry may help).

Size: ``SOAK_N`` (default 60 so the default test run stays short; ``SOAK_N=300`` for the full
run of the issue). Prints a summary line (run pytest with ``-s`` to see it).
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter

import httpx
import pytest

from app.jobs import import_job as IJ
from app.jobs.batch import BatchRunner
from app.jobs.journal import Journal
from app.jobs.import_job import ImportJob
from app.jobs.pipeline import ImportPipeline
from app.pdf.draft import to_draft
from app.pdf.reader import read_document
from app.standin.server import StandIn
from tests.jobs.conftest import make_client, supplier_ids
from tests.jobs.facturx_gen import supplier_batch

pytestmark = pytest.mark.soak

SOAK_N = int(os.environ.get("SOAK_N", "60"))


class _Storm(threading.Thread):
    """Another program using the same token: bursts that empty the rate-limit window."""

    def __init__(self, standin: StandIn, every: float = 1.5, burst: int = 60) -> None:
        super().__init__(daemon=True)
        self.standin, self.every, self.burst = standin, every, burst
        self.stop = threading.Event()
        self.sent = 0

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.standin.demo_token}"}
        with httpx.Client(base_url=self.standin.url, headers=headers, timeout=5) as http:
            while not self.stop.wait(self.every):
                for _ in range(self.burst):
                    try:
                        http.get("/me")
                        self.sent += 1
                    except httpx.HTTPError:
                        pass


def test_fault_soak(tmp_path):
    n = SOAK_N
    with StandIn(rate_limit=(60, 1.0)) as standin:
        files = supplier_batch(tmp_path / "in", n, prefix="SOAK")
        supplier = supplier_ids(standin)["Au bon moulin"]
        jobs = []
        for f in files:
            reading = read_document(f)
            draft = to_draft(reading, "supplier")
            draft.counterpart_id = supplier
            jobs.append(ImportJob.from_reading(reading, "supplier", draft=draft))
        journal = Journal(tmp_path / "journal.sqlite3")
        client = make_client(standin, limit=60, window=1.0, backoff_base=0.05, backoff_cap=0.5)
        pipeline = ImportPipeline(client, journal, standin.demo_company_id, lookup_delays=(0.05, 0.2))

        standin.set_faults(error_rate=0.08, reset_after_processing_rate=0.08, seed=7)
        storm = _Storm(standin)
        storm.start()
        started = time.monotonic()
        rounds: list[Counter] = []
        reasons: Counter = Counter()
        reported = True
        pending = list(range(n))
        results: dict[int, IJ.JobResult] = {}
        try:
            for _ in range(2):  # the run, then one "retry failed" while the faults go on
                batch = [jobs[i] for i in pending]
                out = BatchRunner(pipeline, workers=2).run(batch)
                for i, r in zip(pending, out):
                    results[i] = r
                    if r.status != IJ.VERIFIED:
                        reported &= bool(r.reason and r.reason.fr and r.reason.en) and r.status in IJ.STATUSES
                rounds.append(Counter(r.status for r in out))
                reasons.update(f"{r.step}: {r.reason.en[:90]}" for r in out if r.status == IJ.FAILED)
                pending = [i for i in pending if results[i].status == IJ.FAILED]
                if not pending:
                    break
        finally:
            storm.stop.set()
            storm.join()
        faulty_elapsed = time.monotonic() - started
        standin.set_faults()
        if pending:  # the faults stopped: retry the remaining failures once more
            out = BatchRunner(pipeline, workers=2).run([jobs[i] for i in pending])
            for i, r in zip(pending, out):
                results[i] = r
            rounds.append(Counter(r.status for r in out))

        invoices = standin.state.invoices(standin.demo_company_id, "supplier")
        refs = Counter(inv["external_reference"] for inv in invoices)
        attachments_used = Counter(inv["file_attachment_id"] for inv in invoices)
        expected_refs = {pipeline.reference(j.sha256) for j in jobs}
        statuses = [e[2] for e in standin.request_log]
        duplicates = sum(c - 1 for c in refs.values())
        lost = len(expected_refs - set(refs))
        print(
            f"\nsoak N={n}: rounds={[dict(r) for r in rounds]} faulty phase {faulty_elapsed:.1f}s; "
            f"server answered {statuses.count(500)}×500, {statuses.count(0)}× reset after processing, "
            f"{statuses.count(429)}×429 (storm sent {storm.sent}); invoices={len(invoices)} "
            f"duplicates={duplicates} lost={lost}\nfailures reported while faulty: {dict(reasons)}"
        )
        assert reported, "a failure without a status or a bilingual reason"
        assert duplicates == 0 and max(attachments_used.values()) == 1
        assert lost == 0 and set(refs) == expected_refs and len(invoices) == n
        assert all(results[i].status == IJ.VERIFIED for i in range(n)), Counter(r.status for r in results.values())
        assert statuses.count(500) > 0 and statuses.count(0) > 0 and statuses.count(429) > 0
        journal.close()
        client.close()
