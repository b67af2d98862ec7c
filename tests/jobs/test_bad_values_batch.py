"""One document with a value out of bounds is one failed row with its reason; the batch goes on."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from tests.jobs.facturx_gen import cii, supplier_batch
from tests.pdf.makepdf import make_pdf

BAD = {
    "total": (b"<ram:GrandTotalAmount>120.00<", b"<ram:GrandTotalAmount>1E999999999<"),
    "quantity": (b'<ram:BilledQuantity unitCode="C62">1<', b'<ram:BilledQuantity unitCode="C62">1E999999999<'),
    "number": (b"<ram:ID>BAD-1<", b"<ram:ID>" + b"7" * 100_000 + b"<"),
}


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_bad_value_fails_its_row_and_the_good_invoices_go_through(standin, tmp_path, monkeypatch, capsys, dry_run):
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    monkeypatch.setenv("PENNYLANE_API_TOKEN", standin.demo_token)
    good = supplier_batch(tmp_path / "in", 3)
    bad = []
    for name, (old, new) in BAD.items():
        xml = cii("BAD-1")
        assert old in xml, name
        bad.append(make_pdf(tmp_path / "in" / f"bad-{name}.pdf", ["Facture BAD-1"],
                            attachments={"factur-x.xml": xml.replace(old, new, 1)}))  # fmt: skip
    args = ["import", str(bad[0]), *map(str, good), *map(str, bad[1:]), "--kind", "supplier", "--json"]
    assert main(args + (["--dry-run"] if dry_run else [])) == 1
    rows = {json.loads(x)["file"]: json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()}
    assert len(rows) == 6
    for path in good:
        assert rows[str(path)]["status"] == ("ready" if dry_run else "verified")
    for path in bad:
        row = rows[str(path)]
        assert row["status"] == "failed" and "factur-x.xml" in row["reason"], row
        assert len(json.dumps(row)) < 2000  # the value itself is never carried along
    if not dry_run:
        assert len(standin.state.invoices(standin.demo_company_id, "supplier")) == 3
