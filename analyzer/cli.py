"""Command-line interface: a thin layer over the library."""
from __future__ import annotations

import csv
import functools
import io
import os
import signal
import sys
import time
from pathlib import Path

import click

from . import __version__
from .analyze import NoIngredientsError, analyze_text
from .knowledge import KnowledgeBase, KnowledgeBaseError, load_knowledge
from .parse import parse_text
from .batch import DEFAULT_PATTERNS, DEFAULT_TIMEOUT, collect_files, run_batch, summarize
from .report import CSV_FIELDS, csv_row, ranked, render_parsed, render_table, render_text, to_json


def kb_option(func):
    @click.option(
        "--kb",
        "kb_path",
        type=click.Path(dir_okay=False),
        help="A YAML file that extends or overrides the built-in ingredients.yaml.",
    )
    @functools.wraps(func)
    def wrapper(*args, kb_path=None, **kwargs):
        try:
            kwargs["kb"] = load_knowledge(kb_path)
        except KnowledgeBaseError as exc:
            raise click.ClickException(str(exc)) from None
        return func(*args, **kwargs)

    return wrapper


def format_option(*choices: str, default: str = "text"):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def fuzzy_option(func):
    return click.option(
        "--no-fuzzy", is_flag=True, help="Only exact names, aliases and family rules; no typo-tolerant matching."
    )(func)


def input_options(func):
    func = click.option(
        "--file",
        "file",
        type=click.Path(exists=True, dir_okay=False, allow_dash=True),
        help="Read the list from a file ('-' for standard input).",
    )(func)
    return click.argument("text", nargs=-1)(func)


def emit(fmt: str, result, render) -> None:
    """Print a result as JSON (its to_dict()) or as the text `render` makes."""
    click.echo(to_json(result.to_dict()) if fmt == "json" else render(result))


def read_input(text: tuple[str, ...], file: str | None) -> str:
    """Arguments, --file, or standard input (no arguments, or '-')."""
    if file is not None:
        if text:
            raise click.UsageError("give the list either as arguments or with --file, not both")
        if file == "-":
            return _read_stdin()
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise click.ClickException(f"cannot read {file}: {exc.strerror or exc}") from None
        return _decode(data, file)
    if not text or text == ("-",):
        return _read_stdin()
    return " ".join(text)


def _read_stdin() -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise click.UsageError("no ingredient list: pass it as an argument, with --file, or on standard input")
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    return _decode(data, "standard input")


