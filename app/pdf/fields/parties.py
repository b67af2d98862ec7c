"""Who is who: the seller's and the buyer's names and identifiers, found by position and checked.

* **Regions**: a buyer heading ("Facturé à", "Client", "Bill to", "Rechnungsempfänger", "Factuur
  aan", "Cliente"…) opens the buyer's region: the cells under it in its column until a blank gap;
  a seller heading ("Vendeur", "From", "Verkäufer"…) opens the seller's.
* **Identifiers** are kept only when their check digits hold (SIREN/SIRET Luhn, FR VAT key, DE VAT
  check digit, IBAN mod 97). One in the buyer's region, or on a row that names the buyer ("N° TVA
  client"), is the buyer's; one in the seller's region, in the page footer or among legal mentions
  (capital, RCS) is the seller's. Identifiers of one company are tied together (a SIRET and a FR VAT
  number carry the SIREN). When exactly one other company is printed, it is the other party.
* **IBAN**: the seller's only, never one printed with a direct-debit mandate (the buyer's account).
* **Names**: the line under a heading (or its "Name:" field); for the seller, otherwise a
  letterhead line carrying a legal form or printed again in the footer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain.identifiers import is_valid_fr_vat, is_valid_siren, is_valid_siret
from app.pdf.extracted import ExtractedInvoice
from app.pdf.fields import vocabulary as V
from app.pdf.fields.layout import Cell, Layout, blocks, fold
from app.pdf.fields.values import find_dates, find_ibans, is_valid_de_vat
from app.pdf.words import Box

_SIRET = re.compile(r"(?<![\dA-Z])(\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5})(?!\d)")
_SIREN = re.compile(r"(?<![\dA-Z])(\d{3}[ .]?\d{3}[ .]?\d{3})(?!\d|[ .]\d)")
_FR_VAT = re.compile(r"(?<![A-Z0-9])FR[ .-]?([0-9A-Z]{2})[ .-]?(\d{3})[ .-]?(\d{3})[ .-]?(\d{3})(?!\d)")
_DE_VAT = re.compile(r"(?<![A-Z0-9])DE[ ]?(\d{3})[ ]?(\d{3})[ ]?(\d{3})(?!\d)")
_OTHER_VAT = re.compile(r"(?<![A-Z0-9])(BE|NL|ES|IT|LU|AT)[ .]?([0-9A-Z][0-9A-Z .]{7,13}[0-9A-Z])(?![0-9A-Z])")
_OTHER_VAT_SHAPE = {"BE": r"BE[01]\d{9}", "NL": r"NL\d{9}B\d{2}", "ES": r"ES[0-9A-Z]\d{7}[0-9A-Z]", "IT": r"IT\d{11}", "LU": r"LU\d{8}", "AT": r"ATU\d{8}"}
_REGISTER = re.compile(r"siren|rcs|r\.c\.s|immatricul|registre")


@dataclass
class _Id:
    kind: str  # siret | siren | vat | iban
    value: str
    cell: Cell
    party: str | None  # "seller" | "buyer" | None
    company: str  # what ties a company's identifiers: the SIREN, or the VAT number
    legal: bool = False  # printed in a footer or with legal mentions


@dataclass
class _Region:
    role: str
    anchor: Cell
    cells: list[Cell] = field(default_factory=list)

    def holds(self, cell: Cell) -> bool:
        return any(c is cell for c in self.cells)


def read_parties(layout: Layout, inv: ExtractedInvoice, source: str, locations: dict[str, Box]) -> None:
    regions = _regions(layout)
    ids = _identifiers(layout, regions)
    _assign(ids, layout)
    for item in ids:
        if item.party is None:
            continue
        party = inv.seller if item.party == "seller" else inv.buyer
        key = {"siret": "siret", "siren": "siren", "vat": "vat_number", "iban": "iban"}[item.kind]
        if getattr(party, key) is None:
            setattr(party, key, item.value)
            locations[f"{item.party}.{key}"] = item.cell.box
    for role, party in (("seller", inv.seller), ("buyer", inv.buyer)):
        if party.siren is None and party.siret:
            party.siren = party.siret[:9]
            locations[f"{role}.siren"] = locations[f"{role}.siret"]
        if party.siren is None and party.vat_number and party.vat_number.startswith("FR"):
            party.siren = party.vat_number[4:]
            locations[f"{role}.siren"] = locations[f"{role}.vat_number"]
    for role in ("seller", "buyer"):
        name = _name(layout, regions, role, ids)
        if name is not None:
            getattr(inv, role).name = name[0]
            locations[f"{role}.name"] = name[1]
            party = getattr(inv, role)
            if party.address is None and party.postal_code is None:
                found = address_under(layout, name[1])
                if found is not None:
                    party.address, party.postal_code, party.city = found


# --- regions -----------------------------------------------------------------------------------

def _regions(layout: Layout) -> list[_Region]:
    out: list[_Region] = []
    for row in layout.rows:
        for cell in row.cells:
            role = _heading(cell.folded)
            if role is None or len(cell.text) > 60:
                continue
            region = _Region(role, cell, [cell])
            last_bottom = row.bottom
            right_limit = min((c.x0 for c in row.cells if c.x0 > cell.x1 + 20 and (V.BUYER.match(c.folded) or V.SELLER.match(c.folded))), default=row.page_width + 1)
            for nxt in layout.rows[row.index + 1:]:
                if nxt.page != row.page or nxt.top - last_bottom > 2.2 * max(row.height, 8.0):
                    break
                taken = [c for c in nxt.cells if cell.x0 - 8 <= c.x0 < right_limit]
                if taken:
                    region.cells.extend(taken)
                    last_bottom = nxt.bottom
            # the rest of the anchor's own row, right of it ("Client : ACME SAS")
            region.cells.extend(c for c in row.cells if c.x0 > cell.x1 and c.x0 < right_limit and c.x0 - cell.x1 < 200)
            out.append(region)
    return out


_HEADING_REST = r"\s*(?:[:.\-\u2013]\s*.*)?$"
_BUYER_EXTRA = re.compile(r"^(?:vos identifiants|your details|ihre angaben|uw gegevens)" + _HEADING_REST)
_PAYEE = re.compile(r"^(?:beneficiaire|payee|zahlungsempfanger|begunstigde|beneficiario|factor|affactureur)" + _HEADING_REST)


def _heading(folded: str) -> str | None:
    """"buyer", "seller" or "payee" when the cell is such a heading (alone, or "Heading : value")."""
    for role, pattern in (("buyer", V.BUYER), ("seller", V.SELLER)):
        m = pattern.match(folded)
        if m and re.match(_HEADING_REST, folded[m.end():]):
            return role
    if _BUYER_EXTRA.match(folded):
        return "buyer"
    if _PAYEE.match(folded):
        return "payee"
    return None


def _region_of(cell: Cell, regions: list[_Region]) -> str | None:
    for region in regions:
        if region.holds(cell):
            return region.role
    return None


# --- identifiers -------------------------------------------------------------------------------

def _identifiers(layout: Layout, regions: list[_Region]) -> list[_Id]:
    out: list[_Id] = []
    seen: set[tuple[str, str, int]] = set()
    for row in layout.rows:
        row_folded = fold(row.text)
        footer = row.top > row.page_height * 0.82
        legal = footer or bool(V.LEGAL.search(row_folded) and re.search(r"capital|rcs|r\.c\.s|handelsregister|amtsgericht|hrb|geschaftsfuhrer|kvk", row_folded))
        for cell in row.cells:
            text = cell.text
            upper = text.upper()
            before_row = fold(" ".join(c.text for c in row.cells if c.x1 <= cell.x0 + 1))
            party = _region_of(cell, regions)
            if party is None and V.BUYER_ID.search(before_row + " " + cell.folded):
                party = "buyer"
            found: list[tuple[str, str, str]] = []
            spans: list[tuple[int, int]] = []
            for m in _FR_VAT.finditer(upper):
                vat = "FR" + "".join(m.groups())
                if is_valid_fr_vat(vat):
                    found.append(("vat", vat, vat[4:]))
                    spans.append(m.span())
            for m in _DE_VAT.finditer(upper):
                vat = "DE" + "".join(m.groups())
                if is_valid_de_vat(vat):
                    found.append(("vat", vat, vat))
                    spans.append(m.span())
            for m in _OTHER_VAT.finditer(upper):
                vat = (m.group(1) + m.group(2)).replace(" ", "").replace(".", "")
                if re.fullmatch(_OTHER_VAT_SHAPE[m.group(1)], vat):
                    found.append(("vat", vat, vat))
                    spans.append(m.span())
            for m in _SIRET.finditer(text):
                if any(a <= m.start() < b for a, b in spans):
                    continue
                digits = re.sub(r"\D", "", m.group(1))
                if is_valid_siret(digits) and is_valid_siren(digits[:9]):
                    found.append(("siret", digits, digits[:9]))
                    spans.append(m.span())
            if _REGISTER.search(before_row + " " + cell.folded):
                for m in _SIREN.finditer(text):
                    if any(a <= m.start() < b for a, b in spans):
                        continue
                    digits = re.sub(r"\D", "", m.group(1))
                    if is_valid_siren(digits):
                        found.append(("siren", digits, digits))
            if "iban" in cell.folded or "iban" in before_row or re.search(r"[A-Z]{2}\d{2}", upper):
                context = before_row + " " + cell.folded
                prev = fold(layout.rows[row.index - 1].text) if row.index else ""
                if not (V.DEBIT.search(context) or V.DEBIT_ACCOUNT.search(prev)):
                    for iban in find_ibans(text):
                        found.append(("iban", iban, ""))
            for kind, value, company in found:
                if party == "payee":
                    if kind != "iban":
                        continue
                    party = None
                key = (kind, value, row.page)
                if key in seen:
                    continue
                seen.add(key)
                out.append(_Id(kind, value, cell, party, company, legal))
    return out


def _assign(ids: list[_Id], layout: Layout) -> None:
    """Tie each company's identifiers together and decide the unassigned ones."""
    by_company: dict[str, str] = {}
    for item in ids:
        if item.company and item.party:
            by_company.setdefault(item.company, item.party)
        elif item.company and item.legal:
            by_company.setdefault(item.company, "seller")
    for item in ids:
        if item.party is None and item.company in by_company:
            item.party = by_company[item.company]
        elif item.party is None and item.legal and item.kind != "iban":
            item.party = "seller"
    companies = {i.company for i in ids if i.company}
    seller_companies = {c for c in companies if by_company.get(c) == "seller" or any(i.company == c and i.party == "seller" for i in ids)}
    buyer_companies = {c for c in companies if by_company.get(c) == "buyer" or any(i.company == c and i.party == "buyer" for i in ids)}
    loose = [c for c in companies if c not in seller_companies and c not in buyer_companies]
    if len(loose) == 1:
        letterhead = all(_row_top(layout, i.cell) < 0.15 for i in ids if i.company == loose[0])
        if not seller_companies:
            target = "seller"
        elif not buyer_companies and not letterhead:
            target = "buyer"  # the one other company printed, away from the letterhead
        else:
            target = None
        for item in ids:
            if item.company == loose[0] and item.party is None:
                item.party = target
    # an IBAN outside the buyer's region and away from a mandate is the seller's
    for item in ids:
        if item.kind == "iban" and item.party is None:
            item.party = "seller"
    # a company may not be both
    if len(seller_companies) > 1:
        for item in ids:
            if item.party == "seller" and item.company and not item.legal and any(i.company == item.company and i.party == "buyer" for i in ids):
                item.party = None


