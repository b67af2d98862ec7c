"""Reading PDFs (pypdf): sniffing, metadata, text, embedded Factur-X/UBL XML. Qt-free.

Entry points: :func:`app.pdf.reader.read_document` (never raises for bad input; run it off the UI
thread), :func:`app.pdf.draft.to_draft` (reading → domain draft), ``pennylane-importer inspect``
(:mod:`app.pdf.cli`). Modules: ``sniff`` (cheap checks), ``pdfdoc`` (pypdf), ``facturx`` (CII/UBL),
``text_fields`` (FR/EN/DE heuristics), ``extracted`` (dataclasses), ``discovery`` (the PDFs in
given files and folders).
"""
