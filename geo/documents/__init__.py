"""Stage 1: files -> documents (text, id, path, publication date), with one error per file that cannot be read.

Text in any common encoding, HTML, PDF and Word .docx (:mod:`geo.documents.formats`).

>>> docs, errors = load_paths(["data/demo"])  # doctest: +SKIP
"""
from geo.documents.dates import document_date
from geo.documents.files import (
    MAX_BYTES, SUFFIXES, DocumentError, Source, decode, document_id, html_to_text, iter_documents, iter_sources,
    load_paths, source_of,
)

__all__ = ["document_date", "MAX_BYTES", "SUFFIXES", "DocumentError", "Source", "decode", "document_id",
           "html_to_text", "iter_documents", "iter_sources", "load_paths", "source_of"]
