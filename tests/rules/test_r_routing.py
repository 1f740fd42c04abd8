"""R rules: the ACP-127 routing header (format lines FL1-FL5)."""

from __future__ import annotations

import pytest

import json

from tests.conftest import SEED, check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, mutate, params, run_case

BASE = corpus_text("telegram-unclas-bamako.cable")  # RR / DE #0341 1471005 / ZNR UUUUU / R 271005Z MAY 09
RABAT = corpus_text("telegram-confidential-13526-rabat.cable")
XYZ = corpus_text("telegram-confidential-xyz-channel-madrid.cable")
O_R = corpus_text("telegram-secret-o-r-precedence-islamabad.cable")
EFTO = corpus_text("telegram-unclas-efto-tallinn.cable")
MOSCOW = corpus_text("telegram-secret-noforn-moscow-fl2-continuation.cable")  # FL2 on lines 2-4
REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")  # DE #0687/01, page headers 00000687
SEED_LIKE = mutate(BASE, "DE RUEHBP #0341 1471005", "DE RUEHBP #0341 271005Z")
DE_FIRST = mutate(BASE, "RR RUEHDK RUEHOU RUEHZK\nDE RUEHBP #0341 1471005\n", "DE RUEHBP #0341 1471005\nRR RUEHDK RUEHOU RUEHZK\n")
USNATO = corpus_text("telegram-secret-usnato-multisection.cable")  # DE 2621652 / P 181652Z SEP 08 / DECL 09/18/2018
# day 262 is 18 Sep in 2008 (a leap year) and 19 Sep in 2007
YEAR_SLIP = mutate(USNATO, "P 181652Z SEP 08", "P 181652Z SEP 07")
UNSORTED = mutate(BASE, "RR RUEHDK RUEHOU RUEHZK", "RR RUEHDK RUEHZK RUEHOU")
# an IMMEDIATE cable: OO / O 271005Z MAY 09 / the TO line IMMEDIATE
IMMEDIATE = mutate(mutate(mutate(BASE, "RR RUEHDK", "OO RUEHDK"), "R 271005Z MAY 09", "O 271005Z MAY 09"), "WASHDC 0412", "WASHDC IMMEDIATE 0412")
NEW_YEAR = mutate(mutate(BASE, "R 271005Z MAY 09", "R 010005Z JAN 10"), "#0341 1471005", "#0341 3652355")

