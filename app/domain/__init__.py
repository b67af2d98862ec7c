"""Pure-Python invoice domain: money, VAT codes, invoice models, balance rules.

No Qt, no HTTP. Everything above may import this package; it imports nothing above it.

Modules
-------
``text``         ``Text(fr, en)``: every message that can reach a person.
``money``        ``parse_amount`` (French/English input), ``round_money`` (half-up), ``to_api``
                 (``"1234.50"``), ``format_amount``/``format_money`` (display).
``currency``     the 168 currencies Pennylane accepts (``CURRENCIES``).
``vat``          the 172 Pennylane VAT codes (``VAT_CODES``), ``normalize_vat_code`` (aliases),
                 ``code_for_rate`` (EN 16931 category + rate → code), ``tax_for``.
``identifiers``  SIREN/SIRET (Luhn, La Poste), French VAT numbers, IBAN.
``invoice``      the drafts (pydantic): ``CustomerInvoiceDraft``, ``SupplierInvoiceDraft``, lines,
                 ``new_draft``, ``convert_kind``, ``compute_line``.
``balance``      ``check(draft) -> list[Finding]``: the rules that decide whether a draft can be
                 imported.

Conventions worth knowing before using them
-------------------------------------------
* Money is ``Decimal``; floats are refused. Rounding is half-up (ties away from zero).
* A credit note is ``credit_note=True`` **with negative amounts**, as Pennylane records it.
* ``VatCode.rate`` is the rate charged *on the invoice*: 0 for reverse charge (``intracom_*``,
  ``*_construction``), ``None`` for ``mixed``.
* A single separator is a decimal separator: ``"1,234"`` is 1.234 (French user base).
"""
