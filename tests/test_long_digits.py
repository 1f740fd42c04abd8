"""Fields of absurdly many digits: Python refuses int() of more than 4,300 digits, and
the limit stays (it guards against conversion in quadratic time). Every number read
from the cable goes through cablelint.numbers, so such a field is a finding, never an
internal error, and its message quotes it cut."""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from typing import Any

import pytest

from cablelint.numbers import LONGEST, LongNumber, cable_digits, cable_int
from tests.conftest import CORPUS, check_json, run_cli

BASE = (CORPUS / "valid" / "telegram-confidential-reykjavik-multisection.cable").read_text(encoding="utf-8")

# each numeric field of the cable: (what it is written as, the same with {D} for the run of digits)
FIELDS = {
    "transmission-id": ("VZCZCXRO5530", "VZCZCXRO{D}"),
    "de-serial": ("#0687/01", "#{D}/01"),
    "de-part": ("#0687/01", "#0687/0{D}"),
    "de-filing-time": ("/01 3111012", "/01 {D}"),
    "dtg-time": ("P 061012Z NOV 08", "P {D}Z NOV 08"),
    "dtg-year": ("P 061012Z NOV 08", "P 061012Z NOV {D}"),
    "address-serial": ("PRIORITY 4107", "PRIORITY {D}"),
    "class-section": ("SECTION 01 OF 03", "SECTION 0{D} OF 03"),
    "class-total": ("SECTION 01 OF 03", "SECTION 01 OF 0{D}"),
    "class-both": ("SECTION 01 OF 03", "SECTION 0{D} OF 0{D}8"),
    "class-serial": ("REYKJAVIK 000687\n", "REYKJAVIK 000{D}\n"),
    "eo-order": ("E.O. 12958:", "E.O. {D}:"),
    "eo-year": ("DECL: 11/06/2018", "DECL: 11/06/{D}"),
    "eo-month": ("DECL: 11/06/2018", "DECL: {D}/06/2018"),
    "eo-day": ("DECL: 11/06/2018", "DECL: 11/{D}/2018"),
    "tags": ("TAGS: PREL MARR", "TAGS: PREL {D} MARR"),
    "subject": ("SUBJECT: ICELAND:", "SUBJECT: ICELAND {D}:"),
    "ref-serial": ("STATE 108812", "STATE {D}"),
    "ref-year": ("B. 08 REYKJAVIK 512", "B. {D} REYKJAVIK 512"),
    "ref-odd-year": ("B. 08 REYKJAVIK 512", "B. 0{D} REYKJAVIK 512"),
    "ref-date-day": ("B. 08 REYKJAVIK 512", "B. 08 REYKJAVIK 512 {D} NOV 08"),
    "ref-date-year": ("B. 08 REYKJAVIK 512", "B. 08 REYKJAVIK 512 19 NOV {D}"),
    "ref-email": ("B. 08 REYKJAVIK 512", "B. E-MAIL OF 07/02/{D}"),
    "ref-dtg": ("B. 08 REYKJAVIK 512", "B. SECDEF DTG {D}Z AUG 08"),
    "classified-by": ("1.4 (b)", "1.{D} (b)"),
    "paragraph": ("\n2. (C)", "\n{D}. (C)"),
    "subparagraph": ("\n2. (C)", "\n2.{D}. (C)"),
    "para-citation": ("para 6)", "para {D})"),
    "para-range": ("para 6)", "paras 6-{D})"),
    "page-serial": ("REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 0000{D} 002 OF 003"),
    "page-number": ("REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 00{D} OF 003"),
    "page-total": ("REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 002 OF 00{D}"),
    "body-line": ("\nfrom January 1:", "\n{D}\nfrom January 1:"),
    "body-date": ("from January 1:", "from January 1/{D}/2008:"),
    "signature": ("\nLINDQVIST", "\nLINDQVIST {D}"),
}


def cable(field: str, digits: int) -> str:
    old, new = FIELDS[field]
    assert old in BASE, field
    return BASE.replace(old, new.replace("{D}", "7" * digits), 1)


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """The first run imports the grammar and the rules: not the time measured."""
    check_json("--no-cache", "-", input=BASE)


@pytest.mark.parametrize("digits", [5000, 200_000])
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_long_run_of_digits_in_any_field_is_linted(field: str, digits: int, tmp_path: Path) -> None:
    path = tmp_path / f"{field}.cable"
    path.write_text(cable(field, digits), encoding="utf-8")
    start = time.process_time()
    result = run_cli("check", "--format", "json", "--select", "ALL", "--no-cache", str(path))
    spent = time.process_time() - start
    assert result.exit_code == 1 and result.stderr == ""  # no internal error, of the parser or of a rule
    found = json_of(result.stdout)
    assert found and all(len(f["message"]) <= 300 for f in found), [f["message"][:400] for f in found]
    assert spent < 2.0


