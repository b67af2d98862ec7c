"""The labels invoices print, in French, English, German, Dutch, Spanish and Italian.

Every pattern is matched on folded text (lower case, no accents: :func:`layout.fold`). A label
pattern must match the END of the text that precedes a value (the value follows its label), or the
whole of a cell (a column header above its value). ``STRONG`` labels name one thing only; weak ones
("Total", "TVA") count only when the cross-checks agree.
"""

from __future__ import annotations

import re

_END = r"\s*(?:\(?(?:eur|€|euro|usd|\$|chf|gbp|£)\)?)?\s*[:.#]?\s*$"


def _label(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?:^|[^\w])(?:" + "|".join(alternatives) + r")" + _END)


# --- invoice number ----------------------------------------------------------------------------
_NO = r"(?:n[°ºo]\.?|no\.?|nr\.?|num(?:ber|ero|mer)?\.?|#|nummer|numero|número|n\.)"
NUMBER = _label(
    rf"(?:facture|avoir|note de credit|facture d'avoir)\s*{_NO}?",
    rf"{_NO}\s*(?:de\s*)?(?:la\s*)?(?:facture|l'avoir|d'avoir|avoir|piece)",
    r"numero de (?:la )?facture|num\. facture|ref(?:erence)? facture",
    rf"(?:invoice|credit note|credit memo|tax invoice)\s*{_NO}?",
    rf"(?:invoice|document)\s*(?:number|no\.?|#|nr\.?|id)",
    rf"rechnungs-?\s*(?:nummer|nr\.?)|\w*rechnung\s*{_NO}?|gutschrift\s*{_NO}?|beleg-?\s*(?:nummer|nr\.?)|rechnungs-?nr\.?",
    rf"factuur\s*{_NO}?|factuurnummer|factuurnr\.?|creditnota\s*{_NO}?",
    rf"factura\s*{_NO}?|n[°º]\s*(?:de\s*)?factura|numero de factura|num\. factura",
    rf"fattura\s*{_NO}?|numero (?:della )?fattura|nota di credito\s*{_NO}?",
)
# "N°", "Nr.", "#" alone: a number label only right under or beside the document's title
BARE_NUMBER = _label(r"n[°º]|no\.?|nr\.?|#|nummer|number|numero")
TITLE = re.compile(
    r"^(?:\w+\s)?(?:facture|avoir|invoice|tax invoice|credit note|\w*rechnung|gutschrift|factuur|creditnota|factura|fattura|nota di credito)\b"
)
# words that make a "N°" another document's number: order, delivery note, customer, contract, quote
OTHER_NUMBER = re.compile(
    r"bestell|order|commande|auftrag|lieferschein|delivery|livraison|client|kunde|customer|contrat|vertrag|contract|devis|quote|angebot|offerte|bon de|referen|tva|vat|ust|siren|siret|tel|fax|iban|account|compte|konto|projet|project|projekt"
)

# --- dates -------------------------------------------------------------------------------------
ISSUE_DATE = _label(
    r"date(?: de (?:la )?facture| de facturation| d'emission| facture| de l'avoir)?",
    r"facture (?:n\S*\s*\S+\s*)?du|emise? le|fait le|le",
    r"(?:invoice|issue|document|billing|tax point) date|date of (?:issue|invoice)|dated|invoice dated|issued(?: on)?",
    r"rechnungs-?datum|ausstellungs-?datum|belegdatum|datum|vom",
    r"factuurdatum|datum factuur|factuur datum",
    r"fecha(?: de (?:la )?factura| de emision| factura)?",
    r"data(?: (?:della )?fattura| documento| emissione| di emissione)?",
)
DUE_DATE = _label(
    r"date d'echeance|echeance|date limite de (?:paiement|reglement)|date de paiement|a payer (?:avant|le|au plus tard le)|payable (?:le|avant|au plus tard le)|a regler (?:avant|le)",
    r"due date|date due|payment due(?: date)?|due(?: by| on)?|pay(?:able)? by|payment date|to be paid by",
    r"fallig(?:keit|keitsdatum)?(?: am)?|zahlbar bis(?: zum)?|zahlungsziel|zu zahlen bis|(?:netto|spatestens|bis zum|uberweisen sie bis zum|bitte uberweisen sie bis zum|bis)",
    r"vervaldatum|vervaldag|uiterste betaaldatum|te betalen voor",
    r"fecha de vencimiento|vencimiento|fecha de pago|pagadero el",
    r"data (?:di )?scadenza|scadenza|da pagare entro(?: il)?",
)
# dates that are neither the issue nor the due date: never taken for them, even unlabelled
OTHER_DATE = re.compile(
    r"livraison|delivery|liefer|leistung|commande|order|bestell|periode|period|zeitraum|levering|bestelling|entrega|pedido|consegna|ordine"
    r"|du \d|from|vom \d|acompte|versement|paiement recu|payment received|naissance|valable|valid|gultig|contrat|contract|vertrag|bon de"
)

