"""MkDocs hook: one search index per language (the work is in bondsite/search.py).

It runs after mkdocs-static-i18n (priority -100) has built every language and written their
merged index, so it is a hook file of its own: one module has one handler per event."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bondsite import search
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def _languages(config: MkDocsConfig) -> list[search.Language]:
    i18n = config.plugins.get("i18n")
    if i18n is None:  # one language: Material's own index is already right
        return []
    return [search.Language(str(lang.locale), "" if lang.default else f"{lang.locale}/")
            for lang in i18n.config.languages if lang.build]


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """Runs once, after the outermost build: the inner language builds' runs are skipped, as
    the merged index is only complete once mkdocs-static-i18n has finished (`building`)."""
    if getattr(config.plugins.get("i18n"), "building", False):
        return
    languages = _languages(config)
    site_dir = Path(config.site_dir)
    if len(languages) > 1 and (site_dir / search.INDEX).is_file():
        search.split_index(site_dir, languages)
