"""Control zones: the union of buffers around the places an actor is claimed to hold, sized by
the kind of place, clipped to land (Natural Earth)."""
from __future__ import annotations

import math
from collections import defaultdict

from shapely.affinity import scale
from shapely.geometry import Point
from shapely.ops import unary_union

from geo.aggregate.places import HOLDING_STANCES
from geo.model import Claim, PlaceSummary, Zone

# Radius of the area a claim about a place of this kind stands for, in kilometres.
ZONE_RADIUS_KM = {
    "city": 10.0, "town": 6.0, "village": 3.0, "district": 2.5, "facility": 4.0,
    "governorate": 60.0, "region": 60.0,
}
DEFAULT_RADIUS_KM = 5.0


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
    import geopandas as gpd

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
    from geo.geometry import land_gdf

    land = land_gdf()
    near = land.iloc[list(land.sindex.intersection(tuple(bounds)))]
    return unary_union(list(near.geometry)) if len(near) else None
