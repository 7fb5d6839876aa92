"""The parts of the page: the sidebar (documents, filters, exports), the claims panel, the sources
side by side, the document reader and the unresolved names (the map: :mod:`geo.app.mapframe`; the
time control and the changes between two dates: :mod:`geo.app.timeview`)."""
from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from geo.app.memory import kept
from geo.app.corpus import Corpus, WorkspaceCorpus, md_escape
from geo.documents import MAX_BYTES, SUFFIXES
from geo.aggregate import PlaceAccounts, contradictions, contradictions_csv, filter_analysis, unresolved
from geo.aggregate.contradictions import contradiction_rows
from geo.aggregate.filtering import ClaimFilter
from geo.aggregate.timeline import as_of
from geo.io.geojson import GEOJSON_MEDIA_TYPE, geojson_bytes
from geo.mapview import map_html
from geo.mapview.panel import claim_order, claims_html, document_html
from geo.mapview.keys import place_key
from geo.mapview.selection import FeatureIndex, Selection, click_signature
from geo.mapview.places import ranked_holders
from geo.mapview.text import esc
from geo.model import Analysis, Document, PlaceSummary

# What the panel renders before a "show all": a place named in 400 claims by 200 sources made 70 KB
# of HTML, which the browser sanitises and lays out on every click (half a second at 5,000 claims)
PANEL_LIMIT = 30  # claims
SOURCES_LIMIT = 12  # sources' accounts side by side
MAX_DOC_BUTTONS = 6  # beyond this many source documents, one selectbox instead of buttons
FILTER_KEYS = {"actors": "f_actor", "relations": "f_relation", "stances": "f_stance", "docs": "f_doc"}


# --------------------------------------------------------------------------- cached work


@st.cache_resource(max_entries=16)
def view_cached(key: str, filters: tuple, _analysis: Analysis) -> Analysis:
    """The filtered analysis, once per corpus and filter choice (the day chosen in the time control
    included: the state on that day, then the filters)."""
    chosen = dict(filters)
    day = chosen.pop("as_of", None)
    keep_undated = chosen.pop("undated", True)
    return kept(filter_analysis(as_of(_analysis, day, keep_undated) if day else _analysis, **chosen))


@st.cache_resource(max_entries=16)
def contradictions_cached(key: str, filters: tuple, _analysis: Analysis) -> Contradictions:
    """Each source's latest account of each place (up to the day chosen), the filters applied to
    the claims first, with its table rows and CSV; once per corpus, filters and day."""
    chosen = dict(filters)
    day = chosen.pop("as_of", None)
    # each source's latest word: its undated claims are its word when it dates none, unless the
    # "undated claims count" switch is off (as for the map's state)
    keep_undated = chosen.pop("undated", True)
    least = chosen.pop("min_confidence", 0.0)
    rule = ClaimFilter.of(**chosen)
    claims = [c for c in _analysis.claims if c.confidence >= least]
    accounts = contradictions(rule.claims(claims) if rule.active else claims, day, keep_undated)
    rows = contradiction_rows(accounts)
    shown = [{k: r[k] for k in ("place", "why", "source", "date", "account", "stance", "sentence")}
             for r in rows if r["disagree"]]
    return kept(Contradictions(accounts, shown, len(rows), contradictions_csv(accounts).encode("utf-8")))


@dataclass(frozen=True)
class Contradictions:
    """The sources side by side: per place (``accounts``), the table rows of the places where
    they disagree (``disputed_rows``), how many rows in all, and the whole table as CSV."""

    accounts: list[PlaceAccounts]
    disputed_rows: list[dict]
    rows: int
    csv: bytes


RESET_KEY = "reset_corpus"


def uploader_key(corpus: Corpus) -> str:
    return f"uploads_{corpus.state.upload_generation}"


def take_uploads(corpus: Corpus) -> list[tuple[str, str]]:
    """The sidebar's requests since the last run, taken before anything is drawn: the files added
    (joined to the corpus; the refused ones returned as (name, reason)) and a reset. The sidebar
    that shows them (:func:`sidebar_uploads`) is drawn after the map, from the same widget keys:
    its widgets' scripts load after the map's then."""
    if not isinstance(corpus, WorkspaceCorpus) and st.session_state.get(RESET_KEY):
        corpus.reset()
        st.rerun()
    day = st.session_state.get("upload_date")
    given = day.isoformat() if isinstance(day, dt.date) else None
    refused = []
    for f in st.session_state.get(uploader_key(corpus)) or []:
        error = corpus.add_upload(f.file_id, f.name, f.getvalue(), given)
        if error:
            refused.append((f.name, error))
    return refused


