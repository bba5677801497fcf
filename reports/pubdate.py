"""The publication date of a brief: ``--date``, else ``SOURCE_DATE_EPOCH``, else today."""

from __future__ import annotations

import datetime as dt
import os

from reports.errors import ReportsError

ENV = "SOURCE_DATE_EPOCH"


class DateError(ReportsError):
    """A publication date that cannot be read."""


def publication_date(given: str | dt.date | None = None) -> dt.date:
    """``given`` (``YYYY-MM-DD``), else the UTC day of ``$SOURCE_DATE_EPOCH``, else today."""
    if isinstance(given, dt.date):
        return given
    if given:
        try:
            return dt.date.fromisoformat(given.strip())
        except ValueError:
            raise DateError(f"invalid date {given!r}: write it as YYYY-MM-DD") from None
    epoch = os.environ.get(ENV, "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise DateError(f"invalid {ENV} {epoch!r}: expected seconds since 1970") from None
    return dt.date.today()


def pdf_date(day: dt.date) -> str:
    """The PDF date string of midnight UTC on ``day`` (``D:20250915000000+00'00'``)."""
    return f"D:{day:%Y%m%d}000000+00'00'"
