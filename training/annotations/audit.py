"""Check that each label set sits on the article it was written for (a label-drift audit).

    python -m training.annotations.audit --data ../shared/data

A chunk of labels saved under the ids of another chunk still passes every id check in
``assemble``; it shows only in the content. The audit scores the label sets of each round, in
``topics.jsonl`` order, against five-fold held-out topic probabilities of the train and dev
articles: ``fit[i, j]`` is the log-likelihood of label set ``i`` for article ``j``, less the
best it reaches on any article. Windows of consecutive label sets should fit best where they
are stored (offset 0); a window that fits a shifted run of articles better is printed with
its offset. Test articles are never scored, so the audit reads no test prediction.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import typer
from sklearn.model_selection import KFold

from nlp_service.labels import TOPIC_IDS
from nlp_service.topic_model import TopicTagger
from nlp_service.topic_training import label_matrix

HERE = Path(__file__).resolve().parent
WINDOW = 15  # label sets per window: a drifted chunk of 5-10 articles still fills most of one
MIN_SCORED = 4  # a window is judged on at least this many train/dev articles at the offset tried
CLIP = 0.01  # keeps one confident miss from outweighing a window of fits
MARGIN = 0.5  # nats per label set a shifted run must fit better by: ties (runs of empty sets) are not drift


def shifted_windows(fit: np.ndarray, scored: list[int], window: int = WINDOW) -> list[tuple[int, int, float]]:
    """(first position, offset, mean fit there, mean fit in place) for each window that fits a shifted run better.

    ``fit[i, k]``: how well label set ``i`` fits the ``k``-th scored article, whose position is ``scored[k]``.
    """
    column = {position: k for k, position in enumerate(scored)}
    n, out = fit.shape[0], []
    for start in range(0, n, window):
        means = {}
        for offset in range(-n + 1, n):
            values = [fit[i, column[i - offset]] for i in range(start, min(n, start + window)) if i - offset in column]
            if len(values) >= MIN_SCORED:
                means[offset] = float(np.mean(values))
        if not means:
            continue
        offset = max(means, key=means.get)
        if offset != 0 and means[offset] > means.get(0, -np.inf) + MARGIN:
            out.append((start, offset, round(means[offset], 3), round(means.get(0, float("nan")), 3)))
    return out


def main(data: Path = typer.Option(..., help="the shared data folder (../shared/data)"),
         workers: int = typer.Option(2)) -> None:
    from training.train_topics import FOLDS, load_annotated  # training imports are heavy; only the CLI needs them

    rows, words, _, _ = load_annotated(data, workers)
    topics = list(TOPIC_IDS)
    Y = label_matrix((r["topics"] for r in rows), topics)
    fit_idx = np.array([n for n, r in enumerate(rows) if r["split"] != "test"])
    proba = np.zeros((len(fit_idx), len(topics)))
    for tr, va in KFold(FOLDS, shuffle=True, random_state=0).split(fit_idx):
        tagger = TopicTagger(topics=topics, c=32.0).fit([words[fit_idx[i]] for i in tr], Y[fit_idx[tr]])
        proba[va] = tagger.predict_proba([words[fit_idx[i]] for i in va])
    proba = np.clip(proba, CLIP, 1 - CLIP)
    held_out = {n: k for k, n in enumerate(fit_idx)}
    position = {(r["corpus"], r["id"]): n for n, r in enumerate(rows)}
    for path in sorted(HERE.glob("candidates_*.jsonl")):
        keys = [(c["corpus"], c["id"]) for c in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
        order = sorted((position[k] for k in keys if k in position))
        scored = [i for i, n in enumerate(order) if n in held_out]
        P = proba[[held_out[order[i]] for i in scored]]
        L = Y[order]
        fit = L @ np.log(P).T + (1 - L) @ np.log(1 - P).T
        drift = shifted_windows(fit - fit.max(axis=1, keepdims=True), scored)
        print(f"{path.stem.removeprefix('candidates_')}: {len(order)} label sets, "
              + ("no window fits a shifted run better" if not drift else
                 "windows fitting shifted articles (start, offset, mean fit there, in place): " + str(drift)))


if __name__ == "__main__":
    typer.run(main)
