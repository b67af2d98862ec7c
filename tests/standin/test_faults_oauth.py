"""Rate limit, fault injection, OAuth authorization-server stand-in, e-invoice imports, CLI."""

from __future__ import annotations

import base64
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from app.standin.server import StandIn
from tests.standin.conftest import PDF, SAMPLES, Api, bearer

# --- rate limit ---------------------------------------------------------------------------------


def test_rate_limit_headers_and_429():
    with StandIn(rate_limit=(3, 0.6)) as s, httpx.Client(base_url=s.url, headers=bearer(s.demo_token)) as c:
        answers = [c.get("/me") for _ in range(4)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429]
        assert [r.headers["ratelimit-remaining"] for r in answers] == ["2", "1", "0", "0"]
        for r in answers:
            assert r.headers["ratelimit-limit"] == "3"
            assert abs(int(r.headers["ratelimit-reset"]) - time.time()) <= 2
        limited = answers[-1]
        assert limited.headers["content-type"].startswith("text/plain")
        assert limited.text == f"Rate limit exceeded. Please retry in {limited.headers['retry-after']} seconds."
        assert int(limited.headers["retry-after"]) >= 1
        # errors carry the headers too; another token has its own budget
        other = s.issue_token(s.demo_company_id, [])
        r = c.get("/supplier_invoices", headers=bearer(other))
        assert r.status_code == 403 and r.headers["ratelimit-remaining"] == "2"
        r = c.get("/me", headers=bearer("unknown"))
        assert r.status_code == 401 and "ratelimit-limit" in r.headers
        time.sleep(0.65)
        assert c.get("/me").status_code == 200


def test_rate_limit_under_threads_counts_exactly():
    with StandIn(rate_limit=(10, 30.0)) as s:
        codes: list[int] = []

        def work():
            with httpx.Client(base_url=s.url, headers=bearer(s.demo_token)) as c:
                for _ in range(5):
                    codes.append(c.get("/me").status_code)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(codes).count(200) == 10 and codes.count(429) == 10


# --- faults ---------------------------------------------------------------------------------------


@pytest.fixture
def fs():
    with StandIn(rate_limit=None) as s:
        yield s


def test_error_rate_answers_500_before_processing(fs):
    with httpx.Client(base_url=fs.url, headers=bearer(fs.demo_token)) as c:
        api = Api(c, fs)
        body = api.supplier_body()
        fs.set_faults(error_rate=1.0, paths=["/supplier_invoices"])
        r = c.post("/supplier_invoices/import", json=body)
        assert r.status_code == 500 and r.json()["status"] == 500
        assert fs.state.invoices(fs.demo_company_id, "supplier") == []
        assert c.get("/me").status_code == 200  # other paths unaffected
        fs.set_faults()
        assert c.post("/supplier_invoices/import", json=body).status_code == 201


def test_reset_after_processing_leaves_the_invoice(fs):
    with httpx.Client(base_url=fs.url, headers=bearer(fs.demo_token)) as c:
        api = Api(c, fs)
        body = api.supplier_body(external_reference="reset-1")
        fs.set_faults(reset_after_processing_rate=1.0, methods=["POST"])
        with pytest.raises(httpx.TransportError):
            c.post("/supplier_invoices/import", json=body)
        fs.set_faults()
        stored = fs.state.invoices(fs.demo_company_id, "supplier")
        assert [i["external_reference"] for i in stored] == ["reset-1"]
        # the client can find it by looking it up
        r = c.get("/supplier_invoices", params={"filter": '[{"field":"external_reference","operator":"eq","value":"reset-1"}]'})
        assert [i["id"] for i in r.json()["items"]] == [stored[0]["id"]]
        assert ("POST", "/api/external/v2/supplier_invoices/import", 0, None) in fs.request_log


def test_latency_and_slow_body(fs):
    with httpx.Client(base_url=fs.url, headers=bearer(fs.demo_token)) as c:
        fs.set_faults(latency=0.2)
        t = time.perf_counter()
        assert c.get("/me").status_code == 200
        assert time.perf_counter() - t >= 0.2
        fs.set_faults(slow_body_rate=1.0, slow_body_seconds=0.3)
        t = time.perf_counter()
        r = c.get("/suppliers")
        assert r.status_code == 200 and len(r.json()["items"]) == 8 and time.perf_counter() - t >= 0.3
        with pytest.raises(httpx.ReadTimeout):
            c.get("/suppliers", timeout=httpx.Timeout(5, read=0.01))


