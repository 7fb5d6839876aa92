"""Places with their claims, and whether sources disagree about them.

A place is *disputed* when sources disagree about who holds it (control claimed for more than
one actor, or a control claim called bogus or denied) or when fighting persists there (a
contested claim).
"""
from __future__ import annotations

from geo.model import Claim, Mention, PlaceSummary

HOLDING_STANCES = frozenset({"asserted", "alleged"})


def summarise_places(mentions: list[Mention], claims: list[Claim]) -> list[PlaceSummary]:
    """One summary per place that is mentioned as a place or carries a claim."""
    summaries: dict[str, PlaceSummary] = {}
    for m in mentions:
        if m.role != "place" or m.place_id is None:
            continue
        s = summaries.get(m.place_id)
        if s is None:
            s = summaries[m.place_id] = PlaceSummary(m.place_id, m.name, m.lat, m.lon, m.kind, 0)
        s.mentions += 1
    for c in claims:
        for place in (c.place, c.to_place):
            if place is None:
                continue
            s = summaries.get(place.id)
            if s is None:
                s = summaries[place.id] = PlaceSummary(place.id, place.name, place.lat, place.lon, place.kind, 0)
            s.claims.append(c)
    for s in summaries.values():
        control = [c for c in s.claims if c.relation == "control" and c.place_id == s.place_id]
        holders = sorted({c.actor for c in control if c.stance in HOLDING_STANCES})
        s.holders = holders
        s.disputed = (
            len(holders) > 1
            or any(c.stance in ("disputed", "denied") for c in control)
            or any(c.relation == "contested" and c.place_id == s.place_id for c in s.claims)
        )
    return sorted(summaries.values(), key=lambda s: (-len(s.claims), s.name))
