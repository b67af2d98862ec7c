"""The company's reference data: fetched through every page from the stand-in, cached per company."""

from __future__ import annotations

import json

import pytest

from app.pennylane import reference_cache as rc
from app.pennylane.client import PennylaneClient
from app.standin.server import StandIn


@pytest.fixture
def standin():
    with StandIn(rate_limit=None) as s:
        yield s


@pytest.fixture
def client(standin):
    with PennylaneClient(standin.demo_token, standin.url) as c:
        yield c


def test_refresh_reads_everything_and_writes_the_cache(client, standin, app_home):
    data = rc.refresh(client)
    assert data.company.id == standin.demo_company_id
    assert data.company.name == "Atelier Demo SAS"
    names = {c.name for c in data.suppliers}
    assert "Au bon moulin" in names
    moulin = next(c for c in data.suppliers if c.name == "Au bon moulin")
    assert moulin.siren == "999999998" and moulin.siret and moulin.vat_number and moulin.iban
    assert moulin.city == "Lyon" and moulin.country == "FR"
    assert any(c.name == "Camille Martin" for c in data.customers)  # an individual: first + last name
    assert {p.label for p in data.products} >= {"Vase en céramique"}
    vase = next(p for p in data.products if p.label == "Vase en céramique")
    assert vase.unit_price is not None and vase.vat_rate == "FR_200" and vase.ledger_account_id
    assert {g.label for g in data.category_groups} == {"Projets", "Établissements"}
    assert all(c.group_id in {g.id for g in data.category_groups} for c in data.categories)
    assert data.fetched_at and not data.unavailable

    path = rc.cache_path(data.company.id)
    assert path == app_home / "cache" / "companies" / str(data.company.id) / "reference.json"
    assert path.exists()
    assert rc.load_cached(data.company.id) == data


def test_the_cache_holds_no_secret(client, standin):
    data = rc.refresh(client)
    text = rc.cache_path(data.company.id).read_text(encoding="utf-8")
    assert standin.demo_token not in text
    assert "token" not in json.loads(text)


def test_every_page_is_read(client, standin):
    before = len(rc.refresh(client, write=False).suppliers)
    for i in range(105):  # the client asks 100 per page: this makes a second page
        standin.state.create_supplier(standin.demo_company_id, {"name": f"Fournisseur de test {i:03d}"})
    data = rc.refresh(client, write=False)
    assert len(data.suppliers) == before + 105
    assert len({c.id for c in data.suppliers}) == len(data.suppliers)


def test_accounts_come_expense_first_for_purchases_and_revenue_first_for_sales(client):
    data = rc.refresh(client, write=False)
    purchase = data.accounts_for(rc.SUPPLIER)
    sale = data.accounts_for(rc.CUSTOMER)
    assert purchase[0].number.startswith("6")
    assert sale[0].number.startswith("7")
    assert {a.id for a in purchase} == {a.id for a in sale}


def test_a_list_the_token_may_not_read_is_left_empty_and_named(standin):
    scopes = ["customers:readonly", "suppliers:readonly", "ledger_accounts:readonly"]
    token = standin.state.issue_token(standin.demo_company_id, scopes)
    with PennylaneClient(token, standin.url) as limited:
        data = rc.refresh(limited, write=False)
    assert data.suppliers and data.customers and data.ledger_accounts
    assert data.products == [] and "products" in data.unavailable
    assert data.categories == [] and "categories" in data.unavailable


def test_load_cached_ignores_missing_and_damaged_files(app_home):
    assert rc.load_cached(4242) is None
    path = rc.cache_path(4242)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert rc.load_cached(4242) is None
    path.write_text(json.dumps({"version": 999}), encoding="utf-8")
    assert rc.load_cached(4242) is None


def test_with_counterpart_adds_a_created_supplier_without_touching_the_original():
    data = rc.ReferenceData(company=rc.Company(1, "Moi SAS", "123456789"))
    new = rc.Counterpart(id=7, name="Nouveau", kind=rc.SUPPLIER)
    added = data.with_counterpart(new)
    assert added.suppliers == [new] and data.suppliers == []
    assert added.counterpart(rc.SUPPLIER, 7) is new
