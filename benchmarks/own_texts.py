"""Claims on our own annotated paragraphs (tests/data/english, arabic, longform, offensives), scored in process.

    .venv/bin/python -m benchmarks.own_texts                    # every set
    .venv/bin/python -m benchmarks.own_texts --set english      # one set
    .venv/bin/python -m benchmarks.own_texts --set english --details   # every miss and wrong claim
    .venv/bin/python -m benchmarks.own_texts --min-confidence 0.5       # claims below 0.5 dropped first

The English set was written for issue #21 as a check nobody changing the claims code develops
against: read its figures, do not fit the code to its paragraphs.

Each set is a folder of ``NAME.txt`` paragraphs and a ``claims.csv`` of gold rows
``doc,actor,relation,place,stance,source,optional``. ``|`` lists alternatives in actor, relation,
place, stance and source. The unit scored is a distinct (doc, actor, relation, place) of the
``ClaimExtractor`` output, as in ``tests/test_claims_arabic.py``; a corridor's unit also answers
to the name of its other end. Recall: required rows (``optional`` empty) some unit matches;
precision: units some row (required or optional) matches. "With stance": the unit's stance is one
of the row's. "Source": of the required rows found that name a source, those a matching unit
attributes to it (case-blind, one a part of the other). Figures are printed per set and per style
(the English file name's first letter: ``e`` encyclopedia account, ``n`` news).
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SETS = {"english": ROOT / "tests" / "data" / "english", "arabic": ROOT / "tests" / "data" / "arabic",
        "longform": ROOT / "tests" / "data" / "longform", "offensives": ROOT / "tests" / "data" / "offensives"}
STYLES = {"e": "encyclopedia", "n": "news"}


def alternatives(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split("|") if part.strip())


@dataclass(frozen=True)
class GoldRow:
    """One claim a careful reader takes; each field holds its alternatives."""

    doc: str
    actors: frozenset[str]
    relations: frozenset[str]
    places: frozenset[str]
    stances: frozenset[str]
    sources: frozenset[str]
    optional: bool

    def matches(self, unit: "Unit") -> bool:
        return (unit.doc == self.doc and unit.actor in self.actors and unit.relation in self.relations
                and bool(unit.ends & self.places))

    def source_matches(self, unit: "Unit") -> bool:
        said = {a.casefold() for a in unit.attributions if a}
        return any(s.casefold() in a or a in s.casefold() for s in self.sources for a in said)


@dataclass
class Unit:
    """The claims of one document that share actor, relation and place."""

    doc: str
    actor: str
    relation: str
    place: str
    ends: set[str] = field(default_factory=set)
    stances: set[str] = field(default_factory=set)
    attributions: set[str] = field(default_factory=set)
    text: str = ""


def read_gold(folder: Path) -> list[GoldRow]:
    """The set's gold rows, each distinct row once."""
    rows = []
    with (folder / "claims.csv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            row = GoldRow(r["doc"], alternatives(r["actor"]), alternatives(r["relation"]), alternatives(r["place"]),
                          alternatives(r["stance"]), alternatives(r.get("source") or ""), bool(r["optional"].strip()))
            if row not in rows:
                rows.append(row)
    return rows


def extract_units(folder: Path, geoparser, placed: dict[str, set[str]] | None = None,
                  min_confidence: float = 0.0) -> list[Unit]:
    """Run the claims stage on every paragraph of the folder and group its claims of at least
    ``min_confidence`` into units (``placed``, when given, receives the names of the places the
    geoparser found per document)."""
    from geo.claims import ClaimExtractor
    from geo.model import Document

    units: dict[tuple[str, str, str, str], Unit] = {}
    for path in sorted(folder.glob("*.txt")):
        doc = Document(path.stem, path.read_text(encoding="utf-8"))
        mentions = geoparser.parse(doc)
        if placed is not None:
            placed[doc.id] = {m.name for m in mentions if m.name}
        for c in ClaimExtractor().extract(doc, mentions):
            if c.confidence < min_confidence:
                continue
            key = (c.doc, c.actor, c.relation, c.place.name)
            unit = units.setdefault(key, Unit(*key, ends={c.place.name}, text=c.text))
            if c.to_place is not None:
                unit.ends.add(c.to_place.name)
            unit.stances.add(c.stance)
            unit.attributions.add(c.attribution)
    return list(units.values())


def style_of(doc: str) -> str:
    return STYLES.get(doc[:1], "all")


@dataclass
class Score:
    required: int = 0
    found: int = 0
    found_stance: int = 0
    units: int = 0
    correct: int = 0
    correct_stance: int = 0
    sourced: int = 0
    sourced_right: int = 0

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def recall(self) -> float:
        return self.share(self.found, self.required)

    @property
    def precision(self) -> float:
        return self.share(self.correct, self.units)

    def line(self, label: str) -> str:
        s = self.share
        return (f"{label:<22} recall {self.recall:.3f} ({self.found}/{self.required})  "
                f"precision {self.precision:.3f} ({self.correct}/{self.units})  "
                f"with stance {s(self.found_stance, self.required):.3f} / {s(self.correct_stance, self.units):.3f}  "
                f"source {self.sourced_right}/{self.sourced}")


