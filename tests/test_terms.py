"""The Spanish glossary for translators (CONTRIBUTING.md), enforced on every Spanish page and
checklist: banned variants fail with the file and line, and each page's H1 equals its nav label."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

SPANISH_PAGES = sorted((ROOT / "docs").glob("*.es.md"))
SPANISH_CHECKLISTS = sorted((ROOT / "data/checklists/es").glob("*.yml"))

# A plural verb right after "tú y tu terapeuta" (optionally after a clitic or "no"): -an/-en
# (ustedes) or -áis/-éis/-ís (vosotros). "Entre tú y tu terapeuta." has no verb and passes.
_PLURAL_VERB = r"(?:(?:os|se|no|ya|los|las|lo|la|le|les)\s+)*\w+(?:an|en|áis|éis|ís|ais|eis)\b"

# (pattern, what to write instead). Patterns are case-insensitive and may span line breaks.
BANNED: list[tuple[str, str]] = [
    (r"\blazos?\b", 'a statistical link is "relación" or "asociación"; the bond is "vínculo"'),
    (r"\bconsultantes?\b", 'the person in therapy is "paciente"'),
    (r"\bclientes?\b", 'the person in therapy is "paciente"'),
    (r"\b(?:la|una|cada|tus|las|sus)\s+visitas?\b(?!\s+(?:al|a la|a un|a una)\b)",
     'a site\'s visitor is "quien visita" or "la persona que lee", not "la visita"'),
    (r"\btú\s+y\s+tu\s+terapeuta\s+" + _PLURAL_VERB,
     'no "Tú y tu terapeuta" + plural verb: make the therapist the subject, or say it '
     "impersonally"),
    (r"\b8\s*\.?\s*º\s*curso\b", "Spanish pages are held to Fernández-Huerta >= 60, not a school year"),
    (r"\bfíjate\s+si\b", 'write "Fíjate en si"'),
    (r"\bva\s+de\s+la\s+mano\b", 'a calque for a correlation: "se relaciona con", "se asocia a"'),
    (r"\bhan\s+demostrado\s+que\s+funcionan?\b",
     "«de eficacia demostrada» is the APA task force's judgement, not a proof"),
    (r"\bcalidez\s+y\s+cariño\b", 'write "calidez y amabilidad"'),
    (r"Working Alliance Inventory\W{0,3}\s*en inglés", 'drop "en inglés" after the name'),
    # Spain-only words where a neutral one exists (the Spanish review brief, issue 21).
    (r"\bmet[a-záéíóú]*\s+prisas?\b",
     'Spain-only: "te presiona para ir más rápido", "va demasiado rápido" ("te apura" is '
     "Latin American only)"),
    (r"\bsent(?:ó|aron|aba|aban|ar|ado|ará)\s+(?:muy\s+)?mal\b",
     'Spain-only: "te molestó", "no te hizo sentir bien"'),
    (r"\bno\s+(?:te|me|le|les|nos)\s+cuadra(?:n|ba|ban)?\b",
     'Spain-only: "no te convence", "no tiene sentido para ti"'),
    (r"\b(?:lo|la|los|las)\s+llev(?:a|as|an|o|ó|aba|aban)\s+bien\b",
     'Spain-only: "le va bien con eso", "lo maneja bien"'),
    (r"\bse\s+(?:tuercen?|torció|torcieron)\b", 'Spain-only: "salen mal", "se complican"'),
    # Lower-case only, so that names such as «Instituto Nacional de Salud Mental» pass.
    (r"(?-i:\b[iI]nstitutos?\b(?!\s+(?:de\s+(?:la\s+|las\s+|los\s+)?)?[A-ZÁÉÍÓÚÑ]))",
     'Spain-only for secondary school: "la escuela secundaria", "el colegio o la escuela"'),
    (r"\bpuls(?:a|as|ar|an|ando|es|en)\b",
     'Spain-only: "tocas" / "haces clic", or "eliges", "seleccionas"'),
    (r"\btu\s+web\b", 'write "tu sitio web"'),
    (r"(?:\b(?:el|un|de|del|al|en|y|o|con|sin|para|por|hacer|hace|haces|hacen|ofrece|ofrecen)"
     r"\s+|\(\s*|«)\*?counselling\b(?!\s+psychologist)",
     'write "orientación psicológica (counseling)"; English names and addresses keep their '
     "spelling"),
    (r"\bvídeos?\b", 'write "video" or "videollamada"'),
    (r"\bcog(?:er|e|es|en|ió|í|iendo|erlo|erla)\b",
     'never "coger": "tomar", "elegir", "pedir (cita)"'),
    (r"\bapetec\w*|\bapetezc\w*", 'Spain-only: "tener ganas"'),
    (r"\bhac\w*\s+ilusión\b", 'Spain-only: "te alegra", "tienes ganas de"'),
    # Sayable phrases: neutral tenses and short sentences.
    (r"\bme\s+has\s+(?:entendido|dicho)\b",
     'the perfect reads as Spain-only here: "no me entendiste", "me dijiste"'),
    (r"\basí\s+que\s+¿",
     'split a sayable phrase into two short sentences: "... conmigo. ¿Podemos hablarlo?"'),
    (r"\bsi\s+(?:lo|la)\s+tratas\s+de\s+usted\b",
     'write "si le hablas de usted" ("lo" assumes a man)'),
    # Meaning slips.
    (r"\btu\s+atención\b",
     '"tu atención" means your attention: for care or treatment write "tu tratamiento"'),
    (r"\bguarda[rns]?\s+en\s+privado\b", 'write "es confidencial" or "no lo cuenta"'),
    (r"\bpoca\s+tensión\b",
     'reads like blood pressure: "pocas tensiones", "sin tensiones fuertes"'),
    (r"\bjunt(?:ó|aron)\b", 'for a review that pools studies write "reunió"'),
    (r"(?<!\()Session\s+Rating\s+Scale(?!\s*\((?-i:Escala\s+de\s+Valoración\s+de\s+la\s+Sesión)\))",
     'gloss it as the glossary does: "Session Rating Scale (Escala de Valoración de la Sesión)"'),
]


def _reader_text(path: Path) -> str:
    """The file's text with YAML comment lines blanked (line numbers kept): readers never see them."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        text = "\n".join("" if line.lstrip().startswith("#") else line
                         for line in text.split("\n"))
    return text