def test_faults_are_deterministic_with_a_seed(fs):
    def run():
        fs.set_faults(error_rate=0.5, seed=42)
        with httpx.Client(base_url=fs.url, headers=bearer(fs.demo_token)) as c:
            return [c.get("/me").status_code for _ in range(20)]

    first, second = run(), run()
    assert first == second and 500 in first and 200 in first


def test_admin_route(fs):
    admin = bearer(fs.admin_token)
    r = httpx.post(fs.root_url + "/_admin/faults", json={"error_rate": 1.0, "paths": ["/me"]}, headers=admin)
    assert r.status_code == 200 and r.json()["error_rate"] == 1.0
    assert httpx.get(fs.url + "/me", headers=bearer(fs.demo_token)).status_code == 500
    assert httpx.post(fs.root_url + "/_admin/faults", json={"bogus": 1}, headers=admin).status_code == 400
    assert httpx.post(fs.root_url + "/_admin/faults", json=[1], headers=admin).status_code == 400
    httpx.post(fs.root_url + "/_admin/faults", json={}, headers=admin)
    assert httpx.get(fs.url + "/me", headers=bearer(fs.demo_token)).status_code == 200


def test_admin_route_needs_the_admin_token(fs):
    for headers in ({}, bearer(fs.demo_token), bearer("x" * 32)):
        r = httpx.post(fs.root_url + "/_admin/faults", json={"error_rate": 1.0}, headers=headers)
        assert r.status_code == 401, headers
        assert httpx.get(fs.root_url + "/_admin/faults", headers=headers).status_code == 401
    assert httpx.get(fs.url + "/me", headers=bearer(fs.demo_token)).status_code == 200  # faults unchanged


# --- OAuth ----------------------------------------------------------------------------------------


def _authorize(s, **extra):
    params = {"client_id": s.oauth_client_id, "redirect_uri": "http://127.0.0.1:53682/callback",
              "response_type": "code", "scope": "supplier_invoices:all file_attachments:all", "state": "xyz", **extra}
    r = httpx.get(s.root_url + "/oauth/authorize", params=params)
    return r


def _code(r) -> str:
    assert r.status_code == 302, r.text
    q = parse_qs(urlsplit(r.headers["location"]).query)
    assert q["state"] == ["xyz"]
    return q["code"][0]


def _token(s, **form):
    return httpx.post(s.root_url + "/oauth/token", data={"client_id": s.oauth_client_id,
                                                          "client_secret": s.oauth_client_secret, **form})


def test_oauth_flow_with_pkce_and_rotation(fs):
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    r = _authorize(fs, code_challenge=challenge, code_challenge_method="S256", company_id=fs.second_company_id)
    assert r.headers["location"].startswith("http://127.0.0.1:53682/callback?")
    code = _code(r)
    redirect = "http://127.0.0.1:53682/callback"
    bad = _token(fs, grant_type="authorization_code", code=code, redirect_uri=redirect, code_verifier="wrong")
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"
    code = _code(_authorize(fs, code_challenge=challenge, code_challenge_method="S256", company_id=fs.second_company_id))
    r = _token(fs, grant_type="authorization_code", code=code, redirect_uri=redirect, code_verifier=verifier)
    pair = r.json()
    assert r.status_code == 200 and pair["token_type"] == "Bearer" and pair["expires_in"] == 86400
    assert pair["scope"] == "supplier_invoices:all file_attachments:all" and pair["created_at"] > 0
    me = httpx.get(fs.url + "/me", headers=bearer(pair["access_token"])).json()
    assert me["company"]["id"] == fs.second_company_id and me["scopes"] == ["supplier_invoices:all", "file_attachments:all"]
    # the code is single use
    assert _token(fs, grant_type="authorization_code", code=code, redirect_uri=redirect,
                  code_verifier=verifier).status_code == 400
    # rotation: the old refresh token and its access token die
    r2 = _token(fs, grant_type="refresh_token", refresh_token=pair["refresh_token"])
    new = r2.json()
    assert r2.status_code == 200 and new["refresh_token"] != pair["refresh_token"]
    assert httpx.get(fs.url + "/me", headers=bearer(pair["access_token"])).status_code == 401
    assert httpx.get(fs.url + "/me", headers=bearer(new["access_token"])).status_code == 200
    dead = _token(fs, grant_type="refresh_token", refresh_token=pair["refresh_token"])
    assert dead.status_code == 401 and dead.json() == {"error": "invalid_grant"}
    # revoke
    r = httpx.post(fs.root_url + "/oauth/revoke", data={"client_id": fs.oauth_client_id,
                                                        "client_secret": fs.oauth_client_secret,
                                                        "token": new["refresh_token"]})
    assert r.status_code == 200
    assert httpx.get(fs.url + "/me", headers=bearer(new["access_token"])).status_code == 401
    assert _token(fs, grant_type="refresh_token", refresh_token=new["refresh_token"]).status_code == 401
    assert fs.oauth_token_calls == 6


