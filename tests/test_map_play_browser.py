"""Play and the day slider refill the map in place: the same frame, the same Leaflet map and the
user's view, new places, zones and names each day (geo.mapview.live). In Chromium at 1400x900 on
the demo corpus."""
from __future__ import annotations

import re

import pytest

from tests.test_app_browser import _ready, demo_server  # noqa: F401 (demo_server: a fixture)
from tests.test_browser import MAP_IFRAME, _map_frame, browser_page  # noqa: F401 (browser_page: a fixture)

pytestmark = pytest.mark.browser
PLACES = "() => Array.from(document.querySelectorAll('.geo-place')).map(e => e.getAttribute('class')).sort().join(' ')"


def _state(page) -> dict:
    return _map_frame(page).evaluate(
        "() => ({updates: window.geoUpdates, id: window.map._leaflet_id, zoom: window.map.getZoom(),"
        " kept: window.geoFirstDocument === true, names: document.querySelectorAll('.geo-label').length})")


def test_play_refills_the_same_map_each_day(demo_server, browser_page):
    _, page = browser_page
    page.goto(demo_server)
    _ready(page)
    _map_frame(page).evaluate("() => { window.geoFirstDocument = true; }")
    before = _state(page)
    latest = _map_frame(page).evaluate(PLACES)
    assert before["updates"] >= 1 and before["names"] > 0  # the first day's data came as an update too
    page.get_by_role("button", name="\u25b6 Play").click()  # at the last day: plays from the first
    page.wait_for_function(
        f"() => {{ const f = document.querySelector('{MAP_IFRAME}'); const w = f && f.contentWindow;"
        f" return w && w.geoUpdates >= {before['updates'] + 2}; }}", timeout=30_000)
    page.get_by_role("button", name="\u23f8 Pause").click()
    after = _state(page)
    assert page.locator(MAP_IFRAME).count() == 1
    assert after["kept"] and after["id"] == before["id"], "a new map frame was drawn for a day"
    assert after["zoom"] == before["zoom"]  # the view is the user's
    assert _map_frame(page).evaluate(PLACES) != latest  # an earlier day's places
    page.get_by_text(re.compile(r"^State on (?!2017-11-18)\d{4}-\d{2}-\d{2}")).wait_for(timeout=10_000)  # an earlier day
