"""The day slider in a real Chromium: moving it redraws who holds Abu Kamal on the map.

Runs the app on the reversal corpus of tests/test_time_timeline.py (army 1 November, ISIS
3 November, army again 10 November) and drives the slider with the keyboard, as a user can.
"""
from __future__ import annotations

import subprocess
import sys
from typing import Iterator

import pytest

from tests.test_browser import (  # noqa: F401 (browser_page: a fixture)
    ARTIFACTS, CHROMIUM, MAP_IFRAME, ROOT, _unavailable, browser_page, running_app,
)
from tests.test_time_timeline import REVERSAL

pytestmark = pytest.mark.browser
ZONE = ".leaflet-overlay-pane path.geo-zone.geo-actor-{}"


@pytest.fixture(scope="module")
def reversal_server(tmp_path_factory) -> Iterator[str]:
    corpus = tmp_path_factory.mktemp("reversal")
    for name, text in REVERSAL.items():
        (corpus / name).write_text(text, encoding="utf-8")
    with running_app("--corpus", str(corpus)) as url:
        yield url


def _zones_show(page, actor: str, other: str) -> None:
    """Wait until the map draws ``actor``'s zone and not ``other``'s (while the script reruns,
    Streamlit may show the old map's iframe beside the new one: wait for one map)."""
    for _ in range(80):
        if page.locator(MAP_IFRAME).count() == 1:
            frame = page.frame_locator(MAP_IFRAME)
            if frame.locator(ZONE.format(actor)).count() and not frame.locator(ZONE.format(other)).count():
                return
        page.wait_for_timeout(250)
    raise AssertionError(f"after 20 s the map does not show {actor} alone (without {other})")


def test_moving_the_day_slider_changes_the_holder(reversal_server, browser_page):
    context, page = browser_page
    page.goto(reversal_server)
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=60_000)
    _zones_show(page, "syrian-government", "isis")  # by default the state on the last day: the army back
    _wait_day(page, "2017-11-10")

    slider = page.get_by_role("slider", name="As of")
    slider.focus()
    page.keyboard.press("Home")  # 1 November: the army took the town
    _wait_day(page, "2017-11-01")
    _zones_show(page, "syrian-government", "isis")
    for _ in range(4):  # 5 November: ISIS retook it on the 3rd
        page.keyboard.press("ArrowRight")
    _wait_day(page, "2017-11-05")
    _zones_show(page, "isis", "syrian-government")

    page.keyboard.press("End")  # 10 November: the army back
    _zones_show(page, "syrian-government", "isis")

    page.get_by_text("All dates (every claim at once)").click()  # every claim at once: both zones
    frame = page.frame_locator(MAP_IFRAME)
    for _ in range(80):
        if page.locator(MAP_IFRAME).count() == 1 and frame.locator(ZONE.format("isis")).count() \
                and frame.locator(ZONE.format("syrian-government")).count():
            break
        page.wait_for_timeout(250)
    else:
        raise AssertionError("'All dates' does not show both holders' zones")


