"""The shipped starter library: it builds strictly, covers what it promises, and copies no source text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from peer_library.load.library import entry_files, load_library
from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"

# Every concept the starter library promises, by title or alias (case-insensitive).
REQUIRED = """
twelve step fellowships; wellness recovery action plan; wrap; intentional peer support; ips;
peer education programmes; certificate in peer support; smart recovery; needle exchange; sharing circles;
hearing voices groups; peer-consistent methods; mindfulness and meditation; trauma-informed approaches;
strengths model; motivational interviewing; collaborative note taking; shared risk-taking;
group peer supervision; communities of practice;
mutuality; experiential knowledge; self-determination; participation; equity; hope; recovery and hope;
empathy; respect; integrity; making a difference;
purposeful disclosure; recovery-oriented practice; trauma-informed practice; self-care; making meaning;
effective communication; mutuality and advocacy; influence; peer drift; peer identity;
biomedical frame; environmental frame; trauma frame; spiritual frame; cultural frame; political frame;
peer support worker; consumer advocate; consumer advisor; peer educator; peer researcher; consumer auditor;
peer supervisor; carer peer worker; consumer peer worker; peer practitioner; consumer leader;
growing consumer leadership; body knowledge; consumer workforce history; ladder of participation;
consumer advisory groups; tokenism;
co-design; co-production; democratic professionalism; dignity of risk; lived experience; living experience;
designated lived experience roles; reflective practice; secondary consultation; consumer perspective;
peer support; peer workforce; consumer; service user; carer; wellbeing plans; workplace adjustments;
self-disclosure at work; competency levels; exit interviews
"""


@pytest.fixture(scope="module")
def starter():
    return load_library(ROOT / "library", root=ROOT)


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def test_starter_library_is_clean(starter) -> None:
    library, problems = starter
    assert [str(p) for p in problems] == []
    assert len(library.entries) >= 90


def test_every_promised_concept_has_an_entry(starter) -> None:
    library, _ = starter
    names = {norm(n) for e in library.entries for n in (e.title, *e.aliases)}
    missing = [c for c in (norm(x) for x in REQUIRED.replace("\n", " ").split(";")) if c and c not in names]
    assert missing == []


def test_every_type_is_represented(starter) -> None:
    library, _ = starter
    counts = {
        t: sum(e.type == t for e in library.entries)
        for t in ("practice", "value", "principle", "frame", "role", "term", "domain", "writing", "resource")
    }
    assert min(counts.values()) >= 1, counts
    assert counts["writing"] >= 45 and counts["resource"] >= 10


def test_every_entry_cites_a_source_and_has_an_audience(starter) -> None:
    library, _ = starter
    assert [e.id for e in library.entries if e.source is None or not e.audience] == []


def test_starter_library_builds_strictly_with_a_page_per_entry(starter_site: Path) -> None:
    files = entry_files(ROOT / "library")
    pages = list((starter_site / "entries").glob("*/index.html"))
    assert len(pages) >= len(files)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.casefold().replace("\u2019", "'"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_no_twelve_word_run_is_copied_from_the_seeds(starter) -> None:
    library, _ = starter
    grams: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        w = words(seed.read_text(encoding="utf-8", errors="replace"))
        grams.update(tuple(w[i : i + 12]) for i in range(len(w) - 11))
    copied = []
    for e in library.entries:
        w = words(f"{e.summary}\n{e.body}")
        hits = [" ".join(w[i : i + 12]) for i in range(len(w) - 11) if tuple(w[i : i + 12]) in grams]
        copied += [f"{e.path}: {h}" for h in hits[:1]]
    assert copied == []
