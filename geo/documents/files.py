"""Reading input files into :class:`~geo.model.Document` objects.

Files are untrusted: each bad one yields a :class:`DocumentError` with a message a person can
act on, and never stops the good ones from loading.

>>> docs, errors = load_paths(["../shared/seeds"])  # doctest: +SKIP
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from geo.documents.dates import document_date
from geo.model import Document

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 32 * 1024 * 1024  # a file larger than this is refused, not read: split it first


@dataclass(frozen=True)
class DocumentError:
    """Why one input could not be read."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


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


def decode(name: str, data: bytes, doc_id: str | None = None, date: str | None = None) -> Document:
    """Turn the bytes of one file into a Document, or raise ValueError saying why not.

    ``doc_id`` defaults to the file's stem; ``date`` (ISO 8601, given by the user) overrides the
    date the file states about itself (:func:`geo.documents.dates.document_date`).
    """
    if not data.strip():
        raise ValueError("the file is empty")
    if b"\x00" in data[:8192]:
        raise ValueError("this looks like a binary file, not text (.txt, .md or .html expected)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r}); "
            "save the file as UTF-8 and try again"
        ) from None
    markup = None
    if name.lower().endswith((".html", ".htm")):
        markup, text = text, html_to_text(text)
    if not text.strip():
        raise ValueError("the file has no text")
    return Document(id=doc_id or Path(name).stem or name, text=text, path=name,
                    date=date or document_date(name, text, markup))


def document_id(path: Path, root: Path | None) -> str:
    """A document's id: its path relative to the folder it was found in, without the suffix, so
    that ``a/report.txt`` and ``b/report.txt`` stay two documents; a file given by itself is its stem.

    >>> document_id(Path("corpus/a/report.txt"), Path("corpus")), document_id(Path("x/report.txt"), None)
    ('a/report', 'report')
    """
    if root is None:
        return path.stem or path.name
    return path.relative_to(root).with_suffix("").as_posix()


def _iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Path | None]]:
    """(file, the folder it was found under, or None for a file given by itself)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                yield p, path
        else:
            yield path, None


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
    """Yield a Document or a DocumentError for every file under ``paths``, lazily."""
    for path, root in _iter_files(paths):
        try:
            if not path.exists():
                raise ValueError("no such file or folder")
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise ValueError(f"the file is {size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB")
            yield decode(str(path), path.read_bytes(), document_id(path, root))
        except (ValueError, OSError) as err:
            yield DocumentError(str(path), str(err) if isinstance(err, ValueError) else err.strerror or str(err))


def load_paths(paths: Iterable[str | Path]) -> tuple[list[Document], list[DocumentError]]:
    """Read every file under ``paths``: the documents that loaded and the errors of the rest."""
    docs: list[Document] = []
    errors: list[DocumentError] = []
    for item in iter_documents(paths):
        (errors if isinstance(item, DocumentError) else docs).append(item)
    return docs, errors
