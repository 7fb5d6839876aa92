"""The app's time control, headless (AppTest): the day slider redraws holders, zones and the export;
the panel shows claims with their dates, in date order."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.test_app import click, downloads, export, map_features, panel_html, start  # noqa: F401 (downloads: a fixture)
from tests.test_time_timeline import EXPECTED_HOLDER, REVERSAL


@pytest.fixture()
def reversal_app(monkeypatch, tmp_path):
    for name, text in REVERSAL.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return start(monkeypatch, "--corpus", str(tmp_path))


def holders_on_map(at) -> tuple[str, ...]:
    """The actors whose zones the map draws."""
    actors = []
    for feature in map_features(at):
        classes = feature["properties"].get("_cls", "").split()
        if "geo-zone" in classes:
            actors += [c[len("geo-actor-"):] for c in classes if c.startswith("geo-actor-")]
    return tuple(sorted(actors))


def test_the_day_slider_changes_the_holder(reversal_app, downloads):
    at = reversal_app
    last = dt.date(2017, 11, 10)  # the newest claim's day: the default view is the state then
    assert at.slider(key="t_day").value == last
    assert holders_on_map(at) == ("syrian-government",)
    assert any(c.value.startswith("State on **2017-11-10**: each source's latest word") for c in at.caption)
    for day, holder in EXPECTED_HOLDER.items():
        at.slider(key="t_day").set_value(min(dt.date.fromisoformat(day), last)).run()
        assert not at.exception
        assert holders_on_map(at) == (re.sub(r"\W+", "-", holder.lower()),), day
        place = next(f for f in export(at, downloads)["features"]
                     if f["properties"]["layer"] == "place" and f["properties"]["name"] == "Abu Kamal")
        assert place["properties"]["holders"] == [holder]
    at.toggle(key="t_all").set_value(True).run()  # "all dates" is a choice: every claim at once, both
    assert holders_on_map(at) == ("isis", "syrian-government")


def test_the_panel_lists_claims_by_date_with_their_dates(reversal_app):
    at = click(reversal_app, "Abu Kamal")
    panel = panel_html(at)
    assert re.findall(r'class="geo-date">([^<]+)<', panel) == ["2017-11-10"]  # the state on the latest day
    # each source's latest word side by side: the army's of the 10th first, ISIS's of the 3rd beside it
    sources = next(h.value for h in at.html if 'class="geo-sources"' in h.value)
    assert sources.index("2017-11-10") < sources.index("2017-11-03") < sources.index("2017-11-01")
    assert "held by ISIS" in sources and "Sources disagree: holders differ" in sources
    at.toggle(key="t_all").set_value(True).run()
    panel = next(h.value for h in at.html if 'class="geo-claim"' in h.value)  # the claims, under the sources
    dates = re.findall(r'class="geo-date">([^<]+)<', panel)
    assert dates == ["2017-11-01", "2017-11-03", "2017-11-10"]
    assert panel.index("army captured") < panel.index("fighters retook") < panel.index("army recaptured")


def test_an_upload_takes_the_publication_date_given(monkeypatch, tmp_path):
    (tmp_path / "undated.txt").write_text("The SDF holds Manbij, a spokesman said.\n", encoding="utf-8")
    at = start(monkeypatch, "--corpus", str(tmp_path))
    assert any("No claim carries a date" in c.value for c in at.caption)
    at.sidebar.date_input(key="upload_date").set_value(dt.date(2017, 11, 9)).run()
    story = b"The Syrian army captured Abu Kamal on Tuesday, state media said.\n"
    at.sidebar.file_uploader[0].set_value([("story.txt", story, "text/plain")]).run()
    assert not at.exception
    assert any(c.value.startswith("State on **2017-11-07**: each source's latest word; 1 undated") for c in at.caption)


def test_the_disagreements_follow_the_undated_switch(monkeypatch, tmp_path):
    """An undated report is one of the accounts while undated claims count, and leaves the
    disagreements (list and side by side) when the switch is off."""
    for name, text in REVERSAL.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "blog.txt").write_text("ISIS fighters hold Abu Kamal, a blogger claimed.\n",
                                       encoding="utf-8")
    at = start(monkeypatch, "--corpus", str(tmp_path))

    def listed() -> list[str]:
        return [b.label for b in at.button if b.key and b.key.startswith("disagree_")]

    assert any(label.startswith("Abu Kamal · 4 sources") for label in listed())  # the blog among them
    at.toggle(key="t_undated").set_value(False).run()
    assert not at.exception
    assert any(label.startswith("Abu Kamal · 3 sources") for label in listed())  # the dated outlets only
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("disagree_"))).click().run()
    sources = next(h.value for h in at.html if 'class="geo-sources"' in h.value)
    assert "blog" not in sources


def open_changes(at) -> None:
    """Open "Changes between two dates" (its content is drawn only when it is open)."""
    assert not any(w.key == "ch_range" for w in at.select_slider)  # closed: not computed, not on the page
    at.session_state["ch_expanded"] = True  # what a click on the expander sends
    at.run()
    assert not at.exception


def test_changes_between_two_dates(reversal_app):
    at = reversal_app
    open_changes(at)
    assert at.select_slider(key="ch_range").value == (dt.date(2017, 11, 1), dt.date(2017, 11, 10))
    assert any("No place changed between 2017-11-01 and 2017-11-10" in c.value for c in at.caption)  # army both days
    at.select_slider(key="ch_range").set_value((dt.date(2017, 11, 1), dt.date(2017, 11, 3))).run()
    assert not at.exception
    table = next(h.value for h in at.html if 'class="geo-changes"' in h.value)
    assert table.count('class="geo-change"') == 1
    assert "Abu Kamal" in table and "changed hands" in table and "Syrian government → ISIS" in table
    assert "isis-retakes (2017-11-03)" in table
    assert any("1 changed hands" in c.value for c in at.caption)


def test_a_changed_place_opens_in_the_panel(reversal_app):
    at = reversal_app
    open_changes(at)
    at.select_slider(key="ch_range").set_value((dt.date(2017, 11, 1), dt.date(2017, 11, 3))).run()
    assert not any("Abu Kamal" in h.value for h in at.subheader)  # nothing selected yet
    (place,) = [o for o in at.selectbox(key="ch_open").options if o != "choose…"]
    assert place == "Abu Kamal"
    at.selectbox(key="ch_open").select_index(1).run()
    assert not at.exception
    assert any("Abu Kamal" in h.value for h in at.subheader)  # the panel beside the map shows it
