"""Choose the articles to annotate for topics, reproducibly, and write reading batches.

For each topic, the articles whose text uses the codebook's wording most (counted in the
title and first 1,500 characters, where an article states its subject) are taken from each
corpus, modern sets first for recent themes; then a seeded random sample of all corpora
adds negatives and the positives the wording misses. The candidate list (corpus and id
only) is written to ``candidates_<round>.jsonl``; the reading batches with text go outside the
repository (``--batches``), because corpus text is never committed.

    python -m training.annotations.select_candidates --batches /tmp/annot
    python -m training.annotations.select_candidates --round r2 --only thi_dua_khen_thuong \
        --only cai_cach_hanh_chinh --only chuyen_doi_so --per-topic 130 --min-hits 3 --random-count 0
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import typer

from nlp_service.labels import TOPICS
from nlp_service.text.clean import model_text
from training.corpora import ANNOTATED_CORPORA, DEFAULT_DATA, read_jsonl

HERE = Path(__file__).resolve().parent
SEED = 20261128
HEAD_CHARS = 1500  # the lead of a news article names its subject; the tail drifts


def _head(record: dict) -> str:
    return model_text(((record.get("title") or "") + "\n" + record["text"])[:HEAD_CHARS]).lower()


def main(
    data: Path = typer.Option(DEFAULT_DATA),
    per_topic: int = typer.Option(80, help="wording-retrieved candidates per topic"),
    random_count: int = typer.Option(340, help="random candidates for negatives and missed positives"),
    batches: Path = typer.Option(None, help="folder for reading batches (outside the repo)"),
    batch_size: int = typer.Option(110),
    only: list[str] = typer.Option(None, help="topic ids to retrieve for (default: all twelve)"),
    min_hits: int = typer.Option(2, help="wording occurrences an article needs to be retrieved"),
    round_name: str = typer.Option("r1", "--round", help="names the candidate file; earlier rounds are excluded"),
) -> None:
    rng = random.Random(f"{SEED}-{round_name}")
    earlier = set()
    for path in HERE.glob("candidates_*.jsonl"):
        if path.stem != f"candidates_{round_name}":
            earlier |= {(r["corpus"], r["id"]) for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    records = {corpus: list(read_jsonl(data / path)) for corpus, path in ANNOTATED_CORPORA.items()}
    heads = {(corpus, row["id"]): _head(row) for corpus, rows in records.items() for row in rows}
    chosen: dict[tuple[str, str], dict] = {}
    for topic in TOPICS:
        if only and topic.id not in only:
            continue
        wording = [model_text(w).lower() for w in topic.wording]
        scored = []
        for corpus, rows in records.items():
            for row in rows:
                head = heads[(corpus, row["id"])]
                hits = sum(head.count(w) for w in wording)
                if hits >= min_hits and (corpus, row["id"]) not in earlier:
                    # Modern sets first: they hold the recent themes (chuyển đổi số) and are scarce.
                    weight = 1.5 if corpus in ("unc_dantri", "vnexpress_2024") else 1.0
                    scored.append((hits * weight + rng.random(), corpus, row))
        scored.sort(key=lambda item: -item[0])
        pool = scored[: per_topic * 3]
        rng.shuffle(pool)  # spread over the strongest matches rather than the few longest
        taken = 0
        for _, corpus, row in pool:
            if taken >= per_topic:
                break
            if (corpus, row["id"]) not in chosen:
                chosen[(corpus, row["id"])] = row
                taken += 1
    everything = [(corpus, row) for corpus, rows in records.items() for row in rows]
    target = len(chosen) + random_count
    while len(chosen) < target:
        corpus, row = rng.choice(everything)
        if (corpus, row["id"]) not in earlier:
            chosen.setdefault((corpus, row["id"]), row)
    keys = sorted(chosen)
    rng.shuffle(keys)
    with open(HERE / f"candidates_{round_name}.jsonl", "w", encoding="utf-8") as out:
        for corpus, doc_id in keys:
            out.write(json.dumps({"corpus": corpus, "id": doc_id}, ensure_ascii=False) + "\n")
    print(f"{len(keys)} candidates")
    if batches:
        batches.mkdir(parents=True, exist_ok=True)
        for b in range(0, len(keys), batch_size):
            with open(batches / f"{round_name}_batch_{b // batch_size:02d}.jsonl", "w", encoding="utf-8") as out:
                for corpus, doc_id in keys[b : b + batch_size]:
                    row = chosen[(corpus, doc_id)]
                    out.write(json.dumps({"corpus": corpus, "id": doc_id, "title": row.get("title"),
                                          "text": row["text"][:2500]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    typer.run(main)
