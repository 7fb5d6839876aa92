"""Claims and places on the annotated long-form articles, scored in process.

    .venv/bin/python -m benchmarks.articles                        # the dev part (developed against)
    .venv/bin/python -m benchmarks.articles --part report          # the report part (aggregate only)
    .venv/bin/python -m benchmarks.articles --min-confidence 0.5   # claims below 0.5 dropped first
    .venv/bin/python -m benchmarks.articles --details              # dev part: every miss and wrong claim
    .venv/bin/python -m benchmarks.articles --part report --why    # missed and wrong claims counted by cause

Reads ``../shared/dev/articles`` (beside the repository; evaluation material only: nothing of it is
written anywhere) and scores with that folder's own ``score_articles.py`` (imported, so the
matching rules are exactly the ones `score_articles.py` applies to `geo claims` output). The texts
are split by ``geo.evaluate.held_back`` on the file stem: ``report`` (held back, about 30%, read
only as an aggregate) and ``dev`` (the rest). Per part it prints place recall/precision, claim
recall/precision with and without stance, then a calibration table (claims per confidence
bucket, their mean confidence and the share of them right, and the log loss of the confidence as
the chance a claim is right) and a precision/recall curve over confidence thresholds.
``--details`` lists misses only for the dev part (missed claims, wrong claims, missed gold place
rows and wrong placements). Skips with a message when the folder is missing.
"""
from __future__ import annotations

import argparse
from collections import Counter
import importlib.util
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ARTICLES = ROOT.parent / "shared" / "dev" / "articles"
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def scorer(folder: Path = ARTICLES):
    """The folder's score_articles.py as a module (None when it is missing)."""
    path = folder / "score_articles.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("score_articles", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def part_of(stem: str) -> str:
    from geo.evaluate import held_back

    return "report" if held_back(stem) else "dev"


def run(folder: Path, part: str, calibrated: bool = True):
    """(texts, mentions, claims) of the part's texts: dicts shaped as `geo mentions|claims` prints them."""
    from geo.service import CLAIM_FIELDS, MENTION_FIELDS, fields
    from geo.model import Document
    from geo.claims import ClaimExtractor
    from geo.pipeline import default_geoparser

    texts = {f.stem: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))
             if part == "all" or part_of(f.stem) == part}
    parser = default_geoparser()
    mentions, claims = [], []
    for stem, text in texts.items():
        doc = Document(stem + ".txt", text, path=str(folder / (stem + ".txt")))
        doc_mentions = parser.parse(doc)
        doc_claims = ClaimExtractor(calibrated=calibrated).extract(doc, doc_mentions)
        mentions += [fields(m, MENTION_FIELDS) for m in doc_mentions]
        claims += [fields(c, CLAIM_FIELDS) for c in doc_claims]
    return texts, mentions, claims


def score(sa, folder: Path, texts: dict, mentions: list[dict], claims: list[dict]) -> dict:
    """Totals over ``texts`` and, per claim, whether it matches a gold claim (``right``); the gold
    claims and place rows as read (``gold``, ``places``)."""
    places = sa.load_places(str(folder / "gold_places.csv"))
    gold = sa.load_claims(str(folder / "gold_claims.csv"), places, texts)
    keys = ("rows", "ments", "prec", "rec", "rec_st", "cprec", "cprec_st")
    tot = {k: [0, 0] for k in keys}
    per_doc, right = {}, []
    for stem, text in texts.items():
        ms = [m for m in mentions if sa.doc_of(m, texts) == stem]
        cs = [c for c in claims if sa.doc_of(c, texts) == stem]
        gd = [g for g in gold if g["doc"] == stem]
        p = sa.score_places(text, [g for g in places if g["doc"] == stem], ms)
        c = sa.score_claims(gd, cs)
        vals = {"rows": p["rows"], "ments": p["ments"], "prec": p["prec"], "rec": c["rec"], "rec_st": c["rec_st"],
                "cprec": c["prec"], "cprec_st": c["prec_st"]}
        for k, v in vals.items():
            tot[k][0] += v[0]
            tot[k][1] += v[1]
        per_doc[stem] = (vals, p, c)
        right += [(x, any(sa.claim_matches(x, g) for g in gd)) for x in cs]
    return {"tot": tot, "per_doc": per_doc, "right": right, "gold": gold, "places": places}


