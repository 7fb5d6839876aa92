"""Conflict map: where do the documents say who holds what, and who says so?

    streamlit run app.py                         # your workspace (seeded with the demo corpus on first use)
    streamlit run app.py -- --workspace W.gpkg   # another workspace file (created when missing)
    streamlit run app.py -- --corpus DIR         # a folder of .txt/.md/.html/.pdf/.docx files, this session only

In a workspace, uploads and corrections are stored in the file and survive restarts.

A thin shell over the ``geo`` package: documents -> ``geo.pipeline.analyse`` -> filters
(``geo.aggregate.filter_analysis``) -> map (``geo.mapview``) and exports (``geo.io``).
Nothing is fetched from the internet while it runs; map assets come from ``static/vendor``
(``python -m geo.assets`` fills it once).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import streamlit as st
from streamlit_folium import st_folium

from geo.assets import assets_present
from geo.documents import MAX_BYTES, SUFFIXES, decode, load_paths
from geo.aggregate import filter_analysis, unresolved
from geo.aggregate.timeline import as_of, dates
from geo.io.geojson import GEOJSON_MEDIA_TYPE, geojson_bytes
from geo.mapview import build_map, map_html
from geo.mapview.panel import claim_order, claims_html, document_html
from geo.mapview.selection import CLICK_KEYS, FeatureIndex, Selection, click_signature
from geo.mapview.places import ranked_holders
from geo.model import Analysis, Document, PlaceSummary

HERE = Path(__file__).resolve().parent
DEMO_CORPUS = HERE / "data" / "demo"
MAP_KEY = "map"
MAP_HEIGHT = 620
PANEL_LIMIT = 60  # claims rendered in the side panel before "show all"
MAX_DOC_BUTTONS = 6  # beyond this many source documents, one selectbox instead of buttons
DEFAULT_ANALYSER = "geo.pipeline:analyse"
INDEX_SECONDS = 30  # a typical first build of the gazetteer index on a small machine (12-60 s measured)
FILTER_KEYS = {"actors": "f_actor", "relations": "f_relation", "stances": "f_stance", "docs": "f_doc"}

Analyser = Callable[[list[Document]], Analysis]


# --------------------------------------------------------------------------- configuration


DEFAULT_ANALYSER = "geo.pipeline:analyse"


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


def asset_base() -> str:
    """Where streamlit serves ``static/vendor`` (absolute, so it also resolves inside the map iframe)."""
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{prefix}/app/static/vendor" if prefix else "/app/static/vendor"


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
    return load_analyser(analyser_spec)(list(_documents))


@st.cache_resource(max_entries=16)
def view_cached(key: str, filters: tuple, _analysis: Analysis) -> tuple[Analysis, bytes]:
    """The filtered analysis and its GeoJSON export, once per corpus and filter choice (the day
    chosen in the sidebar's time section included: the state on that day, then the filters)."""
    chosen = dict(filters)
    day = chosen.pop("as_of", None)
    view = filter_analysis(as_of(_analysis, day) if day else _analysis, **chosen)
    return view, geojson_bytes(view)


def prepare_gazetteer() -> None:
    """Load the gazetteer index once per server; on a first run it is compiled, which takes a
    while: say so, with the time elapsed, instead of a bare spinner."""
    import threading

    from geo.geoparse.gazetteer import default_index

    if st.session_state.get("gazetteer_ready"):
        return
    worker = threading.Thread(target=default_index, daemon=True)
    worker.start()
    worker.join(0.5)
    if worker.is_alive():
        with st.status("First run: building the gazetteer index (places and their spellings)…",
                       expanded=True) as status:
            bar = st.progress(0.0)
            started = time.monotonic()
            while worker.is_alive():
                elapsed = time.monotonic() - started
                bar.progress(min(0.95, elapsed / INDEX_SECONDS),
                             text=f"{elapsed:.0f} s elapsed; usually {INDEX_SECONDS} s, once per machine")
                worker.join(0.5)
            status.update(label=f"Gazetteer index built in {time.monotonic() - started:.0f} s", state="complete",
                          expanded=False)
    st.session_state.gazetteer_ready = True


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


def sidebar_uploads(corpus: Corpus) -> None:
    """The uploader (any file is taken, so a .docx or .pdf gets a visible reason, not a red icon)
    and the document count, written after the uploads of this run have joined the corpus."""
    st.sidebar.header("Documents")
    caption = st.sidebar.empty()
    if corpus.state.get("corpus_missing"):
        st.sidebar.error(f"The starting folder {md_escape(corpus.state.corpus_source)} does not exist "
                         "(check --corpus); add documents below.")
    for message in corpus.state.corpus_errors:
        st.sidebar.warning(md_escape(message))
    files = st.sidebar.file_uploader(
        f"Add documents ({', '.join(SUFFIXES)}; up to {MAX_BYTES // 2**20} MB each)", accept_multiple_files=True,
        key=f"uploads_{corpus.state.upload_generation}",
    ) or []
    given = upload_date()
    for f in files:
        error = corpus.add_upload(f.file_id, f.name, f.getvalue(), given)
        if error:
            st.sidebar.error(f"**{md_escape(f.name)}** was not loaded: {md_escape(error)}")
    where = "workspace" if isinstance(corpus, WorkspaceCorpus) else "starting folder"
    caption.caption(f"{len(corpus.documents)} documents; {where} "
                    f"{md_escape(Path(corpus.state.corpus_source).name or '.')}")
    if not isinstance(corpus, WorkspaceCorpus) and st.sidebar.button("Reset to the starting documents"):
        corpus.reset()
        st.rerun()


# --------------------------------------------------------------------------- time (geo.time, geo.aggregate.timeline)


def upload_date() -> str | None:
    """A publication date for the files added next, given by the user (else each file's own)."""
    day = st.sidebar.date_input("Publication date of the files added (overrides the date they state)", value=None,
                                key="upload_date", format="YYYY-MM-DD")
    return day.isoformat() if day else None


def sidebar_time(analysis: Analysis) -> dt.date | None:
    """The day whose state the map shows (who held what then), or None for every claim at once."""
    st.sidebar.header("Time")
    steps = dates(analysis.claims)
    undated = sum(1 for c in analysis.claims if c.date is None)
    if not steps:
        st.sidebar.caption("No claim carries a date: every claim is shown.")
        return None
    st.sidebar.caption(f"Claims dated {steps[0]} to {steps[-1]}" + (f"; {undated} undated (always shown)" if undated else ""))
    if not st.sidebar.toggle("Show who held what on one day", key="t_on"):
        return None
    if len(steps) == 1:
        st.sidebar.caption(f"One day: {steps[0]}")
        return steps[0]
    if not steps[0] <= st.session_state.get("t_day", steps[-1]) <= steps[-1]:
        st.session_state.pop("t_day", None)  # a corpus change moved the range
    return st.sidebar.slider("Day", min_value=steps[0], max_value=steps[-1], value=steps[-1],
                             step=dt.timedelta(days=1), format="YYYY-MM-DD", key="t_day")


def _options(values) -> list[str]:
    return [v for v, _ in sorted(Counter(v for v in values if v).items(), key=lambda kv: (-kv[1], kv[0]))]


def sidebar_filters(analysis: Analysis) -> dict[str, list[str] | None]:
    """Multiselects for actor, relation, stance and document; empty means "all"."""
    st.sidebar.header("Filters")
    choices = {
        "actors": ("Actor", _options(c.actor for c in analysis.claims)),
        "relations": ("Relation", _options(c.relation for c in analysis.claims)),
        "stances": ("Stance", _options(c.stance for c in analysis.claims)),
        "docs": ("Source document", sorted({d.id for d in analysis.documents} | {c.doc for c in analysis.claims})),
    }
    chosen: dict[str, list[str] | None] = {}
    for field, (label, options) in choices.items():
        key = FILTER_KEYS[field]
        if key in st.session_state:  # drop choices a corpus change made impossible
            st.session_state[key] = [v for v in st.session_state[key] if v in options]
        picked = st.sidebar.multiselect(label, options, key=key, placeholder=f"All ({len(options)})")
        chosen[field] = None if set(picked) in (set(), set(options)) else list(picked)  # all = no filter
    return chosen


def sidebar_exports(view: Analysis, export: bytes) -> None:
    st.sidebar.header("Export what is shown")
    n = len(view.places) + len(view.claims) + len(view.zones) + len(view.corridors)
    st.sidebar.download_button(f"GeoJSON ({n} features)", data=export, file_name="conflict-map.geojson",
                               mime=GEOJSON_MEDIA_TYPE, on_click="ignore", key="export_geojson")
    st.sidebar.download_button("Standalone map (HTML)", data=lambda: map_html(view).encode("utf-8"),
                               file_name="conflict-map.html", mime="text/html", on_click="ignore",
                               key="export_html")


def update_selection(click: dict | None, index: FeatureIndex) -> None:
    """Turn a new map click into the selection shown in the panel."""
    signature = click_signature(click)
    if signature is None:
        st.session_state.last_click = None
        return
    if signature == st.session_state.get("last_click"):
        return
    st.session_state.last_click = signature
    selection = index.resolve(click)
    if selection is not None:
        st.session_state.selection = selection
        st.session_state.panel_all = False
        st.session_state.panel_doc = None


def _open_doc(doc_id: str) -> None:
    st.session_state.open_doc = doc_id


def selection_panel(view: Analysis, full: Analysis, documents: dict[str, Document]) -> None:
    """The claims behind the selected place, zone or corridor."""
    selection: Selection | None = st.session_state.get("selection")
    index = FeatureIndex(view)
    if selection is None:
        st.info("Click a place, zone or corridor on the map to read the claims behind it.")
        return
    item = index.get(selection)
    if item is None:
        title = FeatureIndex(full).title(selection) if FeatureIndex(full).get(selection) else "The selection"
        st.info(f"{md_escape(title)}: no claims under the current filters.")
        return
    title = index.title(selection)
    st.subheader(md_escape(title), anchor=False)
    claims = sorted(index.claims(selection), key=claim_order)
    facts = [f"{len(claims)} claim{'s' if len(claims) != 1 else ''}"]
    if getattr(item, "disputed", False):
        facts.append("**disputed**: sources disagree")
    if isinstance(item, PlaceSummary) and item.holders:  # the holder most claims name first
        facts.append("held by " + ", ".join(md_escape(h) for h in ranked_holders(item)))
    st.caption(" · ".join(facts))
    if st.button("Clear selection", key="clear_selection"):
        st.session_state.selection = None
        st.rerun()
    shown = claims if st.session_state.get("panel_all") else claims[:PANEL_LIMIT]
    st.html(claims_html(shown, documents))
    if len(claims) > PANEL_LIMIT:
        st.toggle(f"Show all {len(claims)} claims (first {PANEL_LIMIT} shown; the filters narrow them)",
                  key="panel_all")
    source_docs = sorted({c.doc for c in claims})
    if len(source_docs) <= MAX_DOC_BUTTONS:
        for doc_id in source_docs:
            st.button(f"Read {doc_id} with its places highlighted", key=f"open_{doc_id}",
                      on_click=_open_doc, args=(doc_id,))
    else:
        st.selectbox(f"Read one of its {len(source_docs)} source documents", [None, *source_docs],
                     key="panel_doc", format_func=lambda d: "choose…" if d is None else d,
                     on_change=lambda: _open_doc(st.session_state.panel_doc))


def unresolved_table(view: Analysis) -> None:
    mentions = unresolved(view)
    st.subheader(f"Unresolved mentions ({len(mentions)})", anchor=False)
    if not mentions:
        st.caption("Every place name found was placed on the map.")
        return
    counts = Counter((m.surface, m.doc) for m in mentions)
    rows = [{"name": s, "document": d, "times": n} for (s, d), n in counts.most_common()]
    st.dataframe(rows, hide_index=True, width="stretch", height=min(300, 38 + 35 * len(rows)))


def document_reader(full: Analysis, documents: dict[str, Document]) -> None:
    """The whole document, escaped, with all its mentions highlighted."""
    st.header("Read a document", anchor=False)
    ids = sorted(documents)
    if st.session_state.get("open_doc") not in ids:
        st.session_state.open_doc = None
    doc_id = st.selectbox("Document", [None, *ids], key="open_doc",
                          format_func=lambda d: "choose a document…" if d is None else d)
    if doc_id is None:
        return
    document = documents[doc_id]
    selection = st.session_state.get("selection")
    sentences = [(c.start, c.end) for c in FeatureIndex(full).claims(selection) if c.doc == doc_id]
    st.html(document_html(document, [m for m in full.mentions if m.doc == doc_id], sentences))


class RunCounter:
    """With --debug-runs: count script runs per session and time them (log line + sidebar)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()
        if enabled:
            st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
            st.sidebar.caption(f"debug: script runs = {st.session_state.script_runs}")

    def done(self) -> None:
        if self.enabled:
            elapsed = time.perf_counter() - self.started
            print(f"geo-app: script run {st.session_state.script_runs} took {elapsed:.3f} s", flush=True)


# --------------------------------------------------------------------------- workspace and corrections
# The workspace (geo.workspace) keeps documents, their analysis and the analyst's corrections in one
# GeoPackage; everything about it in the app is in this section.


def app_workspace_path(given: Path | None, corpus: Path | None, analyser: str) -> Path | None:
    """The workspace to open: --workspace, else (when neither --corpus nor another --analyser asks
    for a session-only corpus) the one in the user's data folder ($GEO_DATA_DIR, else
    $XDG_DATA_HOME/geo-conflict-map, else ~/.local/share/geo-conflict-map)."""
    import os

    if given is not None:
        return given
    if corpus is not None or analyser != DEFAULT_ANALYSER:
        return None
    base = os.environ.get("GEO_DATA_DIR") or Path(
        os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "geo-conflict-map"
    return Path(base) / "workspace.gpkg"


@dataclass
class Review:
    """A workspace analysis's corrections: what was done to each claim, and the hashes they anchor to."""

    corrected: object  # geo.aggregate.Corrected
    hashes: dict[str, str]


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
    note = st.session_state.pop("recovery_note", None)
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
    import getpass
    import os

    return st.session_state.get("author") or os.environ.get("GEO_AUTHOR") or getpass.getuser()


