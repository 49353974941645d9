"""Training a topic tagger from labelled documents: the shipped model and users' own taxonomies.

``train_from_jsonl`` reads a user's JSONL (``{"text": str, "topics": [str, ...]}`` per line),
cleans and tokenizes each text as the service does, holds out a hash-chosen fifth for
per-topic thresholds, fits a :class:`TopicTagger` on the rest and writes a model
directory (artifact + card) that ``NLP_SERVICE_TOPICS_MODEL`` can serve.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from nlp_service.artifacts import save_model
from nlp_service.errors import InvalidTrainingData
from nlp_service.text.clean import clean_page
from nlp_service.text.tokens import TOKENIZER_VERSION, tokenize
from nlp_service.topics.estimator import TopicTagger
from nlp_service.topics.model import save_serving

MIN_POSITIVES = 4  # below this a topic cannot be both fitted and given a held-out threshold
MIN_DOCUMENTS = 20


def held_out(key: str, fifths: int = 1) -> bool:
    """Deterministic hash split: True for about ``fifths``/5 of keys."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 5 < fifths


def read_training_jsonl(path: Path) -> list[tuple[str, list[str]]]:
    """Validated (text, topics) pairs; every problem is an :class:`InvalidTrainingData` naming its line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidTrainingData(f"cannot read {path}: {exc}") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidTrainingData(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            raise InvalidTrainingData(f'{path}:{number}: needs a non-empty "text" string')
        topics = item.get("topics")
        if not isinstance(topics, list) or not all(isinstance(t, str) and t.strip() for t in topics):
            raise InvalidTrainingData(f'{path}:{number}: "topics" must be a list of topic ids (it may be empty)')
        rows.append((item["text"], sorted(set(topics))))
    if len(rows) < MIN_DOCUMENTS:
        raise InvalidTrainingData(f"{path}: {len(rows)} documents; at least {MIN_DOCUMENTS} are needed")
    return rows


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


def train_from_jsonl(path: Path, out: Path, progress: Callable[[Iterable], Iterable] = lambda x: x) -> dict:
    rows = read_training_jsonl(path)
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
    card = {
        "name": "topics",
        "version": time.strftime("%Y.%m.%d") + "-custom",
        "labels": [{"id": t, "name": t} for t in topics],
        "thresholds": dict(zip(topics, map(float, tagger.thresholds_))),
        "data": {"file": str(path), "documents": len(rows), "train": len(train_idx), "threshold_dev": len(dev_idx),
                 "positives": dict(Counter(t for _, labels in rows for t in labels))},
        "pipeline": {"tagger": repr(tagger), "tokenizer_version": TOKENIZER_VERSION},
    }
    save_model(tagger, out, card)
    return save_serving(out, tagger)  # what the service reads: arrays, not the pickle
