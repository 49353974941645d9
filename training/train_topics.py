"""Train the shipped topic tagger on our annotations and write ``models/topics/`` with its card.

    python -m training.train_topics --data ../shared/data [--out models/topics]

Annotations (``training/annotations/topics.jsonl``: corpus, id, topics, split) point into the
shared corpora; the articles are read there, cleaned and tokenized as the service does.
Features, regularisation and per-topic thresholds are chosen on held-out predictions of 5-fold
cross-validation over ``train`` and ``dev`` (so every non-test article serves once as a
held-out example); the shipped tagger is then fitted on ``train`` + ``dev``. ``test`` is only
scored, beside the keyword-rule baseline, in the same run.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import numpy as np
import typer
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import KFold

from nlp_service.artifacts import save_model
from nlp_service.labels import TOPIC_IDS, TOPICS
from nlp_service.text.clean import clean_text
from nlp_service.text.tokens import TOKENIZER_VERSION
from nlp_service.topics.estimator import TopicTagger, best_thresholds
from nlp_service.topics.model import save_serving
from nlp_service.topics.train import label_matrix
from training import token_cache
from training.corpora import ANNOTATED_CORPORA, sha256_file
from training.keyword_baseline import MIN_HITS, keyword_topics

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 5
# The same five folds with the logistic regression shipped before (balanced, sigmoid-calibrated, words), for the
# record: the SVMs of GRID beat it at every C tried. Measured before 86 r6 label sets were put right
# (training/annotations/README.md), so they compare with the SVMs' numbers of that time, not with this run's.
BEFORE = {"LogisticRegression C=64": {"macro_f1": 0.8221, "micro_f1": 0.8337},
          "LogisticRegression C=256": {"macro_f1": 0.8228, "micro_f1": 0.8343}}
BEFORE_LABELS = "before the r6 correction; the SVMs of GRID scored 0.8264-0.8318 macro-F1 on those labels"
GRID = [(features, c) for features in ("words", "words+syllables") for c in (2.0, 8.0, 32.0)]  # SVM C
ANNOTATIONS = ROOT / "training" / "annotations" / "topics.jsonl"


def load_annotated(data: Path, workers: int) -> tuple[list[dict], list[tuple[str, ...]], list[str], dict]:
    rows = [json.loads(line) for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_corpus: dict[str, set[str]] = {}
    for row in rows:
        by_corpus.setdefault(row["corpus"], set()).add(row["id"])
    found, hashes = {}, {}
    for corpus, ids in by_corpus.items():
        path = data / ANNOTATED_CORPORA[corpus]
        hashes[ANNOTATED_CORPORA[corpus]] = sha256_file(path)
        for record, cached in token_cache.load_subset(path, ids, workers):
            doc = token_cache.document(record, cached)
            found[(corpus, record["id"])] = (doc.words_with_title, clean_text(((record.get("title") or "") + "\n" + record["text"])))
    missing = [r for r in rows if (r["corpus"], r["id"]) not in found]
    if missing:
        raise SystemExit(f"{len(missing)} annotated articles are not in the corpora, e.g. {missing[0]}")
    words = [found[(r["corpus"], r["id"])][0] for r in rows]
    texts = [found[(r["corpus"], r["id"])][1] for r in rows]
    return rows, words, texts, hashes


def report(Y_true: np.ndarray, Y_pred: np.ndarray) -> dict:
    p, r, f, n = precision_recall_fscore_support(Y_true, Y_pred, zero_division=0)
    return {
        "macro_f1": round(float(f1_score(Y_true, Y_pred, average="macro", zero_division=0)), 4),
        "micro_f1": round(float(f1_score(Y_true, Y_pred, average="micro", zero_division=0)), 4),
        "per_topic": {t: {"precision": round(float(pp), 4), "recall": round(float(rr), 4), "f1": round(float(ff), 4),
                          "support": int(nn)} for t, pp, rr, ff, nn in zip(TOPIC_IDS, p, r, f, n)},
    }


def held_out_proba(X: list, Y: np.ndarray, topics: list[str], features: str = "words+syllables",
                   c: float = 32.0) -> np.ndarray:
    """Each document's topic probabilities from the one of ``FOLDS`` seeded folds that held it out."""
    proba = np.zeros(Y.shape)
    for tr, va in KFold(FOLDS, shuffle=True, random_state=0).split(X):
        tagger = TopicTagger(topics=topics, c=c, features=features).fit([X[i] for i in tr], Y[tr])
        proba[va] = tagger.predict_proba([X[i] for i in va])
    return proba


def bootstrap_f1(Y_true: np.ndarray, Y_pred: np.ndarray, rounds: int = 1000, seed: int = 0) -> dict:
    """95% percentile intervals of macro- and micro-F1 over the articles resampled with replacement."""
    rng = np.random.default_rng(seed)
    scores: dict[str, list[float]] = {"macro_f1": [], "micro_f1": []}
    for _ in range(rounds):
        idx = rng.integers(0, len(Y_true), len(Y_true))
        for average in ("macro", "micro"):
            scores[f"{average}_f1"].append(f1_score(Y_true[idx], Y_pred[idx], average=average, zero_division=0))
    intervals: dict = {k: [round(float(np.percentile(v, 2.5)), 4), round(float(np.percentile(v, 97.5)), 4)]
                       for k, v in scores.items()}
    return {**intervals, "rounds": rounds}