def sidebar_uploads(corpus: Corpus, refused: list[tuple[str, str]] = ()) -> None:
    """The uploader (any file is taken, so a .docx or .pdf gets a visible reason, not a red icon),
    the document count (the uploads of this run joined: :func:`take_uploads`) and the files refused."""
    st.sidebar.header("Documents")
    where = "workspace" if isinstance(corpus, WorkspaceCorpus) else "starting folder"
    st.sidebar.caption(f"{len(corpus.documents)} documents; {where} "
                       f"{md_escape(Path(corpus.state.corpus_source).name or '.')}")
    if corpus.state.get("corpus_missing"):
        st.sidebar.error(f"The starting folder {md_escape(corpus.state.corpus_source)} does not exist "
                         "(check --corpus); add documents below.")
    for message in corpus.state.corpus_errors:
        st.sidebar.warning(md_escape(message))
    st.sidebar.file_uploader(
        f"Add documents ({', '.join(SUFFIXES)}; up to {MAX_BYTES // 2**20} MB each)", accept_multiple_files=True,
        key=uploader_key(corpus),
    )
    upload_date()
    for name, error in refused:
        st.sidebar.error(f"**{md_escape(name)}** was not loaded: {md_escape(error)}")
    if not isinstance(corpus, WorkspaceCorpus):
        st.sidebar.button("Reset to the starting documents", key=RESET_KEY)


# --------------------------------------------------------------------------- time (geo.time, geo.aggregate.timeline)


def upload_date() -> str | None:
    """A publication date for the files added next, given by the user (else each file's own)."""
    day = st.sidebar.date_input("Publication date of the files added (overrides the date they state)", value=None,
                                key="upload_date", format="YYYY-MM-DD")
    return day.isoformat() if day else None


TABLE_CSS = """<style>
.geo-table-wrap { overflow-y: auto; border: 1px solid #e6e6e6; border-radius: 4px; }
.geo-table { width: 100%; border-collapse: collapse; font-size: 0.85em; }
.geo-table th { position: sticky; top: 0; background: #f7f7f7; text-align: left; font-weight: 600; padding: 3px 6px; }
.geo-table td { border-top: 1px solid #eee; padding: 3px 6px; vertical-align: top; }
</style>"""


