"""Generate small Factur-X (CII, EN 16931 profile) PDFs for the import tests (pypdf only).

Supplier invoices: seller "Au bon moulin" (SIREN 999999998, a seeded supplier of the stand-in),
buyer the demo company. Customer invoices: seller the demo company, buyer "Ma jolie boutique"
(SIREN 787878784, a seeded customer).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

AU_BON_MOULIN = {"name": "Au bon moulin", "siren": "999999998", "vat": "FR11999999998"}
MA_JOLIE_BOUTIQUE = {"name": "Ma jolie boutique", "siren": "787878784", "vat": "FR19787878784"}
DEMO = {"name": "Atelier Demo SAS", "siren": None, "vat": None}

_LINE = """  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>{n}</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:Name>{label}</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{price}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">{qty}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{net}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
"""


def _party(tag: str, party: dict) -> str:
    out = [f"   <ram:{tag}><ram:Name>{party['name']}</ram:Name>"]
    if party.get("siren"):
        out.append(
            f'    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{party["siren"]}</ram:ID></ram:SpecifiedLegalOrganization>'
        )
    if party.get("vat"):
        out.append(
            f'    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{party["vat"]}</ram:ID></ram:SpecifiedTaxRegistration>'
        )
    out.append(f"   </ram:{tag}>")
    return "\n".join(out)


def cii(
    number: str,
    *,
    net: Decimal | str = "100.00",
    seller: dict = AU_BON_MOULIN,
    buyer: dict = DEMO,
    issue: str = "20240315",
    due: str = "20240414",
    tax_override: Decimal | str | None = None,
    type_code: str = "380",
) -> bytes:
    net = Decimal(str(net)).quantize(Decimal("0.01"))
    tax = (net * Decimal("0.20")).quantize(Decimal("0.01"))
    if tax_override is not None:
        tax = Decimal(str(tax_override))
    total = net + tax
    line = _LINE.format(n=1, label=f"Farine {number}", price=net, qty=1, net=net)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument><ram:ID>{number}</ram:ID><ram:TypeCode>{type_code}</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">{issue}</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
{line}  <ram:ApplicableHeaderTradeAgreement>
{_party("SellerTradeParty", seller)}
{_party("BuyerTradeParty", buyer)}
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:ApplicableTradeTax><ram:CalculatedAmount>{tax}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{net}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
   <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">{due}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>{net}</ram:LineTotalAmount><ram:TaxBasisTotalAmount>{net}</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">{tax}</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>{total}</ram:GrandTotalAmount><ram:DuePayableAmount>{total}</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""
    return xml.encode("utf-8")


def facturx_pdf(path: str | Path, number: str, **kw) -> Path:
    """A one-page PDF showing the invoice number, with ``factur-x.xml`` attached."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 50 800 Td (Facture {number}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.add_attachment("factur-x.xml", cii(number, **kw))
    path = Path(path)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def supplier_batch(folder: Path, count: int, prefix: str = "AM") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        facturx_pdf(folder / f"{prefix}-{i:04d}.pdf", f"{prefix}-2024-{i:04d}", net=Decimal(100 + i))
        for i in range(1, count + 1)
    ]


def customer_pdf(path: Path, number: str, **kw) -> Path:
    return facturx_pdf(path, number, seller=DEMO, buyer=MA_JOLIE_BOUTIQUE, **kw)
