"""Build the indexes fixture and the starter library; check indexes, backlinks, redirects and every link."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from peer_library.derive import neighbours
from peer_library.load.library import load_library
from tests.build.conftest import soup
from tests.conftest import FIXTURES, ROOT, build_site
from tests.crawl import broken_links, reachable, resolve

PROJECT = FIXTURES / "indexes"
PUBLIC = ["elan", "hope", "leading-together", "mutuality", "twelve-step-sponsor", "wellness-recovery-action-plan"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("indexes")
    shutil.copytree(PROJECT, project, dirs_exist_ok=True)
    return build_site(project, project / "site")


@pytest.fixture(scope="module")
def library():
    library, problems = load_library(PROJECT / "library", root=PROJECT)
    assert problems == []
    return library


def entry_links(site: Path, page: str, selector: str = "article") -> set[str]:
    """The entry ids a page's article links to."""
    found = set()
    for a in soup(site / page).select(f"{selector} a[href]:not(.headerlink)"):
        target, _ = resolve(site, page, a["href"])
        if target and target.startswith("entries/"):
            found.add(target.split("/")[1])
    return found


def headings(el, level: str) -> list[str]:
    return [h.get_text(strip=True).removesuffix("¶") for h in el.select(level)]


def test_every_topic_has_a_page_and_every_entry_is_on_its_topics_pages(site: Path, library) -> None:
    for topic in library.topics:
        assert (site / "topics" / topic.id / "index.html").is_file(), topic.id
    for e in library.public:
        for t in e.topics:
            assert e.id in entry_links(site, f"topics/{t}/index.html"), (e.id, t)


def test_topic_tree_counts_include_narrower_topics(site: Path) -> None:
    tree = soup(site / "topics" / "index.html").select_one(".pl-topic-tree")
    text = {a.get_text(): a.find_next_sibling(class_="pl-count").get_text() for a in tree.select("a")}
    assert text == {
        "Peer practice": "(4 entries)",  # wrap itself, hope (values), mutuality and élan (sharing power)
        "Peer values": "(3 entries)",
        "Sharing power": "(2 entries)",
        "Recovery": "(3 entries)",  # the withdrawn piece is not counted
        "Consumer leadership": "(2 entries)",
    }
    nested = tree.select_one("li > ul")
    assert nested.find("a").get_text() == "Peer values"


def test_topic_page_shows_broader_narrower_and_entries_by_type(site: Path) -> None:
    page = soup(site / "topics" / "peer-values" / "index.html").select_one("article")
    assert headings(page, "h1") == ["Peer values"]
    links = {dt.get_text(): [a.get_text() for a in dt.find_next_sibling("dd").select("a")] for dt in page.select("dt")}
    assert links == {"Broader topic": ["Peer practice"], "Narrower topics": ["Sharing power"]}
    assert headings(page, "h2") == ["Values"]
    assert "Believing that recovery is possible" in page.get_text()


def test_every_entry_is_on_its_type_page_and_the_a_to_z(site: Path, library) -> None:
    az = entry_links(site, "a-z/index.html")
    assert az == set(PUBLIC)
    for e in library.public:
        folder = {"value": "values", "practice": "practices", "domain": "domains", "term": "terms", "role": "roles"}
        assert entry_links(site, f"types/{folder[e.type]}/index.html") == {
            x.id for x in library.public if x.type == e.type
        }


def test_withdrawn_entries_are_in_no_index_or_list(site: Path) -> None:
    for page in ["a-z", "topics/recovery", "types/writings", "audiences/staff", "authors"]:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "entries/gone" not in html and "../gone/" not in html, page
        assert "A withdrawn piece" not in html and "Withdrawn Author" not in html, page
    # a body link to it still reaches its tombstone, but it is no related entry and no backlink
    assert "gone" in entry_links(site, "entries/hope/index.html", ".pl-body")
    for section in (".pl-related", ".pl-backlinks"):
        assert "gone" not in entry_links(site, "entries/hope/index.html", section)
    assert "None yet." in soup(site / "types" / "writings" / "index.html").get_text()


def test_a_to_z_has_letter_jump_links_and_alias_lines(site: Path) -> None:
    page = soup(site / "a-z" / "index.html").select_one("article")
    jumps = {a.get_text(): a["href"] for a in page.select(".pl-letters a")}
    assert jumps == {
        "#": "#letter-other",
        "E": "#letter-e",
        "H": "#letter-h",
        "L": "#letter-l",
        "M": "#letter-m",
        "R": "#letter-r",
        "S": "#letter-s",
        "W": "#letter-w",
    }
    assert page.select_one(".pl-letters").name == "nav"
    rows = [li.get_text(" ", strip=True) for li in page.select("#letter-w ~ ul")[0].select("li")]
    assert rows == ["Wellness Recovery Action Plan Practice", "WRAP → see Wellness Recovery Action Plan"]
    assert "wrap-plan" not in page.get_text()  # an old id is a redirect, not a name to look up
    assert page.select_one("#letter-other ~ ul").get_text(strip=True).startswith("12-step sponsor")


def test_authors_are_named_as_credited_and_anonymous_authors_never(site: Path) -> None:
    names = [a.get_text() for a in soup(site / "authors" / "index.html").select("article .pl-index a")]
    assert names == ["Ana Ruiz", "Quiet Voice"]
    for path in site.rglob("*.html"):
        assert "Secret Writer" not in path.read_text(encoding="utf-8"), path
    assert entry_links(site, "authors/ana-ruiz/index.html") == {"hope"}


