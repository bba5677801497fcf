"""Option values converted without pydantic: a start-up cost the CLI's plain options do not need.

typer (0.29) converts every option value through a pydantic ``TypeAdapter``; importing pydantic
alone costs about as much CPU as ``reports periods`` does. Most options of this CLI are flags,
strings, lists of strings, paths and numbers: :func:`install` converts those with typer's own path
checks (exists, file or directory, readable...) and leaves every other annotation to typer. A
number is converted here only when it is written plainly (``4``, ``-2``, ``0.5``, ``1e3``) and
within the option's ``min``/``max``; anything else (``x``, ``0`` for ``min=1``, ``1_000``) goes to
typer's own conversion, so its value or its error message is exactly typer's. With a typer that
lacks the helpers used here, it does nothing and typer converts everything as before.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin


def _text(value: Any) -> str:
    return os.fsdecode(value) if isinstance(value, bytes) else str(value)


# Numbers as written on a command line, ASCII digits only; anything else is left to typer.
_INT = re.compile(r"[+-]?[0-9]{1,18}")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def plain_number(
    value: Any, kind: type[int] | type[float], low: float | None, high: float | None
) -> float | None:
    """``value`` (a command-line string, or a default of type ``kind``) as an int or a float,
    or None when it is not a plain number within ``[low, high]`` (typer then decides)."""
    number: float
    if type(value) is kind:
        number = value
    elif isinstance(value, str) and (_INT if kind is int else _FLOAT).fullmatch(value):
        number = kind(value)
    else:
        return None
    if isinstance(number, float) and not math.isfinite(number):
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def install() -> None:
    """Route plain option types around pydantic (idempotent)."""
    try:
        from typer import core
        from typer._coercion import RuntimeParam, TypeDescriptor
        from typer._param_types import coerce_cli_path
    except ImportError:  # another typer: its own conversion
        return
    typer_build = core.build_runtime_param
    if getattr(typer_build, "_reports_plain", False):
        return

    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):
        """``str``, ``list[str]``, ``Path``, flag and number options, as typer's adapters
        convert them."""

        descriptor: Any = None  # for what is not plain after all (a flag given a string)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is bool:
                if isinstance(value, bool):
                    return value
                return typer_build(self.descriptor).coerce(value, param=param, ctx=ctx)
            if self.annotation in (int, float):
                info = self.parameter_info
                number = plain_number(value, self.annotation, info.min, info.max)
                if number is None:  # not plain, or out of range: typer's value or error
                    return typer_build(self.descriptor).coerce(value, param=param, ctx=ctx)
                return number
            if self.annotation is str:
                return _text(value)
            if get_origin(self.annotation) is list:
                items = value if isinstance(value, list | tuple) else [value]
                return [_text(item) for item in items]
            path = value if isinstance(value, Path) else Path(_text(value))
            info = self.parameter_info
            return coerce_cli_path(path, info, path_type=Path, param=param, ctx=ctx)

    def plain(descriptor: TypeDescriptor) -> bool:
        info = descriptor.parameter_info
        if descriptor.file_annotation is not None or info.parser is not None:
            return False
        if getattr(descriptor, "choices", None) is not None:
            return False
        annotation = descriptor.annotation
        if annotation is str or annotation is bool:
            return True
        if annotation is int or annotation is float:
            return not info.clamp
        if get_origin(annotation) is list:
            return get_args(annotation) == (str,)
        return annotation is Path and info.path_type in (None, Path) and not info.allow_dash

    def build(descriptor: TypeDescriptor) -> Any:
        if plain(descriptor):
            return PlainRuntimeParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
        return typer_build(descriptor)

    build._reports_plain = True  # type: ignore[attr-defined]
    core.build_runtime_param = build