def _decode(data: bytes, source: str) -> str:
    from .source import BinaryInputError, decode_bytes

    try:
        return decode_bytes(data)[0]
    except BinaryInputError as exc:
        raise click.ClickException(f"{source}: {exc}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="analyzer")
def cli():
    """Find the actives that matter for firm skin in cosmetic ingredient (INCI)
    lists and score how relevant a product is for firming, with the reasons."""


@cli.command()
@input_options
@format_option("text", "json")
@fuzzy_option
@kb_option
def score(text, file, fmt, no_fuzzy, kb: KnowledgeBase):
    """Score a pasted ingredient list.

    The list comes from the arguments, from --file, or from standard input
    (no arguments, or '-'). Put '--' before a list that starts with '-'.

    Example:

    \b
        analyzer score "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Tocopherol"
        pbpaste | analyzer score --format json
    """
    source = read_input(text, file)
    try:
        analysis = analyze_text(source, kb, fuzzy=not no_fuzzy)
    except NoIngredientsError:
        raise click.ClickException(
            "no ingredient list found in the input (expected names separated by commas, "
            "semicolons or new lines, e.g. \"Aqua, Glycerin, Retinol\")"
        ) from None
    emit(fmt, analysis, lambda a: render_text(a, kb))


@cli.command()
@input_options
@format_option("text", "json")
def parse(text, file, fmt):
    """Show how a pasted list is read: one ingredient per line, in order.

    Example:

    \b
        analyzer parse "Ingredients: Aqua/Water/Eau, Glycerin, Niacinamide 10%"
    """
    source = read_input(text, file)
    parsed = parse_text(source)
    if not parsed:
        raise click.ClickException("no ingredient list found in the input")
    if fmt == "json":
        click.echo(
            to_json(
                {
                    "lists": [lst.to_dict() for lst in parsed.lists],
                    "ingredients": [i.to_dict() for i in parsed.ingredients],
                }
            )
        )
    else:
        click.echo(render_parsed(parsed))


@cli.command()
@click.argument("name", nargs=-1, required=True)
@format_option("text", "json")
@fuzzy_option
@kb_option
def explain(name, fmt, no_fuzzy, kb):
    """Explain one ingredient: category, what it does for firm skin, evidence
    weight and why, cautions and other names.

    Any INCI name, common, trade or foreign name, or misspelling works. For
    unknown names the nearest known actives are listed as suggestions; the
    exit code is then 1.

    Example:

    \b
        analyzer explain Matrixyl 3000
        analyzer explain "acide hyaluronique" --format json
    """
    from .explain import explain as run
    from .report import render_explanation

    query = " ".join(name).strip()
    if not query:
        raise click.UsageError("give an ingredient name, e.g. analyzer explain Retinol")
    result = run(query, kb, fuzzy=not no_fuzzy)
    emit(fmt, result, render_explanation)
    if not result.found and not result.ordinary:
        sys.exit(1)


@cli.command()
@click.argument("products", nargs=-1, required=True)
@format_option("text", "json")
@fuzzy_option
@kb_option
def compare(products, fmt, no_fuzzy, kb):
    """Compare products side by side: scores, shared and missing actives with
    their positions, ingredient overlap and a plain verdict.

    Each PRODUCT is a saved page, a .txt list, or a pasted list in quotes. The
    first one is the reference the others are compared with.

    Example:

    \b
        analyzer compare examples/firming-serum.txt examples/pages/peptide-retinol-serum.html
        analyzer compare "Aqua, Retinol, Glycerin" "Aqua, Glycerin, Retinol"
    """
    from .compare import CompareInputError
    from .compare import compare as run
    from .report import render_comparison

    if len(products) < 2:
        raise click.UsageError("give at least two products to compare")
    for product in products:
        if os.path.isdir(product):
            raise click.BadParameter(f"{product} is a folder; give a page, a .txt file or a pasted list", param_hint="PRODUCTS")
    try:
        result = run(list(products), kb, fuzzy=not no_fuzzy)
    except CompareInputError as exc:
        if "no such file" in str(exc):
            raise click.BadParameter(str(exc), param_hint="PRODUCTS") from None
        raise click.ClickException(str(exc)) from None
    emit(fmt, result, render_comparison)


@cli.command()
@click.argument("devset", type=click.Path(exists=True, dir_okay=False))
@click.option("--typos", is_flag=True, help="Misspell every labelled active once before matching.")
@click.option("--seed", default=7, show_default=True, help="Random seed for --typos.")
@click.option("--show-errors", is_flag=True, help="List every missed category and false positive.")
@format_option("text", "json")
@fuzzy_option
@kb_option
def evaluate(devset, typos, seed, show_errors, fmt, no_fuzzy, kb):
    """Per-category precision and recall over a labelled set (JSON lines).

    Example:

    \b
        analyzer evaluate tests/data/devset.jsonl --typos
    """
    from .evaluate import LabelledSetError
    from .evaluate import evaluate as run

    try:
        result = run(devset, kb, typos=typos, seed=seed, fuzzy=not no_fuzzy)
    except LabelledSetError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(to_json(result.to_dict()))
        return
    click.echo(f"{result.rows} lists{' with typos' if typos else ''}")
    click.echo(f"{'category':<16} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for category, s in sorted(result.per_category.items()):
        click.echo(f"{category:<16} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>9.3f} {s.recall:>7.3f}")
    tp = sum(s.tp for s in result.per_category.values())
    fp = sum(s.fp for s in result.per_category.values())
    fn = sum(s.fn for s in result.per_category.values())
    click.echo(f"{'all':<16} {tp:>4} {fp:>4} {fn:>4} {tp / max(1, tp + fp):>9.3f} {tp / max(1, tp + fn):>7.3f}")
    click.echo(
        f"labelled active names recognised one by one: {result.names_found}/{result.names} "
        f"(recall {result.name_recall:.3f})"
    )
    if result.skipped:
        click.echo(f"not labelled in this set, so not measured: {', '.join(result.skipped)}")
    if show_errors:
        for error in result.errors:
            click.echo(f"  {error['id']}: {error['category']} {error['error']}")
        for name in result.names_missed:
            click.echo(f"  name not recognised: {name}")


class _Progress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self, total: int):
        self.total = total
        self.enabled = sys.stderr.isatty()
        self.counts = {"ok": 0, "no_ingredients": 0, "error": 0}
        self.start = time.monotonic()

    def update(self, record: dict) -> None:
        self.counts[record["status"]] = self.counts.get(record["status"], 0) + 1
        if not self.enabled:
            return
        done = sum(self.counts.values())
        width = 24
        filled = int(width * done / max(1, self.total))
        rate = done / max(1e-9, time.monotonic() - self.start)
        line = (
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}  ok {self.counts['ok']}  "
            f"no list {self.counts['no_ingredients']}  errors {self.counts['error']}  {rate:.0f}/s "
        )
        sys.stderr.write(line)
        sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 100 + "\r")
            sys.stderr.flush()


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _check_writable(option: str, path: Path) -> None:
    """Fail before the run, not after it, when the output cannot be written."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise click.BadParameter(f"{path} is a folder", param_hint=option)
    if not parent.is_dir():
        raise click.BadParameter(f"folder {parent} does not exist", param_hint=option)
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise click.BadParameter(f"{path} is not writable", param_hint=option)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _csv_text(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for rank, record in enumerate(ranked(records), 1):
        writer.writerow(csv_row(record, rank))
    return buffer.getvalue()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--glob",
    "globs",
    multiple=True,
    help="File name pattern to read inside folders (repeatable). Default: *.html *.htm *.xhtml *.txt",
)
@format_option("table", "csv", "json", "jsonl", default="table")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the results to FILE.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=None, help="Worker processes (default: CPU count; 0 = no workers).")
@click.option("--timeout", type=click.FloatRange(1), default=DEFAULT_TIMEOUT, show_default=True, help="Seconds allowed per file.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True), help="Also write a self-contained HTML report.")
@fuzzy_option
@click.option("--kb", "kb_path", type=click.Path(dir_okay=False), help="A YAML file that extends or overrides the built-in ingredients.yaml.")
def batch(paths, globs, fmt, output, jobs, timeout, report_path, no_fuzzy, kb_path):
    """Score saved product pages (and .txt lists) in files and folders.

    Folders are searched recursively. Every file gets a record: status "ok"
    with its score, "no_ingredients" with the reason, or "error" with the
    message; one bad file never stops the run. JSONL and CSV written to a file
    are streamed as results come in, so an interrupted run keeps every
    finished result. Exit code 0 when the run completed, whatever the files
    held; 2 for usage errors; 130 when interrupted.

    Example:

    \b
        analyzer batch pages/ --format csv --output ranking.csv
        analyzer batch shop1/ shop2/product.html --jobs 4 --report report.html
    """
    for option, target in (("--output", output), ("--report", report_path)):
        if target:
            _check_writable(option, Path(target))
    try:
        files = collect_files(paths, globs or DEFAULT_PATTERNS)
    except FileNotFoundError as exc:
        raise click.BadParameter(f"no such file or folder: {exc}", param_hint="PATHS") from None
    # Never read our own output back in as a product (a second run in place).
    own = {os.path.abspath(t) for t in (output, report_path) if t}
    files = [f for f in files if os.path.abspath(f) not in own]
    if not files:
        patterns = " ".join(globs or DEFAULT_PATTERNS)
        raise click.UsageError(f"no files matching {patterns} in {', '.join(paths)}")
    try:
        load_knowledge(kb_path)
    except KnowledgeBaseError as exc:
        raise click.ClickException(str(exc)) from None

    out_path = Path(output) if output else None
    stream = open(out_path, "w", encoding="utf-8", newline="") if out_path and fmt in ("jsonl", "csv") else None
    csv_stream = None
    if stream is not None and fmt == "csv":
        csv_stream = csv.DictWriter(stream, fieldnames=CSV_FIELDS, lineterminator="\n")
        csv_stream.writeheader()
    records: list[dict] = []
    progress = _Progress(len(files))
    started = time.monotonic()
    interrupted = False
    # SIGTERM/SIGHUP (kill, a cancelled job) end the run like Ctrl-C: workers
    # are stopped and finished results written, instead of orphaned workers.
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            previous[name] = signal.signal(getattr(signal, name), _raise_interrupt)
    try:
        for record in run_batch(files, jobs=jobs, kb_path=kb_path, fuzzy=not no_fuzzy, timeout=timeout):
            records.append(record)
            if fmt == "jsonl":
                line = to_json(record, indent=None)
                if stream is not None:
                    stream.write(line + "\n")
                    stream.flush()
                else:
                    progress.finish()
                    click.echo(line)
            elif csv_stream is not None:
                csv_stream.writerow(csv_row(record))
                stream.flush()
            progress.update(record)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
        progress.finish()
        if stream is not None:
            stream.close()
        _finish_batch(records, fmt, out_path, report_path)
        click.echo(summarize(records, time.monotonic() - started) + (" (interrupted)" if interrupted else ""), err=True)
    if interrupted:
        sys.exit(130)


def _finish_batch(records: list[dict], fmt: str, out_path: Path | None, report_path: str | None) -> None:
    """Whatever happened, write what was computed (JSONL was already streamed)."""
    render = {
        "csv": _csv_text,  # a streamed CSV file is rewritten ranked
        "json": lambda rs: to_json(rs) + "\n",
        "table": lambda rs: render_table(rs) + "\n",
    }.get(fmt)
    if render is not None:
        text = render(records)
        if out_path is not None:
            _write_atomic(out_path, text)
        else:
            click.echo(text, nl=False)
    if report_path:
        from .report_html import render_report

        _write_atomic(Path(report_path), render_report(records))
        click.echo(f"report written to {report_path}", err=True)


def main():
    cli(prog_name="analyzer")
