"""Speed and scale of the pipeline, measured against flashgeotext in the same run.

    .venv/bin/python -m benchmarks.bench_pipeline            # everything, ~10 MB corpus (~4 min)
    .venv/bin/python -m benchmarks.bench_pipeline --mb 1 --quick   # a smoke run (~30 s)
    .venv/bin/python -m benchmarks.bench_pipeline --profile  # also a cProfile of the claims pipeline

The corpus is the five reference articles in ../shared/seeds repeated to ``--mb`` megabytes,
written at run time to a temporary folder (as ~2,000 files, and as one concatenated file);
nothing of their text is stored in the repository. Numbers go to stdout as a table and to
``benchmarks/results/pipeline.json`` (git-ignored). See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # also runnable as `python benchmarks/bench_pipeline.py`
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "seeds"
GEO_ROOT = ROOT  # the folder whose geo/ is measured (--geo-root: compare another checkout)
RESULTS = ROOT / "benchmarks" / "results" / "pipeline.json"

TARGETS = {
    "claims_vs_flashgeotext": 1.5,  # claims pipeline throughput / flashgeotext throughput, at least
    "warm_start_s": 0.5,  # subprocess: import geo and load the index, at most
    "peak_rss_mb": 400.0,  # `geo claims` over the corpus, at most
    "dask_speedup_2v1": 1.6,  # 2 workers over 1 worker, at least
}


# --------------------------------------------------------------------------- helpers


CPU_S: list[float] = []  # CPU seconds of the best call of the last timed(): see timed()


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, float, object]:
    """(best, median) wall seconds of ``repeat`` calls of ``fn``, and the last result.

    The CPU seconds of this process during the best call go to ``CPU_S[-1]``: on a machine
    shared with other jobs, CPU time says what the code costs, wall time what a user waits.
    """
    times, cpus, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        cpu0, started = time.process_time(), time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu0)
    CPU_S.append(cpus[times.index(min(times))])
    return min(times), statistics.median(times), result


def run(cmd: list[str], env: dict | None = None, stdout=subprocess.DEVNULL) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=GEO_ROOT, env={**os.environ, **(env or {})}, stdout=stdout,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- corpus


def make_corpus(seeds: Path, workdir: Path, target_mb: float) -> dict:
    """The seeds repeated to ``target_mb`` MB: a folder of files and one concatenated file."""
    sources = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")
    if not sources:
        raise SystemExit(f"no seed .txt files in {seeds}")
    texts = [p.read_text(encoding="utf-8") for p in sources]
    seed_bytes = sum(len(t.encode("utf-8")) for t in texts)
    reps = max(1, math.ceil(target_mb * 1e6 / seed_bytes))
    folder = workdir / "corpus"
    folder.mkdir()
    for rep in range(reps):
        for src, text in zip(sources, texts):
            (folder / f"r{rep:04d}_{src.stem}.txt").write_text(text, encoding="utf-8")
    big = workdir / "big" / "concatenated.txt"
    big.parent.mkdir()
    with open(big, "w", encoding="utf-8") as handle:
        for rep in range(reps):
            for text in texts:
                handle.write(text.rstrip("\n") + "\n\n")
    return {"folder": folder, "big": big, "reps": reps, "files": reps * len(sources),
            "bytes": reps * seed_bytes, "seed_bytes": seed_bytes, "seed_files": len(sources)}


def load_docs(folder: Path):
    from geo.documents import load_paths

    docs, errors = load_paths([folder])
    assert not errors, errors[:3]
    return docs


# --------------------------------------------------------------------------- measurements


def bench_flashgeotext(docs, big_text: str) -> dict:
    from flashgeotext.geotext import GeoText

    load_s, _, geotext = timed(GeoText)
    for doc in docs[:5]:  # same warm-up as ours
        geotext.extract(input_text=doc.text)
    n_bytes = sum(len(d.text.encode("utf-8")) for d in docs)

    def tag_files():
        return sum(len(geotext.extract(input_text=d.text)["cities"]) for d in docs)

    files_s, files_med, n_cities = timed(tag_files, repeat=2)
    files_cpu = CPU_S[-1]
    big_s, _, big_found = timed(lambda: geotext.extract(input_text=big_text), repeat=1)
    return {
        "load_s": load_s,
        "files_s": files_s, "files_median_s": files_med, "files_cpu_s": files_cpu,
        "files_cpu_mb_s": n_bytes / files_cpu / 1e6,
        "files_mb_s": n_bytes / files_s / 1e6, "files_docs_s": len(docs) / files_s,
        "cities_found_per_seed_set": n_cities * 5 / len(docs),
        "big_s": big_s, "big_mb_s": len(big_text.encode("utf-8")) / big_s / 1e6,
    }


def bench_geo_in_process(docs) -> dict:
    from geo.pipeline import default_geoparser, extract

    parser = default_geoparser()
    for doc in docs[:5]:  # load wordfreq, fill the first caches: the same warm-up flashgeotext gets
        extract(doc, parser)
    n_bytes = sum(len(d.text.encode("utf-8")) for d in docs)

    def mentions():
        return sum(len(parser.parse(d)) for d in docs)

    def claims():
        return sum(len(extract(d, parser)[1]) for d in docs)

    m_s, _, n_mentions = timed(mentions)
    m_cpu = CPU_S[-1]
    c_s, _, n_claims = timed(claims)
    c_cpu = CPU_S[-1]
    return {
        "mentions_s": m_s, "mentions_mb_s": n_bytes / m_s / 1e6, "mentions_docs_s": len(docs) / m_s,
        "claims_s": c_s, "claims_mb_s": n_bytes / c_s / 1e6, "claims_docs_s": len(docs) / c_s,
        "mentions_cpu_s": m_cpu, "mentions_cpu_mb_s": n_bytes / m_cpu / 1e6,
        "claims_cpu_s": c_cpu, "claims_cpu_mb_s": n_bytes / c_cpu / 1e6,
        "n_mentions": n_mentions, "n_claims": n_claims,
    }


def bench_big_file(big_text: str, budget_s: float) -> dict:
    """The claims pipeline on one document of growing size (prefixes of the concatenated file).

    Stops once a step takes longer than ``budget_s``: whatever is quadratic in document length
    shows up as falling MB/s.
    """
    from geo.model import Document
    from geo.pipeline import default_geoparser, extract

    parser = default_geoparser()
    steps = []
    size = 25_000
    while True:
        size = min(size, len(big_text))
        cut = big_text.rfind("\n", 0, size) + 1 or size
        doc = Document("concatenated", big_text[:cut])
        seconds, _, (mentions, claims) = timed(lambda: extract(doc, parser))
        n_bytes = len(doc.text.encode("utf-8"))
        steps.append({"bytes": n_bytes, "s": seconds, "mb_s": n_bytes / seconds / 1e6,
                      "mentions": len(mentions), "claims": len(claims)})
        log(f"  one document of {n_bytes / 1e6:.2f} MB: {seconds:.2f} s")
        if size >= len(big_text) or seconds > budget_s:
            break
        size *= 2
    complete = steps[-1]["bytes"] >= len(big_text.encode("utf-8")) - 2
    return {"steps": steps, "complete": complete}


def bench_cli_rss(folder: Path, n_bytes: int) -> dict:
    """`geo claims FOLDER` in a child process: wall time and peak RSS (ru_maxrss of that child)."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run([sys.executable, '-m', 'geo', 'claims', sys.argv[1]], stdout=subprocess.DEVNULL, check=True); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    _, done = run([sys.executable, "-c", probe, str(folder)], stdout=subprocess.PIPE)
    wall, rss_kb = done.stdout.split()
    return {"wall_s": float(wall), "mb_s": n_bytes / float(wall) / 1e6, "peak_rss_mb": int(rss_kb) / 1024}


