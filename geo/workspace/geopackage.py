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
import threading
from pathlib import Path
from typing import Any, Callable, Iterable

from geo.model import Claim, Document, Mention
from geo.workspace.base import Correction, LocalPlace, StoredDocument, WorkspaceError, text_sha256

SCHEMA_VERSION = 2
APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10200  # GeoPackage 1.2
BUSY_TIMEOUT_S = 30.0

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


INTERNAL_ACTIONS = ("migrate", "add_column", "analyse")  # the program's bookkeeping, not an analyst's edit


def _migration_2(db: sqlite3.Connection) -> None:
    """The edit log keeps the analyst's edits only; the program's own steps get a table of their own."""
    _run_script(db, """
    CREATE TABLE geo_workspace_events (fid INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
      action TEXT NOT NULL, detail TEXT NOT NULL)""")
    marks = ", ".join("?" * len(INTERNAL_ACTIONS))
    db.execute("INSERT INTO geo_workspace_events (at, action, detail) SELECT at, action, detail FROM edit_log "
               f"WHERE action IN ({marks}) ORDER BY fid", INTERNAL_ACTIONS)
    db.execute(f"DELETE FROM edit_log WHERE action IN ({marks})", INTERNAL_ACTIONS)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1, _migration_2]
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


class _Rows:
    """The rows and counts of one statement, read while the connection's lock was held."""

    __slots__ = ("rows", "rowcount", "lastrowid")

    def __init__(self, rows: list, rowcount: int, lastrowid: int | None) -> None:
        self.rows, self.rowcount, self.lastrowid = rows, rowcount, lastrowid

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list:
        return self.rows

    def __iter__(self):
        return iter(self.rows)


class SharedConnection:
    """The one SQLite connection a process keeps to a workspace file, shared by every
    :class:`GeoPackageWorkspace` opened on it (the app's browser sessions, threads).

    One connection per file and process is what keeps SQLite's locks sound: POSIX locks belong to
    the process, and closing *any* descriptor of the file drops all of them ("How To Corrupt An
    SQLite Database File", section 2.2). A lock serialises the threads: a transaction holds it
    from BEGIN to COMMIT, a read holds it until its rows are fetched.
    """

    def __init__(self, path: str, key: tuple[int, int]) -> None:
        self.db = _connect(path)
        self.key = key
        self.lock = threading.RLock()
        self.users = 0

    def execute(self, sql: str, params=()) -> _Rows:
        with self.lock:
            cursor = self.db.execute(sql, params)
            return _Rows(cursor.fetchall(), cursor.rowcount, cursor.lastrowid)

    def executemany(self, sql: str, rows) -> _Rows:
        with self.lock:
            cursor = self.db.executemany(sql, rows)
            return _Rows([], cursor.rowcount, cursor.lastrowid)

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def backup(self, target: sqlite3.Connection) -> None:
        with self.lock:
            self.db.backup(target)


_OPEN: dict[tuple[int, int], SharedConnection] = {}  # (device, inode) -> this process's connection
_OPEN_LOCK = threading.Lock()
_OPEN_PID = os.getpid()


