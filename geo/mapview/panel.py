"""HTML for the side panel: claims with their source sentence, and whole documents.

Document text is untrusted. It is only ever inserted escaped; the highlighting is our own
``<mark>``/``<span>`` markup placed around escaped pieces.
"""
from __future__ import annotations

import re
from typing import Iterable

from geo.geoparse.context import is_dateline
from geo.mapview.palette import PALETTE
from geo.mapview.text import esc
from geo.model import Claim, Document, Mention
from geo.time import period

PANEL_CSS = """
<style>
.geo-claim { border-left: 4px solid #999; padding: 4px 10px; margin: 0 0 12px; }
.geo-claim .geo-meta { font-size: 0.85em; color: #555; margin-bottom: 2px; }
.geo-claim .geo-meta b { color: #222; }
.geo-claim blockquote { margin: 4px 0; font-size: 0.95em; }
.geo-stance { display: inline-block; padding: 0 6px; border-radius: 8px; background: #eee; font-size: 0.8em; }
.geo-stance-denied, .geo-stance-disputed { background: #f8d7e3; color: #8a0f3d; }
.geo-stance-alleged { background: #fff3cd; color: #7a5b00; }
.geo-doc { white-space: pre-wrap; line-height: 1.55; max-height: 70vh; overflow-y: auto; padding: 8px 12px;
  border: 1px solid #ddd; border-radius: 6px; background: #fff; color: #222; }
.geo-doc-wrap mark { padding: 0 1px; border-radius: 2px; }
.geo-doc-wrap mark.geo-m-place { background: #ffe066; }
.geo-doc-wrap mark.geo-m-actor { background: #cfe2ff; }
.geo-doc-wrap mark.geo-m-unresolved { background: #f8d7da; }
.geo-doc-wrap .geo-m-demonym, .geo-doc-wrap .geo-m-dateline { background: none; border-bottom: 1px dotted #999; }
.geo-doc-wrap .geo-sentence { background: #eef6ee; }
.geo-legend-line { font-size: 0.85em; color: #555; margin-bottom: 4px; }
</style>
"""


def place_span(claim: Claim, document: Document | None, name: str | None = None) -> tuple[int, int] | None:
    """Where the place name sits inside ``claim.text``: from the claim's offsets when they agree
    with the document, else by searching the sentence for the surface form or ``name``."""
    text = claim.text
    name = name or claim.place.name
    if (
        document is not None
        and 0 <= claim.start < claim.end <= len(document.text)
        and document.text[claim.start:claim.end] == text
        and claim.start <= claim.place_start < claim.place_end <= claim.end
    ):
        return claim.place_start - claim.start, claim.place_end - claim.start
    candidates: list[str] = []
    if document is not None and 0 <= claim.place_start < claim.place_end <= len(document.text):
        candidates.append(document.text[claim.place_start:claim.place_end])
    candidates.append(name)
    folded = text.casefold()
    for candidate in candidates:
        if candidate and (i := folded.find(candidate.casefold())) >= 0:
            return i, i + len(candidate)
    return None


def highlight(text: str, spans: Iterable[tuple[int, int]], tag: str = "mark", attrs: str = "") -> str:
    """Escape ``text`` and wrap the given non-overlapping spans in ``<tag attrs>``."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if start < pos:
            continue
        out.append(esc(text[pos:start]))
        out.append(f"<{tag}{(' ' + attrs) if attrs else ''}>{esc(text[start:end])}</{tag}>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def sentence_html(claim: Claim, document: Document | None) -> str:
    """The claim's source sentence, escaped, with its place (and destination) in ``<mark>``."""
    spans = [s for s in (place_span(claim, document),) if s]
    if claim.to_place:
        dest = claim.text.casefold().find(claim.to_place.name.casefold())
        if dest >= 0:
            spans.append((dest, dest + len(claim.to_place.name)))
    return highlight(claim.text, spans)


