"""C rules: the classification line and handling captions."""

from __future__ import annotations

import json
import re

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, mutate, params, redaction_in_header

RABAT = corpus_text("telegram-confidential-13526-rabat.cable")  # CONFIDENTIAL, 2010
BAMAKO = corpus_text("telegram-unclas-bamako.cable")  # UNCLAS, no SBU
MANILA = corpus_text("telegram-unclas-sbu-manila.cable")  # UNCLAS, SENSITIVE, (SBU) paragraphs
ANKARA = corpus_text("telegram-secret-noforn-ankara.cable")  # SECRET, NOFORN, (S) subject
NAIROBI = corpus_text("telegram-unclas-sbu-noforn-nairobi.cable")  # UNCLAS SBU NOFORN
OSLO = corpus_text("telegram-legacy-confidential-oslo-1989.cable")  # 1989, E.O. 12356
DRAFT = corpus_text("draft-confidential-copenhagen.cable")  # no header, no date
# RABAT made SECRET on its classification line and in its FL4 code; its paragraphs stay (C) and (U)
SECRET_RABAT = mutate(mutate(RABAT, "C O N F I D E N T I A L RABAT", "S E C R E T RABAT"), "ZNY CCCCC ZZH", "ZNY SSSSS ZZH")
HANOI = corpus_text("draft-unclas-sbu-hanoi.cable")  # UNCLAS draft, SENSITIVE
CAIRO = corpus_text("draft-top-secret-nodis-cairo.cable")  # TOP SECRET draft, NODIS
# Tunis (two (S/NF) paragraphs, a closing SECRET banner) without its routing header,
# its top line lowered to CONFIDENTIAL
_NO_HEADER_TUNIS_LOWERED = mutate("\n".join(corpus_text("cablegate-unwrapped-secret-closing-banner-tunis.cable").split("\n")[5:]), "S E C R E T TUNIS", "C O N F I D E N T I A L TUNIS")

SIPDIS_THRICE = mutate(BAMAKO, "\nSIPDIS\n", "\nSIPDIS\n\nSIPDIS\nSIPDIS\n")

RABAT_CLSBY = "Classified By: Political Counselor Jonathan R. Meade\nfor reasons 1.4 (b) and (d)\n"


# a 2010 cable that marks its text as cables did before E.O. 12958, instead of its
# Classified By line
ENTIRE = mutate(RABAT, RABAT_CLSBY + "\n1. (C) Summary: One", "1. (C - ENTIRE TEXT) Summary: One")


def _authority_in_paragraph_1(text: str, paragraph: str) -> str:
    """*text* with its Classified By caption taken out and written as a new paragraph
    1 instead, the other paragraphs numbered on."""
    head, found, body = text.partition("\nClassified By:")
    assert found
    body = body.split("\n\n", 1)[1]
    body = re.sub(r"^(\u00b6?)(\d+)\. ", lambda m: f"{m.group(1)}{int(m.group(2)) + 1}. ", body, flags=re.M)
    return head + "\n" + paragraph + "\n\n" + body

