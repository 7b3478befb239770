"""Controlled vocabularies: every closed list of values an entry field may take, in one place."""

from __future__ import annotations

# type id -> (folder under library/, plural label)
TYPES: dict[str, tuple[str, str]] = {
    "practice": ("practices", "Practices"),
    "value": ("values", "Values"),
    "principle": ("principles", "Principles"),
    "frame": ("frames", "Frames"),
    "role": ("roles", "Roles"),
    "term": ("terms", "Terms"),
    "domain": ("domains", "Domains"),
    "writing": ("writings", "Writings"),
    "resource": ("resources", "Resources"),
}

TYPE_LABELS: dict[str, str] = {
    "practice": "Practice",
    "value": "Value",
    "principle": "Practice principle",
    "frame": "Making-meaning frame",
    "role": "Role",
    "term": "Term",
    "domain": "Framework domain",
    "writing": "Writing",
    "resource": "Resource",
}

AUDIENCES: dict[str, str] = {
    "staff": "All staff",
    "peer-worker": "Peer workers",
    "manager": "Managers",
    "trainer": "Trainers",
    "consumer": "Consumers",
    "carer": "Carers and families",
}

FORMATS: dict[str, str] = {
    "article": "Article",
    "book": "Book",
    "video": "Video",
    "web": "Web page",
    "report": "Report",
    "toolkit": "Toolkit",
    "course": "Course",
    "guide": "Guide",
}

ATTRIBUTIONS: dict[str, str] = {
    "named": "Named author",
    "pseudonym": "Published under a pseudonym",
    "anonymous": "Published anonymously",
}

DOMAIN_SECTIONS: dict[str, str] = {
    "core-principles": "Core principles",
    "key-capabilities": "Key capabilities",
    "good-practice": "Good practice",
    "good-leadership": "Good leadership",
}

# The Recovery Library's selection criteria for consumer-perspective resources.
CRITERIA: dict[str, str] = {
    "consumer-involvement": "Consumer involvement",
    "self-determination": "Self-determination",
    "social-family-context": "Social and family context",
    "strengths-based-language": "Strengths-based language",
    "beyond-biomedical": "Beyond the biomedical",
}

CONTENT_NOTES: dict[str, str] = {
    "trauma": "trauma",
    "suicide": "suicide",
    "self-harm": "self-harm",
    "abuse": "abuse",
    "restraint-seclusion": "restraint and seclusion",
    "substance-use": "substance use",
}
