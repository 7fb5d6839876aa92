"""Conflict map: where do the documents say who holds what, and who says so?

    geo app                                   # your workspace (seeded with the demo corpus on first use)
    geo app --workspace W.gpkg                # another workspace file (created when missing)
    geo app --corpus DIR                      # a folder of .txt/.md/.html/.pdf/.docx files, this session only
    python -m geo.app [...]                   # the same
    streamlit run app.py [-- ...]             # the same from a source checkout

In a workspace, uploads and corrections are stored in the file and survive restarts.

A thin shell over the ``geo`` package: documents -> ``geo.pipeline.analyse`` -> filters
(``geo.aggregate.filter_analysis``) -> map (``geo.mapview``) and exports (``geo.io``).
Nothing is fetched from the internet while it runs; map assets come from the vendored folder
(``python -m geo.assets`` fills it once), served by streamlit's static file serving.
"""
from __future__ import annotations

import sys
import threading
import time

import streamlit as st

from geo.app.corpus import (DEFAULT_ANALYSER, AppConfig, WorkspaceCorpus, analyse_cached, fingerprint, md_escape,
                            open_corpus, parse_args, prepare_gazetteer, workspace_analysis)
from geo.app.mapframe import asset_base, map_update, show_map
from geo.app.panels import (RunCounter, chosen_filters, contradictions_cached, contradictions_table,
                            document_reader, selection_panel, sidebar_exports, sidebar_filters,
                            sidebar_uploads, take_uploads, unresolved_table, update_selection, view_cached)
from geo.app.review import (claim_review_panel, invalid_corrections, mention_review_panel,
                            sidebar_workspace)
from geo.app.timeview import changes_view, frame_day, next_play_day, play_next, time_control, time_state
from geo.assets import assets_present
from geo.mapview.behaviour import MAP_DRAWN_KEY
from geo.mapview.selection import FeatureIndex
from geo.service import ReviewedAnalysis
from geo.settings import Settings, install


PAGE_CSS = """<style>
/* the map is the page: little padding, the title in the browser tab, counters small */
[data-testid="stHeader"] { height: 2.5rem !important; min-height: 2.5rem !important; background: transparent !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 2.6rem 0.75rem 1rem 0.75rem !important;
  max-width: 100% !important; }
[data-testid="stMetric"] { padding: 0 !important; }
[data-testid="stMetricValue"] { font-size: 1.05rem !important; line-height: 1.2 !important; }
[data-testid="stMetricLabel"] p { font-size: 0.68rem !important; }
[data-testid="stMetricLabel"] { min-height: 0 !important; }
</style>"""
MAP_SHARE = 0.74  # of the page's width; the claims panel docks in the rest
# A session's first run draws the map alone and ends: the map's frame says when the map is drawn
# (MapBehaviour: a value of the map component), which runs the script again for the rest of the
# page, the map left as it is. Nothing waits in the script, so a page closed meanwhile costs the
# server nothing. A map that never says so (no map assets, another streamlit-folium) gets the rest
# of the page from a timer the browser runs after FIRST_RUN_MOST seconds.
FIRST_RUN_MOST = 8.0  # s: a cold first load draws the map in up to 7-10 s on a busy machine; the rest
# of the page run meanwhile would be drawn beside a map still loading (two map frames for a moment)
REST_MARK = '<style id="geo-page-rest"></style>'  # (no room taken) the map's frame reports only to a page without it


def main(argv: list[str] | None = None) -> None:
    install(Settings.from_environment())  # the app is a shell: its settings come from the environment
    config = parse_args(sys.argv[1:] if argv is None else argv)
    st.set_page_config(page_title="Conflict map", layout="wide", initial_sidebar_state="collapsed")
    counter = RunCounter(config.debug_runs)
    try:
        run_page(config)
    finally:
        counter.done()


def map_only_first(click: dict | None) -> bool:
    """Whether this run draws the map alone: a session's first run, in a browser, until the map's
    frame reports the map drawn (then, and from then on, the whole page)."""
    if st.session_state.get("page_drawn"):
        return False
    if _browser_page() and not (click or {}).get(MAP_DRAWN_KEY):
        st.session_state.rest_armed = True
        _rest_timer()
        return True
    st.session_state.page_drawn = True  # (headless, as in AppTest: no browser to wait for)
    return False


