"""Offline copies of the JavaScript and CSS a folium map needs.

folium points every map at CDNs (jsDelivr, cdnjs, code.jquery.com, netdna). The app must work
with no internet, so the same versions are fetched once from the npm registry with
``npm pack``, unpacked into ``static/vendor/`` and served by streamlit from the app's own origin
(``/app/static/vendor/...``). Run once after installing::

    python -m geo.assets            # fills static/vendor, skips what is already there

:func:`asset_urls` gives folium's ``default_js``/``default_css`` lists rewritten to those files.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from geo.settings import Settings, current, using


def vendor_dir() -> Path:
    """Where the map's scripts are kept: the settings' ``asset_dir`` (``$GEO_ASSET_DIR``); else
    ``static/vendor`` of a source checkout (where ``app.py`` serves it from); else, for an
    installed package, ``~/.cache/geo-conflict-map/vendor``."""
    if current().asset_dir:
        return current().asset_dir
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "static").is_dir():
        return checkout / "static" / "vendor"
    return Path.home() / ".cache" / "geo-conflict-map" / "vendor"


def __getattr__(name: str):
    """``DEFAULT_DEST``: :func:`vendor_dir` as it is when it is read (under the settings current then)."""
    if name == "DEFAULT_DEST":
        return vendor_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


STAMP = ".geo-asset.json"


class AssetError(RuntimeError):
    """The vendored assets could not be fetched or unpacked."""


@dataclass(frozen=True)
class VendorPackage:
    """One npm package and the files of it the map needs (globs relative to the package root)."""

    name: str
    version: str
    folder: str  # directory under the vendor root
    files: tuple[str, ...]

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


# The versions folium 0.20's Map.default_js / default_css point at.
PACKAGES: tuple[VendorPackage, ...] = (
    VendorPackage("leaflet", "1.9.3", "leaflet",
                  ("dist/leaflet.js", "dist/leaflet.css", "dist/images/*.png", "LICENSE")),
    VendorPackage("jquery", "3.7.1", "jquery", ("dist/jquery.min.js", "LICENSE.txt")),
    VendorPackage("bootstrap", "5.2.2", "bootstrap",
                  ("dist/js/bootstrap.bundle.min.js", "dist/css/bootstrap.min.css", "LICENSE")),
    VendorPackage("drmonty-leaflet-awesome-markers", "2.0.2", "leaflet-awesome-markers",
                  ("js/leaflet.awesome-markers.js", "css/leaflet.awesome-markers.css", "css/images/*.png")),
    VendorPackage("@fortawesome/fontawesome-free", "6.2.0", "fontawesome-free",
                  ("css/all.min.css", "webfonts/*", "LICENSE.txt")),
)

# name in folium's lists -> path under the vendor root. folium's ``glyphicons_css`` (Bootstrap 3
# glyphicons from netdna) has no npm package; it only styles folium.Icon(prefix="glyphicon"),
# which this project does not use, so it is left out rather than fetched from a CDN.
JS_FILES: tuple[tuple[str, str], ...] = (
    ("leaflet", "leaflet/dist/leaflet.js"),
    ("jquery", "jquery/dist/jquery.min.js"),
    ("bootstrap", "bootstrap/dist/js/bootstrap.bundle.min.js"),
    ("awesome_markers", "leaflet-awesome-markers/js/leaflet.awesome-markers.js"),
)
CSS_FILES: tuple[tuple[str, str], ...] = (
    ("leaflet_css", "leaflet/dist/leaflet.css"),
    ("bootstrap_css", "bootstrap/dist/css/bootstrap.min.css"),
    ("awesome_markers_font_css", "fontawesome-free/css/all.min.css"),
    ("awesome_markers_css", "leaflet-awesome-markers/css/leaflet.awesome-markers.css"),
    ("awesome_rotate_css", "folium/leaflet.awesome.rotate.min.css"),
)
LEAFLET_IMAGES = "leaflet/dist/images/"


def rotate_css() -> str:
    """folium's ``leaflet.awesome.rotate`` stylesheet: one ``.fa-rotate-N`` class per degree."""
    return "".join(
        f".fa-rotate-{n}{{-ms-transform:rotate({n}deg);-webkit-transform:rotate({n}deg);"
        f"transform:rotate({n}deg)}}"
        for n in range(360)
    ) + "\n"


def asset_urls(base: str = "app/static/vendor") -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """folium-style ``(default_js, default_css)`` lists pointing at ``base`` instead of CDNs.

    >>> js, css = asset_urls("/app/static/vendor")
    >>> js[0]
    ('leaflet', '/app/static/vendor/leaflet/dist/leaflet.js')
    """
    base = base.rstrip("/")
    return ([(n, f"{base}/{p}") for n, p in JS_FILES], [(n, f"{base}/{p}") for n, p in CSS_FILES])


