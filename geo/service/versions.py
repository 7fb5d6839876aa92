"""The analyser version: what a workspace compares to know which documents to analyse again.

It covers the gazetteer index (its fingerprint), the code and data files of the stages that
find places and claims, the user's lexicon files and the settings that change an analysis
(the dependency parse and its model, constructions switched off); a workspace adds its own
gazetteer layer.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from geo.settings import Settings, current

PACKAGE = Path(__file__).resolve().parent.parent
# the package's parts that do not change what an analysis finds (every other file counts, so a new
# stage or knowledge file is covered without being listed)
NOT_ANALYSER_PARTS = ("mapview", "io", "workspace", "aggregate", "app", "service", "cli.py", "evaluate.py",
                      "assets.py", "scale.py", "settings.py", "__main__.py", "__pycache__")
HASHED_SUFFIXES = (".py", ".csv", ".txt", ".json", ".tsv", ".yaml", ".toml")


def analyser_version(settings: Settings | None = None) -> str:
    """A version string of everything an analysis depends on under ``settings`` (the current
    ones by default): the packaged code and data, the user's lexicon files, the settings that
    change what is found. A workspace re-analyses a document when this differs from the version
    it was analysed with."""
    from geo.knowledge.records import user_files
    from geo.settings import using

    settings = settings or current()
    digest = hashlib.sha256(package_version().encode())
    with using(settings):
        for path in user_files():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    if settings.analysis_key():
        digest.update(settings.analysis_key().encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def package_version() -> str:
    """The gazetteer fingerprint and the stages' code and data files, hashed (about 10 ms, once)."""
    from geo.geoparse.gazetteer import index_fingerprint

    digest = hashlib.sha256(index_fingerprint().encode())
    for base in sorted(p for p in PACKAGE.iterdir() if p.name not in NOT_ANALYSER_PARTS):
        for path in sorted(base.rglob("*") if base.is_dir() else [base]):
            if path.is_file() and path.suffix in HASHED_SUFFIXES:
                digest.update(path.relative_to(PACKAGE).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def workspace_version(workspace, settings: Settings | None = None) -> str:
    """:func:`analyser_version` plus a digest of the workspace's own gazetteer layer: adding a
    place or an alias there re-analyses the documents, so claims about it are found."""
    places = [(p.place_id, p.name, p.lat, p.lon, list(p.names)) for p in workspace.places()]
    if not places:
        return analyser_version(settings)
    digest = hashlib.sha256(json.dumps(places, ensure_ascii=False).encode()).hexdigest()[:8]
    return f"{analyser_version(settings)}+ws{digest}"