def test_audience_pages_group_entries_by_type(site: Path) -> None:
    page = soup(site / "audiences" / "peer-worker" / "index.html").select_one("article")
    assert headings(page, "h2") == ["Practices", "Values"]
    counts = [li.get_text(" ", strip=True) for li in soup(site / "audiences" / "index.html").select("article li")]
    assert "Carers and families (0 entries)" in counts and "All staff (2 entries)" in counts


def test_domain_entry_lists_mapped_entries_under_each_section(site: Path) -> None:
    section = soup(site / "entries" / "leading-together" / "index.html").select_one(".pl-domain")
    parts = dict(zip(headings(section, "h3"), section.select("h3"), strict=True))
    assert list(parts) == ["Core principles", "Key capabilities", "Good practice", "Good leadership"]

    def mapped(name: str) -> list[str]:
        out = []
        for el in parts[name].find_next_siblings():
            if el.name == "h3":
                break
            out += [a.get_text() for a in el.select("a.pl-entry-link")]
        return out

    assert mapped("Core principles") == ["Élan", "Mutuality"]
    assert mapped("Good practice") == ["Wellness Recovery Action Plan"]
    assert mapped("Key capabilities") == []
    # each section heading links back to the domain's own section, where the body has one
    assert section.select_one('a[href="#good-practice"]') is not None
    assert section.select_one('a[href="#good-leadership"]') is None


def test_topic_chips_link_to_topic_pages(site: Path) -> None:
    chips = soup(site / "entries" / "hope" / "index.html").select(".pl-meta .pl-chips a")
    assert {a.get_text(): a["href"] for a in chips} == {
        "Peer values": "../../topics/peer-values/",
        "Recovery": "../../topics/recovery/",
    }


def test_backlinks_on_pages_are_symmetric_with_links(site: Path, library) -> None:
    out = neighbours.outgoing(library)
    public = {e.id for e in library.public}
    links = {(e.id, t) for e in library.public for t in (*out[e.id], *e.related) if t in public}
    shown = {
        (source, e.id)
        for e in library.public
        for source in entry_links(site, f"entries/{e.id}/index.html", ".pl-backlinks")
    }
    assert shown == links
    assert ("mutuality", "mutuality") not in shown  # self-links are not backlinks
    assert entry_links(site, "entries/hope/index.html", ".pl-backlinks") == {
        "mutuality",
        "wellness-recovery-action-plan",
    }


def test_related_lists_explicit_entries_first(site: Path) -> None:
    related = soup(site / "entries" / "mutuality" / "index.html").select(".pl-related a.pl-entry-link")
    titles = [a.get_text() for a in related]
    assert titles[0] == "Hope" and "Élan" in titles and "Mutuality" not in titles
    assert len(titles) <= 1 + neighbours.COMPUTED


@pytest.mark.parametrize(
    ("old", "new"),
    [("mutual-support", "mutuality"), ("wrap-plan", "wellness-recovery-action-plan"), ("old-gone", "gone")],
)
def test_old_ids_redirect_to_their_entry(site: Path, old: str, new: str) -> None:
    page = f"entries/{old}/index.html"
    html = soup(site / page)
    refresh = html.find("meta", attrs={"http-equiv": "refresh"})["content"]
    canonical = html.find("link", rel="canonical")["href"]
    visible = html.select_one("main a")["href"]
    assert refresh == f"0; url=../{new}/" and canonical == visible == f"../{new}/"
    assert resolve(site, page, visible)[0] == f"entries/{new}/index.html"
    assert html.find("html")["lang"] == "en" and html.title.get_text()


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    assert broken_links(site) == []


def test_every_entry_is_reachable_from_home(site: Path, library) -> None:
    reached = reachable(site, "index.html")
    assert {f"entries/{e.id}/index.html" for e in library.public} <= reached


@pytest.mark.expected_warnings
def test_a_topic_with_no_entries_is_a_warning_that_fails_strict_builds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    topics = tmp_path / "library" / "topics.yml"
    topics.write_text(
        topics.read_text(encoding="utf-8") + "- id: unused\n  label: Unused\n  description: Nobody uses it.\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="Aborted with 1 warnings in strict mode"):
        build_site(tmp_path, tmp_path / "site")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert (
        "library/topics.yml:18: topics: topic 'unused' has no entries; tag an entry with it, or remove it from the vocabulary"
        in warnings
    )
    build_site(tmp_path, tmp_path / "site", strict=False)
    assert (tmp_path / "site" / "topics" / "unused" / "index.html").is_file()


def test_mini_site_links_all_resolve(mini_site: Path) -> None:
    assert broken_links(mini_site) == []


def test_starter_library_links_resolve_and_every_entry_is_reachable_by_each_index(starter_site: Path) -> None:
    assert broken_links(starter_site) == []
    library, _ = load_library(ROOT / "library", root=ROOT)
    wanted = {f"entries/{e.id}/index.html" for e in library.public}
    home = reachable(starter_site, "index.html")
    assert wanted <= home
    # a newcomer can get to every entry by topics alone, by types alone, or by the A–Z alone
    for section in ("topics/", "types/", "a-z/"):
        assert wanted <= reachable(starter_site, "index.html", within=(section,)), section
