"""GeoJSON / GeoPackage export and claim filtering, on a small hand-built analysis."""
from __future__ import annotations

import json
import math

import geopandas as gpd
import pyogrio
import pytest
import shapely
from shapely.geometry import LinearRing, MultiPolygon, Polygon, shape

from geo.aggregate import filter_analysis
from geo.io.geojson import LAYERS, feature_collection, geojson_bytes, write_geojson
from geo.io.gpkg import write_gpkg
from geo.model import Analysis, Claim, Corridor, Document, Mention, Place, PlaceSummary, Zone

TEXT_A = ("The SDF said on Monday it controls Raqqa. Local activists reported that IS fighters "
          "still hold parts of Raqqa. A corridor from Raqqa to Palmyra was opened, residents alleged.")
TEXT_B = "Government troops advanced on Deir ez-Zor. Nobody mentioned Tabqa in a claim."

RAQQA = ("th:raqqa", "Raqqa", 35.95281234567, 39.00791234567)  # more than 6 decimals on purpose
PALMYRA = ("th:palmyra", "Palmyra", 34.5601, 38.28)
DEIR = ("th:deir_ez_zor", "Deir ez-Zor", 35.3359, 40.1408)
TABQA = ("th:tabqa", "Tabqa", 35.8363, 38.5483)


def _claim(doc: Document, sentence: str, actor: str, relation: str, place: tuple, stance: str,
           attribution: str = "", to: tuple | None = None) -> Claim:
    start = doc.text.index(sentence)
    pid, name, lat, lon = place
    p_start = doc.text.index(name, start)
    destination = Place(to[0], to[1], "city", to[2], to[3], "SY") if to is not None else None
    return Claim(doc=doc.id, start=start, end=start + len(sentence), text=sentence, actor=actor,
                 relation=relation, place=Place(pid, name, "city", lat, lon, "SY"), stance=stance,
                 attribution=attribution, place_start=p_start, place_end=p_start + len(name), to_place=destination)


def _mention(doc: Document, place: tuple) -> Mention:
    pid, name, lat, lon = place
    start = doc.text.index(name)
    return Mention(doc.id, start, start + len(name), name, "place", Place(pid, name, "city", lat, lon, "SY"), None, 1, 0.9)


@pytest.fixture()
def analysis() -> Analysis:
    doc_a = Document("a", TEXT_A, "a.txt")
    doc_b = Document("b", TEXT_B, "b.txt")
    c_sdf = _claim(doc_a, "The SDF said on Monday it controls Raqqa.", "SDF", "control", RAQQA, "asserted", "SDF")
    c_is = _claim(doc_a, "Local activists reported that IS fighters still hold parts of Raqqa.", "ISIS",
                  "control", RAQQA, "alleged", "Local activists")
    c_cor = _claim(doc_a, "A corridor from Raqqa to Palmyra was opened, residents alleged.", "ISIS", "corridor",
                   RAQQA, "alleged", "residents", to=PALMYRA)
    c_gov = _claim(doc_b, "Government troops advanced on Deir ez-Zor.", "Syrian government", "advance", DEIR,
                   "asserted")
    claims = [c_sdf, c_is, c_cor, c_gov]
    mentions = [_mention(doc_a, RAQQA), _mention(doc_a, PALMYRA), _mention(doc_b, DEIR), _mention(doc_b, TABQA),
                Mention("b", 0, 10, "Government", "unresolved")]
    places = [
        PlaceSummary(RAQQA[0], "Raqqa", RAQQA[2], RAQQA[3], "city", 3, [c_sdf, c_is, c_cor], True, ["ISIS", "SDF"]),
        PlaceSummary(PALMYRA[0], "Palmyra", PALMYRA[2], PALMYRA[3], "city", 1, [c_cor]),
        PlaceSummary(DEIR[0], "Deir ez-Zor", DEIR[2], DEIR[3], "city", 1, [c_gov]),
        PlaceSummary(TABQA[0], "Tabqa", TABQA[2], TABQA[3], "city", 1, []),
        PlaceSummary("th:nowhere", "Nowhere", float("nan"), 39.0, "village", 1, []),  # broken coordinates
    ]
    clockwise = Polygon([(38.9, 35.9), (38.9, 36.0), (39.1, 36.0), (39.1, 35.9)])  # exterior is clockwise
    assert not clockwise.exterior.is_ccw
    two_parts = MultiPolygon([clockwise, Polygon([(40.0, 35.2), (40.3, 35.2), (40.3, 35.4), (40.0, 35.4)])])
    zones = [Zone("SDF", clockwise.wkt, ["Raqqa"], [c_sdf]), Zone("ISIS", two_parts.wkt, ["Raqqa"], [c_is])]
    corridors = [Corridor("ISIS", "Raqqa", "Palmyra", (RAQQA[3], RAQQA[2]), (PALMYRA[3], PALMYRA[2]), "alleged",
                          [c_cor])]
    return Analysis([doc_a, doc_b], mentions, claims, places, zones, corridors)


