"""Counterpart matching, the batch runner, and the ``import`` command (in-process)."""

from __future__ import annotations

import json
import threading

import pytest

from app.cli import main
from app.jobs import journal as J
from app.jobs import import_job as IJ
from app.jobs.batch import BatchRunner, jobs_for, resume_unfinished
from app.jobs.journal import Journal
from app.jobs.matching import match_counterpart, normalize_name, party_keys
from app.domain.invoice import Party as PartyInfo
from tests.jobs.conftest import make_client, supplier_job
from tests.jobs.facturx_gen import customer_pdf, facturx_pdf, supplier_batch

SUPPLIERS = [
    {"id": 1, "name": "Au bon moulin", "reg_no": "999999998", "establishment_no": "99999999800010",
     "vat_number": "FR11999999998", "iban": "FR7630006000011234567890189"},
    {"id": 2, "name": "Boulangerie Martin SARL", "reg_no": "732829320", "vat_number": "FR44732829320"},
    {"id": 3, "name": "Boulangerie Martin", "reg_no": None},
    {"id": 4, "name": "Twin A", "iban": "DE89370400440532013000"},
    {"id": 5, "name": "Twin B", "iban": "DE89 3704 0044 0532 0130 00"},
]  # fmt: skip


# -- matching -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "party, expected_id, key",
    [
        (PartyInfo(siret="99999999800010"), 1, "siret"),
        (PartyInfo(siren="99999999800010"), 1, "siret"),  # a SIRET where a SIREN was expected
        (PartyInfo(siren="999 999 998"), 1, "siren"),
        (PartyInfo(vat_number="FR 11 999999998"), 1, "siren"),  # SIREN derived from the FR VAT number
        (PartyInfo(vat_number="fr44732829320", name="whatever"), 2, "siren"),
        (PartyInfo(iban="fr76 3000 6000 0112 3456 7890 189"), 1, "iban"),
        (PartyInfo(name="AU BON MOULIN SAS"), 1, "name"),
        (PartyInfo(name="Boulangerie  Martin, S.A.R.L."), None, "name"),  # two suppliers share the name
        (PartyInfo(iban="DE89370400440532013000"), None, "iban"),  # ambiguous
        (PartyInfo(name="Nobody"), None, None),
        (PartyInfo(), None, None),
    ],
)
def test_match_counterpart(party, expected_id, key):
    match = match_counterpart(party, SUPPLIERS)
    assert match.counterpart_id == expected_id
    assert match.key == key
    if expected_id is None and key is not None:
        assert match.ambiguous and len(match.candidates) == 2
        assert "choose" in match.reason.en
    if expected_id is not None:
        assert match.reason.en.startswith("Counterpart recognised by")


def test_normalisation():
    assert normalize_name("Société Générale S.A.") == "generale"
    assert party_keys({"siret": "999 999 998 00010"}) == {"siret": "99999999800010", "siren": "999999998"}


def test_match_against_the_stand_in_suppliers(client):
    match = match_counterpart(PartyInfo(name="Au bon moulin", siren="999999998"), client.suppliers())
    assert match.counterpart_name == "Au bon moulin" and match.key == "siren"


# -- batch ----------------------------------------------------------------------------------------


def test_batch_runs_everything_and_keeps_failures(pipeline, standin, tmp_path):
    jobs = [supplier_job(standin, tmp_path, f"AM-B-{i}", net=f"{10 + i}.00") for i in range(5)]
    bad = supplier_job(standin, tmp_path, "AM-B-BAD", net="10.00", tax_override="9.99")
    jobs.insert(2, bad)
    events, overall = [], []
    lock = threading.Lock()

    def on_job_progress(index, job, step, fraction):
        with lock:
            events.append((index, step, fraction))

    runner = BatchRunner(pipeline, workers=2, on_job_progress=on_job_progress,
                         on_progress=lambda p: overall.append(p))
    results = runner.run(jobs)
    assert [r.status for r in results] == ["verified"] * 2 + ["failed"] + ["verified"] * 3
    assert results[2].reason is not None and not results[2].retryable
    assert overall[-1].finished == 6 and overall[-1].verified == 5 and overall[-1].failed == 1
    assert overall[-1].fraction == pytest.approx(1.0)
    assert {i for i, _, _ in events} == set(range(6))
    assert len(standin.state.invoices(standin.demo_company_id, "supplier")) == 5


