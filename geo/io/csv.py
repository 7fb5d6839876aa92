"""CSV export: the claims as one table, for a spreadsheet.

The columns are the claim properties of the other formats (every :class:`~geo.model.Claim` field,
``confidence``, ``lat`` and ``lon`` among them, then the ``claim_columns`` given: a workspace's
``claim_id`` and ``review``); places, zones and corridors are left to GeoJSON, GeoPackage and
GeoParquet, which hold geometries.

>>> write_csv(analysis, "claims.csv")  # doctest: +SKIP
"""
from __future__ import annotations

import csv
from pathlib import Path

from geo.io.geojson import ClaimColumns, claim_features
from geo.model import Analysis, Claim


def write_csv(analysis: Analysis, path: str | Path, claim_columns: ClaimColumns | None = None) -> Path:
    """Write one row per claim to ``path`` (UTF-8, a header row; an empty value for None)."""
    rows = [{k: v for k, v in f["properties"].items() if k != "layer"} for f in claim_features(analysis, claim_columns)]
    header = list(rows[0]) if rows else list(Claim.COLUMNS) + list(claim_columns or {})
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path
