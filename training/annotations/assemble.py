"""Gather annotators' label files into ``topics.jsonl`` (ids and labels only) with its split.

    python -m training.annotations.assemble LABEL_FILES... [--reannotation FILE]

The split is a hash of corpus and id, fixed once and for all: 30% test (never used for any
choice), 20% dev (thresholds, regularisation), 50% train.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from nlp_service.labels import TOPIC_IDS
from nlp_service.splits import hash_bucket

HERE = Path(__file__).resolve().parent


def split_of(corpus: str, doc_id: str) -> str:
    bucket = hash_bucket(f"{corpus}:{doc_id}", 10)
    return "test" if bucket < 3 else "dev" if bucket < 5 else "train"


def _rows(paths: list[Path]) -> list[dict]:
    rows, seen = [], set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            key = (row["corpus"], row["id"])
            unknown = [t for t in row["topics"] if t not in TOPIC_IDS]
            if unknown or key in seen or len(set(row["topics"])) != len(row["topics"]):
                raise SystemExit(f"{path}: bad or repeated row {key}: {unknown}")
            seen.add(key)
            rows.append({"corpus": row["corpus"], "id": row["id"], "topics": row["topics"], "note": row.get("note", "")})
    return rows


def main(labels: list[Path], reannotation: Path = typer.Option(None)) -> None:
    rows = _rows(labels)
    with open(HERE / "topics.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            row["split"] = split_of(row["corpus"], row["id"])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} annotated articles")
    if reannotation:
        again = _rows([reannotation])
        with open(HERE / "reannotation.jsonl", "w", encoding="utf-8") as out:
            for row in again:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(again)} re-annotated articles")


if __name__ == "__main__":
    typer.run(main)