CASES = [
    Case("R001", "letter-o-as-zero", mutate(BASE, "VZCZCXRO7214", "VZCZCXR07214"), ((1, 6),)),
    Case("R001", "clean", BASE),
    # a damaged VZCZC is still the transmission line: the header after it is read
    Case("R001", "vzczc-letter-lost", mutate(BASE, "VZCZCXRO7214", "VZCZXRO7214"), ((1, 1),)),
    Case("R001", "vzczc-down-cased", mutate(BASE, "VZCZCXRO7214", "vzczcxro7214"), ((1, 1),)),
    Case("R001", "three-digit-sequence", mutate(BASE, "VZCZCXRO7214", "VZCZCXRO721")),
    # FL1 has no blank: a space or tab inside it is named at the blank; an indented
    # FL1 is named, and the header under it read (not taken for an archive wrapper)
    Case("R001", "tab-inside", mutate(BASE, "VZCZCXRO7214", "VZCZCXRO\t7214"), ((1, 9),)),
    Case("R001", "space-after-vzczc", mutate(BASE, "VZCZCXRO7214", "VZCZC XRO7214"), ((1, 6),)),
    Case("R001", "indented-by-a-tab", mutate(BASE, "VZCZCXRO7214", "\tVZCZCXRO7214"), ((1, 1),)),
    Case("R002", "unknown-prosign", mutate(BASE, "RR RUEHDK", "RX RUEHDK"), ((2, 1),)),
    # the prosign run into the first routing indicator: still FL2 (not a missing one, R011)
    Case("R002", "prosign-run-into-the-first-indicator", mutate(BASE, "RR RUEHDK", "RRRUEHDK"), ((2, 1),)),
    Case("R002", "prosign-and-first-indicator-spaced", mutate(BASE, "RR RUEHDK", "RR  RUEHDK")),
    # a format line indented: its own rule names the indent, not R011 'missing'
    Case("R002", "indented", mutate(BASE, "RR RUEHDK", "  RR RUEHDK"), ((2, 1),)),
    Case("R002", "continuation-line-indented", mutate(MOSCOW, "\nRUEHWR RUEHYE", "\n\tRUEHWR RUEHYE"), ((4, 1),)),
    Case("R003", "indented", mutate(BASE, "DE RUEHBP", "\tDE RUEHBP"), ((3, 1),)),
    Case("R004", "indented", mutate(BASE, "ZNR UUUUU", " ZNR UUUUU"), ((4, 1),)),
    Case("R005", "indented", mutate(BASE, "R 271005Z MAY 09", "\tR 271005Z MAY 09"), ((5, 1),)),
    Case("R011", "indented-format-lines-are-there", mutate(mutate(BASE, "DE RUEHBP", " DE RUEHBP"), "R 271005Z", "\tR 271005Z"), only=False),
    Case("R002", "clean", BASE),
    # a down-cased line is one finding, read as the capitals it stands for
    Case("R002", "down-cased-line", mutate(BASE, "RR RUEHDK RUEHOU RUEHZK", "rr ruehdk ruehou ruehzk"), ((2, 1),)),
    Case("R002", "xyz-channel-shape", XYZ),
    # a continuation line holds only routing indicators: the item that is none is named (not R011)
    Case("R002", "continuation-line-item-no-indicator", mutate(BASE, "RR RUEHDK RUEHOU RUEHZK\n", "RR RUEHDK RUEHOU\nRUEHZK 1234\n"), ((3, 8),)),
    Case("R003", "filing-time-with-z", SEED_LIKE, ((3, 17),)),
    Case("R003", "serial-without-hash", mutate(BASE, "#0341", "0341"), ((3, 11),)),
    # the blank between the part and the filing time lost: one finding, both read (no
    # malformed part, no missing filing time, no part disagreeing with SECTION 01, S003)
    Case("R003", "filing-time-run-into-the-part", mutate(REK, "#0687/01 3111012", "#0687/013111012"), ((3, 19),)),
    Case("R003", "clean", BASE),
    # a blank after the #: one finding at it, the serial, part and filing time read (was
    # three: a serial '#', the serial and part called the filing time, the filing time extra)
    Case("R003", "blank-after-the-hash", mutate(REK, "#0687/01", "# 0687/01"), ((3, 12),)),
    Case("R003", "tab-and-space-after-the-hash", mutate(BASE, "#0341", "#\t 0341"), ((3, 12),)),
    Case("R003", "down-cased", mutate(BASE, "DE RUEHBP #0341 1471005", "de ruehbp #0341 1471005"), ((3, 1),)),
    Case("R003", "with-part", RABAT),
    # the blank after the warning, or after the precedence letter, lost: still that format line
    Case("R004", "warning-and-code-run-together", mutate(BASE, "ZNR UUUUU ZZH", "ZNRUUUUU ZZH"), ((4, 1),)),
    Case("R005", "precedence-and-dtg-run-together", mutate(BASE, "R 271005Z MAY 09", "R271005Z MAY 09"), ((5, 1),)),
    Case("R004", "four-letter-code", mutate(BASE, "ZNR UUUUU", "ZNR UUUU"), ((4, 5),)),
    Case("R004", "znr-with-classified-code", mutate(BASE, "ZNR UUUUU", "ZNR CCCCC"), ((4, 5),)),
    Case("R004", "clean", BASE),
    # ZZH is a required constant (cable-format.md 2.4); other Z signals may follow it
    Case("R004", "no-zzh", mutate(BASE, "ZNR UUUUU ZZH", "ZNR UUUUU"), ((4, 10),)),
    Case("R004", "another-signal-instead-of-zzh", mutate(BASE, "ZNR UUUUU ZZH", "ZNR UUUUU ZDK"), ((4, 10),)),
    Case("R004", "zzh-then-another-signal", mutate(BASE, "ZNR UUUUU ZZH", "ZNR UUUUU ZZH ZDK")),
    Case("R004", "down-cased-line", mutate(BASE, "ZNR UUUUU ZZH", "znr uuuuu zzh"), ((4, 1),)),
    Case("R011", "down-cased-security-line-is-there", mutate(BASE, "ZNR UUUUU ZZH", "znr uuuuu zzh"), only=False),
    # the code agrees with the classification line: the warning is the one to change
    Case("R004", "warning-disagrees-with-code-and-class-line", mutate(RABAT, "ZNY CCCCC", "ZNR CCCCC"), ((4, 1),)),
    Case("R004", "znr-for-unclassified", mutate(BASE, "ZNR UUUUU", "ZNY UUUUU"), ((4, 1),)),
    # the warning word's letters transposed before a security code: FL4 written wrong (R004),
    # not FL4 missing (R011)
    Case("R004", "warning-letters-transposed", mutate(BASE, "ZNR UUUUU", "ZRN UUUUU"), ((4, 1),)),
    Case("R004", "warning-letters-transposed-before-a-classified-code", mutate(RABAT, "ZNY CCCCC", "ZYN CCCCC"), ((4, 1),)),
    Case("R011", "a-z-word-without-a-security-code-is-no-fl4", mutate(BASE, "ZNR UUUUU ZZH", "ZRN ZZH"), ((4, 1),), only=False),
    Case("R004", "efto", EFTO),
    # a digit typed twice in the date-time group: R005's, not a line that breaks the header (R011)
    # a format line run on to the one above: one finding, and both lines are read (no R011)
    Case("R003", "security-line-run-on-to-the-de-line", mutate(BASE, "#0341 1471005\nZNR UUUUU ZZH", "#0341 1471005 ZNR UUUUU ZZH"), ((3, 25),)),
    Case("R004", "dtg-line-run-on-to-the-security-line", mutate(BASE, "ZNR UUUUU ZZH\nR 271005Z", "ZNR UUUUU ZZH R 271005Z"), ((4, 15),)),
    Case("R005", "dtg-digit-typed-twice", mutate(BASE, "R 271005Z MAY 09", "R 2771005Z MAY 09"), ((5, 3),)),
    Case("R005", "dtg-digit-lost", mutate(BASE, "R 271005Z MAY 09", "R 27105Z MAY 09"), ((5, 3),)),
    # the letter O typed for a zero: FL5 with a slip (R005 at the letters), not a line
    # that breaks the header (R011)
    Case("R005", "dtg-letter-o-for-zero", mutate(BASE, "R 271005Z MAY 09", "R 271OO5Z MAY 09"), ((5, 6),)),
    # ... in each DTG shape FL5 accepts, each slip named once (two in one line: two findings)
    Case("R005", "dtg-letter-o-for-zero-four-digit-year", mutate(BASE, "R 271005Z MAY 09", "R 271OO5Z MAY 2009"), ((5, 6),)),
    Case("R005", "dtg-letter-o-for-zero-lower-case-z", mutate(BASE, "R 271005Z MAY 09", "R 271OO5z MAY 09"), ((5, 6), (5, 9))),
    Case("R005", "dtg-letter-o-for-zero-lower-case-month", mutate(BASE, "R 271005Z MAY 09", "R 271OO5Z May 09"), ((5, 6), (5, 11))),
    Case("R005", "dtg-letter-o-for-zero-no-z", mutate(BASE, "R 271005Z MAY 09", "R 271OO5 MAY 09"), ((5, 3), (5, 6))),
    Case("R005", "dtg-letter-o-for-zero-doubled-precedence", mutate(BASE, "R 271005Z MAY 09", "RR 271OO5Z MAY 09"), ((5, 1), (5, 7))),
    Case("R005", "dtg-letter-o-for-zero-unknown-precedence", mutate(BASE, "R 271005Z MAY 09", "X 271OO5Z MAY 09"), ((5, 1), (5, 6))),
    Case("R005", "dtg-letter-o-for-zero-down-cased", mutate(BASE, "R 271005Z MAY 09", "r 271oo5z may 09"), ((5, 1), (5, 6))),
    # in the day too (before, an internal error): when the zeros make no day either, one
    # slip is one finding, at the letters; a slip elsewhere in the group is its own
    Case("R005", "dtg-letter-o-for-zero-in-the-day", mutate(BASE, "R 271005Z MAY 09", "R OO1005Z MAY 09"), ((5, 3),)),
    Case("R005", "dtg-letter-o-for-zero-in-the-day-and-an-hour-24", mutate(BASE, "R 271005Z MAY 09", "R 2O2405Z MAY 09"), ((5, 3), (5, 4))),
    # a legacy short header's DTG line is held to FL5's shape (2.8)
    Case("R005", "legacy-dtg-impossible-date", mutate(corpus_text("telegram-legacy-confidential-oslo-1989.cable"), "O 221045Z NOV 89", "O 311045Z NOV 89"), ((1, 3),)),
    Case("R005", "legacy-dtg-clean", corpus_text("telegram-legacy-confidential-oslo-1989.cable")),
    # ... and named at its indent, as FL5 under a routing header is
    Case("R005", "legacy-dtg-indented", mutate(corpus_text("telegram-legacy-confidential-oslo-1989.cable"), "O 221045Z NOV 89", "\tO 221045Z NOV 89"), ((1, 1),)),
    Case("R005", "hour-24", mutate(BASE, "R 271005Z MAY 09", "R 272405Z MAY 09"), ((5, 3),)),
    Case("R005", "february-30", mutate(BASE, "R 271005Z MAY 09", "R 301005Z FEB 09"), ((5, 3),)),
    Case("R005", "clean", BASE),
    # a zero typed for the letter O in FL5's precedence or FL2's prosign, a blank inside
    # the date-time group: the line's own rule names the slip, not R011 (the header and
    # the address block under it are read)
    Case("R005", "precedence-zero-for-letter-o", mutate(IMMEDIATE, "O 271005Z MAY 09", "0 271005Z MAY 09"), ((5, 1),)),
    Case("R005", "blank-inside-the-dtg", mutate(BASE, "R 271005Z MAY 09", "R 27 1005Z MAY 09"), ((5, 5),)),
    Case("R005", "tab-inside-the-dtg", mutate(BASE, "R 271005Z MAY 09", "R 27100\t5Z MAY 09"), ((5, 8),)),
    Case("R005", "precedence-zero-and-blank-inside-the-dtg", mutate(IMMEDIATE, "O 271005Z MAY 09", "0 27 1005Z MAY 09"), ((5, 1), (5, 5))),
    Case("R005", "immediate-clean", IMMEDIATE),
    Case("R002", "prosign-zero-for-letter-o", mutate(IMMEDIATE, "OO RUEHDK", "0O RUEHDK"), ((2, 1),)),
    Case("R002", "prosign-zeros-for-letters-o", mutate(IMMEDIATE, "OO RUEHDK", "00 RUEHDK"), ((2, 1),)),
    # an unknown precedence letter: the line is still the DTG line, not a stray one
    Case("R005", "unknown-precedence-letter", mutate(BASE, "R 271005Z MAY 09", "X 271005Z MAY 09"), ((5, 1),)),
    Case("R005", "no-z", mutate(BASE, "R 271005Z MAY 09", "R 271005 MAY 09"), ((5, 3),)),
    Case("R005", "lower-case-z", mutate(BASE, "R 271005Z MAY 09", "R 271005z MAY 09"), ((5, 9),)),
    Case("R005", "lower-case-month", mutate(BASE, "R 271005Z MAY 09", "R 271005Z May 09"), ((5, 11),)),
    Case("R005", "doubled-precedence", mutate(BASE, "R 271005Z MAY 09", "RR 271005Z MAY 09"), ((5, 1),)),
    Case("R005", "down-cased-line-is-one-finding", mutate(BASE, "R 271005Z MAY 09", "r 271005z may 09"), ((5, 1),)),
    Case("R006", "bad-address-prefix", mutate(BASE, "TO RUEHC/", "TO XUEHC/"), ((7, 4),)),
    Case("R006", "digit-in-fl2", mutate(BASE, "RR RUEHDK RUEHOU", "RR RUEHDK RUEH0U"), ((2, 11),)),
    Case("R006", "clean", BASE),
    Case("R006", "down-cased-address-prefix", mutate(BASE, "TO RUEHC/", "TO ruehc/"), ((7, 4),)),
    # a continuation line of routing indicators with a stray comma or a down-cased one:
    # still the precedence line (not three format lines missing)
    Case("R006", "comma-in-continuation", mutate(MOSCOW, "RUEHNO RUEHNT RUEHRA", "RUEHNO RUEHNT, RUEHRA"), ((3, 15),), only=False),
    Case("R006", "down-cased-in-continuation", mutate(MOSCOW, "RUEHWR RUEHYE", "RUEHWR ruehye"), ((4, 8),)),
    Case("R007", "five-days-later", mutate(BASE, "#0341 1471005", "#0341 1521005"), ((3, 17),), severity="warning"),
    Case("R007", "clean", BASE),
    Case("R007", "one-day-later-is-r012s", mutate(BASE, "#0341 1471005", "#0341 1481005")),
    Case("R007", "across-new-year", NEW_YEAR),
    # the DE day, the DECL date and REF A's date give 2008: the DTG's year is the slip,
    # one finding at it (not R012 at the DE line, nor X008 at REF A)
    Case("R007", "dtg-year-slip", YEAR_SLIP, ((5, 15),), severity="warning"),
    # the DE day alone gives the other year (DECL and REF A fit 2007): R012's, at the DE line
    Case("R007", "dtg-year-with-the-de-day-alone", mutate(mutate(YEAR_SLIP, "DECL: 09/18/2018", "DECL: 09/18/2017"), "301601Z AUG 08", "301601Z AUG 07")),
    # a DECL date drafted a few days before the DTG, ten years on, gives the year too
    # (REF A moved into 2007, so the DE day and the DECL date alone say 2008)
    Case("R007", "dtg-year-slip-decl-drafted-days-before", mutate(mutate(YEAR_SLIP, "DECL: 09/18/2018", "DECL: 09/15/2018"), "301601Z AUG 08", "301601Z AUG 07"), ((5, 15),), severity="warning"),
    Case("R007", "dtg-year-with-a-decl-weeks-before", mutate(mutate(YEAR_SLIP, "DECL: 09/18/2018", "DECL: 09/08/2018"), "301601Z AUG 08", "301601Z AUG 07"), only=False),
    Case("R008", "secret-code-on-confidential", mutate(RABAT, "ZNY CCCCC", "ZNY SSSSS"), ((4, 5),)),
    Case("R008", "uuuuu-on-efto", mutate(EFTO, "ZNY EEEEE", "ZNR UUUUU"), ((4, 5),)),
    # the FL4 code and every portion marking say CONFIDENTIAL: the classification line has the slip
    Case("R008", "class-line-outvoted", mutate(RABAT, "C O N F I D E N T I A L RABAT", "S E C R E T RABAT"), ((12, 1),)),
    Case("R008", "class-line-outvoted-below-top-secret-portions", mutate(corpus_text("telegram-top-secret-flash-state-nodis.cable"), "T O P S E C R E T STATE", "S E C R E T STATE"), ((11, 1),)),
    Case("R008", "clean", RABAT),
    Case("R008", "efto", EFTO),
    Case("R009", "serial-digits-swapped", mutate(BASE, "#0341", "#0314"), ((3, 12),)),
    Case("R009", "clean", BASE),
    # a blank after the # leaves the serial read: still compared with the classification line's
    Case("R009", "serial-after-a-blank-after-the-hash", mutate(REK, "#0687/01", "# 0688/01"), ((3, 13),), only=False),
    Case("R009", "serial-after-a-blank-after-the-hash-agrees", mutate(REK, "#0687/01", "# 0687/01"), only=False),
    # a digit typed in the post: the serial after it is still read and compared
    Case("R009", "serial-after-a-post-with-a-digit", mutate(BASE, "UNCLAS BAMAKO 000341", "UNCLAS BAMAK4 000342"), ((3, 12),), only=False),
    Case("R009", "truncated-class-serial-is-c002s", mutate(BASE, "BAMAKO 000341", "BAMAKO 0003"), only=False),
    # the DE line and the page headers agree: the classification line has the typo
    Case("R009", "class-line-outvoted", mutate(REK, "REYKJAVIK 000687", "REYKJAVIK 000678"), ((13, 52),)),
    # with no page header to decide, the DE line is reported
    Case("R009", "no-page-header-to-decide", mutate(BASE, "BAMAKO 000341", "BAMAKO 000314"), ((3, 12),)),
    Case("R010", "fl5-priority-under-rr", mutate(BASE, "R 271005Z MAY 09", "P 271005Z MAY 09"), ((5, 1),), severity="warning"),
    # FL5 and the TO lines (no precedence word: ROUTINE) agree: the prosign is the slip
    Case("R010", "prosign-outvoted-by-fl5-and-to", mutate(BASE, "RR RUEHDK", "PP RUEHDK"), ((2, 1),), severity="warning"),
    Case("R010", "clean", BASE),
    Case("R010", "two-letter-fl5", O_R),
    Case("R011", "de-line-deleted", mutate(BASE, "DE RUEHBP #0341 1471005\n", ""), ((3, 1),)),
    Case("R011", "dtg-line-deleted", mutate(BASE, "R 271005Z MAY 09\n", ""), ((5, 1),)),
    Case("R011", "de-before-fl2", DE_FIRST, ((3, 1),)),
    Case("R011", "clean", BASE),
    # a stray line ends the header early: it is named, not the lines after it as missing
    Case("R011", "stray-line-in-the-header", mutate(BASE, "RR RUEHDK RUEHOU RUEHZK\n", "RR RUEHDK RUEHOU RUEHZK\nHELLO WORLD\n"), ((3, 1),), only=False),
    Case("R011", "xyz-blank-before-de", XYZ),
    # a stray line between the DTG line and the FM line: the address block is still read
    Case("R011", "stray-line-before-fm", mutate(BASE, "R 271005Z MAY 09\n", "R 271005Z MAY 09\nZZZ SOME JUNK HERE\n"), ((6, 1),)),
    Case("R011", "bare-dtg-before-fm", mutate(BASE, "R 271005Z MAY 09\n", "R 271005Z MAY 09\n\n271005Z\n"), ((7, 1),)),
    Case("R011", "draft-has-no-header", corpus_text("draft-confidential-copenhagen.cable")),
    Case("R012", "filed-before-dtg", mutate(BASE, "#0341 1471005", "#0341 1471004"), ((3, 17),), severity="info"),
    Case("R012", "filed-across-new-year", NEW_YEAR, ((3, 17),), severity="info"),
    Case("R012", "filed-seven-minutes-later", mutate(BASE, "#0341 1471005", "#0341 1471012")),
    Case("R012", "clean", BASE),
    Case("R012", "dtg-year-slip-is-r007s", YEAR_SLIP, only=False),
    Case("R012", "dtg-year-with-the-de-day-alone", mutate(mutate(YEAR_SLIP, "DECL: 09/18/2018", "DECL: 09/18/2017"), "301601Z AUG 08", "301601Z AUG 07"), ((3, 20),), severity="info"),
    # XRO traffic lists its FL2 indicators A to Z (cable-format.md 2.2): the first one
    # that sorts before the one in front of it
    Case("R013", "two-indicators-swapped", UNSORTED, ((2, 18),), severity="info"),
    Case("R013", "first-on-a-continuation-line", mutate(MOSCOW, "\nRUEHLO RUEHNO", "\nRUEHDA RUEHNO"), ((3, 1),), severity="info"),
    Case("R013", "inside-a-continuation-line", mutate(MOSCOW, "RUEHLO RUEHNO RUEHNT", "RUEHLO RUEHNT RUEHNO"), ((3, 15),)),
    Case("R013", "clean", BASE),
    Case("R013", "continuation-lines-in-order", MOSCOW),
    Case("R013", "one-indicator", mutate(BASE, "RR RUEHDK RUEHOU RUEHZK", "RR RUEHZK")),
    Case("R013", "an-indicator-twice-is-in-order", mutate(BASE, "RR RUEHDK RUEHOU RUEHZK", "RR RUEHDK RUEHOU RUEHOU RUEHZK")),
    # only the XRO channel is known to sort them (XYZ has RUEHWEB alone)
    Case("R013", "xyz-channel-not-checked", mutate(UNSORTED, "VZCZCXRO7214", "VZCZCXYZ7214")),
    Case("R013", "xyz-channel-corpus-cable", XYZ),
    # a malformed indicator is R006's and is left out of the comparison
    Case("R013", "malformed-indicator-is-r006s", mutate(BASE, "RR RUEHDK RUEHOU RUEHZK", "RR RUEHDK RUEHZK RUEH0U"), only=False),
    Case("R013", "not-in-a-draft", UNSORTED, args=("--dialect", "draft"), only=False),
]

