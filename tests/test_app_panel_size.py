"""A click on a busy place fills the panel with a bounded amount of HTML (the browser sanitises and
lays out every byte of it on each click), the rest one toggle away; and bench_map's generated
corpus module stands alone, so another checkout's app loads it with its own model."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from tests.test_app import click, panel_html, start

ROOT = Path(__file__).resolve().parent.parent
CORPUS_MODULE = ROOT / "benchmarks" / "bench_map_corpus.py"


def busy_app(monkeypatch, tmp_path):
    from benchmarks.bench_map_corpus import write_corpus

    write_corpus(tmp_path / "docs", 1200, per_doc=10)  # Raqqa: about 100 claims in about 80 documents
    at = start(monkeypatch, "--corpus", str(tmp_path / "docs"), "--analyser", "benchmarks.bench_map_corpus:analyse")
    return click(at, "Raqqa")


def test_a_busy_place_shows_the_first_accounts_and_claims_then_all_on_demand(monkeypatch, tmp_path):
    from geo.app.panels import PANEL_LIMIT, SOURCES_LIMIT

    at = busy_app(monkeypatch, tmp_path)
    assert at.subheader[0].value == "Raqqa"
    sources = next(h.value for h in at.html if 'class="geo-sources"' in h.value)
    assert sources.count('class="geo-sent"') == SOURCES_LIMIT  # the first accounts, one sentence each
    assert len(re.findall(r"<blockquote>", panel_html(at))) == PANEL_LIMIT
    assert len(panel_html(at)) < 40_000
    toggle = next(t for t in at.toggle if t.key == "panel_sources_all")
    assert re.match(r"Show all \d+ sources' accounts", toggle.label)
    toggle.set_value(True).run()
    sources = next(h.value for h in at.html if 'class="geo-sources"' in h.value)
    assert sources.count('class="geo-sent"') > SOURCES_LIMIT


def test_the_corpus_module_stands_alone_and_dates_each_claim(tmp_path, monkeypatch):
    import ast

    imported = {n.module if isinstance(n, ast.ImportFrom) else a.name
                for n in ast.walk(ast.parse(CORPUS_MODULE.read_text(encoding="utf-8")))
                if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    assert not any(m and m.startswith("benchmarks") for m in imported), imported
    # loaded as bench_map --compare loads it: a copy beside the corpus, under another name
    (tmp_path / "bench_map_dated.py").write_text(CORPUS_MODULE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("bench_map_dated", None)
    import bench_map_dated
    from geo.documents import load_paths

    bench_map_dated.write_corpus(tmp_path / "docs", 200)
    docs, _ = load_paths([tmp_path / "docs"])
    analysis = bench_map_dated.analyse(docs)
    assert len(analysis.claims) == 200
    assert {c.date for c in analysis.claims} == {"2017-06-01", "2017-06-02", "2017-06-03", "2017-06-04"}
    raqqa = next(p for p in analysis.places if p.name == "Raqqa")
    assert (round(raqqa.lat, 2), round(raqqa.lon, 2)) == (35.95, 39.01)
    assert analysis.corridors
