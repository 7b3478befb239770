"""The starter site's records for other systems, read back with the clients they are for: Zotero's
meta tags and COinS (an HTML parser, an OpenURL query parse), MARCXML (pymarc, and an XML schema),
the data package (frictionless) and the sitemap; and the warning for a missing site address."""

from __future__ import annotations

import json
import logging
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pymarc
import pytest
import yaml
from frictionless import validate
from lxml import etree

from peer_library.load.library import load_library
from peer_library.model import Entry, Library
from tests.build.conftest import build_site, soup
from tests.conftest import FIXTURES, ROOT

SCHEMA = FIXTURES / "marc" / "marcxml-slim-structure.xsd"


def mkdocs_yml() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


SITE_URL = mkdocs_yml()["site_url"]


@pytest.fixture(scope="module")
def library() -> Library:
    found, problems = load_library(ROOT / "library", root=ROOT)
    assert not [p for p in problems if p.is_error]
    return found


def expected_authors(e: Entry) -> list[str]:
    """An entry's authors as its front matter says: anonymous ones as 'Anonymous', an organisation when
    the work names no person, the library itself for an entry without a source."""
    hidden = {a.name for a in e.authors if a.attribution == "anonymous"}
    if e.source is None:
        return [a.display_name for a in e.authors] or [mkdocs_yml()["site_name"]]
    people = ["Anonymous" if a in hidden else a for a in e.source.authors]
    return people or ([e.source.organisation] if e.source.organisation else [])


def test_every_entry_page_carries_zotero_meta_tags_and_coins_matching_the_entry(
    starter_site: Path, library: Library
) -> None:
    for e in library.public:
        page = soup(starter_site / "entries" / e.id / "index.html")
        meta: dict[str, list[str]] = {}
        for tag in page.head.find_all("meta", attrs={"name": re.compile(r"^citation_")}):
            meta.setdefault(tag["name"], []).append(tag["content"])
        s = e.source
        assert meta["citation_title"] == [s.title if s else e.title], e.id
        assert meta.get("citation_author", []) == expected_authors(e), e.id
        assert meta["citation_public_url"] == [f"{SITE_URL}entries/{e.id}/"], e.id
        if s and s.year:
            assert meta["citation_publication_date"] == [str(s.year)], e.id
        assert meta.get("citation_doi") == ([s.doi] if s and s.doi else None), e.id
        assert meta.get("citation_isbn") == ([s.isbn] if s and s.isbn else None), e.id
        if s and e.format == "article" and s.container:
            assert meta["citation_journal_title"] == [s.container], e.id
            if s.pages:
                assert meta["citation_firstpage"] == [s.pages.split("-")[0].strip()], e.id
        if s and s.publisher and e.format != "article":
            assert (meta.get("citation_publisher") or meta.get("citation_technical_report_institution")) == [
                s.publisher
            ], e.id
        if e.format in ("book", "report"):
            assert "citation_firstpage" not in meta, e.id

        spans = page.select("span.Z3988")
        assert len(spans) == 1, e.id
        context = parse_qs(spans[0]["title"], strict_parsing=True)
        assert context["ctx_ver"] == ["Z39.88-2004"]
        titles = context.get("rft.atitle") or context.get("rft.btitle") or context.get("rft.title")
        assert titles == [s.title if s else e.title], e.id
        names = context.get("rft.au", []) + context.get("rft.aucorp", []) + context.get("rft.creator", [])
        assert sorted(names) == sorted(expected_authors(e)), e.id


def test_catalogue_marcxml_reads_back_record_for_record(starter_site: Path, library: Library) -> None:
    with (starter_site / "catalogue.marcxml").open("rb") as fh:
        records = pymarc.parse_xml_to_array(fh)
    public = sorted(library.public, key=lambda e: e.id)
    assert [r["001"].data for r in records] == [e.id for e in public]
    for record, e in zip(records, public, strict=True):
        assert record["245"]["a"] == e.title
        assert record["520"]["a"] == e.summary
        assert len(str(record.leader)) == 24 and len(record["008"].data) == 40
        assert [f["a"] for f in record.get_fields("650")] == [
            library.topic_by_id[t].label for t in e.topics if t in library.topic_by_id
        ]
        assert f"{SITE_URL}entries/{e.id}/" in [f["u"] for f in record.get_fields("856")]
        names = [f["a"] for f in record.get_fields("100", "700")]
        bodies = [f["a"] for f in record.get_fields("110", "710")]
        if e.source:
            hidden = {a.name for a in e.authors if a.attribution == "anonymous"}
            assert names == [a for a in e.source.authors if a not in hidden], e.id
            assert bodies == ([e.source.organisation] if e.source.organisation else []), e.id
        if e.source and e.source.isbn:
            assert record["020"]["a"] == e.source.isbn.replace("-", "")
        if e.source and e.source.doi:
            assert record["024"]["a"] == e.source.doi and record["024"]["2"] == "doi"
    corporate = [r for r in records if r.get("110")]
    assert any(r["110"]["a"] == "Recovery Library, University of Melbourne" for r in corporate)


def test_catalogue_marcxml_validates_against_the_marcxml_schema(starter_site: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.parse(str(starter_site / "catalogue.marcxml"))
    assert schema.validate(document), schema.error_log
    broken = etree.fromstring((starter_site / "catalogue.marcxml").read_bytes().replace(b'tag="245"', b'tag="24"', 1))
    assert not schema.validate(broken)  # the schema can fail


def test_data_package_passes_frictionless_validate(starter_site: Path, library: Library) -> None:
    report = validate(str(starter_site / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [task.stats["rows"] for task in report.tasks] == [len(library.public)] * 2
    package = json.loads((starter_site / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == mkdocs_yml()["plugins"][0]["peer-library"]["data_licence"]


def test_data_page_is_linked_from_the_catalogue_and_describes_a_dataset(starter_site: Path) -> None:
    catalogue = soup(starter_site / "library" / "index.html")
    assert catalogue.select_one('a[href="../data/"]') is not None
    page = soup(starter_site / "data" / "index.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Dataset"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    downloads = {d["contentUrl"].removeprefix(SITE_URL) for d in data["distribution"] if d["@type"] == "DataDownload"}
    assert downloads == {"catalogue.csv", "catalogue.json", "datapackage.json", "catalogue.marcxml"}
    for name in downloads:
        assert (starter_site / name).is_file()
        assert page.select_one(f'a[href="../{name}"]') is not None
    assert page.select_one('a[rel="license"]')["href"] == data["license"]


def test_sitemap_lists_every_public_entry_page(starter_site: Path, library: Library) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in ET.parse(starter_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    missing = {f"{SITE_URL}entries/{e.id}/" for e in library.public} - locs
    assert not missing
    assert f"{SITE_URL}data/" in locs


@pytest.mark.expected_warnings
def test_an_empty_site_url_warns_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    build_site(project, project / "site", strict=False)
    warned = [r for r in caplog.records if r.levelno == logging.WARNING and "site_url is empty" in r.getMessage()]
    assert len(warned) == 1
    assert "<loc>" not in (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
