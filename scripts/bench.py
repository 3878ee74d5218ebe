"""Performance figures for the site, printed as tables. Run with `./dev bench` (not a test).

It builds the site, serves it from 127.0.0.1 with gzip (as GitHub Pages does) and prints:
  1. Lighthouse (mobile defaults) for every page: performance, accessibility, best practices, SEO;
  2. bytes transferred on a first load of each page, split into Material's assets, the search
     index, the project's own assets and the HTML, beside a default Material build of the same
     Markdown (no hooks, no overrides, default theme settings except web fonts, which cannot load
     offline);
  3. build time with and without the project's hooks and overrides (alternating runs, median
     ratio);
  4. the per-page build cost at 1x, 10x and 50x the pages (synthetic copies of real pages);
  5. the printable handouts' cost on their own: printing every PDF (empty cache) and copying
     them from a warm cache, as the hook logs it. The hook overhead in 3. is measured with the
     handout cache warm (after a first build), as every rebuild after the first one is;
  6. whether ProperDocs (the maintained fork of MkDocs 1.6) builds the same files strictly: the
     only result that makes the command exit non-zero. No timing is ever a pass or fail.

Options: --pages trust/,bond-check/  (limit Lighthouse to some pages), --skip-lighthouse,
         --runs N (build timing runs, default 5), --json FILE (write all figures).
Lighthouse 12.2.3 is installed on first use into .bench/ with npm; Chromium is Debian's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from serve_built import SiteServer  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
LIGHTHOUSE_VERSION = "12.2.3"
BENCH_DIR = ROOT / ".bench"
PREFIX = "/therapeutic-bond/"
MKDOCS = [sys.executable, "-m", "mkdocs"]


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping !ENV tags as plain values."""


_Loader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode)
    else loader.construct_scalar(node)))


def _config() -> dict[str, Any]:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def _write_config(folder: Path, config: dict[str, Any]) -> Path:
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def project_config(folder: Path, hooks: bool = True, docs_dir: Path | None = None) -> Path:
    """The project's own config, pointed at absolute paths, optionally without hooks (and then
    without the template overrides, which need the hooks' data)."""
    config = _config()
    config["docs_dir"] = str(docs_dir or ROOT / "docs")
    if hooks:
        config["theme"]["custom_dir"] = str(ROOT / "overrides")
        config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    else:
        config["theme"].pop("custom_dir", None)
        config["hooks"] = []
    config["site_url"] = "http://127.0.0.1" + PREFIX
    return _write_config(folder, config)


def default_material_config(folder: Path) -> Path:
    """Material as it comes, on the same Markdown and nav: no hooks, overrides or extra CSS."""
    project = _config()
    config = {
        "site_name": project["site_name"],
        "site_url": "http://127.0.0.1" + PREFIX,
        "docs_dir": str(ROOT / "docs"),
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"i18n": project["plugins"][1]["i18n"]}],
        "markdown_extensions": project["markdown_extensions"],
        "nav": project["nav"],
    }
    return _write_config(folder, config)


# Builds run as on a maintainer's machine, where Python keeps the hooks' compiled modules in
# __pycache__/. Some sandboxes set PYTHONDONTWRITEBYTECODE, which would make only the hooks
# compile on every run: MkDocs and Material come precompiled by pip.
BUILD_ENV = {name: value for name, value in os.environ.items()
             if name != "PYTHONDONTWRITEBYTECODE"}


def build(config: Path, site: Path, strict: bool = True) -> float:
    started = time.perf_counter()
    subprocess.run([*MKDOCS, "build", "-q", *(["--strict"] if strict else []), "-f", str(config),
                    "-d", str(site)], check=True, cwd=config.parent, env=BUILD_ENV)
    return time.perf_counter() - started


def page_paths(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if
                  p.parent != site else "") for p in site.rglob("index.html")
                  if not {"embed", "card"} & set(p.relative_to(site).parts)
                  and "search" not in p.parts)


# First-load bytes ----------------------------------------------------------------------------

def _kind(url: str, own_assets: set[str]) -> str:
    path = url.split("?", 1)[0]
    if "search/search_index.json" in path or "/workers/search" in path:
        return "search"
    if any(path.endswith(a) for a in own_assets):
        return "project"
    if "/assets/" in path:
        return "material"
    return "html"


