"""Scoring the pipeline against gold CSVs (the format of ``../shared/gold``).

Places (``seed_places.csv``: doc, surface, place, kind, lat, lon, tolerance_km, role):
- recall: share of ``place`` rows with a place mention over an occurrence of the surface in
  that document, placed within the tolerance;
- precision: share of our ``place`` mentions that lie on a gold row's surface (role place or
  optional) and within its tolerance;
- metonym rows: any mention over them with role ``place`` is an error.

Claims (``seed_claims.csv``: doc, sentence_contains, relation, actor, place, to_place, stance):
a gold claim is recovered by a claim of the same document whose sentence overlaps the
fragment, with the same relation, actor, place and (for corridors) to_place.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from geo.distance import km_between

from geo.knowledge import place_noun_pattern
from geo.model import Claim, Document, Mention
from geo.geoparse.normalize import name_key


@dataclass
class PlaceScore:
    recall: float
    precision: float
    found: int
    total: int
    correct: int
    placed: int
    metonym_errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"places: recall {self.recall:.1%} ({self.found}/{self.total} place rows), "
                 f"precision {self.precision:.1%} ({self.correct}/{self.placed} placed mentions), "
                 f"metonym errors {len(self.metonym_errors)}"]
        lines += [f"  miss: {m}" for m in self.misses]
        lines += [f"  false positive: {m}" for m in self.false_positives]
        lines += [f"  metonym placed: {m}" for m in self.metonym_errors]
        return "\n".join(lines)


PLACE_COLUMNS = {"doc", "surface", "place", "lat", "lon", "role"}
CLAIM_COLUMNS = {"doc", "relation", "actor", "place"}


def gold_kind(rows: list[dict]) -> str:
    """``places`` or ``claims`` from a gold file's columns; ValueError naming both formats otherwise.

    >>> gold_kind([{"doc": "d", "relation": "control", "actor": "SDF", "place": "Raqqa", "to_place": ""}])
    'claims'
    """
    columns = set(rows[0]) if rows else set()
    if CLAIM_COLUMNS <= columns:
        return "claims"
    if PLACE_COLUMNS <= columns:
        return "places"
    raise ValueError(
        f"the gold file's columns ({', '.join(sorted(columns)) or 'none'}) fit no known format: places need "
        f"{', '.join(sorted(PLACE_COLUMNS))} (like seed_places.csv); claims need {', '.join(sorted(CLAIM_COLUMNS))}, "
        "optionally to_place, stance and sentence_contains (like seed_claims.csv or data/demo/EXPECTED.csv)")


def read_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w]){re.escape(surface)}(?![\w])")
    return [m.span() for m in pattern.finditer(text)]


def _within(mention: Mention, row: dict) -> bool:
    if mention.lat is None:
        return False
    distance = km_between((mention.lat, mention.lon), (float(row["lat"]), float(row["lon"])))
    return distance <= float(row["tolerance_km"])


def score_places(gold: list[dict], docs: list[Document], mentions: list[Mention]) -> PlaceScore:
    texts = {d.id: d.text for d in docs}
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m)
    found = total = 0
    misses, metonym_errors = [], []
    # gold spans per doc, for precision: (start, end, row)
    gold_spans: dict[str, list[tuple[int, int, dict]]] = {}
    for row in gold:
        doc = row["doc"]
        if doc not in texts:
            continue
        spans = _occurrences(texts[doc], row["surface"])
        gold_spans.setdefault(doc, []).extend((s, e, row) for s, e in spans)
        over = [m for m in by_doc.get(doc, []) for s, e in spans if m.start < e and s < m.end]
        if row["role"] == "place":
            total += 1
            if any(m.role == "place" and _within(m, row) for m in over):
                found += 1
            else:
                got = ", ".join(f"{m.surface}->{m.name} ({m.role})" for m in over) or "not found"
                misses.append(f"{doc} {row['surface']!r} -> {row['place']}: {got}")
        elif row["role"] == "metonym":
            metonym_errors += [f"{doc} {m.surface!r} at {m.start}" for m in over if m.role == "place"]
    placed = correct = 0
    false_positives = []
    gold_by_doc: dict[str, list[dict]] = {}
    for row in gold:
        gold_by_doc.setdefault(row["doc"], []).append(row)
    for doc, items in by_doc.items():
        for m in items:
            if m.role != "place":
                continue
            placed += 1
            rows = [r for s, e, r in gold_spans.get(doc, []) if m.start < e and s < m.end and r["role"] != "metonym"]
            # the same name in another spelling or case ('RAQQA', 'al Mayadeen'), or the gold place itself
            rows += [r for r in gold_by_doc.get(doc, []) if r["role"] != "metonym" and (
                name_key(r["surface"]) == name_key(m.surface) or r["place"] == m.name)]
            if any(_within(m, r) for r in rows):
                correct += 1
            else:
                false_positives.append(f"{doc} {m.surface!r} at {m.start} -> {m.name} ({m.place_id}, {m.lat}, {m.lon})")
    return PlaceScore(
        recall=found / total if total else 0.0,
        precision=correct / placed if placed else 0.0,
        found=found, total=total, correct=correct, placed=placed,
        metonym_errors=metonym_errors, misses=misses, false_positives=false_positives,
    )


@dataclass
class ClaimScore:
    recall: float
    found: int
    total: int
    predicted: int
    misses: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"claims: recall {self.recall:.1%} ({self.found}/{self.total} gold claims), "
                 f"{self.predicted} claims extracted"]
        lines += [f"  miss: {m}" for m in self.misses]
        return "\n".join(lines)


def _norm(value: str | None) -> str:
    return (value or "").strip().lower()


def score_claims(gold: list[dict], docs: list[Document], claims: list[Claim],
                 canonical_place, canonical_actor) -> ClaimScore:
    """``canonical_place``/``canonical_actor`` map gold spellings to the pipeline's names."""
    texts = {d.id: d.text for d in docs}
    found = total = 0
    misses = []
    for row in gold:
        doc = row["doc"]
        if doc not in texts:
            continue
        total += 1
        # seed gold names a fragment of the claim's sentence; the demo's EXPECTED.csv names none,
        # so any claim of the document may match it
        fragment = row.get("sentence_contains") or ""
        at = texts[doc].find(fragment) if fragment else 0
        span = (at, at + len(fragment) if fragment else len(texts[doc])) if at >= 0 else None
        want = (_norm(row["relation"]), _norm(canonical_actor(row["actor"])),
                _norm(canonical_place(row["place"])),
                _norm(canonical_place(row["to_place"])) if row.get("to_place") else "")
        candidates = [c for c in claims if c.doc == doc and span and c.start < span[1] and span[0] < c.end]
        if any((_norm(c.relation), _norm(c.actor), _norm(c.place.name)) == want[:3]
               and (not want[3] or c.to_place is not None and _norm(c.to_place.name) == want[3]) for c in candidates):
            found += 1
        else:
            got = "; ".join(f"{c.relation}/{c.actor}/{c.place.name}->{c.to_place.name if c.to_place else ''}/{c.stance}" for c in candidates) or "none"
            misses.append(f"{doc} {(fragment or 'anywhere')[:50]!r} want {'/'.join(want)}: got {got}")
    return ClaimScore(found / total if total else 0.0, found, total, len(claims), misses)


