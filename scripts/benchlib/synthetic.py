"""Synthetic libraries of any size whose front matter and bodies look like the real ones.

``generate(library_dir, n, seed)`` writes topics.yml (40 topics, two levels) and ``n`` entries of all
nine types with 2-4 topics, audiences, authors with attributions, sources, 0-5 ``[[id]]`` links
(some with text or a heading anchor), related ids, domain mappings, a few holdings and withdrawn
entries, and bodies of a few hundred words under headings; then loans over some of the copies held
(their public side: library/circulation/availability.json; the ledger itself is never written into a
project) and a few pathways of those entries (library/pathways/).
The same seed gives the same files. Everything is valid, so ``peer-library check`` reports no errors.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from peer_library.load.availability import availability_path, dump, history_of
from peer_library.load.ledger import OnLoan, apply
from peer_library.model import LoanEvent, vocab
from peer_library.model.pathways import ACTIVITIES

# Eight broad topics with four narrower ones each: a 40-topic thesaurus like library/topics.yml.
TOPIC_TREE: dict[str, list[str]] = {
    "Peer practice": ["Peer values", "Disclosure", "Boundaries and ethics", "Mutual aid"],
    "Recovery": ["Personal recovery", "Hope and meaning", "Wellbeing", "Relapse and setbacks"],
    "Lived experience": ["Experiential knowledge", "Identity", "Stigma", "Trauma"],
    "Workforce": ["Supervision", "Training", "Roles and careers", "Workplace support"],
    "Leadership": ["Consumer leadership", "Advocacy", "Co-production", "Governance"],
    "Services": ["Community services", "Inpatient settings", "Alcohol and other drugs", "Crisis support"],
    "Families and carers": ["Carer perspectives", "Young people", "Parenting", "Family work"],
    "Rights and justice": ["Human rights", "Restrictive practices", "Cultural safety", "Social inclusion"],
}

WORDS = (
    "peer support recovery hope mutuality lived experience worker service people community choice "
    "relationship trust listening story meaning change practice group voice power respect dignity "
    "connection family carer team staff learning training role leadership advocacy rights safety "
    "wellbeing strength resilience identity culture language stigma healing growth reflection "
    "supervision boundaries disclosure honesty curiosity shared journey conversation plan goals "
    "self-determination participation partnership co-design feedback outcome evidence research "
    "organisation policy workplace colleague mentor network circle meeting session space belonging "
    "respectful everyday practical careful open flexible personal social emotional difficult "
    "important useful early together often sometimes gently clearly slowly honestly carefully"
).split()
TITLE_WORDS = (
    "Hope Mutual Recovery Peer Shared Circle Voices Journey Practice Lived Experience Leadership "
    "Healing Listening Connection Community Dignity Choice Strength Trust Belonging Partnership "
    "Wellbeing Advocacy Respect Growth Reflection Safety Rights Stories Learning Care Support"
).split()
HEADINGS = (
    "Background",
    "In practice",
    "Why it matters",
    "What to watch for",
    "Working with families",
    "Getting started",
    "Questions for reflection",
    "Further reading",
    "Where it comes from",
    "Common misunderstandings",
)
SURNAMES = "Smith Nguyen Williams Brown Wilson Taylor Anderson Thomas Walker Harris Martin Te Ruki Patel Kaur".split()
PLACES = ("Melbourne", "Sydney", "Wellington", "Auckland", "Brisbane", "London", "Adelaide")
JURISDICTIONS = ("Australia", "New Zealand", "Victoria", "New South Wales", "United Kingdom")
LOCATIONS = ("Level 2 library shelf", "Training room cabinet", "Peer team office", "Resource centre")
# How often each type occurs: many resources and writings, a handful of framework domains.
TYPE_WEIGHTS = {
    "resource": 28,
    "writing": 20,
    "term": 15,
    "practice": 10,
    "principle": 7,
    "value": 6,
    "role": 6,
    "frame": 5,
    "domain": 1,
}


@dataclass
class Stub:
    """What other entries need to know about an entry before its body is written."""

    id: str
    title: str
    type: str
    headings: list[str]
    withdrawn: bool = False


@dataclass
class Made:
    """What ``generate`` wrote: entry files, and the extras written by optional hooks."""

    entries: int = 0
    links: int = 0
    holdings: int = 0
    extras: dict[str, int] = field(default_factory=dict)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def topics_yaml() -> tuple[str, list[str]]:
    """topics.yml text and the topic ids, broader topics first."""
    items: list[dict[str, str]] = []
    for broad, narrower in TOPIC_TREE.items():
        items.append({"id": slug(broad), "label": broad, "description": f"Entries about {broad.lower()}."})
        for label in narrower:
            items.append(
                {
                    "id": slug(label),
                    "label": label,
                    "broader": slug(broad),
                    "description": f"{label}, as part of {broad.lower()}.",
                }
            )
    return yaml.safe_dump(items, sort_keys=False, allow_unicode=True), [t["id"] for t in items]


@dataclass(frozen=True)
class Vocabulary:
    """The words prose is drawn from, each as often as its weight says (equally, by default)."""

    words: tuple[str, ...]
    cum_weights: tuple[int, ...] | None = None

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)


# The bench's own 96 words: every common word is on nearly every page, which makes search's index
# chunks far larger than a real library's (docs/performance.md, "Search at 10,000 entries").
SYNTHETIC = Vocabulary(tuple(WORDS))


def vocabulary_of(folder: Path) -> Vocabulary:
    """The words of the Markdown bodies under ``folder`` (a real library), as often as it uses them."""
    counts: Counter[str] = Counter()
    for path in sorted(folder.rglob("*.md")):
        prose = re.sub(r"\[\[[^\]]*\]\]|\(https?:[^)]*\)", " ", frontmatter.load(path).content.lower())
        counts.update(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", prose))  # letters in any script: whānau
    if not counts:
        raise ValueError(f"{folder}: no Markdown words to draw from")
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return Vocabulary(tuple(w for w, _ in ranked), tuple(itertools.accumulate(c for _, c in ranked)))


def sentence(rng: random.Random, low: int = 8, high: int = 20, vocabulary: Vocabulary = SYNTHETIC) -> str:
    words = vocabulary.draw(rng, rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int, vocabulary: Vocabulary = SYNTHETIC) -> list[str]:
    return [sentence(rng, vocabulary=vocabulary) for _ in range(sentences)]


def stubs(n: int, rng: random.Random) -> list[Stub]:
    """Ids, titles, types and headings for every entry, so bodies can link to any of them."""
    types = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    out: list[Stub] = []
    for i in range(n):
        kind = "domain" if i < max(1, n // 500) else rng.choices(types, weights)[0]
        title = " ".join(rng.sample(TITLE_WORDS, rng.randint(2, 4)))
        heads = rng.sample(HEADINGS, rng.randint(3, 4))
        out.append(Stub(f"{slug(title)}-{i}", title, kind, heads, withdrawn=i % 200 == 150))
    return out


def link_text(rng: random.Random, target: Stub) -> str:
    """One ``[[...]]`` link in the three forms writers use."""
    form = rng.random()
    if form < 0.2:
        return f"[[{target.id}#{slug(rng.choice(target.headings))}]]"
    if form < 0.4:
        return f"[[{target.id}|{' '.join(rng.sample(WORDS, 2))}]]"
    return f"[[{target.id}]]"


def body(rng: random.Random, stub: Stub, targets: list[Stub], vocabulary: Vocabulary = SYNTHETIC) -> str:
    """A body of a few hundred words under the stub's headings, with the given links in its prose."""
    paras: list[list[str]] = [paragraph(rng, rng.randint(3, 5), vocabulary)]
    for _ in stub.headings:
        paras += [paragraph(rng, rng.randint(3, 6), vocabulary) for _ in range(rng.randint(1, 2))]
    for target in targets:
        para = rng.choice(paras)
        para.insert(rng.randint(0, len(para)), f"See also {link_text(rng, target)}.")
    out = [" ".join(paras[0])]
    rest = iter(paras[1:])
    for i, heading in enumerate(stub.headings):
        out.append(f"## {heading}")
        out.append(" ".join(next(rest)))
        if i == 1:
            out.append("\n".join(f"- {sentence(rng, 4, 9, vocabulary)}" for _ in range(rng.randint(3, 5))))
    out += [" ".join(p) for p in rest]
    return "\n\n".join(out) + "\n"