def main(
    data: Path = typer.Option(..., help="the shared data folder (../shared/data)"),
    out: Path = typer.Option(ROOT / "models" / "topics"),
    workers: int = typer.Option(2),
) -> None:
    started = time.time()
    rows, words, texts, hashes = load_annotated(data, workers)
    topics = list(TOPIC_IDS)
    Y = label_matrix((r["topics"] for r in rows), topics)
    split = np.array([r["split"] for r in rows])
    fit_idx = np.where(split != "test")[0]
    X_fit, Y_fit = [words[i] for i in fit_idx], Y[fit_idx]
    choice, probas = {}, {}
    for features, c in GRID:
        name = f"{features} C={c:g}"
        proba = probas[name] = held_out_proba(X_fit, Y_fit, topics, features, c)
        choice[name] = report(Y_fit, (proba >= best_thresholds(proba, Y_fit)).astype(int))
        print(f"{name}: {FOLDS}-fold held-out macro-F1 {choice[name]['macro_f1']:.4f} "
              f"micro-F1 {choice[name]['micro_f1']:.4f}", flush=True)
    best = max(choice, key=lambda name: choice[name]["macro_f1"])
    features, c = GRID[list(choice).index(best)]
    tagger = TopicTagger(topics=topics, c=c, features=features).fit(X_fit, Y_fit)
    tagger.thresholds_ = best_thresholds(probas[best], Y_fit)
    X_test, Y_test = [w for w, sp in zip(words, split) if sp == "test"], Y[split == "test"]
    test_pred = tagger.predict(X_test)
    test = report(Y_test, test_pred)
    test_texts = [t for t, sp in zip(texts, split) if sp == "test"]
    baseline = report(Y_test, label_matrix((keyword_topics(t) for t in test_texts), topics))
    metrics = {"test": test, "test_bootstrap_95": bootstrap_f1(Y_test, test_pred), "test_keyword_baseline": baseline,
               "cross_validated_train_dev": {name: {k: v[k] for k in ("macro_f1", "micro_f1")}
                                             for name, v in choice.items()},
               "cross_validated_before": BEFORE, "cross_validated_before_labels": BEFORE_LABELS}
    Ys = {s: Y[split == s] for s in ("train", "dev", "test")}
    card = {
        "name": "topics",
        "version": time.strftime("%Y.%m.%d"),
        "task": "public-affairs topics, multi-label, calibrated probabilities with per-topic thresholds",
        "labels": [{"id": t.id, "name": t.name, "description": t.description} for t in TOPICS],
        "thresholds": dict(zip(topics, map(float, tagger.thresholds_))),
        "pipeline": {"features": f"TF-IDF sublinear over {features} (underthesea word uni+bigrams, plus the syllables "
                                 "of multi-syllable words when +syllables; min_df=2, max 100k)",
                     "classifier": f"one-vs-rest LinearSVC(C={c:g}, balanced) + sigmoid calibration",
                     "chosen_on": f"features, C and per-topic thresholds on {FOLDS}-fold held-out predictions over "
                                  "train+dev, by macro-F1; "
                                  "the shipped model is then fitted on train+dev; test only scored",
                     "tokenizer_version": TOKENIZER_VERSION},
        "data": {"annotations": "training/annotations/topics.jsonl",
                 "annotations_sha256": sha256_file(ANNOTATIONS),
                 "corpora_sha256": hashes,
                 "split_docs": dict(Counter(split.tolist())),
                 "positives": {s: dict(zip(topics, map(int, Ys[s].sum(axis=0)))) for s in Ys}},
        "baseline": f"keyword rules from the codebook wording, a topic when its phrases occur {MIN_HITS}+ times",
        "metrics": metrics,
        "timing_s": round(time.time() - started, 1),
    }
    save_model(tagger, out, card)
    card = save_serving(out, tagger)  # what the service reads: arrays, not the pickle
    interval = metrics["test_bootstrap_95"]
    print(f"test: macro-F1 {test['macro_f1']:.4f} ({interval['macro_f1'][0]:.4f}-{interval['macro_f1'][1]:.4f}) "
          f"micro-F1 {test['micro_f1']:.4f} ({interval['micro_f1'][0]:.4f}-{interval['micro_f1'][1]:.4f}, "
          "95% bootstrap) | keyword baseline: "
          f"macro-F1 {baseline['macro_f1']:.4f} micro-F1 {baseline['micro_f1']:.4f}")
    print("| topic | support | F1 | baseline F1 |")
    for t in topics:
        print(f"| {t} | {test['per_topic'][t]['support']} | {test['per_topic'][t]['f1']:.3f} | "
              f"{baseline['per_topic'][t]['f1']:.3f} |")
    print(json.dumps(card["artifact"]))


if __name__ == "__main__":
    typer.run(main)