def first_load_bytes(site_url: str, paths: list[str], own_assets: set[str],
                     browser: Browser | None = None) -> dict[str, dict]:
    """Bytes on the wire (gzip) for a cold first load of each page, by kind of resource, in the
    given browser (the tests pass theirs) or in a Chromium launched for the purpose."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own_browser = p.chromium.launch(executable_path=CHROMIUM,
                                            args=CHROME_FLAGS.split()[1:])
            try:
                return first_load_bytes(site_url, paths, own_assets, own_browser)
            finally:
                own_browser.close()
    results: dict[str, dict] = {}
    for path in paths:
        context = browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent",
               lambda e, urls=urls: urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished",
               lambda e, sizes=sizes: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        page.goto(site_url + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        totals = {"material": 0, "search": 0, "project": 0, "html": 0}
        for request_id, size in sizes.items():
            totals[_kind(urls.get(request_id, ""), own_assets)] += size
        totals["total"] = sum(totals.values())
        results[path or "/"] = totals
        context.close()
    return results


# Lighthouse ----------------------------------------------------------------------------------

def lighthouse_bin() -> Path:
    binary = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into .bench/ (first run only)")
        BENCH_DIR.mkdir(exist_ok=True)
        subprocess.run(["npm", "i", "-E", "--no-audit", "--no-fund", "--prefix", str(BENCH_DIR),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def lighthouse(url: str) -> dict[str, int]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [str(lighthouse_bin()), url, "--quiet", "--output=json", f"--output-path={out.name}",
             f"--chrome-flags={CHROME_FLAGS}",
             "--only-categories=performance,accessibility,best-practices,seo"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        report = json.loads(Path(out.name).read_text())
    return {k: round(v["score"] * 100) for k, v in report["categories"].items()}


# Build cost ----------------------------------------------------------------------------------

def hook_overhead(work: Path, runs: int) -> dict[str, float]:
    """Build time with the hooks and overrides against without, in alternating fresh processes
    after one warm-up build (so the caches a first build leaves are in place): medians, and the
    median of the per-pair ratios."""
    (work / "with").mkdir()
    (work / "without").mkdir()
    with_hooks = project_config(work / "with", hooks=True)
    without = project_config(work / "without", hooks=False)
    timings: dict[str, list[float]] = {"with": [], "without": []}
    build(with_hooks, work / "warm")  # warm caches and imports once
    for _ in range(runs):
        timings["with"].append(build(with_hooks, work / "s1"))
        timings["without"].append(build(without, work / "s2", strict=False))
    ratios = [a / b for a, b in zip(timings["with"], timings["without"], strict=True)]
    return {"with_s": statistics.median(timings["with"]),
            "without_s": statistics.median(timings["without"]),
            "median_ratio": statistics.median(ratios)}


def properdocs_files(work: Path, site: Path) -> list[str]:
    """Build strictly with ProperDocs (the maintained fork of MkDocs 1.6, which runs hooks) and
    return the files it writes differently from MkDocs' build in `site`: none, when the hooks
    depend on nothing MkDocs alone has."""
    out = work / "properdocs"
    subprocess.run([sys.executable, "-m", "properdocs", "build", "-q", "--strict", "-f",
                    str(project_config(work / "ours")), "-d", str(out)], check=True,
                   cwd=work / "ours", env=BUILD_ENV)

    def files(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}

    return sorted(files(out) ^ files(site))


HANDOUT_LINE = re.compile(r"handouts: (\d+) PDFs \((\d+) printed, \d+ from the cache\) in ([0-9.]+) s")


def handout_cost(work: Path, runs: int) -> dict[str, float]:
    """What the handouts add to a build, from the hook's log lines (one per language): every PDF
    printed by Chromium (a new, empty cache each run), then copied from a warm cache."""
    folder = work / "handouts"
    folder.mkdir()
    config = project_config(folder)

    def timed(cache: Path) -> tuple[int, int, float]:
        done = subprocess.run([*MKDOCS, "build", "--strict", "-f", str(config), "-d",
                               str(folder / "site")], check=True, cwd=folder, text=True,
                              capture_output=True, env={**BUILD_ENV, "HANDOUTS_CACHE": str(cache)})
        found = HANDOUT_LINE.findall(done.stderr + done.stdout)
        if not found:
            raise SystemExit("the build made no handouts (is Chromium installed?)")
        return (sum(int(n) for n, _, _ in found), sum(int(p) for _, p, _ in found),
                sum(float(s) for _, _, s in found))

    cold = [timed(folder / f"cache{run}") for run in range(runs)]
    warm = [timed(folder / "cache0") for _ in range(runs)]
    assert all(printed == pdfs for pdfs, printed, _ in cold) and all(p == 0 for _, p, _ in warm)
    pdfs = cold[0][0]
    cold_s = statistics.median(s for _, _, s in cold)
    return {"pdfs": pdfs, "cold_s": cold_s, "per_pdf_s": cold_s / pdfs,
            "warm_s": statistics.median(s for _, _, s in warm)}


def scaling(work: Path) -> dict[int, float]:
    """Seconds per page when the site has 1x, 10x and 50x its pages (copies with checklists)."""
    results: dict[int, float] = {}
    sources = [p for p in sorted((ROOT / "docs").glob("*.md")) if not p.name.endswith(".es.md")]
    for factor in (1, 10, 50):
        docs = work / f"docs{factor}"
        shutil.copytree(ROOT / "docs", docs)
        for copy in range(1, factor):
            for source in sources:
                (docs / f"{source.stem}-copy{copy}.md").write_text(
                    source.read_text(encoding="utf-8"), encoding="utf-8")
        folder = work / f"cfg{factor}"
        folder.mkdir()
        path = project_config(folder, docs_dir=docs)
        data = yaml.safe_load(path.read_text())
        data["validation"] = {"omitted_files": "ignore", "unrecognized_links": "ignore",
                              "anchors": "ignore", "absolute_links": "ignore"}
        data["plugins"][1]["i18n"]["languages"][1]["build"] = False
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        pages = len(list(docs.glob("*.md"))) - len(list(docs.glob("*.es.md")))
        seconds = statistics.median(build(path, work / f"site{factor}", strict=False)
                                    for _ in range(3))
        results[factor] = seconds / pages
        print(f"  {factor:>2}x: {pages:4d} pages, {seconds:6.2f} s, "
              f"{1000 * seconds / pages:6.1f} ms/page")
    return results


# Report --------------------------------------------------------------------------------------

def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).rjust(w) if i else str(c).ljust(w)  # noqa: E731
                               for i, (c, w) in enumerate(zip(r, widths, strict=True)))
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    figures: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "machine": os.uname().machine,
                               "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "ours").mkdir()
        (work / "default").mkdir()
        ours_s = build(project_config(work / "ours"), work / "site")
        base_s = build(default_material_config(work / "default"), work / "base", strict=False)
        print(f"\nBuild: ours {ours_s:.2f} s, default Material {base_s:.2f} s "
              f"({ours_s / base_s:.2f}x)")
        own = {"assets/site.css", "assets/checklist.js", "assets/checklist.css",
               "assets/logo.svg", "assets/favicon.svg", "assets/embed-frame.js",
               "assets/embed.css", "assets/embed-generator.js", "embed.js"}
        paths = page_paths(work / "site")
        with SiteServer(work / "site", prefix=PREFIX, use_gzip=True) as ours, \
                SiteServer(work / "base", prefix=PREFIX, use_gzip=True) as base:
            ours_bytes = first_load_bytes(ours.url, paths, own)
            base_bytes = first_load_bytes(base.url, [p for p in paths if (
                work / "base" / p / "index.html").exists()], own)
            rows = []
            for path, b in ours_bytes.items():
                d = base_bytes.get(path, {}).get("total", 0)
                rows.append([path, b["html"], b["material"], b["search"], b["project"], b["total"],
                             d, f"{b['total'] / d:.2f}x" if d else "-"])
            print("\nFirst load, bytes on the wire (gzip)\n" + _table(
                rows, ["page", "html", "material", "search", "project", "total", "default",
                       "ratio"]))
            figures["bytes"] = {"ours": ours_bytes, "default": base_bytes}
            embeds = [p for p in ("embed/bond-check/", "embed/is-therapy-right-for-me/",
                                  "embed/trust/", "embed/es/bond-check/")
                      if (work / "site" / p / "index.html").exists()]
            embed_bytes = first_load_bytes(ours.url, embeds, own)
            print("\nEmbeddable twins (clinics' iframes), first load, gzip\n" + _table(
                [[p, b["html"], b["material"], b["search"], b["project"], b["total"]]
                 for p, b in embed_bytes.items()],
                ["page", "html", "material", "search", "project", "total"]))
            figures["embed_bytes"] = embed_bytes
            if not args.skip_lighthouse:
                chosen = [p for p in paths if not args.pages or p in args.pages.split(",")]
                scores = {p or "/": lighthouse(ours.url + p) for p in chosen}
                print("\nLighthouse (mobile)\n" + _table(
                    [[p, s["performance"], s["accessibility"], s["best-practices"], s["seo"]]
                     for p, s in scores.items()],
                    ["page", "performance", "accessibility", "best practices", "SEO"]))
                figures["lighthouse"] = scores
        print("\nHook overhead (alternating runs)")
        overhead = hook_overhead(work, args.runs)
        print(f"  with hooks {overhead['with_s']:.2f} s, without {overhead['without_s']:.2f} s, "
              f"median ratio {overhead['median_ratio']:.3f}")
        figures["overhead"] = overhead
        print("\nPrintable handouts (hook log; not in the overhead above, whose cache is warm)")
        cost = handout_cost(work, min(args.runs, 3))
        print(f"  {cost['pdfs']} PDFs: printing them all {cost['cold_s']:.2f} s "
              f"({cost['per_pdf_s']:.2f} s each); from the warm cache {1000 * cost['warm_s']:.0f} ms")
        figures["handouts"] = cost
        print("\nBuild cost per page as the site grows")
        figures["scaling"] = scaling(work)
        differ = properdocs_files(work, work / "site")
        print("\nProperDocs 1.6.7, strict: " + ("the same files as MkDocs" if not differ else
              f"{len(differ)} files differ from MkDocs' build: {', '.join(differ[:10])}"))
        figures["properdocs_differ"] = differ
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    # Not a timing gate: a ProperDocs build that writes other files means the hooks rely on
    # MkDocs alone, which the scheduled workflow job reports.
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
