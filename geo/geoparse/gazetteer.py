"""The offline gazetteer: curated theatre places, then the compiled source layers (OCHA admin
units and towns of Syria and Iraq, OpenStreetMap settlements of Syria, the villages and sites of
the Iraq and Syria war maps on Wikipedia, named sites (airbases, fields, dams, crossings), every
GeoNames village of Syria and Iraq via Who's On First, Natural Earth admin-1 of the world; see
``geo/data/gazetteer/SOURCES.md``), GeoNames cities and Natural Earth countries.
Every place in Syria and Iraq carries its admin hierarchy (governorate, district, sub-district
P-codes).

Compiled once (``geo.geoparse.index_build``) into an on-disk index (a SQLite table of places and their name keys, and an
Aho-Corasick automaton of the keys worth matching in running text), then loaded in a fraction of
a second.

>>> index = GazetteerIndex.load()  # doctest: +SKIP
>>> [p.name for p in index.candidates("raka")][:1]  # doctest: +SKIP
['Raqqa']
"""
from __future__ import annotations

import csv
import pickle
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

import ahocorasick

from geo.geoparse.memo import BoundedMemo
from geo.geoparse.index_build import CURATED_PREFIX, DATA_DIR, ProgressCallback, build_index, index_fingerprint
from geo.knowledge import theatre_countries, theatre_sql
from geo.model import Place
from geo.settings import current

THEATRE_COUNTRIES = theatre_countries()  # geo/data/lexicon/theatre.toml
DISPUTED_CSV = DATA_DIR / "disputed_districts.csv"  # districts reporting places in either of two governorates


def is_curated(place_id: str | None) -> bool:
    """Whether a place id comes from the curated theatre gazetteer (``th:raqqa``)."""
    return bool(place_id) and place_id.startswith(CURATED_PREFIX)


def cache_dir() -> Path:
    """Where compiled indexes live: ``$GEO_CACHE_DIR`` or ``~/.cache/geo-conflict-map``."""
    return current().cache_dir


