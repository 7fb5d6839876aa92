"""Assemble the whole map for an analysis."""
from __future__ import annotations

import math
import statistics

import folium

from geo.assets import asset_urls, image_path
from geo.geometry import corridor_geometry, valid_lonlat, zone_geometry
from geo.mapview.base import FeatureLayer, IconImagePath, MapStyle
from geo.mapview.basemap import BASE_PANE, THEATRE, BordersLayer, reference_layers
from geo.mapview.behaviour import LiveUpdate, MapBehaviour
from geo.mapview.corridors import ARROW_PANE, ARROW_PANE_Z, CorridorLayer
from geo.mapview.labels import LABEL_PANE, PlaceLabels
from geo.mapview.legend import Legend, legend_room
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.places import AREA_KINDS, PlaceLayer
from geo.mapview.zones import DisputedLayer, HatchPatterns, ZoneLayer
from geo.model import Analysis

DEFAULT_ASSET_BASE = "app/static/vendor"
OSM_NAME = "OpenStreetMap (online)"
FIT_MAX_ZOOM = 8
FIT_PAD_DEG = 0.3


def data_bounds(analysis: Analysis) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of everything drawn, or None when nothing has coordinates."""
    xs: list[float] = []
    ys: list[float] = []
    places = [p for p in analysis.places if p.claims] or analysis.places
    for p in places:
        if valid_lonlat(p.lon, p.lat):
            xs.append(p.lon)
            ys.append(p.lat)
    for zone in analysis.zones:
        geom = zone_geometry(zone.wkt)
        if geom is not None:
            x0, y0, x1, y1 = geom.bounds
            xs += [x0, x1]
            ys += [y0, y1]
    for corridor in analysis.corridors:
        geom = corridor_geometry(corridor)
        if geom is not None:
            x0, y0, x1, y1 = geom.bounds
            xs += [x0, x1]
            ys += [y0, y1]
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


# Syria, Iraq and the ground along their borders (west, south, east, north): the first view frames
# the places with claims inside it when most claims are there; a claim about Tehran, Ankara or
# Washington is still drawn, one "Show all" click (or a zoom-out) away.
THEATRE_FOCUS = (34.5, 28.8, 49.0, 38.3)
OUTLIER_FACTOR = 3.0  # elsewhere: places beyond 3x the median distance from the centre of the claims...
OUTLIER_MIN_DEG = 4.0  # ...and beyond 4 degrees are outliers


def _weighted_median(values: list[tuple[float, int]]) -> float:
    ordered = sorted(values)
    half = sum(w for _, w in ordered) / 2
    running = 0
    for value, weight in ordered:
        running += weight
        if running >= half:
            return value
    return ordered[-1][0]


def _inside(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def focus_bounds(analysis: Analysis, theatre: tuple[float, float, float, float] = THEATRE_FOCUS,
                 ) -> tuple[float, float, float, float] | None:
    """Bounds of where the claims are, robust to far outliers.

    When most claims (by weight) are about places in the theatre (Syria, Iraq and their
    borders), the places with claims inside it; otherwise the places within
    ``OUTLIER_FACTOR`` times the median distance (at least ``OUTLIER_MIN_DEG``) of the
    claim-weighted median place. Countries, regions and rivers do not count (they are no point)."""
    points = [(p.lon, p.lat, max(1, len(p.claims))) for p in analysis.places
              if p.claims and p.kind not in AREA_KINDS and valid_lonlat(p.lon, p.lat)]
    if not points:
        return data_bounds(analysis)
    inside = [pt for pt in points if _inside(theatre, pt[0], pt[1])]
    if 2 * sum(w for _, _, w in inside) >= sum(w for _, _, w in points):
        near = inside
    else:
        lon0 = _weighted_median([(x, w) for x, _, w in points])
        lat0 = _weighted_median([(y, w) for _, y, w in points])
        scale = math.cos(math.radians(lat0))
        dist = [math.hypot((x - lon0) * scale, y - lat0) for x, y, _ in points]
        limit = max(OUTLIER_FACTOR * statistics.median(dist), OUTLIER_MIN_DEG)
        near = [pt for pt, d in zip(points, dist) if d <= limit]
    xs, ys = [x for x, _, _ in near], [y for _, y, _ in near]
    return min(xs), min(ys), max(xs), max(ys)


def outside(analysis: Analysis, bounds: tuple[float, float, float, float], pad: float = 0.0) -> int:
    """How many places with claims (points on the ground, not countries or regions) lie outside
    ``bounds`` grown by ``pad`` degrees."""
    box = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
    return sum(1 for p in analysis.places if p.claims and p.kind not in AREA_KINDS
               and valid_lonlat(p.lon, p.lat) and not _inside(box, p.lon, p.lat))


def build_map(
    analysis: Analysis,
    asset_base: str | None = DEFAULT_ASSET_BASE,
    *,
    borders: bool = True,
    osm: bool = True,
    palette: ActorPalette = PALETTE,
    view_key: str | None = None,
    popups: bool = True,
    live: bool = False,
) -> folium.Map:
    """The folium map of ``analysis``: zones, corridors, places, legend and a layer control.

    ``asset_base`` is where the vendored Leaflet/jQuery/Bootstrap/Font Awesome files are served
    (see :mod:`geo.assets`); ``None`` keeps folium's CDN links. Nothing else is fetched: the base
    map is the Natural Earth borders layer, and OpenStreetMap tiles are an optional layer that
    is off until the user ticks it. With ``view_key`` the browser keeps the user's centre and
    zoom for that key across redraws (e.g. the app passes the corpus, so filters keep the view).
    With ``live`` the map is a frame without data: zones, corridors, places, their names and the
    legend come with an update (:func:`geo.mapview.live.update_script`), and again for each day.
    """
    bounds = data_bounds(analysis)
    focus = focus_bounds(analysis)
    west, south, east, north = focus or THEATRE
    # zoom: fitted views may take quarter levels; buttons, keys and each wheel notch move one level
    # (MapBehaviour counts wheel notches; Leaflet's own wheel zoom scales with the scrolled pixels)
    fmap = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=6, tiles=None,
                      control_scale=True, min_zoom=3, max_zoom=14, zoom_snap=0.25, zoom_delta=1,
                      scroll_wheel_zoom=False)
    if asset_base is not None:
        fmap.default_js, fmap.default_css = asset_urls(asset_base)
        IconImagePath(image_path(asset_base)).add_to(fmap)
    MapStyle().add_to(fmap)
    if borders:
        folium.map.CustomPane(BASE_PANE, z_index=150, pointer_events=False).add_to(fmap)
        BordersLayer(bounds).add_to(fmap)
        for layer in reference_layers([(p.lon, p.lat) for p in analysis.places if p.claims]):
            layer.add_to(fmap)
    if osm:
        folium.TileLayer("OpenStreetMap", name=OSM_NAME, overlay=True, show=False, control=True).add_to(fmap)
    folium.map.CustomPane(ARROW_PANE, z_index=ARROW_PANE_Z).add_to(fmap)  # before the corridors' arrows
    layers = data_layers(analysis, palette, every=live)
    HatchPatterns(layers[1].colour_sets).add_to(fmap)
    for layer in layers:
        layer.add_to(fmap)
    place_layer = layers[-1]
    claimed = [p for p in analysis.places if p.claims]
    folium.map.CustomPane(LABEL_PANE, z_index=650, pointer_events=False).add_to(fmap)
    names = folium.FeatureGroup(name="Place names", control=True)
    names.add_to(fmap)
    Legend(analysis, palette).add_to(fmap)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    fit = None
    if focus is not None:
        pad = FIT_PAD_DEG
        fit = {"bounds": [[south - pad, west - pad], [north + pad, east + pad]], "room": list(legend_room(analysis)),
               "maxZoom": FIT_MAX_ZOOM}
        beyond = outside(analysis, focus, pad)
        if beyond and bounds is not None:  # far places: one click frames everything
            fit["all"] = [[bounds[1] - pad, bounds[0] - pad], [bounds[3] + pad, bounds[2] + pad]]
            fit["outside"] = beyond
    for layer in map_layers(fmap).values():
        if isinstance(layer, FeatureLayer):
            layer.popups = popups
            if not popups:  # the app's panel shows what a popup would: not sent (a third of the page)
                for feature in layer.features:
                    feature["properties"].pop("_popup", None)
    MapBehaviour(view_key, fit).add_to(fmap)
    if live:  # the frame of a map the app refills in place: its data come with each update
        for layer in layers:
            layer.data = {"type": "FeatureCollection", "features": []}
        claimed = []
        LiveUpdate().add_to(fmap)
    PlaceLabels(place_layer, names, claimed, palette).add_to(fmap)
    return fmap


UNCLAIMED_LAYER = "Places mentioned without claims"


def data_layers(analysis: Analysis, palette: ActorPalette = PALETTE, every: bool = False) -> list[FeatureLayer]:
    """The layers that show what the claims say, in drawing order: zones, disputed ground (second),
    corridors, the places without claims (when there are any, or with ``every``), the places with
    claims (last)."""
    claimed = [p for p in analysis.places if p.claims]
    unclaimed = [p for p in analysis.places if not p.claims]
    layers: list[FeatureLayer] = [ZoneLayer(analysis.zones, palette), DisputedLayer(analysis, palette),
                                  CorridorLayer(analysis.corridors, palette)]
    if unclaimed or every:
        layers.append(PlaceLayer(unclaimed, palette, name=UNCLAIMED_LAYER, show=False))
    layers.append(PlaceLayer(claimed, palette))
    return layers


def map_layers(fmap: folium.Map) -> dict[str, object]:
    """The map's layers by their name in the layer control."""
    return {child.layer_name: child for child in fmap._children.values() if hasattr(child, "layer_name")}


def external_urls(fmap: folium.Map) -> list[str]:
    """Every http(s) script or stylesheet URL the map (or any element in it) would load."""
    urls: list[str] = []

    def walk(element) -> None:
        for attr in ("default_js", "default_css"):
            urls.extend(url for _, url in getattr(element, attr, []) if url.startswith(("http:", "https:", "//")))
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(fmap)
    return urls
