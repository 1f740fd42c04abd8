"""Messages that quote a field of the cable stay short when the field is very long.

A message quotes what the cable has written (a post, an address, a word, a line) so
that the drafter finds it; a quote of thousands of characters helps no one. Each entry
takes a rule case of tests/rules whose message quotes a part of its text, makes that
part 20,000 characters long (one long word, or a long run of blanks inside it) and runs
the real CLI: the rule's findings stand where they stood, and no message is long
(quote.clip cuts a quote, with "...", at 40 characters, or the limit it is given).
"""

from __future__ import annotations

import importlib
import re

import pytest

from tests.conftest import check_json
from tests.rules.cases import Case

LONG = 20000
# a run of digits stops below Python's limit on turning digits into a number (4300):
# a longer serial or section number is an internal error today, not a finding
DIGITS = 4000
SHORT = 300  # at most this many characters in any message

_FAMILIES = ("a_address", "c_classification", "f_file", "h_captions", "p_paragraphs", "r_routing", "s_structure", "x_references")


def _case(code: str, name: str) -> Case:
    for family in _FAMILIES:
        for case in importlib.import_module(f"tests.rules.test_{family}").CASES:
            if case.code == code and case.id == name:
                return case  # type: ignore[no-any-return]
    raise LookupError(f"no case {code} {name}")


def _lengthened(quoted: str, how: str) -> str:
    """*quoted* made LONG characters longer: its last letter or digit repeated (a long
    word; DIGITS more for a digit), or a run of blanks after its first word."""
    if how == "word":
        at = max(i for i, c in enumerate(quoted) if c.isalnum())
        return quoted[: at + 1] + quoted[at] * (DIGITS if quoted[at].isdigit() else LONG) + quoted[at + 1 :]
    at = quoted.index(" ", len(quoted) - len(quoted.lstrip()))
    return quoted[:at] + " " * LONG + quoted[at:]


