"""Build the pathways fixture library and check the pathway pages as a browser would get them."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.build.conftest import build_site, soup
from tests.conftest import FIXTURES

PATHWAY = "peer-orientation"
MODULES = ["values", "disclosure", "wrap-up"]


@pytest.fixture(scope="session")
def pathways_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("pathways")
    shutil.copytree(FIXTURES / "pathways", project, dirs_exist_ok=True)
    return build_site(project, project / "site")


def page_of(site: Path, url_path: str) -> Path:
    """The index.html a site-relative URL path like 'pathways/x/' is served from."""
    return site / url_path.strip("/") / "index.html" if url_path.strip("/") else site / "index.html"


def follow(site: Path, from_path: str, href: str) -> tuple[str, str]:
    """Resolve a relative href found on the page at ``from_path`` to (site path, fragment)."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, href
    target = posixpath.normpath(posixpath.join(from_path, parts.path)) + "/"
    return target.lstrip("/") if target != "./" else "", parts.fragment


def test_pages_exist_at_their_urls(pathways_site: Path) -> None:
    for path in ["pathways/", f"pathways/{PATHWAY}/", f"pathways/{PATHWAY}/print/"] + [
        f"pathways/{PATHWAY}/{m}/" for m in MODULES
    ]:
        assert page_of(pathways_site, path).is_file(), path


def test_the_list_shows_each_pathway_with_audience_and_total_time(pathways_site: Path) -> None:
    cards = soup(page_of(pathways_site, "pathways/")).select("article .pl-card")
    texts = [c.get_text(" ", strip=True) for c in cards]
    assert texts[0].startswith("Peer orientation <fixture>")  # escaped in the source, shown as typed
    assert "For: Peer workers" in texts[0] and "3 modules" in texts[0] and "About 1 h 40 min" in texts[0]
    assert "For: All staff, Managers" in texts[1] and "1 module" in texts[1]


def test_overview_shows_modules_outcomes_and_times(pathways_site: Path) -> None:
    article = soup(page_of(pathways_site, f"pathways/{PATHWAY}/")).select_one("article")
    assert "about 1 h 40 min in 3 modules" in article.get_text(" ", strip=True)
    cards = article.select(".pl-module-card")
    assert [c.h3.get_text(" ", strip=True) for c in cards] == [
        "1. Peer values",
        "2. Disclosure and boundaries",
        "3. Bringing it together",
    ]
    # declared minutes plus reading: ~600 words of purposeful-disclosure and peer-boundaries is 4 min
    assert [c.select_one(".pl-facts").get_text(strip=True) for c in cards] == [
        "About 31 min · 2 steps",
        "About 49 min · 3 steps",
        "About 20 min · 1 step",
    ]
    assert [li.get_text() for li in cards[1].select(".pl-outcomes li")] == [
        "Decide what to share and why.",
        "Agree boundaries with the people you support.",
    ]
    progress = cards[1].select_one(".pl-progress")
    assert progress.has_attr("hidden")  # shown by JavaScript only
    assert progress["data-pl-keys"].split() == [
        "disclosure/purposeful-disclosure#considering-what-is-purposeful",
        "disclosure/peer-boundaries",
        "disclosure/activity-1",
    ]


def all_step_links(site: Path) -> list[tuple[str, str]]:
    links = []
    for module_page in sorted((site / "pathways").glob("*/*/index.html")):
        if module_page.parent.name == "print":
            continue
        path = module_page.parent.relative_to(site).as_posix() + "/"
        for a in soup(module_page).select("ol.pl-steps > li h3 a[href]:not(.headerlink)"):
            links.append((path, a["href"]))
    return links


def test_every_step_links_to_a_live_entry_and_heading(pathways_site: Path) -> None:
    links = all_step_links(pathways_site)
    assert len(links) == 5  # fixture: 3 in peer-orientation, 2 in working-alongside
    for from_path, href in links:
        target, fragment = follow(pathways_site, from_path, href)
        assert target.startswith("entries/"), href
        page = soup(page_of(pathways_site, target))
        assert page.select_one("article .pl-summary"), f"{from_path} -> {href} is not a live entry page"
        assert not page.select_one(".pl-withdrawn")
        if fragment:
            assert page.find(id=fragment), f"{from_path} -> {href}: no #{fragment}"


def test_prev_next_chain_is_complete_and_acyclic(pathways_site: Path) -> None:
    for overview in sorted((pathways_site / "pathways").glob("*/index.html")):
        start = overview.parent.relative_to(pathways_site).as_posix() + "/"
        modules = [a["href"] for a in soup(overview).select(".pl-module-card h3 a:not(.headerlink)")]
        expected = [follow(pathways_site, start, h)[0] for h in modules]
        # forward from the first module along rel=next
        seen, here = [], expected[0]
        while here:
            assert here not in seen, f"cycle at {here}"
            seen.append(here)
            nxt = soup(page_of(pathways_site, here)).select_one(".pl-prevnext a[rel=next]")
            here = follow(pathways_site, here, nxt["href"])[0] if nxt else ""
        assert seen == expected
        # backward from the last module along rel=prev ends at the overview
        back, here = [], expected[-1]
        while here != start:
            assert here not in back, f"cycle at {here}"
            back.append(here)
            prev = soup(page_of(pathways_site, here)).select_one(".pl-prevnext a[rel=prev]")
            here = follow(pathways_site, here, prev["href"])[0]
        assert back == expected[::-1]


