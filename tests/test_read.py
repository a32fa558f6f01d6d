"""Reading a data folder: each file walked once, and what the walk gathers is what a walk of its own would give."""
import datetime as dt

from conftest import FIXTURE_DATA
from macros.data import date_window, glossary
from macros.data.read import read
from macros.data.validate import check_references
from macros.data.yamlload import strings

TODAY = dt.date(2024, 6, 1)


def test_each_file_keeps_the_texts_its_reading_gathered_as_a_walk_of_its_document_gives_them():
    data = read(FIXTURE_DATA, TODAY)
    assert len(data.files) > 5 and all(f.texts for f in data.files)
    for f in data.files:
        assert f.texts == list(strings(f.document)), f.name


def test_the_rules_give_the_same_from_the_gathered_texts_as_from_the_document():
    """The rules read each file's gathered texts; a caller without them walks the document: the same problems."""
    data = read(FIXTURE_DATA, TODAY)
    terms = [t for t in data.registries["glossary"].values() if t is not None]
    known = {folder: dict(ids) for folder, ids in data.registries.items()}
    known["themes"].pop(next(iter(known["themes"])))  # so that some references are unknown
    said = [0, 0, 0]
    for f in data.files:
        gathered = (check_references(f.document, f.lines, f.name, known, kind=f.kind, texts=f.texts),
                    date_window.outside_window(f.document, f.lines, f.name, f.kind, dt.date(1991, 1, 1), texts=f.texts),
                    glossary.undefined(f.document, f.lines, f.name, terms[:1], texts=f.texts))
        walked = (check_references(f.document, f.lines, f.name, known, kind=f.kind),
                  date_window.outside_window(f.document, f.lines, f.name, f.kind, dt.date(1991, 1, 1)),
                  glossary.undefined(f.document, f.lines, f.name, terms[:1]))
        assert gathered == walked, f.name
        said = [n + len(found) for n, found in zip(said, (walked[0][0], walked[1], walked[2]))]
    assert all(said), said  # each rule found something to compare


def test_a_lookalike_id_is_looked_for_where_yaml_put_it_when_a_field_name_is_not_text(tmp_path):
    """YAML makes `2015:` the number 2015; the schema names the field '2015'. Each message about a value looks for
    it where its own path leads in the document as YAML made it: the value under 2015 is a lookalike id, and
    nothing is under '2015', so that one is only an unknown field."""
    from macros.data.read import read_file
    path = tmp_path / "data" / "briefings" / "2023-05-x.yml"
    path.parent.mkdir(parents=True)
    path.write_text("title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\n2015: ２０２２\nid: ｃａｍｈｓ\n", encoding="utf-8")
    problems, got, _ = read_file(path, "briefing", "data/briefings/2023-05-x.yml", None, tmp_path / "data")
    lookalike = ("id has a character that is not a plain letter, digit or hyphen (U+{}): ids are web addresses "
                 "(/themes/<id>/), so type it with the keyboard's digits 0-9, letters a-z and hyphens: {}")
    assert [str(p) for p in problems] == [
        "data/briefings/2023-05-x.yml:5: " + lookalike.format("FF12 FULLWIDTH DIGIT TWO", "2022"),
        "data/briefings/2023-05-x.yml:5: unknown field '2015'. Fields allowed here: title, type, date, source, summary, "
        "key_messages, cohort, needs, agencies, worries, good_practice, learning, resources, questions, used_by",
        "data/briefings/2023-05-x.yml:6: " + lookalike.format("FF43 FULLWIDTH LATIN SMALL LETTER C", "camhs")]
    assert got.document["2015"] == "２０２２"


def test_the_briefings_fast_check_is_compiled_before_the_briefings_are_shared_out(monkeypatch):
    """Compiled in the process that forks the workers, it is theirs already: not compiled again in each."""
    from macros.data import fastschema, read as reading
    fastschema._compiled.cache_clear()
    real_run, compiled_already = reading.parallel.run, []

    def run(fn, jobs, shared=None):
        hits = fastschema._compiled.cache_info().hits
        fastschema._compiled("briefing")
        compiled_already.append(fastschema._compiled.cache_info().hits == hits + 1)
        return real_run(fn, jobs, shared=shared)
    monkeypatch.setattr(reading.parallel, "run", run)
    assert read(FIXTURE_DATA, TODAY).briefings and compiled_already == [True]