CASES = [
    Case("C001", "no-class-line-in-draft", mutate(DRAFT, "C O N F I D E N T I A L COPENHAGEN 000517\n", "\n"), ((3, 1),)),
    Case("C001", "clean", RABAT),
    # EFTO misspelt after UNCLAS, not the post's first word (no A004 against FM TALLINN, no R008 against EEEEE)
    Case("C002", "efto-misspelt", mutate(corpus_text("telegram-unclas-efto-tallinn.cable"), "UNCLAS EFTO TALLINN", "UNCLAS ETFO TALLINN"), ((12, 8),)),
    Case("C002", "post-and-serial-split-off", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L\nRABAT 000612"), ((13, 1),)),
    Case("C002", "post-and-serial-split-off-by-a-blank-line", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L\n\nRABAT 000612"), ((14, 1),)),
    # ... but not an attention line two lines under a bare classification line, nor the
    # post and serial under a second blank line: the line itself has neither, and this
    # cable was sent (C002 at the line's end, the FM line's post and the DE line's serial
    # named; these had no finding)
    Case("C002", "bare-level-then-a-blank-and-an-attention-line", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L\n\nDEPT FOR NEA/MAG"), ((12, 24),), only=False),
    Case("C002", "post-and-serial-two-blank-lines-under", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L\n\n\nRABAT 000612"), ((12, 24),), only=False),
    Case("C002", "bare-line-then-attention-line", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612\n\nSIPDIS\n\n", "C O N F I D E N T I A L\nDEPT FOR NEA/MAG 0612\n"), ((12, 24),)),
    # the post left out: the serial is still read, and named
    Case("C002", "post-left-out", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L 000612"), ((12, 25),)),
    # a stray mark at the end of the line (no caption run on after it)
    # the serial typed twice, a letter struck among its digits
    Case("C002", "serial-typed-twice", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L RABAT 000612 000612"), ((12, 38),)),
    Case("C002", "letter-among-the-serial-digits", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L RABAT 000Z12"), ((12, 31),)),
    Case("C002", "caveat-after-the-serial-is-no-stray-number", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612\n\nSIPDIS", "C O N F I D E N T I A L RABAT 000612 SIPDIS"), only=False),
    Case("C002", "stray-mark-after-the-serial", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L RABAT 000612 ~"), ((12, 38),)),
    # ... or a stray letter (one keystroke), which no caveat or caption is
    # the SECTION keyword lost before its numbers: named at them, the post and serial read
    Case("C002", "section-keyword-lost", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "SECTION 01 OF 03 REYKJAVIK", "01 OF 03 REYKJAVIK"), ((13, 25),)),
    Case("C002", "stray-letter-after-the-serial", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L RABAT 000612 X"), ((12, 38),)),
    Case("C002", "caveat-run-on-after-the-serial", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L RABAT 000612 SIPDIS"), only=False),
    Case("C002", "blanks-after-the-serial", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L RABAT 000612  ")),
    Case("C002", "doubled-letter", mutate(RABAT, "C O N F I D E N T I A L RABAT", "CC O N F I D E N T I A L RABAT"), ((12, 1),)),
    Case("C002", "irregular-spacing", mutate(RABAT, "C O N F I D E N T I A L RABAT", "CO N F I D E N T I A L RABAT"), ((12, 1),)),
    # a level spaced part way, then a lone letter: the line terminal takes it, so its
    # reader must too (found by the grammar fuzz test: it raised before)
    Case("C002", "level-spaced-part-way-then-a-lone-letter", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "onf idential A"), ((12, 1),)),
    Case("C002", "four-digit-serial-in-2010", mutate(RABAT, "RABAT 000612", "RABAT 0612"), ((12, 31),)),
    # one finding at the SECTION part, not a post named 'SECTON' and a serial '01'
    Case("C002", "section-misspelt", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "SECTION 01 OF 03", "SECTON 01 OF 03"), ((13, 25),)),
    # one letter for a digit, or a zero for the O of OF: one finding there, not a post
    # named 'SECTION' (A004), a serial '01' and no SECTION part (S003)
    Case("C002", "section-number-with-a-letter-o", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "SECTION 01 OF 03", "SECTION O1 OF 03"), ((13, 33),)),
    Case("C002", "section-of-with-a-zero", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "SECTION 01 OF 03", "SECTION 01 0F 03"), ((13, 36),)),
    Case("C002", "section-run-together", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "SECTION 01 OF 03", "SECTION 01OF 03"), ((13, 25),)),
    Case("C002", "section-lower-case", mutate(RABAT, "C O N F I D E N T I A L RABAT", "C O N F I D E N T I A L SECTION 01 of 01 RABAT"), ((12, 25),)),
    # a truncated serial is one finding, here: R009 does not blame the DE line or the page headers
    Case("C002", "truncated-serial-in-a-telegram", mutate(BAMAKO, "BAMAKO 000341", "BAMAKO 0003"), ((12, 15),)),
    Case("C002", "truncated-serial-with-page-headers", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "REYKJAVIK 000687", "REYKJAVIK 0006"), ((13, 52),)),
    Case("C002", "legacy-serial-before-2001", mutate(OSLO, "OSLO 006731", "OSLO 6731")),
    Case("C002", "clean", RABAT),
    # one letter lost inside the level: still the classification line, reported
    Case("C002", "serial-with-letters-for-digits", mutate(RABAT, "RABAT 000612", "RABAT OOO612"), ((12, 31),)),
    Case("C002", "serial-with-a-lower-case-l", mutate(RABAT, "RABAT 000612", "RABAT 0006l2"), ((12, 31),)),
    # a closing banner with its caveats run on with slashes is read as one, not a line
    # S004 cannot place
    Case("C002", "closing-banner-with-caveats-of-another-level", RABAT.rstrip("\n") + "\nSECRET//NOFORN\n", ((RABAT.count("\n") + 1, 1),)),
    Case("C002", "closing-banner-with-caveats-of-the-same-level", RABAT.rstrip("\n") + "\nCONFIDENTIAL//NOFORN\n"),
    Case("C002", "closing-banner-of-another-level", RABAT.rstrip("\n") + "\nSECRET\n", ((RABAT.count("\n") + 1, 1),)),
    Case("C002", "closing-banner-of-the-same-level", RABAT.rstrip("\n") + "\nCONFIDENTIAL\n"),
    # a closing banner with its level misspelt: C002 at it, not a line S004 cannot place
    Case("C002", "closing-banner-misspelt", RABAT.rstrip("\n") + "\nC O N F I D E N T A L\n", ((RABAT.count("\n") + 1, 1),)),
    # a banner word misspelt but unspaced, alone under the signature, is no second signature
    Case("C002", "closing-banner-misspelt-unspaced", RABAT.rstrip("\n") + "\nCONFIDENTAIL\n", ((RABAT.count("\n") + 1, 1),)),
    Case("C002", "second-name-under-the-signature", RABAT.rstrip("\n") + "\nBROWN\n"),
    Case("C002", "closing-banner-misspelt-after-a-blank-line", RABAT.rstrip("\n") + "\n\nC O N F I D E N I T A L\n", ((RABAT.count("\n") + 2, 1),)),
    # the top line lowered while FL4 and the portions keep SECRET, as the banner does:
    # the top line is the slip, R008's alone
    Case("C002", "closing-banner-agrees-with-fl4-and-portions", mutate(corpus_text("cablegate-unwrapped-secret-closing-banner-tunis.cable"), "S E C R E T TUNIS", "C O N F I D E N T I A L TUNIS"), (), only=False),
    # no routing header: the two (S/NF) paragraphs alone side with the banner; C003
    # reports the top line, naming the banner, and C002 says nothing
    Case("C002", "closing-banner-agrees-with-the-portions", _NO_HEADER_TUNIS_LOWERED, (), only=False),
    Case("C003", "top-line-below-the-portions-and-the-closing-banner", _NO_HEADER_TUNIS_LOWERED, ((6, 1),), only=False),
    # a closing banner with a tab between the level's letters is still the banner (not a
    # stray line after the signature, S004): the tab is named as on the line at the top
    Case("C002", "closing-banner-with-a-tab-between-the-letters", RABAT.rstrip("\n") + "\nC O N F\tI D E N T I A L\n", ((RABAT.count("\n") + 1, 8),)),
    Case("C002", "closing-banner-with-a-tab-before-the-post", RABAT.rstrip("\n") + "\nC O N F I D E N T I A L\tRABAT 000612\n"),
    # a tab where a blank stands (cable-format.md 0: SP takes tabs): read as the blank;
    # between the letters of a spaced level, where spaces are the form (3.1), named
    Case("C002", "tab-between-level-and-post", mutate(RABAT, "C O N F I D E N T I A L RABAT", "C O N F I D E N T I A L\tRABAT")),
    Case("C002", "tab-between-unclas-and-post", mutate(BAMAKO, "UNCLAS BAMAKO 000341", "UNCLAS\tBAMAKO\t000341")),
    Case("C002", "tab-inside-the-post", mutate(corpus_text("telegram-unclas-amconsul-rio-multisection.cable"), "02 RIO DE JANEIRO", "02\tRIO\tDE JANEIRO")),
    Case("C002", "tab-between-the-level-letters", mutate(RABAT, "C O N F I D E N T I A L RABAT", "C O N\tF I D E N T I A L RABAT"), ((12, 6),)),
    Case("C002", "letter-lost-inside", mutate(RABAT, "C O N F I D E N T I A L RABAT", "C O N F I D E N T A L RABAT"), ((12, 1),)),
    Case("C002", "letter-lost-inside-secret", mutate(ANKARA, "S E C R E T ANKARA", "S E C E T ANKARA"), ((13, 1),)),
    Case("C002", "unclas-spaced", mutate(BAMAKO, "UNCLAS BAMAKO", "U N C L A S BAMAKO"), ((12, 1),)),
    # a level word with one letter wrong is still the classification line, reported
    Case("C002", "spaced-level-with-a-letter-added-after-it", mutate(ANKARA, "S E C R E T ANKARA", "S E C R E T T ANKARA"), ((13, 13),)),
    Case("C002", "spaced-level-with-a-letter-added-then-section", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "C O N F I D E N T I A L SECTION", "C O N F I D E N T I A L L SECTION"), ((13, 25),)),
    Case("C002", "spaced-level-with-a-letter-added-inside", mutate(RABAT, "C O N F I D E N T I A L RABAT", "C O N F I D E N T I A A L RABAT"), ((12, 1),)),
    Case("C002", "section-without-its-total", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "SECTION 01 OF 03", "SECTION 01 OF"), ((13, 25),)),
    Case("C002", "telegram-without-a-serial", mutate(BAMAKO, "UNCLAS BAMAKO 000341", "UNCLAS BAMAKO"), ((12, 14),)),
    Case("C002", "cablegate-without-a-serial", mutate(corpus_text("cablegate-confidential-paris.cable"), "PARIS 001284", "PARIS"), ((12, 30),)),
    Case("C002", "draft-without-a-serial", mutate(DRAFT, "COPENHAGEN 000517", "COPENHAGEN")),
    Case("C002", "misspelt-level-right-under-the-address-block", mutate(BAMAKO, "0198\n\nUNCLAS BAMAKO", "0198\nUNCLASS BAMAKO"), ((11, 1),)),
    Case("C002", "misspelt-level-with-no-post", mutate(BAMAKO, "UNCLAS BAMAKO 000341", "UNCLASS"), ((12, 1),)),
    Case("C002", "misspelt-spaced-level-with-no-post", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N I T A L"), ((12, 1),)),
    Case("C002", "level-with-a-letter-added", mutate(BAMAKO, "UNCLAS BAMAKO", "UNCLASS BAMAKO"), ((12, 1),)),
    Case("C002", "level-with-a-letter-lost", mutate(HANOI, "UNCLAS HANOI", "UNCLASIFIED HANOI"), ((1, 1),)),
    Case("C002", "spaced-level-with-letters-swapped", mutate(CAIRO, "T O P S E C R E T CAIRO", "T O P S E C E R T CAIRO"), ((1, 1),)),
    # two letters off: another word, not the level (C001 says the line is missing)
    # a digit typed in the post: C002 at the post, the serial still read (not C002's
    # 'no serial'), and no A004 for the FM line's post
    Case("C002", "post-with-a-digit", mutate(BAMAKO, "UNCLAS BAMAKO 000341", "UNCLAS BAMAK4 000341"), ((12, 8),)),
    # a stop or comma after the level: named there, the post and serial after it still read
    # (R009 would name a serial that differs from the DE line's)
    Case("C002", "stop-after-the-level", mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L. RABAT 000612"), ((12, 24),)),
    Case("C002", "comma-after-the-section", mutate(BAMAKO, "UNCLAS BAMAKO 000341", "UNCLAS SECTION 01 OF 01, BAMAKO 000341"), ((12, 24),)),
    Case("C002", "stop-at-the-end", mutate(BAMAKO, "UNCLAS BAMAKO 000341", "UNCLAS BAMAKO 000341."), ((12, 21),)),
    Case("C002", "draft-post-with-a-digit", mutate(corpus_text("draft-unclas-efto-dhaka.cable"), "UNCLAS EFTO DHAKA 000733", "UNCLAS EFTO DHAK4 000733"), ((1, 13),)),
    Case("C002", "multi-word-post-with-a-zero", mutate(corpus_text("telegram-unclas-amconsul-rio-multisection.cable"), "RIO DE JANEIRO 000188", "RIO DE JANEIR0 000188"), ((13, 25),)),
    Case("C002", "word-two-letters-from-a-level", mutate(HANOI, "UNCLAS HANOI", "SECRETARY HANOI"), only=False),
    Case("C003", "secret-paragraph-in-confidential", mutate(RABAT, "2. (C) In Meknes", "2. (S) In Meknes"), ((34, 4),)),
    # a paragraph whose number is typed as the letter it looks like ("B." for 8) is read
    # with its marker
    # ... and so is a head written marker first ("(S) 5. ...", the real 07BAGHDAD3504's layout)
    Case("C003", "secret-paragraph-written-marker-first", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "5. (C) Sveinbjornsson", "(S) 5. Sveinbjornsson"), ((94, 1),), only=False),
    Case("C003", "secret-paragraph-numbered-with-a-letter", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "8. (C) Comment", "B. (S) Comment"), ((121, 4),), only=False),
    # ... and so is a lone lettered head under paragraph 3 ("D. (S)", no A-C above it)
    Case("C003", "secret-lone-lettered-head", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "   allied detachments.\n", "   allied detachments.\n\nD. (S) The ICG would also close its Keflavik office.\n"), ((78, 4),), only=False),
    # ... after the last paragraph too: sub-paragraph 8.D, whose marker is checked
    Case("C003", "secret-lone-lettered-head-after-the-last-paragraph", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "End Comment.\nLINDQVIST", "End Comment.\n\nD. (S) The ICG would also close its office.\nLINDQVIST"), ((131, 4),), only=False),
    # (at the subject's marker with its parenthesis, as at a paragraph's)
    # a portion marked with no number counts as a paragraph's (cable-format.md 4.2):
    # above paragraph 1, the whole text of a one-paragraph draft, after a dash rule
    Case("C003", "secret-unnumbered-paragraph-above-paragraph-1", mutate(DRAFT, "\n1. (C) Summary:", "\n(S) The agency briefed the Ambassador.\n\n1. (C) Summary:"), ((18, 1),)),
    Case("C003", "secret-unnumbered-single-paragraph", DRAFT.split("\n1. (C)")[0] + "\n(S) The agency proposed a joint study.\nHOLMGREN\n", ((18, 1),)),
    Case("C003", "secret-unnumbered-heading-under-a-rule", mutate(DRAFT, "\n2. (C) The agency's", "\n-------\n(S) Grid Study\n-------\n\n2. (C) The agency's"), ((25, 1),)),
    Case("C003", "confidential-unnumbered-paragraph-in-confidential", mutate(DRAFT, "\n1. (C) Summary:", "\n(C) The agency briefed the Ambassador.\n\n1. (C) Summary:")),
    # not a portion: a marker at the start of a line wrapped from the sentence above,
    # a lower-case letter (a list's label), an item of a lettered list
    Case("C003", "marker-on-a-wrapped-line-is-text", mutate(DRAFT, "reported\nin ref (a).", "reported\n(S) in ref (a).")),
    Case("C003", "unnumbered-lower-case-marker-is-a-label", mutate(BAMAKO, "\n1. (U) The Ambassador", "\n(c) The Ambassador toured the region.\n\n1. (U) The Ambassador")),
    Case("C003", "lettered-list-item-c-in-unclas", mutate(HANOI, "in the\ncapital.\n", "in the\ncapital. They named:\n\n(A) the laboratory;\n\n(B) the clinics;\n\n(C) the roads.\n")),
    Case("C003", "secret-subject-in-confidential", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJECT: (S) MOROCCO"), ((20, 10),)),
    Case("C003", "confidential-paragraph-in-unclas", mutate(BAMAKO, "1. (U) The Ambassador", "1. (C) The Ambassador"), ((25, 4),)),
    # a blank inside the parentheses is P003's slip; the level is read all the same, as
    # "(c)"'s is (P003 reports the marker too: only=False)
    Case("C003", "blank-before-the-closing-parenthesis", mutate(BAMAKO, "1. (U) The Ambassador", "1. (C ) The Ambassador"), ((25, 4),), only=False),
    Case("C003", "blank-after-the-opening-parenthesis", mutate(BAMAKO, "1. (U) The Ambassador", "1. ( C) The Ambassador"), ((25, 4),), only=False),
    Case("C003", "blanks-around-a-marking-with-controls", mutate(BAMAKO, "1. (U) The Ambassador", "1. ( S/NF ) The Ambassador"), ((25, 4),), only=False),
    Case("C003", "blank-inside-an-unclassified-marker", mutate(BAMAKO, "1. (U) The Ambassador", "1. (U ) The Ambassador"), only=False),
    Case("C003", "secret-subject-in-secret", ANKARA),
    # FL4 TTTTT and the (TS) portions outvote the line's SECRET: R008's one finding, at the line
    Case("C003", "class-line-outvoted-is-r008s", mutate(corpus_text("telegram-top-secret-flash-state-nodis.cable"), "T O P S E C R E T STATE", "S E C R E T STATE"), only=False),
    # a sub-paragraph may carry its own marker (cable-format.md 4.1)
    Case("C003", "secret-sub-paragraph-in-confidential", mutate(DRAFT, "A. the technical", "A. (S) the technical"), ((27, 4),)),
    Case("C003", "confidential-sub-paragraph-in-confidential", mutate(DRAFT, "A. the technical", "A. (C) the technical")),
    Case("C003", "lower-case-letter-is-a-list-label", mutate(DRAFT, "A. the technical", "A. (s) the technical")),
    # two portions at one level above the line, and no FL4 code or closing banner for
    # the line: the line is the slip, reported once there
    Case("C003", "two-secret-paragraphs-in-a-confidential-draft", mutate(mutate(DRAFT, "2. (C) The agency", "2. (S) The agency"), "3. (C) The proposal", "3. (S) The proposal"), ((1, 1),)),
    # the FL4 code gives the line's level: the portions are the slips, each at its marker
    Case("C003", "two-secret-paragraphs-under-fl4-cccccc", mutate(mutate(RABAT, "2. (C) In Meknes", "2. (S) In Meknes"), "1. (C) Summary", "1. (S) Summary"), ((27, 4), (34, 4))),
    # portions at two levels above an UNCLAS line: each is reported
    Case("C003", "portions-at-two-levels-above-the-line", mutate(mutate(HANOI, "1. (SBU) Summary", "1. (C) Summary"), "3. (SBU) Officials", "3. (S) Officials"), ((15, 4), (29, 4)), only=False),
    # the keyword's 'By' lost: still the line, its keyword named (not a missing line)
    Case("C004", "classified-by-lost-its-by", mutate(RABAT, "Classified By:", "Classified:"), ((24, 1),)),
    # the archive's text stops with "..." after the subject: the line is not in it
    Case("C004", "text-cut-off-by-the-archive", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable").split("\nREF: A.")[0], "RISK\n", "RISK ...\n"), only=False),
    Case("C004", "text-ends-after-the-subject", corpus_text("telegram-confidential-reykjavik-multisection.cable").split("\nREF: A.")[0], ((23, 1),), only=False),
    Case("C004", "classified-by-deleted", mutate(RABAT, RABAT_CLSBY, "\n\n"), ((23, 1),)),
    # the older practice in a 2010 cable: one finding, here, not also P003's
    Case("C004", "entire-text-marking-in-place-of-the-line", ENTIRE, ((23, 1),)),
    Case("C004", "entire-text-sentence-in-place-of-the-line", mutate(RABAT, RABAT_CLSBY + "\n1. (C) Summary: One", "1. CONFIDENTIAL - ENTIRE TEXT.\n\n2. (C) Summary: One"), ((23, 1),), only=False),
    Case("C004", "pre-1995-cable-not-checked", mutate(OSLO, "CLASSIFIED BY: DCM ROBERT T. ALDEN FOR REASONS 1.5 (B) AND (D)\n", "\n")),
    Case("C004", "clean", RABAT),
    # the classification line is the slip (the FL4 code and the markings say UNCLAS):
    # R008 reports it there, and no authority is expected of an unclassified cable
    Case("C004", "confidential-line-slip-is-r008s", mutate(BAMAKO, "UNCLAS BAMAKO 000341", "C O N F I D E N T I A L BAMAKO 000341"), only=False),
    Case("C004", "confidential-line-with-its-fl4-code", mutate(mutate(BAMAKO, "UNCLAS BAMAKO 000341", "C O N F I D E N T I A L BAMAKO 000341"), "ZNR UUUUU", "ZNY CCCCC"), ((24, 1),), only=False),
    Case("C004", "misspelt-keyword", mutate(DRAFT, "Classified By:", "Clasified By:"), ((15, 1),)),
    # a 1991 cable's authority is not required, but its keyword is still spelt right
    Case("C004", "misspelt-keyword-before-eo-12958", mutate(corpus_text("cablegate-legacy-confidential-bangkok-1991.cable"), "CLASSIFIED BY:", "CLASSIFED BY:"), ((18, 1),)),
    Case("C004", "section-without-categories", mutate(DRAFT, "1.4 (b)", "1.6 (b)"), ((16, 13),)),
    Case("C004", "unknown-category", mutate(DRAFT, "(b) and (d)", "(b) and (j)"), ((16, 25),)),
    Case("C004", "two-unknown-categories", mutate(DRAFT, "(b) and (d)", "(j) and (k)"), ((16, 17),)),
    Case("C004", "section-1.5-under-13526", mutate(RABAT, "1.4 (b)", "1.5 (b)"), ((25, 13),)),
    # the order is the slip on a 2002 cable (H003), and 1.5 was right then: one finding
    Case("C004", "section-1.5-with-13526-named-on-a-2002-cable", mutate(corpus_text("telegram-secret-2002-dakar.cable"), "E.O. 12958", "E.O. 13526"), (), only=False),
    Case("C004", "section-1.4-before-the-2003-amendment", mutate(ANKARA, "211417Z OCT 09", "211417Z OCT 02"), ((28, 50),), only=False),
    Case("C004", "section-1.5-before-the-2003-amendment", mutate(mutate(ANKARA, "211417Z OCT 09", "211417Z OCT 02"), "1.4 (b)", "1.5 (b)"), only=False),
    Case("C004", "category-h-only-under-1.4", mutate(mutate(ANKARA, "211417Z OCT 09", "211417Z OCT 02"), "1.4 (b) and (d)", "1.5 (b) and (h)"), ((28, 62),), only=False),
    # a wrapped 'and' ("an d") leaves no stray category
    Case("C004", "wrapped-and", mutate(RABAT, "1.4 (b) and (d)", "1.4 (b) an d (d)")),
    # a draft must give the reason; archive and telegram text are not held to it
    Case("C004", "draft-without-reason", mutate(DRAFT, "Holmgren\nfor reasons 1.4 (b) and (d)\n", "Holmgren\n"), ((15, 1),)),
    Case("C004", "draft-section-without-categories", mutate(DRAFT, "for reasons 1.4 (b) and (d)", "for reasons 1.4."), ((16, 13),)),
    Case("C004", "draft-section-without-categories-on-one-line", mutate(DRAFT, "Holmgren\nfor reasons 1.4 (b) and (d)\n", "Holmgren, reason 1.4\n"), ((15, 54),)),
    Case("C004", "archive-section-without-categories-not-checked", mutate(RABAT, "1.4 (b) and (d)", "1.4 ...")),
    # older cables give the authority as paragraph 1 (cable-format.md 3.8)
    Case("C004", "authority-in-paragraph-1", _authority_in_paragraph_1(RABAT, "1. (U) CLASSIFIED BY POLCOUNS JONATHAN R. MEADE FOR REASONS 1.4\n(B) AND (D).")),
    Case("C004", "authority-in-cablegate-paragraph-1", _authority_in_paragraph_1(corpus_text("cablegate-confidential-13526-santiago.cable"), "\u00b61. (U) Classified By: DCM Carol Perez, reasons 1.4 (b) and (d).")),
    Case("C004", "paragraph-1-without-reason-in-a-draft", _authority_in_paragraph_1(DRAFT, "1. (U) CLASSIFIED BY AMBASSADOR INGRID M. HOLMGREN."), ((15, 8),)),
    Case("C004", "draft-derived", mutate(DRAFT, "Holmgren\nfor reasons 1.4 (b) and (d)\n", "Holmgren\nDerived from Multiple Sources\n")),
    # a telegram or archive text must name a reason too, but may have lost its section
    # or categories to wrapping or truncation (cable-format.md 3.8)
    Case("C004", "telegram-without-reason", mutate(RABAT, RABAT_CLSBY, "Classified By: Political Counselor Jonathan R. Meade\n"), ((24, 1),)),
    Case("C004", "cablegate-without-reason", mutate(corpus_text("cablegate-confidential-13526-santiago.cable"), "Classified By: DCM Nicholas A. Verhoeven for reasons 1.4 (b) and (d)", "Classified By: DCM Nicholas A. Verhoeven"), ((25, 1),)),
    Case("C004", "telegram-reason-without-section-not-checked", mutate(RABAT, RABAT_CLSBY, "Classified By: Political Counselor Jonathan R. Meade\nfor reasons b, d.\n")),
    Case("C004", "telegram-reason-cut-off-not-checked", mutate(RABAT, RABAT_CLSBY, "Classified By: Political Counselor Jonathan R. Meade, ...\n")),
    Case("C004", "telegram-reason-word-split-not-checked", mutate(RABAT, RABAT_CLSBY, "Classified By: Political Counselor Jonathan R. Meade\nfor REAS ONS\n")),
    Case("C005", "classified-by-on-unclas", mutate(BAMAKO, "REF: 08 BAMAKO 1187\n", "REF: 08 BAMAKO 1187\n\nClassified By: Ambassador Gillian Milovanovic for reasons 1.4 (d)\n"), ((25, 1),)),
    Case("C005", "clean", BAMAKO),
    # an UNCLAS line under the FL4 code and markings of a CONFIDENTIAL cable is R008's slip
    Case("C005", "unclas-line-slip-is-r008s", mutate(RABAT, "C O N F I D E N T I A L RABAT", "UNCLAS RABAT"), only=False),
    Case("C005", "unclas-line-with-its-fl4-code", mutate(mutate(RABAT, "C O N F I D E N T I A L RABAT", "UNCLAS RABAT"), "ZNY CCCCC", "ZNR UUUUU"), ((24, 1),), only=False),
    # a caveat with a letter wrong, run on after the classification line (an unwrapped
    # rendering): a caveat, named, not an attention line
    Case("C006", "misspelt-caveat-run-on-after-the-class-line", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "REYKJAVIK 000687\n", "REYKJAVIK 000687  SIPIDS\n"), ((13, 60),)),
    Case("C006", "words-run-on-after-the-class-line-are-no-caveat", mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "REYKJAVIK 000687\n", "REYKJAVIK 000687  STATE FOR EUR\n"), only=False),
    # CORRECTED COPY spaced out, its words two blanks apart; a letter of it lost
    Case("C006", "spaced-corrected-copy-two-blanks-apart", mutate(RABAT, "000612\n\nSIPDIS", "000612\nC O R R E C T E D  C O P Y (ADDED TAGS)\nSIPDIS"), only=False),
    Case("C006", "spaced-corrected-copy-letter-lost", mutate(RABAT, "000612\n\nSIPDIS", "000612\nC O R R E C T E  C O P Y (ADDED TAGS)\nSIPDIS"), ((13, 1),)),
    # a caveat spaced out letter by letter, as the level is but no caveat is: one C006,
    # the caveat still counted (no C007 or C008 for NOFORN)
    Case("C006", "spaced-caveat", mutate(RABAT, "\nSIPDIS\n", "\nS I P D I S\n"), ((14, 1),)),
    Case("C006", "spaced-noforn", ANKARA.replace("\nNOFORN\n", "\nN O F O R N\n", 1), ((15, 1),)),
    # ... with tabs or blanks of any width between its letters, or on one line with
    # other caveats, spaced out or not (these were attention text: no finding)
    Case("C006", "spaced-caveat-with-tabs", mutate(RABAT, "\nSIPDIS\n", "\nS\tI\tP\tD\tI\tS\n"), ((14, 1),)),
    Case("C006", "spaced-caveat-with-irregular-blanks", mutate(RABAT, "\nSIPDIS\n", "\nS I  P D   I S\n"), ((14, 1),)),
    Case("C006", "spaced-caveat-before-a-caveat", ANKARA.replace("\nNOFORN\nSIPDIS\n", "\nS I P D I S NOFORN\n", 1), ((15, 1),)),
    Case("C006", "caveat-before-a-spaced-caveat", ANKARA.replace("\nNOFORN\nSIPDIS\n", "\nNOFORN S I P D I S\n", 1), ((15, 8),)),
    Case("C006", "two-spaced-caveats", ANKARA.replace("\nNOFORN\nSIPDIS\n", "\nN O F O R N  S I P D I S\n", 1), ((15, 1), (15, 14))),
    # ... read alike right under the classification line and after a blank line
    Case("C006", "spaced-caveat-right-under-the-class-line", mutate(RABAT, "000612\n\nSIPDIS", "000612\nS I P D I S"), ((13, 1),)),
    Case("C006", "spaced-corrected-copy-letter-lost-after-a-blank-line", mutate(RABAT, "000612\n\nSIPDIS", "000612\n\nC O R R E C T E  C O P Y (ADDED TAGS)\n\nSIPDIS"), ((14, 1),)),
    # ... below the captions too (H010 names the place)
    Case("C006", "spaced-caveat-below-the-captions", mutate(mutate(RABAT, "\nSIPDIS\n", "\n"), "1.4 (b) and (d)\n", "1.4 (b) and (d)\n\nS I P D I S\n"), ((26, 1),), only=False),
    Case("C006", "misspelt-caveat", mutate(RABAT, "000612\n\nSIPDIS", "000612\nEXDISS\nSIPDIS"), ((13, 1),)),
    # punctuation closing a caveat line: named at the punctuation, the caveat still counts
    Case("C006", "caveat-with-a-full-stop", mutate(RABAT, "000612\n\nSIPDIS", "000612\n\nSIPDIS."), ((14, 7),)),
    Case("C006", "caveats-with-a-trailing-comma", mutate(RABAT, "000612\n\nSIPDIS", "000612\n\nNOFORN SIPDIS,"), ((14, 14),), only=False),
    # a caveat of several words on a caption line, above the captions: its stop is named
    Case("C006", "spelt-out-sbu-caption-with-a-full-stop", mutate(RABAT, "000612\n\nSIPDIS", "000612\n\nSIPDIS\nSENSITIVE BUT UNCLASSIFIED."), ((15, 27),), only=False),
    Case("C006", "fouo-caption-with-a-comma", mutate(RABAT, "000612\n\nSIPDIS", "000612\n\nFOR OFFICIAL USE ONLY,\nSIPDIS"), ((14, 22),), only=False),
    # ... but under the SUBJECT line the archive writes it as a sentence opening the text
    # (09MUNICH25), not a caption
    Case("C006", "spelt-out-sbu-as-a-sentence", mutate(RABAT, "BUDGET POWERS\n", "BUDGET POWERS\n\nSENSITIVE BUT UNCLASSIFIED.\n"), only=False),
    Case("C006", "caveats-apart-by-a-comma", mutate(RABAT, "000612\n\nSIPDIS", "000612\n\nNOFORN, SIPDIS"), only=False),
    Case("C006", "name-wrapped-from-attention-line", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "DEPT FOR NEA/MAG AND DRL/NESCA\nFLOURNOY\n")),
    # a one-word attention line of its own is attention text, not a caveat (3.3)
    # a caveat with the attention line run on after it (3.2): no finding, both read
    Case("C006", "caveat-with-attention-line-run-on", mutate(RABAT, "SIPDIS\n\nDEPT FOR", "SIPDIS DEPT FOR")),
    Case("C006", "one-word-attention-line", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "CODEL\n")),
    Case("C006", "misspelt-caveat-alone-where-attention-goes", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "NOFRON\n"), ((16, 1),)),
    # below an attention line, as above it: the one finding at the word
    Case("C006", "misspelt-caveat-below-an-attention-line", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "DEPT FOR NEA/MAG AND DRL/NESCA\nEXDISS\n"), ((17, 1),)),
    Case("C006", "misspelt-caveat-between-attention-lines", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "DEPT FOR NEA/MAG\n\nNOFRON\nDRL FOR NESCA\n"), ((18, 1),)),
    # not in capitals, misspelt too: one finding, wherever the caveat line stands; a
    # one-word attention line and attention lines in mixed case stay silent (3.3)
    Case("C006", "misspelt-caveat-in-mixed-case-above-an-attention-line", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "Exdiss\nDEPT FOR NEA/MAG AND DRL/NESCA\n"), ((16, 1),)),
    Case("C006", "misspelt-caveat-in-lower-case-below-an-attention-line", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "Dept for NEA/MAG\n\nnofron\n"), ((18, 1),)),
    Case("C006", "misspelt-caveat-in-mixed-case-in-place-of-sipdis", mutate(RABAT, "\nSIPDIS\n", "\nSipids\n"), ((14, 1),)),
    Case("C006", "caveat-in-lower-case-below-a-mixed-case-attention-line", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "Dept for NEA/MAG\nnoforn\n"), ((17, 1),)),
    Case("C006", "one-word-attention-line-in-mixed-case", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n", "Codel\nDept for EUR/WE\n")),
    Case("C006", "clean", ANKARA),
    # a misspelt caveat after a correct one on the caveat line (not attention text)
    Case("C006", "misspelt-after-a-caveat-on-its-line", ANKARA.replace("\nNOFORN\n", "\nNOFORN EXDISS\n", 1), ((15, 8),)),
    Case("C006", "misspelt-after-a-caveat-and-a-comma", ANKARA.replace("\nNOFORN\n", "\nNOFORN, EXDISS SIPDIS\n", 1).replace("\nSIPDIS\n", "\n", 1), ((15, 9),)),
    # ... and before one: the misspelt caveat first, then a correct one
    Case("C006", "misspelt-before-a-caveat-on-its-line", ANKARA.replace("\nNOFORN\n", "\nEXDISS NOFORN\n", 1), ((15, 1),)),
    # NODIS misspelt NODES before NOFORN: C006 at NODES, and NOFORN is read (no C007)
    Case("C006", "nodes-before-noforn", ANKARA.replace("\nNOFORN\n", "\nNODES NOFORN\n", 1), ((15, 1),)),
    # a misspelt caveat with an attention line run on after it stays attention text
    Case("C006", "misspelt-caveat-before-attention-text", ANKARA.replace("\nSIPDIS\n", "\nSIPDIS\nEXDISS DEPT FOR EUR/SE\n", 1)),
    Case("C006", "ordinary-word-before-a-caveat", ANKARA.replace("\nSIPDIS\n", "\nSIPDIS\nCODEL NOFORN\n", 1)),
    # ... not a word of the attention text run on after it ("NODES" is one letter from NODIS)
    Case("C006", "attention-text-after-a-caveat", ANKARA.replace("\nSIPDIS\n", "\nSIPDIS NODES FOR EUR/SE\n", 1)),
    # a caveat on the classification line or a banner under it, misspelt
    Case("C006", "misspelt-after-slashes-on-the-class-line", mutate(ANKARA, "S E C R E T ANKARA 001502", "S E C R E T//NOFRON ANKARA 001502").replace("\nNOFORN\n", "\n\n", 1), ((13, 14),)),
    Case("C006", "misspelt-before-the-post-on-the-class-line", mutate(ANKARA, "S E C R E T ANKARA 001502", "S E C R E T NOFRON ANKARA 001502").replace("\nNOFORN\n", "\n\n", 1), ((13, 13),)),
    Case("C006", "caveat-before-the-post-on-the-class-line", mutate(ANKARA, "S E C R E T ANKARA 001502", "S E C R E T NOFORN ANKARA 001502").replace("\nNOFORN\n", "\n\n", 1)),
    Case("C006", "misspelt-on-a-second-banner", ANKARA.replace("\nNOFORN\n", "\nSECRET NOFRON\n", 1), ((15, 8),)),
    Case("C006", "misspelt-on-a-second-banner-after-slashes", ANKARA.replace("\nNOFORN\n", "\nSECRET//NOFRON\n", 1), ((15, 9),)),
    # a caveat not in capitals, unless the whole text was down-cased (the archive's)
    Case("C006", "caveat-in-lower-case", mutate(BAMAKO, "000341\n\nSIPDIS", "000341\n\nsipdis"), ((14, 1),)),
    Case("C006", "caveat-in-mixed-case-on-the-class-line", mutate(ANKARA, "S E C R E T ANKARA 001502", "S E C R E T//Noforn ANKARA 001502"), ((13, 14),)),
    Case("C006", "down-cased-text", "\n".join(BAMAKO.split("\n")[:11] + [line.capitalize() for line in BAMAKO.split("\n")[11:]]), only=False),
    Case("C006", "second-banner-with-other-controls-is-attention", ANKARA.replace("\nSIPDIS\n", "\nSIPDIS\nSECRET//FGI//NOFORN\n", 1)),
    Case("C007", "nf-marker-without-noforn", mutate(RABAT, "2. (C) In Meknes", "2. (C/NF) In Meknes"), ((34, 4),)),
    Case("C007", "nf-sub-paragraph-without-noforn", mutate(DRAFT, "A. the technical", "A. (C//NF) the technical"), ((27, 4),)),
    Case("C007", "nf-unnumbered-paragraph-without-noforn", mutate(DRAFT, "\n1. (C) Summary:", "\n(C/NF) The agency briefed the Ambassador.\n\n1. (C) Summary:"), ((18, 1),)),
    Case("C007", "nf-unnumbered-single-paragraph-without-noforn", DRAFT.split("\n1. (C)")[0] + "\n(C//NF) The agency proposed a joint study.\nHOLMGREN\n", ((18, 1),)),
    Case("C007", "noforn-on-plain-unclas", mutate(BAMAKO, "000341\n\nSIPDIS", "000341\n\nNOFORN"), ((14, 1),)),
    Case("C007", "noforn-caption-present", ANKARA),
    # the caption moved into the subject: the one finding is at the subject's word
    Case("C007", "noforn-written-in-the-subject", mutate(corpus_text("draft-secret-noforn-state.cable"), "NOFORN\nSIPDIS\n\nE.O. 12958: DECL: 06/30/2019\nTAGS: PREL PTER IZ\nSUBJECT: GUIDANCE", "SIPDIS\n\nE.O. 12958: DECL: 06/30/2019\nTAGS: PREL PTER IZ\nSUBJECT: NOFORN GUIDANCE"), ((7, 10),)),
    # one slip, one finding: C006 names NOFORN, and the caption counts here
    Case("C007", "misspelt-noforn-is-c006s", ANKARA.replace("\nNOFORN\n", "\nNOFRON\n", 1), only=False),
    Case("C007", "misspelt-noforn-on-the-class-line-is-c006s", mutate(ANKARA, "S E C R E T ANKARA 001502", "S E C R E T//NOFRON ANKARA 001502").replace("\nNOFORN\n", "\n\n", 1), only=False),
    Case("C007", "sbu-noforn-unclas", NAIROBI),
    Case("C008", "sensitive-deleted", mutate(MANILA, "SENSITIVE\n", "\n"), ((27, 4),)),
    Case("C008", "sbu-unnumbered-paragraph-without-sensitive", mutate(BAMAKO, "\n1. (U) The Ambassador", "\n(SBU) The Ambassador toured the region.\n\n1. (U) The Ambassador"), ((25, 1),)),
    Case("C008", "clean", MANILA),
    Case("C008", "misspelt-sensitive-is-c006s", mutate(MANILA, "SENSITIVE\n", "SENSITVE\n"), only=False),
    # the spelled-out banner, with or without its trailing clause (cable-format.md 3.2)
    Case("C008", "spelled-out-banner", mutate(MANILA, "SENSITIVE\n", "SENSITIVE BUT UNCLASSIFIED\n")),
    Case("C008", "spelled-out-banner-with-clause", mutate(MANILA, "SENSITIVE\n", "SENSITIVE BUT UNCLASSIFIED not for Internet distribution\n")),
    Case("C008", "spelled-out-banner-with-dashed-clause", mutate(MANILA, "SENSITIVE\n", "SENSITIVE BUT UNCLASSIFIED -- NOT FOR INTERNET DISTRIBUTION\n")),
    Case("C009", "secret-with-only-confidential-paragraphs", mutate(DRAFT, "C O N F I D E N T I A L COPENHAGEN", "S E C R E T COPENHAGEN"), ((1, 1),), severity="info"),
    # the unnumbered summary above paragraph 1 is the SECRET portion
    Case("C009", "secret-unnumbered-summary-above-paragraph-1", mutate(mutate(mutate(DRAFT, "C O N F I D E N T I A L COPENHAGEN", "S E C R E T COPENHAGEN"), "\n1. (C) Summary:", "\n(S) Summary: The agency briefed the Ambassador. End Summary.\n\n1. (C)"), "December. End Summary.", "December.")),
    Case("C009", "clean", DRAFT),
    # a paragraph the archive withheld whole may be the one at the cable's level
    Case("C009", "paragraph-withheld", mutate(mutate(DRAFT, "C O N F I D E N T I A L COPENHAGEN", "S E C R E T COPENHAGEN"), "\n2. (C)", "\nXXXXXXXXXXXX\n\n2. (C)"), only=False),
    Case("C009", "paragraph-withheld-in-lower-case", mutate(mutate(DRAFT, "C O N F I D E N T I A L COPENHAGEN", "S E C R E T COPENHAGEN"), "\n2. (C)", "\nxxxxx\n\n2. (C)"), only=False),
    Case("C009", "telegram-paragraph-withheld", mutate(SECRET_RABAT, "\n2. (C)", "\nXXXXXXXXXXXX\n\n2. (C)"), only=False),
    Case("C009", "telegram-secret-with-only-confidential-paragraphs", SECRET_RABAT, ((12, 1),), severity="info", only=False),
    # a redaction alone in the header withholds no paragraph
    Case("C009", "redaction-alone-in-the-header", redaction_in_header(SECRET_RABAT), ((15, 1),), severity="info", only=False),
    Case("C009", "lower-case-redaction-alone-in-the-header", redaction_in_header(SECRET_RABAT, "xxxxx"), ((15, 1),), severity="info", only=False),
    # SENSITIVE marks SBU text: on a classified cable it is redundant (cable-format.md 6.3)
    Case("C010", "sensitive-on-a-confidential-cable", mutate(RABAT, "\nSIPDIS\n", "\nSENSITIVE\nSIPDIS\n"), ((14, 1),), severity="info"),
    Case("C010", "spelled-out-banner-on-a-confidential-cable", mutate(RABAT, "\nSIPDIS\n", "\nSIPDIS\nSENSITIVE BUT UNCLASSIFIED\n"), ((15, 1),)),
    Case("C010", "sensitive-in-a-draft", mutate(DRAFT, "\nSIPDIS\n", "\nSIPDIS\nSENSITIVE\n"), ((4, 1),)),
    Case("C010", "clean", RABAT),
    Case("C010", "sensitive-on-an-unclas-cable", MANILA),
    # a misspelt caption is C006's alone
    Case("C010", "misspelt-sensitive-is-c006s", mutate(RABAT, "\nSIPDIS\n", "\nSENSITVE\nSIPDIS\n"), only=False),
    # every portion marked U or SBU: the level is the slip, and C009 says so at the line
    Case("C010", "sbu-portions-under-a-classified-line-are-c009s", mutate(HANOI, "UNCLAS HANOI", "C O N F I D E N T I A L HANOI"), only=False),
    # EXDIS, NODIS, SPECAT on plain UNCLAS (cable-format.md 3.2, 6.3)
    Case("C011", "exdis-on-an-unclas-cable", mutate(BAMAKO, "\nSIPDIS\n", "\nEXDIS\nSIPDIS\n"), ((14, 1),), severity="info"),
    Case("C011", "nodis-and-specat", mutate(BAMAKO, "\nSIPDIS\n", "\nNODIS SPECAT\nSIPDIS\n"), ((14, 1), (14, 7))),
    Case("C011", "specat-on-the-classification-line", mutate(BAMAKO, "UNCLAS BAMAKO", "UNCLAS SPECAT BAMAKO"), ((12, 8),)),
    Case("C011", "clean", BAMAKO),
    Case("C011", "nodis-on-a-top-secret-draft", CAIRO),
    Case("C011", "limdis-and-stadis-go-with-any-level", mutate(BAMAKO, "\nSIPDIS\n", "\nLIMDIS\nSTADIS\nSIPDIS\n")),
    Case("C011", "exdis-on-an-sbu-cable", mutate(MANILA, "\nSIPDIS\n", "\nEXDIS\nSIPDIS\n")),
    Case("C011", "exdis-on-limited-official-use", mutate(BAMAKO, "\nSIPDIS\n", "\nEXDIS\nSIPDIS\n").replace("UNCLAS BAMAKO", "LIMITED OFFICIAL USE BAMAKO")),
    # one finding per fault: a misspelt caption is C006's, a portion above UNCLAS C003's
    Case("C011", "misspelt-exdis-is-c006s", mutate(BAMAKO, "\nSIPDIS\n", "\nEXDISS\nSIPDIS\n"), only=False),
    Case("C011", "confidential-paragraph-is-c003s", mutate(BAMAKO, "\nSIPDIS\n", "\nEXDIS\nSIPDIS\n").replace("2. (U)", "2. (C)"), only=False),
    # SIPDIS twice (off by default; --select ALL runs it here)
    Case("C012", "sipdis-blank-sipdis", mutate(BAMAKO, "\nSIPDIS\n", "\nSIPDIS\n\nSIPDIS\n"), ((16, 1),), severity="info"),
    Case("C012", "sipdis-sipdis-on-one-line", mutate(BAMAKO, "\nSIPDIS\n", "\nSIPDIS SIPDIS\n"), ((14, 8),)),
    Case("C012", "three-times-is-one-finding", SIPDIS_THRICE, ((16, 1),)),
    Case("C012", "clean", BAMAKO),
    Case("C012", "noforn-and-sipdis", ANKARA),
    Case("C012", "misspelt-second-is-c006s", mutate(BAMAKO, "\nSIPDIS\n", "\nSIPDIS\nSIPIDS\n"), only=False),
]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def test_c003_names_the_portions_that_outvote_the_classification_line() -> None:
    text = mutate(mutate(DRAFT, "2. (C) The agency", "2. (S) The agency"), "3. (C) The proposal", "3. (S//NF) The proposal")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "C003", "-", input=text.encode())]
    assert found == [
        (1, 1, 24, "the classification line says CONFIDENTIAL, but 2 paragraphs are marked SECRET (paragraph 2 (S), paragraph 3 (S//NF)): expected SECRET, the level of the cable's highest portions")
    ]


