"""The recipients file (CSV or XLSX): one decision-maker a row, checked before anything is sent.

Columns: ``email``, ``name``, ``locale`` (required), ``cc`` (addresses separated by ``;`` or
``,``) and ``periods`` (periods this person receives, e.g. ``2025-H1; 2025``; empty = every
period). Every problem (invalid address, unknown locale, duplicate address, bad period) is
reported with its row number, all at once.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

from reports.errors import DataError, LocaleError, PeriodError
from reports.period import Period

REQUIRED = ("email", "name", "locale")
OPTIONAL = ("cc", "periods")
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_SPLIT = re.compile(r"[;,\s]+")


@dataclass(frozen=True)
class Recipient:
    """One row of the recipients file, checked. ``locale`` is the canonical CLDR tag."""

    row: int
    email: str
    name: str
    locale: str
    cc: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()  # empty: every period

    def wants(self, period: Period) -> bool:
        return not self.periods or period in self.periods

    @property
    def key(self) -> str:
        """The address as compared for duplicates and in the delivery log."""
        return normalize_address(self.email)


def normalize_address(address: str) -> str:
    """Lower-case, IDNA domain: two spellings of one mailbox compare equal."""
    local, _, domain = address.strip().rpartition("@")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}".lower()


def address_problem(address: str, single_label: bool = False) -> str | None:
    """Why ``address`` is not a usable email address, or None when it is.

    ``single_label`` accepts a domain without a dot (``reports@localhost``, a local relay).
    """
    if not address:
        return "empty address"
    if address.count("@") != 1:
        return "an address has exactly one @"
    local, domain = address.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        return "invalid part before the @"
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return "invalid domain"
    labels = ascii_domain.split(".")
    if (
        len(labels) < (1 if single_label else 2)
        or len(ascii_domain) > 253
        or not all(_LABEL.match(x) for x in labels)
    ):
        return "invalid domain"
    if labels[-1].isdigit():
        return "invalid domain"
    return None


def _copies(addresses: list[str], email: str) -> tuple[str, ...]:
    """The copies, each mailbox once (``a@x.org`` and ``A@X.org`` are one), the recipient's own
    address left out: the server would otherwise be given it twice and may deliver it twice."""
    seen = {normalize_address(email)} if email else set()
    copies = []
    for address in addresses:
        key = normalize_address(address)
        if address and key not in seen:
            seen.add(key)
            copies.append(address)
    return tuple(copies)


def load_recipients(path: Path, catalogs: Path | None = None) -> list[Recipient]:
    """Read and check the recipients file; raise :class:`DataError` listing every problem.

    ``catalogs``: the message catalogs folder whose languages a ``locale`` may name.
    """
    from reports.i18n.localizer import resolve_locale
    from reports.loading import OVERFLOW, read_rows

    header, rows = read_rows(Path(path))
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DataError(
            f"{path}: missing column(s) {', '.join(missing)};"
            f" expected {', '.join(REQUIRED)} (optional: {', '.join(OPTIONAL)})"
        )
    problems: list[str] = []
    recipients: list[Recipient] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        row_problems: list[str] = []

        def problem(
            column: str, text: str, row: int = number, bucket: list[str] = row_problems
        ) -> None:
            bucket.append(f"{path}, row {row}, column {column}: {text}")

        email = cells.get("email", "").strip()
        why = address_problem(email)
        if why:
            problem("email", f"{email!r} is not a valid email address ({why})")
        elif normalize_address(email) in seen:
            first = seen[normalize_address(email)]
            problem("email", f"duplicate address {email!r} (first on row {first})")
        else:
            seen[normalize_address(email)] = number
        locale_text = cells.get("locale", "").strip()
        locale = ""
        try:
            if not locale_text:
                raise LocaleError("empty locale")
            locale = str(resolve_locale(locale_text, catalogs))
        except LocaleError as exc:
            problem("locale", str(exc))
        cc = _copies(_SPLIT.split(cells.get("cc", "").strip()), email)
        for address in cc:
            why = address_problem(address)
            if why:
                problem("cc", f"{address!r} is not a valid email address ({why})")
        periods: list[Period] = []
        for text in _SPLIT.split(cells.get("periods", "").strip()):
            if text and text.lower() != "all":
                try:
                    periods.append(Period.parse(text))
                except PeriodError as exc:
                    problem("periods", str(exc))
        width, *extra = cells.get(OVERFLOW, "0").split("\x00")
        if any(value.strip() for value in extra):  # shifted by an unquoted separator
            problems.append(
                f"{path}, row {number}: {int(width) + len(extra)} values for the header's "
                f"{width} columns ({', '.join(repr(v) for v in extra)} after the last one): a "
                "value that contains the separator must be in double quotes"
            )
            continue
        if row_problems:
            problems += row_problems
            continue
        recipients.append(
            Recipient(
                row=number,
                email=email,
                name=" ".join(cells.get("name", "").split()),
                locale=locale,
                cc=cc,
                periods=tuple(periods),
            )
        )
    if problems:
        raise DataError("\n".join([f"{path}: {len(problems)} problem(s)", *problems]))
    if not recipients:
        raise DataError(f"{path}: no recipients (the file has a header only)")
    return recipients