R013_MESSAGES = [
    (
        UNSORTED,
        (2, 18, "routing indicator 'RUEHOU' stands after 'RUEHZK', out of alphabetical order: expected it after 'RUEHDK' (an XRO precedence line lists its indicators A to Z)"),
    ),
    (
        mutate(BASE, "RR RUEHDK RUEHOU RUEHZK", "RR RUEHOU RUEHZK RUEHDK"),
        (2, 18, "routing indicator 'RUEHDK' stands after 'RUEHZK', out of alphabetical order: expected it first (an XRO precedence line lists its indicators A to Z)"),
    ),
]


@pytest.mark.parametrize("text, expected", R013_MESSAGES, ids=["after-another", "first"])
def test_r013_names_the_indicator_and_the_one_it_should_follow(text: str, expected: tuple[int, int, str]) -> None:
    found = check_json("--select", "R013", "-", input=text)
    assert [(d["line"], d["column"], d["message"]) for d in found] == [expected]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def test_seed_gives_r003_only() -> None:
    diags = json.loads(run_cli("check", "--format", "json", "--select", "R,A", str(SEED)).stdout)
    assert [(d["code"], d["line"], d["column"]) for d in diags if d["severity"] != "info"] == [("R003", 5, 17)]
    assert "050153Z" in diags[0]["message"] and "6 digits and a Z" in diags[0]["message"]


