"""Map benchmarks: how fast the map appears, how fast a click fills the panel, and whether
panning or zooming reruns the script. Prints numbers; it is not a test.

    .venv/bin/python benchmarks/bench_map.py                 # demo, seeds and a generated 5,000-claim corpus
    .venv/bin/python benchmarks/bench_map.py --claims 20000  # a bigger generated corpus
    .venv/bin/python benchmarks/bench_map.py --compare /tmp/geo-main   # and another checkout, same run

With ``--compare DIR`` each corpus is also served from DIR (its app.py and geo/, e.g. today's
``main`` from ``git archive main | tar -x -C DIR``): both apps are up at once and their page loads
alternate A B B A A B ... in one browser, the same number each (``--loads``), so that neither side
is always the one measured first; the summary gives each side's median warm load and its spread. The browser window is 1400x900; the map's share of it is reported as
``map_width_frac`` and ``map_height_frac``.

Each corpus is served by ``streamlit run app.py`` on 127.0.0.1 and driven by Debian's
Chromium through Playwright. The generated corpus skips the geoparser (``bench_map_corpus``):
its documents are written here, and the claims, each with a day, are read back from their fixed
sentence pattern and assembled with the pipeline's own aggregation; both apps get it
(``--analyser``) from a copy of that module, each with its own model, so a checkout from before
a model change loads it too. Results are also written to ``benchmarks/results/bench_map.json``.

"warm" is a page load in a new browser context (the server's caches warm, the browser's empty:
streamlit's own scripts are fetched again); "reload" is a reload of the same tab (the browser's
cache warm too, as for a returning user).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_map_corpus import write_corpus  # noqa: E402
from geo.model import Analysis  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "data" / "demo"  # the built-in demo corpus (a link to geo/app/demo)
RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAP_IFRAME = 'iframe[title*="streamlit_folium"]'
RUNS = re.compile(r"debug: script runs = (\d+)")
VIEWPORT = {"width": 1400, "height": 900}

# --------------------------------------------------------------------------- generated corpus
# Written and read back by bench_map_corpus (self-contained): with --compare it is copied beside the
# corpus as DATED_MODULE and both apps load it, each building the claims with its own model.
DATED_MODULE = "bench_map_dated"
CORPUS_MODULE = Path(__file__).resolve().parent / "bench_map_corpus.py"


# --------------------------------------------------------------------------- server and browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serving_folder(root: Path, tmp: Path) -> Path:
    """The folder to run ``root``'s app.py from: ``root`` itself when its ``static/vendor`` is a
    real folder in it, else a folder of links to its ``app.py`` and ``.streamlit/`` beside a copy
    of the vendored assets (its own through the link, else this checkout's).

    Streamlit serves a file of ``static/`` only when its real path is inside that folder: through a
    ``static/vendor`` link (a checkout made with ``git archive`` or ``git worktree add`` and the
    assets linked in) every map script is a 400, and the map never appears. The checkout itself
    is left as it is."""
    vendor = root / "static" / "vendor"
    if vendor.is_dir() and not vendor.is_symlink():
        return root
    source = vendor if vendor.is_dir() else ROOT / "static" / "vendor"
    import shutil

    folder = tmp / f"serve-{len(list(tmp.glob('serve-*')))}"
    shutil.copytree(source, folder / "static" / "vendor", symlinks=False)
    (folder / "app.py").symlink_to(root / "app.py")
    if (root / ".streamlit").is_dir():
        (folder / ".streamlit").symlink_to(root / ".streamlit")
    return folder


class App:
    """``streamlit run app.py`` of ``root`` (run from ``folder``, see :func:`serving_folder`) on a
    free port for the duration of a ``with`` block."""

    def __init__(self, corpus: Path, analyser: str | None = None, root: Path = ROOT,
                 folder: Path | None = None, path: tuple[str, ...] = ()) -> None:
        self.path = path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.root = root
        self.folder = folder or root
        args = ["--", "--corpus", str(corpus), "--debug-runs"] + (["--analyser", analyser] if analyser else [])
        self.cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                    "--server.address", "127.0.0.1", "--server.headless", "true",
                    "--browser.gatherUsageStats", "false", *args]

    def __enter__(self) -> "App":
        import os

        # this root's geo/ (and benchmarks/), not the installed one; then the generated corpus's analyser
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(self.root), *self.path])}
        self.proc = subprocess.Popen(self.cmd, cwd=self.folder, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            self.__exit__()
            raise TimeoutError(f"streamlit did not start in {self.folder}")
        try:  # the map needs Leaflet from the app's static folder: say so now, not after 120 s
            urllib.request.urlopen(self.url + "/app/static/vendor/leaflet/dist/leaflet.js", timeout=5).close()
        except OSError as err:
            self.__exit__()
            raise RuntimeError(f"{self.folder}: the vendored Leaflet is not served ({err})") from None
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def script_runs(page) -> int:
    page.get_by_role("heading", name="Read a document").wait_for(timeout=60_000)  # the whole page, not the first run
    return int(RUNS.search(page.locator("section[data-testid='stSidebar']").inner_text()).group(1))


def make_clickable(page, target) -> None:
    for _ in range(8):
        try:
            target.click(trial=True, timeout=1000)
            return
        except Exception:  # noqa: BLE001 - covered by another marker: zoom in over it
            box = target.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.wheel(0, -400)
            page.wait_for_timeout(600)


# In the page, from the start of each document: every frame, whether the map's frame holds a new
# document with a place drawn, or for a later one its map made, or the same map refilled with a new
# day's data (its time, from navigation start, and the "As of" day then), when the
# first place name shows, and when the page sent a message to the server (a click, a play tick).
# Playwright's own waits poll at growing intervals (up to 0.5 s here): timed this way instead.
PAGE_PROBE = """
(() => {
  if (window !== window.top) { return; }
  const geo = window.__geo = {sends: [], draws: [], names: null, received: []};
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    geo.sends.push(performance.now());
    if (!this.__geoHeard) {  // the messages the page receives, until the map is drawn: [time, bytes]
      this.__geoHeard = true;
      this.addEventListener('message', e => {
        if (geo.draws.length === 0) { geo.received.push([performance.now(), e.data.size || e.data.byteLength || e.data.length || 0]); }
      });
    }
    return send.call(this, data);
  };
  let seen = null, updates = 0;
  const day = () => {
    const slider = [...document.querySelectorAll('[data-testid="stSlider"]')].find(e => e.innerText.includes('As of'));
    const found = slider && slider.innerText.match(/\\d{4}-\\d{2}-\\d{2}/);
    return found ? found[0] : null;
  };
  const tick = () => {
    const frame = document.querySelector('iframe[title*="streamlit_folium"]');
    let doc = null;
    try { doc = frame && frame.contentDocument; } catch (e) { doc = null; }
    const refilled = doc && doc === seen && doc.defaultView && (doc.defaultView.geoUpdates || 0) > updates;
    if (refilled) {  // the same map refilled in place with a new day's data (geo.mapview.live)
      updates = doc.defaultView.geoUpdates;
      geo.draws.push({t: performance.now(), day: day()});
    }
    if (doc && doc !== seen) {
      // the first map: a place drawn; a later one (play): its script has run (a day may have no
      // place inside a view zoomed in before, and Leaflet leaves the paths outside it empty)
      const place = doc.querySelector('.geo-place'), win = doc.defaultView;
      if ((place && place.getBoundingClientRect().width > 0)
          || (geo.draws.length > 0 && win && win.map && win.map._loaded)) {
        seen = doc;
        updates = (win && win.geoUpdates) || 0;
        geo.draws.push({t: performance.now(), day: day()});
      }
    }
    if (doc && geo.names === null) {
      const name = doc.querySelector('.geo-label');
      if (name && name.getBoundingClientRect().width > 0) { geo.names = performance.now(); }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
MAP_DRAWN = "() => window.__geo && window.__geo.draws.length > 0"
PLAY_STEPS = 4


def _load(page, go) -> tuple[float, float, float, dict]:
    """(wall s from the request to the first frame with the map drawn, the same from the page's
    navigation start, the first place name from navigation start, where that time went: see
    :func:`load_phases`)."""
    t0 = time.perf_counter()
    go()
    page.wait_for_function(MAP_DRAWN, polling="raf", timeout=120_000)
    wall = time.perf_counter() - t0
    page.wait_for_function("() => window.__geo.names !== null", polling="raf", timeout=120_000)
    geo = page.evaluate("window.__geo")
    return round(wall, 2), round(geo["draws"][0]["t"] / 1000, 2), round(geo["names"] / 1000, 2), load_phases(geo)


def load_phases(geo: dict) -> dict:
    """A load's time to the map, in three parts (s, in the page): ``boot``, from navigation start to
    the first message from the server (streamlit's own page and scripts, the session opened);
    ``script``, from there to the message that carries the map (the biggest before the map is
    drawn: the script's first run up to the map element); ``frame``, from there to the map drawn
    (the component's frame, its scripts, Leaflet, the map script and the first day's data)."""
    received = geo["received"]
    if not received:
        return {}
    drawn = geo["draws"][0]["t"]
    first = received[0][0]
    at, size = max(received, key=lambda r: r[1])
    return {"boot": round(first / 1000, 2), "script": round((at - first) / 1000, 2),
            "frame": round((drawn - at) / 1000, 2), "map_message_kb": size // 1024}


def measure_play(page, steps: int = PLAY_STEPS) -> dict:
    """Play from the first day for ``steps`` steps: each step's time from the page's request (the
    play timer's tick, or the Play click) to the next day's map drawn, and the time between days."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    play = page.get_by_role("button", name="\u25b6 Play").first
    try:
        play.wait_for(timeout=30_000)
    except PlaywrightTimeout:  # no timeline
        return {}
    before = page.evaluate("window.__geo.draws.length")
    play.click()
    try:
        page.wait_for_function(f"() => window.__geo.draws.length >= {before + steps}", polling="raf",
                               timeout=30_000 * steps)
    except PlaywrightTimeout:
        pass
    geo = page.evaluate("window.__geo")
    if page.get_by_role("button", name="\u23f8 Pause").count():
        page.get_by_role("button", name="\u23f8 Pause").first.click()
    draws = geo["draws"][before:]
    sends = geo["sends"]
    steps_s = [(d["t"] - max((t for t in sends if t < d["t"]), default=d["t"])) / 1000 for d in draws]
    gaps = [(b["t"] - a["t"]) / 1000 for a, b in zip(draws, draws[1:])]
    return {"play_days": [d["day"] for d in draws], "play_step_s": [round(x, 2) for x in steps_s],
            "play_interval_s": [round(x, 2) for x in gaps]}


def load_order(labels: list[str], loads: int) -> list[str]:
    """The apps' page loads interleaved, ABBA: A B B A A B ... (each app ``loads`` times), so neither
    side is always measured first after the other (with one app first, then the other, the side
    measured first came out ~0.5 s slower with identical code)."""
    order: list[str] = []
    for i in range(loads):
        order += labels if i % 2 == 0 else labels[::-1]
    return order


def measure_apps(apps: dict[str, App], loads: int = 3, play: bool = True) -> dict[str, dict]:
    """Per app: map-drawn times over ``loads`` page loads (each in a new browser context, the apps'
    loads interleaved by :func:`load_order`, one browser for all), then on each app's last page two
    reloads, the pan/zoom check, click-to-panel and a few steps of Play (the apps in turn)."""
    from playwright.sync_api import sync_playwright

    outs = {label: {"map_visible_s": [], "map_visible_in_page_s": [], "names_visible_s": []} for label in apps}
    pages: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for label in load_order(list(apps), loads):
            out = outs[label]
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(PAGE_PROBE)
            page = context.new_page()
            wall, in_page, names, phases = _load(page, lambda: page.goto(apps[label].url))
            for part, value in phases.items():
                out.setdefault(f"load_{part}", []).append(value)
            out["map_visible_s"].append(wall)
            out["map_visible_in_page_s"].append(in_page)
            out["names_visible_s"].append(names)
            out["features_drawn"] = page.frame_locator(MAP_IFRAME).locator(".geo-place").count()
            # the page complete before the next load: that one finds the servers idle, as a new user's
            # would (closed at once, a page can leave its session's last run to the next load)
            page.get_by_role("heading", name="Read a document").wait_for(timeout=120_000)
            if label in pages:
                pages[label].context.close()
            pages[label] = page
        for label in apps:
            outs[label].update(after_loads(pages[label], play))
            pages[label].context.close()
        browser.close()
    return outs


def after_loads(page, play: bool = True) -> dict:
    """On a loaded page: two reloads, the map's share of the window, the pan/zoom check,
    click-to-panel and (``play``) a few steps of Play."""
    out: dict = {}
    # a reload in the same tab: the browser has the page's scripts (what a returning user sees);
    # each load in measure_apps is a new browser context, with nothing cached
    out["reload_visible_s"] = []
    # first the servers idle: the last interleaved load may be the other app's, whose run for the rest of
    # its page (1-2 s at 5,000 claims) took the CPU from this app's first reload (2.3-3.3 s against
    # 1.1-1.7 s for the app measured second, 0.9-1.2 s alone)
    page.wait_for_timeout(4000)
    for _ in range(2):
        page.wait_for_timeout(500)
        out["reload_visible_s"].append(_load(page, page.reload)[0])
    frame = page.frame_locator(MAP_IFRAME)
    page.wait_for_timeout(1000)
    box = page.locator(MAP_IFRAME).bounding_box()
    out["map_width_frac"] = round(box["width"] / VIEWPORT["width"], 3)
    out["map_height_frac"] = round(box["height"] / VIEWPORT["height"], 3)
    runs = script_runs(page)
    raqqa = frame.locator(".geo-place.geo-name-raqqa").first
    make_clickable(page, raqqa)  # wheel zooms
    box = frame.locator(".leaflet-container").bounding_box()
    page.mouse.move(box["x"] + 60, box["y"] + box["height"] - 60)
    page.mouse.down()
    page.mouse.move(box["x"] + 100, box["y"] + box["height"] - 90, steps=5)
    page.mouse.up()
    page.wait_for_timeout(1200)
    out["reruns_on_pan_zoom"] = script_runs(page) - runs
    make_clickable(page, raqqa)
    t0 = time.perf_counter()
    raqqa.click()
    page.get_by_role("heading", name="Raqqa").wait_for(timeout=60_000)
    page.locator("blockquote").first.wait_for(timeout=60_000)
    out["click_to_panel_s"] = round(time.perf_counter() - t0, 2)
    out["reruns_on_click"] = script_runs(page) - runs - out["reruns_on_pan_zoom"]
    if play:
        out.update(measure_play(page))
    return out


def server_side(analysis: Analysis) -> dict:
    """In-process costs of one script run's map work for ``analysis``."""
    from geo.aggregate import filter_analysis
    from geo.io.geojson import geojson_bytes
    from geo.mapview import build_map

    t0 = time.perf_counter()
    page = build_map(analysis, "/app/static/vendor").get_root().render()
    t1 = time.perf_counter()
    data = geojson_bytes(analysis)
    t2 = time.perf_counter()
    filter_analysis(analysis, actors={"SDF"})
    t3 = time.perf_counter()
    return {"build_and_render_map_s": round(t1 - t0, 3), "map_html_kb": len(page) // 1024,
            "geojson_export_s": round(t2 - t1, 3), "geojson_kb": len(data) // 1024,
            "filter_one_actor_s": round(t3 - t2, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=5000, help="claims in the generated corpus")
    parser.add_argument("--loads", type=int, default=3, help="page loads per corpus")
    parser.add_argument("--compare", type=Path, default=None,
                        help="another checkout (its app.py and geo/) measured in the same run, e.g. today's main")
    parser.add_argument("--skip-seeds", action="store_true", help="without the seeds")
    parser.add_argument("--only", default="", help="comma-separated corpora to measure: demo, seeds, generated")
    args = parser.parse_args(argv)

    from benchmarks import use_environment

    use_environment()  # an entry point: the settings come from the environment
    from geo.assets import ensure_assets
    from geo.documents import load_paths

    ensure_assets()
    roots = {"this": ROOT}
    if args.compare is not None:
        other = args.compare.resolve()
        if not (other / "app.py").is_file():
            print(f"bench_map: {other} has no app.py", file=sys.stderr)
            return 2
        roots["compare"] = other
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmp:
        folders = {label: serving_folder(root, Path(tmp)) for label, root in roots.items()}
        generated = Path(tmp) / "generated"
        write_corpus(generated, args.claims)
        (Path(tmp) / f"{DATED_MODULE}.py").write_text(CORPUS_MODULE.read_text(encoding="utf-8"), encoding="utf-8")
        sys.path.append(tmp)
        corpora = {"demo": (DEMO, None), "seeds": (SEEDS, None),
                   f"generated_{args.claims}": (generated, f"{DATED_MODULE}:analyse")}
        if args.skip_seeds:
            corpora.pop("seeds")
        if args.only:
            wanted = set(args.only.split(","))
            corpora = {k: v for k, v in corpora.items() if k.split("_")[0] in wanted}
        for name, (folder, analyser) in corpora.items():
            if not folder.is_dir():
                print(f"{name}: {folder} is missing, skipped")
                continue
            docs, _ = load_paths([folder])
            t0 = time.perf_counter()
            if analyser:
                import importlib

                analysis = importlib.import_module(DATED_MODULE).analyse(docs)
            else:
                from geo.pipeline import analyse
                analysis = analyse(docs)
            shared = {"documents": len(docs), "claims": len(analysis.claims), "places": len(analysis.places),
                      "zones": len(analysis.zones), "corridors": len(analysis.corridors),
                      "analyse_s": round(time.perf_counter() - t0, 2), **server_side(analysis)}
            with contextlib.ExitStack() as stack:  # both apps up: their loads interleaved
                apps = {label: stack.enter_context(App(folder, analyser, root, folders[label], (tmp,)))
                        for label, root in roots.items()}
                measured = measure_apps(apps, args.loads)
            for label, root in roots.items():
                key = name if label == "this" else f"{name} [{label}]"
                results[key] = dict(shared, root=str(root), **measured[label])
                print(f"\n== {key}")
                for k, value in results[key].items():
                    print(f"  {k:24} {value}")
    for name, info in results.items():
        visible = info["map_visible_s"]
        in_page = info["map_visible_in_page_s"]
        names = info["names_visible_s"]
        play = (f"; play step {statistics.median(info['play_step_s'][1:] or info['play_step_s']):.2f} s (tick to the "
                f"next day's map, median of {len(info['play_step_s'][1:] or info['play_step_s'])}), a day every "
                f"{statistics.median(info['play_interval_s']):.2f} s" if info.get("play_interval_s") else "")
        warm = visible[1:] or visible
        print(f"\n{name}: map visible {visible[0]} s cold, {statistics.median(warm):.2f} s warm (median of "
              f"{len(warm)}, {min(warm):.2f}-{max(warm):.2f}; {statistics.median(in_page[1:] or in_page):.2f} s from "
              "navigation start in the page), names "
              f"on it {statistics.median(names[1:] or names):.2f} s; reload (browser cache warm) "
              f"{statistics.median(info['reload_visible_s']):.2f} s; click->panel "
              f"{info['click_to_panel_s']} s; reruns on pan/zoom {info['reruns_on_pan_zoom']}, on click "
              f"{info['reruns_on_click']}{play}; map {info['map_width_frac']:.0%} x {info['map_height_frac']:.0%} "
              "of 1400x900")
        if info.get("load_frame"):
            parts = ", ".join(f"{part} {statistics.median(info['load_' + part][1:] or info['load_' + part]):.2f} s"
                              for part in ("boot", "script", "frame"))
            print(f"  warm load by part (medians, see load_phases): {parts}; the map's message "
                  f"{statistics.median(info['load_map_message_kb'])} KB")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_map.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
