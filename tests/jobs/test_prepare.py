"""app.jobs.prepare: one answer about a document (kind, counterpart, problems, warnings, readiness),
and nobody else deciding it."""

from __future__ import annotations

import ast
import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.domain.invoice import InvoiceKind, Party
from app.jobs import prepare as Prep
from app.pdf.draft import to_draft
from app.pdf.reader import read_document
from app.pennylane.reference_cache import Company, Counterpart, ReferenceData
from app.standin import samples
from tests.jobs.facturx_gen import DEMO, MA_JOLIE_BOUTIQUE, facturx_pdf

APP = Path(__file__).resolve().parents[2] / "app"
KNOWN_IBAN = "FR7630006000011234567890189"
OTHER_IBAN = "FR7630076020112134657890134"


def company() -> Company:
    return Company(id=1, name=DEMO["name"])  # the generated documents name the demo company without a SIREN


def references(iban: str | None = KNOWN_IBAN) -> ReferenceData:
    return ReferenceData(
        company=company(),
        suppliers=[Counterpart(id=7, name="Au bon moulin", kind="supplier", reg_no="999999998", iban=iban)],
        customers=[Counterpart(id=9, name="Ma jolie boutique", kind="customer", reg_no=MA_JOLIE_BOUTIQUE["siren"])],
    )


def purchase(tmp_path: Path, **kw):
    path = facturx_pdf(tmp_path / "achat.pdf", "AM-PREP-1", **kw)
    reading = read_document(path)
    return reading, to_draft(reading, InvoiceKind.SUPPLIER)


def test_a_matched_balanced_purchase_is_ready(tmp_path):
    reading, draft = purchase(tmp_path)
    prepared = Prep.prepare(draft, company(), references(), reading=reading)
    assert prepared.kind == "supplier" and prepared.preset.kind == "supplier"
    assert prepared.draft.counterpart_id == 7 and prepared.match.key in ("siret", "siren")
    assert prepared.ready and prepared.reason is None and prepared.warnings == ()


def test_no_references_means_no_counterpart_which_blocks(tmp_path):
    reading, draft = purchase(tmp_path)
    prepared = Prep.prepare(draft, company(), None, reading=reading)
    assert not prepared.ready
    assert [p.code for p in prepared.problems] == [Prep.P_COUNTERPART]
    assert "choose the supplier" in prepared.reason.en


def test_an_unbalanced_invoice_is_blocked_with_the_figures_and_unblocked_once_corrected(tmp_path):
    reading, draft = purchase(tmp_path, tax_override="3.00")
    prepared = Prep.prepare(draft, company(), references(), reading=reading)
    assert [p.code for p in prepared.problems] == [Prep.P_UNBALANCED]
    assert "unbalanced" in prepared.reason.en
    draft.tax = sum(line.tax for line in draft.lines)  # the person corrects the VAT total
    draft.amount = draft.amount_before_tax + draft.tax
    assert Prep.prepare(draft, company(), references()).ready


def test_the_iban_warning_on_the_demo_sample(tmp_path):
    """The demo's 'bank details changed' invoice: matched to Au bon moulin, ready, warned."""
    from app.standin.server import StandIn

    path = next(p for p in samples.write_samples(tmp_path) if p.name == "au-bon-moulin-AM-2026-1254.pdf")
    reading = read_document(path)
    with StandIn() as standin:
        from app.pennylane.client import PennylaneClient
        from app.pennylane.reference_cache import company_from_me

        client = PennylaneClient(standin.demo_token, standin.url)
        try:
            lists = Prep.CounterpartLists(client)
            prepared = Prep.prepare(to_draft(reading, "supplier"), company_from_me(client.me()), lists, reading=reading)
        finally:
            client.close()
    assert prepared.ready and prepared.draft.counterpart_name == "Au bon moulin"
    assert [w.code for w in prepared.warnings] == [Prep.W_IBAN_CHANGED]