def claim_html(claim: Claim, document: Document | None) -> str:
    """One claim: who, what, how stated, according to whom, from which document, and the sentence."""
    colour = PALETTE.colour(claim.actor)
    target = esc(claim.place.name) + (f" → {esc(claim.to_place.name)}" if claim.to_place else "")
    attribution = f" · according to <b>{esc(claim.attribution)}</b>" if claim.attribution else ""
    when = {"text": "", "document": " (the document's date)"}.get(claim.date_source, "")
    date = f'<span class="geo-date">{esc(claim.date)}{when}</span>' if claim.date else '<span class="geo-date">undated</span>'
    return (
        f'<div class="geo-claim" style="border-left-color:{colour}">'
        f'<div class="geo-meta"><b>{esc(claim.actor)}</b> · {esc(claim.relation)} · {target} · '
        f'<span class="geo-stance geo-stance-{esc(claim.stance)}">{esc(claim.stance)}</span>{attribution}</div>'
        f"<blockquote>{sentence_html(claim, document)}</blockquote>"
        f'<div class="geo-meta">{date} · source: <code>{esc(claim.doc)}</code> · characters {claim.start}–{claim.end}</div>'
        "</div>"
    )


def claim_order(claim: Claim) -> tuple:
    """Claims in date order (the first day their date covers; undated ones last), then by document."""
    return (claim.date is None, period(claim.date)[0] if claim.date else None, claim.doc, claim.start, claim.place_start)


def claims_html(claims: list[Claim], documents: dict[str, Document]) -> str:
    """Every claim of a selection, in date order."""
    ordered = sorted(claims, key=claim_order)
    return PANEL_CSS + "".join(claim_html(c, documents.get(c.doc)) for c in ordered)


_NOT_HIGHLIGHTED = {"demonym": "a nationality (demonym), not a place",
                    "dateline": "dateline: where the report was filed"}


def reader_role(text: str, m: Mention) -> str:
    """How the reader shows a mention: its role, or ``dateline`` for a place a report was filed from."""
    if m.role in ("actor", "place") and is_dateline(text, m.start, m.end):
        return "dateline"
    return m.role


def _mention_label(m: Mention) -> str:
    if m.role == "place" and m.name:
        return f"{m.name} ({m.kind or 'place'})" if m.kind else m.name
    return {"actor": "used as an actor", "unresolved": "not resolved"}.get(m.role, m.role)


def document_html(document: Document, mentions: Iterable[Mention], sentences: Iterable[tuple[int, int]] = ()) -> str:
    """The whole document, escaped, with every mention highlighted by role and the given
    sentence spans (e.g. those of the selected claims) shaded. Demonyms ("Turkish") and
    datelines are no place of the story: they are not highlighted, only underlined faintly
    with a tooltip saying what they are."""
    text = document.text
    marks = []
    last_end = -1
    for m in sorted((m for m in mentions if m.doc == document.id), key=lambda m: (m.start, -m.end)):
        if 0 <= m.start < m.end <= len(text) and m.start >= last_end:
            marks.append(m)
            last_end = m.end
    shaded = sorted((s, e) for s, e in sentences if 0 <= s < e <= len(text))
    cuts = sorted({0, len(text), *(p for s in shaded for p in s), *(p for m in marks for p in (m.start, m.end))})
    out: list[str] = []
    mi = 0
    for a, b in zip(cuts, cuts[1:]):
        while mi < len(marks) and marks[mi].end <= a:
            mi += 1
        piece = esc(text[a:b])
        mention = marks[mi] if mi < len(marks) and marks[mi].start <= a and b <= marks[mi].end else None
        if mention is not None:
            role = reader_role(text, mention)
            if role in _NOT_HIGHLIGHTED:
                piece = f'<span class="geo-m-{role}" title="{esc(_NOT_HIGHLIGHTED[role])}">{piece}</span>'
            else:
                piece = (f'<mark class="geo-m-{esc(role)}" title="{esc(_mention_label(mention))}">'
                         f"{piece}</mark>")
        if any(s <= a and b <= e for s, e in shaded):
            piece = f'<span class="geo-sentence">{piece}</span>'
        out.append(piece)
    legend = ('<div class="geo-legend-line"><mark class="geo-m-place">place</mark> '
              '<mark class="geo-m-actor">place name used as an actor</mark> '
              '<mark class="geo-m-unresolved">not resolved</mark> '
              '<span class="geo-sentence">sentence of a selected claim</span></div>')
    return PANEL_CSS + f'<div class="geo-doc-wrap">{legend}<div class="geo-doc">{"".join(out)}</div></div>'
