"""Batch records -> one self-contained HTML report (no external assets, works
offline, opens by double-click): ranked products with a score bar, chips for
the actives found, filters by category, a search box, and per product the
explanation of its score."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from ..models import GENERATOR_MARK
from . import Options, Writer, joined


def escape(text: str) -> str:
    """html.escape, imported on first use: the CLI loads every writer to list
    the formats, and the html package loads all of HTML's named entities."""
    from html import escape as html_escape

    return html_escape(text)


CATEGORY_COLOURS = {
    "retinoid": "#b5179e",
    "peptide": "#7209b7",
    "vitamin_c": "#f48c06",
    "hyaluronic_acid": "#0077b6",
    "vitamin_b3": "#2a9d8f",
    "vitamin_e": "#e9c46a",
    "vitamin_b5": "#8ab17d",
    "antioxidant": "#588157",
    "collagen": "#bc6c25",
    "adenosine": "#6d597a",
    "bakuchiol": "#d62828",
    "growth_factor": "#3a0ca3",
    "ceramide": "#4361ee",
    "elastin": "#a98467",
    "matrix_booster": "#457b9d",
}
GRADE_COLOURS = {"A": "#2b9348", "B": "#80b918", "C": "#f4a261", "D": "#e76f51", "E": "#9e9e9e"}

STYLE = """
:root { --ink:#1d1d1f; --muted:#6b6b70; --line:#e4e4e7; --bg:#fafafa; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:var(--ink); background:var(--bg); }
header { padding:24px 32px 12px; background:#fff; border-bottom:1px solid var(--line); position:sticky; top:0; z-index:2; }
h1 { margin:0 0 4px; font-size:22px; }
.sub { color:var(--muted); font-size:13px; }
.controls { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin-top:12px; }
#search { flex:1 1 260px; max-width:420px; padding:8px 12px; border:1px solid var(--line); border-radius:8px; font-size:14px; }
.filter { border:1px solid var(--line); background:#fff; border-radius:999px; padding:4px 10px; font-size:12px; cursor:pointer; user-select:none; }
.filter input { display:none; }
.filter.on { color:#fff; border-color:transparent; }
main { padding:16px 32px 48px; max-width:1200px; }
.product { background:#fff; border:1px solid var(--line); border-radius:12px; padding:14px 18px; margin:10px 0; }
.row { display:flex; gap:16px; align-items:center; }
.rank { color:var(--muted); width:28px; text-align:right; font-variant-numeric:tabular-nums; }
.name { flex:1; min-width:0; }
.name b { font-size:16px; }
.brand { color:var(--muted); font-size:13px; }
.score { width:260px; display:flex; align-items:center; gap:8px; }
.bar { flex:1; height:10px; background:#eee; border-radius:5px; overflow:hidden; }
.bar span { display:block; height:100%; border-radius:5px; }
.num { font-weight:700; width:34px; text-align:right; font-variant-numeric:tabular-nums; }
.kind { border:1px solid var(--muted); border-radius:6px; padding:0 5px; font-size:11px; margin-left:4px; white-space:nowrap; }
.grade { color:#fff; border-radius:6px; padding:1px 7px; font-size:12px; font-weight:700; }
.chips { margin:8px 0 0 44px; display:flex; flex-wrap:wrap; gap:6px; }
.chip { color:#fff; border-radius:12px; padding:2px 9px; font-size:12px; max-width:100%; box-sizing:border-box; overflow-wrap:anywhere; }
details { margin:8px 0 0 44px; }
summary { cursor:pointer; color:#0b57d0; font-size:13px; }
table { border-collapse:collapse; width:100%; margin-top:8px; font-size:13px; }
th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--muted); font-weight:600; }
td.pts { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
.notes { margin:8px 0 0; padding-left:18px; font-size:13px; }
.notes li.caution { color:#9d0208; }
.meta { color:var(--muted); font-size:12px; margin-top:6px; }
.other { background:#fff; border:1px solid var(--line); border-radius:12px; padding:8px 18px; }
.other li { margin:4px 0; font-size:13px; }
.hidden { display:none !important; }
#empty { color:var(--muted); padding:24px 0; }
.summary { background:#fff; border:1px solid var(--line); border-radius:12px; padding:10px 18px; margin:10px 0; font-size:13px; }
.summary table { width:auto; }
.name b, .meta, .other li { overflow-wrap:anywhere; }
@media (max-width: 640px) {
  header { padding:14px 14px 10px; position:static; }
  main { padding:8px 10px 32px; }
  .product { padding:12px; }
  .row { flex-wrap:wrap; gap:6px 10px; }
  .rank { width:auto; }
  .name { flex:1 1 70%; }
  .score { width:100%; order:3; }
  .chips, details { margin-left:0; }
  #search { flex-basis:100%; max-width:none; }
  td, th { padding:3px 4px; }
  /* The explanation as one block per active: name and points on the first
     line, then the label, category and match, then the concentration. */
  .explain thead { display:none; }
  .explain, .explain tbody { display:block; }
  .explain tr { display:flex; flex-wrap:wrap; align-items:baseline; column-gap:6px; padding:6px 0 6px calc(2.2em + 6px); border-bottom:1px solid var(--line); }
  .explain td { border:0; padding:0; }
  .explain td:nth-child(1) { order:1; width:2.2em; margin-left:calc(-2.2em - 6px); color:var(--muted); }
  .explain td:nth-child(3) { order:2; flex:1 1 0; min-width:calc(100% - 5em); font-weight:600; }
  .explain td:nth-child(7) { order:3; margin-left:auto; }
  .explain td:nth-child(2) { order:4; }
  .explain td:nth-child(2)::before { content:"label: "; }
  .explain td:nth-child(2)::after { content:" ·"; }
  .explain td.same { display:none; }
  .explain td:nth-child(4) { order:5; }
  .explain td:nth-child(5) { order:6; }
  .explain td:nth-child(5)::before { content:"· "; }
  .explain td:nth-child(6) { order:7; flex-basis:100%; }
  .explain td:nth-child(2), .explain td:nth-child(4), .explain td:nth-child(5), .explain td:nth-child(6) { color:var(--muted); font-size:12px; }
}
"""

