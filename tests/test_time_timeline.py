"""Control over time: who holds a place on a given day, through the library, the CLI and the exports.

The reversal corpus (written for these tests): the army takes Abu Kamal on 1 November 2017, ISIS
retakes it on 3 November, the army recaptures it on 10 November, each told by a different outlet
dated its own way (a Published line, a wire dateline, a file name) with relative dates.
"""
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.aggregate.timeline import as_of, between, control_on, dates, history, in_range, state_on
from geo.model import Analysis, Claim, Place

ROOT = Path(__file__).resolve().parent.parent
REVERSAL = {
    "army-takes.txt": "Army takes Abu Kamal\nPublished: 2017-11-02\n\n"
                      "The Syrian army captured Abu Kamal yesterday, state media said.\n",
    "isis-retakes.txt": "BEIRUT, Nov 4, 2017 (Reuters) - ISIS fighters retook Abu Kamal on Friday, activists said.\n",
    "2017-11-12_army-back.txt": "Army back in Abu Kamal\n\n"
                                "The Syrian army recaptured Abu Kamal two days ago, a military source said.\n",
}
EXPECTED_HOLDER = {"2017-11-02": "Syrian government", "2017-11-05": "ISIS", "2017-11-11": "Syrian government"}


@pytest.fixture(scope="module")
def reversal(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reversal")
    for name, text in REVERSAL.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def geo(*args):
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def abu_kamal(features: list[dict]) -> dict:
    return next(f["properties"] for f in features if f["properties"]["layer"] == "place"
                and f["properties"]["name"] == "Abu Kamal")


def test_claims_carry_their_dates_in_json_lines(reversal):
    run = geo("claims", reversal)
    assert run.returncode == 0, run.stderr
    rows = {r["doc"]: r for r in map(json.loads, run.stdout.splitlines()) if r["place"] == "Abu Kamal"}
    assert {d: (r["date"], r["date_precision"], r["date_source"]) for d, r in rows.items()} == {
        "army-takes": ("2017-11-01", "day", "text"),
        "isis-retakes": ("2017-11-03", "day", "text"),
        "2017-11-12_army-back": ("2017-11-10", "day", "text"),
    }


@pytest.mark.parametrize("day", sorted(EXPECTED_HOLDER))
def test_the_reversal_gives_the_holder_of_each_day_through_the_cli(reversal, tmp_path, day):
    out = tmp_path / f"{day}.geojson"
    run = geo("export", reversal, "--as-of", day, "-o", out)
    assert run.returncode == 0, run.stderr
    place = abu_kamal(json.loads(out.read_text(encoding="utf-8"))["features"])
    assert place["holders"] == [EXPECTED_HOLDER[day]]
    assert place["disputed"] is False  # the older word is superseded, not a disagreement


def test_a_user_date_resolves_relative_dates(tmp_path):
    (tmp_path / "story.txt").write_text("The Syrian army captured Abu Kamal on Tuesday, state media said.\n",
                                        encoding="utf-8")
    run = geo("claims", tmp_path, "--date", "2017-11-09")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.splitlines()[0])["date"] == "2017-11-07"
    undated = json.loads(geo("claims", tmp_path).stdout.splitlines()[0])
    assert (undated["date"], undated["date_source"]) == (None, "unknown")
    bad = geo("claims", tmp_path, "--date", "9 November")
    assert bad.returncode == 2 and "--date" in bad.stderr


def test_geopackage_and_parquet_exports_follow_the_day(reversal, tmp_path):
    import geopandas as gpd

    gpkg = tmp_path / "day5.gpkg"
    assert geo("export", reversal, "--as-of", "2017-11-05", "-o", gpkg).returncode == 0
    places = gpd.read_file(gpkg, layer="place")
    row = places[places["name"] == "Abu Kamal"].iloc[0]
    assert json.loads(row["holders"]) == ["ISIS"]
    claims = gpd.read_file(gpkg, layer="claim")
    assert list(claims["date"]) == ["2017-11-03"] and list(claims["date_source"]) == ["text"]
    pytest.importorskip("dask_geopandas")
    parquet = tmp_path / "day11.parquet"
    run = geo("export", reversal, "--as-of", "2017-11-11", "-o", parquet)
    assert run.returncode == 0, run.stderr
    frame = gpd.read_parquet(parquet / "place")
    assert json.loads(frame[frame["name"] == "Abu Kamal"].iloc[0]["holders"]) == ["Syrian government"]
    claims = gpd.read_parquet(parquet / "claim")
    assert list(claims["date"]) == ["2017-11-10"]


def test_a_date_range_keeps_the_claims_within_it(reversal, tmp_path):
    out = tmp_path / "range.geojson"
    run = geo("export", reversal, "--from", "2017-11-02", "--to", "2017-11-09", "-o", out)
    assert run.returncode == 0, run.stderr
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["date"] for f in features if f["properties"]["layer"] == "claim"] == ["2017-11-03"]
    both = geo("export", reversal, "--as-of", "2017-11-05", "--to", "2017-11-09", "-o", out)
    assert both.returncode == 2 and "--as-of" in both.stderr


