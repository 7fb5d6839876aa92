"""The folium map, click mapping and side-panel HTML, on a hand-built analysis with hostile text."""
from __future__ import annotations

import html
import json
import re

import pytest
from shapely.geometry import Point

from geo.assets import CSS_FILES, JS_FILES, asset_urls
from geo.aggregate import filter_analysis
from geo.mapview import build_map, external_urls, map_html, map_layers
from geo.mapview.corridors import screen_bearing
from geo.mapview.keys import parse_ref, zone_keys
from geo.mapview.panel import claims_html, document_html
from geo.mapview.selection import FeatureIndex, Selection, click_signature
from geo.model import Analysis, Claim, Corridor, Document, Mention, Place, PlaceSummary, Zone

EVIL_ACTOR = '<img src=x onerror="alert(1)">'
TEXT = ("Reports said the SDF controls Raqqa. <script>alert('doc')</script> "
        f"A statement by {EVIL_ACTOR} claimed Raqqa too. A corridor from Raqqa to Palmyra was alleged.")


def _claim(sentence: str, actor: str, relation: str, stance: str, **extra) -> Claim:
    start = TEXT.index(sentence)
    p = TEXT.index("Raqqa", start)
    raqqa = Place("th:raqqa", "Raqqa", "city", 35.9528, 39.0079, "SY")
    return Claim("doc<1>", start, start + len(sentence), sentence, actor, relation, raqqa, stance,
                 place_start=p, place_end=p + 5, **extra)


@pytest.fixture()
def analysis() -> Analysis:
    doc = Document("doc<1>", TEXT, "doc.txt")
    c1 = _claim("Reports said the SDF controls Raqqa.", "SDF", "control", "asserted")
    c2 = _claim(f"A statement by {EVIL_ACTOR} claimed Raqqa too.", EVIL_ACTOR, "control", "alleged")
    c3 = _claim("A corridor from Raqqa to Palmyra was alleged.", "ISIS", "corridor", "alleged",
                to_place=Place("th:palmyra", "Palmyra", "city", 34.5601, 38.28, "SY"))
    r = TEXT.index("Raqqa")
    mentions = [Mention(doc.id, r, r + 5, "Raqqa", "place", Place("th:raqqa", "Raqqa", "city", 35.9528, 39.0079, "SY")),
                Mention(doc.id, TEXT.index("<script>"), TEXT.index("<script>") + 8, "<script>", "unresolved")]
    places = [PlaceSummary("th:raqqa", "Raqqa", 35.9528, 39.0079, "city", 3, [c1, c2, c3], True, ["SDF", EVIL_ACTOR]),
              PlaceSummary("th:palmyra", "Palmyra", 34.5601, 38.28, "city", 1, [c3])]
    zones = [Zone("SDF", Point(39.0079, 35.9528).buffer(0.1).wkt, ["Raqqa"], [c1]),
             Zone(EVIL_ACTOR, Point(39.1, 35.9).buffer(0.1).wkt, ["Raqqa"], [c2])]
    corridors = [Corridor("ISIS", "Raqqa", "Palmyra", (39.0079, 35.9528), (38.28, 34.5601), "alleged", [c3])]
    return Analysis([doc], mentions, [c1, c2, c3], places, zones, corridors)


def _text_of(markup: str) -> str:
    """What the browser's textContent gives for prepared HTML (what st_folium reports)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_map_loads_nothing_from_a_cdn(analysis):
    fmap = build_map(analysis, asset_base="/app/static/vendor")
    assert external_urls(fmap) == []
    page = fmap.get_root().render()
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "code.jquery" not in page
    assert 'L.Icon.Default.imagePath = "/app/static/vendor/leaflet/dist/images/"' in page
    js, css = asset_urls("/app/static/vendor")
    assert [n for n, _ in js] == [n for n, _ in JS_FILES] and [n for n, _ in css] == [n for n, _ in CSS_FILES]


def test_the_map_credits_every_source_of_its_places(analysis):
    """The licences of GeoNames, Who's On First, OSM, Wikipedia ... ask for credit where the places show."""
    html = map_html(analysis)
    for source in ("GeoNames", "Who's On First", "OpenStreetMap", "OCHA"):
        assert source in html or source.replace("'", "\\u0027") in html, source


