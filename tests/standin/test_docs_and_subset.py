"""docs/standin.md's curl flow runs against the stand-in; the committed schema subset is current."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from app.standin.server import StandIn
from tests.standin.conftest import REPO, SAMPLES, SPEC_PATH


@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq") and shutil.which("bash")),
                    reason="curl, jq and bash are needed")
def test_doc_curl_flow_runs(tmp_path):
    doc = (REPO / "docs" / "standin.md").read_text(encoding="utf-8")
    flow = doc[doc.index("## The seed guide's flow, with curl"):]
    blocks = re.findall(r"```sh\n(.*?)```", flow, re.S)
    assert len(blocks) >= 5
    script = "set -euo pipefail\n" + "\n".join(blocks)
    with StandIn(rate_limit=None) as s:
        env_file = tmp_path / "standin.env"
        env_file.write_text(f"PENNYLANE_API_URL={s.url}\nPENNYLANE_API_TOKEN={s.demo_token}\n")
        script = script.replace("/tmp/standin.env", str(env_file))
        pdf = SAMPLES / "facturx_FR_MINIMUM_FA-2017-0010.pdf"
        (tmp_path / "invoice-october.pdf").write_bytes(pdf.read_bytes() if pdf.exists() else b"%PDF-1.4\n%%EOF\n")
        out = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert "Entry lines are not balanced" in out.stdout and "Resource already exists" in out.stdout
        assert '"weight": "1.0"' in out.stdout and "NotExistPropertyDefinition" in out.stdout
        invoices = s.state.invoices(s.demo_company_id, "customer")
        assert [i["invoice_number"] for i in invoices] == ["F-2025-0042"]
        assert invoices[0]["categories_assigned"][0]["weight"] == "1.0"


@pytest.mark.skipif(not SPEC_PATH.exists(), reason="the OpenAPI document is not available")
def test_committed_subset_is_what_the_extractor_writes(tmp_path):
    out = tmp_path / "subset.json"
    subprocess.run([sys.executable, str(REPO / "tools" / "extract_schemas.py"), str(SPEC_PATH), "--out", str(out)],
                   check=True, capture_output=True)
    committed = (REPO / "app" / "standin" / "openapi_subset.json").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed
    subset = json.loads(committed)
    assert len(committed) < 60_000
    assert "description" not in committed.replace('"description": {', "")  # only as a property name
    assert subset["operations"]["getSupplierInvoices"]["filter"]["external_reference"] == ["eq", "not_eq", "in", "not_in"]
