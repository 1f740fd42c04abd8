"""A rules: the address block (FM, TO, INFO, XMT)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, mutate, params

BASE = corpus_text("telegram-unclas-bamako.cable")  # FM AMEMBASSY BAMAKO / TO RUEHC/SECSTATE WASHDC 0412
STATE = corpus_text("telegram-confidential-state-clinton-demarche.cable")  # FM SECSTATE WASHDC / ... STATE 046218
USNATO = corpus_text("telegram-secret-usnato-multisection.cable")  # FM USMISSION USNATO / ... USNATO 000412
RIO = corpus_text("telegram-unclas-amconsul-rio-multisection.cable")
CABLEGATE = corpus_text("cablegate-confidential-paris.cable")
REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")  # P / TO ... PRIORITY 4107
O_R = corpus_text("telegram-secret-o-r-precedence-islamabad.cable")  # O R / TO ... IMMEDIATE
MOSCOW = corpus_text("telegram-secret-noforn-moscow-fl2-continuation.cable")  # INFO RUCNCIS/CIS COLLECTIVE PRIORITY

CASES = [
    Case("A001", "fm-deleted", mutate(BASE, "FM AMEMBASSY BAMAKO\n", ""), ((6, 1),)),
    Case("A001", "clean", BASE),
    Case("A001", "draft-has-no-address", corpus_text("draft-confidential-copenhagen.cable")),
    Case("A001", "cablegate-not-checked", mutate(CABLEGATE, "FM AMEMBASSY PARIS\n", "")),
    Case("A002", "to-deleted", mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412\n", ""), ((7, 1),)),
    Case("A002", "clean", BASE),
    # the TO line replaced by an attention-shaped line: still a telegram (its routing header
    # and FM line are there), not an archive page whose preface that line would be; the
    # INFO line under it stands out of the address block (S001)
    Case("A002", "to-replaced-by-an-attention-line", mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412", "DEPT FOR AF/W AND AF/EPS"), ((7, 1),), only=False),
    # ... in cablegate text (paragraph signs) the archive's rendering is not checked
    Case("A002", "to-replaced-by-an-attention-line-in-cablegate-text", mutate(corpus_text("cablegate-confidential-13526-santiago.cable"), "TO RUEHC/SECSTATE WASHDC 2217", "DEPT FOR WHA/BSC"), only=False),
    # a telegram inside a post's internal copy is still a telegram (cable-format.md 2.8, 5.5)
    Case("A002", "to-deleted-inside-a-post-copy", "Cable Text:\nTELEGRAM\nTo: SECSTATE WASHDC\nFrom: AMEMBASSY BAMAKO\n\n" + mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412\n", ""), ((12, 1),)),
    # NIACT with its IMMEDIATE dropped: the address line's slip, not a ROUTINE TO line (A005)
    Case("A003", "niact-without-immediate", mutate(corpus_text("telegram-confidential-niact-kabul.cable"), "WASHDC NIACT IMMEDIATE 8140", "WASHDC NIACT 8140"), ((7, 26),)),
    # the serial typed before the precedence word: the two swapped, said at the serial
    # a full stop closing an address line: named at the stop, the post read without it (no A004)
    Case("A003", "full-stop-after-the-address", mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE", "INFO RUEHZK/ECOWAS COLLECTIVE."), ((8, 30),)),
    Case("A003", "full-stop-after-the-fm-post", mutate(BASE, "FM AMEMBASSY BAMAKO", "FM AMEMBASSY BAMAKO."), ((6, 20),)),
    Case("A003", "abbreviation-closing-the-address", mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE", "INFO RUEHZK/ECOWAS COLLECTIVE D.C.")),
    Case("A003", "serial-before-the-precedence", mutate(corpus_text("telegram-confidential-13526-rabat.cable"), "WASHDC PRIORITY 0855", "WASHDC 0855 PRIORITY"), ((7, 26),)),
    Case("A003", "number-in-the-address-before-the-precedence-is-no-serial", mutate(corpus_text("telegram-confidential-13526-rabat.cable"), "WASHDC PRIORITY 0855", "WASHDC TF 150 PRIORITY 0855"), only=False),
    Case("A003", "misspelt-priority", mutate(BASE, "WASHDC 0412", "WASHDC PRIOITY 0412"), ((7, 26),)),
    # the TO keyword lost under the FM line: the TO line without its keyword (one finding,
    # no missing TO line, no INFO block out of place)
    Case("A003", "to-keyword-lost", mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412", "RUEHC/SECSTATE WASHDC 0412"), ((7, 1),)),
    # ... also an addressee without a routing indicator (its serial shows an address line)
    Case("A003", "to-keyword-lost-before-an-address-without-indicator", mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412", "SECSTATE WASHDC 0412"), ((7, 1),)),
    # ... and a bare PLAD, all that is left of the TO line: its keyword lost (no A002, no
    # INFO block out of place), in a telegram or in archive text
    Case("A003", "to-reduced-to-a-plad", mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412", "AMEMBASSY OSLO"), ((7, 1),)),
    Case("A003", "to-reduced-to-a-plad-in-cablegate-text", mutate(corpus_text("cablegate-confidential-13526-santiago.cable"), "TO RUEHC/SECSTATE WASHDC 2217", "SECSTATE WASHDC"), ((7, 1),)),
    # a one-word line under the FM line is no PLAD: an attention line ("CODEL"), as before
    Case("A003", "one-word-line-under-fm-is-no-to-line", mutate(BASE, "FM AMEMBASSY BAMAKO\n", "FM AMEMBASSY BAMAKO\nCODEL\n"), only=False),
    # an attention line under the FM line (no indicator, precedence or serial) stays one
    Case("A003", "attention-line-under-fm-is-no-to-line", mutate(BASE, "FM AMEMBASSY BAMAKO\n", "FM AMEMBASSY BAMAKO\nFOR THE AMBASSADOR\n"), only=False),
    Case("A003", "to-keyword-lost-in-cablegate-text", mutate(corpus_text("cablegate-confidential-13526-santiago.cable"), "TO RUEHC/SECSTATE WASHDC 2217", "RUEHC/SECSTATE WASHDC 2217"), ((7, 1),)),
    Case("A003", "three-digit-serial", mutate(BASE, "DAKAR 0233", "DAKAR 233"), ((9, 24),)),
    # the letter O typed for the zeros of the serial: named at the serial
    Case("A003", "serial-with-letters-for-digits", mutate(BASE, "DAKAR 0233", "DAKAR O233"), ((9, 24),)),
    Case("A003", "post-ending-in-letters-only-is-no-serial", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR 0233", "RUEHDK/AMEMBASSY DAKAR OIL"), only=False),
    # the serial typed onto the precedence word, its space lost: named at the two
    Case("A003", "serial-run-into-precedence", mutate(BASE, "DAKAR 0233", "DAKAR PRIORITY0233"), ((9, 24),)),
    Case("A003", "serial-after-precedence", mutate(BASE, "DAKAR 0233", "DAKAR PRIORITY 0233")),
    # an address line broken after its prefix: the prefix alone names no post; the
    # post on the line under it reads as an address of its own
    Case("A003", "address-broken-after-its-prefix", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR 0233", "RUEHDK/AMEMBASSY\nDAKAR 0233"), ((9, 8),)),
    Case("A003", "clean", BASE),
    # INFO again under INFO's addressees: an address line with its keyword, named at the
    # keyword, not a line the parser cannot place (S004); found by the grammar fuzz test
    Case("A003", "second-info-line-under-addressees", mutate(BASE, "RUEHOU/AMEMBASSY OUAGADOUGOU 0198", "INFO RUEHOU/AMEMBASSY OUAGADOUGOU 0198"), ((10, 1),)),
    # the address lines with a damaged keyword are still the address block
    Case("A003", "routing-indicator-without-slash", mutate(BASE, "TO RUEHC/SECSTATE", "TO RUEHC SECSTATE"), ((7, 4),)),
    # two addressees on one line with no keyword between them: one finding, at the second
    Case("A003", "two-addressees-on-one-line", mutate(mutate(BASE, "RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n", ""), "DAKAR 0233", "DAKAR 0233 RUEHOU/AMEMBASSY OUAGADOUGOU 0198"), ((9, 29),)),
    Case("A003", "two-addressees-on-the-to-line", mutate(BASE, "WASHDC 0412", "WASHDC 0233 RUEHOU/AMEMBASSY OUAGADOUGOU 0198"), ((7, 31),)),
    # a space after the routing indicator's slash: named at the space, the address still read
    Case("A003", "space-after-slash", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR", "RUEHDK/ AMEMBASSY DAKAR"), ((9, 8),)),
    # and before it, or on both sides: one finding, at the blanks
    Case("A003", "space-before-slash", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR", "RUEHDK /AMEMBASSY DAKAR"), ((9, 7),)),
    Case("A003", "space-before-slash-on-the-to-line", mutate(BASE, "TO RUEHC/SECSTATE", "TO RUEHC /SECSTATE"), ((7, 9),)),
    Case("A003", "spaces-around-slash", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR", "RUEHDK / AMEMBASSY DAKAR"), ((9, 7),)),
    Case("A003", "tab-after-slash", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR", "RUEHDK/\tAMEMBASSY DAKAR"), ((9, 8),)),
    # an indented address line: read as the line it is, one finding at the indent
    Case("A003", "fm-line-indented", mutate(BASE, "FM AMEMBASSY", "  FM AMEMBASSY"), ((6, 1),)),
    Case("A001", "fm-line-indented-is-there", mutate(BASE, "FM AMEMBASSY", "  FM AMEMBASSY"), only=False),
    Case("A003", "to-line-indented", mutate(BASE, "TO RUEHC/", "\tTO RUEHC/"), ((7, 1),)),
    Case("A003", "info-line-indented", mutate(BASE, "INFO RUEHZK/", " INFO RUEHZK/"), ((8, 1),)),
    Case("A003", "continuation-line-indented", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR", "\tRUEHDK/AMEMBASSY DAKAR"), ((9, 1),)),
    Case("A003", "indented-line-with-another-run-on", mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412\nINFO ", "  TO RUEHC/SECSTATE WASHDC 0412 INFO "), ((7, 1), (7, 33))),
    Case("A003", "precedence-twice", mutate(BASE, "WASHDC 0412", "WASHDC PRIORITY PRIORITY 0412"), ((7, 26),)),
    # a PLAD that merely starts with R is no routing indicator
    Case("A003", "plad-starting-with-r", mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE", "INFO RUSSIA COLLECTIVE")),
    # an address keyword under a block: reported where it stands, its addressees kept
    Case("A003", "second-to-line", mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412\n", "TO RUEHC/SECSTATE WASHDC 0412\nTO RUEKJCS/SECDEF WASHDC\n"), ((8, 1),)),
    Case("A003", "to-line-after-info", mutate(mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412\n", ""), "RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n", "RUEHOU/AMEMBASSY OUAGADOUGOU 0198\nTO RUEHC/SECSTATE WASHDC 0412\n"), ((10, 1),)),
    # the FM line after the TO line: one finding where it stands, not "no FM line" (A001)
    Case("A003", "fm-line-after-to-line", mutate(BASE, "FM AMEMBASSY BAMAKO\nTO RUEHC/SECSTATE WASHDC 0412", "TO RUEHC/SECSTATE WASHDC 0412\nFM AMEMBASSY BAMAKO"), ((7, 1),)),
    Case("A001", "fm-line-after-to-line", mutate(BASE, "FM AMEMBASSY BAMAKO\nTO RUEHC/SECSTATE WASHDC 0412", "TO RUEHC/SECSTATE WASHDC 0412\nFM AMEMBASSY BAMAKO"), only=False),
    Case("A003", "second-fm-line", mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE", "INFO RUEHZK/ECOWAS COLLECTIVE\nFM AMEMBASSY BAMAKO"), ((9, 1),)),
    # a second FM line, indented: one finding that says both, over the indent and the keyword
    Case("A003", "second-fm-line-indented", mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE", "INFO RUEHZK/ECOWAS COLLECTIVE\n  FM AMEMBASSY BAMAKO"), ((9, 1),)),
    # right under the first: a second FM line too, and the address block after it is read
    Case("A003", "second-fm-line-under-the-first", mutate(BASE, "TO RUEHC", "FM AMEMBASSY BAMAKO\nTO RUEHC"), ((7, 1),)),
    Case("A003", "second-fm-line-indented-under-the-first", mutate(BASE, "TO RUEHC", "\tFM AMEMBASSY BAMAKO\nTO RUEHC"), ((7, 1),)),
    Case("A003", "from-written-out", mutate(BASE, "FM AMEMBASSY BAMAKO", "FROM AMEMBASSY BAMAKO"), ((6, 1),)),
    Case("A003", "down-cased-fm-line", mutate(BASE, "FM AMEMBASSY BAMAKO", "fm amembassy bamako"), ((6, 1),)),
    Case("A003", "down-cased-info-line", mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE", "info ruehzk/ecowas collective"), ((8, 1),)),
    # the keyword alone in mixed case: one finding at it, the addressee read (not taken
    # for a second addressee run on after an address 'Info')
    Case("A003", "info-keyword-in-mixed-case", mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE", "Info RUEHZK/ECOWAS COLLECTIVE"), ((8, 1),)),
    Case("A003", "to-keyword-in-mixed-case", mutate(BASE, "TO RUEHC/SECSTATE", "To RUEHC/SECSTATE"), ((7, 1),)),
    # a blank line slipped into the address block: the addressees after it are still read
    Case("A003", "blank-line-inside-info", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR 0233\n", "RUEHDK/AMEMBASSY DAKAR 0233\n\n").replace("OUAGADOUGOU 0198", "OUAGADOUGOU PRIOITY 0198"), ((11, 30),)),
    Case("A003", "blank-line-before-info", mutate(BASE, "WASHDC 0412\n", "WASHDC 0412\n\n").replace("OUAGADOUGOU 0198", "OUAGADOUGOU PRIOITY 0198"), ((11, 30),)),
    Case("A003", "xmt-keyword-written-xmit", mutate(corpus_text("telegram-unclas-state-collective-xmt.cable"), "XMT AMEMBASSY VALLETTA", "XMIT AMEMBASSY VALLETTA"), ((10, 1),)),
    Case("A003", "blank-line-before-xmt", mutate(corpus_text("telegram-unclas-state-collective-xmt.cable"), "COLLECTIVE\nXMT AMEMBASSY VALLETTA", "COLLECTIVE\n\nXMT AMEMBASSY VALLETTA PRIOITY"), ((11, 24),)),
    Case("A003", "blank-line-after-fm", mutate(BASE, "FM AMEMBASSY BAMAKO\n", "FM AMEMBASSY BAMAKO\n\n").replace("WASHDC 0412", "WASHDC PRIOITY 0412"), ((8, 26),)),
    Case("A003", "blank-line-after-the-dtg-line", mutate(BASE, "R 271005Z MAY 09\n", "R 271005Z MAY 09\n\n").replace("WASHDC 0412", "WASHDC PRIOITY 0412"), ((8, 26),)),
    Case("A003", "precedence-word", mutate(BASE, "WASHDC 0412", "WASHDC ROUTINE 0412")),
    # the serial written twice, the INFO line run on into the TO line (one finding each)
    Case("A003", "serial-twice-after-precedence", mutate(BASE, "WASHDC 0412", "WASHDC IMMEDIATE 0412 0412"), ((7, 36),)),
    Case("A003", "serial-twice", mutate(BASE, "WASHDC 0412", "WASHDC 0412 0412"), ((7, 26),)),
    Case("A003", "info-line-run-on-into-to-line", mutate(BASE, "WASHDC 0412\nINFO", "WASHDC 0412 INFO"), ((7, 31),)),
    Case("A003", "to-line-run-on-into-fm-line", mutate(BASE, "BAMAKO\nTO", "BAMAKO TO"), ((6, 21),)),
    # an address keyword misspelt by one letter: named, and its line still read as that keyword's
    Case("A003", "info-misspelt-with-a-zero", mutate(BASE, "INFO RUEHZK", "INF0 RUEHZK"), ((8, 1),)),
    Case("A003", "to-misspelt-with-a-zero", mutate(BASE, "TO RUEHC", "T0 RUEHC"), ((7, 1),)),
    # ... before an address with neither routing indicator nor a PLAD prefix the slip pattern knows
    # ... before a plain address (no routing indicator, no PLAD prefix the slip pattern
    # knows) with another addressee under it: the lines were lost from the address block
    Case("A003", "to-misspelt-with-a-zero-before-a-plain-address", mutate(corpus_text("cablegate-legacy-confidential-bangkok-1991.cable"), "TO SECSTATE WASHDC PRIORITY 7219", "T0 HQ USCINCPAC HONOLULU HI\nSECSTATE WASHDC PRIORITY 7219"), ((3, 1),), only=False),
    Case("A003", "info-misspelt-with-a-zero-before-a-plain-address", mutate(corpus_text("cablegate-legacy-confidential-bangkok-1991.cable"), "INFO AMEMBASSY KUALA LUMPUR 1102", "INF0 USDA WASHDC\nAMEMBASSY KUALA LUMPUR 1102"), ((4, 1),), only=False),
    Case("A003", "fm-misspelt", mutate(BASE, "FM AMEMBASSY", "FN AMEMBASSY"), ((6, 1),)),
    Case("A003", "info-letters-swapped", mutate(BASE, "INFO RUEHZK", "NIFO RUEHZK"), ((8, 1),)),
    Case("A003", "xmt-misspelt", mutate(BASE, "RUEHOU/AMEMBASSY OUAGADOUGOU 0198", "XNT AMEMBASSY OUAGADOUGOU"), ((10, 1),)),
    # a misspelt prefix of the Department's PLADs; other first words are no prefix at all
    Case("A003", "fm-prefix-misspelt", mutate(BASE, "FM AMEMBASSY", "FM AMEMBASY"), ((6, 4),)),
    Case("A003", "to-prefix-misspelt", mutate(BASE, "RUEHC/SECSTATE", "RUEHC/SECSTAT"), ((7, 10),)),
    Case("A003", "info-prefix-letters-swapped", mutate(BASE, "RUEHDK/AMEMBASSY", "RUEHDK/AMEMBSASY"), ((9, 8),)),
    Case("A003", "other-plads-are-no-prefix-slips", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR 0233", "RUEHDK/USDOC WASHDC\nRUEKJCS/JOINT STAFF WASHDC\nRUEHZK/USEU BRUSSELS")),
    Case("A003", "serial-range", mutate(BASE, "WASHDC 0412", "WASHDC ROUTINE 0412-0414")),
    Case("A003", "serial-range-of-three-digits", mutate(BASE, "WASHDC 0412", "WASHDC IMMEDIATE 0412-414"), ((7, 36),)),
    Case("A004", "other-embassy", mutate(BASE, "FM AMEMBASSY BAMAKO", "FM AMEMBASSY DAKAR"), ((6, 4),), severity="warning"),
    Case("A004", "state-for-bamako", mutate(BASE, "FM AMEMBASSY BAMAKO", "FM SECSTATE WASHDC"), ((6, 4),)),
    # the FM line out of its place is still compared with the classification line
    Case("A004", "fm-line-after-to-line-names-another-post", mutate(BASE, "FM AMEMBASSY BAMAKO\nTO RUEHC/SECSTATE WASHDC 0412", "TO RUEHC/SECSTATE WASHDC 0412\nFM AMEMBASSY DAKAR"), ((7, 4),), only=False),
    Case("A004", "clean", BASE),
    # a colon after FM: A003 names it, the address is read and compared (was A003 "no
    # address" at the line's end, from null, and no A004)
    Case("A003", "colon-after-fm", mutate(BASE, "FM AMEMBASSY BAMAKO", "FM: AMEMBASSY BAMAKO"), ((6, 3),)),
    Case("A004", "other-embassy-with-a-colon-after-fm", mutate(BASE, "FM AMEMBASSY BAMAKO", "FM: AMEMBASSY DAKAR"), ((6, 5),), only=False),
    # a digit typed in the class line's post is C002's alone
    Case("A004", "digit-in-the-class-line-post-is-c002s", mutate(BASE, "UNCLAS BAMAKO 000341", "UNCLAS BAMAK4 000341"), only=False),
    Case("A004", "secstate-is-state", STATE),
    # State's own cables name their post STATE, not the WASHDC of its PLAD (3.1)
    Case("A004", "secstate-is-not-washdc", mutate(STATE, " STATE 046218", " WASHDC 046218"), ((6, 4),)),
    Case("A004", "usmission-usnato", USNATO),
    Case("A004", "amconsul", RIO),
    # the page header sides with the FM line: the classification line's post is the slip
    Case("A004", "class-line-post-outvoted-by-fm-and-page-header", mutate(RIO, "02 RIO DE JANEIRO 000188", "02 RIO DE JANIERO 000188"), ((13, 25),)),
    # the highest TO precedence is FL5's first letter (BASE: R, no precedence words)
    Case("A005", "to-priority-on-a-routine-cable", mutate(BASE, "WASHDC 0412", "WASHDC PRIORITY 0412"), ((7, 26),), severity="warning"),
    Case("A005", "immediate-cable-without-precedence-words", mutate(mutate(BASE, "RR RUEHDK", "OO RUEHDK"), "R 271005Z", "O 271005Z"), ((5, 1),)),
    Case("A005", "to-immediate-on-a-priority-cable", mutate(REK, "WASHDC PRIORITY 4107", "WASHDC IMMEDIATE 4107"), ((7, 26),)),
    Case("A005", "clean", BASE),
    Case("A005", "routine-written-out", mutate(BASE, "WASHDC 0412", "WASHDC ROUTINE 0412")),
    Case("A005", "priority-cable", REK),
    Case("A005", "o-r-cable", O_R),
    # a second TO addressee of lower precedence is fine: the highest counts
    Case("A005", "highest-of-two", mutate(REK, "WASHDC PRIORITY 4107\n", "WASHDC PRIORITY 4107\nRUEKJCS/SECDEF WASHDC\n")),
    # one mistake, one finding: FL5 against FL2 is R010's, a misspelt word A003's
    Case("A005", "fl5-changed-is-r010s", mutate(BASE, "R 271005Z", "O 271005Z"), only=False),
    Case("A005", "misspelt-word-is-a003s", mutate(BASE, "WASHDC 0412", "WASHDC PRIOITY 0412"), only=False),
    # a collective almost never carries an addressee serial (5 of 1,087 real lines)
    Case("A006", "serial-on-an-info-collective", mutate(BASE, "ECOWAS COLLECTIVE\n", "ECOWAS COLLECTIVE 0233\n"), ((8, 31),), severity="info"),
    Case("A006", "serial-after-the-precedence-word", mutate(MOSCOW, "CIS COLLECTIVE PRIORITY\n", "CIS COLLECTIVE PRIORITY 1521\n"), ((10, 38),)),
    Case("A006", "serial-on-a-to-collective", mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412", "TO RUEHZK/ECOWAS COLLECTIVE 0412\nRUEHC/SECSTATE WASHDC 0412"), ((7, 29),)),
    Case("A006", "clean", BASE),
    Case("A006", "collectives-with-precedence-words", MOSCOW),
    Case("A006", "serial-on-a-post", mutate(BASE, "DAKAR 0233", "DAKAR 0234")),
    # a word that merely contains COLLECTIVE is no collective
    Case("A006", "not-a-collective", mutate(BASE, "RUEHDK/AMEMBASSY DAKAR 0233", "RUEHDK/COLLECTIVES OFFICE DAKAR 0233")),
    # a serial A003 reports (3 digits) is A003's alone
    Case("A006", "three-digit-serial-is-a003s", mutate(BASE, "ECOWAS COLLECTIVE\n", "ECOWAS COLLECTIVE 233\n"), only=False),
    Case("A007", "station-of-another-post", mutate(BASE, "DE RUEHBP", "DE RUEHDK"), ((3, 4),), severity="info"),
    Case("A007", "station-of-no-known-post", mutate(BASE, "DE RUEHBP", "DE RUEHXQ"), ((3, 4),)),
    Case("A007", "secstate", mutate(STATE, "DE RUEHC #", "DE RUEHBP #"), ((3, 4),)),
    Case("A007", "clean", BASE),
    Case("A007", "secstate-clean", STATE),
    # Paris sends from RUEHFR and RUEHFRA (cable-format.md 2.3)
    Case("A007", "paris-second-indicator", mutate(CABLEGATE, "DE RUEHFR", "DE RUEHFRA")),
    # a post the table does not know is not checked
    Case("A007", "post-not-in-the-table", mutate(REK, "DE RUEHRK", "DE RUEHBP")),
    # one mistake, one finding: an FM post that disagrees with the text is A004's, a
    # malformed station R006's
    Case("A007", "fm-post-of-another-cable-is-a004s", mutate(BASE, "FM AMEMBASSY BAMAKO", "FM AMEMBASSY DAKAR"), only=False),
    Case("A007", "malformed-station-is-r006s", mutate(BASE, "DE RUEHBP", "DE RUEHB1"), only=False),
]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def test_a007_names_the_station_s_post_and_the_one_expected() -> None:
    found = check_json("--select", "A007", "-", input=mutate(BASE, "DE RUEHBP", "DE RUEHDK"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (3, 4, 10, "DE station RUEHDK (the indicator of AMEMBASSY DAKAR) is not the indicator of AMEMBASSY BAMAKO, the FM post on line 6: expected RUEHBP")
    ]
    found = check_json("--select", "A007", "-", input=mutate(CABLEGATE, "DE RUEHFR", "DE RUEHBP"))
    assert [d["message"] for d in found] == [
        "DE station RUEHBP (the indicator of AMEMBASSY BAMAKO) is not the indicator of AMEMBASSY PARIS, the FM post on line 6: expected RUEHFR or RUEHFRA"
    ]


def test_a007_table_holds_state_network_indicators_of_posts() -> None:
    """Every station in the table is an RI of State's network (cable-format.md 2.3:
    all observed station RIs start RUEH) that the grammar reads as one."""
    from cablelint.data import load_stations
    from cablelint.grammar.patterns import field

    ri = field("ROUTING_INDICATOR")
    stations = load_stations()
    assert stations["AMEMBASSY BAMAKO"] == ("RUEHBP",) and stations["SECSTATE WASHDC"] == ("RUEHC",)
    for plad, indicators in stations.items():
        assert plad == " ".join(plad.split()).upper(), plad
        assert all(r.startswith("RUEH") and ri.fullmatch(r) for r in indicators), (plad, indicators)


# A003's messages, in the drafter's terms: (old, new) put into BASE -> (line, column, message)
MESSAGES = [
    (("DAKAR 0233", "DAKAR 233"), (9, 24, "addressee serial '233' has 3 digits: expected 4 (0233)")),
    (("DAKAR 0233", "DAKAR 02330"), (9, 24, "addressee serial '02330' has 5 digits: expected 4")),
    (("WASHDC 0412", "WASHDC 0412-413"), (7, 26, "addressee serial range '0412-413' has 3 digits in '413': expected 4 at each end (e.g. 0412-0414)")),
    (("RUEHZK/ECOWAS", "RUEHZK//ECOWAS"), (8, 12, "'//' after the routing indicator 'RUEHZK': expected one '/' ('RUEHZK/ECOWAS COLLECTIVE')")),
    (("AMEMBASSY DAKAR", "AMEMBASSY Dakar"), (9, 1, "address 'RUEHDK/AMEMBASSY Dakar 0233' is not in capitals: expected 'RUEHDK/AMEMBASSY DAKAR 0233'")),
    (("DAKAR 0233", "DAKAR; 0233"), (9, 23, "unexpected ';' in the address 'RUEHDK/AMEMBASSY DAKAR; 0233': expected only capitals, digits, spaces and . & ' ( ) , - /")),
    (("FM AMEMBASSY BAMAKO", "FM"), (6, 3, "FM line has no address: expected one after FM (e.g. FM AMEMBASSY BAMAKO)")),
    (("INFO RUEHZK", "INF0 RUEHZK"), (8, 1, "'INF0' is misspelt: expected the keyword INFO")),
    (("FM AMEMBASSY", "FN AMEMBASSY"), (6, 1, "'FN' is misspelt: expected the keyword FM")),
    (("FM AMEMBASSY", "FM AMEMBASY"), (6, 4, "'AMEMBASY' is misspelt: expected AMEMBASSY")),
    (("FM AMEMBASSY BAMAKO\nTO RUEHC/SECSTATE WASHDC 0412", "TO RUEHC/SECSTATE WASHDC 0412\nFM AMEMBASSY BAMAKO"), (7, 1, "the FM line stands in the TO block: expected it first in the address block, before the TO line")),
    (("INFO RUEHZK", "  FM AMEMBASSY DAKAR\nINFO RUEHZK"), (8, 1, "a second FM line, indented, after the one on line 6: expected one FM line")),
    (("TO RUEHC", "FM AMEMBASSY DAKAR\nTO RUEHC"), (7, 1, "a second FM line, after the one on line 6: expected one FM line")),
    (("TO RUEHC", " FM AMEMBASSY DAKAR\nTO RUEHC"), (7, 1, "a second FM line, indented, after the one on line 6: expected one FM line")),
    (("WASHDC 0412", "WASHDC IMMEDIATE 0412 0412"), (7, 36, "serial '0412' is written twice: expected it once, after the precedence word")),
    (("WASHDC 0412", "WASHDC 0412 0412"), (7, 26, "serial '0412' is written twice: expected it once")),
    (("WASHDC 0412", "WASHDC IMMEDIATE 0412 X"), (7, 36, "unexpected '0412 X' after the precedence word IMMEDIATE: expected only the 4-digit serial after it")),
    (("FM AMEMBASSY", "FM: AMEMBASSY"), (6, 3, "stray ':' after the keyword FM: expected 'FM AMEMBASSY BAMAKO'")),
    (("FM AMEMBASSY", "FM :AMEMBASSY"), (6, 4, "stray ':' after the keyword FM: expected 'FM AMEMBASSY BAMAKO'")),
    (("TO RUEHC/", "TO: RUEHC/"), (7, 3, "stray ':' after the keyword TO: expected 'TO RUEHC/SECSTATE WASHDC 0412'")),
    (("INFO RUEHZK/", "INFO:RUEHZK/"), (8, 5, "stray ':' after the keyword INFO: expected 'INFO RUEHZK/ECOWAS COLLECTIVE'")),
    (("FM AMEMBASSY", "fm: AMEMBASSY"), (6, 1, "address line is not in capitals and has a stray ':' after its keyword: expected 'FM AMEMBASSY BAMAKO'")),
    (("FM AMEMBASSY", "FROM: AMEMBASSY"), (6, 1, "'FROM' is written out, with a stray ':' after it: expected the FM line's keyword, FM ('FM AMEMBASSY BAMAKO')")),
    (("INFO RUEHZK/", "INFO:\nRUEHZK/"), (8, 6, "INFO line has no address and a stray ':' after its keyword: expected its first addressee after INFO, without the ':', on this line, not on the line under it ('RUEHZK/ECOWAS COLLECTIVE')")),
    (("INFO RUEHZK/", "INFO\nRUEHZK/"), (8, 5, "INFO line has no address: expected its first addressee after INFO, on this line, not on the line under it ('RUEHZK/ECOWAS COLLECTIVE')")),
    (("TO RUEHC/", "TO :\nRUEHC/"), (7, 5, "TO line has no address and a stray ':' after its keyword: expected its first addressee after TO, without the ':', on this line, not on the line under it ('RUEHC/SECSTATE WASHDC 0412')")),
    (("TO RUEHC/", "to: RUEHC/"), (7, 1, "address line is not in capitals and has a stray ':' after its keyword: expected 'TO RUEHC/SECSTATE WASHDC 0412'")),
    (("WASHDC 0412\nINFO", "WASHDC 0412 INFO"), (7, 31, "'INFO' starts a new address line inside this one: expected INFO at the start of a line of its own")),
]


@pytest.mark.parametrize("change, expected", MESSAGES, ids=[new for (_, new), _ in MESSAGES])
def test_a003_message(change: tuple[str, str], expected: tuple[int, int, str]) -> None:
    found = check_json("--select", "A003", "-", input=mutate(BASE, *change))
    assert [(d["line"], d["column"], d["message"]) for d in found] == [expected]


def test_a_second_fm_line_under_the_first_keeps_the_address_block() -> None:
    """An FM line right under the FM line was read as an attention line, and every
    address line under it with it (the address block lost, no finding): it is a
    second FM line (A003), and the TO and INFO lines under it are read."""
    from cablelint.grammar.parser import parse_text

    cable, plain = parse_text(mutate(BASE, "TO RUEHC", "FM AMEMBASSY DAKAR\nTO RUEHC")), parse_text(BASE)
    assert cable.from_line is not None and cable.from_line.address is not None and cable.from_line.address.text == "AMEMBASSY BAMAKO"
    assert [(a.role, a.address.text if a.address else None) for a in cable.to + cable.info] == [
        (a.role, a.address.text if a.address else None) for a in plain.to + plain.info
    ]
    assert [a.text for a in cable.attention] == [a.text for a in plain.attention]


@pytest.mark.parametrize("written", ["fm: AMEMBASSY BAMAKO", "FROM: AMEMBASSY BAMAKO", "FROM:AMEMBASSY BAMAKO"])
def test_a_colon_after_a_down_cased_or_written_out_fm_keeps_the_address(written: str) -> None:
    """'fm: ...' and 'FROM: ...' were an FM line without an address (the colon was
    named only after FM in capitals): the address after the colon is read."""
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(BASE, "FM AMEMBASSY BAMAKO", written))
    assert cable.from_line is not None and cable.from_line.address is not None and cable.from_line.address.text == "AMEMBASSY BAMAKO"


def test_a_colon_after_a_down_cased_to_keeps_the_addressee() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(BASE, "TO RUEHC/", "to: RUEHC/"))
    assert [(a.routing_indicator.text if a.routing_indicator else None, a.address.text if a.address else None) for a in cable.to] == [("RUEHC", "SECSTATE WASHDC")]


def test_a_down_cased_address_line_keeps_its_place_and_values() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE", "info ruehzk/ecowas collective"))
    assert [(a.role, a.routing_indicator.text if a.routing_indicator else None) for a in cable.info][:1] == [("INFO", "RUEHZK")]
    assert [a.address.text for a in cable.to if a.address] == ["SECSTATE WASHDC"]


def test_a_blank_line_before_the_info_line_keeps_the_info_block() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(BASE, "WASHDC 0412\n", "WASHDC 0412\n\n"))
    assert [a.address.text for a in cable.info if a.address] == ["ECOWAS COLLECTIVE", "AMEMBASSY DAKAR", "AMEMBASSY OUAGADOUGOU"]
    assert cable.classification is not None and cable.classification.span.line == 13
    assert not cable.errors


def test_a_serial_range_is_read_as_the_serial() -> None:
    """A cable sent in sections numbers each part: the serial is then a range."""
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(BASE, "WASHDC 0412", "WASHDC IMMEDIATE 0412-0414"))
    to = cable.to[0]
    assert (to.address.text, to.precedence.text, to.serial.text) == ("SECSTATE WASHDC", "IMMEDIATE", "0412-0414")  # type: ignore[union-attr]
    assert not to.problems


def test_an_address_line_run_on_into_another_keeps_both() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(BASE, "WASHDC 0412\nINFO", "WASHDC 0412 INFO"))
    assert [(a.address.text, a.serial.text if a.serial else None) for a in cable.to if a.address] == [("SECSTATE WASHDC", "0412")]
    assert [a.address.text for a in cable.info if a.address] == ["ECOWAS COLLECTIVE", "AMEMBASSY DAKAR", "AMEMBASSY OUAGADOUGOU"]
    cable = parse_text(mutate(BASE, "BAMAKO\nTO", "BAMAKO TO"))
    assert cable.from_line is not None and cable.from_line.address is not None and cable.from_line.address.text == "AMEMBASSY BAMAKO"
    assert [a.address.text for a in cable.to if a.address] == ["SECSTATE WASHDC"]


def test_a_serial_written_twice_is_read_once() -> None:
    from cablelint.grammar.parser import parse_text

    for line in ("WASHDC IMMEDIATE 0412 0412", "WASHDC NIACT IMMEDIATE 0412 0412"):
        to = parse_text(mutate(BASE, "WASHDC 0412", line)).to[0]
        assert (to.address.text, to.precedence.text, to.serial.text) == ("SECSTATE WASHDC", line[7:-10], "0412"), line  # type: ignore[union-attr]


def test_a_misspelt_keyword_keeps_its_block() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(BASE, "INFO RUEHZK", "INF0 RUEHZK"))
    assert [a.address.text for a in cable.to if a.address] == ["SECSTATE WASHDC"]
    assert [a.address.text for a in cable.info if a.address] == ["ECOWAS COLLECTIVE", "AMEMBASSY DAKAR", "AMEMBASSY OUAGADOUGOU"]
    cable = parse_text(mutate(BASE, "TO RUEHC", "T0 RUEHC"))
    assert [a.address.text for a in cable.to if a.address] == ["SECSTATE WASHDC"] and len(cable.info) == 3
    cable = parse_text(mutate(BASE, "FM AMEMBASSY", "FN AMEMBASSY"))
    assert cable.from_line is not None and cable.from_line.address is not None and cable.from_line.address.text == "AMEMBASSY BAMAKO"


def test_a004_names_the_post_of_secstate() -> None:
    found = check_json("--select", "A004", "-", input=mutate(STATE, " STATE 046218", " WASHDC 046218"))
    assert [d["message"] for d in found] == [
        "FM line names 'SECSTATE WASHDC' but the classification line on line 12 names 'WASHDC': expected the same originating post in both (STATE for SECSTATE WASHDC)"
    ]


def test_a005_messages() -> None:
    found = check_json("--select", "A005", "-", input=mutate(REK, "WASHDC PRIORITY 4107", "WASHDC IMMEDIATE 4107"))
    assert [d["message"] for d in found] == ["TO precedence 'IMMEDIATE' disagrees with precedence 'P' (PRIORITY) on line 5: expected PRIORITY, or 'O' on line 5"]
    found = check_json("--select", "A005", "-", input=mutate(mutate(BASE, "RR RUEHDK", "OO RUEHDK"), "R 271005Z", "O 271005Z"))
    assert [d["message"] for d in found] == [
        "precedence 'O' (IMMEDIATE) disagrees with the TO addressees, which have no precedence word (ROUTINE): expected R, or IMMEDIATE on the TO line"
    ]


def test_a003_space_after_the_slash_is_named_and_the_addressee_read() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, "RUEHDK/AMEMBASSY DAKAR", "RUEHDK/ AMEMBASSY DAKAR")
    dakar = parse_text(text).info[1]
    assert (dakar.routing_indicator.text, dakar.address.text, dakar.serial.text) == ("RUEHDK", "AMEMBASSY DAKAR", "0233")
    assert [d["message"] for d in check_json("--select", "A003", "-", input=text)] == [
        "space after the '/' of the routing indicator 'RUEHDK': expected the address right after the slash ('RUEHDK/AMEMBASSY DAKAR 0233')"
    ]


@pytest.mark.parametrize(
    "written, span, message",
    [
        ("RUEHDK /AMEMBASSY DAKAR", (7, 8), "space before the '/' of the routing indicator 'RUEHDK': expected the slash right after it ('RUEHDK/AMEMBASSY DAKAR 0233')"),
        ("RUEHDK\t/AMEMBASSY DAKAR", (7, 8), "tab before the '/' of the routing indicator 'RUEHDK': expected the slash right after it ('RUEHDK/AMEMBASSY DAKAR 0233')"),
        ("RUEHDK / AMEMBASSY DAKAR", (7, 10), "spaces around the '/' of the routing indicator 'RUEHDK': expected none ('RUEHDK/AMEMBASSY DAKAR 0233')"),
        ("RUEHDK/\tAMEMBASSY DAKAR", (8, 9), "tab after the '/' of the routing indicator 'RUEHDK': expected the address right after the slash ('RUEHDK/AMEMBASSY DAKAR 0233')"),
    ],
)
def test_a003_a_blank_at_the_slash_is_named_and_the_addressee_read(written: str, span: tuple[int, int], message: str) -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, "RUEHDK/AMEMBASSY DAKAR", written)
    dakar = parse_text(text).info[1]
    assert (dakar.routing_indicator.text, dakar.address.text, dakar.serial.text) == ("RUEHDK", "AMEMBASSY DAKAR", "0233")
    found = [d for d in check_json("-", input=text) if d["severity"] != "info"]
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [("A003", 9, *span, message)]


@pytest.mark.parametrize(
    "where, page_header",
    [
        ("under the INFO line", "RUEHDK/AMEMBASSY DAKAR 0233\nTO PAGE 02 STATE 015113 182333Z\n"),
        ("without its keyword", "RUEHDK/AMEMBASSY DAKAR 0233\nPAGE 02        BAMAKO  00341  01 OF 02  271005Z\n"),
        ("single-spaced", "RUEHDK/AMEMBASSY DAKAR 0233\nPAGE 02 BAMAKO 00341 01 OF 02 271005Z\n"),
        ("as the TO line", "TO PAGE 02        STATE   015113  182333Z\nRUEHC/SECSTATE WASHDC 0412\n"),
    ],
)
def test_a_page_header_in_the_address_block_holds_no_addressee(where: str, page_header: str) -> None:
    from cablelint.grammar.parser import parse_text

    old = "TO RUEHC/SECSTATE WASHDC 0412\n" if where == "as the TO line" else "RUEHDK/AMEMBASSY DAKAR 0233\n"
    text = mutate(BASE, old, page_header)
    cable = parse_text(text)
    assert [a.address.text for a in (*cable.to, *cable.info)] == ["SECSTATE WASHDC", "ECOWAS COLLECTIVE", "AMEMBASSY DAKAR", "AMEMBASSY OUAGADOUGOU"]
    assert [d["code"] for d in check_json("-", input=text) if d["severity"] != "info"] == []


@pytest.mark.parametrize("after", ["BT\n\n", "BT\n"])
def test_bt_after_the_address_block_is_the_separator_not_an_addressee(after: str) -> None:
    from cablelint.grammar.parser import parse_text

    # raw ACP-127 traffic: address block, BT, text, BT, #SSN, NNNN (cable-format.md 2.7)
    text = mutate(BASE, "OUAGADOUGOU 0198\n\n", "OUAGADOUGOU 0198\n" + after).rstrip("\n") + "\nBT\n#0341\nNNNN\n"
    cable = parse_text(text)
    assert [a.address.text for a in cable.info] == ["ECOWAS COLLECTIVE", "AMEMBASSY DAKAR", "AMEMBASSY OUAGADOUGOU"]
    assert cable.classification is not None and not cable.preface
    assert [d["code"] for d in check_json("-", input=text) if d["severity"] != "info"] == []


def test_a003_two_addressees_on_one_line_are_both_read() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412", "TO RUEHC/SECSTATE WASHDC 0233 RUEHOU/AMEMBASSY OUAGADOUGOU 0198")
    to = parse_text(text).to
    assert [(a.routing_indicator.text, a.address.text, a.serial.text) for a in to] == [
        ("RUEHC", "SECSTATE WASHDC", "0233"),
        ("RUEHOU", "AMEMBASSY OUAGADOUGOU", "0198"),
    ]
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "A003", "-", input=text)] == [
        (7, 31, 64, "a second addressee 'RUEHOU/AMEMBASSY OUAGADOUGOU 0198' on one address line: expected one addressee per line")
    ]



@pytest.mark.parametrize(
    "line, written, message",
    [
        ("FM AMEMBASSY BAMAKO", "  FM AMEMBASSY BAMAKO", "FM line 'FM AMEMBASSY BAMAKO' is indented: expected it at the start of the line"),
        ("TO RUEHC/SECSTATE WASHDC 0412", "\tTO RUEHC/SECSTATE WASHDC 0412", "TO line 'TO RUEHC/SECSTATE WASHDC 0412' is indented: expected it at the start of the line"),
        ("INFO RUEHZK/ECOWAS COLLECTIVE", " INFO RUEHZK/ECOWAS COLLECTIVE", "INFO line 'INFO RUEHZK/ECOWAS COLLECTIVE' is indented: expected it at the start of the line"),
        ("RUEHDK/AMEMBASSY DAKAR 0233", "\t RUEHDK/AMEMBASSY DAKAR 0233", "address line 'RUEHDK/AMEMBASSY DAKAR 0233' is indented: expected it at the start of the line"),
    ],
)
def test_a003_an_indented_address_line_is_named_at_the_indent_and_read(line: str, written: str, message: str) -> None:
    """An indented FM line was A001 'no FM line' and R011, an indented TO line an
    attention line (the address block lost, silently): now each is read as the line
    it is, and A003 names the indent."""
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, line, written)
    number = BASE.split("\n").index(line) + 1
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("A003", number, 1, len(written) - len(line) + 1, message)]
    indented, plain = parse_text(text), parse_text(BASE)
    assert indented.from_line is not None and indented.from_line.address is not None
    assert indented.from_line.address.text == "AMEMBASSY BAMAKO"
    for part in ("to", "info"):
        got = [(a.routing_indicator.text if a.routing_indicator else None, a.address.text if a.address else None, a.serial.text if a.serial else None) for a in getattr(indented, part)]
        want = [(a.routing_indicator.text if a.routing_indicator else None, a.address.text if a.address else None, a.serial.text if a.serial else None) for a in getattr(plain, part)]
        assert got == want, part


@pytest.mark.parametrize(
    "old, new, span, message",
    [
        ("WASHDC 0412", "WASHDC\t0412\t0412", (7, 26, 30), "serial '0412' is written twice: expected it once"),
        ("WASHDC 0412", "WASHDC\tIMMEDIATE\t0412\t0412", (7, 36, 40), "serial '0412' is written twice: expected it once, after the precedence word"),
        ("WASHDC 0412", "WASHDC\tPRIOITY 0412", (7, 26, 33), "'PRIOITY' is not a precedence word: expected PRIORITY"),
        ("WASHDC 0412", "WASHDC\tPRIORITY\tPRIORITY 0412", (7, 26, 34), "precedence 'PRIORITY' is written twice: expected one precedence word"),
        ("FM AMEMBASSY BAMAKO", "FM AMEMBASY\tBAMAKO", (6, 4, 12), "'AMEMBASY' is misspelt: expected AMEMBASSY"),
        ("RUEHDK/AMEMBASSY DAKAR", "RUEHDK\tAMEMBASSY DAKAR", (9, 1, 7), "routing indicator 'RUEHDK' has no '/' after it: expected 'RUEHDK/AMEMBASSY DAKAR'"),
    ],
)
def test_a003_a_tab_parts_an_address_s_words_as_a_space_does(old: str, new: str, span: tuple[int, int, int], message: str) -> None:
    """The address reader split an address into words at spaces only: a serial written
    twice, a misspelt precedence word or prefix, or a routing indicator without its
    slash, after a tab, was missed (cable-format.md 0: tabs are taken for spaces)."""
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=mutate(BASE, old, new)) if d["severity"] != "info"]
    assert found == [("A003", *span, message)]


def test_a004_names_the_classification_line_post_that_the_page_headers_outvote() -> None:
    found = check_json("--select", "A004", "-", input=mutate(RIO, "02 RIO DE JANEIRO 000188", "02 RIO DE JANIERO 000188"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (13, 25, 39, "classification line names 'RIO DE JANIERO' but the FM line ('AMCONSUL RIO DE JANEIRO') and the page header name 'RIO DE JANEIRO': expected 'RIO DE JANEIRO'")
    ]


def test_a006_names_the_collective_and_its_serial() -> None:
    found = check_json("--select", "A006", "-", input=mutate(BASE, "ECOWAS COLLECTIVE\n", "ECOWAS COLLECTIVE 0233\n"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (8, 31, 35, "collective 'ECOWAS COLLECTIVE' carries the addressee serial '0233': expected no serial on a collective (serials number a single post's traffic)")
    ]


def test_a003_names_a_serial_before_the_precedence_word() -> None:
    """'WASHDC 0855 PRIORITY': one A003 at the serial, the precedence still read (no A005)."""
    text = mutate(corpus_text("telegram-confidential-13526-rabat.cable"), "WASHDC PRIORITY 0855", "WASHDC 0855 PRIORITY")
    found = check_json("--select", "A", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [("A003", 7, 26, "serial '0855' stands before the precedence word PRIORITY: expected 'PRIORITY 0855'")]


def test_a001_a002_mark_where_the_line_was_expected_and_name_the_line_before() -> None:
    # a zero-width span at the start of the line that stands where the FM or TO line
    # belonged (that line is not at fault), as the missing captions are marked
    found = check_json("--select", "A001", "-", input=mutate(BASE, "FM AMEMBASSY BAMAKO\n", "").encode("utf-8"))
    assert [(d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in found] == [
        (6, 1, 6, 1, "no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) after the routing header, which ends on line 5")
    ]
    found = check_json("--select", "A002", "-", input=mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412\n", "").encode("utf-8"))
    assert [(d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in found] == [
        (7, 1, 7, 1, "no TO line: expected 'TO <action addressee>' (e.g. TO RUEHC/SECSTATE WASHDC) after the FM line on line 6")
    ]


def test_a_to_line_replaced_by_an_attention_line_leaves_a_telegram() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BASE, "TO RUEHC/SECSTATE WASHDC 0412", "DEPT FOR AF/W AND AF/EPS")
    assert parse_text(text).dialect == "telegram"
    found = [(d["code"], d["line"], d["column"]) for d in check_json("--select", "ALL", "-", input=text) if d["severity"] != "info"]
    assert found == [("A002", 7, 1), ("S001", 8, 1)]


def test_a001_knows_the_fm_line_by_the_name_the_grammar_gives_it() -> None:
    # A001 stands back where an error expects the FM line (R011 or S004 owns the
    # slip); it reads the name the grammar's errors use without importing the parser
    from cablelint.grammar.assemble import LINE_NAMES
    from cablelint.rules import a_address

    assert a_address._FM_LINE_NAME == LINE_NAMES["FM_LINE"]


@pytest.mark.parametrize("old, new", [("FM AMEMBASSY", "FM: AMEMBASSY"), ("TO RUEHC/", "TO: RUEHC/"), ("INFO RUEHZK/", "INFO: RUEHZK/")])
def test_a_colon_after_the_keyword_leaves_the_address_read(old: str, new: str) -> None:
    def parsed(text: str) -> dict[str, object]:
        result = run_cli("parse", "--stdin-filename", "case.cable", "-", input=text)
        assert result.exit_code == 0, result.output
        out: dict[str, object] = json.loads(result.stdout)
        out.pop("errors")
        return out

    assert parsed(mutate(BASE, old, new)) == parsed(BASE)
