"""Material's stylesheet cut down for embed twins (bondsite.csssubset)."""

from __future__ import annotations

from bondsite import csssubset

CSS = (":root{--a:1}html{color:red}.md-header{top:0}.md-typeset h1,.md-nav a{margin:0}"
       ".md-typeset a:not(.md-nav__link){color:blue}.x:is(.md-tabs,.md-typeset){z-index:1}"
       "@media screen{.md-sidebar{width:1px}}@media print{.md-typeset{font-size:9pt}"
       ".md-footer{display:none}}@keyframes spin{0%{opacity:0}to{opacity:1}}"
       '[data-md-color-scheme=slate]{--b:"{x}"}@supports (gap:1px){.md-search{gap:1px}}')


def test_rules_for_classes_no_twin_uses_are_left_out() -> None:
    out = csssubset.subset(CSS, {"md-typeset", "x"})
    assert out == (":root{--a:1}html{color:red}.md-typeset h1{margin:0}"
                   ".md-typeset a:not(.md-nav__link){color:blue}.x:is(.md-tabs,.md-typeset){z-index:1}"
                   "@media print{.md-typeset{font-size:9pt}}@keyframes spin{0%{opacity:0}"
                   'to{opacity:1}}[data-md-color-scheme=slate]{--b:"{x}"}')


def test_classes_are_read_from_the_documents() -> None:
    found = csssubset.classes_in(['<main class="md-typeset embed"><p class="a  b">x</p></main>',
                                  "<div class='c'></div>"])
    assert found == {"md-typeset", "embed", "a", "b", "c"}