def test_the_reason_letters_are_the_categories_alone() -> None:
    """'and' between the categories, whole or split by wrapping, is no category."""
    from cablelint.grammar.parser import parse_text

    for reason in ("1.4 (b) and (d)", "1.4 (b) an d (d)", "1.4(B), (D)", "1.4 (b/d)", "1.4 b and d"):
        clsby = parse_text(mutate(DRAFT, "1.4 (b) and (d)", reason)).classified_by
        assert clsby is not None and clsby.reason_letters == ("b", "d"), reason


def test_c004_underlines_the_unknown_categories_and_names_them() -> None:
    found = check_json("--select", "C004", "-", input=mutate(DRAFT, "(b) and (d)", "(j) and (k)"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (16, 17, 28, "section 1.4 has no categories (j) and (k): expected categories (a) to (h)")
    ]


def test_c004_names_the_entire_text_marking_and_p003_is_silent() -> None:
    found = check_json("--select", "C004,P003", "-", input=ENTIRE)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("C004", 23, 1, "CONFIDENTIAL cable has no classification authority: paragraph 1 marks the entire text, as cables did before "
         "E.O. 12958 (October 1995); expected 'Classified By: <name and title> for reasons 1.4 (b) and (d)' after the captions, and a marker on each paragraph")
    ]