def _file_key(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _shared(path: Path) -> SharedConnection | None:
    """This process's open connection to the file at ``path``, if it has one (not one inherited
    through fork: a child process must open its own)."""
    global _OPEN_PID
    if os.getpid() != _OPEN_PID:
        _OPEN.clear()
        _OPEN_PID = os.getpid()
    try:
        return _OPEN.get(_file_key(path))
    except OSError:
        return None


def _check_foreign(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a workspace this code can open.

    The file is read through SQLite only (no ``open()``/``close()`` of our own, which would drop
    the locks of this process's connections to it), and only when this process has none yet."""
    damaged = ("it was left untouched. Restore it from a backup (`geo workspace backup` makes one), or "
               "start a new workspace and ingest the documents again.")
    if path.stat().st_size == 0:
        raise WorkspaceError(f"{path} is not a geo workspace (the file is empty); it was left untouched. "
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
                raise WorkspaceError(f"{path} is damaged ({problems[0]}); {damaged}")
        finally:
            db.close()
    except sqlite3.DatabaseError as err:
        if "not a database" in str(err):
            raise WorkspaceError(f"{path} is not a geo workspace (the file is not an SQLite/GeoPackage file); "
                                 "it was left untouched. Give the name of a new file to start a workspace "
                                 "there.") from None
        raise WorkspaceError(f"{path} is damaged or not a workspace ({err}); {damaged}") from None


def move_aside(path: str | Path) -> Path:
    """Rename a workspace this code cannot open (with its -wal and -shm files) to
    ``NAME.unreadable-TIME.gpkg`` beside it, so that a new one can start at ``path``. Nothing is
    deleted; a file this process has open is refused."""
    path = Path(path)
    with _OPEN_LOCK:
        if _shared(path) is not None:
            raise WorkspaceError(f"{path} is open in this program; it was not moved")
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
        if target.exists():
            raise WorkspaceError(f"{target} exists already; nothing was moved")
        os.rename(path, target)
        for end in ("-wal", "-shm"):
            journal = path.with_name(path.name + end)
            if journal.exists():
                os.rename(journal, target.with_name(target.name + end))
    return target


DOCUMENT_CORE = ("id", "text", "path")  # Document fields with their own columns (id is doc_id)


def _document_extras() -> list[dataclasses.Field]:
    """Document fields beyond id, text and path (a date, ...): one column each, added when new."""
    return [f for f in _fields(Document) if f.name not in DOCUMENT_CORE]


class GeoPackageWorkspace:
    """The default backend: one GeoPackage file."""

    def __init__(self, path: Path, db: SharedConnection) -> None:
        self.path = str(path)
        self.db = db
        self._closed = False

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> "GeoPackageWorkspace":
        """Open the workspace at ``path`` (creating it when missing and ``create``), migrated to
        the current schema. A foreign, newer or damaged file raises WorkspaceError untouched.
        A second open of the same file in one process shares the first one's connection."""
        path = Path(path)
        with _OPEN_LOCK:
            shared = _shared(path)
            if shared is None:
                if path.exists():
                    _check_foreign(path)
                elif not create:
                    raise WorkspaceError(f"{path}: no such workspace (give an existing .gpkg, or omit it to start one)")
                else:
                    cls._create(path)
                shared = SharedConnection(str(path), _file_key(path))
                try:
                    shared.execute("PRAGMA journal_mode = WAL")
                    shared.execute("PRAGMA synchronous = NORMAL")  # WAL: a killed process loses nothing committed
                    workspace = cls(path, shared)
                    workspace._migrate()
                    workspace._sync_columns()
                except BaseException:
                    shared.db.close()
                    raise
                _OPEN[shared.key] = shared
            shared.users += 1
        return cls(path, shared)

    @classmethod
    def _create(cls, path: Path) -> None:
        """Write a new, empty workspace to a temporary file and move it into place (atomically:
        a crash leaves either no file or a complete one, and a second process opening the path
        meanwhile finds a whole workspace, never a bare database)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
        conn = SharedConnection(str(tmp), (0, 0))
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
            workspace = cls(tmp, conn)
            workspace._migrate(backup=False)
            workspace._sync_columns()
        finally:
            conn.db.close()
        try:
            os.link(tmp, path)  # fails if another process created it meanwhile: theirs stands
        except FileExistsError:
            pass
        finally:
            tmp.unlink()

    def _schema_version(self) -> int:
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'geo_workspace_meta'").fetchone():
            return 0
        return int(self.db.execute("SELECT value FROM geo_workspace_meta WHERE key = 'schema_version'").fetchone()[0])

    def _migrate(self, backup: bool = True) -> None:
        """Bring the schema up to date in one transaction; an existing workspace is first copied to
        ``NAME.schemaN-backup-TIME.gpkg`` beside it."""
        found = self._schema_version()
        if found == SCHEMA_VERSION:
            return
        if backup and found:
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
            path = Path(self.path)
            self.backup(path.with_name(f"{path.stem}.schema{found}-backup-{stamp}{path.suffix}"))
        with self.transaction():
            version = self._schema_version()
            for number in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[number - 1](self.db)
                self.db.execute("INSERT OR REPLACE INTO geo_workspace_meta VALUES ('schema_version', ?)",
                                (str(number),))
                if number >= 2:
                    self._event("migrate", {"schema_version": number})

    def backup(self, target: str | Path) -> Path:
        """Copy the workspace, as committed, to a new file ``target`` (SQLite's online backup: safe
        while other processes write). The copy appears whole or not at all."""
        target = Path(target)
        if target.exists():
            raise WorkspaceError(f"{target} exists already; give the name of a new file for the backup")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
        copy = sqlite3.connect(str(tmp))
        try:
            self.db.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise WorkspaceError(f"{target} appeared meanwhile; it was left as it is") from None
        finally:
            tmp.unlink()
        return target

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
                        self._event("add_column", {"table": table, "column": f.name})

    # -- plumbing ------------------------------------------------------------------------
    def transaction(self):
        """``with ws.transaction():`` one write transaction (BEGIN IMMEDIATE: writers queue, not fail)."""
        return _Transaction(self.db)

    def _log(self, author: str, action: str, detail: dict) -> None:
        self.db.execute("INSERT INTO edit_log (at, author, action, detail) VALUES (?, ?, ?, ?)",
                        (_now(), author, action, json.dumps(detail, ensure_ascii=False, default=str)))

    def _event(self, action: str, detail: dict) -> None:
        """The program's own bookkeeping (migrations, analyses): counted by :meth:`revision`, kept
        out of the analyst's edit log."""
        self.db.execute("INSERT INTO geo_workspace_events (at, action, detail) VALUES (?, ?, ?)",
                        (_now(), action, json.dumps(detail, ensure_ascii=False, default=str)))

    def close(self) -> None:
        """Let go of this handle; the process's connection closes with the last handle on the file."""
        if self._closed:
            return
        self._closed = True
        with _OPEN_LOCK:
            self.db.users -= 1
            if self.db.users <= 0:
                if _OPEN.get(self.db.key) is self.db:
                    del _OPEN[self.db.key]
                self.db.db.close()

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
            self._event("analyse", {"doc": doc.document.id, "version": doc.version, "analyser": version,
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
        return self.db.execute("SELECT COALESCE(SUM(seq), 0) FROM sqlite_sequence "
                               "WHERE name IN ('edit_log', 'geo_workspace_events')").fetchone()[0]

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

    def events(self) -> list[dict]:
        """The program's own steps (migrations, columns added, analyses), oldest first."""
        rows = self.db.execute("SELECT fid, at, action, detail FROM geo_workspace_events ORDER BY fid")
        return [{"n": r[0], "at": r[1], "action": r[2], "detail": r[3]} for r in rows]

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
    db = SharedConnection(str(path), (0, 0))
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
        db.db.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception; nested uses join the outer one.
    The connection's lock is held throughout, so other threads neither join nor interleave."""

    def __init__(self, conn: SharedConnection) -> None:
        self.conn = conn
        self.outer = False

    def __enter__(self) -> None:
        self.conn.lock.acquire()
        if not self.conn.in_transaction:
            try:
                self.conn.db.execute("BEGIN IMMEDIATE")
            except BaseException:
                self.conn.lock.release()
                raise
            self.outer = True

    def __exit__(self, kind, value, traceback) -> None:
        try:
            if self.outer:
                self.conn.db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self.outer = False
            self.conn.lock.release()
