"""Train the claim confidence calibration on the dev part of the annotated articles.

    GEO_CACHE_DIR=... .venv/bin/python tools/train_calibration.py [--write]

Runs the pipeline with the rules' raw confidence on the dev texts of ``../shared/dev/articles``
(``geo.evaluate.held_back`` false for the file stem; the report part is never read), labels each
claim right when it matches a gold claim (the rules of that folder's ``score_articles.py``), and
fits a logistic model over :func:`geo.claims.calibration.features` by plain gradient descent
(fixed steps, L2 penalty, starting at zero: the same input gives the same weights on any machine,
CPU only).

Everything it chooses it chooses out of sample, grouped by document: each dev text is scored by a
model trained on the other dev texts (leave one text out). The L2 penalty is the one of
``L2_GRID`` with the lowest leave-one-text-out log loss (``$GEO_CALIBRATION_L2`` fixes it); the
default minimum confidence is read off the precision/recall curve of those held-out confidences:
the lowest threshold where precision reaches 0.85 while keeping at least half of the recall;
when no threshold does, the highest one that keeps at least 85% of the recall. It prints the
weights, the held-out reliability table (mean confidence against share right per bucket) and log
loss beside one constant share's. ``--cv`` is accepted for the old command line (the held-out
table is always printed). ``--write`` stores the weights in ``geo/data/claims/calibration.json``.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "geo" / "data" / "claims" / "calibration.json"
L2_GRID = (3.0, 10.0, 30.0, 60.0, 100.0)
L2 = __import__('os').environ.get('GEO_CALIBRATION_L2')  # a fixed penalty instead of the grid's best
STEPS = 3000
RATE = 0.5
TARGET_PRECISION = 0.85
KEEP_RECALL = 0.85


def samples(folder: Path):
    """(feature names, right, claim dict, gold of its doc) per raw claim of the dev texts; and all dev gold."""
    from benchmarks.articles import part_of, scorer
    from geo.claims import ClaimExtractor
    from geo.claims.calibration import LONG_FORM, features
    from geo.claims.extract import annotate
    from geo.service import CLAIM_FIELDS, fields
    from geo.model import Document
    from geo.pipeline import default_geoparser

    sa = scorer(folder)
    if sa is None:
        raise SystemExit(f"{folder} is missing")
    texts = {f.stem: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt")) if part_of(f.stem) == "dev"}
    places = sa.load_places(str(folder / "gold_places.csv"))
    gold = sa.load_claims(str(folder / "gold_claims.csv"), places, texts)
    parser = default_geoparser()
    out = []
    for stem, text in texts.items():
        if len(text) <= LONG_FORM:
            continue
        doc = Document(stem + ".txt", text)
        mentions = parser.parse(doc)
        claims = ClaimExtractor(calibrated=False).extract(doc, mentions)
        kinds = {m.place_id: m.kind for m in mentions}
        d = annotate(doc, mentions)  # the same counts the extractor gives the calibration
        places_seen = Counter(m.place_id for m in d.places)
        actors_seen = Counter(a.actor for a in d.actors)
        per_sentence: dict[int, int] = {}
        for c in claims:
            per_sentence[c.start] = per_sentence.get(c.start, 0) + 1
        gd = [g for g in gold if g["doc"] == stem]
        for c in claims:
            row = fields(c, CLAIM_FIELDS)
            f = features(c, kinds, per_sentence[c.start], places_seen, actors_seen)
            out.append((f, any(sa.claim_matches(row, g) for g in gd), row, stem))
    return out, gold, sa


def fit(data: list[tuple[list[str], bool]], l2: float) -> dict[str, float]:
    names = sorted({n for f, _ in data for n in f})
    index = {n: i for i, n in enumerate(names)}
    # claims with the same features and label are one row with a count (the same sums, faster)
    rows = Counter((tuple(index[n] for n in f), 1.0 if y else 0.0) for f, y in data)
    w = [0.0] * len(names)
    n = len(data)
    for _ in range(STEPS):
        grad = [0.0] * len(names)
        for (idx, y), count in rows.items():
            z = sum(w[i] for i in idx)
            p = 1.0 / (1.0 + math.exp(-z))
            for i in idx:
                grad[i] += count * (p - y)
        for i, name in enumerate(names):
            penalty = 0.0 if name == "bias" else l2 * w[i]
            w[i] -= RATE * (grad[i] + penalty) / n
    return {name: round(w[i], 4) for i, name in enumerate(names)}


def held_out(data, l2: float) -> list[float]:
    """Each claim's confidence from a model trained without its text (leave one text out)."""
    from geo.claims.calibration import confidence

    out = [0.0] * len(data)
    for stem in sorted({s for _, _, _, s in data}):
        w = fit([(f, y) for f, y, _, s in data if s != stem], l2)
        for i, (f, _, _, s) in enumerate(data):
            if s == stem:
                out[i] = confidence(f, w)
    return out


