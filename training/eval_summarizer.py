"""Summarizer benchmark on the first 2,000 documents of vietnews test, scored as its README defines.

    python -m training.eval_summarizer --data ../shared/data/vietnews [--docs 2000]

Every system picks sentences from the corpus's ``sentences`` only (our word tokens, read
from the cache of :mod:`training.token_cache`), keeps them in document order and is
scored against ``abstract`` with :mod:`training.rouge`; all rows come from one run.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from pathlib import Path

import typer

from nlp_service import summarizer
from nlp_service.tokenize import Document, Sentence
from training import rouge, token_cache

System = Callable[[Document, int], list[int]]


def vietnews_document(record: dict, cached: dict) -> Document:
    """A Document over the corpus's own sentence split, one paragraph per sentence."""
    sentences = [Sentence(i, text, tuple(words), i, 0)
                 for i, (text, words) in enumerate(zip(record["sentences"], cached["given"]))]
    return Document(text="\n".join(record["sentences"]), sentences=sentences,
                    title=record.get("title"), title_words=tuple(cached.get("title", ())))


def lead(doc: Document, k: int) -> list[int]:
    return [s.index for s in doc.sentences[:k]]


def unsupervised(doc: Document, k: int) -> list[int]:
    return [s.index for s in summarizer.summarize(doc, k)]


SYSTEMS: dict[str, System] = {"Lead": lead, "ours: unsupervised v1": unsupervised}


def evaluate(docs: list[tuple[dict, Document]], systems: dict[str, System], k: int) -> list[dict]:
    scorer = rouge.scorer()
    rows = []
    for name, system in systems.items():
        started = time.perf_counter()
        picks = [system(doc, k) for _, doc in docs]
        seconds = time.perf_counter() - started
        per_doc = [rouge.f1_scores(scorer, record["abstract"], " ".join(record["sentences"][i] for i in sorted(chosen)))
                   for (record, _), chosen in zip(docs, picks)]
        row = {"system": name if name != "Lead" else f"Lead-{k}", "k": k, "docs_per_s": len(docs) / seconds,
               "per_doc_rouge2": [d["rouge2"] for d in per_doc]}
        for metric in rouge.METRICS:
            row[metric] = sum(d[metric] for d in per_doc) / len(per_doc)
        rows.append(row)
    return rows


def print_table(rows: list[dict], anchors: dict[str, tuple[float, float, float]]) -> None:
    print("| system | k | ROUGE-1 | ROUGE-2 | ROUGE-L | docs/s | README anchor R-1/R-2/R-L |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for row in rows:
        anchor = anchors.get(row["system"])
        shown = " / ".join(f"{a:.2f}" for a in anchor) if anchor else ""
        print(f"| {row['system']} | {row['k']} | {row['rouge1']:.2f} | {row['rouge2']:.2f} | {row['rougeL']:.2f} "
              f"| {row['docs_per_s']:,.0f} | {shown} |")


ANCHORS = {"Lead-3": (24.94, 12.97, 17.29), "Lead-2": (25.67, 13.46, 18.24)}


def main(
    data: Path = typer.Option(..., help="the vietnews folder (../shared/data/vietnews)"),
    docs: int = typer.Option(2000, help="first N documents of test.jsonl.gz"),
    k: list[int] = typer.Option([3], help="sentence budgets to evaluate"),
    workers: int = typer.Option(2),
) -> None:
    test = data / "test.jsonl.gz"
    pairs = token_cache.load(test, limit=docs, workers=workers)
    documents = [(record, vietnews_document(record, cached)) for record, cached in pairs]
    print(f"# Summarizer benchmark: {len(documents)} docs of {test} (first {docs}), reference = abstract")
    print(f"# python {platform.python_version()}, {platform.machine()}, one process; docs/s on pre-tokenized text")
    for budget in k:
        rows = evaluate(documents, SYSTEMS, budget)
        print_table(rows, ANCHORS)
        best = max(rows, key=lambda r: r["rouge2"])
        low, high = rouge.bootstrap_interval(best["per_doc_rouge2"])
        print(f"\nbest at k={budget}: {best['system']}, ROUGE-2 {best['rouge2']:.2f} (95% bootstrap {low:.2f}-{high:.2f})\n")


if __name__ == "__main__":
    typer.run(main)
