"""The Streamlit app, driven headless with AppTest on the built-in demo corpus.

AppTest runs no JavaScript: a map click is simulated by giving the st_folium component the
value it would return (its session-state key), built from the tooltip the map really carries.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from geo.mapview.selection import CLICK_KEYS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 120  # the first run builds the gazetteer index


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, bytes]:
    """Bytes handed to st.download_button, by media file id (spying on Streamlit's store), or for a
    download written when clicked, the function that writes them."""
    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            seen[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    deferred = MediaFileManager.add_deferred

    def spy_deferred(self, data_callable, *args, **kwargs):  # a download written when clicked
        file_id = deferred(self, data_callable, *args, **kwargs)
        seen[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)
    return seen


def start(monkeypatch, *args: str) -> AppTest:
    monkeypatch.setattr(sys, "argv", ["app.py", *args])
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def map_component(at: AppTest):
    found = [e for e in at.main if getattr(e, "type", "") == "component_instance"
             and e.proto.component_name.endswith("st_folium")]
    assert len(found) == 1
    return found[0]


def map_args(at: AppTest) -> dict:
    return json.loads(map_component(at).proto.json_args)


def map_features(at: AppTest) -> list[dict]:
    """Every feature of every L.geoJSON layer in the script sent to the map component (its frame),
    and of every layer its update fills (the day's data: geo.mapview.live)."""
    args = map_args(at)
    script = args["script"]
    decoder = json.JSONDecoder()
    features: list[dict] = []
    for match in re.finditer(r"feature_layer_\w+\.addData\(", script):  # each layer's data, filled in
        data, _ = decoder.raw_decode(script, match.end())
        features.extend(data["features"])
    update = args.get("feature_group") or ""
    if update.startswith("window.geoUpdate("):
        layers, _ = decoder.raw_decode(update, len("window.geoUpdate("))
        features.extend(f for layer in layers.values() for f in layer["features"])
    return features


def text_content(markup: str) -> str:
    """What the browser's textContent of tooltip/popup HTML is (what st_folium returns)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def click(at: AppTest, name: str) -> AppTest:
    """Simulate st_folium reporting a click on the feature called ``name``."""
    feature = next(f for f in map_features(at) if f["properties"].get("name") == name
                   and f["geometry"]["type"] == "Point" and "_tip" in f["properties"])
    lon, lat = feature["geometry"]["coordinates"]
    value = {"last_object_clicked": {"lat": lat, "lng": lon},
             "last_object_clicked_tooltip": text_content(feature["properties"]["_tip"]),
             "last_object_clicked_popup": text_content(feature["properties"].get("_popup", ""))}
    at.session_state[map_component(at).key] = value
    return at.run()


def export(at: AppTest, downloads: dict[str, bytes]) -> dict:
    button = next(b for b in at.sidebar.download_button if b.label.startswith("GeoJSON"))
    if button.proto.deferred_file_id:  # written when clicked: what a click gets
        return json.loads(downloads[button.proto.deferred_file_id]())
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    return json.loads(downloads[file_id])


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def panel_html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def test_opens_on_the_demo_corpus_with_an_offline_map(monkeypatch):
    at = start(monkeypatch)
    demo = sorted((ROOT / "data" / "demo").glob("*.txt"))
    assert int(metric(at, "documents")) == len(demo) > 0
    args = map_args(at)
    assert args["returned_objects"] == list(CLICK_KEYS)  # pan/zoom never reruns the script
    assert all(not u.startswith("http") for u in args["js_links"] + args["css_links"])
    assert any(u.endswith("/leaflet/dist/leaflet.js") for u in args["js_links"])
    names = {f["properties"].get("name") for f in map_features(at)}
    assert "Raqqa" in names


def test_filters_change_the_map_and_the_export(monkeypatch, downloads):
    at = start(monkeypatch)
    everything = export(at, downloads)
    actors = {f["properties"]["actor"] for f in everything["features"] if f["properties"]["layer"] == "claim"}
    assert {"SDF", "ISIS"} <= actors
    before = map_args(at)["script"]

    at.sidebar.multiselect(key="f_actor").set_value(["SDF"]).run()
    assert not at.exception
    assert map_args(at)["script"] != before
    sdf = export(at, downloads)
    claims = [f["properties"] for f in sdf["features"] if f["properties"]["layer"] == "claim"]
    assert claims and {c["actor"] for c in claims} == {"SDF"}
    zones = [f["properties"]["actor"] for f in sdf["features"] if f["properties"]["layer"] == "zone"]
    assert set(zones) <= {"SDF"}
    assert len(sdf["features"]) < len(everything["features"])
    shown = {f["properties"]["actor"] for f in map_features(at) if "actor" in f["properties"]}
    assert shown <= {"SDF"}

    at.sidebar.multiselect(key="f_stance").set_value(["denied"]).run()
    denied = [f["properties"] for f in export(at, downloads)["features"] if f["properties"]["layer"] == "claim"]
    assert all(c["actor"] == "SDF" and c["stance"] == "denied" for c in denied)
    assert int(metric(at, "claims shown")) == len(denied)


def test_clicking_raqqa_lists_its_claims_with_the_place_marked(monkeypatch):
    at = start(monkeypatch)
    assert "Click a place" in at.info[0].value
    click(at, "Raqqa")
    assert not at.exception
    assert at.subheader[0].value == "Raqqa"
    panel = panel_html(at)
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", panel, flags=re.S)
    assert len(quotes) >= 3
    # the place is marked wherever the sentence names it ("the city" cannot be marked)
    assert all("<mark>" in q or "raqqa" not in q.lower() for q in quotes)
    assert re.search(r"<mark>[^<]*Raqq[^<]*</mark>", panel)
    # each quoted sentence really is in the source document the panel names
    docs = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "data" / "demo").glob("*.txt")}
    sources = [html.unescape(d) for d in re.findall(r"source: <code>([^<]+)</code>", panel)]
    assert len(sources) == len(quotes)
    for doc, quote in zip(sources, quotes):
        assert html.unescape(re.sub(r"<[^>]+>", "", quote)) in docs[doc]
    first_doc = sources[0]

    # from the panel, the whole document with all its mentions highlighted
    buttons = [b for b in at.button if b.key == f"open_{first_doc}"]
    if buttons:  # a few source documents: one button each
        buttons[0].click().run()
    else:  # many: one selectbox
        at.selectbox(key="panel_doc").set_value(first_doc).run()
    assert at.selectbox(key="open_doc").value == first_doc
    reader = next(h.value for h in at.html if '<div class="geo-doc-wrap">' in h.value)
    assert reader.count('<mark class="geo-m-place"') >= 2


def test_a_click_on_a_zone_shows_its_claims(monkeypatch):
    at = start(monkeypatch)
    zone = next(f for f in map_features(at) if f["properties"].get("key", "").startswith("z"))
    at.session_state[map_component(at).key] = {
        "last_object_clicked": {"lat": 0, "lng": 0},
        "last_object_clicked_tooltip": text_content(zone["properties"]["_tip"]),
        "last_object_clicked_popup": text_content(zone["properties"].get("_popup", "")),
    }
    at.run()
    assert at.subheader[0].value == f"Zone claimed for {zone['properties']['actor']}"
    assert "<blockquote>" in panel_html(at)


def test_bad_upload_shows_an_error_and_keeps_the_corpus(monkeypatch):
    at = start(monkeypatch)
    n = int(metric(at, "documents"))
    at.sidebar.file_uploader[0].set_value([
        ("broken.txt", b"\x00\x01\x02 not text at all", "text/plain"),
        ("latin1.txt", "Raqqa caf\xe9".encode("latin-1"), "text/plain"),  # not UTF-8 but read all the same
        ("fresh.txt", b"The SDF said it holds Tabqa airport.", "text/plain"),
    ]).run()
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1
    assert any("broken" in e and "binary" in e for e in errors)
    assert int(metric(at, "documents")) == n + 2  # the good files joined, nothing was lost
    at.run()
    assert int(metric(at, "documents")) == n + 2 and len(at.sidebar.error) == 1


def test_html_in_a_document_is_shown_escaped(monkeypatch):
    at = start(monkeypatch)
    evil = b"<script>alert('x')</script> <b>Bold</b> claim: the SDF controls Raqqa."
    at.sidebar.file_uploader[0].set_value([("evil.txt", evil, "text/plain")]).run()
    at.selectbox(key="open_doc").set_value("evil").run()
    assert not at.exception
    reader = next(h.value for h in at.html if '<div class="geo-doc-wrap">' in h.value)
    assert "<script>" not in reader and "<b>Bold" not in reader
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in reader and "&lt;b&gt;Bold&lt;/b&gt;" in reader


def test_corpus_option_loads_a_folder(monkeypatch, tmp_path):
    (tmp_path / "one.txt").write_text("Fighting continued in Raqqa, the SDF said.", encoding="utf-8")
    (tmp_path / "two.md").write_text("ISIS fighters left Mosul.", encoding="utf-8")
    at = start(monkeypatch, "--corpus", str(tmp_path))
    assert int(metric(at, "documents")) == 2
    assert at.sidebar.multiselect(key="f_doc").options == ["one", "two"]


def test_reset_removes_uploads_and_the_caption_counts_them(monkeypatch):
    at = start(monkeypatch, "--corpus", str(ROOT / "data" / "demo"))  # a session corpus (a workspace keeps uploads)
    n = int(metric(at, "documents"))
    at.sidebar.file_uploader[0].set_value([("fresh.txt", b"The SDF said it holds Tabqa airport.", "text/plain")]).run()
    assert int(metric(at, "documents")) == n + 1
    assert at.sidebar.caption[0].value.startswith(f"{n + 1} documents")  # counted after the upload joined
    next(b for b in at.sidebar.button if b.label.startswith("Reset")).click().run()
    assert not at.exception
    assert int(metric(at, "documents")) == n
    assert at.sidebar.caption[0].value.startswith(f"{n} documents")
    at.run()  # and the upload does not come back on the next run
    assert int(metric(at, "documents")) == n


def test_a_docx_upload_gets_a_visible_reason_and_the_limit_is_32_mb(monkeypatch):
    at = start(monkeypatch)
    uploader = at.sidebar.file_uploader[0]
    assert "32 MB" in uploader.label
    assert not list(uploader.proto.type)  # any file is taken, so the refusal is ours, in words
    uploader.set_value([("report.docx", b"PK\x03\x04 word", "application/octet-stream")]).run()
    errors = [e.value for e in at.sidebar.error]
    assert any("report.docx" in e and "not a valid Word .docx file" in e for e in errors)  # read, and refused in words
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^maxUploadSize = 32\b", config, re.M)


def test_selecting_every_actor_is_the_same_as_no_actor_filter(monkeypatch, downloads):
    at = start(monkeypatch)
    everything = export(at, downloads)
    counters = {label: metric(at, label) for label in ("claims shown", "places", "zones", "corridors")}
    box = at.sidebar.multiselect(key="f_actor")
    box.set_value(list(box.options)).run()
    assert {label: metric(at, label) for label in counters} == counters
    assert len(export(at, downloads)["features"]) == len(everything["features"])


def test_a_missing_corpus_folder_says_so(monkeypatch, tmp_path):
    at = start(monkeypatch, "--corpus", str(tmp_path / "nowhere"))
    assert any("does not exist" in e.value and "nowhere" in e.value for e in at.sidebar.error)


def _fake_index_build() -> None:
    """The app's first-run gazetteer step with a stand-in build that reports two steps."""
    import time

    from geo.app.corpus import prepare_gazetteer

    def build(progress=None):
        progress(0.22, "GeoNames cities")
        time.sleep(0.8)
        progress(0.93, "SQLite indexes")
        time.sleep(0.8)

    prepare_gazetteer(loader=build)


def test_the_index_build_shows_its_own_progress():
    """The bar follows the build's steps (GazetteerIndex.load's progress callback), not the clock."""
    at = AppTest.from_function(_fake_index_build, default_timeout=TIMEOUT).run()
    assert not at.exception
    bar = at.get("progress")[0]
    assert bar.proto.value == 93 and "SQLite indexes" in bar.proto.text
    assert "Gazetteer index built in" in str(at)
