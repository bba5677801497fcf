"""The figures behind a brief, as a table (pandas): per segment value, share, change in points,
growth, contribution, status and source; written as XLSX (localized headers and number formats)
or CSV. pandas is imported here only, never by the CLI's start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reports.cells import csv_text, keep_as_text
from reports.dataset import SEGMENTS, Dataset
from reports.i18n.localizer import N_, Localizer, decimal_symbol
from reports.metrics import Figure, PeriodMetrics, RateCheck
from reports.sections.common import percent_decimals, segment_name

COLUMNS = (
    "period",
    "segment",
    "name",
    "value_mad_m",
    "share",
    "share_change_pts",
    "growth",
    "contribution_pts",
    "value_status",
    "share_status",
    "growth_status",
    "source",
    "growth_from_values",
    "growth_approximate",
    "growth_within_rounding",
)
HEADERS = {
    "period": N_("Period"),
    "segment": N_("Segment code"),
    "name": N_("Segment"),
    "value_mad_m": N_("Exports (MAD million)"),
    "share": N_("Share of total"),
    "share_change_pts": N_("Change in share"),
    "growth": N_("Growth on {period}"),
    "contribution_pts": N_("Contribution to growth"),
    "value_status": N_("Value status"),
    "share_status": N_("Share status"),
    "growth_status": N_("Growth status"),
    "source": N_("Source"),
    "growth_from_values": N_("Growth from the values"),
    "growth_approximate": N_("Growth published as approximate"),
    "growth_within_rounding": N_("Published growth within the rounding of the values"),
}
STATUS = {
    "published": N_("published"),
    "derived": N_("derived"),
    "computed": N_("computed"),
    "missing": N_("not available"),
    "undefined": N_("not meaningful (zero a year earlier)"),
}
# Excel number formats (the reader's spreadsheet shows its own separators).
FORMATS = {
    "value_mad_m": "#,##0",
    "share": "0.0%",
    "share_change_pts": '+0.0" pt";-0.0" pt";0.0" pt"',
    "growth": "+0.0%;-0.0%;0.0%",
    "contribution_pts": '+0.0" pt";-0.0" pt";0.0" pt"',
    "growth_from_values": "+0.0%;-0.0%;0.0%",
}


def _number_format(column: str, loc: Localizer | None) -> str | None:
    """The Excel format of a column; points carry the language's unit (``pt``, ``pp``, ``نقطة``)."""
    code = FORMATS.get(column)
    if code is None or loc is None or "pt" not in code:
        return code
    unit = loc.points_unit()
    return code.replace('" pt"', f'" {unit}"')


def _clean(value: float | None) -> float | None:
    """Without binary noise (40.3 / 100 is 0.403, not 0.40299999999999997): 12 digits."""
    return None if value is None else float(f"{value:.12g}")


def _row(
    period: str,
    code: str,
    name: str,
    value: Figure,
    share: Figure,
    change: Figure,
    growth: Figure,
    contribution: Figure,
    computed_growth: Figure | None = None,
    check: RateCheck | None = None,
) -> dict[str, Any]:
    sources = dict.fromkeys(s for f in (value, share, growth) for s in f.sources)
    # A published rate beside the one the values give, and whether rounding explains the gap:
    # the brief marks a rate it does not (†, BPO 2024: "nearly +17%" against +22.8%) and
    # an approximate one (≈); the export said 0.17, published, and nothing else.
    from_values = computed_growth if computed_growth is not None else Figure.missing()
    return {
        "period": period,
        "segment": code,
        "name": name,
        "value_mad_m": _clean(value.value),
        "share": _clean(share.value),  # a fraction: 0.187 is 18.7 %
        "share_change_pts": _clean(change.value),
        "growth": _clean(growth.value),  # a fraction
        "contribution_pts": _clean(contribution.value),
        "value_status": value.status,
        "share_status": share.status,
        "growth_status": growth.status,
        "source": "; ".join(sources),
        "growth_from_values": _clean(from_values.value),
        "growth_approximate": growth.approximate if growth.available else None,
        "growth_within_rounding": None if check is None else check.explained,
    }