def bench_startup(workdir: Path, one_seed: Path, repeat: int) -> dict:
    from geo.geoparse.gazetteer import GazetteerIndex

    cold_dir = workdir / "cold-cache"
    shutil.rmtree(cold_dir, ignore_errors=True)
    env = {"GEO_CACHE_DIR": str(cold_dir)}
    log("cold start: building the gazetteer index in an empty cache ...")
    cold_s, _ = run([sys.executable, "-m", "geo", "index"], env=env)

    def sub(code: str) -> float:
        return run([sys.executable, "-c", code], env=env)[0]

    interp = [sub("pass") for _ in range(repeat)]
    imports = [sub("import geo.geoparse") for _ in range(repeat)]
    warm = [sub("from geo.geoparse import Geoparser; Geoparser()") for _ in range(repeat)]
    first = [run([sys.executable, "-m", "geo", "claims", str(one_seed)], env=env)[0] for _ in range(repeat)]
    load_best, load_med, _ = timed(lambda: GazetteerIndex.load(cold_dir), repeat=max(repeat, 5))
    size = sum(p.stat().st_size for p in cold_dir.iterdir())
    return {
        "cold_build_s": cold_s, "index_mb": size / 1e6,
        "python_startup_s": min(interp),
        "import_geoparser_s": min(imports),
        "warm_start_s": min(warm), "warm_start_median_s": statistics.median(warm),
        "first_claims_one_seed_s": min(first),
        "index_load_in_process_s": load_best, "index_load_in_process_median_s": load_med,
    }