def test_forced_draft_runs_no_routing_rule() -> None:
    diags = run_case(Case("R003", "forced-draft", SEED_LIKE, args=("--dialect", "draft")))
    assert not [d for d in diags if d["code"].startswith("R")]


def test_a_damaged_dtg_still_dates_the_cable() -> None:
    from cablelint.grammar.parser import parse_text

    for line in ("R 271005 MAY 09", "r 271005z may 09", "RR 271005Z MAY 09", "R 271005Z May 09"):
        cable = parse_text(mutate(BASE, "R 271005Z MAY 09", line))
        assert cable.date is not None and cable.date.isoformat() == "2009-05-27T10:05:00+00:00", line
        assert cable.dialect == "telegram" and cable.from_line is not None, line


def test_an_unknown_precedence_letter_is_named_and_the_date_still_read() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, "R 271005Z MAY 09", "X 271005Z MAY 09")
    assert parse_text(text).date is not None
    assert [d["message"] for d in check_json("--select", "R", "-", input=text)] == [
        "precedence letter 'X' is unknown: expected Z (FLASH), O (IMMEDIATE), P (PRIORITY) or R (ROUTINE)"
    ]


def test_r011_names_the_stray_line_rather_than_calling_the_rest_missing() -> None:
    text = mutate(BASE, "RR RUEHDK RUEHOU RUEHZK\n", "RR RUEHDK RUEHOU RUEHZK\nHELLO WORLD\n")
    assert [d["message"] for d in check_json("--select", "R011", "-", input=text)] == [
        "'HELLO WORLD' breaks the routing header: expected FL3 (the DE line) here (the lines after it are not read as the header)"
    ]


