"""Reading PDFs (pypdf): sniffing, metadata, text, embedded Factur-X/UBL XML. Qt-free.

Entry points: :func:`app.pdf.reader.read_document` (never raises for bad input; run it off the UI
thread), :func:`app.pdf.draft.to_draft` (reading → domain draft), ``pennylane-importer inspect``
(:mod:`app.pdf.cli`). Modules: ``sniff`` (cheap checks), ``pdfdoc`` (pypdf), ``facturx`` (CII/UBL),
``textlayer`` (words with boxes), ``fields`` (the layout-aware field reader), ``sources`` (the
list of reading sources and their merge rule), ``errors``, ``extracted`` (dataclasses), ``discovery`` (the PDFs in
given files and folders).
"""