def test_c002_names_the_post_and_serial_split_off_the_classification_line() -> None:
    found = check_json("--select", "ALL", "-", input=mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L\nRABAT 000612"))
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["severity"] != "info"] == [
        ("C002", 13, 1, 13, "the post and serial 'RABAT 000612' stand on a line of their own under the classification line: expected them on it, 'C O N F I D E N T I A L RABAT 000612'")
    ]


def test_c002_names_the_post_and_serial_split_off_with_a_blank_line_between() -> None:
    found = check_json("--select", "ALL", "-", input=mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L\n\nRABAT 000612"))
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["severity"] != "info"] == [
        ("C002", 14, 1, 13, "the post and serial 'RABAT 000612' stand on a line of their own, a blank line under the classification line: "
         "expected them on it, 'C O N F I D E N T I A L RABAT 000612'")
    ]


def test_c002_gives_the_section_part_as_it_should_be_written() -> None:
    rek = corpus_text("telegram-confidential-reykjavik-multisection.cable")
    for written, how in (("SECTON 01 OF 03", "is misspelt"), ("SECTION 1 OF 3", "is malformed"), ("SECTION 01 of 03", "is not in capitals")):
        found = check_json("--select", "C002", "-", input=mutate(rek, "SECTION 01 OF 03", written))
        assert [d["message"] for d in found] == [f"'{written}' {how}: expected 'SECTION 01 OF 03'"]
    for written, message in (
        ("SECTION O1 OF 03", "section number 'O1' in 'SECTION O1 OF 03' has letters for digits: expected 01"),
        ("SECTION 01 0F 03", "'0F' in 'SECTION 01 0F 03' has a zero for the letter O: expected OF"),
    ):
        found = check_json("--select", "C002", "-", input=mutate(rek, "SECTION 01 OF 03", written))
        assert [d["message"] for d in found] == [message]


def test_c002_reads_the_rest_of_a_line_whose_level_has_a_letter_too_many() -> None:
    """The letter after a whole spaced level is not the post's; a SECTION part with no
    total is still the SECTION part (cable-format.md 3.1)."""
    from cablelint.grammar.parser import parse_text

    rek = corpus_text("telegram-confidential-reykjavik-multisection.cable")
    for written, message in (
        ("C O N F I D E N T I A L L SECTION 01 OF 03", "classification 'C O N F I D E N T I A L L' has an extra 'L' after the level: expected C O N F I D E N T I A L"),
        ("C O N F I D E N T I A A L SECTION 01 OF 03", "classification 'C O N F I D E N T I A A L' is misspelt: expected C O N F I D E N T I A L"),
        ("C O N F I D E N T I A L SECTION 01 OF", "'SECTION 01 OF' gives no number of sections: expected 'SECTION 01 OF NN'"),
    ):
        text = mutate(rek, "C O N F I D E N T I A L SECTION 01 OF 03", written)
        assert [d["message"] for d in check_json("--select", "C002", "-", input=text)] == [message]
        cls = parse_text(text).classification
        assert cls is not None and (cls.post.text if cls.post else None, cls.serial.text if cls.serial else None, cls.section_number) == ("REYKJAVIK", "000687", 1)


def test_c002_names_a_post_with_a_digit_and_reads_its_serial() -> None:
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "C002", "-", input=mutate(BAMAKO, "BAMAKO 000341", "BAMAK4 000341"))]
    assert found == [(12, 8, 14, "post 'BAMAK4' has a digit in it: expected the post's name in letters only")]
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "C002", "-", input=mutate(BAMAKO, "BAMAKO 000341", "BAMAK0 000341"))]
    assert found == [(12, 8, 14, "post 'BAMAK0' has a digit in it: expected 'BAMAKO', in letters only (the letter O for the zero)")]
    parsed = json.loads(run_cli("parse", "-", input=mutate(BAMAKO, "BAMAKO 000341", "BAMAK4 000341").encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("BAMAK4", "000341")


def test_c003_a_marker_with_a_blank_inside_is_read_and_reported_with_its_fix() -> None:
    # "(C )", "( C)": the marking is read as "(c)"'s (parse JSON: "C", not null, which
    # means no marker), C003 weighs it, and P003 keeps its fix
    for written, marking in (("(C )", "C"), ("( C)", "C"), ("( S/NF )", "S/NF"), ("(c )", "C")):
        text = mutate(BAMAKO, "1. (U) The Ambassador", f"1. {written} The Ambassador")
        parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
        assert parsed["paragraphs"][0]["marking"] == marking, written
        found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"], d["fix"] is not None) for d in check_json("--select", "C003,P003,P002", "-", input=text.encode())]
        assert found == [
            ("C003", 25, 4, 4 + len(written), f"paragraph 1 is marked {written}, above the cable's UNCLASSIFIED: expected a marking no higher than UNCLASSIFIED", False),
            ("P003", 25, 4, 4 + len(written), f"marker '{written}' has a space inside the parentheses: expected '({marking})'", True),
        ], written


def test_c002_a_misspelt_closing_banner_leaves_the_signature_above_it() -> None:
    parsed = json.loads(run_cli("parse", "-", input=(RABAT.rstrip("\n") + "\nCONFIDENTAIL\n").encode()).stdout)
    assert parsed["signature"] == "KINSEY"


def test_c002_gives_the_serial_a_sent_cable_lacks() -> None:
    """From the DE line's station serial when there is one (cable-format.md 5.5)."""
    found = check_json("--select", "C002", "-", input=mutate(BAMAKO, "UNCLAS BAMAKO 000341", "UNCLAS BAMAKO"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(12, 14, 14, "no serial after the post: expected the cable's serial (ending 0341) after 'BAMAKO'")]
    bangkok = corpus_text("cablegate-legacy-confidential-bangkok-1991.cable")
    found = check_json("--select", "C002", "-", input=mutate(bangkok, "BANGKOK 014226", "BANGKOK"))
    assert [d["message"] for d in found] == ["no serial after the post: expected a 6-digit serial after 'BANGKOK'"]


def test_c002_judges_an_undated_drafts_serial_by_todays_form() -> None:
    """A draft is written now (cable-format.md 5.4): with no date, its 4-5 digit serial
    is no legacy one; a sent cable whose date is not known keeps the benefit of the
    doubt (4-5 digits before 2001)."""
    short = mutate(DRAFT, "COPENHAGEN 000517", "COPENHAGEN 00517")
    found = check_json("--select", "C002", "-", input=short)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (1, 36, 41, "serial '00517' has 5 digits in a draft: expected 6 digits, zero padded (4-5 only on cables sent before 2001)"),
    ]
    found = check_json("--select", "C002", "-", input=mutate(DRAFT, "COPENHAGEN 000517", "COPENHAGEN 0517"))
    assert [(d["line"], d["column"], d["message"]) for d in found] == [(1, 36, "serial '0517' has 4 digits in a draft: expected 6 digits, zero padded (4-5 only on cables sent before 2001)")]
    assert check_json("--select", "C002", "--dialect", "cablegate", "-", input=short) == []
    assert check_json("--select", "C002", "-", input=DRAFT) == []


def test_c002_names_the_level_a_misspelt_word_stands_for() -> None:
    for text, level, written, expected in (
        (BAMAKO, "UNCLAS BAMAKO", "UNCLASS", "UNCLAS"),
        (HANOI, "UNCLAS HANOI", "UNCLASIFIED", "UNCLASSIFIED"),
        (CAIRO, "T O P S E C R E T CAIRO", "T O P S E C E R T", "T O P S E C R E T"),
        (RABAT, "C O N F I D E N T I A L RABAT", "C O N F I D E N I T A L", "C O N F I D E N T I A L"),
        (ANKARA, "S E C R E T ANKARA", "SECERT", "S E C R E T"),
    ):
        post = level.rsplit(" ", 1)[1]
        found = check_json("--select", "C002", "-", input=mutate(text, level, f"{written} {post}"))
        assert [d["message"] for d in found] == [f"classification '{written}' is misspelt: expected {expected}"]


def test_c006_gives_a_caveat_in_capitals() -> None:
    found = check_json("--select", "C006", "-", input=mutate(BAMAKO, "000341\n\nSIPDIS", "000341\n\nSipdis"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(14, 1, 7, "'Sipdis' is not in capitals: expected SIPDIS")]


def test_c006_names_a_misspelt_caveat_among_the_captions() -> None:
    """Between the E.O. and TAGS lines it is a caveat line, not a stray text line (S004):
    C006 names the caveat and H010 its place, as for EXDIS spelt right there."""
    text = mutate(RABAT, "E.O. 13526: DECL: 2020/08/19\n", "E.O. 13526: DECL: 2020/08/19\nEXDISS\n")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [
        ("C006", 19, 1, 7, "'EXDISS' is not a known handling caveat: expected EXDIS"),
        ("H010", 19, 1, 7, "caveat EXDISS comes after the E.O./TAGS/SUBJECT captions: expected it under the classification line"),
    ]


def test_c002_a_tab_between_the_level_letters_is_named_and_the_line_read() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(ANKARA, "S E C R E T ANKARA", "S E C\tR E T ANKARA")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("C002", 13, 6, 7, "classification 'S E C<U+0009>R E T' has a tab where a space belongs: expected S E C R E T")]
    cls = parse_text(text).classification
    assert cls is not None and cls.post is not None and cls.serial is not None
    assert (cls.level, cls.post.text, cls.serial.text) == ("SECRET", "ANKARA", "001502")


def test_c002_a_moved_classification_line_with_a_tab_is_read_and_the_tab_named() -> None:
    """The classification line moved under the subject, a tab between its level's
    letters: it was lost (C001 'no classification line'); now it is read there (S001
    names its place) and C002 names the tab, as on the line at the top."""
    from cablelint.grammar.parser import parse_text

    lines = RABAT.split("\n")
    at = lines.index("C O N F I D E N T I A L RABAT 000612")
    subject = next(i for i, line in enumerate(lines) if line.startswith("SUBJECT:"))
    moved = lines[:at] + lines[at + 1 : subject + 1] + ["C O N F I D E N T I A L\tRABAT 000612".replace("C O N F", "C O N\tF")] + lines[subject + 1 :]
    text = "\n".join(moved)
    found = [(d["code"], d["line"], d["column"], d["end_column"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("S001", subject + 1, 1, 37), ("C002", subject + 1, 6, 7)]
    cls = parse_text(text).classification
    assert cls is not None and cls.post is not None and (cls.level, cls.post.text) == ("CONFIDENTIAL", "RABAT")


@pytest.mark.parametrize(
    "old, new, line, message",
    [
        ("DEPT FOR NEA/MAG AND DRL/NESCA\n", "Exdiss\nDEPT FOR NEA/MAG AND DRL/NESCA\n", 16, "'Exdiss' is not a known handling caveat: expected EXDIS"),
        ("DEPT FOR NEA/MAG AND DRL/NESCA\n", "Dept for EUR/WE\nNofron\n", 17, "'Nofron' is not a known handling caveat: expected NOFORN"),
        ("DEPT FOR NEA/MAG AND DRL/NESCA\n", "Dept for EUR/WE\nnoforn\n", 17, "'noforn' is not in capitals: expected NOFORN"),
    ],
)
def test_c006_a_caveat_not_in_capitals_is_checked_wherever_it_stands(old: str, new: str, line: int, message: str) -> None:
    """A misspelt caveat not in capitals was a one-word attention line, silently: now it
    is the caveat with a letter wrong, one finding that names it in capitals."""
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("-", input=mutate(RABAT, old, new)) if d["severity"] != "info"]
    assert found == [("C006", line, 1, message)]


def test_c006_names_a_misspelt_caveat_in_mixed_case_among_the_captions() -> None:
    """Between the E.O. and TAGS lines it was a stray text line (S004 'cannot place')."""
    text = mutate(RABAT, "E.O. 13526: DECL: 2020/08/19\n", "E.O. 13526: DECL: 2020/08/19\nNofron\n")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [
        ("C006", 19, 1, 7, "'Nofron' is not a known handling caveat: expected NOFORN"),
        ("H010", 19, 1, 7, "caveat Nofron comes after the E.O./TAGS/SUBJECT captions: expected it under the classification line"),
    ]


def test_a_misspelt_caveat_after_a_caveat_on_its_line_is_read_as_one() -> None:
    """'NOFORN EXDISS' was read as NOFORN and the attention text 'EXDISS' (no finding):
    both are caveats, the second misspelt (C006 names EXDIS)."""
    from cablelint.grammar.parser import parse_text

    text = ANKARA.replace("\nNOFORN\n", "\nNOFORN EXDISS\n", 1)
    cable = parse_text(text)
    assert [(c.name, c.known, c.span.column) for c in cable.caveats] == [("NOFORN", True, 1), ("EXDISS", False, 8), ("SIPDIS", True, 1)]
    assert [a.text for a in cable.attention] == ["DEPT FOR EUR/SE AND NEA/I"]
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("C006", 15, 8, 14, "'EXDISS' is not a known handling caveat: expected EXDIS")]


def test_a_misspelt_caveat_before_a_caveat_on_its_line_is_read_as_one() -> None:
    """'EXDISS NOFORN' was read as one attention line (no finding, NOFORN lost): both
    are caveats, the first misspelt (C006 names EXDIS)."""
    from cablelint.grammar.parser import parse_text

    text = ANKARA.replace("\nNOFORN\n", "\nEXDISS NOFORN\n", 1)
    cable = parse_text(text)
    assert [(c.name, c.known, c.span.column) for c in cable.caveats] == [("EXDISS", False, 1), ("NOFORN", True, 8), ("SIPDIS", True, 1)]
    assert [a.text for a in cable.attention] == ["DEPT FOR EUR/SE AND NEA/I"]
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("C006", 15, 1, 7, "'EXDISS' is not a known handling caveat: expected EXDIS")]
    # an attention line that starts with a misspelt caveat, or with a word that is no
    # caveat, is read as it stands
    for line in ("EXDISS DEPT FOR EUR/SE", "CODEL NOFORN"):
        cable = parse_text(ANKARA.replace("\nSIPDIS\n", f"\nSIPDIS\n{line}\n", 1))
        assert line in [a.text for a in cable.attention]


def test_a_caveat_with_an_attention_line_run_on_is_read() -> None:
    text = mutate(RABAT, "SIPDIS\n\nDEPT FOR", "SIPDIS DEPT FOR")
    parsed = json.loads(run_cli("parse", "-", input=text.encode("utf-8")).stdout)
    assert parsed["caveats"] == ["SIPDIS"]


def test_an_order_from_a_later_era_is_one_finding_not_also_a_wrong_reason() -> None:
    """E.O. 13526 named on a 2002 cable whose reason cites 1.5: H003 at the order, and no
    C004 asking for 1.4 (the reason fits the order in force in 2002)."""
    text = mutate(corpus_text("telegram-secret-2002-dakar.cable"), "E.O. 12958", "E.O. 13526")
    found = [(d["code"], d["line"], d["column"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("H003", 17, 6)]


def test_a_top_line_lowered_below_fl4_portions_and_banner_is_one_finding() -> None:
    """The closing banner also disagreed with the lowered top line (C002 at the banner),
    though it agrees with FL4 and the portions: one slip, one R008 at the top line."""
    text = mutate(corpus_text("cablegate-unwrapped-secret-closing-banner-tunis.cable"), "S E C R E T TUNIS", "C O N F I D E N T I A L TUNIS")
    found = [(d["code"], d["line"], d["column"]) for d in check_json("-", input=text) if d["severity"] != "info" and d["code"] != "F005"]
    assert found == [("R008", 11, 1)]


def test_c004_names_a_misspelt_upper_case_keyword_on_a_1991_cable() -> None:
    text = mutate(corpus_text("cablegate-legacy-confidential-bangkok-1991.cable"), "CLASSIFIED BY:", "CLASSIFED BY:")
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("C004", 18, 1, "'CLASSIFED BY' is misspelt: expected 'CLASSIFIED BY:'")]


def test_a_top_line_lowered_below_the_portions_and_banner_is_one_finding() -> None:
    """Without a routing header, the portions and the closing banner outvote the top
    line: one C003 there that names the banner, and no C002 at the banner."""
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("-", input=_NO_HEADER_TUNIS_LOWERED) if d["severity"] != "info" and d["code"] != "F005"]
    assert found == [
        (
            "C003",
            6,
            1,
            "the classification line says CONFIDENTIAL, but 2 paragraphs are marked SECRET (paragraph 1 (S/NF), paragraph 2 (S/NF)), "
            "and the closing classification line on line 22 says SECRET: expected SECRET, the level of the cable's highest portions",
        )
    ]


def test_nodes_noforn_names_nodis_and_reads_noforn() -> None:
    """'NODES NOFORN': one finding, at NODES, naming NODIS; NOFORN is read as the caveat
    it is, so C007 does not say the cable lacks it (pinned: it already held)."""
    text = ANKARA.replace("\nNOFORN\n", "\nNODES NOFORN\n", 1)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "C", "-", input=text.encode("utf-8"))] == [
        ("C006", 15, 1, 6, "'NODES' is not a known handling caveat: expected NODIS")
    ]
    assert json.loads(run_cli("parse", "-", input=text.encode("utf-8")).stdout)["caveats"] == ["NODES", "NOFORN", "SIPDIS"]


