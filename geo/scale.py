"""Corpus scale: the claims pipeline on a Dask cluster.

``geo claims PATH --workers N`` runs :func:`geo.pipeline.extract` on a local cluster of N worker
processes (one thread each, loopback only, no dashboard); ``--scheduler ADDRESS`` uses an
existing ``distributed`` scheduler instead (its workers need this package importable and their
own gazetteer cache). Documents travel to the workers in batches; each worker process loads the
gazetteer index once (:func:`geo.pipeline.default_geoparser` is cached per process) and claims
come back in input document order, so the output is the same, byte for byte, as a run in one
process.

>>> claims = list(claims_on_dask(docs, workers=2))  # doctest: +SKIP
"""
from __future__ import annotations

import logging
import os
from collections import deque
from contextlib import ExitStack
from typing import TYPE_CHECKING, Iterable, Iterator

from geo.model import Claim, Document
from geo.settings import Settings, current, install

if TYPE_CHECKING:
    from distributed import Client

# A batch is at most this many documents or this many characters of text (whichever comes
# first; a single larger document is a batch of its own). Small enough that 2 workers share a
# 10 MB corpus evenly, large enough that per-task overhead (a few ms) does not matter.
BATCH_DOCS = 64
BATCH_CHARS = 256_000
# Batches in flight per worker: keeps workers busy while bounding the memory held for
# documents sent and claims not yet yielded.
IN_FLIGHT_PER_WORKER = 3


def batches(docs: Iterable[Document], max_docs: int = BATCH_DOCS, max_chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """Consecutive runs of ``docs``, each at most ``max_docs`` documents or ``max_chars`` characters.

    >>> [len(b) for b in batches([Document(str(i), "x" * 10) for i in range(5)], max_docs=2)]
    [2, 2, 1]
    """
    batch: list[Document] = []
    size = 0
    for doc in docs:
        if batch and (len(batch) >= max_docs or size + len(doc.text) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(doc)
        size += len(doc.text)
    if batch:
        yield batch


def extract_batch(docs: list[Document], settings: Settings | None = None) -> list[Claim]:
    """Runs on a worker: the claims of ``docs`` in order, with the worker's cached geoparser, under
    ``settings`` (those of the process that sent them) or, when None, the worker's environment
    (a worker of a cluster started elsewhere is an entry point of its own)."""
    from geo.pipeline import default_geoparser, extract

    install(settings or Settings.from_environment())

    parser = default_geoparser()
    claims: list[Claim] = []
    for doc in docs:
        claims.extend(extract(doc, parser)[1])
    return claims


def warm_worker(settings: Settings | None = None) -> int:
    """Runs on a worker: install ``settings`` (as :func:`extract_batch` does), then load the
    gazetteer index and the geoparser before the first batch."""
    from geo.pipeline import default_geoparser

    install(settings or Settings.from_environment())

    default_geoparser()
    return os.getpid()


def local_cluster(workers: int = 0):
    """A LocalCluster of ``workers`` single-threaded processes on the loopback interface.

    ``workers=0`` means one per CPU. No dashboard; every port (scheduler, workers, nannies,
    the scheduler's health endpoint) is a free port on 127.0.0.1.
    """
    from distributed import LocalCluster

    n_workers = workers if workers > 0 else (os.cpu_count() or 1)
    return LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
        # without a dashboard the scheduler still serves /health and /metrics over HTTP, by
        # default on port 8787: keep it on loopback and on a free port, so two clusters never clash
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )


def claims_on_dask(
    docs: Iterable[Document],
    workers: int = 0,
    scheduler: str | None = None,
    *,
    client: "Client | None" = None,
    batch_docs: int = BATCH_DOCS,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[Claim]:
    """The claims of ``docs`` computed on Dask workers, yielded in input document order.

    With ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``) the documents go to that
    cluster; with ``client`` to an already connected client (left open); otherwise a
    :func:`local_cluster` of ``workers`` processes is started and shut down when the iterator
    is exhausted or closed. ``docs`` is consumed lazily, a few batches ahead of what has been
    yielded, so a corpus larger than memory streams through.
    """
    from distributed import Client

    settings = None  # a cluster started elsewhere: its workers' own environment
    with ExitStack() as stack:
        if client is None:
            if scheduler:
                client = stack.enter_context(Client(scheduler))
            else:
                cluster = stack.enter_context(local_cluster(workers))
                client = stack.enter_context(Client(cluster))
                settings = current()  # workers on this machine: this process's settings
            client.run(warm_worker, settings)  # load the index on every worker at once
        n_workers = max(1, len(client.nthreads()))
        window = IN_FLIGHT_PER_WORKER * n_workers
        pending: deque = deque()
        try:
            for batch in batches(docs, batch_docs, batch_chars):
                # pure=False: two identical batches (a repeated corpus) are still two tasks
                pending.append(client.submit(extract_batch, batch, settings, pure=False))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            if pending:
                client.cancel(list(pending))


__all__ = ["claims_on_dask", "batches", "extract_batch", "local_cluster", "BATCH_DOCS", "BATCH_CHARS"]