def banned_terms(path: Path) -> list[str]:
    """Every banned variant in a file, as 'file:line: "match" -> advice'."""
    text = _reader_text(path)
    found = []
    for pattern, advice in BANNED:
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            line = text.count("\n", 0, match.start()) + 1
            words = " ".join(match.group(0).split())
            found.append(f"{path.relative_to(ROOT)}:{line}: \"{words}\" -> {advice}")
    return found


def test_the_glossary_patterns_catch_what_they_should() -> None:
    """Each banned variant is caught, and the good wording beside it is not."""
    bad = ["un lazo fuerte", "Tú y tu terapeuta acuerdan", "tú y tu terapeuta os ponéis",
           "Tú y tu terapeuta\nse ponen de acuerdo", "cada cliente", "consultante",
           "aunque la visita tenga JavaScript", "tus visitas pueden leer", "de 8.º curso",
           "Fíjate si", "va de la mano de", "han demostrado que funcionan", "calidez y cariño",
           "Working Alliance Inventory (en inglés)",
           "si te mete prisa", "me metió prisa", "algo que te sentó mal", "si no te cuadra",
           "lo lleva bien", "si las cosas se tuercen", "cuando ibas al instituto",
           "si pulsas el botón", "pulsa aquí", "en tu web", "orientación psicológica (counselling)",
           "un servicio de counselling", "por vídeo", "los vídeos", "no me has entendido",
           "lo que me has dicho", "conmigo, así que ¿podemos hablarlo?",
           "si lo tratas de usted", "afectar a tu atención", "guarda en privado lo que dices",
           "con poca tensión", "una revisión juntó 295 estudios", "coger cita",
           "si te apetece", "me hace ilusión", "la Session Rating Scale mide"]
    good = ["la relación entre tú y tu terapeuta.", "entre tú y tu terapeuta, en",
            "Tu terapeuta y tú", "paciente", "quien visita", "Fíjate en si",
            "de eficacia demostrada", "la visita al médico", "calidez y amabilidad",
            "te presiona para ir más rápido", "va demasiado rápido", "algo que te molestó",
            "me sentí mal", "no te convence", "le va bien con eso", "lo maneja bien",
            "si las cosas salen mal", "se complican", "la escuela secundaria",
            "el Instituto Nacional de Salud Mental", "si tocas o haces clic en el botón",
            "las pulsaciones", "en tu sitio web", "orientación psicológica (counseling)",
            "British Association for Counselling and Psychotherapy",
            "Ethical framework for the counselling professions",
            "clinical, counselling, forensic",
            "el de *counselling psychologist*", "talking-therapy-and-counselling/",
            "por video", "por videollamada", "no me entendiste", "me dijiste",
            "conmigo. ¿Podemos hablarlo?", "si le hablas de usted", "afectar a tu tratamiento",
            "presta atención", "lo que dices es confidencial", "con pocas tensiones",
            "una revisión reunió 295 estudios", "junto a tu terapeuta", "recoger la opinión",
            "escoger", "si tienes ganas",
            "la Session Rating Scale (Escala de Valoración de la Sesión) mide",
            "la Session Rating Scale (Escala de\nValoración de la Sesión) mide",
            "Escala de Valoración de la Sesión (Session Rating Scale)"]
    for sample in bad:
        assert any(re.search(p, sample, flags=re.IGNORECASE) for p, _ in BANNED), sample
    for sample in good:
        assert not any(re.search(p, sample, flags=re.IGNORECASE) for p, _ in BANNED), sample


