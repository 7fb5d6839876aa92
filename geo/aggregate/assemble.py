"""An :class:`~geo.model.Analysis` from extracted mentions and claims: places, zones, corridors."""
from __future__ import annotations

from geo.aggregate.corridors import corridors
from geo.aggregate.places import summarise_places
from geo.aggregate.zones import control_zones
from geo.model import Analysis, Claim, Document, Mention


def assemble(docs: list[Document], mentions: list[Mention], claims: list[Claim],
             places_without_claims: bool = True) -> Analysis:
    """Aggregate already extracted mentions and claims.

    ``places_without_claims=False`` drops places that are only mentioned (what a filtered view
    shows: a place survives a filter only through a claim it keeps).
    """
    places = summarise_places(mentions, claims)
    if not places_without_claims:
        places = [p for p in places if p.claims]
    return Analysis(
        documents=list(docs),
        mentions=mentions,
        claims=claims,
        places=places,
        zones=control_zones(claims, places),
        corridors=corridors(claims),
    )
