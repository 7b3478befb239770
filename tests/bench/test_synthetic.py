"""The bench's synthetic libraries are valid, varied and reproducible."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from benchlib.cli import main
from benchlib.synthetic import TOPIC_TREE, WORDS, generate, sentence, vocabulary_of

from peer_library.load.library import load_library
from peer_library.model import vocab


def test_a_synthetic_library_is_valid_and_uses_every_type(tmp_path: Path) -> None:
    made = generate(tmp_path / "library", 300, seed=3)
    library, problems = load_library(tmp_path / "library", root=tmp_path)
    assert problems == []
    assert made.entries == len(library.entries) == 300
    assert {e.type for e in library.entries} == set(vocab.TYPES)
    assert len(library.topics) == len(TOPIC_TREE) * 5 == 40
    assert all(2 <= len(e.topics) <= 4 for e in library.entries)
    assert any(e.holdings for e in library.entries) and any(e.is_withdrawn for e in library.entries)
    assert any(e.domains for e in library.entries) and any(e.related for e in library.entries)
    assert {a.attribution for e in library.entries for a in e.authors} == set(vocab.ATTRIBUTIONS)
    assert made.links > 300
    assert made.extras["ledger events"] > 20
    assert sum(h.times for h in library.history) > 10
    held = sum(len(e.holdings) for e in library.entries)
    assert 0 < len(library.on_loan) < held, "some copies on loan, some on the shelf"
    assert "borrower" not in (tmp_path / "library" / "circulation" / "availability.json").read_text()
    assert len(library.pathways) == 3
    steps = [s for p in library.pathways for m in p.modules for s in m.steps if s.is_entry]
    assert len(steps) == made.extras["pathway steps"] and any(s.anchor for s in steps)
    words = [len(e.body.split()) for e in library.entries]
    assert 200 < sum(words) / len(words) < 800


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 50, seed=7)
    generate(tmp_path / "b", 50, seed=7)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert any(f.name == "availability.json" for f in files) and any(f.suffix == ".yml" for f in files)
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_the_bench_writes_a_standalone_project_to_build_and_search(tmp_path: Path) -> None:
    assert main(["--project", "40", str(tmp_path / "p"), "--seed", "2"]) == 0
    config = yaml.safe_load((tmp_path / "p" / "mkdocs.yml").read_text(encoding="utf-8"))
    [plugin] = [p["peer-library"] for p in config["plugins"] if isinstance(p, dict) and "peer-library" in p]
    assert plugin["library"] == str(tmp_path / "p" / "library") and "search_index" not in plugin
    assert config["site_dir"] == str(tmp_path / "p" / "site") and (tmp_path / "p" / "docs" / "about.md").exists()
    library, problems = load_library(tmp_path / "p" / "library", root=tmp_path / "p")
    assert problems == [] and len(library.entries) == 40


def test_a_project_can_draw_its_prose_from_a_real_librarys_words(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "terms").mkdir(parents=True)
    (real / "terms" / "a.md").write_text(
        "---\ntitle: Not counted\n---\nKaupapa kaupapa kaupapa whānau [[linked-id]] see https-free words.\n",
        encoding="utf-8",
    )
    vocabulary = vocabulary_of(real)
    assert vocabulary.words[:2] == ("kaupapa", "https-free") and "whānau" in vocabulary.words
    assert "counted" not in vocabulary.words and "linked-id" not in vocabulary.words
    assert main(["--project", "30", str(tmp_path / "p"), "--words", str(real)]) == 0
    library, problems = load_library(tmp_path / "p" / "library", root=tmp_path / "p")
    assert problems == []
    prose = " ".join(e.summary + " " + re.sub(r"\[\[[^\]]*\]\]|^#.*$", "", e.body, flags=re.M) for e in library.entries)
    drawn = set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", prose.lower())) - {"see", "also"}
    assert "kaupapa" in drawn and drawn <= set(vocabulary.words)
    assert "peer" not in drawn  # none of the bench's own words


def test_the_bench_own_vocabulary_is_unchanged_by_the_option() -> None:
    rng_a, rng_b = random.Random(5), random.Random(5)
    assert sentence(rng_a) == " ".join(rng_b.choices(WORDS, k=rng_b.randint(8, 20))).capitalize() + "."


def test_words_from_a_folder_without_markdown_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no Markdown words to draw from"):
        main(["--project", "5", str(tmp_path / "p"), "--words", str(tmp_path / "nowhere")])
