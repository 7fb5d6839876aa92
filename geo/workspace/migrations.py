"""The workspace schema's versions, and the migrations that bring an older file up to date (run
in order inside one transaction by :meth:`GeoPackageWorkspace.open`)."""
from __future__ import annotations

import sqlite3
from typing import Callable

from geo.workspace.gpkg_tables import GPKG_CORE, register_layer

SCHEMA_VERSION = 2
APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10200  # GeoPackage 1.2


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one (``executescript`` would commit the open transaction first)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _migration_1(db: sqlite3.Connection) -> None:
    run_script(db, GPKG_CORE)
    run_script(db, """
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
        register_layer(db, table, None, None)
    for table in ("mentions", "claims", "gazetteer"):
        register_layer(db, table, "geom", "POINT")


INTERNAL_ACTIONS = ("migrate", "add_column", "analyse")  # the program's bookkeeping, not an analyst's edit


def _migration_2(db: sqlite3.Connection) -> None:
    """The edit log keeps the analyst's edits only; the program's own steps get a table of their own."""
    run_script(db, """
    CREATE TABLE geo_workspace_events (fid INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
      action TEXT NOT NULL, detail TEXT NOT NULL)""")
    marks = ", ".join("?" * len(INTERNAL_ACTIONS))
    db.execute("INSERT INTO geo_workspace_events (at, action, detail) SELECT at, action, detail FROM edit_log "
               f"WHERE action IN ({marks}) ORDER BY fid", INTERNAL_ACTIONS)
    db.execute(f"DELETE FROM edit_log WHERE action IN ({marks})", INTERNAL_ACTIONS)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1, _migration_2]
assert len(MIGRATIONS) == SCHEMA_VERSION
