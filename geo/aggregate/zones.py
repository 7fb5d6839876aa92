"""Control zones: territory derived from the places each actor is claimed to hold.

Every held place gets a *cell*: its Voronoi cell among all held places (the land nearer to it
than to any other held place), cut to a distance that depends on the kind of place (a city
stands for more ground than a village) and to the country the place lies in (Natural Earth,
so cells stop at borders and coasts). An actor's zone is the union of the cells of the places
it is claimed (asserted or alleged) to control. A place claimed for several actors gives its
cell to each of them: their zones overlap there, which the map draws as disputed ground.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import shapely
from shapely.affinity import scale
from shapely.geometry import MultiPoint, Point, box
from shapely.ops import unary_union

from geo.aggregate.places import HOLDING_STANCES
from geo.model import Claim, PlaceSummary, Zone

# How far the ground a held place stands for reaches, in kilometres (the Voronoi cell is cut there).
CELL_RADIUS_KM = {
    "city": 40.0, "town": 25.0, "village": 12.0, "district": 8.0, "facility": 12.0,
    "governorate": 80.0, "region": 80.0,
}
DEFAULT_RADIUS_KM = 20.0
NOT_TERRITORY = ("country", "river")  # claims about these say nothing about a patch of ground
GRID_DEG = 1e-5  # coordinates of cells and zones sit on this grid
COUNTRY_SIMPLIFY_DEG = 0.01  # about 1 km: borders as fine as the map draws them
ZONE_RULE = ("Zones: the ground nearer to a held place than to any other held place "
             "(within {city:.0f} km of a city, {village:.0f} km of a village), cut at borders and coasts.").format(
    city=CELL_RADIUS_KM["city"], village=CELL_RADIUS_KM["village"])


@dataclass(frozen=True)
class PlaceCell:
    """The ground one held place stands for, and the actors claimed to hold it."""

    place_id: str
    name: str
    holders: tuple[str, ...]
    geometry: object  # shapely (Multi)Polygon in lon/lat


def _kind_of(place_id: str, places: dict[str, PlaceSummary]) -> str:
    summary = places.get(place_id)
    return summary.kind if summary else ""


def _held(claims: list[Claim], by_id: dict[str, PlaceSummary]) -> dict[str, dict[str, list[Claim]]]:
    """place_id -> actor -> the control claims (asserted or alleged) that say it holds the place."""
    held: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        if c.relation == "control" and c.stance in HOLDING_STANCES and _kind_of(c.place_id, by_id) not in NOT_TERRITORY:
            held[c.place_id][c.actor].append(c)
    return held


def place_cells(claims: list[Claim], places: list[PlaceSummary]) -> list[PlaceCell]:
    """One cell per held place (see the module docstring), in place-id order."""
    by_id = {p.place_id: p for p in places}
    held = _held(claims, by_id)
    sites = []
    for pid in sorted(held):
        first = next(iter(held[pid].values()))[0]
        summary = by_id.get(pid)
        lon, lat = (summary.lon, summary.lat) if summary else (first.lon, first.lat)
        if not (math.isfinite(lon) and math.isfinite(lat)):
            continue
        sites.append((pid, round(lon, 5), round(lat, 5), _kind_of(pid, by_id)))
    shapes = _cell_shapes(tuple(sites))
    cells = []
    for (pid, *_), shape in zip(sites, shapes):
        if shape is None or shape.is_empty:
            continue
        name = by_id[pid].name if pid in by_id else next(iter(held[pid].values()))[0].place.name
        cells.append(PlaceCell(pid, name, tuple(sorted(held[pid])), shape))
    return cells


def control_zones(claims: list[Claim], places: list[PlaceSummary]) -> list[Zone]:
    """A zone per actor: the union of the cells of the places it is claimed to control."""
    by_id = {p.place_id: p for p in places}
    held = _held(claims, by_id)
    per_actor: dict[str, list[PlaceCell]] = defaultdict(list)
    for cell in place_cells(claims, places):
        for actor in cell.holders:
            per_actor[actor].append(cell)
    zones = []
    for actor in sorted(per_actor):
        cells = per_actor[actor]
        # snapped to a 1e-5 degree grid (~1 m): still valid after exports round coordinates
        shape = shapely.set_precision(unary_union([c.geometry for c in cells]), GRID_DEG)
        zones.append(Zone(actor=actor, wkt=shape.wkt, places=[c.name for c in cells],
                          claims=[claim for c in cells for claim in held[c.place_id][actor]]))
    return zones


@lru_cache(maxsize=64)
def _cell_shapes(sites: tuple[tuple[str, float, float, str], ...]) -> list:
    """Cells for ``(place_id, lon, lat, kind)`` sites, in the same order (None where nothing is left)."""
    if not sites:
        return []
    points = [(lon, lat) for _, lon, lat, _ in sites]
    discs = [_disc(Point(lon, lat), CELL_RADIUS_KM.get(kind, DEFAULT_RADIUS_KM) * 1000.0)
             for _, lon, lat, kind in sites]
    voronoi = _voronoi(points)
    countries = _countries_at(points)
    shapes = []
    for disc, cell, country in zip(discs, voronoi, countries):
        shape = disc if cell is None else disc.intersection(cell)
        if country is not None:
            clipped = shape.intersection(country)
            shape = clipped if not clipped.is_empty else shape
        shape = shapely.make_valid(shape)
        polygons = [g for g in getattr(shape, "geoms", [shape]) if g.geom_type in ("Polygon", "MultiPolygon")]
        shapes.append(shapely.set_precision(unary_union(polygons), GRID_DEG) if polygons else None)
    return shapes


def _voronoi(points: list[tuple[float, float]]) -> list:
    """The Voronoi cell of each point (None when it has no neighbour), computed on a plane
    where a degree of longitude is shrunk by cos(latitude) so cells split ground fairly."""
    unique = sorted(set(points))
    if len(unique) < 2:
        return [None] * len(points)
    lat0 = sum(lat for _, lat in unique) / len(unique)
    k = max(math.cos(math.radians(lat0)), 0.05)
    plane = MultiPoint([(lon * k, lat) for lon, lat in unique])
    x0, y0, x1, y1 = plane.bounds
    extent = box(x0 - 10, y0 - 10, x1 + 10, y1 + 10)
    cells = shapely.voronoi_polygons(plane, extend_to=extent, ordered=True)
    by_point = {pt: scale(cell, xfact=1 / k, yfact=1.0, origin=(0, 0)) for pt, cell in zip(unique, cells.geoms)}
    return [by_point[p] for p in points]


def _disc(centre: Point, radius_m: float):
    """A circle of ``radius_m`` around a lon/lat point, as a polygon in degrees (local scale)."""
    degrees = radius_m / 111_320.0
    stretch = 1.0 / max(math.cos(math.radians(centre.y)), 0.05)
    return scale(centre.buffer(degrees, quad_segs=16), xfact=stretch, yfact=1.0, origin=centre)


@lru_cache(maxsize=1)
def _country_shapes():
    """Natural Earth countries, simplified, with a spatial index."""
    from geo.geometry import land_gdf

    land = land_gdf()
    shapes = [shapely.make_valid(g.simplify(COUNTRY_SIMPLIFY_DEG, preserve_topology=True)) for g in land.geometry]
    return shapes, shapely.STRtree(shapes)


def _countries_at(points: list[tuple[float, float]]) -> list:
    """The country each point lies in (the nearest one within ~20 km for a point just offshore), or None."""
    shapes, tree = _country_shapes()
    found: list = []
    for lon, lat in points:
        pt = Point(lon, lat)
        hits = [shapes[i] for i in tree.query(pt, predicate="intersects")]
        if not hits:
            near = tree.query_nearest(pt, max_distance=0.2)
            hits = [shapes[i] for i in near]
        found.append(hits[0] if hits else None)
    return found