def json_of(text: str) -> list[dict[str, Any]]:
    import json

    return json.loads(text)  # type: ignore[no-any-return]


def findings(field: str) -> list[tuple[str, int, int, str]]:
    return [(f["code"], f["line"], f["column"], f["message"]) for f in check_json("--select", "ALL", "--no-cache", "-", input=cable(field, 5000)) if f["code"] != "F005"]


RUN = "7" * 37 + "..."  # a run of 7s as quote.clip cuts it


def test_the_section_number_is_malformed_and_past_the_total() -> None:
    assert findings("class-section") == [
        ("C002", 13, 25, f"'SECTION 0{'7' * 28}...' is malformed: expected 'SECTION {'7' * 29}...'"),
        ("S003", 13, 25, f"'SECTION 0{'7' * 28}...' numbers a section past the total: expected a section from 01 to 03, or a total of at least {RUN}"),
    ]


def test_the_section_count_is_malformed_and_disagrees_with_the_page_headers() -> None:
    assert findings("class-total") == [
        ("C002", 13, 25, f"'SECTION 01 OF 0{'7' * 22}...' is malformed: expected 'SECTION 01 OF {'7' * 23}...'"),
        ("S003", 13, 25, f"'SECTION 01 OF 0{'7' * 22}...' disagrees with the page headers, which count 3 sections: expected SECTION 01 OF 03"),
    ]


def test_a_section_of_a_long_count_compares_by_its_digits() -> None:
    # 0777... of 0777...8: a count of one digit more, so no section past the count
    found = findings("class-both")
    assert [f[:3] for f in found] == [("S003", 3, 17), ("C002", 13, 25), ("S003", 13, 25)]
    assert found[0][3] == f"the DE line names part /01 but the classification line says section {RUN}: expected /{RUN}"
    assert found[2][3] == f"'SECTION 0{'7' * 28}...' disagrees with the page headers, which count 3 sections: expected SECTION {RUN} OF 03"


def test_serials_name_their_digits_count() -> None:
    assert findings("class-serial") == [("C002", 13, 52, f"serial '000{'7' * 34}...' has 5003 digits: expected 6 digits, zero padded (4-5 only on cables sent before 2001)")]
    assert findings("address-serial") == [("A003", 7, 35, f"addressee serial '{RUN}' has 5000 digits: expected 4")]
    assert findings("de-serial") == [("R003", 3, 12, f"station serial '{RUN}' is malformed: expected # and 4 digits (e.g. #0097)")]
    assert findings("de-filing-time") == [
        ("R003", 3, 20, f"DE line filing time '{RUN}' has 5000 digits: expected 7 digits, the Julian day and the UTC hour and minute (DDDHHMM, e.g. 0501532)")
    ]


def test_the_executive_order_is_its_whole_run_of_digits() -> None:
    # the order was read as its first six digits, quoted whole ('777777'), and the rest
    # of the run as an unreadable instruction after a colon said missing
    assert findings("eo-order") == [("H002", 20, 6, f"executive order '{RUN}' is unknown: expected 12958, 13526, 12356, 12065 or 11652")]
    seven = BASE.replace("E.O. 12958:", "E.O. 1295811:", 1)
    found = [(f["code"], f["line"], f["column"], f["message"]) for f in check_json("--select", "ALL", "--no-cache", "-", input=seven)]
    assert found == [("H002", 20, 6, "executive order '1295811' is unknown: expected 12958, 13526, 12356, 12065 or 11652")]


def test_a_page_header_section_number_of_more_than_three_digits_is_named() -> None:
    # the line was no page header at all (a page of three digits alone), and only its
    # length was named; the serial's and the total's digits were named (7 or 9, 2 or 4)
    assert findings("page-number") == [("S003", 60, 20, f"page header section number '00{'7' * 35}...' has 5002 digits: expected 3, the section zero padded, such as '002'")]
    four = BASE.replace("REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 0002 OF 003", 1)
    found = [(f["code"], f["line"], f["column"], f["message"]) for f in check_json("--select", "ALL", "--no-cache", "-", input=four)]
    assert found == [("S003", 60, 20, "page header section number '0002' has 4 digits: expected 3, '002'")]


def test_a_long_ref_serial_or_paragraph_number_is_no_such_field() -> None:
    # decided (session 32): a REF entry's number of eight digits or more is no cable's
    # serial ('IIR 6906012405', 'OSC EUP 20061127123001' in the archive's cables), and
    # a line that starts with four digits or more and a full stop is no paragraph
    # (a year wrapped to a line's start): neither field's rule has one to name
    assert findings("ref-serial") == []
    assert findings("paragraph") == [("P001", 59, 1, "paragraph 3 follows paragraph 1: expected 2 (paragraph 2 is missing)")]