def _browser_page() -> bool:
    """Whether a browser page is connected to this session (not so under AppTest)."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return (ctx is not None and runtime.exists()
            and runtime.get_instance().is_active_session(ctx.session_id) is True)


@st.fragment(run_every=FIRST_RUN_MOST)
def _rest_timer() -> None:
    """The rest of the page after FIRST_RUN_MOST s, when the map's frame has not reported (run by
    the browser: a closed page runs nothing)."""
    if st.session_state.pop("rest_armed", False):
        return  # run with the page
    st.session_state.page_drawn = True
    st.rerun()


def counters(full, view) -> None:
    """Small counters in one row."""
    cols = st.columns(5, gap="small")
    for col, (label, value) in zip(cols, [("documents", len(full.documents)), ("claims shown", len(view.claims)),
                                          ("places", sum(1 for p in view.places if p.claims)),
                                          ("zones", len(view.zones)), ("corridors", len(view.corridors))]):
        col.metric(label, value)


def run_page(config: AppConfig) -> None:
    """The page, the map first: what the sidebar's and the time control's widgets ask for is read
    from their state, the map is drawn, then the widgets and everything else. The browser loads
    each kind of element's script when it first meets one, so the map's frame starts loading
    before the sidebar's and the panels' scripts (the widgets keep their keys, so a choice made
    in one works as it did)."""
    corpus = open_corpus(config)
    if corpus is None:
        return
    refused = take_uploads(corpus)
    documents = {d.id: d for d in corpus.documents}
    st.html(PAGE_CSS)
    if not documents:
        st.session_state.pop("recovery_note", None)  # said once
        sidebar_uploads(corpus, refused)
        st.info("No documents yet: add .txt, .md, .html, .pdf or .docx files in the sidebar (the arrow at the "
                "top left opens it).")
        return
    if config.analyser == DEFAULT_ANALYSER:
        prepare_gazetteer()
    review: ReviewedAnalysis | None = None
    if isinstance(corpus, WorkspaceCorpus):
        corpus_key, full, review = workspace_analysis(corpus)
    else:
        corpus_key = fingerprint(corpus.documents) + config.analyser
        try:
            full = analyse_cached(corpus_key, config.analyser, tuple(corpus.documents))
        except ImportError as err:
            sidebar_uploads(corpus, refused)
            st.error(f"The analyser {md_escape(config.analyser)} could not be loaded: {md_escape(str(err))}")
            return
    filters = chosen_filters(full)
    day = time_state(full)
    filter_key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in filters.items())
    filter_key += (("as_of", day),) + ((("undated", False),) if day and not st.session_state.get("t_undated", True) else ())
    view = view_cached(corpus_key, filter_key, full)
    # the map's frame: the same for every day of the slider (the latest day's view), so a new day
    # only refills it
    frame_key = tuple((k, frame_day(full, day) if k == "as_of" else v) for k, v in filter_key)
    frame = (frame_key, view if frame_key == filter_key else view_cached(corpus_key, frame_key, full))

    offline_ok = assets_present()
    left, right = st.columns([MAP_SHARE, 1 - MAP_SHARE], gap="small")
    with left:
        if not offline_ok:
            st.warning("Map assets are missing, so the map needs the internet. "
                       "Run `python -m geo.assets` once to work offline.")
        base = asset_base() if offline_ok else None
        click = show_map(corpus_key, filter_key, view, base, frame)
    if map_only_first(click):
        return
    st.html(REST_MARK)
    with right:
        time_control(full, day)
    table = contradictions_cached(corpus_key, filter_key, full)
    with left:
        changes_view(corpus_key, filter_key, full, day, view)
    update_selection(click, FeatureIndex(view))
    with right:
        counters(full, view)
        selection_panel(view, full, documents, table.accounts)
        if review is not None:
            claim_review_panel(view, review)
    contradictions_table(table)
    document_reader(full, documents)
    if review is not None:
        mention_review_panel(full, review)
    unresolved_table(view)
    # the sidebar last (it is a place of its own on the page: the order it is written in is kept)
    sidebar_uploads(corpus, refused)
    if review is not None:
        sidebar_workspace(corpus)
        invalid_corrections(review)
    sidebar_filters(full)
    sidebar_exports(view, day, review)
    play_next()
    st.session_state.pop("recovery_note", None)  # said once, on the whole page (not only the map's first run)
    if st.session_state.get("t_playing"):
        prefetch_day(next_play_day(full, day), corpus_key, filter_key, full)


PREFETCH_DELAY = 0.8  # s: first the browser fetches this day's map frame from this same process (the GIL)


def prefetch_day(day, corpus_key: str, filter_key: tuple, full) -> None:
    """While playing: the view, map update and sources side by side of ``day`` (the next one), computed in
    the background while the browser draws this one; the play timer asks for it PLAY_SECONDS
    later and finds it cached (at 5,000 claims, 0.3 to 0.6 s of a step's run)."""
    if day is None:
        return
    key = tuple((k, day if k == "as_of" else v) for k, v in filter_key)

    def work() -> None:
        time.sleep(PREFETCH_DELAY)
        try:
            view = view_cached(corpus_key, key, full)
            map_update(corpus_key, key, view)
            contradictions_cached(corpus_key, key, full)
        except Exception:  # noqa: BLE001 - only a head start: the run computes it when asked
            pass

    threading.Thread(target=work, name="geo-play-prefetch", daemon=True).start()


if __name__ == "__main__":
    main()
