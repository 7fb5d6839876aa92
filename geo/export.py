"""Exports of an :class:`~geo.model.Analysis`: GeoJSON (RFC 7946), GeoPackage, and filtering.

Every feature carries a ``layer`` property (``place``, ``claim``, ``zone`` or ``corridor``) so
one FeatureCollection holds the whole analysis and a GeoPackage gets one table per layer.
Coordinates are WGS84 longitude/latitude rounded to 6 decimals, polygon outer rings are
counter-clockwise, and no value is NaN (JSON has no NaN: missing numbers become ``null``).

>>> fc = feature_collection(analysis)  # doctest: +SKIP
>>> write_geojson(filter_analysis(analysis, actors={"SDF"}), "sdf.geojson")  # doctest: +SKIP
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Collection, Iterable

import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo.model import Analysis, Claim, Corridor, Mention, PlaceSummary, Zone

LAYERS = ("place", "claim", "zone", "corridor")
PRECISION = 6
GEOJSON_MEDIA_TYPE = "application/geo+json"


# --------------------------------------------------------------------------- values


def clean(value: Any) -> Any:
    """Return ``value`` with every NaN or infinite float replaced by None, recursively."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def valid_lonlat(lon: float | None, lat: float | None) -> bool:
    """True for finite WGS84 coordinates inside the valid ranges."""
    return (
        isinstance(lon, (int, float)) and isinstance(lat, (int, float))
        and math.isfinite(lon) and math.isfinite(lat)
        and -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0
    )


def _round_coords(coords: Any, digits: int = PRECISION) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), digits)
    return [_round_coords(c, digits) for c in coords]


def geometry_json(geom: BaseGeometry | None, digits: int = PRECISION) -> dict | None:
    """GeoJSON geometry for ``geom``: polygons oriented counter-clockwise, coordinates rounded
    to ``digits`` decimals (6 by default, about 10 cm).

    Returns None for a missing or empty geometry (a GeoJSON feature may have a null geometry).
    """
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, Polygon):
        geom = orient(geom, 1.0)
    elif isinstance(geom, MultiPolygon):
        geom = MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    data = mapping(geom)
    return {"type": data["type"], "coordinates": _round_coords(data["coordinates"], digits)}


def zone_geometry(wkt: str) -> Polygon | MultiPolygon | None:
    """Parse a zone's WKT into a valid (Multi)Polygon, or None when nothing areal is left."""
    try:
        geom = shapely.from_wkt(wkt)
    except (shapely.errors.GEOSException, TypeError, ValueError):
        return None
    if geom is None or geom.is_empty:
        return None
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    polys: list[Polygon] = []
    for part in getattr(geom, "geoms", [geom]):
        if isinstance(part, Polygon):
            polys.append(part)
        elif isinstance(part, MultiPolygon):
            polys.extend(part.geoms)
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def claim_brief(claim: Claim) -> dict:
    """The small per-claim dict places, zones and corridors carry."""
    return {
        "doc": claim.doc,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "actor": claim.actor,
        "relation": claim.relation,
        "stance": claim.stance,
        "attribution": claim.attribution,
    }


# --------------------------------------------------------------------------- features


