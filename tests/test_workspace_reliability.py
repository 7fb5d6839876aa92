"""The workspace under real processes: two writers at once, a writer killed mid-ingest, and files
that are not workspaces (each refused with a clear message and left byte for byte as it was)."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.workspace import WorkspaceError, open_workspace

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Raqqa", "Tabqa", "Manbij", "Deir ez-Zor", "Mosul", "Idlib", "Aleppo", "Homs", "Daraa", "Kobani"]

WRITER = """
import sys, time
from pathlib import Path
from geo.documents import source_of
from geo.workspace import open_workspace
ws_path, name, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
ws = open_workspace(ws_path)
while not go.exists():
    time.sleep(0.01)
for i in range(n):
    stored, added = ws.add_source(source_of(f"{name}-{i}.txt", f"{name} report {i}: shelling in Raqqa.".encode()), name)
    ws.add_correction("name", "not_place", "", {"name": f"{name}-{i}"}, {}, name)
    print(stored.document.id, added, flush=True)
ws.close()
"""


def write_reports(corpus: Path, n: int) -> Path:
    """``n`` one-line reports, each naming one of PLACES, in a new folder ``corpus``."""
    corpus.mkdir()
    for i in range(n):
        (corpus / f"r{i:03d}.txt").write_text(f"Report {i}: the SDF captured {PLACES[i % 10]}.", encoding="utf-8")
    return corpus


def run_geo(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def test_two_processes_write_the_same_workspace_at_once(tmp_path):
    ws_path, go = tmp_path / "w.gpkg", tmp_path / "go"
    open_workspace(ws_path).close()
    n = 40
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(ws_path), name, str(n), str(go)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("ana", "ben")]
    time.sleep(1.0)  # both have the workspace open
    go.touch()
    outputs = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outputs]
    with open_workspace(ws_path) as ws:
        docs = {d.document.id for d in ws.documents()}
        assert docs == {f"{name}-{i}" for name in ("ana", "ben") for i in range(n)}
        assert len(ws.corrections()) == 2 * n
        assert {c.author for c in ws.corrections()} == {"ana", "ben"}
        ingests = [e for e in ws.edit_log() if e["action"] == "ingest"]
        assert len(ingests) == 2 * n
    assert integrity(ws_path) == "ok"


def test_two_ingests_of_the_same_folder_at_once_store_each_file_once(tmp_path):
    corpus = write_reports(tmp_path / "corpus", 30)
    ws_path = tmp_path / "w.gpkg"
    procs = [subprocess.Popen([sys.executable, "-m", "geo", "ingest", str(corpus), "--workspace", str(ws_path)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in results]
    with open_workspace(ws_path) as ws:
        assert len(ws.documents()) == 30
        assert ws.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 30
        assert ws.needing_analysis(_version()) == []
        assert len({m.doc for m in ws.mentions()}) == 30
    assert integrity(ws_path) == "ok"


def _version() -> str:
    from geo.service import analyser_version

    return analyser_version()


def test_a_new_workspace_is_whole_when_it_appears_at_its_path(tmp_path, monkeypatch):
    # another process may open the path the moment it appears: it must find a workspace, not a
    # bare database it would refuse as foreign
    import geo.workspace.geopackage as geopackage

    seen = []
    real_link = os.link

    def link(source, target):
        with sqlite3.connect(source) as db:
            seen.append({r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")})
        real_link(source, target)

    monkeypatch.setattr(geopackage.os, "link", link)
    with open_workspace(str(tmp_path / "w.gpkg")):
        pass
    assert seen and {"geo_workspace_meta", "documents", "claims"} <= seen[0]


def test_a_process_killed_mid_ingest_loses_nothing_it_committed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 400
    for i in range(total):
        (corpus / f"r{i:03d}.txt").write_text(
            f"Report {i}: fighting near {PLACES[i % 10]}; the SDF captured {PLACES[(i + 3) % 10]}.", encoding="utf-8")
    ws_path = tmp_path / "w.gpkg"
    proc = subprocess.Popen([sys.executable, "-m", "geo", "ingest", str(corpus), "--workspace", str(ws_path)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    committed: list[str] = []
    for line in proc.stderr:
        if line.startswith("geo: added "):
            committed.append(line.split()[2])
        if len(committed) == 25:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert len(committed) == 25

    with open_workspace(ws_path) as ws:  # it opens, and everything reported as added is there
        stored = {d.document.id for d in ws.documents()}
        assert set(committed) <= stored and len(stored) < total
    assert integrity(ws_path) == "ok"

    rerun = run_geo("ingest", corpus, "--workspace", ws_path)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"{total - len(stored)} added, {len(stored)} already there, {total} analysed" in rerun.stderr
    with open_workspace(ws_path) as ws:
        assert len(ws.documents()) == total
        assert ws.needing_analysis(_version()) == []
        assert len({c.doc for c in ws.claims()}) == total


def test_a_process_killed_mid_analysis_leaves_no_half_analysed_document(tmp_path):
    corpus = write_reports(tmp_path / "corpus", 300)
    ws_path = tmp_path / "w.gpkg"
    assert run_geo("ingest", corpus, "--workspace", ws_path, "--no-analyse").returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "geo", "ingest", str(corpus), "--workspace", str(ws_path)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    analysed = 0
    for line in proc.stderr:
        analysed += line.startswith("geo: analysed ")
        if analysed == 30:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    with open_workspace(ws_path) as ws:
        version = _version()
        done = {d.document.id for d in ws.documents() if d.analysed_with == version}
        assert 30 <= len(done) < 300
        claims_by_doc = {c.doc for c in ws.claims()}
        assert claims_by_doc == done  # a document has its claims exactly when it is marked analysed
    assert integrity(ws_path) == "ok"


# --------------------------------------------------------------------------- foreign files


def _foreign_gpkg(path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(1, 2)], crs="EPSG:4326").to_file(path, driver="GPKG")


def _corrupt_workspace(path: Path) -> None:
    from geo.documents import source_of

    with open_workspace(path) as ws:
        for i in range(50):
            ws.add_source(source_of(f"d{i}.txt", (f"Report {i} about Raqqa. " * 200).encode()), "x")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page * 3):  # scribble over every third page
        data[offset:offset + 64] = os.urandom(64)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_text("just some notes, not a database", encoding="utf-8"), "not an SQLite/GeoPackage"),
    (lambda p: p.write_bytes(b""), "empty"),
    (_foreign_gpkg, "a GeoPackage but not a geo workspace"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), "SQLite database but not"),
    (_corrupt_workspace, "damaged"),
])
def test_a_foreign_or_corrupt_file_is_refused_and_left_untouched(tmp_path, make, words):
    path = tmp_path / "w.gpkg"
    make(path)
    before = digest(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(WorkspaceError, match=words):
        open_workspace(path)
    run = run_geo("ingest", ROOT / "data" / "demo", "--workspace", path)
    assert run.returncode == 2 and words in run.stderr and "left untouched" in run.stderr
    assert run.stderr.count("\n") == 1  # one line, no traceback
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-shm", "-wal"))) == siblings


def test_a_workspace_from_a_newer_geo_is_refused(tmp_path):
    path = tmp_path / "w.gpkg"
    open_workspace(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE geo_workspace_meta SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    before = digest(path)
    with pytest.raises(WorkspaceError, match="newer geo"):
        open_workspace(path)
    assert digest(path) == before
