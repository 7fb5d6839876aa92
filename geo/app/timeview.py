"""The time parts of the page: the "As of" day slider with play/pause, and the changes between
two dates (places that changed hands, were gained or lost, became or stopped being disputed)."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import streamlit as st

from geo.aggregate.timeline import (PlaceChange, changes, claim_period, coarse_claims, latest_day, slider_days,
                                    state_window)
from geo.app.memory import kept
from geo.app.panels import select_place, html_table
from geo.aggregate.filtering import ClaimFilter
from geo.mapview.keys import place_key
from geo.mapview.text import esc
from geo.model import Analysis


@st.cache_resource(max_entries=16)
def _time_facts(analysis_id: int, _analysis: Analysis) -> tuple[list, list, int, tuple]:
    """(slider days, month/year-dated claims, undated count, (first, last) dated day) of an analysis."""
    claims = _analysis.claims
    firsts = [claim_period(c)[0] for c in claims if c.date]
    return (slider_days(claims), coarse_claims(claims), sum(1 for c in claims if c.date is None),
            (min(firsts), max(firsts)) if firsts else ())


@st.cache_resource(max_entries=64)
def _state_window(analysis_id: int, day: dt.date, _analysis: Analysis):
    return state_window(_analysis.claims, day)


def keep_undated(undated: int) -> bool:
    """Whether undated claims speak on the day shown (the "Undated claims count" switch; on by
    default, as for ``--as-of``)."""
    return not undated or st.session_state.get("t_undated", True)


def time_state(analysis: Analysis) -> dt.date | None:
    """The day whose state the map shows, or None for every claim at once ("All dates"), read
    from the time control's widgets (drawn after the map by :func:`time_control`); a play step
    moves it one day on.

    By default the latest day a claim is dated to: each source's latest word about each place,
    as ``--as-of`` gives it. The slider spans the claims dated to a day or a week; those dated only
    to a month or a year do not stretch it."""
    days, coarse, _, _ = _time_facts(id(analysis), analysis)
    if not days and not coarse:
        return None
    if len(days) > 1:
        if not days[0] <= st.session_state.get("t_day", days[-1]) <= days[-1]:
            st.session_state.pop("t_day", None)  # a corpus change moved the range
        if st.session_state.pop("t_tick", False) and st.session_state.get("t_playing"):
            st.session_state.t_day = _next_day(days, st.session_state.get("t_day", days[-1]))
        if st.session_state.get("t_playing") and st.session_state.get("t_day", days[-1]) >= days[-1]:
            st.session_state.t_playing = False  # the last day reached
    if st.session_state.get("t_all", False):
        st.session_state.t_playing = False
        return None
    if len(days) > 1:
        return st.session_state.get("t_day", days[-1])
    return days[0] if days else latest_day(analysis.claims)


def frame_day(analysis: Analysis, day: dt.date | None) -> dt.date | None:
    """The day whose view frames the map for every day of the slider (its last day; ``day`` itself
    when there is no slider, or None for "All dates")."""
    days = _time_facts(id(analysis), analysis)[0]
    return days[-1] if day is not None and len(days) > 1 else day


def time_control(analysis: Analysis, day: dt.date | None) -> None:
    """The "All dates" switch, play/pause, the "As of" slider and the dates the state on ``day``
    (:func:`time_state`) rests on."""
    days, coarse, undated, dated = _time_facts(id(analysis), analysis)
    if not days and not coarse:
        st.caption("No claim carries a date: every claim is shown.")
        return
    switch, play = st.columns([0.7, 0.3], vertical_alignment="center", gap="small")
    with switch:
        every = st.toggle("All dates (every claim at once)", key="t_all")
    if len(days) > 1:
        playing = st.session_state.get("t_playing", False)
        with play:
            st.button("\u23f8 Pause" if playing else "\u25b6 Play", key="t_play", on_click=_toggle_play, args=(days,),
                      disabled=every, help="Step the map through the days on which claims begin, one every "
                                           f"{PLAY_SECONDS:g} s (from the first day when at the last).")
    if every:
        st.caption(f"Every claim at once, dated {dated[0]} to {dated[-1]}"
                   + (f"; {undated} undated" if undated else "") + ": a place whose holder changed reads as disputed.")
        return
    if len(days) > 1:
        st.slider("As of", min_value=days[0], max_value=days[-1], value=days[-1], step=dt.timedelta(days=1),
                  format="YYYY-MM-DD", key="t_day")
    window = _state_window(id(analysis), day, analysis)
    rests = f" (claims from {window[0]} to {window[1]})" if window and window[0] != window[1] else ""
    st.caption(f"State on **{day}**: each source's latest word{rests}"
               + (f"; {undated} undated claims always count" if undated and keep_undated(undated) else "")
               + (f"; {undated} undated claims left out" if undated and not keep_undated(undated) else "") + ".")
    if undated:
        st.toggle(f"Undated claims count on every day ({undated})", value=True, key="t_undated",
                  help="Claims from documents with no date speak on any day; off, the state rests on dated claims only.")
    if coarse:
        # drawn when opened: its table would be computed and rendered on every run, closed too
        label = f"{len(coarse)} claim{'s' if len(coarse) != 1 else ''} dated only to a month or year"
        box = st.expander(label, key="t_coarse_open", on_change="rerun")
        if box.open:
            with box:
                st.caption("Not on the slider; each counts from the first day of its month or year.")
                st.html(html_table(["date", "actor", "relation", "place", "source"],
                                   [(c.date, c.actor, c.relation, c.place.name, c.doc)
                                    for c in sorted(coarse, key=lambda c: (c.date, c.doc))], "geo-coarse", 240))


PLAY_SECONDS = 1.5  # how long play shows each day (after the page is drawn)


def _next_day(days: list[dt.date], day: dt.date) -> dt.date:
    """The first day of ``days`` after ``day`` (the last one when there is none)."""
    import bisect

    return days[min(bisect.bisect_right(days, day), len(days) - 1)]


def next_play_day(analysis: Analysis, day: dt.date | None) -> dt.date | None:
    """The day play shows after ``day`` (None when there is none)."""
    days = _time_facts(id(analysis), analysis)[0]
    if day is None or len(days) < 2 or day >= days[-1]:
        return None
    return _next_day(days, day)


def _toggle_play(days: list[dt.date]) -> None:
    playing = not st.session_state.get("t_playing", False)
    st.session_state.t_playing = playing
    st.session_state.pop("t_tick", None)
    if playing and st.session_state.get("t_day", days[-1]) >= days[-1]:
        st.session_state.t_day = days[0]  # at the end: play from the start


def play_next() -> None:
    """While playing: a timer (a fragment rerun by the browser every ``PLAY_SECONDS``) that runs
    the page again one day on. The page's own run only starts it: sleeping in the script would
    leave the previous day's map on the page beside the new one until the run ends."""
    if st.session_state.get("t_playing"):
        st.session_state.t_armed = True
        _play_timer()