def image_path(base: str = "app/static/vendor") -> str:
    """The value for ``L.Icon.Default.imagePath`` (ends with a slash)."""
    return f"{base.rstrip('/')}/{LEAFLET_IMAGES}"


def required_files(dest: Path | None = None) -> list[Path]:
    """Every file the map references under ``dest`` (default: :func:`vendor_dir`)."""
    dest = Path(dest or vendor_dir())
    return [dest / p for _, p in JS_FILES + CSS_FILES]


def assets_present(dest: Path | None = None) -> bool:
    """True when every referenced file exists under ``dest`` (default: :func:`vendor_dir`)."""
    return all(p.is_file() for p in required_files(dest))


def _stamp_ok(folder: Path, package: VendorPackage) -> bool:
    try:
        return json.loads((folder / STAMP).read_text())["spec"] == package.spec
    except (OSError, ValueError, KeyError):
        return False


def _npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError(
            "npm was not found on PATH. The offline map assets are fetched once with "
            "`npm pack`; install Node.js/npm (e.g. `apt-get install npm`) and run "
            "`python -m geo.assets` again, or copy a filled static/vendor/ from another machine."
        )
    return npm


def _pack(npm: str, package: VendorPackage, workdir: Path) -> Path:
    """Download the package tarball with ``npm pack`` into ``workdir``."""
    proc = subprocess.run(
        [npm, "pack", package.spec, "--json", "--silent"],
        cwd=workdir, capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise AssetError(f"npm pack {package.spec} failed: {' '.join(detail[-3:]) or proc.returncode}")
    tarballs = sorted(workdir.glob("*.tgz"))
    if not tarballs:
        raise AssetError(f"npm pack {package.spec} produced no tarball")
    return tarballs[-1]


def _extract(tarball: Path, package: VendorPackage, folder: Path) -> list[Path]:
    """Copy the wanted members of ``tarball`` (all under ``package/``) into ``folder``."""
    written: list[Path] = []
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith("package/"):
                continue
            rel = member.name[len("package/"):]
            if ".." in Path(rel).parts or not any(fnmatch.fnmatch(rel, g) for g in package.files):
                continue
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is None:
                continue
            target.write_bytes(source.read())
            written.append(target)
    missing = [g for g in package.files if not any(fnmatch.fnmatch(str(p.relative_to(folder)), g) for p in written)]
    if missing:
        raise AssetError(f"{package.spec}: the tarball has no {', '.join(missing)}")
    return written


def ensure_package(package: VendorPackage, dest: Path, npm: str | None = None) -> bool:
    """Fetch one package into ``dest/<folder>`` unless already there. True if it was fetched."""
    folder = dest / package.folder
    if _stamp_ok(folder, package):
        return False
    npm = npm or _npm()
    with tempfile.TemporaryDirectory(prefix="geo-assets-") as tmp:
        staging = Path(tmp) / "out"
        _extract(_pack(npm, package, Path(tmp)), package, staging)
        (staging / STAMP).write_text(json.dumps({"spec": package.spec}))
        if folder.exists():
            shutil.rmtree(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, folder)
    return True


def ensure_assets(dest: Path | None = None, log=None) -> Path:
    """Make sure every map asset is in ``dest`` (default: :func:`vendor_dir`), fetching missing
    packages with npm; return ``dest``.

    Idempotent: packages already unpacked at the right version are skipped, so a filled
    folder needs neither npm nor the network.
    """
    dest = Path(dest or vendor_dir())
    dest.mkdir(parents=True, exist_ok=True)
    npm: str | None = None
    for package in PACKAGES:
        if _stamp_ok(dest / package.folder, package):
            continue
        npm = npm or _npm()
        if log:
            log(f"fetching {package.spec}")
        ensure_package(package, dest, npm)
    rotate = dest / "folium" / "leaflet.awesome.rotate.min.css"
    if not rotate.is_file():
        rotate.parent.mkdir(parents=True, exist_ok=True)
        rotate.write_text(rotate_css())
    if not assets_present(dest):
        missing = [str(p) for p in required_files(dest) if not p.is_file()]
        raise AssetError(f"still missing after fetching: {', '.join(missing)}")
    return dest


def main(argv: list[str] | None = None) -> int:
    """``python -m geo.assets [--dest DIR]``: a shell, so it reads the settings from the environment."""
    with using(Settings.from_environment()):
        return _fetch(argv)


def _fetch(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.assets", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dest", type=Path, default=vendor_dir(), help="vendor folder (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        dest = ensure_assets(args.dest, log=lambda msg: print(msg, file=sys.stderr))
    except AssetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"map assets ready in {dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
