"""The stand-in's endpoints and error answers, over real HTTP (httpx, not the client)."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from tests.standin.conftest import PDF, bearer


def test_me(client, standin, check):
    r = client.get("/me")
    body = check("get", "/me", r)
    assert body["company"] == {"id": standin.demo_company_id, "name": "Atelier Demo SAS",
                               "reg_no": body["company"]["reg_no"]}
    assert not body["company"]["reg_no"].startswith("sandbox-")
    assert "supplier_invoices:all" in body["scopes"]


def test_sandbox_company_reg_no(standin):
    r = httpx.get(standin.url + "/me", headers=bearer(standin.sandbox_token))
    assert r.json()["company"]["reg_no"] == f"sandbox-{standin.sandbox_company_id}"


@pytest.mark.parametrize("how", ["unknown", "missing", "revoked", "expired"])
def test_401(standin, how):
    token = standin.issue_token(standin.demo_company_id, ["supplier_invoices:all"])
    if how == "revoked":
        standin.revoke_token(token)
    elif how == "expired":
        standin.expire_token(token)
    headers = {} if how == "missing" else bearer("nope" if how == "unknown" else token)
    r = httpx.get(standin.url + "/supplier_invoices", headers=headers)
    assert r.status_code == 401
    assert r.json() == {"error": "The access token is invalid", "status": 401}


def test_403_names_the_scope_and_all_implies_readonly(standin):
    ro = standin.issue_token(standin.demo_company_id, ["supplier_invoices:readonly", "file_attachments:all"])
    r = httpx.post(standin.url + "/supplier_invoices/import", headers=bearer(ro), json={})
    assert r.status_code == 403
    assert r.json() == {"error": 'Access to this resource requires scope "supplier_invoices:all".', "status": 403}
    assert httpx.get(standin.url + "/supplier_invoices", headers=bearer(ro)).status_code == 200
    rw = standin.issue_token(standin.demo_company_id, ["supplier_invoices:all"])
    assert httpx.get(standin.url + "/supplier_invoices", headers=bearer(rw)).status_code == 200
    r = httpx.get(standin.url + "/customers", headers=bearer(rw))
    assert r.status_code == 403 and '"customers:readonly"' in r.json()["error"]
    # /me needs no scope
    none = standin.issue_token(standin.demo_company_id, [])
    assert httpx.get(standin.url + "/me", headers=bearer(none)).json()["scopes"] == []


def test_404(client, standin, api):
    assert client.get("/supplier_invoices/999999").json() == {"error": "Not Found", "status": 404}
    assert client.get("/nothing/here").status_code == 404
    # another company's invoice is not visible
    inv = api.import_supplier()
    other = httpx.get(f"{standin.url}/supplier_invoices/{inv['id']}", headers=bearer(standin.second_token))
    assert other.status_code == 404
    # a supplier invoice is not a customer invoice
    assert client.get(f"/customer_invoices/{inv['id']}").status_code == 404


# --- file attachments ---------------------------------------------------------------------------


def test_upload_stores_size_hash_and_type(client, standin, check):
    content = PDF + b"x" * 300_000
    r = client.post("/file_attachments", files={"file": ("f.pdf", content, "application/pdf")},
                    data={"filename": "Facture octobre.pdf"})
    body = check("post", "/file_attachments", r)
    assert r.status_code == 201 and body["filename"] == "Facture octobre.pdf"
    att = next(a for a in standin.state.attachments(standin.demo_company_id) if a["id"] == body["id"])
    assert att["size"] == len(content)
    assert att["sha256"] == hashlib.sha256(content).hexdigest()
    assert att["content_type"] == "application/pdf" and att["invoice_id"] is None


def test_upload_images_allowed(client):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
    r = client.post("/file_attachments", files={"file": ("scan.png", png, "image/png")})
    assert r.status_code == 201 and r.json()["filename"] == "scan.png"


def test_upload_refusals(client, standin):
    r = client.post("/file_attachments", files={"file": ("notes.txt", b"hello", "text/plain")})
    assert r.status_code == 422 and "content type" in r.json()["error"]
    r = client.post("/file_attachments", files={"file": ("f.pdf", PDF, "application/pdf")}, data={"other": "x"})
    assert r.status_code == 400 and r.json()["code"] == "NotExistPropertyDefinition" and r.json()["field"] == "other"
    r = client.post("/file_attachments", data={"filename": "x.pdf"}, files={"other": ("f.pdf", PDF)})
    assert r.status_code == 400
    r = client.post("/file_attachments", files={"file": ("f.pdf", PDF, "application/pdf")}, data={"filename": "a" * 256})
    assert r.status_code == 400 and r.json()["code"] == "MoreThanMaxLength"
    r = client.post("/file_attachments", json={"file": "x"})
    assert r.status_code == 400 and r.json()["code"] == "NotExistContentTypeDefinition"
    r = client.post("/file_attachments", data={"filename": "x.pdf", "x": "1"}, files={})
    assert r.status_code == 400


def test_upload_over_the_limit_is_refused(standin, client):
    standin.max_upload_bytes = 64 * 1024
    try:
        r = client.post("/file_attachments", files={"file": ("big.pdf", PDF + b"0" * 70_000, "application/pdf")})
        assert r.status_code == 422 and "100 MB" in r.json()["error"]
        r = client.post("/file_attachments", files={"file": ("big.pdf", PDF + b"0" * 2_000_000, "application/pdf")})
        assert r.status_code == 422
        assert client.get("/me").status_code == 200  # the connection is still usable
    finally:
        standin.max_upload_bytes = 100 * 1024 * 1024


def test_public_file_url_serves_the_pdf(api, client):
    inv = api.import_supplier()
    r = httpx.get(inv["public_file_url"])
    assert r.status_code == 200 and r.content == PDF and r.headers["content-type"] == "application/pdf"
    assert httpx.get(inv["public_file_url"][:-4] + "0000").status_code == 403


# --- imports ------------------------------------------------------------------------------------------


def test_import_supplier_invoice(api, client, standin, check):
    body = api.supplier_body(external_reference="ext-sup-1", label="Fournitures octobre")
    r = client.post("/supplier_invoices/import", json=body)
    inv = check("post", "/supplier_invoices/import", r)
    assert r.status_code == 201
    assert inv["currency_amount"] == "180.00" and inv["amount"] == "180.00" and inv["exchange_rate"] == "1.0"
    assert inv["supplier"]["id"] == body["supplier_id"] and inv["external_reference"] == "ext-sup-1"
    assert inv["label"] == "Fournitures octobre" and inv["invoice_number"] == "F-2025-001"
    assert check("get", "/supplier_invoices/{id}", client.get(f"/supplier_invoices/{inv['id']}")) == inv
    lines = client.get(f"/supplier_invoices/{inv['id']}/invoice_lines")
    items = check("get", "/supplier_invoices/{supplier_invoice_id}/invoice_lines", lines)["items"]
    assert [(i["label"], i["currency_amount"], i["currency_amount_before_tax"]) for i in items] == [
        ("Papier", "120.00", "100.00"), ("Encre", "60.00", "50.00")]
    stored = [i for i in standin.state.invoices(standin.demo_company_id, "supplier") if i["id"] == inv["id"]][0]
    assert stored["file_attachment_id"] == body["file_attachment_id"] and len(stored["lines"]) == 2
    att = [a for a in standin.state.attachments(standin.demo_company_id) if a["id"] == body["file_attachment_id"]][0]
    assert att["invoice_id"] == inv["id"]


def test_import_customer_invoice(api, client, check):
    body = api.customer_body()
    r = client.post("/customer_invoices/import", json=body)
    inv = check("post", "/customer_invoices/import", r)
    assert inv["customer"]["id"] == body["customer_id"] and inv["status"] in ("upcoming", "late")
    assert not inv["draft"] and inv["filename"] == "facture.pdf"
    got = check("get", "/customer_invoices/{id}", client.get(f"/customer_invoices/{inv['id']}"))
    assert got["id"] == inv["id"]
    lines = client.get(f"/customer_invoices/{inv['id']}/invoice_lines")
    item = check("get", "/customer_invoices/{customer_invoice_id}/invoice_lines", lines)["items"][0]
    assert item["quantity"] == "2" and item["unit"] == "piece" and item["raw_currency_unit_price"] == "50.00"


def test_import_foreign_currency(api):
    inv = api.import_supplier(currency="USD", amount="165.60", tax="27.60")
    assert inv["currency"] == "USD" and inv["amount"] == "165.60" and inv["tax"] == "27.60"
    assert inv["exchange_rate"] == "0.92"


@pytest.mark.parametrize("lines,ok", [
    # 2 lines: up to 2 cents of difference is tolerated
    ([("100.01", "20.00"), ("80.01", "10.00")], True),
    ([("100.02", "20.00"), ("80.01", "10.00")], False),
    ([("100.00", "20.01"), ("80.00", "10.01")], True),    # tax off by 2 cents → HT off by 2 cents: fine
    ([("100.00", "20.02"), ("80.00", "10.01")], False),   # tax off by 3 cents
])
def test_balance_tolerance_is_one_cent_per_line(api, client, lines, ok):
    body = api.supplier_body(invoice_lines=[
        {"currency_amount": a, "currency_tax": t, "vat_rate": "FR_200"} for a, t in lines])
    r = client.post("/supplier_invoices/import", json=body)
    if ok:
        assert r.status_code == 201, r.text
    else:
        assert r.status_code == 422 and r.json() == {"error": "Entry lines are not balanced", "status": 422}


def test_header_totals_must_add_up(api, client):
    body = api.supplier_body(currency_amount_before_tax="150.05")
    r = client.post("/supplier_invoices/import", json=body)
    assert r.status_code == 422


def test_import_refusals(api, client, standin):
    # unknown attachment → 404
    r = client.post("/supplier_invoices/import", json=api.supplier_body(file_attachment_id=987654))
    assert r.status_code == 404 and r.json() == {"error": "Not Found", "status": 404}
    # attachment of another company → 404
    other = httpx.post(standin.url + "/file_attachments", headers=bearer(standin.second_token),
                       files={"file": ("f.pdf", PDF, "application/pdf")}).json()["id"]
    assert client.post("/supplier_invoices/import", json=api.supplier_body(file_attachment_id=other)).status_code == 404
    # attachment used by another invoice → 409
    inv = api.import_supplier()
    att = standin.state.invoices(standin.demo_company_id, "supplier")[-1]["file_attachment_id"]
    r = client.post("/supplier_invoices/import", json=api.supplier_body(file_attachment_id=att))
    assert r.status_code == 409 and r.json() == {  # exactly the OpenAPI document's body
        "error": "Conflict with the current state of the target resource. Resource already exists.", "status": 409}
    r = client.post("/customer_invoices/import", json=api.customer_body(file_attachment_id=att))
    assert r.status_code == 409
    # unknown supplier → 404; unknown ledger account → 422; bad amount → 422
    assert client.post("/supplier_invoices/import", json=api.supplier_body(supplier_id=1)).status_code == 404
    body = api.supplier_body()
    body["invoice_lines"][0]["ledger_account_id"] = 1
    assert client.post("/supplier_invoices/import", json=body).status_code == 422
    assert client.post("/supplier_invoices/import", json=api.supplier_body(currency_amount="abc")).status_code == 422


@pytest.mark.parametrize("mutate,code,field", [
    (lambda b: b.update(foo=1), "NotExistPropertyDefinition", "foo"),
    (lambda b: b.pop("date"), "NotExistRequiredKey", "date"),
    (lambda b: b["invoice_lines"][0].update(vat_rate="FR_055"), "NotEnumInclude", "invoice_lines.0.vat_rate"),
    (lambda b: b["invoice_lines"][0].update(vat_rate="any"), "NotEnumInclude", "invoice_lines.0.vat_rate"),
    (lambda b: b.update(date="01/10/2025"), "InvalidDateFormat", "date"),
    (lambda b: b.update(currency_amount=180), "ValidateError", "currency_amount"),
    (lambda b: b.update(invoice_lines=[]), "LessThanMinItems", "invoice_lines"),
    (lambda b: b.update(currency="EURO"), "NotEnumInclude", "currency"),
    (lambda b: b["invoice_lines"][0].update(quantity=1), "NotExistPropertyDefinition", "invoice_lines.0.quantity"),
    (lambda b: b.update(label="x" * 2001), "MoreThanMaxLength", "label"),
    (lambda b: b.update(label=None), None, None),  # label is nullable: accepted
])
def test_schema_refusals(api, client, standin, mutate, code, field):
    body = api.supplier_body()
    mutate(body)
    before = len(standin.request_log)
    r = client.post("/supplier_invoices/import", json=body)
    if code is None:
        assert r.status_code == 201, r.text
        return
    assert r.status_code == 400, r.text
    assert r.json()["code"] == code and r.json()["field"] == field and r.json()["message"]
    entry = standin.request_log[before]
    assert entry[2] == 400 and entry[3] and code in entry[3]


def test_customer_schema_refusal_requires_line_fields(api, client):
    body = api.customer_body()
    del body["invoice_lines"][0]["unit"]
    r = client.post("/customer_invoices/import", json=body)
    assert r.status_code == 400 and r.json()["code"] == "NotExistRequiredKey"


def test_query_schema_refusal(client):
    r = client.get("/supplier_invoices", params={"limit": "abc"})
    assert r.status_code == 400 and r.json()["code"] == "ValidateError" and r.json()["field"] == "limit"
    r = client.get("/supplier_invoices", params={"limit": 101})
    assert r.status_code == 400 and r.json()["code"] == "MoreThanMaximum"
    r = client.get("/supplier_invoices", params={"limit": 0})
    assert r.status_code == 400 and r.json()["code"] == "LessThanMinimum"


def test_invalid_json_body(client):
    r = client.post("/supplier_invoices/import", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


# --- counterparts and reference data ---------------------------------------------------------


def test_customers_both_shapes(client, check):
    r = client.get("/customers", params={"limit": 100})
    items = check("get", "/customers", r)["items"]
    kinds = {i["customer_type"] for i in items}
    assert kinds == {"company", "individual"}
    assert any(i["name"] == "Ma jolie boutique" and i["vat_number"] == "FR19787878784" for i in items)


def test_suppliers(client, check):
    items = check("get", "/suppliers", client.get("/suppliers", params={"limit": 100}))["items"]
    moulin = next(i for i in items if i["name"] == "Au bon moulin")
    assert moulin["reg_no"] == "999999998" and moulin["vat_number"] == "FR11999999998"
    assert len(items) >= 8


def test_post_supplier_and_conflicts(client, check):
    body = {"name": "Menuiserie Caron", "reg_no": "732829320", "external_reference": "sup-caron",
            "postal_address": {"address": "3 rue du Bois", "postal_code": "21000", "city": "Dijon", "country_alpha2": "FR"},
            "ledger_account": {"number": "4010999"}}
    r = client.post("/suppliers", json=body)
    created = check("post", "/suppliers", r)
    assert r.status_code == 201 and created["name"] == "Menuiserie Caron" and created["ledger_account"]["id"]
    assert client.post("/suppliers", json=body).status_code == 409
    assert client.post("/suppliers", json={"name": "Autre", "reg_no": "732829320"}).status_code == 409
    assert client.post("/suppliers", json={"name": "Autre", "external_reference": "sup-caron"}).status_code == 409
    r = client.post("/suppliers", json={"name": "Bad", "reg_no": "12345"})
    assert r.status_code == 400 and r.json()["code"] == "InvalidPattern"
    r = client.post("/suppliers", json={"name": "Flat", "address": "1 rue"})
    assert r.status_code == 400 and r.json()["code"] == "NotExistPropertyDefinition"


def test_post_company_customer_and_conflicts(client, check):
    body = {"name": "Galerie Vasseur", "reg_no": "552100554", "external_reference": "cust-vasseur",
            "billing_address": {"address": "10 rue de Seine", "postal_code": "75006", "city": "Paris", "country_alpha2": "FR"}}
    r = client.post("/company_customers", json=body)
    created = check("post", "/company_customers", r)
    assert r.status_code == 201 and created["payment_conditions"] == "30_days"
    assert client.post("/company_customers", json=body).status_code == 409
    assert client.post("/company_customers", json={**body, "external_reference": "other"}).status_code == 409
    r = client.post("/company_customers", json={"name": "X", "billing_address": {"address": "", "postal_code": "1",
                                                                                 "city": "c", "country_alpha2": "FR"}})
    assert r.status_code == 422
    r = client.post("/company_customers", json={"name": "X"})
    assert r.status_code == 400 and r.json()["code"] == "NotExistRequiredKey" and r.json()["field"] == "billing_address"


def test_ledger_accounts(client, check):
    r = client.get("/ledger_accounts", params={"limit": 1000})
    items = check("get", "/ledger_accounts", r)["items"]
    numbers = {i["number"] for i in items}
    assert {"401", "411", "445660", "445710", "512", "601", "606", "6064", "613", "622", "626", "627",
            "701", "706", "707"} <= numbers
    assert client.get("/ledger_accounts", params={"limit": 1001}).status_code == 400
    expense = client.get("/ledger_accounts", params={
        "filter": '[{"field":"number","operator":"start_with","value":"6"}]', "limit": 100}).json()["items"]
    assert expense and all(i["number"].startswith("6") for i in expense)


def test_products_and_categories(client, check):
    products = client.get("/products").json()["items"]
    assert products and {"label", "price_before_tax", "unit", "vat_rate", "ledger_account"} <= set(products[0])
    check("get", "/products", client.get("/products"))
    groups = check("get", "/category_groups", client.get("/category_groups"))["items"]
    assert {g["label"] for g in groups} == {"Projets", "Établissements"}
    cats = check("get", "/categories", client.get("/categories", params={"limit": 100}))["items"]
    assert len(cats) == 6 and all(c["category_group"]["id"] in {g["id"] for g in groups} for c in cats)


def test_counterpart_links_resolve(api, client, check):
    sup_inv = api.import_supplier()
    r = client.get(sup_inv["supplier"]["url"])  # the link in the invoice is an absolute URL that works
    body = check("get", "/suppliers/{id}", client.get(f"/suppliers/{sup_inv['supplier']['id']}"))
    assert body["id"] == sup_inv["supplier"]["id"] and r.status_code == 200
    cust_inv = api.import_customer()
    body = check("get", "/customers/{id}", client.get(f"/customers/{cust_inv['customer']['id']}"))
    assert body["id"] == cust_inv["customer"]["id"]
    assert client.get("/suppliers/1").status_code == 404


def test_unknown_api_route_has_rate_limit_headers():
    from app.standin.server import StandIn

    with StandIn(rate_limit=(5, 1.0)) as s:
        r = httpx.get(s.url + "/not_a_route", headers=bearer(s.demo_token))
        assert r.status_code == 404 and r.headers["ratelimit-remaining"] == "4"


def test_deprecated_import_line_fields_are_refused(api, client):
    for field in ("label", "description"):
        for path, body in (("/supplier_invoices/import", api.supplier_body()),
                           ("/customer_invoices/import", api.customer_body())):
            body["invoice_lines"][0][field] = "Papier"
            r = client.post(path, json=body)
            assert r.status_code == 400, (path, field)
            assert r.json()["code"] == "NotExistPropertyDefinition" and field in r.json()["message"]
