"""Summarizer evaluation on three disjoint slices of vietnews, scored as its README defines, in one run.

    python -m training.eval_summarizer --data ../shared/data/vietnews [--model DIR] [--k 3 --k 2] [--every 4] [--record]

Slices (fixed here, never chosen on): test documents 0-2,000 (the README's benchmark), test 2,000-5,000, and
train documents 35,000-40,000, which no shipped summarizer trains on (the script refuses a model whose card
says it did). Every system picks sentences from the corpus's ``sentences`` only (our word tokens, read from the
cache of :mod:`training.token_cache`), keeps them in document order and is scored against ``abstract`` with
:mod:`training.rouge`. Beside ours: Lead-3, Lead-2 and sumy 0.13 LexRank (fed our sentences and words), and our
unsupervised v1. Per slice: ROUGE-1/2/L F1, a 95% bootstrap interval of ROUGE-2 and, for each system, a paired
interval of its ROUGE-2 lead over Lead-3. Speed: documents per second on pre-tokenized text of test 0-2,000,
the fastest of three passes per system, with the machine's load average.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import typer

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.lex_rank import LexRankSummarizer

from nlp_service.artifacts import CARD
from nlp_service.settings import SHIPPED_MODELS
from nlp_service.summarize import unsupervised as summarizer
from nlp_service.summarize.learned.model import LearnedModel
from nlp_service.text.terms import term
from nlp_service.text.tokens import Document
from training import rouge, token_cache

System = Callable[[Document, int], list[int]]
REPEATS = 3
# (file, first document, end): disjoint, and the train one lies past every shipped summarizer's training documents.
SLICES = {
    "test 0-2,000": ("test", 0, 2000),
    "test 2,000-5,000": ("test", 2000, 5000),
    "train 35,000-40,000 (never trained on)": ("train", 35000, 40000),
}


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


def learned_system(model) -> System:
    return lambda doc, k: [s.index for s in model.summarize(doc, k)]


def trained_range(card: dict) -> tuple[int, int]:
    """The train documents a model's card says it was fitted on (first document, end)."""
    train = card["data"]["train"]
    return tuple(train.get("range", (0, train["documents"])))


def run_systems(slices: list[list[Document]], systems: dict[str, System], k: int) -> tuple[dict, dict]:
    """Each system's picks for every document of every slice, and its docs/s on the first slice (fastest of
    REPEATS passes: what the code costs, not what else the machine did)."""
    picks, speed = {}, {}
    for name, system in systems.items():
        seconds = float("inf")
        for _ in range(REPEATS):
            started = time.perf_counter()
            first = [system(doc, k) for doc in slices[0]]
            seconds = min(seconds, time.perf_counter() - started)
        speed[name] = len(slices[0]) / seconds
        picks[name] = [first] + [[system(doc, k) for doc in docs] for docs in slices[1:]]
    return picks, speed


def scores(records: list[dict], picks: list[list[int]]) -> dict[str, np.ndarray]:
    scorer = rouge.scorer()
    per_doc = [rouge.f1_scores(scorer, r["abstract"], " ".join(r["sentences"][i] for i in sorted(chosen)))
               for r, chosen in zip(records, picks)]
    return {m: np.array([d[m] for d in per_doc]) for m in rouge.METRICS}


def print_slice(name: str, table: dict[str, dict[str, np.ndarray]], baseline: str) -> dict[str, dict]:
    """Print one slice's table; the same figures as a dict (system -> metric -> value) for the card."""
    print(f"\n{name}: {len(table[baseline]['rouge2']):,} documents\n")
    print(f"| system | ROUGE-1 | ROUGE-2 | ROUGE-2 95% | ROUGE-L | ROUGE-2 − {baseline} (paired 95%) |")
    print("|---|---:|---:|---:|---:|---:|")
    figures = {}
    for system, s in table.items():
        low, high = rouge.bootstrap_interval(s["rouge2"])
        gap = s["rouge2"] - table[baseline]["rouge2"]
        g_low, g_high = rouge.bootstrap_interval(gap)
        shown = f"{gap.mean():+.2f} ({g_low:+.2f} to {g_high:+.2f})" if system != baseline else ""
        print(f"| {system} | {s['rouge1'].mean():.2f} | {s['rouge2'].mean():.2f} | {low:.2f}-{high:.2f} "
              f"| {s['rougeL'].mean():.2f} | {shown} |")
        figures[system] = {**{m: round(float(s[m].mean()), 2) for m in rouge.METRICS},
                           "rouge2_95": [round(low, 2), round(high, 2)],
                           f"rouge2_minus_{baseline}": round(float(gap.mean()), 2),
                           f"rouge2_minus_{baseline}_95": [round(g_low, 2), round(g_high, 2)]}
    return figures