def test_batch_pause_resume_cancel(pipeline, standin, tmp_path):
    jobs = [supplier_job(standin, tmp_path, f"AM-P-{i}", net=f"{20 + i}.00") for i in range(4)]
    runner = None
    paused_seen = threading.Event()

    def on_done(index, job, result):
        if index == 0:
            runner.pause()
            threading.Timer(0.2, lambda: (paused_seen.set(), runner.resume())).start()
        if index == 1:
            runner.cancel()

    runner = BatchRunner(pipeline, on_job_done=on_done)
    results = runner.run(jobs)
    assert paused_seen.is_set()
    assert [r.status for r in results] == ["verified", "verified", "cancelled", "cancelled"]
    assert len(standin.state.invoices(standin.demo_company_id, "supplier")) == 2


def test_resume_unfinished(pipeline, journal, standin, tmp_path, monkeypatch):
    done = supplier_job(standin, tmp_path, "AM-R-1")
    assert pipeline.run(done).ok
    half = supplier_job(standin, tmp_path, "AM-R-2")

    class Killed(BaseException):
        pass

    def crash(name):
        if name == "after_import_response_before_journal":
            raise Killed()

    monkeypatch.setattr(pipeline, "_crash_point", crash)
    with pytest.raises(Killed):
        pipeline.run(half)
    monkeypatch.undo()
    failed = supplier_job(standin, tmp_path, "AM-R-3", tax_override="1.00")
    assert pipeline.run(failed).status == IJ.FAILED
    rows = resume_unfinished(journal, standin.demo_company_id)
    assert [r.sha256 for r in rows] == [half.sha256] and rows[0].state == J.IMPORTING
    assert len(resume_unfinished(journal, standin.demo_company_id, include_failed=True)) == 2
    (result,) = BatchRunner(pipeline).run(jobs_for(rows))
    assert result.status == IJ.VERIFIED
    assert len(standin.state.invoices(standin.demo_company_id, "supplier")) == 2


# -- the import command ---------------------------------------------------------------------------


@pytest.fixture
def cli_env(standin, monkeypatch):
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    monkeypatch.setenv("PENNYLANE_API_TOKEN", standin.demo_token)
    return standin


def _lines(capsys) -> list[dict]:
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_cli_imports_matches_and_reports(cli_env, tmp_path, capsys):
    standin = cli_env
    files = supplier_batch(tmp_path / "in", 3)
    bad = facturx_pdf(tmp_path / "in" / "bad.pdf", "AM-BAD", tax_override="3.00")
    junk = tmp_path / "in" / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    assert main(["import", *map(str, files), str(bad), str(junk), "--kind", "supplier", "--json"]) == 1
    lines = {Path_name(d["file"]): d for d in _lines(capsys)}
    for f in files:
        d = lines[f.name]
        assert d["status"] == "verified" and d["invoice_id"] and d["external_reference"].startswith("pli-")
    assert lines["bad.pdf"]["status"] == "failed" and "unbalanced" in lines["bad.pdf"]["reason"]
    assert lines["junk.pdf"]["status"] == "failed" and lines["junk.pdf"]["reason"]
    assert len(standin.state.invoices(standin.demo_company_id, "supplier")) == 3
    # a second run imports nothing again, and succeeds
    assert main(["import", *map(str, files), "--kind", "supplier", "--json"]) == 0
    assert {d["status"] for d in _lines(capsys)} == {"duplicate"}
    assert len(standin.state.invoices(standin.demo_company_id, "supplier")) == 3


def Path_name(p: str) -> str:
    from pathlib import Path

    return Path(p).name


def test_cli_customer_dry_run_and_company_check(cli_env, tmp_path, capsys):
    standin = cli_env
    f = customer_pdf(tmp_path / "c.pdf", "FA-CLI-1")
    assert main(["import", str(f), "--kind", "customer", "--dry-run", "--json"]) == 0
    (d,) = _lines(capsys)
    assert d["status"] == "ready" and d["counterpart_match"] == "Ma jolie boutique"
    assert standin.state.attachments(standin.demo_company_id) == []
    assert main(["import", str(f), "--kind", "customer", "--company", "1"]) == 2
    assert "company" in capsys.readouterr().err
    assert main(["import", str(f), "--kind", "customer"]) == 0
    assert "verified" in capsys.readouterr().out


