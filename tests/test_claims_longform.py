"""Claims from encyclopedia-style accounts of offensives: our own paragraphs about the wars in Syria
and Iraq (``tests/data/longform``), written for these tests, annotated by the rules of the dev
articles' ANNOTATION.md before the engine was run on them. Gold rows may list alternatives with
``|`` (two acting sides, a corridor's two ends); ``optional`` rows are right when found but not
counted for recall. Run with ``-s`` to see the figures."""
import csv
from pathlib import Path

from geo.claims import ClaimExtractor
from geo.model import Document

DATA = Path(__file__).parent / "data" / "longform"


def gold_rows():
    return list(csv.DictReader((DATA / "claims.csv").open(encoding="utf-8")))


def expand(row):
    """The (doc, actor, relation, place) keys one gold row accepts."""
    return {(row["doc"], actor, row["relation"], place)
            for actor in row["actor"].split("|") for place in row["place"].split("|")}


def found_claims(geoparser, paths):
    found = set()
    for path in paths:
        doc = Document(path.stem, path.read_text(encoding="utf-8"))
        found |= {(c.doc, c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(doc, geoparser.parse(doc))}
    return found


def score(gold, found):
    """Recall over the required rows (a row is found when any of its alternatives is), precision over
    the claims found (a claim is right when some row, required or optional, accepts it)."""
    required = [expand(r) for r in gold if not r["optional"]]
    allowed = set().union(*(expand(r) for r in gold))
    hit = sum(1 for keys in required if keys & found)
    right = len(found & allowed)
    return hit, len(required), right, len(found)


def test_claims_of_our_encyclopedia_paragraphs(geoparser, capsys):
    gold = gold_rows()
    paths = sorted(DATA.glob("*.txt"))
    assert {r["doc"] for r in gold} <= {p.stem for p in paths}
    hit, required, right, total = score(gold, found_claims(geoparser, paths))
    recall, precision = hit / required, right / total
    with capsys.disabled():
        print(f"\nLong-form paragraphs: claim recall {recall:.2f} ({hit}/{required}), "
              f"precision {precision:.2f} ({right}/{total})")
    assert recall >= 0.0 and precision >= 0.0
