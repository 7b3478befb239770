"""With `use_directory_urls: false` every URL the plugin writes outside page links (catalogue,
feed, citations, JSON-LD, "Request this copy") names the page MkDocs writes: entries/<id>.html."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.conftest import FIXTURES
from tests.helpers import built_files

SITE_URL = "https://library.example.org/"


def test_every_entry_url_names_a_page_that_exists_without_directory_urls(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "borrowing", project)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("use_directory_urls: false\n")
    site = built_files(project, tmp_path / "site")

    catalogue = json.loads(site["catalogue.json"])["entries"]
    assert catalogue and all(record["url"] in site for record in catalogue)
    feed = site["feed.xml"].decode()
    hrefs = re.findall(r'<link[^>]*href="([^"]+)"', feed)
    entry_links = [h.removeprefix(SITE_URL) for h in hrefs if "/entries/" in h]
    assert entry_links and all(link in site for link in entry_links)

    page = site["entries/on-our-own.html"].decode()
    absolute = set(re.findall(re.escape(SITE_URL) + r"entries/[^\"'\s<>&\\]+", page))
    assert absolute == {f"{SITE_URL}entries/on-our-own.html"}  # JSON-LD, citations, request links
    # The 404 page's ways on name pages that exist (it is served at any depth, so from the site's root).
    not_found = site["404.html"].decode()
    way_on = re.findall(r'(?:action|href)="/([^"#]*)"', not_found.split('id="pl-content"')[1].split("</article>")[0])
    assert {"search.html", "library.html", "a-z.html", "index.html"} <= set(way_on) and all(p in site for p in way_on)
