"""What a workspace stores and the interface every backend offers."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Protocol

from geo.model import Claim, Document, Mention, Place


class WorkspaceError(Exception):
    """The workspace cannot be opened or written as asked; the message says why and what to do."""


def text_sha256(text: str) -> str:
    """The hash corrections are anchored to: of the extracted text, so offsets keep their meaning."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def claim_anchor(claim: Claim) -> dict:
    """Where a claim sits and what it said as extracted: the key a correction of it is stored under."""
    return {"start": claim.start, "end": claim.end, "place_start": claim.place_start,
            "place_end": claim.place_end, "relation": claim.relation, "actor": claim.actor, "place": claim.place.name,
            "to_place": claim.to_place.name if claim.to_place is not None else None}


def mention_anchor(mention: Mention) -> dict:
    """The character span (and the name found there) a mention correction is stored under."""
    return {"start": mention.start, "end": mention.end, "surface": mention.surface}


def anchor_id(doc_sha: str, anchor: dict) -> str:
    """A short stable id for an anchored thing ("c1a2b3c4d5"), as the CLI prints and takes it."""
    digest = hashlib.sha256((doc_sha + json.dumps(anchor, sort_keys=True)).encode()).hexdigest()
    return digest[:10]


@dataclass(frozen=True)
class StoredDocument:
    """One version of a document in the workspace."""

    fid: int
    document: Document
    sha256: str  # of the file's bytes: ingesting the same bytes again adds nothing
    text_sha256: str  # of the extracted text: what corrections are anchored to
    source: str
    encoding: str
    kind: str
    version: int
    added_at: str
    analysed_with: str | None = None


@dataclass(frozen=True)
class Correction:
    """One correction by an analyst.

    ``target`` is claim, mention or name; ``action`` one of confirm, reject, set (``values`` holds
    the new field values), place (``values`` holds place_id, name, lat, lon, ...), not_place.
    Claims and mentions are anchored to ``doc_sha256`` (the text's hash) and ``anchor`` (their span);
    names apply across the workspace (``doc_sha256`` empty, ``anchor`` {"name": ...}).
    """

    fid: int
    target: str
    action: str
    doc_sha256: str
    anchor: dict
    values: dict
    author: str
    created_at: str
    active: bool = True

    def describe(self) -> str:
        """"rejected by rana on 2026-11-30 14:02" and the like."""
        when = self.created_at[:16].replace("T", " ")
        if self.action == "set":
            what = ", ".join(f"{k} set to {v!r}" for k, v in sorted(self.values.items()))
        elif self.action == "place":
            where = self.values.get("name") or f"{self.values.get('lon')}, {self.values.get('lat')}"
            what = f"re-placed at {where}"
        elif self.action == "not_place":
            what = "marked not a place"
        else:
            what = {"confirm": "confirmed", "reject": "rejected"}.get(self.action, self.action)
        return f"{what} by {self.author} on {when}"


@dataclass(frozen=True)
class LocalPlace:
    """A place (or an alias of a known one) in the workspace's own gazetteer layer."""

    fid: int
    name: str
    lat: float
    lon: float
    kind: str = "place"
    country: str = ""
    place_id: str = ""  # "ws:<fid>" for a new place; the known place's id for an alias
    names: tuple[str, ...] = field(default_factory=tuple)
    author: str = ""
    created_at: str = ""

    def as_place(self) -> Place:
        """The gazetteer entry it stands for: what a mention of it carries."""
        return Place(self.place_id, self.name, self.kind, self.lat, self.lon, self.country,
                     names=self.names or (self.name,))


class Workspace(Protocol):
    """What the stages and the app need from storage; each backend implements this and no more."""

    path: str

    def add_source(self, source, author: str = "") -> tuple[StoredDocument, bool]:
        """Store a read file (a :class:`geo.documents.Source`: document, encoding, kind, sha256, size)
        in one transaction; False when the same bytes were already there."""

    def documents(self) -> list[StoredDocument]:
        """The current version of every document."""

    def texts_by_hash(self, hashes) -> dict[str, tuple[str, str]]:
        """{text hash: (document id, text)} for these hashes, from any stored version."""

    def needing_analysis(self, version: str) -> list[StoredDocument]:
        """Current documents not yet analysed with ``version`` of the analyser."""

    def save_analysis(self, doc: StoredDocument, mentions: list[Mention], claims: list[Claim],
                      version: str) -> None:
        """Replace the stored mentions and claims of one document (one transaction)."""

    def mentions(self) -> list[Mention]: ...

    def claims(self) -> list[Claim]: ...

    def add_correction(self, target: str, action: str, doc_sha256: str, anchor: dict, values: dict,
                       author: str) -> Correction: ...

    def withdraw_correction(self, fid: int, author: str) -> None: ...

    def corrections(self) -> list[Correction]:
        """Active corrections, oldest first."""

    def add_place(self, place: LocalPlace) -> LocalPlace: ...

    def places(self) -> list[LocalPlace]: ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def revision(self) -> int:
        """A number that grows with every change (by any process): what caches are keyed on."""

    def edit_log(self) -> list[dict]:
        """The analyst's changes (ingests, corrections, places added), oldest first: n, at, author,
        action, detail."""

    def events(self) -> list[dict]:
        """The program's own steps (migrations, analyses), oldest first: n, at, action, detail."""

    def backup(self, target) -> object:
        """Copy the workspace as committed to the new file ``target`` (safe while others write)."""

    def write_layers(self, frames: dict) -> None:
        """Replace the derived map layers (places, zones, corridors) with these GeoDataFrames."""

    def close(self) -> None: ...
