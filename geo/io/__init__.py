"""Stage 5: exports of an analysis, one module per format, one entry: :func:`write_analysis`.

- :mod:`geo.io.geojson`: one RFC 7946 FeatureCollection (``write_geojson``, ``geojson_bytes``);
- :mod:`geo.io.gpkg`: a GeoPackage with one table per layer (``write_gpkg``);
- :mod:`geo.io.parquet`: partitioned GeoParquet, one dataset per layer (``write_parquet``, extra ``scale``);
- :mod:`geo.io.csv`: the claims as one CSV table (``write_csv``);
- :mod:`geo.io.frames`: the GeoDataFrames the last two store.

Every format is made from the same FeatureCollection, so each carries the same claim columns
(``confidence`` among them, and a workspace export's ``claim_id`` and ``review``).
"""
from __future__ import annotations

from pathlib import Path

FORMATS = ("geojson", "gpkg", "parquet", "csv")


def write_analysis(analysis, path: str | Path, fmt: str, claim_columns=None) -> Path:
    """Write ``analysis`` to ``path`` in ``fmt`` (one of :data:`FORMATS`), with ``claim_columns``
    added to the claims (see :func:`geo.io.geojson.feature_collection`)."""
    if fmt == "geojson":
        from geo.io.geojson import write_geojson as write
    elif fmt == "gpkg":
        from geo.io.gpkg import write_gpkg as write
    elif fmt == "parquet":
        from geo.io.parquet import write_parquet as write
    elif fmt == "csv":
        from geo.io.csv import write_csv as write
    else:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    return write(analysis, path, claim_columns)


__all__ = ["FORMATS", "write_analysis"]