def test_module_page_shows_steps_with_summaries_activities_and_notes(pathways_site: Path) -> None:
    article = soup(page_of(pathways_site, f"pathways/{PATHWAY}/disclosure/")).select_one("article")
    steps = article.select("ol.pl-steps > li")
    assert [s.h3.get_text() for s in steps] == [
        "Purposeful disclosure › Considering what is purposeful",
        "Peer boundaries",
        "Role play",
    ]
    assert "on purpose, for the other person's benefit" in steps[0].get_text()
    assert "In pairs, one person asks" in steps[2].select_one(".pl-prompt").get_text()
    note = steps[0].select_one("[data-pl-note]")
    assert note.get_text(" ", strip=True) == "Facilitator note: Keep stories brief; nobody has to share."
    assert article.select_one("[data-pl-notes-toggle]").find_parent(class_="pl-notes-toggle").has_attr("hidden")
    boxes = article.select("ol.pl-steps input[type=checkbox]")
    assert [b["data-pl-key"] for b in boxes] == [
        "disclosure/purposeful-disclosure#considering-what-is-purposeful",
        "disclosure/peer-boundaries",
        "disclosure/activity-1",
    ]
    for box in boxes:
        label = article.select_one(f"label[for={box['id']}]")
        assert label.get_text().startswith("Done")
    status = article.select_one("[data-pl-status]")
    assert status["role"] == "status" and status["aria-live"] == "polite"


def test_entry_pages_say_where_they_are_used(pathways_site: Path) -> None:
    section = soup(page_of(pathways_site, "entries/mutuality/")).select_one(".pl-used-in")
    rows = [li.get_text(" ", strip=True) for li in section.select("li")]
    assert rows == ["Peer orientation <fixture> › Peer values", "Working alongside peers › What peer work is"]
    for a in section.select("a"):
        target, _ = follow(pathways_site, "entries/mutuality/", a["href"])
        assert page_of(pathways_site, target).is_file(), a["href"]
    assert soup(page_of(pathways_site, "entries/gone/")).select_one(".pl-used-in") is None


def test_print_page_has_every_module_and_no_sidebars(pathways_site: Path) -> None:
    page = soup(page_of(pathways_site, f"pathways/{PATHWAY}/print/"))
    handout = page.select_one(".pl-handout")
    assert [h.get_text() for h in handout.select("h2")] == [
        "Module 1: Peer values",
        "Module 2: Disclosure and boundaries",
        "Module 3: Bringing it together",
    ]
    text = handout.get_text(" ", strip=True)
    assert "What will you take into your first week?" in text
    assert "Peer relationships where both people learn" in text
    assert all(s.has_attr("hidden") for s in page.select(".md-sidebar"))  # meta hide: navigation, toc
    ids = [el["id"] for el in page.select("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids on the handout"


def test_pathway_text_is_escaped(pathways_site: Path) -> None:
    html = page_of(pathways_site, f"pathways/{PATHWAY}/").read_text(encoding="utf-8")
    assert "<fixture>" not in html
    assert BeautifulSoup(html, "html.parser").title.get_text().startswith("Peer orientation <fixture>")


def test_starter_pathways_link_only_live_entries_in_a_complete_chain(starter_site: Path) -> None:
    overviews = sorted((starter_site / "pathways").glob("*/index.html"))
    assert [p.parent.name for p in overviews] == [
        "consumer-perspective-for-all-staff",
        "peer-workforce-orientation",
        "working-alongside-peer-colleagues",
    ]
    links = all_step_links(starter_site)
    assert len(links) >= 40
    for from_path, href in links:
        target, fragment = follow(starter_site, from_path, href)
        page = soup(page_of(starter_site, target))
        assert page.select_one("article .pl-summary"), f"{from_path} -> {href} is not a live entry page"
        assert not fragment or page.find(id=fragment), f"{from_path} -> {href}"
    for overview in overviews:
        start = overview.parent.relative_to(starter_site).as_posix() + "/"
        expected = [
            follow(starter_site, start, a["href"])[0]
            for a in soup(overview).select(".pl-module-card h3 a:not(.headerlink)")
        ]
        seen, here = [], expected[0]
        while here:
            assert here not in seen
            seen.append(here)
            nxt = soup(page_of(starter_site, here)).select_one(".pl-prevnext a[rel=next]")
            here = follow(starter_site, here, nxt["href"])[0] if nxt else ""
        assert seen == expected
