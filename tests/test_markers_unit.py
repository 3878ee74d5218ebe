"""The one marker grammar (bondsite.markers) and the one relative-URL helper (bondsite.urls)."""

from __future__ import annotations

import pytest
from bondsite import markers, urls
from bondsite.errors import SiteDataError

PAGE = "docs/demo.md"


def test_markers_are_found_with_their_lines_outside_fenced_code() -> None:
    source = ("---\ntitle: x\n---\n\n# Page\n\n<!-- checklist: bond-check -->\n\n"
              "```html\n<!-- checklist: in-code -->\n<!-- nonsense -->\n```\n\n"
              "  <!--crisis-lines-->\nText with <!-- checklist: inline --> in it.\n"
              "~~~\n<!-- embed-generator -->\n~~~\n<!-- embed-generator -->\n")
    found = markers.find(source, PAGE)
    assert [(m.name, m.arg, m.line) for m in found] == [
        ("checklist", "bond-check", 7), ("crisis-lines", "", 14), ("embed-generator", "", 19)]


@pytest.mark.parametrize(("line", "problem", "fix"), [
    ("<!-- checklst: bond-check -->", "is not a marker this site knows", "did you mean `checklist`?"),
    ("<!-- note -->", "is not a marker this site knows", "Use one of: checklist, crisis-lines"),
    ("<!-- checklist -->", "needs an argument", "<!-- checklist: some-id -->"),
    ("<!-- crisis-lines: GB -->", "takes no argument", "<!-- crisis-lines -->"),
])
def test_a_bad_marker_fails_with_the_file_the_line_and_the_fix(line: str, problem: str,
                                                               fix: str) -> None:
    source = f"# Page\n\nSome text.\n\n{line}\n"
    with pytest.raises(SiteDataError) as caught:
        markers.find(source, PAGE)
    message = str(caught.value)
    assert message.startswith(f"{PAGE}:5: ") and problem in message and fix in message


def test_replace_dispatches_by_name_and_leaves_the_rest_for_later() -> None:
    html = ("<p>a</p>\n<!-- checklist: one -->\n<p><!-- checklist: two --></p>\n"
            "<p><!-- embed-generator --></p>\n<!-- crisis-lines -->")
    out = markers.replace(html, {"checklist": lambda arg: f"[{arg}]",
                                 "crisis-lines": lambda arg: f"(lines{arg})"})
    assert out == "<p>a</p>\n[one]\n[two]\n<p><!-- embed-generator --></p>\n(lines)"


@pytest.mark.parametrize(("target", "folder", "expected"), [
    ("trust/", "bond-check", "../trust/"),
    ("trust/", "", "trust/"),
    ("", "trust", "../"),
    ("", "", "./"),
    ("trust/", "trust", "./"),
    ("assets/checklist.js", "es/bond-check", "../../assets/checklist.js"),
    ("es/", "embed/es/trust", "../../../es/"),
])
def test_relative_urls_keep_folders_as_folders(target: str, folder: str, expected: str) -> None:
    assert urls.relative(target, folder) == expected


@pytest.mark.parametrize(("url", "folder"), [("trust/", "trust"), ("", ""),
                                             ("es/404.html", "es"), ("a/b/", "a/b")])
def test_the_folder_of_a_page_url(url: str, folder: str) -> None:
    assert urls.folder_of(url) == folder
