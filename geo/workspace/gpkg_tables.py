"""GeoPackage tables: the core metadata tables, geometry blobs, how dataclass fields and frame
columns become SQLite columns, and the writing of whole layers and attribute tables."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import struct
from pathlib import Path
from typing import Any, Iterable

from geo.workspace.connection import SharedConnection, Transaction

WGS84_WKT = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
             'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
             '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
             'AUTHORITY["EPSG","4326"]]')

GPKG_CORE = """
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{wkt}', 'longitude/latitude in decimal degrees on WGS 84');
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
""".replace("{wkt}", WGS84_WKT)


# --------------------------------------------------------------------------- geometry blobs


def gpkg_blob(geometry) -> bytes | None:
    """A shapely geometry as a GeoPackage geometry blob (EPSG:4326, with its envelope)."""
    if geometry is None or geometry.is_empty:
        return None
    import shapely

    minx, miny, maxx, maxy = geometry.bounds
    header = b"GP" + bytes([0, 0b0000_0011]) + struct.pack("<i", 4326) + struct.pack("<4d", minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geometry, byte_order=1)


def point_blob(lon: float | None, lat: float | None) -> bytes | None:
    """A lon/lat point as a GeoPackage blob, or None when either is missing."""
    if lon is None or lat is None or lon != lon or lat != lat:
        return None
    wkb = struct.pack("<bI2d", 1, 1, lon, lat)
    return b"GP" + bytes([0, 0b0000_0011]) + struct.pack("<i", 4326) + struct.pack("<4d", lon, lon, lat, lat) + wkb


# --------------------------------------------------------------------------- dataclass columns


def sql_type(annotation: str) -> str:
    kinds = {part.strip() for part in str(annotation).split("|")} - {"None"}
    if kinds <= {"int", "bool"}:
        return "INTEGER"
    if kinds <= {"float", "int"}:
        return "REAL"
    return "TEXT"


def encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def decode(value: Any, annotation: str) -> Any:
    if not isinstance(value, str):
        return value
    kinds = {part.strip() for part in str(annotation).split("|")} - {"None"}
    if kinds & {"str", "Role", "Relation", "Stance"} or not kinds:
        return value
    if any(k.startswith(("tuple", "list", "dict")) for k in kinds):
        loaded = json.loads(value)
        return tuples(loaded) if any(k.startswith("tuple") for k in kinds) else loaded
    if "dt.date" in kinds or "date" in kinds:
        return dt.date.fromisoformat(value)
    if "dt.datetime" in kinds or "datetime" in kinds:
        return dt.datetime.fromisoformat(value)
    return value


PLAIN_TYPES = {"str", "int", "float", "bool", "Role", "Relation", "Stance"}


def stored_as_text(annotation: str) -> bool:
    """Whether a field's values are stored as JSON or ISO text and must be decoded when read."""
    kinds = {part.strip() for part in str(annotation).split("|")} - {"None"}
    return not kinds <= PLAIN_TYPES


def tuples(value: Any) -> Any:
    return tuple(tuples(v) for v in value) if isinstance(value, list) else value


def init_fields(cls) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if f.init]


def register_layer(db: sqlite3.Connection, table: str, geom_column: str | None, geom_type: str | None) -> None:
    """Make ``table`` a GeoPackage layer (a feature table with a geometry column, or attributes)."""
    data_type = "features" if geom_column else "attributes"
    db.execute("INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, ?, ?, ?)",
               (table, data_type, table, 4326 if geom_column else None))
    if geom_column:
        db.execute("INSERT OR REPLACE INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)",
                   (table, geom_column, geom_type))


def replace_table(db: sqlite3.Connection, table: str, frame, geom_type: str) -> None:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    db.execute(f'DROP TABLE IF EXISTS "{table}"')
    defs = ", ".join(f'"{c}" {_frame_type(frame[c])}' for c in columns)
    db.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB'
               + (f", {defs}" if defs else "") + ")")
    register_layer(db, table, "geom", geom_type)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    rows = ((gpkg_blob(geom), *(_scalar(v) for v in values))
            for geom, values in zip(frame.geometry, frame[columns].itertuples(index=False, name=None)))
    db.executemany(f'INSERT INTO "{table}" (geom{", " + names if names else ""}) VALUES ({marks})', rows)
    if len(frame) and not frame.geometry.is_empty.all():
        minx, miny, maxx, maxy = (float(v) for v in frame.total_bounds)
        db.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                   (minx, miny, maxx, maxy, table))


def _frame_type(series) -> str:
    kind = series.dtype.kind
    return "INTEGER" if kind in "iub" else "REAL" if kind == "f" else "TEXT"


def _scalar(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return encode(value)


def write_attribute_table(path: str | Path, table: str, rows: Iterable[dict]) -> None:
    """Add (or replace) a plain attribute table in an existing GeoPackage, e.g. the edit log in an export."""
    rows = list(rows)
    columns = list(rows[0]) if rows else ["n"]
    db = SharedConnection(str(path), (0, 0))
    try:
        with Transaction(db):
            db.execute(f'DROP TABLE IF EXISTS "{table}"')
            defs = ", ".join(f'"{c}" TEXT' for c in columns)
            db.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, {defs})')
            register_layer(db, table, None, None)
            marks = ", ".join("?" for _ in columns)
            db.executemany(f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
                           f"VALUES ({marks})", [tuple(encode(r.get(c)) for c in columns) for r in rows])
    finally:
        db.db.close()