def test_the_standalone_map_as_of_a_day(reversal, tmp_path):
    shown = {}
    for day in ("2017-11-05", "2017-11-11"):
        out = tmp_path / f"{day}.html"
        run = geo("map", reversal, "--as-of", day, "-o", out)
        assert run.returncode == 0, run.stderr
        html = out.read_text(encoding="utf-8")
        shown[day] = {actor for actor in ("ISIS", "Syrian government") if actor in html}
    assert shown == {"2017-11-05": {"ISIS"}, "2017-11-11": {"Syrian government"}}


# --------------------------------------------------------------------------- the rules, in process


def claim(doc, actor, date, relation="control", stance="asserted", place="Abu Kamal", pid="th:abu_kamal", start=0):
    return Claim(doc, start, start + 10, f"{actor} {relation} {place}", actor, relation, Place(pid, place, "", 34.45, 40.92, ""), stance, date=date, date_precision="day" if date and len(date) == 10 else "month" if date else None, date_source="text" if date else "unknown")


DAY = dt.date.fromisoformat


def test_sources_that_disagree_for_the_same_period_make_a_dispute():
    claims = [claim("a", "Syrian government", "2017-11-09"), claim("b", "ISIS", "2017-11-09"),
              claim("c", "ISIS", "2017-11-02")]
    state = control_on(claims, DAY("2017-11-10"))["th:abu_kamal"]
    assert state.holders == ["ISIS", "Syrian government"] and state.disputed
    assert state.by_source == {"a": ["Syrian government"], "b": ["ISIS"]}  # c is superseded
    # a month-precision claim overlaps the days inside it: the same period
    state = control_on([claim("a", "Syrian government", "2017-11-09"), claim("b", "ISIS", "2017-11")],
                       DAY("2017-11-20"))["th:abu_kamal"]
    assert state.disputed
    # before either source spoke there is no state at all
    assert control_on(claims, DAY("2017-11-01")) == {}


def test_a_later_loss_or_contest_replaces_an_earlier_hold():
    claims = [claim("a", "ISIS", "2017-11-01"), claim("a", "ISIS", "2017-11-09", relation="lost", start=20)]
    state = control_on(claims, DAY("2017-11-10"))["th:abu_kamal"]
    assert state.holders == [] and not state.disputed
    claims.append(claim("b", "Hezbollah", "2017-11-12", relation="contested"))
    assert control_on(claims, DAY("2017-11-12"))["th:abu_kamal"].disputed


def test_undated_claims_are_kept_by_default():
    claims = [claim("a", "ISIS", "2017-11-03"), claim("u", "SDF", None)]
    assert control_on(claims, DAY("2017-11-05"))["th:abu_kamal"].holders == ["ISIS", "SDF"]
    assert control_on(claims, DAY("2017-11-05"), keep_undated=False)["th:abu_kamal"].holders == ["ISIS"]
    assert in_range(claims, DAY("2017-11-04"), None) == [claims[1]]
    assert in_range(claims, DAY("2017-11-04"), None, keep_undated=False) == []


def test_events_stay_and_history_is_in_date_order():
    strike = claim("a", "Russia", "2017-10-01", relation="strike")
    claims = [claim("b", "ISIS", "2017-11-03"), strike, claim("u", "SDF", None), claim("a", "Syrian government", "2017-11-01")]
    assert strike in state_on(claims, DAY("2017-11-05"))
    assert [c.actor for c in history(claims, "th:abu_kamal")] == ["Russia", "Syrian government", "ISIS", "SDF"]
    assert dates(claims) == [DAY("2017-10-01"), DAY("2017-11-01"), DAY("2017-11-03")]


def test_as_of_and_between_rebuild_places_and_zones():
    claims = [claim("a", "Syrian government", "2017-11-01"), claim("b", "ISIS", "2017-11-03"),
              claim("c", "Syrian government", "2017-11-10")]
    analysis = Analysis([], [], claims, [], [], [])
    for day, holder in EXPECTED_HOLDER.items():
        view = as_of(analysis, DAY(day))
        assert [p.holders for p in view.places] == [[holder]]
        assert [z.actor for z in view.zones] == [holder]
    window = between(analysis, DAY("2017-11-02"), DAY("2017-11-09"))
    assert [c.actor for c in window.claims] == ["ISIS"]


def test_the_standalone_map_draws_every_claim_only_when_asked(reversal, tmp_path):
    """`geo map` opens on the latest day's state; --all-dates draws every claim at once."""
    pages = {}
    for name, extra in (("latest", []), ("all", ["--all-dates"])):
        out = tmp_path / f"{name}.html"
        run = geo("map", reversal, *extra, "-o", out)
        assert run.returncode == 0, run.stderr
        pages[name] = out.read_text(encoding="utf-8")
    assert "every claim at once" in pages["all"] and "every claim at once" not in pages["latest"]
    assert {a for a in ("ISIS", "Syrian government") if a in pages["all"]} == {"ISIS", "Syrian government"}
