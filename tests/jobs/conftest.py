"""Fixtures for the pipeline tests: an in-process stand-in, a fast client, a journal, PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.jobs.journal import Journal
from app.jobs.import_job import ImportJob
from app.jobs.pipeline import ImportPipeline
from app.pdf.draft import to_draft
from app.pdf.reader import read_document
from app.pennylane.client import PennylaneClient
from app.pennylane.ratelimit import RateLimiter
from app.standin.server import StandIn
from tests.jobs.facturx_gen import customer_pdf, facturx_pdf


def pytest_configure(config):
    config.addinivalue_line("markers", "soak: fault soak (SOAK_N sets its size; 60 by default)")
    config.addinivalue_line("markers", "crash: SIGKILL crash test with subprocesses")


@pytest.fixture
def standin():
    # a fast window keeps the tests short; the client's limiter matches it
    with StandIn(rate_limit=(200, 1.0)) as s:
        yield s


def make_client(standin: StandIn, *, limit: int = 200, window: float = 1.0, **kw) -> PennylaneClient:
    kw.setdefault("backoff_base", 0.02)
    kw.setdefault("backoff_cap", 0.2)
    return PennylaneClient(standin.demo_token, standin.url, limiter=RateLimiter(limit, window), **kw)


@pytest.fixture
def client(standin):
    c = make_client(standin)
    yield c
    c.close()


@pytest.fixture
def journal(tmp_path):
    j = Journal(tmp_path / "journal.sqlite3")
    yield j
    j.close()


@pytest.fixture
def pipeline(client, journal, standin):
    return ImportPipeline(client, journal, standin.demo_company_id, lookup_delays=(0.01, 0.02))


def supplier_ids(standin: StandIn) -> dict[str, int]:
    co = standin.state.company(standin.demo_company_id)
    return {s["name"]: s["id"] for s in co.suppliers.values()}


def customer_ids(standin: StandIn) -> dict[str, int]:
    co = standin.state.company(standin.demo_company_id)
    return {c.get("name"): c["id"] for c in co.customers.values()}


def supplier_job(standin: StandIn, folder: Path, number: str, **kw) -> ImportJob:
    path = facturx_pdf(folder / f"{number}.pdf", number, **{k: v for k, v in kw.items() if k in ("net", "tax_override", "issue")})
    reading = read_document(path)
    assert reading.error is None, reading.error
    draft = to_draft(reading, "supplier")
    draft.counterpart_id = supplier_ids(standin)["Au bon moulin"]
    extra = {k: v for k, v in kw.items() if k in ("force", "route")}
    return ImportJob.from_reading(reading, "supplier", draft=draft, **extra)


def customer_job(standin: StandIn, folder: Path, number: str, **kw) -> ImportJob:
    path = customer_pdf(folder / f"{number}.pdf", number, **kw)
    reading = read_document(path)
    assert reading.error is None, reading.error
    draft = to_draft(reading, "customer")
    draft.counterpart_id = customer_ids(standin)["Ma jolie boutique"]
    return ImportJob.from_reading(reading, "customer", draft=draft)


@pytest.fixture
def cli_env(monkeypatch):
    """A stand-in on its own port, with the CLI's environment pointing at it (URL and token)."""
    from app.standin.server import StandIn

    with StandIn(rate_limit=(200, 1.0)) as standin:
        monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
        monkeypatch.setenv("PENNYLANE_API_TOKEN", standin.demo_token)
        yield standin
