"""The library to values: indexes, neighbours and backlinks, citations, facets, availability.

Pure functions of a ``Library``; no files, no HTML.
"""