# --- totals ------------------------------------------------------------------------------------
# (category, strong, pattern); categories: ht (before tax), tva (tax), ttc (with tax), due
# (left to pay), paid (already paid)
TOTALS: list[tuple[str, bool, re.Pattern[str]]] = [
    ("ht", True, _label(
        r"(?:sous-?\s?)?total\s*(?:net\s*)?(?:h\.?t\.?|hors taxes?|hors tva)", r"montant\s*(?:total\s*)?(?:net\s*)?(?:h\.?t\.?|hors taxes?|hors tva)",
        r"total net h\.?t\.?", r"net h\.?t\.?", r"base h\.?t\.?", r"total\s*\(?\s*h\.?t\.?\s*\)?",
        r"(?:sub-?\s?total|total|amount)\s*\(?\s*(?:excl\.?|excluding|before|net of|ex\.?|w/o)\s*(?:vat|tax(?:es)?)\s*\)?", r"total net amount", r"net total", r"total net",
        r"nettobetrag|summe netto|gesamt netto|netto-?summe|gesamtbetrag netto|rechnungsbetrag netto|zwischensumme netto|rechnungssumme ohne u?st\.?|summe ohne u?st\.?|nettosumme|warenwert netto",
        r"totaal (?:excl\.?|exclusief) btw|subtotaal excl\.? btw|bedrag excl\.? btw|totaal netto",
        r"base imponible|importe neto|subtotal sin iva|total sin iva",
        r"(?:totale )?imponibile|totale netto|totale senza iva",
    )),
    ("ht", False, _label(
        r"sub-?\s?total|subtotaal|sous-total|zwischensumme|netto|summe|net amount|amount|positionssumme|total net|montant net",
        r"base (?:de (?:la )?)?tva|base imposable|base tva|taxable amount|base amount|basisbetrag|steuerbasis|bemessungsgrundlage|grondslag|maatstaf van heffing|base imponibile|base",
    )),
    ("tva", True, _label(
        r"(?:total|montant)\s*(?:de la\s*)?(?:tva|taxes?)", r"total vat|vat amount|total tax|tax amount|vat total",
        r"(?:summe|gesamt)\s*(?:mwst|u?st\.?|umsatzsteuer|mehrwertsteuer)|steuerbetrag|umsatzsteuerbetrag|mwst\.?-?betrag|zzgl\.?\s*(?:u?st|mwst)\.?|zuzugl\.?\s*(?:u?st|mwst)\.?",
        r"(?:totaal|bedrag)\s*btw|btw-?bedrag", r"(?:total|cuota|importe)\s*(?:de\s*)?i\.?v\.?a\.?", r"(?:totale|importo)\s*(?:dell')?iva|imposta",
    )),
    ("tva", False, _label(r"tva|t\.v\.a\.?|vat|tax|mwst\.?|u?st\.?|umsatzsteuer|mehrwertsteuer|btw|iva|i\.v\.a\.")),
    ("ttc", True, _label(
        r"(?:total|montant)\s*(?:general\s*)?(?:t\.?t\.?c\.?|toutes taxes comprises)", r"montant total t\.?t\.?c\.?", r"total facture",
        r"grand total|total\s*\(?\s*(?:incl\.?|including|inc\.?|with)\s*(?:vat|tax(?:es)?)\s*\)?|invoice total|total invoice amount|total amount(?: incl\.? vat)?",
        r"gesamtbetrag(?: brutto)?|bruttobetrag|rechnungsbetrag(?: brutto)?|summe brutto|gesamt brutto|gesamtsumme|endbetrag|brutto-?summe|rechnungssumme|summe inkl\.? u?st\.?|gesamt inkl\.? u?st\.?|rechnungsendbetrag",
        r"totaal (?:incl\.?|inclusief) btw|totaalbedrag|factuurbedrag|te betalen bedrag",
        r"importe total|total factura|total a pagar|total (?:con )?iva incluido",
        r"totale (?:documento|fattura|complessivo|ivato)|importo totale",
    )),
    ("ttc", False, _label(r"total|totaal|totale|summe|betrag|montant")),
    ("due", True, _label(
        r"net a payer|solde a payer|reste a payer|reste du|montant a payer|montant du|solde du|a payer",
        r"amount due|balance due|total due|amount payable|balance|to pay",
        r"zahlbetrag|zu zahlen(?:der betrag)?|offener betrag|restbetrag|noch zu zahlen",
        r"te betalen|openstaand bedrag|saldo",
        r"importe a pagar|total a pagar|pendiente",
        r"netto a pagare|totale da pagare|da pagare",
    )),
    ("paid", True, _label(
        r"montant deja (?:paye|verse|regle)|deja (?:paye|verse|regle)|acompte(?:s)?(?: verse| recu)?s?|avance",
        r"(?:already )?paid|prepaid(?: amount)?|amount paid|deposit|payments? received",
        r"erhaltene anzahlungen?|anzahlung(?:en)?|bereits (?:bezahlt|gezahlt)|vorauszahlung(?:en)?",
        r"reeds betaald|voorschot|aanbetaling", r"anticipo|ya pagado|acconto|gia pagato",
    )),
]