def synthetic_analysis(n_claims: int, seed: int = 7):
    """``n_claims`` claims over real places of the curated gazetteer, assembled into an Analysis."""
    import sqlite3

    from geo.claims.actors import ACTORS
    from geo.model import Claim, Document, Mention, Place
    from geo.aggregate import assemble
    from geo.pipeline import default_geoparser

    db = sqlite3.connect(f"file:{default_geoparser().index.db_path}?mode=ro", uri=True)
    places = db.execute("SELECT id, name, kind, lat, lon, country FROM places WHERE id LIKE 'th:%' "
                        "AND kind NOT IN ('country', 'river') ORDER BY id").fetchall()
    db.close()
    rng = random.Random(seed)
    actors = list(ACTORS)[:6]
    relations = ("control", "control", "control", "lost", "contested", "presence", "advance", "strike", "corridor")
    stances = ("asserted", "asserted", "alleged", "denied", "disputed")
    per_doc = 20
    docs = [Document(f"syn{i:06d}", f"Synthetic document {i}.") for i in range(math.ceil(n_claims / per_doc))]
    claims, mentions = [], []
    for i in range(n_claims):
        pid, name, kind, lat, lon, country = rng.choice(places)
        relation = rng.choice(relations)
        to = rng.choice(places) if relation == "corridor" else None
        doc = docs[i // per_doc].id
        start = (i % per_doc) * 100
        place = Place(pid, name, kind, lat, lon, country)
        claims.append(Claim(
            doc=doc, start=start, end=start + 90, text=f"Synthetic claim {i} about {name}.",
            actor=rng.choice(actors), relation=relation, place=place,
            stance=rng.choice(stances), attribution=rng.choice(("", "SOHR", "state media")),
            confidence=0.75, to_place=Place(to[0], to[1], to[2], to[3], to[4], to[5]) if to else None,
        ))
        mentions.append(Mention(doc=doc, start=start + 10, end=start + 10 + len(name), surface=name, role="place",
                                place=place, precision=1, confidence=0.9))
    started = time.perf_counter()
    analysis = assemble(docs, mentions, claims)
    return analysis, time.perf_counter() - started


def bench_export_and_map(sizes: list[int], repeat: int) -> dict:
    from geo.io import geojson as export

    try:
        from geo.mapview import build_map
    except ImportError:  # the map module is optional for this benchmark
        build_map = None
    warm, first_s = synthetic_analysis(20)  # the first assemble loads the land polygons: not per-size cost
    out: dict = {"first_assemble_s": first_s}
    if build_map is not None:  # and the first map loads folium's templates
        build_map(warm).get_root().render()
    for n in sizes:
        analysis, assemble_s = synthetic_analysis(n)
        reps = repeat if n <= 10_000 else 1
        fc_s, _, fc = timed(lambda: export.feature_collection(analysis), repeat=reps)
        dump_s, _, blob = timed(lambda: json.dumps(fc, ensure_ascii=False, allow_nan=False), repeat=reps)
        row = {"assemble_s": assemble_s, "places": len(analysis.places), "zones": len(analysis.zones),
               "corridors": len(analysis.corridors), "feature_collection_s": fc_s, "json_dump_s": dump_s,
               "geojson_s": fc_s + dump_s, "geojson_mb": len(blob.encode("utf-8")) / 1e6}
        del fc, blob
        if build_map is not None:
            map_s, _, fmap = timed(lambda: build_map(analysis), repeat=reps)
            render_s, _, html = timed(lambda: fmap.get_root().render(), repeat=1)
            row.update(map_build_s=map_s, map_render_s=render_s, map_html_mb=len(html.encode("utf-8")) / 1e6)
            del fmap, html
        out[str(n)] = row
        log(f"  {n} claims: geojson {row['geojson_s']:.2f} s, map build {row.get('map_build_s', float('nan')):.2f} s")
    return out


def _cpu_s() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_dask(docs, n_bytes: int, worker_counts: list[int], repeat: int) -> dict:
    """The corpus through :func:`geo.scale.claims_on_dask` on LocalClusters of each size.

    All clusters are started first (start-up timed per cluster), then runs alternate between
    them ``repeat`` times and the best run counts, so a burst of load from other processes on
    the machine hits every configuration alike. CPU seconds of the client process and of the
    workers are recorded too: they show the speed-up the work allows, whatever else runs.
    """
    from contextlib import ExitStack

    from distributed import Client

    from geo.scale import claims_on_dask, local_cluster, warm_worker

    out: dict = {str(n): {"runs": []} for n in worker_counts}
    reference = None
    with ExitStack() as stack:
        clients = {}
        for n in worker_counts:
            started = time.perf_counter()
            cluster = stack.enter_context(local_cluster(n))
            client = stack.enter_context(Client(cluster))
            client.run(warm_worker)
            out[str(n)]["startup_s"] = time.perf_counter() - started
            clients[n] = client
        for _ in range(repeat):
            for n, client in clients.items():
                gc.collect()
                worker_cpu0 = client.run(_cpu_s)
                cpu0, load0, started = _cpu_s(), os.getloadavg()[0], time.perf_counter()
                claims = list(claims_on_dask(docs, client=client))
                wall = time.perf_counter() - started
                client_cpu = _cpu_s() - cpu0
                worker_cpu = [t - worker_cpu0[w] for w, t in client.run(_cpu_s).items()]
                if reference is None:
                    reference = claims
                out[str(n)]["runs"].append({
                    "wall_s": wall, "client_cpu_s": client_cpu, "worker_cpu_s": sorted(worker_cpu),
                    "load_before": load0, "same_as_first": claims == reference, "claims": len(claims),
                })
                log(f"  dask {n} worker(s): {wall:.2f} s (worker CPU {sum(worker_cpu):.1f} s, "
                    f"client CPU {client_cpu:.1f} s, load {load0:.1f})")
    for n in worker_counts:
        row = out[str(n)]
        best = min(row["runs"], key=lambda r: r["wall_s"])
        row.update(compute_s=best["wall_s"], total_s=best["wall_s"] + row["startup_s"],
                   mb_s=n_bytes / best["wall_s"] / 1e6, worker_cpu_s=sum(best["worker_cpu_s"]),
                   client_cpu_s=best["client_cpu_s"], same_as_first=all(r["same_as_first"] for r in row["runs"]))
    return out


def profile_claims(docs, top: int, path: Path) -> list[dict]:
    import cProfile
    import pstats

    from geo.pipeline import default_geoparser, extract

    parser = default_geoparser()
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        extract(doc, parser)
    profiler.disable()
    profiler.dump_stats(path)
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    rows = []
    for (filename, line, func), (_, ncalls, tottime, cumtime, _) in stats.stats.items():
        rows.append({"function": f"{Path(filename).name}:{line}({func})", "calls": ncalls,
                     "self_s": tottime, "cum_s": cumtime, "self_pct": 100 * tottime / total})
    rows.sort(key=lambda r: r["self_s"], reverse=True)
    return rows[:top]


# --------------------------------------------------------------------------- report


def table(rows: list[tuple[str, str, str, str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[j]) if j == 0 else cell.rjust(widths[j]) for j, cell in enumerate(row)))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(r: dict) -> str:
    c, f, g = r["corpus"], r.get("flashgeotext"), r.get("geo")
    rows: list[tuple[str, str, str, str]] = [("measure", "value", "target", "ok")]

    def add(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
        rows.append((name, value, target, "" if ok is None else ("yes" if ok else "NO")))

    add("corpus", f"{c['bytes'] / 1e6:.1f} MB, {c['files']} files")
    if r["env"].get("geo_package") and not r["env"]["geo_package"].startswith(str(ROOT / "geo")):
        add("geo package measured", r["env"]["geo_package"])
    env = r["env"]
    add("load average at start / end", f"{env['load_at_start'][0]:.1f} / {env.get('load_at_end', [float('nan')])[0]:.1f}"
        f" on {env['cpus']} CPUs")
    if f:
        add("flashgeotext load", f"{f['load_s']:.2f} s")
        add("flashgeotext tagging", f"{f['files_mb_s']:.2f} MB/s, {f['files_docs_s']:.0f} docs/s "
            f"(CPU {f['files_cpu_mb_s']:.2f} MB/s)")
        add("flashgeotext, one big file", f"{f['big_mb_s']:.2f} MB/s")
    if g:
        add("geo mentions (Geoparser.parse)", f"{g['mentions_mb_s']:.2f} MB/s, {g['mentions_docs_s']:.0f} docs/s "
            f"(CPU {g['mentions_cpu_mb_s']:.2f} MB/s)")
        add("geo claims (mentions + claims)", f"{g['claims_mb_s']:.2f} MB/s, {g['claims_docs_s']:.0f} docs/s "
            f"(CPU {g['claims_cpu_mb_s']:.2f} MB/s)")
    if f and g:
        ratio = g["claims_mb_s"] / f["files_mb_s"]
        add("claims / flashgeotext", f"{ratio:.2f}x (CPU {g['claims_cpu_mb_s'] / f['files_cpu_mb_s']:.2f}x)",
            f">= {TARGETS['claims_vs_flashgeotext']}x", ratio >= TARGETS["claims_vs_flashgeotext"])
        add("mentions / flashgeotext", f"{g['mentions_mb_s'] / f['files_mb_s']:.2f}x")
    if "big_file" in r:
        last = r["big_file"]["steps"][-1]
        first = r["big_file"]["steps"][0]
        add("claims, one document", f"{first['mb_s']:.3f} MB/s at {first['bytes'] / 1e6:.2f} MB, "
            f"{last['mb_s']:.3f} MB/s at {last['bytes'] / 1e6:.2f} MB"
            + ("" if r["big_file"]["complete"] else " (stopped: over budget)"))
    if "cli" in r:
        x = r["cli"]
        add("`geo claims DIR` end to end", f"{x['wall_s']:.1f} s, {x['mb_s']:.2f} MB/s")
        add("peak RSS of `geo claims DIR`", f"{x['peak_rss_mb']:.0f} MB", f"<= {TARGETS['peak_rss_mb']:.0f} MB",
            x["peak_rss_mb"] <= TARGETS["peak_rss_mb"])
    if "startup" in r:
        s = r["startup"]
        add("cold start (`geo index`, build)", f"{s['cold_build_s']:.1f} s ({s['index_mb']:.0f} MB index)")
        add("python startup alone", f"{s['python_startup_s']:.3f} s")
        add("import geo.geoparse (subprocess)", f"{s['import_geoparser_s']:.3f} s")
        add("warm start (import + Geoparser())", f"{s['warm_start_s']:.3f} s", f"<= {TARGETS['warm_start_s']} s",
            s["warm_start_s"] <= TARGETS["warm_start_s"])
        add("GazetteerIndex.load() in process", f"{s['index_load_in_process_s'] * 1000:.0f} ms")
        add("`geo claims` one seed, wall", f"{s['first_claims_one_seed_s']:.2f} s")
    export_rows = {n: row for n, row in r.get("export", {}).items() if isinstance(row, dict)}
    if "first_assemble_s" in r.get("export", {}):
        add("first assemble (loads land polygons)", f"{r['export']['first_assemble_s']:.2f} s")
    for n, row in export_rows.items():
        value = f"geojson {row['geojson_s']:.2f} s ({row['geojson_mb']:.0f} MB)"
        if "map_build_s" in row:
            value += f", map build {row['map_build_s']:.2f} s + render {row['map_render_s']:.2f} s"
        add(f"export @ {int(n):,} claims", value + f"; assemble {row['assemble_s']:.2f} s")
    if "dask" in r:
        d = r["dask"]
        for n, row in d.items():
            add(f"dask {n} worker(s)", f"{row['compute_s']:.1f} s ({row['mb_s']:.2f} MB/s) + start {row['startup_s']:.1f} s; "
                f"CPU workers {row['worker_cpu_s']:.1f} s, client {row['client_cpu_s']:.1f} s")
        if "1" in d and "2" in d:
            speedup = d["1"]["compute_s"] / d["2"]["compute_s"]
            add("dask 2 vs 1 worker", f"{speedup:.2f}x (with start-up {d['1']['total_s'] / d['2']['total_s']:.2f}x)",
                f">= {TARGETS['dask_speedup_2v1']}x", speedup >= TARGETS["dask_speedup_2v1"])
            add("  worker CPU, 1 worker / 2 workers", f"{d['1']['worker_cpu_s'] / d['2']['worker_cpu_s']:.2f}")
            add("dask output equal across runs", str(all(row["same_as_first"] for row in d.values())))
    return table(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", type=Path, default=SEEDS)
    p.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    p.add_argument("--repeat", type=int, default=3, help="repetitions of the fast measurements")
    p.add_argument("--sizes", default="1000,10000,100000", help="claim counts for the export and map timings")
    p.add_argument("--big-budget", type=float, default=20.0, help="seconds a one-document step may take")
    p.add_argument("--workers", default="1,2", help="Dask worker counts to compare")
    p.add_argument("--skip", default="", help="comma list of: flashgeotext,geo,big,cli,startup,export,dask")
    p.add_argument("--quick", action="store_true", help="small export sizes, no cold build, short budget")
    p.add_argument("--profile", action="store_true", help="cProfile the claims pipeline (results/pipeline.prof)")
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--geo-root", type=Path, default=ROOT,
                   help="measure the geo/ package of this folder (a prototype or another checkout); "
                        "flashgeotext and the corpus stay the same")
    args = p.parse_args(argv)
    global GEO_ROOT
    GEO_ROOT = args.geo_root.resolve()
    if GEO_ROOT != ROOT:
        if not (GEO_ROOT / "geo" / "__init__.py").is_file():
            print(f"bench: {GEO_ROOT} has no geo/ package", file=sys.stderr)
            return 2
        sys.path.insert(0, str(GEO_ROOT))  # before anything imports geo (Dask workers inherit it)
    from benchmarks import use_environment

    use_environment()  # an entry point: the settings come from the environment
    skip = set(filter(None, args.skip.split(",")))
    if args.quick:
        args.sizes, args.big_budget, args.repeat = "1000", 3.0, 1
        skip.add("startup")
    if not args.seeds.is_dir():
        print(f"bench: the seeds folder {args.seeds} is missing (the benchmark reads ../shared/seeds)", file=sys.stderr)
        return 2

    import flashgeotext

    results: dict = {"env": {
        "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
        "flashgeotext": getattr(flashgeotext, "__version__", "?"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "uncommitted": subprocess.run(["git", "status", "--porcelain", "--", "geo"], cwd=ROOT, capture_output=True,
                                      text=True).stdout.split("\n")[:-1],
        "geo_root": str(GEO_ROOT),
        "load_at_start": os.getloadavg(),
    }, "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="geo-bench-") as tmp:
        workdir = Path(tmp)
        corpus = make_corpus(args.seeds, workdir, args.mb)
        results["corpus"] = {k: v for k, v in corpus.items() if k not in ("folder", "big")}
        log(f"corpus: {corpus['files']} files, {corpus['bytes'] / 1e6:.1f} MB in {workdir}")
        docs = load_docs(corpus["folder"])
        import geo

        results["env"]["geo_package"] = str(Path(geo.__file__).parent)
        big_text = corpus["big"].read_text(encoding="utf-8")

        if "flashgeotext" not in skip:
            log("flashgeotext ...")
            results["flashgeotext"] = bench_flashgeotext(docs, big_text)
        if "geo" not in skip:
            log("geo mentions and claims in process ...")
            results["geo"] = bench_geo_in_process(docs)
        if "big" not in skip:
            log("geo claims on one growing document ...")
            results["big_file"] = bench_big_file(big_text, args.big_budget)
        if "cli" not in skip:
            log("`geo claims` subprocess: wall time and peak RSS ...")
            results["cli"] = bench_cli_rss(corpus["folder"], corpus["bytes"])
        if "startup" not in skip:
            results["startup"] = bench_startup(workdir, sorted(args.seeds.glob("*.txt"))[0], args.repeat)
        if "export" not in skip:
            log("export and map at synthetic scale ...")
            results["export"] = bench_export_and_map([int(s) for s in args.sizes.split(",") if s], args.repeat)
        if "dask" not in skip:
            log("dask LocalCluster ...")
            results["dask"] = bench_dask(docs, corpus["bytes"], [int(w) for w in args.workers.split(",")], max(1, min(args.repeat, 2)))
        if args.profile:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            prof = args.out.with_suffix(".prof")
            log(f"profiling the claims pipeline -> {prof} ...")
            results["profile_top"] = profile_claims(docs, 25, prof)

    results["env"]["load_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results))
    if args.profile:
        print("\nprofile (claims pipeline, by self time):")
        for row in results["profile_top"][:15]:
            print(f"  {row['self_pct']:5.1f}%  {row['self_s']:7.2f} s  {row['calls']:>9}  {row['function']}")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
