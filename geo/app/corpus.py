"""The app's corpus: command-line options, the documents of a session or a workspace, and their
analysis (cached once per content and analyser)."""
from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.resources
import re
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import streamlit as st

from geo.app.memory import kept
from geo.documents import MAX_BYTES, SUFFIXES, decode, load_paths
from geo.model import Analysis, Document
from geo.service import ReviewedAnalysis, analyse_workspace, layers_stale
from geo.settings import current

# the built-in demo corpus (written by the project), shipped in the package (geo/app/demo; a source
# checkout's data/demo points there): the default workspace starts with it, from a wheel too
DEMO_CORPUS = Path(str(importlib.resources.files("geo.app") / "demo"))
DEFAULT_ANALYSER = "geo.pipeline:analyse"

Analyser = Callable[[list[Document]], Analysis]


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class AppConfig:
    """Command-line options (after ``--`` on the streamlit command line)."""

    corpus: Path
    analyser: str
    debug_runs: bool
    workspace: Path | None = None  # None: the documents live in this browser session only


def parse_args(argv: list[str]) -> AppConfig:
    parser = argparse.ArgumentParser(prog="app.py", add_help=False, allow_abbrev=False)
    parser.add_argument("--corpus", type=Path, default=None, help="folder of documents to open")
    parser.add_argument("--workspace", type=Path, default=None, help="workspace file (.gpkg) to open")
    parser.add_argument("--analyser", default=DEFAULT_ANALYSER,
                        help="module:function turning documents into an Analysis")
    parser.add_argument("--debug-runs", action="store_true", help="count script runs (log + sidebar)")
    known, _ = parser.parse_known_args(argv)
    return AppConfig(known.corpus or DEMO_CORPUS, known.analyser, known.debug_runs,
                     app_workspace_path(known.workspace, known.corpus, known.analyser))


def load_analyser(spec: str) -> Analyser:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "analyse")


def md_escape(text: str) -> str:
    """Escape Markdown so a file name or message is shown literally in st.error/st.caption."""
    return re.sub(r"([\\`*_{}\[\]()#+!|<>~$:])", r"\\\1", text)



# --------------------------------------------------------------------------- cached work


