"""Train the page-line classifier (article / headline / furniture) and write models/page_lines/.

    python -m training.train_page_lines --data ../shared/data [--out models/page_lines] [--loso]

Labels come free from ``portal_pages`` (:mod:`training.page_data`). Each page is seen twice:
as HTML (with DOM features) and as the plain text a dump of it would be (DOM features NaN), so
one model serves both inputs. The first ``CORPUS_DOCS`` bodies of the vietnews and VNTC train
splits add plain-text pages that are article from first line to last, so clean articles keep
every line. ``--loso`` prints leave-one-site-out kept-text precision and recall first.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import typer

from nlp_service.artifacts import save_model
from nlp_service.text.page_blocks import Block, html_blocks, text_blocks
from nlp_service.text.page_features import LEVELS
from nlp_service.text.page_lines import ARTICLE, FURNITURE, HEADLINE, PageLineClassifier
from training.corpora import DEFAULT_DATA, sha256_file
from training.page_data import Reference, label_blocks, read_pages

CORPUS_DOCS = 300  # per corpus: enough clean bodies to anchor "all article", few enough to train in a minute
PARAMS = {"max_iter": 100, "learning_rate": 0.1, "max_leaf_nodes": 31}


def text_view(blocks: list[Block]) -> list[Block]:
    return [Block(b.text) for b in blocks]


def labelled_pages(pages: list[dict]) -> list[tuple[list[Block], np.ndarray]]:
    return [(blocks, label_blocks(blocks, Reference(p))) for p in pages
            for blocks in [html_blocks(p["page_html"], LEVELS)]]


def corpus_pages(data: Path) -> list[tuple[list[Block], np.ndarray]]:
    out = []
    for name in ("vietnews", "vntc"):
        for record in itertools.islice(read_pages([data / name / "train.jsonl.gz"]), CORPUS_DOCS):
            blocks = text_blocks(record["text"])
            out.append((blocks, np.full(len(blocks), ARTICLE)))
    return out


def fit(labelled: list[tuple[list[Block], np.ndarray]], extra: list[tuple[list[Block], np.ndarray]],
        **params) -> PageLineClassifier:
    pages = [b for b, _ in labelled] + [text_view(b) for b, _ in labelled] + [b for b, _ in extra]
    labels = [y for _, y in labelled] * 2 + [y for _, y in extra]
    return PageLineClassifier(**{**PARAMS, **params}).fit(pages, labels)


def score(model: PageLineClassifier, pages: list[dict], labelled, view: str) -> dict:
    """Pooled kept-line precision and paragraph recall, and headline accuracy, over ``pages``."""
    good = kept = found = paragraphs = heads = 0
    for page, (blocks, _) in zip(pages, labelled):
        blocks = blocks if view == "html" else text_view(blocks)
        reading = model.read(blocks)
        title = blocks[reading.headline].text if reading.headline is not None else None
        ref = Reference(page)
        g, k, f, n = ref.precision_recall([blocks[i].text for i in reading.article], title)
        good, kept, found, paragraphs, heads = good + g, kept + k, found + f, paragraphs + n, heads + (title == ref.title)
    return {"precision": round(good / max(kept, 1), 4), "recall": round(found / max(paragraphs, 1), 4),
            "headline": round(heads / max(len(pages), 1), 4), "pages": len(pages)}


def leave_one_site_out(pages: list[dict], labelled, extra) -> dict[str, dict]:
    results = {}
    for site in sorted({p["site"] for p in pages}):
        train = [x for p, x in zip(pages, labelled) if p["site"] != site]
        held = [(p, x) for p, x in zip(pages, labelled) if p["site"] == site]
        model = fit(train, extra)
        results[site] = {view: score(model, [p for p, _ in held], [x for _, x in held], view) for view in ("html", "text")}
        typer.echo(f"{site}: {results[site]}")
    return results


def main(data: Path = typer.Option(DEFAULT_DATA, help="the shared data folder (portal_pages, vietnews, vntc)"),
         out: Path = typer.Option(Path("models/page_lines"), help="model directory to write"),
         loso: bool = typer.Option(False, help="print leave-one-site-out scores before the final fit")) -> None:
    pages_file = data / "portal_pages" / "pages.jsonl.gz"
    pages = list(read_pages([pages_file]))
    labelled = labelled_pages(pages)
    extra = corpus_pages(data)
    card = {"name": "page_lines", "version": "page-lines-v1", "method": "two-stage gradient-boosted line classifier",
            "labels": {str(FURNITURE): "furniture", str(ARTICLE): "article", str(HEADLINE): "headline"},
            "params": PARAMS, "levels": list(LEVELS),
            "data": {"portal_pages": {"file": str(pages_file.relative_to(data)), "sha256": sha256_file(pages_file),
                                      "pages": len(pages)},
                     "corpus_docs": {name: {"file": f"{name}/train.jsonl.gz", "first": CORPUS_DOCS,
                                            "sha256": sha256_file(data / name / "train.jsonl.gz")}
                                     for name in ("vietnews", "vntc")}}}
    if loso:
        card["metrics"] = {"leave_one_site_out": leave_one_site_out(pages, labelled, extra)}
    model = fit(labelled, extra)
    written = save_model(model, out, card)
    typer.echo(f"wrote {out} ({written['artifact']['bytes']} bytes)")


if __name__ == "__main__":
    typer.run(main)
