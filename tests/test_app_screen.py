"""The app as the analyst's main screen, headless (AppTest): the state on the latest day by default,
the sources side by side (per place, in two clicks from the start, and corpus-wide as CSV), the map
built once per corpus, filters and day (a click does not rebuild it), and the app in the package."""
from __future__ import annotations

import csv
import io
import sys

from tests.test_app import click, downloads, map_args, map_component, metric, panel_html, start  # noqa: F401 (downloads: a fixture)


def _download(at, key: str, seen: dict[str, bytes]) -> bytes:
    button = next(b for b in at.download_button if b.key == key)
    return seen[button.proto.url.rsplit("/", 1)[-1].split(".")[0]]


def test_where_sources_disagree_in_two_clicks_and_as_csv(monkeypatch, downloads):  # noqa: F811
    at = start(monkeypatch)
    assert at.toggle(key="t_all").value is False  # the default view is a day's state, not every year at once
    buttons = [b for b in at.button if (b.key or "").startswith("disagree_")]
    assert buttons and buttons[0].label.startswith("Abu Kamal")  # most sources first
    buttons[0].click().run()  # click 1: the place opens with each source's latest word
    assert not at.exception and at.subheader[0].value == "Abu Kamal"
    sources = next(h.value for h in at.html if 'class="geo-sources"' in h.value)
    assert sources.count("<tr>") >= 4 and "Sources disagree:" in sources
    # the corpus-wide table, disagreements first, downloads as CSV
    table = list(csv.DictReader(io.StringIO(_download(at, "export_contradictions", downloads).decode("utf-8"))))
    assert table[0]["disagree"] == "True" and table[0]["place"] == "Abu Kamal"
    assert {"source", "date", "account", "stance", "sentence"} <= set(table[0])
    assert table[-1]["disagree"] == "False"  # places where the sources agree are in it too, after
    assert not at.dataframe or all("sentence" not in d.value.columns for d in at.dataframe)  # on demand
    at.toggle(key="contra_table").set_value(True).run()
    shown = next(d.value for d in at.dataframe if "sentence" in d.value.columns)
    assert shown["place"].iloc[0] == "Abu Kamal" and len(shown) == sum(r["disagree"] == "True" for r in table)


def test_a_click_does_not_rebuild_the_map(monkeypatch):
    import geo.app.mapframe as mapframe

    built = []
    for name in ("build_map", "update_script"):
        real = getattr(mapframe, name)
        monkeypatch.setattr(mapframe, name, lambda *a, _real=real, **k: built.append(1) or _real(*a, **k))
    at = start(monkeypatch)
    args = map_args(at)
    before = len(built)
    click(at, "Raqqa")
    assert at.subheader[0].value == "Raqqa"
    assert len(built) == before and map_args(at) == args  # the same map and data, not built again
    at.toggle(key="t_all").set_value(True).run()  # another day (all of them): another map
    assert map_args(at)["script"] != args["script"]


def test_another_day_refills_the_same_map_frame(monkeypatch):
    """The slider's days share one map frame (the same script and component key): a day sends only
    its data, which the frame runs in place."""
    at = start(monkeypatch)
    args, key = map_args(at), map_component(at).key
    import datetime as dt

    at.slider(key="t_day").set_value(at.slider(key="t_day").value - dt.timedelta(days=60)).run()  # a day before
    assert map_args(at)["script"] == args["script"] and map_component(at).key == key
    assert map_args(at)["feature_group"] != args["feature_group"]
    assert map_args(at)["feature_group"].startswith("window.geoUpdate(")
    assert len(map_args(at)["feature_group"]) < len(args["feature_group"])  # fewer claims then


def test_the_page_is_wide_with_the_sidebar_folded_and_small_counters(monkeypatch):
    at = start(monkeypatch)
    assert int(metric(at, "documents")) == 12
    from geo.app import main as app_main

    assert app_main.MAP_SHARE >= 0.72  # of the page's width (measured in the browser test)
    assert map_args(at)["height"] >= 0.75 * 900


def test_the_app_runs_from_the_package(monkeypatch, tmp_path, use_settings):
    """`geo app` / `python -m geo.app` run streamlit on a launcher beside a copy of the vendored assets."""
    import geo.app as app

    cmd = app.command(["--corpus", "X"], ["--server.port", "9"])
    assert cmd[:4] == [sys.executable, "-m", "streamlit", "run"] and cmd[-3:] == ["--", "--corpus", "X"]
    assert "--server.enableStaticServing" in cmd and "--server.port" in cmd and cmd[4].endswith("app.py")
    # an installed package (no checkout around it): a launcher in $GEO_APP_DIR, the assets copied in
    vendor = tmp_path / "vendor"
    from geo.assets import CSS_FILES, JS_FILES

    for _, rel in JS_FILES + CSS_FILES:
        (vendor / rel).parent.mkdir(parents=True, exist_ok=True)
        (vendor / rel).write_text("/* x */")
    monkeypatch.setattr("geo.assets.DEFAULT_DEST", vendor)
    use_settings(app_dir=tmp_path / "app")
    folder = app.script_folder()
    assert folder == tmp_path / "app" and (folder / "app.py").read_text() == app.LAUNCHER
    served = folder / "static" / "vendor"
    assert not served.is_symlink() and (served / JS_FILES[0][1]).read_text() == "/* x */"
    (vendor / JS_FILES[0][1]).write_text("/* newer */")  # fetched again: copied again
    app.script_folder()
    assert (served / JS_FILES[0][1]).read_text() == "/* newer */"


def test_undated_claims_can_be_left_out_of_the_days_state(monkeypatch, tmp_path):
    from tests.test_time_app import holders_on_map
    from tests.test_time_timeline import REVERSAL

    (tmp_path / "army-takes.txt").write_text(REVERSAL["army-takes.txt"], encoding="utf-8")
    (tmp_path / "undated.txt").write_text("ISIS fighters hold Abu Kamal, activists said.\n", encoding="utf-8")
    at = start(monkeypatch, "--corpus", str(tmp_path))
    assert holders_on_map(at) == ("isis", "syrian-government")  # the undated word speaks on every day
    assert any("1 undated claims always count" in c.value for c in at.caption)
    at.toggle(key="t_undated").set_value(False).run()
    assert not at.exception
    assert holders_on_map(at) == ("syrian-government",)
    assert any("1 undated claims left out" in c.value for c in at.caption)
