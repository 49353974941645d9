"""Batches on a Dask cluster (``dask.distributed``): each worker process loads the models once.

From Python, over a ``dask.bag`` of JSON lines (``{"text", "title"?, "id"?}``, the batch format)::

    import dask.bag as db
    from distributed import Client
    from nlp_service.distributed import analyze_bag

    client = Client("tcp://scheduler:8786")
    lines = db.read_text("archive-*.jsonl")          # or db.from_sequence(lines, npartitions=...)
    records = analyze_bag(lines, sentences=3)        # a bag of records, as `nlp-service batch` writes them
    records.map(json.dumps).to_textfiles("out-*.jsonl")

A record is ``{"id"?, "result"}`` or ``{"id"?, "error"}``; in a bag, lines carry no number (a bag does not know
a line's place in its file), so ``"line"`` is the line's place in its partition plus one. From the command line,
``nlp-service batch IN OUT --dask tcp://HOST:8786`` (:func:`run_on_cluster`) numbers the lines of IN itself,
sends chunks of them to the cluster, a few per worker at a time, and writes the records in input order: the same
file as a run in one process.

The models are those installed with the package, or ``model_dir`` (which must exist on every worker). A worker
keeps one loaded :class:`~nlp_service.pipeline.Analyzer` per model directory for as long as it runs.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator

from nlp_service.batch import IN_FLIGHT, BatchOptions, Outcome, analyze_chunk, chunks
from nlp_service.settings import Settings

_loaded: dict = {}
_lock = threading.Lock()  # a Dask worker runs tasks in threads: the first two must not both load


def _analyzer(options: BatchOptions, settings: Settings | None):
    key = (options.model_dir, settings.model_dump_json() if settings else None)
    with _lock:
        if key not in _loaded:
            from nlp_service.pipeline import Analyzer

            _loaded[key] = Analyzer.load(options.model_dir, settings)
        return _loaded[key]


def _chunk_task(chunk: list[tuple[int, str]], options: BatchOptions, settings: Settings | None) -> list[Outcome]:
    return analyze_chunk(_analyzer(options, settings), chunk, options)


def _partition(lines: Iterable[str], options: BatchOptions, settings: Settings | None) -> list[dict]:
    import json

    numbered = [(i, line) for i, line in enumerate(lines, start=1) if line.strip()]
    return [json.loads(o.json) for o in _chunk_task(numbered, options, settings)]


def analyze_bag(lines, sentences: int | None = None, *, ratio: float | None = None, max_chars: int | None = None,
                method: str | None = None, model_dir: str | None = None, settings: Settings | None = None):
    """A bag of records (dicts) from a ``dask.bag.Bag`` of JSON lines, partition by partition, lazily."""
    options = BatchOptions(sentences, ratio, max_chars, method, model_dir)
    return lines.map_partitions(_partition, options, settings)


def run_on_cluster(address: str, lines: Iterable[tuple[int, str]], options: BatchOptions,
                   settings: Settings | None = None) -> Iterator[Outcome]:
    """Outcomes of numbered lines in input order, analyzed on the Dask cluster at ``address``."""
    from distributed import Client

    with Client(address) as client:
        workers = max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for chunk in chunks(lines):
            pending.append(client.submit(_chunk_task, chunk, options, settings, pure=False))
            if len(pending) >= workers * IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
