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

import streamlit as st
from streamlit_folium import st_folium

from geo.app.corpus import (DEFAULT_ANALYSER, AppConfig, WorkspaceCorpus, analyse_cached, fingerprint, md_escape,
                            open_corpus, parse_args, prepare_gazetteer, workspace_analysis)
from geo.app.panels import (MAP_HEIGHT, MAP_KEY, RunCounter, asset_base, document_reader, selection_panel,
                            sidebar_exports, sidebar_filters, sidebar_time, sidebar_uploads, unresolved_table,
                            update_selection, view_cached)
from geo.app.review import Review, claim_review_panel, mention_review_panel, sidebar_workspace
from geo.assets import assets_present
from geo.mapview import build_map
from geo.mapview.selection import CLICK_KEYS, FeatureIndex


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