@st.cache_resource(show_spinner="Finding places and claims…", max_entries=8)
def workspace_analysis_cached(path: str, revision: int, _workspace) -> tuple[Analysis, Review]:
    """The corrected analysis of a workspace, once per workspace change (by any session or process)."""
    from geo.pipeline import analyse_workspace

    from geo.pipeline import layers_stale

    stale = layers_stale(_workspace)
    analysis, corrected, hashes = analyse_workspace(_workspace, update=False, write_layers=stale)
    return analysis, Review(corrected, hashes)


def workspace_analysis(corpus: WorkspaceCorpus) -> tuple[str, Analysis, Review]:
    """(cache key, analysis, review): documents not yet analysed with this analyser are analysed first."""
    from geo.pipeline import update_workspace

    workspace = corpus.workspace
    pending = workspace.needing_analysis(_analyser_version(workspace))
    if pending:
        with st.spinner(f"Finding places and claims in {len(pending)} new document(s)…"):
            update_workspace(workspace)
    revision = workspace.revision()
    full, review = workspace_analysis_cached(workspace.path, revision, workspace)
    return f"{workspace.path}#{revision}", full, review


def _analyser_version(workspace) -> str:
    from geo.pipeline import workspace_version

    return workspace_version(workspace)


def sidebar_workspace(corpus: WorkspaceCorpus) -> None:
    """Who is correcting, and the edit log as CSV."""
    import csv
    import io

    st.sidebar.header("Workspace")
    st.sidebar.caption(f"{md_escape(corpus.workspace.path)}: documents, analysis and corrections are kept here")
    st.sidebar.text_input("Your name (stored with your corrections)", key="author", placeholder=app_author())

    def log_csv() -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["n", "at", "author", "action", "detail"])
        writer.writeheader()
        writer.writerows(corpus.workspace.edit_log())
        return out.getvalue().encode("utf-8")

    st.sidebar.download_button("Edit log (CSV)", data=log_csv, file_name="edit-log.csv", mime="text/csv",
                               on_click="ignore", key="export_edit_log")


