"""The one entry schema (``schema.ENTRY``) as JSON Schema, for editors and external checks."""

from __future__ import annotations

from typing import Any

from .schema import ENTRY, MAX_SLUG, SLUG, Spec, object_spec


def json_schema() -> dict[str, Any]:
    """The entry front matter as JSON Schema, for editors and external checks.

    Draft-07, which editor tooling (Ajv, yaml-language-server, JetBrains) reads without extra
    set-up. An optional field may be left empty (null), as the loader reads empty as absent."""

    def nullable(out: dict[str, Any]) -> dict[str, Any]:
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return out

    def convert(spec: Spec) -> dict[str, Any]:
        out: dict[str, Any] = {"description": spec.description} if spec.description else {}
        if spec.kind == "object":
            out |= {
                "type": "object",
                "additionalProperties": False,
                "properties": {k: convert(v) if v.required else nullable(convert(v)) for k, v in spec.fields.items()},
                "required": [k for k, v in spec.fields.items() if v.required],
            }
        elif spec.kind == "list":
            assert spec.items is not None
            out |= {"type": "array", "items": convert(spec.items)}
            if spec.min_items:
                out["minItems"] = spec.min_items
        elif spec.kind == "enum":
            out |= {"enum": list(spec.choices or {})}
        elif spec.kind == "int":
            out |= {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
        elif spec.kind == "date":
            out |= {"type": "string", "format": "date"}
        elif spec.kind == "slug":
            out |= {"type": "string", "pattern": SLUG.pattern, "maxLength": MAX_SLUG}
        elif spec.kind == "url":
            out |= {"type": "string", "pattern": r"^(https?://|mailto:)"}
        elif spec.kind == "doi":
            out |= {"type": "string", "pattern": r"^(https?://(dx\.)?doi\.org/|doi:)?10\.\d{4,9}/\S+$"}
        elif spec.kind == "isbn":
            out |= {"type": "string", "pattern": r"^(97[89][\s-]?)?(\d[\s-]?){9}[\dXx]$"}
        else:
            out |= {"type": "string", "minLength": 1}
        return out

    root = convert(object_spec("", ENTRY))
    root.pop("description", None)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "urn:peer-library:entry",
        "title": "Peer Library entry front matter",
        **root,
    }
