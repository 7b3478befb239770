"""Build the mini fixture library and inspect entry pages as a reader's browser would get them."""

from __future__ import annotations

from pathlib import Path

from tests.build.conftest import soup


def test_each_entry_is_at_its_stable_url(mini_site: Path) -> None:
    for entry_id in ["mutuality", "hope", "wellness-recovery-action-plan", "script-title", "gone"]:
        assert (mini_site / "entries" / entry_id / "index.html").is_file(), entry_id
    # the file lives at practices/wrap.md, but the URL comes from the id
    assert not (mini_site / "entries" / "wrap").exists()


def test_entry_page_shows_title_type_summary_and_metadata(mini_site: Path) -> None:
    page = soup(mini_site / "entries" / "mutuality" / "index.html")
    article = page.select_one("article")
    assert article.h1.get_text() == "Mutuality"
    assert article.select_one(".pl-kicker").get_text() == "Value"
    assert "share power" in article.select_one(".pl-summary").get_text()
    meta = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in article.select(".pl-meta dt")}
    assert meta["Topics"] == "Peer values"
    assert meta["For"] == "All staff, Peer workers"
    assert meta["Source"].startswith("Childs, B. (2021). Mind's peer work framework")
    assert meta["Added"] == "28 November 2026"


def test_wiki_links_resolve_to_entry_pages_and_headings(mini_site: Path) -> None:
    page = soup(mini_site / "entries" / "mutuality" / "index.html")
    hrefs = {a.get_text(): a["href"] for a in page.select(".pl-body a")}
    assert hrefs["Hope"] == "../hope/"
    assert hrefs["where hope comes from"] == "../hope/#where-hope-comes-from"
    hope = soup(mini_site / "entries" / "hope" / "index.html")
    hrefs = {a.get_text(): a["href"] for a in hope.select(".pl-body a")}
    assert hrefs["Mutuality"] == "../mutuality/"
    assert hrefs["the practice"] == "../wellness-recovery-action-plan/"  # relative link to the file


def test_content_note_comes_before_the_body(mini_site: Path) -> None:
    article = soup(mini_site / "entries" / "wellness-recovery-action-plan" / "index.html").select_one("article")
    note = article.select_one(".pl-content-note")
    assert "this entry discusses suicide" in note.get_text()
    assert note.find_next(class_="pl-body") is not None


def test_every_value_is_escaped(mini_site: Path) -> None:
    html = (mini_site / "entries" / "script-title" / "index.html").read_text(encoding="utf-8")
    page = soup(mini_site / "entries" / "script-title" / "index.html")
    article = page.select_one("article")
    assert article.h1.get_text() == "<script>alert('title')</script> & friends"
    assert page.title.get_text().startswith("<script>alert('title')</script> & friends")
    # JSON-LD may carry the text, escaped so it cannot close its script element (see test_borrowing_site)
    assert not [
        s for s in page.find_all("script") if "alert" in s.get_text() and s.get("type") != "application/ld+json"
    ]
    assert not page.select("img[onerror]")
    assert not [a for a in page.find_all("a") if a.get("href", "").startswith("javascript:")]
    assert "<script>alert" not in html


def test_anonymous_authors_are_not_named(mini_site: Path) -> None:
    html = (mini_site / "entries" / "script-title" / "index.html").read_text(encoding="utf-8")
    assert "Hidden Person" not in html
    assert "Anonymous" in html


def test_withdrawn_entry_keeps_its_url_as_a_short_notice(mini_site: Path) -> None:
    html = (mini_site / "entries" / "gone" / "index.html").read_text(encoding="utf-8")
    assert "withdrawn at the author's request" in html
    assert "must never appear" not in html


def test_entries_are_not_in_the_navigation(mini_site: Path) -> None:
    page = soup(mini_site / "index.html")
    nav_links = [a["href"] for a in page.select("nav.md-nav a[href]")]
    assert nav_links, "the nav should list the hand-written pages"
    assert not [h for h in nav_links if "entries/" in h]


def test_no_request_to_another_host(mini_site: Path) -> None:
    for path in mini_site.rglob("*.html"):
        page = soup(path)
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
            for el in page.find_all(tag):
                url = el.get(attr) or ""
                if tag == "link" and el.get("rel") == ["canonical"]:
                    continue  # the page's own address (site_url), which no browser fetches
                assert not url.startswith(("http://", "https://", "//")), (path, url)