def _row_top(layout: Layout, cell: Cell) -> float:
    """How far down its page a cell sits (0 = top, 1 = bottom)."""
    row = layout.row_of(cell)
    return row.top / max(row.page_height, row.bottom, 1.0)


# --- names -------------------------------------------------------------------------------------

def _is_text_line(text: str) -> bool:
    folded = fold(text)
    if len(text) < 2 or len(text) > 70 or "@" in text or "www." in folded or "http" in folded:
        return False
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    if letters < 2 or digits > letters / 3:
        return False
    if text.rstrip().endswith(":") or find_dates(text) or "©" in text or "(c)" in folded:
        return False
    if "contact" in folded or re.match(r"(?:contact|attn|z\.\s?hd|a l'attention|c/o|tel|mail)\b", folded):
        return False
    if _heading(folded) or V.TITLE.search(folded) or V.NAME_FIELD.match(folded):
        return False
    if re.match(r"(?:tel|fax|fon|phone|telefon|mobile|iban|bic|swift|siret|siren|tva|vat|ust|n°|nr\.|rue|street|strasse|str\.)\b", folded):
        return False
    return True


def _name(layout: Layout, regions: list[_Region], role: str, ids: list[_Id]) -> tuple[str, Box] | None:
    for cell in layout.cells():  # "Customer name: …", "Nom du fournisseur : …"
        m = V.PARTY_NAME[role].match(cell.folded)
        if m is None:
            continue
        rest = cell.text[len(cell.text) - len(cell.folded[m.end():]):].strip(" :")
        if rest and _is_text_line(rest):
            return rest, cell.box
        after = [c for c in layout.row_of(cell).cells if c.x0 > cell.x1]
        if after and _is_text_line(after[0].text):
            return after[0].text, after[0].box
    for region in regions:
        if region.role != role:
            continue
        # "Name: …" inside the region
        for cell in region.cells:
            if V.NAME_FIELD.match(cell.folded):
                row = layout.row_of(cell)
                after = [c for c in row.cells if c.x0 > cell.x1]
                if after and _is_text_line(after[0].text):
                    return after[0].text, after[0].box
        anchor_text = region.anchor.text
        m = re.match(r"^[^:]{1,40}:\s*(.+)$", anchor_text)
        if m and _is_text_line(m.group(1)):
            return m.group(1).strip(), region.anchor.box
        for cell in region.cells[1:6]:
            if _is_text_line(cell.text):
                return cell.text, cell.box
    if role == "seller":
        return _letterhead_name(layout, regions)
    if not any(r.role == "buyer" for r in regions):
        found = _address_block_name(layout, regions)
        if found is not None:
            return found
    # the block that holds the buyer's identifiers
    for item in ids:
        if item.party == "buyer" and item.kind != "iban":
            for block in blocks(layout, max_gap=3.2):
                if block.contains(item.cell):
                    first = block.cells[0]
                    if _is_text_line(first.text) and _region_of(first, regions) != "seller":
                        return first.text, first.box
    return None


