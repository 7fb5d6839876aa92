"""How well claims are dated, on real human-coded events (../shared/dev; evaluation only).

    .venv/bin/python -m benchmarks.eval_time [--dev DIR]

Each coded event's text is dated the way the pipeline dates a claim: the sentence holding the
coded place (or the first), the place's position in it, and the document's date where the event
gives one (PITF: the publication day in its Factiva citation ids; GED: ``source_date``; ACLED: none).
Gold is the coded event date (ACLED ``event_date``, GED ``date_start``..``date_end``, PITF
``start_date``). A date is *right* when its period contains (GED: overlaps) the gold day(s); the
baseline dates every claim with the document's date alone. Figures are given for the part developed
on and for the held-back part (:func:`geo.evaluate.held_back`); the held-back ones count. Nothing
from these files is stored anywhere.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.claims.sentences import split_sentences  # noqa: E402
from geo.evaluate import held_back  # noqa: E402
from geo.model import Claim, Document, Place  # noqa: E402
from geo.time import date_claims, period  # noqa: E402

DEV = ROOT.parent / "shared" / "dev"
_FACTIVA_DAY = re.compile(r"[A-Z]{3,4}0*((?:19|20)\d{6})")


def rows(dev: Path):
    """(dataset, id, text, place name, document date or None, gold first day, gold last day)."""
    csv.field_size_limit(10**8)
    with open(dev / "acled_dev.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            day = dt.date.fromisoformat(r["event_date"])
            yield "acled", r["event_id_cnty"], r["notes"], r["location"], None, day, day
    with open(dev / "ged_dev.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            published = (r["source_date"] or "").split(";")[0].strip()[:10] or None
            yield ("ged", r["id"], r["source_headline"], r["where_coordinates"].split(" ")[0], published,
                   dt.date.fromisoformat(r["date_start"][:10]), dt.date.fromisoformat(r["date_end"][:10]))
    with open(dev / "pitf_iraq_dev.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cited = _FACTIVA_DAY.search(r.get("citation") or "")
            published = None
            if cited:
                s = cited.group(1)
                try:
                    published = dt.date(int(s[:4]), int(s[4:6]), int(s[6:])).isoformat()
                except ValueError:
                    published = None
            day, end = _coded_days(r["start_date"])
            if r.get("end_date"):
                end = _coded_days(r["end_date"])[1]
            yield "pitf", r["source_line"], r["description"], r["locality"], published, day, end


def _coded_days(value: str) -> tuple[dt.date, dt.date]:
    """A coded date's first and last day ("2013-04-xx": the whole month)."""
    value = value.strip()[:10]
    return period(value[:7]) if value.endswith("xx") else (dt.date.fromisoformat(value),) * 2


def pseudo_claim(doc: Document, place: str) -> Claim:
    """A claim on the sentence holding ``place`` (the first sentence when the name is not in the text)."""
    at = doc.text.casefold().find(place.casefold()) if place else -1
    sentences = split_sentences(doc.id, doc.text)
    sentence = next((s for s in sentences if at >= 0 and s.start <= at < s.end), sentences[0] if sentences else None)
    start, end = (sentence.start, sentence.end) if sentence else (0, len(doc.text))
    place_start, place_end = (at, at + len(place)) if at >= 0 and start <= at < end else (-1, -1)
    return Claim(doc.id, start, end, doc.text[start:end], "x", "control", Place("x", place or "", "", 0.0, 0.0, ""), "asserted", place_start=place_start, place_end=place_end)


def right(date: str | None, first: dt.date, last: dt.date) -> bool:
    if not date:
        return False
    a, b = period(date)
    return a <= last and first <= b


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--dev", type=Path, default=DEV)
    args = p.parse_args(argv)

    from benchmarks import use_environment

    use_environment()  # an entry point: the settings come from the environment
    table: dict[tuple[str, str], Counter] = {}
    for dataset, event_id, text, place, published, first, last in rows(args.dev):
        if not (text or "").strip():
            continue
        part = "held-back" if held_back(event_id) else "dev"
        c = table.setdefault((dataset, part), Counter())
        doc = Document(f"{dataset}:{event_id}", text, date=published)
        claim = date_claims(doc, [pseudo_claim(doc, place)])[0]
        c["rows"] += 1
        c[f"source={claim.date_source}"] += 1
        c["right"] += right(claim.date, first, last)
        c["baseline right"] += right(published, first, last)
        c["exact day"] += claim.date_precision == "day" and claim.date == first.isoformat()
        if claim.date_source == "text":
            c["text right"] += right(claim.date, first, last)
            c[f"text {claim.date_precision}"] += 1
    print(f"{'set':6} {'part':9} {'rows':>5} {'dated':>6} {'from text':>9} {'right':>13} {'baseline':>13} "
          f"{'text dates right':>17} {'exact day':>10}")
    for (dataset, part), c in sorted(table.items()):
        n = c["rows"]
        dated = n - c["source=unknown"]
        text = c["source=text"]
        print(f"{dataset:6} {part:9} {n:5d} {dated:6d} {text:9d} {c['right']:5d} ({c['right'] / n:5.1%}) "
              f"{c['baseline right']:5d} ({c['baseline right'] / n:5.1%}) "
              f"{c['text right']:5d}/{text:<5d}{'':6} {c['exact day']:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
