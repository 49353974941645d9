"""The ``nlp-service`` command: serve the API, analyze a file or a JSONL batch, export editor corrections."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from nlp_service.errors import NlpServiceError
from nlp_service.settings import get_settings
from nlp_service.summarize import registry

app = typer.Typer(help="Vietnamese article analysis: section, topics, summary.", no_args_is_help=True)
err = Console(stderr=True, soft_wrap=True)  # messages stay whole lines (grep, logs)


def _version(value: bool) -> None:
    if value:
        from nlp_service import __version__

        typer.echo(f"nlp-service {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="print the version and exit")) -> None:
    """Vietnamese article analysis: section, topics, summary."""


# The summarizers' registry names; the registry module imports no model code, so --help stays quick.
SummaryMethod = Enum("SummaryMethod", {name: name for name in registry.NAMES}, type=str)


@app.command()
def serve(
    host: str = typer.Option(None, help="address to bind (default NLP_SERVICE_HOST, 127.0.0.1)"),
    port: int = typer.Option(None, help="port (default NLP_SERVICE_PORT, 8000)"),
    workers: int = typer.Option(1, help="server processes; each loads the models once"),
) -> None:
    """Run the HTTP API with uvicorn; logs are JSON lines on standard error, one per request."""
    settings = get_settings()
    _check_models(settings)  # first, before the API's imports: a bad model directory stops serve in a second or two

    import uvicorn

    from nlp_service.api.auth import ApiKeys, is_loopback
    from nlp_service.api.observability import log_config

    host = host or settings.host
    try:
        keys = ApiKeys(settings.api_keys.get_secret_value() if settings.api_keys else None)
    except NlpServiceError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    if not keys and not is_loopback(host):
        err.print(f"[red]refusing to serve on {host} without API keys:[/red] set NLP_SERVICE_API_KEYS="
                  "KEY:editor,KEY:reader, or bind a loopback address such as 127.0.0.1")
        raise typer.Exit(2)
    uvicorn.run(
        "nlp_service.api.app:create_app",
        factory=True,
        host=host,
        port=port or settings.port,
        workers=workers,
        log_level=settings.log_level,
        log_config=log_config(settings.log_level),
        http="nlp_service.api.protocol:ProblemH11Protocol",
        # Forwarded headers are read by the app itself (NLP_SERVICE_TRUSTED_PROXIES), against the real peer.
        proxy_headers=False,
    )


def _check_models(settings) -> None:
    """Verify every model directory before binding: a missing or corrupt one stops ``serve`` at once with its
    reason, rather than a service whose /readyz answers 503 forever. (Loading itself stays in the background.)"""
    from nlp_service.artifacts import check_model_dirs

    try:
        check_model_dirs(settings=settings)
    except NlpServiceError as exc:
        err.print(f"[red]cannot serve, a model directory is unusable:[/red] {exc}")
        raise typer.Exit(2) from exc


def _load():
    from nlp_service.pipeline import Analyzer

    try:
        return Analyzer.load()
    except NlpServiceError as exc:
        err.print(f"[red]cannot load the models:[/red] {exc}")
        raise typer.Exit(2) from exc


@app.command()
def analyze(
    file: str = typer.Argument("-", help="a text or HTML file; - reads standard input"),
    title: str = typer.Option(None, help="the headline, if known"),
    sentences: int = typer.Option(None, min=1, help="sentences in the summary (default 3)"),
    ratio: float = typer.Option(None, min=0.0, max=1.0, help="or: share of the sentences in the summary"),
    max_chars: int = typer.Option(None, min=1, help="or: most characters of the summary"),
    method: SummaryMethod = typer.Option(None, help=f"summarizer: {registry.described()}"),
    as_json: bool = typer.Option(False, "--json", help="print the full result as JSON"),
    all_scores: bool = typer.Option(False, "--all-scores", help="include every topic's score"),
) -> None:
    """Analyze one article and print its section, topics and summary."""
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]cannot read {file}:[/red] {exc}")
        raise typer.Exit(2) from exc
    analyzer = _load()
    try:
        result = analyzer.analyze(text, title, sentences, all_scores, summary_ratio=ratio, summary_max_chars=max_chars,
                                  summary_method=method.value if method else None)
    except NlpServiceError as exc:
        err.print(f"[red]{exc.title}:[/red] {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    out = Console()
    out.print(f"[bold]Section[/bold]: {result.section.name} ({result.section.id}, {result.section.score:.2f})")
    out.print("[bold]Topics[/bold]:" + ("" if result.topics else " none"))
    for t in result.topics:
        out.print(f"  {t.name} ({t.id}, {t.score:.2f}) ← {', '.join(t.evidence)}")
    if result.all_scores:
        out.print("[bold]All topic scores[/bold]: " + ", ".join(f"{k} {v:.2f}" for k, v in result.all_scores.items()))
    out.print(f"[bold]Summary[/bold] ({result.summary.method}, {result.summary.budget}):")
    for s in result.summary.sentences:
        out.print(f"  [{s.index}] {s.text}")


@app.command()
def batch(
    source: Path = typer.Argument(..., help="JSONL in: one {\"text\", \"title\"?, \"id\"?} per line"),
    target: Path = typer.Argument(..., help="JSONL out: one result (or error) per input line, in input order"),
    sentences: int = typer.Option(None, min=1, help="sentences in each summary (default 3)"),
    ratio: float = typer.Option(None, min=0.0, max=1.0, help="or: share of the sentences in each summary"),
    max_chars: int = typer.Option(None, min=1, help="or: most characters of each summary"),
    method: SummaryMethod = typer.Option(None, help=f"summarizer: {registry.described()}"),
    jobs: int = typer.Option(1, min=1, help="worker processes, each loading the models once"),
    dask: str = typer.Option(None, help="run on this Dask scheduler instead (tcp://HOST:8786)"),
    resume: bool = typer.Option(False, "--resume", help="keep OUT and skip lines whose id (else line number) it has"),
) -> None:
    """Analyze a JSONL file, streaming; a bad line gets an error record and a message, and the run goes on."""
    from concurrent.futures.process import BrokenProcessPool

    from tqdm import tqdm

    from nlp_service import batch as batches
    from nlp_service.summarize.budget import Budget

    settings = get_settings()
    try:
        Budget.of(sentences, ratio, max_chars, most_sentences=settings.max_summary_sentences)
        with open(source, encoding="utf-8") as handle:
            total = sum(1 for _ in handle)  # a streaming pass: the limit and the progress bar's length
    except NlpServiceError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]cannot read {source}:[/red] {exc}")
        raise typer.Exit(2) from exc
    if total > settings.batch_max_items:
        err.print(f"[red]{total:,} lines; the limit is {settings.batch_max_items:,} (NLP_SERVICE_BATCH_MAX_ITEMS)[/red]")
        raise typer.Exit(2)
    options = batches.BatchOptions(sentences, ratio, max_chars, method.value if method else None)
    done = batches.done_keys(target) if resume else set()
    analyzed = failed = 0
    try:
        with open(source, encoding="utf-8") as handle, open(target, "a" if resume else "w", encoding="utf-8") as out, \
                tqdm(total=total, desc="articles", unit="line") as bar:
            lines = batches.numbered(handle, done)
            if dask:
                from nlp_service.distributed import run_on_cluster

                outcomes = run_on_cluster(dask, lines, options, settings)
            else:
                outcomes = batches.run(lines, options, settings, jobs, _load() if jobs == 1 else None)
            position = 0
            for outcome in outcomes:
                out.write(outcome.json + "\n")
                bar.update(outcome.line - position)
                position = outcome.line
                if outcome.error is None:
                    analyzed += 1
                else:
                    failed += 1
                    bar.write(f"line {outcome.line}: {outcome.error}", file=sys.stderr)  # above the bar, not in it
            bar.update(total - position)
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]stopped at a read or write error:[/red] {exc}; --resume continues from what was written")
        raise typer.Exit(2) from exc
    except (NlpServiceError, BrokenProcessPool) as exc:
        err.print(f"[red]cannot load the models:[/red] {exc}")
        raise typer.Exit(2) from exc
    skipped = f", {len(done)} already in {target}" if resume else ""
    err.print(f"{analyzed} analyzed, {failed} failed{skipped} -> {target}")
    if failed and not analyzed:
        raise typer.Exit(1)


train = typer.Typer(help="Train models from your own data.", no_args_is_help=True)
app.add_typer(train, name="train")


@train.command("topics")
def train_topics(
    # "\\[" keeps rich's markup from taking "[id, ...]" for a style tag and dropping it from --help.
    data: Path = typer.Option(..., help='JSONL, one {"text": str, "topics": \\[id, ...]} per line; lines '
                                        '{"topic": id, "name": str, "description": str} name the topics'),
    out: Path = typer.Option(..., help="model directory to write (serve it with NLP_SERVICE_TOPICS_MODEL=DIR)"),
) -> None:
    """Train a topic tagger for your own taxonomy with the shipped model's pipeline; prints held-out scores."""
    from tqdm import tqdm

    from nlp_service.topics.train import train_from_jsonl

    try:
        card = train_from_jsonl(data, out, progress=lambda rows: tqdm(rows, desc="tokenizing", unit="doc"))
    except NlpServiceError as exc:
        err.print(f"[red]{exc.title}:[/red] {exc}")
        raise typer.Exit(2) from exc
    err.print(f"trained {len(card['labels'])} topics on {card['data']['train']} documents -> {out} "
              f"(version {card['version']})", markup=False)
    held_out = card["metrics"]["held_out"]
    out_console = Console(soft_wrap=True)
    out_console.print(f"held-out scores ({held_out['documents_scored']} documents; "
                      f"{card['metrics']['held_out_method']}):", markup=False)
    out_console.print(f"{'topic':<28} {'name':<32} {'threshold':>9} {'precision':>9} {'recall':>7} {'f1':>6} "
                      f"{'support':>7}", markup=False)
    for label in card["labels"]:
        t = label["id"]
        s = held_out["per_topic"].get(t)
        scores = (f"{s['precision']:>9.2f} {s['recall']:>7.2f} {s['f1']:>6.2f} {s['support']:>7}" if s
                  else f"{'-':>9} {'-':>7} {'-':>6} {'-':>7}")
        out_console.print(f"{t:<28} {label['name']:<32} {card['thresholds'][t]:>9.2f} {scores}", markup=False)


