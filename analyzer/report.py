"""Analyses -> text, JSON, CSV (and HTML, in report_html)."""
from __future__ import annotations

import json
import textwrap

import click

from .knowledge import KnowledgeBase
from .models import Analysis, ParsedText


def to_json(data, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def _table(rows: list[list[str]], header: list[str], align_right: set[int] = frozenset()) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row):
        cells = []
        for i, cell in enumerate(row):
            cell = str(cell)
            cells.append(cell.rjust(widths[i]) if i in align_right else cell.ljust(widths[i]))
        return "  ".join(cells).rstrip()

    return [fmt(header), fmt(["-" * w for w in widths]), *[fmt(r) for r in rows]]


def score_colour(score: int) -> str:
    return "green" if score >= 60 else ("yellow" if score >= 30 else "red")


def render_text(analysis: Analysis, kb: KnowledgeBase, title: str | None = None) -> str:
    out: list[str] = []
    if title:
        out.append(click.style(title, bold=True))
    headline = f"Firming score: {analysis.score}/100 (grade {analysis.grade}) - {analysis.verdict}"
    out.append(click.style(headline, fg=score_colour(analysis.score), bold=True))
    lists = analysis.parsed.lists
    count = len(analysis.ingredients)
    summary = f"{count} ingredient{'s' if count != 1 else ''}"
    if len(lists) > 1:
        summary += f" in {len(lists)} lists: " + ", ".join(
            f"{lst.title or f'list {i + 1}'} ({len(lst.ingredients)})" for i, lst in enumerate(lists)
        )
    out.append(summary)
    out.append("")
    if not analysis.findings:
        out.append("No firming actives found.")
    else:
        out.append("Actives found (points add up to the score):")
        multi = len(lists) > 1
        rows = []
        for f in analysis.findings:
            ing = f.ingredient
            where = f"{ing.list_index + 1}:{ing.position}" if multi else str(ing.position)
            if ing.section == "may_contain":
                where += " (may contain)"
            kind = f.match.kind if f.match.kind != "fuzzy" else f"fuzzy {f.match.similarity:.0f}%"
            conc = f"{ing.percent:g}%" if ing.percent is not None else f.concentration.status
            rows.append(
                [where, ing.name, f.active.inci, f.active.category.replace("_", " "), kind, conc, f"+{f.contribution:.1f}"]
            )
        header = ["pos", "on the label", "active", "category", "match", "1% line", "points"]
        out.extend("  " + line for line in _table(rows, header, {6}))
        out.append("")
        out.append("Why:")
        for f in analysis.findings:
            note = f.active.note or kb.category_label(f.active.category)
            out.append(textwrap.fill(f"- {f.active.inci}: {note}", 88, subsequent_indent="  "))
            out.append(textwrap.fill(f"  {f.concentration.reason}.", 88, subsequent_indent="  "))
    if analysis.notes or analysis.cautions:
        out.append("")
        out.append(click.style("Notes and cautions:", bold=True))
        for note in analysis.notes:
            out.append(textwrap.fill(f"! {note.message}", 88, subsequent_indent="  "))
        noted = {note.caution for note in analysis.notes if note.caution}
        for cid, text in analysis.cautions.items():
            if cid in noted:
                continue
            who = sorted({f.active.inci for f in analysis.findings if cid in f.active.cautions})
            suffix = f" ({', '.join(who)})" if who else ""
            out.append(textwrap.fill(f"! {text}{suffix}", 88, subsequent_indent="  "))
    return "\n".join(out)


def render_parsed(parsed: ParsedText) -> str:
    out: list[str] = []
    for index, lst in enumerate(parsed.lists):
        if len(parsed.lists) > 1 or lst.title:
            out.append(click.style(lst.title or f"List {index + 1}", bold=True))
        may_started = False
        for ing in lst.ingredients:
            if ing.section == "may_contain" and not may_started:
                out.append("  May contain:")
                may_started = True
            extra = []
            if ing.aliases:
                extra.append("also: " + " / ".join(ing.aliases))
            if ing.percent is not None:
                extra.append(f"{ing.percent:g}%")
            suffix = f"  ({'; '.join(extra)})" if extra else ""
            out.append(f"{ing.position:>4}. {ing.name}{suffix}")
        out.append("")
    return "\n".join(out).rstrip()
