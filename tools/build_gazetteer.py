"""Compile the third-party gazetteer sources into the compact files shipped in geo/data/gazetteer.

    .venv/bin/python tools/build_gazetteer.py [--sources ../shared/sources]

Run by a developer with ``../shared/sources`` present (see its README); the outputs are
committed, and geo/data/gazetteer/SOURCES.md gives provenance, licence and attribution per file:

- ``admin.csv.gz``: OCHA COD-AB Syria (v02, 2020-12-17) and Iraq (2019-06-03): governorates,
  districts, sub-districts (English and Arabic names, P-codes, a representative point and the
  simplified sub-district outline as WKT), Syria's admin-centre towns and city neighbourhoods.
- ``settlements_osm.csv.gz``: the OpenStreetMap side (HOTOSM export) of the 2,455 Syrian
  settlements matched with IOM DTM: OSM name, Arabic name, Latin name, place class, point and
  the admin P-codes of the HOT export. No IOM field is shipped.
- ``world_admin1.csv.gz``: Natural Earth 10m admin-1 label points (every first-level division
  of the world, public domain).
- ``villages_wof.csv.gz``: every GeoNames populated place of Iraq and Syria as kept by Who's On
  First, with Arabic, Kurdish and English names; seats as towns, abandoned and destroyed villages
  ranked last (a population of 0).
- ``sites.csv.gz``: airbases (OurAirports), dams and power plants (WRI GPPD), oil and gas fields,
  crossings, bases and hills of Syria (Wikipedia's war-map module), named with their site words.
- ``conflict_map.csv.gz``: villages, towns, hills, fields, dams and bases of the Iraq and Syria war
  maps on Wikipedia ("Module:Iraqi insurgency detailed map", "Module:Syrian Civil War detailed
  map", CC BY-SA): name, point, kind. Built from tab-separated transcriptions of the modules' marks
  (``--wikimap tools/sources/wikimap``; see SOURCES.md); admin P-codes and the country are given
  by the OCHA outlines of ``admin.csv.gz``.

Columns of every output: id, name, kind, lat, lon, country, population, arabic, variants
('|'-separated), adm1, adm2, adm3 (P-codes), wkt (sub-districts only).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "geo" / "data" / "gazetteer"
COLUMNS = ["id", "name", "kind", "lat", "lon", "country", "population", "arabic", "variants",
           "adm1", "adm2", "adm3", "wkt"]
SIMPLIFY_DEG = 0.005  # about 500 m: enough to say which sub-district a point lies in

# rough population standing for an admin centre, so that a town outranks the unit named after it
CENTRE_POPULATION = {0: 1_000_000, 1: 200_000, 2: 30_000, 3: 5_000}
# OSM place classes, as a default population for ranking
OSM_POPULATION = {"city": 100_000, "town": 10_000, "village": 1_000, "hamlet": 100}


def _clean(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.lower() in ("nan", "none") else text


def _write(name: str, rows: list[dict]) -> None:
    path = OUT / name
    # mtime 0 in the gzip header: the same sources give byte-identical files
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as packed, \
            io.TextIOWrapper(packed, encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in COLUMNS})
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows, {path.stat().st_size / 1024:.0f} KB", file=sys.stderr)


def _variants(*names: str) -> str:
    return "|".join(dict.fromkeys(n for n in names if n))


def _point(geometry) -> tuple[float, float]:
    point = geometry.representative_point()
    return round(point.y, 5), round(point.x, 5)


def _unit_rows(country: str, level: int, pcode: str, name: str, arabic: str, alternates: list[str],
               geometry, adm: tuple[str, str, str], wkt: bool, centre: tuple[float, float] | None = None) -> list[dict]:
    """An admin unit is named with its level word ('Hama Governorate', 'Al Bab District'); the
    bare name is left to the town it is named after. Sub-districts also keep the bare name, at
    no population, so that a name known only as a sub-district still resolves. A unit is placed
    at its admin centre when the source gives one (where coders place it), else inside it."""
    lat, lon = centre or _point(geometry)
    kind, words, arabic_word = {
        1: ("governorate", ("Governorate", "province"), "محافظة"),
        2: ("district", ("District",), "منطقة"),
        3: ("subdistrict", ("Subdistrict", "sub-district", "Nahiya"), "ناحية"),
    }[level]
    names = [f"{n} {w}" for n in [name, *alternates] for w in words]
    if level >= 2:
        names += [name, *alternates]
    outline = ""
    if wkt:
        outline = geometry.simplify(SIMPLIFY_DEG, preserve_topology=True).wkt
        outline = re.sub(r"(\d+\.\d{4})\d+", r"\1", outline)
    return [dict(id=f"oc:{pcode}", name=names[0], kind=kind, lat=lat, lon=lon, country=country,
                 population=0, arabic=f"{arabic_word} {arabic}" if level == 1 and arabic else arabic,
                 variants=_variants(*names[1:]), adm1=adm[0], adm2=adm[1] if level >= 2 else "",
                 adm3=adm[2] if level >= 3 else "", wkt=outline)]


def build_admin(sources: Path) -> list[dict]:
    import geopandas as gpd

    rows: list[dict] = []
    syria = f"zip://{sources / 'syr_cod_ab_v02_20201217_shp.zip'}!"
    capitals = gpd.read_file(f"{syria}syr_admincapitals.shp", encoding="utf-8")
    centres = {}  # P-code of a district or sub-district -> its admin centre (lat, lon)
    for r in capitals.itertuples():
        level = int(r.adm_p_lvl)
        if level in (2, 3):
            centres[_clean(getattr(r, f"adm{level}_pcode"))] = (round(r.geometry.y, 5), round(r.geometry.x, 5))
    for level in (1, 2, 3):
        frame = gpd.read_file(f"{syria}syr_admin{level}.shp", encoding="utf-8")
        for r in frame.itertuples():
            alternates = [a for a in (_clean(getattr(r, f"adm{level}_name2", "")), _clean(getattr(r, f"adm{level}_ref_n", "")))
                          if a and a != getattr(r, f"adm{level}_name")]
            adm = (r.adm1_pcode, _clean(getattr(r, "adm2_pcode", "")), _clean(getattr(r, "adm3_pcode", "")))
            rows += _unit_rows("SY", level, getattr(r, f"adm{level}_pcode"), getattr(r, f"adm{level}_name"),
                               _clean(getattr(r, f"adm{level}_name1")), alternates, r.geometry, adm, wkt=level == 3,
                               centre=centres.get(getattr(r, f"adm{level}_pcode")) if level >= 2 else None)
    arabic_of = {}
    points = gpd.read_file(f"{syria}syr_adminpoints.shp", encoding="utf-8")
    for r in points.itertuples():
        arabic_of[_clean(r.name)] = _clean(r.name1)
    for r in capitals.itertuples():
        level = int(r.adm_p_lvl)
        adm = (_clean(r.adm1_pcode), _clean(r.adm2_pcode), _clean(r.adm3_pcode))
        pcode = adm[level - 1] if level else "SY"
        rows.append(dict(id=f"oc:{pcode}:centre", name=_clean(r.name), kind="city" if level <= 1 else "town",
                         lat=round(r.geometry.y, 5), lon=round(r.geometry.x, 5), country="SY",
                         population=CENTRE_POPULATION[level], arabic=arabic_of.get(_clean(r.name), ""),
                         variants="", adm1=adm[0], adm2=adm[1], adm3=adm[2]))
    hoods = gpd.read_file(f"{syria}syr_neighborhoods.shp", encoding="utf-8")
    for r in hoods.itertuples():
        lat, lon = _point(r.geometry)
        rows.append(dict(id=f"oc:{r.adm4_pcode}:{r.neighbor_2}", name=_clean(r.neighborho), kind="neighbourhood",
                         lat=lat, lon=lon, country="SY", population=0, arabic=_clean(r.neighbor_1), variants="",
                         adm1=r.adm1_pcode, adm2=r.adm2_pcode, adm3=r.adm3_pcode))
    iraq = sources / "irq_cod_ab_2019"
    for level, stem in ((1, "adm1_cso"), (2, "adm2_cso"), (3, "adm3_cso")):
        frame = gpd.read_file(f"/vsigzip/{iraq / f'irq_admbnda_{stem}_20190603.geojson.gz'}")
        for r in frame.itertuples():
            name = _clean(getattr(r, f"ADM{level}_EN"))
            alternates = [_clean(getattr(r, f"ADM{level}ALT{i}EN", "")) for i in (1, 2)]
            adm = (r.ADM1_PCODE, _clean(getattr(r, "ADM2_PCODE", "")), _clean(getattr(r, "ADM3_PCODE", "")))
            rows += _unit_rows("IQ", level, getattr(r, f"ADM{level}_PCODE"), name,
                               _clean(getattr(r, f"ADM{level}_AR")), [a for a in alternates if a],
                               r.geometry, adm, wkt=level == 3)
    return rows


def build_settlements(sources: Path) -> list[dict]:
    """Only the OpenStreetMap-derived fields of the IOM<->OSM matched settlements."""
    import geopandas as gpd

    frame = gpd.read_file(sources / "syr_iom_dtm_hotosm_settlements_2455.gpkg")
    rows = []
    for r in frame.itertuples():
        english = _clean(r.hot_name_en) or _clean(r.hot_name_latin)
        if not english:
            continue
        rows.append(dict(id=f"osm:{r.hot_id}", name=english, kind=_clean(r.hot_place) or "village",
                         lat=round(r.geometry.y, 5), lon=round(r.geometry.x, 5), country="SY",
                         population=OSM_POPULATION.get(_clean(r.hot_place), 100), arabic=_clean(r.hot_name),
                         variants=_variants(*(n for n in (_clean(r.hot_name_latin),) if n != english)),
                         adm1=_clean(r.hot_adm1_pcode), adm2=_clean(r.hot_adm2_pcode), adm3=_clean(r.hot_adm3_pcode)))
    rows.sort(key=lambda row: row["id"])
    return rows


def build_world_admin1(sources: Path) -> list[dict]:
    import geopandas as gpd

    frame = gpd.read_file(f"/vsigzip/{sources / 'natural_earth_10m' / 'ne_10m_admin_1_label_points.geojson.gz'}")
    rows, seen = [], set()
    for r in frame.itertuples():
        name, code = _clean(r.name), _clean(r.iso_a2)
        if not name or len(code) != 2 or code in ("SY", "IQ") or (code, name) in seen:
            continue  # Syria and Iraq come from OCHA
        seen.add((code, name))
        rows.append(dict(id=f"ne1:{r.adm1_code}", name=name, kind="province", lat=round(r.geometry.y, 4),
                         lon=round(r.geometry.x, 4), country=code, population=0))
    return rows


# the module's mark types: a settlement unless the suffix says otherwise
MARK_KINDS = {"hill": "hill", "oil": "facility", "industry": "facility", "base": "facility", "air": "facility",
              "naval": "facility", "pass": "facility", "camp": "camp", "dam": "facility"}
MARK_POPULATION = {"village": 300, "camp": 300}
# A label made only of these words is a person's, club's or group's name as often as a village's
# ('Haj Ali', 'Sayyid Ahmad', 'Umar Khalid', 'Shabab', 'al-Nasr'): such marks are left out rather
# than flood news text with false places.
NAME_WORDS = frozenset("""
    abbas abd abdul abdallah abdullah abu ahmad ahmed al ali amina aziz bin fatimah haj hajj hamad hamid
    hasan hassan husayn hussein ibrahim idriss jamil jasim jassim juma kamal karim khalid mahmud muhammad
    mohammed mohamad mulla mullah musa nasr nayif noor omar saad said samir sayyid sayid shaykh sheikh
    shaikh sultan umar yassin yusuf shabab wahda karamah jadid salam
