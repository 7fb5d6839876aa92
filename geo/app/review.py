"""Corrections in a workspace: who is correcting, the edit log, and the review panels for the
claims of the selection and the place names of the open document."""
from __future__ import annotations

import streamlit as st

from geo.aggregate.corrections import RELATIONS, STANCES
from geo.app.corpus import WorkspaceCorpus, app_author, md_escape
from geo.mapview.selection import FeatureIndex
from geo.model import Analysis
from geo.service import ReviewedAnalysis


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


def invalid_corrections(review: ReviewedAnalysis) -> None:
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
    to = f" → {claim.to_place.name}" if claim.to_place else ""
    return f"{claim.doc}: {claim.actor} {claim.relation} {claim.place.name}{to} ({claim.stance})"


def _workspace():
    return st.session_state.workspace


def _correct_claim(review: ReviewedAnalysis, claim, action: str, values: dict | None = None) -> None:
    from geo.workspace import claim_anchor

    origin = review.corrected.origin.get(claim, claim)
    _workspace().add_correction("claim", action, review.hashes.get(claim.doc, ""), claim_anchor(origin),
                                values or {}, app_author())


def _withdraw(fid: int) -> None:
    _workspace().withdraw_correction(fid, app_author())


def claim_review_panel(view: Analysis, review: ReviewedAnalysis) -> None:
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




def json_key(anchor: dict) -> str:
    import json

    return json.dumps(anchor, sort_keys=True)


def mention_review_panel(full: Analysis, review: ReviewedAnalysis) -> None:
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
            from geo.service import place_candidates

            options = place_candidates(mention.surface)
            choice = st.selectbox("Place", range(len(options)), key="review_candidate",
                                  format_func=lambda i: f"{options[i]['name']} ({options[i]['kind']}, "
                                                        f"{options[i]['country']}) {options[i]['place_id']}")
            if options and choice is not None:
                values = options[choice]
        elif how in ("A point (lon, lat)", "A new place in this workspace's gazetteer"):
            lon = st.number_input("Longitude", -180.0, 180.0, value=float(mention.lon or 38.0), format="%.5f",
                                  key="review_lon")
            lat = st.number_input("Latitude", -90.0, 90.0, value=float(mention.lat or 35.0), format="%.5f",
                                  key="review_lat")
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

