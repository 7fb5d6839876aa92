"""Changes between two dates (geo.aggregate.timeline.changes): places whose holder changed, that
were gained or lost, that became or stopped being disputed; on hand-written claims and on the
demo corpus (data/demo, written by the project)."""
from __future__ import annotations

import datetime as dt

import pytest

from geo.aggregate.timeline import changes
from geo.model import Claim, Place

D = dt.date
COORDS = {"Abu Kamal": (34.45, 40.92), "Raqqa": (35.95, 39.01), "Tabqa": (35.84, 38.55), "Manbij": (36.53, 37.95),
          "Palmyra": (34.56, 38.28)}


def claim(doc: str, actor: str, relation: str, place: str, date: str | None, stance: str = "asserted") -> Claim:
    lat, lon = COORDS[place]
    return Claim(doc, 0, 10, f"{actor} {relation} {place}", actor, relation, Place("th:" + place.lower().replace(" ", "_"), place, "", lat, lon, ""), stance, date=date, date_precision="day" if date else None, date_source="text" if date else "unknown")


CLAIMS = [
    # Abu Kamal changes hands: ISIS, then the army
    claim("a1", "ISIS", "control", "Abu Kamal", "2017-06-01"),
    claim("a2", "Syrian government", "control", "Abu Kamal", "2017-11-09"),
    # Raqqa: fought over in June, held by the SDF in October (gained, no longer disputed)
    claim("r1", "SDF", "contested", "Raqqa", "2017-06-10"),
    claim("r2", "SDF", "control", "Raqqa", "2017-10-20"),
    # Tabqa: held by the SDF throughout (no change)
    claim("t1", "SDF", "control", "Tabqa", "2017-05-11"),
    claim("t2", "SDF", "control", "Tabqa", "2017-10-01"),
    # Manbij: held by the SDF, then lost by it with no new holder named
    claim("m1", "SDF", "control", "Manbij", "2017-05-01"),
    claim("m2", "SDF", "lost", "Manbij", "2017-09-01"),
    # Palmyra: the army holds it; in November two sources disagree (newly disputed)
    claim("p1", "Syrian government", "control", "Palmyra", "2017-05-01"),
    claim("p2", "Syrian government", "control", "Palmyra", "2017-11-01"),
    claim("p3", "ISIS", "control", "Palmyra", "2017-11-01"),
]


def by_name(found):
    return {ch.name: ch for ch in found}


def test_each_kind_of_change_between_two_days():
    found = by_name(changes(CLAIMS, D(2017, 7, 1), D(2017, 11, 10)))
    assert set(found) == {"Abu Kamal", "Raqqa", "Manbij", "Palmyra"}  # Tabqa did not change
    assert (found["Abu Kamal"].kinds, found["Abu Kamal"].before, found["Abu Kamal"].after) == \
        (["changed hands"], ["ISIS"], ["Syrian government"])
    assert (found["Abu Kamal"].gained_by, found["Abu Kamal"].lost_by) == (["Syrian government"], ["ISIS"])
    assert found["Raqqa"].kinds == ["gained", "no longer disputed"] and found["Raqqa"].after == ["SDF"]
    assert found["Manbij"].kinds == ["lost"] and found["Manbij"].lost_by == ["SDF"] and found["Manbij"].after == []
    palmyra = found["Palmyra"]
    assert palmyra.kinds == ["newly disputed"]  # the army still holds it by one source
    assert palmyra.after == ["ISIS", "Syrian government"] and palmyra.gained_by == ["ISIS"]
    assert {c.doc for c in palmyra.claims} == {"p2", "p3"}  # the evidence: the claims standing on the later day


def test_order_and_swapped_dates():
    forward = changes(CLAIMS, D(2017, 7, 1), D(2017, 11, 10))
    assert [ch.name for ch in forward] == ["Abu Kamal", "Raqqa", "Manbij", "Palmyra"]  # changed hands, gained, lost, disputed
    backward = changes(CLAIMS, D(2017, 11, 10), D(2017, 7, 1))
    assert [(ch.name, ch.kinds) for ch in backward] == [(ch.name, ch.kinds) for ch in forward]


def test_the_same_day_or_a_quiet_period_has_no_change():
    assert changes(CLAIMS, D(2017, 11, 10), D(2017, 11, 10)) == []
    assert changes(CLAIMS, D(2017, 7, 1), D(2017, 8, 1)) == []


def test_a_place_first_reported_held_is_gained():
    found = by_name(changes(CLAIMS, D(2017, 1, 1), D(2017, 5, 20)))
    assert {n: ch.kinds for n, ch in found.items()} == {"Manbij": ["gained"], "Palmyra": ["gained"],
                                                        "Tabqa": ["gained"]}
    assert found["Tabqa"].summary == "nobody → SDF"


@pytest.mark.parametrize("keep_undated, expected", [(True, {"Abu Kamal": ["newly disputed"]}),
                                                    (False, {"Abu Kamal": ["changed hands"]})])
def test_undated_claims_speak_on_both_days_unless_left_out(keep_undated, expected):
    claims = CLAIMS + [claim("u1", "ISIS", "control", "Abu Kamal", None)]  # an undated report: ISIS holds it
    found = {ch.name: ch.kinds for ch in changes(claims, D(2017, 7, 1), D(2017, 11, 10), keep_undated)
             if ch.name == "Abu Kamal"}
    assert found == expected


@pytest.fixture(scope="module")
def demo_claims():
    from geo.documents import load_paths
    from geo.pipeline import analyse
    from tests.conftest import DEMO

    docs, errors = load_paths([DEMO])
    assert not errors
    return analyse(docs).claims


def test_changes_in_the_demo_corpus(demo_claims):
    summer_to_autumn = by_name(changes(demo_claims, D(2017, 6, 19), D(2017, 11, 18)))
    assert summer_to_autumn["al-Mayadin"].kinds == ["changed hands"]
    assert summer_to_autumn["al-Mayadin"].summary == "ISIS → Syrian government"
    assert summer_to_autumn["Deir ez-Zor"].kinds == ["gained", "no longer disputed"]
    assert summer_to_autumn["al-Qaim"].after == ["Iraqi forces"]
    assert "Tabqa" not in summer_to_autumn  # the SDF's since May
    spring = by_name(changes(demo_claims, D(2017, 3, 22), D(2017, 6, 19)))
    assert spring["Tabqa"].kinds == ["gained"] and spring["Tabqa"].gained_by == ["SDF"]
    abu_kamal = by_name(changes(demo_claims, D(2017, 11, 4), D(2017, 11, 9)))["Abu Kamal"]
    assert (abu_kamal.kinds, abu_kamal.before, abu_kamal.after) == (["changed hands"], ["ISIS"], ["Syrian government"])
