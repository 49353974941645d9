"""Train the learned summarizer on vietnews train and write ``models/summarizer/`` with its card.

    python -m training.train_summarizer --data ../shared/data/vietnews [--start 2000 --docs 9000] [--validate 2000]

Targets come from each article's reference (``abstract``, the lead the newspaper wrote):
``oracle``, membership in the greedy ROUGE-2 oracle of up to three sentences, ``oracle_order``
(graded by the order the oracle takes them, for the ranker) or ``rouge``, the mean of a sentence's
ROUGE-1 and ROUGE-2 F1 against it. Scorers: ``regressor`` (scikit-learn's histogram gradient
boosting on the target) or ``ranker`` (LightGBM lambdarank, :mod:`nlp_service.summarize.learned.ranker`).
Training reads train documents START to DOCS in the corpus's own word segmentation (no tokenizing:
on this machine underthesea does about ten articles a second); every scorer and redundancy setting
is scored on train documents 0 to V, outside that range, and the best (ROUGE-2 at three sentences)
is the model written. Train 35,000-40,000 and vietnews test are the evaluation's
(:mod:`training.eval_summarizer`); nothing here reads them.
"""

from __future__ import annotations

import gzip
import json
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np
import typer

from nlp_service.artifacts import save_model
from nlp_service.summarize.budget import Budget
from nlp_service.summarize.learned.features import FEATURES
from nlp_service.summarize.learned.model import LearnedSummarizer
from nlp_service.summarize.learned.ranker import RankedSummarizer
from nlp_service.text.tokens import TOKENIZER_VERSION, Document, tokenize_words
from training import rouge, token_cache
from training.corpora import read_jsonl, sha256_file

ROOT = Path(__file__).resolve().parent.parent
REDUNDANCY = (0.3, 0.5, 0.7, 1.01)  # 1.01: no redundancy control at all
# Held-out comparisons behind fixed choices (ROUGE-2 at three sentences, last 2,000 of the first 12,000 train
# docs, redundancy 0.5): rerun with --docs 12000 --validate 2000 --targets rouge --targets oracle.
HELD_OUT_COMPARISON = {
    "target rouge, 21 features": 15.30,
    "target oracle, 21 features": 16.28,
    "target oracle, 27 features (+ earlier/lead cosines, length, commas, title syllable pairs)": 16.48,
    "target oracle + 0.5 rouge, 27 features": 16.37,
    "target oracle, 27 features, 600 trees": 16.35,
    "target oracle, 27 features, first 5,000 docs only": 16.52,
    "the same, all 10,000": 16.45,
    "+ lead words (sublinear tf), 300 trees at 0.05": 16.63,
    "+ lead words (binary tf), 300 trees at 0.05": 16.70,
    "+ lead words (binary tf), 150 trees at 0.1 (shipped: half the trees to walk per article)": 16.62,
}


def abstract_words(corpus: Path, start: int, end: int, workers: int) -> list[tuple[str, ...]]:
    """Our words of the abstracts of records ``start`` to ``end``, from a cache of the whole corpus's abstracts."""
    path = token_cache.CACHE_DIR / "tokens" / (
        f"{corpus.parent.name}-{corpus.name.split('.')[0]}-{sha256_file(corpus)[:16]}-abstracts-tok{TOKENIZER_VERSION}"
        ".json.gz")
    if not path.exists():
        with Pool(workers) as pool:
            words = pool.map(tokenize_words, [r["abstract"] for r in read_jsonl(corpus)], chunksize=64)
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path.with_suffix(".part"), "wt", encoding="utf-8") as handle:
            json.dump([list(w) for w in words], handle, ensure_ascii=False)
        path.with_suffix(".part").rename(path)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [tuple(w) for w in json.load(handle)[start:end]]