def test_c007_names_noforn_written_in_the_subject() -> None:
    text = mutate(corpus_text("draft-secret-noforn-state.cable"), "NOFORN\nSIPDIS\n", "SIPDIS\n")
    text = mutate(text, "SUBJECT: GUIDANCE", "SUBJECT: NOFORN GUIDANCE")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "C007", "-", input=text)] == [
        (7, 10, 16, "NOFORN is written in the subject, not as a caption, and paragraph 2 is marked NF: expected NOFORN on its own line under the classification line"),
    ]


def test_c007_finds_noforn_on_the_subjects_continuation_line() -> None:
    text = mutate(corpus_text("draft-secret-noforn-state.cable"), "NOFORN\nSIPDIS\n", "SIPDIS\n")
    text = mutate(text, "\nCOUNCIL LIAISON\n", "\nCOUNCIL LIAISON NOFORN\n")
    assert [(d["line"], d["column"], d["end_column"]) for d in check_json("--select", "C007", "-", input=text)] == [(8, 17, 23)]
    # the subject's own portion marking is not its text: "(S//NF)" holds no caption
    marked = mutate(mutate(corpus_text("draft-secret-noforn-state.cable"), "NOFORN\nSIPDIS\n", "SIPDIS\n"), "SUBJECT: GUIDANCE", "SUBJECT: (S//NF) GUIDANCE")
    assert [d["message"].startswith("NOFORN is written in the subject") for d in check_json("--select", "C007", "-", input=marked)] == [False]


NEW_CAPTION_MESSAGES = [
    (
        "C010",
        mutate(RABAT, "\nSIPDIS\n", "\nSENSITIVE\nSIPDIS\n"),
        (14, 1, "SENSITIVE marks sensitive but unclassified text, and this cable is CONFIDENTIAL: expected no SENSITIVE caption on a classified cable, its level protects the text"),
    ),
    (
        "C011",
        mutate(BAMAKO, "\nSIPDIS\n", "\nEXDIS\nSIPDIS\n"),
        (14, 1, "EXDIS restricts the distribution of classified traffic, and this cable is UNCLASSIFIED, not marked SBU: expected a classified level, or no EXDIS"),
    ),
    (
        "C011",
        mutate(BAMAKO, "UNCLAS BAMAKO", "UNCLAS SPECAT EXCLUSIVE BAMAKO"),
        (12, 8, "SPECAT EXCLUSIVE restricts the distribution of classified traffic, and this cable is UNCLASSIFIED, not marked SBU: expected a classified level, or no SPECAT EXCLUSIVE"),
    ),
    ("C012", mutate(BAMAKO, "\nSIPDIS\n", "\nSIPDIS\n\nSIPDIS\n"), (16, 1, "SIPDIS is written again, after the one on line 14: expected SIPDIS once")),
    ("C012", SIPDIS_THRICE, (16, 1, "SIPDIS is written again (3 times in all), after the one on line 14: expected SIPDIS once")),
]


@pytest.mark.parametrize("code, text, expected", NEW_CAPTION_MESSAGES, ids=["c010", "c011-exdis", "c011-specat-exclusive", "c012", "c012-three-times"])
def test_caption_level_messages(code: str, text: str, expected: tuple[int, int, str]) -> None:
    found = check_json("--select", code, "-", input=text)
    assert [(d["line"], d["column"], d["message"]) for d in found] == [expected]


def test_specat_on_the_classification_line_is_a_caveat() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(BAMAKO, "UNCLAS BAMAKO", "UNCLAS SPECAT BAMAKO"))
    assert cable.classification is not None and cable.classification.post is not None
    assert cable.classification.post.text == "BAMAKO" and cable.level == "UNCLASSIFIED"
    assert cable.caveat_names == ("SIPDIS", "SPECAT")


def test_c012_is_off_by_default() -> None:
    assert not [d for d in check_json("-", input=SIPDIS_THRICE) if d["code"] == "C012"]
    assert [d["code"] for d in check_json("--extend-select", "C012", "-", input=SIPDIS_THRICE) if d["code"] == "C012"] == ["C012"]


def test_corrected_copy_spaced_two_blanks_apart_is_the_caveat() -> None:
    """'C O R R E C T E D  C O P Y' (the archive spaces the words two blanks apart) is
    the CORRECTED COPY caveat, not an attention line; with a letter lost it is an
    unknown caveat (C006), at its line."""
    text = mutate(RABAT, "000612\n\nSIPDIS", "000612\nC O R R E C T E D  C O P Y (ADDED TAGS)\nSIPDIS")
    assert json.loads(run_cli("parse", "-", input=text.encode("utf-8")).stdout)["caveats"] == ["CORRECTED COPY", "SIPDIS"]
    found = check_json("--select", "C006", "-", input=text.replace("T E D  C", "T E  C"))
    assert [(d["code"], d["line"], d["column"], d["end_column"]) for d in found] == [("C006", 13, 1, 25)]


def test_c004_a_draft_reason_without_its_section_is_named_as_such() -> None:
    draft = corpus_text("draft-confidential-copenhagen.cable")
    cases = [
        ("for reasons 1.4 (b) and (d)", "for reasons b and d", 16, "Classified By line names no section for its reason"),
        ("\nfor reasons 1.4 (b) and (d)", "", 15, "Classified By line gives no reason"),
    ]
    for old, new, end, what in cases:
        found = check_json("--select", "C004", "-", input=mutate(draft, old, new).encode("utf-8"))
        assert [(d["line"], d["column"], d["end_line"], d["message"]) for d in found] == [
            (15, 1, end, f"{what}: expected the order's section and categories, as in 'for reasons 1.4 (b) and (d)'")
        ], new


def test_c006_names_the_punctuation_after_a_caveat() -> None:
    text = mutate(RABAT, "000612\n\nSIPDIS", "000612\n\nNOFORN.")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("C006", 14, 7, 8, "caveat 'NOFORN' has '.' after it: expected the caveat alone, 'NOFORN' (a caveat line has no punctuation)")]


@pytest.mark.parametrize(
    "under, joined",
    [
        # an unnumbered paragraph with its marker right under the line (the real 07PRETORIA356)
        ("(U) This message has been coordinated with AmEmbassy Harare.", False),
        ("(SBU) This message has been coordinated with AmEmbassy Harare.", False),
        ("(C) This message has been coordinated with AmEmbassy Harare.", False),
        # a wrapped reason that starts with a category letter is the line's
        ("(C) and (D).", True),
        ("(C) AND (D).", True),
    ],
)
def test_a_marked_paragraph_under_the_classified_by_line_is_text(under: str, joined: bool) -> None:
    from cablelint.grammar.parser import parse_text

    rek = corpus_text("telegram-confidential-reykjavik-multisection.cable")
    text = mutate(rek, "Classified By: Ambassador Carol A. Lindqvist\nfor reasons 1.4 (b) and (d)\n", f"Classified By: Ambassador Carol A. Lindqvist for reasons 1.4 (b)\n{under}\n")
    cable = parse_text(text)
    clsby = cable.classified_by
    assert clsby is not None and cable.body_span is not None
    first = "Classified By: Ambassador Carol A. Lindqvist for reasons 1.4 (b)"
    if joined:
        assert (clsby.span.end_line, clsby.span.end_column) == (29, len(under) + 1)
        assert clsby.text == f"Ambassador Carol A. Lindqvist for reasons 1.4 (b) {under}"
        assert cable.body_span.line == 31
    else:
        assert (clsby.span.line, clsby.span.end_line, clsby.span.end_column) == (28, 28, len(first) + 1)
        assert clsby.text == "Ambassador Carol A. Lindqvist for reasons 1.4 (b)"
        assert (cable.body_span.line, cable.body_span.column) == (29, 1)


def test_a_category_letter_is_written_with_the_blanks_inside_its_brackets() -> None:
    """'(c )' (the real 09KABUL1677): the letter as written is '(c )', as '(b)' is
    '(b)'; C004 underlines all of it."""
    from cablelint.grammar.parser import parse_text

    clsby = parse_text(mutate(DRAFT, "(b) and (d)", "(b) and (c )")).classified_by
    assert clsby is not None
    assert [(t.text, t.span.column, t.span.end_column) for t in clsby.letter_spans] == [("b", 17, 20), ("c", 25, 29)]
    found = check_json("--select", "C004", "-", input=mutate(DRAFT, "(b) and (d)", "(b) and (k )"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (16, 25, 29, "section 1.4 has no category (k): expected categories (a) to (h)")
    ]


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("S I P D I S NOFORN", [(15, 1, 12, "SIPDIS")]),
        ("NOFORN S I P D I S", [(15, 8, 19, "SIPDIS")]),
        ("S\tI\tP\tD\tI\tS  NOFORN", [(15, 1, 12, "SIPDIS")]),
        ("N O F O R N  S I P D I S", [(15, 1, 12, "NOFORN"), (15, 14, 25, "SIPDIS")]),
    ],
)
def test_c006_names_each_spaced_caveat_on_a_line_of_caveats(line: str, found: list[tuple[int, int, int, str]]) -> None:
    """A caveat spaced out with tabs or uneven blanks, or on one line with others, was
    attention text (no finding) or a caveat 'S' (the line cut after it): each spaced
    caveat is named whole, and the caveats are counted (no C007 or C008 for NOFORN)."""
    text = ANKARA.replace("\nNOFORN\nSIPDIS\n", f"\n{line}\n", 1)
    diags = check_json("--select", "C", "-", input=text.encode("utf-8"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in diags] == [
        (n, c, e, f"'{text.splitlines()[n - 1][c - 1 : e - 1]}' is spaced out letter by letter: expected {name}".replace("\t", "<U+0009>")) for n, c, e, name in found
    ]


def test_c002_names_the_post_and_serial_a_sent_cables_line_lacks() -> None:
    """'S E C R E T' alone on a sent cable's classification line: the post from the FM
    line (its PLAD without the prefix, STATE for SECSTATE WASHDC), the serial from the
    DE line's, named where the post belongs; a draft, or a cable with its address block
    typed and nothing to say it was sent, is not asked for them (cable-format.md 5.4)."""

    def c002(text: str, *args: str) -> list[tuple[int, int, int, str]]:
        return [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "C002", *args, "-", input=text)]

    bare = mutate(ANKARA, "S E C R E T ANKARA 001502", "S E C R E T")
    assert c002(bare) == [(13, 12, 12, "no post or serial on the classification line 'S E C R E T': expected the post 'ANKARA' and the cable's serial (ending 1502)")]
    state = mutate(bare, "FM AMEMBASSY ANKARA", "FM SECSTATE WASHDC")
    assert c002(state) == [(13, 12, 12, "no post or serial on the classification line 'S E C R E T': expected the post 'STATE' and the cable's serial (ending 1502)")]
    # the DE line holds the serial's last four digits alone (2.3: 'STATE 128877' is
    # '#8877'): the serial named by them, never as if zero padded
    # a release before where the post goes: named after it, the line quoted to there
    release = mutate(ANKARA, "S E C R E T ANKARA 001502", "S E C R E T//REL TO USA, GBR")
    assert c002(release) == [(13, 29, 29, "no post or serial on the classification line 'S E C R E T//REL TO USA, GBR': expected the post 'ANKARA' and the cable's serial (ending 1502)")]
    # EFTO after UNCLAS is part of the level (3.1): the post goes after it, the line quoted with it
    efto = mutate(ANKARA, "S E C R E T ANKARA 001502", "UNCLAS EFTO")
    assert c002(efto) == [(13, 12, 12, "no post or serial on the classification line 'UNCLAS EFTO': expected the post 'ANKARA' and the cable's serial (ending 1502)")]
    # a caption run on after the level without '//' (3.1: '... MOSCOW 000228  SIPDIS'):
    # the post goes before it, and the line is quoted without it; SPECAT follows the level
    for line, col in (("C O N F I D E N T I A L SIPDIS", 24), ("UNCLAS EFTO  SIPDIS", 12), ("S E C R E T NOFORN SIPDIS", 12), ("S E C R E T SPECAT", 19)):
        quoted = line[: col - 1]
        assert c002(mutate(ANKARA, "S E C R E T ANKARA 001502", line)) == [(13, col, col, f"no post or serial on the classification line '{quoted}': expected the post 'ANKARA' and the cable's serial (ending 1502)")]
    # a banner above the line that has them ('SECRET' / '' / 'S E C R E T ANKARA
    # 001502'): the post and serial are written, on the line under it; no C002
    for banner in ("SECRET\n\n", "SECRET//NOFORN\n"):
        assert c002(mutate(ANKARA, "S E C R E T ANKARA 001502", f"{banner}S E C R E T ANKARA 001502")) == []
    assert c002("SECRET\n\n" + ANKARA) == []
    # no DE line (a legacy header): the post, and a serial of six digits
    oslo = corpus_text("telegram-legacy-confidential-oslo-1989.cable")
    line = next(t for t in oslo.splitlines() if t.endswith("OSLO 006731"))
    level = line.removesuffix(" OSLO 006731")
    assert c002(mutate(oslo, line, level)) == [(oslo.splitlines().index(line) + 1, len(level) + 1, len(level) + 1, f"no post or serial on the classification line '{level}': expected the post 'OSLO' and a 6-digit serial")]
    # a draft gets its post and serial at transmission
    assert c002(mutate(DRAFT, "C O N F I D E N T I A L COPENHAGEN 000517", "C O N F I D E N T I A L")) == []
    # a level misspelt is the line's one finding
    assert [m for *_, m in c002(mutate(ANKARA, "S E C R E T ANKARA 001502", "S E C R E T T"))] == ["classification 'S E C R E T T' has an extra 'T' after the level: expected S E C R E T"]


