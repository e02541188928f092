"""The project's own list of ordinary names and the shapes of ordinary names."""
from importlib import resources

import pytest

from analyzer.core import shared_analyzer
from analyzer.names import inci_shaped, ordinary_name_keys, product_shaped
from analyzer.text import name_key


def curated_lines():
    text = (resources.files("analyzer") / "data" / "ordinary_names.txt").read_text(encoding="utf-8")
    section = None
    for line in text.splitlines():
        if line.startswith("# =="):
            section = line.strip("# =").strip()
        elif line.strip() and not line.startswith("#"):
            yield section, line.strip()


def test_curated_names_are_unique_and_none_is_an_active():
    kb = shared_analyzer().kb
    seen = {}
    for _, name in curated_lines():
        key = name_key(name)
        assert key not in seen, f"{name!r} repeats {seen[key]!r}"
        assert key not in kb.by_key, f"{name!r} is an active's name"
        seen[key] = name
    assert len(seen) >= 1500
    assert ordinary_name_keys() == frozenset(seen)


def test_no_ordinary_name_is_matched_as_an_active():
    matcher = shared_analyzer().matcher
    hits = [(name, m.active.inci) for _, name in curated_lines() if (m := matcher.match_name(name)) is not None]
    assert hits == []


@pytest.mark.parametrize(
    "name",
    [
        "PEG-40 Hydrogenated Castor Oil", "CI 77891", "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        "C13-16 Isoparaffin", "Rosa Canina Fruit Oil", "Isopropyl Myristate", "Polysorbate 20",
        "Ceteareth-25", "Cyclopentasiloxane", "Sodium Stearoyl Lactylate", "Vaccinium Myrtillus Fruit Extract",
        "Glyceryl Caprylate", "Hydroxyethylcellulose", "Polyquaternium-10",
    ],
)
def test_ordinary_names_are_recognised_by_their_shape(name):
    assert inci_shaped(name_key(name))


@pytest.mark.parametrize("text", ["Loved it", "would buy again", "Retinol Night Serum", "Free shipping", "Add to bag"])
def test_words_and_product_names_are_not_ingredient_shaped(text):
    assert not inci_shaped(name_key(text))


@pytest.mark.parametrize("name", ["Retinol Night Serum 30 ml", "Vitamin C Brightening Drops", "Hyaluron Creme", "Peptide Eye Cream"])
def test_product_names_are_recognised(name):
    assert product_shaped(name_key(name))
    assert shared_analyzer().matcher.match_name(name) is None


@pytest.mark.parametrize("name", ["Sodium Hyaluronate", "Palmitoyl Tripeptide-1", "Retinyl Oleate", "Camellia Sinensis Leaf Extract"])
def test_ingredient_names_are_not_product_names(name):
    assert not product_shaped(name_key(name))
