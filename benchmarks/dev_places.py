"""Geoparser recall on real human-coded events: does the text yield a place at the coded spot?

    .venv/bin/python -m benchmarks.dev_places            # both parts, all three sets
    .venv/bin/python -m benchmarks.dev_places --misses 20 --part dev   # also print misses

Reads ``../shared/dev`` (ACLED notes, PITF descriptions, UCDP GED headlines), which is for
evaluation only: nothing of it is written anywhere. For each coded event the text is geoparsed
and the event counts as found when one ``place`` mention lies within 25 km of the coded
location. GED headlines are short and mostly generic, so a GED row counts only when the coded
place's name (its key, the trailing 'town'/'village'/... dropped) occurs in the headline.
Rows are split with ``geo.evaluate.held_back``: ``dev`` (developed against) and ``held-back``
(the figures that count). Per part: share found, per set, per country and per precision code;
the share of placed points far from the coded spot (a precision proxy); and a ceiling: the share
found or held by the gazetteer (a place within 25 km spelled like the coded name), which tells a
miss of the geoparser from a place no data here holds.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEV = ROOT.parent / "shared" / "dev"
RADIUS_KM = 25.0
STRAY_KM = 150.0  # a placed point (not a region) this far from the coded spot is counted as stray



def _events():
    """(set, id, country, precision, text, lat, lon, coded name) of every usable coded event."""
    from geo.evaluate import text_names_place

    with open(DEV / "acled_dev.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield ("acled", row["event_id_cnty"], row["country"], row["geo_precision"], row["notes"],
                   float(row["latitude"]), float(row["longitude"]), row["location"])
    with open(DEV / "pitf_iraq_dev.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["whole_degree_coords"] == "True" or not row["latitude"]:
                continue
            yield ("pitf", row["source_line"], row["country"], "-", row["description"],
                   float(row["latitude"]), float(row["longitude"]), row["locality"])
    with open(DEV / "ged_dev.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["where_prec"] in ("5", "6", "7"):
                continue
            if not text_names_place(row["source_headline"], row["where_coordinates"]):
                continue
            yield ("ged", row["id"], row["country"], row["where_prec"], row["source_headline"],
                   float(row["latitude"]), float(row["longitude"]), row["where_coordinates"])


class _GazetteerCoverage:
    """Whether the gazetteer holds a coded place: a place of Syria or Iraq within the radius whose
    name key is spelled like the coded name's (rapidfuzz's normalised Indel similarity >= 0.75)."""

    SIMILAR = 0.75
    _PLACE_WORDS = re.compile(r"\(.*?\)|\b(?:village|town|city|district|governorate|province|area|valley)\b",
                              re.IGNORECASE)

    def __init__(self, index) -> None:
        import numpy as np

        rows = index._db.execute("SELECT p.lat, p.lon, n.key FROM names n JOIN places p ON p.id = n.place_id "
                                 "WHERE p.country IN ('SY', 'IQ')").fetchall()
        self._lat = np.array([r[0] for r in rows])
        self._lon = np.array([r[1] for r in rows])
        self._keys = [r[2] for r in rows]

    def holds(self, coded: str, lat: float, lon: float) -> bool:
        import math

        import numpy as np
        from rapidfuzz.distance import Indel

        from geo.geoparse.normalize import name_key

        key = name_key(self._PLACE_WORDS.sub(" ", coded))
        if not key:
            return False
        km = 111.2 * np.hypot(self._lat - lat, (self._lon - lon) * math.cos(math.radians(lat)))
        return any(Indel.normalized_similarity(key, self._keys[i]) >= self.SIMILAR
                   for i in np.nonzero(km <= RADIUS_KM)[0])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="print this many misses per set")
    parser.add_argument("--part", choices=("dev", "held-back"), default="dev",
                        help="which part's misses to print (default dev: never study the held-back part)")
    parser.add_argument("--dump", type=Path, help="write 'set id found' lines here (outside the repository)")
    args = parser.parse_args(argv)

    from benchmarks import use_environment

    use_environment()  # an entry point: the settings come from the environment

    from geopy.distance import great_circle

    from geo.evaluate import held_back
    from geo.geoparse import Geoparser
    from geo.model import REGION_KINDS, Document

    geoparser = Geoparser()
    held = _GazetteerCoverage(geoparser.index)
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    started = time.perf_counter()
    for source, event_id, country, precision, text, lat, lon, coded in _events():
        part = "held-back" if held_back(event_id) else "dev"
        mentions = geoparser.parse(Document(f"{source}:{event_id}", text))
        placed = [m for m in mentions if m.role == "place" and m.lat is not None]
        hit = any(great_circle((m.lat, m.lon), (lat, lon)).km <= RADIUS_KM for m in placed)
        points = [m for m in placed if m.kind not in REGION_KINDS]
        stray = sum(great_circle((m.lat, m.lon), (lat, lon)).km > STRAY_KM for m in points)
        if dump:
            dump.write(f"{source} {event_id} {int(hit)}\n")
        reachable = hit or held.holds(coded, lat, lon)
        for group in (("all",), ("country", country), ("precision", precision)):
            tally = counts[(part, source, *group)]
            tally[0] += hit
            tally[1] += 1
            tally[2] += len(points)
            tally[3] += stray
            tally[4] += reachable
        if not hit and part == args.part and len(misses[source]) < args.misses:
            got = "; ".join(f"{m.surface}->{m.name}/{m.country}" for m in placed) or "-"
            mark = " [held]" if reachable else ""  # the gazetteer holds the coded place: the geoparser's miss
            misses[source].append(f"{event_id} [{precision}]{mark} want {coded} ({lat:.3f},{lon:.3f}); got {got}"
                                  f"\n      {text[:300]}")
    print(f"# within {RADIUS_KM:.0f} km of the coded place, {time.perf_counter() - started:.1f} s")
    print(f"# stray: share of placed points (regions aside) farther than {STRAY_KM:.0f} km from the coded "
          "place (a precision proxy: a text may also name places far from its event)")
    print("# ceiling: share of events found, or whose coded place the gazetteer holds (a place within 25 km "
          "spelled like the coded name): about the most the gazetteer allows")
    print(f"{'part':10} {'set':6} {'group':22} {'found':>7} {'rows':>6} {'share':>7} {'points':>7} {'stray':>6} {'ceiling':>7}")
    for key in sorted(counts, key=lambda k: (k[0] != "dev", k[1], k[2] != "all", k[2:])):
        found, total, points, stray, reachable = counts[key]
        part, source, *group = key
        print(f"{part:10} {source:6} {' '.join(group):22} {found:7d} {total:6d} {found / total:7.3f} "
              f"{points:7d} {stray / max(points, 1):6.3f} {reachable / total:7.3f}")
    for source, lines in misses.items():
        print(f"\n## misses, {source} ({args.part})")
        for line in lines:
            print("  " + line)


if __name__ == "__main__":
    main()
