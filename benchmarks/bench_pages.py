"""Whole scraped portal pages: is what the service keeps the article, and only the article?

    .venv/bin/python -m benchmarks.bench_pages --data ../shared/data [--extra /tmp/pages_extra] [--corpus-docs 2000]
    .venv/bin/python -m benchmarks.bench_pages --corpus-only --corpus-split train --corpus-from 6000 --corpus-docs 6000

For every page of ``portal_pages`` (and of the held-out share of ``--extra``: more pages of the same portals,
read by path, never committed; see :func:`training.page_data.same_sites_pages`), each method turns the whole
page into kept lines and a headline:

- ``rules``: today's lxml walk and hand line rules (``clean_page`` without a classifier);
- ``trafilatura`` (favor_precision and favor_recall), ``justext`` (Vietnamese stop list), ``readability``;
- ``classifier``: the page-line classifier, leave-one-site-out on ``portal_pages`` (fitted here, one
  fold per site, without any page of that site, the training share of ``--extra`` included) and the shipped
  model on the held-out share of ``--extra``; ``+rules`` also runs
  the line rules over what it keeps;
- ``dump rules`` / ``dump classifier``: the same page as a plain-text dump (its visible lines), as
  editors paste it.

Per site and overall it prints kept-line precision (kept lines that are article or headline), paragraph
recall (reference paragraphs found in what is kept), headline found, pages refused, and the share of the
3-sentence learned summary's sentences that come from the article or its headline. The ``service`` rows
run the whole Analyzer on the raw page (what the API does: limits, classifier, summary) and also give
how often section and topics on the page equal those on the article text (sent with its title).
Then, on the first ``--corpus-docs`` test bodies of vietnews and VNTC, the share of article lines kept; lines
that list related stories (a headline and its date in parentheses) are counted apart, as they are not article,
and so are the heading above such a list and a "Xem tiếp" link under it (the share counting them is printed too).
"""

from __future__ import annotations

import argparse
import copy
import itertools
import os
import platform
import re
import tempfile
import sys
import time
from collections import defaultdict
from pathlib import Path

import justext
import readability
import trafilatura

from nlp_service.artifacts import save_model
from nlp_service.errors import NlpServiceError
from nlp_service.pipeline import Analyzer
from nlp_service.settings import Settings
from nlp_service.summarize.budget import Budget
from nlp_service.text.clean import clean_page, html_to_text, looks_like_html, normalize_whitespace
from nlp_service.text.extract import read_page
from nlp_service.text.furniture import opens_related, strip_furniture
from nlp_service.text.page_blocks import normalize_line, text_blocks
from nlp_service.text.page_features import ends_on_date
from nlp_service.text.page_lines import PageLines
from nlp_service.text.tokens import tokenize
from training.page_data import Reference, read_pages, same_sites_pages
from training.train_page_lines import corpus_pages, fit, labelled_pages

STOPLIST = justext.get_stoplist("Vietnamese")
TODAY_MAX_CHARS = 100_000  # the raw-size limit every page met before this change


def _lines(text: str | None) -> list[str]:
    return normalize_whitespace(text or "").split("\n") if text else []


def by_rules(raw):
    text, title = clean_page(raw)
    return _lines(text), title


def by_trafilatura(raw, **how):
    doc = trafilatura.bare_extraction(raw, with_metadata=True, **how)
    return (_lines(doc.text), doc.title) if doc is not None else ([], None)


def by_justext(raw):
    return [p.text for p in justext.justext(raw, STOPLIST) if not p.is_boilerplate], None


def by_readability(raw):
    doc = readability.Document(raw)
    return _lines(html_to_text(doc.summary())[0]), doc.short_title()


def by_classifier(model, html=True, rules=False):
    def run(raw):
        read = read_page(raw, model, html)
        lines, title = read if read is not None else ([], None)
        return (_lines(strip_furniture("\n".join(lines))) if rules else lines), title
    return run


def served(classifier, directory: Path) -> PageLines:
    """A fold's classifier as the service loads one: saved with its card, then read back."""
    save_model(classifier, directory, {"name": "page_lines", "version": f"fold-{directory.name}"})
    return PageLines.from_dir(directory)


def dump_of(raw: str) -> str:
    return normalize_whitespace(html_to_text(raw)[0])