SCRIPT = """
(function () {
  var search = document.getElementById('search');
  var filters = Array.prototype.slice.call(document.querySelectorAll('.filter input'));
  var products = Array.prototype.slice.call(document.querySelectorAll('.product'));
  var empty = document.getElementById('empty');
  function apply() {
    var q = search.value.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    var wanted = filters.filter(function (f) { return f.checked; }).map(function (f) { return f.value; });
    var shown = 0;
    products.forEach(function (p) {
      var cats = p.getAttribute('data-categories').split(' ');
      var ok = wanted.every(function (c) { return cats.indexOf(c) >= 0; });
      if (ok && q) { ok = p.getAttribute('data-search').indexOf(q) >= 0; }
      p.classList.toggle('hidden', !ok);
      if (ok) { shown += 1; }
    });
    filters.forEach(function (f) {
      f.parentNode.classList.toggle('on', f.checked);
      f.parentNode.style.background = f.checked ? f.parentNode.getAttribute('data-colour') : '';
    });
    document.getElementById('count').textContent = shown;
    empty.classList.toggle('hidden', shown > 0);
  }
  search.addEventListener('input', apply);
  filters.forEach(function (f) { f.addEventListener('change', apply); });
  apply();
})();
"""


def fold(text: str) -> str:
    """Lower case without accents, as the search box folds what is typed."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


def _ink(colour: str) -> str:
    """White on dark chips, dark on light ones (vitamin E's yellow)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#1d1d1f" if 0.299 * r + 0.587 * g + 0.114 * b > 170 else "#fff"


def _chip(category: str, text: str) -> str:
    colour = CATEGORY_COLOURS.get(category, "#555555")
    return (
        f'<span class="chip" style="background:{colour};color:{_ink(colour)}" '
        f'title="{escape(category.replace("_", " "))}">{escape(text)}</span>'
    )


def _amount(active: dict, concentration: dict) -> str:
    dose = active.get("dose")
    if not dose:
        return concentration.get("reason") or ""
    share = "full strength" if dose["factor"] >= 1 else f"{dose['factor']:.0%} of its strength"
    return f"{dose['reason']} → {share}"


def _product(record: dict, rank: int) -> str:
    before, after = _product_parts(record)
    return f"{before}{rank}{after}"


def _product_parts(record: dict) -> tuple[str, str]:
    """A scored product's article, in two parts around its rank."""
    ptype = record.get("product_type") or {}
    kind = ""
    if ptype and ptype.get("type") != "leave_on":
        kind = f' <span class="kind" title="{escape(ptype.get("reason") or "")}">{escape(ptype.get("label") or "")}</span>'
    product = record.get("product") or {}
    name = product.get("name") or Path(record["path"]).name
    brand = product.get("brand") or ""
    score = int(record.get("score") or 0)
    grade = record.get("grade") or "E"
    colour = GRADE_COLOURS.get(grade, "#999")
    actives = record.get("actives") or []
    categories = record.get("categories") or []
    words = [name, brand, record["path"], *(a["inci"] for a in actives), *(i["name"] for i in record.get("ingredients") or [])]
    search = fold(" ".join(words))
    chips = "".join(_chip(a["category"], a["matched"] if a.get("rule") else a["inci"]) for a in actives) or '<span class="brand">no firming actives</span>'
    rows = []
    for a in actives:
        conc = a.get("concentration") or {}
        match = a["match"] if a["match"] != "fuzzy" else f"fuzzy {a['similarity']:.0f}%"
        where = f"{a['position']}" + (f" (list {a['list'] + 1})" if len(record.get("lists") or []) > 1 else "")
        same = ' class="same"' if fold(a["matched"]) == fold(a["inci"]) else ""  # hidden on a phone
        rows.append(
            "<tr>"
            f"<td>{escape(where)}</td><td{same}>{escape(a['matched'])}</td><td>{escape(a['inci'])}</td>"
            f"<td>{escape(a['category'].replace('_', ' '))}</td><td>{escape(match)}</td>"
            f"<td>{escape(_amount(a, conc))}</td><td class=\"pts\">+{a['contribution']:g}</td>"
            "</tr>"
        )
    notes = "".join(f"<li>{escape(n['message'])}</li>" for n in record.get("notes") or [])
    noted = {n.get("caution") for n in record.get("notes") or []}
    notes += "".join(
        f'<li class="caution">{escape(text)}</li>' for cid, text in (record.get("cautions") or {}).items() if cid not in noted
    )
    table = (
        "<table class=\"explain\"><thead><tr><th>pos</th><th>on the label</th><th>active</th><th>category</th><th>match</th>"
        "<th>amount</th><th>points</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        if rows
        else "<p class=\"brand\">No firming active found in the list.</p>"
    )
    explanation = (
        f"<details><summary>Why {score}? {len(actives)} active{'s' if len(actives) != 1 else ''}, "
        f"{len(record.get('ingredients') or [])} ingredients</summary>"
        f"<p class=\"brand\">{escape(record.get('verdict') or '')}. Points add up to the score; "
        "each active counts by its evidence weight and its likely amount against the range it works in.</p>"
        f"{table}{'<ul class=notes>' + notes + '</ul>' if notes else ''}"
        f"<div class=\"meta\">{escape(record['path'])} · found by {escape(record.get('strategy') or '-')}</div></details>"
    )
    return (
        f'<article class="product" data-categories="{escape(" ".join(categories))}" data-search="{escape(search)}" '
        f'data-score="{score}">'
        '<div class="row"><div class="rank">'
    ), (
        '</div>'
        f'<div class="name"><b>{escape(name)}</b><div class="brand">{escape(brand)}{kind}</div></div>'
        f'<div class="score"><div class="bar"><span style="width:{score}%;background:{colour}"></span></div>'
        f'<span class="num">{score}</span><span class="grade" style="background:{colour}">{escape(grade)}</span></div></div>'
        f'<div class="chips">{chips}</div>{explanation}</article>'
    )


def _summary(summary: dict | None) -> str:
    """How many scored products have each category, and the grade distribution."""
    if not summary or not summary.get("products"):
        return ""
    cats = "".join(
        f"<tr><td>{_chip(c, c.replace('_', ' '))}</td><td class=\"pts\">{n}</td></tr>" for c, n in summary["categories"].items()
    )
    grades = "".join(
        f'<span class="grade" style="background:{GRADE_COLOURS[g]}">{g} {n}</span> ' for g, n in summary["grades"].items()
    )
    return (
        f'<section class="summary"><b>Summary of {summary["products"]} scored products</b>'
        f"<p>Grades: {grades}</p><table><thead><tr><th>category</th><th>products</th></tr></thead>"
        f"<tbody>{cats}</tbody></table></section>"
    )


def _other(record: dict) -> str:
    """A record without a score: a line of the "Not scored" list."""
    r = record
    label = (r.get("product") or {}).get("name") or Path(r["path"]).name
    where = f' <span class="meta">{escape(r["path"])}</span>' if r["path"] != label else ""  # (not the same name twice)
    return (
        f"<li><b>{escape(label)}</b> — "
        f"{escape('no ingredient list: ' + (r.get('reason') or '') if r['status'] == 'no_ingredients' else 'error: ' + (r.get('error') or ''))}"
        f"{where}</li>"
    )


def row(record: dict, options=None) -> tuple:
    """What the report shows of one record: (status, categories, its HTML)."""
    if record["status"] == "ok":
        return "ok", tuple(record.get("categories") or ()), _product_parts(record)
    return record["status"], (), _other(record)


def render_report(records: list[dict], title: str = "Firming analysis", summary: dict | None = None) -> str:
    """The report of `records`, in the order given (ranked by the caller)."""
    return "".join(report_pieces([row(r) for r in records], title, summary))


def report_pieces(rows: list[tuple], title: str = "Firming analysis", summary: dict | None = None):
    """The report of rows made by `row`, in the order given, in pieces."""
    ok = [r for r in rows if r[0] == "ok"]
    others = sorted((r for r in rows if r[0] != "ok"), key=lambda r: 0 if r[0] == "no_ingredients" else 1)
    present = sorted({c for r in ok for c in r[1]})
    filters = "".join(
        f'<label class="filter" data-colour="{CATEGORY_COLOURS.get(c, "#555")}"><input type="checkbox" value="{escape(c)}">'
        f"{escape(c.replace('_', ' '))}</label>"
        for c in present
    )
    import datetime as dt  # here, like html.escape: the CLI loads every writer
    import json

    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    counts = f"{len(ok)} products scored, {len(others)} without a list or with errors · generated {generated}"
    style = STYLE
    # "</" would end the script element early (a category id from a user's --kb).
    data = json.dumps({"products": len(ok), "categories": present}).replace("</", "<\\/")
    yield (
        f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">{GENERATOR_MARK}"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{escape(title)}</title>"
        f"<style>{style}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><div class=\"sub\">{escape(counts)}</div>"
        '<div class="controls"><input id="search" type="search" placeholder="Search products, brands or any ingredient">'
        f'{filters}<span class="sub">showing <b id="count">{len(ok)}</b> (with all selected categories)</span></div></header>'
        f"<main>{_summary(summary)}"
    )
    yield from joined(f"{before}{rank}{after}" for rank, (_, _, (before, after)) in enumerate(ok, 1))
    yield '<p id="empty" class="hidden">No product matches the search and filters.</p>'
    if others:
        yield '<h2>Not scored</h2><ul class="other">'
        yield from joined(r[2] for r in others)
        yield "</ul>"
    yield f'</main><script type="application/json" id="report-data">{data}</script><script>{SCRIPT}</script></body></html>'


def render(records, options: Options) -> str:
    return render_report(records, options.title, options.summary)


WRITER = Writer(
    "html", render, help="a self-contained HTML report",
    row=row, render_rows=lambda rows, options: report_pieces(rows, options.title, options.summary),
)
