"""The README's terminal flow: ``login --token-stdin`` stores the token, ``import`` uses it
(no ``PENNYLANE_API_TOKEN``)."""

from __future__ import annotations

import io
import json
import os
import sys

from app.cli import main
from tests.jobs.facturx_gen import supplier_batch


def test_import_after_login_uses_the_stored_token(standin, tmp_path, monkeypatch, capsys, memory_keyring):
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    assert "PENNYLANE_API_TOKEN" not in os.environ
    monkeypatch.setattr(sys, "stdin", io.StringIO(standin.demo_token + "\n"))
    assert main(["login", "--token-stdin"]) == 0
    capsys.readouterr()
    (pdf,) = supplier_batch(tmp_path / "in", 1)
    assert main(["import", str(pdf), "--kind", "supplier", "--json"]) == 0
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert line["status"] == "verified" and line["invoice_id"]
    assert len(standin.state.invoices(standin.demo_company_id, "supplier")) == 1


def test_import_after_logout_asks_for_a_token(standin, tmp_path, monkeypatch, capsys, memory_keyring):
    monkeypatch.setenv("PENNYLANE_API_URL", standin.url)
    monkeypatch.setattr(sys, "stdin", io.StringIO(standin.demo_token + "\n"))
    assert main(["login", "--token-stdin"]) == 0
    assert main(["logout"]) == 0
    capsys.readouterr()
    (pdf,) = supplier_batch(tmp_path / "in", 1)
    assert main(["import", str(pdf), "--kind", "supplier"]) == 2
    assert "login" in capsys.readouterr().err
