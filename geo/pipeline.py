"""The whole pipeline: documents -> mentions -> claims -> places, zones and corridors.

>>> from geo.documents import load_paths
>>> docs, errors = load_paths(["data/demo"])  # doctest: +SKIP
>>> analysis = analyse(docs)  # doctest: +SKIP
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from geo import aggregate
from geo.actors import canonical_actor as canonical_actor
from geo.claims import ClaimExtractor
from geo.geoparser import Geoparser
from geo.model import Analysis, Claim, Document, Mention


@lru_cache(maxsize=1)
def default_geoparser() -> Geoparser:
    return Geoparser()


def extract(doc: Document, parser: Geoparser | None = None) -> tuple[list[Mention], list[Claim]]:
    """Mentions and claims of one document."""
    parser = parser or default_geoparser()
    mentions = parser.parse(doc)
    return mentions, ClaimExtractor().extract(doc, mentions)


def claims_for_documents(docs: Iterable[Document], workers: int = 0, scheduler: str | None = None) -> Iterator[Claim]:
    """Claims of many documents, in input order; on a Dask cluster when asked."""
    if workers or scheduler:
        from geo.scale import claims_on_dask

        yield from claims_on_dask(docs, workers=workers, scheduler=scheduler)
        return
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


def assemble(docs: list[Document], mentions: list[Mention], claims: list[Claim]) -> Analysis:
    """Aggregate already extracted mentions and claims (also used after filtering)."""
    places = aggregate.summarise_places(mentions, claims)
    return Analysis(
        documents=list(docs),
        mentions=mentions,
        claims=claims,
        places=places,
        zones=aggregate.control_zones(claims, places),
        corridors=aggregate.corridors(claims),
    )


def canonical_place(name: str) -> str:
    """The gazetteer's canonical name for a spelling ('Deir Ezzur' -> 'Deir ez-Zor')."""
    from geo.geocoders import OfflineGazetteer

    locations = OfflineGazetteer(default_geoparser().index).geocode(name, exactly_one=False) or []
    curated = [loc for loc in locations if loc.raw["place_id"].startswith("th:")]
    exact = [loc for loc in curated or locations if loc.raw["name"].lower() == name.lower()]
    return (exact or curated or locations)[0].raw["name"] if locations else name
