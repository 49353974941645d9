"""Batches of JSONL articles: streamed in, analyzed in chunks (here or in worker processes), written in input order.

A line is ``{"text": str, "title"?: str, "id"?: any}``; its record is ``{"line", "id"?, "result"}`` or, for a bad
line, ``{"line", "id"?, "error"}`` (a bad line never stops the run). Blank lines get no record. Lines go to
:meth:`Analyzer.analyze_many` in chunks of :data:`CHUNK`; with ``jobs > 1`` the chunks go to that many worker
processes, each loading the models once, with at most a few chunks per worker in flight, so memory stays bounded
whatever the input's length and records still come out in input order. :mod:`nlp_service.distributed` sends the
same chunks to a Dask cluster.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from nlp_service.errors import NlpServiceError
from nlp_service.processes import start_worker, worker_analyzer
from nlp_service.settings import Settings

CHUNK = 16  # lines per task: enough to vectorize the models, few enough to keep every worker busy to the end
IN_FLIGHT = 3  # chunks per worker submitted ahead


@dataclass(frozen=True)
class BatchOptions:
    """The summary budget and method of every article, and where the models are (None: the configured ones)."""

    sentences: int | None = None
    ratio: float | None = None
    max_chars: int | None = None
    method: str | None = None
    model_dir: str | None = None


@dataclass(frozen=True)
class Outcome:
    """One input line's record, as a JSON line, and its error message when it failed."""

    line: int
    json: str
    error: str | None = None


def numbered(lines: Iterable[str], skip: set | None = None) -> Iterator[tuple[int, str]]:
    """(line number, line) of the non-blank lines, less those whose key (:func:`key_of`) is in ``skip``."""
    for number, line in enumerate(lines, start=1):
        if line.strip() and not (skip and key_of(number, line) in skip):
            yield number, line


def key_of(number: int, line: str):
    """What identifies a line across runs: its ``id`` when it has one, else its line number."""
    try:
        item = json.loads(line)
    except ValueError:
        return ("line", number)
    if isinstance(item, dict) and "id" in item:
        return ("id", json.dumps(item["id"], sort_keys=True))
    return ("line", number)


def done_keys(target: Path) -> set:
    """Keys of the records already in ``target``; a last line cut short by a crash is removed from the file."""
    keys: set = set()
    if not target.exists():
        return keys
    good = 0
    with open(target, "rb") as handle:
        for raw in handle:
            try:
                record = json.loads(raw)
            except ValueError:
                break
            if not raw.endswith(b"\n"):
                break
            good += len(raw)
            keys.add(("id", json.dumps(record["id"], sort_keys=True)) if "id" in record else ("line", record["line"]))
    with open(target, "rb+") as handle:
        handle.truncate(good)
    return keys


def analyze_chunk(analyzer, chunk: list[tuple[int, str]], options: BatchOptions) -> list[Outcome]:
    """Records of numbered lines, the valid ones analyzed together."""
    records, items = [], []
    for number, line in chunk:
        record: dict = {"line": number}
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('each line must be a JSON object with a "text" string')
            if "id" in item:
                record["id"] = item["id"]
            title = item.get("title") if isinstance(item.get("title"), str) else None
            items.append((len(records), item["text"], title))
        except ValueError as exc:
            record["error"] = str(exc)
        records.append(record)
    results = analyzer.analyze_many([(text, title) for _, text, title in items], options.sentences,
                                    summary_ratio=options.ratio, summary_max_chars=options.max_chars,
                                    summary_method=options.method)
    for (at, _, _), result in zip(items, results):
        if isinstance(result, NlpServiceError):
            records[at]["error"] = str(result)
        else:
            records[at]["result"] = result.model_dump()
    return [Outcome(r["line"], json.dumps(r, ensure_ascii=False), r.get("error")) for r in records]


def chunks(lines: Iterable[tuple[int, str]], size: int = CHUNK) -> Iterator[list[tuple[int, str]]]:
    iterator = iter(lines)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _worker_chunk(chunk: list[tuple[int, str]], options: BatchOptions) -> list[Outcome]:
    return analyze_chunk(worker_analyzer(), chunk, options)


def run(lines: Iterable[tuple[int, str]], options: BatchOptions, settings: Settings, jobs: int = 1,
        analyzer=None) -> Iterator[Outcome]:
    """Outcomes of numbered lines in input order: here (``jobs`` 1, with ``analyzer`` or one loaded now) or in
    ``jobs`` worker processes."""
    if jobs <= 1:
        if analyzer is None:
            from nlp_service.pipeline import Analyzer

            analyzer = Analyzer.load(options.model_dir, settings)
        for chunk in chunks(lines):
            yield from analyze_chunk(analyzer, chunk, options)
        return
    # spawn, not fork: the parent has threads (the progress bar's monitor, a server's pools) that fork would copy
    # mid-state; each worker imports the package afresh and loads the models once.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=start_worker,
                             initargs=(settings, options.model_dir)) as pool:
        pending: deque = deque()
        for chunk in chunks(lines):
            pending.append(pool.submit(_worker_chunk, chunk, options))
            if len(pending) >= jobs * IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
