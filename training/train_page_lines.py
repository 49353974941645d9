"""Train the page-line classifier (article / headline / furniture) and write models/page_lines/.

    python -m training.train_page_lines --data ../shared/data [--extra DIR] [--out models/page_lines] [--loso]

Labels come free from ``portal_pages`` (:mod:`training.page_data`). Each page is seen twice:
as HTML (with DOM features) and as the plain text a dump of it would be (DOM features NaN), so
one model serves both inputs. The first ``CORPUS_DOCS`` bodies of the vietnews and VNTC train
splits, and ``LONG_TEXTS`` texts of several following bodies run together, add plain-text pages
that are article from first line to last, so clean articles, long ones too, keep every line.
``--extra`` adds more pages of the same sites (``benchmarks.pages_extra``, read by path),
less the two fifths :func:`training.page_data.same_sites_pages` holds out for ``bench_pages``.
``--loso`` prints leave-one-site-out kept-text precision and recall on portal_pages first: each fold is
fitted without any page of the site it is scored on.
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
from training.page_data import Reference, label_blocks, read_pages, same_sites_pages

CORPUS_DOCS = 300  # per corpus: enough clean bodies to anchor "all article"; 1,000 kept 0.3% more VNTC lines but
# cost a fifth of the precision on plain-text dumps of pages of a site left out (benchmarks/bench_pages.py)
LONG_TEXTS = 40  # per corpus: long texts of several bodies each, up to about the 100,000 characters served
LONG_RUN = (2, 5, 10, 20, 40)  # bodies per long text, in turn
PARAMS = {"max_iter": 100, "learning_rate": 0.1, "max_leaf_nodes": 31}


def text_view(blocks: list[Block]) -> list[Block]:
    return [Block(b.text) for b in blocks]


def labelled_pages(pages: list[dict]) -> list[tuple[list[Block], np.ndarray]]:
    return [(blocks, label_blocks(blocks, Reference(p))) for p in pages
            for blocks in [html_blocks(p["page_html"], LEVELS)]]


def corpus_pages(data: Path) -> list[tuple[list[Block], np.ndarray]]:
    """Plain-text pages that are article from first line to last: ``CORPUS_DOCS`` bodies of each corpus alone,
    then ``LONG_TEXTS`` texts of the following bodies run together (``LONG_RUN`` at a time), so that the end of a
    long article is not read as a footer for being at the end."""
    out = []
    for name in ("vietnews", "vntc"):
        records = list(itertools.islice(read_pages([data / name / "train.jsonl.gz"]),
                                        CORPUS_DOCS + LONG_TEXTS * max(LONG_RUN)))
        texts = [r["text"] for r in records[:CORPUS_DOCS]]
        rest, runs = records[CORPUS_DOCS:], itertools.cycle(LONG_RUN)
        for _ in range(LONG_TEXTS):
            run = next(runs)
            texts.append("\n".join(r["text"] for r in rest[:run]))
            rest = rest[run:]
        for text in texts:
            blocks = text_blocks(text)
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


def leave_one_site_out(pages: list[dict], labelled, extra, more: list[dict] = (), more_labelled=()) -> dict[str, dict]:
    """Per site of ``pages``: the scores of a model fitted on every other site's pages (``more`` included)."""
    results = {}
    for site in sorted({p["site"] for p in pages}):
        train = [x for p, x in zip([*pages, *more], [*labelled, *more_labelled]) if p["site"] != site]
        held = [(p, x) for p, x in zip(pages, labelled) if p["site"] == site]
        model = fit(train, extra)
        results[site] = {view: score(model, [p for p, _ in held], [x for _, x in held], view) for view in ("html", "text")}
        typer.echo(f"{site}: {results[site]}")
    return results


def main(data: Path = typer.Option(DEFAULT_DATA, help="the shared data folder (portal_pages, vietnews, vntc)"),
         extra_pages: list[Path] = typer.Option([], "--extra", help="more pages of the same sites (*.jsonl.gz)"),
         out: Path = typer.Option(Path("models/page_lines"), help="model directory to write"),
         loso: bool = typer.Option(False, help="print leave-one-site-out scores before the final fit")) -> None:
    pages_file = data / "portal_pages" / "pages.jsonl.gz"
    pages = list(read_pages([pages_file]))
    more, held = same_sites_pages(extra_pages, pages)
    labelled, more_labelled = labelled_pages(pages), labelled_pages(more)
    extra = corpus_pages(data)
    files = sorted(f for p in extra_pages for f in (Path(p).glob("*.jsonl.gz") if Path(p).is_dir() else [Path(p)]))
    card = {"name": "page_lines", "version": "page-lines-v2", "method": "two-stage gradient-boosted line classifier",
            "labels": {str(FURNITURE): "furniture", str(ARTICLE): "article", str(HEADLINE): "headline"},
            "params": PARAMS, "levels": list(LEVELS),
            "data": {"portal_pages": {"file": str(pages_file.relative_to(data)), "sha256": sha256_file(pages_file),
                                      "pages": len(pages)},
                     "same_sites_pages": {"files": {f.name: sha256_file(f) for f in files}, "trained_on": len(more),
                                          "held_out": len(held),
                                          "sources": sorted({p["source"].rsplit(":", 1)[0] for p in more + held})},
                     "corpus_docs": {name: {"file": f"{name}/train.jsonl.gz", "first": CORPUS_DOCS,
                                            "long_texts": LONG_TEXTS, "bodies_per_long_text": list(LONG_RUN),
                                            "sha256": sha256_file(data / name / "train.jsonl.gz")}
                                     for name in ("vietnews", "vntc")}}}
    typer.echo(f"{len(pages)} portal pages, {len(more)} more pages of the same sites ({len(held)} held out)")
    if loso:
        card["metrics"] = {"leave_one_site_out": leave_one_site_out(pages, labelled, extra, more, more_labelled)}
    model = fit(labelled + more_labelled, extra)
    written = save_model(model, out, card)
    typer.echo(f"wrote {out} ({written['artifact']['bytes']} bytes)")

if __name__ == "__main__":
    typer.run(main)
