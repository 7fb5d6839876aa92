"""Text out of the file formats analysts receive: plain text and HTML in any common encoding,
PDF (its text layer, via pypdf) and Word .docx (via python-docx).

Every reader returns the extracted text and says how it got it (the encoding used, or the
format): offsets everywhere index into that extracted text. A file that cannot be read raises
ValueError with a message saying why and what to do.

>>> extract("note.txt", "Fighting near Raqqa \u201cintensified\u201d".encode("cp1252")).encoding
'cp1252'
"""
from __future__ import annotations

import codecs
import html
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES + DOCX_SUFFIXES

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML page; scripts and styles are dropped."""

    _SKIP = {"script", "style", "noscript", "template", "head"}
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "blockquote", "pre", "table", "ul", "ol", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Reduce an HTML page to its visible text, one block per line.

    >>> html_to_text("<p>Fighting in <b>Raqqa</b></p><script>x()</script>")
    'Fighting in Raqqa'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


@dataclass(frozen=True)
class Extracted:
    """The text of one file and how it was read: ``encoding`` for text files ("utf-8", "cp1252",
    ...), the format for the others ("pdf", "docx"); ``kind`` is text, html, pdf or docx."""

    text: str
    encoding: str
    kind: str
    markup: str | None = None  # an HTML page's decoded markup (its meta tags may give a date)


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes of a text file -> (text, encoding used): a BOM wins, then strict UTF-8, then
    Windows-1252 when it reads as mostly ASCII letters (Western text with curly quotes or
    accents), else the encoding charset-normalizer finds most likely (Windows-1256, KOI8-R, ...)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data[:8192]:
        raise ValueError("this looks like a binary file, not text (.txt, .md, .html, .pdf or .docx expected)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # Western text with curly quotes, dashes or accents, as Windows editors save it
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _mostly_ascii_letters(western):
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("the text encoding could not be recognised; save the file as UTF-8 and try again")
    return str(best), best.encoding


def _mostly_ascii_letters(text: str) -> bool:
    """Whether at least 80% of the letters are ASCII: true of English or French text read with the
    right Western code page, false of Arabic or Cyrillic bytes misread as Windows-1252 ("ÇáÑÞÉ")."""
    letters = [c for c in text if c.isalpha()]
    return not letters or sum(c.isascii() for c in letters) >= 0.8 * len(letters)


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("the PDF is password-protected; save an unprotected copy and try again")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except (PdfReadError, KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"not a readable PDF ({err}); re-save or re-export it as PDF and try again") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise ValueError("the PDF has no text layer (a scan?); run it through OCR (e.g. ocrmypdf) and try again")
    return text


def read_docx(data: bytes) -> str:
    """The paragraphs (and table cells) of a Word .docx file, one per line."""
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ValueError(f"not a valid Word .docx file ({err}); an old .doc must be saved as .docx first") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines).strip()


def extract(name: str, data: bytes) -> Extracted:
    """The text of the file called ``name`` holding ``data``, or ValueError saying why not."""
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise ValueError("the file is empty")
    if suffix in PDF_SUFFIXES:
        return Extracted(read_pdf(data), "pdf", "pdf")
    if suffix in DOCX_SUFFIXES:
        return Extracted(read_docx(data), "docx", "docx")
    if data.startswith(b"%PDF-") or data.startswith(b"PK\x03\x04"):
        raise ValueError("this is a PDF or Office file with a text suffix; rename it to .pdf or .docx")
    text, encoding = decode_text(data)
    if suffix in (".html", ".htm"):
        return Extracted(html_to_text(text), encoding, "html", text)
    return Extracted(text, encoding, "text")