def test_a_sale_keeps_its_quantities_when_its_kind_is_found(tmp_path):
    """Defect 5: read as a purchase (intake does not know the company), found to be a sale: rebuilt
    from the reading, so 50 x 28.44 and 6 x 45.00 stay (a conversion made them 1 x 1,422.00)."""
    from datetime import date

    sale = samples.Invoice(
        "FA-QTY-1", date(2026, 3, 2), samples.Party("Atelier Demo SAS"),
        samples.Party(MA_JOLIE_BOUTIQUE["name"], siren=MA_JOLIE_BOUTIQUE["siren"]),
        (samples.Line("Carnets", Decimal(50), Decimal("28.44")), samples.Line("Atelier", Decimal(6), Decimal("45.00"))),
        due=date(2026, 4, 1),
    )
    reading = read_document(samples.invoice_pdf(tmp_path / "vente.pdf", sale, facturx=True))
    read_as_purchase = to_draft(reading, InvoiceKind.SUPPLIER)
    prepared = Prep.prepare(read_as_purchase, company(), references(), reading=reading)
    assert prepared.kind == "customer" and prepared.kind_changed
    assert [(l.quantity, l.unit_price) for l in prepared.draft.lines] == [(50, Decimal("28.44")), (6, Decimal("45.00"))]
    assert prepared.draft.counterpart_id == 9 and prepared.ready
    converted = Prep.prepare(to_draft(reading, InvoiceKind.SUPPLIER), company(), None)  # no reading: converted
    assert [l.quantity for l in converted.draft.lines] == [1, 1]


def test_a_person_s_kind_wins_and_is_warned_about():
    from app.domain.invoice import new_draft

    demo = company()
    draft = new_draft("supplier", buyer=Party(name="Atelier Demo SAS"), seller=Party(name="X"))
    prepared = Prep.prepare(draft, demo, None, choices=Prep.Choices(kind="customer"))
    assert prepared.kind == "customer"
    assert [w.code for w in prepared.warnings] == [Prep.W_KIND_DIFFERS]
    nobody = new_draft("supplier", buyer=Party(name="Someone"), seller=Party(name="Else"))
    assert [w.code for w in Prep.prepare(nobody, demo, None).warnings] == [Prep.W_NOT_ADDRESSED]


def test_a_cleared_counterpart_is_not_matched_again(tmp_path):
    reading, draft = purchase(tmp_path)
    draft.counterpart_id = None
    prepared = Prep.prepare(draft, company(), references(), choices=Prep.Choices(auto_match=False))
    assert prepared.draft.counterpart_id is None and prepared.match is None
    assert prepared.problem(Prep.P_COUNTERPART) is not None


def test_the_e_invoice_route_needs_its_profile(tmp_path):
    reading, draft = purchase(tmp_path)
    choices = Prep.Choices(route=Prep.ROUTE_E_INVOICE, profile="MINIMUM")
    prepared = Prep.prepare(draft, company(), references(), choices=choices)
    assert [p.code for p in prepared.problems] == [Prep.P_ROUTE]


def test_no_draft():
    prepared = Prep.prepare(None)
    assert not prepared.ready and prepared.problems[0].code == Prep.P_NO_DRAFT


# -- one place decides -------------------------------------------------------------------------

# The rules readiness is made of; outside app/jobs/prepare.py only their own modules define them.
RULES = {"preset_kind", "match_counterpart", "iban_changed", "preflight", "arithmetic_error"}
RULE_HOMES = {"app/jobs/prepare.py", "app/jobs/kind.py", "app/jobs/matching.py"}


def calls_in(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in RULES:
                found.add(name)
    return found


def test_nobody_else_decides_readiness():
    offenders = {}
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(APP.parent).as_posix()
        if rel in RULE_HOMES:
            continue
        called = calls_in(path)
        if called:
            offenders[rel] = sorted(called)
    assert offenders == {}, f"readiness rules called outside app/jobs/prepare.py: {offenders}"


def test_the_guard_sees_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from app.jobs.kind import preset_kind\npreset_kind(None, None)\n", encoding="utf-8")
    assert calls_in(bad) == {"preset_kind"}


# -- the command line holds a warned invoice ---------------------------------------------------


def test_cli_holds_the_invoice_whose_iban_changed_unless_warnings_are_accepted(cli_env, tmp_path, capsys):
    """Defect 2, command line: --dry-run said 'ready' for the IBAN-changed sample."""
    paths = {p.name: p for p in samples.write_samples(tmp_path / "in")}
    warned, plain = paths["au-bon-moulin-AM-2026-1254.pdf"], paths["au-bon-moulin-AM-2026-1187.pdf"]

    assert main(["import", str(warned), str(plain), "--dry-run", "--json"]) == 1
    lines = {Path(d["file"]).name: d for d in map(json.loads, capsys.readouterr().out.splitlines())}
    assert lines[warned.name]["status"] == "held" and lines[warned.name]["warnings"] == ["iban_changed"]
    assert "differs from the one known for Au bon moulin" in lines[warned.name]["reason"]
    assert lines[plain.name]["status"] == "ready"

    assert main(["import", str(warned), "--dry-run", "--json", "--accept-warnings"]) == 0
    (d,) = map(json.loads, capsys.readouterr().out.splitlines())
    assert d["status"] == "ready"
