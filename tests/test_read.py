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