# (the rule's code, the case's id, the part of the finding's line its message quotes,
# how it is made long)
LONG_QUOTES = [
    ("A003", "to-keyword-lost", "RUEHC/SECSTATE WASHDC 0412", "blanks"),
    ("A003", "to-keyword-lost-before-an-address-without-indicator", "SECSTATE WASHDC 0412", "blanks"),
    ("A003", "to-reduced-to-a-plad", "AMEMBASSY OSLO", "word"),
    ("A003", "to-reduced-to-a-plad", "AMEMBASSY OSLO", "blanks"),
    ("A003", "to-reduced-to-a-plad-in-cablegate-text", "SECSTATE WASHDC", "word"),
    ("A003", "three-digit-serial", "233", "word"),
    ("A003", "serial-run-into-precedence", "0233", "word"),
    ("A003", "two-addressees-on-one-line", "RUEHOU/AMEMBASSY OUAGADOUGOU 0198", "blanks"),
    ("A003", "fm-line-indented", "FM AMEMBASSY BAMAKO", "word"),
    ("A003", "fm-line-indented", "FM AMEMBASSY BAMAKO", "blanks"),
    ("A003", "to-line-indented", "TO RUEHC/SECSTATE WASHDC 0412", "blanks"),
    ("A003", "info-line-indented", "INFO RUEHZK/ECOWAS COLLECTIVE", "word"),
    ("A003", "info-line-indented", "INFO RUEHZK/ECOWAS COLLECTIVE", "blanks"),
    ("A003", "continuation-line-indented", "RUEHDK/AMEMBASSY DAKAR 0233", "blanks"),
    ("A003", "serial-twice-after-precedence", "0412", "word"),
    ("A003", "to-misspelt-with-a-zero", "T0", "word"),
    ("A003", "serial-range-of-three-digits", "0412-414", "word"),
    ("A004", "other-embassy", "AMEMBASSY DAKAR", "blanks"),
    ("A004", "state-for-bamako", "SECSTATE WASHDC", "word"),
    ("A004", "state-for-bamako", "SECSTATE WASHDC", "blanks"),
    ("A004", "class-line-post-outvoted-by-fm-and-page-header", "RIO DE JANIERO", "word"),
    ("A004", "class-line-post-outvoted-by-fm-and-page-header", "RIO DE JANIERO", "blanks"),
    ("C002", "post-left-out", "000612", "word"),
    ("C002", "section-keyword-lost", "01 OF 03", "word"),
    ("C002", "section-keyword-lost", "01 OF 03", "blanks"),
    ("C002", "four-digit-serial-in-2010", "0612", "word"),
    ("C002", "section-misspelt", "SECTON 01 OF 03", "word"),
    ("C002", "section-misspelt", "SECTON 01 OF 03", "blanks"),
    ("C002", "section-run-together", "SECTION 01OF 03", "word"),
    ("C002", "section-run-together", "SECTION 01OF 03", "blanks"),
    ("C002", "section-lower-case", "SECTION 01 of 01", "word"),
    ("C002", "truncated-serial-in-a-telegram", "0003", "word"),
    ("C002", "post-with-a-digit", "BAMAK4", "word"),
    ("C002", "draft-post-with-a-digit", "DHAK4", "word"),
    ("C002", "multi-word-post-with-a-zero", "RIO DE JANEIR0", "word"),
    ("C002", "multi-word-post-with-a-zero", "RIO DE JANEIR0", "blanks"),
    ("C004", "misspelt-keyword", "Clasified By", "blanks"),
    ("C004", "misspelt-keyword-before-eo-12958", "CLASSIFED BY", "blanks"),
    ("C006", "spaced-caveat", "S I P D I S", "blanks"),
    ("C006", "spaced-noforn", "N O F O R N", "blanks"),
    ("C006", "spaced-caveat-below-the-captions", "S I P D I S", "blanks"),
    ("C006", "misspelt-after-slashes-on-the-class-line", "NOFRON", "word"),
    ("C006", "caveat-in-mixed-case-on-the-class-line", "Noforn", "word"),
    ("H002", "downgrading-instruction-semicolon", "DNG; CO 2020/08/19", "word"),
    ("H002", "downgrading-instruction-semicolon", "DNG; CO 2020/08/19", "blanks"),
    ("H002", "misspelt-decl", "DECLL", "word"),
    ("H002", "archive-form-in-a-draft", "EO 12958", "blanks"),
    ("H002", "colon-lost-in-a-draft", "E.O. 12958", "blanks"),
    ("H002", "date-without-decl", "2020/08/19", "word"),
    ("H004", "decl-oadr-on-unclas", "OADR", "word"),
    ("H004", "dng-on-unclas", "CO 12/31/2010", "word"),
    ("H004", "dng-on-unclas", "CO 12/31/2010", "blanks"),
    ("H002", "keyword-and-decl-not-in-capitals", "e.o. 13526: decl", "blanks"),
    ("H002", "decl-not-in-capitals", "decl", "word"),
    ("H004", "decl-on-unclas", "05/27/2019", "word"),
    ("H006", "stray-punctuation", "KDEM;", "word"),
    ("H007", "iso-code", "RU", "word"),
    ("H007", "unknown-tag-after-ovip-and-a-comma", "PGOF", "word"),
    ("H007", "unknown-words-apart-by-commas", "TERRORISM", "word"),
    ("H007", "unknown-without-extra-tags", "KXYZ", "word"),
    ("H009", "blank-line-inside-the-subject", "COMPLETION", "word"),
    ("P004", "two-spaces", "5.  (C)", "blanks"),
    ("P004", "marker-first", "(C) 5.", "blanks"),
    ("P004", "marker-first-with-controls", "(C//NF) 5.", "blanks"),
    ("P004", "marker-first-in-lower-case", "(c) 5.", "blanks"),
    ("P004", "no-full-stop", "5 (C)", "blanks"),
    ("P004", "doubled-full-stop", "5.. (C)", "blanks"),
    ("P004", "parenthesis-for-full-stop", "5) (C)", "blanks"),
    ("P004", "comma-for-full-stop", "5, (C)", "blanks"),
    ("P007", "end-note-without-opening", "End Note", "blanks"),
    ("P007", "summary-continued-in-parentheses-never-closed", "SUMMARY (CONT", "blanks"),
    ("P007", "summary-with-paragraphs-in-parentheses-never-closed", "Summary (paras 2 and 6):", "blanks"),
    ("R001", "letter-o-as-zero", "VZCZCXR07214", "word"),
    ("R001", "space-after-vzczc", "VZCZC XRO7214", "blanks"),
    ("R002", "indented", "RR RUEHDK RUEHOU RUEHZK", "word"),
    ("R002", "indented", "RR RUEHDK RUEHOU RUEHZK", "blanks"),
    ("R002", "continuation-line-indented", "RUEHWR RUEHYE", "word"),
    ("R002", "continuation-line-indented", "RUEHWR RUEHYE", "blanks"),
    ("R003", "indented", "DE RUEHBP #0341 1471005", "blanks"),
    ("R004", "indented", "ZNR UUUUU ZZH", "blanks"),
    ("R005", "indented", "R 271005Z MAY 09", "blanks"),
    ("R002", "continuation-line-item-no-indicator", "1234", "word"),
    ("R003", "filing-time-with-z", "271005Z", "word"),
    ("R003", "serial-without-hash", "0341", "word"),
    ("R004", "four-letter-code", "UUUU", "word"),
    ("R003", "security-line-run-on-to-the-de-line", "ZNR UUUUU ZZH", "word"),
    ("R003", "security-line-run-on-to-the-de-line", "ZNR UUUUU ZZH", "blanks"),
    ("R004", "dtg-line-run-on-to-the-security-line", "R 271005Z MAY 09", "word"),
    ("R004", "dtg-line-run-on-to-the-security-line", "R 271005Z MAY 09", "blanks"),
    ("R005", "dtg-letter-o-for-zero-lower-case-month", "May", "word"),
    ("R005", "dtg-letter-o-for-zero-in-the-day-and-an-hour-24", "2O2405Z MAY 09", "blanks"),
    ("R005", "legacy-dtg-impossible-date", "311045Z NOV 89", "blanks"),
    ("R005", "hour-24", "272405Z MAY 09", "blanks"),
    ("R005", "february-30", "301005Z FEB 09", "blanks"),
    ("R006", "bad-address-prefix", "XUEHC", "word"),
    ("R006", "digit-in-fl2", "RUEH0U", "word"),
    ("R006", "comma-in-continuation", "RUEHNT,", "word"),
    ("R006", "down-cased-in-continuation", "ruehye", "word"),
    ("S002", "mixed-case-signature-with-a-stop", "Lindqvist.", "word"),
    ("S002", "signature-with-a-full-stop", "LINDQVIST.", "word"),
    ("S002", "mixed-case-signature-in-a-draft", "Holmgren", "word"),
    ("S002", "appended-signature-in-a-draft", "HOLMGREN", "word"),
    ("S003", "section-above-total", "SECTION 03 OF 02", "blanks"),
    ("S003", "class-line-total-outvoted", "SECTION 01 OF 04", "word"),
    ("S003", "class-line-total-outvoted-by-the-last-section", "SECTION 01 OF 20", "word"),
    ("X001", "iir-without-number", "IIR", "word"),
    ("X001", "origin-and-notal-without-number", "08 REYKJAVIK", "word"),
    ("X001", "origin-and-notal-without-number", "08 REYKJAVIK", "blanks"),
    ("X001", "origin-without-number", "REYKJAVIK", "word"),
    ("X001", "two-word-origin-without-number", "08 LA PAZ", "word"),
    ("X001", "unlabelled-without-number", "08 BAMAKO", "word"),
    ("X001", "origin-and-previous-without-number", "BAMAKO", "word"),
    ("X009", "doubled", "A. A)", "blanks"),
]