def log_loss(predicted: list[float], data) -> float:
    return -sum(math.log(max(1e-6, p if y else 1 - p)) for p, (_, y, _, _) in zip(predicted, data)) / len(data)


def reliability(predicted: list[float], data) -> list[tuple[str, int, float, float]]:
    """(bucket, claims, mean confidence, share right) per confidence bucket of width 0.1."""
    buckets: dict[int, list[tuple[float, bool]]] = {}
    for p, (_, y, _, _) in zip(predicted, data):
        buckets.setdefault(min(9, int(round(p, 2) * 10 + 1e-9)), []).append((p, y))
    return [(f"[{b / 10:.1f},{(b + 1) / 10:.1f})", len(v), sum(p for p, _ in v) / len(v), sum(y for _, y in v) / len(v))
            for b, v in sorted(buckets.items())]


def main(argv=None) -> int:
    from benchmarks.articles import ARTICLES, THRESHOLDS

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cv", action="store_true", help="(always on) the leave-one-text-out calibration table")
    ap.add_argument("--folder", default=str(ARTICLES))
    args = ap.parse_args(argv)
    data, gold, sa = samples(Path(args.folder))
    base = sum(y for _, y, _, _ in data) / len(data)
    flat = log_loss([base] * len(data), data)
    print(f"{len(data)} dev claims, {sum(y for _, y, _, _ in data)} right; one constant share: log loss {flat:.3f}")
    grid = (float(L2),) if L2 else L2_GRID
    losses = {}
    for l2 in grid:
        losses[l2] = (log_loss(predicted := held_out(data, l2), data), predicted)
        print(f"  L2 {l2:5.1f}: leave-one-text-out log loss {losses[l2][0]:.4f}")
    l2 = min(grid, key=lambda x: losses[x][0])
    loss, held = losses[l2]
    weights = fit([(f, y) for f, y, _, _ in data], l2)
    print(f"L2 {l2}: weights")
    for name, value in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:20s} {value:+.3f}")
    print(f"held-out reliability (leave one text out, L2 {l2}): log loss {loss:.3f} (one share for all: {flat:.3f}); "
          "bucket, claims, mean confidence, share right")
    for bucket, n, mean, share in reliability(held, data):
        print(f"  {bucket} {n:4d}  {mean:.2f}  {share:.2f}")
    # the default threshold, read off the held-out confidences
    scored = [(round(p, 2), y, row, stem) for p, (_, y, row, stem) in zip(held, data)]
    full = None
    curve = []
    print("held-out precision/recall over thresholds")
    for t in sorted(set(THRESHOLDS) | {x / 100 for x in range(30, 91, 5)}):
        kept = [(row, stem) for c, _, row, stem in scored if c >= t - 1e-9]
        right = sum(1 for c, y, _, _ in scored if y and c >= t - 1e-9)
        found = sum(1 for g in gold if any(stem == g["doc"] and sa.claim_matches(row, g) for row, stem in kept))
        p, r = (right / len(kept) if kept else 0.0), found / len(gold)
        full = r if full is None else full
        curve.append((t, len(kept), p, r))
        print(f"  >= {t:.2f}: {len(kept):4d} claims, precision {p:.3f}, recall {r:.3f}")
    reach = [row for row in curve if row[2] >= TARGET_PRECISION and row[1] > 0]
    if reach and reach[0][3] >= 0.5 * full:
        default = reach[0][0]
        print(f"default minimum confidence: {default:.2f} (held-out precision {reach[0][2]:.3f} >= {TARGET_PRECISION})")
    else:
        keep = [row for row in curve if row[3] >= KEEP_RECALL * full - 1e-9]
        best = max(keep, key=lambda row: row[0])
        default = best[0]
        print(f"default minimum confidence: {default:.2f} (precision {TARGET_PRECISION} is out of reach; this keeps "
              f"{best[3]:.3f} of {full:.3f} held-out recall at precision {best[2]:.3f})")
    if args.write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({"about": "geo.claims.calibration weights; written by tools/train_calibration.py "
                                            "from the dev part of the annotated articles (L2 and the default "
                                            "minimum confidence chosen leave one text out)",
                                   "default_min_confidence": default, "l2": l2,
                                   "heldout_log_loss": round(loss, 4), "constant_log_loss": round(flat, 4),
                                   "weights": weights},
                                  indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    from geo.settings import Settings, install

    install(Settings.from_environment())  # an entry point: its settings come from the environment
    sys.exit(main())
