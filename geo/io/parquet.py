"""Partitioned GeoParquet export: one dataset (folder) per layer, written with dask-geopandas.

Needs the ``scale`` extra (``pip install 'geo-conflict-map[scale]'``).

>>> write_parquet(analysis, "analysis.parquet")  # doctest: +SKIP
"""
from __future__ import annotations

import math
from pathlib import Path

from geo.io.geojson import ClaimColumns
from geo.model import Analysis

# Rows per GeoParquet file of a layer.
ROWS_PER_PARTITION = 50_000


def write_parquet(analysis: Analysis, path: str | Path, claim_columns: ClaimColumns | None = None,
                  rows_per_partition: int = ROWS_PER_PARTITION) -> Path:
    """Write the analysis as partitioned GeoParquet: one dataset (folder) per layer.

    ``path/claim``, ``path/place``, ``path/zone`` and ``path/corridor`` each hold
    ``part.N.parquet`` files of at most ``rows_per_partition`` rows, with GeoParquet metadata
    (EPSG:4326) as written by dask-geopandas; empty layers are written too. The columns are those
    of the GeoPackage export (:func:`geo.io.frames.layer_frames`: every property of the GeoJSON
    features, lists as JSON text). Read one layer back with
    ``geopandas.read_parquet(path / "claim")`` or ``dask_geopandas.read_parquet(path / "claim")``.
    ``claim_columns``: more columns of the claim dataset (see :func:`geo.io.geojson.feature_collection`).
    """
    import dask_geopandas

    from geo.io.frames import layer_frames

    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{path} exists and is not a folder (a GeoParquet export is a folder of datasets)")
    path.mkdir(parents=True, exist_ok=True)
    for layer, frame in layer_frames(analysis, claim_columns).items():
        frame = frame.reset_index(drop=True)
        npartitions = max(1, math.ceil(len(frame) / rows_per_partition))
        dask_geopandas.from_geopandas(frame, npartitions=npartitions, sort=False).to_parquet(
            path / layer, overwrite=True, write_index=False,
        )
    return path
