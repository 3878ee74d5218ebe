"""The compiled-template cache (bondsite.site.CompiledTemplates): a later process loads what an
earlier one compiled, an edited template compiles anew, and a cache that cannot be written or
holds junk only costs time."""

from __future__ import annotations

from pathlib import Path

import jinja2
from bondsite.site import CompiledTemplates


class CountingEnvironment(jinja2.Environment):
    """A real Jinja environment that counts the templates it compiles from source."""

    compiled: list[str]

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def, override]
        self.compiled.append(str(name))
        return super().compile(source, name, filename, raw, defer_init)


def _env(templates: Path, cache: CompiledTemplates) -> CountingEnvironment:
    env = CountingEnvironment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True)
    env.compiled = []
    env.bytecode_cache = cache
    return env


def test_a_second_process_loads_compiled_templates_from_the_folder(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    first = _env(tmp_path / "t", CompiledTemplates(tmp_path / "cache"))
    assert first.get_template("page.html").render(name="A") == "Hello A"
    assert first.compiled == ["page.html"]
    assert len(list((tmp_path / "cache").iterdir())) == 1
    # A new cache object stands for a new process: nothing in memory, only the folder.
    second = _env(tmp_path / "t", CompiledTemplates(tmp_path / "cache"))
    assert second.get_template("page.html").render(name="B") == "Hello B"
    assert second.compiled == []


def test_an_edited_template_compiles_anew(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    page = tmp_path / "t" / "page.html"
    page.write_text("Old {{ name }}", encoding="utf-8")
    cache = CompiledTemplates(tmp_path / "cache")
    assert _env(tmp_path / "t", cache).get_template("page.html").render(name="x") == "Old x"
    page.write_text("New {{ name }}", encoding="utf-8")
    for later in (cache, CompiledTemplates(tmp_path / "cache")):  # same process, next process
        env = _env(tmp_path / "t", later)
        assert env.get_template("page.html").render(name="x") == "New x"
    assert env.compiled == []  # the second one found the new version on disk


def test_an_unwritable_or_broken_cache_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hi {{ name }}", encoding="utf-8")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = _env(tmp_path / "t", CompiledTemplates(blocked / "cache"))
    assert env.get_template("page.html").render(name="x") == "Hi x"
    cache = tmp_path / "cache"
    _env(tmp_path / "t", CompiledTemplates(cache)).get_template("page.html")
    entries = list(cache.iterdir())
    assert len(entries) == 1
    entries[0].write_bytes(b"junk")
    env = _env(tmp_path / "t", CompiledTemplates(cache))
    assert env.get_template("page.html").render(name="y") == "Hi y"
    assert env.compiled == ["page.html"]


def test_memory_only_cache_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hi", encoding="utf-8")
    cache = CompiledTemplates(None)
    _env(tmp_path / "t", cache).get_template("page.html")
    env = _env(tmp_path / "t", cache)
    assert env.get_template("page.html").render() == "Hi"
    assert env.compiled == []
    assert [p.name for p in tmp_path.iterdir()] == ["t"]
