"""One workspace file under many real processes at once: app-like writers (two browser sessions'
worth of handles in one process, sessions opening and closing), `geo ingest`, `geo correct` and
`geo export` processes, and writers killed with SIGKILL at random moments. Afterwards SQLite's
integrity check passes and every write a process saw committed is in the file.

``GEO_SOAK_SECONDS`` sets how long the soak runs (default 25 s); the figures are printed.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from test_workspace_reliability import integrity

from geo.documents import source_of
from geo.workspace import open_workspace

ROOT = Path(__file__).resolve().parent.parent
SOAK_SECONDS = float(os.environ.get("GEO_SOAK_SECONDS", "25"))

# An app-like writer: two sessions' handles on one file, written from two threads, a third
# session opened and closed now and then (each open used to read the file's header with open()
# and close(), which dropped the process's SQLite locks). After each commit it appends a line to
# its log: "c NAME" for a correction, "d SHA" for a document.
APP_WRITER = """
import os, random, sys, threading
from geo.documents import source_of
from geo.workspace import open_workspace
path, tag, log = sys.argv[1], sys.argv[2], os.open(sys.argv[3], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
sessions = [open_workspace(path), open_workspace(path)]
lock = threading.Lock()

def note(line):
    with lock:
        os.write(log, (line + "\\n").encode())

def session(n):
    ws, rng = sessions[n], random.Random(f"{tag}-{n}")
    for i in range(100000):
        name = f"{tag}-{n}-{i}"
        if i % 7 == 0:
            source = source_of(name + ".txt", f"Report {name}: the SDF captured Raqqa.".encode())
            ws.add_source(source, author=tag)
            note("d " + source.sha256)
        else:
            ws.add_correction("name", "not_place", "", {"name": name}, {}, tag)
            note("c " + name)
        if i % 25 == 0:
            open_workspace(path).close()  # a browser session comes and goes
        ws.documents() if rng.random() < 0.2 else None

threads = [threading.Thread(target=session, args=(n,), daemon=True) for n in (0, 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
"""


def _geo(*args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, **kw)


def _stored(path: Path) -> tuple[set[str], set[str]]:
    """(names marked not a place, document hashes) in the workspace file."""
    import json

    db = sqlite3.connect(path)
    try:
        names = {json.loads(a)["name"] for (a,) in db.execute("SELECT anchor FROM corrections WHERE active = 1")}
        shas = {s for (s,) in db.execute("SELECT sha256 FROM documents")}
        return names, shas
    finally:
        db.close()


def test_a_second_open_in_one_process_keeps_the_first_ones_locks(tmp_path):
    """The reproduction of the issue: a process opens the workspace twice (two browser sessions),
    `geo ingest` and `geo correct` run in other processes, then the first process writes. Before
    the fix the second open closed a descriptor of the file and so dropped the first connection's
    locks: another process deleted the write-ahead log under it ('database disk image is malformed')."""
    path = tmp_path / "w.gpkg"
    first = open_workspace(path)
    first.add_source(source_of("a.txt", b"Fighters captured Raqqa on Monday."), author="t")
    second = open_workspace(path)
    second.documents()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"r{i}.txt").write_text(f"Report {i}: the army shelled Tabqa.", encoding="utf-8")
    for args in (("ingest", corpus, "--no-analyse"), ("correct", "not-place", "Foo")):
        run = _geo(*args, "--workspace", path)
        assert run.wait(timeout=300) == 0, run.stderr.read()
    for i in range(300):
        first.add_correction("name", "not_place", "", {"name": f"first-{i}"}, {}, "t")
    run = _geo("correct", "not-place", "Bar", "--workspace", path)
    assert run.wait(timeout=300) == 0, run.stderr.read()
    for i in range(300):
        second.add_correction("name", "not_place", "", {"name": f"second-{i}"}, {}, "t")
    first.close()
    second.close()
    assert integrity(path) == "ok"
    names, shas = _stored(path)
    assert {f"first-{i}" for i in range(300)} | {f"second-{i}" for i in range(300)} | {"Foo", "Bar"} <= names
    assert len(shas) == 6


def test_soak_app_writers_and_cli_processes_with_kills(tmp_path):
    rng = random.Random(20261207)
    path = tmp_path / "w.gpkg"
    open_workspace(path).close()
    logs = tmp_path / "logs"
    logs.mkdir()
    corpus_n = 0
    writers: dict[str, subprocess.Popen] = {}
    cli: list[tuple[str, str, subprocess.Popen]] = []  # (kind, what it wrote, process)
    kills = started = 0
    committed_cli: set[str] = set()
    committed_docs_cli = 0

    def start_writer() -> None:
        nonlocal started
        tag = f"w{started}"
        started += 1
        writers[tag] = subprocess.Popen([sys.executable, "-c", APP_WRITER, str(path), tag, str(logs / f"{tag}.log")],
                                        cwd=ROOT, stderr=subprocess.PIPE, text=True)

    for _ in range(2):
        start_writer()
    deadline = time.monotonic() + SOAK_SECONDS
    next_kill = time.monotonic() + rng.uniform(0.5, 2.0)
    while time.monotonic() < deadline:
        if time.monotonic() >= next_kill:  # SIGKILL a writer at a random moment, start another
            tag = rng.choice(sorted(writers))
            writers.pop(tag).send_signal(signal.SIGKILL)
            kills += 1
            start_writer()
            next_kill = time.monotonic() + rng.uniform(0.5, 2.0)
        for tag, proc in list(writers.items()):
            if proc.poll() is not None:  # a writer must only end by our kill
                raise AssertionError(f"writer {tag} stopped by itself: {proc.stderr.read()[-2000:]}")
        for kind, what, proc in list(cli):
            if proc.poll() is not None:
                cli.remove((kind, what, proc))
                assert proc.returncode == 0, f"geo {kind} failed: {proc.stderr.read()[-2000:]}"
                if kind == "correct":
                    committed_cli.add(what)
                elif kind == "ingest":
                    committed_docs_cli += 1
        if len(cli) < 2:
            kind = rng.choice(["ingest", "correct", "correct", "export"])
            if kind == "ingest":
                folder = tmp_path / f"corpus{corpus_n}"
                folder.mkdir()
                (folder / "r.txt").write_text(f"Report {corpus_n}: Turkish jets struck Kobani.", encoding="utf-8")
                corpus_n += 1
                cli.append((kind, str(folder), _geo("ingest", folder, "--no-analyse", "--workspace", path)))
            elif kind == "correct":
                name = f"cli-{len(committed_cli)}-{rng.randrange(10**6)}"
                cli.append((kind, name, _geo("correct", "not-place", name, "--workspace", path)))
            else:
                out = tmp_path / f"out{rng.randrange(10**6)}.geojson"
                cli.append((kind, str(out), _geo("export", "--workspace", path, "-o", out)))
        time.sleep(0.05)
    for proc in writers.values():
        proc.send_signal(signal.SIGKILL)
        kills += 1
    for kind, what, proc in cli:
        assert proc.wait(timeout=300) == 0, f"geo {kind} failed: {proc.stderr.read()[-2000:]}"
        if kind == "correct":
            committed_cli.add(what)
    for proc in writers.values():
        proc.wait(timeout=60)

    assert integrity(path) == "ok"
    names, shas = _stored(path)
    lines = [line.split(" ", 1) for log in logs.iterdir() for line in log.read_text().splitlines() if " " in line]
    seen_names = {v for k, v in lines if k == "c"} | committed_cli
    seen_docs = {v for k, v in lines if k == "d"}
    lost = len(seen_names - names) + len(seen_docs - shas)
    print(f"\nsoak: {SOAK_SECONDS:.0f} s, {started} app-like writer processes (2 sessions each), "
          f"{kills} SIGKILLs, {len(seen_names)} corrections and {len(seen_docs) + committed_docs_cli} "
          f"documents committed, integrity ok, {lost} committed writes lost")
    assert lost == 0
    assert len(seen_names) > 100, "the soak wrote too little to mean anything"
    with open_workspace(path) as ws:  # and the workspace still opens and analyses
        assert ws.documents()
