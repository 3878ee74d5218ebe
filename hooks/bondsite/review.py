"""Review dates: a page's `next_review` and a region's crisis numbers (`checked` + 6 months).

Once a date has passed, the strict build fails and names the file and line; in the last
30 days before it, the build prints a notice (a notice, not a warning: MkDocs' strict mode
would fail on a warning, and the date has not passed yet).
"""

from __future__ import annotations

import calendar
import datetime as dt

from .errors import SiteDataError

WARN_DAYS = 30
CRISIS_MONTHS = 6  # crisis numbers are checked again at least this often


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def check_due(due: dt.date, today: dt.date, *, file: str, line: int | None, what: str,
              fix: str) -> str | None:
    """None while `due` is more than 30 days away; a notice in the last 30 days; after it,
    a SiteDataError naming the file, the line and the fix."""
    if due < today:
        raise SiteDataError(file, line, f"{what} was due on {due.isoformat()}, and that date has"
                            " passed.", fix)
    if (due - today).days <= WARN_DAYS:
        where = f"{file}:{line}" if line else file
        return f"review due soon: {where}: {what} is due on {due.isoformat()}. {fix}"
    return None