def canonical_place(name: str) -> str:
    """The gazetteer's canonical name for a spelling ('Deir Ezzur' -> 'Deir ez-Zor')."""
    from geo.geocoders import OfflineGazetteer
    from geo.geoparse.gazetteer import is_curated

    locations = OfflineGazetteer().geocode(name, exactly_one=False) or []
    curated = [loc for loc in locations if is_curated(loc.raw["place_id"])]
    exact = [loc for loc in curated or locations if loc.raw["name"].lower() == name.lower()]
    return (exact or curated or locations)[0].raw["name"] if locations else name


HELD_BACK_SHARE = 0.3  # of coded events, kept out of development and reported apart


def held_back(event_id: str) -> bool:
    """Whether a coded event belongs to the held-back part (about 30%), by a fixed hash of its id.

    The split never changes: the same id is always in the same part, on every machine. Ids are
    ACLED ``event_id_cnty``, UCDP GED ``id`` and PITF ``source_line``.

    >>> [held_back(i) for i in ("SYR1", "SYR2", "SYR3", "IRQ2069")]
    [True, False, False, False]
    """
    digest = hashlib.sha256(str(event_id).strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < HELD_BACK_SHARE


# -- coded events (ACLED, UCDP GED, PITF) -------------------------------------------------------

EVENT_PLACE_KM = 25.0  # a claim at the coded location
CLAIM_NEAR_KM = 50.0  # a claim near its event


@dataclass
class EventMapping:
    """The data file ``event_mapping.toml``: datasets' columns, event types, coded actors."""

    datasets: list[dict]
    event_types: list[tuple[re.Pattern, list[str], bool]]
    coded_actors: list[tuple[re.Pattern, list[str], str | None]]  # (pattern, actors, only in this dataset)

    def dataset_for(self, columns: list[str]) -> dict:
        for dataset in self.datasets:
            if dataset["detect"] in columns:
                return dataset
        raise ValueError("not a known coded-event file: no column among "
                         + ", ".join(d["detect"] for d in self.datasets))

    def relations(self, kind: str) -> tuple[list[str], bool] | None:
        for pattern, relations, symmetric in self.event_types:
            if pattern.search(kind):
                return relations, symmetric
        return None

    def actors(self, coded: str, dataset: str | None = None) -> list[str] | None:
        """Our actors for a coded actor name; records scoped to another dataset are skipped."""
        for pattern, actors, only in self.coded_actors:
            if (only is None or only == dataset) and pattern.search(coded):
                return actors
        return None


def load_event_mapping() -> EventMapping:
    from geo.knowledge import check_choice, compile_pattern, load_table
    from typing import get_args

    from geo.model import Relation

    name = "event_mapping.toml"
    datasets = load_table(name, "dataset", required={
        "name": str, "detect": str, "id": str, "text": list, "actors": list, "acting": list, "kind": list,
        "location": str, "lat": str, "lon": str, "precision": str, "country": str})
    event_types = []
    for record in load_table(name, "event_type", required={"pattern": str, "relations": list},
                             optional={"symmetric": bool}):
        check_choice(record, "relations", set(get_args(Relation)))
        event_types.append((compile_pattern(record), record["relations"], record.get("symmetric", False)))
    from geo.claims.actors import actor_kinds

    known, ours = {d["name"] for d in datasets}, set(actor_kinds())
    coded = []
    for record in load_table(name, "coded_actor", required={"pattern": str, "actors": list}, optional={"dataset": str}):
        check_choice(record, "dataset", known)
        check_choice(record, "actors", ours)
        coded.append((compile_pattern(record), record["actors"], record.get("dataset")))
    return EventMapping(datasets, event_types, coded)


@dataclass
class CodedEvent:
    id: str
    text: str
    kind: str
    relations: list[str]
    actors: set[str]  # canonical actors a right claim may name
    lat: float
    lon: float
    location: str
    country: str
    precision: str


def read_events(path: str | Path, part: str = "all", mapping: EventMapping | None = None
                ) -> tuple[str, list[CodedEvent], list[str]]:
    """The scorable events of a coded-event CSV in ``part`` (dev, held-back, all): the dataset's
    name, the events, and the coded actor names the mapping does not know."""
    mapping = mapping or load_event_mapping()
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    dataset = mapping.dataset_for(list(rows[0]) if rows else [])
    events, unknown = [], set()
    for row in rows:
        event_id = row[dataset["id"]]
        if part != "all" and held_back(event_id) != (part == "held-back"):
            continue
        text = " ".join(row[c].strip() for c in dataset["text"] if row.get(c, "").strip())
        kind = " / ".join(row[c] for c in dataset["kind"] if row.get(c))
        found = mapping.relations(kind)
        if not text or found is None or not found[0] or not row.get(dataset["lat"]):
            continue
        relations, symmetric = found
        actors: set[str] = set()
        for column in dataset["actors"] if symmetric else dataset["acting"]:
            for coded in filter(None, (x.strip() for x in re.split(r"[;,]\s*(?=[A-Z])", row.get(column, "") or ""))):
                mapped = mapping.actors(coded, dataset["name"])
                if mapped is None:
                    unknown.add(coded)
                else:
                    actors.update(mapped)
        events.append(CodedEvent(event_id, text, kind, relations, actors, float(row[dataset["lat"]]),
                                 float(row[dataset["lon"]]), row.get(dataset["location"], ""),
                                 row.get(dataset["country"], ""), row.get(dataset["precision"], "") if dataset["precision"] else ""))
    return dataset["name"], events, sorted(unknown)


@dataclass
class EventTally:
    events: int = 0
    findable: int = 0  # a place mention (not only a claim) within EVENT_PLACE_KM: the geoparser's share
    at_place: int = 0
    relation: int = 0
    actor: int = 0
    all_three: int = 0
    no_claim: int = 0
    claims: int = 0
    claims_near: int = 0

    def add(self, other: "EventTally") -> None:
        for key, value in other.__dict__.items():
            setattr(self, key, getattr(self, key) + value)

    def line(self, label: str) -> str:
        n = self.events or 1
        near = f"{self.claims_near / self.claims:.2f}" if self.claims else "-"
        return (f"{label:<44} {self.events:>5} {self.findable / n:>6.2f} {self.at_place / n:>6.2f} {self.relation / n:>6.2f} "
                f"{self.actor / n:>6.2f} {self.all_three / n:>6.2f} {self.no_claim / n:>6.2f} {near:>6} ({self.claims})")


HEADER = f"{'':<44} {'events':>5} {'found':>6} {'place':>6} {'relat':>6} {'actor':>6} {'p+r+a':>6} {'none':>6} {'50km':>6} (claims)"


@dataclass
class EventScore:
    dataset: str
    part: str
    total: EventTally
    by_type: dict[str, EventTally]
    by_country: dict[str, EventTally]
    by_named: dict[str, EventTally]
    unknown_actors: list[str]
    misses: list[str] = field(default_factory=list)

    def report(self, misses: bool = False) -> str:
        lines = [f"{self.dataset} events, part {self.part}: share of events with a place mention at the coded place "
                 f"(found: the geoparser's ceiling), with a claim at the coded place "
                 f"({EVENT_PLACE_KM:.0f} km), the right relation family, the right actor, all three in one claim; "
                 f"no claim; share of claims within {CLAIM_NEAR_KM:.0f} km of their event", HEADER,
                 self.total.line("all")]
        lines += [self.by_type[k].line("  type " + k[:38]) for k in sorted(self.by_type, key=lambda k: -self.by_type[k].events)]
        lines += [self.by_country[k].line("  country " + k) for k in sorted(self.by_country)]
        lines += [self.by_named[k].line("  " + k) for k in sorted(self.by_named)]
        if self.unknown_actors:
            lines.append("coded actors not in the mapping: " + "; ".join(self.unknown_actors[:30]))
        if misses:
            lines += self.misses
        return "\n".join(lines)


def score_events(path: str | Path, part: str = "dev", extract=None) -> EventScore:
    """Run ``extract`` (Document -> (mentions, claims); default: the whole pipeline) over each
    event's text and score the claims against the coded events of ``part``."""
    from geo.claims.actors import canonical_actor

    if extract is None:
        from geo.pipeline import extract
    name, events, unknown = read_events(path, part)
    total, by_type, by_country, by_named, misses = EventTally(), {}, {}, {}, []
    for event in events:
        mentions, claims = extract(Document(event.id, event.text))
        tally = EventTally(events=1, claims=len(claims))
        tally.findable = int(any(m.role == "place" and m.lat is not None and
                                 km_between((m.lat, m.lon), (event.lat, event.lon)) <= EVENT_PLACE_KM
                                 for m in mentions))
        dist = [km_between((c.lat, c.lon), (event.lat, event.lon)) for c in claims]
        actors = [canonical_actor(c.actor) for c in claims]
        tally.claims_near = sum(d <= CLAIM_NEAR_KM for d in dist)
        tally.no_claim = int(not claims)
        tally.at_place = int(any(d <= EVENT_PLACE_KM for d in dist))
        tally.relation = int(any(c.relation in event.relations for c in claims))
        tally.actor = int(any(a in event.actors for a in actors))
        tally.all_three = int(any(d <= EVENT_PLACE_KM and c.relation in event.relations and a in event.actors
                                  for c, d, a in zip(claims, dist, actors)))
        total.add(tally)
        by_type.setdefault(event.kind, EventTally()).add(tally)
        by_country.setdefault(event.country, EventTally()).add(tally)
        named = "coded place named in the text" if names_coded_place(event) else "coded place not named"
        by_named.setdefault(named, EventTally()).add(tally)
        if not tally.all_three:
            got = "; ".join(f"{c.relation}/{c.actor}/{c.place.name}/{d:.0f}km" for c, d in zip(claims, dist)) or "none"
            misses.append(f"  miss {event.id} [{event.kind}] want {'|'.join(event.relations)} "
                          f"{'|'.join(sorted(event.actors))} @ {event.location}: got {got}")
    return EventScore(name, part, total, by_type, by_country, by_named, unknown, misses)


_PLACE_WORD_AFTER = re.compile(r"\s+" + place_noun_pattern("coded_suffix") + "$", re.IGNORECASE)


def names_coded_place(event: CodedEvent) -> bool:
    """Whether the event's text names its coded location: a headline that does not cannot give
    a claim there.

    >>> names_coded_place(CodedEvent("1", "Shelling hit Raqqah.", "", [], set(), 0, 0, "Ar Raqqa town", "", ""))
    True
    """
    return text_names_place(event.text, event.location)


def text_names_place(text: str, location: str) -> bool:
    """Whether ``text`` holds the name ``location`` (romanisation keys compared, a trailing 'town',
    'village', 'governorate' ... dropped)."""
    from geo.geoparse.normalize import name_key

    key = name_key(_PLACE_WORD_AFTER.sub("", location.strip()))
    return bool(key) and f" {key} " in f" {name_key(text)} "
