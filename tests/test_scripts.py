"""The page scripts (docs/assets/*.js) share one start-up, assets/modules.js, and one clipboard
helper; none of them parses HTML, stores anything or talks to the network. (eslint checks their
code in ./dev test, before pytest.)"""

from __future__ import annotations

import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"
MODULES = {"checklist.js": "checklist", "country-choice.js": "crisis-choice",
           "embed-generator.js": "embed-generator", "quick-exit.js": "quick-exit"}
REGISTER = re.compile(r"\(window\.bondModules = window\.bondModules \|\| \[\]\)"
                      r'\.push\(\["([a-z-]+)", \w+\]\);')


def test_each_page_script_registers_with_the_one_start_up() -> None:
    for name, module in MODULES.items():
        script = (ASSETS / name).read_text(encoding="utf-8")
        assert REGISTER.findall(script) == [module], name
        for own_start_up in ("DOMContentLoaded", "document$", "readyState", "navigator.clipboard"):
            assert own_start_up not in script, f"{name} starts itself ({own_start_up})"


def test_only_the_start_up_touches_the_clipboard() -> None:
    users = sorted(p.name for p in ASSETS.glob("*.js") if "navigator.clipboard" in p.read_text())
    assert users == ["modules.js"]


def test_no_script_parses_html_stores_or_sends_anything() -> None:
    banned = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "fetch(",
              "XMLHttpRequest", "sendBeacon", "localStorage", "sessionStorage", "document.cookie",
              "indexedDB", "eval(", "new Function")
    scripts = sorted(ASSETS.glob("*.js"))
    assert len(scripts) >= 7
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        assert not [word for word in banned if word in text], path.name
