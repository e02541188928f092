"""Text renderings for the terminal: one analysis, a parsed list, an
explanation, a comparison. Batch outputs live in writers/."""
from __future__ import annotations

import os
import shutil
import sys
import textwrap
import unicodedata
from typing import Callable

import click

from .models import ParsedText


def to_json(data, indent: int | None = 2) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=indent)


def text_width() -> int:
    """Columns for text output: the terminal's (or COLUMNS) less one, within
    40-120; 88 when the output is not a terminal."""
    return max(40, min(120, shutil.get_terminal_size((89, 24)).columns - 1))


def table_width() -> int | None:
    """Columns a table must fit: the terminal's (or COLUMNS); None (no
    limit, no name cut) when the output goes to a file or a pipe."""
    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return text_width()
    return None


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: a Korean or Japanese letter takes two."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, width: int) -> str:
    """`text` cut to `width` columns, with an ellipsis where it was cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def table_lines(rows: list[list[str]], header: list[str], align_right: set[int] = frozenset(),
                width: int | None = None, flexible: tuple[int, ...] = ()) -> list[str]:
    """A table of left- (or right-) aligned columns; past `width`, the
    `flexible` columns (long names) are cut, the widest first, to no less
    than 10 columns each."""
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    if width is not None and flexible:
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        while excess > 0:
            widest = max(flexible, key=lambda i: widths[i])
            if widths[widest] <= max(10, display_width(header[widest])):
                break
            widths[widest] -= 1
            excess -= 1

    def fmt(row):
        cells = []
        for i, cell in enumerate(row):
            cell = clip(cell, widths[i])
            gap = " " * (widths[i] - display_width(cell))
            cells.append(gap + cell if i in align_right else cell + gap)
        return "  ".join(cells).rstrip()

    return [fmt(header), fmt(["-" * w for w in widths]), *[fmt(r) for r in rows]]


def score_colour(score: int) -> str:
    return "green" if score >= 60 else ("yellow" if score >= 30 else "red")


def render_text(analysis, category_label: Callable[[str], str] | None = None, title: str | None = None) -> str:
    """The text report of one analysis: an Analysis, or its JSON (a batch record)."""
    width = text_width()
    data = analysis if isinstance(analysis, dict) else analysis.to_dict()
    label = category_label or (lambda c: c.replace("_", " "))
    out: list[str] = []
    if title:
        out.append(click.style(title, bold=True))
    headline = f"Firming score: {data['score']}/100 (grade {data['grade']}) - {data['verdict']}"
    out.append(click.style(headline, fg=score_colour(data["score"]), bold=True))
    lists = data["lists"]
    count = len(data["ingredients"])
    summary = f"{count} ingredient{'s' if count != 1 else ''}"
    if len(lists) > 1:
        summary += f" in {len(lists)} lists: " + ", ".join(
            f"{lst['title'] or f'list {i + 1}'} ({lst['count']})" for i, lst in enumerate(lists)
        )
    out.append(summary)
    ptype = data.get("product_type")
    if ptype:
        strength = "actives count fully" if ptype["factor"] == 1 else f"actives count {ptype['factor']:g}x"
        out.append(textwrap.fill(f"Type: {ptype['label']} ({ptype['reason']}; {strength})", width, subsequent_indent="  "))
    for line in data["one_percent_line"]:
        where = f"{lists[line['list']]['title'] or 'list ' + str(line['list'] + 1)}: " if len(lists) > 1 else ""
        if line["position"] is not None:
            out.append(f"{where}~1% line from {line['marker']} (position {line['position']}) on")
        elif line["basis"] == "unordered":
            out.append(f"{where}Inactive ingredients in A-Z order (as on US labels), not by amount: no ~1% line")
    if data.get("free_from"):
        # Claims, not ingredients: shown so that a reader sees they were not scored.
        out.append(textwrap.fill("Declared free of: " + ", ".join(data["free_from"]), width, subsequent_indent="  "))
    out.append("")
    actives = data["actives"]
    if not actives:
        out.append("No firming actives found.")
    else:
        out.append("Actives found (points add up to the score):")
        multi = len(lists) > 1
        rows = []
        for a in actives:
            where = f"{a['list'] + 1}:{a['position']}" if multi else str(a["position"])
            if a["section"] == "may_contain":
                where += " (may contain)"
            kind = a["match"] if a["match"] != "fuzzy" else f"fuzzy {a['similarity']:.0f}%"
            dose = a.get("dose") or {}
            rows.append([
                where, a.get("label") or a["matched"], a["inci"], a["category"].replace("_", " "), kind,
                amount_words(dose, a), f"{dose['factor']:.0%}" if dose else "", f"+{a['contribution']:.1f}",
            ])
        header = ["pos", "on the label", "active", "category", "match", "amount", "dose", "points"]
        fit = table_width()
        out.extend("  " + line for line in table_lines(rows, header, {6, 7}, width=fit and fit - 2, flexible=(1, 2)))
        out.append("")
        out.append("Why:")
        for a in actives:
            note = a.get("note") or label(a["category"])
            out.append(textwrap.fill(f"- {a['inci']}: {note}", width, subsequent_indent="  "))
            dose = a.get("dose")
            if dose:
                share = "its full strength" if dose["factor"] >= 1 else f"{dose['factor']:.0%} of its strength"
                out.append(textwrap.fill(f"  Amount: {dose['reason']}, so it earns {share}.", width, subsequent_indent="  "))
            else:
                out.append(textwrap.fill(f"  {a['concentration']['reason']}.", width, subsequent_indent="  "))
    notes, cautions = data.get("notes") or [], data.get("cautions") or {}
    if notes or cautions:
        out.append("")
        out.append(click.style("Notes and cautions:", bold=True))
        for note in notes:
            out.append(textwrap.fill(f"! {note['message']}", width, subsequent_indent="  "))
        noted = {note.get("caution") for note in notes if note.get("caution")}
        for cid, text in cautions.items():
            if cid in noted:
                continue
            who = sorted({a["inci"] for a in actives if cid in a.get("cautions", ())})
            suffix = f" ({', '.join(who)})" if who else ""
            out.append(textwrap.fill(f"! {text}{suffix}", width, subsequent_indent="  "))
    return "\n".join(out)


def amount_words(dose: dict, active: dict | None = None) -> str:
    """`1%` (stated), `~12%`, `~5 ppm`, or `?` when the label cannot tell."""
    if active is not None and active.get("percent") is not None:
        return f"{active['percent']:g}%"
    value = dose.get("estimate") if dose else None
    if value is None:
        return "traces" if dose and dose.get("basis") == "may contain" else "?"
    if value >= 2:
        return f"~{value:.0f}%"
    if value >= 0.01:
        return f"~{value:.2g}%"
    return f"~{value * 10000:.2g} ppm"


def render_parsed(parsed: ParsedText, set_aside: list[str] | None = None) -> str:
    width = text_width()
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
    if parsed.free_from:
        out.append(textwrap.fill("Declared free of: " + ", ".join(parsed.free_from), width, subsequent_indent="  "))
    if set_aside:
        out.append(f"Set aside as not the list ({len(set_aside)} line{'s' if len(set_aside) != 1 else ''}):")
        out.extend("  " + clip(line, width - 2) for line in set_aside)
    return "\n".join(out).rstrip()


# -- explain -------------------------------------------------------------------


def render_explanation(explanation) -> str:
    from .explain import FLAG_WORDS, strength

    width = text_width()
    out: list[str] = []
    active = explanation.active
    if active is not None:
        how = {
            "exact": "the INCI name",
            "alias": "another name of",
            "rule": "a member of the family",
            "fuzzy": f"a likely misspelling ({explanation.similarity:.0f}% similar) of",
        }[explanation.match]
        title = active.inci
        out.append(click.style(title, bold=True))
        if explanation.match != "exact":
            out.append(f"  '{explanation.query}' is {how} {active.inci}.")
        label = explanation.category.get("label", active.category)
        out.append(textwrap.fill(f"Category: {label} ({active.category})", width, subsequent_indent="  "))
        if explanation.category.get("note"):
            out.append(textwrap.fill(f"  {explanation.category['note']}", width, subsequent_indent="  "))
        if active.note:
            out.append(textwrap.fill(f"For firm skin: {active.note}", width, subsequent_indent="  "))
        out.append(f"Evidence weight: {active.weight:g}/10 ({strength(active.weight)})")
        if active.evidence:
            out.append(textwrap.fill(f"  Why: {active.evidence}", width, subsequent_indent="    "))
        if active.dose:
            from .score import _range

            works = f"Works at: {_range(*active.dose)} in a leave-on product"
            if active.supplied:
                works += f" (its supplier's solution at {_range(*active.supplied)})"
            out.append(works)
            if active.dose_note:
                out.append(textwrap.fill(f"  {active.dose_note}", width, subsequent_indent="    "))
        for cid, text in explanation.cautions.items():
            out.append(textwrap.fill(f"Caution ({cid}): {text}", width, subsequent_indent="  "))
        if active.aliases:
            out.append(textwrap.fill("Also known as: " + ", ".join(active.aliases), width, subsequent_indent="  "))
        if active.rule:
            out.append(f"Recognised by the family rule '{active.rule}': any name of this family counts.")
    elif explanation.category_id is not None:
        label = explanation.category.get("label", explanation.category_id)
        out.append(click.style(f"Category: {label} ({explanation.category_id})", bold=True))
        if explanation.category.get("note"):
            out.append(textwrap.fill(f"  {explanation.category['note']}", width, subsequent_indent="  "))
        named = [m for m in explanation.members if not m["family_rule"]]
        families = [m for m in explanation.members if m["family_rule"]]
        if named:
            out.append(f"Its {len(named)} known active{'s' if len(named) != 1 else ''}, strongest evidence first:")
            shown = ", ".join(f"{m['inci']} ({m['weight']:g})" for m in named[:20])
            if len(named) > 20:
                shown += f", and {len(named) - 20} more (--format json lists them all)"
            out.append(textwrap.fill(shown, width, initial_indent="  ", subsequent_indent="  "))
        for m in families:
            out.append(textwrap.fill(f"Any other member of the family counts as {m['inci']} ({m['weight']:g}).", width, subsequent_indent="  "))
        out.append("Look one up with: analyzer explain NAME")
    else:
        if explanation.ordinary:
            out.append(f"'{explanation.query}' is a known ordinary ingredient, not a firming active.")
        else:
            out.append(f"'{explanation.query}' is not a known firming active.")
        if explanation.suggestions and explanation.ordinary:
            out.append("Not to be confused with:")
            for s in explanation.suggestions:
                out.append(f"  {s['inci']} ({s['category'].replace('_', ' ')}, {s['similarity']:.0f}% similar)")
        elif explanation.suggestions:
            out.append("Suggestions (nearest known actives, not matches):")
            for s in explanation.suggestions:
                out.append(f"  ? {s['inci']} ({s['category'].replace('_', ' ')}, {s['similarity']:.0f}% similar)")
    for flag in explanation.flags:
        out.append(f"Note: {FLAG_WORDS.get(flag, flag)}.")
    return "\n".join(out)


# -- compare -------------------------------------------------------------------


def render_comparison(comparison) -> str:
    width = text_width()
    out: list[str] = []
    out.append(click.style("Ranking (best first):", bold=True))
    for entry in comparison.ranking:
        kind = f", {entry['type'].replace('_', '-')}" if entry.get("type") and entry["type"] != "leave_on" else ""
        line = f"  {entry['rank']}. {entry['label']}  {entry['score']}/100 ({entry['grade']}{kind})"
        top = entry.get("strongest")
        if top:
            line += f" - carried by {top['inci']} (+{top['contribution']:g})"
        out.append(line)
    if comparison.winner:
        out.append(click.style(f"Winner for firming: {comparison.winner}", bold=True))
    else:
        out.append("No single winner: the best score is shared.")
    out.append("")
    if comparison.actives:
        header = ["active", "category"] + [p.label.split(":")[0] for p in comparison.products]
        rows = []
        for row in comparison.actives:
            cells = [f"#{x['position']} +{x['contribution']:g}" if x else "-" for x in row["in"]]
            rows.append([row["inci"], row["category"].replace("_", " "), *cells])
        out.extend(table_lines(rows, header, width=table_width(), flexible=(0,)))
        out.append("(#position in the list, +points of that product's score; - = absent)")
    else:
        out.append("No firming actives in any of them.")
    for pair in comparison.pairs:
        a, b = pair["a"].split(":")[0], pair["b"].split(":")[0]
        out.append("")
        out.append(
            click.style(f"{a} vs {b}:", bold=True)
            + f" {pair['shared_ingredients']} ingredient{'' if pair['shared_ingredients'] == 1 else 's'} in common, {pair['jaccard']:.0%} overlap,"
            + f" {pair['order_aware_similarity']:.0%} order-aware similarity"
        )
        for line in pair["verdict"]:
            out.append(textwrap.fill(f"  {line}", width, subsequent_indent="    "))
    return "\n".join(out)
