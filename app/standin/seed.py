"""The seeded companies: French-looking counterparts with valid SIREN, VAT numbers and IBANs,
a subset of the plan comptable, a few products and two category groups.

Deterministic: the same seed gives the same names, numbers and ids.
"""

from __future__ import annotations

import random

from app.standin.identifiers import (
    fr_vat_number,
    fr_vat_ok,
    iban_ok,
    random_iban,
    random_siren,
    siren_ok,
    siret_for,
    siret_ok,
)
from app.standin.state import Company, State

ALL_SCOPES = [
    "customer_invoices:all", "supplier_invoices:all", "file_attachments:all", "customers:all",
    "suppliers:all", "ledger_accounts:all", "categories:all", "products:all",
]

PLAN_COMPTABLE = [
    ("401", "Fournisseurs"),
    ("411", "Clients"),
    ("445660", "TVA déductible sur autres biens et services"),
    ("445710", "TVA collectée"),
    ("512", "Banque"),
    ("601", "Achats stockés - Matières premières"),
    ("606", "Achats non stockés de matières et fournitures"),
    ("6064", "Fournitures administratives"),
    ("613", "Locations"),
    ("622", "Rémunérations d'intermédiaires et honoraires"),
    ("626", "Frais postaux et de télécommunications"),
    ("627", "Services bancaires et assimilés"),
    ("701", "Ventes de produits finis"),
    ("706", "Prestations de services"),
    ("707", "Ventes de marchandises"),
]

# name, city, postal code, street
CUSTOMERS = [
    ("Ma jolie boutique", "Lyon", "69001", "12 rue de la République"),
    ("Librairie Les Pages Vives", "Nantes", "44000", "4 place du Commerce"),
    ("Boulangerie Dupont et Fils", "Toulouse", "31000", "27 rue d'Alsace-Lorraine"),
    ("Cabinet Moreau Architectes", "Bordeaux", "33000", "8 cours de l'Intendance"),
    ("Société Nouvelle des Transports Bernard", "Lille", "59000", "15 rue Nationale"),
    ("Fromagerie du Vieux Port", "Marseille", "13002", "3 quai du Port"),
    ("Atelier Céramique Lefèvre", "Rennes", "35000", "21 rue Saint-Georges"),
    ("Hôtel des Tilleuls SARL", "Annecy", "74000", "2 avenue d'Albigny"),
]
INDIVIDUALS = [("Camille", "Martin", "Paris", "75011", "45 rue Oberkampf"),
               ("Julien", "Petit", "Grenoble", "38000", "9 place Grenette")]
SUPPLIERS = [
    ("Au bon moulin", "Lyon", "69003", "1 chemin du Moulin", "601"),
    ("Papeterie Garnier", "Paris", "75010", "52 rue du Faubourg Saint-Denis", "6064"),
    ("Imprimerie Roux & Cie", "Saint-Étienne", "42000", "18 rue de la Résistance", "606"),
    ("Télécom Horizon SAS", "Paris", "75008", "100 avenue des Champs-Élysées", "626"),
    ("Locations Mercier", "Nice", "06000", "7 boulevard Gambetta", "613"),
    ("Fiduciaire Blanc Conseil", "Strasbourg", "67000", "33 rue du Vieux-Marché-aux-Poissons", "622"),
    ("Banque Populaire du Centre", "Orléans", "45000", "5 rue Jeanne d'Arc", "627"),
    ("Transports Girard Logistique", "Le Havre", "76600", "60 quai de Southampton", "606"),
]
FIXED_SIREN = {"Au bon moulin": "999999998", "Ma jolie boutique": "787878784"}

PRODUCTS = [
    ("Atelier de formation (journée)", "1200.00", "jour", "FR_200", "706"),
    ("Conseil en aménagement (heure)", "95.00", "heure", "FR_200", "706"),
    ("Vase en céramique", "45.00", "piece", "FR_200", "707"),
    ("Livre « L'art de la poterie »", "28.44", "piece", "FR_55", "707"),
    ("Abonnement maintenance mensuel", "150.00", "mois", "FR_200", "706"),
]

CATEGORY_GROUPS = [
    ("Projets", [("Refonte boutique en ligne", "PRJ-WEB"), ("Salon Maison&Objet", "PRJ-SALON"),
                 ("Collection printemps", "PRJ-PRINT")]),
    ("Établissements", [("Paris", "ETB-PAR"), ("Lyon", "ETB-LYO"), ("Bordeaux", "ETB-BDX")]),
]


def _email(name: str) -> str:
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = "".join(c if c.isalnum() else "-" for c in ascii_name).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"compta@{slug[:30].strip('-')}.fr"


