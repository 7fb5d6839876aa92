"""The standalone map's day slider: the states it carries, computed in Python and escaped."""
from geo.mapview.timecontrol import time_states
from geo.model import Claim, Place


def claim(doc, actor, date, place="Abu Kamal", relation="control"):
    return Claim(doc, 0, 10, "x", actor, relation, Place("th:abu_kamal", place, "", 34.45, 40.92, ""), "asserted", date=date, date_precision="day" if date else None, date_source="text" if date else "unknown")


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
    year = Claim("e", 0, 10, "x", "ISIS", "control", Place("th:abu_kamal", "Abu Kamal", "", 34.45, 40.92, ""), "asserted", date="2015", date_precision="year", date_source="text")
    data = time_states([year, claim("a", "Syrian government", "2017-11-01"), claim("b", "ISIS", "2017-11-03")])
    assert data["days"] == ["2017-11-01", "2017-11-03"]


def _place(page: str) -> dict:
    """The Abu Kamal feature drawn on a standalone page."""
    import json
    import re

    decoder = json.JSONDecoder()
    for match in re.finditer(r"feature_layer_\w+\.addData\(", page):  # each layer's data, filled in
        data, _ = decoder.raw_decode(page, match.end())
        for f in data["features"]:
            if f["properties"].get("name") == "Abu Kamal" and f["geometry"]["type"] == "Point" \
                    and "_tip" in f["properties"]:
                return f["properties"]
    raise AssertionError("no Abu Kamal on the page")


def test_the_standalone_map_shows_the_latest_state_by_default(tmp_path):
    """`geo map` output opens on the state as of the latest dated claim (as the app); every claim
    at once is a choice (day=None); a day given is that day's state; --as-of's analysis again."""
    import datetime as dt

    from geo.aggregate import assemble
    from geo.aggregate.timeline import as_of
    from geo.mapview import map_html
    from geo.mapview.standalone import default_day

    import dataclasses

    claims = [claim("a", "Syrian government", "2017-11-01"), claim("b", "ISIS", "2017-11-03"),
              dataclasses.replace(claim("c", "ISIS", "2015"), date_precision="year")]
    analysis = assemble([], [], claims)
    vendor = tmp_path / "none"  # CDN links: a smaller page, the same features
    latest = map_html(analysis, vendor).replace("\\u003c", "<").replace("\\u003e", ">")  # (safe_json's escapes)
    assert "state on <b>2017-11-03</b>" in latest
    tip = _place(latest)["_tip"]
    assert "ISIS" in tip and "Syrian government" not in tip  # the army's older word is superseded
    every = map_html(analysis, vendor, day=None)
    assert "every claim at once" in every and "Syrian government" in _place(every)["_tip"]
    first = map_html(analysis, vendor, day=dt.date(2017, 11, 2)).replace("\\u003c", "<").replace("\\u003e", ">")
    assert "state on <b>2017-11-02</b>" in first and "ISIS" not in _place(first)["_tip"].split("held")[0]
    assert default_day(analysis) == dt.date(2017, 11, 3)
    taken = as_of(analysis, dt.date(2017, 11, 2))  # what `geo map --as-of 2017-11-02` hands over
    assert default_day(taken) == dt.date(2017, 11, 1)
    assert [c.doc for c in as_of(taken, default_day(taken)).claims] == [c.doc for c in taken.claims]
