"""Corridors: origin and destination of corridor claims joined, with the status their sources give
(asserted, alleged, denied, or disputed when some sources allege it and others deny it)."""
from __future__ import annotations

from collections import defaultdict

from geo.model import Claim, Corridor


def corridors(claims: list[Claim]) -> list[Corridor]:
    """One corridor per (actor, origin, destination) with the status its sources give it."""
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.relation == "corridor" and c.to_place_id:
            groups[(c.actor, c.place_id, c.to_place_id)].append(c)
    result = []
    for (actor, _, _), items in sorted(groups.items()):
        stances = {c.stance for c in items}
        if stances == {"denied"}:
            status = "denied"
        elif "denied" in stances or "disputed" in stances:
            status = "disputed"
        elif "asserted" in stances:
            status = "asserted"
        else:
            status = "alleged"
        first = items[0]
        result.append(Corridor(actor=actor, from_place=first.place.name, to_place=first.to_place.name,
                               from_lonlat=(first.lon, first.lat), to_lonlat=(first.to_lon, first.to_lat),
                               status=status, claims=items))
    return result
