"""The cause counts of `benchmarks.articles --why`, on a tiny annotated folder of our own, scored
with the articles' own scorer (../shared/dev/articles/score_articles.py)."""
from __future__ import annotations

import csv

import pytest

from benchmarks.articles import score, scorer
from benchmarks.claim_errors import causes, place_row_causes
from tests.conftest import SHARED, require_shared

TEXT = ("The army captured Khanasir on Monday. Rebels shelled the town of Tadif. "
        "The militants later withdrew from the city.")
KHANASIR = (35.783, 37.500)
TADIF = (36.350, 37.533)


def _folder(tmp_path):
    (tmp_path / "t01.txt").write_text(TEXT, encoding="utf-8")
    with open(tmp_path / "gold_places.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc", "surface", "place", "kind", "lat", "lon", "tolerance_km", "role"])
        w.writerow(["t01", "Khanasir", "Khanasir", "town", *KHANASIR, 10, "place"])
        w.writerow(["t01", "Tadif", "Tadif", "town", *TADIF, 10, "place"])
    with open(tmp_path / "gold_claims.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc", "sentence_contains", "relation", "actor", "place", "to_place", "stance"])
        w.writerow(["t01", "The army captured Khanasir", "control", "Syrian government", "Khanasir", "", "asserted"])
        w.writerow(["t01", "Rebels shelled the town", "strike", "Rebels", "Tadif", "", "asserted"])
        w.writerow(["t01", "militants later withdrew from the city", "lost", "ISIS", "Tadif", "", "asserted"])
    return tmp_path


def _claim(text_part, relation, actor, place, lat, lon):
    start = TEXT.index(text_part)
    return {"doc": "t01.txt", "start": start, "end": start + len(text_part), "relation": relation,
            "actor": actor, "place": place, "lat": lat, "lon": lon, "stance": "asserted", "confidence": 0.7}


@pytest.fixture()
def sa():
    require_shared()
    module = scorer(SHARED / "dev" / "articles")
    if module is None:
        pytest.skip("score_articles.py is missing")
    return module


def test_each_miss_and_each_wrong_claim_gets_its_cause(sa, tmp_path):
    folder = _folder(tmp_path)
    texts = {"t01": TEXT}
    k0 = TEXT.index("Khanasir")
    t0 = TEXT.index("Tadif")
    mentions = [{"doc": "t01.txt", "start": k0, "end": k0 + 8, "surface": "Khanasir", "lat": KHANASIR[0],
                 "lon": KHANASIR[1], "kind": "town", "role": "place"},
                {"doc": "t01.txt", "start": t0, "end": t0 + 5, "surface": "Tadif", "lat": None, "lon": None,
                 "kind": None, "role": "place"}]
    claims = [  # Khanasir: the right place with the wrong relation; Tadif is unresolved
        _claim("The army captured Khanasir on Monday.", "contested", "Syrian government", "Khanasir", *KHANASIR),
    ]
    result = score(sa, folder, texts, mentions, claims)
    places = sa.load_places(str(folder / "gold_places.csv"))
    missed, wrong, confused = causes(sa, result, mentions, texts, places)
    assert missed == {"relation": 1, "place not found: unresolved": 1, "place not found: not named": 1}
    assert wrong == {"relation": 1}
    assert confused == {"control->contested": 2}  # the miss and the wrong claim
    assert place_row_causes(sa, TEXT, places, mentions) == {"unresolved": 1}


def test_a_claim_in_a_sentence_without_gold_and_one_on_another_place(sa, tmp_path):
    folder = _folder(tmp_path)
    texts = {"t01": TEXT}
    claims = [_claim("The army captured Khanasir on Monday.", "control", "Syrian government", "Tadif", *TADIF),
              _claim("The army captured Khanasir on Monday.", "control", "ISIS", "Khanasir", *KHANASIR)]
    result = score(sa, folder, texts, [], claims)
    _missed, wrong, _ = causes(sa, result, [], texts, sa.load_places(str(folder / "gold_places.csv")))
    assert wrong == {"place": 1, "actor": 1}
