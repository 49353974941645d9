"""Does a change alter what the service answers? Compare `analyze` output of two revisions.

    python -m benchmarks.compare_outputs --ref 7234d32            # this tree against another revision
    python -m benchmarks.compare_outputs --write out.jsonl        # only write this tree's output
    python -m benchmarks.compare_outputs --against old.jsonl      # this tree against a saved output

The input is the first ``--docs`` documents of ``vietnews/test.jsonl.gz`` (text and title as given) and
every page in ``tests/fixtures/``; each line is ``Analyzer.analyze(..., all_scores=True)`` as JSON, less
``meta.elapsed_ms``. Scores may differ by ``--tolerance`` (floating-point summation order); everything
else must be equal. ``--ref`` checks the revision out into a temporary git worktree and runs this same
script there under its code, so a revision that predates the script can be compared too; it imports
nothing but ``nlp_service.Analyzer``, which every revision has.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def inputs(data: Path, docs: int):
    with gzip.open(data / "vietnews" / "test.jsonl.gz", "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i >= docs:
                break
            doc = json.loads(line)
            yield f"vietnews:{doc['id']}", doc["text"], doc.get("title")
    for path in sorted((ROOT / "tests" / "fixtures").iterdir()):
        yield f"fixture:{path.name}", path.read_text(encoding="utf-8"), None


def write(out: Path, data: Path, docs: int) -> int:
    from nlp_service import Analyzer

    analyzer = Analyzer.load()
    count = 0
    with open(out, "w", encoding="utf-8") as handle:
        for key, text, title in inputs(data, docs):
            try:
                result = analyzer.analyze(text, title=title, all_scores=True).model_dump(mode="json")
                result["meta"].pop("elapsed_ms", None)
            except Exception as exc:  # noqa: BLE001 - a refusal is an output too, and must match
                result = {"error": type(exc).__name__, "detail": str(exc)}
            handle.write(json.dumps({"key": key, "result": result}, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def differences(a, b, tolerance: float, path: str = ""):
    """Paths at which two JSON values differ; floats may differ by ``tolerance``."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(a.keys() | b.keys()):
            if key not in a or key not in b:
                yield f"{path}.{key} (only in {'new' if key not in a else 'old'})"
            else:
                yield from differences(a[key], b[key], tolerance, f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{path} (length {len(a)} vs {len(b)})"
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                yield from differences(x, y, tolerance, f"{path}[{i}]")
    elif isinstance(a, float) or isinstance(b, float):
        if not (isinstance(a, int | float) and isinstance(b, int | float)) or not math.isclose(a, b, abs_tol=tolerance):
            yield f"{path} ({a!r} vs {b!r})"
    elif a != b:
        yield f"{path} ({str(a)[:60]!r} vs {str(b)[:60]!r})"


def compare(old: Path, new: Path, tolerance: float) -> int:
    read = lambda p: [json.loads(line) for line in open(p, encoding="utf-8")]  # noqa: E731
    old_rows, new_rows = read(old), read(new)
    if [r["key"] for r in old_rows] != [r["key"] for r in new_rows]:
        print("the two runs read different documents")
        return 1
    differing = 0
    for o, n in zip(old_rows, new_rows):
        found = list(differences(o["result"], n["result"], tolerance))
        if found:
            differing += 1
            if differing <= 10:
                print(f"{o['key']}: {'; '.join(found[:3])}")
    print(f"{len(new_rows)} documents, {differing} with differences (tolerance {tolerance:g})")
    return 1 if differing else 0


def run_at(ref: str, out: Path, data: Path, docs: int) -> None:
    tree = Path(tempfile.mkdtemp(prefix="compare-")) / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), ref], check=True,
                   capture_output=True)
    try:
        env = dict(os.environ, PYTHONPATH=str(tree))
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--write", str(out), "--data", str(data),
                        "--docs", str(docs)], check=True, env=env, cwd=tree)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", help="git revision to compare this tree against")
    parser.add_argument("--against", type=Path, help="a saved output to compare this tree against")
    parser.add_argument("--write", type=Path, help="write this tree's output here and stop")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()
    if args.write:
        print(f"{write(args.write, args.data, args.docs)} documents written to {args.write}")
        return
    scratch = Path(tempfile.mkdtemp(prefix="compare-"))
    old = args.against
    if old is None:
        if not args.ref:
            parser.error("give --ref, --against or --write")
        old = scratch / "old.jsonl"
        run_at(args.ref, old, args.data, args.docs)
    new = scratch / "new.jsonl"
    write(new, args.data, args.docs)
    sys.exit(compare(old, new, args.tolerance))


if __name__ == "__main__":
    main()
