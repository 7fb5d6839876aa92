"""Each source's latest account of a place side by side; the places where sources disagree first."""
from __future__ import annotations

import csv
import datetime as dt
import io

from geo.aggregate import contradictions, contradictions_csv
from geo.aggregate.contradictions import contradiction_rows, place_accounts
from geo.aggregate.timeline import coarse_claims, latest_day, slider_days, state_window
from geo.model import Claim, Place

PLACES = {"Abu Kamal": ("th:abu_kamal", 34.45, 40.92), "Raqqa": ("th:raqqa", 35.95, 39.01),
          "Tabqa": ("th:tabqa", 35.84, 38.55)}


def claim(doc: str, actor: str, relation: str, place: str, date: str | None, stance: str = "asserted",
          text: str | None = None, precision: str = "day") -> Claim:
    pid, lat, lon = PLACES[place]
    sentence = text or f"{actor} {relation} {place} on {date}."
    return Claim(doc, 0, len(sentence), sentence, actor, relation, Place(pid, place, "", lat, lon, ""), stance, date=date, date_precision=precision if date else None, date_source="text" if date else "unknown")


CLAIMS = [
    # Abu Kamal: the army's outlet says held, later; ISIS's outlet says held; a third's older word is superseded
    claim("army-outlet", "Syrian government", "control", "Abu Kamal", "2017-11-01"),
    claim("army-outlet", "Syrian government", "control", "Abu Kamal", "2017-11-10", text="=HYPERLINK(\"x\")"),
    claim("isis-outlet", "ISIS", "control", "Abu Kamal", "2017-11-03"),
    claim("isis-outlet", "ISIS", "lost", "Abu Kamal", "2017-10-01"),
    # Raqqa: three sources agree
    claim("a", "SDF", "control", "Raqqa", "2017-10-20"),
    claim("b", "SDF", "control", "Raqqa", "2017-10-21"),
    claim("c", "SDF", "control", "Raqqa", "2017-10-17"),
    # Tabqa: one source, and a strike (an event: no account)
    claim("a", "SDF", "control", "Tabqa", "2017-05-10"),
    claim("b", "United States", "strike", "Tabqa", "2017-05-01"),
    claim("d", "ISIS", "control", "Tabqa", "2015", precision="year"),
]


def test_places_where_sources_disagree_come_first_with_each_sources_latest_word():
    rows = contradictions(CLAIMS)
    assert [r.place for r in rows] == ["Abu Kamal", "Raqqa", "Tabqa"]
    abu = rows[0]
    assert abu.disagree and "holders differ" in abu.why
    assert [(a.source, a.date, a.summary) for a in abu.accounts] == [
        ("army-outlet", "2017-11-10", "held by Syrian government"),  # its latest word only
        ("isis-outlet", "2017-11-03", "held by ISIS"),
    ]
    raqqa = rows[1]
    assert not raqqa.disagree and raqqa.why == "" and raqqa.sources == ["b", "a", "c"]
    tabqa = rows[2]  # ISIS's word of 2015 is history beside SDF's of 2017, not a contradiction
    assert not tabqa.disagree and [(a.source, a.current) for a in tabqa.accounts] == [("a", True), ("d", False)]


def test_up_to_a_day_later_claims_are_left_out():
    rows = {r.place: r for r in contradictions(CLAIMS, day=dt.date(2017, 11, 2))}
    abu = rows["Abu Kamal"]
    assert [(a.source, a.date) for a in abu.accounts] == [("army-outlet", "2017-11-01"), ("isis-outlet", "2017-10-01")]
    assert not abu.disagree  # held by the army; ISIS's outlet: ISIS lost it a month before: both can be true
    assert not rows["Tabqa"].disagree


def test_held_against_lost_by_the_same_actor_or_still_fought_over():
    row = place_accounts([claim("x", "SDF", "control", "Raqqa", "2017-10-20"),
                          claim("y", "SDF", "lost", "Raqqa", "2017-10-21")])
    assert row.disagree and row.why == "held by SDF in one, lost in another"
    row = place_accounts([claim("x", "SDF", "control", "Raqqa", "2017-10-20"),
                          claim("y", "ISIS", "contested", "Raqqa", "2017-10-21")])
    assert row.disagree and "still fought over" in row.why


def test_a_denial_is_a_disagreement_even_from_one_source():
    row = place_accounts([claim("x", "SDF", "control", "Raqqa", "2017-10-20", stance="denied")])
    assert row.disagree and "denied" in row.why
    assert place_accounts([claim("x", "SDF", "strike", "Raqqa", "2017-10-20")]) is None


def test_csv_export_has_one_line_per_account_and_defuses_formulas():
    text = contradictions_csv(contradictions(CLAIMS))
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == len(contradiction_rows(contradictions(CLAIMS))) == 7
    assert records[-1]["current"] == "False"  # Tabqa's 2015 word, listed as history
    assert records[0]["place"] == "Abu Kamal" and records[0]["disagree"] == "True"
    assert records[0]["sentence"].startswith("'=HYPERLINK")  # never a live formula in a spreadsheet
    assert {"source", "date", "account", "stance", "sentence"} <= set(records[0])


def test_the_slider_spans_day_precise_claims_and_coarse_ones_are_apart():
    days = slider_days(CLAIMS)
    assert days[0] == dt.date(2017, 5, 1) and days[-1] == dt.date(2017, 11, 10)  # the 2015 claim stretches nothing
    assert [c.date for c in coarse_claims(CLAIMS)] == ["2015"]
    assert latest_day(CLAIMS) == dt.date(2017, 11, 10)
    assert latest_day([claim("d", "ISIS", "control", "Tabqa", "2015", precision="year")]) == dt.date(2015, 12, 31)
    assert latest_day([claim("d", "ISIS", "control", "Tabqa", None)]) is None
    # the state on the latest day rests on each place's latest word: Tabqa's of 2017-05-10 the oldest
    assert state_window(CLAIMS, dt.date(2017, 11, 10)) == (dt.date(2017, 5, 10), dt.date(2017, 11, 10))
    assert state_window(CLAIMS, dt.date(2017, 1, 1)) == (dt.date(2015, 1, 1), dt.date(2017, 1, 1))


def test_undated_accounts_count_unless_left_out():
    undated = claim("blog", "ISIS", "control", "Raqqa", None, text="ISIS still holds Raqqa, a blog says.")
    rows = {r.place: r for r in contradictions(CLAIMS + [undated])}
    assert rows["Raqqa"].disagree and "blog" in rows["Raqqa"].sources
    rows = {r.place: r for r in contradictions(CLAIMS + [undated], keep_undated=False)}
    assert not rows["Raqqa"].disagree and "blog" not in rows["Raqqa"].sources