""".split())
COMMON_NAME_ZIPF = 3.5  # a one-word label this common in English ('Diana', 'Hindi') is left out
VILLAGE_NAME_ZIPF = 3.0  # the same for the names of the villages and sites layers (a looser source)


def _mark_names(label: str) -> list[str]:
    """'Bakhdida (Qaraqosh)' -> both; 'Tubiyah/Twiba' -> both; 'Merki, Iraq' -> 'Merki'."""
    label = label.split(",")[0].strip()
    names = []
    for part in re.split(r"[()/]", label):
        part = re.sub(r"\s+", " ", part).strip(" `")
        if part:
            names.append(part)
    return names


def _person_like(name: str) -> bool:
    words = [w for w in re.split(r"[\s\-']+", name.lower()) if w]
    return all(w in NAME_WORDS for w in words)


WIKIMAP_FILES = (("iraq_marks.tsv", "wmiq"), ("syria_marks.tsv", "wmsy"))


def build_conflict_map(wikimap: Path) -> list[dict]:
    """The settlement and site marks of the Iraq and Syria war maps on Wikipedia, inside Iraq or
    Syria (by the OCHA sub-district outlines), first of each name within 2 km, person-like names out."""
    import shapely
    from shapely import wkt
    from shapely.geometry import Point
    from wordfreq import zipf_frequency

    outlines, codes = [], []
    with gzip.open(OUT / "admin.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["wkt"]:
                outlines.append(wkt.loads(row["wkt"]))
                codes.append((row["country"], row["adm1"], row["adm2"], row["adm3"]))
    tree = shapely.STRtree(outlines)
    rows: list[dict] = []
    seen: dict[str, list[tuple[float, float]]] = {}
    marks = []
    for file_name, prefix in WIKIMAP_FILES:
        with open(wikimap / file_name, encoding="utf-8", newline="") as handle:
            lines = [line.rstrip("\n").split("\t") for line in handle if line.strip() and not line.startswith("#")]
        marks += [(f"{prefix}:{number}", *fields) for number, fields in enumerate(lines, start=1)]
    for mark_id, label, lat_text, lon_text, mark in marks:
        lat, lon = round(float(lat_text), 5), round(float(lon_text), 5)
        suffix = mark.rsplit("_", 1)[-1] if "_" in mark or mark in MARK_KINDS else ""
        kind = MARK_KINDS.get(suffix, "village")
        names = [n for n in _mark_names(label) if not _person_like(n)
                 and not (" " not in n and zipf_frequency(n.lower(), "en") >= COMMON_NAME_ZIPF)]
        if not names:
            continue
        hits = tree.query(Point(lon, lat), predicate="intersects")
        if not len(hits):
            continue  # Jordan, Saudi Arabia, Kuwait: outside the theatre's outlines
        country, *adm = codes[int(hits[0])]
        key = names[0].lower()
        if any(abs(lat - a) < 0.02 and abs(lon - b) < 0.025 for a, b in seen.get(key, ())):
            continue
        seen.setdefault(key, []).append((lat, lon))
        rows.append(dict(id=mark_id, name=names[0], kind=kind, lat=lat, lon=lon, country=country,
                         population=MARK_POPULATION.get(kind, 0), arabic="", variants=_variants(*names[1:]),
                         adm1=adm[0], adm2=adm[1], adm3=adm[2]))
    return rows


class _Outlines:
    """Which sub-district of Syria or Iraq a point lies in, by the OCHA outlines of ``admin.csv.gz``
    (the nearest one within about 5 km for a point just over a simplified border)."""

    def __init__(self) -> None:
        import shapely
        from shapely import wkt

        outlines, self.codes = [], []
        with gzip.open(OUT / "admin.csv.gz", "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["wkt"]:
                    outlines.append(wkt.loads(row["wkt"]))
                    self.codes.append((row["country"], row["adm1"], row["adm2"], row["adm3"]))
        self.tree = shapely.STRtree(outlines)

    def __call__(self, lat: float, lon: float) -> tuple[str, str, str, str] | None:
        from shapely.geometry import Point

        point = Point(lon, lat)
        hits = self.tree.query(point, predicate="intersects")
        if not len(hits):
            hits = self.tree.query_nearest(point, max_distance=0.05)
        return self.codes[int(hits[0])] if len(hits) else None


def _keep_name(name: str) -> bool:
    """A name worth a key: not a person's or group's name, not a common English word, two letters at least."""
    from wordfreq import zipf_frequency

    from geo.geoparse.normalize import fold_letters

    folded = fold_letters(name)
    if len(re.sub(r"\W", "", folded)) < 3 or _person_like(folded):
        return False
    words = [w for w in re.split(r"[\s\-]+", folded) if w and w not in ("al", "el", "ar", "as", "ash", "ad", "az", "an", "at")]
    if len(words) == 1 and zipf_frequency(words[0], "en") >= VILLAGE_NAME_ZIPF:
        return False  # 'Ramaḑān', 'Shī‘ah', "Al 'Iraqi": a common word is not looked for as a village
    return True


def _is_arabic_script(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


# Latin-script Kurdish letters, as English-language reporting writes them ('Zaxo' -> 'Zakho')
_KURDISH_LATIN = str.maketrans({"x": "kh", "X": "Kh", "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch", "q": "q"})
# GeoNames feature code of a populated place -> (kind, a population standing for its prominence):
# a district or sub-district seat outranks a village, an abandoned or destroyed village comes last
WOF_FEATURES = {"PPLC": ("city", 1_000_000), "PPLA": ("city", 200_000), "PPLA2": ("town", 20_000),
                "PPLA3": ("town", 5_000), "PPL": ("village", 200), "PPLL": ("village", 100),
                "STLMT": ("village", 100), "PPLF": ("village", 50), "PPLQ": ("village", 0), "PPLW": ("village", 0)}
WOF_FILES = ("wof_iq_places.csv.gz", "wof_sy_places.csv.gz")


def build_villages(sources: Path) -> list[dict]:
    """Who's On First's GeoNames populated places of Iraq and Syria: every village with its Arabic,
    Kurdish (Latin and Arabic script) and English names; deprecated or superseded records left out.
    Country and P-codes from the OCHA outlines; points outside them are left out."""
    locate = _Outlines()
    rows = []
    for file_name in WOF_FILES:
        with gzip.open(sources / "wof" / file_name, "rt", encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle))
        for r in records:
            if r["wof_placetype"] not in ("locality", "neighbourhood") or r["edtf_deprecated"] or r["wof_superseded_by"]:
                continue
            lat, lon = round(float(r["lat"]), 5), round(float(r["lon"]), 5)
            codes = locate(lat, lon)
            if codes is None:
                continue
            latin, arabic = [], []
            for field in ("name", "gn_name", "gn_asciiname", "names_eng", "names_ara", "names_kur", "names_und"):
                for name in (n.strip() for n in r[field].split("|")):
                    if not name:
                        continue
                    if _is_arabic_script(name):
                        arabic.append(name)
                    else:
                        latin.append(name)
                        if field == "names_kur" and name.translate(_KURDISH_LATIN) != name:
                            latin.append(name.translate(_KURDISH_LATIN))
            latin = [n for n in dict.fromkeys(latin) if _keep_name(n)]
            arabic = list(dict.fromkeys(arabic))
            if not latin:
                continue
            if r["wof_placetype"] == "neighbourhood":
                kind, population = "neighbourhood", 0
            else:
                kind, population = WOF_FEATURES.get(r["gn_feature_code"], ("village", 100))
                gn_population = int(float(r["gn_population"] or 0))
                if gn_population > population and population:
                    population = gn_population
            rows.append(dict(id=f"wof:{r['wof_id']}", name=latin[0], kind=kind, lat=lat, lon=lon, country=codes[0],
                             population=population, arabic=arabic[0] if arabic else "",
                             variants=_variants(*latin[1:], *arabic[1:]), adm1=codes[1], adm2=codes[2], adm3=codes[3]))
    rows.sort(key=lambda row: row["id"])
    return rows


# site words of each kind of site: a site is named with them ('Hayan gas field', 'Tabqa airbase');
# its bare name ('Hayan', 'Tabqa') stays the town's or village's
SITE_WORDS = {
    "airbase": ("airbase", "air base", "airport", "airfield", "air field", "military airport", "military airbase",
                "airstrip", "military airfield"),
    "field": ("field", "fields", "oil field", "oil fields", "oilfield", "gas field", "gas fields", "gasfield",
              "oil facility", "gas facility", "gas plant", "oil station", "gas company"),
    "dam": ("dam", "barrage"),
    "crossing": ("crossing", "border crossing", "border gate", "border post", "crossing point"),
    "base": ("base", "military base", "camp", "military camp"),
    "power": ("power plant", "power station", "thermal plant", "power project"),
}
# words that describe a site rather than name it, stripped from the end of a label
_SITE_TAIL_WORDS = frozenset("""
    international int'l airport air base airbase airfield field fields army military airstrip heliport helipad
    helicopter radar oil gas facility facilities plant station storage company treatment gathering pumping refinery
    dam barrage regulator crossing border gate post camp power thermal hydroelectric project cogen ocgt ccgt
    cargo agricultural central processing abandoned new syria fire observation tsk
