"""Pipeline speed and memory beside underthesea's word segmentation, measured in one run.

    .venv/bin/python -m benchmarks.bench_pipeline --data ../shared/data/vietnews            # everything
    .venv/bin/python -m benchmarks.bench_pipeline --skip-http --skip-batch                  # in-process part only

On the first ``--docs`` (300) vietnews test documents (text and title, read by path), in this order:

1. *in process*, best of ``--passes`` (3) passes each, interleaved so that both sides see the same machine:
   underthesea ``word_tokenize`` alone on each document's text (the anchor: the floor of what an analysis
   costs), ``Analyzer.analyze`` end to end, and the same analysis stage by stage (clean, sentences, words, the
   shared term count, section, topics, summary) in CPU ms per document; then RSS after load and after
   ``--rss-docs`` (1,000)
   analyses (the test documents again, cycled);
2. *HTTP*: ``nlp-service serve`` on 127.0.0.1 in four shapes (one and two server processes with analysis
   threads; one server with one and two analysis processes, the default), each answering ``--requests``
   POST /v1/analyze at concurrency ``--concurrency`` (16, from 4 client processes), after a warm-up;
   requests/s and each process's RSS after load and after the requests;
3. *batch*: ``nlp-service batch`` on the documents as JSONL with ``--jobs 1`` and ``--jobs 2`` (wall time
   including model loading, which is also reported alone).

It prints Markdown tables and ``uptime``'s load averages before and after: the machine is shared, so ratios
are only meaningful when both sides ran at the same load (they ran in the same run here). Beside wall-clock
docs/s, the in-process part gives CPU time (``time.process_time``), which other engineers' jobs disturb less.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path

import psutil

from benchmarks.bench_load import wait_ready

ROOT = Path(__file__).resolve().parent.parent


def load_docs(data: Path, n: int) -> list[dict]:
    with gzip.open(data / "test.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [{"id": d["id"], "text": d["text"], "title": d.get("title") or None}
                for d in map(json.loads, islice(handle, n))]


def uptime() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def mb(rss: int) -> float:
    return rss / 2**20


STAGES = ("clean", "sentences", "words", "terms", "section", "topics", "summary")


def staged(analyzer, text: str, title: str | None):
    """(stage, seconds) of one analysis done step by step, as ``Analyzer.analyze`` does it."""
    from nlp_service.summarize.budget import Budget
    from nlp_service.text.clean import clean_page
    from nlp_service.text.tokens import Document, Sentence, split_sentences, tokenize_words
    from nlp_service.text.vocabulary import DocumentTerms

    clock = time.process_time  # CPU time: on a shared machine, wall time also counts the others' work
    t0 = clock()
    clean, page_title = clean_page(text, analyzer.page_lines and analyzer.page_lines.classifier)
    t1 = clock()
    paragraphs = [[s for s in split_sentences(line)] for line in clean.split("\n") if line.strip()]
    t2 = clock()
    doc = Document(text=clean, title=title or page_title)
    if doc.title:
        doc.title_words = tokenize_words(doc.title)
    for p, sentences in enumerate(paragraphs):
        for k, sentence in enumerate(sentences):
            doc.sentences.append(Sentence(len(doc.sentences), sentence, tokenize_words(sentence), p, k))
    t3 = clock()
    terms = DocumentTerms(doc.words, doc.title_words)  # counted once for both classifiers
    t4 = clock()
    analyzer.section.predict(doc, terms)
    t5 = clock()
    analyzer.topics.predict(doc, terms)
    t6 = clock()
    analyzer.summarizers["learned"].summarize(doc, Budget(sentences=3))
    t7 = clock()
    return zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6))


def in_process(docs: list[dict], passes: int, rss_docs: int) -> None:
    from underthesea import word_tokenize

    from nlp_service import Analyzer

    before = psutil.Process().memory_info().rss
    analyzer = Analyzer.load()
    loaded = psutil.Process().memory_info().rss
    word_tokenize(docs[0]["text"])
    best = {"word_tokenize": float("inf"), "analyze": float("inf")}
    cpu = dict(best)
    stage_best = {name: float("inf") for name in STAGES}
    for _ in range(passes):
        for name, run in (("word_tokenize", lambda d: word_tokenize(d["text"])),
                          ("analyze", lambda d: analyzer.analyze(d["text"], d["title"]))):
            started, started_cpu = time.perf_counter(), time.process_time()
            for d in docs:
                run(d)
            best[name] = min(best[name], time.perf_counter() - started)
            cpu[name] = min(cpu[name], time.process_time() - started_cpu)
        totals = dict.fromkeys(STAGES, 0.0)
        for d in docs:
            for name, seconds in staged(analyzer, d["text"], d["title"]):
                totals[name] += seconds
        for name in STAGES:
            stage_best[name] = min(stage_best[name], totals[name])
    rate = {k: len(docs) / v for k, v in best.items()}
    print(f"\n### In process: {len(docs)} documents, best of {passes} passes ({uptime()})\n")
    print("| what | docs/s | ms/doc | CPU ms/doc |\n|---|---:|---:|---:|")
    for name in ("word_tokenize", "analyze"):
        print(f"| {name} | {rate[name]:.1f} | {1000 / rate[name]:.1f} | {1000 * cpu[name] / len(docs):.1f} |")
    print(f"\n**analyze / word_tokenize = {rate['analyze'] / rate['word_tokenize']:.2f}** (docs/s; in CPU time "
          f"{cpu['word_tokenize'] / cpu['analyze']:.2f})\n")
    print("| stage | CPU ms/doc |\n|---|---:|")
    for name in STAGES:
        print(f"| {name} | {1000 * stage_best[name] / len(docs):.2f} |")
    print(f"| (sum of stages) | {1000 * sum(stage_best.values()) / len(docs):.2f} |")
    for i in range(rss_docs):
        d = docs[i % len(docs)]
        analyzer.analyze(d["text"], d["title"])
    after = psutil.Process().memory_info().rss
    print(f"\nRSS: {mb(before):.0f} MB before load, {mb(loaded):.0f} MB after `Analyzer.load()`, "
          f"{mb(after):.0f} MB after {rss_docs:,} analyses\n")


def _workers(server: psutil.Process) -> list[psutil.Process]:
    children = [c for c in server.children(recursive=True) if "resource_tracker" not in " ".join(c.cmdline())]
    return children or [server]


# (label, server processes, analysis workers per server, analyses in processes): the old shape (threads, one
# server process each with its models) and the default one (one server, analysis processes beside it).
HTTP_SHAPES = (("server processes, analysis threads", 1, 2, False), ("server processes, analysis threads", 2, 2, False),
               ("analysis processes of one server", 1, 1, True), ("analysis processes of one server", 1, 2, True))


CLIENT_NICE = 10  # behind the server, as clients on other machines would be
CLIENT_PROCESSES = 4  # the clients' threads share one GIL a process: in one, at 16 threads, they capped the rate


def _poster(url: str, docs: list[dict]):
    """``post(i)``: POST document ``i`` (cycled) to /v1/analyze with this thread's own client; its status."""
    import httpx

    local = threading.local()

    def post(i: int) -> int:
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=120)
        d = docs[i % len(docs)]
        return local.client.post(url + "/v1/analyze", json={"text": d["text"], "title": d["title"]}).status_code

    return post


