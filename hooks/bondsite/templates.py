"""Which templates are the project's own (and so autoescaped) and which are Material's.

The project's own templates are rendered with autoescaping on: every value is escaped unless
it is already HTML, marked safe (markupsafe.Markup) where it is made, like a page's rendered
article in an embed twin. Material's templates, and our forks of them (main.html, 404.html and
the partials header, palette and search), keep Material's rules: no autoescaping, and the forks
escape what they print with `| e`.
"""

from __future__ import annotations

# The one start-up for the page scripts (checklist, country choice, embed generator, quick
# exit): every page or twin that runs one of them loads this first.
MODULES_SCRIPT = "assets/modules.js"

OWN = frozenset({
    "partials/checklist.html", "partials/crisis-lines.html", "partials/embed-generator.html",
    "partials/quick-exit.html", "partials/framed-head.html", "embed.html", "card.html",
    "handout.html", "handout-summary.html", "partials/session-summary.html",
})


def autoescape(name: str | None) -> bool:
    """Jinja's autoescape setting for a template, by its name."""
    return name in OWN
