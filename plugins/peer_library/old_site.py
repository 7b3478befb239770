"""The previous site, cleared away on another core.

Before it builds, MkDocs empties the site folder (every entry but hidden ones) in the build process:
at 10,000 entries, with the Pagefind index, that is over 20,000 files (2.7 s of a 43 s rebuild here). The
plugin moves those entries into one hidden folder inside the site folder first (a rename each: the
same file system, nothing copied), so MkDocs finds nothing left to remove, and a forked process
deletes the hidden folder while the build goes on. The build waits for it before anything reads the
site folder (``Clearing.wait``), so no page of the old site is left behind in the new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path

from .reading import may_fork

TRASH_PREFIX = ".peer-library-old-site-"


class Clearing:
    """A hidden folder of the previous site's files, being deleted by the process ``pid``."""

    def __init__(self, trash: Path, pid: int) -> None:
        self.trash = trash
        self.pid = pid

    def wait(self) -> bool:
        """Once the deleting process is done, the folder gone (deleted here if that process could
        not); False if it is still there."""
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        shutil.rmtree(self.trash, ignore_errors=True)
        return not self.trash.exists()


def start_clearing(site_dir: Path) -> Clearing | None:
    """Move what MkDocs would remove from ``site_dir`` aside and start deleting it; None when there
    is nothing to move or no process may be forked (MkDocs then empties the folder itself)."""
    if not site_dir.is_dir() or not may_fork():
        return None
    # What MkDocs' clean_directory removes (not hidden entries, nor a link to a folder, which its
    # rmtree refuses), and folders an interrupted build of ours left behind.
    names = [
        name
        for name in os.listdir(site_dir)
        if (not name.startswith(".") or name.startswith(TRASH_PREFIX)) and not _linked_folder(site_dir / name)
    ]
    if not names:
        return None
    trash = Path(tempfile.mkdtemp(prefix=TRASH_PREFIX, dir=site_dir))
    for name in names:
        with contextlib.suppress(OSError):  # a mount point, say: MkDocs removes what it holds, as before
            os.rename(site_dir / name, trash / name)
    # Ctrl-C is held back over the fork, so that it never unwinds the build's stack in the copy.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:  # no process to spare: delete it here, now, as MkDocs would have
        pid = -1
    if pid == 0:  # the copy: delete (even if the build is interrupted), at a lower priority, and leave
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            with contextlib.suppress(OSError):
                os.nice(10)
            shutil.rmtree(trash, ignore_errors=True)
        finally:
            os._exit(0)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    if pid < 0:
        shutil.rmtree(trash, ignore_errors=True)
        return None
    return Clearing(trash, pid)


def _linked_folder(path: Path) -> bool:
    return path.is_symlink() and path.is_dir()
