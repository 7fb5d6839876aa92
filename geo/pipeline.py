"""The whole pipeline in one process: documents -> mentions -> claims -> places, zones, corridors.

>>> from geo.documents import load_paths
>>> docs, errors = load_paths(["data/demo"])  # doctest: +SKIP
>>> analysis = analyse(docs)  # doctest: +SKIP

A corpus on a Dask cluster goes through :mod:`geo.scale`, which calls :func:`extract` here; a
workspace's analysis and every other use case through :mod:`geo.service`.
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


def extract(doc: Document, parser: Geoparser | None = None, local_places=()) -> tuple[list[Mention], list[Claim]]:
    """Mentions and claims of one document, each claim dated (:mod:`geo.time`).

    ``local_places``: a workspace's own gazetteer entries, found too (:func:`local_mentions`).
    """
    parser = parser or default_geoparser()
    mentions = local_mentions(doc, parser.parse(doc), local_places)
    return mentions, date_claims(doc, ClaimExtractor().extract(doc, mentions))


def claims_for_documents(docs: Iterable[Document], min_confidence: float = 0.0) -> Iterator[Claim]:
    """Claims of many documents, in input order (those below ``min_confidence`` left out)."""
    parser = default_geoparser()
    for doc in docs:
        yield from (c for c in extract(doc, parser)[1] if c.confidence >= min_confidence)


def analyse(docs: list[Document], min_confidence: float = 0.0) -> Analysis:
    """Run every stage over ``docs`` (claims below ``min_confidence`` left out before aggregation)."""
    parser = default_geoparser()
    mentions: list[Mention] = []
    claims: list[Claim] = []
    for doc in docs:
        doc_mentions, doc_claims = extract(doc, parser)
        mentions.extend(doc_mentions)
        claims.extend(c for c in doc_claims if c.confidence >= min_confidence)
    return assemble(docs, mentions, claims)


# --------------------------------------------------------------------------- a workspace's own places


def local_mentions(doc: Document, mentions: list[Mention], local_places) -> list[Mention]:
    """``mentions`` plus the names of the workspace's own gazetteer found in ``doc`` (whole words,
    any case); a local name takes over an unresolved mention of the same span, never a placed one."""
    import re

    if not local_places:
        return mentions
    taken = [(m.start, m.end) for m in mentions if m.role != "unresolved"]
    found: dict[tuple[int, int], Mention] = {}
    names = sorted(((name, p) for p in local_places for name in p.names or (p.name,)), key=lambda np: -len(np[0]))
    for name, place in names:  # longest first: "Khirbet Umm Sakhr" before "Umm Sakhr"
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text, re.IGNORECASE):
            s, e = match.span()
            if any(s < b and a < e for a, b in [*taken, *found]):
                continue
            found[(s, e)] = Mention(doc.id, s, e, match.group(), "place", place.as_place(), precision=1, confidence=0.9)
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < e and s < m.end for s, e in found)]
    return sorted(kept + list(found.values()), key=lambda m: (m.start, m.end))
