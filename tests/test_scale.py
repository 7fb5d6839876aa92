"""Corpus scale: claims on a Dask cluster equal the single-process run; GeoParquet reads back."""
from __future__ import annotations

import json
from itertools import islice

import pytest

from conftest import DEMO

pytest.importorskip("distributed")


def _cli_lines(capsys, argv: list[str]) -> str:
    from geo.cli import main

    capsys.readouterr()
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes on loopback, shared by the tests of this module."""
    from geo.scale import local_cluster

    with local_cluster(2) as running:
        yield running


@pytest.fixture(scope="module")
def client(cluster):
    from distributed import Client

    with Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def demo_docs():
    from geo.documents import load_paths

    docs, errors = load_paths([DEMO])
    assert not errors and docs
    return docs


def test_batches_split_by_count_and_size():
    from geo.model import Document
    from geo.scale import batches

    docs = [Document(str(i), "x" * 100) for i in range(7)]
    assert [len(b) for b in batches(docs, max_docs=3)] == [3, 3, 1]
    assert [len(b) for b in batches(docs, max_chars=250)] == [2, 2, 2, 1]
    assert [len(b) for b in batches(docs, max_chars=50)] == [1] * 7  # an oversized document is a batch of its own
    assert [d.id for b in batches(docs, max_docs=2) for d in b] == [d.id for d in docs]
    assert list(batches([])) == []


def test_scheduler_run_equals_single_process(capsys, cluster, shared):
    """`geo claims seeds demo --scheduler ADDRESS` on the module's 2-worker cluster, byte for byte.

    (``--workers N`` starts the same :func:`geo.scale.local_cluster` that the fixture starts, and
    then runs this same code path; every Dask test here shares the one cluster.)
    """
    paths = [str(shared / "seeds"), str(DEMO)]
    single = _cli_lines(capsys, ["claims", *paths])
    rows = [json.loads(line) for line in single.splitlines()]
    assert len(rows) >= 50
    assert {r["doc"] for r in rows} >= {p.stem for p in (shared / "seeds").glob("*.txt")}
    assert _cli_lines(capsys, ["claims", *paths, "--scheduler", cluster.scheduler_address]) == single


def test_order_kept_across_many_small_batches(client, demo_docs):
    """Batches of one document finish out of order on two workers; claims still come back in order."""
    from distributed import get_task_stream

    from geo.pipeline import claims_for_documents
    from geo.scale import claims_on_dask

    docs = demo_docs * 3
    expected = list(claims_for_documents(docs))
    with get_task_stream(client) as stream:
        got = list(claims_on_dask(docs, client=client, batch_docs=1))
    assert got == expected
    assert len({task["worker"] for task in stream.data}) == 2  # both workers took part


def test_seed_claims_on_dask_equal_in_process(client, seed_docs):
    from geo.pipeline import claims_for_documents
    from geo.scale import claims_on_dask

    assert list(claims_on_dask(seed_docs, client=client, batch_docs=2)) == list(claims_for_documents(seed_docs))


def test_stopping_early_cancels_the_rest(client, demo_docs):
    """`geo claims ... | head`: closing the iterator cancels pending batches and leaves the client usable."""
    from geo.scale import claims_on_dask

    stream = claims_on_dask(demo_docs * 4, client=client, batch_docs=1)
    first = list(islice(stream, 3))
    stream.close()
    assert len(first) == 3 and first[0].doc == demo_docs[0].id
    assert client.submit(sum, [1, 2], pure=False).result() == 3


def test_parquet_export_reads_back(tmp_path, demo_docs, capsys):
    """Every layer is a GeoParquet dataset: right row counts, EPSG:4326, valid geometries."""
    import dask_geopandas
    import geopandas as gpd

    from geo.pipeline import analyse
    from geo.io.parquet import write_parquet

    analysis = analyse(demo_docs)
    expected = {"claim": len(analysis.claims), "place": len(analysis.places),
                "zone": len(analysis.zones), "corridor": len(analysis.corridors)}
    assert expected["claim"] > 40 and expected["zone"] > 0 and expected["corridor"] > 0

    out = write_parquet(analysis, tmp_path / "analysis.parquet", rows_per_partition=20)
    assert len(list((out / "claim").glob("*.parquet"))) == -(-expected["claim"] // 20)  # partitioned
    for layer, rows in expected.items():
        frame = gpd.read_parquet(out / layer)
        lazy = dask_geopandas.read_parquet(out / layer)
        assert len(frame) == rows == len(lazy.compute()), layer
        assert frame.crs.to_epsg() == 4326
        geoms = frame.geometry.dropna()
        assert geoms.is_valid.all() and not geoms.is_empty.any(), layer
        if layer in ("claim", "place"):
            assert len(geoms) == rows and set(geoms.geom_type) == {"Point"}
    claims = gpd.read_parquet(out / "claim")
    assert list(claims["doc"]) == [c.doc for c in analysis.claims]
    assert list(claims["place_id"]) == [c.place_id for c in analysis.claims]
    assert claims.geometry.x.round(4).tolist() == [round(c.lon, 4) for c in analysis.claims]
    assert set(gpd.read_parquet(out / "zone").geom_type) <= {"MultiPolygon"}

    # the CLI route, into an existing folder (re-export overwrites the layer datasets)
    from geo.cli import main

    capsys.readouterr()
    assert main(["export", str(DEMO), "-o", str(out), "--format", "parquet"]) == 0
    assert "wrote" in capsys.readouterr().err
    assert len(gpd.read_parquet(out / "claim")) == expected["claim"]  # every claim by default
    assert main(["export", str(DEMO), "-o", str(tmp_path / "few.parquet"), "--min-confidence", "0.6"]) == 0
    kept = sum(1 for c in analysis.claims if c.confidence >= 0.6)
    assert 0 < kept < expected["claim"] and len(gpd.read_parquet(tmp_path / "few.parquet" / "claim")) == kept
    assert len(list((out / "claim").glob("*.parquet"))) == 1


def test_parquet_refuses_a_file_path(tmp_path):
    from geo.pipeline import analyse
    from geo.io.parquet import write_parquet

    target = tmp_path / "taken.parquet"
    target.write_text("not a folder")
    with pytest.raises(ValueError, match="not a folder"):
        write_parquet(analyse([]), target)