def _rings(geom):
    polygons = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    for polygon in polygons:
        yield "outer", polygon.exterior
        for hole in polygon.interiors:
            yield "hole", hole


def _positions(coords):
    if isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords:
            yield from _positions(c)


def test_every_feature_has_a_known_layer_and_the_counts_match(analysis):
    fc = feature_collection(analysis)
    assert fc["type"] == "FeatureCollection"
    layers = [f["properties"]["layer"] for f in fc["features"]]
    assert set(layers) <= set(LAYERS)
    assert layers.count("place") == len(analysis.places)
    assert layers.count("claim") == len(analysis.claims)
    assert layers.count("zone") == 2 and layers.count("corridor") == 1


def test_geojson_round_trips_through_geopandas_with_valid_ccw_geometry(analysis, tmp_path):
    path = write_geojson(analysis, tmp_path / "out.geojson")
    text = path.read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    frame = gpd.read_file(path)
    assert len(frame) == len(feature_collection(analysis)["features"])
    assert frame.crs.to_epsg() == 4326
    drawn = frame[frame.geometry.notna()]
    assert drawn.geometry.is_valid.all()
    zones = drawn[drawn["layer"] == "zone"]
    assert len(zones) == 2
    for geom in zones.geometry:
        for kind, ring in _rings(geom):
            assert LinearRing(ring.coords).is_ccw == (kind == "outer")
    # geopandas may reorient on read, so check the raw JSON rings too (RFC 7946: outer rings CCW)
    for feature in json.loads(text)["features"]:
        if feature["properties"]["layer"] == "zone":
            geom = shape(feature["geometry"])
            for kind, ring in _rings(geom):
                assert ring.is_ccw == (kind == "outer")


