"""This process's connections to workspace files: one SQLite connection per file, shared.

SQLite's locks are POSIX locks, which belong to the process: closing *any* descriptor of the file
drops all of them ("How To Corrupt An SQLite Database File", section 2.2). So a process keeps one
connection per workspace file (:data:`OPEN`, keyed by device and inode), shared by every
workspace object opened on it, and a lock serialises its threads (:class:`Transaction`).
"""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

BUSY_TIMEOUT_S = 30.0


def connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return db


class Rows:
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
        self.db = connect(path)
        self.key = key
        self.lock = threading.RLock()
        self.users = 0

    def execute(self, sql: str, params=()) -> Rows:
        with self.lock:
            cursor = self.db.execute(sql, params)
            return Rows(cursor.fetchall(), cursor.rowcount, cursor.lastrowid)

    def executemany(self, sql: str, rows) -> Rows:
        with self.lock:
            cursor = self.db.executemany(sql, rows)
            return Rows([], cursor.rowcount, cursor.lastrowid)

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def backup(self, target: sqlite3.Connection) -> None:
        with self.lock:
            self.db.backup(target)


OPEN: dict[tuple[int, int], SharedConnection] = {}  # (device, inode) -> this process's connection
OPEN_LOCK = threading.Lock()
_OPEN_PID = os.getpid()


def file_key(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def connection_of(path: Path) -> SharedConnection | None:
    """This process's open connection to the file at ``path``, if it has one (not one inherited
    through fork: a child process must open its own)."""
    global _OPEN_PID
    if os.getpid() != _OPEN_PID:
        OPEN.clear()
        _OPEN_PID = os.getpid()
    try:
        return OPEN.get(file_key(path))
    except OSError:
        return None


class Transaction:
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