def main(
    data: Path = typer.Option(..., help="the vietnews folder (../shared/data/vietnews)"),
    k: list[int] = typer.Option([3], help="sentence budgets to evaluate"),
    model: Path = typer.Option(SHIPPED_MODELS / "summarizer", help="the learned summarizer to evaluate"),
    workers: int = typer.Option(2, help="processes for building a missing token cache"),
    also: list[Path] = typer.Option([], help="other learned summarizers to score beside it (a previous model)"),
    every: int = typer.Option(1, help="every Nth document of each slice (the issue's own figures took every 4th)"),
    record: bool = typer.Option(False, help="write the figures of the evaluated model into its card (metrics)"),
) -> None:
    loaded = LearnedModel.from_dir(model)
    learned, card = loaded.summarizer, loaded.card
    fitted = trained_range(card)
    others = {other: (m.summarizer, m.card) for other in also for m in [LearnedModel.from_dir(other)]}
    ours = f"ours: learned ({card['version']})"
    slices = {}
    for name, (split, start, end) in SLICES.items():
        for directory, used in [(model, fitted)] + [(o, trained_range(c)) for o, (_, c) in others.items()]:
            if split == "train" and start < used[1] and used[0] < end:
                raise typer.BadParameter(f"{directory} was trained on train documents {used[0]}-{used[1]}, in {name}")
        pairs = token_cache.load(data / f"{split}.jsonl.gz", limit=end, start=start, workers=workers)
        slices[name] = [(r, token_cache.vietnews_document(r, c)) for r, c in pairs[::every]]
    print(f"# Summarizer evaluation on {data}: {sum(map(len, slices.values())):,} documents (every {every}), "
          "reference = abstract; "
          f"{ours} from {model}, trained on train {fitted[0]:,}-{fitted[1]:,}")
    print(f"# python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, one process; docs/s "
          f"on pre-tokenized text of the first slice, fastest of {REPEATS} passes (sumy gets our words, unstemmed)")
    evaluation: dict[str, dict] = {}
    for budget in k:
        systems: dict[str, System] = {
            f"Lead-{budget}": lead,
            **({"Lead-2": lambda doc, _: lead(doc, 2)} if budget != 2 else {}),
            "sumy LexRank": sumy_system(LexRankSummarizer),
            "ours: unsupervised v1": unsupervised,
            ours: learned_system(learned),
            **{f"also: {other_card['version']} ({other})": learned_system(other_model)
               for other, (other_model, other_card) in others.items()},
        }
        picks, speed = run_systems([[doc for _, doc in pairs] for pairs in slices.values()], systems, budget)
        load = os.getloadavg()
        print(f"\n## budget: {budget} sentences")
        for at, (name, pairs) in enumerate(slices.items()):
            records = [r for r, _ in pairs]
            table = {system: scores(records, chosen[at]) for system, chosen in picks.items()}
            figures = print_slice(name, table, f"Lead-{budget}")
            evaluation[f"{name} k{budget}"] = {"ours" if system == ours else system: row
                                               for system, row in figures.items()}
        print(f"\nspeed on {next(iter(slices))} (load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
              "while measuring):\n")
        print("| system | docs/s | × LexRank |")
        print("|---|---:|---:|")
        for system, rate in speed.items():
            print(f"| {system} | {rate:,.0f} | {rate / speed['sumy LexRank']:.2f} |")
        evaluation[f"docs_per_s k{budget}"] = {"ours" if system == ours else system: round(rate, 1)
                                               for system, rate in speed.items()}
    if record:  # the artifact is untouched, so its SHA-256 on the card still holds
        command = f"python -m training.eval_summarizer --every {every}"
        card.setdefault("metrics", {})["evaluation"] = {"command": command, **evaluation}
        (model / CARD).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
