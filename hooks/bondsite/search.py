"""One search index per language. Material's search indexes every page it renders; with
mkdocs-static-i18n that is one index of every language, set up for all their lunr languages.
The site hook gathers each language's entries with Material's own indexer as its pages render,
and `write_indexes` writes each language's index under that language's root (search/ for the
default, es/search/ for Spanish), set up for that language only; each language's pages look
there (Material's `config.base`, set in overrides/main.html). An English reader then loads no
Spanish search code and no Spanish entries, and the reverse."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .context import Language

INDEX = "search/search_index.json"
CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")  # what Material's index file holds


@dataclass
class Index:
    """A language's search configuration (Material's plugin settings) and its entries."""

    config: Mapping[str, Any]
    entries: list[dict[str, Any]] = field(default_factory=list)


def write_indexes(site_dir: Path, languages: Sequence[Language],
                  indexes: Mapping[str, Index]) -> dict[str, int]:
    """Write each language's index; returns entries per language."""
    counts = {}
    for lang in languages:
        index = indexes.get(lang.locale)
        if index is None:
            continue
        config = {key: index.config[key] for key in CONFIG_KEYS} | {"lang": [lang.locale]}
        docs = [{**doc, "location": doc["location"].removeprefix(lang.prefix)}
                for doc in index.entries]
        target = site_dir / lang.prefix / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")
        counts[lang.locale] = len(docs)
    return counts
