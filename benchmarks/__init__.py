"""Benchmarks, each a program: ``python -m benchmarks.NAME`` (see benchmarks/README.md)."""


def use_environment() -> None:
    """A benchmark is an entry point: install the settings the environment gives (``GEO_CACHE_DIR``,
    ...) for the geo it measures; a geo older than :mod:`geo.settings` reads the environment itself."""
    try:
        from geo.settings import Settings, install
    except ImportError:
        return
    install(Settings.from_environment())
