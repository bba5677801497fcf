"""Briefs from complete or share-only data: every computed path reaches the page."""

from __future__ import annotations

from pathlib import Path

from conftest import pdf_text

from reports.pipeline import build_brief
from reports.validation import require_valid

HEADER = "indicator,period,segment,value,unit,source\n"


def test_complete_two_years_gives_contributions_and_drivers(tmp_path: Path) -> None:
    values = {"ITO": (100, 130), "CRM": (90, 80), "ESO": (30, 33), "BPO": (20, 22), "KPO": (10, 5)}
    rows = [
        f"exports,{year},{seg},{pair[i]},MAD_M,Test office"
        for seg, pair in values.items()
        for i, year in enumerate((2024, 2025))
    ]
    path = tmp_path / "full.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    data, warnings = require_valid(path)
    assert warnings == []
    from reports.period import Period

    text = " ".join(pdf_text(build_brief(data, Period.parse("2025"), "en"))).replace("\n", " ")
    # 250 -> 270: +8 % (integers known to +/- 0.5 each: +5.9 % to +10.1 %, no decimal);
    # ITO +30 on 250 = +12.0 points, the largest contribution.
    assert "MAD 270M" in text and "up 8% compared with 2024" in text
    assert "Contribution to growth" in text
    assert (
        "ITO weighed most on the change of the total: +12.0 pp of the +8% that the values give"
        in text
    )
    assert "Three segments grew: ITO +30%, ESO +10%, and BPO +10%" in text  # spelled out
    assert "CRM fell by 11%, from MAD 90M to MAD 80M" in text
    assert "KPO fell by 50%, from MAD 10M to MAD 5M" in text
    assert "ITO and CRM lead the sector with 48.1% and 29.6% of the total" in text
    assert "[1] “Test office” (original wording)" in text  # no English translation given


def test_segment_given_only_as_a_share_is_derived_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "share.csv"
    path.write_text(
        HEADER
        + "exports,2025-Q2,TOTAL,1000,MAD_M,Office\n"
        + "exports,2025-Q2,ITO,400,MAD_M,Office\n"
        + "share,2025-Q2,CRM,35,PCT,Office\n",
        encoding="utf-8",
    )
    data, _ = require_valid(path)
    from reports.period import Period

    text = " ".join(pdf_text(build_brief(data, Period.parse("2025-Q2"), "fr")))
    text = text.replace("\n", " ")
    assert "350*" in text  # 35 % of 1 000, marked derived in the table
    assert "* valeur dérivée" in text
    assert "CRM : valeur déduite de sa part publiée dans le total." in text
    assert "T2 2025" in text and "2ᵉ trimestre 2025" in text