def _r(p) -> str:
    return f"{p[0] / p[1] if p[1] else 0.0:.3f} ({p[0]}/{p[1]})"


def calibration(right: list[tuple[dict, bool]]) -> list[tuple[str, int, float, float]]:
    """(bucket, claims, mean confidence, share right) per confidence bucket of width 0.1."""
    buckets: dict[int, list[tuple[float, bool]]] = {}
    for c, ok in right:
        p = float(c.get("confidence") or 0.0)
        buckets.setdefault(min(9, int(round(p * 100)) // 10), []).append((p, ok))
    return [(f"[{b / 10:.1f},{(b + 1) / 10:.1f})", len(v), sum(p for p, _ in v) / len(v), sum(ok for _, ok in v) / len(v))
            for b, v in sorted(buckets.items())]


def log_loss(right: list[tuple[dict, bool]]) -> float:
    """Mean log loss of the claims' confidence as the chance that each is right."""
    if not right:
        return 0.0
    return -sum(math.log(min(1 - 1e-6, max(1e-6, float(c.get("confidence") or 0.0) if ok
                                            else 1 - float(c.get("confidence") or 0.0))))
                for c, ok in right) / len(right)


def _stem(claim: dict) -> str:
    return Path(claim.get("doc") or "").stem


def curve(right: list[tuple[dict, bool]], gold: list[dict], sa) -> list[tuple[float, int, float, float]]:
    """(threshold, claims kept, precision, recall) for each threshold."""
    rows = []
    for t in THRESHOLDS:
        kept = [c for c, _ in right if float(c.get("confidence") or 0.0) >= t - 1e-9]
        ok = sum(1 for c, good in right if good and float(c.get("confidence") or 0.0) >= t - 1e-9)
        found = sum(1 for g in gold if any(_stem(c) == g["doc"] and sa.claim_matches(c, g) for c in kept))
        rows.append((t, len(kept), ok / len(kept) if kept else 0.0, found / len(gold) if gold else 0.0))
    return rows


def _matched(sa, folder: Path, threshold: float) -> tuple[set, set, int]:
    """(gold claims found, right claims kept, claims kept) on the dev part."""
    texts, mentions, claims = run(folder, "dev")
    kept = [c for c in claims if float(c.get("confidence") or 0.0) >= threshold - 1e-9]
    result = score(sa, folder, texts, mentions, kept)
    found = {i for i, g in enumerate(result["gold"])  # (the gold rows are read in file order: stable between runs)
             if any(_stem(c) == g["doc"] and sa.claim_matches(c, g) for c, _ in result["right"])}
    right = {(c["doc"], c["start"], c["relation"], c["actor"], c["place"]) for c, ok in result["right"] if ok}
    return found, right, len(kept)


def ablation(sa, folder: Path, threshold: float) -> int:
    """Per construction record and binding rule: gold claims found and claims kept with it, and without it."""
    from geo.claims import binding
    from geo.claims.constructions import _all, disable

    base_found, base_right, base_n = _matched(sa, folder, threshold)
    print(f"ablation on the dev part at confidence >= {threshold:g}: with every record "
          f"{len(base_found)} gold claims found, {len(base_right)}/{base_n} claims right")
    print(f"  {'record':22s} {'kind':14s} {'found +':>7s} {'found -':>7s} {'right +':>7s} {'claims +':>8s}")
    try:
        rows = [(r.name, r.kind) for r in _all()] + [(r.name, "bind:" + r.stage) for r in binding._all()]
        for name, kind in rows:
            disable(name)
            found, right, n = _matched(sa, folder, threshold)
            print(f"  {name:22s} {kind:14s} {len(base_found - found):7d} {len(found - base_found):7d} "
                  f"{len(base_right) - len(right):+7d} {base_n - n:+8d}")
    finally:
        disable()
    print("  found +: gold claims the record finds (lost without it); found -: gold claims it costs; "
          "right +: right claims it adds; claims +: claims it adds")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("dev", "report", "all"), default="dev")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="drop claims below this confidence before scoring (default: geo's default)")
    ap.add_argument("--details", action="store_true", help="dev part only: every miss and every wrong claim")
    ap.add_argument("--ablation", action="store_true",
                    help="dev part only: claims gained and lost by each construction record and binding rule (each one switched off in turn)")
    ap.add_argument("--why", action="store_true",
                    help="count missed and wrong claims by cause (aggregate: any part)")
    ap.add_argument("--folder", default=str(ARTICLES))
    args = ap.parse_args(argv)

    from benchmarks import use_environment

    use_environment()  # an entry point: the settings come from the environment
    folder = Path(args.folder)
    sa = scorer(folder)
    if sa is None:
        print(f"skipped: {folder} (the annotated articles, beside the repository) is missing")
        return 0
    if args.details and args.part != "dev":
        raise SystemExit("--details lists misses of the dev part only")
    from geo.claims.calibration import SUGGESTED_MIN_CONFIDENCE

    threshold = SUGGESTED_MIN_CONFIDENCE if args.min_confidence is None else args.min_confidence
    if args.ablation:
        if args.part != "dev":
            raise SystemExit("--ablation runs on the dev part only")
        return ablation(sa, folder, threshold)
    parts = ("dev", "report") if args.part == "all" else (args.part,)
    for part in parts:
        started = time.perf_counter()
        texts, mentions, claims = run(folder, part)
        seconds = time.perf_counter() - started
        result = score(sa, folder, texts, mentions, claims)  # every claim, for the table and the curve
        kept = [c for c in claims if float(c.get("confidence") or 0.0) >= threshold - 1e-9]
        at = score(sa, folder, texts, mentions, kept)
        t = at["tot"]
        print(f"{part}: {len(texts)} texts, {len(claims)} claims ({len(kept)} at confidence >= {threshold:g}), "
              f"{seconds:.1f} s")
        print(f"  place recall {_r(t['rows'])}  place precision {_r(t['prec'])}")
        print(f"  claim recall {_r(t['rec'])}  precision {_r(t['cprec'])}  "
              f"| with stance: recall {_r(t['rec_st'])}  precision {_r(t['cprec_st'])}")
        print(f"  calibration (all claims): log loss {log_loss(result['right']):.3f}; "
              "bucket, claims, mean confidence, share right")
        for bucket, n, mean, share in calibration(result["right"]):
            print(f"    {bucket:11s} {n:5d}  {mean:.2f}  {share:.2f}")
        print("  precision/recall over thresholds: min confidence, claims, precision, recall")
        for th, n, p, r in curve(result["right"], result["gold"], sa):
            print(f"    {th:4.2f} {n:5d}  {p:.3f}  {r:.3f}")
        if args.why:
            from benchmarks.claim_errors import causes, place_row_causes

            places = at["places"]
            missed, wrong, confused = causes(sa, at, mentions, texts, places)
            rows = sum((place_row_causes(sa, text, [g for g in places if g["doc"] == stem],
                                         [m for m in mentions if sa.doc_of(m, texts) == stem])
                        for stem, text in texts.items()), Counter())
            print("  missed gold place rows by cause: " + ", ".join(f"{k} {v}" for k, v in rows.most_common()))
            print("  missed gold claims by cause: " + ", ".join(f"{k} {v}" for k, v in missed.most_common()))
            print("  wrong claims by cause: " + ", ".join(f"{k} {v}" for k, v in wrong.most_common()))
            print("  relation confusions (missed and wrong claims), gold -> claimed: " + ", ".join(f"{k} {v}" for k, v in confused.most_common()))
        if args.details and part == "dev":
            for stem, (vals, p, c) in at["per_doc"].items():
                print(f"  {stem}: claims {vals['rec'][0]}/{vals['rec'][1]} found, {vals['cprec'][0]}/{vals['cprec'][1]} right")
                for row in p.get("missed_rows", ()):  # the gold place rows no correct mention hits
                    print(f"     place missed: {row}")
                for placed in p.get("wrong", ()):  # placed mentions that hit no gold place within tolerance
                    print(f"     place wrong: {placed}")
                for g in c["missed"]:
                    r = g["row"]
                    print(f"     missed: {r['relation']} {r['actor']} {r['place']}"
                          f"{' -> ' + r['to_place'] if r['to_place'] else ''} | {r['sentence_contains'][:70]}")
                for x in c["wrong"]:
                    print(f"     wrong: {x['relation']} {x['actor']} {x['place']}"
                          f"{' -> ' + str(x['to_place']) if x.get('to_place') else ''} {x['stance']} "
                          f"c={x['confidence']} | {x['text'][:110]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
