"""The pypdf part of :func:`app.pdf.reader.read_document`.

Order of work, cheapest first: open (xref + trailer), encryption check, page count, metadata,
attachments (+ the embedded XML), then — only when useful — the text of the first
``MAX_TEXT_PAGES`` pages (≈ 30–50 ms a page) for the field reader (:mod:`app.pdf.fields`).

Text extraction policy: it is skipped when the embedded XML already supplies everything the
text could add (number, issue date, due date, the three totals, seller name). Otherwise (plain
PDF, MINIMUM profile without a due date, unusable XML) the first pages' text is read and used
to fill *only the fields the XML left empty*, each marked ``"text"`` in the provenance.
``read_document(path, text=True)`` forces the text (e.g. for a preview-less form or a search).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from app.domain.text import Text
from app.pdf import facturx
from app.pdf.errors import ReadError, damaged
from app.pdf.options import ReadOptions
from app.pdf.textlayer import MAX_PAGES as MAX_TEXT_PAGES

if TYPE_CHECKING:
    from app.pdf.reader import DocumentReading

log = logging.getLogger(__name__)

# fields the XML must carry for the text to be useless
_XML_COMPLETE = ("invoice_number", "date", "deadline", "amount_before_tax", "tax", "amount")
MAX_ATTACHMENTS = 50  # never look at more embedded files than this


def read_pdf(reading: "DocumentReading", options: ReadOptions | None = None, *, text: bool | None = None) -> None:
    options = options or ReadOptions(text)
    text = options.text
    name = reading.name
    try:
        reader = PdfReader(str(reading.path), strict=False)
        if reader.is_encrypted:
            try:
                result = reader.decrypt("")
            except DependencyError:
                reading.error = _encrypted(name, unsupported=True)
                return
            if result == PasswordType.NOT_DECRYPTED:
                reading.error = _encrypted(name)
                return
        reading.pages = len(reader.pages)
    except FileNotDecryptedError:
        reading.error = _encrypted(name)
        return
    except (Exception, RecursionError) as exc:  # pypdf raises many kinds on broken files
        log.info("cannot open %s: %r", reading.path, exc)
        reading.error = damaged(name, exc)
        return
    if reading.pages == 0:
        reading.error = ReadError(
            "damaged",
            Text(
                f"« {name} » ne contient aucune page lisible. Il est sans doute endommagé : demandez une nouvelle copie à l'émetteur.",
                f"“{name}” contains no readable page. It is probably damaged: ask the sender for a new copy.",
            ),
        )
        return

    reading.metadata = _metadata(reader)
    _attachments_and_xml(reading, reader)

    want_text = text if text is not None else not _xml_complete(reading)
    if want_text and _page_content_bomb(reading, reader):
        return  # the pages' text is not read: their content would inflate past the bound
    if want_text:
        from app.pdf.fields import read_fields
        from app.pdf.sources import merge_fields, usable
        from app.pdf.textlayer import text_layer_words

        layer = text_layer_words(reading.path, MAX_TEXT_PAGES)  # read once, whatever follows
        read = ("text", layer) if usable(layer) else None
        if read is None and options.ocr:
            # No usable text layer: OCR (app.pdf.ocr), which reports progress, can be cancelled
            # and leaves notes on the reading.
            from app.pdf.ocr.reading import ocr_pages

            pages = ocr_pages(reading, options)
            if pages is None:
                return  # cancelled: reading.error says so
            if pages:
                read = ("ocr", pages)
        if read is not None:
            source, pages = read
            found = read_fields(pages, source)
            reading.text = found_text(pages)
            if reading.invoice is None:
                if found.provenance:
                    reading.invoice = found
                    reading.source = source
            else:
                merge_fields(reading.invoice, found)
        else:
            reading.text = found_text(layer)
            if reading.invoice is None:
                from app.pdf.sources import unreadable_note

                # OCR ran and says why it gave nothing (blank page, unavailable...), else the layer's reason
                reading.page_note = reading.ocr_notes[-1] if reading.ocr_notes else unreadable_note(layer)


def found_text(pages: list) -> str:
    """The pages' words as lines of text (for ``inspect --text`` and searches)."""
    from app.pdf.fields.layout import build_layout

    return build_layout(pages).text()


def _xml_complete(reading: "DocumentReading") -> bool:
    inv = reading.invoice
    if inv is None or reading.source not in ("facturx", "ubl"):
        return False
    return all(getattr(inv, f) is not None for f in _XML_COMPLETE) and bool(inv.seller.name)


# --- metadata ----------------------------------------------------------------------------------

