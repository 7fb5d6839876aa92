"""The look-up memos of the process-wide index, resolver and slot finder are bounded: a long-running
app reading new names does not grow them without end, and forgetting never changes an answer."""
from __future__ import annotations

from geo.geoparse.memo import BoundedMemo
from geo.model import Document
from geo.pipeline import default_geoparser


def test_a_memo_forgets_at_its_limit_and_keeps_answering():
    memo = BoundedMemo(3)
    for i in range(10):
        memo[i] = i * i
        assert len(memo) <= 3 and memo[i] == i * i
    memo[9] = 81  # a key it holds is replaced, nothing forgotten
    assert 9 in memo and len(memo) == 1


def test_the_geoparser_memos_are_bounded_and_answers_do_not_change_when_they_empty():
    parser = default_geoparser()
    doc = Document("d", "Fighters advanced from Tabqa towards Raqqa and shelled villages near Deir ez-Zor.")
    first = [(m.surface, m.place_id) for m in parser.parse(doc)]
    memos = [value for obj in (parser, *vars(parser).values()) for value in vars(obj).values()
             if isinstance(value, dict)] if hasattr(parser, "__dict__") else []
    bounded = [m for m in memos if isinstance(m, BoundedMemo)]
    assert bounded, "no bounded memo reachable from the geoparser"
    limits = [memo.limit for memo in bounded]
    try:
        for memo in bounded:
            memo.clear()
            memo.limit = 1  # forget at every new key
        assert [(m.surface, m.place_id) for m in parser.parse(doc)] == first
    finally:
        for memo, limit in zip(bounded, limits):
            memo.limit = limit
