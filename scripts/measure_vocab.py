"""The knowledge base against a real INCI vocabulary: recall per category,
and false hits on names that are not firming actives.

    python scripts/measure_vocab.py [cosing_names.txt] [--show] [--seed N]

The vocabulary is the EU CosIng inventory (../shared/vocab/cosing_names.txt,
read in place, never copied). Which names belong to which category is decided
here by plain chemistry rules written for this measurement, independent of
ingredients.yaml:

- a *plain member* is a single-substance name (no `/` mixture, no ferment)
  that a category's rule takes and no exclusion removes;
- a *non-active* name is one that no category rule takes, or that an
  exclusion removes (derivatives without the active's activity: acyl
  surfactants, quats, PEG/PPG ethers, silicones, drug conjugates, enzymes);
- mixtures and ferments that contain a member are left out of both counts,
  and so are mixtures naming a plant source that a category lists by its
  extract (`Camellia Sinensis Leaf/Panax Ginseng Root Extract`).

Prints per-category recall on plain members, false hits on the non-active
names (any match to an active), and false hits on the non-active names with
one random typo each.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.core import Analyzer  # noqa: E402
from analyzer.evaluate import misspell  # noqa: E402
from analyzer.text import name_key  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "vocab" / "cosing_names.txt"

# No word boundary before the count: Acetyl Cyclohexapeptide-34, Tridecapeptide-1
# and Acetyl Monofluoroheptapeptide-1 are peptides too.
_NUMBERED_PEPTIDE = r"(?:di|tri|tetra|penta|hexa|hepta|octa|nona|deca|oligo|poly)peptide \d+"
MEMBERS = {
    "retinoid": r"\bretin(?:ol|al|yl|oyl|oate|oic|amide|amido|aldehyde)|\bretinoxy|\bdiretin|\btretinoin\b|\badapalene\b|\btazarotene\b",
    # `hyauronate` is the inventory's own misspelling in one ferment name.
    "hyaluronic_acid": r"hyaluron|hyauronat",
    "vitamin_c": r"ascorb",
    "vitamin_e": r"\btocopher|\btocotrien",
    "vitamin_b3": r"\bniacinamide\b|\bniacin\b|\bnicotinamide\b|\bnicotinic acid\b|nicotinate\b",
    # Pantetheine is the vitamin B5 half of pantethine (its disulfide dimer).
    "vitamin_b5": r"panthen|pantothen|pantethe?ine",
    "collagen": r"collagen",
    "elastin": r"\belastin\b",
    "ceramide": r"\bceramide|sphingosine|sphinganine|sphingolipid|hydroxypropyl bispalmitamide mea|cetyl pg hydroxyethyl palmitamide"
    r"|cetylhydroxyproline palmitamide",
    "adenosine": r"\badenosine\b",
    # `polypedtide` is the inventory's own misspelling in one plant-made name.
    "growth_factor": r"\b(?:sh|rh) (?:oligo|poly)pe[pd]tide \d+|^human fibroblast conditioned media$",
    "peptide": _NUMBERED_PEPTIDE
    + r"|palmitoyl oligopeptide|dipeptide diaminobutyroyl benzylamide diacetate|acetylarginyltryptophyl diphenylglycine"
    + r"|acetyl citrull amido arginine|arginine lysine polypeptide|(?:alanine|glycine) histidine lysine polypeptide"
    + r"|tetradecyl aminobutyroylvalylaminobutyric urea",
    "antioxidant": r"^(?:resveratrol|ferulic acid|ethyl ferulate|ubiquinone|hydroxydecyl ubiquinone|astaxanthin|ergothioneine"
    r"|superoxide dismutase|glutathione|thioctic acid|carnosine|decarboxy carnosine hcl|epigallocatechin gallate"
    r"|lycopene|beta carotene|tetrahydrodiferuloylmethane|phloretin|quercetin|ellagic acid|hydroxytyrosol|caffeic acid"
    r"|rosmarinic acid|carnosic acid|fullerenes|curcumin|chlorogenic acid|pterostilbene"
    r"|camellia sinensis leaf extract|camellia sinensis leaf powder|vitis vinifera seed extract|punica granatum extract"
    r"|punica granatum fruit extract|punica granatum fruit juice|pinus pinaster bark extract|rosmarinus officinalis leaf extract"
    r"|silybum marianum fruit extract|silybum marianum extract|polypodium leucotomos extract|coffea arabica seed extract"
    r"|haematococcus pluvialis extract|ubiquinol|tetrahydrocurcumin|epigallocatechin gallatyl glucoside"
    r"|camellia sinensis leaf|hydrolyzed camellia sinensis leaf|hydrolyzed camellia sinensis leaf extract|camellia oleifera leaf|camellia oleifera leaf extract|olea europaea leaf extract|palmitoyl grape seed extract"
    r"|palmitoyl grapevine shoot extract)$",
    "matrix_booster": r"^(?:hydroxypropyl tetrahydropyrantriol|dimethyl mea|centella asiatica extract|centella asiatica leaf extract"
    r"|centella asiatica leaf|centella asiatica leaf powder"
    r"|madecassoside|asiaticoside|asiatic acid|madecassic acid|dipalmitoyl hydroxyproline|acetyl glucosamine|genistein"
    r"|soy isoflavones)$",
    # The bakuchiol-bearing seed (botanically the fruit) of Psoralea corylifolia.
    "bakuchiol": r"\bbakuchiol\b|^psoralea corylifolia (?:seed|fruit) extract$",
}
# Derivatives that do not carry the active's activity: they are non-active names.
EXCLUDE = {
    "hyaluronic_acid": r"hyaluronidase|minoxidil|brightener",  # an enzyme, a drug and a dye conjugate
    "vitamin_c": r"erythorb|isoascorb",
    "vitamin_e": r"tocophereth",
    # Isonicotinic acid (the 4-isomer) is no vitamin B3.
    "vitamin_b3": r"isoniacinamide|isonicotin|nicotinoyl|peptide \d+ nicotinate",
    "vitamin_b5": r"onium\b|methicone|siloxane|silane|chloride",
    "collagen": r"collagenase|\b(?:coco|cocoyl|lauroyl|myristoyl|oleoyl|stearoyl|isostearoyl|undecylenoyl|capryloyl|palmitoyl) hydrolyzed\b"
    r"|onium\b|\bpeg\b|\bppg\b|silanediol|silanetriol|methicone",
    "elastin": r"onium\b|\b(?:cocoyl|lauroyl|palmitoyl|isostearoyl) hydrolyzed\b",
    "retinoid": r"^$",
    # Enzymes fused to a peptide (a collagenase, bromelain) are enzymes.
    "peptide": r"\b(?:sh|rh) (?:oligo|poly)peptide|hydrolyz|ase\b|bromelain",
}
MIXTURE = re.compile(r"/|\bferment\b|\bfiltrate\b|\blysate\b")
# Plant sources of the listed extracts: a mixture naming one may contain a member.
MIXED_SOURCES = re.compile(
    r"camellia sinensis|camellia oleifera|centella asiatica|vitis vinifera|punica granatum|pinus pinaster|rosmarinus officinalis"
    r"|silybum marianum|polypodium leucotomos|coffea arabica|haematococcus pluvialis|olea europaea|psoralea corylifolia"
)
_COMPILED = {c: re.compile(p) for c, p in MEMBERS.items()}
_EXCLUDED = {c: re.compile(p) for c, p in EXCLUDE.items()}


def classify(name: str) -> tuple[str, set[str]]:
    """('member', categories) | ('ambiguous', categories) | ('non_active', set())."""
    key = name_key(name)
    cats = {c for c, rx in _COMPILED.items() if rx.search(key) and not (c in _EXCLUDED and _EXCLUDED[c].search(key))}
    if not cats:
        if MIXTURE.search(name.lower()) and MIXED_SOURCES.search(key):
            return "ambiguous", set()
        return "non_active", set()
    if MIXTURE.search(name.lower()):
        return "ambiguous", cats
    return "member", cats


def load(path: Path = DEFAULT) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def measure(names: list[str], analyzer: Analyzer | None = None, seed: int = 7) -> dict:
    analyzer = analyzer or Analyzer()
    matcher = analyzer.matcher
    found: dict[str, int] = Counter()
    total: dict[str, int] = Counter()
    missed: dict[str, list[str]] = defaultdict(list)
    wrong_category: list[tuple[str, str, str]] = []
    false_hits: list[tuple[str, str]] = []
    typo_hits: list[tuple[str, str, str]] = []
    non_active = 0
    rng = random.Random(seed)
    for name in names:
        kind, cats = classify(name)
        if kind == "ambiguous":
            continue
        hit = matcher.match_name(name)
        if kind == "member":
            for cat in cats:
                total[cat] += 1
            if hit is not None and hit.active.category in cats:
                for cat in cats:
                    found[cat] += 1
            else:
                for cat in cats:
                    missed[cat].append(name)
                if hit is not None:
                    wrong_category.append((name, hit.active.inci, hit.active.category))
            continue
        non_active += 1
        if hit is not None:
            false_hits.append((name, hit.active.inci))
        typo = misspell(name.title(), rng)
        if typo.lower() != name.lower():
            typo_hit = matcher.match_name(typo)
            if typo_hit is not None:
                typo_hits.append((name, typo, typo_hit.active.inci))
    recall = {c: found[c] / total[c] for c in sorted(total)}
    return {
        "recall": recall,
        "members": dict(total),
        "missed": dict(missed),
        "wrong_category": wrong_category,
        "non_active": non_active,
        "false_hits": false_hits,
        "typo_hits": typo_hits,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="list the misses and false hits")
    parser.add_argument("--seed", type=int, default=7, help="seed of the random typos")
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"no vocabulary at {args.path} (it lives in ../shared/vocab/cosing_names.txt)")
    out = measure(load(args.path), seed=args.seed)
    print(f"{args.path}: recall on plain category members")
    for cat, value in out["recall"].items():
        print(f"  {cat:<16} {value:.3f}  ({out['members'][cat]} names)")
    n = out["non_active"]
    print(f"non-active names: {n}; matched as an active: {len(out['false_hits'])}")
    print(f"non-active names with one typo matched as an active: {len(out['typo_hits'])} ({100 * len(out['typo_hits']) / max(1, n):.3f}%)")
    if args.show:
        for cat, names in out["missed"].items():
            print(f"\nmissed {cat}: " + "; ".join(names))
        for name, inci, cat in out["wrong_category"]:
            print(f"wrong category: {name} -> {inci} ({cat})")
        for name, inci in out["false_hits"]:
            print(f"false hit: {name} -> {inci}")
        for name, typo, inci in out["typo_hits"]:
            print(f"typo hit: {name} as {typo!r} -> {inci}")


if __name__ == "__main__":
    main()