def _parsed(text: str) -> dict[str, object]:
    result = run_cli("parse", "--stdin-filename", "case.cable", "-", input=text)
    assert result.exit_code == 0, result.output
    parsed: dict[str, object] = json.loads(result.stdout)
    return parsed


ZERO_LETTER = "precedence letter '0' is a digit: expected a letter, Z (FLASH), O (IMMEDIATE), P (PRIORITY) or R (ROUTINE)"


@pytest.mark.parametrize(
    "old, new, code, column, end, message",
    [
        ("O 271005Z MAY 09", "0 271005Z MAY 09", "R005", 1, 2, "precedence letter '0' is a digit: expected the letter O (IMMEDIATE), as the prosign 'OO' on line 2 gives"),
        ("O 271005Z MAY 09", "O 27 1005Z MAY 09", "R005", 5, 6, "space inside the date-time group '27 1005Z': expected none (271005Z)"),
        ("O 271005Z MAY 09", "O 2710\t05Z MAY 09", "R005", 7, 8, "tab inside the date-time group '2710<U+0009>05Z': expected none (271005Z)"),
        ("OO RUEHDK", "0O RUEHDK", "R002", 1, 3, "precedence prosign '0O' has a zero for the letter O: expected OO"),
    ],
)
def test_one_slip_in_fl2_or_fl5_leaves_the_header_and_address_block_read(old: str, new: str, code: str, column: int, end: int, message: str) -> None:
    text = mutate(IMMEDIATE, old, new)
    line = 5 if code == "R005" else 2
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text)]
    assert found == [(code, line, column, end, message)]
    # the parse is the clean cable's, the slip in its errors
    got, clean = _parsed(text), _parsed(IMMEDIATE)
    # (the text reporter shows the tab as <U+0009>; the parse JSON keeps it)
    assert got.pop("errors") == [{"line": line, "column": column, "message": message.replace("<U+0009>", "\t")}] and clean.pop("errors") == []
    assert got == clean
    routing = got["routing"]
    assert isinstance(routing, dict) and routing["dtg"] == "271005Z MAY 09" and routing["precedence"] == "IMMEDIATE"
    assert got["date"] == "2009-05-27T10:05:00Z" and got["from"] == "AMEMBASSY BAMAKO" and got["to"] and got["info"]


def test_the_address_block_under_a_zero_for_the_precedence_letter_is_still_linted() -> None:
    # (f1-fl5-typo-prioity: the misspelt precedence word on the TO line is still A003's)
    text = mutate(mutate(IMMEDIATE, "O 271005Z MAY 09", "0 271005Z MAY 09"), "WASHDC IMMEDIATE 0412", "WASHDC IMMEDAITE 0412")
    found = [(d["code"], d["line"], d["column"]) for d in check_json("--select", "ALL", "-", input=text)]
    assert found == [("R005", 5, 1), ("A003", 7, 26)]


@pytest.mark.parametrize("prosign, precedence", [("RR", "ROUTINE"), ("PP", "PRIORITY"), ("ZZ", "FLASH")])
def test_a_zero_for_the_precedence_letter_is_not_read_as_o(prosign: str, precedence: str) -> None:
    """The zero was read as O (IMMEDIATE) whatever the prosign: R010 (and A005) then
    compared that guess with the prosign and the TO line. The zero is named with the
    prosign's letter, and the cable's precedence is the prosign's."""
    text = mutate(mutate(BASE, "R 271005Z MAY 09", "0 271005Z MAY 09"), "RR RUEHDK", f"{prosign} RUEHDK")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R005,R010,A005", "-", input=text)]
    meant = f"precedence letter '0' is a digit: expected the letter {prosign[0]} ({precedence}), as the prosign '{prosign}' on line 2 gives"
    assert found == [("R005", 5, 1, 2, meant)]
    routing = _parsed(text)["routing"]
    assert isinstance(routing, dict) and routing["precedence"] == precedence and routing["dtg"] == "271005Z MAY 09"


def test_a_zero_for_the_precedence_letter_under_a_mistyped_prosign_names_no_letter() -> None:
    # the prosign has its own slip ('0O': R002): no letter to take from it
    text = mutate(mutate(IMMEDIATE, "O 271005Z MAY 09", "0 271005Z MAY 09"), "OO RUEHDK", "0O RUEHDK")
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "R005,R010,A005", "-", input=text)]
    assert found == [("R005", 5, 1, ZERO_LETTER)]


@pytest.mark.parametrize(
    "line, message",
    [
        ("0 HELLO WORLD", "'0 HELLO WORLD' breaks the routing header: expected FL5 (the precedence and date-time group line) here (the lines after it are not read as the header)"),
        ("Q 27 1005Z MAY 09", "'Q 27 1005Z MAY 09' breaks the routing header: expected FL5 (the precedence and date-time group line) here (the lines after it are not read as the header)"),
    ],
)
def test_r011_still_names_a_stray_line_in_fl5s_place(line: str, message: str) -> None:
    text = mutate(BASE, "R 271005Z MAY 09", line)
    assert [(d["line"], d["column"], d["message"]) for d in check_json("--select", "R011", "-", input=text)] == [(5, 1, message)]


