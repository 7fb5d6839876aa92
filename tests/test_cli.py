"""The command-line contract: JSON lines, offsets, exit codes and bad input, through a real process."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"doc", "start", "end", "surface", "place_id", "name", "lat", "lon", "country", "kind", "precision",
          "confidence", "role"}


def geo(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_mentions_contract_on_the_seeds(shared):
    run = geo("mentions", shared / "seeds")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(rows) > 150
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in (shared / "seeds").glob("*.txt")}
    for row in rows:
        assert set(row) == FIELDS
        assert texts[row["doc"]][row["start"]:row["end"]] == row["surface"]
        assert row["role"] in ("place", "actor", "unresolved", "demonym")
    assert any(r["surface"] == "Deir Ezzur" and r["name"] == "Deir ez-Zor" for r in rows)


def test_bad_files_are_reported_and_good_ones_still_printed(tmp_path):
    (tmp_path / "good.txt").write_text("Syrian troops entered Deir ez-Zor.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "latin1.txt").write_bytes("Fighting near Raqqa caf\xe9".encode("latin-1"))  # read: not UTF-8, still text
    (tmp_path / "empty.txt").write_bytes(b"")
    with open(tmp_path / "huge.txt", "wb") as handle:  # 50 MB, refused before it is read
        handle.truncate(50 * 1024 * 1024)
    run = geo("mentions", tmp_path, tmp_path / "missing.txt")
    assert run.returncode == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("geo: error:")]
    assert len(errors) == 4, run.stderr
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("huge.txt" in e and "50 MB" in e for e in errors)
    assert any("missing.txt" in e and "no such file" in e for e in errors)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["doc"], r["name"]) for r in rows if r["role"] == "place"] == [("good", "Deir ez-Zor"), ("latin1", "Raqqa")]


def test_a_thousand_files_with_odd_names(tmp_path):
    names = ["plain", "with space", "ünïcödé-رقة", "-leading-dash", "semi;colon", "quote'd", "x" * 120]
    for i in range(1000):
        name = f"{names[i % len(names)]}-{i}.txt"
        (tmp_path / name).write_text(f"Report {i}: shelling in Raqqa.", encoding="utf-8")
    run = geo("mentions", tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(rows) == 1000 and {r["name"] for r in rows} == {"Raqqa"}


def test_html_is_reduced_to_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>t</title><script>var Raqqa = 1;</script></head>"
                    "<body><p>Clashes in <b>Tabqa</b> &amp; Mosul.</p></body></html>", encoding="utf-8")
    run = geo("mentions", page)
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["name"] for line in run.stdout.splitlines()] == ["Tabqa", "Mosul"]


def test_evaluate_prints_scores_and_misses(shared):
    run = geo("evaluate", "--gold", shared / "gold" / "seed_places.csv", shared / "seeds")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("places: recall 100.0%")
    run = geo("evaluate", "--gold", shared / "gold" / "seed_claims.csv", shared / "seeds")
    assert run.returncode == 0 and run.stdout.startswith("claims: recall")
    found, total = map(int, re.search(r"\((\d+)/(\d+) gold claims\)", run.stdout).groups())
    assert run.stdout.count("\n  miss: ") == total - found  # every miss is listed, and nothing else


def test_evaluate_scores_the_demo_expectations_and_refuses_unknown_formats(tmp_path):
    run = geo("evaluate", "--gold", ROOT / "data" / "demo" / "EXPECTED.csv", ROOT / "data" / "demo")
    assert run.returncode == 0, run.stderr
    found, total = map(int, re.search(r"\((\d+)/(\d+) gold claims\)", run.stdout).groups())
    assert total == 71 and found >= 70
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    run = geo("evaluate", "--gold", odd, ROOT / "data" / "demo")
    assert run.returncode == 2 and "seed_places.csv" in run.stderr and "EXPECTED.csv" in run.stderr


def test_export_format_follows_the_suffix_and_refuses_a_contradiction(tmp_path):
    small = tmp_path / "in.txt"
    small.write_text("The SDF captured Tabqa from ISIS.", encoding="utf-8")
    run = geo("export", small, "-o", tmp_path / "out.gpkg")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out.gpkg").read_bytes()[:16] == b"SQLite format 3\x00"
    for _ in range(2):  # a second run overwrites the folder
        run = geo("export", small, "-o", tmp_path / "out.parquet")
        assert run.returncode == 0, run.stderr
    assert (tmp_path / "out.parquet" / "claim").is_dir()
    run = geo("export", small, "-o", tmp_path / "other.parquet", "--format", "geojson")
    assert run.returncode == 2 and "contradicts" in run.stderr
    assert not (tmp_path / "other.parquet").exists()


def test_workers_without_the_scale_extra_name_the_extra(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling in Raqqa.", encoding="utf-8")
    code = ("import sys; sys.modules['distributed'] = None; from geo.cli import main; "
            f"sys.exit(main(['claims', {str(tmp_path)!r}, '--workers', '2']))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "geo-conflict-map[scale]" in run.stderr and "Traceback" not in run.stderr


def test_geocode_prints_each_place_once_and_fails_on_an_unknown_name():
    run = geo("geocode", "Raqqah")
    assert run.returncode == 0, run.stderr
    ids = [json.loads(line)["place_id"] for line in run.stdout.splitlines()]
    assert ids and ids[0] == "th:raqqa" and len(ids) == len(set(ids))
    run = geo("geocode", "Qqxzvv")
    assert run.returncode == 1 and "no place named" in run.stderr


def test_same_file_names_in_two_folders_are_two_documents(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text("Clashes in Tabqa.", encoding="utf-8")
    run = geo("mentions", tmp_path)
    assert run.returncode == 0, run.stderr
    assert sorted(json.loads(line)["doc"] for line in run.stdout.splitlines()) == ["a/report", "b/report"]


@pytest.mark.parametrize("args", [["mentions"], ["export", "x.txt"], ["nonsense"]])
def test_usage_errors_exit_2(args):
    run = geo(*args)
    assert run.returncode == 2 and "usage" in run.stderr
