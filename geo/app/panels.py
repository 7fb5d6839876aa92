"""The parts of the page: the sidebar (documents, filters, exports), the time control, the map, the
claims panel, the sources side by side, the document reader and the unresolved names."""
from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from pathlib import Path

import streamlit as st

from geo.app.corpus import Corpus, WorkspaceCorpus, md_escape
from geo.documents import MAX_BYTES, SUFFIXES
from geo.aggregate import filter_analysis, unresolved
from geo.aggregate.timeline import as_of, dates
from geo.io.geojson import GEOJSON_MEDIA_TYPE, geojson_bytes
from geo.mapview import map_html
from geo.mapview.panel import claim_order, claims_html, document_html
from geo.mapview.selection import FeatureIndex, Selection, click_signature
from geo.mapview.places import ranked_holders
from geo.model import Analysis, Document, PlaceSummary

MAP_KEY = "map"
MAP_HEIGHT = 620
PANEL_LIMIT = 60  # claims rendered in the side panel before "show all"
MAX_DOC_BUTTONS = 6  # beyond this many source documents, one selectbox instead of buttons
FILTER_KEYS = {"actors": "f_actor", "relations": "f_relation", "stances": "f_stance", "docs": "f_doc"}


def asset_base() -> str:
    """Where streamlit serves ``static/vendor`` (absolute, so it also resolves inside the map iframe)."""
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{prefix}/app/static/vendor" if prefix else "/app/static/vendor"


# --------------------------------------------------------------------------- cached work


@st.cache_resource(max_entries=16)
def view_cached(key: str, filters: tuple, _analysis: Analysis) -> tuple[Analysis, bytes]:
    """The filtered analysis and its GeoJSON export, once per corpus and filter choice (the day
    chosen in the sidebar's time section included: the state on that day, then the filters)."""
    chosen = dict(filters)
    day = chosen.pop("as_of", None)
    view = filter_analysis(as_of(_analysis, day) if day else _analysis, **chosen)
    return view, geojson_bytes(view)


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

