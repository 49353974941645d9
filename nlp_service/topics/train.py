"""Training a topic tagger from labelled documents: the shipped model and users' own taxonomies.

``train_from_jsonl`` reads a user's JSONL (``{"text": str, "topics": [str, ...]}`` per line, and
optionally label lines ``{"topic": id, "name": str, "description"?: str}`` that name the topics),
cleans and tokenizes each text as the service does, holds out a hash-chosen fifth for
per-topic thresholds, fits a :class:`TopicTagger` on the rest and writes a model
directory (artifact + card) that ``NLP_SERVICE_TOPICS_MODEL`` can serve.

Held-out scores (:func:`cross_fitted_scores`): over the five hash folds, each fold is scored by a tagger
fitted on three others with thresholds tuned on the fifth, so no fold is scored with a threshold chosen on
it; the pooled predictions give each topic's precision, recall and F1. They fit on three fifths where the
served model fits on four, so they lean low.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from nlp_service.artifacts import save_model
from nlp_service.errors import InvalidTrainingData
from nlp_service.splits import hash_bucket, held_out
from nlp_service.text.clean import clean_page
from nlp_service.text.tokens import TOKENIZER_VERSION, tokenize
from nlp_service.topics.estimator import TopicTagger
from nlp_service.topics.model import save_serving

MIN_POSITIVES = 4  # below this a topic cannot be both fitted and given a held-out threshold
MIN_DOCUMENTS = 20
FOLDS = 5
MIN_FIT_POSITIVES = 2  # a fold's fit needs this many positives per topic (calibration splits them)


def fold_of(key: str) -> int:
    """The key's fold: its bucket of the one hash split (:mod:`nlp_service.splits`)."""
    return hash_bucket(key, FOLDS)


@dataclass
class TrainingFile:
    rows: list[tuple[str, list[str]]]
    names: dict[str, dict] = field(default_factory=dict)  # topic id -> {"name", "description"}
    sha256: str = ""


def _label_line(item: dict, where: str) -> tuple[str, dict]:
    topic, name, description = item.get("topic"), item.get("name"), item.get("description", "")
    if not isinstance(topic, str) or not topic.strip() or not isinstance(name, str) or not name.strip():
        raise InvalidTrainingData(f'{where}: a label line needs a "topic" id and a "name"')
    if not isinstance(description, str) or set(item) - {"topic", "name", "description"}:
        raise InvalidTrainingData(f'{where}: a label line has only "topic", "name" and "description" strings')
    return topic, {"name": name.strip(), "description": description.strip()}