def invalid_corrections(review: Review) -> None:
    """Corrections stored by an older version with values that cannot be applied: skipped, listed
    here, and withdrawable."""
    invalid = review.corrected.invalid
    if not invalid:
        return
    with st.sidebar.expander(f"{len(invalid)} invalid correction(s) skipped", expanded=True):
        for fix, why in invalid:
            st.markdown(f"**{fix.fid}** {md_escape(fix.describe())}: {md_escape(why)}")
            st.button("Withdraw", key=f"withdraw_invalid_{fix.fid}", on_click=_withdraw, args=(fix.fid,))


def _claim_label(claim) -> str:
    to = f" → {claim.to_place}" if claim.to_place else ""
    return f"{claim.doc}: {claim.actor} {claim.relation} {claim.place}{to} ({claim.stance})"


def _workspace():
    return st.session_state.workspace


def _correct_claim(review: Review, claim, action: str, values: dict | None = None) -> None:
    from geo.workspace import claim_anchor

    origin = review.corrected.origin.get(claim, claim)
    _workspace().add_correction("claim", action, review.hashes.get(claim.doc, ""), claim_anchor(origin),
                                values or {}, app_author())


def _withdraw(fid: int) -> None:
    _workspace().withdraw_correction(fid, app_author())


def claim_review_panel(view: Analysis, review: Review) -> None:
    """Confirm, reject or change the claims behind the selection; what was done to them, by whom."""
    from geo.workspace import claim_anchor

    selection = st.session_state.get("selection")
    index = FeatureIndex(view)
    if selection is None or index.get(selection) is None:
        return
    claims = sorted(index.claims(selection), key=lambda c: (c.doc, c.start, c.place_start))
    corrected = review.corrected
    place_ids = {c.place_id for c in claims}
    rejected = [(c, note) for c, note in corrected.rejected if c.place_id in place_ids]
    with st.expander(f"Review these claims ({len(claims)} shown, {len(rejected)} rejected)", expanded=bool(rejected)):
        for claim in claims:
            for note in corrected.notes.get(claim, []):
                st.caption(f"{md_escape(_claim_label(claim))}: {md_escape(note)}")
        by_anchor = {(c.doc_sha256, json_key(c.anchor)): c for c in _workspace().corrections()
                     if c.action == "reject"}
        for claim, note in rejected:
            st.markdown(f"~~{md_escape(_claim_label(claim))}~~ — {md_escape(note)}")
            fix = by_anchor.get((review.hashes.get(claim.doc, ""), json_key(claim_anchor(claim))))
            if fix is not None:
                st.button("Restore", key=f"restore_{fix.fid}", on_click=_withdraw, args=(fix.fid,))
        if not claims:
            return
        from geo.aggregate import claim_id

        by_id = {claim_id(corrected.origin.get(c, c), review.hashes.get(c.doc, "")): c for c in claims}
        if st.session_state.get("review_claim") not in by_id:
            st.session_state.pop("review_claim", None)  # the claim picked before is gone (rejected, filtered)
        picked = st.selectbox("Claim", list(by_id), key="review_claim", format_func=lambda i: _claim_label(by_id[i]))
        claim = by_id[picked] if picked in by_id else claims[0]
        st.caption(md_escape(claim.text[:400]))
        left, right = st.columns(2)
        left.button("Confirm", key="review_confirm", on_click=_correct_claim, args=(review, claim, "confirm"))
        right.button("Reject", key="review_reject", on_click=_correct_claim, args=(review, claim, "reject"))
        with st.form("review_change", clear_on_submit=False):
            actor = st.text_input("Actor", value=claim.actor, help="an actor of the lexicon, or a name it knows "
                                  "for one ('Syrian Democratic Forces' is SDF)")
            new_actor = st.checkbox("A new actor the lexicon does not know", key="review_new_actor")
            relation = st.selectbox("Relation", RELATIONS, index=RELATIONS.index(claim.relation)
                                    if claim.relation in RELATIONS else 0)
            stance = st.selectbox("Stance", STANCES, index=STANCES.index(claim.stance)
                                  if claim.stance in STANCES else 0)
            date = st.text_input("Date (2017-10-17, 2017-W42, 2017-10 or 2017)",
                                 value=str(getattr(claim, "date", "") or ""))
            if st.form_submit_button("Save changes"):
                from geo.aggregate.corrections import CorrectionError, checked_values

                values = {k: v for k, v in (("actor", actor.strip()), ("relation", relation), ("stance", stance),
                                            ("date", date.strip()))
                          if v and v != str(getattr(claim, k, "") or "")}
                try:
                    values = checked_values(values, new_actor=new_actor)
                except CorrectionError as err:
                    st.error(f"Not saved: {md_escape(str(err))}")
                    values = {}
                if values:
                    _correct_claim(review, claim, "set", values)
                    st.rerun()