def test_cli_without_token(tmp_path, capsys, monkeypatch):
    f = facturx_pdf(tmp_path / "x.pdf", "X-1")
    assert main(["import", str(f), "--kind", "supplier"]) == 2
    assert "PENNYLANE_API_TOKEN" in capsys.readouterr().err


def test_journal_never_holds_the_token(cli_env, tmp_path, capsys, app_home):
    files = supplier_batch(tmp_path / "in", 1)
    assert main(["import", *map(str, files), "--kind", "supplier"]) == 0
    data = b"".join(p.read_bytes() for p in (app_home / "data").glob("journal.sqlite3*"))
    assert data and cli_env.demo_token.encode() not in data


def test_cli_finds_each_documents_kind_and_refuses_the_wrong_one(cli_env, tmp_path, capsys, monkeypatch):
    """Without --kind, each document's kind comes from where the company stands on it (buyer:
    purchase, seller: sale); a --kind that contradicts the document, or a document that does not
    name the company, is refused with the reason, and nothing is sent for it."""
    import shutil
    from pathlib import Path

    from app.domain.text import set_language

    standin = cli_env
    (tmp_path / "in").mkdir()
    purchase = facturx_pdf(tmp_path / "in" / "achat.pdf", "AM-KIND-1")
    sale = customer_pdf(tmp_path / "in" / "vente.pdf", "FA-KIND-1")
    from tests.shared_files import SAMPLES as samples
    foreign = None
    if (samples / "facturx_FR_MINIMUM_FA-2017-0010.pdf").exists():  # addressed to "Ma jolie boutique"
        foreign = Path(shutil.copy(samples / "facturx_FR_MINIMUM_FA-2017-0010.pdf", tmp_path / "in" / "autre.pdf"))

    assert main(["import", str(sale), "--kind", "supplier", "--json"]) == 1
    (d,) = _lines(capsys)
    assert d["status"] == "failed" and "seller" in d["reason"] and "--kind customer" in d["reason"]
    assert standin.state.attachments(standin.demo_company_id) == []

    files = [purchase, sale, *([foreign] if foreign else [])]
    assert main(["import", *map(str, files), "--json"]) == (1 if foreign else 0)
    lines = {Path_name(d["file"]): d for d in _lines(capsys)}
    assert lines["achat.pdf"]["status"] == "verified" and lines["vente.pdf"]["status"] == "verified"
    assert len(standin.state.invoices(standin.demo_company_id, "supplier")) == 1
    assert len(standin.state.invoices(standin.demo_company_id, "customer")) == 1
    if foreign:
        assert lines["autre.pdf"]["status"] == "failed" and "neither as its buyer nor as its seller" in lines["autre.pdf"]["reason"]
        monkeypatch.setenv("PENNYLANE_IMPORTER_LANG", "fr")
        try:
            assert main(["import", str(foreign), "--json"]) == 1
            (d,) = _lines(capsys)
            assert "ni comme vendeur" in d["reason"]
        finally:
            set_language("en")


def test_cli_a_missing_due_date_is_chosen_explicitly(cli_env, tmp_path, capsys):
    import dataclasses

    from app.standin import samples
    from tests.jobs.facturx_gen import invoice

    f = samples.invoice_pdf(tmp_path / "nodue.pdf", dataclasses.replace(invoice("AM-NODUE"), due=None), facturx=True)
    assert main(["import", str(f), "--kind", "supplier", "--json", "--route", "import"]) == 1
    (d,) = _lines(capsys)
    assert d["status"] == "failed" and "due date" in d["reason"].lower()  # never the invoice date in silence
    assert main(["import", str(f), "--kind", "supplier", "--json", "--route", "import", "--due-on-receipt"]) == 0
    (d,) = _lines(capsys)
    assert d["status"] == "verified"
    (inv,) = [i for i in cli_env.state.invoices(cli_env.demo_company_id, "supplier") if i["invoice_number"] == "AM-NODUE"]
    assert inv["deadline"] == inv["date"]
