"""Summarizer benchmark on the first 2,000 documents of vietnews test, scored as its README defines.

    python -m training.eval_summarizer --data ../shared/data/vietnews [--docs 2000] [--model models/summarizer]

Every system picks sentences from the corpus's ``sentences`` only (our word tokens, read
from the cache of :mod:`training.token_cache`), keeps them in document order and is
scored against ``abstract`` with :mod:`training.rouge`; all rows come from one run: Lead,
sumy 0.13 LexRank and TextRank (fed our sentences and words), our unsupervised v1 and the
learned summarizer, at 3 and at 2 sentences, with the speed of each on pre-tokenized text and
a bootstrap 95% interval for ROUGE-2 of the best system.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import typer

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from nlp_service.summarize import unsupervised as summarizer
from nlp_service.summarize.learned import model as learned_summarizer
from nlp_service.text.terms import term
from nlp_service.summarize.learned.model import LearnedSummarizer
from nlp_service.settings import SHIPPED_MODELS
from nlp_service.text.tokens import Document
from training import rouge, token_cache

System = Callable[[Document, int], list[int]]
REPEATS = 3


def lead(doc: Document, k: int) -> list[int]:
    return [s.index for s in doc.sentences[:k]]


def unsupervised(doc: Document, k: int) -> list[int]:
    return [s.index for s in summarizer.summarize(doc, k)]


class _OurWords:
    """A sumy tokenizer that hands back our words (as vocabulary terms) for each sentence."""

    def __init__(self, doc: Document):
        self.words = {s.text.strip(): [t for t in map(term, s.words) if t] for s in doc.sentences}

    def to_words(self, text: str) -> list[str]:
        return self.words[text]


def sumy_system(summarizer_class) -> System:
    """A sumy summarizer fed our sentences and words (no sumy tokenization, no stemming)."""
    engine = summarizer_class()

    def run(doc: Document, k: int) -> list[int]:
        tokens = _OurWords(doc)
        sentences = [SumySentence(s.text, tokens) for s in doc.sentences]
        index = {id(s): i for i, s in enumerate(sentences)}
        return [index[id(s)] for s in engine(ObjectDocumentModel([Paragraph(sentences)]), k)]

    return run


def learned_system(model: LearnedSummarizer) -> System:
    return lambda doc, k: [s.index for s in model.summarize(doc, k)]


def evaluate(docs: list[tuple[dict, Document]], systems: dict[str, System], k: int) -> list[dict]:
    scorer = rouge.scorer()
    rows = []
    for name, system in systems.items():
        picks, seconds = None, float("inf")
        for _ in range(REPEATS):  # the fastest pass: what the code costs, not what else the machine did
            started = time.perf_counter()
            picks = [system(doc, k) for _, doc in docs]
            seconds = min(seconds, time.perf_counter() - started)
        per_doc = [
            rouge.f1_scores(scorer, record["abstract"], " ".join(record["sentences"][i] for i in sorted(chosen)))
            for (record, _), chosen in zip(docs, picks)
        ]
        row = {
            "system": name if name != "Lead" else f"Lead-{k}",
            "k": k,
            "docs_per_s": len(docs) / seconds,
            "per_doc_rouge2": [d["rouge2"] for d in per_doc],
        }
        for metric in rouge.METRICS:
            row[metric] = sum(d[metric] for d in per_doc) / len(per_doc)
        rows.append(row)
    return rows


def print_table(rows: list[dict], anchors: dict[str, tuple[float, float, float]]) -> None:
    print("| system | k | ROUGE-1 | ROUGE-2 | ROUGE-L | docs/s | README anchor R-1/R-2/R-L |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for row in rows:
        anchor = anchors.get(row["system"]) or anchors.get(f"{row['system']}@{row['k']}")
        shown = " / ".join(f"{a:.2f}" for a in anchor) if anchor else ""
        print(
            f"| {row['system']} | {row['k']} | {row['rouge1']:.2f} | {row['rouge2']:.2f} | {row['rougeL']:.2f} "
            f"| {row['docs_per_s']:,.0f} | {shown} |"
        )


# The README's figures for the same 2,000 documents (k=3 unless named -2), printed beside ours.
ANCHORS = {
    "Lead-3": (24.94, 12.97, 17.29),
    "Lead-2": (25.67, 13.46, 18.24),
    "sumy LexRank@3": (24.13, 11.61, 16.36),
    "sumy TextRank@3": (21.61, 10.32, 14.56),
}


def main(
    data: Path = typer.Option(..., help="the vietnews folder (../shared/data/vietnews)"),
    docs: int = typer.Option(2000, help="first N documents of test.jsonl.gz"),
    k: list[int] = typer.Option([3, 2], help="sentence budgets to evaluate"),
    model: Path = typer.Option(SHIPPED_MODELS / "summarizer", help="the learned summarizer to evaluate"),
    workers: int = typer.Option(2),
) -> None:
    learned, card = learned_summarizer.load(model)
    systems: dict[str, System] = {
        "Lead": lead,
        "sumy LexRank": sumy_system(LexRankSummarizer),
        "sumy TextRank": sumy_system(TextRankSummarizer),
        "ours: unsupervised v1": unsupervised,
        f"ours: learned ({card['version']})": learned_system(learned),
    }
    test = data / "test.jsonl.gz"
    pairs = token_cache.load(test, limit=docs, workers=workers)
    documents = [(record, token_cache.vietnews_document(record, cached)) for record, cached in pairs]
    print(f"# Summarizer benchmark: {len(documents)} docs of {test} (first {docs}), reference = abstract")
    print(
        f"# python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, one process; "
        f"docs/s on pre-tokenized text, fastest of {REPEATS} passes (our underthesea words; sumy gets them too, "
        "unstemmed)"
    )
    for budget in k:
        rows = evaluate(documents, systems, budget)
        print_table(rows, ANCHORS)
        best = max(rows, key=lambda r: r["rouge2"])
        low, high = rouge.bootstrap_interval(best["per_doc_rouge2"])
        print(
            f"\nbest at k={budget}: {best['system']}, ROUGE-2 {best['rouge2']:.2f} "
            f"(95% bootstrap {low:.2f}-{high:.2f})\n"
        )


if __name__ == "__main__":
    typer.run(main)