class Tally:
    def __init__(self):
        self.n = defaultdict(float)

    def add(self, **values):
        for k, v in values.items():
            self.n[k] += v

    def row(self) -> str:
        n = self.n
        share = lambda a, b: f"{n[a] / n[b]:.3f}" if n[b] else "-"  # noqa: E731
        return (f"{int(n['pages']):>5} | {share('good', 'kept')} | {share('found', 'paragraphs')} | "
                f"{share('headline', 'pages')} | {int(n['refused'])} | {share('from_article', 'sentences')} | "
                f"{share('same_section', 'compared')} | {share('same_topics', 'compared')}")


def summary_share(analyzer: Analyzer, ref: Reference, lines: list[str], title: str | None) -> tuple[int, int]:
    if not lines:
        return 0, 0
    doc = tokenize("\n".join(lines), title)
    chosen = analyzer.summarizers[analyzer.default_method].summarize(doc, Budget(sentences=3))
    good = sum(normalize_line(s.text) in ref.whole or normalize_line(s.text) in ref.title for s in chosen)
    return good, len(chosen)


def measure(tally: Tally, analyzer: Analyzer, page: dict, lines, title, refused: bool) -> None:
    ref = Reference(page)
    good, kept, found, paragraphs = ref.precision_recall(lines, title)
    from_article, sentences = (0, 0) if refused else summary_share(analyzer, ref, lines, title)
    tally.add(pages=1, good=good, kept=kept, found=found, paragraphs=paragraphs, refused=refused,
              headline=normalize_line(title or "") == ref.title, from_article=from_article, sentences=sentences)


def service(tally: Tally, analyzer: Analyzer, page: dict) -> None:
    """The whole Analyzer on the raw page, and section/topics against the article text with its title."""
    ref = Reference(page)
    try:
        result = analyzer.analyze(page["page_html"])
    except NlpServiceError:
        tally.add(pages=1, refused=1)
        return
    on_text = analyzer.analyze(page["article_text"], title=page["title"])
    sentences = result.summary.sentences
    tally.add(pages=1, sentences=len(sentences), compared=1, same_section=result.section.id == on_text.section.id,
              headline=normalize_line(result.meta.title or "") == ref.title,
              same_topics={t.id for t in result.topics} == {t.id for t in on_text.topics},
              from_article=sum(normalize_line(s.text) in ref.whole or normalize_line(s.text) in ref.title
                               for s in sentences))


def visible_lines(raw: str) -> list[str]:
    """The lines a reader sees: a body that is markup (some VNTC bodies are) counts its text, not its tags."""
    return _lines(dump_of(raw)) if looks_like_html(raw) else [b.text for b in text_blocks(raw)]


def related_story(line: str) -> bool:
    """Another story's headline with its date in parentheses ("Headline(04/03/2004)"), as some VNTC bodies end:
    a list of related stories, sidebar furniture rather than an article line."""
    return ends_on_date(line)


_MORE_LINK = re.compile(r"^(xem tiếp|xem thêm|đọc tiếp|các tin khác)\W*$", re.I)


def list_furniture(lines: list[str]) -> set[int]:
    """The lines that frame a list of related stories without being one: the heading just above its first dated
    headline ("TIN LIÊN QUAN") and a "Xem tiếp" link just under one of them."""
    out = set()
    for i, line in enumerate(lines):
        after = lines[i + 1:i + 3]
        if opens_related(line) and any(map(related_story, after)):
            out.add(i)
        elif _MORE_LINK.match(line) and i > 0 and related_story(lines[i - 1]):
            out.add(i)
    return out