def test_the_standalone_map_has_a_day_slider(browser_page, tmp_path):
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    corpus = tmp_path / "reversal"
    corpus.mkdir()
    for name, text in REVERSAL.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path / "map.html"
    run = subprocess.run([sys.executable, "-m", "geo", "map", corpus, "-o", out], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    context, page = browser_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    # by default the map is the state on the latest day (as the app), and says so
    assert page.locator(".geo-time-state").inner_text().startswith("Map: state on 2017-11-10, each source's latest word")
    page.locator(".geo-time-on").check()
    ring = page.locator("path.geo-time-ring")
    ring.wait_for(state="attached")
    day = page.locator(".geo-time-day")
    assert (day.inner_text(), ring.get_attribute("fill")) == ("2017-11-10", "#d62728")  # the army, last
    page.locator(".geo-time-slider").focus()
    page.keyboard.press("ArrowLeft")  # the day before in the slider's steps: ISIS's 3 November
    assert (day.inner_text(), ring.get_attribute("fill")) == ("2017-11-03", "#111111")
    page.keyboard.press("Home")
    assert (day.inner_text(), ring.get_attribute("fill")) == ("2017-11-01", "#d62728")
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []


def _shown_day(page) -> str:
    """The day whose state the page says it shows (the caption under the slider)."""
    import re

    text = page.get_by_text(re.compile(r"^State on \d{4}-\d\d-\d\d")).first.inner_text()
    return re.match(r"State on (\d{4}-\d\d-\d\d)", text).group(1)


def _wait_day(page, day: str, seconds: float = 20) -> None:
    for _ in range(int(seconds * 10)):
        try:
            if _shown_day(page) == day:
                return
        except Exception:  # noqa: BLE001 - the caption is being redrawn
            pass
        page.wait_for_timeout(100)
    raise AssertionError(f"the page does not show the state on {day} (it shows {_shown_day(page)})")


# In the page: each day the caption shows, in order, and whether the map drew ISIS's zone while it
# was shown (a Python loop polling the page could miss a day on a busy machine)
DAY_RECORDER = """
(() => {
  if (window !== window.top) { return; }
  const days = window.__days = [];
  setInterval(() => {
    const found = document.body && document.body.innerText.match(/State on (\\d{4}-\\d\\d-\\d\\d)/);
    if (!found) { return; }
    if (!days.length || days[days.length - 1].day !== found[1]) { days.push({day: found[1], isis: false}); }
    const frames = document.querySelectorAll('iframe[title*="streamlit_folium"]');
    let doc = null;
    try { doc = frames.length === 1 ? frames[0].contentDocument : null; } catch (e) { doc = null; }
    if (doc && doc.querySelector('.leaflet-overlay-pane path.geo-zone.geo-actor-isis')) { days[days.length - 1].isis = true; }
  }, 40);
})();
"""
ISIS_ZONE_NOW = """() => {
  const frames = document.querySelectorAll('iframe[title*="streamlit_folium"]');
  const doc = frames.length === 1 ? frames[0].contentDocument : null;
  return !!(doc && doc.querySelector('.leaflet-overlay-pane path.geo-zone.geo-actor-isis'));
}"""
PLAY_BUTTON = "() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('\u25b6 Play'))"


def test_play_steps_through_the_days_and_pause_stops(reversal_server, browser_page):
    context, page = browser_page
    page.add_init_script(DAY_RECORDER)
    page.goto(reversal_server)
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=60_000)
    _wait_day(page, "2017-11-10")
    _zones_show(page, "syrian-government", "isis")
    page.get_by_role("button", name="▶ Play").click()  # at the last day: plays from the first
    # played to the end: the Play button back, the last day shown (however long the steps take)
    page.wait_for_function(f"() => window.__days.length > 1 && window.__days[window.__days.length - 1].day "
                           f"=== '2017-11-10' && ({PLAY_BUTTON})()", timeout=120_000)
    shown = page.evaluate("window.__days")
    assert [d["day"] for d in shown] == ["2017-11-10", "2017-11-01", "2017-11-03", "2017-11-10"]  # claim days
    # ISIS's zone while its retaking was the latest word (the caption and the map are drawn apart,
    # so a sample may pair one day's caption with a neighbour's map: only 11-03 is certain)
    assert "2017-11-03" in [d["day"] for d in shown if d["isis"]]
    page.wait_for_timeout(2500)
    assert page.evaluate("window.__days.length") == len(shown) and _shown_day(page) == "2017-11-10"
    assert not page.evaluate(ISIS_ZONE_NOW)  # settled on 11-10: the zone went with the day (no sum of days)

    for _ in range(3):  # pause during play (on a busy machine play may reach the end first: again)
        page.get_by_role("button", name="▶ Play").click()
        try:
            page.get_by_role("button", name="⏸ Pause").click(timeout=10_000)
        except Exception:  # noqa: BLE001 - play ended before the click
            continue
        page.wait_for_function(PLAY_BUTTON, timeout=30_000)
        _wait_day(page, page.evaluate("window.__days[window.__days.length - 1].day"))
        paused = _shown_day(page)
        if paused != "2017-11-10":
            break
    else:
        raise AssertionError("play reached the last day before Pause three times")
    seen = page.evaluate("window.__days.length")
    page.wait_for_timeout(4000)  # more than two steps of play
    assert page.evaluate("window.__days.length") == seen and _shown_day(page) == paused
    assert page.get_by_role("button", name="▶ Play").count() == 1
    page.screenshot(path=str(ARTIFACTS / "time-paused.png"))


def test_changes_between_two_dates(reversal_server, browser_page):
    context, page = browser_page
    page.goto(reversal_server)
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=60_000)
    page.get_by_text("Changes between two dates").click()
    page.get_by_text("No place changed between 2017-11-01 and 2017-11-10").wait_for()  # the army on both days
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Changes between two dates")
    end = expander.get_by_role("slider").last
    end.focus()
    page.keyboard.press("ArrowLeft")  # 2017-11-10 -> 2017-11-03
    row = page.locator("tr.geo-change")
    row.first.wait_for(timeout=20_000)
    assert row.count() == 1
    text = row.inner_text()
    assert "Abu Kamal" in text and "changed hands" in text and "Syrian government → ISIS" in text
    page.screenshot(path=str(ARTIFACTS / "time-changes.png"), full_page=True)
