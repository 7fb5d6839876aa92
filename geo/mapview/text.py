"""Small HTML helpers: every string from a document goes through :func:`esc` before it is HTML."""
from __future__ import annotations

import html
from collections import Counter
from typing import Iterable

from geo.model import Claim


def esc(text: object) -> str:
    """HTML-escape any value (quotes too, so it is safe in attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``plural(1, "claim") == "1 claim"``, ``plural(2, "claim") == "2 claims"``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def count_phrase(values: Iterable[str], limit: int = 4) -> str:
    """``"control ×3, contested ×1"`` for the most frequent values (escaped)."""
    counts = Counter(values).most_common(limit)
    return ", ".join(f"{esc(v)} ×{n}" if n > 1 else esc(v) for v, n in counts)


def top_actors(claims: Iterable[Claim], limit: int = 2) -> list[str]:
    """The actors that appear in most of ``claims``."""
    return [a for a, _ in Counter(c.actor for c in claims if c.actor).most_common(limit)]


def short_list(items: Iterable[str], limit: int = 8) -> str:
    """Escaped, comma-separated, with "+N more" beyond ``limit``."""
    items = list(items)
    shown = ", ".join(esc(i) for i in items[:limit])
    return shown + (f" +{len(items) - limit} more" if len(items) > limit else "")
