"""The interface words the templates show around the content (data/ui.yml), per language."""

from __future__ import annotations

from pathlib import Path

from .yamldata import FieldReader, LineDict, describe, load_yaml


def parse_ui_words(data: object, file: str, lang: str) -> dict[str, str]:
    """Check that `lang` has every key the default (`en`) has, each as text; return them."""
    r = FieldReader(file)
    if not isinstance(data, LineDict):
        raise r.fail(None, "the file must be a block per language (`en:`, `es:` ...).",
                     "start each language's block with its code and a colon, like `en:`.")
    english = data.get("en")
    if not isinstance(english, LineDict):
        raise r.fail(data.line_of("en"), "there is no `en:` block, which every language copies.",
                     "add `en:` with the English words.")
    words = data.get(lang)
    if not isinstance(words, LineDict):
        raise r.fail(None, f"there are no interface words for `{lang}`.",
                     f"add a `{lang}:` block with the same keys as `en:`.")
    missing = sorted(set(english) - set(words))
    if missing:
        raise r.fail(words.line, f"`{lang}` lacks {missing}.", "add the missing keys.")
    extra = sorted(set(words) - set(english))
    if extra:
        raise r.fail(words.line_of(extra[0]), f"`{lang}` has `{extra[0]}`, which `en` has not.",
                     "add it to `en:` too, or remove it.")
    for key in english:
        if not isinstance(words[key], str):
            raise r.fail(words.line_of(key), f"`{key}` in `{lang}` must be text, not"
                         f" {describe(words[key])}.", f'put the words in quotes: `{key}: "..."`.')
    # Texts as written: a leading space or an empty text can be meant (`directory_language`).
    return {key: words[key] for key in english}


def load_ui_words(path: Path, display_name: str, lang: str) -> dict[str, str]:
    return parse_ui_words(load_yaml(path, display_name), display_name, lang)
