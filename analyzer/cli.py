"""Command-line interface: a thin click layer over the library."""
from __future__ import annotations

import functools
import os
import signal
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import AnalyzerError, KnowledgeBaseError, SourceError
from .knowledge import load_knowledge

EXIT_FAIL_UNDER = 3
EXIT_INTERRUPTED = 130


# -- shared options -----------------------------------------------------------


def kb_option(func):
    """--kb FILE, loaded into `kb` (a broken file is a one-line error, exit 1)."""

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
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True, help="Output format."
    )


def fuzzy_option(func):
    return click.option(
        "--no-fuzzy", is_flag=True, help="Only exact names, aliases and family rules; no typo-tolerant matching."
    )(func)


TYPE_CHOICES = ("leave_on", "rinse_off", "wash_off_mask", "sheet_mask", "oral")  # as in product_type.TYPES


def type_option(func):
    return click.option(
        "--type",
        "product_type",
        type=click.Choice(TYPE_CHOICES),
        help="How the product is used, instead of what its name and list suggest "
        "(actives count 1x leave-on, 0.5x sheet mask, 0.35x wash-off mask, 0.2x rinse-off).",
    )(func)


def input_options(func):
    func = click.option(
        "--file",
        "file",
        type=click.Path(exists=True, dir_okay=False, allow_dash=True),
        help="Read the list from a file ('-' for standard input).",
    )(func)
    return click.argument("text", nargs=-1)(func)


def to_json(data) -> str:
    from .report import to_json

    return to_json(data)


def emit(fmt: str, result, render) -> None:
    """Print a result as JSON (its to_dict()) or as the text `render` makes."""
    click.echo(to_json(result.to_dict()) if fmt == "json" else render(result))


def read_input(text: tuple[str, ...], file: str | None) -> tuple[bytes | str, str]:
    """(the input, where it came from): arguments, --file, or standard input."""
    if file is not None:
        if text:
            raise click.UsageError("give the list either as arguments or with --file, not both")
        if file == "-":
            return _read_stdin(), "standard input"
        try:
            return Path(file).read_bytes(), file
        except OSError as exc:
            raise click.ClickException(f"cannot read {file}: {exc.strerror or exc}") from None
    if not text or text == ("-",):
        return _read_stdin(), "standard input"
    return " ".join(text), "the input"


def _read_stdin() -> bytes:
    if sys.stdin is None or sys.stdin.isatty():
        raise click.UsageError("no ingredient list: pass it as an argument, with --file, or on standard input")
    return sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()