def _feature(layer: str, geometry: dict | None, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": clean({"layer": layer, **properties})}


def _point(lon: float | None, lat: float | None) -> dict | None:
    """What ``geometry_json(Point(lon, lat))`` gives, without building the shapely Point."""
    if not valid_lonlat(lon, lat):
        return None
    return {"type": "Point", "coordinates": [round(float(lon), PRECISION), round(float(lat), PRECISION)]}


def place_feature(place: PlaceSummary) -> dict:
    """A place as a Point with its claims and whether sources disagree about it."""
    return _feature("place", _point(place.lon, place.lat), {
        "name": place.name,
        "place_id": place.place_id,
        "kind": place.kind,
        "mentions": place.mentions,
        "disputed": place.disputed,
        "holders": list(place.holders),
        "claims": [claim_brief(c) for c in place.claims],
    })


def claim_feature(claim: Claim) -> dict:
    """One claim as a Point at the place it is about, with every Claim field."""
    return _feature("claim", _point(claim.lon, claim.lat), claim.to_dict())


def zone_feature(zone: Zone) -> dict:
    """A control zone as a (Multi)Polygon."""
    return _feature("zone", geometry_json(zone_geometry(zone.wkt)), {
        "actor": zone.actor,
        "places": list(zone.places),
        "claims": [claim_brief(c) for c in zone.claims],
    })


def corridor_geometry(corridor: Corridor) -> LineString | Point | None:
    """The corridor's line from ``from_lonlat`` to ``to_lonlat`` (a Point if both ends coincide)."""
    (lon0, lat0), (lon1, lat1) = corridor.from_lonlat, corridor.to_lonlat
    if not (valid_lonlat(lon0, lat0) and valid_lonlat(lon1, lat1)):
        return None
    if (round(lon0, PRECISION), round(lat0, PRECISION)) == (round(lon1, PRECISION), round(lat1, PRECISION)):
        return Point(lon0, lat0)
    return LineString([(lon0, lat0), (lon1, lat1)])


def corridor_feature(corridor: Corridor) -> dict:
    """A corridor as a LineString pointing from its origin to its destination."""
    return _feature("corridor", geometry_json(corridor_geometry(corridor)), {
        "actor": corridor.actor,
        "from_place": corridor.from_place,
        "to_place": corridor.to_place,
        "status": corridor.status,
        "claims": [claim_brief(c) for c in corridor.claims],
    })


def feature_collection(analysis: Analysis) -> dict:
    """The whole analysis as one RFC 7946 FeatureCollection (places, claims, zones, corridors)."""
    features = (
        [place_feature(p) for p in analysis.places]
        + [claim_feature(c) for c in analysis.claims]
        + [zone_feature(z) for z in analysis.zones]
        + [corridor_feature(c) for c in analysis.corridors]
    )
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(analysis: Analysis) -> bytes:
    """The FeatureCollection serialised as UTF-8 JSON (raises if a NaN slipped through)."""
    return json.dumps(feature_collection(analysis), ensure_ascii=False, allow_nan=False).encode("utf-8")


def write_geojson(analysis: Analysis, path: str | Path) -> Path:
    """Write the FeatureCollection to ``path`` and return it."""
    path = Path(path)
    path.write_bytes(geojson_bytes(analysis))
    return path


# --------------------------------------------------------------------------- GeoPackage

_GPKG_TYPES = {"place": "Point", "claim": "Point", "zone": "MultiPolygon", "corridor": "LineString"}


def _gpkg_value(value: Any) -> Any:
    """GeoPackage columns hold scalars: lists and dicts are stored as JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    return value


def layer_frames(analysis: Analysis) -> dict[str, "geopandas.GeoDataFrame"]:  # noqa: F821
    """One GeoDataFrame per ``layer`` value (EPSG:4326); nested properties become JSON text."""
    import geopandas as gpd
    from shapely.geometry import shape

    rows: dict[str, list[dict]] = {layer: [] for layer in LAYERS}
    geoms: dict[str, list] = {layer: [] for layer in LAYERS}
    for feature in feature_collection(analysis)["features"]:
        props = dict(feature["properties"])
        layer = props.pop("layer")
        geom = shape(feature["geometry"]) if feature["geometry"] else None
        if layer == "zone" and isinstance(geom, Polygon):
            geom = MultiPolygon([geom])
        if layer == "corridor" and isinstance(geom, Point):
            geom = None  # degenerate corridor: the table's geometry type is LineString
        rows[layer].append({k: _gpkg_value(v) for k, v in props.items()})
        geoms[layer].append(geom)
    return {
        layer: gpd.GeoDataFrame(rows[layer], geometry=geoms[layer], crs="EPSG:4326")
        for layer in LAYERS
    }


def write_gpkg(analysis: Analysis, path: str | Path) -> Path:
    """Write a GeoPackage with one table per layer (``place``, ``claim``, ``zone``, ``corridor``).

    Empty layers are written too (as empty tables), so readers always find all four.
    """
    path = Path(path)
    if path.exists():
        path.unlink()
    for layer, frame in layer_frames(analysis).items():
        frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio",
                      geometry_type=_GPKG_TYPES[layer])
    return path


# --------------------------------------------------------------------------- filtering


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to keep. A field left as None does not filter; an empty set keeps nothing."""

    actors: frozenset[str] | None = None
    relations: frozenset[str] | None = None
    stances: frozenset[str] | None = None
    docs: frozenset[str] | None = None

    @classmethod
    def of(cls, actors: Iterable[str] | None = None, relations: Iterable[str] | None = None,
           stances: Iterable[str] | None = None, docs: Iterable[str] | None = None) -> "ClaimFilter":
        """Build a filter from any iterables (None means "any")."""
        def norm(values: Iterable[str] | None) -> frozenset[str] | None:
            return None if values is None else frozenset(values)
        return cls(norm(actors), norm(relations), norm(stances), norm(docs))

    @property
    def active(self) -> bool:
        """True when at least one field restricts the claims."""
        return any(v is not None for v in (self.actors, self.relations, self.stances, self.docs))

    def keeps(self, claim: Claim) -> bool:
        """Whether ``claim`` passes every field of the filter."""
        return (
            (self.actors is None or claim.actor in self.actors)
            and (self.relations is None or claim.relation in self.relations)
            and (self.stances is None or claim.stance in self.stances)
            and (self.docs is None or claim.doc in self.docs)
        )

    def claims(self, claims: Collection[Claim]) -> list[Claim]:
        """The claims that pass."""
        return [c for c in claims if self.keeps(c)]


def filter_analysis(
    analysis: Analysis,
    actors: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    stances: Iterable[str] | None = None,
    docs: Iterable[str] | None = None,
) -> Analysis:
    """Keep only the claims matching every given criterion and rebuild what depends on them.

    ``None`` means "any" for each criterion. Places, zones and corridors are rebuilt from the
    kept claims with the pipeline's own rules (:mod:`geo.aggregate`), so holders, disputes,
    zone shapes and corridor status reflect only what is left: a place, zone or corridor
    survives when it keeps at least one claim, and a place with mentions but no claims
    survives only when no filter is active. With ``docs`` given, documents and mentions are
    restricted to those documents too. The input is not modified.
    """
    from geo.aggregate import control_zones, corridors, summarise_places

    rule = ClaimFilter.of(actors, relations, stances, docs)
    if not rule.active:
        return replace(analysis, documents=list(analysis.documents), mentions=list(analysis.mentions),
                       claims=list(analysis.claims), places=list(analysis.places),
                       zones=list(analysis.zones), corridors=list(analysis.corridors))
    documents, mentions = list(analysis.documents), list(analysis.mentions)
    if rule.docs is not None:
        documents = [d for d in documents if d.id in rule.docs]
        mentions = [m for m in mentions if m.doc in rule.docs]
    claims = rule.claims(analysis.claims)
    places = [p for p in summarise_places(mentions, claims) if p.claims]
    return Analysis(
        documents=documents,
        mentions=mentions,
        claims=claims,
        places=places,
        zones=control_zones(claims, places),
        corridors=corridors(claims),
    )


def unresolved_mentions(analysis: Analysis) -> list[Mention]:
    """Mentions the geoparser could not place, in document order."""
    return sorted((m for m in analysis.mentions if m.role == "unresolved"), key=lambda m: (m.doc, m.start))


__all__ = [
    "LAYERS", "GEOJSON_MEDIA_TYPE", "ClaimFilter", "feature_collection", "geojson_bytes",
    "write_geojson", "write_gpkg", "layer_frames", "filter_analysis", "unresolved_mentions",
    "geometry_json", "zone_geometry", "corridor_geometry", "claim_brief", "clean",
]
