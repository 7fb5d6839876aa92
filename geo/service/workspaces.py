"""Workspace use cases: ingest files, analyse what changed, the analysis with the analyst's
corrections applied, the map layers stored for GIS users, a consistent backup."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from geo.documents import DocumentError, iter_sources
from geo.model import Analysis
from geo.service.versions import workspace_version
from geo.workspace import StoredDocument, Workspace, open_workspace

if TYPE_CHECKING:
    from geo.aggregate import Corrected


class ReviewedAnalysis(NamedTuple):
    """A workspace's analysis with its corrections applied; unpacks as (analysis, corrected, hashes)."""

    analysis: Analysis
    corrected: Corrected  # what was done to each claim, and the corrections that could not be applied
    hashes: dict[str, str]  # document id -> text hash (what claim ids and corrections anchor to)

    def claim_columns(self, analysis: Analysis | None = None) -> dict[str, list[str]]:
        """``claim_id`` and ``review`` (the corrections made to it) of each claim of ``analysis``
        (this one, or a view of it), as the exports add them."""
        claims = (analysis or self.analysis).claims
        return {"claim_id": [self.claim_id(c) for c in claims],
                "review": ["; ".join(self.corrected.notes.get(c, [])) for c in claims]}

    def claim_id(self, claim) -> str:
        """The id of a (possibly corrected) claim: that of the claim as extracted."""
        from geo.aggregate import claim_id

        return claim_id(self.corrected.origin.get(claim, claim), self.hashes.get(claim.doc, ""))


def workspace_files(workspace: Workspace) -> set[Path]:
    """The workspace file and its journal files: never read as documents (a folder being ingested
    may hold the workspace; opening and closing it outside SQLite would drop the locks)."""
    path = Path(workspace.path).resolve()
    return {path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))}


def ingest(workspace: Workspace, paths: Iterable[str], author: str, on_error: Callable[[DocumentError], None],
           on_added: Callable[[StoredDocument], None] | None = None, date: str | None = None) -> tuple[int, int]:
    """Store the files under ``paths`` in the workspace (a changed file as a new version of its
    document); ``date`` replaces the date each states. Returns (added, already there)."""
    added = same = 0
    for item in iter_sources(paths, skip=workspace_files(workspace)):
        if isinstance(item, DocumentError):
            on_error(item)
            continue
        if date:
            item = replace(item, document=replace(item.document, date=date))
        stored, new = workspace.add_source(item, author)
        if new:
            added += 1
            if on_added:
                on_added(stored)
        else:
            same += 1
    return added, same


def update_workspace(workspace: Workspace, on_document: Callable[[StoredDocument], None] | None = None) -> int:
    """Analyse the workspace's documents whose text, analyser version or own gazetteer changed, each
    in its own transaction; ``on_document(stored)`` is called after each. Returns how many."""
    from geo.pipeline import default_geoparser, extract

    version = workspace_version(workspace)
    parser = default_geoparser()
    local_places = workspace.places()
    pending = workspace.needing_analysis(version)
    for stored in pending:
        mentions, claims = extract(stored.document, parser, local_places)
        workspace.save_analysis(stored, mentions, claims, version)
        if on_document:
            on_document(stored)
    return len(pending)


def analyse_workspace(workspace: Workspace, update: bool = True, write_layers: bool = False,
                      min_confidence: float = 0.0) -> ReviewedAnalysis:
    """The analysis of a workspace with its corrections applied.

    Only documents that changed are analysed again (``update``); ``write_layers`` stores the
    places, zones and corridors as layers of the workspace for GIS users. Claims below
    ``min_confidence`` are left out of the analysis unless an analyst corrected or confirmed them."""
    from geo.aggregate import apply_corrections, assemble, carry_over

    if update:
        update_workspace(workspace)
    stored = workspace.documents()
    hashes = {d.document.id: d.text_sha256 for d in stored}
    corrections = workspace.corrections()
    older = {c.doc_sha256 for c in corrections if c.doc_sha256} - set(hashes.values())
    if older:  # corrections made on an earlier version of a document that changed since
        current = {d.document.id: (d.text_sha256, d.document.text) for d in stored}
        corrections = carry_over(corrections, current, workspace.texts_by_hash(older))
    corrected = apply_corrections(workspace.mentions(), workspace.claims(), corrections, hashes,
                                  workspace.places())
    claims = [c for c in corrected.claims if c.confidence >= min_confidence or c in corrected.notes]
    analysis = assemble([d.document for d in stored], corrected.mentions, claims)
    if write_layers:
        store_layers(workspace, analysis)
    return ReviewedAnalysis(analysis, corrected, hashes)


def ingest_and_analyse(workspace: Workspace, paths: Iterable[str], author: str,
                       on_error: Callable[[DocumentError], None], on_added=None, on_analysed=None,
                       date: str | None = None, analyse: bool = True) -> tuple[int, int, int]:
    """``geo ingest``: store the files, analyse what changed and bring the map layers up to date.
    Returns (added, already there, analysed)."""
    added, same = ingest(workspace, paths, author, on_error, on_added, date)
    analysed = 0
    if analyse:
        analysed = update_workspace(workspace, on_document=on_analysed)
        if layers_stale(workspace):
            analyse_workspace(workspace, update=False, write_layers=True)
    return added, same, analysed


def layers_stale(workspace: Workspace) -> bool:
    """Whether the workspace changed since its places, zones and corridors layers were written."""
    return workspace.get_meta("layers_revision") != str(workspace.revision())


def store_layers(workspace: Workspace, analysis: Analysis) -> None:
    """Write the analysis's places, zones and corridors as layers of the workspace (for GIS users)."""
    from geo.io.frames import layer_frames

    revision = workspace.revision()
    workspace.write_layers(layer_frames(analysis))
    workspace.set_meta("layers_revision", str(revision))


def refresh(workspace: Workspace) -> None:
    """Re-derive the map layers after a correction (re-analysing the documents first when the
    workspace's own gazetteer changed)."""
    analyse_workspace(workspace, update=True, write_layers=True)


class Backup(NamedTuple):
    """What ``geo workspace backup`` wrote."""

    path: Path
    documents: int
    corrections: int  # active ones


def backup(path: str, output: str) -> Backup:
    """Copy the workspace at ``path`` to the new file ``output`` consistently (SQLite's backup API),
    even while the app or ``geo ingest`` writes to it."""
    with open_workspace(path, create=False) as workspace:
        target = workspace.backup(output)
        return Backup(target, len(workspace.documents()), len(workspace.corrections()))
