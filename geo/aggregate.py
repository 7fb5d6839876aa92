"""From claims to what the map shows: places with their claims, control zones, corridors.

- a place is *disputed* when sources disagree about who holds it (control claimed for more than
  one actor, or a control claim called bogus or denied) or when fighting persists there
  (a contested claim);
- a control zone is the union of buffers around the places an actor is claimed to hold, sized
  by the kind of place and the precision of the mention, clipped to land (Natural Earth);
- a corridor joins origin and destination of corridor claims; its status is asserted, alleged,
  denied, or disputed when some sources allege it and others deny it.
"""
from __future__ import annotations

import math
from collections import defaultdict

import geopandas as gpd
from shapely.affinity import scale
from shapely.geometry import Point
from shapely.ops import unary_union

from geo.model import Claim, Corridor, Mention, PlaceSummary, Zone

# Radius of the area a claim about a place of this kind stands for, in kilometres.
ZONE_RADIUS_KM = {
    "city": 10.0, "town": 6.0, "village": 3.0, "district": 2.5, "facility": 4.0,
    "governorate": 60.0, "region": 60.0,
}
DEFAULT_RADIUS_KM = 5.0
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
        for pid, name, lat, lon in ((c.place_id, c.place, c.lat, c.lon), (c.to_place_id, c.to_place, c.to_lat, c.to_lon)):
            if pid is None:
                continue
            s = summaries.get(pid)
            if s is None:
                s = summaries[pid] = PlaceSummary(pid, name, lat, lon, "", 0)
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


def _kind_of(place_id: str, places: dict[str, PlaceSummary]) -> str:
    summary = places.get(place_id)
    return summary.kind if summary else ""


def control_zones(claims: list[Claim], places: list[PlaceSummary]) -> list[Zone]:
    """A zone per actor around the places it is claimed (asserted or alleged) to control."""
    by_id = {p.place_id: p for p in places}
    held: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        if c.relation == "control" and c.stance in HOLDING_STANCES and _kind_of(c.place_id, by_id) not in ("country", "river"):
            held[c.actor][c.place_id].append(c)
    if not held:
        return []
    rows = []
    for actor, per_place in held.items():
        for pid, items in per_place.items():
            radius = ZONE_RADIUS_KM.get(_kind_of(pid, by_id), DEFAULT_RADIUS_KM)
            rows.append({"actor": actor, "place_id": pid, "radius_m": radius * 1000.0,
                         "geometry": Point(items[0].lon, items[0].lat)})
    frame = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    buffered = frame.assign(geometry=[_disc(p, r) for p, r in zip(frame.geometry, frame["radius_m"])])
    land = _land_near(buffered.total_bounds)
    zones = []
    for actor, group in buffered.groupby("actor", sort=True):
        shape = unary_union(list(group.geometry))
        if land is not None:
            clipped = shape.intersection(land)
            shape = clipped if not clipped.is_empty else shape
        pids = list(group["place_id"])
        zones.append(Zone(actor=actor, wkt=shape.wkt, places=[by_id[p].name if p in by_id else p for p in pids],
                          claims=[c for p in pids for c in held[actor][p]]))
    return zones


def _disc(centre: Point, radius_m: float):
    """A circle of ``radius_m`` around a lon/lat point, as a polygon in degrees (local scale)."""
    degrees = radius_m / 111_320.0
    stretch = 1.0 / max(math.cos(math.radians(centre.y)), 0.05)
    return scale(centre.buffer(degrees, quad_segs=16), xfact=stretch, yfact=1.0, origin=centre)


def _land_near(bounds) -> object | None:
    from geo.borders import land_gdf

    land = land_gdf()
    near = land.iloc[list(land.sindex.intersection(tuple(bounds)))]
    return unary_union(list(near.geometry)) if len(near) else None


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
        result.append(Corridor(actor=actor, from_place=first.place, to_place=first.to_place,
                               from_lonlat=(first.lon, first.lat), to_lonlat=(first.to_lon, first.to_lat),
                               status=status, claims=items))
    return result
