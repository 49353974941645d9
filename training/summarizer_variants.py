"""Sentence scorers compared on one feature matrix: which change, if any, beats the shipped shape on held-out train.

    python -m training.summarizer_variants --data ../shared/data/vietnews [--start 5000 --docs 35000 --validate 2000]

The features of train documents START to DOCS (our words, from the token cache) are computed once, as
:mod:`training.train_summarizer` computes them; each variant fits a scorer on them and is scored on train
documents 0 to V (ROUGE-2 at three sentences, redundancy 0.3 / 0.5 / 0.7). Variants: the shipped shape, larger
trees, a log-loss classifier, four LSA features (a truncated SVD of the articles' TF-IDF: each sentence's cosine
to the rest of its article, to the title and to the first sentence, and its rank), and oracle targets taken among
eligible sentences only. Nothing here reads vietnews test or train 35,000-40,000.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import typer
from sklearn.decomposition import TruncatedSVD
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.feature_extraction.text import TfidfVectorizer

from nlp_service.summarize.base import candidates
from nlp_service.summarize.budget import Budget, select
from nlp_service.summarize.learned.features import FEATURES, features_and_similarities
from nlp_service.summarize.learned.model import LearnedSummarizer
from nlp_service.text.terms import term
from nlp_service.text.tokens import Document
from training import rouge, token_cache
from training.train_summarizer import abstract_words, targets

LSA_DIMENSIONS = 100  # enough for topics of news; the SVD of 30,000 articles then takes about a minute
ELIGIBLE = FEATURES.index("eligible")


def _terms(words) -> list[str]:
    return [t for t in map(term, words) if t]


def lsa_features(doc: Document, index: dict[str, int], vectors: np.ndarray) -> np.ndarray:
    """(sentences, 4): cosine to the rest of the article, to the title, to the first sentence; rank of the first."""
    def embed(words) -> np.ndarray:
        ids = [index[t] for t in _terms(words) if t in index]
        return vectors[ids].sum(axis=0) if ids else np.zeros(vectors.shape[1])

    S = np.array([embed(s.words) for s in doc.sentences]).reshape(len(doc.sentences), -1)
    title = embed(doc.title_words)
    rest = S.sum(axis=0) - S

    def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        scale = np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1)
        return np.divide((a * b).sum(axis=-1), scale, out=np.zeros(len(S)), where=scale > 0)

    to_rest = cosine(S, rest)
    rank = np.empty(len(S))
    rank[np.argsort(-to_rest, kind="stable")] = np.arange(len(S))
    return np.column_stack([to_rest, cosine(S, title[None, :]), cosine(S, S[:1]), rank])


def main(data: Path = typer.Option(...), start: int = typer.Option(5000), docs: int = typer.Option(35000),
         validate: int = typer.Option(2000)) -> None:
    corpus = data / "train.jsonl.gz"
    pairs = token_cache.load(corpus, limit=docs, start=start)
    records, train = [r for r, _ in pairs], [token_cache.vietnews_document(r, c) for r, c in pairs]
    held = [(r, token_cache.vietnews_document(r, c)) for r, c in token_cache.load(corpus, validate)]
    y = [targets(r, "oracle") for r in records]
    model = LearnedSummarizer(max_iter=150, learning_rate=0.1)
    X = model.learn_features(train, abstract_words(corpus, start, docs, 2), y)
    rows = [features_and_similarities(d, model.terms_, model.lead_words_) for _, d in held]
    tfidf = TfidfVectorizer(analyzer=lambda x: x, min_df=5, max_df=0.5, sublinear_tf=True)
    svd = TruncatedSVD(LSA_DIMENSIONS, random_state=0).fit(tfidf.fit_transform([_terms(d.words) for d in train]))
    vectors = svd.components_.T * tfidf.idf_[:, None]
    lsa = np.vstack([lsa_features(d, tfidf.vocabulary_, vectors) for d in train])
    lsa_held = [lsa_features(d, tfidf.vocabulary_, vectors) for _, d in held]
    at, eligible_y = 0, []
    for r, d in zip(records, train):
        eligible_y.append(targets(r, "oracle", X[at:at + len(d.sentences), ELIGIBLE] > 0))
        at += len(d.sentences)

    def scored(predict, extra=None, redundancy=0.5) -> float:
        scorer, total = rouge.scorer(), 0.0
        for k, ((record, doc), (features, similarity)) in enumerate(zip(held, rows)):
            s = predict(features if extra is None else np.hstack([features, extra[k]]))
            lengths = {c.index: len(c.text) for c in candidates(doc, features[:, ELIGIBLE] > 0)}
            chosen = select(sorted(lengths, key=lambda i: -s[i]), lengths, Budget(sentences=3),
                            lambda i, taken: any(similarity[i, j] > redundancy for j in taken))
            summary = " ".join(record["sentences"][i] for i in chosen)
            total += rouge.f1_scores(scorer, record["abstract"], summary)["rouge2"]
        return total / len(held)

    shape = dict(max_leaf_nodes=model.max_leaf_nodes, max_depth=model.max_depth, early_stopping=False,
                 random_state=model.random_state)  # as LearnedSummarizer.fit_scorer fits it
    variants = {
        "the shipped shape: 150 trees at 0.1, 31 leaves, depth <= 8": (HistGradientBoostingRegressor, {}, X, y, None),
        "300 trees, 63 leaves, depth <= 10": (HistGradientBoostingRegressor,
                                              {"max_iter": 300, "max_leaf_nodes": 63, "max_depth": 10}, X, y, None),
        "log-loss classifier": (HistGradientBoostingClassifier, {}, X, y, None),
        "+ four LSA features": (HistGradientBoostingRegressor, {}, np.hstack([X, lsa]), y, lsa_held),
        "oracle among eligible sentences only": (HistGradientBoostingRegressor, {}, X, eligible_y, None),
    }
    print(f"# train {start}-{docs}, held-out train 0-{validate}: ROUGE-2 at 3 sentences, redundancy 0.3 / 0.5 / 0.7\n")
    print("| scorer | R2 |\n|---|---|")
    for name, (kind, settings, features, target, extra) in variants.items():
        classifier = kind is HistGradientBoostingClassifier
        goal = np.concatenate(target) > 0 if classifier else np.concatenate(target)
        fitted = kind(**{"max_iter": 150, "learning_rate": 0.1, **shape, **settings}).fit(features, goal)
        predict = (lambda A, m=fitted: m.predict_proba(A)[:, 1]) if classifier else fitted.predict
        figures = " / ".join(f"{scored(predict, extra, r):.2f}" for r in (0.3, 0.5, 0.7))
        print(f"| {name} | {figures} |", flush=True)

if __name__ == "__main__":
    typer.run(main)
