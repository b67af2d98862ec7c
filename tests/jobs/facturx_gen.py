"""Small Factur-X (CII, EN 16931 profile) PDFs for the import tests, made by app.standin.samples.

Supplier invoices: seller "Au bon moulin" (SIREN 999999998, a seeded supplier of the stand-in),
buyer the demo company. Customer invoices: seller the demo company, buyer "Ma jolie boutique"
(SIREN 787878784, a seeded customer).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.standin import samples

AU_BON_MOULIN = {"name": "Au bon moulin", "siren": "999999998", "vat": "FR11999999998"}
MA_JOLIE_BOUTIQUE = {"name": "Ma jolie boutique", "siren": "787878784", "vat": "FR19787878784"}
DEMO = {"name": "Atelier Demo SAS", "siren": None, "vat": None}


def _day(value: str | date) -> date:
    return value if isinstance(value, date) else datetime.strptime(value, "%Y%m%d").date()


def invoice(
    number: str,
    *,
    net: Decimal | str = "100.00",
    seller: dict = AU_BON_MOULIN,
    buyer: dict = DEMO,
    issue: str | date = "20240315",
    due: str | date = "20240414",
    tax_override: Decimal | str | None = None,
    type_code: str = "380",
    profile: str = samples.EN16931,
) -> samples.Invoice:
    """One line "Farine <number>" of ``net`` at 20 % VAT; ``tax_override`` replaces the VAT total."""
    net = Decimal(str(net)).quantize(Decimal("0.01"))
    return samples.Invoice(
        number, _day(issue),
        samples.Party(seller["name"], siren=seller.get("siren"), vat=seller.get("vat")),
        samples.Party(buyer["name"], siren=buyer.get("siren"), vat=buyer.get("vat")),
        (samples.Line(f"Farine {number}", Decimal(1), net, Decimal(20)),),
        due=_day(due), type_code=type_code, profile=profile,
        declared_tax=Decimal(str(tax_override)) if tax_override is not None else None,
    )


def cii(number: str, **kw) -> bytes:
    return samples.cii_xml(invoice(number, **kw))


def facturx_pdf(path: str | Path, number: str, **kw) -> Path:
    """A one-page invoice PDF with ``factur-x.xml`` attached."""
    return samples.invoice_pdf(path, invoice(number, **kw), facturx=True)


def supplier_batch(folder: Path, count: int, prefix: str = "AM") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        facturx_pdf(folder / f"{prefix}-{i:04d}.pdf", f"{prefix}-2024-{i:04d}", net=Decimal(100 + i))
        for i in range(1, count + 1)
    ]


def customer_pdf(path: Path, number: str, **kw) -> Path:
    return facturx_pdf(path, number, seller=DEMO, buyer=MA_JOLIE_BOUTIQUE, **kw)