def test_coordinates_are_lon_lat_in_range_and_rounded(analysis):
    fc = json.loads(geojson_bytes(analysis))
    for feature in fc["features"]:
        if feature["geometry"] is None:
            continue
        for lon, lat in _positions(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert round(lon, 6) == lon and round(lat, 6) == lat
    raqqa = next(f for f in fc["features"] if f["properties"].get("place_id") == "th:raqqa")
    assert raqqa["geometry"]["coordinates"] == [39.007912, 35.952812]  # lon first


def test_nan_coordinates_become_null_not_nan(analysis):
    fc = json.loads(geojson_bytes(analysis))
    nowhere = next(f for f in fc["features"] if f["properties"].get("place_id") == "th:nowhere")
    assert nowhere["geometry"] is None
    claim = next(f for f in fc["features"] if f["properties"]["layer"] == "claim")
    assert claim["properties"]["to_lat"] is None  # optional fields are null, never NaN


def test_place_and_claim_properties(analysis):
    fc = feature_collection(analysis)
    raqqa = next(f for f in fc["features"] if f["properties"].get("place_id") == "th:raqqa")["properties"]
    assert raqqa["name"] == "Raqqa" and raqqa["kind"] == "city" and raqqa["mentions"] == 3
    assert raqqa["disputed"] is True and raqqa["holders"] == ["ISIS", "SDF"]
    assert {c["actor"] for c in raqqa["claims"]} == {"SDF", "ISIS"}
    first = raqqa["claims"][0]
    assert set(first) == {"doc", "start", "end", "text", "actor", "relation", "stance", "attribution", "date"}
    assert TEXT_A[first["start"]:first["end"]] == first["text"]
    claims = [f["properties"] for f in fc["features"] if f["properties"]["layer"] == "claim"]
    assert {"text", "doc", "start", "end", "place_start", "to_place", "confidence"} <= set(claims[0])
    corridor = next(f for f in fc["features"] if f["properties"]["layer"] == "corridor")
    assert corridor["geometry"]["type"] == "LineString"
    assert corridor["geometry"]["coordinates"][0] == [39.007912, 35.952812]  # from Raqqa ...
    assert corridor["geometry"]["coordinates"][1] == [38.28, 34.5601]  # ... to Palmyra
    assert corridor["properties"]["status"] == "alleged"


def test_geopackage_has_one_layer_per_kind(analysis, tmp_path):
    path = write_gpkg(analysis, tmp_path / "out.gpkg")
    layers = {name: geom for name, geom in pyogrio.list_layers(path)}
    assert set(layers) == set(LAYERS)
    assert layers["zone"] == "MultiPolygon" and layers["corridor"] == "LineString"
    places = gpd.read_file(path, layer="place")
    assert len(places) == len(analysis.places)
    raqqa = places[places["place_id"] == "th:raqqa"].iloc[0]
    assert json.loads(raqqa["holders"]) == ["ISIS", "SDF"]
    assert len(json.loads(raqqa["claims"])) == 3
    zones = gpd.read_file(path, layer="zone")
    assert zones.geometry.is_valid.all() and len(zones) == 2
    assert len(gpd.read_file(path, layer="claim")) == len(analysis.claims)
    write_gpkg(analysis, path)  # overwriting an existing file works
    assert len(gpd.read_file(path, layer="corridor")) == 1


def test_filter_by_actor_keeps_only_that_actor_and_rebuilds(analysis):
    view = filter_analysis(analysis, actors={"SDF"})
    assert [c.actor for c in view.claims] == ["SDF"]
    assert [p.name for p in view.places] == ["Raqqa"]  # Tabqa (mentions only) is dropped
    raqqa = view.places[0]
    assert raqqa.holders == ["SDF"] and not raqqa.disputed  # the other holder was filtered away
    assert [z.actor for z in view.zones] == ["SDF"]
    assert view.corridors == []


def test_filter_by_relation_and_stance(analysis):
    view = filter_analysis(analysis, relations={"corridor"})
    assert len(view.corridors) == 1 and view.zones == []
    assert {p.name for p in view.places} == {"Raqqa", "Palmyra"}
    alleged = filter_analysis(analysis, stances={"alleged"})
    assert {c.stance for c in alleged.claims} == {"alleged"} and len(alleged.claims) == 2


def test_filter_by_document_restricts_mentions_too(analysis):
    view = filter_analysis(analysis, docs={"b"})
    assert [c.doc for c in view.claims] == ["b"]
    assert {m.doc for m in view.mentions} == {"b"} and [d.id for d in view.documents] == ["b"]
    assert [p.name for p in view.places] == ["Deir ez-Zor"]


def test_no_filter_keeps_mention_only_places_and_empty_choice_keeps_nothing(analysis):
    everything = filter_analysis(analysis)
    assert "Tabqa" in {p.name for p in everything.places}
    assert len(everything.claims) == len(analysis.claims)
    nothing = filter_analysis(analysis, actors=[])
    assert nothing.claims == [] and nothing.places == [] and nothing.zones == [] and nothing.corridors == []


def test_filter_does_not_modify_its_input(analysis):
    before = json.dumps(feature_collection(analysis), sort_keys=True)
    filter_analysis(analysis, actors={"ISIS"}, stances={"alleged"})
    assert json.dumps(feature_collection(analysis), sort_keys=True) == before


def test_export_follows_the_filter(analysis):
    fc = feature_collection(filter_analysis(analysis, actors={"ISIS"}))
    claims = [f["properties"] for f in fc["features"] if f["properties"]["layer"] == "claim"]
    assert claims and {c["actor"] for c in claims} == {"ISIS"}
    assert all(math.isfinite(c["lat"]) for c in claims)
    zones = [f for f in fc["features"] if f["properties"]["layer"] == "zone"]
    assert [z["properties"]["actor"] for z in zones] == ["ISIS"]
    assert shapely.geometry.shape(zones[0]["geometry"]).is_valid
