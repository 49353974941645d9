"""Held-out pages of the portal_pages sites, from a local mirror of their repository (never committed).

    python -m benchmarks.pages_extra GIT_DIR OUT.jsonl.gz SITE

Reads every ``index.html`` of the mirror's HEAD (``git show``) that is not in ``portal_pages``, and takes
``article_text`` from ``table#tableforprint``'s justified cells as ``portal_pages/README.md`` describes
(paragraphs separated by blank lines); pages whose own body (less a "TIN ĐÃ ĐƯA" list of related stories
printed inside the cell) is under 400 characters or a PDF link, or whose body was seen before, are left out.
``bench_pages.py --extra DIR`` reads the files this writes.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import lxml.html

from nlp_service.text.clean import html_to_text, normalize_whitespace
from training.corpora import DEFAULT_DATA
from training.page_data import reference_paragraphs

MIN_BODY = 400  # the portal_pages README's own cut


def article_of(raw: str) -> tuple[str, str] | None:
    try:
        root = lxml.html.document_fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return None
    table = root.xpath('//table[@id="tableforprint"]')
    if not table:
        return None
    title = table[0].xpath('.//p[contains(@class,"Title")]')
    justify = 'contains(translate(@style,"JUSTIFY","justify"),"justify")'
    cells = table[0].xpath(f".//td[{justify} and not(ancestor::td[{justify}])]")
    if not title or not cells:
        return None
    parts = [normalize_whitespace(html_to_text(lxml.html.tostring(td, encoding="unicode"))[0]) for td in cells]
    body = "\n\n".join(p.replace("\n", "\n\n") for p in parts if p)
    return normalize_whitespace(title[0].text_content()), body


def main(git_dir: Path, out: Path, site: str) -> None:
    with gzip.open(DEFAULT_DATA / "portal_pages" / "pages.jsonl.gz", "rt", encoding="utf-8") as handle:
        known = {json.loads(line)["id"] for line in handle}
    git = ["git", "-C", str(git_dir)]
    commit = subprocess.check_output([*git, "rev-parse", "HEAD"], text=True).strip()
    paths = subprocess.check_output([*git, "ls-tree", "-r", "--name-only", "HEAD"], text=True).split("\n")
    seen, written = set(), 0
    with gzip.open(out, "wt", encoding="utf-8") as sink:
        for path in (p for p in paths if p.endswith("index.html") and p not in known):
            raw = subprocess.run([*git, "show", f"HEAD:{path}"], capture_output=True).stdout.decode("utf-8", "replace")
            found = article_of(raw)
            own = "\n".join(reference_paragraphs(found[1])) if found is not None else ""  # less related stories
            if found is None or len(own) < MIN_BODY or own.lower().endswith(".pdf") or found[1][:200] in seen:
                continue
            seen.add(found[1][:200])
            sink.write(json.dumps({"id": path, "source": f"{git_dir}@{commit}:{path}", "site": site, "title": found[0],
                                   "page_html": raw, "article_text": found[1]}, ensure_ascii=False) + "\n")
            written += 1
    print(f"{site}: {written} pages", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
