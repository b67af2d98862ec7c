"""The file uploaded is the file read: hashed while it is streamed, refused when it differs."""

from __future__ import annotations

import hashlib

import pytest

from app.jobs import journal as J
from app.jobs import import_job as IJ
from app.jobs.pipeline import ImportPipeline
from app.pennylane.errors import FileChangedError
from tests.jobs.conftest import make_client, supplier_job
from tests.jobs.facturx_gen import facturx_pdf


def test_the_client_refuses_a_file_that_is_not_the_one_read(standin, tmp_path):
    path = facturx_pdf(tmp_path / "a.pdf", "FC-1")
    read = hashlib.sha256(path.read_bytes()).hexdigest()
    facturx_pdf(path, "FC-2")  # replaced on disk after it was read
    with make_client(standin) as client:
        with pytest.raises(FileChangedError) as info:
            client.upload_file(path, expected_sha256=read)
        assert "a.pdf" in info.value.text.en and "a.pdf" in info.value.text.fr
        assert standin.state.attachments(standin.demo_company_id) == []  # nothing complete reached it
        # the same file, unchanged, goes through (and a grown file is refused too)
        same = hashlib.sha256(path.read_bytes()).hexdigest()
        assert client.upload_file(path, expected_sha256=same).id
        with open(path, "ab") as fh:
            fh.write(b"\n% one more line")
        with pytest.raises(FileChangedError):
            client.upload_file(path, expected_sha256=same)
    assert len(standin.state.attachments(standin.demo_company_id)) == 1


@pytest.mark.parametrize("route", [J.ROUTE_IMPORT, J.ROUTE_E_INVOICE])
def test_a_file_replaced_between_reading_and_upload_fails_its_row_and_imports_nothing(
        standin, journal, tmp_path, monkeypatch, route):
    job = supplier_job(standin, tmp_path, "TOC-2024-0030", route=route)
    client = make_client(standin)
    pipeline = ImportPipeline(client, journal, standin.demo_company_id, lookup_delays=(0.01, 0.02))
    swap_at = "after_uploading_recorded" if route == J.ROUTE_IMPORT else "before_import_post"
    original = pipeline._crash_point

    def swap(name: str) -> None:
        if name == swap_at:  # another invoice's PDF lands on the same path, after every check
            facturx_pdf(job.path, "OTHER-2024-0001")
        original(name)

    monkeypatch.setattr(pipeline, "_crash_point", swap)
    result = pipeline.run(job)
    client.close()
    assert result.status == IJ.FAILED and not result.retryable
    assert "changed on disk since it was read" in result.reason.en and "a changé sur le disque" in result.reason.fr
    assert standin.state.invoices(standin.demo_company_id, "supplier") == []
    assert standin.state.attachments(standin.demo_company_id) == []
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row.invoice_id is None and not row.import_pending
