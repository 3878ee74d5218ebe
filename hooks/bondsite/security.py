"""Content-Security-Policy and referrer policy as <meta> tags, computed from the final HTML.

GitHub Pages sends no custom headers, so the policy travels in the page. Inline scripts are
allowed by their sha256 hash, computed from the page as it is written, so a Material upgrade
that changes its inline scripts cannot silently break (or loosen) the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
TYPE_ATTR = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
HEAD_START = re.compile(r"<meta charset=[^>]*>", re.I)
REFERRER = "no-referrer"


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for each executable inline script, in page order."""
    hashes: list[str] = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = TYPE_ATTR.search(attrs)
        if kind and kind.group(1).lower() not in EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def content_security_policy(html: str) -> str:
    script_src = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {script_src}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


def add_security_meta(html: str) -> str:
    """Insert the CSP and referrer <meta> tags right after <meta charset>, before any script."""
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
            f'<meta name="referrer" content="{REFERRER}">')
    match = HEAD_START.search(html)
    if match is None:
        raise ValueError("the page has no <meta charset> to put the security policy after")
    return html[: match.end()] + tags + html[match.end():]
