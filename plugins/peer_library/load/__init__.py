"""Files to data: read the library folder into an immutable ``Library`` and every problem found.

Front matter (``frontmatter``), the one entry schema (``schema``), one entry file (``entry_file``),
the whole folder with topics.yml (``library``), references across entries (``cross_entry``),
pathways (``pathways``), the circulation ledger (``ledger``), and writing files back safely (``files``).
Problems, never exceptions, for content.
"""
