import random

from analyzer.evaluate import evaluate, misspell

DEVSET = "tests/data/devset.jsonl"


def test_clean_lists_meet_the_precision_and_recall_targets(corpus):
    result = evaluate(DEVSET)
    assert result.rows >= 100
    for category, stats in result.per_category.items():
        assert stats.precision >= 0.97, (category, stats)
        assert stats.recall >= 0.97, (category, stats)


def test_recall_with_typos_meets_the_target(corpus):
    for seed in (1, 2, 3):
        result = evaluate(DEVSET, typos=True, seed=seed)
        for category, stats in result.per_category.items():
            if stats.tp + stats.fn >= 5:
                assert stats.recall >= 0.9, (seed, category, stats)
        assert result.name_recall >= 0.9


def test_misspell_changes_exactly_one_word():
    rng = random.Random(0)
    for name in ("Sodium Hyaluronate", "Palmitoyl Tripeptide-1", "Niacinamide"):
        typo = misspell(name, rng)
        assert typo != name
        changed = [a for a, b in zip(name.split(), typo.split()) if a != b]
        assert len(changed) == 1 and len(typo.split()) == len(name.split())


import json  # noqa: E402

import pytest  # noqa: E402

from analyzer.evaluate import LabelledSetError  # noqa: E402


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "no labelled lists"),
        ("not json\n", ":1: not JSON"),
        (json.dumps({"ingredients": "Aqua, Retinol"}) + "\n", ":1: each line needs a 'categories' list"),
        (json.dumps({"ingredients": "Aqua, Retinol", "categories": ["foo"]}) + "\n", ":1: unknown category foo"),
    ],
)
def test_bad_labelled_sets_are_refused(tmp_path, content, message):
    path = tmp_path / "set.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LabelledSetError, match=message):
        evaluate(path)


def test_labelled_set_with_a_bom(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text("\ufeff" + json.dumps({"ingredients": "Aqua, Retinol, Glycerin", "categories": ["retinoid"]}) + "\n", encoding="utf-8")
    result = evaluate(path)
    assert result.per_category["retinoid"].tp == 1


def test_labels_without_texts_read_them_from_the_corpus_file(tmp_path):
    corpus = tmp_path / "cosmetics.csv"
    corpus.write_text("\ufeffLabel,Brand,Name,Ingredients\nSerum,Acme,A,\"Aqua, Glycerin, Retinol\"\nCream,Acme,B,\"Aqua, Niacinamide\"\n", encoding="utf-8")
    labels = tmp_path / "set.jsonl"
    labels.write_text(json.dumps({"id": "corpus-0001", "categories": ["vitamin_b3"]}) + "\n", encoding="utf-8")
    result = evaluate(labels, corpus=corpus)
    assert result.rows == 1 and result.per_category["vitamin_b3"].tp == 1


def test_labels_without_texts_and_no_corpus_say_where_the_texts_live(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYZER_CORPUS", str(tmp_path / "absent.csv"))
    labels = tmp_path / "set.jsonl"
    labels.write_text(json.dumps({"id": "corpus-0001", "categories": []}) + "\n", encoding="utf-8")
    with pytest.raises(LabelledSetError, match="--corpus") as error:
        evaluate(labels)
    assert f"ANALYZER_CORPUS={tmp_path / 'absent.csv'} is no file" in str(error.value)


@pytest.mark.parametrize("name", ["devset.jsonl", "holdout.jsonl"])
def test_labelled_sets_hold_labels_that_match_their_corpus_rows(corpus, name):
    from conftest import labelled_rows

    rows = labelled_rows(name)
    assert rows and all("brand" not in r and r["ingredients"] is not None for r in rows)
    for row in rows:
        assert row["categories"] == sorted(row["actives"])
        for names in row["actives"].values():
            for label in names:
                assert label.lower() in row["ingredients"].lower(), (row["id"], label)