def test_spanish_pages_and_checklists_use_the_glossary_terms() -> None:
    files = SPANISH_PAGES + SPANISH_CHECKLISTS
    assert len(SPANISH_PAGES) >= 20 and len(SPANISH_CHECKLISTS) >= 2, files
    found = [hit for path in files for hit in banned_terms(path)]
    assert not found, ("terms the Spanish glossary in CONTRIBUTING.md bans:\n"
                       + "\n".join(found))


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` becomes its list, other tags their value."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _any_tag)


def _mkdocs() -> dict[str, Any]:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)


def _nav_labels(nav: list[Any]) -> dict[str, str]:
    """Page file -> its English nav label, through sections."""
    labels: dict[str, str] = {}
    for entry in nav:
        for label, target in entry.items():
            if isinstance(target, list):
                labels |= _nav_labels(target)
            else:
                labels[target] = label
    return labels


def _spanish_translations(config: dict[str, Any]) -> dict[str, str]:
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                if language["locale"] == "es":
                    return dict(language.get("nav_translations") or {})
    raise AssertionError("mkdocs.yml has no Spanish language in the i18n plugin")


def _front_matter_title(text: str) -> str:
    match = re.match(r"\A---\n(.*?)\n---\n", text, flags=re.S)
    assert match, "no front matter"
    return str(yaml.safe_load(match.group(1))["title"])


def _h1(text: str) -> str:
    headings = re.findall(r"^# (.+?)\s*$", text, flags=re.M)
    assert len(headings) == 1, f"expected one H1, found {headings}"
    return re.sub(r"\s*\{[^}]*\}$", "", headings[0])


def spanish_heading_mismatches(config: dict[str, Any], docs: Path) -> list[str]:
    """Spanish pages whose H1 is not their Spanish nav label (or their title if not in the nav)."""
    labels = _nav_labels(config["nav"])
    translations = _spanish_translations(config)
    problems = []
    for page in sorted(docs.glob("*.es.md")):
        english = page.name.replace(".es.md", ".md")
        if english == "index.md":
            continue  # the home page's nav label is "Home"/"Inicio", its H1 the site's name
        text = page.read_text(encoding="utf-8")
        h1 = _h1(text)
        if english in labels:
            expected = translations.get(labels[english])
            if expected is None:
                problems.append(f"{page.name}: nav label {labels[english]!r} has no Spanish "
                                "translation in nav_translations")
                continue
            where = "its nav_translations label"
        else:
            expected, where = _front_matter_title(text), "its title"
        if h1 != expected:
            problems.append(f"{page.name}: H1 {h1!r} is not {where} {expected!r}")
    return problems


def test_spanish_headings_match_their_nav_labels() -> None:
    """The glossary: a page's name is the same in the nav, its heading and links."""
    config = _mkdocs()
    assert len(_nav_labels(config["nav"])) >= 20
    problems = spanish_heading_mismatches(config, ROOT / "docs")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("h1, fails", [("Glosario", False), ("Un glosario", True)])
def test_a_changed_heading_is_caught(tmp_path: Path, h1: str, fails: bool) -> None:
    (tmp_path / "glossary.es.md").write_text(f"---\ntitle: Glosario\n---\n\n# {h1}\n\nTexto.\n",
                                             encoding="utf-8")
    problems = spanish_heading_mismatches(_mkdocs(), tmp_path)
    assert bool(problems) is fails, problems