def test_r003_a_blank_after_the_hash_is_one_finding_and_the_de_line_is_read() -> None:
    text = mutate(REK, "#0687/01", "# 0687/01")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text)]
    assert found == [("R003", 3, 12, 13, "space after '#' in the station serial '# 0687/01': expected '#0687/01'")]
    got, clean = _parsed(text), _parsed(REK)
    assert got.pop("errors") == [{"line": 3, "column": 12, "message": "space after '#' in the station serial '# 0687/01': expected '#0687/01'"}]
    clean.pop("errors")
    assert got == clean
    routing = got["routing"]
    assert isinstance(routing, dict) and (routing["station_serial"], routing["section"], routing["filing_time"]) == ("0687", "01", "3111012")


def test_a_stray_line_before_the_fm_line_leaves_the_address_block_read() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, "R 271005Z MAY 09\n", "R 271005Z MAY 09\nZZZ SOME JUNK HERE\n")
    cable = parse_text(text)
    assert cable.dialect == "telegram" and not cable.preface
    assert cable.from_line is not None and cable.from_line.span.line == 7 and cable.to
    assert [d["message"] for d in check_json("--select", "R011", "-", input=text)] == [
        "'ZZZ SOME JUNK HERE' cannot stand in the routing header: expected the FM line"
    ]
    # with the FM line gone as well, the line stands in its place: R011 quotes it and
    # names the FM line expected there, and A001 stands back (one slip, one finding)
    gone = mutate(text, "FM AMEMBASSY BAMAKO\n", "")
    assert [(d["code"], d["line"], d["message"]) for d in check_json("--select", "R011,A001", "-", input=gone)] == [
        ("R011", 6, "'ZZZ SOME JUNK HERE' cannot stand in the routing header: expected the FM line")
    ]


def test_r011_says_where_a_displaced_line_belongs_or_that_it_is_a_second_copy() -> None:
    swapped = mutate(BASE, "DE RUEHBP #0341 1471005\nZNR UUUUU ZZH\n", "ZNR UUUUU ZZH\nDE RUEHBP #0341 1471005\n")
    assert [d["message"] for d in check_json("--select", "R011", "-", input=swapped)] == [
        "'DE RUEHBP #0341 1471005' is FL3 (the DE line) out of its place: expected it right after FL2 (the precedence line, e.g. RR RUEHMA), on line 2"
    ]
    twice = mutate(BASE, "ZNR UUUUU ZZH\n", "ZNR UUUUU ZZH\nZNR UUUUU ZZH\n")
    assert [d["message"] for d in check_json("--select", "R011", "-", input=twice)] == [
        "'ZNR UUUUU ZZH' is a second FL4 (the security line, ZNR/ZNY), after the one on line 4: expected one"
    ]


@pytest.mark.parametrize(
    "filed, how",
    [("1471004", "1 minute before"), ("1471130", "85 minutes after"), ("1471245", "2 h 40 min after"), ("1481145", "1 day 1 h 40 min after")],
)
def test_r012_gives_the_gap_as_a_reader_counts_it(filed: str, how: str) -> None:
    found = check_json("--select", "R012", "-", input=mutate(BASE, "#0341 1471005", f"#0341 {filed}"))
    assert [how in d["message"] for d in found] == [True], [d["message"] for d in found]


@pytest.mark.parametrize(
    "dtg, why",
    [
        ("311005Z JUN 09", "gives day 31, but June has 30 days: expected 01 to 30"),
        ("291005Z FEB 09", "gives day 29, but February 2009 has 28 days: expected 01 to 28"),
        ("001005Z FEB 09", "gives day 00: expected 01 to 28"),
        ("272405Z MAY 09", "gives hour 24: expected 00 to 23"),
        ("271060Z MAY 09", "gives minute 60: expected 00 to 59"),
    ],
)
def test_r005_says_which_part_of_the_date_time_group_is_impossible(dtg: str, why: str) -> None:
    found = check_json("--select", "R005", "-", input=mutate(BASE, "R 271005Z MAY 09", f"R {dtg}"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(5, 3, 17, f"date-time group '{dtg}' {why}")]


def test_r005_names_a_letter_o_in_a_down_cased_line_with_the_zero_expected() -> None:
    text = mutate(BASE, "R 271005Z MAY 09", "r 271oo5z may 09")
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--select", "R005", "-", input=text)]
    assert found == [
        (5, 1, "the precedence and date-time group line is not in capitals: expected 'R 271005Z MAY 09'"),
        (5, 6, "date-time group '271oo5z' has the letter o for a zero: expected 271005Z"),
    ]


def test_r005_names_a_letter_o_for_a_zero_and_the_date_is_still_read() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, "R 271005Z MAY 09", "R 2710O5Z MAY 09")
    cable = parse_text(text)
    assert cable.date is not None and cable.date.isoformat() == "2009-05-27T10:05:00+00:00"
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R", "-", input=text)]
    assert found == [("R005", 5, 7, 8, "date-time group '2710O5Z' has the letter O for a zero: expected 271005Z")]


def test_r005_a_letter_o_whose_zero_makes_no_day_is_one_finding() -> None:
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R005", "-", input=mutate(BASE, "R 271005Z MAY 09", "R OO1005Z MAY 09"))]
    assert found == [(5, 3, 5, "date-time group 'OO1005Z' has the letter O for a zero, and read with zeros it gives day 00: expected 01 to 31")]


def test_leap_day_is_a_real_date() -> None:
    assert check_json("--select", "R005", "-", input=mutate(BASE, "R 271005Z MAY 09", "R 291005Z FEB 08")) == []


@pytest.mark.parametrize(
    "filed, why",
    [("3671005", "gives Julian day 367: expected 001 to 366"), ("0001005", "gives Julian day 000: expected 001 to 366"), ("1472505", "gives hour 25: expected 00 to 23")],
)
def test_r003_says_which_part_of_the_filing_time_is_impossible(filed: str, why: str) -> None:
    found = check_json("--select", "R003", "-", input=mutate(BASE, "#0341 1471005", f"#0341 {filed}"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(3, 17, 24, f"DE line filing time '{filed}' {why}")]


def test_r002_names_an_item_on_a_continuation_line_that_is_no_routing_indicator() -> None:
    text = mutate(BASE, "RR RUEHDK RUEHOU RUEHZK\n", "RR RUEHDK RUEHOU\nRUEHZK 1234\n")
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"] == [
        ("R002", 3, 8, "'1234' on a continuation line of the precedence line is not a routing indicator: expected only routing indicators there (e.g. RUEHMA RUEHPA)")
    ]


