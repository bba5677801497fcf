"""The bidi step against Unicode's own BidiCharacterTest.txt: every case, levels and order."""

from __future__ import annotations

import lzma
import unicodedata
from pathlib import Path

from reports.i18n.rtl import to_visual, visual_order

DATA = Path(__file__).parent / "data" / "BidiCharacterTest-15.0.0.txt.xz"
_BASE = {"0": False, "1": True, "2": None}


def _cases() -> list[tuple[int, str, bool | None, list[str], list[int]]]:
    cases = []
    with lzma.open(DATA, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split(";")
            text = "".join(chr(int(cp, 16)) for cp in fields[0].split())
            levels = fields[3].split()
            order = [int(i) for i in fields[4].split()]
            cases.append((number, text, _BASE[fields[1]], levels, order))
    return cases


def test_every_case_of_bidi_character_test() -> None:
    cases = _cases()
    assert len(cases) == 91_707  # the whole file, nothing skipped
    failures = []
    for number, text, rtl, want_levels, want_order in cases:
        order, levels = visual_order(text, rtl)
        got_levels = ["x" if lv is None else str(lv) for lv in levels]
        if got_levels != want_levels or order != want_order:
            failures.append(number)
    assert not failures, f"{len(failures)} failing lines, first: {failures[:10]}"


def test_isolated_signed_rate_before_a_latin_code() -> None:
    """ "+7,1 % ESO و ..." in Arabic: the isolated rate, then ESO, then the conjunction."""
    logical = "ارتفع \u2066+7.1%\u2069 ESO و"
    visual = to_visual(logical)
    # Drawn left to right: و, ESO, +7.1%, then the Arabic word reversed.
    assert visual == "و ESO +7.1% " + "ارتفع"[::-1]
    assert unicodedata.bidirectional(visual[0]) == "AL"
