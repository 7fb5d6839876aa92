"""The built wheel installs into a fresh virtual environment and, run from another folder, gives
the same output as the editable checkout: every subpackage and every data file is in it.

Slow (it installs the dependencies into a new venv, about 40 s with a warm pip cache); it runs
in CI with the rest of the suite.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, f"{cmd}: {done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(path of the installed `geo` script, a folder outside the checkout to run it from)."""
    base = tmp_path_factory.mktemp("wheel")
    # setuptools builds in the checkout's build/ and never empties it: a data file deleted since
    # the last build would still ship (a wheel must hold what the checkout holds)
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(base / "dist"), str(ROOT)], cwd=base)
    wheels = list((base / "dist").glob("*.whl"))
    assert len(wheels) == 1
    venv.EnvBuilder(with_pip=True).create(base / "venv")
    python = base / "venv" / "bin" / "python"
    run([str(python), "-m", "pip", "install", "-q", str(wheels[0])], cwd=base)
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return base / "venv" / "bin" / "geo", elsewhere


def env_with_assets() -> dict:
    # the installed package looks for map assets in the user's cache; point it at the checkout's
    # vendored copy (what `python -m geo.assets` would fetch) so the two maps can be compared
    return {**os.environ, "GEO_ASSET_DIR": str(ROOT / "static" / "vendor")}


def editable(*args: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "geo", *args], cwd=ROOT, env=env_with_assets())


def test_the_wheel_holds_every_module_and_data_file(installed):
    script, elsewhere = installed
    python = script.parent / "python"
    code = ("import geo, importlib.resources as r; from pathlib import Path; "
            "print(Path(geo.__file__).resolve()); "
            "print(sorted(p.name for p in (r.files('geo') / 'data' / 'gazetteer').iterdir()))")
    out = run([str(python), "-c", code], cwd=elsewhere).stdout.splitlines()
    assert not out[0].startswith(str(ROOT)), "the test must import the installed copy, not the checkout"
    shipped = sorted(p.name for p in (ROOT / "geo" / "data" / "gazetteer").iterdir())
    assert json.loads(out[1].replace("'", '"')) == shipped


def test_the_wheel_holds_the_demo_corpus(installed):
    """`geo app` with no --corpus opens the demo corpus: found in the installed package through
    importlib.resources, every file of the checkout's data/demo in it."""
    script, elsewhere = installed
    python = script.parent / "python"
    code = ("import json; from pathlib import Path; from geo.app.corpus import DEMO_CORPUS; "
            "print(json.dumps([str(DEMO_CORPUS), sorted(p.name for p in Path(DEMO_CORPUS).iterdir())]))")
    where, names = json.loads(run([str(python), "-c", code], cwd=elsewhere).stdout)
    assert "site-packages" in where and not where.startswith(str(ROOT))
    assert names == sorted(p.name for p in DEMO.iterdir()) and len(names) > 10


@pytest.mark.parametrize("command", [["mentions"], ["claims"]])
def test_json_lines_equal_the_editable_run(installed, command):
    script, elsewhere = installed
    got = run([str(script), *command, str(DEMO)], cwd=elsewhere, env=env_with_assets()).stdout
    want = editable(*command, str(DEMO)).stdout
    assert got.count("\n") > 20
    assert got == want


def _digest(text: str) -> str:
    """sha256 of a file's text with folium's random element ids (``map_<32 hex>``) made equal."""
    return hashlib.sha256(re.sub(r"_[0-9a-f]{32}(?![0-9a-f])", "_ID", text).encode("utf-8")).hexdigest()


def test_exports_and_map_equal_the_editable_run(installed, tmp_path):
    script, elsewhere = installed
    for name in ("out.geojson", "map.html"):
        command = "map" if name.endswith(".html") else "export"
        run([str(script), command, str(DEMO), "-o", str(tmp_path / f"wheel-{name}")], cwd=elsewhere,
            env=env_with_assets())
        editable(command, str(DEMO), "-o", str(tmp_path / f"editable-{name}"))
        got, want = (_digest((tmp_path / f"{side}-{name}").read_text(encoding="utf-8"))
                     for side in ("wheel", "editable"))
        assert got == want, name
    assert "<script src=\"http" not in (tmp_path / "wheel-map.html").read_text(encoding="utf-8")


def test_the_app_runs_from_the_wheel(installed, tmp_path):
    """`python -m geo.app` from the installed package: streamlit answers, the page's script runs
    without an error, and the map's scripts are served from the launcher's copy of the assets."""
    import socket
    import time
    import urllib.request

    script, elsewhere = installed
    python = script.parent / "python"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**env_with_assets(), "GEO_APP_DIR": str(tmp_path / "app"), "GEO_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.Popen([str(python), "-m", "geo.app", "--corpus", str(DEMO), "--port", str(port),
                             "--address", "127.0.0.1"], cwd=elsewhere, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the app did not start"
                time.sleep(0.3)
        with urllib.request.urlopen(f"{url}/app/static/vendor/leaflet/dist/leaflet.js", timeout=10) as response:
            assert response.status == 200 and b"Leaflet" in response.read(4000)
        assert (tmp_path / "app" / "app.py").is_file()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    help_text = run([str(script), "app", "--help"], cwd=elsewhere).stdout
    assert "--workspace" in help_text and "--corpus" in help_text
