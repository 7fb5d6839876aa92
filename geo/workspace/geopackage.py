"""The workspace as one GeoPackage file (SQLite underneath; QGIS and GDAL open it as it is).

Tables: ``documents``, ``corrections``, ``edit_log`` (attribute tables) and ``mentions``,
``claims``, ``gazetteer``, ``places``, ``zones``, ``corridors`` (feature tables in EPSG:4326).
Mentions and claims get one column per field of their dataclass: a field added to the model
later becomes a new column the next time the workspace is opened (values that are not numbers
or text are stored as JSON). The schema version lives in ``geo_workspace_meta``; migrations
run in order inside one transaction. Writes are transactions in WAL mode with a busy timeout,
so two processes can write at once and a killed process loses only what it had not committed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
import struct
from pathlib import Path
from typing import Any, Callable, Iterable

from geo.model import Claim, Document, Mention
from geo.workspace.base import Correction, LocalPlace, StoredDocument, WorkspaceError, text_sha256

SCHEMA_VERSION = 1
APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10200  # GeoPackage 1.2
BUSY_TIMEOUT_S = 30.0
SQLITE_MAGIC = b"SQLite format 3\x00"

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


def _sql_type(annotation: str) -> str:
    kinds = {part.strip() for part in str(annotation).split("|")} - {"None"}
    if kinds <= {"int", "bool"}:
        return "INTEGER"
    if kinds <= {"float", "int"}:
        return "REAL"
    return "TEXT"


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def _decode(value: Any, annotation: str) -> Any:
    if not isinstance(value, str):
        return value
    kinds = {part.strip() for part in str(annotation).split("|")} - {"None"}
    if kinds & {"str", "Role", "Relation", "Stance"} or not kinds:
        return value
    if any(k.startswith(("tuple", "list", "dict")) for k in kinds):
        loaded = json.loads(value)
        return _tuples(loaded) if any(k.startswith("tuple") for k in kinds) else loaded
    if "dt.date" in kinds or "date" in kinds:
        return dt.date.fromisoformat(value)
    if "dt.datetime" in kinds or "datetime" in kinds:
        return dt.datetime.fromisoformat(value)
    return value


PLAIN_TYPES = {"str", "int", "float", "bool", "Role", "Relation", "Stance"}


def _stored_as_text(annotation: str) -> bool:
    """Whether a field's values are stored as JSON or ISO text and must be decoded when read."""
    kinds = {part.strip() for part in str(annotation).split("|")} - {"None"}
    return not kinds <= PLAIN_TYPES


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _fields(cls) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if f.init]


# --------------------------------------------------------------------------- migrations


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one (``executescript`` would commit the open transaction first)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _migration_1(db: sqlite3.Connection) -> None:
    _run_script(db, GPKG_CORE)
    _run_script(db, """
    CREATE TABLE geo_workspace_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
      fid INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, version INTEGER NOT NULL,
      sha256 TEXT NOT NULL UNIQUE, text_sha256 TEXT NOT NULL, text TEXT NOT NULL, source TEXT NOT NULL,
      path TEXT NOT NULL DEFAULT '', encoding TEXT NOT NULL, kind TEXT NOT NULL, size INTEGER NOT NULL,
      added_at TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', current INTEGER NOT NULL DEFAULT 1,
      analysed_with TEXT, date TEXT);
    CREATE INDEX documents_current ON documents (current, doc_id);
    CREATE TABLE corrections (
      fid INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, action TEXT NOT NULL,
      doc_sha256 TEXT NOT NULL, anchor TEXT NOT NULL, "values" TEXT NOT NULL, author TEXT NOT NULL,
      created_at TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1);
    CREATE TABLE edit_log (
      fid INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, author TEXT NOT NULL, action TEXT NOT NULL,
      detail TEXT NOT NULL);
    CREATE TABLE mentions (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB,
      doc_fid INTEGER NOT NULL REFERENCES documents(fid));
    CREATE INDEX mentions_doc ON mentions (doc_fid);
    CREATE TABLE claims (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB,
      doc_fid INTEGER NOT NULL REFERENCES documents(fid));
    CREATE INDEX claims_doc ON claims (doc_fid);
    CREATE TABLE gazetteer (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, place_id TEXT NOT NULL,
      name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL, lat REAL, lon REAL, names TEXT NOT NULL,
      author TEXT NOT NULL, created_at TEXT NOT NULL);
    """)
    for table in ("documents", "corrections", "edit_log"):
        _register(db, table, None, None)
    for table in ("mentions", "claims", "gazetteer"):
        _register(db, table, "geom", "POINT")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1]
