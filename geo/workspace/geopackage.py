"""The workspace as one GeoPackage file (SQLite underneath; QGIS and GDAL open it as it is).

Tables: ``documents``, ``corrections``, ``edit_log`` (attribute tables) and ``mentions``,
``claims``, ``gazetteer``, ``places``, ``zones``, ``corridors`` (feature tables in EPSG:4326).
Mentions and claims get one column per column of their flat row (``Mention.COLUMNS``,
``Claim.COLUMNS``: the places they carry spelled out); a column added to the model later becomes
a new column the next time the workspace is opened. Document fields that are not numbers or
text are stored as JSON. The schema version lives in ``geo_workspace_meta``; migrations
run in order inside one transaction. Writes are transactions in WAL mode with a busy timeout,
so two processes can write at once and a killed process loses only what it had not committed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

from geo.model import Claim, Document, Mention
from geo.workspace.base import Correction, LocalPlace, StoredDocument, WorkspaceError, text_sha256
from geo.workspace.connection import (BUSY_TIMEOUT_S, OPEN, OPEN_LOCK, SharedConnection, Transaction, connection_of,
                                      file_key)
from geo.workspace.gpkg_tables import (decode, encode, init_fields, point_blob, replace_table, sql_type,
                                       write_attribute_table)
from geo.workspace.migrations import APPLICATION_ID, GPKG_USER_VERSION, MIGRATIONS, SCHEMA_VERSION

__all__ = ["GeoPackageWorkspace", "SCHEMA_VERSION", "move_aside", "write_attribute_table"]

def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


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
    with OPEN_LOCK:
        if connection_of(path) is not None:
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
    return [f for f in init_fields(Document) if f.name not in DOCUMENT_CORE]


def _columns(cls) -> list[tuple[str, str]]:
    """(name, type) of each stored column of a model class: Document extras, or a flat row's columns."""
    if cls is Document:
        return [(f.name, str(f.type)) for f in _document_extras()]
    return list(cls.COLUMNS.items())


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
        with OPEN_LOCK:
            shared = connection_of(path)
            if shared is None:
                if path.exists():
                    _check_foreign(path)
                elif not create:
                    raise WorkspaceError(f"{path}: no such workspace (give an existing .gpkg, or omit it to start one)")
                else:
                    cls._create(path)
                shared = SharedConnection(str(path), file_key(path))
                try:
                    shared.execute("PRAGMA journal_mode = WAL")
                    shared.execute("PRAGMA synchronous = NORMAL")  # WAL: a killed process loses nothing committed
                    workspace = cls(path, shared)
                    workspace._migrate()
                    workspace._sync_columns()
                except BaseException:
                    shared.db.close()
                    raise
                OPEN[shared.key] = shared
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
            missing = [(name, kind) for name, kind in _columns(cls) if name not in present]
            if not missing:
                continue
            with self.transaction():
                present = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
                for name, kind in missing:
                    if name not in present:
                        self.db.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type(kind)}')
                        self._event("add_column", {"table": table, "column": name})

    # -- plumbing ------------------------------------------------------------------------
    def transaction(self):
        """``with ws.transaction():`` one write transaction (BEGIN IMMEDIATE: writers queue, not fail)."""
        return Transaction(self.db)

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
        with OPEN_LOCK:
            self.db.users -= 1
            if self.db.users <= 0:
                if OPEN.get(self.db.key) is self.db:
                    del OPEN[self.db.key]
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
        extras = {f.name: decode(v, f.type) for f, v in zip(_document_extras(), row[12:])}
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
                 *(encode(getattr(doc, f.name)) for f in extras)))
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
            for table, cls, items in (("mentions", Mention, mentions), ("claims", Claim, claims)):
                self.db.execute(f"DELETE FROM {table} WHERE doc_fid = ?", (doc.fid,))
                names = list(cls.COLUMNS)
                columns = ", ".join(f'"{n}"' for n in names)
                marks = ", ".join("?" for _ in range(len(names) + 2))
                rows = [item.to_dict() for item in items]
                self.db.executemany(
                    f"INSERT INTO {table} (doc_fid, geom, {columns}) VALUES ({marks})",
                    [(doc.fid, point_blob(row["lon"], row["lat"]), *(row[n] for n in names)) for row in rows])
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
        """The current documents' mentions or claims, rebuilt from their flat rows."""
        present = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
        names = [name for name in cls.COLUMNS if name in present]
        columns = ", ".join(f't."{name}"' for name in names)
        rows = self.db.execute(f"SELECT {columns} FROM {table} t JOIN documents d ON d.fid = t.doc_fid "
                               "WHERE d.current = 1 ORDER BY d.doc_id, t.fid")
        return [cls.from_dict(dict(zip(names, row))) for row in rows]

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
                replace_table(self.db, table, frame, geom_type)