@pytest.mark.parametrize(
    "line, column, end, message",
    [
        ("S E C R E T ANKARA001502", 13, 25, "no blank between the post and serial 'ANKARA001502' on the classification line: expected 'S E C R E T ANKARA 001502'"),
        ("S E C R E T - ANKARA 001502", 13, 14, "unexpected '-' before the post on the classification line: expected 'S E C R E T ANKARA 001502'"),
        ("S E C R E T (ANKARA 001502)", 13, 28, "unexpected parentheses around the post and serial on the classification line: expected 'S E C R E T ANKARA 001502'"),
        ("S E C R E T SECTION 01 OF 01 -- ANKARA 001502", 30, 32, "unexpected '--' before the post on the classification line: expected 'S E C R E T SECTION 01 OF 01 ANKARA 001502'"),
    ],
)
def test_c002_names_a_post_and_serial_written_with_a_mark_or_no_blank(line: str, column: int, end: int, message: str) -> None:
    """The post and serial written with no blank between them, a dash before them or
    parentheses around them were lost: 'no post or serial' on a line that has both.
    Read, and the mark (or the missing blank) named; A004 has the post to compare."""
    found = check_json("--select", "C002,A004", "-", input=mutate(ANKARA, "S E C R E T ANKARA 001502", line))
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [("C002", 13, column, end, message)]
    parsed = json.loads(run_cli("parse", "-", input=mutate(ANKARA, "S E C R E T ANKARA 001502", line).encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("ANKARA", "001502")


@pytest.mark.parametrize(
    "line, column, message",
    [
        ("C O N F I D E N T I A L - RABAT 000612//NOFORN", 25, "unexpected '-' before the post on the classification line: expected 'C O N F I D E N T I A L RABAT 000612'"),
        ("C O N F I D E N T I A L (RABAT 000612)//NOFORN", 25, "unexpected parentheses around the post and serial on the classification line: expected 'C O N F I D E N T I A L RABAT 000612'"),
        ("C O N F I D E N T I A L RABAT000612//NOFORN", 25, "no blank between the post and serial 'RABAT000612' on the classification line: expected 'C O N F I D E N T I A L RABAT 000612'"),
        ("C O N F I D E N T I A L RABAT000612 // NOFORN", 25, "no blank between the post and serial 'RABAT000612' on the classification line: expected 'C O N F I D E N T I A L RABAT 000612'"),
        ("C O N F I D E N T I A L - RABAT 000612, SIPDIS", 25, "unexpected '-' before the post on the classification line: expected 'C O N F I D E N T I A L RABAT 000612'"),
    ],
)
def test_c002_reads_a_marked_post_and_serial_with_a_caveat_after_them(line: str, column: int, message: str) -> None:
    """A dash, parentheses or no blank about the post and serial, then a caveat after
    '//' or a comma: the post and serial were lost ('no post or serial') and the
    caveat with them. The mark is named as without the caveat, and the caveat read."""
    text = mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", line)
    found = check_json("--select", "C002,A004", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [("C002", 12, column, message)]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("RABAT", "000612")
    # (a comma then a caption, as after a post and serial with no mark: read alike)
    assert "NOFORN" in parsed["caveats"] or "NOFORN" not in line


BOGOTA = corpus_text("cablegate-secret-noforn-2005-bogota.cable")  # SECRET, NOFORN, SECTION-less


@pytest.mark.parametrize(
    "line, caveats",
    [
        ("S E C R E T SECTION 01 OF 02//NOFORN//ORCON BOGOTA 009120", ["NOFORN", "ORCON"]),
        ("S E C R E T SECTION 01 OF 02//NOFORN//REL TO USA, COL BOGOTA 009120", ["NOFORN", "REL TO USA, COL"]),
        ("S E C R E T SECTION 01 OF 02//NOFORN EXDIS BOGOTA 009120", ["NOFORN", "EXDIS"]),
        ("S E C R E T//NOFORN EXDIS BOGOTA 009120", ["NOFORN", "EXDIS"]),
        ("S E C R E T SECTION 01 OF 02//NOFORN//ORCON BOGOTA 009120//EXDIS", ["NOFORN", "ORCON", "EXDIS"]),
    ],
)
def test_c002_reads_the_post_after_more_than_one_caveat(line: str, caveats: list[str]) -> None:
    """After SECTION (or the level) and a caveat, a second caveat after '//' lost the
    post and serial ('no post or serial'), and one written with a blank was read as
    the post's first word ('EXDIS BOGOTA': A004). The post is BOGOTA, and the caveats
    are read in the line's order."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    assert check_json("--select", "C002,A004", "-", input=text) == []
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("BOGOTA", "009120")
    # (the line's caveats are the last of the cable's, SIPDIS on its own line aside)
    assert [c for c in parsed["caveats"] if c != "SIPDIS"][-len(caveats) :] == caveats


@pytest.mark.parametrize(
    "line, post",
    [
        ("C O N F I D E N T I A L ABC123456", None),  # no post known: letters then digits alone
        ("C O N F I D E N T I A L XYZZY000612", None),
        ("C O N F I D E N T I A L RABAT000612", "RABAT"),  # the FM line's post
        ("C O N F I D E N T I A L TUNIS000612", "TUNIS"),  # a post the station list knows
    ],
)
def test_c002_reads_a_glued_post_only_when_it_is_a_post(line: str, post: str | None) -> None:
    """'ABC123456' was read as the post ABC and serial 123456 run together, and A004
    and R009 followed from a post and serial never written. A post glued to its serial
    is read only when it is the FM line's or a post known; else the line has no post
    or serial, and C002 says so alone."""
    text = mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", line)
    found = check_json("--select", "C002,A004,R009", "-", input=text)
    assert [d["code"] for d in found] == (["C002"] if post in (None, "RABAT") else ["A004", "C002"])
    assert found[-1]["message"].startswith(f"'{line.split()[-1]}' on the classification line is no post and serial" if post is None else "no blank between the post and serial")
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert parsed["classification"]["origin"] == post


def test_c002_reads_a_serial_with_no_post_and_the_caveats_after_it() -> None:
    """A release, then a serial with no post, then '//NOFORN': the serial and NOFORN
    were lost and C002 said 'no post or serial'. The serial is read, and NOFORN with
    it; C002 names the post alone as missing."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", "S E C R E T//REL TO USA 009120//NOFORN")
    found = check_json("--select", "C002", "-", input=text)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (13, 25, 31, "serial '009120' has no post before it: expected the originating post, then the serial (BOGOTA 009120)")
    ]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == (None, "009120")
    assert parsed["caveats"][-2:] == ["REL TO USA", "NOFORN"]


@pytest.mark.parametrize("line, caveats", [("S E C R E T//REL TO USA, UK 009120", ["REL TO USA, UK"]), ("S E C R E T//REL TO USA, UK 009120//NOFORN", ["REL TO USA, UK", "NOFORN"])])
def test_a_country_before_a_serial_with_no_post_is_the_release_s(line: str, caveats: list[str]) -> None:
    """'//REL TO USA, UK 009120': UK, written as a country and no post, was read as the
    post (A004, and the release cut at the comma). The release runs to the serial, and
    C002 names the serial with no post before it."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    found = check_json("--select", "C002,A004", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"]) for d in found] == [("C002", 13, 29, 35)]
    assert found[0]["message"].startswith("serial '009120' has no post before it")
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == (None, "009120")
    assert parsed["caveats"][-len(caveats) :] == caveats


@pytest.mark.parametrize(
    "line, release",
    [
        ("S E C R E T BOGOTA 009120//REL TO USA  SIPDIS", "REL TO USA"),
        ("S E C R E T BOGOTA 009120//REL TO USA, UK SIPDIS", "REL TO USA, UK"),
        ("S E C R E T BOGOTA 009120//NOFORN//REL TO USA  SIPDIS", "REL TO USA"),
    ],
)
def test_a_release_after_the_serial_stops_at_a_known_caveat(line: str, release: str) -> None:
    """'BOGOTA 009120//REL TO USA  SIPDIS': SIPDIS was read into the release ('REL TO
    USA SIPDIS', C006 on it). The release stops at the known caveat, as it does among
    the caveat lines, and SIPDIS is read as a caveat."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("BOGOTA", "009120")
    assert release in parsed["caveats"] and not any("SIPDIS" in c and c != "SIPDIS" for c in parsed["caveats"])
    assert parsed["caveats"].count("SIPDIS") == text.count("SIPDIS")
    messages = [d["message"] for d in check_json("--select", "C006", "-", input=text)]
    assert not any("SIPDIS'" in m for m in messages)


def test_a_release_after_the_serial_keeps_a_caveat_after_a_comma() -> None:
    """'//REL TO USA, UK, SIPDIS': stopping the release at SIPDIS left ', SIPDIS' unread
    and lost with no finding. The release runs on over it, and C006 names it whole."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", "S E C R E T BOGOTA 009120//REL TO USA, UK, SIPDIS")
    messages = [d["message"] for d in check_json("--select", "C006", "-", input=text)]
    assert any("'REL TO USA, UK, SIPDIS'" in m for m in messages)


@pytest.mark.parametrize("line", ["S E C R E T - BOGOTA 009120//NOFORN//EXDIS", "S E C R E T (BOGOTA 009120)//NOFORN//EXDIS", "S E C R E T BOGOTA009120//NOFORN//EXDIS"])
def test_a_marked_post_and_serial_keeps_every_caveat_after_it(line: str) -> None:
    """A dash, parentheses or no blank about the post and serial, then two caveats
    after them: only the first was read, the second lost. Both are, as after SECTION."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    assert [d["code"] for d in check_json("--select", "C002,C006,A004", "-", input=text)] == ["C002"]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("BOGOTA", "009120")
    assert parsed["caveats"][-2:] == ["NOFORN", "EXDIS"]


@pytest.mark.parametrize("line", ["S E C R E T SECTION 01 OF 02//ORCON - BOGOTA 009120//NOFORN", "S E C R E T SECTION 01 OF 02//ORCON (BOGOTA 009120)//NOFORN", "S E C R E T SECTION 01 OF 02//ORCON BOGOTA009120//NOFORN"])
def test_a_marked_post_after_a_caveat_after_section_keeps_the_caveat_after_it(line: str) -> None:
    """A caveat after SECTION, then a post and serial with a dash, parentheses or no
    blank, then '//NOFORN': NOFORN was lost with no finding (without the mark it is
    read). It is read, as after any serial; C006 names ORCON, C002 the mark."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    assert [d["code"] for d in check_json("--select", "C002,C006,A004", "-", input=text)] == ["C006", "C002"]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("BOGOTA", "009120")
    assert parsed["caveats"][-2:] == ["ORCON", "NOFORN"]


@pytest.mark.parametrize(
    "line, column, message",
    [
        ("S E C R E T SECTION 01 OF 02//NOFORN//ORCON BOGOTA009120", 45, "no blank between the post and serial 'BOGOTA009120' on the classification line"),
        ("S E C R E T SECTION 01 OF 02//NOFORN//ORCON - BOGOTA 009120", 45, "unexpected '-' before the post on the classification line"),
        ("S E C R E T SECTION 01 OF 02//NOFORN//ORCON (BOGOTA 009120)", 45, "unexpected parentheses around the post and serial on the classification line"),
    ],
)
def test_c002_reads_a_marked_post_after_two_caveats_after_section(line: str, column: int, message: str) -> None:
    """Two caveats after SECTION, then a post and serial with a mark or no blank: ORCON,
    the post and the serial were lost and C002 said 'no post or serial', quoting the
    line cut off after NOFORN. They are read as with a blank: C006 names ORCON, C002 the mark."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    found = check_json("--select", "C002,C006,A004", "-", input=text)
    assert [d["code"] for d in found] == ["C006", "C002"]
    assert (found[1]["line"], found[1]["column"]) == (13, column)
    assert found[1]["message"] == f"{message}: expected 'S E C R E T SECTION 01 OF 02//NOFORN//ORCON BOGOTA 009120'"
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("BOGOTA", "009120")
    assert parsed["caveats"][-2:] == ["NOFORN", "ORCON"]


def test_c002_quotes_a_line_with_a_post_and_no_serial_after_two_caveats_to_its_last_caveat() -> None:
    """'...//NOFORN//ORCON BOGOTA', no serial: ORCON was lost and C002 quoted the line
    cut off after NOFORN. ORCON is read (C006) and the line quoted to it."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", "S E C R E T SECTION 01 OF 02//NOFORN//ORCON BOGOTA")
    found = check_json("--select", "C002", "-", input=text)
    assert [d["message"] for d in found] == ["no post or serial on the classification line 'S E C R E T SECTION 01 OF 02//NOFORN//ORCON': expected the post 'BOGOTA' and the cable's serial (ending 9120)"]
    assert json.loads(run_cli("parse", "-", input=text.encode()).stdout)["caveats"][-2:] == ["NOFORN", "ORCON"]


@pytest.mark.parametrize("line", ["S E C R E T SECTION 01 OF 02//NOFORN//ORCON", "S E C R E T SECTION 01 OF 02//NOFORN//ORCON//EXDIS", "S E C R E T//NOFORN//ORCON"])
def test_c002_quotes_a_line_with_no_post_to_its_last_caveat(line: str) -> None:
    """No post or serial after SECTION and two caveats: the caveats after the first
    were lost, and C002 quoted the line without them, its finding short of them. The
    line is quoted as written to its last caveat, and the finding is there."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    found = check_json("--select", "C002", "-", input=text)
    end = len(line) + 1
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (13, end, end, f"no post or serial on the classification line '{line}': expected the post 'BOGOTA' and the cable's serial (ending 9120)")
    ]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert parsed["caveats"][2:] == line.split("//")[1:]


def test_c002_names_what_is_written_where_the_post_and_serial_go() -> None:
    """'ABC123456' where the post and serial go, read as neither: C002 said 'no post or
    serial', quoting the level alone, as if nothing were written. It names what was
    written, there, and what was expected; one finding."""
    text = mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L ABC123456")
    found = check_json("--select", "C002", "-", input=text)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (12, 25, 34, "'ABC123456' on the classification line is no post and serial: expected the post 'RABAT' and the cable's serial (ending 0612)")
    ]
    # (after a caveat, the word is named where it stands)
    text = mutate(RABAT, "C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L//NOFORN ABC123456 DEPT FOR NEA")
    assert [(d["column"], d["end_column"]) for d in check_json("--select", "C002", "-", input=text)] == [(33, 42)]


@pytest.mark.parametrize(
    "line, caveats",
    [
        ("S E C R E T SECTION 01 OF 02//REL TO USA, UK BOGOTA 009120", ["REL TO USA, UK"]),
        ("S E C R E T//NOFORN//REL TO USA, UK BOGOTA 009120", ["NOFORN", "REL TO USA, UK"]),
        ("S E C R E T SECTION 01 OF 02//REL TO: USA, GBR BOGOTA 009120//NOFORN", ["REL TO: USA, GBR", "NOFORN"]),
    ],
)
def test_a_release_not_read_after_section_stops_at_the_post(line: str, caveats: list[str]) -> None:
    """A release whose countries are in a form not read, after SECTION or another
    caveat, ran to the line's end: C006 quoted the post and serial as countries, and
    C002 said 'no post or serial'. The release stops at the FM line's post, as the
    line's first caveat does; the caveats after the serial are read."""
    # (a country last before the serial is no post: the release runs to the line's end)
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line.replace(" BOGOTA ", " "))
    assert [d["code"] for d in check_json("--select", "C002,C006,A004", "-", input=text)] == ["C006", "C002"]
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    found = check_json("--select", "C002,C006,A004", "-", input=text)
    release = next(c for c in caveats if c.startswith("REL"))
    assert [(d["code"], d["message"].split(" names ")[0]) for d in found] == [("C006", f"release '{release}'")]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("BOGOTA", "009120")
    assert parsed["caveats"][2:] == caveats


@pytest.mark.parametrize(
    "line, caveats",
    [
        ("S E C R E T//NOFORN//REL TO USA, GBR BOGOTA 009120//EXDIS", ["NOFORN", "REL TO USA, GBR", "EXDIS"]),
        ("S E C R E T BOGOTA 009120//NOFORN//EXDIS", ["NOFORN", "EXDIS"]),
        ("S E C R E T SECTION 01 OF 02 BOGOTA 009120//NOFORN//EXDIS//ORCON", ["NOFORN", "EXDIS", "ORCON"]),
        ("S E C R E T BOGOTA 009120//NOFORN//REL TO USA, UK", ["NOFORN", "REL TO USA, UK"]),
    ],
)
def test_every_caveat_after_the_serial_is_read(line: str, caveats: list[str]) -> None:
    """The line held two caveat slots: a third caveat, or a second after the serial,
    was read as an attention line and lost as a caveat. Every '//' caveat after the
    serial is read, a release not read last to the line's end (C006 names it)."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    assert [d["code"] for d in check_json("--select", "C002,A004", "-", input=text)] == []
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("BOGOTA", "009120")
    assert parsed["caveats"][2:] == caveats
    # (a release of countries read last, then an attention line run on: the line read as it stands)
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", "S E C R E T BOGOTA 009120//NOFORN//REL TO USA DEPT FOR WHA")
    assert json.loads(run_cli("parse", "-", input=text.encode()).stdout)["caveats"][2:] == ["NOFORN", "REL TO USA"]


SANTIAGO = corpus_text("cablegate-confidential-13526-santiago.cable")  # line 12: 'C O N F I D E N T I A L SANTIAGO 000712'


@pytest.mark.parametrize(
    "line, found",
    [
        ("C O N F I D E N T I A L SANTIAGO 000712/NOFORN", [("C006", 12, 40, "'/NOFORN' is written behind '/': expected '//NOFORN'")]),
        ("C O N F I D E N T I A L SANTIAGO 000712,NOFORN", [("C006", 12, 40, "',NOFORN' is written behind ',': expected '//NOFORN'")]),
        ("C O N F I D E N T I A L - SANTIAGO 000712/SIPDIS", [("C002", 12, 25, None), ("C006", 12, 42, "'/SIPDIS' is written behind '/': expected '//SIPDIS'")]),
    ],
)
def test_a_caveat_after_the_serial_behind_one_slash_or_a_comma_is_named_not_a_crash(line: str, found: list[tuple[str, int, int, object]]) -> None:
    """'.../NOFORN' after the serial (its '//' written once): the piece, a caveat with a
    slip that starts with no word, was handed back to the run-on reader unread, which
    read it again until Python's recursion limit ('internal error while parsing', the
    file not linted). Now the caveat as it stands, for C006 to name."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    assert line in text
    got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "C002,C006", "-", input=text)]
    assert [(c, ln, col) for c, ln, col, _ in got] == [(c, ln, col) for c, ln, col, _ in found]
    assert all(want is None or msg == want for (_, _, _, msg), (_, _, _, want) in zip(got, found))