@st.fragment(run_every=PLAY_SECONDS)
def _play_timer() -> None:
    if st.session_state.pop("t_armed", False):
        return  # run with the page: the next step is the timer's
    if st.session_state.get("t_playing"):
        st.session_state.t_tick = True
        st.rerun()


@st.cache_resource(max_entries=32)
def changes_cached(key: str, filters: tuple, start: dt.date, end: dt.date, _analysis: Analysis) -> list[PlaceChange]:
    """The places whose state differs between two days, the filters applied to the claims first."""
    chosen = dict(filters)
    chosen.pop("as_of", None)
    keep_undated = chosen.pop("undated", True)
    least = chosen.pop("min_confidence", 0.0)
    rule = ClaimFilter.of(**chosen)
    claims = [c for c in _analysis.claims if c.confidence >= least]
    return kept(changes(rule.claims(claims) if rule.active else claims, start, end, keep_undated))


CHANGE_ROWS = 200
CHANGES_CSS = """<style>
.geo-changes { width: 100%; border-collapse: collapse; font-size: 0.85em; }
.geo-changes th { text-align: left; color: #555; font-weight: 600; border-bottom: 1px solid #ccc; padding: 2px 6px; }
.geo-changes td { vertical-align: top; border-bottom: 1px solid #eee; padding: 3px 6px; }
.geo-changes .geo-kind { font-weight: 600; white-space: nowrap; }
.geo-changes small { color: #666; }
</style>"""


def changes_html(found: list[PlaceChange], limit: int = CHANGE_ROWS) -> str:
    """The changes as a table (every text escaped)."""
    rows = []
    for ch in found[:limit]:
        said = sorted({(c.doc, c.date or "undated") for c in ch.claims})
        sources = "; ".join(f"{esc(doc)} ({esc(date)})" for doc, date in said[:4]) + (" …" if len(said) > 4 else "")
        rows.append(f'<tr class="geo-change"><td>{esc(ch.name)}</td><td class="geo-kind">{esc(", ".join(ch.kinds))}</td>'
                    f"<td>{esc(ch.summary)}</td><td><small>{sources}</small></td></tr>")
    return (CHANGES_CSS + '<table class="geo-changes"><tr><th>place</th><th>change</th><th>holder before \u2192 after'
            f"</th><th>the later state rests on</th></tr>{''.join(rows)}</table>")


def _open_changed_place() -> None:
    if st.session_state.ch_open:
        select_place(st.session_state.ch_open)


def changes_view(key: str, filters: tuple, analysis: Analysis, day: dt.date | None, view: Analysis | None = None) -> None:
    """"Changes between two dates": the places that changed hands, were gained or lost, became
    or stopped being disputed between two days of the slider (by default its first day and the
    day shown). A changed place on the map (``view``) opens in the panel when chosen below the table."""
    days = _time_facts(id(analysis), analysis)[0]
    if len(days) < 2:
        return
    # computed and drawn when opened (a closed expander's content would be on every run's page)
    box = st.expander("Changes between two dates", key="ch_expanded", on_change="rerun")
    if not box.open:
        return
    with box:
        import bisect

        # the later end: the day shown, or the last slider day before it
        end = days[max(0, bisect.bisect_right(days, day) - 1)] if day else days[-1]
        chosen = st.session_state.get("ch_range")
        if chosen is not None and not all(d in days for d in chosen):
            st.session_state.pop("ch_range")  # a corpus change removed a day
        start, end = st.select_slider("Between", options=days, value=(days[0], end), key="ch_range",
                                      format_func=dt.date.isoformat)
        found = changes_cached(key, tuple((k, v) for k, v in filters if k != "as_of"), start, end, analysis)
        if not found:
            st.caption(f"No place changed between {start} and {end} (each source's latest word on each day).")
            return
        counts = Counter(kind for ch in found for kind in ch.kinds)
        st.caption(f"Between **{start}** and **{end}** (each source's latest word on each day): "
                   + ", ".join(f"{n} {kind}" for kind, n in counts.items())
                   + (f"; the first {CHANGE_ROWS} of {len(found)} places shown" if len(found) > CHANGE_ROWS else "")
                   + ".")
        st.html(changes_html(found))
        keys = {p.place_id: place_key(p) for p in view.places} if view is not None else {}
        on_map = {keys[ch.place_id]: ch.name for ch in found if ch.place_id in keys}
        if on_map:
            st.selectbox("Open a changed place beside the map", [None, *on_map], key="ch_open",
                         format_func=lambda k: "choose…" if k is None else on_map[k],
                         on_change=_open_changed_place)
