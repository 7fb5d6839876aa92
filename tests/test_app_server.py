"""How the app is served: what it caches stays out of the garbage collector's walks (streamlit
collects after every script run), and it watches no source files; both held the first map of a
page back (geo.app.memory, .streamlit/config.toml)."""
from __future__ import annotations

import datetime as dt
import gc
import sys
import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo.app import STREAMLIT_OPTIONS, command
from geo.model import Analysis

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"


def test_the_analyses_and_views_the_app_caches_are_not_walked_by_the_collector(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(DEMO)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    day = at.slider(key="t_day")
    day.set_value(day.value - dt.timedelta(days=30)).run()  # another day's view
    assert not at.exception, [e.value for e in at.exception]
    walked = [o for o in gc.get_objects() if isinstance(o, Analysis)]
    assert walked == []  # the corpus's analysis and each day's view: in the permanent generation
    assert gc.get_freeze_count() > 10_000  # the gazetteer index and the rest the server holds with them


def _options(args: list[str]) -> dict[str, str]:
    return {name.removeprefix("--"): value for name, value in zip(args[::2], args[1::2])}


def test_the_launcher_serves_with_the_checkouts_settings_and_watches_no_files():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    line = command(["--corpus", str(DEMO)])
    launched = _options(line[line.index("run") + 2:line.index("--")])
    assert launched == _options(STREAMLIT_OPTIONS)
    for name, value in launched.items():  # geo app from anywhere == streamlit run app.py in the checkout
        section, key = name.split(".")
        assert str(config[section][key]).lower() == value.lower(), name
    assert launched["server.fileWatcherType"] == "none"