def read_disputed_districts(path: Path | None = None) -> dict[str, frozenset[str]]:
    """District P-code -> the other governorates' P-codes that reporting places it in
    (``geo/data/gazetteer/disputed_districts.csv``: Makhmour is in Erbil or in Ninewa)."""
    path = path or DISPUTED_CSV
    found: dict[str, set[str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            district, governorate = row.get("district_pcode") or "", row.get("also_governorate_pcode") or ""
            if len(governorate) < 4 or not district.startswith(governorate[:2]) or district.startswith(governorate):
                raise ValueError(f"{path}, line {line}: a district P-code and another governorate's P-code "
                                 "of the same country are needed")
            found.setdefault(district, set()).add(governorate)
    return {district: frozenset(codes) for district, codes in found.items()}


class GazetteerIndex:
    """Name keys -> candidate places, plus the automaton that finds the keys in text."""

    def __init__(self, db_path: Path, automaton: ahocorasick.Automaton) -> None:
        self.db_path = db_path
        self.automaton = automaton
        self._local = threading.local()
        self._candidates: dict[str, tuple[Place, ...]] = BoundedMemo()
        self._admin: dict[str, tuple[str, str, str]] = BoundedMemo()
        self._countries: dict[str, Place | None] = BoundedMemo()
        self._places: dict[str, Place | None] = BoundedMemo()
        self._inside: dict[tuple[int, str], tuple[list[str], list[str]]] = BoundedMemo()

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path | None = None, progress: "ProgressCallback | None" = None) -> "GazetteerIndex":
        """Open the compiled index, building it first if it is missing or out of date
        (``progress(share done, step)``: called during a build, for a progress bar)."""
        directory = directory or cache_dir()
        stem = directory / f"gazetteer-{index_fingerprint()}"
        db_path, ac_path = stem.with_suffix(".sqlite"), stem.with_suffix(".automaton")
        if not (db_path.exists() and ac_path.exists()):
            build_index(db_path, ac_path, progress)
        with open(ac_path, "rb") as handle:
            automaton = pickle.load(handle)
        return cls(db_path, automaton)

    # -- look-ups ------------------------------------------------------------------------
    @property
    def _db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def candidates(self, key: str) -> tuple[Place, ...]:
        """Every place answering to ``key`` (at most 30): those in Syria and Iraq first, then the most populous."""
        found = self._candidates.get(key)
        if found is None:
            in_theatre, codes = theatre_sql()
            rows = self._db.execute(
                "SELECT DISTINCT p.id, p.name, p.kind, p.lat, p.lon, p.country, p.population, p.arabic, p.line "
                "FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? "
                f"ORDER BY {in_theatre} DESC, p.population DESC LIMIT 30",
                (key, *codes),
            ).fetchall()
            found = tuple(_row_to_place(row) for row in rows)
            self._candidates[key] = found
        return found

    def country_place(self, code: str) -> Place | None:
        """The place standing for a country (the curated entry first)."""
        if code not in self._countries:
            row = self._db.execute(
                "SELECT id FROM places WHERE kind = 'country' AND country = ? ORDER BY id LIKE 'th:%' DESC LIMIT 1",
                (code,)).fetchone()
            self._countries[code] = self.place(row[0]) if row else None
        return self._countries[code]

    def admin_codes(self, place_id: str) -> tuple[str, str, str]:
        """(governorate, district, sub-district) P-codes of a place in Syria or Iraq, else blanks."""
        codes = self._admin.get(place_id)
        if codes is None:
            row = self._db.execute("SELECT adm1, adm2, adm3 FROM places WHERE id = ?", (place_id,)).fetchone()
            codes = self._admin[place_id] = tuple(c or "" for c in row) if row else ("", "", "")
        return codes

    def governorates(self, place_id: str) -> frozenset[str]:
        """The governorate P-codes a place may be reported in: its own, and a second one for a
        district whose governorate is disputed ('Makhmour, Ninewa' as well as 'Makhmour, Erbil')."""
        own, district, _ = self.admin_codes(place_id)
        if not own:
            return frozenset()
        return frozenset({own}) | _disputed_districts().get(district, frozenset())

    def names_inside(self, level: int, code: str) -> tuple[list[str], list[str]]:
        """(name keys, their place ids) of every place whose P-code at ``level`` (0 governorate,
        1 district, 2 sub-district) is ``code``: what a spelling-tolerant look-up searches."""
        found = self._inside.get((level, code))
        if found is None:
            column = ("adm1", "adm2", "adm3")[level]
            found = self._inside[(level, code)] = self._name_list(
                f"WHERE p.{column} = ? AND p.kind NOT IN ('country', 'governorate', 'river')", (code,))
        return found

    def names_in_theatre(self) -> tuple[list[str], list[str]]:
        """(name keys, their place ids) of every place in Syria and Iraq but the countries,
        governorates and rivers."""
        found = self._inside.get((-1, ""))
        if found is None:
            in_theatre, codes = theatre_sql()
            found = self._inside[(-1, "")] = self._name_list(
                f"WHERE {in_theatre} AND p.kind NOT IN ('country', 'governorate', 'river')", codes)
        return found

    def names_of_kind(self, kind: str) -> tuple[list[str], list[str]]:
        """(name keys, their place ids) of every place of ``kind`` in Syria and Iraq ('facility':
        the sites a spelling-tolerant look-up of 'the al-Hayl and Jazal gas fields' searches)."""
        found = self._inside.get((-3, kind))
        if found is None:
            in_theatre, codes = theatre_sql()
            found = self._inside[(-3, kind)] = self._name_list(f"WHERE {in_theatre} AND p.kind = ?", (*codes, kind))
        return found

    def curated_names(self) -> tuple[list[str], list[str]]:
        """(name keys, their place ids) of the curated theatre places, Latin-script keys only."""
        found = self._inside.get((-2, ""))
        if found is None:
            in_theatre, codes = theatre_sql()
            keys, ids = self._name_list(f"WHERE p.id >= 'th:' AND p.id < 'th;' AND {in_theatre}", codes)  # the 'th:' ids, by the key's index
            latin = [i for i, key in enumerate(keys) if key.isascii()]
            found = self._inside[(-2, "")] = ([keys[i] for i in latin], [ids[i] for i in latin])
        return found

    def _name_list(self, where: str, parameters: tuple) -> tuple[list[str], list[str]]:
        # places first, then their names by place (CROSS JOIN keeps that order): the names table is
        # three times the places table, and a scan of it cost a second at a document's first look-up
        rows = self._db.execute("SELECT DISTINCT n.key, p.id FROM places p CROSS JOIN names n ON n.place_id = p.id "
                                f"{where} ORDER BY p.id, n.key", parameters).fetchall()
        return [key for key, _ in rows], [place_id for _, place_id in rows]

    def place(self, place_id: str) -> Place | None:
        """The place of an id (memoised: a document asks again for the places it names)."""
        if place_id not in self._places:
            row = self._db.execute(
                "SELECT id, name, kind, lat, lon, country, population, arabic, line FROM places WHERE id = ?",
                (place_id,),
            ).fetchone()
            self._places[place_id] = _row_to_place(row) if row else None
        return self._places[place_id]

    def __getstate__(self) -> dict:  # picklable for worker processes: reopen there
        return {"db_path": self.db_path, "automaton": self.automaton}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["db_path"], state["automaton"])


def _row_to_place(row: tuple) -> Place:
    pid, name, kind, lat, lon, country, population, arabic, line = row
    vertices = pickle.loads(line) if line else ()
    return Place(id=pid, name=name, kind=kind, lat=lat, lon=lon, country=country,
                 population=population, arabic=arabic, line=vertices)


@lru_cache(maxsize=1)
def _disputed_districts() -> dict[str, frozenset[str]]:
    return read_disputed_districts()


@lru_cache(maxsize=1)
def default_index() -> GazetteerIndex:
    """The process-wide index (loaded once)."""
    return GazetteerIndex.load()