def html_table(header: list[str], rows, css_class: str, max_height: int) -> str:
    """A small scrolling table, every cell escaped (st.dataframe's grid scripts are heavy: they
    would load with the first page and slow the map's appearance)."""
    body = "".join("<tr>" + "".join(f"<td>{esc('' if v is None else str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    return (f'{TABLE_CSS}<div class="geo-table-wrap" style="max-height:{max_height}px"><table class="geo-table '
            f'{css_class}"><tr>{head}</tr>{body}</table></div>')


def _options(values) -> list[str]:
    return [v for v, _ in sorted(Counter(v for v in values if v).items(), key=lambda kv: (-kv[1], kv[0]))]


def _filter_choices(analysis: Analysis) -> dict[str, tuple[str, list[str]]]:
    return {
        "actors": ("Actor", _options(c.actor for c in analysis.claims)),
        "relations": ("Relation", _options(c.relation for c in analysis.claims)),
        "stances": ("Stance", _options(c.stance for c in analysis.claims)),
        "docs": ("Source document", sorted({d.id for d in analysis.documents} | {c.doc for c in analysis.claims})),
    }


def chosen_filters(analysis: Analysis) -> dict[str, list[str] | float | None]:
    """The filters chosen in the sidebar (read from their widgets' state: the sidebar is drawn
    after the map, by :func:`sidebar_filters`); an empty choice means "all"."""
    from geo.service import confidence_thresholds

    chosen: dict[str, list[str] | float | None] = {}
    for field, (_, options) in _filter_choices(analysis).items():
        key = FILTER_KEYS[field]
        if key in st.session_state:  # drop choices a corpus change made impossible
            st.session_state[key] = [v for v in st.session_state[key] if v in options]
        picked = st.session_state.get(key) or []
        chosen[field] = None if set(picked) in (set(), set(options)) else list(picked)  # all = no filter
    chosen["min_confidence"] = float(st.session_state.get("f_confidence", confidence_thresholds()[0]))
    return chosen


def sidebar_filters(analysis: Analysis) -> None:
    """Multiselects for actor, relation, stance and document, and the confidence slider (their
    values: :func:`chosen_filters`)."""
    st.sidebar.header("Filters")
    for field, (label, options) in _filter_choices(analysis).items():
        st.sidebar.multiselect(label, options, key=FILTER_KEYS[field], placeholder=f"All ({len(options)})")
    from geo.service import confidence_thresholds

    default, suggested = confidence_thresholds()
    st.sidebar.slider(
        "Minimum confidence", 0.0, 1.0, float(default), 0.05, key="f_confidence",
        help="Claims below it are hidden. A long-form claim's confidence ranks it by the share of such claims "
             f"found right on the annotated articles developed on ({suggested:g} is the calibration's suggestion); "
             "it is not yet a share you can read across texts. Claims an analyst confirmed count as 1. "
             "0 shows every claim.")


def sidebar_exports(view: Analysis, day: dt.date | None = None, review=None) -> None:
    """The downloads of what is shown (``view``: the state on ``day``, or every claim for None),
    each written when its button is clicked (a GeoJSON written on every run cost a quarter of a
    second at 5,000 claims, and its 5 MB were sent to the page each time). A workspace's GeoJSON
    carries each claim's ``claim_id`` and ``review`` (``review``: its ReviewedAnalysis), as
    ``geo export --workspace`` writes them."""
    st.sidebar.header("Export what is shown")
    n = len(view.places) + len(view.claims) + len(view.zones) + len(view.corridors)
    columns = (lambda: review.claim_columns(view)) if review is not None else (lambda: None)
    st.sidebar.download_button(f"GeoJSON ({n} features)", data=lambda: geojson_bytes(view, columns()),
                               file_name="conflict-map.geojson", mime=GEOJSON_MEDIA_TYPE, on_click="ignore",
                               key="export_geojson")
    st.sidebar.download_button("Standalone map (HTML)", data=lambda: map_html(view, day=day).encode("utf-8"),
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
        st.session_state.panel_all = st.session_state.panel_sources_all = False
        st.session_state.panel_doc = None


def _open_doc(doc_id: str) -> None:
    st.session_state.open_doc = doc_id


def select_place(key: str) -> None:
    st.session_state.selection = Selection("place", key)
    st.session_state.panel_all = st.session_state.panel_sources_all = False
    st.session_state.panel_doc = None


SOURCES_CSS = """<style>
.geo-sources { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.82em; margin: 2px 0 10px; }
.geo-sources th { text-align: left; color: #555; font-weight: 600; border-bottom: 1px solid #ccc; padding: 2px 4px; }
.geo-sources td { vertical-align: top; padding: 3px 4px 0; overflow-wrap: anywhere; }
.geo-sources tr.geo-old td { color: #888; }
.geo-sources .geo-acc { font-weight: 600; }
.geo-sources td.geo-sent { font-size: 0.92em; color: #333; padding: 1px 4px 4px 12px; border-bottom: 1px solid #eee; }
.geo-why { font-size: 0.85em; color: #8a0f3d; margin: 0 0 2px; }
</style>"""
SOURCES_COLUMNS = (("source", "36%"), ("date", "24%"), ("says", "40%"))  # the sentence: a row under them


def sources_html(row: PlaceAccounts, limit: int | None = None) -> str:
    """Each source's latest account of one place, side by side (every text escaped); the first
    ``limit`` of them (all for None). The panel beside the map is narrow: each account is a row of
    source, date and what it says, with its sentence wrapped in a row of its own under them."""
    lines = []
    for a in row.accounts[:limit]:
        old = "" if a.current else ' class="geo-old" title="much older than the newest account: history"'
        lines.append(f"<tr{old}><td><code>{esc(a.source)}</code></td><td>{esc(a.date or 'undated')}</td>"
                     f'<td class="geo-acc">{esc(a.summary)}</td></tr>'
                     f'<tr{old}><td class="geo-sent" colspan="{len(SOURCES_COLUMNS)}">{esc(a.sentence[:300])}</td></tr>')
    why = f'<p class="geo-why">Sources disagree: {esc(row.why)}</p>' if row.disagree else ""
    head = "".join(f'<th style="width:{width}">{name}</th>' for name, width in SOURCES_COLUMNS)
    return f'{SOURCES_CSS}{why}<table class="geo-sources"><tr>{head}</tr>{"".join(lines)}</table>'


def selection_panel(view: Analysis, full: Analysis, documents: dict[str, Document],
                    accounts: list[PlaceAccounts] | None = None) -> None:
    """The claims behind the selected place, zone or corridor; for a place, first each source's
    latest account side by side. With nothing selected, the places where sources disagree."""
    selection: Selection | None = st.session_state.get("selection")
    index = FeatureIndex(view)
    if selection is None:
        st.info("Click a place, zone or corridor on the map to read the claims behind it.")
        disagreements(view, accounts or [])
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
    elif isinstance(item, PlaceSummary) and item.claims:
        facts.append("held by nobody, by these claims")
    st.caption(" · ".join(facts))
    if st.button("Clear selection", key="clear_selection"):
        st.session_state.selection = None
        st.rerun()
    if isinstance(item, PlaceSummary):
        row = next((r for r in accounts or [] if r.place_id == item.place_id), None)
        if row is not None:
            st.markdown("**Sources side by side** (each one's latest word)")
            every = st.session_state.get("panel_sources_all")
            st.html(sources_html(row, None if every else SOURCES_LIMIT))
            if len(row.accounts) > SOURCES_LIMIT:
                st.toggle(f"Show all {len(row.accounts)} sources' accounts (first {SOURCES_LIMIT} shown)",
                          key="panel_sources_all")
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


DISAGREEMENT_BUTTONS = 8


def disagreements(view: Analysis, accounts: list[PlaceAccounts]) -> None:
    """The places where sources disagree, most sources first: one click opens a place's accounts."""
    keys = {p.place_id: place_key(p) for p in view.places}
    disputed = [r for r in accounts if r.disagree and r.place_id in keys]
    if not disputed:
        st.caption("No place where the sources' latest accounts disagree.")
        return
    st.markdown(f"**Where the sources disagree** ({len(disputed)} place{'s' if len(disputed) != 1 else ''})")
    for row in disputed[:DISAGREEMENT_BUTTONS]:
        st.button(f"{row.place} · {len(row.sources)} sources · {row.why}"[:90], key=f"disagree_{keys[row.place_id]}",
                  on_click=select_place, args=(keys[row.place_id],))
    if len(disputed) > DISAGREEMENT_BUTTONS:
        st.caption(f"… and {len(disputed) - DISAGREEMENT_BUTTONS} more in the table below the map.")


TABLE_ROWS = 400  # rows drawn in the table (the CSV has them all)


def contradictions_table(table: Contradictions) -> None:
    """The accounts of the places where sources disagree, source by source; every place's as CSV."""
    accounts = table.accounts
    disputed = sum(1 for r in accounts if r.disagree)
    st.header(f"Sources side by side ({disputed} of {len(accounts)} places disputed)", anchor=False)
    if not table.rows:
        st.caption("No claim says who holds a place under these filters.")
        return
    shown = table.disputed_rows[:TABLE_ROWS]
    more = f"; the first {TABLE_ROWS} of {len(table.disputed_rows)} rows shown" if len(table.disputed_rows) > TABLE_ROWS else ""
    st.caption(f"Each source's latest account of each place where the sources disagree, newest first{more}. "
               f"The CSV holds every place's accounts ({table.rows} rows), the places that agree too.")
    # drawn on demand: the data grid's scripts load with the first table on a page, and would slow
    # the map's first appearance
    if shown and st.toggle(f"Show the table ({len(shown)} rows)", key="contra_table"):
        st.dataframe(shown, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(shown)))
    st.download_button("Download as CSV", data=table.csv, file_name="sources-side-by-side.csv", mime="text/csv",
                       on_click="ignore", key="export_contradictions")


def unresolved_table(view: Analysis) -> None:
    mentions = unresolved(view)
    st.subheader(f"Unresolved mentions ({len(mentions)})", anchor=False)
    if not mentions:
        st.caption("Every place name found was placed on the map.")
        return
    counts = Counter((m.surface, m.doc) for m in mentions)
    st.html(html_table(["name", "document", "times"], [(s, d, n) for (s, d), n in counts.most_common()],
                       "geo-unresolved", 300))


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
            print(f"geo-app: script run {st.session_state.script_runs} took {elapsed:.3f} s (started at "
                  f"{time.time() - elapsed:.3f})", flush=True)


# --------------------------------------------------------------------------- workspace and corrections
# The workspace (geo.workspace) keeps documents, their analysis and the analyst's corrections in one
# GeoPackage; everything about it in the app is in this section.

