"""Tokenized corpora cached outside the repository, so a retrain does not re-tokenize.

The cache holds, per document, the output of :func:`nlp_service.text.tokens.tokenize_paragraph`
for every line of the whitespace-normalized text. Training then cleans each document
exactly as serving does and reads the surviving lines' tokens from the cache, so
changing the furniture rules needs no new tokenization; changing the tokenizer does
(its version is part of the cache key).

    python -m training.token_cache ../shared/data/vntc/train.jsonl.gz [--start 0] [--limit N] [--workers 2]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from itertools import islice
from multiprocessing import Pool
from pathlib import Path

import typer
from tqdm import tqdm

from nlp_service.text.clean import clean_text, normalize_whitespace
from nlp_service.text.tokens import TOKENIZER_VERSION, Document, Sentence, tokenize, tokenize_paragraph, tokenize_words
from training.corpora import read_jsonl, sha256_file

CHUNK = 5000  # records per cache file of a range: a long tokenization leaves usable pieces as it goes
CACHE_DIR = Path(os.environ.get("NLP_SERVICE_CACHE_DIR", Path.home() / ".cache" / "nlp_service"))


def _cache_path(corpus: Path, limit: int | None, start: int = 0) -> Path:
    digest = sha256_file(corpus)[:16]
    span = f"{start}-{limit or 'all'}" if start else f"{limit or 'all'}"
    name = f"{corpus.parent.name}-{corpus.name.split('.')[0]}-{digest}-{span}-tok{TOKENIZER_VERSION}.jsonl.gz"
    return CACHE_DIR / "tokens" / name


def _tokenize_record(record: dict, given_sentences: bool = True) -> dict:
    if given_sentences and "sentences" in record and "abstract" in record:  # vietnews: the corpus fixes the sentences
        return {"id": record["id"], "given": [list(tokenize_words(s)) for s in record["sentences"]],
                "title": list(tokenize_words(record["title"])) if record.get("title") else []}
    lines = normalize_whitespace(record["text"]).split("\n")
    return {"id": record["id"], "lines": {line: tokenize_paragraph(line) for line in lines}}


def build(corpus: Path, limit: int | None = None, workers: int = 2, start: int = 0) -> Path:
    """The cache of records ``start`` to ``limit`` of ``corpus``, tokenized now if it is missing."""
    path = _cache_path(corpus, limit, start)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    records = list(read_jsonl(corpus, limit, start))
    tmp = path.with_suffix(".part")
    with Pool(workers) as pool, gzip.open(tmp, "wt", encoding="utf-8") as out:
        for row in tqdm(pool.imap(_tokenize_record, records, chunksize=16), total=len(records), desc=corpus.parent.name):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path


def _chunks(corpus: Path, limit: int | None, workers: int, start: int) -> list[tuple[Path, int, int | None]]:
    """(cache, first row to read, end row) for records ``start`` to ``limit``: the whole corpus's cache if it
    exists, else that range's own, else caches of aligned CHUNK-record ranges, built one after another (each is
    usable as soon as it is written, and a later range reuses them)."""
    whole = _cache_path(corpus, None)
    if whole.exists():
        return [(whole, start, limit)]
    if limit is None or _cache_path(corpus, limit, start).exists():
        return [(build(corpus, limit, workers, start), 0, None)]
    firsts = range(start - start % CHUNK, limit, CHUNK)
    return [(build(corpus, first + CHUNK, workers, first), max(start - first, 0), min(limit - first, CHUNK))
            for first in firsts]


def _tokenize_as_served(record: dict) -> dict:
    return _tokenize_record(record, given_sentences=False)


def load_subset(corpus: Path, ids: set[str], workers: int = 2) -> list[tuple[dict, dict]]:
    """(record, tokens) for the records of ``corpus`` whose id is in ``ids``, tokenized as served."""
    key = hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:12]
    path = CACHE_DIR / "tokens" / f"{corpus.parent.name}-{corpus.name.split('.')[0]}-subset-{key}-tok{TOKENIZER_VERSION}.jsonl.gz"
    records = [r for r in read_jsonl(corpus) if r["id"] in ids]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with Pool(workers) as pool, gzip.open(tmp, "wt", encoding="utf-8") as out:
            for row in tqdm(pool.imap(_tokenize_as_served, records, chunksize=8), total=len(records), desc=corpus.parent.name):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        tmp.rename(path)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        cached = {row["id"]: row for row in map(json.loads, handle)}
    return [(r, cached[r["id"]]) for r in records]


def load(corpus: Path, limit: int | None = None, workers: int = 2, start: int = 0) -> list[tuple[dict, dict]]:
    """(record, cached tokens) pairs of records ``start`` to ``limit``, building their caches first if missing."""
    cached = []
    for path, first, end in _chunks(corpus, limit, workers, start):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            cached += [json.loads(line) for line in islice(handle, first, end)]
    records = list(read_jsonl(corpus, limit, start))
    if [r["id"] for r in records] != [c["id"] for c in cached]:
        raise ValueError(f"the token cache of {corpus} does not hold records {start}-{limit} in order: delete it")
    return list(zip(records, cached))


def document(record: dict, cached: dict) -> Document:
    """The Document serving would build for ``record``, from cached tokens."""
    lines = cached["lines"]
    return tokenize(clean_text(record["text"]), record.get("title"), paragraphs=lambda p: lines.get(p) or tokenize_paragraph(p))


def vietnews_document(record: dict, cached: dict) -> Document:
    """A Document over the vietnews corpus's own sentence split (one paragraph per sentence).

    The benchmark fixes the sentences a system may pick, so they are not re-split here.
    """
    sentences = [Sentence(i, text, tuple(words), i, 0)
                 for i, (text, words) in enumerate(zip(record["sentences"], cached["given"]))]
    return Document(text="\n".join(record["sentences"]), sentences=sentences,
                    title=record.get("title"), title_words=tuple(cached.get("title", ())))


def _corpus_words(segmented: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in segmented.split())


def _title_words(title: str, known: set[tuple[str, ...]]) -> tuple[str, ...]:
    """The title cut into the longest words (up to four syllables) that the body's segmentation also has."""
    syllables = re.findall(r"\w+|[^\w\s]", title)
    words, at = [], 0
    while at < len(syllables):
        size = next((n for n in range(4, 1, -1) if tuple(x.lower() for x in syllables[at:at + n]) in known), 1)
        words.append(" ".join(syllables[at:at + size]))
        at += size
    return tuple(words)


def segmented_document(record: dict) -> Document:
    """A Document over the vietnews sentence split with the corpus's own word segmentation instead of ours.

    Costs no tokenization, so training can read all of train; the words differ from underthesea's (about one
    term in ten, by set overlap on a few train articles), which is why held-out choices are scored on our
    tokens. The title, which the corpus leaves unsegmented, is cut into the body's words.
    """
    given = [_corpus_words(s) for s in record["sentences_segmented"]]
    known = {tuple(w.lower().split()) for words in given for w in words if " " in w}
    return vietnews_document(record, {"given": given, "title": _title_words(record.get("title") or "", known)})


def segmented_abstract(record: dict) -> tuple[str, ...]:
    """The abstract's words in the corpus's own segmentation."""
    return _corpus_words(record["abstract_segmented"])


def main(corpora: list[Path], limit: int = typer.Option(None), start: int = typer.Option(0),
         workers: int = typer.Option(2)) -> None:
    for corpus in corpora:
        print(*(path for path, _, _ in _chunks(corpus, limit, workers, start)))


if __name__ == "__main__":
    typer.run(main)
