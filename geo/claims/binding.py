"""The binding rules, as named and ordered records (``geo/data/claims/binding.toml``).

Binding is two ladders: who is a trigger's actor (stage ``actor``) and which places it binds
(stage ``place``). Each rung is a record: its name, its stage, the step it runs (a function of
:mod:`geo.claims.bind_actor` or :mod:`geo.claims.bind_place`, by name), the regex the step reads
when it reads one, and a note. The ladder runs the records of a stage in file order; the first
that decides ends it. A person reorders the ladder by moving records, adds a construction by
adding a record (a new pattern for a known step) and a test, and measures a record by switching
it off (``benchmarks.articles --ablation``; ``constructions.disable`` and
``$GEO_CONSTRUCTIONS_OFF`` switch these records off too).

>>> [r.name for r in records("actor")][:3]
['corridor-mover', 'found-dead', 'actor-after']
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from geo.claims import constructions

FILE = "binding.toml"
STAGES = ("actor", "place")
FIELDS = {"name", "stage", "step", "pattern", "note"}


class BindingError(ValueError):
    pass


@dataclass(frozen=True)
class BindingRule:
    name: str
    stage: str
    step: str
    pattern: re.Pattern | None
    note: str


def parse(text: str, origin: str = FILE, steps: dict[str, set[str]] | None = None) -> tuple[BindingRule, ...]:
    """Validated records of a binding file's text. ``steps``: per stage, the step names the code
    knows (and which of them need a pattern: ``steps[stage + ':pattern']``)."""
    data = tomllib.loads(text)
    unknown_tables = set(data) - {"rule"}
    if unknown_tables:
        raise BindingError(f"{origin}: unknown table(s) {sorted(unknown_tables)}")
    out, names = [], set()
    for i, record in enumerate(data.get("rule", []), 1):
        where = f"{origin}: rule {record.get('name', i)!r}"
        if set(record) - FIELDS or not {"name", "stage", "step", "note"} <= set(record):
            raise BindingError(f"{where}: fields must be {sorted(FIELDS)} (all but pattern required)")
        if record["stage"] not in STAGES:
            raise BindingError(f"{where}: stage {record['stage']!r} is none of {STAGES}")
        if record["name"] in names:
            raise BindingError(f"{where}: a second record of this name")
        names.add(record["name"])
        if steps is not None and record["step"] not in steps[record["stage"]]:
            raise BindingError(f"{where}: no {record['stage']} step is called {record['step']!r}")
        pattern = None
        if "pattern" in record:
            try:
                pattern = re.compile(record["pattern"])
            except re.error as error:
                raise BindingError(f"{where}: pattern does not compile: {error}") from None
            if pattern.fullmatch(""):
                raise BindingError(f"{where}: pattern matches the empty string")
        elif steps is not None and record["step"] in steps[record["stage"] + ":pattern"]:
            raise BindingError(f"{where}: step {record['step']!r} needs a pattern")
        out.append(BindingRule(record["name"], record["stage"], record["step"], pattern, record["note"]))
    if steps is not None:
        for stage in STAGES:
            unused = steps[stage] - {r.step for r in out if r.stage == stage}
            if unused:
                raise BindingError(f"{origin}: {stage} step(s) {sorted(unused)} have no record")
    return tuple(out)


@lru_cache(maxsize=1)
def _all() -> tuple[BindingRule, ...]:
    text = resources.files("geo.data").joinpath("claims").joinpath(FILE).read_text(encoding="utf-8")
    return parse(text, FILE)


_checked: set[str] = set()


def records(stage: str, steps: dict | None = None, needs_pattern: set | frozenset = frozenset()) -> tuple[BindingRule, ...]:
    """The records of one stage, in file order, less those switched off. ``steps``: the stage's
    step functions by name (and ``needs_pattern``, those that read a pattern), checked against
    the file once: a record of an unknown step, or a step no record runs, is an error."""
    if steps is not None and stage not in _checked:
        known = {stage: set(steps), stage + ":pattern": set(needs_pattern)}
        other = [s for s in STAGES if s != stage]
        known.update({s: {r.step for r in _all() if r.stage == s} for s in other})
        known.update({s + ":pattern": set() for s in other})
        parse(resources.files("geo.data").joinpath("claims").joinpath(FILE).read_text(encoding="utf-8"), FILE, known)
        _checked.add(stage)
    return _of_stage(stage, constructions.disabled())


@lru_cache(maxsize=64)
def _of_stage(stage: str, off: frozenset[str]) -> tuple[BindingRule, ...]:
    return tuple(r for r in _all() if r.stage == stage and r.name not in off)
