"""Cost of dating claims (geo.time) beside the claims pipeline it runs after, in CPU seconds per MB.

    .venv/bin/python -m benchmarks.bench_time [--mb 2]

Then the timeline on synthetic dated claims (``--sizes``): ``as_of`` (the analysis rebuilt for
one day), ``control_on`` (who holds what that day) and the standalone map's day states.

Corpora, built at run time: the five reference articles (../shared/seeds, undated) repeated to
``--mb``; the same with every document dated 2017-11-09 (so relative dates resolve through
dateparser); the built-in demo corpus (data/demo, dated) repeated. Each document gets a distinct
id so nothing is shared across copies except dateparser's cache of resolved expressions.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def repeat_to(docs, mb: float, date: str | None = "keep"):
    out, size, n = [], 0, 0
    while size < mb * 1e6:
        for d in docs:
            copy = replace(d, id=f"{d.id}#{n}", date=d.date if date == "keep" else date)
            out.append(copy)
            size += len(d.text.encode("utf-8"))
        n += 1
    return out, size


def cpu() -> float:
    return time.process_time()


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--mb", type=float, default=2.0)
    p.add_argument("--sizes", default="1000,10000,100000", help="claim counts for the timeline timings")
    args = p.parse_args(argv)

    from benchmarks import use_environment

    use_environment()  # an entry point: the settings come from the environment
    from geo.claims import ClaimExtractor
    from geo.documents import load_paths
    from geo.pipeline import default_geoparser
    from geo.time import date_claims

    parser = default_geoparser()
    started = cpu()
    import dateparser

    dateparser.parse("last Tuesday", settings={"RELATIVE_BASE": __import__("datetime").datetime(2017, 11, 9)})
    print(f"dateparser import and first parse (once per process): {cpu() - started:.2f} s CPU")
    seeds, _ = load_paths([ROOT.parent / "shared" / "seeds"])
    demo, _ = load_paths([ROOT / "data" / "demo"])
    corpora = {
        "seeds (undated)": repeat_to(seeds, args.mb),
        "seeds dated 2017-11-09": repeat_to(seeds, args.mb, "2017-11-09"),
        "demo (dated)": repeat_to(demo, args.mb),
    }
    print(f"{'corpus':24} {'MB':>5} {'claims':>7} {'pipeline s/MB':>14} {'dating s/MB':>12} {'with dating MB/s':>17}")
    for name, (docs, size) in corpora.items():
        started = cpu()
        extracted = [(d, ClaimExtractor().extract(d, parser.parse(d))) for d in docs]
        pipeline = cpu() - started
        started = cpu()
        n = sum(len(date_claims(d, claims)) for d, claims in extracted)
        dating = cpu() - started
        mb = size / 1e6
        print(f"{name:24} {mb:5.1f} {n:7d} {pipeline / mb:14.3f} {dating / mb:12.3f} {mb / (pipeline + dating):17.2f}")
    print()
    bench_timeline(tuple(int(n) for n in args.sizes.split(",")))
    return 0



def bench_timeline(sizes=(1_000, 10_000, 100_000)) -> None:
    """as_of, control_on and the standalone map's day states on synthetic dated claims (a year of days)."""
    import datetime as dt
    import random

    from benchmarks.bench_pipeline import synthetic_analysis
    from geo.aggregate.timeline import as_of, control_on
    from geo.mapview.timecontrol import time_states
    from geo.model import Claim

    print(f"{'claims':>8} {'as_of s':>8} {'control_on s':>13} {'map day states s':>17}")
    for n in sizes:
        analysis, _ = synthetic_analysis(n)
        rng = random.Random(3)
        analysis.claims = [Claim(**{**c.__dict__, "date": (dt.date(2017, 1, 1) + dt.timedelta(rng.randrange(365))).isoformat(),
                                    "date_precision": "day", "date_source": "text"}) for c in analysis.claims]
        day = dt.date(2017, 7, 1)
        t0 = time.perf_counter()
        as_of(analysis, day)
        t1 = time.perf_counter()
        control_on(analysis.claims, day)
        t2 = time.perf_counter()
        time_states(analysis.claims)
        t3 = time.perf_counter()
        print(f"{n:8d} {t1 - t0:8.2f} {t2 - t1:13.2f} {t3 - t2:17.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
