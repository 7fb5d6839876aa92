"""The analyst's corrections to a workspace: find a claim by its id, confirm, reject or change it,
re-place a mention, mark a name as not a place, add to the workspace's own gazetteer, withdraw a
correction, the edit log. Each correction re-derives the map layers."""
from __future__ import annotations

import csv
from pathlib import Path

from geo.model import Claim, Mention
from geo.service.errors import NotFound, UsageError
from geo.service.places import place_values
from geo.service.workspaces import analyse_workspace, refresh
from geo.workspace import Correction, LocalPlace, Workspace, claim_anchor, mention_anchor

CLAIM_VALUES = ("actor", "relation", "stance", "date")  # what `geo correct set` may change


def find_claim(workspace: Workspace, wanted: str) -> tuple[Claim, str]:
    """(claim as extracted, its document's text hash) for a claim id, kept or rejected."""
    reviewed = analyse_workspace(workspace)
    corrected = reviewed.corrected
    for claim in [*corrected.origin.values(), *(c for c, _ in corrected.rejected)]:
        if reviewed.claim_id(claim) == wanted.strip():
            return claim, reviewed.hashes[claim.doc]
    raise NotFound(f"no claim {wanted!r} in {workspace.path} (ids are printed by `geo claims --workspace`)")


def correct_claim(workspace: Workspace, wanted: str, action: str, author: str, values: dict | None = None,
                  new_actor: bool = False) -> Correction:
    """Confirm (``action`` 'confirm'), reject ('reject') or change ('set': ``values`` of
    :data:`CLAIM_VALUES`, checked; an actor the lexicon does not know only with ``new_actor``)."""
    if action == "set":
        values = {k: v for k, v in (values or {}).items() if k in CLAIM_VALUES and v}
        if not values:
            raise UsageError("say what to change: --actor, --relation, --stance or --date")
        from geo.aggregate.corrections import checked_values

        values = checked_values(values, new_actor=new_actor)
    claim, sha = find_claim(workspace, wanted)
    fix = workspace.add_correction("claim", action, sha, claim_anchor(claim), values or {}, author)
    refresh(workspace)
    return fix


def known_place(workspace: Workspace, place_id: str) -> dict:
    """:func:`geo.service.places.place_values`, or :class:`NotFound`."""
    values = place_values(workspace, place_id)
    if values is None:
        raise NotFound(f"no place {place_id!r} in the gazetteer (look one up with `geo geocode NAME`)")
    return values


def replace_mention(workspace: Workspace, doc: str, start: int, end: int, author: str, place_id: str | None = None,
                    lonlat: tuple[float, float] | None = None, name: str | None = None) -> tuple[Correction, Mention]:
    """Re-place the mention at ``doc`` ``start``-``end``: at a gazetteer place (``place_id``) or at a
    point (``lonlat``, shown as ``name`` or the mention's own text)."""
    hashes = {d.document.id: d.text_sha256 for d in workspace.documents()}
    mention = next((m for m in workspace.mentions() if (m.doc, m.start, m.end) == (doc, start, end)), None)
    if mention is None:
        raise NotFound(f"no mention at {doc} {start}-{end} (spans: `geo mentions --workspace`)")
    if place_id:
        values = known_place(workspace, place_id)
    else:
        from geo.aggregate.corrections import checked_point

        lon, lat = checked_point(*lonlat)
        values = {"place_id": f"pt:{lon:.5f},{lat:.5f}", "name": name or mention.surface, "lat": lat, "lon": lon,
                  "kind": "point", "country": ""}
    fix = workspace.add_correction("mention", "place", hashes[doc], mention_anchor(mention), values, author)
    refresh(workspace)
    return fix, mention


def mark_not_place(workspace: Workspace, name: str, author: str) -> Correction:
    """Mark ``name`` as never a place, in every document."""
    fix = workspace.add_correction("name", "not_place", "", {"name": name}, {}, author)
    refresh(workspace)
    return fix


def add_local_place(workspace: Workspace, name: str, author: str, lonlat: tuple[float, float] | None = None,
                    kind: str = "village", country: str = "", place_id: str | None = None) -> LocalPlace:
    """Add ``name`` to the workspace's own gazetteer: a new place at ``lonlat``, or a local name of
    the known place ``place_id``. The documents are analysed again, so claims about it appear."""
    if place_id is None:
        from geo.aggregate.corrections import checked_point

        lon, lat = checked_point(*lonlat)
        place = LocalPlace(0, name, lat, lon, kind, country, "", (name,), author)
    else:
        v = known_place(workspace, place_id)
        place = LocalPlace(0, v["name"], v["lat"], v["lon"], v["kind"], v["country"], v["place_id"], (name,), author)
    stored = workspace.add_place(place)
    refresh(workspace)
    return stored


def withdraw(workspace: Workspace, number: int, author: str) -> None:
    """Withdraw correction ``number``."""
    workspace.withdraw_correction(number, author)
    refresh(workspace)


def write_edit_log_csv(workspace: Workspace, path: str | Path) -> Path:
    """The workspace's edit log as CSV (one row per change: n, at, author, action, detail)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["n", "at", "author", "action", "detail"])
        writer.writeheader()
        writer.writerows(workspace.edit_log())
    return Path(path)
