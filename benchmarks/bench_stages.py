"""Where the claims pipeline spends its time: CPU seconds per MB of each stage, in process.

    .venv/bin/python -m benchmarks.bench_stages            # the seeds x40 (about 1 MB)
    .venv/bin/python -m benchmarks.bench_stages --copies 10 --repeat 5

Each stage is timed on its own over the same documents (best of ``--repeat`` runs, CPU time,
so a busy machine disturbs it less than wall time). The stages overlap: 'gazetteer hits' includes
'tokens and keys', 'ranking and roles' includes both; the differences are what each adds.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "seeds"


def stage_timings(docs, repeat: int) -> list[tuple[str, float]]:
    """(stage, CPU seconds per MB) for each stage of the pipeline."""
    from geo.claims.actors import find_actors
    from geo.claims.rules import triggers as _triggers
    from geo.geoparse.matcher import KeyStream, find_names
    from geo.pipeline import default_geoparser, extract
    from geo.claims.sentences import split_sentences
    from geo.geoparse.toponyms import find_unresolved

    parser = default_geoparser()
    automaton = parser.index.automaton
    for doc in docs[:5]:  # warm-up: wordfreq, first caches
        extract(doc, parser)
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6

    def cpu_per_mb(stage: Callable) -> float:
        best = float("inf")
        for _ in range(repeat):
            started = time.process_time()
            for doc in docs:
                stage(doc)
            best = min(best, time.process_time() - started)
        return best / megabytes

    def hits(doc):
        return find_names(doc.text, automaton, None, lowercase=False)

    stages: list[tuple[str, Callable]] = [
        ("tokens and keys (KeyStream)", lambda d: KeyStream(d.text)),
        ("+ gazetteer hits (find_names)", hits),
        ("+ ranking and roles (Resolver)", lambda d: parser.resolver.resolve(d.id, d.text, hits(d))),
        ("unresolved-name patterns", lambda d: find_unresolved(d.id, d.text, [])),
        ("mentions (Geoparser.parse)", parser.parse),
        ("sentences", lambda d: split_sentences(d.id, d.text)),
        ("actors", lambda d: find_actors(d.text)),
        ("relation triggers", lambda d: _triggers(d.text)),
        ("whole pipeline (extract)", lambda d: extract(d, parser)),
    ]
    return [(name, cpu_per_mb(stage)) for name, stage in stages]


def main(argv: list[str] | None = None) -> int:
    from geo.documents import load_paths

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=Path, default=SEEDS)
    p.add_argument("--copies", type=int, default=40, help="how many times the seeds are repeated")
    p.add_argument("--repeat", type=int, default=3, help="runs per stage; the best is kept")
    args = p.parse_args(argv)

    from benchmarks import use_environment

    use_environment()  # an entry point: the settings come from the environment
    if not args.seeds.is_dir():
        print(f"no seeds at {args.seeds}: this benchmark reads the reference corpus", file=sys.stderr)
        return 2
    docs, _ = load_paths([args.seeds])
    docs = docs * args.copies
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    timings = stage_timings(docs, args.repeat)
    width = max(len(name) for name, _ in timings)
    print(f"{len(docs)} documents, {megabytes:.2f} MB; CPU seconds per MB, best of {args.repeat}")
    for name, seconds in timings:
        print(f"{name.ljust(width)}  {seconds:.3f}")
    print(f"claims pipeline: {1 / timings[-1][1]:.2f} MB/s of CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
