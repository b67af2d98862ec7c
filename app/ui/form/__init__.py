"""The invoice form's parts: small widgets, the lines table, the counterpart picker, categories.

Assembled by :class:`app.ui.form_panel.InvoiceFormPanel`.
"""
