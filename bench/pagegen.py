"""Generate realistic, heavy product pages (200-300 KB) for the page benchmark.

Each page buries one INCI list, in one of several shop layouts, among inline
scripts, a mega-menu, product cards and reviews, as saved shop pages do.
"""
from __future__ import annotations

import json
import random

WORDS = (
    "skin glow hydration serum cream radiant smooth gentle daily formula texture absorb fast light rich "
    "soft bright even tone barrier care routine morning night apply massage dry oily combination sensitive "
    "results weeks visible lines firm plump bounce dewy finish fragrance free vegan cruelty clean"
).split()
INCI = (
    "Aqua, Glycerin, Butylene Glycol, Niacinamide, Squalane, Caprylic/Capric Triglyceride, Cetearyl Alcohol, "
    "Sodium Hyaluronate, Retinol, Palmitoyl Tripeptide-1, Palmitoyl Tetrapeptide-7, Ascorbyl Glucoside, Panthenol, "
    "Tocopherol, Dimethicone, Carbomer, Xanthan Gum, Disodium EDTA, Phenoxyethanol, Ethylhexylglycerin, "
    "Sodium Hydroxide, Citric Acid, Allantoin, Camellia Sinensis Leaf Extract, Adenosine"
).split(", ")
LAYOUTS = ("accordion", "tabs", "dl", "inline", "json-ld", "next-data", "table", "ul")


def _sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _script(rng: random.Random, size: int) -> str:
    chunks = []
    while sum(len(c) for c in chunks) < size:
        key = "".join(rng.choice("abcdefghij") for _ in range(8))
        chunks.append(f'window.{key}=function(a,b){{return a&&b?"{_sentence(rng, 6)}":{rng.random()}}};')
    return "<script>" + "".join(chunks) + "</script>"


def _noise(rng: random.Random, size: int) -> str:
    parts = []
    while sum(len(p) for p in parts) < size:
        kind = rng.randrange(4)
        if kind == 0:
            items = "".join(f'<li class="menu__item"><a href="/c/{i}">{rng.choice(WORDS).title()}</a></li>' for i in range(12))
            parts.append(f'<nav class="mega-menu"><ul>{items}</ul></nav>')
        elif kind == 1:
            cards = "".join(
                f'<div class="card"><h3 class="card__title">{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}</h3>'
                f'<span class="price">${rng.randrange(10, 90)}.00</span><p>{_sentence(rng)}</p></div>'
                for _ in range(6)
            )
            parts.append(f'<section class="recommendations">{cards}</section>')
        elif kind == 2:
            reviews = "".join(
                f'<div class="review"><span class="stars">{rng.randrange(1, 6)}/5</span><p>{_sentence(rng, 30)}</p></div>'
                for _ in range(5)
            )
            parts.append(f'<div class="reviews">{reviews}</div>')
        else:
            parts.append(_script(rng, 4000))
    return "".join(parts)


def _ingredient_block(layout: str, inci: list[str]) -> str:
    text = ", ".join(inci)
    if layout == "accordion":
        return f'<details class="accordion"><summary>Ingredients</summary><div class="rte"><p>{text}</p></div></details>'
    if layout == "tabs":
        return (
            '<ul class="tabs"><li><a href="#tab-description">Description</a></li>'
            '<li><a href="#tab-ingredients" aria-controls="tab-ingredients">Ingredients</a></li></ul>'
            f'<div id="tab-description" class="panel"><p>A light serum.</p></div>'
            f'<div id="tab-ingredients" class="panel"><p>{text}</p></div>'
        )
    if layout == "dl":
        return f"<dl class=\"product-attributes\"><dt>Size</dt><dd>30 ml</dd><dt>INCI</dt><dd>{text}</dd></dl>"
    if layout == "inline":
        return f"<div class=\"description\"><p>How to use: apply at night. Ingredients: {text}</p></div>"
    if layout == "table":
        rows = "".join(f"<tr><td>{name}</td><td>function</td></tr>" for name in inci)
        return f"<h3>Ingredients</h3><table><tr><th>Ingredient</th><th>Function</th></tr>{rows}</table>"
    if layout == "ul":
        items = "".join(f"<li>{name}</li>" for name in inci)
        return f"<h2>Full ingredients</h2><ul class=\"inci\">{items}</ul>"
    return ""


def generate_page(rng: random.Random, layout: str | None = None, size: int = 250_000) -> str:
    layout = layout or rng.choice(LAYOUTS)
    inci = INCI[:]
    tail = inci[8:]
    rng.shuffle(tail)
    inci = inci[:8] + tail
    name = f"{rng.choice(WORDS).title()} {rng.choice(['Serum', 'Cream', 'Essence', 'Lotion'])}"
    product = {"@context": "https://schema.org", "@type": "Product", "name": name, "brand": {"@type": "Brand", "name": "Maison Test"}}
    if layout == "json-ld":
        product["additionalProperty"] = [{"@type": "PropertyValue", "name": "Ingredients", "value": ", ".join(inci)}]
    head = (
        f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{name} | Test Shop</title>"
        f'<meta property="og:title" content="{name}">'
        f'<script type="application/ld+json">{json.dumps(product)}</script>'
        + _script(rng, 30_000)
        + "</head><body>"
    )
    body = f'<header>{_noise(rng, 20_000)}</header><main><h1 class="product__title">{name}</h1>'
    body += f"<div class=\"product__description\"><p>{_sentence(rng, 40)}</p></div>"
    body += _ingredient_block(layout, inci)
    if layout == "next-data":
        data = {"props": {"pageProps": {"product": {"name": name, "ingredients": ", ".join(inci)}}}}
        body += f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    filler = max(0, size - len(head) - len(body) - 2000)
    body += f"</main>{_noise(rng, filler)}<footer><p>&copy; Test Shop</p></footer></body></html>"
    return head + body
