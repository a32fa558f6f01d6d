"""`python -m macros.synth N DIR [--seed S]`: write N synthetic briefings for benchmarks.

Each is a valid data/briefings/YYYY-MM-slug.yml of seed size (10 to 25 findings), using the
theme, resource, agency and need ids of the real registries, with types and dates spread
over ten years. The same N and seed always give the same bytes. Plain Python, no MkDocs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import yaml

from .model import BRIEFING_TYPES
from .yamlload import load_yaml

ROOT = Path(__file__).resolve().parent.parent
FIRST_YEAR = 2015

# Phrases a practitioner's audit finding is made of; combined at random into sentences.
SUBJECTS = ["Practitioners", "The GP", "Social care", "School staff", "Health visitors", "The police",
            "The youth offending team", "Partner agencies", "The lead professional", "Early help workers"]
VERBS = ["did not record", "rarely explored", "consistently evidenced", "shared promptly", "did not consider",
         "sought to understand", "escalated", "lost sight of", "reviewed carefully", "assumed"]
OBJECTS = ["the views of the father", "the child's lived experience", "repeated incidents of domestic abuse",
           "the impact of parental mental health", "information from other agencies", "the cumulative risk of neglect",
           "the child's wishes and feelings", "a new partner in the household", "missed health appointments",
           "concerns raised by the school", "the history of previous referrals", "the DASH risk assessment",
           "the step down plan", "the safety plan", "the family's understanding of the worries"]
ENDINGS = ["in most of the cases audited", "before the case was closed", "at the point of referral",
           "when risk increased", "across the core group", "during home visits", "in strategy discussions",
           "throughout the period under review", "in two of the cases", "in supervision"]
TOPICS = ["Neglect", "Domestic Abuse", "Fathers", "Adolescents", "Babies", "Exploitation", "Transitions",
          "Missing Children", "Parental Mental Health", "Self-harm", "Online Harm", "Disabled Children",
          "Home Education", "Housing", "Early Help", "Substance Misuse"]
QUALIFIERS = ["and Professional Curiosity", "in the Early Years", "across Agencies", "at Home",
              "and Information Sharing", "in Practice", "and Step Down", "and the Child's Voice"]


def registry_ids(data_dir: Path) -> dict[str, list[str]]:
    """The ids defined in data/themes.yml, resources.yml, agencies.yml and needs.yml."""
    ids = {}
    for kind in ("themes", "resources", "agencies", "needs"):
        path = data_dir / f"{kind}.yml"
        document, _ = load_yaml(path, path.name)
        ids[kind] = [entry["id"] for entry in document]
    return ids


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"


def _item(rng: random.Random, ids: dict[str, list[str]]):
    """A finding: mostly plain text, sometimes tagged with themes, agencies or resources."""
    text = _sentence(rng)
    if rng.random() < 0.4:
        return text
    item: dict = {"text": text}
    if rng.random() < 0.7:
        item["themes"] = rng.sample(ids["themes"], rng.randint(1, 2))
    if rng.random() < 0.3:
        item["agencies"] = rng.sample(ids["agencies"], 1)
    if rng.random() < 0.3:
        item["resources"] = rng.sample(ids["resources"], 1)
    if rng.random() < 0.15:
        item["details"] = [_sentence(rng) for _ in range(rng.randint(1, 3))]
    return item


def briefing(rng: random.Random, ids: dict[str, list[str]], date: dt.date) -> dict:
    """One briefing as data, with 10 to 25 findings split between its sections."""
    findings = rng.randint(10, 25)
    n_worries = rng.randint(2, 5)
    n_good = rng.randint(2, 5)
    rest = findings - n_worries - n_good
    learning = []
    for theme in rng.sample(ids["themes"], rng.randint(2, 4)):
        if rest <= 0:
            break
        n = min(rest, rng.randint(2, 6))
        rest -= n
        section = {"theme": theme, "heading": f"{rng.choice(TOPICS)} {rng.choice(QUALIFIERS)}"}
        n_found = rng.randint(1, n)
        section["found"] = [_item(rng, ids) for _ in range(n_found)]
        if n - n_found:
            section["actions"] = [_item(rng, ids) for _ in range(n - n_found)]
        if rng.random() < 0.5:
            section["resources"] = rng.sample(ids["resources"], rng.randint(1, 2))
        learning.append(section)
    n_worries += max(rest, 0)  # whatever the learning sections left over
    children = rng.randint(3, 14)
    low = rng.randint(0, 10)
    return {
        "title": f"{rng.choice(TOPICS)} {rng.choice(QUALIFIERS)}",
        "type": rng.choice(list(BRIEFING_TYPES)),
        "date": date,
        "summary": f"The audit reviewed the records of {children} children. " + ". ".join(_sentence(rng) for _ in range(2)) + ".",
        "cohort": {"children": children, "age_range": [low, rng.randint(low + 1, 17)]},
        "needs": rng.sample(ids["needs"], rng.randint(1, 4)),
        "agencies": rng.sample(ids["agencies"], rng.randint(3, 7)),
        "worries": [_item(rng, ids) for _ in range(n_worries)],
        "good_practice": [_item(rng, ids) for _ in range(n_good)],
        "learning": learning,
        "resources": rng.sample(ids["resources"], rng.randint(0, 3)),
        "questions": [f"How do we make sure {rng.choice(OBJECTS)} is considered {rng.choice(ENDINGS)}?"],
    }


def generate(n: int, out_dir: Path, seed: int = 0, data_dir: Path = ROOT / "data") -> list[Path]:
    """Write n briefings into out_dir; return their paths. Deterministic for (n, seed, registries)."""
    rng = random.Random(seed)
    ids = registry_ids(Path(data_dir))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    start, span = dt.date(FIRST_YEAR, 1, 1), 10 * 365
    paths = []
    for i in range(n):
        data = briefing(rng, ids, start + dt.timedelta(days=rng.randrange(span)))
        slug = "-".join(data["title"].lower().replace("'", "").split())
        path = out_dir / f"{data['date']:%Y-%m}-{slug}-synth-{i:05d}.yml"
        text = "# yaml-language-server: $schema=../schema/briefing.schema.json\n# Synthetic: made by macros.synth for benchmarks.\n"
        path.write_text(text + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.synth", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many briefings")
    parser.add_argument("dir", type=Path, help="where to write them, e.g. data/briefings")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.n, args.dir, args.seed)
    print(f"Wrote {len(paths)} synthetic briefings into {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
