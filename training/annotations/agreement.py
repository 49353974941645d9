"""Per-topic agreement between the annotation and a second reading of some of its articles (Cohen's kappa).

    python -m training.annotations.agreement                                   # the blind re-annotation of r1
    python -m training.annotations.agreement --second second_reading_r6.jsonl  # the r6 second reading
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from sklearn.metrics import cohen_kappa_score

from nlp_service.labels import TOPIC_IDS

HERE = Path(__file__).resolve().parent


def _read(path: Path) -> dict:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(r["corpus"], r["id"]): set(r["topics"]) for r in rows}


def main(second_file: Path = typer.Option(HERE / "reannotation.jsonl", "--second",
                                          help="the second reading; a bare name is looked up in this folder")) -> None:
    path = second_file if second_file.exists() else HERE / second_file
    first, second = _read(HERE / "topics.jsonl"), _read(path)
    keys = sorted(second)
    print(f"{len(keys)} articles labelled twice; exact same topic set on "
          f"{sum(first[k] == second[k] for k in keys)} of them")
    print("| topic | first | second | both | Cohen's kappa |")
    print("|---|---:|---:|---:|---:|")
    kappas = []
    for topic in TOPIC_IDS:
        a = [int(topic in first[k]) for k in keys]
        b = [int(topic in second[k]) for k in keys]
        kappa = cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else float("nan")
        kappas.append(kappa)
        both = sum(x and y for x, y in zip(a, b))
        print(f"| {topic} | {sum(a)} | {sum(b)} | {both} | {kappa:.2f} |")
    valid = [k for k in kappas if k == k]
    print(f"| mean | | | | {sum(valid) / len(valid):.2f} |")


if __name__ == "__main__":
    typer.run(main)
