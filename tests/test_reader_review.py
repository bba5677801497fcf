"""What a statistician reading the briefs checks: every mark explained, every figure cited,
no sentence that the figures beside it contradict."""

from __future__ import annotations

from pathlib import Path

from conftest import pdf_text

from reports.dataset import Dataset
from reports.period import Period
from reports.pipeline import build_brief
from reports.validation import require_valid

HEADER = "indicator,period,segment,value,unit,source,status\n"


def _text(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf)).replace("\n", " ")


def test_derived_rate_converting_the_target_is_explained(dataset: Dataset) -> None:
    # H1 2025 has no rate of its own: the target is converted at the 2024 rate, derived from
    # the source's conversion and marked '*'; the methodology says what that mark means.
    text = _text(build_brief(dataset, Period.parse("2025-H1"), "en"))
    assert "at the 2024 rate of 9.36* MAD per USD" in text
    assert "US-dollar equivalents use 9.357 MAD per USD, derived from the source's own" in text


def test_rate_converting_the_target_is_cited(tmp_path: Path) -> None:
    path = tmp_path / "fx.csv"
    rows = [
        "exports,2025-Q1,TOTAL,7000,MAD_M,Office A,published",
        "fx_mad_per_usd,2024,TOTAL,9.4,MAD_PER_USD,Central bank B,published",
        "digital_revenues_target,2030,TOTAL,40000,MAD_M,Strategy C,published",
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    data, _ = require_valid(path)
    text = _text(build_brief(data, Period.parse("2025-Q1"), "fr"))
    # a rate published as 9.4 keeps its one decimal (it was printed 9,40)
    assert "au taux de 2024, 9,4 MAD par USD" in text
    assert "[3] Central bank B" in text  # the rate is a figure of the brief: its source is cited


QUARTERLY = Path(__file__).parent / "data" / "quarterly.csv"


def test_a_later_quarter_or_half_is_not_called_the_year_so_far() -> None:
    # Q2 2025 alone is 27.1 % of ITO's 2024 exports; by the end of Q2 the year so far is about
    # 53 %: "had already reached 27.1 %" misreads a quarter as the year to date.
    data, _ = require_valid(QUARTERLY)
    q2 = _text(build_brief(data, Period.parse("2025-Q2"), "en"))
    assert "had already reached" not in q2
    assert "On its own, Q2 2025 accounts for these shares of each segment's 2024 exports:" in q2
    assert "ITO 27.1%" in q2  # 3,077 of 11,347 (2024-Q1 to Q4)
    h2 = _text(build_brief(data, Period.parse("2024-H2"), "fr"))
    assert "À lui seul, le S2 2024 représente la part suivante des exportations de 2023" in h2
    # the first quarter or half is the year so far: the sentence stays
    q1 = _text(build_brief(data, Period.parse("2025-Q1"), "en"))
    assert "In the first quarter of 2025, segments had already reached" in q1


def test_two_shares_together_add_up_as_printed() -> None:
    # ITO 3,077 and CRM 2,211 of 7,149: 43.04 % and 30.93 %, printed 43.0 % and 30.9 %;
    # "74.0 % together" (the unrounded 73.97 %) read as an addition error beside them.
    data, _ = require_valid(QUARTERLY)
    text = _text(build_brief(data, Period.parse("2025-Q2"), "en"))
    assert "ITO and CRM lead the sector with 43.0% and 30.9% of the total, 73.9% together." in text
    fr = _text(build_brief(data, Period.parse("2025-Q2"), "fr"))
    assert "respectivement 43,0 % et 30,9 % du total, soit 73,9 % à eux deux" in fr


def test_quarter_on_quarter_changes_are_marked_computed_and_kept_to_their_precision() -> None:
    # Every change on the previous quarter is computed by the brief: marked ° like the growth
    # in the segment table, and no more precise than the two totals allow (Q1 2023's 6,185
    # carries ITO's 2,500, known to the hundred: +4.19 % is "+4%", not "+4.2%").
    data, _ = require_valid(QUARTERLY)
    text = _text(build_brief(data, Period.parse("2023-Q4"), "en"))
    sequence = text.split("Quarter by quarter")[1].split("Consecutive quarters")[0]
    # (Q2 2023's own total, 6,444, is known to the unit: 6.44 bn, as its own brief writes it)
    assert "MAD 6.44B° +4%°" in " ".join(sequence.split())
    q2 = _text(build_brief(data, Period.parse("2025-Q2"), "en"))
    sequence = " ".join(q2.split("Quarter by quarter")[1].split("Consecutive quarters")[0].split())
    assert "Q2 2025 MAD 7.15B° +4.5%°" in sequence


def test_the_total_of_the_segment_table_is_the_sum_of_its_column() -> None:
    # Q1 2023: 2,500 + 2,350 + 800 + 520 + 15 = 6,185. The total was printed 6,200 (2,500 may
    # be rounded to the hundred), and the column did not add up.
    data, _ = require_valid(QUARTERLY)
    text = " ".join(_text(build_brief(data, Period.parse("2023-Q1"), "en")).split())
    assert "Knowledge processes (KPO) 15 0.2%° n.a. n.a. Total 6,185 100.0%" in text
    assert "reached MAD 6.2B" in text  # the rounding still shows where a total stands alone


def test_a_part_not_broken_down_gets_its_contribution_and_its_precision(tmp_path: Path) -> None:
    # ITO given, CRM given as a share, the rest not broken down, in 2024 and 2025. The
    # contributions shown (ITO +2.0, CRM +4.6) added up to 6.6 pp while the total's row and a
    # note said +10.0 (the part not broken down had "—"); the note also set "+10.0%" against a
    # published "+10%" as if they differed; and the methodology gave that part as "MAD 300.0M",
    # a decimal for a figure the table shows to the hundred (300*).
    path = tmp_path / "shares.csv"
    rows = [
        "exports,2024,TOTAL,1000,MAD_M,X,published",
        "exports,2024,ITO,400,MAD_M,X,published",
        "share,2024,CRM,35,PCT,X,published",
        "exports,2025,TOTAL,1100,MAD_M,X,published",
        "exports,2025,ITO,420,MAD_M,X,published",
        "share,2025,CRM,36,PCT,X,published",
        "growth,2025,TOTAL,10,PCT,X,published",
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    data, _ = require_valid(path)
    text = " ".join(_text(build_brief(data, Period.parse("2025"), "en")).split())
    assert "IT services (ITO) 420 38.2%° -1.8 pp +5.0%° +2.0 pp" in text
    assert "(CRM) 400* 36% +1.0 pp +13%* +4.6 pp*" in text.replace("centers (CRM)", "(CRM)")
    # 1,100 - 420 - 396 = 284 against 1,000 - 400 - 350 = 250: +3.4 points of 1,000
    assert "KPO) 300* 26%* — — +3.4 pp*" in text
    assert "Total 1,100 100.0% — +10% +10.0 pp" in text  # 2.0 + 4.6 + 3.4
    assert "Contributions are computed" not in text
    assert "the published total minus the segments given: MAD 300M." in text


def test_an_amount_under_a_billion_in_prose_keeps_its_precision(tmp_path: Path) -> None:
    # ITO 420 and CRM 396 (36 % of 1,100, known to about ± 24: printed 400* in the table) were
    # said to "add up to MAD 816M"; to the precision of the table, MAD 820M = 420 + 400.
    path = tmp_path / "shares.csv"
    rows = [
        "exports,2025,TOTAL,1100,MAD_M,X,published",
        "exports,2025,ITO,420,MAD_M,X,published",
        "share,2025,CRM,36,PCT,X,published",
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    data, _ = require_valid(path)
    text = " ".join(_text(build_brief(data, Period.parse("2025"), "en")).split())
    assert "(CRM) 400* 36%" in text.replace("centers (CRM)", "(CRM)")
    assert "ITO and CRM, add up to MAD 820M, or 74% of the total" in text


def test_segments_that_grew_are_listed_in_the_order_of_their_printed_rates() -> None:
    # Q3 2024: KPO 18 -> 21 (+16.67 %, printed +17%) and BPO +16.93 % (printed +16.9%) were
    # listed "BPO +16.9%, KPO +17%": out of order for a reader.
    data, _ = require_valid(QUARTERLY)
    text = _text(build_brief(data, Period.parse("2024-Q3"), "en"))
    assert "Four segments grew: KPO +17%, BPO +16.9%, ESO +12.6%, and ITO +8.2%." in text


def test_no_segment_is_called_the_largest_when_two_are_equal(tmp_path: Path) -> None:
    # ITO 300 and CRM 300: "Share of ITO, the largest segment" was false of CRM's equal share.
    path = tmp_path / "tie.csv"
    rows = [
        f"exports,2025,{s},{v},MAD_M,X,published"
        for s, v in (("ITO", 300), ("CRM", 300), ("ESO", 100), ("BPO", 50), ("KPO", 5))
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    data, _ = require_valid(path)
    text = _text(build_brief(data, Period.parse("2025"), "en"))
    assert "the largest segment" not in text
    assert "ITO and CRM lead the sector with 39.7% and 39.7% of the total" in text
