"""The synthetic corpus for benchmarks and tests: valid data, the same bytes for the same seed, and
tagged with the ids of the catalogue it goes into (never another's)."""
from macros.data.catalogue import load
from macros.tools.synth import generate

from conftest import make_data, other_data


def test_generated_briefings_load_and_validate(tmp_path):
    data = make_data(tmp_path, seeds=False)
    paths = generate(30, data, seed=7)
    catalogue = load(data)  # raises DataError on any problem
    assert len(catalogue.briefings) == 30 == len(paths)
    assert all(p.parent == data / "briefings" for p in paths)
    assert all(10 <= sum(1 for _ in b.all_items()) <= 25 for b in catalogue.briefings)
    assert len({b.type for b in catalogue.briefings}) > 1 and len({b.year for b in catalogue.briefings}) > 3


def test_the_ids_are_those_of_the_catalogue_the_briefings_go_into(tmp_path):
    """An editor's new theme in the project's data/ once reached briefings checked against the fixture's lists."""
    data = other_data(tmp_path)  # every id differs from the project's and the fixture's
    generate(40, data, seed=5)
    catalogue = load(data)  # an id from any other list is an unknown id: DataError
    used = {t for b in catalogue.briefings for _, _, item in b.all_items() for t in item.themes}
    assert used and all(t.startswith("our-") for t in used)
    assert {a for b in catalogue.briefings for a in b.agencies} <= set(catalogue.agencies)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    def corpus(seed, name):
        return [p.read_bytes() for p in generate(5, make_data(tmp_path / name, seeds=False), seed=seed)]
    first = corpus(3, "a")
    assert first == corpus(3, "b")
    assert first != corpus(4, "c")
