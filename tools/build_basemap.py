"""Build the offline base layers shipped in geo/data/basemap/ from the staged public sources.

    python tools/build_basemap.py [--sources ../shared/sources]

Writes four small GeoJSON files (lon/lat, coordinates rounded to 4 decimals, ~10 m), clipped
to the theatre box and simplified for the zooms the map is read at:

- ``rivers.geojson``      Natural Earth 1:10m rivers and lake centre-lines (public domain)
- ``lakes.geojson``       Natural Earth 1:10m lakes (public domain)
- ``governorates.geojson`` governorate borders of Syria and Iraq as lines, with names
                          (OCHA COD-AB: Syria v02 2020-12-17, Iraq CSO/ITOS 2019-06-03)
- ``towns.geojson``       Natural Earth 1:10m populated places (public domain)

Provenance and licences: geo/data/basemap/SOURCES.md.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "geo" / "data" / "basemap"
BOX = (33.0, 28.0, 50.0, 39.5)  # Syria, Iraq and the edges of their neighbours
SIMPLIFY_DEG = 0.005  # about 500 m
DIGITS = 4


def _rounded(geometry) -> dict:
    def walk(c):
        return round(c, DIGITS) if isinstance(c, float) else [walk(x) for x in c]
    data = mapping(geometry)
    return {"type": data["type"], "coordinates": walk(data["coordinates"])}


def _write(name: str, rows: list[tuple[dict, object]]) -> None:
    features = [{"type": "Feature", "properties": props, "geometry": _rounded(geom)}
                for props, geom in rows if geom is not None and not geom.is_empty]
    path = OUT / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                               separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(features)} features, {path.stat().st_size / 1024:.0f} KB")


def _clip(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    area = box(*BOX)
    frame = frame[frame.intersects(area)].copy()
    frame["geometry"] = frame.geometry.intersection(area).simplify(SIMPLIFY_DEG, preserve_topology=True)
    return frame[~frame.geometry.is_empty]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def rivers(src: Path) -> None:
    frame = _clip(gpd.read_file(f"/vsigzip/{src / 'natural_earth_10m/ne_10m_rivers_lake_centerlines.geojson.gz'}"))
    _write("rivers.geojson", [({"name": _text(r.name_en) or _text(r.name),
                                "rank": int(r.scalerank)}, r.geometry) for r in frame.itertuples()])


def lakes(src: Path) -> None:
    frame = _clip(gpd.read_file(f"/vsigzip/{src / 'natural_earth_10m/ne_10m_lakes.geojson.gz'}"))
    _write("lakes.geojson", [({"name": _text(r.name)}, r.geometry)
                             for r in frame.itertuples() if r.geometry.area > 0.002])


def governorates(src: Path) -> None:
    syria = gpd.read_file(f"zip://{src / 'syr_cod_ab_v02_20201217_shp.zip'}!syr_admin1.shp", encoding="utf-8")
    iraq = gpd.read_file(f"/vsigzip/{src / 'irq_cod_ab_2019/irq_admbnda_adm1_cso_20190603.geojson.gz'}")
    shapes = [("SY", r.adm1_name, r.geometry) for r in syria.itertuples()]
    shapes += [("IQ", r.ADM1_EN, r.geometry) for r in iraq.itertuples()]
    # borders between governorates (inside a country): each polygon's boundary minus the
    # country outline, so the lines do not double the Natural Earth country borders
    rows = []
    for country in ("SY", "IQ"):
        polys = [shapely.make_valid(g) for c, _, g in shapes if c == country]
        outline = unary_union(polys).boundary.buffer(0.01)
        inner = unary_union([p.boundary for p in polys]).difference(outline)
        rows.append(({"country": country}, shapely.line_merge(inner).simplify(SIMPLIFY_DEG)))
    for country, name, geom in shapes:
        point = shapely.make_valid(geom).representative_point()
        rows.append(({"country": country, "name": name, "label": True}, point))
    _write("governorates.geojson", rows)


def towns(src: Path) -> None:
    frame = _clip(gpd.read_file(f"/vsigzip/{src / 'natural_earth_10m/ne_10m_populated_places.geojson.gz'}"))
    frame = frame[frame["SCALERANK"] <= 8]
    rows = [({"name": r.NAME, "rank": int(r.SCALERANK), "pop": int(r.POP_MAX)}, r.geometry)
            for r in frame.sort_values("SCALERANK").itertuples()]
    _write("towns.geojson", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "sources")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for build in (rivers, lakes, governorates, towns):
        build(args.sources)


if __name__ == "__main__":
    main()