# --- addresses ---------------------------------------------------------------------------------

# "76600 Le Havre", "F-75011 Paris", "75008 PARIS CEDEX 08", "1000 Bruxelles", "1012 AB Amsterdam",
# after an optional street and comma ("14 rue de la Paix, 75002 Paris").
_POSTAL_LINE = re.compile(
    r"^(?:(?P<street>.{3,100}?),\s*)?(?:[A-Z]{1,2}\s?-\s?)?(?P<code>\d{5}|\d{4}(?:\s?[A-Z]{2}(?![a-z]))?)\s+"
    r"(?P<city>[^\d@:;,]{2,60}?(?:\s+cedex(?:\s*\d{1,3})?)?)\s*$",
    re.IGNORECASE,
)
_NOT_STREET = re.compile(r"(?:tel|t[eé]l[eé]phone|fax|phone|mobile|e-?mail|mail|www|http|siren|siret|tva|vat|ust|iban|bic|rcs|capital)\b")
MAX_ADDRESS_LINES = 3


def address_under(layout: Layout, name_box: Box) -> tuple[str | None, str, str] | None:
    """(street, postal code, city) printed under a party's name — the lines of its block down to a
    postal-code line ("60 quai de Southampton" / "76600 Le Havre") — or None when the block holds no
    such line within :data:`MAX_ADDRESS_LINES` street lines. For the "Create the supplier…" dialog;
    bounded (a street of 100 characters at most, a city of 60)."""
    for block in blocks(layout, max_gap=1.6):
        at = next((i for i, c in enumerate(block.cells) if c.box == name_box), None)
        if at is None:
            continue
        street: list[str] = []
        for cell in block.cells[at + 1: at + 2 + MAX_ADDRESS_LINES]:
            text = " ".join(cell.text.split())
            m = _POSTAL_LINE.match(text)
            if m:
                if m.group("street"):
                    street.append(m.group("street").strip())
                city = " ".join(m.group("city").split())
                return (", ".join(street)[:200] or None), m.group("code").upper(), city
            if len(street) >= MAX_ADDRESS_LINES or not _street_like(text):
                return None
            street.append(text)
        return None
    return None


