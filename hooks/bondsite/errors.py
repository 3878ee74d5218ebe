"""Errors that tell a maintainer where the problem is and how to fix it."""

from __future__ import annotations


class SiteDataError(ValueError):
    """A problem in a data file or page, located by file and line, with the fix to make."""

    def __init__(self, file: str, line: int | None, problem: str, fix: str) -> None:
        self.file, self.line, self.problem, self.fix = file, line, problem, fix
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {problem} Fix: {fix}")