def figures_frame(metrics: PeriodMetrics, loc: Localizer | None = None) -> Any:
    """One row per segment (and the part not broken down, and the total), machine columns.

    Shares and growth are fractions (0.187), changes and contributions percentage points.
    ``loc`` names the segments in its language (English codes and names otherwise).
    """
    import pandas as pd

    period = str(metrics.period)
    missing = Figure.missing()
    rows = []
    for seg in SEGMENTS:
        s = metrics.segment(seg)
        name = segment_name(loc, seg) if loc else seg
        rows.append(
            _row(
                period,
                seg,
                name,
                s.value,
                s.share,
                s.share_change,
                s.growth,
                s.contribution,
                s.computed_growth,
                s.check,
            )
        )
    if metrics.unallocated.available:
        # The value as computed (13,400 - 2,500 - 1,300 - 21 = 9,579), not as the brief prints
        # it to its precision (9,600): value / total is the share given beside it, as in every
        # row, and the status says it is computed.
        share = metrics.unallocated_share
        label = " + ".join(metrics.unallocated_segments)
        name = loc._("Not broken down ({segments})", segments=label) if loc else label
        rows.append(
            _row(
                period,
                label,
                name,
                metrics.unallocated_exact,
                share,
                missing,
                missing,
                metrics.unallocated_contribution,
            )
        )
    total_share = Figure(1.0, "computed") if metrics.total.available else missing
    # The total's contribution is the sum of the rows' above: with none of them (no segment
    # known a year earlier), it would only repeat the growth computed from the values (+3.9 %
    # for H1 2025) beside the published rate (+3.5 %), as the brief's table, which then has
    # no contribution column, does not.
    contributions = [metrics.segment(seg).contribution for seg in SEGMENTS]
    contributions.append(metrics.unallocated_contribution)
    total_contribution = (
        metrics.total_contribution if any(c.available for c in contributions) else missing
    )
    rows.append(
        _row(
            period,
            "TOTAL",
            loc._("Total") if loc else "Total",
            metrics.total,
            total_share,
            missing,
            metrics.growth,
            total_contribution,
            metrics.computed_growth,
            metrics.total_check,
        )
    )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def localized(
    frame: Any, metrics: PeriodMetrics, loc: Localizer, data: Dataset | None = None
) -> Any:
    """The same table with translated headers and status words; the sources in the data's own
    translation into the language, where ``data`` gives one (as the brief cites them: an
    Arabic table listed them in French)."""
    out = frame.copy()
    for column in ("value_status", "share_status", "growth_status"):
        out[column] = out[column].map(lambda s: loc._(STATUS[s]))
    if data is not None:
        out["source"] = out["source"].map(lambda text: _sources_in(text, data, loc))
    headers = {
        c: loc._(HEADERS[c], period=loc.period(metrics.previous))
        if "{" in HEADERS[c]
        else loc._(HEADERS[c])
        for c in COLUMNS
    }
    return out.rename(columns=headers)


def _sources_in(text: str, data: Dataset, loc: Localizer) -> str:
    """A row's sources ("; "-joined), each in the language when the data translates it,
    joined as the language writes a list of clauses ("؛ " in Arabic)."""
    if not text:
        return text
    sources = [data.source_in(s, loc.language) or s for s in text.split("; ")]
    return loc._("; ").join(sources)


def _percent_places(metrics: PeriodMetrics, column: str) -> list[int | None]:
    """Per row of :func:`figures_frame`, the decimals the brief prints a share or a growth
    with (None where the row has none)."""

    def places(figure: Figure) -> int | None:
        return percent_decimals(figure) if figure.available else None

    if column == "share":
        rows = [places(metrics.segment(seg).share) for seg in SEGMENTS]
        if metrics.unallocated.available:
            rows.append(places(metrics.unallocated_share))
        return [*rows, 1 if metrics.total.available else None]
    rows = [places(metrics.segment(seg).growth) for seg in SEGMENTS]
    if metrics.unallocated.available:
        rows.append(None)
    return [*rows, places(metrics.growth)]


def _percent_format(decimals: int, signed: bool) -> str:
    """``0.0%`` or, signed, ``+0%;-0%;0%``."""
    number = "0." + "0" * decimals if decimals else "0"
    return f"+{number}%;-{number}%;{number}%" if signed else f"{number}%"


def export_path(out_dir: Path, period: str, fmt: str, locale: str | None) -> Path:
    """``OUT/P/figures-P[-L].xlsx``."""
    suffix = f"-{locale}" if locale else ""
    return out_dir / period / f"figures-{period}{suffix}.{fmt}"


def export_bytes(
    metrics: PeriodMetrics, fmt: str, loc: Localizer | None, data: Dataset | None = None
) -> bytes:
    """The table as XLSX or CSV bytes (localized when ``loc`` is given; ``data``: the data set
    whose translations of the sources a localized table uses)."""
    import io

    frame = figures_frame(metrics, loc)
    table = localized(frame, metrics, loc, data) if loc else frame
    buffer = io.BytesIO()
    if fmt == "csv":
        if loc is not None:  # a CSV cell is text: yes/no in words (XLSX keeps booleans, which
            # the spreadsheet shows in its own language: VRAI, صحيح)
            for column in ("growth_approximate", "growth_within_rounding"):
                header = loc._(HEADERS[column])
                table[header] = table[header].map(
                    lambda v: None if v is None else loc._(N_("yes") if v else N_("no"))
                )
        decimal = "," if loc and decimal_symbol(loc) == "," else "."
        table = table.map(csv_text).rename(columns=csv_text)  # no text runs as a formula
        table.to_csv(
            buffer,
            index=False,
            sep=";" if decimal == "," else ",",
            decimal=decimal,
            encoding="utf-8-sig",
        )
        return buffer.getvalue()
    with __import__("pandas").ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name="figures")
        sheet = writer.sheets["figures"]
        keep_as_text(sheet)  # a source such as "=HYPERLINK(...)" is text, not a formula
        if loc is not None and loc.rtl:
            sheet.sheet_view.rightToLeft = True
        for i, column in enumerate(COLUMNS, start=1):
            letter = sheet.cell(row=1, column=i).column_letter
            sheet.column_dimensions[letter].width = 14 if column != "name" else 34
            fmt_code = _number_format(column, loc)
            if fmt_code:
                for cell in sheet[letter][1:]:
                    cell.number_format = fmt_code
            if column in ("share", "growth"):
                # each rate to the digits the brief prints it with (a growth the source
                # published as "nearly 17" showed +17.0 %; the part not broken down, 71 %, 71.5 %)
                places = _percent_places(metrics, column)
                for cell, decimals in zip(sheet[letter][1:], places, strict=True):
                    if decimals is not None:
                        cell.number_format = _percent_format(decimals, signed=column == "growth")
        sheet.freeze_panes = "A2"
    return buffer.getvalue()