def _street_like(text: str) -> bool:
    folded = fold(text)
    return (3 <= len(text) <= 100 and "@" not in text and sum(ch.isalpha() for ch in text) >= 3
            and not _NOT_STREET.match(folded) and not find_dates(text))


# "69001 Lyon", "D-10115 Berlin"; OCR may drop the space ("69001Lyon"): then the town must start
# with a capital
_POSTCODE = re.compile(r"(?:^|\s|-)(?:[A-Z]{1,2}-?)?\d{4,5}(?:\s+\w|[A-ZÀ-Ý][a-zà-ÿ])")


def _address_block_name(layout: Layout, regions: list[_Region]) -> tuple[str, Box] | None:
    """With no buyer heading: the one address block (a name line, then lines ending in a postcode
    line) in the top half of page 1 that is not the seller's (not its letterhead name, not holding
    its identifiers) — the recipient's address, where a window envelope shows it."""
    seller = _letterhead_name(layout, regions)
    seller_name = fold(seller[0]) if seller else ""
    found: list[tuple[str, Box]] = []
    for block in blocks(layout, max_gap=1.6):
        first = block.cells[0]
        row = layout.row_of(first)
        if first.page != 0 or row.top > row.page_height * 0.45 or not 3 <= len(block.cells) <= 7:
            continue
        if not any(_POSTCODE.search(c.text) for c in block.cells[1:]) or not _is_text_line(first.text):
            continue
        if _region_of(first, regions) is not None or len(first.text) > 50:
            continue
        name = fold(first.text)
        if seller_name and (name in seller_name or seller_name in name):
            continue
        if any(fold(c.text).startswith(("tel", "fax", "siret", "siren", "tva", "vat", "iban")) for c in block.cells):
            continue  # the seller's contact block
        found.append((first.text, first.box))
    return found[0] if len(found) == 1 else None