@app.command("export-corrections")
def export_corrections(
    target: Path = typer.Argument(..., help="JSONL out: one {\"text\", \"topics\", ...} line per corrected article"),
) -> None:
    """Write the articles whose topics editors corrected, as topic-training lines (for `train topics --data`)."""
    from nlp_service.store import ArticleStore
    from nlp_service.store.engine import SQLITE_FILE

    settings = get_settings()
    sqlite = Path(settings.data_dir).expanduser() / SQLITE_FILE
    if not settings.database_url and not sqlite.is_file():
        # Reading a store must not make one: a run from another directory would export nothing and say so quietly.
        err.print(f"[red]no article store at {sqlite.resolve()}:[/red] NLP_SERVICE_DATA_DIR ({settings.data_dir}) "
                  "is read from the working directory; run this where the service runs, or set it (or "
                  "NLP_SERVICE_DATABASE_URL)", markup=True)
        raise typer.Exit(2)
    try:
        store = ArticleStore.open(settings)
    except NlpServiceError as exc:
        err.print(f"[red]cannot open the article store:[/red] {exc}")
        raise typer.Exit(2) from exc
    written, partial = 0, None
    target = target.resolve()
    try:
        # Written beside the target and renamed into place: a failed export leaves no half file.
        fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for example in store.corrected_examples():
                out.write(json.dumps(example, ensure_ascii=False) + "\n")
                written += 1
        os.replace(partial, target)
    except (OSError, NlpServiceError) as exc:
        if partial and os.path.exists(partial):
            os.unlink(partial)
        err.print(f"[red]cannot export to {target}:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    err.print(f"{written} corrected articles -> {target}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