def test_osm_tiles_are_an_optional_layer_that_starts_off(analysis):
    layers = map_layers(build_map(analysis))
    assert {"Country borders", "Control zones", "Corridors", "Places", "OpenStreetMap (online)"} <= set(layers)
    assert layers["OpenStreetMap (online)"].show is False
    assert layers["Places"].show is True


def test_document_text_is_escaped_everywhere_on_the_map(analysis):
    fmap = build_map(analysis)
    page = fmap.get_root().render()
    assert "<img src=x" not in page and "<script>alert" not in page
    layers = map_layers(fmap)
    tips = [f["properties"]["_tip"] for name in ("Places", "Control zones") for f in layers[name].features]
    evil = [t for t in tips if "onerror" in t]
    assert evil and all("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in t for t in evil)
    assert EVIL_ACTOR in _text_of(evil[0])  # ... and reads back as the original text


def test_places_are_sized_by_claims_and_disputed_ones_are_diamonds(analysis):
    features = {f["properties"]["name"]: f for f in map_layers(build_map(analysis))["Places"].features}
    assert "geo-disputed" in features["Raqqa"]["properties"]["_icon"]["className"]
    assert "geo-name-raqqa" in features["Raqqa"]["properties"]["_icon"]["className"]
    palmyra = features["Palmyra"]["properties"]["_style"]
    assert palmyra["radius"] < features["Raqqa"]["properties"]["_icon"]["iconSize"][0]


def test_corridor_is_dashed_with_an_arrow_pointing_from_origin_to_destination(analysis):
    layer = map_layers(build_map(analysis))["Corridors"]
    (line,) = layer.features  # one feature per corridor: the arrow is drawn from the line's
    assert line["geometry"]["type"] == "LineString" and line["properties"]["_style"]["dashArray"]
    # Raqqa -> Palmyra heads south-west: on screen, down and to the left (between 90 and 180 degrees)
    arrow = line["properties"]["_arrow"]
    assert 90 < arrow["a"] < 180
    lon, lat = arrow["at"]  # midway, clear of both ends' markers
    assert 38.28 < lon < 39.0079 and 34.5601 < lat < 35.9528
    assert layer.arrows["z"] <= -100000  # under every place marker, never hiding one
    assert layer.arrows["pane"] == "geo-arrows"  # ... nor a circle (overlay pane): a pane under theirs
    page = build_map(analysis).get_root().render()
    made = re.search(r'(\w+) = \w+\.createPane\(\s*"geo-arrows"\);\s*\1\.style\.zIndex = (\d+)', page)
    assert made and int(made.group(2)) < 400 and made.start() < page.index('pane: "geo-arrows"')
    # the corridor's tooltip travels once, on the line (the arrow had carried a copy)
    assert page.count(r"Raqqa → Palmyra\u003c/b\u003e") == 1
    assert round(screen_bearing((40, 35), (41, 35))) == 0 and round(screen_bearing((40, 35), (40, 34))) == 90


def test_a_click_maps_back_to_the_clicked_object(analysis):
    layers = map_layers(build_map(analysis))
    index = FeatureIndex(analysis)
    for name, kind in (("Places", "place"), ("Control zones", "zone"), ("Disputed ground", "place"),
                       ("Corridors", "corridor")):
        for feature in layers[name].features:
            props = feature["properties"]
            click = {"last_object_clicked": {"lat": 1.0, "lng": 1.0},
                     "last_object_clicked_tooltip": _text_of(props["_tip"]),
                     "last_object_clicked_popup": _text_of(props.get("_popup", ""))}
            selection = index.resolve(click)
            assert selection == Selection(kind, props["key"])
            assert index.claims(selection)
    # without any reference, a click on (or right next to) a place still finds it
    assert index.resolve({"last_object_clicked": {"lat": 35.953, "lng": 39.008}}) == Selection("place", "th:raqqa")
    assert index.resolve({"last_object_clicked": {"lat": 10.0, "lng": 10.0}}) is None
    assert click_signature({"last_object_clicked": None}) is None


def test_zone_keys_survive_filtering(analysis):
    full = dict(zip(zone_keys(analysis.zones), (z.actor for z in analysis.zones)))
    view = filter_analysis(analysis, actors={"SDF"})
    assert dict(zip(zone_keys(view.zones), (z.actor for z in view.zones))).items() <= full.items()
    assert parse_ref("x [ref:zone:zabc123] y") == ("zone", "zabc123") and parse_ref("Raqqa") is None


def test_panel_marks_the_place_and_escapes_the_sentence(analysis):
    docs = {d.id: d for d in analysis.documents}
    panel = claims_html(analysis.places[0].claims, docs)
    assert "controls <mark>Raqqa</mark>." in panel
    assert "<img src=x" not in panel and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in panel
    assert "doc&lt;1&gt;" in panel and "<mark>Palmyra</mark>" in panel


def test_document_view_escapes_html_and_highlights_mentions(analysis):
    doc = analysis.documents[0]
    page = document_html(doc, analysis.mentions, [(analysis.claims[0].start, analysis.claims[0].end)])
    assert "<script>" not in page and "alert(&#x27;doc&#x27;)&lt;/script&gt;" in page
    assert re.search(r'<mark class="geo-m-place" title="Raqqa \(city\)">Raqqa</mark>', page)
    assert '<mark class="geo-m-unresolved" title="not resolved">&lt;script&gt;</mark>' in page
    assert '<span class="geo-sentence">' in page


def test_the_reader_does_not_highlight_demonyms_or_datelines_as_places():
    text = "BEIRUT, Nov 4, 2017 (Reuters) - Turkish troops entered Manbij, a Syrian official said.\n"
    doc = Document("wire", text)
    spans = {"BEIRUT": ("actor", "gn:beirut"), "Turkish": ("demonym", "ne:tr"), "Manbij": ("place", "th:manbij"),
             "Syrian": ("demonym", "ne:sy")}
    mentions = [Mention("wire", text.index(s), text.index(s) + len(s), s, role, Place(pid, s, "city", 35.0, 38.0, "SY"))
                for s, (role, pid) in spans.items()]
    page = document_html(doc, mentions)
    body = page.split('<div class="geo-doc">', 1)[1]
    marked = re.findall(r"<mark[^>]*>([^<]+)</mark>", body)
    assert marked == ["Manbij"]  # only the place of the story
    assert '<span class="geo-m-dateline" title="dateline: where the report was filed">BEIRUT</span>' in page
    assert '<span class="geo-m-demonym"' in page and ">Turkish</span>" in page
    assert "used as an actor" not in body


def test_standalone_html_inlines_vendored_assets(analysis, tmp_path):
    vendor = tmp_path / "vendor"
    for _, rel in JS_FILES + CSS_FILES:
        (vendor / rel).parent.mkdir(parents=True, exist_ok=True)
        body = f"/* {rel} */ .x{{background:url(img.png)}}" if rel.endswith(".css") else f"window['{rel}']=1;"
        (vendor / rel).write_text(body)
        (vendor / rel).with_name("img.png").write_bytes(b"\x89PNG fake")
    page = map_html(analysis, vendor=vendor)
    assert "<script src=" not in page and 'rel="stylesheet"' not in page
    assert "window['leaflet/dist/leaflet.js']=1;" in page
    assert "url(\"data:image/png;base64," in page
    assert "<img src=x" not in page
    online = map_html(analysis, vendor=tmp_path / "missing")  # no vendored files: folium's CDN links
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in online
    assert json.dumps("Raqqa")[1:-1] in online


def test_jinja_in_document_text_is_never_evaluated(analysis):
    """folium compiles rendered scripts again as Jinja templates: text must not reach it raw."""
    import dataclasses

    payload = "X{{ 6*7 }}Y {{ 'PID' ~ lipsum.__globals__.os.getpid() }} {% if true %}x{% endif %} {# c"
    places = [dataclasses.replace(analysis.places[0], name=payload, holders=[payload]), *analysis.places[1:]]
    zones = [dataclasses.replace(analysis.zones[0], actor=payload)]
    hostile = dataclasses.replace(analysis, places=places, zones=zones)
    fmap = build_map(hostile)
    page = fmap.get_root().render()  # an unbalanced "{%" or "{#" would raise here
    assert "X42Y" not in page and not re.search(r"PID\d", page)
    tips = [f["properties"]["_tip"] for name in ("Places", "Control zones") for f in map_layers(fmap)[name].features]
    assert any("X{{ 6*7 }}Y" in t for t in tips)
    assert "X\\u007b\\u007b 6*7 \\u007d\\u007dY" in page  # sent to the browser as the literal text


# --------------------------------------------------------------------------- reading the map


def test_disputed_ground_is_striped_in_its_holders_colours(analysis):
    from geo.mapview.palette import actor_colour
    from geo.mapview.zones import hatch_id

    fmap = build_map(analysis)
    [cell] = map_layers(fmap)["Disputed ground"].features
    assert cell["geometry"]["type"] in ("Polygon", "MultiPolygon")
    colours = [actor_colour("SDF"), actor_colour(EVIL_ACTOR)]  # SDF's claim is asserted: it comes first
    assert cell["properties"]["_style"]["fillColor"] == f"url(#{hatch_id(colours)})"
    assert cell["properties"]["holders"] == ["SDF", EVIL_ACTOR]
    page = fmap.get_root().render()
    assert hatch_id(colours) in page and "patternTransform" in page


def test_zones_are_drawn_largest_first_so_a_small_zone_stays_clickable(analysis):
    import dataclasses

    big = dataclasses.replace(analysis.zones[1], wkt=Point(39.0, 35.9).buffer(1.0).wkt)
    small = dataclasses.replace(analysis.zones[0], wkt=Point(39.0, 35.9).buffer(0.1).wkt)
    layer = map_layers(build_map(dataclasses.replace(analysis, zones=[small, big])))["Control zones"]
    assert [f["properties"]["actor"] for f in layer.features] == [big.actor, small.actor]


def test_no_internal_key_is_visible_in_a_popup_or_label(analysis):
    fmap = build_map(analysis)
    for layer in map_layers(fmap).values():
        for feature in getattr(layer, "features", []):
            props = feature["properties"]
            assert "[ref:" not in _text_of(props.get("_popup", ""))
            if "_tip" in props:  # the reference travels hidden in the tooltip, for the click
                assert "<span hidden>[ref:" in props["_tip"]


def test_place_names_rank_held_places_then_claim_counts(analysis):
    import dataclasses

    from geo.mapview.labels import label_rows

    country = PlaceSummary("th:syria", "Syria", 35.0, 38.5, "country", 9, analysis.places[0].claims * 3)
    unheld = dataclasses.replace(analysis.places[1], claims=analysis.places[0].claims * 2)
    rows = label_rows([country, unheld, analysis.places[0]])
    assert [r["name"] for r in rows] == ["Raqqa", "Palmyra", "Syria"]
    assert rows[-1]["area"] is True
    page = build_map(analysis).get_root().render()
    assert '"key":"th:raqqa","name":"Raqqa"' in page and "geo-label" in page
    # a place the sources dispute (held by nobody they agree on) ranks with the held ones
    disputed = dataclasses.replace(unheld, disputed=True, holders=[])
    quarter = dataclasses.replace(analysis.places[0], name="Raqqa Old City", claims=analysis.places[0].claims[:1])
    assert [r["name"] for r in label_rows([quarter, disputed])] == ["Palmyra", "Raqqa Old City"]


def test_legend_names_every_symbol_and_actor_folds_and_never_scrolls(analysis):
    from geo.aggregate.zones import ZONE_RULE
    from geo.mapview.base import MAP_CSS
    from geo.mapview.legend import ZONE_RULE_SHORT, Legend, legend_html

    legend = legend_html(analysis)
    assert legend.startswith("<details open><summary>Legend</summary>")  # open, folded with one click
    for words in ("held: the holder", "claimed, held by nobody", "disputed: sources disagree", "strike", "advance",
                  "corridor", "disputed ground"):
        assert words in html.unescape(legend), words
    assert legend.index("claimed, held by nobody") < legend.index("SDF")  # symbols first, then actors
    assert html.escape(ZONE_RULE) in legend and html.escape(ZONE_RULE_SHORT) in legend
    assert "&lt;img src=x" in legend and "<img src=x" not in legend
    assert Legend(analysis).position == "bottomleft"
    rule = re.search(r"\.geo-legend \{[^}]*\}", MAP_CSS).group(0)
    assert "overflow: visible" in rule and "max-height" not in rule


def _place(name, claims, holders=(), disputed=False, kind="city", lat=35.0, lon=39.0):
    return PlaceSummary(f"th:{name.lower()}", name, lat, lon, kind, 1, list(claims), disputed, list(holders))


def _c(actor, relation, place="Raqqa", stance="asserted"):
    return Claim("d", 0, 5, "x", actor, relation, Place(f"th:{place.lower()}", place, "", 35.0, 39.0, ""), stance)


def test_each_symbol_says_one_thing():
    from geo.mapview.palette import actor_colour
    from geo.mapview.places import PlaceLayer

    held = PlaceLayer.feature(_place("Raqqa", [_c("SDF", "control")], holders=["SDF"]))["properties"]
    assert held["symbol"] == "held" and held["_style"]["fillColor"] == actor_colour("SDF")
    # fought over by the SDF, named often: nobody holds it, so it is an outline, not SDF yellow
    unheld = PlaceLayer.feature(_place("Raqqa", [_c("SDF", "contested")] * 5 + [_c("SDF", "presence")]))["properties"]
    assert unheld["symbol"] == "claimed"
    assert unheld["_style"]["fillColor"] == "#ffffff" and unheld["_style"]["fillOpacity"] < 0.5
    assert actor_colour("SDF") not in json.dumps(unheld)
    assert "held by nobody" in unheld["_tip"]
    disputed = PlaceLayer.feature(_place("Raqqa", [_c("SDF", "control"), _c("ISIS", "control")],
                                         holders=["ISIS", "SDF"], disputed=True))["properties"]
    assert disputed["symbol"] == "disputed" and "repeating-linear-gradient" in disputed["_icon"]["html"]
    assert actor_colour("SDF") in disputed["_icon"]["html"] and actor_colour("ISIS") in disputed["_icon"]["html"]
    # the SDF's capture reported and called bogus by another party: nobody holds it uncontested, but
    # the stripes and the tooltip say whose hold is contested (not grey, as for a fight nobody holds)
    contested = PlaceLayer.feature(_place("Raqqa", [_c("SDF", "control", stance="disputed"), _c("ISIS", "presence")],
                                          disputed=True))["properties"]
    assert contested["symbol"] == "disputed" and actor_colour("SDF") in contested["_icon"]["html"]
    assert actor_colour("ISIS") not in contested["_icon"]["html"] and "SDF's hold contested" in contested["_tip"]
    fight = PlaceLayer.feature(_place("Raqqa", [_c("SDF", "contested")], disputed=True))["properties"]
    assert actor_colour("SDF") not in fight["_icon"]["html"]
    strike = PlaceLayer.feature(_place("Raqqa", [_c("Russia", "strike")] * 2))["properties"]
    assert strike["symbol"] == "event" and "\u2738" in strike["_icon"]["html"]
    assert actor_colour("Russia") in strike["_icon"]["html"] and "geo-event-strike" in strike["_icon"]["className"]
    advance = PlaceLayer.feature(_place("Raqqa", [_c("SDF", "advance")]))["properties"]
    assert "\u27a4" in advance["_icon"]["html"]


def test_the_first_view_frames_the_theatre_not_a_far_outlier():
    import dataclasses

    from geo.mapview.builder import focus_bounds, outside

    theatre = [_place(n, [_c("SDF", "control", n)] * k, lat=lat, lon=lon) for n, lat, lon, k in
               (("Raqqa", 35.95, 39.01, 9), ("Aleppo", 36.2, 37.16, 3), ("Basra", 30.5, 47.8, 1),
                ("Mosul", 36.34, 43.13, 4), ("Damascus", 33.51, 36.29, 2))]
    far = [_place("Tehran", [_c("Iran", "strike", "Tehran")] * 3, lat=35.69, lon=51.39),
           _place("Washington", [_c("United States", "presence", "Washington")], lat=38.9, lon=-77.0)]
    analysis = Analysis([], [], [], theatre + far, [], [])
    west, south, east, north = focus_bounds(analysis)
    assert (west, south, east, north) == (36.29, 30.5, 47.8, 36.34)  # all of Syria and Iraq's places, Basra too
    assert outside(analysis, (west, south, east, north)) == 2
    page = build_map(analysis).get_root().render()
    assert '"outside":2' in page and '"all":' in page and "geo-fit-all" in page
    # a corpus about somewhere else: the places near the bulk of its claims, the far one left out
    elsewhere = [dataclasses.replace(p, lat=p.lat - 20, lon=p.lon - 60) for p in theatre] + far[:1]
    w, s, e, n = focus_bounds(Analysis([], [], [], elsewhere, [], []))
    assert w < -20 and e < -10  # not stretched to Tehran


def test_the_wheel_zooms_one_level_per_notch_and_buttons_one_level(analysis):
    page = build_map(analysis).get_root().render()
    assert '"scrollWheelZoom": false' in page and '"zoomDelta": 1' in page
    assert "map.setZoomAround(anchor, map.getZoom() + n)" in page


def test_offline_base_layers_rivers_governorates_towns():
    from geo.mapview.basemap import basemap_data, reference_features

    rivers = basemap_data("rivers")["features"]
    assert any(f["properties"]["name"] == "Euphrates" and "LineString" in f["geometry"]["type"] for f in rivers)
    names = {f["properties"].get("name") for f in basemap_data("governorates")["features"]}
    assert {"Ar-Raqqa", "Deir-ez-Zor", "Ninewa", "Al-Anbar"} <= names
    towns = {f["properties"]["name"] for f in basemap_data("towns")["features"]}
    assert {"Aleppo", "Baghdad", "Tikrit"} <= towns
    # a town next to a place with claims is left to that place's own label
    near_mosul = [f for f in reference_features([(43.13, 36.34)])["Main towns"]
                  if f["properties"].get("name") == "Mosul"]
    assert near_mosul == []


def test_the_view_is_kept_per_key_and_popups_can_be_left_out(analysis):
    keyed = build_map(analysis, view_key="corpus1", popups=False).get_root().render()
    assert '"geo-view:corpus1"' in keyed and "sessionStorage" in keyed
    assert "p._popup && false" in keyed
    plain = build_map(analysis).get_root().render()
    assert '"geo-view:' not in plain and "p._popup && true" in plain
