"""Load YAML while keeping the line of every mapping, list and key, for error messages."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .errors import SiteDataError


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A YAML sequence that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


# libyaml's parser when PyYAML has it (several times faster); both keep line marks.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise SiteDataError(
                loader.name, key_node.start_mark.line + 1,
                f"the key {key!r} is not text.", "write keys as plain words, like `text:`.",
            )
        if key in result:
            raise SiteDataError(
                loader.name, key_node.start_mark.line + 1,
                f"the key `{key}` appears twice in the same block.", "keep only one of them.",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def _untagged(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    """A tagged value (`!ENV [SITE_URL, default]`) read as the plain value under the tag."""
    if isinstance(node, yaml.MappingNode):
        return _mapping(loader, node)
    if isinstance(node, yaml.SequenceNode):
        return _sequence(loader, node)
    return loader.construct_scalar(node)


class _ConfigLoader(_Loader):
    """mkdocs.yml and clinic profiles: MkDocs' own tags (!ENV, !relative, !!python/name:) are
    read as plain values; only what the site's code checks, and its lines, matter here."""


_ConfigLoader.add_multi_constructor("!", _untagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def parse_yaml(text: str, name: str, loader_class: type[_Loader] = _Loader) -> Any:
    """Parse YAML text; syntax errors become a SiteDataError naming `name` and the line."""
    try:
        loader = loader_class(text)
    except yaml.YAMLError as error:  # e.g. a control character the reader refuses
        raise SiteDataError(name, None, f"the file cannot be read as YAML: {error}.",
                            "remove control characters and save the file as UTF-8 text.") from None
    loader.name = name
    try:
        return loader.get_single_data()
    except SiteDataError:
        raise
    except yaml.MarkedYAMLError as error:
        # An unclosed bracket or quote is reported where the file ends; the fix belongs where
        # it opened (the context mark). Anything else is fixed where the problem is.
        context = error.context or ""
        opened = any(word in context for word in ("flow", "quoted"))
        mark = (error.context_mark if opened else error.problem_mark) or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "the YAML could not be read"
        if error.context_mark and error.problem_mark and error.context:
            problem = f"{error.context}, {problem} (line {error.problem_mark.line + 1})"
        raise SiteDataError(
            name, line, f"YAML syntax error: {problem}.",
            "check the indentation and quoting on that line; quote text that contains `: ` or"
            " starts with a symbol.",
        ) from None
    except yaml.YAMLError as error:
        raise SiteDataError(name, None, f"YAML error: {error}.", "check the file's syntax.") from None
    finally:
        loader.dispose()


def load_yaml(path: Path, display_name: str | None = None) -> Any:
    """Read and parse a YAML file (see `parse_yaml`)."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SiteDataError(name, None, "the file does not exist.", "create it or fix the path.") from None
    except UnicodeDecodeError:
        raise SiteDataError(name, None, "the file is not UTF-8 text.", "save it as UTF-8.") from None
    return parse_yaml(text, name)


def key_lines(data: Any, prefix: str = "") -> dict[str, int]:
    """The line of every key in parsed YAML, by its dotted path (`extra.clinic.phone`)."""
    lines: dict[str, int] = {}
    if isinstance(data, LineDict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            lines[path] = data.line_of(key)
            lines |= key_lines(value, path)
    return lines


def parse_config(text: str, name: str) -> Any:
    """A MkDocs config (mkdocs.yml or a profile) as parse_yaml reads data, its tags untagged."""
    return parse_yaml(text, name, _ConfigLoader)


def config_lines(path: Path) -> dict[str, int]:
    """Lines of the keys of a MkDocs config, by dotted path; empty when it cannot be read
    (MkDocs reports that itself)."""
    try:
        return key_lines(parse_config(path.read_text(encoding="utf-8"), str(path)))
    except (OSError, SiteDataError):
        return {}


def config_setting(files: Iterable[Path], dotted: str, root: Path) -> tuple[str, int | None]:
    """Where a setting is made: the first config file (a profile before the root config it
    inherits) that sets `dotted`, shown from `root`, and its line."""
    files = list(files)

    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    for path in files:
        line = config_lines(path).get(dotted)
        if line:
            return shown(path), line
    return shown(files[0]), None


# --- Reading fields ---------------------------------------------------------------------------

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def describe(value: Any) -> str:
    """How an error message names a value YAML read ("a list", "empty", "int 3")."""
    if isinstance(value, bool):
        return f"yes/no value {value}"
    if isinstance(value, LineDict | dict):
        return "a block of fields"
    if isinstance(value, LineList | list):
        return "a list" if value else "an empty list"
    if value is None:
        return "empty"
    return f"{type(value).__name__} {value!r}"


class FieldReader:
    """Reads the fields of one YAML file (checklists, crisis lines, interface words),
    raising SiteDataError with the file's name, a line and the fix."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, line: int | None, problem: str, fix: str) -> SiteDataError:
        return SiteDataError(self.file, line, problem, fix)

    def block(self, value: Any, line: int, what: str, required: Iterable[str],
              optional: Iterable[str] = ()) -> LineDict:
        """Check that `value` is a mapping with all required keys and no unknown ones."""
        required, optional = tuple(required), tuple(optional)
        if not isinstance(value, LineDict):
            raise self.fail(line, f"{what} must be a block of fields, not {describe(value)}.",
                            f"write its fields ({', '.join(required)}) indented under it.")
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean `{close[0]}`? " if close else ""
                raise self.fail(value.line_of(key), f"unknown key `{key}` in {what}.",
                                f"{hint}Allowed keys: {', '.join(allowed)}.")
        for key in required:
            if key not in value:
                raise self.fail(value.line, f"{what} has no `{key}`.", f"add `{key}:` to it.")
        return value

    def text(self, block: LineDict, key: str, what: str, default: str | None = None) -> str:
        """A non-empty text field (or `default` when it is optional and absent)."""
        if key not in block and default is not None:
            return default
        value = block.get(key)
        if isinstance(value, bool):
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be text, but YAML read"
                            f" it as the yes/no value {value}.",
                            f'put the text in quotes, like `{key}: "Yes"`.')
        if not isinstance(value, str) or not value.strip():
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be text, not"
                            f" {describe(value)}.", f"write `{key}:` followed by the text.")
        return " ".join(value.split())

    def translated(self, block: LineDict, key: str, what: str, lang: str) -> str:
        """A text that is plain, or one text per language (`{en: ..., es: ...}`), read for
        `lang` (English where that language has none)."""
        value = block.get(key)
        if isinstance(value, LineDict):
            if not isinstance(value.get("en"), str):
                raise self.fail(block.line_of(key), f"{what}: `{key}` has no English text.",
                                f"give `{key}` an `en:` text, then other languages.")
            chosen = lang if isinstance(value.get(lang), str) else "en"
            return self.text(value, chosen, f"`{key}` of {what}")
        return self.text(block, key, what)

    def integer(self, block: LineDict, key: str, what: str, default: int | None = None,
                minimum: int | None = None) -> int:
        """A whole-number field, optionally with a default and a minimum."""
        if key not in block and default is not None:
            return default
        value = block.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be a whole number,"
                            f" not {describe(value)}.",
                            f"write `{key}:` followed by a number, like 2.")
        if minimum is not None and value < minimum:
            raise self.fail(block.line_of(key), f"`{key}` in {what} is {value}.",
                            f"use a whole number of at least {minimum}.")
        return value

    def flag(self, block: LineDict, key: str, what: str) -> bool:
        """An optional true/false field."""
        value = block.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be true or false,"
                            f" not {describe(value)}.", f"write `{key}: true` or leave it out.")
        return value

    def entries(self, block: LineDict, key: str, what: str) -> list[tuple[Any, int]]:
        """A non-empty list field, as (value, line) pairs."""
        value = block.get(key)
        if not isinstance(value, LineList) or not value:
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be a list with at least"
                            f" one entry, not {describe(value)}.",
                            f"write each entry of `{key}:` on its own line starting with `- `.")
        return list(zip(value, value.item_lines, strict=True))

    def ident(self, block: LineDict, key: str, what: str) -> str:
        """An id: lower-case words joined by hyphens."""
        value = self.text(block, key, what)
        if not ID.match(value):
            raise self.fail(block.line_of(key), f"`{key}: {value}` in {what} is not a valid id.",
                            "use lower-case letters, digits and single hyphens, like `goals-1`.")
        return value

    def template(self, block: LineDict, key: str, what: str, names: tuple[str, ...]) -> str:
        """A text whose `{placeholders}` must be exactly among `names`."""
        value = self.text(block, key, what)
        for name in PLACEHOLDER.findall(value):
            if name not in names:
                allowed = ", ".join(f"{{{n}}}" for n in names) or "none"
                raise self.fail(block.line_of(key), f"`{key}` in {what} uses `{{{name}}}`,"
                                " which the checklist cannot fill in.",
                                f"use only these placeholders: {allowed}.")
        return value
