"""The whole pipeline in one process: documents -> mentions -> claims -> places, zones, corridors.

>>> from geo.documents import load_paths
>>> docs, errors = load_paths(["data/demo"])  # doctest: +SKIP
>>> analysis = analyse(docs)  # doctest: +SKIP

A corpus on a Dask cluster goes through :mod:`geo.scale`, which calls :func:`extract` here.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from geo.aggregate import assemble
from geo.claims import ClaimExtractor
from geo.geoparse import Geoparser
from geo.model import Analysis, Claim, Document, Mention
from geo.time import date_claims


@lru_cache(maxsize=1)
def default_geoparser() -> Geoparser:
    return Geoparser()


def extract(doc: Document, parser: Geoparser | None = None, local_places=()) -> tuple[list[Mention], list[Claim]]:
    """Mentions and claims of one document, each claim dated (:mod:`geo.time`).

    ``local_places``: a workspace's own gazetteer entries, found too (:func:`local_mentions`).
    """
    parser = parser or default_geoparser()
    mentions = local_mentions(doc, parser.parse(doc), local_places)
    return mentions, date_claims(doc, ClaimExtractor().extract(doc, mentions))


def claims_for_documents(docs: Iterable[Document], min_confidence: float = 0.0) -> Iterator[Claim]:
    """Claims of many documents, in input order (those below ``min_confidence`` left out)."""
    parser = default_geoparser()
    for doc in docs:
        yield from (c for c in extract(doc, parser)[1] if c.confidence >= min_confidence)


def analyse(docs: list[Document], min_confidence: float = 0.0) -> Analysis:
    """Run every stage over ``docs`` (claims below ``min_confidence`` left out before aggregation)."""
    parser = default_geoparser()
    mentions: list[Mention] = []
    claims: list[Claim] = []
    for doc in docs:
        doc_mentions, doc_claims = extract(doc, parser)
        mentions.extend(doc_mentions)
        claims.extend(c for c in doc_claims if c.confidence >= min_confidence)
    return assemble(docs, mentions, claims)


# --------------------------------------------------------------------------- workspaces

# the package's parts that do not change what an analysis finds (every other file counts, so a new
# stage or knowledge file is covered without being listed)
NOT_ANALYSER_PARTS = ("mapview", "io", "workspace", "aggregate", "app", "cli.py", "evaluate.py", "assets.py",
                      "scale.py", "settings.py", "__main__.py", "__pycache__")


def analyser_version() -> str:
    """A version string of everything an analysis depends on: the gazetteer index fingerprint, a
    hash of the stages' code and data files (lexicons, cue words), the user's lexicon files
    (``$GEO_LEXICON_DIR``) and whether the dependency parse is on (and with which model). A
    workspace re-analyses a document when this differs from the version it was analysed with."""
    import hashlib

    from geo.knowledge.records import user_files
    from geo.settings import current

    digest = hashlib.sha256(_package_version().encode())
    for path in user_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    if current().analysis_key():
        digest.update(current().analysis_key().encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _package_version() -> str:
    """The gazetteer fingerprint and the stages' code and data files, hashed (about 10 ms, once)."""
    import hashlib
    from pathlib import Path

    from geo.geoparse.gazetteer import _fingerprint

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(_fingerprint().encode())
    for base in sorted(p for p in package.iterdir() if p.name not in NOT_ANALYSER_PARTS):
        for path in sorted(base.rglob("*") if base.is_dir() else [base]):
            if path.is_file() and path.suffix in (".py", ".csv", ".txt", ".json", ".tsv", ".yaml", ".toml"):
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def workspace_version(workspace) -> str:
    """:func:`analyser_version` plus a digest of the workspace's own gazetteer layer: adding a
    place or an alias there re-analyses the documents, so claims about it are found."""
    import hashlib
    import json

    places = [(p.place_id, p.name, p.lat, p.lon, list(p.names)) for p in workspace.places()]
    if not places:
        return analyser_version()
    digest = hashlib.sha256(json.dumps(places, ensure_ascii=False).encode()).hexdigest()[:8]
    return f"{analyser_version()}+ws{digest}"


def local_mentions(doc: Document, mentions: list[Mention], local_places) -> list[Mention]:
    """``mentions`` plus the names of the workspace's own gazetteer found in ``doc`` (whole words,
    any case); a local name takes over an unresolved mention of the same span, never a placed one."""
    import re

    if not local_places:
        return mentions
    taken = [(m.start, m.end) for m in mentions if m.role != "unresolved"]
    found: dict[tuple[int, int], Mention] = {}
    names = sorted(((name, p) for p in local_places for name in p.names or (p.name,)), key=lambda np: -len(np[0]))
    for name, place in names:  # longest first: "Khirbet Umm Sakhr" before "Umm Sakhr"
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text, re.IGNORECASE):
            s, e = match.span()
            if any(s < b and a < e for a, b in [*taken, *found]):
                continue
            found[(s, e)] = Mention(doc.id, s, e, match.group(), "place", place.place_id, place.name,
                                    place.lat, place.lon, place.country, place.kind, 1, 0.9)
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < e and s < m.end for s, e in found)]
    return sorted(kept + list(found.values()), key=lambda m: (m.start, m.end))


def update_workspace(workspace, on_document=None) -> int:
    """Analyse the workspace's documents whose text, analyser version or own gazetteer changed, each
    in its own transaction; ``on_document(stored)`` is called after each. Returns how many."""
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


def analyse_workspace(workspace, update: bool = True, write_layers: bool = False, min_confidence: float = 0.0):
    """The analysis of a workspace with its corrections applied: (Analysis, Corrected, doc hashes).

    Only documents that changed are analysed again (``update``); ``write_layers`` stores the
    places, zones and corridors as layers of the workspace for GIS users. Claims below
    ``min_confidence`` are left out of the analysis unless an analyst corrected or confirmed them."""
    from geo.aggregate import apply_corrections, carry_over

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
    return analysis, corrected, hashes


def layers_stale(workspace) -> bool:
    """Whether the workspace changed since its places, zones and corridors layers were written."""
    return workspace.get_meta("layers_revision") != str(workspace.revision())


def store_layers(workspace, analysis: Analysis) -> None:
    """Write the analysis's places, zones and corridors as layers of the workspace (for GIS users)."""
    from geo.io.frames import layer_frames

    revision = workspace.revision()
    workspace.write_layers(layer_frames(analysis))
    workspace.set_meta("layers_revision", str(revision))


def place_values(workspace, place_id: str) -> dict | None:
    """What a re-placed mention takes from a place: from the workspace's own gazetteer layer, else
    from the compiled gazetteer; None when neither knows the id."""
    for p in workspace.places():
        if p.place_id == place_id:
            return _values(p, p.place_id)
    place = default_geoparser().index.place(place_id)
    return None if place is None else _values(place, place.id)


def _values(place, place_id: str) -> dict:
    """The fields a mention takes from a gazetteer place (``Place`` or a workspace gazetteer row)."""
    return {"place_id": place_id, "name": place.name, "lat": place.lat, "lon": place.lon, "country": place.country,
            "kind": place.kind}


def place_candidates(surface: str) -> list[dict]:
    """The gazetteer places a name could stand for (most populous first), for re-placing a mention."""
    from geo.geoparse.gazetteer import default_index
    from geo.geoparse.normalize import name_key

    found = {p.id: _values(p, p.id) for p in default_index().candidates(name_key(surface))}
    return list(found.values())