def _letterhead_name(layout: Layout, regions: list[_Region]) -> tuple[str, Box] | None:
    rows = [r for r in layout.rows if r.page == 0]
    if not rows:
        return None
    height = rows[0].page_height
    others = [fold(r.text) for r in rows]
    best: tuple[float, str, Box] | None = None
    for row in rows:
        if row.top > height * 0.3:
            break
        for cell in row.cells:
            if _region_of(cell, regions) == "buyer" or not _is_text_line(cell.text):
                continue
            text = re.sub(r"^logo\s+", "", cell.text, flags=re.IGNORECASE).strip()
            score = 0.0
            form = V.LEGAL_FORM.search(text)
            if form:
                score += 2
                # "ACME SARL - 12 rue…": the name ends at the first separator. OCR may drop the space on
                # one side of the dash ("SARL -1242 chemin"): a dash with a space on one side still
                # separates, as long as the name keeps its legal form ("Hotel- und Gaststätten GmbH"
                # is one name)
                loose = re.split(r"\s[-–|•·●]\s?|\s?[-–|•·●]\s|,", text)[0].strip()
                text = loose if V.LEGAL_FORM.search(loose) else re.split(r"\s[-–|•·●]\s|,", text)[0].strip()
            folded = fold(text)
            if len(folded) >= 4 and sum(folded in o for o in others) >= 2:
                score += 2
            if score >= 2 and (best is None or score > best[0]):
                best = (score, text, cell.box)
    return (best[1], best[2]) if best else None
