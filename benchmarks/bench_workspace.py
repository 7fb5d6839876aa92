"""What a workspace costs beside the plain command line, on the same files in the same run.

    .venv/bin/python -m benchmarks.bench_workspace [--mb 2]

The five reference articles in ../shared/seeds are repeated to ``--mb`` megabytes (each copy made
distinct by a numbered first line, so ingest cannot skip it) in a temporary folder. Measured, as
subprocesses, wall seconds: ``geo claims DIR`` (the peer: no workspace), ``geo ingest DIR
--workspace W`` the first time, again with nothing changed, again after one file changed,
``geo claims --workspace W`` and ``geo export --workspace W -o out.gpkg``; and the file's size.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def timed(*args: str) -> float:
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"geo {' '.join(args)} failed: {run.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()

    from benchmarks import use_environment

    use_environment()  # an entry point: the settings come from the environment
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, ws = Path(tmp) / "corpus", Path(tmp) / "w.gpkg"
        corpus.mkdir()
        size, n = 0, 0
        while size < args.mb * 2**20:
            text = f"Copy {n}.\n" + seeds[n % len(seeds)]
            (corpus / f"doc{n:05d}.txt").write_text(text, encoding="utf-8")
            size += len(text.encode())
            n += 1
        rows = [("geo claims DIR (peer, no workspace)", timed("claims", str(corpus)))]
        rows.append(("geo ingest DIR --workspace (first)", timed("ingest", str(corpus), "--workspace", str(ws))))
        rows.append(("geo ingest DIR --workspace (unchanged)", timed("ingest", str(corpus), "--workspace", str(ws))))
        first = corpus / "doc00000.txt"
        first.write_text(first.read_text(encoding="utf-8") + "\nFighting in Raqqa.", encoding="utf-8")
        rows.append(("geo ingest DIR --workspace (one file changed)",
                     timed("ingest", str(corpus), "--workspace", str(ws))))
        rows.append(("geo claims --workspace", timed("claims", "--workspace", str(ws))))
        rows.append(("geo export --workspace -o out.gpkg", timed("export", "--workspace", str(ws), "-o",
                                                                 str(Path(tmp) / "out.gpkg"))))
        print(f"{n} files, {size / 2**20:.1f} MB; workspace file {ws.stat().st_size / 2**20:.1f} MB")
        for label, seconds in rows:
            print(f"{label:<50} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
