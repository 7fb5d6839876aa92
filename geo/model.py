"""Plain data that flows between the pipeline stages.

documents -> mentions -> places -> claims -> zones and corridors -> map and exports.
Every stage takes and returns these dataclasses; nothing here does any work.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["place", "actor", "unresolved", "demonym"]  # demonym: "Turkish" -> Turkey, never a location
Relation = Literal["control", "lost", "contested", "presence", "advance", "strike", "corridor"]
Stance = Literal["asserted", "alleged", "denied", "disputed"]
# Kinds of place that stand for an area rather than a spot: a claim or an anchor prefers a finer place.
REGION_KINDS = frozenset({"country", "governorate", "province", "region", "river"})
DatePrecision = Literal["day", "week", "month", "year"]
DateSource = Literal["text", "document", "unknown"]


@dataclass(frozen=True)
class Document:
    """One input text. ``id`` is the file stem; offsets everywhere index into ``text``."""

    id: str
    text: str
    path: str = ""
    date: str | None = None  # ISO 8601 publication date (geo.documents.dates), None when unknown


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: one real-world place with its names."""

    id: str  # "th:raqqa" for the curated theatre gazetteer, "gn:163345" for GeoNames
    name: str
    kind: str  # city, town, village, district, facility, governorate, region, river, country, ...
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2, "" for transnational regions and rivers
    population: int = 0
    names: tuple[str, ...] = ()  # every spelling it answers to, ``name`` included
    arabic: str = ""
    line: tuple[tuple[float, float], ...] = ()  # (lon, lat) vertices for rivers


@dataclass(frozen=True)
class Mention:
    """A place name found in a document, resolved (or honestly not)."""

    doc: str
    start: int
    end: int
    surface: str
    role: Role
    place_id: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    kind: str | None = None
    precision: int | None = None  # 1 the place itself, 2 near or part of it, 3 a region
    confidence: float = 0.0

    def to_dict(self) -> dict:
        """Every field by name (all are scalars: a shallow copy, ten times faster than asdict)."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Claim:
    """Who does what to which place, according to whom, stated how.

    ``start``/``end`` are the sentence span in the document; ``place_start``/``place_end``
    the span of the place name inside the document (for highlighting).
    """

    doc: str
    start: int
    end: int
    text: str
    actor: str
    relation: Relation
    place: str
    place_id: str
    lat: float
    lon: float
    stance: Stance
    attribution: str = ""
    confidence: float = 0.5
    to_place: str | None = None
    to_place_id: str | None = None
    to_lat: float | None = None
    to_lon: float | None = None
    place_start: int = -1
    place_end: int = -1
    # When it happened or held (geo.time): ISO 8601 "2017-11-09", "2017-W45", "2014-06" or "2014";
    # date_source says whether the sentence gave it ("text"), the document's date did ("document")
    # or neither ("unknown", date None).
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_source: DateSource = "unknown"

    def to_dict(self) -> dict:
        """Every field by name (all are scalars: a shallow copy, ten times faster than asdict)."""
        return dict(self.__dict__)


@dataclass
class Zone:
    """Area an actor is claimed to hold: a (multi)polygon in WKT plus the claims behind it."""

    actor: str
    wkt: str
    places: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Corridor:
    """A passage from one place to another (safe passage, escape route, border route)."""

    actor: str
    from_place: str
    to_place: str
    from_lonlat: tuple[float, float]
    to_lonlat: tuple[float, float]
    status: Stance
    claims: list[Claim] = field(default_factory=list)


@dataclass
class PlaceSummary:
    """Everything said about one place: its claims, and whether sources disagree."""

    place_id: str
    name: str
    lat: float
    lon: float
    kind: str
    mentions: int
    claims: list[Claim] = field(default_factory=list)
    disputed: bool = False
    holders: list[str] = field(default_factory=list)  # actors claimed to control it


@dataclass
class Analysis:
    """The whole result for a corpus: what the map, the exports and the app read."""

    documents: list[Document]
    mentions: list[Mention]
    claims: list[Claim]
    places: list[PlaceSummary]
    zones: list[Zone]
    corridors: list[Corridor]
