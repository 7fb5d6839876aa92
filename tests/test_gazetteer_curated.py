"""The curated theatre places (geo/data/gazetteer/theatre.csv) against the compiled source layers:
a curated village or town lies where the independent sources that name it agree it lies."""
import csv
import gzip
import math

from geo.geoparse.index_build import DATA_DIR
from geo.geoparse.normalize import name_key

LAYERS = ("admin.csv.gz", "settlements_osm.csv.gz", "conflict_map.csv.gz", "villages_wof.csv.gz")
AGREE_KM = 1.0  # two layers whose points lie this close put the place in one spot
OFF_KM = 5.0  # a curated point this far from that spot is a mistake


def _km(a, b):
    return math.hypot((a[0] - b[0]) * 111.2, (a[1] - b[1]) * 111.2 * math.cos(math.radians(a[0])))


def _layer_points():
    """Name key -> [(layer, (lat, lon))] of every settlement of the source layers, by its main name."""
    points = {}
    for layer in LAYERS:
        with gzip.open(DATA_DIR / layer, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["kind"] in ("village", "town", "city"):
                    points.setdefault(name_key(row["name"]), []).append((layer, (float(row["lat"]), float(row["lon"]))))
    return points


def test_curated_settlements_lie_where_two_sources_agree():
    points = _layer_points()
    off = []
    with open(DATA_DIR / "theatre.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] not in ("village", "town"):
                continue
            here = (float(row["lat"]), float(row["lon"]))
            names = [row["name"], *(v for v in row["variants"].split("|") if v)]
            near = [(layer, p) for n in names for layer, p in points.get(name_key(n), []) if _km(here, p) < 40]
            agreed = [p for i, (layer, p) in enumerate(near) for other, q in near[i + 1:]
                      if other != layer and _km(p, q) <= AGREE_KM]
            if agreed and min(_km(here, p) for p in agreed) > OFF_KM:
                off.append((row["id"], here, agreed[0]))
    assert off == []