def score(gold: list[GoldRow], units: list[Unit], docs: set[str] | None = None) -> Score:
    """Recall, precision (with and without stance) and sources of ``units`` against ``gold``
    (restricted to ``docs`` when given)."""
    if docs is not None:
        gold = [g for g in gold if g.doc in docs]
        units = [u for u in units if u.doc in docs]
    result = Score(units=len(units))
    for row in gold:
        if row.optional:
            continue
        result.required += 1
        matched = [u for u in units if row.matches(u)]
        result.found += bool(matched)
        result.found_stance += any(u.stances & row.stances for u in matched)
        if matched and row.sources:
            result.sourced += 1
            result.sourced_right += any(row.source_matches(u) for u in matched)
    for unit in units:
        rows = [g for g in gold if g.matches(unit)]
        result.correct += bool(rows)
        result.correct_stance += any(unit.stances & g.stances for g in rows)
    return result


def by_style(gold: list[GoldRow], units: list[Unit], docs: set[str]) -> dict[str, Score]:
    """A set's figures: key "all", then one per style of its paragraphs (encyclopedia, news)."""
    figures = {"all": score(gold, units)}
    for style in sorted({style_of(d) for d in docs} - {"all"}):
        figures[style] = score(gold, units, {d for d in docs if style_of(d) == style})
    return figures


def miss_class(row: GoldRow, units: list[Unit], placed: dict[str, set[str]]) -> str:
    """Why a required row was missed (or found only in part), judged from the document's units and
    the places the geoparser found in it."""
    own = [u for u in units if u.doc == row.doc]
    matched = [u for u in own if row.matches(u)]
    if matched:
        if not any(u.stances & row.stances for u in matched):
            return "wrong stance"
        if row.sources and not any(row.source_matches(u) for u in matched):
            return "missing source" if not any(a for u in matched for a in u.attributions) else "wrong source"
        return ""
    at_place = [u for u in own if u.ends & row.places]
    if any(u.actor in row.actors for u in at_place):
        return "wrong relation"
    if any(u.relation in row.relations for u in at_place):
        return "wrong actor"
    if at_place:
        return "wrong actor and relation"
    if row.places & placed.get(row.doc, set()):
        return "no claim at the place"
    return "place not found"


def wrong_class(unit: Unit, gold: list[GoldRow]) -> str:
    """Why a unit matches no row."""
    rows = [g for g in gold if g.doc == unit.doc and unit.ends & g.places]
    if not rows:
        return "place in no row"
    if any(unit.actor in g.actors for g in rows):
        return "relation in no row"
    if any(unit.relation in g.relations for g in rows):
        return "actor in no row"
    return "actor and relation in no row"


def report(name: str, folder: Path, geoparser, details: bool = False, min_confidence: float = 0.0) -> dict[str, Score]:
    """Print and return the set's figures (key "all" and one per style)."""
    placed: dict[str, set[str]] = {}
    gold, units = read_gold(folder), extract_units(folder, geoparser, placed, min_confidence)
    docs = {p.stem for p in folder.glob("*.txt")}
    figures = by_style(gold, units, docs)
    print(f"{name}: {len(docs)} paragraphs, {figures['all'].required} required gold rows, "
          f"claims of confidence >= {min_confidence:g}")
    for label, figure in figures.items():
        print("  " + figure.line(label))
    misses = Counter(c for g in gold if not g.optional and (c := miss_class(g, units, placed)))
    wrong = Counter(wrong_class(u, gold) for u in units if not any(g.matches(u) for g in gold))
    print("  misses by class: " + ", ".join(f"{k} {v}" for k, v in misses.most_common()))
    print("  wrong claims by class: " + ", ".join(f"{k} {v}" for k, v in wrong.most_common()))
    if details:
        by_doc: dict[str, list[str]] = defaultdict(list)
        for g in gold:
            if not g.optional and (c := miss_class(g, units, placed)):
                by_doc[g.doc].append(f"    miss  [{c}] {'|'.join(sorted(g.actors))} {'|'.join(sorted(g.relations))} "
                                     f"{'|'.join(sorted(g.places))} ({'|'.join(sorted(g.stances))}"
                                     f"{', ' + '|'.join(sorted(g.sources)) if g.sources else ''})")
        for u in units:
            if not any(g.matches(u) for g in gold):
                by_doc[u.doc].append(f"    wrong [{wrong_class(u, gold)}] {u.actor} {u.relation} {u.place} "
                                     f"({'|'.join(sorted(u.stances))}) <- {u.text[:110]!r}")
        for doc in sorted(by_doc):
            print(f"  {doc}")
            print("\n".join(by_doc[doc]))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="a set to score (default: every set)")
    parser.add_argument("--details", action="store_true", help="list every miss and wrong claim")
    parser.add_argument("--min-confidence", type=float, default=0.0,
                        help="drop claims below this confidence first (default 0: every claim)")
    args = parser.parse_args(argv)
    from geo import settings
    from geo.geoparse import Geoparser

    settings.install(settings.Settings.from_environment())
    geoparser = Geoparser()
    for name in args.set or sorted(SETS):
        report(name, SETS[name], geoparser, args.details, args.min_confidence)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
