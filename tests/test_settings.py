"""Settings are read once, at the edge: the shells turn the environment into one ``Settings``
object; library code reads the installed one and never the environment. The variables the README
documents keep working for users."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo.settings import Settings, current, using

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "geo"
# the modules that may read the environment: the settings themselves and the shells
MAY_READ_ENVIRONMENT = {"geo/settings.py", "geo/cli.py"}
ENVIRONMENT_READ = re.compile(r"\bos\.environ\b|\bgetenv\s*\(|\bfrom\s+os\s+import\s+[^\n]*\b(?:environ|getenv)\b")


def environment_reads(text: str) -> list[str]:
    """The lines of a module's source that read the environment."""
    return [line.strip() for line in text.splitlines() if ENVIRONMENT_READ.search(line)]


def test_no_library_module_reads_the_environment():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in MAY_READ_ENVIRONMENT or name.startswith("geo/app/"):
            continue
        if lines := environment_reads(path.read_text(encoding="utf-8")):
            found[name] = lines
    assert not found, f"read the environment outside the shells (use geo.settings.current()): {found}"


def test_the_scan_sees_an_environment_read():
    assert environment_reads('x = os.environ.get("GEO_X")\ny = 1\nz = os.getenv("Y")\nfrom os import environ\n') == [
        'x = os.environ.get("GEO_X")', 'z = os.getenv("Y")', "from os import environ"]
    assert environment_reads("environment = 'environs'\n") == []


def test_every_documented_variable_becomes_a_field(tmp_path):
    env = {"GEO_CACHE_DIR": str(tmp_path / "cache"), "GEO_ASSET_DIR": str(tmp_path / "vendor"),
           "GEO_LEXICON_DIR": str(tmp_path / "lexicon"), "GEO_SYNTAX": "yes", "GEO_SPACY_MODEL": " en_core_web_md ",
           "GEO_CONSTRUCTIONS_OFF": "lead,,heading ", "GEO_DATA_DIR": str(tmp_path / "data"),
           "GEO_APP_DIR": str(tmp_path / "app"), "GEO_AUTHOR": "rana"}
    s = Settings.from_environment(env)
    assert (s.cache_dir, s.asset_dir, s.lexicon_dir) == (tmp_path / "cache", tmp_path / "vendor", tmp_path / "lexicon")
    assert (s.syntax, s.spacy_model, s.constructions_off) == (True, "en_core_web_md", frozenset({"lead", "heading"}))
    assert (s.data_dir, s.app_dir, s.author, s.who()) == (tmp_path / "data", tmp_path / "app", "rana", "rana")
    # nothing set: the defaults; XDG_DATA_HOME places the data folder when GEO_DATA_DIR does not
    home = Path.home()
    empty = Settings.from_environment({})
    assert empty == Settings() and empty.cache_dir == home / ".cache" / "geo-conflict-map"
    assert empty.data_dir == home / ".local" / "share" / "geo-conflict-map" and not empty.syntax
    assert Settings.from_environment({"XDG_DATA_HOME": "/x"}).data_dir == Path("/x/geo-conflict-map")
    assert Settings.from_environment({"GEO_SYNTAX": "0"}).syntax is False


def test_the_library_follows_the_installed_settings(tmp_path):
    from geo.assets import vendor_dir
    from geo.claims import constructions, syntax
    from geo.geoparse.gazetteer import cache_dir
    from geo.knowledge.records import user_files

    (tmp_path / "relations.toml").write_text("", encoding="utf-8")
    chosen = Settings(cache_dir=tmp_path / "cache", asset_dir=tmp_path / "vendor", lexicon_dir=tmp_path,
                      syntax=True, spacy_model="no_such_model", constructions_off=frozenset({"heading"}))
    with using(chosen):
        assert cache_dir() == tmp_path / "cache" and vendor_dir() == tmp_path / "vendor"
        assert user_files() == [tmp_path / "relations.toml"]
        assert syntax.enabled() and syntax.model_names() == ("no_such_model",)
        constructions._records.cache_clear()
        assert "heading" not in {r.name for r in constructions.records("no_claims")}
    constructions._records.cache_clear()
    assert "heading" in {r.name for r in constructions.records("no_claims")}
    assert current() is not chosen and not syntax.enabled() and cache_dir() == current().cache_dir


def test_the_analyser_version_covers_the_settings_that_change_an_analysis(tmp_path):
    from geo.service import analyser_version

    base = Settings(cache_dir=current().cache_dir)
    versions = {analyser_version(base), analyser_version(Settings(cache_dir=base.cache_dir, syntax=True)),
                analyser_version(Settings(cache_dir=base.cache_dir, constructions_off=frozenset({"lead"})))}
    assert len(versions) == 3
    # where the files are kept changes nothing an analysis finds
    assert analyser_version(Settings(cache_dir=base.cache_dir, data_dir=tmp_path, author="x")) == analyser_version(base)


def test_the_user_lexicon_variable_still_works_from_the_command_line(tmp_path):
    """$GEO_LEXICON_DIR, read by the shell, reaches the claims stage in the same process."""
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "relations.toml").write_text(
        '[[relation]]\nrelation = "contested"\npattern = \'blockad(?:e|ed|es|ing)\\b\'\n', encoding="utf-8")
    (tmp_path / "note.txt").write_text("Government forces blockaded Raqqa on 3 May 2017.", encoding="utf-8")

    def relations(**env):
        run = subprocess.run([sys.executable, "-m", "geo", "claims", str(tmp_path / "note.txt")], cwd=ROOT,
                             capture_output=True, text=True, timeout=300,
                             env={**__import__("os").environ, **env})
        assert run.returncode == 0, run.stderr
        return {(c["relation"], c["place"]) for c in map(json.loads, run.stdout.splitlines())}

    assert ("contested", "Raqqa") not in relations()
    assert ("contested", "Raqqa") in relations(GEO_LEXICON_DIR=str(tmp_path / "lexicon"))


def test_a_shell_installs_its_settings_only_while_it_runs(monkeypatch, capsys):
    from geo import cli

    before = current()
    monkeypatch.setenv("GEO_SYNTAX", "1")
    assert cli.main(["sources"]) == 0
    assert current() is before and "GeoNames" in capsys.readouterr().out


@pytest.mark.parametrize("field", ["cache_dir", "syntax"])
def test_settings_are_frozen(field):
    with pytest.raises(AttributeError):
        setattr(Settings(), field, None)


def test_the_workers_of_a_local_cluster_take_this_process_settings(tmp_path, use_settings):
    """A local Dask cluster's workers analyse under the settings installed here (they are not
    shells and read no environment of their own)."""
    pytest.importorskip("distributed")
    from geo.model import Document
    from geo.scale import claims_on_dask

    (tmp_path / "relations.toml").write_text(
        '[[relation]]\nrelation = "contested"\npattern = \'blockad(?:e|ed|es|ing)\\b\'\n', encoding="utf-8")
    use_settings(lexicon_dir=tmp_path)
    doc = Document("note", "Government forces blockaded Raqqa on 3 May 2017.")
    found = {(c.relation, c.place.name) for c in claims_on_dask([doc], workers=1)}
    assert ("contested", "Raqqa") in found