def lines_kept(reader, records) -> tuple[int, int, int, int, int, int]:
    """(article lines kept, article lines, related-story lines kept, related-story lines, list-furniture lines kept,
    list-furniture lines). Article lines exclude both kinds."""
    kept = total = related_kept = related = framing_kept = framing = 0
    for record in records:
        lines = visible_lines(record["text"])
        text, title = clean_page(record["text"], reader)
        body = set(text.split("\n")) | {title}
        frames = list_furniture(lines)
        for i, line in enumerate(lines):
            if related_story(line):
                related += 1
                related_kept += line in body
            elif i in frames:
                framing += 1
                framing_kept += line in body
            else:
                total += 1
                kept += line in body
    return kept, total, related_kept, related, framing_kept, framing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="more pages of the same sites (*.jsonl.gz or a folder of them), as given to training")
    parser.add_argument("--model", type=Path, default=None, help="page-line model for --extra (default: shipped)")
    parser.add_argument("--corpus-docs", type=int, default=2000)
    parser.add_argument("--corpus-split", default="test", help="split of the corpus bodies (train: slices unused "
                                                               "by training, e.g. --corpus-from 6000)")
    parser.add_argument("--corpus-from", type=int, default=0, help="first corpus body counted")
    parser.add_argument("--corpus-only", action="store_true", help="only the corpus bodies' lines kept")
    args = parser.parse_args()
    started = time.perf_counter()
    analyzer = Analyzer.load(settings=Settings())
    if args.corpus_only:
        corpus_lines(args, analyzer)
        return
    pages = list(read_pages([args.data / "portal_pages" / "pages.jsonl.gz"]))
    more, extra = same_sites_pages(args.extra, pages)  # extra: the held-out share, never trained on
    labelled = labelled_pages(pages + more)
    positives = corpus_pages(args.data)
    shipped = PageLines.from_dir(args.model if args.model else analyzer.page_lines.directory)
    scratch = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    folds = {site: served(fit([x for p, x in zip(pages + more, labelled) if p["site"] != site], positives),
                          scratch / site)
             for site in sorted({p["site"] for p in pages})}
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    seconds: dict[str, float] = defaultdict(float)
    for split, group in (("portal_pages (leave one site out)", pages), ("extra (held out)", extra)):
        for number, page in enumerate(group, 1):
            print(f"{split}: page {number}/{len(group)} {len(page['page_html']):,} bytes, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
            model = folds[page["site"]] if group is pages else shipped
            raw = page["page_html"]
            methods = {
                "rules (today)": by_rules, "trafilatura precision": lambda r: by_trafilatura(r, favor_precision=True),
                "trafilatura recall": lambda r: by_trafilatura(r, favor_recall=True), "justext": by_justext,
                "readability": by_readability, "classifier": by_classifier(model.classifier),
                "classifier +rules": by_classifier(model.classifier, rules=True),
            }
            for name, method in methods.items():
                clock = time.perf_counter()
                lines, title = method(raw)
                seconds[name] += time.perf_counter() - clock
                refused = name == "rules (today)" and len(raw) > TODAY_MAX_CHARS
                for site in (page["site"], "all"):
                    measure(tallies[(split, name, site)], analyzer, page, lines, title, refused)
            dump = dump_of(raw)
            dumped = (("dump rules", by_rules), ("dump classifier", by_classifier(model.classifier, html=False)))
            for name, method in dumped:
                lines, title = method(dump)
                for site in (page["site"], "all"):
                    measure(tallies[(split, name, site)], analyzer, page, lines, title, False)
            fold = copy.copy(analyzer)
            fold.page_lines = model
            for site in (page["site"], "all"):
                service(tallies[(split, "service (whole Analyzer)", site)], fold, page)
    print(f"python {platform.python_version()}, trafilatura {trafilatura.__version__}")
    print("split | method | site | pages | precision | recall | headline | refused | summary from article | "
          "same section | same topics")
    for (split, name, site), tally in sorted(tallies.items(), key=lambda kv: (kv[0][0], kv[0][2] != "all", kv[0][2])):
        print(f"{split} | {name} | {site} | {tally.row()}")
    total = len(pages) + len(extra)
    print("ms per page (same run): " + ", ".join(f"{k} {1000 * v / total:.0f}" for k, v in seconds.items()))
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f} on "
          f"{os.cpu_count()} cores")
    corpus_lines(args, analyzer)
    print(f"elapsed {time.perf_counter() - started:.0f} s")


def corpus_lines(args, analyzer) -> None:
    """Article lines kept on ``--corpus-docs`` bodies of each corpus's ``--corpus-split`` from ``--corpus-from``."""
    start, split = args.corpus_from, args.corpus_split
    for corpus in ("vietnews", "vntc"):
        records = list(itertools.islice(read_pages([args.data / corpus / f"{split}.jsonl.gz"]), start,
                                        start + args.corpus_docs))
        where = (f"first {len(records)} {split} bodies" if start == 0 else
                 f"{split} bodies {start:,}-{start + len(records):,}")
        for name, reader in (("rules (today)", None), ("classifier (shipped)", analyzer.page_lines.classifier)):
            kept, total, related_kept, related, framing_kept, framing = lines_kept(reader, records)
            print(f"{corpus} {where} | {name} | article lines kept {kept}/{total} = {kept / total:.4f} | "
                  f"related-story lines kept {related_kept}/{related} | their headings and more-links kept "
                  f"{framing_kept}/{framing} | counting those as article {kept + framing_kept}/{total + framing} = "
                  f"{(kept + framing_kept) / (total + framing):.4f}", flush=True)


if __name__ == "__main__":
    main()