@pytest.mark.parametrize("code, name, quoted, how", LONG_QUOTES, ids=[f"{c}-{n}-{q}-{h}" for c, n, q, h in LONG_QUOTES])
def test_a_message_quoting_a_very_long_field_stays_short(code: str, name: str, quoted: str, how: str) -> None:
    case = _case(code, name)
    lines = case.text.split("\n")
    line, _ = case.expect[0]
    assert quoted in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(quoted, _lengthened(quoted, how), 1)
    found = check_json("--select", "ALL", "--stdin-filename", case.filename, *case.args, "-", input="\n".join(lines))
    assert [(d["line"], d["column"]) for d in found if d["code"] == code] == list(case.expect)
    assert [(d["code"], d["message"]) for d in found if len(d["message"]) > SHORT] == []


TELEGRAM = _case("F004", "cyrillic-word-and-euro-in-a-telegram").text  # "Москва" at line 35, column 8


@pytest.mark.parametrize("run", ["\u041c\u00ad" * LONG, "\u041c\u200e\u00ad" * LONG, "\u00ad" * LONG], ids=["soft-hyphens", "marks-and-hyphens", "hyphens-alone"])
def test_a_cut_quote_counts_characters_as_shown_and_never_cuts_a_code_point_written_out(run: str) -> None:
    # F004 quotes a run of non-ASCII text; a soft hyphen (U+00AD) or a left-to-right
    # mark (U+200E) does not show for itself and is written <U+00AD>: the cut counts
    # the 8 characters the reader sees, and falls between two of them
    found = check_json("--select", "F004", "-", input=TELEGRAM.replace("\u041c\u043e\u0441\u043a\u0432\u0430", run))
    assert [(d["line"], d["column"]) for d in found] == [(35, 8), (35, 8 + len(run) + 1)]
    quote = re.fullmatch(r"non-ASCII text '(.*)' \(U\+[^)]*\) in a telegram: expected ASCII text \(a telegram carries ASCII only\)", found[0]["message"])
    assert quote is not None, found[0]["message"]
    shown = quote.group(1)
    assert shown.endswith("...") and len(shown) <= 40
    assert re.fullmatch(r"(\u041c|<U\+(00AD|200E)>)*\.\.\.", shown), shown
    assert len(shown) > 40 - len("<U+00AD>") - 3  # (as much as fits)


def test_a_cut_quote_keeps_an_accent_with_its_letter() -> None:
    # a combining accent (U+0301) shows on the letter before it: it adds nothing to the
    # count and the cut never parts them
    run = "\u0436\u0301" * LONG
    found = check_json("--select", "F004", "-", input=TELEGRAM.replace("\u041c\u043e\u0441\u043a\u0432\u0430", run))
    shown = re.search(r"'(.*?)'", found[0]["message"]).group(1)  # type: ignore[union-attr]
    assert shown == "\u0436\u0301" * 37 + "..."
