"""The standalone map's day slider: the states it carries, computed in Python and escaped."""
from geo.mapview.timecontrol import time_states
from geo.model import Claim


def claim(doc, actor, date, place="Abu Kamal", relation="control"):
    return Claim(doc, 0, 10, "x", actor, relation, place, "th:abu_kamal", 34.45, 40.92, "asserted", date=date,
                 date_precision="day" if date else None, date_source="text" if date else "unknown")


def test_states_change_on_the_days_claims_begin():
    data = time_states([claim("a", "Syrian government", "2017-11-01"), claim("b", "ISIS", "2017-11-03"),
                        claim("c", "Syrian government", "2017-11-10"), claim("d", "Russia", "2017-11-05", relation="strike")])
    assert data["days"] == ["2017-11-01", "2017-11-03", "2017-11-10"]  # strikes do not change who holds it
    (place,) = data["places"]
    assert [(step, colour) for step, colour, _, _ in place["changes"]] == [(0, "#d62728"), (1, "#111111"), (2, "#d62728")]
    assert "held by ISIS" in place["changes"][1][3]


def test_disagreement_and_escaping():
    data = time_states([claim("<b>a</b>", "Syrian government", "2017-11-09", place="<script>x</script>"),
                        claim("b", "ISIS", "2017-11-09", place="<script>x</script>")])
    step, _, disputed, text = data["places"][0]["changes"][0]
    assert disputed and "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;a" in text


def test_thinned_to_the_step_limit():
    claims = [claim("a", "ISIS" if i % 2 else "SDF", f"2017-{1 + i // 28:02d}-{1 + i % 28:02d}") for i in range(300)]
    data = time_states(claims, max_steps=50)
    assert len(data["days"]) <= 51 and data["days"][-1] == "2017-11-20"
    assert data["places"][0]["changes"][-1][3].startswith("<b>Abu Kamal</b> on 2017-11-20")


def test_a_year_only_claim_does_not_stretch_the_slider():
    year = Claim("e", 0, 10, "x", "ISIS", "control", "Abu Kamal", "th:abu_kamal", 34.45, 40.92, "asserted",
                 date="2015", date_precision="year", date_source="text")
    data = time_states([year, claim("a", "Syrian government", "2017-11-01"), claim("b", "ISIS", "2017-11-03")])
    assert data["days"] == ["2017-11-01", "2017-11-03"]
