"""Section builders, registered by name; a template lists which ones a brief has, in order."""

from __future__ import annotations

import datetime as dt
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reports.blocks import Block
from reports.dataset import Dataset
from reports.errors import TemplateError
from reports.i18n.localizer import Localizer
from reports.metrics import PeriodMetrics
from reports.template import Brand


@dataclass(frozen=True)
class BriefContext:
    """What a section builder may use: figures, the language, the data's origin.

    ``table_name``: set when the data is a table given through the Python API (the name it
    was given, ``""`` for none); ``None`` when it is the file ``data.origin``.
    """

    metrics: PeriodMetrics
    loc: Localizer
    data: Dataset
    brand: Brand = field(default_factory=Brand)
    published: dt.date | None = None
    table_name: str | None = None


Builder = Callable[..., list[Block]]
_REGISTRY: dict[str, Builder] = {}
_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {}


def section(
    name: str, choices: dict[str, tuple[str, ...]] | None = None
) -> Callable[[Builder], Builder]:
    """Register a builder; ``choices`` lists the values a text or list option may take."""

    def register(func: Builder) -> Builder:
        _REGISTRY[name] = func
        _CHOICES[name] = dict(choices or {})
        return func

    return register


def registry() -> dict[str, Builder]:
    from reports.sections import (  # noqa: F401  (imports register the builders)
        challenges,
        cover,
        jobs_target,
        methodology,
        narrative,
        segments,
        trend,
    )

    return dict(_REGISTRY)


def options_of(builder: Builder) -> set[str]:
    params = inspect.signature(builder).parameters.values()
    return {p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY}


def check_section(name: str, options: dict[str, Any]) -> Builder:
    builders = registry()
    if name not in builders:
        raise TemplateError(
            f"unknown section {name!r}; known sections: {', '.join(sorted(builders))}"
        )
    builder = builders[name]
    unknown = set(options) - options_of(builder)
    if unknown:
        allowed = ", ".join(sorted(options_of(builder))) or "none"
        raise TemplateError(
            f"section {name!r} has no option {', '.join(sorted(unknown))}; its options: {allowed}"
        )
    hints = typing.get_type_hints(builder)
    for option, value in options.items():
        _check_value(name, option, value, hints.get(option), _CHOICES[name].get(option))
    return builder


def _check_value(
    section_name: str, option: str, value: Any, hint: Any, choices: tuple[str, ...] | None
) -> None:
    """The option's value has the builder's type, and is one of its choices if it has any."""
    where = f"section {section_name!r} option {option}"
    kinds = [h for h in typing.get_args(hint) if h is not type(None)] or [hint]
    kind = kinds[0]
    if kind is bool and not isinstance(value, bool):
        raise TemplateError(f"{where} must be true or false, not {value!r}")
    if kind is str and not isinstance(value, str):
        raise TemplateError(f"{where} must be text, not {value!r}")
    if typing.get_origin(kind) is list and (
        not isinstance(value, list) or not all(isinstance(v, str) for v in value)
    ):
        raise TemplateError(f"{where} must be a list of names, not {value!r}")
    if choices is not None:
        given = value if isinstance(value, list) else [value]
        wrong = [v for v in given if v not in choices]
        if wrong:
            raise TemplateError(
                f"{where}: unknown value(s) {', '.join(map(repr, wrong))}; "
                f"known: {', '.join(choices)}"
            )
