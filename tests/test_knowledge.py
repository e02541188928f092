import textwrap

import pytest

from analyzer import analyze_text
from analyzer.knowledge import REQUIRED_CATEGORIES, KnowledgeBaseError, builtin_knowledge, load_knowledge
from analyzer.text import name_key


def write(tmp_path, text, name="my-kb.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_builtin_base_has_the_required_categories_and_enough_actives():
    kb = builtin_knowledge()
    assert set(REQUIRED_CATEGORIES) <= set(kb.categories)
    for extra in ("adenosine", "bakuchiol", "growth_factor", "ceramide"):
        assert extra in kb.categories
    per_category = {c: sum(1 for a in kb.actives if a.category == c) for c in kb.categories}
    assert all(per_category[c] >= 2 for c in REQUIRED_CATEGORIES), per_category
    assert len(kb.actives) >= 150


@pytest.mark.parametrize(
    "category, names",
    [
        ("retinoid", ["Retinol", "Retinal", "Retinyl Palmitate", "Retinyl Acetate", "Retinyl Propionate", "Retinyl Linoleate", "Hydroxypinacolone Retinoate", "Retinyl Retinoate"]),
        ("hyaluronic_acid", ["Sodium Hyaluronate", "Potassium Hyaluronate", "Hydrolyzed Hyaluronic Acid", "Sodium Acetylated Hyaluronate", "Sodium Hyaluronate Crosspolymer", "Hydrolyzed Sodium Hyaluronate"]),
        ("vitamin_c", ["Ascorbic Acid", "Sodium Ascorbyl Phosphate", "Magnesium Ascorbyl Phosphate", "Ascorbyl Glucoside", "Ascorbyl Palmitate", "Tetrahexyldecyl Ascorbate", "3-O-Ethyl Ascorbic Acid", "Sodium Ascorbate"]),
        ("vitamin_e", ["Tocopherol", "Tocopheryl Acetate", "Tocopheryl Succinate", "Tocotrienols"]),
        ("vitamin_b5", ["Panthenol", "Calcium Pantothenate", "Panthenyl Ethyl Ether"]),
        ("collagen", ["Collagen", "Hydrolyzed Collagen", "Soluble Collagen", "Atelocollagen"]),
    ],
)
def test_every_expected_inci_form_is_covered(category, names):
    kb = builtin_knowledge()
    for name in names:
        found = kb.lookup(name)
        assert found is not None and found[0].category == category, name


def test_retinoids_carry_sun_and_pregnancy_cautions():
    kb = builtin_knowledge()
    retinol = kb.lookup("Retinol")[0]
    assert {"sun_sensitivity", "pregnancy"} <= set(retinol.cautions)


def test_no_name_is_used_twice():
    kb = builtin_knowledge()
    names = [name_key(n) for a in kb.actives for n in (a.inci, *a.aliases)]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    "content, message",
    [
        ("actives: [}", "not valid YAML"),
        ("- just a list", "expected a mapping"),
        ("actives:\n  - category: retinoid\n    weight: 5\n", "actives[0]: missing 'inci'"),
        ("actives:\n  - inci: Foo\n    category: nonsense\n    weight: 5\n", "actives[0] (Foo): unknown category 'nonsense'"),
        ("actives:\n  - inci: Foo\n    category: retinoid\n    weight: high\n", "actives[0] (Foo): 'weight' must be a number from 0 to 10"),
        ("actives:\n  - inci: Foo\n    category: retinoid\n    weight: 12\n", "must be a number from 0 to 10"),
        ("actives:\n  - inci: Foo\n    category: retinoid\n    weight: 3\n    cautions: [moon]\n", "unknown caution 'moon'"),
        ("rules:\n  - id: bad\n    name: Bad\n    category: peptide\n    weight: 2\n    pattern: '(unclosed'\n", "rules[0] (bad): 'pattern' is not a valid regular expression"),
        ("actives:\n  - inci: Foo\n    category: retinoid\n    weight: 3\n  - inci: Bar\n    category: retinoid\n    weight: 3\n    aliases: [FOO]\n", "name 'FOO' is already used by 'Foo'"),
        ("colours: {}\n", "unknown section(s): colours"),
    ],
)
def test_broken_user_file_names_file_entry_and_problem(tmp_path, content, message):
    path = write(tmp_path, content)
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_missing_user_file(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="file not found"):
        load_knowledge(tmp_path / "nope.yaml")


