"""The whole pipeline in one process: documents -> mentions -> claims -> places, zones, corridors.

>>> from geo.documents import load_paths
>>> docs, errors = load_paths(["data/demo"])  # doctest: +SKIP
>>> analysis = analyse(docs)  # doctest: +SKIP

A corpus on a Dask cluster goes through :mod:`geo.scale`, which calls :func:`extract` here.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from geo.aggregate import assemble
from geo.claims import ClaimExtractor
from geo.geoparse import Geoparser
from geo.model import Analysis, Claim, Document, Mention
from geo.time import date_claims


@lru_cache(maxsize=1)
def default_geoparser() -> Geoparser:
    return Geoparser()


def extract(doc: Document, parser: Geoparser | None = None) -> tuple[list[Mention], list[Claim]]:
    """Mentions and claims of one document, each claim dated (:mod:`geo.time`)."""
    parser = parser or default_geoparser()
    mentions = parser.parse(doc)
    return mentions, date_claims(doc, ClaimExtractor().extract(doc, mentions))


def claims_for_documents(docs: Iterable[Document]) -> Iterator[Claim]:
    """Claims of many documents, in input order."""
    parser = default_geoparser()
    for doc in docs:
        yield from extract(doc, parser)[1]


def analyse(docs: list[Document]) -> Analysis:
    """Run every stage over ``docs``."""
    parser = default_geoparser()
    mentions: list[Mention] = []
    claims: list[Claim] = []
    for doc in docs:
        doc_mentions, doc_claims = extract(doc, parser)
        mentions.extend(doc_mentions)
        claims.extend(doc_claims)
    return assemble(docs, mentions, claims)