def test_the_parsed_model_of_a_long_section_is_written() -> None:
    result = run_cli("parse", "--format", "json", "-", input=cable("class-both", 200_000))
    assert result.exit_code == 0 and result.stderr == ""
    assert json_of(result.stdout)["classification"]["section"].startswith("SECTION 0777")


def test_a_number_is_read_as_int_reads_it_up_to_the_longest() -> None:
    assert cable_int("0097") == 97 and cable_int("0" * 5000 + "12") == 12 and cable_int("9" * LONGEST) == 10**LONGEST - 1
    assert cable_digits("0097") == "97" and cable_digits("000") == "0" and cable_digits("0" * 5000 + "7" * 5000) == "7" * 5000


def test_a_longer_number_counts_more_than_any_shorter_and_is_shown_cut() -> None:
    long, longer = cable_int("0" + "7" * 5000), cable_int("1" + "0" * 5000)
    assert isinstance(long, LongNumber) and isinstance(longer, LongNumber)
    assert 10**LONGEST - 1 < long < longer and long > 3 and 3 < long and not long < 3 and long >= 3 and not 3 >= long
    assert long == cable_int("7" * 5000) and long != longer and 10**LONGEST != long
    assert sorted([longer, 2, long]) == [2, long, longer] and max(long, longer) is longer
    assert f"{long:02d}" == str(long) == RUN and f"{long}".startswith("777")
    assert pickle.loads(pickle.dumps(long)) == long  # (findings cross processes with --jobs)


# the summary of a run in which a file could not be linted


@pytest.mark.usefixtures("fragile")
def test_a_run_with_a_file_not_linted_is_not_called_clean(tmp_path: Path) -> None:
    (tmp_path / "a.cable").write_text("BOOM\n" + BASE, encoding="utf-8")
    result = run_cli("check", "--no-cache", str(tmp_path / "a.cable"))
    assert result.exit_code == 2
    assert result.stdout == "No findings in 1 file checked, but 1 file could not be linted (internal error, told on standard error).\n"
    assert result.stderr.startswith(f"cablelint: internal error while parsing {tmp_path / 'a.cable'}: ValueError: a parser bug")


@pytest.mark.usefixtures("fragile")
def test_a_run_with_findings_and_a_file_not_linted_says_both(tmp_path: Path) -> None:
    (tmp_path / "a.cable").write_text("BOOM\n" + BASE, encoding="utf-8")
    (tmp_path / "b.cable").write_text(BASE.replace("NOV 08", "NOV 8", 1), encoding="utf-8")
    (tmp_path / "c.cable").write_text(BASE, encoding="utf-8")
    for fix in ((), ("--fix",)):
        result = run_cli("check", "--no-cache", *fix, str(tmp_path))
        assert result.exit_code == 2, result.output
        assert result.stdout.splitlines()[-1] == "Found 1 error in 3 files checked. And 1 file could not be linted (internal error, told on standard error).", fix


def test_a_run_with_a_rule_failing_is_not_called_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cablelint.rules import f_file

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("a rule bug")

    monkeypatch.setattr(f_file.LineTooLong, "check", broken)
    (tmp_path / "a.cable").write_text(BASE, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--select", "F005", str(tmp_path / "a.cable"))
    assert result.exit_code == 2
    assert result.stdout == "No findings in 1 file checked, but a rule failed on 1 file (internal error, told on standard error).\n"


@pytest.mark.usefixtures("fragile")
def test_a_diff_run_with_a_file_not_linted_tells_it_and_fails(tmp_path: Path) -> None:
    """--diff printed "0 fixes would be applied to 0 files." and exited 0 with nothing
    on standard error: it exited before the crashes were told. The diff of the other
    files is printed, the crash told, and the run fails (2), as without --diff."""
    (tmp_path / "a.cable").write_text("BOOM\n" + BASE, encoding="utf-8")
    (tmp_path / "b.cable").write_text(BASE.replace("\n", " \n", 1), encoding="utf-8")  # (a blank at a line's end: F006, fixed)
    for zero in ((), ("--exit-zero",)):
        result = run_cli("check", "--no-cache", "--select", "F006", "--diff", *zero, str(tmp_path))
        assert result.exit_code == 2, result.output
        assert f"cablelint: internal error while parsing {tmp_path / 'a.cable'}: ValueError: a parser bug" in result.stderr
        assert "1 fix would be applied to 1 file." in result.stderr and "+++ " in result.stdout
    # (with no crash, --diff's status is as before: 1 for a diff, 0 with --exit-zero)
    (tmp_path / "a.cable").unlink()
    assert run_cli("check", "--no-cache", "--select", "F006", "--diff", str(tmp_path)).exit_code == 1
    assert run_cli("check", "--no-cache", "--select", "F006", "--diff", "--exit-zero", str(tmp_path)).exit_code == 0
