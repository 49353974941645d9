"""Check that each label set sits on the article it was written for (a label-drift audit).

    python -m training.annotations.audit --data ../shared/data

A chunk of labels saved under the ids of another chunk still passes every id check in
``assemble``; it shows only in the content. The audit scores the label sets of each round, in
``topics.jsonl`` order, against five-fold held-out topic probabilities of the train and dev
articles: ``fit[i, k]`` is the log-likelihood of label set ``i`` for scored article ``k``. Label
sets stored with their own articles fit them about as well as the best article anywhere; a run
of windows whose label sets fit their own articles far worse is printed, with the offset at
which the run's label sets fit best (where the labels most likely came from), when they fit there
clearly better. Test articles are never scored, so the audit reads no test prediction. It also
prints each round's held-out micro-F1, the figure that first showed a round was off.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import typer
from sklearn.metrics import f1_score

from nlp_service.labels import TOPIC_IDS
from nlp_service.topics.estimator import best_thresholds
from nlp_service.topics.train import label_matrix
from training.train_topics import held_out_proba, load_annotated

HERE = Path(__file__).resolve().parent
WINDOW = 15  # label sets per window: a drifted chunk of 5-10 articles fills most of the windows that slide over it
MIN_SCORED = 4  # label sets whose own article is scored, for a window to be judged
CLIP = 0.01  # keeps one confident miss from outweighing a window of fits
# Nats per label set below its best fit anywhere: aligned windows of every round sat above -1.6 on average, the
# label sets of r6 stored under another chunk's ids below -3.4.
BAD = 2.5
GAIN = 1.0  # nats per label set the run's best offset must beat its own articles by: hard articles fit nowhere


def shifted_runs(fit: np.ndarray, scored: list[int], window: int = WINDOW) -> list[tuple[int, int, int, float, float]]:
    """Runs of label sets that fit their own articles badly: (first, last label set, likely offset, mean fit in
    place, mean fit at that offset), fits relative to the best article for each label set.

    Label sets are numbered from 1. ``fit[i, k]``: how well label set ``i`` fits the ``k``-th scored article,
    whose position is ``scored[k]``. A window (slid one label set at a time) is bad when its label sets fit their
    own articles worse than their best anywhere by ``BAD`` nats on average; overlapping bad windows make a run.
    The run's offset is the one at which, over all its label sets, they fit best; the run is drift, and returned,
    when they fit there better than in place by ``GAIN``. A stretch of hard articles fits badly everywhere.
    """
    n = fit.shape[0]
    window = min(window, n)
    column = np.full(n, -1)
    column[scored] = np.arange(len(scored))
    own = column >= 0
    best_anywhere = fit.max(axis=1)
    relative = np.where(own, fit[np.arange(n), np.maximum(column, 0)] - best_anywhere, 0.0)
    kernel = np.ones(window)  # "full": windows also run off either end, so drift in the first or last sets shows
    sums, counts = np.convolve(relative, kernel, "full"), np.convolve(own.astype(float), kernel, "full")
    spans: list[list[int]] = []
    for end in np.flatnonzero((counts >= MIN_SCORED) & (sums < -BAD * counts)):
        first, last = max(0, int(end) - window + 1), min(n - 1, int(end))
        if spans and spans[-1][1] >= first - 1:
            spans[-1][1] = last
        else:
            spans.append([first, last])
    runs = []
    for first, last in spans:
        sets = np.arange(first, last + 1)
        needed = max(MIN_SCORED, int(own[sets].sum()) // 2)  # the offset is judged on as many sets as the place
        best_offset, best = 0, -np.inf
        for offset in range(-n + 1, n):
            there = sets - offset
            inside = (there >= 0) & (there < n)
            k = column[there[inside]]
            here = sets[inside][k >= 0]
            if offset != 0 and len(here) >= needed:
                mean = float(np.mean(fit[here, k[k >= 0]] - best_anywhere[here]))
                if mean > best:
                    best_offset, best = offset, mean
        in_place = float(relative[sets][own[sets]].mean())
        if best > in_place + GAIN:
            runs.append((first + 1, last + 1, best_offset, round(in_place, 2), round(best, 2)))
    return runs


def main(data: Path = typer.Option(..., help="the shared data folder (../shared/data)"),
         workers: int = typer.Option(2)) -> None:
    rows, words, _, _ = load_annotated(data, workers)
    topics = list(TOPIC_IDS)
    Y = label_matrix((r["topics"] for r in rows), topics)
    fit_idx = np.array([n for n, r in enumerate(rows) if r["split"] != "test"])
    proba = held_out_proba([words[n] for n in fit_idx], Y[fit_idx], topics)
    predicted = (proba >= best_thresholds(proba, Y[fit_idx])).astype(int)
    proba = np.clip(proba, CLIP, 1 - CLIP)
    held_out = {n: k for k, n in enumerate(fit_idx)}
    position = {(r["corpus"], r["id"]): n for n, r in enumerate(rows)}
    for path in sorted(HERE.glob("candidates_*.jsonl")):
        keys = [(c["corpus"], c["id"]) for c in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
        order = sorted(position[k] for k in keys if k in position)
        scored = [i for i, n in enumerate(order) if n in held_out]
        rows_scored = [held_out[order[i]] for i in scored]
        P, L = proba[rows_scored], Y[order]
        fit = L @ np.log(P).T + (1 - L) @ np.log(1 - P).T
        runs = shifted_runs(fit, scored)
        micro = f1_score(Y[fit_idx][rows_scored], predicted[rows_scored], average="micro", zero_division=0)
        print(f"{path.stem.removeprefix('candidates_')}: {len(order)} label sets, held-out micro-F1 {micro:.3f} "
              f"on its {len(scored)} train/dev articles; "
              + ("every window fits its own articles" if not runs else
                 "runs that fit their own articles badly (first, last label set, likely offset, mean fit in place, "
                 f"at that offset): {runs}"))


if __name__ == "__main__":
    typer.run(main)
