"""Reading the shared corpora by path: records, file hashes, section label mappings."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

# VNTC folder names to the section ids of TAXONOMY.md.
VNTC_SECTIONS = {
    "Chinh tri Xa hoi": "chinh_tri_xa_hoi",
    "Doi song": "doi_song",
    "Khoa hoc": "khoa_hoc",
    "Kinh doanh": "kinh_doanh",
    "Phap luat": "phap_luat",
    "Suc khoe": "suc_khoe",
    "The gioi": "the_gioi",
    "The thao": "the_thao",
    "Van hoa": "van_hoa",
    "Vi tinh": "vi_tinh",
}

# The file of each corpus, under the shared data folder, that topic annotations point into (by corpus and id).
ANNOTATED_CORPORA = {
    "vietnews": "vietnews/train.jsonl.gz",
    "vntc": "vntc/train.jsonl.gz",
    "unc_dantri": "unc_dantri/all.jsonl.gz",
    "vnexpress_2024": "vnexpress_2024/all.jsonl.gz",
}


def read_jsonl(path: Path, limit: int | None = None, start: int = 0) -> Iterator[dict]:
    """Records ``start`` to ``limit`` (a line index, not a count; None: to the end) of a gzipped JSON-lines file."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in islice(handle, start, limit):
            yield json.loads(line)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def modern_section(record: dict, corpus: str, mappings: dict) -> str | None:
    """Section id of a modern-set record under ``section_mappings.json``, or None if dropped."""
    spec = mappings[corpus]
    if corpus == "vnexpress_2024" and record.get("sub_label") in spec.get("except_sub_label", {}):
        return spec["except_sub_label"][record["sub_label"]]
    return spec["map"].get(record["label"])
