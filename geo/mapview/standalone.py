"""The map as one self-contained HTML file to share: vendored assets inlined, nothing fetched."""
from __future__ import annotations

import base64
import datetime as dt
import mimetypes
import re
from pathlib import Path

from geo.assets import assets_present, vendor_dir
from geo.mapview.builder import build_map
from geo.mapview.timecontrol import add_time_control
from geo.model import Analysis

_SENTINEL = "geo-vendor:"
_SCRIPT = re.compile(r'<script src="' + re.escape(_SENTINEL) + r'([^"]+)"></script>')
_LINK = re.compile(r'<link rel="stylesheet" href="' + re.escape(_SENTINEL) + r'([^"]+)"\s*/?>')
_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_TTF_FALLBACK = re.compile(r',\s*url\([^)]*\.ttf\)\s*format\(["\']truetype["\']\)')
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/|//# sourceMappingURL=\S*")
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")


def _drop_repeated_font_faces(css: str) -> str:
    """Keep one @font-face per font file: Font Awesome declares each file under three family
    names (v6, v5 and v4 shims), which would embed every font three times."""
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        files = [ref for _, ref in _URL.findall(match.group(0))]
        if files and all(f in seen for f in files):
            return ""
        seen.update(files)
        return match.group(0)

    return _FONT_FACE.sub(keep_first, css)


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or ("font/woff2" if path.suffix == ".woff2" else "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(css_path: Path) -> str:
    """A stylesheet with its relative ``url()`` references embedded as data URIs.

    TrueType fallbacks of web fonts are dropped (every current browser reads the woff2), and so
    are @font-face rules repeating a font file already embedded.
    """
    css = _SOURCE_MAP.sub("", _TTF_FALLBACK.sub("", css_path.read_text(encoding="utf-8")))
    css = _drop_repeated_font_faces(css)

    def embed(match: re.Match) -> str:
        ref = match.group(2).strip()
        if ref.startswith(("data:", "http:", "https:", "//", "#")):
            return match.group(0)
        target = (css_path.parent / ref.split("?")[0].split("#")[0]).resolve()
        return f'url("{_data_uri(target)}")' if target.is_file() else match.group(0)

    return _URL.sub(embed, css).replace("</style", "<\\/style")


def inline_js(js_path: Path) -> str:
    """Script text safe to place inside an inline ``<script>`` element."""
    return _SOURCE_MAP.sub("", js_path.read_text(encoding="utf-8")).replace("</script", "<\\/script")


LATEST = "latest"


def default_day(analysis: Analysis) -> dt.date | None:
    """The day whose state the standalone map shows by default: the latest dated claim's (as the
    app's first view, :func:`geo.aggregate.timeline.latest_day`), and no earlier than the first day
    of any dated claim, so that the state of an analysis already taken as of a day (``geo map
    --as-of``) is that state again. None when no claim is dated."""
    from geo.aggregate.timeline import claim_period, latest_day

    firsts = [claim_period(c)[0] for c in analysis.claims if c.date]
    latest = latest_day(analysis.claims)
    return max([*firsts, latest]) if latest else None


def dated_state(analysis: Analysis, day: dt.date | str | None = LATEST) -> tuple[Analysis, dt.date | None]:
    """(the analysis the map draws, the day of its state or None): the state on ``day``, on
    :func:`default_day` for ``"latest"``, every claim as given for None."""
    from geo.aggregate.timeline import as_of

    if day == LATEST:
        day = default_day(analysis)
    if day is None:
        return analysis, None
    return as_of(analysis, day), day


def map_html(analysis: Analysis, vendor: Path | None = None, day: dt.date | str | None = LATEST) -> str:
    """The standalone HTML page of the map, with a day slider when claims are dated
    (:mod:`geo.mapview.timecontrol`).

    Like the app, it shows by default the state as of the latest dated claim (each source's
    latest word about each place, as ``--as-of`` gives it) and says so; ``day=None`` draws every
    claim at once (the analysis as given), a date the state on that day. The day slider's rings
    cover every day of the claims given either way.

    With the vendored assets present every script and stylesheet is inlined, so the file
    works offline; otherwise it links folium's usual CDNs. ``vendor`` is the folder of those
    assets (default: :func:`geo.assets.vendor_dir`, as the settings in force say).
    """
    vendor = Path(vendor) if vendor is not None else vendor_dir()
    offline = assets_present(vendor)
    shown, state_day = dated_state(analysis, day)
    fmap = build_map(shown, asset_base=_SENTINEL.rstrip("/") if offline else None)
    add_time_control(fmap, analysis, state_day)
    page = fmap.get_root().render()
    if not offline:
        return page
    page = _SCRIPT.sub(lambda m: f"<script>{inline_js(vendor / m.group(1).lstrip('/'))}</script>", page)
    return _LINK.sub(lambda m: f"<style>{inline_css(vendor / m.group(1).lstrip('/'))}</style>", page)


def write_map_html(analysis: Analysis, path: str | Path, vendor: Path | None = None,
                   day: dt.date | str | None = LATEST) -> Path:
    """Write :func:`map_html` to ``path`` and return it."""
    path = Path(path)
    path.write_text(map_html(analysis, vendor, day), encoding="utf-8")
    return path
