"""Claims, zones, disputes and corridors on the reference corpus (../shared/gold/seed_claims.csv)."""
import pytest
from shapely import wkt
from shapely.geometry import Point

from geo import evaluate
from geo.claims.actors import canonical_actor
from geo.pipeline import analyse
from geo.evaluate import canonical_place


@pytest.fixture(scope="module")
def analysis(seed_docs):
    return analyse(seed_docs)


def test_gold_claims_recovered(shared, seed_docs, analysis):
    gold = evaluate.read_gold(shared / "gold" / "seed_claims.csv")
    score = evaluate.score_claims(gold, seed_docs, analysis.claims, canonical_place, canonical_actor)
    print(score.report())
    assert score.total == len(gold) >= 30
    assert score.recall >= 0.80, score.report()


def test_every_claim_carries_its_source_sentence(seed_docs, analysis):
    texts = {d.id: d.text for d in seed_docs}
    for c in analysis.claims:
        assert texts[c.doc][c.start:c.end] == c.text
        if c.place_start >= 0:
            assert c.start <= c.place_start < c.place_end <= c.end
        assert c.relation in ("control", "lost", "contested", "presence", "advance", "strike", "corridor")
        assert c.stance in ("asserted", "alleged", "denied", "disputed")
        assert 0 < c.confidence <= 1


def test_no_claim_is_placed_at_a_capital_used_as_an_actor(seed_docs, seed_mentions, analysis):
    actor_spans = {(m.doc, m.start) for d in seed_docs for m in seed_mentions[d.id] if m.role == "actor"}
    for c in analysis.claims:
        assert (c.doc, c.place_start) not in actor_spans, c
        assert c.place.name not in ("Washington", "Moscow", "Tehran", "Ankara")


def _zone_covers(analysis, actor, place):
    zones = [z for z in analysis.zones if z.actor == actor]
    summary = next(p for p in analysis.places if p.name == place)
    return any(wkt.loads(z.wkt).buffer(0.01).contains(Point(summary.lon, summary.lat)) for z in zones)


@pytest.mark.parametrize("actor,place", [
    ("SDF", "Raqqa"), ("SDF", "Tabqa"), ("Syrian government", "Deir ez-Zor"), ("United States", "al-Tanf"),
    ("ISIS", "al-Mayadin"), ("ISIS", "Abu Kamal"),
])
def test_control_zones(analysis, actor, place):
    assert _zone_covers(analysis, actor, place)


def test_zones_are_valid_land_polygons(analysis):
    for zone in analysis.zones:
        shape = wkt.loads(zone.wkt)
        assert shape.is_valid and not shape.is_empty and shape.geom_type in ("Polygon", "MultiPolygon")
        assert zone.claims and all(c.actor == zone.actor and c.relation == "control" for c in zone.claims)


def test_raqqa_is_disputed(analysis):
    raqqa = next(p for p in analysis.places if p.name == "Raqqa")
    assert raqqa.disputed and "SDF" in raqqa.holders


def test_corridors_out_of_raqqa(analysis):
    out_of_raqqa = {c.to_place: c for c in analysis.corridors if c.from_place == "Raqqa"}
    assert {"Deir ez-Zor", "Syrian Desert", "Palmyra"} <= set(out_of_raqqa)
    for corridor in out_of_raqqa.values():
        assert corridor.status in ("alleged", "denied", "disputed")
        assert corridor.claims and all(c.text for c in corridor.claims)
    desert = out_of_raqqa["Syrian Desert"]
    assert {c.stance for c in desert.claims} >= {"alleged", "denied"} and desert.status == "disputed"