def front_matter(
    rng: random.Random, i: int, stub: Stub, topic_ids: list[str], live: list[Stub], vocabulary: Vocabulary = SYNTHETIC
) -> dict[str, Any]:
    """Front matter exercising every field a real entry uses."""
    year = rng.randint(1995, 2025)
    data: dict[str, Any] = {
        "id": stub.id,
        "title": stub.title,
        "type": stub.type,
        "summary": " ".join([sentence(rng, 10, 18, vocabulary), sentence(rng, 6, 12, vocabulary)]),
        "topics": rng.sample(topic_ids, rng.randint(2, 4)),
    }
    if i % 10 == 0:
        data["aliases"] = [f"{''.join(w[0] for w in stub.title.split()).upper()} {i}"]
    data["audience"] = rng.sample(list(vocab.AUDIENCES), rng.randint(1, 3))
    if stub.type in ("writing", "resource"):
        data["authors"] = [
            {
                "name": f"{rng.choice(SURNAMES)}, {rng.choice('ABCDEFGHJKLMNPRST')}.",
                "attribution": rng.choices(list(vocab.ATTRIBUTIONS), [8, 1, 1])[0],
                "consent": dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 300)),
            }
            for _ in range(rng.randint(1, 3))
        ]
        data["format"] = rng.choice(list(vocab.FORMATS))
        data["year"] = year
        data["jurisdiction"] = rng.choice(JURISDICTIONS)
        data["criteria"] = rng.sample(list(vocab.CRITERIA), rng.randint(1, 3))
    data["source"] = {
        "title": f"{stub.title}: {sentence(rng, 3, 6).rstrip('.')}",
        "authors": [f"{rng.choice(SURNAMES)}, {rng.choice('ABCDEFGH')}."],
        "publisher": f"{rng.choice(SURNAMES)} Press",
        "place": rng.choice(PLACES),
        "year": year,
        "url": f"https://example.org/{stub.id}",
    }
    related = [s.id for s in rng.sample(live, min(len(live), rng.randint(0, 3))) if s.id != stub.id]
    if related:
        data["related"] = related
    domains = [s for s in live[: max(1, len(live) // 500)] if s.type == "domain"]
    if domains and stub.type in ("practice", "principle", "value", "role") and rng.random() < 0.3:
        data["domains"] = [{"domain": rng.choice(domains).id, "section": rng.choice(list(vocab.DOMAIN_SECTIONS))}]
    if rng.random() < 0.05:
        data["content_notes"] = rng.sample(list(vocab.CONTENT_NOTES), 1)
    if stub.type in ("writing", "resource") and rng.random() < 0.15:
        data["holdings"] = [{"copy": f"c{c + 1}", "location": rng.choice(LOCATIONS)} for c in range(rng.randint(1, 3))]
    data["added"] = dt.date(2024, 1, 1) + dt.timedelta(days=i % 700)
    if rng.random() < 0.3:
        data["reviewed"] = {"by": "Library team", "on": dt.date(2025, 6, 1) + dt.timedelta(days=i % 100)}
    if stub.withdrawn:
        data["withdrawn"] = dt.date(2025, 9, 1)
    return data


# Writers of the library files beside the entries, keyed by what they write. Each gets the library
# folder, every entry's front matter and stub (in the order written) and the generator's random
# source, and returns how many items it wrote.
ExtraWriter = Callable[[Path, list[dict[str, Any]], list[Stub], random.Random], int]

LEDGER_START = dt.date(2025, 1, 6)
PATHWAYS = 3  # pathway files
PATHWAY_MODULES = (3, 5)  # modules per pathway, at least and at most
ACTIVITY_PROMPTS = (
    "What in this reading matched your own experience, and what did not?",
    "In pairs, talk through how you would use this with someone you support.",
    "Take turns: one person asks for help, the other responds as a peer worker would.",
)


def write_ledger(library_dir: Path, entries: list[dict[str, Any]], stubs: list[Stub], rng: random.Random) -> int:
    """Loans over about half the copies held (loans, renewals and returns in date order), written as
    the availability file the circulation commands would write from them (the circulation module
    replays them, availability_file writes the file, so its format is the real one). Withdrawn
    entries are left out (they cannot be lent after withdrawal). Some copies stay on loan, so the
    site shows both available and lent copies. Returns the number of events.
    """
    copies = [(data["id"], h["copy"]) for data in entries if "withdrawn" not in data for h in data.get("holdings", [])]
    events: list[LoanEvent] = []
    for item, copy in copies:
        if rng.random() < 0.5:
            continue
        day = LEDGER_START + dt.timedelta(days=rng.randint(0, 120))
        for _ in range(rng.randint(1, 4)):
            due = day + dt.timedelta(days=21)
            borrower = f"staff-{rng.randint(1, 400):03d}"
            events.append(LoanEvent("loan", item, copy, day, due, borrower))
            if rng.random() < 0.3:
                renewed = day + dt.timedelta(days=rng.randint(10, 20))
                due += dt.timedelta(days=21)
                events.append(LoanEvent("renew", item, copy, renewed, due))
            day = due - dt.timedelta(days=rng.randint(0, 14))
            if rng.random() < 0.15:
                break  # still on loan
            events.append(LoanEvent("return", item, copy, day))
            day += dt.timedelta(days=rng.randint(1, 60))
    events.sort(key=lambda ev: ev.date)  # stable: one copy's events keep their order
    state: dict[tuple[str, str], OnLoan] = {}
    for ev in events:
        state = apply(state, ev)
    held = [(data["id"], h["copy"]) for data in entries for h in data.get("holdings", [])]
    path = availability_path(library_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(held, {k: v.due for k, v in state.items()}, history_of(events)), encoding="utf-8")
    return len(events)


def write_pathways(library_dir: Path, entries: list[dict[str, Any]], stubs: list[Stub], rng: random.Random) -> int:
    """A few pathway files whose modules step through live entries (some at one heading).

    Returns the number of entry steps written.
    """
    live = [s for s in stubs if not s.withdrawn]
    folder = library_dir / "pathways"
    folder.mkdir(exist_ok=True)
    steps_written = 0
    for p in range(PATHWAYS):
        title = " ".join(rng.sample(TITLE_WORDS, 3))
        modules: list[dict[str, Any]] = []
        for m in range(rng.randint(*PATHWAY_MODULES)):
            steps: list[dict[str, str]] = []
            for stub in rng.sample(live, min(len(live), rng.randint(2, 5))):
                step = {"entry": stub.id}
                if rng.random() < 0.25:
                    step["entry"] += f"#{slug(rng.choice(stub.headings))}"
                if rng.random() < 0.2:
                    step["note"] = sentence(rng, 6, 12)
                steps.append(step)
            steps_written += len(steps)
            if rng.random() < 0.6:
                steps.append({"activity": rng.choice(list(ACTIVITIES)), "prompt": rng.choice(ACTIVITY_PROMPTS)})
            modules.append(
                {
                    "id": f"module-{m + 1}",
                    "title": " ".join(rng.sample(TITLE_WORDS, 2)),
                    "summary": sentence(rng, 8, 14),
                    "minutes": rng.choice((15, 20, 30, 45, 60)),
                    "outcomes": [sentence(rng, 5, 10) for _ in range(rng.randint(1, 3))],
                    "steps": steps,
                }
            )
        data = {
            "id": f"{slug(title)}-{p}",
            "title": title,
            "audience": rng.sample(list(vocab.AUDIENCES), rng.randint(1, 2)),
            "summary": sentence(rng, 12, 20),
            "sources": [s.id for s in rng.sample(live, min(len(live), 2))],
            "modules": modules,
        }
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"{data['id']}.yml").write_text(text, encoding="utf-8")
    return steps_written


WRITERS: dict[str, ExtraWriter] = {"ledger events": write_ledger, "pathway steps": write_pathways}


def generate(library_dir: Path, n: int, seed: int = 1, vocabulary: Vocabulary = SYNTHETIC) -> Made:
    """Write a synthetic library of ``n`` entries into ``library_dir`` (which should be empty), its
    summaries and bodies drawn from ``vocabulary``."""
    rng = random.Random(seed)
    library_dir.mkdir(parents=True, exist_ok=True)
    text, topic_ids = topics_yaml()
    (library_dir / "topics.yml").write_text(text, encoding="utf-8")
    all_stubs = stubs(n, rng)
    live = [s for s in all_stubs if not s.withdrawn]
    made = Made()
    entries: list[dict[str, Any]] = []
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for i, stub in enumerate(all_stubs):
        data = front_matter(rng, i, stub, topic_ids, live, vocabulary)
        targets = [t for t in rng.sample(live, min(len(live), rng.randint(0, 5))) if t.id != stub.id]
        head = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
        folder = library_dir / vocab.TYPES[stub.type][0]
        folder.mkdir(exist_ok=True)
        (folder / f"{stub.id}.md").write_text(f"---\n{head}---\n\n{body(rng, stub, targets, vocabulary)}", encoding="utf-8")
        made.entries += 1
        made.links += len(targets)
        made.holdings += len(data.get("holdings", []))
        entries.append(data)
    for what, write in WRITERS.items():
        made.extras[what] = write(library_dir, entries, all_stubs, rng)
    return made
