"""`python -m macros.tools.synth N DATA_DIR [--seed S]`: write N synthetic briefings for benchmarks.

Each is a valid DATA_DIR/briefings/YYYY-MM-slug.yml of seed size (10 to 25 findings), using the
theme, resource, agency and need ids of DATA_DIR's own registries (the catalogue it will be
checked against: ids taken from another would name a theme that catalogue has not), with types and dates spread
over ten years. About a third track their actions (owner, due date, status: some overdue,
some open, some done) and about a quarter record teams' use. The same N and seed always give
the same bytes. Plain Python, no MkDocs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import yaml

from ..data.model import BRIEFING_TYPES
from ..data.yamlload import load_yaml

FIRST_YEAR = 2015

# Phrases a practitioner's audit finding is made of; combined at random into sentences. As in real
# briefings, each one keeps to its topic: most findings use the words of the topic in its title,
# some the general words of any audit, a few another topic's. (An earlier corpus drew every finding
# from one small pool, so each word was on nearly every page: unlike any real set of briefings.)
SUBJECTS = ["Practitioners", "The GP", "Social care", "School staff", "Health visitors", "The police",
            "The youth offending team", "Partner agencies", "The lead professional", "Early help workers"]
VERBS = ["did not record", "rarely explored", "consistently evidenced", "shared promptly", "did not consider",
         "sought to understand", "escalated", "lost sight of", "reviewed carefully", "assumed"]
GENERAL = ["the child's lived experience", "information from other agencies", "the child's wishes and feelings",
           "concerns raised by the school", "the history of previous referrals", "the family's understanding of the worries",
           "the chronology", "the outcome of the strategy discussion", "the plan agreed at the core group",
           "the reasons for closing the case", "the views of the wider family", "the child's health needs"]
TOPIC_WORDS = {
    "Neglect": ["the cumulative impact of neglect", "the condition of the home", "missed health appointments",
                "the Neglect Toolkit", "the child's hygiene and clothing"],
    "Domestic Abuse": ["repeated incidents of domestic abuse", "the DASH risk assessment", "a referral to MARAC",
                       "the perpetrator's pattern of behaviour", "the safety plan for the victim"],
    "Fathers": ["the views of the father", "a new partner in the household", "the father's history",
                "inviting fathers to meetings", "the role of the mother's partner"],
    "Adolescents": ["the young person's friendships", "episodes of going missing", "the young person's school attendance",
                    "the young person's own account", "risks outside the home"],
    "Babies": ["the baby's weight and feeding", "safe sleeping advice", "bruising in a non-mobile baby",
               "the parents' care of the newborn", "the ICON message about crying"],
    "Exploitation": ["signs of criminal exploitation", "county lines activity", "the contextual safeguarding meeting",
                     "the exploitation screening tool", "older associates"],
    "Transitions": ["the move to secondary school", "the transfer between local authorities", "the handover to adult services",
                    "the change of allocated worker", "records sent with the child"],
    "Missing Children": ["return home interviews", "each missing episode", "the missing from home protocol",
                         "where the child stayed while missing", "patterns in missing episodes"],
    "Parental Mental Health": ["the impact of parental mental health", "the mother's postnatal depression",
                               "adult mental health services", "the parent's medication", "the parent's crisis plan"],
    "Self-harm": ["the young person's self-harm", "the CAMHS referral", "the safety plan after self-harm",
                  "ligature risks", "the emergency department attendance"],
    "Online Harm": ["the child's use of social media", "sharing of images online", "online grooming",
                    "the parents' oversight of devices", "the online safety plan"],
    "Disabled Children": ["the child's communication needs", "the short breaks plan", "the disabled child's own views",
                          "the EHCP", "carers' assessments"],
    "Home Education": ["the decision to home educate", "the elective home education visit", "children missing education",
                       "the child's access to education", "the EHE officer's contact"],
    "Housing": ["temporary accommodation", "the family's housing moves", "overcrowding in the home",
                "the housing officer's concerns", "the risk of eviction"],
    "Early Help": ["the early help assessment", "the team around the family", "the step up to social care",
                   "the family's consent to early help", "the early help plan"],
    "Substance Misuse": ["parental alcohol use", "the parent's drug use", "the substance misuse service",
                         "drug testing results", "the child's exposure to substances"],
}
TOPICS = list(TOPIC_WORDS)
ENDINGS = ["in most of the cases audited", "before the case was closed", "at the point of referral",
           "when risk increased", "across the core group", "during home visits", "in strategy discussions",
           "throughout the period under review", "in two of the cases", "in supervision"]
# The impact loop: how actions progress and how teams use a briefing.
TRACKED_SHARE, USED_SHARE = 0.35, 0.25
# As in life, the older the audit, the more of its actions are closed: a briefing's age (in years before
# the corpus ends, not before today, so the bytes never change) shifts the odds towards done.
OPEN_STATUSES = [("not-started", 2), ("in-progress", 3), (None, 1)]
CLOSED_STATUSES = [("done", 9), ("dropped", 1)]
LAST_DAY = dt.date(FIRST_YEAR + 10, 1, 1)
# Actions fall due, and teams use briefings, up to the end of the next year: within date_window.WINDOW from 2025 on.
LATEST = dt.date(LAST_DAY.year + 1, 12, 31)
TEAMS = ["Health visiting team", "Children's social care assessment team", "School nursing service",
         "Designated safeguarding leads network", "Neighbourhood policing team", "Early help locality team",
         "GP practice safeguarding leads", "Emergency department staff", "Youth offending service",
         "CAMHS duty team", "Midwifery team", "Housing options team"]
AREAS = ["north", "south", "east", "west", "central"]
HOW = ["team meeting", "supervision", "training", "induction", "practice development session", "briefing email"]
CHANGES = ["We will ask about every adult in the household at the first visit",
           "Supervision now asks what the child's day is like", "We will check the chronology before closing a case",
           "Referrals now say what we are worried about in plain words", "We will invite fathers to every review",
           "We added the toolkit to our induction pack", "We will escalate sooner when a plan drifts"]
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


def _object(rng: random.Random, topic: str) -> str:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(TOPIC_WORDS[topic])
    if roll < 0.9:
        return rng.choice(GENERAL)
    return rng.choice(TOPIC_WORDS[rng.choice(TOPICS)])


def _sentence(rng: random.Random, topic: str) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {_object(rng, topic)} {rng.choice(ENDINGS)}"


def _item(rng: random.Random, ids: dict[str, list[str]], topic: str):
    """A finding: mostly plain text, sometimes tagged with themes, agencies or resources."""
    text = _sentence(rng, topic)
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
        item["details"] = [_sentence(rng, topic) for _ in range(rng.randint(1, 3))]
    return item


def _months_later(date: dt.date, months: int) -> dt.date:
    """That many months later, but never past LATEST."""
    months += date.month - 1
    return min(dt.date(date.year + months // 12, months % 12 + 1, min(date.day, 28)), LATEST)


def _action(rng: random.Random, ids: dict[str, list[str]], topic: str, date: dt.date) -> dict:
    """An action with its progress: an owner, a due date months after the audit (some past, some still
    to come), a status, and evidence for some of those done."""
    item = _item(rng, ids, topic)
    action = item if isinstance(item, dict) else {"text": item}
    if rng.random() < 0.85:
        action["owner"] = rng.choice(ids["agencies"])
    due = _months_later(date, rng.randint(6, 48))
    action["due"] = due.isoformat()[:7] if rng.random() < 0.3 else due.isoformat()
    closed_odds = min(0.9, 0.1 + 0.12 * (LAST_DAY - date).days / 365)
    statuses = CLOSED_STATUSES if rng.random() < closed_odds else OPEN_STATUSES
    status = rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
    if status:
        action["status"] = status
        updated = _months_later(date, rng.randint(1, 30))
        action["updated"] = updated.isoformat()
        if status in ("done", "dropped"):  # closed on the day it was last checked, never after the corpus ends
            action["closed"] = min(updated, LAST_DAY).isoformat()
    if status == "done" and rng.random() < 0.5:
        action["evidence"] = f"A re-audit of {rng.randint(5, 20)} cases found {_object(rng, topic)} recorded in most of them"
    return action


def _use(rng: random.Random, ids: dict[str, list[str]], date: dt.date) -> dict:
    use = {"team": f"{rng.choice(TEAMS)} ({rng.choice(AREAS)})"}
    if rng.random() < 0.8:
        use["agency"] = rng.choice(ids["agencies"])
    use["date"] = _months_later(date, rng.randint(1, 24)).isoformat()
    use["how"] = rng.choice(HOW)
    if rng.random() < 0.7:
        use["change"] = rng.choice(CHANGES)
    return use


def briefing(rng: random.Random, ids: dict[str, list[str]], date: dt.date) -> dict:
    """One briefing as data, on one topic, with 10 to 25 findings split between its sections."""
    topic = rng.choice(TOPICS)
    tracked = rng.random() < TRACKED_SHARE
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
        section = {"theme": theme}
        if rng.random() < 0.5:  # otherwise the page heads the section with the theme's title
            section["heading"] = f"{topic} {rng.choice(QUALIFIERS)}"
        n_found = rng.randint(1, n)
        section["found"] = [_item(rng, ids, topic) for _ in range(n_found)]
        if n - n_found:
            make = (lambda: _action(rng, ids, topic, date)) if tracked else (lambda: _item(rng, ids, topic))
            section["actions"] = [make() for _ in range(n - n_found)]
        if rng.random() < 0.5:
            section["resources"] = rng.sample(ids["resources"], rng.randint(1, 2))
        learning.append(section)
    n_worries += max(rest, 0)  # whatever the learning sections left over
    children = rng.randint(3, 14)
    low = rng.randint(0, 10)
    used_by = [_use(rng, ids, date) for _ in range(rng.randint(1, 5))] if rng.random() < USED_SHARE else []
    return {
        "title": f"{topic} {rng.choice(QUALIFIERS)}",
        "type": rng.choice(list(BRIEFING_TYPES)),
        "date": date,
        "summary": f"The audit reviewed the records of {children} children. " + ". ".join(_sentence(rng, topic) for _ in range(2)) + ".",
        "cohort": {"children": children, "age_range": [low, rng.randint(low + 1, 17)]},
        "needs": rng.sample(ids["needs"], rng.randint(1, 4)),
        "agencies": rng.sample(ids["agencies"], rng.randint(3, 7)),
        "worries": [_item(rng, ids, topic) for _ in range(n_worries)],
        "good_practice": [_item(rng, ids, topic) for _ in range(n_good)],
        "learning": learning,
        "resources": rng.sample(ids["resources"], rng.randint(0, 3)),
        "questions": [f"How do we make sure {_object(rng, topic)} is considered {rng.choice(ENDINGS)}?"],
        **({"used_by": used_by} if used_by else {}),
    }


def generate(n: int, data_dir: Path, seed: int = 0) -> list[Path]:
    """Write n briefings into data_dir/briefings, tagged with data_dir's own ids; return their paths.
    Deterministic for (n, seed, registries)."""
    rng = random.Random(seed)
    ids = registry_ids(Path(data_dir))
    out_dir = Path(data_dir) / "briefings"
    out_dir.mkdir(parents=True, exist_ok=True)
    start, span = dt.date(FIRST_YEAR, 1, 1), 10 * 365
    paths = []
    for i in range(n):
        data = briefing(rng, ids, start + dt.timedelta(days=rng.randrange(span)))
        slug = "-".join(data["title"].lower().replace("'", "").split())
        path = out_dir / f"{data['date']:%Y-%m}-{slug}-synth-{i:05d}.yml"
        text = "# yaml-language-server: $schema=../schema/briefing.schema.json\n# Synthetic: made by macros.tools.synth for benchmarks.\n"
        path.write_text(text + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.tools.synth", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many briefings")
    parser.add_argument("data_dir", type=Path, help="the data folder whose ids they use and whose briefings/ they go in, e.g. data")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.n, args.data_dir, args.seed)
    print(f"Wrote {len(paths)} synthetic briefings into {args.data_dir / 'briefings'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