@pytest.mark.parametrize(
    "line, serial_at",
    [("C O N F I D E N T I A L 000712/NOFORN", 25), ("C O N F I D E N T I A L//REL TO USA, UK 000712/NOFORN", 41)],
)
def test_a_serial_with_no_post_and_a_caveat_behind_one_slash_is_read(line: str, serial_at: int) -> None:
    """'000712/NOFORN' with no post before it: C002 quoted the piece whole, "'000712/NOFORN'
    ... is no post and serial", though a serial is written. The serial is read, as before
    '//NOFORN', C002 names the post missing before it, and C006 the caveat behind one
    slash, as after a post's serial."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    assert line in text
    found = check_json("--select", "C002,C006", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["code"] == "C002" or d["message"].startswith("'/")] == [
        ("C002", 12, serial_at, serial_at + 6, "serial '000712' has no post before it: expected the originating post, then the serial (SANTIAGO 000712)"),
        ("C006", 12, serial_at + 6, serial_at + 13, "'/NOFORN' is written behind '/': expected '//NOFORN'"),
    ]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == (None, "000712")
    assert parsed["caveats"][-1] == "NOFORN"  # (the slip before it is C006's, not the caveat's name)


@pytest.mark.parametrize(
    "line, caveats",
    [("C O N F I D E N T I A L ABC123456//NOFORN", ["NOFORN"]), ("C O N F I D E N T I A L ABC123456//NOFORN//ORCON", ["NOFORN", "ORCON"])],
)
def test_c002_quotes_the_word_where_the_post_goes_not_the_caveats_after_it(line: str, caveats: list[str]) -> None:
    """'ABC123456//NOFORN' where the post and serial go: C002 quoted the piece whole, and
    NOFORN was read as no caveat. C002 quotes the word alone, at it, and the caveats
    after it are read as after a serial."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    assert line in text
    found = check_json("--select", "C002", "-", input=text)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (12, 25, 34, "'ABC123456' on the classification line is no post and serial: expected the post 'SANTIAGO' and the cable's serial (ending 0712)")
    ]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert parsed["caveats"][: len(caveats)] == caveats


@pytest.mark.parametrize(
    "line, end, message",
    [
        ("C O N F I D E N T I A L - 000712", 33, "serial '000712' has '-' where its post goes"),
        ("C O N F I D E N T I A L (000712)", 33, "serial '000712' has parentheses around it and no post before it"),
        ("C O N F I D E N T I A L - 000712//NOFORN", 33, "serial '000712' has '-' where its post goes"),
    ],
)
def test_c002_names_a_mark_before_a_serial_with_no_post(line: str, end: int, message: str) -> None:
    """'C O N F I D E N T I A L - 000712': C002 said 'no post or serial' though a
    serial is written. The serial is read, and C002 names the mark and the post
    missing, from the mark to the serial's end."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    assert line in text
    found = check_json("--select", "C002", "-", input=text)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (12, 25, end, f"{message}: expected the originating post, then the serial (SANTIAGO 000712)")
    ]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == (None, "000712")


_NOT_KNOWN = "is not a known handling caveat: expected one of SIPDIS, NOFORN, SENSITIVE, EXDIS, LIMDIS, NODIS, STADIS, CHEROKEE, SPECAT, CORRECTED COPY"
_ONE_OF = "one of SIPDIS, NOFORN, SENSITIVE, EXDIS, LIMDIS, NODIS, STADIS, CHEROKEE, SPECAT, CORRECTED COPY"
_BEHIND_NOT_KNOWN = f"and is not a known handling caveat: expected '//' and {_ONE_OF}"


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        ("C O N F I D E N T I A L SANTIAGO 000712/NOFORN/ORCON", [(40, "'/NOFORN' is written behind '/': expected '//NOFORN'"), (48, f"'ORCON' {_NOT_KNOWN}")], ["NOFORN", "ORCON"]),
        ("C O N F I D E N T I A L SANTIAGO 000712/NOFORN,ORCON", [(40, "'/NOFORN' is written behind '/': expected '//NOFORN'"), (48, f"'ORCON' {_NOT_KNOWN}")], ["NOFORN", "ORCON"]),
        ("C O N F I D E N T I A L SANTIAGO 000712///NOFORN", [(40, "'///NOFORN' is written behind '///': expected '//NOFORN'")], ["NOFORN"]),
        ("C O N F I D E N T I A L SANTIAGO 000712//NOFORN/ORCON", [(48, f"'/ORCON' is written behind '/' {_BEHIND_NOT_KNOWN}")], ["NOFORN", "ORCON"]),
        ("C O N F I D E N T I A L SANTIAGO 000712//NOFORN,ORCON", [(48, f"',ORCON' is written behind ',' {_BEHIND_NOT_KNOWN}")], ["NOFORN", "ORCON"]),
        # with blanks about the separators, the same
        ("C O N F I D E N T I A L SANTIAGO 000712 / NOFORN / ORCON", [(41, "'/ NOFORN' is written behind '/': expected '//NOFORN'"), (52, f"'ORCON' {_NOT_KNOWN}")], ["NOFORN", "ORCON"]),
        ("C O N F I D E N T I A L SANTIAGO 000712 // NOFORN / ORCON", [(51, f"'/ ORCON' is written behind '/' {_BEHIND_NOT_KNOWN}")], ["NOFORN", "ORCON"]),
    ],
)
def test_caveats_after_the_serial_behind_one_slash_or_a_comma_are_all_read(line: str, found: list[tuple[int, str]], caveats: list[str]) -> None:
    """Several caveats after the serial, '/' or ',' or '///' where '//' goes: each is
    read as a caveat, the slip named once at the first caveat behind it (as for one
    caveat, above), the others read as words (ORCON, not known, named by C006 as
    usual); before, the piece from the first slip on was an attention line, with no
    finding (from '/ORCON' on, NOFORN kept)."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 12]
    assert got == [("C006", 12, col, msg) for col, msg in found]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("SANTIAGO", "000712")
    assert parsed["caveats"] == ["SIPDIS", *caveats]


_SANTIAGO_LINE = "'C O N F I D E N T I A L SANTIAGO 000712'"


@pytest.mark.parametrize(
    "line, found",
    [
        ("C O N F I D E N T I A L SANTIAGO - 000712", [("C002", 34, f"unexpected '-' between the post and serial on the classification line: expected {_SANTIAGO_LINE}")]),
        ("C O N F I D E N T I A L SANTIAGO- 000712", [("C002", 33, f"unexpected '-' between the post and serial on the classification line: expected {_SANTIAGO_LINE}")]),
        (
            "C O N F I D E N T I A L SANTIAGO-000712",
            [("C002", 33, f"the post and serial 'SANTIAGO-000712' are joined by '-' on the classification line: expected a blank between them, {_SANTIAGO_LINE}")],
        ),
        (
            "C O N F I D E N T I A L SANTIAGO/000712//NOFORN",
            [("C002", 33, f"the post and serial 'SANTIAGO/000712' are joined by '/' on the classification line: expected a blank between them, {_SANTIAGO_LINE}")],
        ),
        (
            "C O N F I D E N T I A L SANTIAGO -000712/NOFORN",
            [
                ("C002", 34, f"unexpected '-' between the post and serial on the classification line: expected {_SANTIAGO_LINE}"),
                ("C006", 41, "'/NOFORN' is written behind '/': expected '//NOFORN'"),
            ],
        ),
    ],
)
def test_c002_names_a_dash_or_slash_between_the_post_and_serial(line: str, found: list[tuple[str, int, str]]) -> None:
    """A dash or slash between the post and serial: before, 'SANTIAGO - 000712' gave
    the post 'SANTIAGO -' and no finding, and 'SANTIAGO-000712' and 'SANTIAGO/000712'
    'no serial after the post', the serial an attention line; now the post and serial
    are read and the mark named, as joining them where a blank goes when it has none
    about it; the caveats after the serial read as after any serial."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] in (6, 12)]
    assert got == [(code, 12, col, msg) for code, col, msg in found]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"]) == ("SANTIAGO", "000712")
    assert parsed["caveats"] == ["SIPDIS", *(["NOFORN"] if "NOFORN" in line else [])]  # (a slip before it is C006's)


@pytest.mark.parametrize(
    "text, old, new, expected",
    [
        (SANTIAGO, "C O N F I D E N T I A L SANTIAGO 000712", "C O N F I D E N T I A L 000712", (12, 25, "(SANTIAGO 000712)")),
        (mutate(SANTIAGO, "FM AMEMBASSY SANTIAGO", "FM SECSTATE WASHDC"), "C O N F I D E N T I A L SANTIAGO 000712", "C O N F I D E N T I A L 000712", (12, 25, "(STATE 000712)")),
        (DRAFT, "C O N F I D E N T I A L COPENHAGEN 000517", "C O N F I D E N T I A L 000517", (1, 25, "(e.g. BAMAKO 000517)")),
    ],
)
def test_c002_names_the_fm_line_s_post_before_a_serial_with_no_post(text: str, old: str, new: str, expected: tuple[int, int, str]) -> None:
    """A serial with no post before it: C002's example was always BAMAKO, though the
    FM line names the post the line leaves out. It is the FM line's post now, as the
    line writes it (SECSTATE WASHDC: STATE); BAMAKO only in a draft with no FM line."""
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--select", "C002", "-", input=mutate(text, old, new))]
    line, column, example = expected
    assert found == [(line, column, f"serial '{new.split()[-1]}' has no post before it: expected the originating post, then the serial {example}")]


_UK_NOT_READ = "names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        ("C O N F I D E N T I A L SANTIAGO 000712//REL TO USA, UK//NOFORN", [(42, f"release 'REL TO USA, UK' {_UK_NOT_READ}")], ["REL TO USA, UK", "NOFORN"]),
        ("C O N F I D E N T I A L SANTIAGO 000712//REL TO USA, UK //NOFORN", [(42, f"release 'REL TO USA, UK' {_UK_NOT_READ}")], ["REL TO USA, UK", "NOFORN"]),
        ("C O N F I D E N T I A L SANTIAGO 000712//NOFORN//REL TO USA, UK//EXDIS", [(50, f"release 'REL TO USA, UK' {_UK_NOT_READ}")], ["NOFORN", "REL TO USA, UK", "EXDIS"]),
    ],
)
def test_a_release_not_read_after_the_serial_ends_at_slashes(line: str, found: list[tuple[int, str]], caveats: list[str]) -> None:
    """'//REL TO USA, UK//NOFORN' after the serial: the release, its countries in a form
    not read, ran to the line's end and swallowed NOFORN (with GBR for UK, NOFORN was
    read). It ends at '//', and the caveat after the slashes is read as after any."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    got = [(d["code"], d["column"], d["message"]) for d in check_json("--select", "C", "-", input=text) if d["line"] == 12]
    assert got == [("C006", col, msg) for col, msg in found]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert parsed["caveats"] == ["SIPDIS", *caveats]


@pytest.mark.parametrize(
    "line, at, c006, caveats",
    [
        ("C O N F I D E N T I A L ABC123456,NOFORN", 25, [(34, "',NOFORN' is written behind ',': expected '//NOFORN'")], ["NOFORN", "SIPDIS"]),
        ("C O N F I D E N T I A L ABC123456/NOFORN", 25, [(34, "'/NOFORN' is written behind '/': expected '//NOFORN'")], ["NOFORN", "SIPDIS"]),
        ("C O N F I D E N T I A L//NOFORN ABC123456//EXDIS DEPT FOR NEA", 33, [], ["EXDIS", "SIPDIS", "NOFORN"]),
    ],
)
def test_the_caveats_after_the_word_where_the_post_goes_are_read_behind_any_separator(line: str, at: int, c006: list[tuple[int, str]], caveats: list[str]) -> None:
    """'ABC123456,NOFORN' and 'ABC123456//EXDIS DEPT FOR NEA' where the post and serial
    go: the piece was an attention line whole, the caveat lost. The word stands as
    before (C002 quotes it), the caveat after it is read as after a serial (C006 names
    a slip in its separator), and the text after the caveats is run on (DEPT FOR NEA,
    an attention line)."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    found = [(d["code"], d["column"], d["message"]) for d in check_json("--select", "C", "-", input=text) if d["line"] == 12]
    no_post = "'ABC123456' on the classification line is no post and serial: expected the post 'SANTIAGO' and the cable's serial (ending 0712)"
    assert found == [("C002", at, no_post), *(("C006", col, msg) for col, msg in c006)]
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert parsed["caveats"] == caveats
    assert [a.text for a in parse_text(text).attention][:2] == (["ABC123456", "DEPT FOR NEA"] if "NEA" in line else ["ABC123456", "DEPT FOR WHA/BSC AND ENR"])


NEW_DELHI = corpus_text("cablegate-unclas-sbu-multisection-new-delhi.cable")  # line 12: 'UNCLAS SECTION 01 OF 02 NEW DELHI 002118'
_NEW_XYZZY = mutate(mutate(corpus_text("cablegate-secret-noforn-2005-bogota.cable"), "FM AMEMBASSY BOGOTA", "FM AMEMBASSY NEW XYZZY"), "S E C R E T BOGOTA 009120", "S E C R E T NEW XYZZY 009120")


@pytest.mark.parametrize(
    "text, old, new, line, column, glued, expected, caveats",
    [
        (NEW_DELHI, "NEW DELHI 002118", "NEW DELHI002118", 12, 25, "NEW DELHI002118", "UNCLAS SECTION 01 OF 02 NEW DELHI 002118", []),
        (NEW_DELHI, "NEW DELHI 002118", "NEW DELHI002118//NOFORN", 12, 25, "NEW DELHI002118", "UNCLAS SECTION 01 OF 02 NEW DELHI 002118", ["NOFORN"]),
        (_NEW_XYZZY, "S E C R E T NEW XYZZY 009120", "S E C R E T NEW XYZZY009120", 13, 13, "NEW XYZZY009120", "S E C R E T NEW XYZZY 009120", []),
    ],
)
def test_c002_reads_a_post_of_two_words_glued_to_its_serial(text: str, old: str, new: str, line: int, column: int, glued: str, expected: str, caveats: list[str]) -> None:
    """'NEW DELHI002118' under FM AMEMBASSY NEW DELHI: the post's first word was read as
    the post, 'no serial after the post' (and A004 for a post 'NEW' under FM NEW XYZZY).
    The post of two words glued to its serial is read, as one word glued is, when it
    is the FM line's post or one known, and the missing blank named."""
    text = mutate(text, old, new)
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "C002,A004", "-", input=text)]
    assert found == [("C002", line, column, f"no blank between the post and serial '{glued}' on the classification line: expected '{expected}'")]
    cls = parse_text(text).classification
    assert cls is not None and cls.post is not None and cls.serial is not None
    assert (cls.post.text, cls.serial.text, [c.name for c in cls.caveats]) == (glued[:9], glued[9:], caveats)


