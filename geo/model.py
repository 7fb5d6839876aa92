"""Plain data that flows between the pipeline stages.

documents -> mentions -> places -> claims -> zones and corridors -> map and exports.
Every stage takes and returns these dataclasses; nothing here does any work.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

Role = Literal["place", "actor", "unresolved", "demonym"]  # demonym: "Turkish" -> Turkey, never a location
Relation = Literal["control", "lost", "contested", "presence", "advance", "strike", "corridor"]
Stance = Literal["asserted", "alleged", "denied", "disputed"]
# Kinds of place that stand for an area rather than a spot: a claim or an anchor prefers a finer place.
REGION_KINDS = frozenset({"country", "governorate", "province", "region", "river"})
# Groups of the gazetteer's kinds of place that the stages ask about, each written once here.
TOWN_KINDS = frozenset({"city", "town", "capital"})
VILLAGE_KINDS = frozenset({"village", "hamlet", "neighbourhood"})  # small places: namesakes abound
SMALL_KINDS = VILLAGE_KINDS | {"town"}  # places a far namesake or a nearby town may be mistaken for
SETTLEMENT_KINDS = TOWN_KINDS | VILLAGE_KINDS | {"camp"}
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
    """A place name found in a document, resolved (or honestly not).

    ``place`` is the gazetteer entry it names (for an actor or a demonym, the place behind it:
    'Washington insists', 'Turkish'); ``within`` the place the text puts it in, when it says
    ('Fulaifil town in Idleb countryside': Idlib). Its id, name, point, country and kind are
    read through the place; ``to_dict`` spells them out for exports and storage.
    """

    doc: str
    start: int
    end: int
    surface: str
    role: Role
    place: Place | None = None
    within: Place | None = None
    precision: int | None = None  # 1 the place itself, 2 near or part of it, 3 a region
    confidence: float = 0.0

    @property
    def place_id(self) -> str | None:
        return self.place.id if self.place is not None else None

    @property
    def name(self) -> str | None:
        return self.place.name if self.place is not None else None

    @property
    def lat(self) -> float | None:
        """The point of what it names; None for a demonym ('Turkish' names a people, not a location)."""
        return self.place.lat if self.place is not None and self.role != "demonym" else None

    @property
    def lon(self) -> float | None:
        return self.place.lon if self.place is not None and self.role != "demonym" else None

    @property
    def country(self) -> str | None:
        return self.place.country if self.place is not None else None

    @property
    def kind(self) -> str | None:
        return self.place.kind if self.place is not None else None

    COLUMNS: ClassVar[dict[str, str]] = {
        "doc": "str", "start": "int", "end": "int", "surface": "str", "role": "str", "place_id": "str | None",
        "name": "str | None", "lat": "float | None", "lon": "float | None", "country": "str | None",
        "kind": "str | None", "precision": "int | None", "confidence": "float", "within_id": "str | None",
        "within_name": "str | None", "within_kind": "str | None", "within_lat": "float | None",
        "within_lon": "float | None"}

    def to_dict(self) -> dict:
        """The flat row of exports and storage (``COLUMNS``): the places spelled out as columns."""
        place, within = self.place, self.within
        return {"doc": self.doc, "start": self.start, "end": self.end, "surface": self.surface, "role": self.role,
                "place_id": place.id if place else None, "name": place.name if place else None,
                "lat": self.lat, "lon": self.lon, "country": place.country if place else None, "kind": place.kind if place else None,
                "precision": self.precision, "confidence": self.confidence,
                "within_id": within.id if within else None, "within_name": within.name if within else None,
                "within_kind": within.kind if within else None, "within_lat": within.lat if within else None,
                "within_lon": within.lon if within else None}

    @classmethod
    def from_dict(cls, row: dict) -> "Mention":
        """A mention back from its flat row (the places carry what the row holds of them)."""
        place = _place_from(row, "place_id", "name", "kind", "lat", "lon", "country")
        within = _place_from(row, "within_id", "within_name", "within_kind", "within_lat", "within_lon")
        return cls(row["doc"], row["start"], row["end"], row["surface"], row["role"], place, within,
                   row.get("precision"), row.get("confidence") or 0.0)


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
    the span of the place name inside the document (for highlighting). ``place`` is the gazetteer
    entry the claim is about, ``to_place`` the end of a corridor; ``to_dict`` flattens both.
    """

    doc: str
    start: int
    end: int
    text: str
    actor: str
    relation: Relation
    place: Place
    stance: Stance
    attribution: str = ""
    confidence: float = 0.5
    to_place: Place | None = None
    place_start: int = -1
    place_end: int = -1
    # When it happened or held (geo.time): ISO 8601 "2017-11-09", "2017-W45", "2014-06" or "2014";
    # date_source says whether the sentence gave it ("text"), the document's date did ("document")
    # or neither ("unknown", date None).
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_source: DateSource = "unknown"

    @property
    def place_id(self) -> str:
        return self.place.id

    @property
    def lat(self) -> float:
        return self.place.lat

    @property
    def lon(self) -> float:
        return self.place.lon

    @property
    def to_place_id(self) -> str | None:
        return self.to_place.id if self.to_place is not None else None

    @property
    def to_lat(self) -> float | None:
        return self.to_place.lat if self.to_place is not None else None

    @property
    def to_lon(self) -> float | None:
        return self.to_place.lon if self.to_place is not None else None

    COLUMNS: ClassVar[dict[str, str]] = {
        "doc": "str", "start": "int", "end": "int", "text": "str", "actor": "str", "relation": "str",
        "place": "str", "place_id": "str", "lat": "float", "lon": "float", "stance": "str", "attribution": "str",
        "confidence": "float", "to_place": "str | None", "to_place_id": "str | None", "to_lat": "float | None",
        "to_lon": "float | None", "place_start": "int", "place_end": "int", "date": "str | None",
        "date_precision": "str | None", "date_source": "str", "place_kind": "str", "place_country": "str"}

    def to_dict(self) -> dict:
        """The flat row of exports and storage (``COLUMNS``): the places spelled out as columns."""
        place, to = self.place, self.to_place
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text, "actor": self.actor,
                "relation": self.relation, "place": place.name, "place_id": place.id, "lat": place.lat,
                "lon": place.lon, "stance": self.stance, "attribution": self.attribution,
                "confidence": self.confidence, "to_place": to.name if to else None,
                "to_place_id": to.id if to else None, "to_lat": to.lat if to else None,
                "to_lon": to.lon if to else None, "place_start": self.place_start, "place_end": self.place_end,
                "date": self.date, "date_precision": self.date_precision, "date_source": self.date_source,
                "place_kind": place.kind, "place_country": place.country}

    @classmethod
    def from_dict(cls, row: dict) -> "Claim":
        """A claim back from its flat row (the places carry what the row holds of them)."""
        place = _place_from(row, "place_id", "place", "place_kind", "lat", "lon", "place_country")
        to_place = _place_from(row, "to_place_id", "to_place", None, "to_lat", "to_lon")
        return cls(row["doc"], row["start"], row["end"], row["text"], row["actor"], row["relation"],
                   place or Place("", row.get("place") or "", "", 0.0, 0.0, ""), row["stance"],
                   row.get("attribution") or "", row.get("confidence", 0.5), to_place,
                   row.get("place_start", -1), row.get("place_end", -1), row.get("date"),
                   row.get("date_precision"), row.get("date_source") or "unknown")


def _place_from(row: dict, id_key: str, name_key: str, kind_key: str | None, lat_key: str, lon_key: str,
                country_key: str | None = None) -> Place | None:
    """The place a flat row spells out under these columns, or None when it names none."""
    place_id, lat, lon = row.get(id_key), row.get(lat_key), row.get(lon_key)
    if not place_id and lat is None:
        return None
    return Place(place_id or "", row.get(name_key) or "", (row.get(kind_key) if kind_key else "") or "",
                 float(lat) if lat is not None else float("nan"), float(lon) if lon is not None else float("nan"),
                 (row.get(country_key) if country_key else "") or "")


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
