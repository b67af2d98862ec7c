"""Batched lookups and verification (issue #17): two requests per plain invoice, doubles said."""

from __future__ import annotations

import threading
from collections import Counter

import httpx
import pytest

from app.jobs import lookups as L
from app.jobs.batch import BatchRunner
from app.jobs.journal import Journal
from app.jobs.import_job import DUPLICATE, VERIFIED
from app.jobs.pipeline import ImportPipeline
from app.pennylane.client import PennylaneClient
from app.pennylane.ratelimit import RateLimiter
from tests.jobs.conftest import customer_job, supplier_job


class Counting(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.seen: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.seen[(request.method, request.url.path.rsplit("/v2", 1)[-1])] += 1
        return super().handle_request(request)


def _client(standin, transport):
    return PennylaneClient(standin.demo_token, standin.url, limiter=RateLimiter(200, 1.0), transport=transport)


def test_a_batch_costs_two_requests_per_invoice_plus_two_per_hundred(standin, tmp_path):
    transport = Counting()
    client = _client(standin, transport)
    jobs = [supplier_job(standin, tmp_path, f"BATCH-{i}") for i in range(6)]
    with Journal(tmp_path / "j.sqlite3") as journal:
        pipeline = ImportPipeline(client, journal, standin.demo_company_id)
        runner = BatchRunner(pipeline, workers=2)
        results = runner.run(jobs)
    client.close()
    assert [r.status for r in results] == [VERIFIED] * 6
    assert runner.findings == []
    # 1 list before (duplicate checks), 6 uploads, 6 imports, 1 list after (verification)
    assert transport.seen == Counter({
        ("GET", "/supplier_invoices"): 2, ("POST", "/file_attachments"): 6,
        ("POST", "/supplier_invoices/import"): 6,
    }), transport.seen  # fmt: skip


def test_the_batched_lookup_still_finds_what_pennylane_holds(standin, client, tmp_path):
    job = supplier_job(standin, tmp_path, "SEEN-1")
    with Journal(tmp_path / "elsewhere.sqlite3") as elsewhere:
        assert ImportPipeline(client, elsewhere, standin.demo_company_id).run(job).status == VERIFIED
    with Journal(tmp_path / "j.sqlite3") as journal:
        (result,) = BatchRunner(ImportPipeline(client, journal, standin.demo_company_id)).run([job])
    assert result.status == DUPLICATE and result.duplicate.same_file


@pytest.mark.parametrize("make", [supplier_job, customer_job], ids=["supplier", "customer"])
def test_a_double_made_elsewhere_is_found_and_said(make, standin, client, tmp_path):
    job = make(standin, tmp_path, "TWICE-1")
    with Journal(tmp_path / "elsewhere.sqlite3") as elsewhere:
        first = ImportPipeline(client, elsewhere, standin.demo_company_id).run(job)
    # another journal, and an older version that did not look Pennylane up: a double is made
    with Journal(tmp_path / "j.sqlite3") as journal:
        pipeline = ImportPipeline(client, journal, standin.demo_company_id, remote_duplicate_check=False)
        runner = BatchRunner(pipeline)
        (second,) = runner.run([job])
        row = journal.get(standin.demo_company_id, job.sha256)
    assert second.status == VERIFIED and second.invoice_id != first.invoice_id
    (finding,) = runner.findings
    assert finding.what == L.DOUBLE and finding.invoice_ids == (second.invoice_id, first.invoice_id)
    assert f"#{first.invoice_id}" in finding.text.en and "delete" in finding.text.en
    assert f"n° {first.invoice_id}" in finding.text.fr
    assert row.reason_en == finding.text.en  # kept in the history too