RELATIONS = ["control", "lost", "contested", "presence", "advance", "strike", "corridor"]
STANCES = ["asserted", "alleged", "denied", "disputed"]


def json_key(anchor: dict) -> str:
    import json

    return json.dumps(anchor, sort_keys=True)


def mention_review_panel(full: Analysis, review: Review) -> None:
    """Re-place a place name of the open document, mark a name as not a place, or add it to the
    workspace's own gazetteer."""
    from geo.workspace import LocalPlace, mention_anchor

    doc_id = st.session_state.get("open_doc")
    if not doc_id:
        return
    mentions = [m for m in full.mentions if m.doc == doc_id and m.role != "actor"]
    if not mentions:
        return
    with st.expander("Correct a place name in this document"):
        by_span = {f"{m.start}-{m.end}": m for m in mentions}
        if st.session_state.get("review_mention") not in by_span:
            st.session_state.pop("review_mention", None)
        picked = st.selectbox("Name", list(by_span), key="review_mention",
                              format_func=lambda s: f"{by_span[s].surface} (at {by_span[s].start}) → "
                                                    f"{by_span[s].name or 'unresolved'}")
        mention = by_span.get(picked, mentions[0])
        how = st.radio("Correction", ["Another gazetteer place", "A point (lon, lat)", "Not a place (everywhere)",
                                      "A new place in this workspace's gazetteer"], key="review_how")
        values: dict | None = None
        if how == "Another gazetteer place":
            from geo.pipeline import place_candidates

            options = place_candidates(mention.surface)
            choice = st.selectbox("Place", range(len(options)), key="review_candidate",
                                  format_func=lambda i: f"{options[i]['name']} ({options[i]['kind']}, "
                                                        f"{options[i]['country']}) {options[i]['place_id']}")
            if options and choice is not None:
                values = options[choice]
        elif how in ("A point (lon, lat)", "A new place in this workspace's gazetteer"):
            lon = st.number_input("Longitude", value=float(mention.lon or 38.0), format="%.5f", key="review_lon")
            lat = st.number_input("Latitude", value=float(mention.lat or 35.0), format="%.5f", key="review_lat")
            values = {"place_id": f"pt:{lon:.5f},{lat:.5f}", "name": mention.surface, "lat": lat, "lon": lon,
                      "kind": "point", "country": ""}
        if st.button("Save correction", key="review_save_mention"):
            workspace = _workspace()
            if how == "Not a place (everywhere)":
                workspace.add_correction("name", "not_place", "", {"name": mention.surface}, {}, app_author())
            elif how == "A new place in this workspace's gazetteer" and values:
                place = workspace.add_place(LocalPlace(0, mention.surface, values["lat"], values["lon"], "village",
                                                       "", "", (mention.surface,), app_author()))
                workspace.add_correction("mention", "place", review.hashes.get(mention.doc, ""),
                                         mention_anchor(mention), {**values, "place_id": place.place_id,
                                                                   "kind": place.kind}, app_author())
            elif values:
                workspace.add_correction("mention", "place", review.hashes.get(mention.doc, ""),
                                         mention_anchor(mention), values, app_author())
            st.rerun()


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    config = parse_args(sys.argv[1:] if argv is None else argv)
    st.set_page_config(page_title="Conflict map", layout="wide")
    counter = RunCounter(config.debug_runs)
    try:
        run_page(config)
    finally:
        counter.done()


