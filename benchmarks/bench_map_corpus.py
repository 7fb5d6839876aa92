"""bench_map's generated corpus: one-claim sentences in text files, and their Analysis read back
from the fixed sentence pattern (no geoparser), each claim dated by its sentence ("on day N": 50 a
day from 2017-06-01) so the app has a timeline to play.

Self-contained (the standard library and ``geo`` only): ``bench_map --compare DIR`` copies this
file beside the corpus and both apps load it with ``--analyser bench_map_dated:analyse``, so each
side builds the same claims with its own model. A checkout from before ``Mention.place`` and
``Claim.place`` became gazetteer ``Place`` objects (flat ``place_id``, ``lat``, ``lon`` fields)
builds them in its own form: the fields are read from the model's dataclasses.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from pathlib import Path

ACTORS = ["ISIS", "SDF", "Syrian government", "United States", "Russia", "Turkey", "Iran", "Hezbollah",
          "Iraqi forces", "Rebels"]
RELATIONS = {"control": "controls", "lost": "lost", "contested": "is fighting for", "presence": "has units in",
             "advance": "advanced on", "strike": "struck", "corridor": "opened a corridor from"}
STANCES = ["asserted", "asserted", "asserted", "alleged", "alleged", "denied", "disputed"]
SOURCES = ["Valley Monitor", "Tigris Herald", "Meridian Wire", "Eastern Vector"]
ANCHORS = {"Raqqa": (35.9528, 39.0079), "Deir ez-Zor": (35.3359, 40.1408), "Mosul": (36.34, 43.13),
           "Palmyra": (34.5601, 38.28), "Tabqa": (35.8363, 38.5483)}
SENTENCE = re.compile(
    r"(?P<actor>[A-Z][\w ]*?) (?P<verb>" + "|".join(map(re.escape, RELATIONS.values())) + r") "
    r"(?P<place>[A-Z][\w -]*?\w)(?: to (?P<to>[A-Z][\w -]*?\w))? on day (?P<n>\d+) \((?P<stance>\w+), "
    r"per (?P<source>[^)]+)\)\."
)
FIRST_DAY = dt.date(2017, 6, 1)
PER_DAY = 50


def synthetic_places(n: int = 400, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Place name -> (lat, lon): a few real anchors and ``n`` invented sites over Syria and Iraq."""
    rng = random.Random(seed)
    places = dict(ANCHORS)
    for i in range(n):
        places[f"Site {i:03d}"] = (round(rng.uniform(32.5, 37.0), 4), round(rng.uniform(36.0, 45.5), 4))
    return places


def write_corpus(folder: Path, claims: int, per_doc: int = 20, seed: int = 11) -> list[Path]:
    """Write ``claims`` one-claim sentences into ``claims / per_doc`` text files."""
    rng = random.Random(seed)
    places = list(synthetic_places())
    weights = [40 if p == "Raqqa" else 8 if p in ANCHORS else 1 for p in places]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in range(0, claims, per_doc):
        lines = []
        for i in range(min(per_doc, claims - d)):
            relation = rng.choice(list(RELATIONS))
            place = rng.choices(places, weights)[0]
            to = f" to {rng.choice(places[:5])}" if relation == "corridor" else ""
            lines.append(f"{rng.choice(ACTORS)} {RELATIONS[relation]} {place}{to} on day {d + i} "
                         f"({rng.choice(STANCES)}, per {rng.choice(SOURCES)}).")
        path = folder / f"gen_{d // per_doc:04d}.txt"
        path.write_text(" ".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def _fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _placed(cls, name: str, lat: float, lon: float, prefix: str = "") -> dict:
    """The keyword arguments that place a Mention or Claim (``cls``) at ``name``, in its model's
    form: a gazetteer Place, or the flat id, name, point, country and kind of older checkouts."""
    from geo import model

    pid = "syn:" + name.lower().replace(" ", "_")
    kind = "city" if name in ANCHORS else "village"
    if hasattr(model, "Place") and f"{prefix}place_id" not in _fields(cls):
        return {f"{prefix}place": model.Place(pid, name, kind, lat, lon, "SY")}
    flat = {f"{prefix}place_id": pid, "name" if cls is model.Mention else f"{prefix}place": name,
            f"{prefix}lat": lat, f"{prefix}lon": lon, "country": "SY", "kind": kind}
    return {k: v for k, v in flat.items() if k in _fields(cls)}


def synthetic_analyse(documents, dated: bool = False):
    """The Analysis of a generated corpus, read from its fixed sentence pattern (no geoparser);
    with ``dated``, each claim dated to its sentence's day."""
    from geo.aggregate import assemble
    from geo.model import Claim, Mention

    gazetteer = synthetic_places()
    relation_of = {v: k for k, v in RELATIONS.items()}
    claim_fields = _fields(Claim)
    mentions, claims = [], []
    for doc in documents:
        for m in SENTENCE.finditer(doc.text):
            name, to = m.group("place"), m.group("to")
            if name not in gazetteer:
                continue
            mentions.append(Mention(doc=doc.id, start=m.start("place"), end=m.end("place"), surface=name,
                                    role="place", precision=1, confidence=0.9,
                                    **_placed(Mention, name, *gazetteer[name])))
            extra = {}
            if to and to in gazetteer:
                mentions.append(Mention(doc=doc.id, start=m.start("to"), end=m.end("to"), surface=to, role="place",
                                        precision=1, confidence=0.9, **_placed(Mention, to, *gazetteer[to])))
                extra = _placed(Claim, to, *gazetteer[to], prefix="to_")
                extra.pop("country", None), extra.pop("kind", None)
            if dated:
                day = FIRST_DAY + dt.timedelta(days=int(m.group("n")) // PER_DAY)
                extra.update({k: v for k, v in {"date": day.isoformat(), "date_precision": "day",
                                                "date_source": "text"}.items() if k in claim_fields})
            placed = {k: v for k, v in _placed(Claim, name, *gazetteer[name]).items() if k not in ("country", "kind")}
            claims.append(Claim(doc=doc.id, start=m.start(), end=m.end(), text=m.group(0), actor=m.group("actor"),
                                relation=relation_of[m.group("verb")], stance=m.group("stance"),
                                attribution=m.group("source"), confidence=0.9, place_start=m.start("place"),
                                place_end=m.end("place"), **placed, **extra))
    return assemble(documents, mentions, claims)


def analyse(documents):
    """The app's analyser for the generated corpus (``--analyser bench_map_dated:analyse``)."""
    return synthetic_analyse(documents, dated=True)