assert len(MIGRATIONS) == SCHEMA_VERSION


def _register(db: sqlite3.Connection, table: str, geom_column: str | None, geom_type: str | None) -> None:
    """Make ``table`` a GeoPackage layer (a feature table with a geometry column, or attributes)."""
    data_type = "features" if geom_column else "attributes"
    db.execute("INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, ?, ?, ?)",
               (table, data_type, table, 4326 if geom_column else None))
    if geom_column:
        db.execute("INSERT OR REPLACE INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)",
                   (table, geom_column, geom_type))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return db


def _check_foreign(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a workspace this code can open."""
    with open(path, "rb") as handle:
        head = handle.read(100)
    if not head.startswith(SQLITE_MAGIC):
        what = "empty" if not head else "not an SQLite/GeoPackage file"
        raise WorkspaceError(f"{path} is not a geo workspace (the file is {what}); it was left untouched. "
                             "Give the name of a new file to start a workspace there.")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "geo_workspace_meta" not in names:
                kind = "a GeoPackage" if "gpkg_contents" in names else "an SQLite database"
                raise WorkspaceError(f"{path} is {kind} but not a geo workspace; it was left untouched. "
                                     "Give the name of a new file to start a workspace there.")
            row = db.execute("SELECT value FROM geo_workspace_meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise WorkspaceError(f"{path} was written by a newer geo (workspace schema {version}, this one "
                                     f"knows {SCHEMA_VERSION}); upgrade geo to open it. It was left untouched.")
            problems = [r[0] for r in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise WorkspaceError(f"{path} is damaged ({problems[0]}); it was left untouched. Restore it from a "
                                     "backup, or start a new workspace and ingest the documents again.")
        finally:
            db.close()
    except sqlite3.DatabaseError as err:
        raise WorkspaceError(f"{path} is damaged or not a workspace ({err}); it was left untouched. Restore it "
                             "from a backup, or start a new workspace and ingest the documents again.") from None


DOCUMENT_CORE = ("id", "text", "path")  # Document fields with their own columns (id is doc_id)


def _document_extras() -> list[dataclasses.Field]:
    """Document fields beyond id, text and path (a date, ...): one column each, added when new."""
    return [f for f in _fields(Document) if f.name not in DOCUMENT_CORE]


class GeoPackageWorkspace:
    """The default backend: one GeoPackage file."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = str(path)
        self.db = db

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> "GeoPackageWorkspace":
        """Open the workspace at ``path`` (creating it when missing and ``create``), migrated to
        the current schema. A foreign, newer or damaged file raises WorkspaceError untouched."""
        path = Path(path)
        if path.exists():
            _check_foreign(path)
        elif not create:
            raise WorkspaceError(f"{path}: no such workspace (give an existing .gpkg, or omit it to start one)")
        else:
            cls._create(path)
        db = _connect(str(path))
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL: a killed process loses nothing committed
        workspace = cls(path, db)
        workspace._migrate()
        workspace._sync_columns()
        return workspace

    @classmethod
    def _create(cls, path: Path) -> None:
        """Write a new, empty workspace to a temporary file and move it into place (atomically:
        a crash leaves either no file or a complete one, and a second process opening the path
        meanwhile finds a whole workspace, never a bare database)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
        db = _connect(str(tmp))
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
            workspace = cls(tmp, db)
            workspace._migrate()
            workspace._sync_columns()
        finally:
            db.close()
        try:
            os.link(tmp, path)  # fails if another process created it meanwhile: theirs stands
        except FileExistsError:
            pass
        finally:
            tmp.unlink()

    def _migrate(self) -> None:
        with self.transaction():
            has_meta = self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'geo_workspace_meta'").fetchone()
            version = 0
            if has_meta:
                version = int(self.db.execute(
                    "SELECT value FROM geo_workspace_meta WHERE key = 'schema_version'").fetchone()[0])
            for number in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[number - 1](self.db)
                self.db.execute("INSERT OR REPLACE INTO geo_workspace_meta VALUES ('schema_version', ?)",
                                (str(number),))
                self._log("", "migrate", {"schema_version": number})

    def _sync_columns(self) -> None:
        """Add a column for every model field the tables lack (fields added to the model later)."""
        for table, cls in (("mentions", Mention), ("claims", Claim), ("documents", Document)):
            present = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            wanted = _document_extras() if cls is Document else _fields(cls)
            missing = [f for f in wanted if f.name not in present]
            if not missing:
                continue
            with self.transaction():
                present = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
                for f in missing:
                    if f.name not in present:
                        self.db.execute(f'ALTER TABLE {table} ADD COLUMN "{f.name}" {_sql_type(f.type)}')
                        self._log("", "add_column", {"table": table, "column": f.name})

    # -- plumbing ------------------------------------------------------------------------
    def transaction(self):
        """``with ws.transaction():`` one write transaction (BEGIN IMMEDIATE: writers queue, not fail)."""
        return _Transaction(self.db)

    def _log(self, author: str, action: str, detail: dict) -> None:
        self.db.execute("INSERT INTO edit_log (at, author, action, detail) VALUES (?, ?, ?, ?)",
                        (_now(), author, action, json.dumps(detail, ensure_ascii=False, default=str)))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "GeoPackageWorkspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents -----------------------------------------------------------------------
    @property
    def _DOC_COLUMNS(self) -> str:
        extras = "".join(f', "{f.name}"' for f in _document_extras())
        return ("fid, doc_id, text, path, sha256, text_sha256, source, encoding, kind, version, added_at, "
                "analysed_with" + extras)

    def _stored(self, row: tuple) -> StoredDocument:
        fid, doc_id, text, path, sha, text_sha, source, encoding, kind, version, added_at, analysed = row[:12]
        extras = {f.name: _decode(v, f.type) for f, v in zip(_document_extras(), row[12:])}
        return StoredDocument(fid, Document(id=doc_id, text=text, path=path, **extras), sha, text_sha, source,
                              encoding, kind, version, added_at, analysed)

    def add_source(self, source, author: str = "") -> tuple[StoredDocument, bool]:
        doc = source.document
        with self.transaction():
            row = self.db.execute(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE sha256 = ?",
                                  (source.sha256,)).fetchone()
            if row:
                return self._stored(row), False
            previous = self.db.execute("SELECT MAX(version) FROM documents WHERE doc_id = ?", (doc.id,)).fetchone()[0]
            self.db.execute("UPDATE documents SET current = 0 WHERE doc_id = ?", (doc.id,))
            extras = _document_extras()
            cursor = self.db.execute(
                "INSERT INTO documents (doc_id, version, sha256, text_sha256, text, source, path, encoding, kind,"
                " size, added_at, author, current" + "".join(f', "{f.name}"' for f in extras) + ") VALUES "
                f"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1{', ?' * len(extras)})",
                (doc.id, (previous or 0) + 1, source.sha256, text_sha256(doc.text), doc.text,
                 Path(doc.path).name or doc.id, doc.path, source.encoding, source.kind, source.size, _now(), author,
                 *(_encode(getattr(doc, f.name)) for f in extras)))
            self._log(author, "ingest", {"doc": doc.id, "version": (previous or 0) + 1, "sha256": source.sha256,
                                         "encoding": source.encoding, "path": doc.path})
            row = self.db.execute(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE fid = ?",
                                  (cursor.lastrowid,)).fetchone()
        return self._stored(row), True

    def documents(self) -> list[StoredDocument]:
        rows = self.db.execute(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE current = 1 ORDER BY doc_id")
        return [self._stored(r) for r in rows]

    def texts_by_hash(self, hashes) -> dict[str, tuple[str, str]]:
        """{text hash: (document id, text)} of any version, current or not."""
        found = {}
        for sha in set(hashes):
            row = self.db.execute("SELECT doc_id, text FROM documents WHERE text_sha256 = ? LIMIT 1", (sha,)).fetchone()
            if row:
                found[sha] = (row[0], row[1])
        return found

    def needing_analysis(self, version: str) -> list[StoredDocument]:
        rows = self.db.execute(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE current = 1 AND "
                               "(analysed_with IS NULL OR analysed_with != ?) ORDER BY doc_id", (version,))
        return [self._stored(r) for r in rows]

    # -- analysis ------------------------------------------------------------------------
    def save_analysis(self, doc: StoredDocument, mentions: list[Mention], claims: list[Claim],
                      version: str) -> None:
        with self.transaction():
            for table, cls, items, lonlat in (("mentions", Mention, mentions, ("lon", "lat")),
                                              ("claims", Claim, claims, ("lon", "lat"))):
                self.db.execute(f"DELETE FROM {table} WHERE doc_fid = ?", (doc.fid,))
                names = [f.name for f in _fields(cls)]
                columns = ", ".join(f'"{n}"' for n in names)
                marks = ", ".join("?" for _ in range(len(names) + 2))
                self.db.executemany(
                    f"INSERT INTO {table} (doc_fid, geom, {columns}) VALUES ({marks})",
                    [(doc.fid, point_blob(getattr(item, lonlat[0]), getattr(item, lonlat[1])),
                      *(_encode(getattr(item, n)) for n in names)) for item in items])
            self.db.execute("UPDATE documents SET analysed_with = ? WHERE fid = ?", (version, doc.fid))
            self._log("", "analyse", {"doc": doc.document.id, "version": doc.version, "analyser": version,
                                      "mentions": len(mentions), "claims": len(claims)})

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM geo_workspace_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Bookkeeping that is not a change of the workspace's content (not in the edit log)."""
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO geo_workspace_meta VALUES (?, ?)", (key, value))

    def revision(self) -> int:
        """A number that grows with every change to the workspace (any process): a cache key."""
        return self.db.execute("SELECT COALESCE(MAX(fid), 0) FROM edit_log").fetchone()[0]

    def _load(self, table: str, cls) -> list:
        fields = _fields(cls)
        present = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
        used = [f for f in fields if f.name in present]
        columns = ", ".join(f't."{f.name}"' for f in used)
        rows = self.db.execute(f"SELECT {columns} FROM {table} t JOIN documents d ON d.fid = t.doc_fid "
                               "WHERE d.current = 1 ORDER BY d.doc_id, t.fid")
        names = [f.name for f in used]
        special = [(i, f.type) for i, f in enumerate(used) if _stored_as_text(f.type)]
        if not special:
            return [cls(**dict(zip(names, row))) for row in rows]
        items = []
        for row in rows:
            values = list(row)
            for i, annotation in special:
                values[i] = _decode(values[i], annotation)
            items.append(cls(**dict(zip(names, values))))
        return items

    def mentions(self) -> list[Mention]:
        return self._load("mentions", Mention)

    def claims(self) -> list[Claim]:
        return self._load("claims", Claim)

    # -- corrections ---------------------------------------------------------------------
    def add_correction(self, target: str, action: str, doc_sha256: str, anchor: dict, values: dict,
                       author: str) -> Correction:
        created = _now()
        with self.transaction():
            cursor = self.db.execute(
                'INSERT INTO corrections (target, action, doc_sha256, anchor, "values", author, created_at)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (target, action, doc_sha256, json.dumps(anchor, sort_keys=True), json.dumps(values, default=str),
                 author, created))
            self._log(author, f"correct:{action}", {"correction": cursor.lastrowid, "target": target,
                                                     "doc_sha256": doc_sha256, "anchor": anchor, "values": values})
        return Correction(cursor.lastrowid, target, action, doc_sha256, anchor, values, author, created)

    def withdraw_correction(self, fid: int, author: str) -> None:
        with self.transaction():
            if not self.db.execute("UPDATE corrections SET active = 0 WHERE fid = ? AND active = 1", (fid,)).rowcount:
                raise WorkspaceError(f"no active correction number {fid} in {self.path}")
            self._log(author, "withdraw", {"correction": fid})

    def corrections(self) -> list[Correction]:
        rows = self.db.execute('SELECT fid, target, action, doc_sha256, anchor, "values", author, created_at, active'
                               " FROM corrections WHERE active = 1 ORDER BY fid")
        return [Correction(r[0], r[1], r[2], r[3], json.loads(r[4]), json.loads(r[5]), r[6], r[7], bool(r[8]))
                for r in rows]

    # -- the workspace's own gazetteer ---------------------------------------------------
    def add_place(self, place: LocalPlace) -> LocalPlace:
        created = _now()
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO gazetteer (geom, place_id, name, kind, country, lat, lon, names, author, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (point_blob(place.lon, place.lat), place.place_id, place.name, place.kind, place.country, place.lat,
                 place.lon, json.dumps(list(place.names) or [place.name], ensure_ascii=False), place.author, created))
            fid = cursor.lastrowid
            place_id = place.place_id or f"ws:{fid}"
            self.db.execute("UPDATE gazetteer SET place_id = ? WHERE fid = ?", (place_id, fid))
            self._log(place.author, "gazetteer", {"place_id": place_id, "name": place.name,
                                                  "names": list(place.names), "lat": place.lat, "lon": place.lon})
        return dataclasses.replace(place, fid=fid, place_id=place_id, created_at=created,
                                   names=tuple(place.names) or (place.name,))

    def places(self) -> list[LocalPlace]:
        rows = self.db.execute("SELECT fid, name, lat, lon, kind, country, place_id, names, author, created_at"
                               " FROM gazetteer ORDER BY fid")
        return [LocalPlace(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8], r[9]) for r in rows]

    def edit_log(self) -> list[dict]:
        rows = self.db.execute("SELECT fid, at, author, action, detail FROM edit_log ORDER BY fid")
        return [{"n": r[0], "at": r[1], "author": r[2], "action": r[3], "detail": r[4]} for r in rows]

    # -- derived layers ------------------------------------------------------------------
    def write_layers(self, frames: dict) -> None:
        """Replace the derived layers (``place``, ``zone``, ``corridor`` GeoDataFrames, stored as
        tables ``places``, ``zones``, ``corridors``) in one transaction."""
        with self.transaction():
            for layer, frame in frames.items():
                table = {"place": "places", "zone": "zones", "corridor": "corridors"}.get(layer)
                if table is None:
                    continue
                geom_type = {"places": "POINT", "zones": "MULTIPOLYGON", "corridors": "LINESTRING"}[table]
                _replace_table(self.db, table, frame, geom_type)