def seed_company(state: State, name: str, reg_no: str, user: dict | None, *, rng: random.Random,
                 full: bool = True) -> Company:
    ts = state.timestamp()
    co = Company(state.ids.next("company"), name, reg_no, user)
    state.companies[co.id] = co
    accounts = {number: state.add_ledger_account(co, number, label, ts=ts) for number, label in PLAN_COMPTABLE}
    customers = CUSTOMERS if full else CUSTOMERS[:3]
    suppliers = SUPPLIERS if full else SUPPLIERS[:3]
    for index, (cname, city, postal_code, street) in enumerate(customers, 1):
        siren = FIXED_SIREN.get(cname) or random_siren(rng)
        aux = state.add_ledger_account(co, f"411{index:04d}", cname[:60], letterable=True, ts=ts)
        address = {"address": street, "postal_code": postal_code, "city": city, "country_alpha2": "FR"}
        cust = {
            "id": state.ids.next("customer"), "name": cname, "billing_iban": random_iban(rng),
            "payment_conditions": rng.choice(["30_days", "45_days", "upon_receipt", "30_days_end_of_month"]),
            "recipient": "", "phone": f"+33 4 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "reference": None, "notes": None, "vat_number": fr_vat_number(siren), "reg_no": siren,
            "ledger_account": {"id": aux["id"]}, "emails": [_email(cname)],
            "billing_address": address, "delivery_address": dict(address),
            "created_at": ts, "updated_at": ts, "customer_type": "company",
            "external_reference": f"CUST-{siren}", "billing_language": "fr_FR",
        }
        co.customers[cust["id"]] = cust
    if full:
        for first, last, city, postal_code, street in INDIVIDUALS:
            aux = state.add_ledger_account(co, f"411{len(co.customers) + 1:04d}", f"{first} {last}", letterable=True, ts=ts)
            address = {"address": street, "postal_code": postal_code, "city": city, "country_alpha2": "FR"}
            cust = {
                "id": state.ids.next("customer"), "name": f"{first} {last}", "billing_iban": None,
                "payment_conditions": "upon_receipt", "recipient": "", "phone": "", "reference": None, "notes": None,
                "first_name": first, "last_name": last, "ledger_account": {"id": aux["id"]},
                "emails": [f"{first.lower()}.{last.lower()}@example.fr"],
                "billing_address": address, "delivery_address": dict(address),
                "created_at": ts, "updated_at": ts, "customer_type": "individual",
                "external_reference": f"IND-{first.upper()}-{last.upper()}", "billing_language": "fr_FR",
            }
            co.customers[cust["id"]] = cust
    for index, (sname, city, postal_code, street, _expense) in enumerate(suppliers, 1):
        siren = FIXED_SIREN.get(sname) or random_siren(rng)
        aux = state.add_ledger_account(co, f"401{index:04d}", sname[:60], letterable=True, ts=ts)
        sup = {
            "id": state.ids.next("supplier"), "name": sname, "establishment_no": siret_for(siren),
            "reg_no": siren, "vat_number": fr_vat_number(siren), "ledger_account": {"id": aux["id"]},
            "emails": [_email(sname)], "iban": random_iban(rng),
            "postal_address": {"address": street, "postal_code": postal_code, "city": city, "country_alpha2": "FR"},
            "supplier_payment_method": "manual_transfer", "supplier_due_date_delay": 30,
            "supplier_due_date_rule": "days", "external_reference": f"SUPP-{siren}",
            "created_at": ts, "updated_at": ts,
        }
        co.suppliers[sup["id"]] = sup
    if full:
        for label, price, unit, vat_rate, number in PRODUCTS:
            from decimal import Decimal

            rate = {"FR_200": Decimal("0.20"), "FR_55": Decimal("0.055"), "FR_100": Decimal("0.10")}[vat_rate]
            before = Decimal(price)
            prod = {
                "id": state.ids.next("product"), "label": label, "description": "",
                "external_reference": f"PROD-{len(co.products) + 1:03d}", "price_before_tax": price,
                "vat_rate": vat_rate, "price": str((before * (1 + rate)).quantize(Decimal("0.01"))),
                "unit": unit, "currency": "EUR", "reference": f"REF-{len(co.products) + 1:03d}",
                "ledger_account": {"id": accounts[number]["id"]}, "archived_at": None,
                "created_at": ts, "updated_at": ts,
            }
            co.products[prod["id"]] = prod
        for glabel, cats in CATEGORY_GROUPS:
            group = {"id": state.ids.next("category_group"), "label": glabel, "created_at": ts, "updated_at": ts}
            co.category_groups[group["id"]] = group
            for clabel, code in cats:
                cat = {"id": state.ids.next("category"), "label": clabel, "direction": None,
                       "category_group_id": group["id"], "analytical_code": code, "created_at": ts, "updated_at": ts}
                co.categories[cat["id"]] = cat
    return co


def verify_company(co: Company) -> None:
    """The seed's identifiers are valid (run at start-up: it is cheap)."""
    for cust in co.customers.values():
        if cust["customer_type"] == "company":
            assert siren_ok(cust["reg_no"]), cust
            assert fr_vat_ok(cust["vat_number"]), cust
            assert iban_ok(cust["billing_iban"]), cust
    for sup in co.suppliers.values():
        assert siren_ok(sup["reg_no"]) and siret_ok(sup["establishment_no"]), sup
        assert fr_vat_ok(sup["vat_number"]), sup
        assert iban_ok(sup["iban"]), sup


def seed(state: State, seed_value: int = 2024) -> dict[str, int]:
    """Create the demo company, a second company and a sandbox. Returns their ids."""
    rng = random.Random(seed_value)
    with state.lock:
        demo = seed_company(state, "Atelier Demo SAS", random_siren(rng),
                            {"id": state.ids.next("user"), "first_name": "Claire", "last_name": "Durand",
                             "email": "claire.durand@atelier-demo.fr", "locale": "fr"}, rng=rng)
        second = seed_company(state, "Boutique Seconde SARL", random_siren(rng),
                              {"id": state.ids.next("user"), "first_name": "Marc", "last_name": "Lambert",
                               "email": "marc.lambert@boutique-seconde.fr", "locale": "fr"}, rng=rng, full=False)
        sandbox = seed_company(state, "Sandbox – claire.durand@atelier-demo.fr", "", None, rng=rng)
        sandbox.reg_no = f"sandbox-{sandbox.id}"
        for co in (demo, second, sandbox):
            verify_company(co)
    return {"demo": demo.id, "second": second.id, "sandbox": sandbox.id}
