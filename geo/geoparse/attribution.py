"""Who the place data comes from: every source shipped in the package or read when the index is
built, with its licence and the credit line it requires (``geo/data/ATTRIBUTION.csv``).

>>> "GeoNames" in credit_line() and "OpenStreetMap" in credit_line()
True
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

ATTRIBUTION_CSV = Path(str(files("geo") / "data" / "ATTRIBUTION.csv"))


@dataclass(frozen=True)
class Source:
    source: str  # 'GeoNames', 'OpenStreetMap contributors'
    licence: str
    credit: str  # the credit line the licence asks for, in full
    short: str  # the same in a few words, for a map's attribution control
    files: str  # what in the package comes from it


@lru_cache(maxsize=1)
def sources(path: Path | None = None) -> tuple[Source, ...]:
    """Every source, in the order of the file."""
    path = path or ATTRIBUTION_CSV
    found = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                found.append(Source(**{key: row[key].strip() for key in ("source", "licence", "credit", "short", "files")}))
            except (KeyError, AttributeError) as error:
                raise ValueError(f"{path}, line {line}: source, licence, credit, short and files are needed") from error
    return tuple(found)


def credit_line() -> str:
    """One line crediting every source, for a map's attribution control."""
    return "Places: " + ", ".join(s.short for s in sources())


def sources_text() -> str:
    """The sources as ``geo sources`` prints them: name, licence, the credit line, what it gave."""
    blocks = [f"{s.source}\n  licence: {s.licence}\n  credit:  {s.credit}\n  used in: {s.files}" for s in sources()]
    return "\n\n".join(blocks)