# --- parties -----------------------------------------------------------------------------------
BUYER = re.compile(
    r"^(?:adresse (?:du |de )?(?:client|facturation)|client|cliente?|facture a|facturer a|facture pour|destinataire|acheteur|donneur d'ordre|a l'attention de"
    r"|bill(?:ed)? to|sold to|invoice to|invoiced to|customer|buyer|to|recipient|ship to"
    r"|rechnungsempfanger|rechnungsadresse|kaufer(?:/leistungsempfanger)?|kunde|empfanger|leistungsempfanger|auftraggeber"
    r"|factuur aan|gefactureerd aan|klant|afnemer|koper"
    r"|facturar a|facturado a|destinatario|comprador"
    r"|spett\.le|intestatario|committente)\b\s*[:.]?"
)
SELLER = re.compile(
    r"^(?:vendeur|fournisseur|emetteur|prestataire|de|expediteur"
    r"|seller|supplier|from|vendor|issued by|sender"
    r"|verkaufer|lieferant|leistungserbringer|absender|rechnungssteller"
    r"|leverancier|verkoper|afzender|proveedor|emisor|vendedor|fornitore|cedente|mittente)\b"
)
# "Customer name: ACME", "Nom du fournisseur : …": a party's name by its own label
PARTY_NAME = {
    "buyer": re.compile(r"^(?:customer|client|buyer|bill to) name|^nom (?:du |de l')?(?:client|acheteur)|^raison sociale (?:du )?client|^kunden-?name|^name (?:des )?kunden|^klantnaam|^nombre (?:del )?cliente|^nome (?:del )?cliente|^ragione sociale cliente"),
    "seller": re.compile(r"^(?:supplier|seller|vendor|company) name|^nom (?:du )?(?:fournisseur|vendeur)|^raison sociale (?:du )?fournisseur|^lieferanten-?name|^name (?:des )?lieferanten|^leveranciersnaam|^nombre (?:del )?proveedor|^nome (?:del )?fornitore"),
}
NAME_FIELD = re.compile(r"^(?:name|nom|raison sociale|company|firma|naam|nombre|razon social|ragione sociale|denominazione)\s*:?\s*$")
# the buyer's words on an identifier's row: "N° TVA client", "Ihre USt-IdNr", "Customer VAT"
BUYER_ID = re.compile(r"client|customer|kunde|ihre|votre|your|acheteur|buyer|klant|cliente|destinatario")
# a debit from the buyer's account: its IBAN is not the seller's
DEBIT = re.compile(r"prelevement|preleve|mandat|sepa[- ]?lastschrift|lastschrift|abgebucht|abbuchen|einzug|direct debit|debit(?:ed)?|incasso|domiciliacion|addebito|rid\b")
# the line before an account that is the one to be debited ("… sera prélevé sur votre compte :")
DEBIT_ACCOUNT = re.compile(
    r"mandat|preleve sur|sera preleve|prelevement sur (?:votre|le) compte|compte (?:a )?debite|abgebucht|abbuchen|lastschriftmandat|einzug von|debited from|direct debit from"
    r"|your account|votre compte|ihrem konto|uw rekening|su cuenta|vostro conto"
)
LEGAL = re.compile(r"capital|r\.?c\.?s\.?|siren|siret|rcs|immatricul|handelsregister|amtsgericht|hrb|geschaftsfuhrer|kvk|registro|cif|partita iva|p\.?\s?iva|btw-?nr|ust-?id|steuernummer")
LEGAL_FORM = re.compile(
    r"\b(?:SARL|SAS|SASU|SA|EURL|SNC|SCI|SCOP|SELARL|GmbH|AG|UG|KG|OHG|e\.K\.|e\.V\.|Ltd\.?|Limited|LLP|PLC|Inc\.?|LLC|B\.?V\.?|N\.?V\.?|BVBA|S\.?L\.?|S\.?A\.?|S\.?r\.?l\.?|S\.?p\.?A\.?|a\.G\.)(?![\w])"
)

# --- kind --------------------------------------------------------------------------------------
CREDIT = re.compile(
    r"^(?:\w+\s)?(?:avoir|facture d'avoir|note de credit|credit note|credit memo|gutschrift|rechnungskorrektur|stornorechnung|creditnota|creditfactuur|factura rectificativa|nota de credito|abono|nota di credito)\b"
)
INVOICE = re.compile(r"\b(?:facture|invoice|\w*rechnung|factuur|factura|fattura)\b")

# language of a document, by the words it prints
LANGUAGE_WORDS = {
    "fr": re.compile(r"\b(?:facture|montant|echeance|tva|total ttc|date|paiement|reglement)\b"),
    "en": re.compile(r"\b(?:invoice|amount|due|total|date|payment|bill)\b"),
    "de": re.compile(r"\b(?:rechnung|betrag|datum|zahlbar|summe|mwst|ust)\b"),
    "nl": re.compile(r"\b(?:factuur|bedrag|btw|datum|totaal|betaling)\b"),
    "es": re.compile(r"\b(?:factura|importe|iva|fecha|pago)\b"),
    "it": re.compile(r"\b(?:fattura|importo|iva|data|pagamento|totale)\b"),
}
