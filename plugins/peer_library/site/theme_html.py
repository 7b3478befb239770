"""The theme's HTML made valid: its template folders in order, and the markup fixed in written pages.

Material's page template (base.html, mkdocs-material 9.8) writes ``autocomplete="off"`` on its two
checkbox toggles, which HTML allows only on text-like inputs: the Nu HTML Checker reports it on every
page. The toggles sit outside any template block, so they are fixed in the written page instead.
Browsers ignore the attribute on checkboxes for form filling; Material's scripts set both toggles
themselves on load, so the drawer and search keep their look and keyboard behaviour.
"""

from __future__ import annotations

from .assets import PACKAGE

THEME = str(PACKAGE / "theme")  # ahead of the theme's own templates; partials/nav.html wraps theirs
MATERIAL_FIXES = str(PACKAGE / "theme-material")  # Material's partials made valid HTML; a custom_dir's still win

FIXES = tuple(
    (
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">',
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">',
    )
    for name in ("drawer", "search")
)


def valid_theme_html(page: str) -> str:
    """A written page with the theme's invalid toggle markup made valid (each fix once, near the top)."""
    for old, new in FIXES:
        page = page.replace(old, new, 1)
    return page


def themed_dirs(dirs: list[str], ours: str, fixes: str, material: str) -> list[str]:
    """The theme's template folders with the plugin's first, and its fixed Material partials just above
    Material's own (so a site's custom_dir still wins over them). Unchanged if they are there already."""
    out = [d for d in dirs if d not in (ours, fixes)]
    if material in out:
        out.insert(out.index(material), fixes)
    return [ours, *out]
