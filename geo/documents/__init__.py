"""Stage 1: files -> documents (text, id, path, publication date), with one error per file that cannot be read.

>>> docs, errors = load_paths(["data/demo"])  # doctest: +SKIP
"""
from geo.documents.dates import document_date
from geo.documents.files import (
    MAX_BYTES, SUFFIXES, DocumentError, decode, document_id, html_to_text, iter_documents, load_paths,
)

__all__ = ["document_date", "MAX_BYTES", "SUFFIXES", "DocumentError", "decode", "document_id", "html_to_text", "iter_documents",
           "load_paths"]
