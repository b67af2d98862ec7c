"""Reading PDFs (pypdf): sniffing, metadata, text, embedded Factur-X/UBL XML. Qt-free."""