def _decode(data: bytes | str, source: str) -> str:
    from .decode import decode_bytes

    if isinstance(data, str):
        return data
    try:
        return decode_bytes(data)[0]
    except AnalyzerError as exc:
        raise click.ClickException(f"{source}: {exc}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="analyzer")
def cli():
    """Find the actives that matter for firm skin in cosmetic ingredient (INCI)
    lists and score how relevant a product is for firming, with the reasons."""


# -- score --------------------------------------------------------------------

NO_LIST = (
    "no ingredient list found in the input (expected names separated by commas, "
    "semicolons or new lines, e.g. \"Aqua, Glycerin, Retinol\")"
)


@cli.command()
@input_options
@click.option("--name", help="The product's name, shown in the report (a cleanser's or mask's name also sets the type).")
@type_option
@format_option("text", "json")
@fuzzy_option
@kb_option
def score(text, file, name, product_type, fmt, no_fuzzy, kb):
    """Score a pasted ingredient list (or a saved page given with --file).

    The list comes from the arguments, from --file, or from standard input
    (no arguments, or '-'). Put '--' before a list that starts with '-'.

    Example:

    \b
        analyzer score "Aqua, Glycerin, Retinol, Palmitoyl Tripeptide-1, Tocopherol"
        pbpaste | analyzer score --name "Night serum" --format json
        analyzer score --type rinse_off "Aqua, Sodium Cocoyl Isethionate, Niacinamide"
    """
    from .core import Analyzer
    from .document import Document
    from .report import render_text

    data, source = read_input(text, file)
    body = _decode(data, source)
    _refuse_exports(body, source)
    analyzer = Analyzer(kb, fuzzy=not no_fuzzy, product_type=product_type)
    record = analyzer.analyze(Document(source, body, None, {"name": name} if name else {}))
    if record.status == "error":
        raise click.ClickException(f"{source}: {record.error}")
    if record.analysis is None:
        raise click.ClickException(NO_LIST if record.strategy is None and not _is_page(body) else f"{source}: {record.reason}")
    if fmt == "json":
        click.echo(to_json(record.analysis.to_dict()))
    else:
        title = name or (record.product.name if _is_page(body) else None)
        click.echo(render_text(record.analysis, kb.category_label, title=title))


def _is_page(text: str) -> bool:
    from .decode import looks_like_html

    return looks_like_html(text)


def _refuse_exports(text: str, source: str) -> None:
    """An export of many products is for `batch`, not one score."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith(("[", "{")) and "\n" not in head.rstrip():
        return  # one line: a list (a one-line list never needs the sources loaded)
    from .sources import export_kind

    many = export_kind(head)
    if many:
        import shlex

        how = (
            "analyzer batch FILE (save it to a .csv, .json or .jsonl file first)"
            if source in ("standard input", "the input") else f"analyzer batch {shlex.quote(source)}"
        )
        raise click.ClickException(f"{source} looks like {many}; score each product with: {how}")


# -- parse --------------------------------------------------------------------


@cli.command()
@input_options
@format_option("text", "json")
def parse(text, file, fmt):
    """Show how a pasted list is read: one ingredient per line, in order,
    then the names it says the product is free of and the lines that were
    set aside as not the list.

    Example:

    \b
        analyzer parse "Ingredients: Aqua/Water/Eau, Glycerin, Niacinamide 10%"
    """
    from .core import shared_analyzer
    from .parse import lines_set_aside
    from .report import render_parsed

    data, source = read_input(text, file)
    body = _decode(data, source)
    parsed = shared_analyzer().parse(body)
    if not parsed:
        raise click.ClickException("no ingredient list found in the input")
    left = lines_set_aside(body, parsed)
    if fmt == "json":
        click.echo(to_json({
            "lists": [lst.to_dict() for lst in parsed.lists],
            "ingredients": [i.to_dict() for i in parsed.ingredients],
            "free_from": list(parsed.free_from),
            "set_aside": left,
        }))
    else:
        click.echo(render_parsed(parsed, left))


# -- explain, compare, evaluate -------------------------------------------------


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
@type_option
@format_option("text", "json")
@fuzzy_option
@kb_option
def compare(products, product_type, fmt, no_fuzzy, kb):
    """Rank two or more products for firming and compare them: an overall
    order and a winner, shared and missing actives with their positions and
    points, and for every pair the ingredient overlap and a plain verdict.

    Each PRODUCT is a saved page, a .txt list, or a pasted list in quotes.

    Example:

    \b
        analyzer compare examples/firming-serum.txt examples/pages/peptide-retinol-serum.html
        analyzer compare "Aqua, Retinol, Glycerin" "Aqua, Glycerin, Retinol"
    """
    from .compare import compare as run
    from .errors import CompareInputError
    from .report import render_comparison

    if len(products) < 2:
        raise click.UsageError("give at least two products to compare")
    for product in products:
        if os.path.isdir(product):
            raise click.BadParameter(f"{product} is a folder; give a page, a .txt file or a pasted list", param_hint="PRODUCTS")
    try:
        result = run(list(products), kb, fuzzy=not no_fuzzy, product_type=product_type)
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
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), help="The corpus CSV that labelled rows without a text (corpus-NNNN) are read from. Default: shared/corpus/cosmetics.csv beside the project.")
@format_option("text", "json")
@fuzzy_option
@kb_option
def evaluate(devset, typos, seed, show_errors, corpus, fmt, no_fuzzy, kb):
    """Per-category precision and recall over a labelled set (JSON lines).

    Each line holds an "ingredients" text and its labels, or only labels and
    an id corpus-NNNN whose text is read from the corpus CSV.

    Example:

    \b
        analyzer evaluate tests/data/devset.jsonl --typos
        analyzer evaluate tests/data/holdout.jsonl --corpus ../shared/corpus/cosmetics.csv
    """
    from .errors import LabelledSetError
    from .evaluate import evaluate as run

    try:
        result = run(devset, kb, typos=typos, seed=seed, fuzzy=not no_fuzzy, corpus=corpus)
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


# -- batch ----------------------------------------------------------------------


class _Progress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self, total: int | None):
        self.total = total
        self.enabled = sys.stderr.isatty()
        self.counts = {"ok": 0, "no_ingredients": 0, "error": 0}
        self.start = time.monotonic()

    def update(self, record: dict) -> None:
        self.counts[record["status"]] = self.counts.get(record["status"], 0) + 1
        if not self.enabled:
            return
        done = sum(self.counts.values())
        rate = done / max(1e-9, time.monotonic() - self.start)
        if self.total:
            width = 24
            filled = int(width * done / max(1, self.total))
            where = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}"
        else:
            where = f"{done} done"
        line = (
            f"\r{where}  ok {self.counts['ok']}  no list {self.counts['no_ingredients']}  "
            f"errors {self.counts['error']}  {rate:.0f}/s "
        )
        sys.stderr.write(line)
        sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 100 + "\r")
            sys.stderr.flush()


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _interrupt_exits_130(command):
    """Ctrl-C before the run starts (loading the knowledge base, finding
    the files) ends with the same exit code as during it."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("\ninterrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return run


def _check_writable(option: str, path: Path) -> None:
    """Fail before the run, not after it, when the output cannot be written."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise click.BadParameter(f"{path} is a folder", param_hint=option)
    if not parent.is_dir():
        raise click.BadParameter(f"folder {parent} does not exist", param_hint=option)
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise click.BadParameter(f"{path} is not writable", param_hint=option)


def _write_atomic(path: Path, text) -> None:
    """Write `text` (a str, or its pieces) to a file beside `path`, then rename it."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.writelines([text] if isinstance(text, str) else text)
    os.replace(tmp, path)


def _writer_names() -> tuple[str, ...]:
    from .writers import WRITERS

    return tuple(WRITERS)


def _batch_help() -> str:
    from .writers import WRITERS

    return "Output format: " + "; ".join(f"{w.name}: {w.help}" for w in WRITERS.values()) + "."


@cli.command()
@_interrupt_exits_130
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--glob", "globs", multiple=True, help="File name pattern to read inside folders (repeatable). Default: *.html *.htm *.xhtml *.txt")
@click.option("--input-format", type=click.Choice(("files", "csv", "json", "jsonl", "warc")), help="Read every PATH as this kind of input instead of guessing from the suffix.")
@click.option("--column", help="The export column (or JSON key) holding the ingredient list.")
@click.option("--name-column", help="The export column holding the product name.")
@click.option("--brand-column", help="The export column holding the brand.")
@click.option("--id-column", help="The export column that names each record (default: id, code, product_id or url; else FILE#row=N).")
@click.option("--format", "fmt", type=click.Choice(_writer_names()), default="table", show_default=True, help=_batch_help())
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the results to FILE.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True), help="Also write a self-contained HTML report.")
@click.option("--sort", type=click.Choice(("score", "name", "path", "input")), default="score", show_default=True, help="Order of the table, CSV, JSON and report (streamed JSONL keeps the input order unless --sort is given).")
@click.option("--category", "categories", multiple=True, help="Keep only products with this category (repeatable: all must be present).")
@click.option("--min-score", type=click.IntRange(0, 100), help="Keep only products scoring at least N.")
@click.option("--fail-under", type=click.IntRange(0, 100), help="Exit with code 3 when any scored product scores below N, or when no product could be scored (a catalogue check); the products below are named.")
@click.option("--full-width", is_flag=True, help="Never shorten table cells to fit the terminal.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=None, help="Worker processes (default: CPU count; 0 = no workers).")
@click.option("--timeout", type=click.FloatRange(1), default=30.0, show_default=True, help="Seconds allowed per document.")
@click.option("--engine", type=click.Choice(("local", "dask")), default="local", show_default=True, help="local: worker processes on this machine; dask: a Dask cluster (the dask extra).")
@click.option("--scheduler", metavar="URL", help="With --engine dask: the scheduler of a running cluster (tcp://HOST:PORT); without it a local cluster of --jobs workers is started.")
@type_option
@fuzzy_option
@kb_option
@click.pass_context
def batch(ctx, paths, globs, input_format, column, name_column, brand_column, id_column, fmt, output, report_path,
          sort, categories, min_score, fail_under, full_width, jobs, timeout, engine, scheduler, no_fuzzy, kb, product_type):
    """Score many products: saved pages and .txt lists in files and folders,
    or every row of a CSV, TSV, JSON or JSONL export.

    Folders are searched recursively. Every document gets a record: status
    "ok" with its score, "no_ingredients" with the reason, or "error" with
    the message; one bad file or row never stops the run. JSONL and CSV
    written to a file are streamed as results come in, so an interrupted run
    keeps every finished result. Exit code 0 when the run completed, whatever
    the inputs held; 2 for usage errors; 3 when --fail-under found a product
    below the bar; 130 when interrupted.

    Example:

    \b
        analyzer batch pages/ --format csv --output ranking.csv
        analyzer batch shop1/ shop2/product.html --jobs 4 --report report.html
        analyzer batch export.csv --column inci --name-column title --sort name
        analyzer batch catalogue.jsonl --category retinoid --min-score 60
        analyzer batch catalogue.csv --fail-under 40 --format csv -o checked.csv
        analyzer batch crawl.warc.gz --format jsonl -o crawl.jsonl
        analyzer batch crawl/*.warc.gz --engine dask --scheduler tcp://10.0.0.5:8786 -o crawl.jsonl
    """
    import dataclasses
    from operator import itemgetter

    from .batch import CategoryCounts, keep, sort_key, summary_line
    from .core import Analyzer, Limits
    from .engines import EngineError
    from .engines import run as run_engine
    from .report import table_width
    from .sources import DEFAULT_PATTERNS, Columns, Inputs
    from .writers import WRITERS, Options

    for option, target in (("--output", output), ("--report", report_path)):
        if target:
            _check_writable(option, Path(target))
    if scheduler and engine != "dask":
        raise click.BadParameter("a scheduler is for --engine dask", param_hint="--scheduler")
    categories = tuple(_category_id(c, kb) for c in categories)
    unknown = sorted(set(categories) - set(kb.categories))
    if unknown:
        raise click.BadParameter(f"unknown category {', '.join(unknown)} (known: {', '.join(sorted(kb.categories))})", param_hint="--category")
    # Never read our own output back in as a product (a second run in place).
    own = [t for t in (output, report_path) if t]
    try:
        inputs = Inputs(
            paths, globs or DEFAULT_PATTERNS, input_format,
            Columns(column, name_column, brand_column, id_column), exclude=own,
        )
        inputs.check()
    except FileNotFoundError as exc:
        raise click.BadParameter(f"no such file or folder: {exc}", param_hint="PATHS") from None
    except SourceError as exc:
        raise click.UsageError(str(exc)) from None
    if not inputs:
        patterns = " ".join(globs or DEFAULT_PATTERNS)
        raise click.UsageError(f"no files matching {patterns} in {', '.join(paths)}" + _skipped_words(inputs.skipped, not globs))

    writer = WRITERS[fmt]
    analyzer = Analyzer(kb, fuzzy=not no_fuzzy, limits=Limits(timeout=timeout), product_type=product_type)
    accepted = keep(categories, min_score)
    sort_given = ctx.get_parameter_source("sort") is not click.core.ParameterSource.DEFAULT
    out_path = Path(output) if output else None
    in_input_order = writer.keeps_input_order and not sort_given
    # Stream what can be streamed: to a file always (so a crash keeps it), to
    # standard output only when the final order is the input order.
    streaming = writer.line is not None and (out_path is not None or in_input_order)
    # Rendered at the end: the output in its final order (unless the stream
    # was that) and the report. Only then is anything held per product, and
    # only its sort key and what those need of it (see _shaper): a streamed
    # export of any size runs in constant memory, a ranked one in a few
    # hundred bytes a product.
    final = not streaming or (out_path is not None and not in_input_order)
    hold = final or bool(report_path)
    order = sort_key(sort) if sort != "input" else None
    # A table written to a file, or piped on with no COLUMNS given, has no
    # width to fit: its cells are never cut.
    unbounded = output is not None or table_width() is None
    options = Options(full_width=full_width or unbounded, category_labels={c: kb.category_label(c) for c in kb.categories})
    shape = _shaper(writer, options, accepted, streaming=streaming, final=final, report=bool(report_path), names=sort == "name" or fail_under is not None)
    # The engine starts (or reaches its cluster) here, before any output.
    started = time.monotonic()
    try:
        results = run_engine(inputs, analyzer, engine=engine, jobs=jobs, shape=shape, **({"scheduler": scheduler} if scheduler else {}))
    except EngineError as exc:
        raise click.ClickException(str(exc)) from None
    failure = None
    stream = None
    if streaming:
        stream = open(out_path, "w", encoding="utf-8", newline="") if out_path else None
        if writer.head:
            (stream.write if stream else functools.partial(click.echo, nl=False))(writer.head)
    held: list[tuple] = []  # (sort key, row, report row) of each product shown at the end
    counts = CategoryCounts()  # of the products shown
    below: list[str] = []  # scored products under --fail-under (what names them)
    scored = 0
    filtered = bool(categories) or min_score is not None
    shown = 0  # records the filters kept
    progress = _Progress(inputs.total)
    interrupted = False
    # SIGTERM/SIGHUP (kill, a cancelled job) end the run like Ctrl-C: workers
    # are stopped and finished results written, instead of orphaned workers.
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            previous[name] = signal.signal(getattr(signal, name), _raise_interrupt)
    try:
        for entry, line in results:
            if line is not None:
                if stream is not None:
                    stream.write(line + "\n")
                    stream.flush()
                else:
                    progress.finish()
                    click.echo(line)
            kept = accepted(entry)
            if filtered and kept:
                shown += 1
            if hold and kept:
                held.append((order(entry) if order else len(held), entry.get("row"), entry.get("report")))
                counts.add(entry)
            if fail_under is not None and entry["status"] == "ok":
                scored += 1
                if (entry.get("score") or 0) < fail_under:
                    name = (entry.get("product") or {}).get("name")
                    below.append(f"{entry['path']} ({name}): {entry.get('score') or 0}" if name else f"{entry['path']}: {entry.get('score') or 0}")
            progress.update(entry)
    except KeyboardInterrupt:
        interrupted = True
    except EngineError as exc:  # the cluster went away: keep what was done
        failure = str(exc)
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
        progress.finish()
        if stream is not None:
            stream.close()
        held.sort(key=itemgetter(0))
        options = dataclasses.replace(options, summary=counts.summary())
        # Whatever happened, write what was computed (a streamed file is
        # rewritten in the final order; streamed standard output is done).
        if final:
            pieces = writer.render_kept([h[1] for h in held], options)
            if out_path is not None:
                _write_atomic(out_path, pieces)
            else:
                for piece in pieces:
                    click.echo(piece, nl=False)
        if report_path:
            _write_atomic(Path(report_path), WRITERS["html"].render_kept([h[2] for h in held], options))
            click.echo(f"report written to {report_path}", err=True)
        noun = "file" if inputs.total is not None else "record"
        click.echo(summary_line(progress.counts, time.monotonic() - started, noun) + (" (interrupted)" if interrupted else ""), err=True)
        if filtered:
            asked = " and ".join(filter(None, (
                f"--category {' '.join(categories)}" if categories else "", f"--min-score {min_score}" if min_score is not None else "",
            )))
            ok = progress.counts.get("ok", 0)
            click.echo(f"{shown} of {ok} scored product{'s' if ok != 1 else ''} shown ({asked})", err=True)
        if inputs.skipped:
            click.echo(_skipped_words(inputs.skipped, not globs).lstrip("; ").capitalize(), err=True)
    if failure:
        raise click.ClickException(failure)
    if interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if below:
        click.echo(f"{len(below)} product{'s' if len(below) != 1 else ''} scored below {fail_under}:", err=True)
        for line in below[:20]:
            click.echo(f"  {line}", err=True)
        if len(below) > 20:
            click.echo(f"  ... and {len(below) - 20} more", err=True)
        sys.exit(EXIT_FAIL_UNDER)
    if fail_under is not None and not scored:
        click.echo(f"no product was scored, so none could be checked against {fail_under}", err=True)
        sys.exit(EXIT_FAIL_UNDER)


_EXPORT_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".warc", ".gz")