def targets(record: dict, kind: str, allowed: np.ndarray | None = None) -> np.ndarray:
    """Per-sentence targets of one article; ``allowed`` limits the oracle to those sentences (what serving may pick)."""
    reference = rouge.tokens(record["abstract"])
    sentences = [rouge.tokens(s) for s in record["sentences"]]
    pool = [i for i in range(len(sentences)) if allowed is None or allowed[i]] or list(range(len(sentences)))[:1]
    if kind == "rouge":
        return np.array([(rouge.ngram_f1(reference, s, 1) + rouge.ngram_f1(reference, s, 2)) / 2 for s in sentences])
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < 3:  # greedy oracle: add the sentence that raises ROUGE-2 most, stop when none does
        gains = [
            (rouge.ngram_f1(reference, [t for j in sorted(chosen + [i]) for t in sentences[j]], 2), i)
            for i in pool
            if i not in chosen
        ]
        if not gains or max(gains)[0] <= best:
            break
        best, pick = max(gains)
        chosen.append(pick)
    if kind == "oracle_order":  # graded for a ranker: the sentence the oracle takes first grades 3
        return np.array([3.0 - chosen.index(i) if i in chosen else 0.0 for i in range(len(sentences))])
    return np.array([1.0 if i in chosen else 0.0 for i in range(len(sentences))])


def score(model: LearnedSummarizer, pairs: list[tuple[dict, Document]], k: int) -> dict[str, float]:
    scorer = rouge.scorer()
    totals = dict.fromkeys(rouge.METRICS, 0.0)
    for record, doc in pairs:
        chosen = model.summarize(doc, Budget(sentences=k))
        result = rouge.f1_scores(scorer, record["abstract"], " ".join(record["sentences"][s.index] for s in chosen))
        for metric in rouge.METRICS:
            totals[metric] += result[metric] / len(pairs)
    return totals


def make(scorer: str, trees: int, learning_rate: float, redundancy: float = 0.5) -> LearnedSummarizer:
    """A summarizer for ``scorer`` = "KIND/TARGET": KIND regressor or ranker, TARGET as :func:`targets`."""
    kind = scorer.split("/")[0]
    model_class = {"regressor": LearnedSummarizer, "ranker": RankedSummarizer}[kind]
    return model_class(max_iter=trees, learning_rate=learning_rate, redundancy=redundancy)