""".split())
_SITE_HEAD_WORDS = frozenset("abandoned tsk military airstrip".split())
_GENERIC_BASES = frozenset("new southern northern east west north south central syrian-iraqi oil gas".split())
# a military unit's number names its base ('Brigade 135 Base' is no 'Brigade base')
_NUMBERED_UNITS = frozenset("brigade division regiment battalion".split())


def _strip_site_words(words: list[str]) -> list[str]:
    """The words of a label without the describing words at its ends ('Oil/Gas Field', '895m-Airstrip')."""
    def describes(word: str, before: str) -> bool:
        return all(p.lower().strip(",.") in _SITE_TAIL_WORDS for p in word.split("/") if p) \
            or bool(re.fullmatch(r"[\d.,]+m?(?:-\w+)?", word.lower())) and before.lower() not in _NUMBERED_UNITS
    words = list(words)
    while words and describes(words[-1], words[-2] if len(words) > 1 else ""):
        words.pop()
    while len(words) > 1 and (words[0].lower() in _SITE_HEAD_WORDS or words[0].isupper() and len(words[0]) > 3):
        words.pop(0)  # 'Abandoned ...', 'TSK ...', 'RUBARIYA 1675-Airstrip'
    return words


def _site_bases(label: str) -> list[str]:
    """'Al-Omar/Saban Oil field' -> ['Al-Omar', 'Saban']; 'Taqba (Al-Thawra) Hydroelectric Power
    Project Syria' -> ['Taqba', 'Al-Thawra']; 'TSK Military Base - Tal Ali' -> ['Tal Ali']."""
    bases = []
    inner = re.findall(r"\(([^()]*)\)", label)
    label = re.sub(r"\([^()]*\)", " ", label)
    for part in [*re.split(r"\s+&\s+|\s+-\s+", label), *inner]:
        base = " ".join(_strip_site_words(part.replace("–", "/").split()))
        for name in base.split("/"):
            name = " ".join(_strip_site_words(name.split())).strip(" -,")
            if name and name.lower() not in _GENERIC_BASES and re.search(r"[A-Za-z]{3}", name):
                bases.append(name.title() if name.isupper() else name)
    return list(dict.fromkeys(bases))