def _replace_table(db: sqlite3.Connection, table: str, frame, geom_type: str) -> None:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    db.execute(f'DROP TABLE IF EXISTS "{table}"')
    defs = ", ".join(f'"{c}" {_frame_type(frame[c])}' for c in columns)
    db.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB'
               + (f", {defs}" if defs else "") + ")")
    _register(db, table, "geom", geom_type)
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
    return _encode(value)


def write_attribute_table(path: str | Path, table: str, rows: Iterable[dict]) -> None:
    """Add (or replace) a plain attribute table in an existing GeoPackage, e.g. the edit log in an export."""
    rows = list(rows)
    columns = list(rows[0]) if rows else ["n"]
    db = _connect(str(path))
    try:
        with _Transaction(db):
            db.execute(f'DROP TABLE IF EXISTS "{table}"')
            defs = ", ".join(f'"{c}" TEXT' for c in columns)
            db.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, {defs})')
            _register(db, table, None, None)
            marks = ", ".join("?" for _ in columns)
            db.executemany(f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
                           f"VALUES ({marks})", [tuple(_encode(r.get(c)) for c in columns) for r in rows])
    finally:
        db.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception; nested uses join the outer one."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.outer = False

    def __enter__(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self.outer = True

    def __exit__(self, kind, value, traceback) -> None:
        if not self.outer:
            return
        if kind is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")
