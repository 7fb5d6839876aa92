"""GeoJSON (RFC 7946) export of an :class:`~geo.model.Analysis`.

Every feature carries a ``layer`` property (``place``, ``claim``, ``zone`` or ``corridor``) so
one FeatureCollection holds the whole analysis (and a GeoPackage gets one table per layer).
Coordinates are WGS84 longitude/latitude rounded to 6 decimals, polygon outer rings are
counter-clockwise, and no value is NaN (JSON has no NaN: missing numbers become ``null``).

>>> fc = feature_collection(analysis)  # doctest: +SKIP
>>> write_geojson(analysis, "out.geojson")  # doctest: +SKIP
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Mapping, Sequence

from geo.geometry import PRECISION, corridor_geometry, geometry_json, valid_lonlat, zone_geometry
from geo.model import Analysis, Claim, Corridor, PlaceSummary, Zone

LAYERS = ("place", "claim", "zone", "corridor")
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
        "date": claim.date,
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


def corridor_feature(corridor: Corridor) -> dict:
    """A corridor as a LineString pointing from its origin to its destination."""
    return _feature("corridor", geometry_json(corridor_geometry(corridor)), {
        "actor": corridor.actor,
        "from_place": corridor.from_place,
        "to_place": corridor.to_place,
        "status": corridor.status,
        "claims": [claim_brief(c) for c in corridor.claims],
    })


ClaimColumns = Mapping[str, Sequence[Any]]  # property name -> one value per claim of the analysis


def claim_features(analysis: Analysis, claim_columns: ClaimColumns | None = None) -> list[dict]:
    """The analysis's claims as features; ``claim_columns`` adds properties to them, one value per
    claim in order (a workspace export's ``claim_id`` and ``review``)."""
    claims = [claim_feature(c) for c in analysis.claims]
    for name, values in (claim_columns or {}).items():
        if len(values) != len(claims):
            raise ValueError(f"{len(values)} values of {name!r} for {len(claims)} claims")
        for feature, value in zip(claims, values):
            feature["properties"][name] = clean(value)
    return claims


def feature_collection(analysis: Analysis, claim_columns: ClaimColumns | None = None) -> dict:
    """The whole analysis as one RFC 7946 FeatureCollection (places, claims, zones, corridors);
    every export format is made from it (``claim_columns``: see :func:`claim_features`)."""
    features = (
        [place_feature(p) for p in analysis.places]
        + claim_features(analysis, claim_columns)
        + [zone_feature(z) for z in analysis.zones]
        + [corridor_feature(c) for c in analysis.corridors]
    )
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(analysis: Analysis, claim_columns: ClaimColumns | None = None) -> bytes:
    """The FeatureCollection serialised as UTF-8 JSON (raises if a NaN slipped through)."""
    collection = feature_collection(analysis, claim_columns)
    return json.dumps(collection, ensure_ascii=False, allow_nan=False).encode("utf-8")


def write_geojson(analysis: Analysis, path: str | Path, claim_columns: ClaimColumns | None = None) -> Path:
    """Write the FeatureCollection to ``path`` and return it."""
    path = Path(path)
    path.write_bytes(geojson_bytes(analysis, claim_columns))
    return path


__all__ = ["LAYERS", "GEOJSON_MEDIA_TYPE", "ClaimColumns", "feature_collection", "claim_features", "geojson_bytes", "write_geojson",
           "place_feature", "claim_feature", "zone_feature", "corridor_feature", "claim_brief", "clean"]
