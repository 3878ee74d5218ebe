"""Where one build's time goes: the time spent inside each hook event handler of the project,
apart from the plugins' (mkdocs-static-i18n, search) and MkDocs' own work. `./dev bench` runs it
in a fresh process after a first build, so it sees what a rebuild sees. Prints JSON:

    {"build_s": 1.62, "hooks_s": 0.21, "events": {"on_post_build site_hooks.py": 0.14, ...}}

Times are exclusive: mkdocs-static-i18n builds the other languages inside its own
on_post_build, and the hooks that run in there count for themselves, not for it.

It wraps each handler as MkDocs registers it (PluginCollection._register_event, MkDocs 1.6.1,
pinned): a private method, so a new MkDocs may need this script changed, never the site.

Usage: python scripts/hook_time.py CONFIG SITE_DIR
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs import plugins
from mkdocs.commands.build import build
from mkdocs.config import load_config


def main(config_file: str, site_dir: str) -> dict[str, Any]:
    spent: Counter[str] = Counter()
    stack: list[float] = []  # time taken by handlers running inside the current one

    def timed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            stack.append(0.0)
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                total = time.perf_counter() - started
                inner = stack.pop()
                spent[name] += total - inner
                if stack:
                    stack[-1] += total
        if hasattr(method, "mkdocs_priority"):
            run.mkdocs_priority = method.mkdocs_priority  # type: ignore[attr-defined]
        return run

    register = plugins.PluginCollection._register_event

    def register_timed(self: plugins.PluginCollection, event_name: str, method: Any,
                       plugin_name: str | None = None) -> None:
        if isinstance(method, plugins.CombinedEvent):  # MkDocs registers each part in turn
            return register(self, event_name, method, plugin_name)
        # MkDocs names a hook module by its file's path; a plugin's module has a dotted name.
        module = str(getattr(method, "__module__", ""))
        owner = Path(module).name if module.endswith(".py") else module.split(".")[0]
        return register(self, event_name, timed(f"on_{event_name} {owner}", method),
                        plugin_name)

    plugins.PluginCollection._register_event = register_timed  # type: ignore[method-assign]
    started = time.perf_counter()
    build(load_config(config_file, site_dir=site_dir, strict=True))
    build_s = time.perf_counter() - started
    ours = {name: seconds for name, seconds in spent.items() if name.endswith(".py")}
    return {"build_s": build_s, "hooks_s": sum(ours.values()),
            "events": dict(sorted(ours.items(), key=lambda item: -item[1]))}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