def test_oauth_without_pkce_defaults_to_demo_company_and_checks_inputs(fs):
    code = _code(_authorize(fs))
    wrong_redirect = _token(fs, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1:1/other")
    assert wrong_redirect.status_code == 400
    code = _code(_authorize(fs))
    r = _token(fs, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1:53682/callback")
    assert httpx.get(fs.url + "/me", headers=bearer(r.json()["access_token"])).json()["company"]["id"] == fs.demo_company_id
    assert _authorize(fs, client_id="nobody").status_code == 400
    r = _authorize(fs, response_type="token")
    assert "error=unsupported_response_type" in r.headers["location"]
    r = _authorize(fs, code_challenge="abc", code_challenge_method="plain")
    assert "error=invalid_request" in r.headers["location"]
    r = httpx.post(fs.root_url + "/oauth/token", data={"grant_type": "refresh_token", "refresh_token": "x",
                                                      "client_id": fs.oauth_client_id, "client_secret": "bad"})
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"
    assert _token(fs, grant_type="password").json()["error"] == "unsupported_grant_type"


def test_oauth_access_token_expiry():
    with StandIn(rate_limit=None, oauth_expires_in=1) as s:
        code = _code(_authorize(s))
        pair = _token(s, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1:53682/callback").json()
        assert pair["expires_in"] == 1
        assert httpx.get(s.url + "/me", headers=bearer(pair["access_token"])).status_code == 200
        s.expire_token(pair["access_token"])
        assert httpx.get(s.url + "/me", headers=bearer(pair["access_token"])).status_code == 401


# --- e-invoices ---------------------------------------------------------------------------------


def _sample(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip("Factur-X samples not available")
    return path.read_bytes()


def test_supplier_e_invoice_import(client, standin, check):
    data = _sample("facturx_FR_BASICWL_FA-2017-0010.pdf")
    r = client.post("/supplier_invoices/e_invoices/imports", files={"file": ("FA-2017-0010.pdf", data, "application/pdf")})
    created = check("post", "/supplier_invoices/e_invoices/imports", r)
    inv = client.get(f"/supplier_invoices/{created['id']}").json()
    assert (inv["invoice_number"], inv["date"], inv["deadline"]) == ("FA-2017-0010", "2017-11-13", "2017-12-13")
    assert (inv["currency_amount_before_tax"], inv["currency_tax"], inv["currency_amount"]) == ("624.90", "46.25", "671.15")
    moulin = client.get("/suppliers", params={"filter": '[{"field":"name","operator":"start_with","value":"Au bon moulin"}]'}).json()["items"][0]
    assert inv["supplier"]["id"] == moulin["id"]
    lines = client.get(f"/supplier_invoices/{created['id']}/invoice_lines").json()["items"]
    assert sorted(line["vat_rate"] for line in lines) == ["FR_200", "FR_55"]


def test_customer_e_invoice_import_credit_note_and_options(client, standin):
    data = _sample("facturx_FR_BASIC_creditnote381_AV-2017-0005.pdf")
    boutique = client.get("/customers", params={"filter": '[{"field":"reg_no","operator":"eq","value":"787878784"}]'}).json()["items"][0]
    account = client.get("/ledger_accounts", params={"filter": '[{"field":"number","operator":"eq","value":"707"}]'}).json()["items"][0]
    options = {"customer_id": boutique["id"], "invoice_lines": [{"e_invoice_line_id": "1", "ledger_account_id": account["id"]}]}
    import json as _json

    r = client.post("/customer_invoices/e_invoices/imports", files={"file": ("AV.pdf", data, "application/pdf")},
                    data={"invoice_options": _json.dumps(options)})
    assert r.status_code == 201, r.text
    inv = client.get(f"/customer_invoices/{r.json()['id']}").json()
    assert inv["status"] == "credit_note" and inv["currency_amount"] == "-233.47" and inv["customer"]["id"] == boutique["id"]
    lines = client.get(f"/customer_invoices/{inv['id']}/invoice_lines", params={"sort": "id"}).json()["items"]
    assert [line["label"] for line in lines] == ["Nougat de l'Abbaye 250g", "Huile d'olive à l'ancienne"]
    # invoice_options is validated against the schema
    r = client.post("/customer_invoices/e_invoices/imports", files={"file": ("AV.pdf", data, "application/pdf")},
                    data={"invoice_options": _json.dumps({"supplier_id": 1})})
    assert r.status_code == 400 and r.json()["code"] == "NotExistPropertyDefinition"


def test_minimum_profile_and_non_e_invoice(client):
    data = _sample("facturx_FR_MINIMUM_FA-2017-0010.pdf")
    r = client.post("/supplier_invoices/e_invoices/imports", files={"file": ("m.pdf", data, "application/pdf")})
    assert r.status_code == 201
    inv = client.get(f"/supplier_invoices/{r.json()['id']}").json()
    assert inv["deadline"] == "2017-11-13" and inv["currency_amount"] == "671.15"
    import io

    from pypdf import PdfWriter

    writer, buf = PdfWriter(), io.BytesIO()
    writer.add_blank_page(595, 842)
    writer.write(buf)
    r = client.post("/supplier_invoices/e_invoices/imports", files={"file": ("plain.pdf", buf.getvalue(), "application/pdf")})
    assert r.status_code == 422 and "Factur-X" in r.json()["error"]
    r = client.post("/supplier_invoices/e_invoices/imports", files={"file": ("broken.pdf", PDF, "application/pdf")})
    assert r.status_code == 422


# --- seed and CLI -------------------------------------------------------------------------------


def test_seed_identifiers_are_valid(standin):
    from app.standin.identifiers import fr_vat_ok, iban_ok, siren_ok

    co = standin.state.company(standin.demo_company_id)
    assert len([c for c in co.customers.values() if c["customer_type"] == "company"]) == 8 and len(co.suppliers) == 8
    for c in co.customers.values():
        if c["customer_type"] == "company":
            assert siren_ok(c["reg_no"]) and fr_vat_ok(c["vat_number"]) and iban_ok(c["billing_iban"])
    for c in co.suppliers.values():
        assert siren_ok(c["reg_no"]) and fr_vat_ok(c["vat_number"]) and iban_ok(c["iban"])
    assert not siren_ok("999999999") and not fr_vat_ok("FR12999999998") and not iban_ok("FR7630006000011234567890188")


def test_cli_prints_two_lines_and_stops_on_sigterm(tmp_path):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "app", "standin", "--port", "0", "--rate-limit", "5/1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url_line = proc.stdout.readline().strip()
        token_line = proc.stdout.readline().strip()
        assert url_line.startswith("PENNYLANE_API_URL=http://127.0.0.1:") and url_line.endswith("/api/external/v2")
        assert token_line.startswith("PENNYLANE_API_TOKEN=")
        r = httpx.get(url_line.split("=", 1)[1] + "/me", headers=bearer(token_line.split("=", 1)[1]))
        assert r.status_code == 200 and r.headers["ratelimit-limit"] == "5"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
