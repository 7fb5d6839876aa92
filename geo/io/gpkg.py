"""GeoPackage export: one table per layer, readable by QGIS and GDAL as it is."""
from __future__ import annotations

from pathlib import Path

from geo.io.frames import GEOMETRY_TYPES, layer_frames
from geo.io.geojson import ClaimColumns
from geo.model import Analysis


def write_gpkg(analysis: Analysis, path: str | Path, claim_columns: ClaimColumns | None = None) -> Path:
    """Write a GeoPackage with one table per layer (``place``, ``claim``, ``zone``, ``corridor``).

    Empty layers are written too (as empty tables), so readers always find all four.
    ``claim_columns``: more columns of the claim table (see :func:`geo.io.geojson.feature_collection`).
    """
    path = Path(path)
    if path.exists():
        path.unlink()
    for layer, frame in layer_frames(analysis, claim_columns).items():
        frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio",
                      geometry_type=GEOMETRY_TYPES[layer])
    return path
