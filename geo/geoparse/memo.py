"""A bounded memo for the look-ups of the process-wide index, resolver and slot finder.

Their memos are keyed by names read from documents; in a long-running app (or a corpus of
millions of documents) they must not grow without end. A :class:`BoundedMemo` forgets all it
holds when it reaches its limit and fills again from the next look-ups (each entry is a pure
function of its key, so forgetting costs time, never a different answer).

>>> memo = BoundedMemo(2)
>>> memo["a"] = 1; memo["b"] = 2; memo["c"] = 3
>>> dict(memo)
{'c': 3}
"""
from __future__ import annotations

MEMO_LIMIT = 200_000  # entries per memo: a few tens of MB at most


class BoundedMemo(dict):
    """A dict that is emptied before an insertion would take it past ``limit`` entries."""

    __slots__ = ("limit",)

    def __init__(self, limit: int = MEMO_LIMIT) -> None:
        super().__init__()
        self.limit = limit

    def __setitem__(self, key, value) -> None:
        if len(self) >= self.limit and key not in self:
            self.clear()
        super().__setitem__(key, value)
