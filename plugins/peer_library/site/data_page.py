"""The collection as data for people who analyse it: /data/ (a page linked from the catalogue),
catalogue.csv, and datapackage.json (a Frictionless Data Package describing catalogue.csv and
catalogue.json), with schema.org ``Dataset`` JSON-LD on the page and the licence set in mkdocs.yml.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from peer_library.derive.availability import availability
from peer_library.model import Library

from .borrowing import script_json
from .catalogue import DATA_URI
from .feeds import catalogue_record
from .page import Options, Page, html_page, page_meta

# Open data licences by SPDX identifier (the ``data_licence`` option): title and address.
LICENCES: dict[str, tuple[str, str]] = {
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution Share Alike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "ODC-By-1.0": ("Open Data Commons Attribution License v1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License v1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": (
        "Open Data Commons Public Domain Dedication & License 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
}

# catalogue.csv: one row per public entry; lists joined with "; ". (name, Table Schema type, description)
CSV_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("id", "string", "The entry's identifier; its page is /entries/<id>/"),
    ("url", "string", "The entry page, from the site root"),
    ("title", "string", "Title"),
    ("type", "string", "Entry type (practice, value, principle, frame, role, term, domain, writing, resource)"),
    ("summary", "string", "One- or two-sentence summary"),
    ("topics", "string", "Topic ids, separated by '; '"),
    ("audience", "string", "Audiences, separated by '; '"),
    ("authors", "string", "Authors as shown (anonymous authors as 'Anonymous'), separated by '; '"),
    ("format", "string", "Format of the work (book, article, report, ...)"),
    ("jurisdiction", "string", "Where the work applies"),
    ("year", "integer", "Year of the work"),
    ("added", "date", "Date the entry was added to the library"),
    ("copies", "integer", "Copies the library holds"),
    ("available", "integer", "Copies on the shelf at build time"),
)
# catalogue.json's records (site/feeds.py catalogue_record), field by field.
JSON_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("added", "date", "Date the entry was added to the library"),
    ("aliases", "array", "Other names"),
    ("audience", "array", "Audiences"),
    ("authors", "array", "Authors as shown"),
    ("availability", "object", "Copies, copies available, status and next due date; empty without holdings"),
    ("criteria", "array", "Selection criteria"),
    ("format", "string", "Format of the work"),
    ("id", "string", "The entry's identifier"),
    ("jurisdiction", "string", "Where the work applies"),
    ("summary", "string", "Summary"),
    ("title", "string", "Title"),
    ("topics", "array", "Topics, each {id, label}"),
    ("type", "string", "Entry type"),
    ("type_label", "string", "Entry type as shown"),
    ("url", "string", "The entry page, from the site root"),
    ("year", "integer", "Year of the work"),
)


def licence_problem(licence: str) -> str | None:
    """Why the ``data_licence`` option is unusable, or None ('' states no licence)."""
    if licence and licence not in LICENCES:
        return f"data_licence must be one of {', '.join(LICENCES)} (an SPDX identifier), not {licence[:40]!r}"
    return None


def catalogue_csv(library: Library, options: Options) -> str:
    """/catalogue.csv: every public entry, sorted by id."""
    found = availability(library)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in CSV_FIELDS])
    for entry in sorted(library.public, key=lambda e: e.id):
        r = catalogue_record(entry, library, found.get(entry.id), options.directory_urls)
        held = found.get(entry.id)
        writer.writerow(
            [
                r["id"],
                r["url"],
                r["title"],
                r["type"],
                r["summary"],
                "; ".join(t["id"] for t in r["topics"]),
                "; ".join(r["audience"]),
                "; ".join(r["authors"]),
                r["format"] or "",
                r["jurisdiction"] or "",
                r["year"] or "",
                r["added"] or "",
                held.total if held else 0,
                held.available if held else 0,
            ]
        )
    return out.getvalue()


def _schema(fields: tuple[tuple[str, str, str], ...], key: str) -> dict[str, Any]:
    return {
        "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
        "primaryKey": [key],
    }


def datapackage(options: Options) -> dict[str, Any]:
    """The Frictionless Data Package that describes catalogue.csv and catalogue.json."""
    package: dict[str, Any] = {
        "name": "peer-library-catalogue",
        "title": f"{options.site_name}: catalogue",
        "description": "Every public entry of the library: metadata and copies held (never borrowers).",
        "resources": [
            {
                "name": "catalogue-csv",
                "path": "catalogue.csv",
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(CSV_FIELDS, "id"),
            },
            {
                "name": "catalogue-json",
                "path": "catalogue.json",
                "type": "table",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                # The records are the "entries" property of the file, one object each.
                "dialect": {"json": {"property": "entries", "keyed": True}},
                "schema": _schema(JSON_FIELDS, "id"),
            },
        ],
    }
    if options.site_url:
        package["homepage"] = options.site_url.rstrip("/") + "/data/"
    if options.data_licence:
        title, path = LICENCES[options.data_licence]
        package["licenses"] = [{"name": options.data_licence, "title": title, "path": path}]
    return package


def data_files(library: Library, options: Options) -> dict[str, str]:
    """catalogue.csv and datapackage.json (catalogue.json is the borrowing feature's)."""
    return {
        "catalogue.csv": catalogue_csv(library, options),
        "datapackage.json": json.dumps(datapackage(options), ensure_ascii=False, indent=1) + "\n",
    }


def dataset_json_ld(library: Library, options: Options) -> dict[str, Any]:
    """schema.org metadata for /data/: a Dataset with one DataDownload per file."""
    base = options.site_url.rstrip("/") + "/" if options.site_url else "../"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{options.site_name}: catalogue",
        "description": "Every public entry of the library as CSV, JSON and MARCXML, with a Frictionless Data Package.",
        "url": f"{base}data/",
        "distribution": [
            {"@type": "DataDownload", "name": name, "encodingFormat": mime, "contentUrl": f"{base}{path}"}
            for path, mime, name in DOWNLOADS
        ],
        "variableMeasured": [name for name, _, _ in CSV_FIELDS],
    }
    if options.data_licence:
        data["license"] = LICENCES[options.data_licence][1]
    return data


# (path, media type, label) of every download the page offers.
DOWNLOADS = (
    ("catalogue.csv", "text/csv", "CSV"),
    ("catalogue.json", "application/json", "JSON"),
    ("datapackage.json", "application/json", "Frictionless Data Package"),
    ("catalogue.marcxml", "application/marcxml+xml", "MARCXML (MARC 21)"),
)


def data_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """The /data/ page."""
    licence = LICENCES.get(options.data_licence)
    return {
        DATA_URI: html_page(
            "data.html.j2",
            "",
            page_meta("The catalogue as data", "Download every entry's metadata as CSV, JSON or MARCXML.", "data"),
            # the site root, where the files are: from the page's address, or (Zensical) its source file
            root="../" if options.directory_urls and not options.links_from_source else "",
            downloads=DOWNLOADS,
            fields=CSV_FIELDS,
            total=len(library.public),
            licence=licence,
            licence_id=options.data_licence,
            json_ld=script_json(dataset_json_ld(library, options)),
        )
    }
