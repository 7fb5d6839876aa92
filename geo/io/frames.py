"""The analysis as one GeoDataFrame per layer: what the GeoPackage and GeoParquet writers store.

Columns are the properties of the GeoJSON features (:mod:`geo.io.geojson`); lists and dicts
become JSON text, since GeoPackage and Parquet columns here hold scalars.
"""
from __future__ import annotations

import json
from typing import Any

from shapely.geometry import MultiPolygon, Point, Polygon, shape

from geo.io.geojson import LAYERS, ClaimColumns, feature_collection
from geo.model import Analysis

GEOMETRY_TYPES = {"place": "Point", "claim": "Point", "zone": "MultiPolygon", "corridor": "LineString"}


def _gpkg_value(value: Any) -> Any:
    """GeoPackage columns hold scalars: lists and dicts are stored as JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    return value


def layer_frames(analysis: Analysis, claim_columns: ClaimColumns | None = None
                 ) -> dict[str, "geopandas.GeoDataFrame"]:  # noqa: F821
    """One GeoDataFrame per ``layer`` value (EPSG:4326); nested properties become JSON text;
    ``claim_columns`` as :func:`geo.io.geojson.feature_collection` takes them."""
    import geopandas as gpd

    rows: dict[str, list[dict]] = {layer: [] for layer in LAYERS}
    geoms: dict[str, list] = {layer: [] for layer in LAYERS}
    for feature in feature_collection(analysis, claim_columns)["features"]:
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
