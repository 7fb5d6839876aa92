"""The streamlit app, shipped in the package.

    geo app [--workspace W.gpkg | --corpus DIR]      # or: python -m geo.app [...]
    streamlit run app.py [-- --workspace W | --corpus DIR]   # from a source checkout

:func:`launch` runs ``streamlit run`` on a small launcher script placed beside the vendored map
assets (streamlit serves the ``static`` folder next to the script it runs), so an installed
wheel serves the map's scripts from the user's cache, like the checkout serves ``static/vendor``.
The page itself is :mod:`geo.app.main`.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LAUNCHER = '''"""Runs the conflict map (geo.app.main); written by geo.app.launch."""
from geo.app.main import main

main()
'''
# the settings of the checkout's .streamlit/config.toml, for a launch from anywhere
STREAMLIT_OPTIONS = ["--server.enableStaticServing", "true", "--browser.gatherUsageStats", "false",
                     "--server.maxUploadSize", "32", "--client.toolbarMode", "minimal"]


def script_folder() -> Path:
    """A folder holding ``app.py`` and ``static/vendor`` (the map assets): the source checkout
    when the package runs from one, else a folder beside the assets in the user's cache."""
    from geo.assets import DEFAULT_DEST

    checkout = Path(__file__).resolve().parent.parent.parent
    if (checkout / "app.py").is_file() and DEFAULT_DEST == checkout / "static" / "vendor":
        return checkout
    folder = DEFAULT_DEST.parent / "app"
    (folder / "static").mkdir(parents=True, exist_ok=True)
    script = folder / "app.py"
    if not script.is_file() or script.read_text(encoding="utf-8") != LAUNCHER:
        script.write_text(LAUNCHER, encoding="utf-8")
    link = folder / "static" / "vendor"
    if link.is_symlink() and link.resolve() != DEFAULT_DEST.resolve():
        link.unlink()
    if not link.exists() and not link.is_symlink():
        link.symlink_to(DEFAULT_DEST, target_is_directory=True)
    return folder


def command(args: list[str], streamlit_options: list[str] | None = None) -> list[str]:
    """The ``streamlit run`` command line for the app with ``args`` (after ``--``)."""
    folder = script_folder()
    return [sys.executable, "-m", "streamlit", "run", str(folder / "app.py"), *STREAMLIT_OPTIONS,
            *(streamlit_options or []), "--", *args]


def launch(args: list[str], streamlit_options: list[str] | None = None) -> int:
    """Run the app until it is stopped (Ctrl-C); the exit status of streamlit."""
    try:
        return subprocess.call(command(args, streamlit_options))
    except KeyboardInterrupt:
        return 0