def run_page(config: AppConfig) -> None:
    corpus = open_corpus(config)
    if corpus is None:
        return
    sidebar_uploads(corpus)
    documents = {d.id: d for d in corpus.documents}

    st.title("Conflict map", anchor=False)
    if not documents:
        st.info("No documents yet: add .txt, .md, .html, .pdf or .docx files in the sidebar.")
        return
    if config.analyser == DEFAULT_ANALYSER:
        prepare_gazetteer()
    review: Review | None = None
    if isinstance(corpus, WorkspaceCorpus):
        corpus_key, full, review = workspace_analysis(corpus)
        sidebar_workspace(corpus)
        invalid_corrections(review)
    else:
        corpus_key = fingerprint(corpus.documents) + config.analyser
        try:
            full = analyse_cached(corpus_key, config.analyser, tuple(corpus.documents))
        except ImportError as err:
            st.error(f"The analyser {md_escape(config.analyser)} could not be loaded: {md_escape(str(err))}")
            return
    filters = sidebar_filters(full)
    filter_key = tuple((k, tuple(v) if v is not None else None) for k, v in filters.items())
    filter_key += (("as_of", sidebar_time(full)),)
    view, export = view_cached(corpus_key, filter_key, full)
    sidebar_exports(view, export)

    cols = st.columns(5)
    for col, (label, value) in zip(cols, [("documents", len(full.documents)), ("claims shown", len(view.claims)),
                                          ("places", sum(1 for p in view.places if p.claims)),
                                          ("zones", len(view.zones)), ("corridors", len(view.corridors))]):
        col.metric(label, value)

    offline_ok = assets_present()
    if not offline_ok:
        st.warning("Map assets are missing from static/vendor, so the map needs the internet. "
                   "Run `python -m geo.assets` once to work offline.")
    left, right = st.columns([5, 3], gap="medium")
    with left:
        fmap = build_map(view, asset_base=asset_base() if offline_ok else None, view_key=corpus_key[:16],
                         popups=False)
        # render=False: st_folium renders the map itself once more anyway; the default render=True
        # renders the whole figure twice (measured: same arguments, a third of the time).
        click = st_folium(fmap, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True,
                          returned_objects=list(CLICK_KEYS), render=False)
    update_selection(click, FeatureIndex(view))
    with right:
        selection_panel(view, full, documents)
        if review is not None:
            claim_review_panel(view, review)
        unresolved_table(view)
    document_reader(full, documents)
    if review is not None:
        mention_review_panel(full, review)


if __name__ == "__main__":
    main()
