"""The streamlit app, shipped in the package.

    geo app [--workspace W.gpkg | --corpus DIR]      # or: python -m geo.app [...]
    streamlit run app.py [-- --workspace W | --corpus DIR]   # from a source checkout

:func:`launch` runs ``streamlit run`` on the checkout's ``app.py`` when the package runs from a
source checkout; installed from a wheel, on a small launcher script in ``$GEO_APP_DIR`` (else
``~/.cache/geo-conflict-map/app``) with a copy of the vendored map assets in its ``static/vendor``
(streamlit serves the ``static`` folder next to the script it runs, and no symlink out of it).
The page itself is :mod:`geo.app.main`.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from geo.settings import current

LAUNCHER = '''"""Runs the conflict map (geo.app.main); written by geo.app.launch."""
from geo.app.main import main

main()
'''
# the settings of the checkout's .streamlit/config.toml, for a launch from anywhere
STREAMLIT_OPTIONS = ["--server.enableStaticServing", "true", "--browser.gatherUsageStats", "false",
                     "--server.maxUploadSize", "32", "--client.toolbarMode", "minimal", "--server.fileWatcherType", "none"]


def _files(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*") if p.is_file())


def script_folder() -> Path:
    """A folder holding ``app.py`` and ``static/vendor`` (the map assets): the source checkout
    when the package runs from one, else the launcher folder (the assets copied into it when
    they changed)."""
    from geo.assets import DEFAULT_DEST, assets_present

    checkout = Path(__file__).resolve().parent.parent.parent
    if (checkout / "app.py").is_file() and DEFAULT_DEST == checkout / "static" / "vendor":
        return checkout
    folder = current().app_dir
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "app.py"
    if not script.is_file() or script.read_text(encoding="utf-8") != LAUNCHER:
        script.write_text(LAUNCHER, encoding="utf-8")
    served = folder / "static" / "vendor"
    if assets_present(DEFAULT_DEST) and (not served.is_dir() or _files(served) != _files(DEFAULT_DEST)):
        shutil.rmtree(served, ignore_errors=True)
        shutil.copytree(DEFAULT_DEST, served)
    return folder


def command(args: list[str], streamlit_options: list[str] | None = None) -> list[str]:
    """The ``streamlit run`` command line for the app with ``args`` (after ``--``)."""
    folder = script_folder()
    return [sys.executable, "-m", "streamlit", "run", str(folder / "app.py"), *STREAMLIT_OPTIONS,
            *(streamlit_options or []), "--", *args]


def launch(args: list[str], streamlit_options: list[str] | None = None) -> int:
    """Run the app until it is stopped (Ctrl-C, or SIGTERM: passed on to streamlit, which would
    otherwise outlive the launcher); the exit status of streamlit."""
    import signal

    proc = subprocess.Popen(command(args, streamlit_options))
    previous = signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
