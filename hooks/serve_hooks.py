"""MkDocs hook for `mkdocs serve` (./dev serve): rebuild when anything the build reads changes,
not only docs/ and the config. The hooks read data/ and overrides/ from the project folder
beside them (not from the config's folder), so this watches those same folders, whichever
config is served: mkdocs.yml or a clinic profile that inherits it. A change under hooks/ reloads
the hook files; a change to hooks/bondsite/ needs a restart of `mkdocs serve`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("data", "overrides", "hooks")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    for name in WATCHED:
        if (ROOT / name).is_dir():
            server.watch(str(ROOT / name))
    return server