def test_user_file_extends_the_base(tmp_path):
    path = write(
        tmp_path,
        """
        actives:
          - inci: Glycyl Wonderpeptide
            category: peptide
            weight: 9
            note: House peptide.
            aliases: [Wonderlift]
        """,
    )
    kb = load_knowledge(path)
    assert kb.lookup("Wonderlift")[0].inci == "Glycyl Wonderpeptide"
    assert kb.lookup("Retinol")[0].inci == "Retinol"  # built-in entries remain
    analysis = analyze_text("Aqua, Wonderlift, Glycerin", kb)
    assert [f.active.inci for f in analysis.findings] == ["Glycyl Wonderpeptide"]


def test_user_file_overrides_a_builtin_entry(tmp_path):
    path = write(
        tmp_path,
        """
        actives:
          - inci: Retinol
            category: retinoid
            weight: 2
            note: Overridden.
        """,
    )
    kb = load_knowledge(path)
    assert kb.lookup("Retinol")[0].weight == 2
    assert sum(1 for a in kb.actives if a.inci == "Retinol") == 1
    base = analyze_text("Aqua, Retinol, Glycerin").score
    assert analyze_text("Aqua, Retinol, Glycerin", kb).score < base


def test_retinoid_with_acids_note():
    analysis = analyze_text("Aqua, Glycolic Acid, Retinol, Glycerin, Phenoxyethanol")
    ids = {n.id for n in analysis.notes}
    assert "retinoid_with_acids" in ids
    assert "irritation" in analysis.cautions


def test_retinoid_sun_note_is_dropped_when_the_product_has_a_sunscreen():
    plain = analyze_text("Aqua, Retinol, Glycerin")
    spf = analyze_text("Aqua, Zinc Oxide, Retinol, Glycerin")
    assert "retinoid_without_sunscreen" in {n.id for n in plain.notes}
    assert "retinoid_without_sunscreen" not in {n.id for n in spf.notes}
    assert "pregnancy" in spf.cautions  # the pregnancy caution stays


def test_no_notes_for_a_plain_list():
    analysis = analyze_text("Aqua, Glycerin, Niacinamide, Phenoxyethanol")
    assert analysis.notes == [] and analysis.cautions == {}


@pytest.mark.parametrize(
    "content, message",
    [
        ("interactions:\n  - id: n\n    when: [retinoid]\n    caution: [irritation]\n    message: x\n", "'caution' must be one caution id"),
        ("categories:\n  vitamin_b3:\n    label: B3\n    low_dose: 'false'\n", "'low_dose' must be true or false"),
    ],
)
def test_more_broken_user_files(tmp_path, content, message):
    with pytest.raises(KnowledgeBaseError, match=message):
        load_knowledge(write(tmp_path, content))


def test_a_new_version_of_the_user_file_is_reloaded(tmp_path):
    import os

    entry = "actives:\n  - inci: Retinol\n    category: retinoid\n    weight: {}\n"
    path = write(tmp_path, entry.format(9))
    assert load_knowledge(path).lookup("Retinol")[0].weight == 9
    stat = path.stat()
    path.write_text(entry.format(1) + "# longer\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime, as rsync -t would leave it
    assert load_knowledge(path).lookup("Retinol")[0].weight == 1


def test_a_user_active_alone_or_joined_is_read_like_a_builtin_one(tmp_path):
    from analyzer.page import analyze_page_text

    kb = load_knowledge(write(tmp_path, "actives:\n  - inci: Foobarin\n    category: peptide\n    weight: 8\n"))
    assert [f.active.inci for f in analyze_text("Foobarin", kb).findings] == ["Foobarin"]
    joined = analyze_text("Aqua, Glycerin, Potassium Sorbate Foobarin", kb)
    assert [i.name for i in joined.ingredients] == ["Aqua", "Glycerin", "Potassium Sorbate", "Foobarin"]
    page = analyze_page_text("<html><body><h2>Ingredients</h2><p>Aqua, Foobarin</p></body></html>", kb)
    assert page.status == "ok" and [f.active.inci for f in page.analysis.findings] == ["Foobarin"]


def test_analyzers_are_not_kept_alive_by_the_parser_caches():
    # Scripts that make one Analyzer per document must not grow without bound.
    import gc
    import weakref

    from analyzer.core import Analyzer

    refs = []
    for text in ("Aqua, Glycerin, Retinol, Phenoxyethanol", "Water, Squalane, Bakuchiol, Tocopherol, Glycerin"):
        analyzer = Analyzer()
        analyzer.analyze_text(text)
        refs.append(weakref.ref(analyzer))
    del analyzer
    gc.collect()
    assert [r() for r in refs] == [None, None]
