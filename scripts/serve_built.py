"""Serve a built site the way GitHub Pages does: under its sub-path, 404.html for misses,
and (optionally) gzip. Used by the browser tests and the benchmark; standard library only."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import posixpath
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    use_gzip = False

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _local(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        rel = posixpath.normpath(path[len(self.prefix):]).lstrip("/")
        if rel.startswith(".."):
            return None
        target = Path(self.directory) / rel
        if target.is_dir():
            if not path.endswith("/"):
                return target  # handled as redirect below
            target = target / "index.html"
        return target if target.is_file() else None

    def do_GET(self) -> None:
        target = self._local()
        if target is not None and target.is_dir():
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.end_headers()
            return
        status = 200
        if target is None:
            status, target = 404, Path(self.directory) / "404.html"
        body = target.read_bytes()
        ctype = self.guess_type(str(target))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if self.use_gzip and accepts and target.suffix in COMPRESSIBLE:
            body = gzip.compress(body, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        # The client (Lighthouse, a closed tab) may go away mid-response.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


class SiteServer:
    """A built site served on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, site: Path, prefix: str = "/", use_gzip: bool = False, port: int = 0):
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = type("Handler", (_Handler,), {"prefix": prefix, "use_gzip": use_gzip})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), partial(handler, directory=str(site)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + prefix
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