def fingerprint(documents: list[Document]) -> str:
    """A digest of the documents' ids and contents: the cache key of their analysis."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.id):
        for part in (doc.id, doc.text, doc.date or ""):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
    return digest.hexdigest()


# cache_resource, not cache_data: the analysis is shared read-only (filter_analysis builds new
# objects), and copying 5,000 claims out of a pickle on every rerun cost more than the map.
@st.cache_resource(show_spinner="Finding places and claims…", max_entries=16)
def analyse_cached(key: str, analyser_spec: str, _documents: tuple[Document, ...]) -> Analysis:
    """The analysis of a corpus, computed once per corpus content and analyser."""
    return kept(load_analyser(analyser_spec)(list(_documents)))


# the first build of the gazetteer index, shared by the sessions of this server: its lock and how
# far it has got (GazetteerIndex.load's progress callback writes it, the sessions' bars read it)
_INDEX_LOCK = threading.Lock()
_INDEX_BUILD = {"share": 0.0, "step": "starting"}


def _report_build(share: float, step: str) -> None:
    _INDEX_BUILD.update(share=share, step=step)


def _load_index(loader: Callable | None = None) -> None:
    """Build the index if needed (reporting each step), then load the process-wide one."""
    from geo.geoparse.gazetteer import GazetteerIndex, default_index

    with _INDEX_LOCK:
        if loader is None and default_index.cache_info().currsize:
            return
        (loader or GazetteerIndex.load)(progress=_report_build)
        if loader is None:
            kept(default_index())


def prepare_gazetteer(loader: Callable | None = None) -> None:
    """Load the gazetteer index once per server; on a first run it is compiled, which takes a
    while: say so with a progress bar fed by the build's own steps (``GazetteerIndex.load``'s
    progress callback), not a bare spinner. ``loader`` replaces ``GazetteerIndex.load`` (tests)."""
    if st.session_state.get("gazetteer_ready"):
        return
    worker = threading.Thread(target=_load_index, args=(loader,), daemon=True)
    worker.start()
    worker.join(0.5)
    if worker.is_alive():
        with st.status("First run: building the gazetteer index (places and their spellings)…",
                       expanded=True) as status:
            bar = st.progress(0.0)
            started = time.monotonic()
            shown = None
            while worker.is_alive():
                now = (round(_INDEX_BUILD["share"], 3), _INDEX_BUILD["step"])
                if now != shown:
                    shown = now
                    bar.progress(min(1.0, max(0.0, now[0])), text=f"{now[0]:.0%}: {now[1]}; once per machine")
                worker.join(0.2)
            now = (_INDEX_BUILD["share"], _INDEX_BUILD["step"])
            bar.progress(min(1.0, max(0.0, now[0])), text=f"{now[0]:.0%}: {now[1]}")
            status.update(label=f"Gazetteer index built in {time.monotonic() - started:.0f} s", state="complete",
                          expanded=False)
    st.session_state.gazetteer_ready = True


# --------------------------------------------------------------------------- corpus


# --------------------------------------------------------------------------- corpus


def upload_problem(name: str, data: bytes) -> str | None:
    """Why an uploaded file is refused before it is read (too large, a type we cannot read), or None."""
    if len(data) > MAX_BYTES:
        return f"the file is {len(data) / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB"
    if not name.lower().endswith(SUFFIXES):
        return f"unsupported file type; expected one of {', '.join(SUFFIXES)}"
    return None


class Corpus:
    """The documents of this session, kept in ``st.session_state`` across reruns and uploads."""

    def __init__(self, config: AppConfig) -> None:
        state = st.session_state
        if "corpus" not in state:
            docs, errors = load_paths([config.corpus]) if config.corpus.is_dir() else ([], [])
            state.corpus = {d.id: d for d in docs}
            state.corpus_errors = [f"{e.path}: {e.message}" for e in errors]
            state.corpus_missing = not config.corpus.is_dir()
            state.corpus_source = str(config.corpus)
            state.upload_seen = {}
            # a reset keeps counting: the uploader gets a key it never had, so it starts empty
            state.upload_generation = state.get("upload_generation", 0)
        self.state = state

    @property
    def documents(self) -> list[Document]:
        return list(self.state.corpus.values())

    def add_upload(self, file_id: str, name: str, data: bytes, date: str | None = None) -> str | None:
        """Add one uploaded file (``date``: a publication date the user gave); return an error
        message instead when it cannot be read."""
        seen = self.state.upload_seen
        if file_id in seen:
            return seen[file_id]
        error = upload_problem(name, data)
        if error is None:
            try:
                self._store(name, data, date)
            except ValueError as err:
                error = str(err)
        seen[file_id] = error
        return error

    def _store(self, name: str, data: bytes, date: str | None) -> None:
        """Keep one readable upload (ValueError when it cannot be read)."""
        self._add(decode(name, data, date=date))

    def _add(self, doc: Document) -> None:
        corpus = self.state.corpus
        if doc.id in corpus and corpus[doc.id].text == doc.text:
            return
        base, n = doc.id, 2
        while doc.id in corpus:
            doc = replace(doc, id=f"{base} ({n})")
            n += 1
        corpus[doc.id] = doc

    def reset(self) -> None:
        for key in ("corpus", "corpus_errors", "upload_seen", "selection", "last_click", "open_doc"):
            self.state.pop(key, None)
        self.state.upload_generation = self.state.get("upload_generation", 0) + 1


# --------------------------------------------------------------------------- page parts


# --------------------------------------------------------------------------- workspace
# The workspace (geo.workspace) keeps documents, their analysis and the analyst's corrections in one
# GeoPackage; the corpus side of it is here, the corrections in geo.app.review.


def app_workspace_path(given: Path | None, corpus: Path | None, analyser: str) -> Path | None:
    """The workspace to open: --workspace, else (when neither --corpus nor another --analyser asks
    for a session-only corpus) the one in the user's data folder ($GEO_DATA_DIR, else
    $XDG_DATA_HOME/geo-conflict-map, else ~/.local/share/geo-conflict-map)."""
    if given is not None:
        return given
    if corpus is not None or analyser != DEFAULT_ANALYSER:
        return None
    return current().data_dir / "workspace.gpkg"




class WorkspaceCorpus(Corpus):
    """The documents of a workspace file: uploads are stored in it and survive restarts.

    Each browser session has its own connection (SQLite serialises the writers)."""

    def __init__(self, config: AppConfig) -> None:
        from geo.workspace import open_workspace

        state = st.session_state
        if state.get("workspace_path") != str(config.workspace):
            state.workspace = open_workspace(str(config.workspace))
            state.workspace_path = str(config.workspace)
            state.corpus_errors = []
            state.upload_seen = {}
            state.upload_generation = state.get("upload_generation", 0)
            if not state.workspace.documents() and config.corpus.exists():  # first use: seed it
                from geo.documents import DocumentError, iter_sources

                for item in iter_sources([config.corpus]):
                    if isinstance(item, DocumentError):
                        state.corpus_errors.append(str(item))
                    else:
                        state.workspace.add_source(item, author=app_author())
        state.corpus_source = str(config.workspace)
        self.state = state
        self.workspace = state.workspace

    @property
    def documents(self) -> list[Document]:
        """The current documents, read again only when the workspace changed."""
        revision = self.workspace.revision()
        cached = self.state.get("workspace_documents")
        if cached is None or cached[0] != revision:
            cached = (revision, [d.document for d in self.workspace.documents()])
            self.state.workspace_documents = cached
        return cached[1]

    def _store(self, name: str, data: bytes, date: str | None) -> None:
        """Store one upload in the workspace (ValueError when it cannot be read)."""
        from geo.documents import source_of

        self.workspace.add_source(source_of(name, data, date=date), author=app_author())


def open_corpus(config: AppConfig) -> Corpus | None:
    """The session's corpus: a workspace when there is one, else documents held in the session.
    A workspace that cannot be opened gets the recovery choices instead (and None)."""
    if config.workspace is None:
        return Corpus(config)
    from geo.workspace import WorkspaceError

    chosen = st.session_state.get("workspace_choice")
    if chosen:
        config = replace(config, workspace=Path(chosen))
    note = st.session_state.get("recovery_note")  # until the page after it is drawn whole (geo.app.main)
    if note:
        st.info(md_escape(note))
    try:
        return WorkspaceCorpus(config)
    except WorkspaceError as err:
        workspace_recovery(config.workspace, str(err))
        return None


def workspace_recovery(path: Path, problem: str) -> None:
    """Why the workspace cannot be opened, and the ways on: move it aside (never deleted) and
    start a new one at the same place, or open another file."""
    st.title("Conflict map", anchor=False)
    st.error(md_escape(problem))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Start a new workspace at** `{md_escape(str(path))}`. The file there is renamed "
                    "and kept beside it, not deleted.")
        if st.button("Move it aside and start anew", key="recover_move"):
            from geo.workspace import WorkspaceError, move_aside

            try:
                moved = move_aside(path)
            except (WorkspaceError, OSError) as err:
                st.error(md_escape(f"It could not be moved: {err}"))
                return
            st.session_state.pop("workspace_path", None)
            st.session_state.recovery_note = f"The unreadable workspace was kept as {moved}; a new one starts here."
            st.rerun()
    with right:
        st.markdown("**Or open another workspace file** (.gpkg; a new name starts an empty one).")
        other = st.text_input("Workspace file", key="recover_other", placeholder=str(path.with_name("other.gpkg")))
        if st.button("Open", key="recover_open") and other.strip():
            st.session_state.workspace_choice = str(Path(other.strip()).expanduser())
            st.session_state.pop("workspace_path", None)
            st.rerun()


def app_author() -> str:
    """Who is making changes in this session (the sidebar field; $GEO_AUTHOR or the login by default)."""
    return st.session_state.get("author") or current().who()


@st.cache_resource(show_spinner="Finding places and claims…", max_entries=8)
def workspace_analysis_cached(path: str, revision: int, _workspace) -> ReviewedAnalysis:
    """The corrected analysis of a workspace, once per workspace change (by any session or process)."""
    return kept(analyse_workspace(_workspace, update=False, write_layers=layers_stale(_workspace)))


def workspace_analysis(corpus: WorkspaceCorpus) -> tuple[str, Analysis, ReviewedAnalysis]:
    """(cache key, analysis, review): documents not yet analysed with this analyser are analysed first."""
    from geo.service import update_workspace

    workspace = corpus.workspace
    pending = workspace.needing_analysis(_analyser_version(workspace))
    if pending:
        with st.spinner(f"Finding places and claims in {len(pending)} new document(s)…"):
            update_workspace(workspace)
    revision = workspace.revision()
    review = workspace_analysis_cached(workspace.path, revision, workspace)
    return f"{workspace.path}#{revision}", review.analysis, review


def _analyser_version(workspace) -> str:
    from geo.service import workspace_version

    return workspace_version(workspace)

