"""Reading input files into :class:`~geo.model.Document` objects.

Files are untrusted: each bad one yields a :class:`DocumentError` with a message a person can
act on, and never stops the good ones from loading.

>>> docs, errors = load_paths(["../shared/seeds"])  # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from geo.documents.dates import document_date
from geo.documents.formats import SUFFIXES, extract, html_to_text  # noqa: F401 (re-exported)
from geo.model import Document

MAX_BYTES = 32 * 1024 * 1024  # a file larger than this is refused, not read: split it first


@dataclass(frozen=True)
class DocumentError:
    """Why one input could not be read."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def decode(name: str, data: bytes, doc_id: str | None = None, date: str | None = None) -> Document:
    """Turn the bytes of one file into a Document, or raise ValueError saying why not.

    ``doc_id`` defaults to the file's stem; ``date`` (ISO 8601, given by the user) overrides the
    date the file states about itself (:func:`geo.documents.dates.document_date`). Text files may
    be in any common encoding; .pdf and .docx give their extracted text (:mod:`geo.documents.formats`).
    """
    return source_of(name, data, doc_id, date).document


@dataclass(frozen=True)
class Source:
    """A document with how it was read: the encoding (or format) and the hash of its bytes."""

    document: Document
    encoding: str
    kind: str
    sha256: str
    size: int


def source_of(name: str, data: bytes, doc_id: str | None = None, date: str | None = None) -> Source:
    """Like :func:`decode`, keeping the encoding used and the SHA-256 of the raw bytes."""
    extracted = extract(name, data)
    if not extracted.text.strip():
        raise ValueError("the file has no text")
    document = Document(id=doc_id or Path(name).stem or name, text=extracted.text, path=name,
                        date=date or document_date(name, extracted.text, extracted.markup))
    return Source(document, extracted.encoding, extracted.kind, hashlib.sha256(data).hexdigest(), len(data))


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


def iter_sources(paths: Iterable[str | Path], skip: set[Path] = frozenset()) -> Iterator[Source | DocumentError]:
    """Yield a Source or a DocumentError for every file under ``paths``, lazily; files whose
    resolved path is in ``skip`` are not read at all."""
    for path, root in _iter_files(paths):
        if skip and path.resolve() in skip:
            continue
        try:
            if not path.exists():
                raise ValueError("no such file or folder")
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise ValueError(f"the file is {size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB")
            yield source_of(str(path), path.read_bytes(), document_id(path, root))
        except (ValueError, OSError) as err:
            yield DocumentError(str(path), str(err) if isinstance(err, ValueError) else err.strerror or str(err))


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
    """Yield a Document or a DocumentError for every file under ``paths``, lazily."""
    for item in iter_sources(paths):
        yield item if isinstance(item, DocumentError) else item.document


def load_paths(paths: Iterable[str | Path]) -> tuple[list[Document], list[DocumentError]]:
    """Read every file under ``paths``: the documents that loaded and the errors of the rest."""
    docs: list[Document] = []
    errors: list[DocumentError] = []
    for item in iter_documents(paths):
        (errors if isinstance(item, DocumentError) else docs).append(item)
    return docs, errors