@pytest.mark.parametrize(
    "old, new",
    [
        ("DE RUEHBP #0341 1471005", "DE\tRUEHBP\t#0341\t1471005"),
        ("ZNR UUUUU ZZH", "ZNR\tUUUUU ZZH"),
        ("R 271005Z MAY 09", "R\t271005Z\tMAY\t09"),
        ("TO RUEHC/SECSTATE WASHDC 0412", "TO\tRUEHC/SECSTATE\tWASHDC\t0412"),
        ("INFO RUEHZK/ECOWAS COLLECTIVE", "INFO\tRUEHZK/ECOWAS COLLECTIVE"),
    ],
)
def test_a_tab_is_taken_where_the_header_takes_a_space(old: str, new: str) -> None:
    from cablelint.grammar.parser import parse_text

    # cable-format.md 0: SP is one or more spaces; tabs are rare, accept them too
    text = mutate(BASE, old, new)
    assert [(d["code"], d["line"], d["column"]) for d in check_json("-", input=text) if d["severity"] != "info"] == []
    # the same parts at the same positions (a tab for a space keeps every offset)
    tabbed, plain = parse_text(text), parse_text(BASE)
    for part in ("routing", "from_line", "to", "info"):
        assert repr(getattr(tabbed, part)).replace("\\t", " ") == repr(getattr(plain, part)), part


@pytest.mark.parametrize(
    "fl1, where, message",
    [
        ("VZCZCXRO\t7214", (9, 10), "tab in the transmission identifier 'VZCZCXRO<U+0009>7214': expected none ('VZCZCXRO7214')"),
        ("VZCZC XRO7214", (6, 7), "space in the transmission identifier 'VZCZC XRO7214': expected none ('VZCZCXRO7214')"),
        ("\tVZCZCXRO7214", (1, 2), "transmission identifier 'VZCZCXRO7214' is indented: expected it at the start of the line"),
        ("  VZCZCXRO7214", (1, 3), "transmission identifier 'VZCZCXRO7214' is indented: expected it at the start of the line"),
    ],
)
def test_r001_a_blank_in_or_before_fl1_is_named_and_the_line_read(fl1: str, where: tuple[int, int], message: str) -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, "VZCZCXRO7214", fl1)
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("R001", 1, *where, message)]
    routing = parse_text(text).routing
    assert routing is not None and routing.transmission_id.channel is not None and routing.transmission_id.sequence is not None
    assert (routing.transmission_id.channel.text, routing.transmission_id.sequence.text) == ("XRO", "7214")
    assert routing.de_line is not None and routing.de_line.station is not None and routing.de_line.station.text == "RUEHBP"


@pytest.mark.parametrize(
    "line, written, message",
    [
        ("RR RUEHDK RUEHOU RUEHZK", "  RR RUEHDK RUEHOU RUEHZK", "precedence line 'RR RUEHDK RUEHOU RUEHZK' is indented: expected it at the start of the line"),
        ("DE RUEHBP #0341 1471005", "\tDE RUEHBP #0341 1471005", "DE line 'DE RUEHBP #0341 1471005' is indented: expected it at the start of the line"),
        ("ZNR UUUUU ZZH", " \tZNR UUUUU ZZH", "security line 'ZNR UUUUU ZZH' is indented: expected it at the start of the line"),
        ("R 271005Z MAY 09", " R 271005Z MAY 09", "precedence and date-time group line 'R 271005Z MAY 09' is indented: expected it at the start of the line"),
    ],
)
def test_an_indented_format_line_is_named_at_the_indent_and_read(line: str, written: str, message: str) -> None:
    """FL2-FL5 indented were R011 'missing' (and the lines after them lost): now the
    line's own rule names the indent, and the line is read as written without it."""
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, line, written)
    number = BASE.split("\n").index(line) + 1
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    code = {2: "R002", 3: "R003", 4: "R004", 5: "R005"}[number]
    assert found == [(code, number, 1, len(written) - len(line) + 1, message)]
    indented, plain = parse_text(text), parse_text(BASE)
    assert indented.routing is not None and plain.routing is not None
    for part in ("precedence_line", "de_line", "security_line", "dtg_line"):
        got, want = getattr(indented.routing, part), getattr(plain.routing, part)
        assert got is not None and want is not None, part
        shift = len(written) - len(line) if got.span.line == number else 0
        assert got.span.column == want.span.column + shift, part
    assert [a.address.text for a in indented.to + indented.info if a.address] == [a.address.text for a in plain.to + plain.info if a.address]


def test_an_indented_legacy_dtg_line_is_named_at_the_indent() -> None:
    """A legacy short header (no FL1 to FL4; cable-format.md 2.8) holds its DTG line
    to FL5's shape: indented, it gets the finding an indented FL5 gets."""
    text = mutate(corpus_text("telegram-legacy-confidential-oslo-1989.cable"), "O 221045Z NOV 89", "  O 221045Z NOV 89")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("R005", 1, 1, 3, "precedence and date-time group line 'O 221045Z NOV 89' is indented: expected it at the start of the line")]


def test_r008_outvoted_class_line_is_one_finding_at_the_line() -> None:
    bad = mutate(RABAT, "C O N F I D E N T I A L RABAT", "S E C R E T RABAT")
    found = check_json("--select", "ALL", "-", input=bad)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("R008", 12, 1, "classification line 'S E C R E T' (SECRET) disagrees with the security line code 'CCCCC' on line 4 and with the portion markings, whose highest level is CONFIDENTIAL: expected CONFIDENTIAL")
    ]


def test_r008_quotes_the_efto_class_line_whole() -> None:
    found = check_json("--select", "R008", "-", input=mutate(EFTO, "ZNY EEEEE", "ZNR UUUUU"))
    assert [d["message"] for d in found] == [
        "security line code 'UUUUU' (UNCLASSIFIED) disagrees with the classification line 'UNCLAS EFTO' (UNCLASSIFIED EFTO) on line 12: expected EEEEE"
    ]


def test_r010_names_the_prosign_fl5_and_to_outvote() -> None:
    found = check_json("--select", "ALL", "-", input=mutate(BASE, "RR RUEHDK", "PP RUEHDK"))
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("R010", 2, 1, "prosign 'PP' disagrees with precedence 'R' (ROUTINE) on line 5 and the TO lines (no precedence word: ROUTINE): expected 'RR'")
    ]