def _skipped_words(skipped, hint: bool = True) -> str:
    """What the folders held that no pattern took: exports are read only
    when named (their rows are products), other files not at all."""
    if not skipped:
        return ""
    total = sum(skipped.values())
    kinds = ", ".join(f"{n} {suffix}" for suffix, n in skipped.most_common(4)) + (", ..." if len(skipped) > 4 else "")
    words = f"; skipped {total} file{'s' if total != 1 else ''} in the folders that match no pattern ({kinds})"
    if hint and any(suffix in _EXPORT_SUFFIXES for suffix in skipped):
        words += "; name an export or crawl file to read its rows, or add --glob '*.csv'"
    return words


def _shaper(writer, options, accepted, streaming: bool, final: bool, report: bool, names: bool):
    """What becomes of each record where it is made (a worker process):
    (its brief record, plus the rows the end of the run renders from when it
    is shown; the line to stream, or None). Only that crosses to this process."""
    from .batch import brief
    from .writers import WRITERS

    html = WRITERS["html"]

    def shape(record: dict) -> tuple[dict, str | None]:
        entry = brief(record, name=names)
        shown = accepted(record)
        if shown and final:
            entry["row"] = writer.keep(record, options)
        if shown and report:
            entry["report"] = html.keep(record, options)
        return entry, (writer.line(record) if streaming and shown else None)

    return shape


def _category_id(name: str, kb) -> str:
    """A category as typed -> its id (see KnowledgeBase.category_named)."""
    return kb.category_named(name) or name


def main():
    import gc

    # A command is a short-lived process that builds many long-lived objects
    # (the knowledge base, name caches) and few cycles: the collector's default
    # thresholds spend milliseconds of a one-list `score` walking them. (Set
    # by the command's entry point only, not by importing this module.)
    gc.set_threshold(20_000, 50, 100)
    cli(prog_name="analyzer")
