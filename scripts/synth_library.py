"""Write a synthetic Peer Library project of N entries, for measuring search at scale.

    .venv/bin/python scripts/synth_library.py 5000 /tmp/synth-5000
    .venv/bin/mkdocs build -f /tmp/synth-5000/mkdocs.yml

Entries have realistic front matter (types, 2-4 topics from the starter vocabulary, audiences,
formats, years, jurisdictions, criteria, some aliases) and bodies of a few hundred words under
headings. Output is deterministic for a given N. The performance issue builds a fuller generator.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from peer_library import vocab  # noqa: E402

WORDS = (
    "peer support recovery hope mutuality lived experience worker service team family carer community "
    "practice value principle training supervision boundary disclosure wellbeing plan choice power "
    "listening story meaning trauma culture rights advocacy participation leadership change learning "
    "relationship trust respect dignity risk safety crisis health mental addiction group circle voice "
    "employer manager role workforce research evaluation evidence policy consumer perspective"
).split()
HEADINGS = ["What it is", "Where it comes from", "In practice", "Questions to reflect on", "Further reading"]
JURISDICTIONS = ["Australia", "Australia (Victoria)", "New Zealand", "United Kingdom", "United States", "Canada"]
MKDOCS_YML = """\
site_name: Synthetic library
theme:
  name: material
  font: false
plugins:
  - peer-library
nav:
  - Home: index.md
  - Library: library.md
"""


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def entry(rng: random.Random, i: int, topics: list[str]) -> tuple[str, str]:
    """(folder/file name, text) of the i-th synthetic entry."""
    type_id = rng.choice(list(vocab.TYPES))
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize() + f" {i}"
    meta: dict[str, object] = {
        "id": f"entry-{i:05d}",
        "title": title,
        "type": type_id,
        "summary": sentence(rng, rng.randint(14, 28)),
        "topics": rng.sample(topics, rng.randint(2, 4)),
        "audience": rng.sample(list(vocab.AUDIENCES), rng.randint(1, 3)),
        "added": "2026-11-28",
    }
    if rng.random() < 0.2:
        meta["aliases"] = [f"{''.join(w[0] for w in title.split()[:3]).upper()}{i}"]
    if type_id in ("resource", "writing"):
        meta["year"] = rng.randint(1990, 2026)
        meta["format"] = rng.choice(list(vocab.FORMATS))
        meta["jurisdiction"] = rng.choice(JURISDICTIONS)
    if rng.random() < 0.3:
        meta["criteria"] = rng.sample(list(vocab.CRITERIA), rng.randint(1, 2))
    body = []
    for heading in rng.sample(HEADINGS, 3):
        body.append(f"## {heading}\n")
        for _ in range(rng.randint(2, 3)):
            body.append(" ".join(sentence(rng, rng.randint(8, 18)) for _ in range(4)) + "\n")
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"{vocab.TYPES[type_id][0]}/entry-{i:05d}.md", f"---\n{head}---\n\n" + "\n".join(body)


def write(n: int, out: Path) -> None:
    """Write the project (mkdocs.yml, docs/, library/) to ``out``, replacing what was there."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "docs").mkdir(parents=True)
    (out / "docs" / "index.md").write_text("# Synthetic library\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    library = out / "library"
    library.mkdir()
    shutil.copy(ROOT / "library" / "topics.yml", library / "topics.yml")
    topics = [t["id"] for t in yaml.safe_load((library / "topics.yml").read_text(encoding="utf-8"))]
    rng = random.Random(n)
    for i in range(n):
        name, text = entry(rng, i, topics)
        path = library / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: synth_library.py N OUTPUT_DIR")
    write(int(sys.argv[1]), Path(sys.argv[2]))
