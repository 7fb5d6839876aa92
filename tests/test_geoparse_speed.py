"""Speed without a change of answers: the compiled gazetteer index finds a region's places and a
country's place through SQLite indexes, not a scan of every place."""
from __future__ import annotations

import sqlite3

import pytest

from geo.geoparse.context import kind_hint
from geo.geoparse.gazetteer import default_index


@pytest.fixture(scope="module")
def db():
    index = default_index()
    conn = sqlite3.connect(f"file:{index.db_path}?mode=ro", uri=True)
    yield conn
    conn.close()


def _plan(db: sqlite3.Connection, sql: str, parameters: tuple) -> str:
    return " | ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql, parameters))


@pytest.mark.parametrize("column", ["adm1", "adm2", "adm3"])
def test_a_region_s_places_are_searched_not_scanned(db, column):
    plan = _plan(db, f"SELECT p.id FROM places p WHERE p.{column} = ? AND p.kind NOT IN ('country', 'river')",
                 ("SY02",))
    assert f"USING INDEX places_{column}" in plan, plan


def test_a_country_s_place_is_searched_not_scanned(db):
    plan = _plan(db, "SELECT id FROM places WHERE kind = 'country' AND country = ?", ("SY",))
    assert "USING INDEX places_kind_country" in plan, plan


def test_region_look_ups_answer_as_before():
    index = default_index()
    keys, ids = index.names_inside(0, index.admin_codes("th:raqqa")[0])
    assert "th:raqqa" in ids and len(keys) == len(ids)
    assert list(zip(ids, keys)) == sorted(zip(ids, keys))  # by place, then by key
    assert index.country_place("SY").id.startswith("th:")


@pytest.mark.parametrize("text, name, kind", [
    ("Shelling hit the villages of Tal Sabun, Kafr Hamra and Umm Jurn on Sunday.", "Umm Jurn", "village"),
    ("Shelling hit the villages of Tal Sabun, Kafr Hamra, Umm Jurn on Sunday.", "Umm Jurn", "village"),
    ("Shelling hit the villages of Tal Sabun and then moved on to Umm Jurn.", "Umm Jurn", None),
])
def test_a_listed_name_keeps_the_kind_of_its_list(text, name, kind):
    start = text.index(name)
    assert kind_hint(text, start, start + len(name)) == kind


def test_the_spelling_search_finds_what_a_scan_of_every_key_finds():
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    from geo.geoparse.spelling import SpellingSearch

    keys = ["raka", "rakka", "raqa", "halab", "hims", "idlib", "idlibi", "dir izur", "dir iz zur",
            "tal abiad", "tal abyad", "til abiad", "manbij", "minbij", "mambij", "raka"]
    search = SpellingSearch(keys)
    for key in ("rakah", "idleb", "dir izzur", "tal abiyad", "manbej", "raka", "x"):
        for edits in (1, 2, 3, 4):
            for limit in (1, 3, 12):
                expected = [tuple(found) for found in process.extract(key, keys, scorer=Indel.distance,
                                                                      score_cutoff=edits, limit=limit)]
                assert search.extract(key, edits, limit) == expected, (key, edits, limit)
