"""What to build (:class:`BriefJob`) and what came of it (:class:`BriefResult`).

Shared by ``reports build``, ``reports batch`` and ``reports send``: a job is frozen, canonical
(locale and digits resolved) and picklable, so it can cross to a worker process and name its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from reports.period import Period

Status = Literal["built", "skipped", "failed"]
DigitStyle = Literal["latn", "arab"]


@dataclass(frozen=True)
class BriefJob:
    """One brief to build: a period in one language, from one data file and one template set.

    Make it with :meth:`create`, which canonicalises the locale (``ar-ma`` -> ``ar_MA``) and
    resolves ``digits="auto"`` to the locale's CLDR default, so equal briefs are equal jobs.
    ``data=None`` is the embedded data set. ``templates`` is an analyst's template folder
    (``brief.toml``, ``locale/<lang>/LC_MESSAGES/messages.po``; what it lacks comes from the
    package), stored absolute; :meth:`create` takes it from ``$REPORTS_TEMPLATES`` when not given,
    ``None`` means the packaged templates only. ``options`` are further settings that change the
    brief, as sorted ``(name, value)`` pairs; they enter its fingerprint. Option ``date`` is an
    explicit publication date (``--date``, or ``$SOURCE_DATE_EPOCH``); without it a brief is dated
    the day it is built, and an unchanged brief keeps the date it was published with.
    ``table_name`` is set when the data is a table given through the Python API (``data`` is
    then a temporary copy of it): the name the analyst gave the table, ``""`` for none; the
    brief cites it as such, never by the copy's file name. ``None``: the data is the file
    ``data`` (or the embedded data), cited by its name.
    """

    period: Period
    locale: str
    digits: DigitStyle
    default_digits: DigitStyle
    data: Path | None = None
    templates: Path | None = None
    options: tuple[tuple[str, str], ...] = ()
    table_name: str | None = None

    @classmethod
    def create(
        cls,
        period: Period,
        locale: str,
        digits: str = "auto",
        data: Path | None = None,
        templates: Path | None = None,
        options: dict[str, str] | None = None,
        table_name: str | None = None,
    ) -> BriefJob:
        """A canonical job; raises ``LocaleError`` for an unknown locale or digit style,
        ``TemplateError`` for a template folder that does not exist."""
        from reports.i18n.localizer import default_digits, resolve_digits, resolve_locale
        from reports.resources import TemplateSet

        folder = TemplateSet.resolve(templates).folder
        resolved = resolve_locale(locale, folder / "locale" if folder is not None else None)
        return cls(
            period=period,
            locale=str(resolved),
            digits=resolve_digits(resolved, digits),  # type: ignore[arg-type]
            default_digits=default_digits(resolved),
            data=data,
            templates=folder,
            options=tuple(sorted((options or {}).items())),
            table_name=table_name,
        )

    @property
    def language(self) -> str:
        return self.locale.split("_", 1)[0]

    @property
    def variant(self) -> str:
        """``fr``, ``ar_MA``, or ``fr-arab`` when the digits are not the locale's default."""
        return self.locale if self.digits == self.default_digits else f"{self.locale}-{self.digits}"

    @property
    def relpath(self) -> PurePosixPath:
        """Where the brief goes inside the output folder: ``2025-H1/brief-2025-H1-fr.pdf``."""
        return PurePosixPath(str(self.period), f"brief-{self.period}-{self.variant}.pdf")

    def path(self, out_dir: Path) -> Path:
        return out_dir.joinpath(*self.relpath.parts)

    @property
    def label(self) -> str:
        """``2025-H1 fr`` (``2025-H1 fr-arab``) for progress lines and error summaries."""
        return f"{self.period} {self.variant}"

    def sort_key(self) -> tuple[Any, ...]:
        """Chronological, then by locale and digits: the order of manifests and summaries."""
        return (self.period.sort_key(), self.locale, self.digits)

    @property
    def catalogs(self) -> Path | None:
        """The ``locale`` folder to read catalogs from first (None: the packaged ones only)."""
        return self.templates / "locale" if self.templates is not None else None

    @property
    def layout_path(self) -> Path:
        """The ``brief.toml`` this brief uses (the analyst's, else the packaged one)."""
        from reports.resources import TemplateSet

        return TemplateSet(self.templates).layout_path

    def catalog_paths(self) -> list[Path]:
        """The catalogs this brief reads, first to last: its territory's (``en_GB``), then its
        language's; each the analyst's (if any), then the packaged fallback."""
        from reports.i18n.catalogs import catalog_files

        territory = self.locale.split("_", 1)[1] if "_" in self.locale else None
        return catalog_files(self.language, territory, self.catalogs)

    @property
    def published(self) -> str:
        """The publication date (``YYYY-MM-DD``) from the job's options, '' when not set."""
        return dict(self.options).get("date", "")


@dataclass(frozen=True)
class BriefResult:
    """What became of a job. ``status``: ``built``, ``skipped`` (already current) or ``failed``.

    ``path`` is where the brief is (or would be); ``error`` is the reason of a failure;
    ``reason`` says why a brief was built (``new``, ``forced``, ``data changed``...);
    ``warnings`` are the data warnings on rows this brief uses.
    """

    job: BriefJob
    path: Path
    status: Status
    sha256: str = ""
    size: int = 0
    pages: int = 0
    title: str = ""
    subject: str = ""
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    fingerprint: str = ""
    error: str = ""
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def to_json(self) -> dict[str, Any]:
        """The result as ``--json`` prints it (one object per brief)."""
        return {
            "path": str(self.path),
            "status": self.status,
            "sha256": self.sha256,
            "pages": self.pages,
            "size": self.size,
            "period": str(self.job.period),
            "locale": self.job.locale,
            "digits": self.job.digits,
            "published": self.job.published or None,
            "title": self.title,
            "warnings": list(self.warnings),
            "error": self.error or None,
        }
