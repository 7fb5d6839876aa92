"""Knowledge as data: TOML files of records under ``geo/data/lexicon``, validated on load.

A lexicon file holds arrays of tables (``[[relation]]``, ``[[actor]]``, ...). Every record is
checked against the fields its table needs; a broken record raises :class:`LexiconError` naming
the file and the line of its table header. A user adds records without touching the package:
a file of the same name in the folder named by ``GEO_LEXICON_DIR`` is read after the packaged
one and its records are appended (for actors: a user alias wins over a packaged one).
Between the two come the packaged language companions: a file of the same name in a language
folder beside it (``geo/data/lexicon/ar/relations.toml``: the Arabic relation verbs), read with the
same validation, so that a language's words are added without editing the English file.

>>> records = load_table("demonyms.toml", "demonym", required={"word": str}, optional={"country": str, "actor": str, "home": dict})
>>> next(r for r in records if r["word"] == "Turkish")["actor"], records[0]["_where"].split(":")[0]
('Turkey', 'geo/data/lexicon/demonyms.toml')
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geo.settings import current

USER_DIR_VARIABLE = "GEO_LEXICON_DIR"  # read by geo.settings into Settings.lexicon_dir


class LexiconError(ValueError):
    """A record of a lexicon file is malformed; the message starts with ``file:line:``."""


@dataclass(frozen=True)
class Source:
    """Where a lexicon file's text comes from (for error messages)."""

    name: str
    text: str


def _packaged(filename: str, folder: str = "lexicon") -> Source | None:
    ref = resources.files("geo").joinpath("data", *folder.split("/"), filename)
    if not ref.is_file():
        return None
    return Source(f"geo/data/{folder}/{filename}", ref.read_text(encoding="utf-8"))


def _user(filename: str) -> Source | None:
    folder = current().lexicon_dir
    if not folder:
        return None
    path = folder / filename
    if not path.is_file():
        return None
    return Source(str(path), path.read_text(encoding="utf-8"))


def user_files() -> list[Path]:
    """The user's lexicon files (``$GEO_LEXICON_DIR/*.toml``, the settings' ``lexicon_dir``), sorted;
    none when it is not set."""
    folder = current().lexicon_dir
    return sorted(folder.glob("*.toml")) if folder and folder.is_dir() else []


def _companions(filename: str, folder: str) -> list[Source]:
    """The packaged language companions of a file: ``geo/data/<folder>/<language>/<filename>``
    for each language folder (a two-letter code), in the order of their codes."""
    base = resources.files("geo").joinpath("data", folder)
    languages = sorted(d.name for d in base.iterdir() if d.is_dir() and re.fullmatch(r"[a-z]{2}", d.name))
    return [s for s in (_packaged(filename, f"{folder}/{code}") for code in languages) if s is not None]


def sources(filename: str, folder: str = "lexicon") -> list[Source]:
    """The packaged file (``geo/data/<folder>/``), its language companions
    (``geo/data/<folder>/<language>/``), then the user's file of the same name (if any)."""
    return [s for s in (_packaged(filename, folder), *_companions(filename, folder), _user(filename)) if s is not None]


def _header_lines(text: str, table: str) -> list[int]:
    """1-based line numbers of every ``[[table]]`` header, in order."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]\s*(?:#.*)?$")
    return [i for i, line in enumerate(text.splitlines(), 1) if header.match(line)]


def load_table(filename: str, table: str, required: dict[str, type] | None = None,
               optional: dict[str, type] | None = None) -> list[dict]:
    """Every record of ``[[table]]`` in the packaged file and the user's one, each with
    ``_where`` ('file:line'). Unknown fields, missing fields and wrong types are errors."""
    return [record for source in sources(filename) for record in parse_records(source, table, required, optional)]


def parse_records(source: Source, table: str, required: dict[str, type] | None = None,
                  optional: dict[str, type] | None = None, only: bool = False) -> list[dict]:
    """The ``[[table]]`` records of one file's text, checked as :func:`load_table` checks them;
    ``only``: the file may hold no other table.

    >>> parse_records(Source("rules.toml", '[[rule]]\\nname = "a"\\n'), "rule", {"name": str})
    [{'name': 'a', '_where': 'rules.toml:1'}]
    """
    required = required or {}
    optional = optional or {}
    try:
        data = tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise LexiconError(f"{source.name}:{match.group(1) if match else '?'}: {error}") from None
    if only and set(data) - {table}:
        raise LexiconError(f"{source.name}:1: unknown table(s) {sorted(set(data) - {table})}; it holds [[{table}]]")
    rows = data.get(table, [])
    lines = _header_lines(source.text, table)
    if not isinstance(rows, list):
        raise LexiconError(f"{source.name}:1: '{table}' must be an array of tables ([[{table}]])")
    records = []
    for i, row in enumerate(rows):
        where = f"{source.name}:{lines[i] if i < len(lines) else '?'}"
        for key, kind in required.items():
            if key not in row:
                raise LexiconError(f"{where}: [[{table}]] record lacks the field '{key}'")
        for key, value in row.items():
            kind = required.get(key) or optional.get(key)
            if kind is None:
                raise LexiconError(f"{where}: [[{table}]] has an unknown field '{key}'")
            if not isinstance(value, kind):
                raise LexiconError(f"{where}: field '{key}' must be {_type_name(kind)}, not {value!r}")
        records.append({**row, "_where": where})
    return records


def check_unique(records: list[dict], field: str = "name") -> None:
    """A :class:`LexiconError` at the second record of a ``field`` value already seen."""
    seen: set = set()
    for record in records:
        if record[field] in seen:
            raise LexiconError(f"{record['_where']}: a second record with {field} {record[field]!r}")
        seen.add(record[field])


def actor_records() -> list[dict]:
    """The ``[[actor]]`` records of ``actors.toml`` (name, kind; colour, aliases, exact), read by
    the claim engine and, for the place names inside group names, by the geoparser."""
    return load_table("actors.toml", "actor", required={"name": str, "kind": str},
                      optional={"colour": str, "aliases": list, "exact": list})


def _type_name(kind) -> str:
    if isinstance(kind, tuple):
        return " or ".join(k.__name__ for k in kind)
    return kind.__name__


def compile_pattern(record: dict, field: str = "pattern", flags: int = 0) -> re.Pattern:
    """The record's regex, or a :class:`LexiconError` naming where it is."""
    try:
        return re.compile(record[field], flags)
    except re.error as error:
        raise LexiconError(f"{record['_where']}: {field} does not compile: {error}") from None


def check_choice(record: dict, field: str, allowed) -> None:
    """A :class:`LexiconError` unless ``record[field]`` (a value or a list) is in ``allowed``."""
    values = record.get(field)
    if values is None:
        return
    for value in values if isinstance(values, list) else [values]:
        if value not in allowed:
            raise LexiconError(f"{record['_where']}: unknown {field} '{value}' (known: {', '.join(sorted(allowed))})")
