"""Stage 5: exports of an analysis, one module per format.

- :mod:`geo.io.geojson`: one RFC 7946 FeatureCollection (``write_geojson``, ``geojson_bytes``);
- :mod:`geo.io.gpkg`: a GeoPackage with one table per layer (``write_gpkg``);
- :mod:`geo.io.parquet`: partitioned GeoParquet, one dataset per layer (``write_parquet``, extra ``scale``);
- :mod:`geo.io.frames`: the GeoDataFrames the last two store.
"""