@pytest.mark.parametrize(
    "dtg, message",
    [
        ("R 2771005Z MAY 09", "date-time group '2771005Z' has 7 digits before the Z: expected 6, the day, hour and minute (DDHHMMZ, e.g. 191532Z)"),
        ("RO 271005Z MAY 09", "precedence 'RO' has its two letters run together: expected 'R O' (action and information precedence)"),
    ],
)
def test_r005_names_the_slip(dtg: str, message: str) -> None:
    found = check_json("--select", "R005", "-", input=mutate(BASE, "R 271005Z MAY 09", dtg))
    assert [d["message"] for d in found] == [message]


@pytest.mark.parametrize(
    "dtg, end, message",
    [
        ("R 271005ZMAY09", 15, "date-time group '271005ZMAY09' has no blank before its month and its year: expected '271005Z MAY 09'"),
        ("R 271005Z MAY09", 16, "date-time group '271005Z MAY09' has no blank before its year: expected '271005Z MAY 09'"),
        ("R 271005ZMAY 09", 16, "date-time group '271005ZMAY 09' has no blank before its month: expected '271005Z MAY 09'"),
    ],
)
def test_r005_blanks_lost_inside_the_date_time_group_are_one_finding_and_the_date_read(dtg: str, end: int, message: str) -> None:
    # "271005ZMAY09" was two findings ("incomplete", "unexpected 'MAY09'") and no date
    text = mutate(BASE, "R 271005Z MAY 09", dtg)
    found = check_json("--select", "R", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [("R005", 5, 3, end, message)]
    assert json.loads(run_cli("parse", "-", input=text.encode("utf-8")).stdout)["date"] == "2009-05-27T10:05:00Z"


def test_a_format_line_run_on_to_the_one_above_is_read() -> None:
    bad = mutate(BASE, "ZNR UUUUU ZZH\nR 271005Z", "ZNY CCCCC ZZH R 271005Z")
    found = check_json("--select", "ALL", "-", input=bad)
    # the DTG is read (no R011), and so is the security line's code (R008)
    assert sorted((d["code"], d["line"], d["column"]) for d in found) == [("R004", 4, 15), ("R008", 4, 5)]


def test_r004_names_the_code_the_warning_and_the_line_ask_for() -> None:
    found = check_json("--select", "ALL", "-", input=mutate(RABAT, "ZNY CCCCC", "ZNY UUUUU"))
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("R004", 4, 5, "classification code 'UUUUU' disagrees with ZNY and the CONFIDENTIAL classification line on line 12: expected CCCCC")
    ]


def test_r007_names_the_witnesses_of_a_dtg_year_slip() -> None:
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R007", "-", input=YEAR_SLIP)]
    assert found == [
        (
            5,
            15,
            17,
            "the date-time group's year 07 disagrees with the DE line's day 262 (18 Sep in 2008, 19 Sep in 2007), the DECL date 09/18/2018 "
            "(10 years on) and reference A (30 Aug 2008), which give 2008: expected '181652Z SEP 08'",
        )
    ]


def test_a_long_line_is_quoted_cut_with_an_ellipsis_not_cut_short() -> None:
    """A quote cut at 40 characters without a mark read as the line itself: a long
    line's last item came out cut short. Quotes over 40 characters end in '...'."""
    lines = corpus_text("telegram-confidential-reykjavik-multisection.cable").split("\n")

    def fl2_below_de(fl2: str) -> list[tuple[str, int, int, str]]:
        moved = "\n".join([lines[0], lines[2], fl2, *lines[3:]])  # FL2 under the DE line
        return [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "R011", "-", input=moved)]

    after = "is FL2 (the precedence line, e.g. RR RUEHMA) out of its place: expected it right after FL1 (the transmission identifier), on line 1"
    assert fl2_below_de("PP RUEHBS RUEHCP RUEHDL RUEHFR RUEHNO RUEHZL") == [("R011", 3, 1, f"'PP RUEHBS RUEHCP RUEHDL RUEHFR RUEHNO...' {after}")]
    assert fl2_below_de("PP RUEHBS RUEHCP RUEHDL RUEHFR RUEHNO") == [("R011", 3, 1, f"'PP RUEHBS RUEHCP RUEHDL RUEHFR RUEHNO' {after}")]  # 37: whole


def test_format_lines_with_a_blank_lost_name_it() -> None:
    """'ZNRUUUUU ZZH' and 'R271005Z MAY 09' are FL4 and FL5 with one blank lost: one
    finding each that names it, not a routing header broken at that line (R011)."""
    text = mutate(mutate(BASE, "ZNR UUUUU ZZH", "ZNRUUUUU ZZH"), "R 271005Z MAY 09", "R271005Z MAY 09")
    found = check_json("--select", "R", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("R004", 4, 1, "'ZNRUUUUU' has no space between the security warning and the classification code: expected 'ZNR UUUUU'"),
        ("R005", 5, 1, "'R271005Z' has no space between the precedence and the date-time group: expected 'R 271005Z'"),
    ]


def test_r011_missing_line_is_marked_where_it_was_expected_after_the_line_named() -> None:
    found = check_json("--select", "R011", "-", input=mutate(BASE, "DE RUEHBP #0341 1471005\n", "").encode("utf-8"))
    assert [(d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in found] == [
        (3, 1, 3, 1, "FL3 (the DE line) is missing from the routing header: expected it after the precedence line on line 2")
    ]
    found = check_json("--select", "R011", "-", input=mutate(BASE, "RR RUEHDK RUEHOU RUEHZK\n", "").encode("utf-8"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (2, 1, 1, "FL2 (the precedence line, e.g. RR RUEHMA) is missing from the routing header: expected it after the transmission identifier on line 1")
    ]


def test_r004_warning_and_code_that_both_disagree_with_the_classification_line() -> None:
    # ZNR SSSSS on a CONFIDENTIAL cable: neither the warning nor the code is right,
    # one finding over both, naming the pair the classification line asks for
    found = check_json("--select", "R004,R008", "-", input=mutate(RABAT, "ZNY CCCCC", "ZNR SSSSS").encode("utf-8"))
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (
            "R004",
            4,
            1,
            10,
            "security warning ZNR and classification code 'SSSSS' do not go together, and neither agrees with the "
            "CONFIDENTIAL classification line on line 12: expected ZNY CCCCC",
        )
    ]


def test_r004_without_a_classification_line_names_the_code_it_marks() -> None:
    # no classification line to judge by: the code is marked, and the message names it
    text = mutate(mutate(BASE, "ZNR UUUUU", "ZNR SSSSS"), "UNCLAS BAMAKO 000341\n", "")
    found = check_json("--select", "R004", "-", input=text.encode("utf-8"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (4, 5, 10, "classification code 'SSSSS' does not go with security warning ZNR: expected ZNR UUUUU, or ZNY SSSSS")
    ]
