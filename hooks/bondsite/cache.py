"""The build's one cache: printed PDF handouts, which cost Chromium about 0.8 s each. Nothing
else is cached: everything else a build makes takes milliseconds.

One root, `.cache/handouts/` in the project (ignored by git; $HANDOUTS_CACHE moves it), and one
way in: `fetch` returns the file for a key, making it first when it is missing. The file is made
under a temporary name and renamed into place, so two builds at once never read half a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def root() -> Path:
    """The cache's folder: $HANDOUTS_CACHE, else .cache/handouts/ in the project."""
    configured = os.environ.get("HANDOUTS_CACHE")
    return Path(configured) if configured else PROJECT_ROOT / ".cache" / "handouts"


def fetch(key: str, make: Callable[[Path], None], folder: Path | None = None) -> tuple[Path, bool]:
    """The cached file named `key`, and whether it was made now: `make(path)` writes it to a
    temporary path first, which then replaces the entry whole."""
    folder = folder or root()
    entry = folder / key
    if entry.is_file():
        return entry, False
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{key}.{os.getpid()}.part"
    make(partial)
    partial.replace(entry)
    return entry, True