def main(
    data: Path = typer.Option(..., help="the vietnews folder (../shared/data/vietnews)"),
    start: int = typer.Option(5000, help="train on documents START to DOCS of train.jsonl.gz"),
    docs: int = typer.Option(35000, help="the end of the training range (35,000-40,000 are the evaluation's)"),
    words: str = typer.Option("corpus", help="training documents' words: corpus (its own segmentation, no "
                                             "tokenizing) or ours (underthesea, from the token cache)"),
    validate: int = typer.Option(5000, help="choose scorer and redundancy on train documents 0 to V, in the same "
                                            "words (0: no choice, the first --scorer)"),
    scorers: list[str] = typer.Option(["regressor/oracle", "ranker/oracle", "ranker/oracle_order"], "--scorer",
                                      help="KIND/TARGET: KIND regressor or ranker, TARGET as targets()"),
    redundancy: float = typer.Option(0.5, help="cosine above which a sentence repeats a chosen one (when not "
                                               "validating)"),
    trees: int = typer.Option(150, help="boosting iterations"),
    learning_rate: float = typer.Option(0.1),
    out: Path = typer.Option(ROOT / "models" / "summarizer"),
    workers: int = typer.Option(2),
) -> None:
    from training.eval_summarizer import SLICES

    if any(split == "train" and first < docs and start < end for split, first, end in SLICES.values()):
        raise typer.BadParameter(f"train documents {start}-{docs} reach into an evaluation slice")
    if validate > start:
        raise typer.BadParameter("the validation documents 0 to V must lie before the training range")
    corpus, test_path = data / "train.jsonl.gz", data / "test.jsonl.gz"
    if words == "corpus":
        records = list(read_jsonl(corpus, docs, start))
        train_docs = [token_cache.segmented_document(r) for r in records]
        references = [token_cache.segmented_abstract(r) for r in records]
    else:
        pairs = token_cache.load(corpus, limit=docs, workers=workers, start=start)
        records, train_docs = [r for r, _ in pairs], [token_cache.vietnews_document(r, c) for r, c in pairs]
        references = abstract_words(corpus, start, docs, workers)
    sizes = [len(d.sentences) for d in train_docs]
    print(f"# train documents {start}-{docs} of {corpus} ({words} words)", flush=True)
    started = time.perf_counter()
    if words == "corpus":
        held = [(r, token_cache.segmented_document(r)) for r in read_jsonl(corpus, validate)]
    else:
        held = [(r, token_cache.vietnews_document(r, c)) for r, c in token_cache.load(corpus, validate, workers)]
    fitted, matrices, validation = {}, {}, []
    for scorer in scorers if validate else scorers[:1]:
        target = scorer.split("/")[1]
        y = [targets(r, target) for r in records]
        model = make(scorer, trees, learning_rate, redundancy)
        support = "oracle" if target.startswith("oracle") else target  # lead words learn y > 0: the same set
        if support not in matrices:
            matrices[support] = model.learn_features(train_docs, references, y), model.terms_, model.lead_words_
        X, model.terms_, model.lead_words_ = matrices[support]
        model.features_ = FEATURES
        fitted[scorer] = model.fit_scorer(X, np.concatenate(y), sizes)
        for limit in REDUNDANCY if validate else ():
            model.redundancy = limit
            row = {"scorer": scorer, "redundancy": limit, **score(model, held, 3)}
            validation.append(row)
            print(f"held-out train 0-{validate}: {scorer} redundancy={limit}: R1 {row['rouge1']:.2f} "
                  f"R2 {row['rouge2']:.2f} RL {row['rougeL']:.2f} ({time.perf_counter() - started:.0f}s)", flush=True)
    if validate:
        best = max(validation, key=lambda r: r["rouge2"])
        scorer, redundancy = best["scorer"], best["redundancy"]
        print(f"chosen on held-out train: {scorer}, redundancy={redundancy}")
    model = fitted[scorer]
    model.redundancy = redundancy
    target = scorer.split("/")[1]
    card = {
        "name": "summarizer",
        "version": f"{scorer.split('/')[0]}-{time.strftime('%Y%m%d')}",
        "method": ("LambdaMART sentence ranker (LightGBM lambdarank, flattened trees)" if isinstance(
            model, RankedSummarizer) else "histogram gradient-boosted sentence scorer (scikit-learn)")
        + " + budgeted selection with redundancy control",
        "features": list(FEATURES),
        "scorer": scorer,
        "target": target,
        "redundancy": redundancy,
        "parameters": {
            k: getattr(model, k) for k in ("max_iter", "learning_rate", "max_leaf_nodes", "max_depth", "min_df")
        },
        "data": {
            "train": {"path": "vietnews/train.jsonl.gz", "sha256": sha256_file(corpus), "documents": len(records),
                      "range": [start, docs], "words": words, "validation_range": [0, validate]},
            "test": {"path": "vietnews/test.jsonl.gz", "sha256": sha256_file(test_path)},
        },
        "tokenizer_version": TOKENIZER_VERSION,
        "metrics": {"held_out_train": validation, "held_out_comparison_12k": HELD_OUT_COMPARISON},
        "scoring": "ROUGE F1 per document as shared/data/vietnews/README.md defines it (training/rouge.py); "
                   "the evaluation slices: python -m training.eval_summarizer",
    }
    card = save_model(model, out, card)
    print(f"wrote {out} ({card['artifact']['bytes'] / 1e6:.1f} MB)")


if __name__ == "__main__":
    typer.run(main)