def _site_row(row_id: str, label: str, site: str, lat: float, lon: float, extra_bases: list[str] = ()) -> dict | None:
    bases = [*_site_bases(label), *(b for b in extra_bases if b)]
    if not bases:
        return None
    clean = re.sub(r"\s+", " ", re.sub(r"\([^()]*\)", " ", label)).strip()
    names = [clean] if any(w in clean.lower() for w in SITE_WORDS[site]) else []
    names += [f"{base} {word}" for base in dict.fromkeys(bases) for word in SITE_WORDS[site]]
    names = list(dict.fromkeys(names))
    return dict(id=row_id, name=names[0], kind="facility", lat=round(lat, 5), lon=round(lon, 5), population=0,
                variants=_variants(*names[1:]), site=site)


_OA_SKIP_KEYWORDS = frozenset({"kurd", "kurdish", "kurdistan"})


def build_sites(sources: Path) -> list[dict]:
    """Airbases and airports (OurAirports), dams and power plants (WRI GPPD), oil and gas fields,
    dams, crossings, bases and hills of Syria (Wikipedia's war-map module): each site by the names
    it goes by with its site word ('Tiyas airbase', 'Hayan gas field', 'Bab al-Hawa crossing'); the
    same site from two sources (a shared name within 3 km) is one row."""
    folder = sources / "sites"
    found: list[dict] = []
    with open(folder / "ourairports_sy_iq.csv", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["type"] == "heliport" and "air base" not in r["name"].lower() and "airbase" not in r["name"].lower():
                continue
            keywords = [k.strip() for k in r["keywords"].split(",")]
            keywords = [k for k in keywords if k and not _is_arabic_script(k) and not (k.isupper() and len(k) <= 5)
                        and k.lower() not in _OA_SKIP_KEYWORDS]
            extra = [b for k in keywords for b in _site_bases(k)]
            row = _site_row(f"oa:{r['ident']}", r["name"], "airbase", float(r["latitude_deg"]), float(r["longitude_deg"]), extra)
            if row:
                found.append(row)
    wiki_sites = {"oil_gas": "field", "airport_airbase": "airbase", "heliport": "airbase", "dam": "dam",
                  "border_crossing": "crossing", "military_base": "base"}
    with open(folder / "wikipedia_syria_detailed_map_sites.csv", encoding="utf-8", newline="") as handle:
        for number, r in enumerate(csv.DictReader(handle), start=1):
            if r["generic_label"]:
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            if r["type"] == "hill_mountain":
                names = [n for n in _mark_names(re.sub(r"\s*\((?:Heights\s*)?[\d.,]+\s*m?\)", "", r["name"])) if _keep_name(n)]
                names = [n for n in names if not re.search(r"\d", n)]
                if names:
                    found.append(dict(id=f"wpsite:{number}", name=names[0], kind="hill", lat=round(lat, 5),
                                      lon=round(lon, 5), population=0, variants=_variants(*names[1:]), site="hill"))
                continue
            row = _site_row(f"wpsite:{number}", r["name"], wiki_sites[r["type"]], lat, lon)
            if row:
                found.append(row)
    with open(folder / "gppd_sy_iq.csv", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            site = "dam" if r["primary_fuel"] == "Hydro" else "power"
            row = _site_row(f"wri:{r['gppd_idnr']}", r["name"], site, float(r["latitude"]), float(r["longitude"]))
            if row:
                found.append(row)
    from geo.geoparse.normalize import name_key

    locate = _Outlines()
    rows: list[dict] = []
    by_key: dict[str, list[dict]] = {}
    for row in found:
        codes = locate(row["lat"], row["lon"])
        if codes is None:
            continue
        names = [row["name"], *(v for v in row["variants"].split("|") if v)]
        keys = {name_key(n) for n in names}
        twin = next((other for key in keys for other in by_key.get(key, ())
                     if other["site"] == row["site"] and abs(other["lat"] - row["lat"]) < 0.03
                     and abs(other["lon"] - row["lon"]) < 0.04), None)
        if twin is not None:  # the same site from another source: its names join the first row
            twin["variants"] = _variants(*twin["variants"].split("|"), *(n for n in names if n != twin["name"]))
            continue
        row.update(country=codes[0], adm1=codes[1], adm2=codes[2], adm3=codes[3])
        rows.append(row)
        for key in keys:
            by_key.setdefault(key, []).append(row)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "sources")
    parser.add_argument("--wikimap", type=Path, default=None,
                        help="folder holding iraq_marks.tsv and syria_marks.tsv (label, lat, long, mark): the transcribed marks")
    args = parser.parse_args(argv)
    if args.sources.is_dir():
        _write("admin.csv.gz", build_admin(args.sources))
        _write("settlements_osm.csv.gz", build_settlements(args.sources))
        _write("world_admin1.csv.gz", build_world_admin1(args.sources))
        _write("villages_wof.csv.gz", build_villages(args.sources))
        _write("sites.csv.gz", build_sites(args.sources))
    if args.wikimap:
        _write("conflict_map.csv.gz", build_conflict_map(args.wikimap))


if __name__ == "__main__":
    main()
