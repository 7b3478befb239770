"""Values to pages and files: the site the library makes, whatever engine renders it.

``features`` is the one list of what the site makes; ``build`` runs it (``build_site``). Pages are
Markdown plus metadata with HTML from Jinja templates (``render``); ``pages`` holds the page type
and entry pages, the other modules one feature each.
"""
