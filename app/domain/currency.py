"""The currencies Pennylane accepts on an invoice: the 168 ISO 4217 codes of the OpenAPI ``currency`` enum.

Copied from ``../shared/pennylane-openapi-v2.json`` (``POST /customer_invoices/import`` → ``currency``), in
the document's order (EUR first). It includes historic codes Pennylane still lists (BYR, HRK, LTL, LVL,
MRO, STD, VEF, ZMK, ZWL). ``tests/domain/test_vat.py`` checks it against the OpenAPI file when present.
"""

from __future__ import annotations

__all__ = ["CURRENCIES", "DEFAULT_CURRENCY", "is_supported_currency"]

DEFAULT_CURRENCY = "EUR"

CURRENCIES: tuple[str, ...] = tuple(
    """
    EUR USD GBP AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
    BTN BWP BYN BYR BZD CAD CDF CHE CHF CLF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN
    ETB FJD FKP GEL GGP GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS IMP INR IQD IRR ISK JEP
    JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LTL LVL LYD MAD MDL MGA MKD
    MMK MNT MOP MRO MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
    PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SLE SOS SRD STD SVC SYP SZL THB TJS TMT
    TND TOP TRY TTD TWD TZS UAH UGX UYU UZS VEF VND VUV WST XAF XCD XDR XOF XPF YER ZAR ZMK ZMW ZWL
    """.split()
)


def is_supported_currency(code: str | None) -> bool:
    return isinstance(code, str) and code.strip().upper() in _SET


_SET = frozenset(CURRENCIES)