@pytest.mark.parametrize(
    "line, found, caveats, post",
    [
        (
            "C O N F I D E N T I A L//ORCON/NOFORN SANTIAGO 000712",
            [("C006", 26, f"'ORCON' {_NOT_KNOWN}"), ("C006", 31, "'/NOFORN' is written behind '/': expected '//NOFORN'")],
            ["ORCON", "/NOFORN"],
            ("SANTIAGO", "000712"),
        ),
        ("C O N F I D E N T I A L//NOFORN,SIPDIS SANTIAGO 000712", [("C006", 32, "',SIPDIS' is written behind ',': expected '//SIPDIS'")], ["NOFORN", ",SIPDIS"], ("SANTIAGO", "000712")),
        # (after a comma, a word that is no caveat is the post, the comma C002's, as before)
        (
            "C O N F I D E N T I A L//NOFORN, SANTIAGO 000712",
            [("C002", 32, "unexpected ',' after 'C O N F I D E N T I A L//NOFORN' on the classification line: expected 'C O N F I D E N T I A L//NOFORN SANTIAGO 000712'")],
            ["NOFORN"],
            ("SANTIAGO", "000712"),
        ),
        ("C O N F I D E N T I A L/NOFORN SANTIAGO 000712//EXDIS", [("C006", 24, "'/NOFORN' is written behind '/': expected '//NOFORN'")], ["/NOFORN", "EXDIS"], ("SANTIAGO", "000712")),
        (
            "C O N F I D E N T I A L//ORCON/NOFORN",
            [
                ("C006", 26, f"'ORCON' {_NOT_KNOWN}"),
                ("C006", 31, "'/NOFORN' is written behind '/': expected '//NOFORN'"),
                ("C002", 38, "no post or serial on the classification line 'C O N F I D E N T I A L//ORCON/NOFORN': expected the post 'SANTIAGO' and the cable's serial (ending 0712)"),
            ],
            ["ORCON", "/NOFORN"],
            (None, None),
        ),
    ],
)
def test_caveats_before_the_post_behind_one_slash_or_a_comma_are_read(line: str, found: list[tuple[str, int, str]], caveats: list[str], post: tuple[object, object]) -> None:
    """'//ORCON/NOFORN' after the level, as US banners join controls of one kind: the
    line's pattern stopped at the single slash, so the post and serial were lost (C002
    'no post or serial', quoting the line up to ORCON) and '/NOFORN SANTIAGO 000712'
    was an attention line. The caveats behind a slash or comma are read as after the
    serial (C006 names the slip), then the post and serial."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    got = [(d["code"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 12]
    assert got == found
    cls = parse_text(text).classification
    assert cls is not None
    assert ((cls.post.text if cls.post else None), (cls.serial.text if cls.serial else None), [c.name for c in cls.caveats]) == (*post, caveats)


@pytest.mark.parametrize(
    "old, new, line, column, caveats, attention",
    [
        ("\nSIPDIS\n", "\nSIPDIS\n\nNOFORN/ORCON\n", 16, 7, ["SIPDIS", "NOFORN", "/ORCON"], ["DEPT FOR WHA/BSC AND ENR"]),
        ("\nSIPDIS\n", "\nNOFORN/ORCON/EXDIS\n", 14, 7, ["NOFORN", "/ORCON", "EXDIS"], ["DEPT FOR WHA/BSC AND ENR"]),
        ("SANTIAGO 000712", "SANTIAGO 000712 NOFORN/ORCON", 12, 47, ["NOFORN", "/ORCON", "SIPDIS"], ["DEPT FOR WHA/BSC AND ENR"]),
    ],
)
def test_a_caveat_behind_one_slash_after_a_caveat_is_read(old: str, new: str, line: int, column: int, caveats: list[str], attention: list[str]) -> None:
    """'NOFORN/ORCON' on a caveat line, or run on after the serial: NOFORN was read and
    '/ORCON' left an attention line, with no finding. It is a caveat, C006 naming it
    with the slash written for '//' (as after a serial)."""
    text = mutate(SANTIAGO, old, new)
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text)]
    on_its_line = f"'//' and {_ONE_OF}" if line == 12 else f"{_ONE_OF} on a line of its own"
    assert found == [("C006", line, column, f"'/ORCON' is written behind '/' and is not a known handling caveat: expected {on_its_line}")]
    cable = parse_text(text)
    assert ([c.name for c in cable.caveats], [a.text for a in cable.attention]) == (caveats, attention)


@pytest.mark.parametrize(
    "line, cls_caveats, caveats, attention",
    [
        # (the release's countries after its comma are the release's, read whole)
        ("C O N F I D E N T I A L//REL TO USA, UK", ["REL TO USA, UK"], ["SIPDIS"], []),
        ("C O N F I D E N T I A L//NOFORN, DELHI SIPDIS", ["NOFORN"], ["SIPDIS"], [", DELHI SIPDIS"]),
        ("C O N F I D E N T I A L ABC123456//DEPT FOR NEA", [], ["SIPDIS"], ["ABC123456//DEPT FOR NEA"]),
        ("C O N F I D E N T I A L EXDIS EXDIS/ SANTIAGO", ["EXDIS", "EXDIS"], ["SIPDIS"], ["/ SANTIAGO"]),
        ("C O N F I D E N T I A L SANTIAGO 000712 EXDIS//DEPT FOR NEA", [], ["EXDIS", "SIPDIS"], ["//DEPT FOR NEA"]),
        # (on a caveat line: an attention line or the E.O. line after one slash)
        ("C O N F I D E N T I A L SANTIAGO 000712\n\nSIPDIS/STATE FOR EUR", [], ["SIPDIS", "SIPDIS"], ["/STATE FOR EUR"]),
        ("C O N F I D E N T I A L SANTIAGO 000712\n\nEXDIS/E.O. 12958: N/A", [], ["EXDIS", "SIPDIS"], ["/E.O. 12958: N/A"]),
    ],
)
def test_words_behind_a_slash_or_comma_that_are_no_caveats_stay_as_read(line: str, cls_caveats: list[str], caveats: list[str], attention: list[str]) -> None:
    """The readers of caveats behind one slash or a comma leave alone what is no caveat
    run: a release's countries after its comma (read with the release), a word after a caveat's comma that
    starts no post and serial, '//' and an attention line after a word or a caveat
    ('//DEPT FOR NEA'), a slash and a post at the line's end, a slash and an attention
    or E.O. line after a caveat line's caveat (these were read as caveats while the
    readers were written: ', UK', ', DELHI', 'DEPT', '/ SANTIAGO', '/STATE', '/E')."""
    cable = parse_text(SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1))
    assert cable.classification is not None
    got = ([c.name for c in cable.classification.caveats], [c.name for c in cable.caveats], [a.text for a in cable.attention])
    assert got == (cls_caveats, caveats, [*attention, "DEPT FOR WHA/BSC AND ENR"])


@pytest.mark.parametrize(
    "line, caveats",
    [
        ("S E C R E T//NOFORN/ORCON", ["NOFORN", "ORCON"]),
        ("S E C R E T SECTION 01 OF 02//NOFORN/ORCON", ["NOFORN", "ORCON"]),
        ("S E C R E T//NOFORN/ORCON/EXDIS", ["NOFORN", "ORCON", "EXDIS"]),
    ],
)
def test_c002_quotes_a_line_ending_with_a_caveat_behind_one_slash_to_it(line: str, caveats: list[str]) -> None:
    """'//NOFORN/ORCON' with nothing after it: '/ORCON' was lost with no finding and
    C002 quoted the line up to NOFORN ('000712//NOFORN/ORCON' reads it). It is read,
    C006 naming the slip with it, and C002 quotes the line to its end."""
    text = mutate(BOGOTA, "S E C R E T BOGOTA 009120", line)
    found = check_json("--select", "C002,C006", "-", input=text)
    orcon, end = line.index("/ORCON") + 1, len(line) + 1
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("C006", 13, orcon, f"'/ORCON' is written behind '/' {_BEHIND_NOT_KNOWN}"),
        ("C002", 13, end, f"no post or serial on the classification line '{line}': expected the post 'BOGOTA' and the cable's serial (ending 9120)"),
    ]
    assert json.loads(run_cli("parse", "-", input=text.encode()).stdout)["caveats"][2:] == caveats


@pytest.mark.parametrize(
    "line, cls_caveats, attention",
    [
        ("C O N F I D E N T I A L SECTO 012034/TOSEC", [], ["/TOSEC"]),
        ("C O N F I D E N T I A L USNATO 000123/DEPT PASS TO SECDEF", [], ["/DEPT PASS TO SECDEF"]),
        ("C O N F I D E N T I A L SANTIAGO 000712/EUR/RPM", [], ["/EUR/RPM"]),
        ("C O N F I D E N T I A L SANTIAGO 000712/ DEPT FOR WHA/BSC", [], ["/ DEPT FOR WHA/BSC"]),
        ("C O N F I D E N T I A L SANTIAGO 000712//NOFORN/DEPT FOR NEA", ["NOFORN"], ["/DEPT FOR NEA"]),
        ("C O N F I D E N T I A L SANTIAGO 000712//NOFORN, DEPT FOR EUR", ["NOFORN"], [", DEPT FOR EUR"]),
    ],
)
def test_words_behind_a_slash_or_comma_after_the_serial_that_are_no_caveats_stay_as_read(line: str, cls_caveats: list[str], attention: list[str]) -> None:
    """An office symbol or an attention line after the serial behind '/' or ',' (or after
    a caveat there) was read as a caveat not known: C006 "'/TOSEC' is not a known
    handling caveat". The first word behind the slip is read as a caveat only when it
    is one or one with a letter wrong, as on a caveat line; the rest is as before."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", line, 1)
    assert [(d["code"], d["column"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 12] == []
    cable = parse_text(text)
    assert cable.classification is not None
    got = ([c.name for c in cable.classification.caveats], [c.name for c in cable.caveats], [a.text for a in cable.attention])
    assert got == (cls_caveats, ["SIPDIS"], [*attention, "DEPT FOR WHA/BSC AND ENR"])


def test_a_comma_after_a_caveat_behind_a_slip_does_not_carry_into_an_attention_line() -> None:
    """'000712/ SIPDIS, DEPT FOR EUR': the comma carried the run past SIPDIS into DEPT,
    named by C006 as a caveat not known. SIPDIS is read (its slip named), the rest is
    an attention line."""
    text = SANTIAGO.replace("C O N F I D E N T I A L SANTIAGO 000712", "C O N F I D E N T I A L SANTIAGO 000712/ SIPDIS, DEPT FOR EUR", 1)
    got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 12]
    assert got == [("C006", 12, 40, "'/ SIPDIS' is written behind '/': expected '//SIPDIS'")]
    cable = parse_text(text)
    assert cable.classification is not None
    got = ([c.name for c in cable.classification.caveats], [c.name for c in cable.caveats], [a.text for a in cable.attention])
    assert got == (["/ SIPDIS"], ["SIPDIS"], [", DEPT FOR EUR", "DEPT FOR WHA/BSC AND ENR"])


@pytest.mark.parametrize(
    "old, new, found",
    [
        ("SANTIAGO 000712", "SANTIAGO 000712/NOFRON", (12, 40, "'/NOFRON' is written behind '/' and is not a known handling caveat: expected '//NOFORN'")),
        ("SANTIAGO 000712", "SANTIAGO 000712, NOFORN", (12, 40, "', NOFORN' is written behind ',': expected '//NOFORN'")),
        ("\nSIPDIS\n", "\nNOFORN/EXDIS\n", (14, 7, "'/EXDIS' is written behind '/': expected EXDIS on a line of its own")),
        ("\nSIPDIS\n", "\nNOFORN/NOFRON\n", (14, 7, "'/NOFRON' is written behind '/' and is not a known handling caveat: expected NOFORN on a line of its own")),
    ],
)
def test_c006_names_the_separator_a_caveat_is_written_behind(old: str, new: str, found: tuple[int, int, str]) -> None:
    """A caveat behind one slash, three or a comma where '//' goes: C006 said "'/NOFORN'
    is not a known handling caveat: expected NOFORN", though NOFORN is known and the
    fault is the separator. It names the separator and the caveat as meant: after '//'
    on the classification line, on a line of its own on a caveat line (one caption a
    line); a word that is no caveat is named as such too."""
    text = mutate(SANTIAGO, old, new)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text)] == [("C006", *found)]


@pytest.mark.parametrize(
    "line, found",
    [
        ("SANTIAGO 000712/SIPDIS/", [("C006", 40, "'/SIPDIS' is written behind '/': expected '//SIPDIS'"), ("C002", 47, "unexpected '/' after the caveat 'SIPDIS'")]),
        ("SANTIAGO 000712//NOFORN/", [("C002", 48, "unexpected '/' after the caveat 'NOFORN'")]),
        ("SANTIAGO 000712//NOFORN//", [("C002", 48, "unexpected '//' after the caveat 'NOFORN'")]),
    ],
)
def test_c002_names_a_stray_mark_after_the_caveat_that_ends_the_line(line: str, found: list[tuple[str, int, str]]) -> None:
    """A slash after the caveat that ends the line: C002 said "unexpected '/' at the end
    of the classification line: expected the line to end with its serial", though a
    caveat may follow the serial. It names the mark as stray after the caveat. (After
    the serial alone, the serial is what the line ends with.)"""
    text = mutate(SANTIAGO, "SANTIAGO 000712", line)
    tail = " at the end of the classification line: expected the line to end with the caveat"
    got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text)]
    assert got == [(code, 12, column, message if code == "C006" else message + tail) for code, column, message in found]
    text = mutate(SANTIAGO, "SANTIAGO 000712", "SANTIAGO 000712/")
    assert [d["message"] for d in check_json("--select", "C002", "-", input=text)] == [
        "unexpected '/' at the end of the classification line: expected the line to end with its serial"
    ]


def test_c006_cuts_a_separator_that_runs_on_short_in_its_message() -> None:
    """'//NOFORN' and thousands of slashes before ORCON: C006 quoted the caveat and its
    separator whole, twice in one message of 20,000 characters; both are cut short,
    as other quotes are (quote.clip)."""
    text = mutate(SANTIAGO, "SANTIAGO 000712", "SANTIAGO 000712//NOFORN" + "/" * 9990 + "ORCON")
    (found,) = [d for d in check_json("--select", "C006", "-", input=text)]
    assert (found["line"], found["column"]) == (12, 48)  # (the first '/' after NOFORN)
    assert found["message"].startswith("'" + "/" * 37 + "...' is written behind '///////...' and is not a known handling caveat")


BEIRUT = corpus_text("markdown-secret-noforn-beirut.cable")  # line 12: 'S E C R E T BEIRUT 000911'


@pytest.mark.parametrize("word", ["ORCON", "XYZ"])
def test_a_word_behind_one_slash_after_a_caveat_before_the_post_leaves_the_post_and_serial_read(word: str) -> None:
    """'S E C R E T//NOFORN/ORCON BEIRUT 000911': the word that is no caveat, with text
    after it, stopped the run as after the serial does, so C002 said "no post or serial
    on the classification line 'S E C R E T//NOFORN'" and the post, serial and '/ORCON'
    went to an attention line. Before the post the text after the run is the post and
    serial: '/ORCON' is read, C006 names it, and the post and serial are read."""
    line = f"S E C R E T//NOFORN/{word} BEIRUT 000911"
    text = BEIRUT.replace("S E C R E T BEIRUT 000911", line, 1)
    got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 12]
    assert got == [("C006", 12, 20, f"'/{word}' is written behind '/' {_BEHIND_NOT_KNOWN}")]
    cls = parse_text(text).classification
    assert cls is not None and cls.post is not None and cls.serial is not None
    assert (cls.post.text, cls.serial.text, [c.name for c in cls.caveats]) == ("BEIRUT", "000911", ["NOFORN", f"/{word}"])
    parsed = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert (parsed["classification"]["origin"], parsed["classification"]["serial"], parsed["reference_id"]) == ("BEIRUT", "000911", "08BEIRUT911")


@pytest.mark.parametrize("mark", ["/", "//", ","])
def test_a_word_behind_one_slash_after_a_caveat_after_the_serial_then_a_stray_mark_is_read(mark: str) -> None:
    """'BEIRUT 000911//NOFORN/ORCON/': the mark after '/ORCON' counted as text, so
    '/ORCON/' went to an attention line with no finding (C006 names '/ORCON' when the
    line ends with it). '/ORCON' is read as a caveat, C006 naming it, and C002 names
    the stray mark after it."""
    line = f"S E C R E T BEIRUT 000911//NOFORN/ORCON{mark}"
    text = BEIRUT.replace("S E C R E T BEIRUT 000911", line, 1)
    got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 12]
    assert got == [
        ("C006", 12, 34, f"'/ORCON' is written behind '/' {_BEHIND_NOT_KNOWN}"),
        ("C002", 12, 40, f"unexpected '{mark}' after the caveat 'ORCON' at the end of the classification line: expected the line to end with the caveat"),
    ]
    cable = parse_text(text)
    assert cable.classification is not None and cable.classification.serial is not None
    assert (cable.classification.serial.text, [c.name for c in cable.classification.caveats]) == ("000911", ["NOFORN", "/ORCON"])
    assert [a.text for a in cable.attention] == ["DEPT FOR NEA/ELA AND DS/IP/NEA"]


@pytest.mark.parametrize(
    "line, cls_caveats, attention",
    [
        ("S E C R E T BEIRUT 000911/ORCON", [], "/ORCON"),
        ("S E C R E T BEIRUT 000911/XYZZY", [], "/XYZZY"),
        ("S E C R E T BEIRUT 000911//NOFORN/ORCON DEPT FOR NEA", ["NOFORN"], "/ORCON DEPT FOR NEA"),
        ("S E C R E T//NOFORN BEIRUT 000911/ORCON", ["NOFORN"], "/ORCON"),
        ("S E C R E T BEIRUT 000911//NOFORN/ORCON/ DEPT FOR NEA", ["NOFORN"], "/ORCON/ DEPT FOR NEA"),
    ],
)
def test_words_after_the_serial_read_as_no_caveat_stay_in_the_model_as_an_attention_line(line: str, cls_caveats: list[str], attention: str) -> None:
    """A word after the serial that is not read as a caveat (as '000911/TOSEC') is kept,
    as at 9b9c0ee4, as an attention line: nothing the user wrote is lost, and no
    finding on the line."""
    text = BEIRUT.replace("S E C R E T BEIRUT 000911", line, 1)
    assert [(d["code"], d["column"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 12] == []
    cable = parse_text(text)
    assert cable.classification is not None and cable.classification.serial is not None
    got = (cable.classification.serial.text, [c.name for c in cable.classification.caveats], [a.text for a in cable.attention])
    assert got == ("000911", cls_caveats, [attention, "DEPT FOR NEA/ELA AND DS/IP/NEA"])
