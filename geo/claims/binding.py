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
from dataclasses import dataclass
from functools import lru_cache

from geo.claims import constructions
from geo.knowledge.records import (LexiconError, Source, check_choice, check_unique, compile_pattern, parse_records,
                                   sources)

FILE = "binding.toml"
STAGES = ("actor", "place")
REQUIRED = {"name": str, "stage": str, "step": str, "note": str}
OPTIONAL = {"pattern": str}


@dataclass(frozen=True)
class BindingRule:
    name: str
    stage: str
    step: str
    pattern: re.Pattern | None
    note: str


def parse(text: str, origin: str = FILE, steps: dict[str, set[str]] | None = None) -> tuple[BindingRule, ...]:
    """Validated records of a binding file's text (a :class:`LexiconError` names the bad one).
    ``steps``: per stage, the step names the code knows (and which of them need a pattern:
    ``steps[stage + ':pattern']``)."""
    return _rules(parse_records(Source(origin, text), "rule", REQUIRED, OPTIONAL, only=True), origin, steps)


def _rules(records: list[dict], origin: str, steps: dict[str, set[str]] | None) -> tuple[BindingRule, ...]:
    check_unique(records)
    out = []
    for record in records:
        where = record["_where"]
        check_choice(record, "stage", STAGES)
        if steps is not None and record["step"] not in steps[record["stage"]]:
            raise LexiconError(f"{where}: no {record['stage']} step is called {record['step']!r}")
        pattern = None
        if "pattern" in record:
            pattern = compile_pattern(record)
            if pattern.fullmatch(""):
                raise LexiconError(f"{where}: pattern matches the empty string")
        elif steps is not None and record["step"] in steps[record["stage"] + ":pattern"]:
            raise LexiconError(f"{where}: step {record['step']!r} needs a pattern")
        out.append(BindingRule(record["name"], record["stage"], record["step"], pattern, record["note"]))
    if steps is not None:
        for stage in STAGES:
            unused = steps[stage] - {r.step for r in out if r.stage == stage}
            if unused:
                raise LexiconError(f"{origin}: {stage} step(s) {sorted(unused)} have no record")
    return tuple(out)


def _records_of_files() -> list[dict]:
    """The packaged file's records, then those of a user's file of the same name."""
    return [r for source in sources(FILE, "claims") for r in parse_records(source, "rule", REQUIRED, OPTIONAL, only=True)]


@lru_cache(maxsize=1)
def _all() -> tuple[BindingRule, ...]:
    return _rules(_records_of_files(), FILE, None)


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
        _rules(_records_of_files(), FILE, known)
        _checked.add(stage)
    return _of_stage(stage, constructions.disabled())


@lru_cache(maxsize=64)
def _of_stage(stage: str, off: frozenset[str]) -> tuple[BindingRule, ...]:
    return tuple(r for r in _all() if r.stage == stage and r.name not in off)
