"""Shared fixtures: the reference corpus in ../shared and one geoparser for the session."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from geo import settings

# the test run is an entry point: its settings come from the environment (GEO_CACHE_DIR, ...)
settings.install(settings.Settings.from_environment())

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
DEMO = ROOT / "data" / "demo"


def require_shared() -> Path:
    """The shared reference corpus: a hard failure in CI, a clear skip elsewhere."""
    if SEEDS.is_dir() and GOLD.is_dir():
        return SHARED
    message = f"the reference corpus {SHARED} (seeds/ and gold/) is missing"
    if os.environ.get("CI"):
        pytest.fail(message + " - CI must run with ../shared beside the repository")
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def seed_docs(shared):
    from geo.documents import load_paths

    docs, errors = load_paths([shared / "seeds"])
    assert not errors and len(docs) == 5
    return docs


@pytest.fixture(scope="session")
def geoparser():
    from geo.geoparse import Geoparser

    return Geoparser()


@pytest.fixture(scope="session")
def seed_mentions(seed_docs, geoparser):
    return {d.id: geoparser.parse(d) for d in seed_docs}


@pytest.fixture
def use_settings():
    """``use_settings(lexicon_dir=..., syntax=True, ...)``: the current settings with those changes,
    installed for the rest of the test (the settings before it come back after)."""
    previous = settings.current()
    yield lambda **changes: settings.install(replace(settings.current(), **changes))
    settings.install(previous)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """The app's default workspace goes to a fresh folder per test, never the user's data folder
    (and whatever settings a test installs are undone after it)."""
    folder = tmp_path_factory.mktemp("geo-data")
    monkeypatch.setenv("GEO_DATA_DIR", str(folder))
    previous = settings.install(replace(settings.current(), data_dir=folder))
    yield
    settings.install(previous)


@pytest.fixture(autouse=True)
def _main_module_kept(monkeypatch):
    """streamlit's AppTest leaves the app script as ``__main__``: a process spawned after it (a Dask
    worker) would run the whole app as it starts, under its own settings. Put pytest's back."""
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
