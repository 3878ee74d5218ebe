"""Load YAML while keeping the line of every mapping, list and key, for error messages."""

from __future__ import annotations

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


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text; syntax errors become a SiteDataError naming `name` and the line."""
    try:
        loader = _Loader(text)
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
        opened = bool(error.context) and any(w in error.context for w in ("flow", "quoted"))
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
