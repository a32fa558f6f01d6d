"""The synthetic corpus for benchmarks: valid data, the same bytes for the same seed."""
from macros.catalogue import load
from macros.synth import generate

from conftest import make_data


def test_generated_briefings_load_and_validate(tmp_path):
    data = make_data(tmp_path, seeds=False)
    paths = generate(30, data / "briefings", seed=7, data_dir=data)
    catalogue = load(data)  # raises DataError on any problem
    assert len(catalogue.briefings) == 30 == len(paths)
    assert all(10 <= sum(1 for _ in b.all_items()) <= 25 for b in catalogue.briefings)
    assert len({b.type for b in catalogue.briefings}) > 1 and len({b.year for b in catalogue.briefings}) > 3


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    def corpus(seed, name):
        return [p.read_bytes() for p in generate(5, tmp_path / name, seed=seed)]
    assert corpus(3, "a") == corpus(3, "b")
    assert corpus(3, "a") != corpus(4, "c")
