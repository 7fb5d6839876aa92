"""The built-in demo corpus as a recall check for claims (needs no ../shared): its EXPECTED.csv
lists the claims a reader takes from the project's own demo articles, and every one is found."""
import csv
from pathlib import Path

from geo.claims.actors import canonical_actor
from geo.documents import load_paths
from geo.evaluate import canonical_place
from geo.pipeline import analyse

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"


def test_every_expected_demo_claim_is_found():
    docs, _ = load_paths([str(DEMO)])
    analysis = analyse(docs)
    with open(DEMO / "EXPECTED.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missed = []
    for row in rows:
        place = canonical_place(row["place"])
        to_place = canonical_place(row["to_place"]) if row["to_place"] else ""
        if not any(c.doc == row["doc"] and c.actor == canonical_actor(row["actor"]) and c.relation == row["relation"]
                   and c.place.name == place and (c.to_place.name if c.to_place else "") == to_place for c in analysis.claims):
            missed.append(row)
    assert not missed, missed