def _metadata(reader: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        info = reader.metadata
    except (Exception, RecursionError):
        return out
    if not info:
        return out
    for key, attr in (("title", "/Title"), ("author", "/Author"), ("producer", "/Producer"), ("subject", "/Subject"), ("creator", "/Creator")):
        try:
            value = info.get(attr)
            if value is not None:
                value = clean_text(str(value)).strip()
                if value:
                    out[key] = value
        except (Exception, RecursionError):
            continue
    try:
        created = info.creation_date
    except (Exception, RecursionError):
        created = None
    if created is None:
        raw = str(info.get("/CreationDate") or "")
        created = _pdf_date(raw)
    if isinstance(created, datetime):
        out["creation_date"] = created.isoformat()
    return out


def _pdf_date(raw: str) -> datetime | None:
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?", raw.strip())
    if not m:
        return None
    parts = [int(p) if p else d for p, d in zip(m.groups(), (0, 1, 1, 0, 0, 0))]
    try:
        return datetime(*parts, tzinfo=None)
    except ValueError:
        return None


# --- attachments and XML -----------------------------------------------------------------------

def _attachments_and_xml(reading: "DocumentReading", reader: Any) -> None:
    files: dict[str, Any] = {}
    try:
        for i, embedded in enumerate(reader.attachment_list):
            if i >= MAX_ATTACHMENTS:
                break
            files.setdefault(clean_text(embedded.name), embedded)
    except (Exception, RecursionError) as exc:
        log.info("attachments of %s unreadable: %r", reading.path, exc)
        reading.xml_note = Text(
            "Les pièces jointes du PDF sont illisibles ; seules les informations du texte sont utilisées.",
            "The PDF's attachments are unreadable; only the text is used.",
        )
    reading.attachments = list(files)
    if not files:
        return
    problems: list[tuple[str, str]] = []  # (French, English) per attachment not used
    budget = [MAX_INFLATED_PER_FILE]
    for att_name in facturx.candidate_order(files):
        known = facturx.is_known_name(att_name)
        try:
            if not known:  # sniff its root element from its first bytes only
                head = attachment_bytes(files[att_name], SNIFF_BYTES, budget)
                if head is None or facturx.root_kind(head) is None:
                    continue  # another attachment (a PDF, an image, an unrelated XML)
            data = attachment_bytes(files[att_name], facturx.MAX_XML_SIZE + 1, budget)
        except (Exception, RecursionError) as exc:
            problems.append((f"{att_name} : {type(exc).__name__}", f"{att_name}: {type(exc).__name__}"))
            continue
        if data is None:
            continue
        if len(data) > facturx.MAX_XML_SIZE:
            mb = facturx.MAX_XML_SIZE // (1024 * 1024)
            problems.append((f"{att_name} : XML de plus de {mb} Mo, ignoré", f"{att_name}: XML over {mb} MB, ignored"))
            continue
        try:
            syntax, profile, invoice = facturx.extract(data)
        except facturx.UnsafeXml as exc:
            reading.error = ReadError(
                "xml_unsafe",
                Text(
                    f"La facture électronique jointe à « {reading.name} » ({att_name}) contient des constructions XML dangereuses ({exc}) et a été ignorée. Le PDF lui-même a été lu ; vérifiez les montants à la main et signalez le problème à l'émetteur.",
                    f"The e-invoice attached to “{reading.name}” ({att_name}) contains dangerous XML constructs ({exc}) and was ignored. The PDF itself was read; check the amounts by hand and report the problem to the sender.",
                ),
            )
            reading.xml_name = att_name
            return
        except facturx.InvalidXml as exc:
            if exc.text is not None:
                problems.append((f"{att_name} : {exc.text.fr}", f"{att_name}: {exc.text.en}"))
            else:
                problems.append((f"{att_name} : {exc}", f"{att_name}: {exc}"))
            continue
        reading.invoice = invoice
        reading.profile = profile
        reading.xml_name = att_name
        reading.source = "ubl" if syntax == "ubl" else "facturx"
        return
    if problems:
        fr = "; ".join(p[0] for p in problems)[:300]
        en = "; ".join(p[1] for p in problems)[:300]
        reading.xml_note = Text(
            f"Une pièce jointe XML a été trouvée mais n'a pas pu être lue ({fr}) ; les informations viennent du texte du PDF.",
            f"An XML attachment was found but could not be read ({en}); the information comes from the PDF's text.",
        )


MAX_PAGE_CONTENT = 32 * 1024 * 1024  # inflated content of the pages whose text is read (real: < 1 MB)


def _page_content_bomb(reading: "DocumentReading", reader: Any) -> bool:
    """True (and the reading says why) when the content streams of the first pages inflate past
    :data:`MAX_PAGE_CONTENT`: the text layer (PDFium) and OCR would inflate them whole (a 1 GB
    Flate bomb, a 70 MB stream referenced 100 times: gigabytes). Counted by inflating in bounded
    chunks, nothing kept."""
    try:
        total = 0
        for page in list(reader.pages)[:MAX_TEXT_PAGES]:
            contents = page.get("/Contents")
            contents = contents.get_object() if contents is not None else None
            streams = list(contents) if isinstance(contents, list) else [contents] if contents is not None else []
            for ref in streams[:1000]:
                total += _inflated_size(ref.get_object(), MAX_PAGE_CONTENT - total + 1)
                if total > MAX_PAGE_CONTENT:
                    break
            if total > MAX_PAGE_CONTENT:
                break
    except (Exception, RecursionError) as exc:  # unreadable contents: the text readers will say so
        log.info("page contents of %s not measured: %r", reading.path, exc)
        return False
    if total <= MAX_PAGE_CONTENT:
        return False
    mb = MAX_PAGE_CONTENT // (1024 * 1024)
    note = Text(
        f"Le contenu des pages de « {reading.name} » dépasse {mb} Mo une fois décompressé (un PDF piégé ou "
        "endommagé) : son texte n'a pas été lu. Demandez une nouvelle copie à l'émetteur.",
        f"The page content of “{reading.name}” exceeds {mb} MB once inflated (a booby-trapped or damaged "
        "PDF): its text was not read. Ask the sender for a new copy.",
    )
    if reading.invoice is None:
        reading.error = ReadError("damaged", note)
    else:
        reading.xml_note = reading.xml_note or note
    return True


def _inflated_size(stream: Any, limit: int) -> int:
    """The decoded size of a content stream, counted up to ``limit`` (bounded memory)."""
    import zlib

    from pypdf.generic import ArrayObject, NameObject

    raw = getattr(stream, "_data", None)
    if not isinstance(raw, bytes):
        return 0
    filters = stream.get("/Filter")
    filters = list(filters) if isinstance(filters, ArrayObject) else [filters] if filters is not None else []
    if NameObject("/FlateDecode") not in filters:
        return len(raw)
    inflater = zlib.decompressobj()
    size, pending = 0, raw
    try:
        while pending and size <= limit:
            size += len(inflater.decompress(pending, 1024 * 1024))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # a damaged stream: what was inflated so far counts
    return size


SNIFF_BYTES = 4096  # enough to see an XML attachment's root element
MAX_INFLATED_PER_FILE = 64 * 1024 * 1024  # all attachments of one PDF together


def attachment_bytes(embedded: Any, limit: int, budget: list[int]) -> bytes | None:
    """At most ``limit`` bytes of an embedded file's content, inflating no more than that.

    pypdf's ``EmbeddedFile.content`` inflates a stream whole (50 attachments of 70 MB: 3.5 GB).
    Here a Flate stream is inflated up to ``limit`` bytes; a stream under another filter is only
    decoded when its encoded size is under ``limit`` (bounded by the file's size). ``budget``
    (one-element list) is what all the attachments of the file may still inflate; None once spent,
    or when the content cannot be bounded.
    """
    import zlib

    from pypdf.generic import ArrayObject, NameObject

    if budget[0] <= 0:
        return None
    limit = min(limit, budget[0])
    ef = embedded.pdf_object["/EF"].get_object()
    stream = (ef.get("/UF") or ef.get("/F")).get_object()
    raw = getattr(stream, "_data", None)
    if not isinstance(raw, bytes):
        return None
    filters = stream.get("/Filter")
    filters = list(filters) if isinstance(filters, ArrayObject) else [filters] if filters is not None else []
    params = stream.get("/DecodeParms")
    if not filters:
        data = raw[:limit]
    elif filters == [NameObject("/FlateDecode")] and not params:
        data = zlib.decompressobj().decompress(raw, limit)
    elif len(raw) <= limit and len(filters) == 1 and filters[0] != NameObject("/FlateDecode"):
        data = stream.get_data()[:limit]  # other filters (ASCIIHex, ASCII85...) do not bomb
    else:
        return None  # a predictor or a chain of filters: not for an e-invoice, not worth the risk
    budget[0] -= len(data)
    return data


# --- text --------------------------------------------------------------------------------------

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Drop lone surrogates (pypdf produces them for some symbol fonts) and control characters."""
    return _CONTROL.sub("", _SURROGATES.sub("", value))


def _encrypted(name: str, unsupported: bool = False) -> ReadError:
    if unsupported:
        return ReadError(
            "encrypted",
            Text(
                f"« {name} » est chiffré avec une méthode que cette installation ne sait pas lire. Enregistrez-le sans protection (Imprimer → PDF) puis déposez-le à nouveau.",
                f"“{name}” is encrypted with a method this installation cannot read. Save it without protection (Print → PDF) and drop it again.",
            ),
        )
    return ReadError(
        "encrypted",
        Text(
            f"« {name} » est protégé par un mot de passe. Ouvrez-le avec le mot de passe, enregistrez une copie sans protection, puis déposez cette copie.",
            f"“{name}” is password-protected. Open it with the password, save an unprotected copy, then drop that copy.",
        ),
    )