def read_training_file(path: Path) -> TrainingFile:
    """Validated (text, topics) pairs and topic names; every problem is an :class:`InvalidTrainingData`
    naming its line."""
    try:
        raw = Path(path).read_bytes()
        lines = raw.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidTrainingData(f"cannot read {path}: {exc}") from exc
    rows, names = [], {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidTrainingData(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if isinstance(item, dict) and "topic" in item and "text" not in item:
            topic, label = _label_line(item, f"{path}:{number}")
            if topic in names:
                raise InvalidTrainingData(f"{path}:{number}: topic {topic!r} is named twice")
            names[topic] = label
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            raise InvalidTrainingData(f'{path}:{number}: needs a non-empty "text" string')
        topics = item.get("topics")
        if not isinstance(topics, list) or not all(isinstance(t, str) and t.strip() for t in topics):
            raise InvalidTrainingData(f'{path}:{number}: "topics" must be a list of topic ids (it may be empty)')
        rows.append((item["text"], sorted(set(topics))))
    if len(rows) < MIN_DOCUMENTS:
        raise InvalidTrainingData(f"{path}: {len(rows)} documents; at least {MIN_DOCUMENTS} are needed")
    used = {t for _, labels in rows for t in labels}
    unused = sorted(set(names) - used)
    if unused:
        raise InvalidTrainingData(f"{path}: named topics no document has: {', '.join(unused)}")
    return TrainingFile(rows, names, hashlib.sha256(raw).hexdigest())


def read_training_jsonl(path: Path) -> list[tuple[str, list[str]]]:
    """The validated (text, topics) pairs of :func:`read_training_file`."""
    return read_training_file(path).rows


def label_matrix(labels: Iterable[list[str]], topics: list[str]) -> np.ndarray:
    index = {t: j for j, t in enumerate(topics)}
    labels = list(labels)
    Y = np.zeros((len(labels), len(topics)), dtype=int)
    for i, row in enumerate(labels):
        for t in row:
            Y[i, index[t]] = 1
    return Y


def check_counts(train_labels: list[list[str]], dev_labels: list[list[str]], topics: list[str]) -> None:
    train, dev = Counter(t for r in train_labels for t in r), Counter(t for r in dev_labels for t in r)
    thin = [t for t in topics if train[t] < MIN_POSITIVES or dev[t] < 1]
    if thin:
        raise InvalidTrainingData(
            f"too few examples for {', '.join(thin)}: each topic needs {MIN_POSITIVES}+ positives to train on "
            "and 1+ in the held-out fifth")


def cross_fitted_scores(words: list, Y: np.ndarray, folds: list[int], topics: list[str]) -> dict:
    """Per-topic precision, recall, F1 and support of predictions pooled over the folds, each fold scored by a
    tagger fitted on three other folds with thresholds tuned on the remaining one. A fold whose fit part has
    fewer than ``MIN_FIT_POSITIVES`` of some topic, or whose threshold fold has none, is left unscored."""
    folds_arr = np.asarray(folds)
    predicted = np.zeros_like(Y)
    scored = np.zeros(len(Y), dtype=bool)
    for k in range(FOLDS):
        tune = (k + 1) % FOLDS
        fit_idx = np.flatnonzero((folds_arr != k) & (folds_arr != tune))
        tune_idx, test_idx = np.flatnonzero(folds_arr == tune), np.flatnonzero(folds_arr == k)
        if not len(test_idx) or Y[fit_idx].sum(axis=0).min() < MIN_FIT_POSITIVES or Y[tune_idx].sum(axis=0).min() < 1:
            continue
        tagger = TopicTagger(topics=topics).fit([words[i] for i in fit_idx], Y[fit_idx])
        tagger.tune_thresholds([words[i] for i in tune_idx], Y[tune_idx])
        predicted[test_idx] = tagger.predict([words[i] for i in test_idx])
        scored[test_idx] = True
    if not scored.any():
        return {"documents_scored": 0, "per_topic": {}}
    p, r, f, n = precision_recall_fscore_support(Y[scored], predicted[scored], zero_division=0)
    return {"documents_scored": int(scored.sum()),
            "per_topic": {t: {"precision": round(float(pp), 4), "recall": round(float(rr), 4), "f1": round(float(ff), 4),
                              "support": int(nn)} for t, pp, rr, ff, nn in zip(topics, p, r, f, n)}}


def train_from_jsonl(path: Path, out: Path, progress: Callable[[Iterable], Iterable] = lambda x: x) -> dict:
    data = read_training_file(path)
    rows = data.rows
    topics = sorted({t for _, labels in rows for t in labels})
    if not topics:
        raise InvalidTrainingData(f"{path}: no document has a topic")
    words, keys = [], []
    for text, _ in progress(rows):
        clean, title = clean_page(text)
        words.append(tokenize(clean, title).words_with_title)
        keys.append(text)
    dev = [held_out(k) for k in keys]
    train_idx = [i for i, d in enumerate(dev) if not d]
    dev_idx = [i for i, d in enumerate(dev) if d]
    check_counts([rows[i][1] for i in train_idx], [rows[i][1] for i in dev_idx], topics)
    Y = label_matrix((labels for _, labels in rows), topics)
    tagger = TopicTagger(topics=topics).fit([words[i] for i in train_idx], Y[train_idx])
    tagger.tune_thresholds([words[i] for i in dev_idx], Y[dev_idx])
    held_out_scores = cross_fitted_scores(words, Y, [fold_of(k) for k in keys], topics)
    labels = [{"id": t, "name": data.names.get(t, {}).get("name", t),
               "description": data.names.get(t, {}).get("description", "")} for t in topics]
    card = {
        "name": "topics",
        # The date says when; the training file's hash tells two trainings of one day apart (and the same file
        # trained twice gets the same version).
        "version": f"{time.strftime('%Y.%m.%d')}-custom-{data.sha256[:8]}",
        "labels": labels,
        "thresholds": dict(zip(topics, map(float, tagger.thresholds_))),
        "metrics": {"held_out": held_out_scores,
                    "held_out_method": "5 hash folds: fit on 3, thresholds on 1, score the 5th; pooled"},
        "data": {"file": str(path), "sha256": data.sha256, "documents": len(rows), "train": len(train_idx),
                 "threshold_dev": len(dev_idx), "positives": dict(Counter(t for _, labels in rows for t in labels))},
        "pipeline": {"tagger": repr(tagger), "tokenizer_version": TOKENIZER_VERSION},
    }
    save_model(tagger, out, card)
    return save_serving(out, tagger)  # what the service reads: arrays, not the pickle
