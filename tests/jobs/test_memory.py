"""The memory of suppliers and customers (issue #20): teaching with the CLI, reading the next
invoice with it, contradictions as warnings, per company, rules files, learning at import."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.jobs import memory as M
from app.jobs.recall import Taught, learn, recall_draft, recall_reading
from app.pdf.reader import read_document
from app.standin.samples import Page, write_pdf

SELLER_VAT = "FR44732829320"
IBAN_A = "FR7630006000011234567890189"
IBAN_B = "FR8712548029989876543210917"


def supplier_pdf(path: Path, number: str, issued: str, total: str, *, iban: str = IBAN_A, lines: int = 2,
                 ht: str | None = None, tva: str | None = None) -> Path:
    """An invoice of 'Bricolage Dupont' whose labels the reader does not know ('Pièce', 'Somme à
    régler'); the buyer is 'Atelier Demo SAS'."""
    page = Page()
    top = 800.0
    page.text(40, top, "Bricolage Dupont", size=12)
    page.text(400, top, "Relevé de pièce")
    page.text(400, top - 20, "Pièce")
    page.text(480, top - 20, number)
    page.text(400, top - 35, f"Établie le {issued}")
    page.text(40, top - 60, "Atelier Demo SAS")
    y = top - 120
    for i in range(lines):
        page.text(40, y, f"Article {i + 1}")
        page.text(400, y, "10,00")
        y -= 15
    if ht is not None and tva is not None:
        page.text(380, y - 5, "Total HT")
        page.text(480, y - 5, ht)
        y -= 15
        page.text(380, y - 5, "TVA 20 %")
        page.text(480, y - 5, tva)
        y -= 15
    page.text(380, y - 20, "Somme à régler")
    page.text(480, y - 20, total)
    page.text(40, 80, f"TVA intracommunautaire {SELLER_VAT}")
    page.text(40, 65, f"IBAN {iban}")
    return write_pdf(path, [page])


def _cli(capsys, *args: str) -> list[dict]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr().out
    assert code == 0, out
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "memory.sqlite3"


def test_taught_once_the_next_invoice_needs_no_typing_and_says_why(tmp_path, store_path, capsys):
    first = supplier_pdf(tmp_path / "a.pdf", "BD-0412", "05/03/2024", "1 500,00")
    second = supplier_pdf(tmp_path / "b.pdf", "BD-0513", "17/04/2024", "2 345,60", lines=6, ht="1 954,67", tva="390,93")
    common = ["--company", "7", "--memory", str(store_path)]
    before = _cli(capsys, "recall", str(second), "--json", *common)[0]
    assert before["memory"] is None and before["amount"] != "2345.60"

    (lesson,) = _cli(capsys, "remember", str(first), "--json", *common, "--set", "invoice_number=BD-0412",
                     "--set", "amount=1500.00", "--set", "seller.name=Bricolage Dupont",
                     "--set", "ledger_account_id=6061", "--set", "vat_code=FR_200", "--set", "categories=3:60,4:40")
    assert "amount" in lesson["places"] and lesson["memory"] == "siren:732829320"

    after = _cli(capsys, "recall", str(second), "--json", *common)[0]
    assert after["memory"] == "siren:732829320" and after["counterpart"] == "Bricolage Dupont"
    assert after["amount"] == "2345.60" and after["provenance"]["amount"] == "remembered"
    assert after["invoice_number"] == "BD-0513" and after["provenance"]["invoice_number"] == "remembered"
    note = after["remembered"]["amount"]
    assert note["value"] == "2345.60" and note["learned"][:2] == "20" and note["replaced"] == before["amount"]
    assert after["amount_before_tax"] == "1954.67" and after["accounting"]["ledger_account_ids"] == [6061]
    assert after["accounting"]["categories"] == [[3, "60"], [4, "40"]]
    assert after["warnings"] == []

    # another company remembers nothing of it
    other = _cli(capsys, "recall", str(second), "--json", "--company", "8", "--memory", str(store_path))[0]
    assert other["memory"] is None and other["amount"] == before["amount"]


def test_another_iban_is_a_warning_and_the_printed_one_is_shown(tmp_path, store_path, capsys):
    first = supplier_pdf(tmp_path / "a.pdf", "BD-0412", "05/03/2024", "1 500,00", iban=IBAN_A)
    changed = supplier_pdf(tmp_path / "b.pdf", "BD-0513", "17/04/2024", "1 400,00", iban=IBAN_B)
    common = ["--company", "7", "--memory", str(store_path)]
    _cli(capsys, "remember", str(first), "--json", *common, f"--set=seller.iban={IBAN_A}")
    (data,) = _cli(capsys, "recall", str(changed), "--json", *common)
    assert data["seller"]["iban"] == IBAN_B and data["provenance"]["seller.iban"] == "text"
    (warning,) = [w for w in data["warnings"] if w["field"] == "seller.iban"]
    assert "FR76 …0189" in warning["en"] and "FR87 …0917" in warning["en"] and "IBAN" in warning["fr"]


def test_a_total_far_outside_the_usual_range_is_a_warning(tmp_path, store_path):
    store = M.MemoryStore(store_path)
    first = supplier_pdf(tmp_path / "a.pdf", "BD-1", "05/03/2024", "150,00")
    learn(store, 7, first, Taught("supplier", {"amount": "150.00", "seller.name": "Bricolage Dupont"}))
    huge = read_document(supplier_pdf(tmp_path / "b.pdf", "BD-2", "05/04/2024", "15 000,00"))
    recall = recall_reading(huge, store, 7)
    assert [w.field for w in recall.warnings] == ["amount"]
    usual = read_document(supplier_pdf(tmp_path / "c.pdf", "BD-3", "05/05/2024", "180,00"))
    assert recall_reading(usual, store, 7).warnings == []


def test_the_draft_gets_the_accounting_and_a_value_the_person_sent_back_is_kept(tmp_path, store_path):
    from app.domain.invoice import InvoiceKind, Provenance
    from app.pdf.draft import to_draft

    store = M.MemoryStore(store_path)
    first = supplier_pdf(tmp_path / "a.pdf", "BD-1", "05/03/2024", "150,00")
    taught = Taught("supplier", {"amount": "150.00"}, [M.LineRule(6061, "FR_200")],
                    [M.CategoryShare(3, Decimal(100))], counterpart_id=2001)
    learn(store, 7, first, taught)
    reading = read_document(supplier_pdf(tmp_path / "b.pdf", "BD-2", "05/04/2024", "180,00"))
    recall = recall_reading(reading, store, 7)
    draft = to_draft(reading, InvoiceKind.SUPPLIER)
    assert draft.provenance["amount"] == Provenance.REMEMBERED
    recall_draft(draft, recall)
    assert draft.counterpart_id == 2001 and draft.provenance["counterpart_id"] == Provenance.REMEMBERED
    assert [line.ledger_account_id for line in draft.lines] == [6061] * len(draft.lines)
    assert [c.category_id for c in draft.categories] == [3]


def test_rules_list_forget_export_and_import(tmp_path, store_path, capsys):
    first = supplier_pdf(tmp_path / "a.pdf", "BD-0412", "05/03/2024", "1 500,00")
    common = ["--company", "7", "--memory", str(store_path)]
    _cli(capsys, "remember", str(first), *common, "--set", "amount=1500.00",
         "--set", "seller.name=Bricolage Dupont SARL", "--set", "ledger_account_id=6061")
    (rules,) = _cli(capsys, "rules", "--json", *common)
    (cp,) = rules["counterparts"]
    assert cp["values"]["seller.name"] == {"value": "Bricolage Dupont SARL", "learned": cp["updated"],
                                           "replaced": read_document(first).invoice.seller.name}
    assert "amount" in cp["hints"] and cp["ledger_account_id"] == 6061 and cp["iban"] == IBAN_A

    _cli(capsys, "rules", *common, "--forget", cp["key"], "--field", "seller.name")
    (cp2,) = _cli(capsys, "rules", "--json", *common)[0]["counterparts"]
    assert "seller.name" not in cp2["values"] and "amount" in cp2["hints"]

    exported = tmp_path / "rules.json"
    _cli(capsys, "rules", *common, "--export", str(exported))
    other = ["--company", "9", "--memory", str(tmp_path / "other.sqlite3")]
    _cli(capsys, "rules", *other, "--import", str(exported))
    assert _cli(capsys, "rules", "--json", *other)[0]["counterparts"] == [cp2]

    _cli(capsys, "rules", *common, "--forget", cp["key"])
    assert _cli(capsys, "rules", "--json", *common)[0]["counterparts"] == []


@pytest.mark.parametrize("change", [
    lambda d: d.update(format="something else"),
    lambda d: d["counterparts"][0].update(totals=["1E999999999"]),
    lambda d: d["counterparts"][0].update(vat_code="FR_999"),
    lambda d: d["counterparts"][0].update(name="x" * 100_000),
    lambda d: d["counterparts"][0]["categories"].append({"category_id": 1, "weight": "250"}),
    lambda d: d["counterparts"][0].update(payment_days=10**20),
    lambda d: d["counterparts"][0].update(key="anything"),
])
def test_a_bad_rules_file_is_refused_with_a_reason_and_nothing_is_imported(tmp_path, change):
    store = M.MemoryStore(tmp_path / "m.sqlite3")
    good = M.CounterpartMemory(key="siren:732829320", name="Bricolage Dupont", totals=[Decimal("150")])
    data = M.export_rules([good], 7)
    assert M.parse_rules(json.dumps(data))[0].to_json() == good.to_json()
    change(data)
    with pytest.raises(M.RulesFileError) as caught:
        M.parse_rules(json.dumps(data))
    assert caught.value.text.fr.startswith("Ce fichier de règles") and caught.value.text.en.startswith("This rules file")
    assert store.all(7) == []


def test_the_pipeline_learns_what_was_sent(tmp_path, store_path):
    from app.domain.invoice import InvoiceKind
    from app.jobs.import_job import ImportJob
    from app.jobs.recall import learner
    from app.pdf.draft import to_draft

    store = M.MemoryStore(store_path)
    path = supplier_pdf(tmp_path / "a.pdf", "BD-0412", "05/03/2024", "1 500,00", ht="1 250,00", tva="250,00")
    reading = read_document(path)
    draft = to_draft(reading, InvoiceKind.SUPPLIER)
    assert draft.lines
    draft.invoice_number = "BD-0412"  # the person's corrections in the form
    draft.amount = Decimal("1500.00")
    for line in draft.lines:
        line.ledger_account_id = 6061
    job = ImportJob.from_reading(reading, "supplier", draft=draft)
    lesson = learner(store, 7)(job)
    assert lesson is not None and {"invoice_number", "amount"} <= set(lesson.hints)
    (memory,) = store.all(7)
    assert memory.ledger_account_id == 6061 and memory.kind == "supplier" and memory.invoices == 1


def test_the_preparation_step_carries_the_contradiction_as_a_warning(tmp_path, store_path):
    """Through app.jobs.prepare (the window, Import all and the CLI): the memory's accounting fills
    the draft and its contradiction is a warning the import needs an explicit choice for."""
    from app.domain.invoice import InvoiceKind
    from app.jobs.prepare import W_REMEMBERED, prepare
    from app.pdf.draft import to_draft

    store = M.MemoryStore(store_path)
    first = supplier_pdf(tmp_path / "a.pdf", "BD-1", "05/03/2024", "1 500,00", ht="1 250,00", tva="250,00")
    learn(store, 7, first, Taught("supplier", {"seller.iban": IBAN_A}, [M.LineRule(6061, "FR_200")]))
    reading = read_document(supplier_pdf(tmp_path / "b.pdf", "BD-2", "05/04/2024", "1 200,00",
                                         ht="1 000,00", tva="200,00", iban=IBAN_B))
    recall = recall_reading(reading, store, 7)
    prepared = prepare(to_draft(reading, InvoiceKind.SUPPLIER), reading=reading, recall=recall)
    (warning,) = [w for w in prepared.warnings if w.code == W_REMEMBERED]
    assert warning.field == "seller.iban" and "FR87 …0917" in warning.text.en
    assert prepared.draft.seller.iban == IBAN_B
    assert [line.ledger_account_id for line in prepared.draft.lines] == [6061]
    # once the person edited the draft (no reading given), nothing is filled, the warning stays
    edited = to_draft(reading, InvoiceKind.SUPPLIER)
    again = prepare(edited, recall=recall)
    assert [w.code for w in again.warnings] == [W_REMEMBERED]
    assert [line.ledger_account_id for line in again.draft.lines] == [None]


def test_a_counterpart_is_found_by_any_name_its_documents_printed(tmp_path, store_path):
    from app.domain.invoice import Party

    store = M.MemoryStore(store_path)
    first = supplier_pdf(tmp_path / "a.pdf", "BD-1", "05/03/2024", "150,00")
    learn(store, 7, first, Taught("supplier", {"seller.name": "Bricolage Dupont"}))
    learn(store, 7, first, Taught("supplier", {"seller.name": "Dupont Bricolage SARL"}))
    (memory,) = store.all(7)
    assert memory.name == "Dupont Bricolage SARL" and memory.aliases == ["Bricolage Dupont"]
    assert store.find(7, Party(name="BRICOLAGE DUPONT")) is not None
    assert store.find(7, Party(name="Bricolage Martin")) is None
    assert store.find(8, Party(name="Bricolage Dupont")) is None


def test_a_scan_is_looked_at_through_the_words_ocr_gave_it(tmp_path, monkeypatch):
    """No text layer, read by OCR: the places are read on OCR's words (its cache, by sha256), not lost."""
    from types import SimpleNamespace

    from app.jobs import recall as R
    from app.pdf.ocr import document as ocr_document
    from app.pdf.words import PageWords, Word

    words = [PageWords(0, 595, 842, [Word("Total", 0, 300, 400, 330, 410)])]
    asked: list[str] = []

    def fake_ocr(path, *, sha256="", max_pages=2, **kw):
        asked.append(sha256)
        return ocr_document.OcrResult(pages=words)

    monkeypatch.setattr(ocr_document, "ocr_pdf", fake_ocr)
    monkeypatch.setattr("app.pdf.sources.read_pages", lambda path, max_pages: None)
    scan = SimpleNamespace(path=tmp_path / "scan.pdf", sha256="ab" * 32, source="ocr")
    assert R.page_words(scan) == words and asked == ["ab" * 32]
    assert R.page_words(SimpleNamespace(path=tmp_path / "x.pdf", sha256="", source="text")) == []


def test_the_index_of_identifiers_follows_saves_forgets_and_imports(store_path):
    from app.domain.invoice import Party

    store = M.MemoryStore(store_path)
    store.save(7, M.CounterpartMemory(key="siren:732829320", siren="732829320", name="Bricolage Dupont",
                                      iban=IBAN_A))
    assert store.find(7, Party(iban=IBAN_A.lower())).key == "siren:732829320"
    changed = store.get(7, "siren:732829320")
    changed.iban = IBAN_B
    store.save(7, changed)
    assert store.find(7, Party(iban=IBAN_A)) is None and store.find(7, Party(iban=IBAN_B)) is not None
    # two counterparts of the same name: the name alone designates neither
    store.save(7, M.CounterpartMemory(key="vat:FR03552081317", vat_number="FR03552081317", name="Bricolage Dupont"))
    assert store.find(7, Party(name="Bricolage Dupont")) is None
    assert store.find(7, Party(name="Bricolage Dupont", vat_number="FR03552081317")).key == "vat:FR03552081317"
    assert store.forget(7, "siren:732829320")
    assert store.find(7, Party(iban=IBAN_B)) is None
    store.replace_all(7, [M.CounterpartMemory(key="name:autre", name="Autre")], merge=False)
    assert store.find(7, Party(vat_number="FR03552081317")) is None and store.find(7, Party(name="autre")) is not None
