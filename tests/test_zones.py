"""Control zones as territory: Voronoi cells around held places, cut by distance and at borders."""
from __future__ import annotations

from shapely import wkt
from shapely.geometry import Point

from geo.aggregate.zones import CELL_RADIUS_KM, control_zones, place_cells
from geo.geometry import land_gdf
from geo.model import Claim, Place, PlaceSummary


def _held(actor: str, pid: str, lat: float, lon: float, stance: str = "asserted", relation: str = "control") -> Claim:
    return Claim("d", 0, 10, "sentence", actor, relation, Place(pid, pid, "", lat, lon, ""), stance)


def _place(pid: str, lat: float, lon: float, kind: str = "city") -> PlaceSummary:
    return PlaceSummary(pid, pid.title(), lat, lon, kind, 1)


def _zone(zones, actor):
    return wkt.loads(next(z.wkt for z in zones if z.actor == actor))


def test_neighbouring_places_split_the_ground_between_them():
    # two towns 0.4 degrees of longitude apart (about 36 km), held by different actors
    places = [_place("west", 35.9, 38.6), _place("east", 35.9, 39.0)]
    claims = [_held("SDF", "west", 35.9, 38.6), _held("ISIS", "east", 35.9, 39.0)]
    zones = control_zones(claims, places)
    sdf, isis = _zone(zones, "SDF"), _zone(zones, "ISIS")
    assert sdf.contains(Point(38.6, 35.9)) and isis.contains(Point(39.0, 35.9))
    assert sdf.contains(Point(38.75, 35.9)) and isis.contains(Point(38.85, 35.9))  # the line runs midway
    assert sdf.intersection(isis).area < 1e-6
    # territory, not a dot: each cell is far bigger than the old 10 km circles (~0.03 square degrees)
    assert sdf.area > 0.1 and isis.area > 0.1


def test_a_place_claimed_for_two_actors_is_in_both_zones_and_its_cell_names_both():
    places = [_place("tabqa", 35.836, 38.548)]
    claims = [_held("SDF", "tabqa", 35.836, 38.548), _held("ISIS", "tabqa", 35.836, 38.548, "alleged")]
    zones = control_zones(claims, places)
    assert {z.actor for z in zones} == {"SDF", "ISIS"}
    assert _zone(zones, "SDF").equals(_zone(zones, "ISIS"))
    [cell] = place_cells(claims, places)
    assert cell.holders == ("ISIS", "SDF") and cell.geometry.contains(Point(38.548, 35.836))


def test_a_cell_is_bounded_by_distance_and_stops_at_the_border():
    # Tal Abyad sits on the Syrian-Turkish border: its cell must not spill into Turkey
    places = [_place("tal_abyad", 36.697, 38.956, "town")]
    zone = _zone(control_zones([_held("SDF", "tal_abyad", 36.697, 38.956)], places), "SDF")
    turkey = land_gdf().set_index("iso_a2").geometry["TR"]
    assert zone.intersection(turkey).area < 0.002
    west, south, east, north = zone.bounds
    reach_deg = CELL_RADIUS_KM["town"] / 111.0
    assert north - south <= 2 * reach_deg + 0.01 and zone.area > 0.05


def test_claims_that_hold_no_ground_make_no_zone():
    places = [_place("syria", 35.0, 38.5, "country"), _place("euphrates", 35.0, 40.4, "river"), _place("raqqa", 35.95, 39.0)]
    claims = [_held("ISIS", "syria", 35.0, 38.5), _held("SDF", "euphrates", 35.0, 40.4),
              _held("SDF", "raqqa", 35.95, 39.0, "denied"), _held("SDF", "raqqa", 35.95, 39.0, relation="strike")]
    assert control_zones(claims, places) == []


def test_zones_stay_valid_when_exports_round_their_coordinates():
    import random

    import shapely

    rng = random.Random(3)
    places, claims = [], []
    for i in range(60):  # crowded places on the Euphrates, several holders each: many shared edges
        lat, lon = round(rng.uniform(34.4, 36.1), 4), round(rng.uniform(38.0, 41.0), 4)
        places.append(_place(f"p{i}", lat, lon, rng.choice(["city", "town", "village"])))
        for actor in rng.sample(["SDF", "ISIS", "Syrian government"], rng.randint(1, 2)):
            claims.append(_held(actor, f"p{i}", lat, lon))
    for zone in control_zones(claims, places):
        shape = wkt.loads(zone.wkt)
        assert shape.is_valid
        assert wkt.loads(shapely.to_wkt(shape, rounding_precision=6)).is_valid, zone.actor
