"""Section builders, registered by name; a template lists which ones a brief has, in order."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reports.blocks import Block
from reports.dataset import Dataset
from reports.errors import TemplateError
from reports.i18n.localizer import Localizer
from reports.metrics import PeriodMetrics


@dataclass(frozen=True)
class BriefContext:
    """What a section builder may use: figures, the language, the data's origin."""

    metrics: PeriodMetrics
    loc: Localizer
    data: Dataset


Builder = Callable[..., list[Block]]
_REGISTRY: dict[str, Builder] = {}


def section(name: str) -> Callable[[Builder], Builder]:
    def register(func: Builder) -> Builder:
        _REGISTRY[name] = func
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
    return builder