def _post_share(url: str, docs: list[dict], numbers: list[int], threads: int,
                nice: int = CLIENT_NICE) -> tuple[list[int], float, float]:
    """POST the documents of ``numbers`` from ``threads`` threads of this process; (codes, start, end)."""
    os.nice(nice)
    post = _poster(url, docs)
    with ThreadPoolExecutor(threads) as pool:
        started = time.time()
        codes = list(pool.map(post, numbers))
        return codes, started, time.time()


def _timed_posts(url: str, docs: list[dict], requests: int, concurrency: int,
                 nice: int = CLIENT_NICE) -> tuple[list[int], float]:
    """``requests`` POSTs at ``concurrency`` from CLIENT_PROCESSES processes; (codes, seconds from the first
    start to the last end)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shares = [list(range(k, requests, CLIENT_PROCESSES)) for k in range(CLIENT_PROCESSES)]
    threads = max(1, concurrency // CLIENT_PROCESSES)
    with ProcessPoolExecutor(CLIENT_PROCESSES, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = list(pool.map(_post_share, [url] * CLIENT_PROCESSES, [docs] * CLIENT_PROCESSES, shares,
                              [threads] * CLIENT_PROCESSES, [nice] * CLIENT_PROCESSES))
    codes = [code for part in parts for code in part[0]]
    return codes, max(part[2] for part in parts) - min(part[1] for part in parts)


def http(docs: list[dict], workers: int, requests: int, concurrency: int, port: int, analysis_workers: int = 2,
         processes: bool = False, nice: int = CLIENT_NICE) -> tuple[float, list, list]:
    env = dict(os.environ, NLP_SERVICE_DATA_DIR=tempfile.mkdtemp(prefix="bench-http-"), NLP_SERVICE_PORT=str(port),
               NLP_SERVICE_WORKERS=str(analysis_workers), NLP_SERVICE_ANALYSIS_PROCESSES=str(processes).lower())
    command = [sys.executable, "-m", "nlp_service.cli", "serve", "--host", "127.0.0.1", "--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready(url):
            raise RuntimeError("the server did not become ready")
        post = _poster(url, docs)
        with ThreadPoolExecutor(concurrency) as pool:
            # Warm-up: every worker must have loaded its models (a worker still loading answers 503).
            for _ in range(60):
                if all(code == 200 for code in pool.map(post, range(4 * concurrency))):
                    break
                time.sleep(1)
            else:
                raise RuntimeError("the workers did not all become ready")
            process = psutil.Process(server.pid)
            # With analysis processes the server's own RSS comes first, then each analysis process's.
            watched = [process, *_workers(process)] if processes else _workers(process)
            loaded = [mb(w.memory_info().rss) for w in watched]
        codes, elapsed = _timed_posts(url, docs, requests, concurrency, nice)
        after = [mb(w.memory_info().rss) for w in watched]
        if any(code != 200 for code in codes):
            raise RuntimeError(f"{sum(code != 200 for code in codes)} requests failed")
        return requests / elapsed, loaded, after
    finally:
        server.terminate()
        server.wait(30)


def batch(docs: list[dict], jobs: int) -> tuple[float, float]:
    """(wall seconds of the run, seconds of loading alone: the same command on one line)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    source, one = folder / "in.jsonl", folder / "one.jsonl"
    source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    one.write_text(json.dumps(docs[0], ensure_ascii=False) + "\n", encoding="utf-8")
    times = []
    for path in (source, one):
        command = [sys.executable, "-m", "nlp_service.cli", "batch", str(path), str(folder / "out.jsonl"),
                   "--jobs", str(jobs)]
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times[0], times[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "vietnews")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--rss-docs", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--batch-docs", type=int, default=600)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args(argv)
    docs = load_docs(args.data, max(args.docs, args.batch_docs))
    print(f"Start: {uptime()}; {os.cpu_count()} cores")
    in_process(docs[:args.docs], args.passes, args.rss_docs)
    if not args.skip_http:
        rates = {}
        print(f"### HTTP: {args.requests} POST /v1/analyze at concurrency {args.concurrency} ({uptime()})\n")
        print("| workers | number | req/s | RSS after load (MB; with analysis processes, the server's first) "
              "| after the requests (MB) |\n|---|---:|---:|---|---|")
        for label, servers, analysis, processes in HTTP_SHAPES:
            rate, loaded, after = http(docs[:args.docs], servers, args.requests, args.concurrency, args.port,
                                       analysis, processes)
            number = analysis if processes else servers
            rates[label, number] = rate
            print(f"| {label} | {number} | {rate:.1f} | {', '.join(f'{x:.0f}' for x in loaded)} | "
                  f"{', '.join(f'{x:.0f}' for x in after)} |")
        print()
        for label in dict.fromkeys(shape[0] for shape in HTTP_SHAPES):
            print(f"**{label}: two / one = {rates[label, 2] / rates[label, 1]:.2f}**")
        print(f"\n({uptime()})\n")
    if not args.skip_batch:
        n = args.batch_docs
        print(f"### Batch: `nlp-service batch` on {n} documents ({uptime()})\n")
        print("| jobs | wall s | load alone s | docs/s (wall) | docs/s (less loading) |\n|---:|---:|---:|---:|---:|")
        rates = {}
        for jobs in (1, 2):
            wall, loading = batch(docs[:n], jobs)
            rates[jobs] = n / wall
            print(f"| {jobs} | {wall:.1f} | {loading:.1f} | {n / wall:.1f} | {n / max(wall - loading, 1e-9):.1f} |")
        print(f"\n**--jobs 2 / --jobs 1 = {rates[2] / rates[1]:.2f}** (wall, loading included; {uptime()})")
    print(f"\nEnd: {uptime()}")


if __name__ == "__main__":
    main()
