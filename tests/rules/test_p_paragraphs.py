"""P rules: numbered paragraphs, markers and paired blocks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import pytest

from tests.conftest import SEED, check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, fixed, mutate, params, redaction_in_header

REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")  # CONFIDENTIAL, paras 1-8


def page_header_before(text: str, head: str, header: str = "REYKJAVIK 00000687 002 OF 003") -> str:
    """REK with its page header at line 60 moved to the start of paragraph 4's line
    (line 77 then), that paragraph's head written *head*, the line wrapped after it."""
    text = mutate(text, "REYKJAVIK 00000687 002 OF 003\n", "")
    return mutate(text, "\n4. (C) The last item is the one that concerns us. Since the\n", f"\n{header} {head} The last item is the one\nthat concerns us. Since the\n")
BKO = corpus_text("telegram-unclas-bamako.cable")  # UNCLAS, all paras marked (U)
CPH = corpus_text("draft-confidential-copenhagen.cable")  # sub-paragraphs A. B. C. in para 2
OSLO = corpus_text("telegram-legacy-confidential-oslo-1989.cable")  # 1989, E.O. 12356, paragraphs marked (C)
NATO = corpus_text("telegram-secret-usnato-multisection.cable")  # SECRET; sub-paragraphs A. (S), B. (C), C. (C) at lines 42-50
SEED_TEXT = SEED.read_text(encoding="utf-8")
# the archive's note before a partial extract (cable-format.md 2.8), and the Paris cable's
# paragraphs 1-4 as the extract's paragraphs 7-10 (the note's line is long: only=False)
NOTE = "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n"
# the Reykjavik cable sent in four sections (a fourth page header in paragraph 6), with
# and without its summary
FOUR = mutate(mutate(mutate(REK, "SECTION 01 OF 03", "SECTION 01 OF 04"), " OF 003\n", " OF 004\n", 2), "Faroes gap, under\n", "Faroes gap, under\nREYKJAVIK 00000687 004 OF 004\n")
FOUR_BARE = mutate(mutate(FOUR, "1. (C) Summary: The", "1. (C) The"), " End Summary.", "")
EXTRACT = NOTE + corpus_text("cablegate-confidential-paris.cable").replace("\u00b64.", "\u00b610.").replace("\u00b63.", "\u00b69.").replace("\u00b62.", "\u00b68.").replace("\u00b61.", "\u00b67.")

# CPH as the archive shows it: paragraph signs before the numbers and before the
# letters of paragraph 2, indented ten columns, C. made D.
ARCHIVED_LETTERS = mutate(mutate(mutate(CPH, "C. the lessons", "          \u00b6D. the lessons"), "B. the regulatory", "          \u00b6B. the regulatory"), "A. the technical", "          \u00b6A. the technical")
for _n in range(1, 5):
    ARCHIVED_LETTERS = mutate(ARCHIVED_LETTERS, f"\n{_n}. (", f"\n\u00b6{_n}. (")

CASES = [
    # P001
    Case("P001", "clean", REK),
    Case("P001", "skip", mutate(REK, "4. (C) The last item", "5. (C) The last item"), ((78, 1),)),
    # one wrong number between two that agree is one typo, not a repeat and a gap
    # a page header at the start of a line, paragraph 4's head after it: that head is
    # read (the line starts no text in paragraph 3)
    Case("P001", "head-after-a-page-header-on-its-line", page_header_before(REK, "4. (C)")),
    Case("P001", "head-after-a-page-header-on-its-line-skips", page_header_before(REK, "5. (C)"), ((77, 31),)),
    Case("P001", "repeat", mutate(REK, "7. (U) Ref B", "6. (U) Ref B"), ((116, 1),)),
    # after a gap (3 to 5), a head repeating the one above before the next gap is the slip
    Case("P001", "gap-then-repeat", mutate(mutate(REK, "4. (C) The last item", "5. (C) The last item"), "5. (C) Sveinbjornsson asked", "5. (C) Sveinbjornsson asked").replace("\n6. (C) Sveinbjornsson also", "\n7. (C) Sveinbjornsson also").replace("\n7. (U) Ref B", "\n8. (U) Ref B").replace("\n8. (C) Comment", "\n9. (C) Comment"), ((78, 1), (94, 1)), only=False),
    Case("P001", "wrong-number", mutate(REK, "7. (U) Ref B", "3. (U) Ref B"), ((116, 1),)),
    # the number of the paragraph above again, then the next one: a paragraph numbered twice
    Case("P001", "paragraph-numbered-twice", mutate(REK, "7. (U) Ref B", "6. (C) He said so again.\n\n7. (U) Ref B"), ((116, 1),)),
    # ... but not an unmarked line under marked paragraphs: text wrapped at a number
    Case("P001", "wrapped-line-with-the-number-above-is-text", mutate(REK, "a share of the patrols", "a share of the\n6. patrols")),
    # two paragraphs in the wrong order are one mistake, at the first of them
    Case("P001", "paragraphs-in-the-wrong-order", REK.replace("\n5. (C) Sveinbjornsson", "\n6. (C) Sveinbjornsson", 1).replace("\n6. (C) Sveinbjornsson also", "\n5. (C) Sveinbjornsson also"), ((94, 1),)),
    Case("P001", "last-two-paragraphs-in-the-wrong-order", REK.replace("\n7. (U) Ref B", "\n8. (U) Ref B").replace("\n8. (C) Comment", "\n7. (C) Comment"), ((116, 1),)),
    Case("P001", "repeat-then-gap", mutate(mutate(REK, "7. (U) Ref B", "6. (U) Ref B"), "8. (C) Comment", "9. (C) Comment"), ((116, 1), (121, 1))),
    # marked paragraphs that start again at 1 are renumbered paragraphs, not a list
    Case("P001", "restart-at-one", REK.replace("\n5. (C)", "\n1. (C)").replace("\n6. (C)", "\n2. (C)").replace("\n7. (U)", "\n3. (U)").replace("\n8. (C)", "\n4. (C)"), ((94, 1),), only=False),
    Case("P001", "restart-in-quoted-text-is-not-reported", mutate(REK, "5. (C) Sveinbjornsson asked", "BEGIN TEXT:\n1. (C) Sveinbjornsson asked").replace("\n6. (C)", "\n2. (C)").replace("\n7. (U)", "\n3. (U)").replace("\n8. (C)", "\n4. (C)"), only=False),
    Case("P001", "start-above-one", mutate(REK, "1. (C) Summary", "2. (C) Summary"), ((31, 1),)),
    # a partial extract's numbering starts where the extract starts; a gap after it counts
    Case("P001", "partial-extract-starts-above-one", EXTRACT, only=False),
    Case("P001", "gap-in-a-partial-extract", mutate(EXTRACT, "\u00b69. (C)", "\u00b610. (C)").replace("\u00b610. (U)", "\u00b611. (U)"), ((43, 2),), only=False),
    # the letter O typed for the zero of 10: that head's slip, not a gap from 9 to 11
    Case("P001", "letter-o-for-a-zero", mutate(EXTRACT, "\u00b610. (", "\u00b61O. ("), ((48, 2),), only=False),
    Case("P001", "letter-o-after-a-number-without-marker-is-text", mutate(REK, "-- one of the two", "1O. one of the two")),
    # a number typed as the letter it looks like, where the numbers go on with that digit
    # ("B." for 8 after 7, the last; "S." for 5 between 4 and 6): that head's slip, read
    # as the paragraph (its marker counts), not text run into the paragraph above
    Case("P001", "letter-b-for-an-eight", mutate(REK, "8. (C) Comment", "B. (C) Comment"), ((121, 1),)),
    Case("P001", "letter-s-for-a-five", mutate(REK, "5. (C) Sveinbjornsson", "S. (C) Sveinbjornsson"), ((94, 1),)),
    Case("P001", "letter-i-for-the-first-number", mutate(REK, "1. (C) Summary", "I. (C) Summary"), ((31, 1),)),
    # ... but not a list's letter, nor a letter where the numbers go on with another digit
    Case("P001", "list-letter-b-is-no-paragraph", mutate(REK, "7. (U) Ref B reported", "7. (U) Ref B:\n\nA. (U) reported").replace("8. (C) Comment", "B. (C) Comment")),
    Case("P001", "letter-b-where-six-is-missing-is-no-eight", mutate(REK, "6. (C) Sveinbjornsson also", "B. (C) Sveinbjornsson also"), ((116, 1),)),
    Case("P001", "letter-b-without-marker-is-text", mutate(REK, "8. (C) Comment", "B. Comment")),
    # a head written marker first counts in the numbering (no gap from 4 to 6)
    Case("P001", "head-written-marker-first-counts", mutate(REK, "5. (C) Sveinbjornsson", "(C) 5. Sveinbjornsson"), only=False),
    Case("P001", "start-above-one-without-the-extract-note", EXTRACT[len(NOTE) :], ((28, 2),), only=False),
    # paragraphs the archive redacted whole: a line of X's alone stands where they were
    Case("P001", "start-above-one-after-a-redaction", EXTRACT[len(NOTE) :].replace("\u00b67. (C)", "XXXXXXXXXXXX\n\n\u00b67. (C)"), only=False),
    Case("P001", "gap-over-a-redaction", mutate(REK, "4. (C) The last item is", "XXXXXXXXXXXX\n\n(C) The last item is"), only=False),
    Case("P001", "gap-without-a-redaction", mutate(REK, "4. (C) The last item is", "(C) The last item is"), ((94, 1),), only=False),
    Case("P001", "gap-over-a-lower-case-redaction", mutate(REK, "4. (C) The last item is", "xxxxx\n\n(C) The last item is"), only=False),
    Case("P001", "gap-over-a-five-x-redaction", mutate(REK, "4. (C) The last item is", "XXXXX\n\n(C) The last item is"), only=False),
    Case("P001", "start-above-one-after-a-lower-case-redaction", EXTRACT[len(NOTE) :].replace("\u00b67. (C)", "xxxxx\n\n\u00b67. (C)"), only=False),
    # a redaction alone in the header says nothing of the paragraphs: the text starts at 2
    Case("P001", "start-above-one-under-a-redaction-in-the-header", redaction_in_header(mutate(REK, "1. (C) Summary: The", "(C) Summary: The")), ((50, 1),), only=False),
    Case("P001", "start-above-one-under-a-lower-case-redaction-in-the-header", redaction_in_header(mutate(REK, "1. (C) Summary: The", "(C) Summary: The"), "xxxxx"), ((50, 1),), only=False),
    # a redaction inside a line is no paragraph withheld
    Case("P001", "gap-beside-a-redaction-in-a-line", mutate(REK, "4. (C) The last item is", "(C) The last xxxxx is"), ((94, 1),), only=False),
    # a wrong first number before paragraph 2 is that head's typo, not a sequence going back
    Case("P001", "first-number-wrong", mutate(REK, "1. (C) Summary", "5. (C) Summary"), ((31, 1),)),
    # a number and a word in parentheses that is no marker is no paragraph head
    Case("P001", "number-without-marker-is-text", mutate(REK, "5. (C) Sveinbjornsson", "5 (CG) Sveinbjornsson"), ((106, 1),), only=False),
    Case("P001", "numbered-list-inside-is-not-a-paragraph", mutate(REK, "-- one of the two", "1. one of the two")),
    # a head run into the line above (its line break lost) is that mistake, not a gap
    Case("P001", "head-run-into-the-line-above", mutate(REK, "be embarrassed.\n\n6. (C) Sveinbjornsson also", "be embarrassed. 6. (C) Sveinbjornsson also"), ((104, 36),), only=False),
    # the archive's unwrapped text keeps the paragraph sign before the run-in number
    Case("P001", "head-with-paragraph-sign-run-into-the-line-above", mutate(corpus_text("cablegate-unwrapped-secret-closing-banner-tunis.cable"), "End Summary.\n\n\u00b62. (S/NF)", "End Summary. \u00b62. (S/NF)"), ((22, 274),), only=False),
    Case("P001", "head-with-paragraph-sign-run-in-after-two-spaces", mutate(corpus_text("cablegate-unwrapped-secret-closing-banner-tunis.cable"), "End Summary.\n\n\u00b62. (S/NF)", "End Summary.  \u00b62. (S/NF)"), ((22, 275),), only=False),
    Case("P001", "first-head-run-into-the-classified-by-line", mutate(REK, "for reasons 1.4 (b) and (d)\n\n1. (C) Summary", "for reasons 1.4 (b) and (d) 1. (C) Summary"), ((29, 29),), only=False),
    Case("P001", "wrapped-date-is-not-a-paragraph", mutate(REK, "4. (C) The last item is the one that concerns us. Since the\n", "4. (C) The last item is the one that concerns us. Since the\n2008. air policing rotation\n")),
    # P002
    Case("P002", "clean", REK),
    Case("P002", "classified-unmarked", mutate(REK, "6. (C) Sveinbjornsson also", "6. Sveinbjornsson also"), ((106, 4),), severity="error"),
    # a paragraph the archive redacted whole: its marker went with its text
    Case("P002", "redacted-paragraph", mutate(REK, "6. (C) Sveinbjornsson also", "6. XXXXXXXXXXXX\n\nSveinbjornsson also"), only=False),
    Case("P002", "redaction-after-a-marker-is-text", mutate(REK, "6. (C) Sveinbjornsson also", "6. Sveinbjornsson XXXXXXXXXXXX also"), ((106, 4),), severity="error", only=False),
    Case("P002", "lower-case-redacted-paragraph", mutate(REK, "6. (C) Sveinbjornsson also", "6. xxxxx\n\nSveinbjornsson also"), only=False),
    Case("P002", "text-starting-with-a-lower-case-redaction", mutate(REK, "6. (C) Sveinbjornsson also", "6. xxxxx also"), only=False),
    Case("P002", "lower-case-redaction-after-a-marker-is-text", mutate(REK, "6. (C) Sveinbjornsson also", "6. Sveinbjornsson xxxxx also"), ((106, 4),), severity="error", only=False),
    Case("P002", "unclassified-partly-marked", mutate(BKO, "3. (U) The prefect", "3. The prefect"), ((40, 4),), severity="warning", only=False),
    Case("P002", "unclassified-unmarked-throughout", BKO.replace(". (U) ", ". ")),
    # a paragraph the archive withheld is no marked one: the cable still marks none
    Case("P002", "unclassified-unmarked-throughout-with-a-withheld-paragraph", mutate(BKO.replace(". (U) ", ". "), "3. The prefect", "3. XXXXXXXXXXXX\n\nThe prefect"), only=False),
    Case("P002", "unclassified-unmarked-throughout-with-a-lower-case-withheld-paragraph", mutate(BKO.replace(". (U) ", ". "), "3. The prefect", "3. xxxxx\n\nThe prefect"), only=False),
    Case("P002", "unclassified-partly-marked-with-a-withheld-paragraph", mutate(mutate(BKO, "3. (U) The prefect", "3. XXXXXXXXXXXX\n\nThe prefect"), "2. (U) In each", "2. In each"), ((31, 4),), severity="warning", only=False),
    Case("P002", "entire-text-marking", mutate(REK, "1. (C) Summary", "1. (C - ENTIRE TEXT) Summary").replace("(C) ", "").replace("(U) ", ""), only=False),
    # P003
    Case("P003", "clean", REK),
    # "(SBU/N)" is SBU NOFORN (4.2): a marker, read as SBU/NF
    Case("P003", "sbu-slash-n", mutate(corpus_text("telegram-unclas-sbu-noforn-nairobi.cable"), "2. (SBU/NF) The review", "2. (SBU/N) The review")),
    Case("P003", "lower-case", mutate(REK, "5. (C) Sveinbjornsson", "5. (c) Sveinbjornsson"), ((94, 4),)),
    # a blank after the opening parenthesis, as before the closing one: the marker, named
    # a lettered sub-paragraph's own marker without its closing parenthesis
    Case("P003", "sub-paragraph-marker-unclosed", mutate(corpus_text("telegram-secret-usnato-multisection.cable"), "B. (C) reinforcement", "B. (C reinforcement"), ((46, 4),)),
    # ... but not one closed further on, after a release list (the real 08RANGOON749)
    Case("P003", "sub-paragraph-marker-with-a-release-list", mutate(corpus_text("telegram-secret-usnato-multisection.cable"), "B. (C) reinforcement", "B. (S//REL TO USA, GBR) reinforcement"), only=False),
    # a lettered sub-paragraph's own marker is read as a paragraph's: an unknown level,
    # lower case, a bad separator
    Case("P003", "sub-paragraph-marker-unknown-level", mutate(NATO, "B. (C) reinforcement", "B. (X) reinforcement"), ((46, 4),), only=False),
    Case("P003", "sub-paragraph-marker-in-lower-case", mutate(NATO, "B. (C) reinforcement", "B. (c) reinforcement"), ((46, 4),)),
    Case("P003", "sub-paragraph-marker-hyphen-separator", mutate(NATO, "B. (C) reinforcement", "B. (C-NF) reinforcement"), ((46, 4),), only=False),
    Case("P003", "sub-paragraph-marker-with-controls-in-lower-case", mutate(NATO, "A. (S) secure", "A. (s/nf) secure"), ((42, 4),), only=False),
    # a lower-case letter where no sub-paragraph above carries a marker is a list in a list
    Case("P003", "sub-paragraph-lower-case-letter-is-a-list-label", mutate(NATO, "A. (S) secure", "A. (c) secure"), only=False),
    Case("P003", "sub-paragraph-markers", NATO),
    Case("P003", "blank-after-the-opening-parenthesis", mutate(REK, "5. (C) Sveinbjornsson", "5. ( C) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "blank-before-the-closing-parenthesis", mutate(REK, "5. (C) Sveinbjornsson", "5. (C ) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "unknown-level", mutate(REK, "5. (C) Sveinbjornsson", "5. (X) Sveinbjornsson"), ((94, 4),), only=False),
    Case("P003", "hyphen-separator", mutate(REK, "5. (C) Sveinbjornsson", "5. (C-NF) Sveinbjornsson"), ((94, 4),), only=False),
    Case("P003", "no-closing-parenthesis", mutate(REK, "5. (C) Sveinbjornsson", "5. (C Sveinbjornsson"), ((94, 4),)),
    Case("P003", "no-opening-parenthesis", mutate(REK, "5. (C) Sveinbjornsson", "5. C) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "square-brackets", mutate(REK, "5. (C) Sveinbjornsson", "5. [C] Sveinbjornsson"), ((94, 4),)),
    Case("P003", "level-spelled-out", mutate(REK, "5. (C) Sveinbjornsson", "5. (CONFIDENTIAL) Sveinbjornsson"), ((94, 4),), only=False),
    Case("P003", "level-spelled-out-in-mixed-case", mutate(REK, "5. (C) Sveinbjornsson", "5. (Confidential) Sveinbjornsson"), ((94, 4),), only=False),
    # spelled out with a letter wrong, also before its controls: the marker still, written
    # wrong (not a paragraph without one, P002's)
    Case("P003", "level-spelled-out-misspelt", mutate(REK, "5. (C) Sveinbjornsson asked whether", "5. (CONFIDENTAL) Sveinbjornsson asked"), ((94, 4),)),
    Case("P003", "level-spelled-out-letters-swapped", mutate(REK, "5. (C) Sveinbjornsson asked whether", "5. (CONFIDENITAL) Sveinbjornsson asked"), ((94, 4),)),
    Case("P003", "level-spelled-out-misspelt-with-a-control", mutate(REK, "5. (C) Sveinbjornsson", "5. (CONFIDENTAL/NF) Sveinbjornsson"), ((94, 4),), only=False),
    # a word a letter or more from every level is no marker (P002's), nor one three letters off
    Case("P003", "word-near-a-level-is-no-marker", mutate(REK, "5. (C) Sveinbjornsson", "5. (SECRETARY) Sveinbjornsson"), only=False),
    # a parenthesis after the number that is no level stays text (P002's to report)
    Case("P003", "words-in-parentheses-are-no-marker", mutate(REK, "5. (C) Sveinbjornsson", "5. (Reykjavik) Sveinbjornsson"), only=False),
    # "(C - ENTIRE TEXT)" (cable-format.md 3.8): the marking of a text before E.O. 12958;
    # in a later cable without its Classified By line, C004's finding
    # the sentence form with its level misspelt: one P003 at the word, not a P002 per paragraph
    Case("P003", "entire-text-sentence-misspelt", mutate(OSLO, "1. (C) SUMMARY: THE MINISTRY", "1. CONFIDENTAIL - ENTIRE TEXT.\nSUMMARY: THE MINISTRY").replace("(C) ", ""), ((22, 4),)),
    Case("P003", "entire-text-sentence", mutate(OSLO, "1. (C) SUMMARY: THE MINISTRY", "1. CONFIDENTIAL - ENTIRE TEXT.\nSUMMARY: THE MINISTRY").replace("(C) ", "")),
    Case("P003", "entire-text-before-1995", mutate(OSLO, "1. (C) SUMMARY: THE MINISTRY", "1. (C - ENTIRE TEXT) SUMMARY:\nTHE MINISTRY")),
    Case("P003", "entire-text-without-classified-by", mutate(REK, "Classified By: Ambassador Carol A. Lindqvist\nfor reasons 1.4 (b) and (d)\n\n1. (C) Summary: The", "1. (C - ENTIRE TEXT) Summary:\nThe"), only=False),
    Case("P003", "entire-text-with-classified-by", mutate(REK, "1. (C) Summary: The", "1. (C - ENTIRE TEXT) Summary:\nThe"), ((31, 4),)),
    Case("P003", "release-list-case-is-free", mutate(REK, "5. (C) Sveinbjornsson", "5. (C//Rel UK) Sveinbjornsson")),
    # a known level with a word after it that is no control: a marker, with its level read
    Case("P003", "unknown-control", mutate(REK, "5. (C) Sveinbjornsson", "5. (C//FN) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "unknown-control-after-sbu", mutate(BKO, "3. (U) The prefect", "3. (SBU/FN) The prefect"), ((40, 4),), only=False),
    Case("P003", "separator-without-control", mutate(REK, "5. (C) Sveinbjornsson", "5. (C//) Sveinbjornsson"), ((94, 4),)),
    # a doubled or mismatched parenthesis or bracket around a level: the marker, not P002's
    Case("P003", "doubled-opening-parenthesis", mutate(REK, "5. (C) Sveinbjornsson", "5. ((C) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "bracket-for-closing-parenthesis", mutate(REK, "5. (C) Sveinbjornsson", "5. (C] Sveinbjornsson"), ((94, 4),)),
    # a slip after a valid marker: its closing parenthesis doubled, the marker typed twice
    Case("P003", "doubled-closing-parenthesis", mutate(REK, "5. (C) Sveinbjornsson", "5. (C)) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "marker-written-twice", mutate(REK, "5. (C) Sveinbjornsson", "5. (C) (C) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "second-marker-of-another-level", mutate(REK, "5. (C) Sveinbjornsson", "5. (C) (U) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "a-word-in-parentheses-after-the-marker-is-text", mutate(REK, "5. (C) Sveinbjornsson", "5. (C) (Oslo) Sveinbjornsson")),
    # a zero typed for the letter: an unknown level, not a paragraph without a marker
    Case("P003", "zero-for-a-letter", mutate(REK, "5. (C) Sveinbjornsson", "5. (0) Sveinbjornsson"), ((94, 4),)),
    Case("P003", "doubled-parentheses-around-a-word-are-no-marker", mutate(REK, "5. (C) Sveinbjornsson", "5. ((Reykjavik)) Sveinbjornsson"), only=False),
    # P004
    Case("P004", "clean", REK),
    Case("P004", "seed-no-space", SEED_TEXT, ((30, 1), (32, 1), (34, 1), (36, 1), (40, 1), (42, 1), (44, 1), (46, 1)), severity="info", only=False),
    Case("P004", "two-spaces", mutate(REK, "5. (C) Sveinbjornsson", "5.  (C) Sveinbjornsson"), ((94, 1),), severity="info"),
    # a head written marker first (the real 07BAGHDAD3504's layout) is the paragraph,
    # its layout reported; a line starting with a marker and a number that does not go
    # on with the paragraphs' is text (line 63 is inside paragraph 3)
    Case("P004", "marker-first", mutate(REK, "5. (C) Sveinbjornsson", "(C) 5. Sveinbjornsson"), ((94, 1),), severity="info"),
    Case("P004", "marker-first-with-controls", mutate(REK, "5. (C) Sveinbjornsson", "(C//NF) 5. Sveinbjornsson"), ((94, 1),), severity="info", only=False),
    # ... indented as a head may be (kept in a telegram, named in a draft), or its marker
    # in lower case (P003's too)
    Case("P004", "marker-first-indented", mutate(REK, "5. (C) Sveinbjornsson", "  (C) 5. Sveinbjornsson"), ((94, 3),), severity="info"),
    Case("P004", "marker-first-indented-in-a-draft", mutate(CPH, "3. (C) The proposal", "  (C) 3. The proposal"), ((36, 1),), severity="info"),
    Case("P004", "marker-first-in-lower-case", mutate(REK, "5. (C) Sveinbjornsson", "(c) 5. Sveinbjornsson"), ((94, 1),), severity="info", only=False),
    Case("P003", "lower-case-marker-written-first", mutate(REK, "5. (C) Sveinbjornsson", "(c) 5. Sveinbjornsson"), ((94, 1),), only=False),
    # ... but not indented further than a head, nor out of sequence, nor the next item of
    # a "(a)" list in the paragraph
    Case("P004", "marker-first-indented-four-is-text", mutate(REK, "5. (C) Sveinbjornsson", "    (C) 5. Sveinbjornsson"), only=False),
    Case("P004", "marker-first-out-of-sequence-is-text", mutate(REK, "5. (C) Sveinbjornsson", "(C) 6. Sveinbjornsson"), only=False),
    Case("P004", "list-item-with-a-number-is-no-head", mutate(REK, "   allied detachments.\n", "   allied detachments:\n\n(a) (C) the first;\n(b) (C) the second;\n(c) 4. the third.\n"), only=False),
    Case("P004", "marker-and-number-out-of-sequence-is-text", mutate(REK, "-- one of the two", "(C) 1. one of the two")),
    Case("P004", "space-before-stop", mutate(REK, "5. (C) Sveinbjornsson", "5 .(C) Sveinbjornsson"), ((94, 1),), severity="info"),
    # the head lost its full stop: still paragraph 5 (no P001 gap), reported here
    Case("P004", "no-full-stop", mutate(REK, "5. (C) Sveinbjornsson", "5 (C) Sveinbjornsson"), ((94, 1),), severity="info"),
    # a draft's paragraph head starts at the margin; archive renderings indent freely
    Case("P004", "indented-head-in-a-draft", mutate(CPH, "3. (C) The proposal", "\t3. (C) The proposal"), ((36, 1),), severity="info"),
    # a pasted pilcrow before the head is F004's (non-ASCII in a draft), not an indent
    Case("P004", "pilcrow-before-head-in-a-draft", mutate(CPH, "3. (C) The proposal", "\u00b63. (C) The proposal"), args=("--dialect", "draft"), only=False),
    Case("P004", "indented-head-in-a-telegram", mutate(REK, "5. (C) Sveinbjornsson", "  5. (C) Sveinbjornsson"), only=False),
    Case("P004", "doubled-full-stop", mutate(REK, "5. (C) Sveinbjornsson", "5.. (C) Sveinbjornsson"), ((94, 1),), severity="info"),
    Case("P004", "parenthesis-for-full-stop", mutate(REK, "5. (C) Sveinbjornsson", "5) (C) Sveinbjornsson"), ((94, 1),), severity="info"),
    # a comma for the full stop before the marker: paragraph 5 still (no P001 gap), reported here
    Case("P004", "comma-for-full-stop", mutate(REK, "5. (C) Sveinbjornsson", "5, (C) Sveinbjornsson"), ((94, 1),), severity="info"),
    Case("P004", "number-and-comma-without-marker-is-text", mutate(REK, "-- one of the two", "5, one of the two")),
    # a marked list "1) (U) ..." inside a paragraph is its text, as is "1) text"
    Case("P004", "marked-parenthesised-list-is-text", mutate(REK, "5. (C) Sveinbjornsson", "5. (C) He listed:\n\n1) (U) fuel\n\n2) (U) parts\n\nSveinbjornsson")),
    Case("P004", "parenthesised-list-item-is-text", mutate(REK, "5. (C) Sveinbjornsson", "5. (C) He listed:\n1) fuel\n2) parts\nSveinbjornsson")),
    # a no-break space (U+00A0) before the marker, from a converter: the head, misspaced;
    # in a telegram it is F004's, as any typographic character there
    Case("P004", "no-break-space", mutate(corpus_text("cablegate-confidential-paris.cable"), "\u00b62. (C) The", "\u00b62.\u00a0(C) The"), ((34, 2),), severity="info"),
    Case("P004", "no-break-space-in-a-telegram-is-f004s", mutate(REK, "5. (C) Sveinbjornsson", "5.\u00a0(C) Sveinbjornsson"), only=False),
    Case("P004", "no-full-stop-two-spaces", mutate(REK, "5. (C) Sveinbjornsson", "5  (SBU) Sveinbjornsson"), ((94, 1),), severity="info"),
    # P005
    Case("P005", "several-paragraphs", REK),
    Case("P005", "only-paragraph-numbered", BKO[: BKO.index("2. (U) In each")] + "GREAVES\n", ((25, 1),), severity="info"),
    # a partial extract of one paragraph keeps the original's number
    # the other paragraphs withheld by the archive (a line of X's alone): not reported;
    # a redacted name alone on a line inside the text withholds no paragraph
    Case("P005", "other-paragraphs-withheld", BKO[: BKO.index("2. (U) In each")] + "XXXXXXXXXXXX\n\nGREAVES\n", only=False),
    Case("P005", "other-paragraphs-withheld-in-lower-case", BKO[: BKO.index("2. (U) In each")] + "xxxxx\n\nGREAVES\n", only=False),
    # a redaction alone in the header withholds no paragraph
    Case("P005", "redaction-alone-in-the-header", redaction_in_header(BKO[: BKO.index("2. (U) In each")] + "GREAVES\n"), ((28, 1),), severity="info", only=False),
    Case("P005", "lower-case-redaction-alone-in-the-header", redaction_in_header(BKO[: BKO.index("2. (U) In each")] + "GREAVES\n", "xxxxx"), ((28, 1),), severity="info", only=False),
    Case("P005", "redacted-name-on-its-own-line", mutate(BKO[: BKO.index("2. (U) In each")] + "GREAVES\n", "small grants water program", "small grants water program\nXXXXXXXXXXXX\n"), ((25, 1),), severity="info", only=False),
    Case("P005", "partial-extract-of-one-paragraph", EXTRACT[: EXTRACT.index("\u00b68.")] + "ATTWOOD\n", only=False),
    # P006
    Case("P006", "clean", CPH),
    Case("P006", "skipped-letter", mutate(CPH, "C. the lessons", "D. the lessons"), ((33, 1),), severity="warning"),
    # the archive's text signs deeply indented letters too ("          \u00b6B. Genocidal",
    # 09STATE37561): the same slip there is the same finding, at the letter
    Case("P006", "skipped-letter-deeply-indented-in-archive-text", ARCHIVED_LETTERS, ((33, 12),), severity="warning"),
    # two letters in the wrong order: one finding, at the first (was one at each, and one after)
    Case("P006", "letters-in-the-wrong-order", mutate(mutate(CPH, "B. the regulatory", "C. the regulatory"), "C. the lessons", "B. the lessons"), ((30, 1),)),
    # a head in another style with the list's next letter, the list going on after it
    Case("P006", "head-lettered-in-another-style", mutate(CPH, "C. the lessons of U.S. offshore and interstate\ntransmission planning.", "C) the lessons of U.S. offshore and interstate\ntransmission planning;\n\nD. the costs of a joint study."), ((33, 1),), severity="warning"),
    Case("P006", "four-heads-in-one-style", mutate(CPH, "C. the lessons of U.S. offshore and interstate\ntransmission planning.", "C. the lessons of U.S. offshore and interstate\ntransmission planning;\n\nD. the costs of a joint study.")),
    Case("P006", "repeated-letter", mutate(CPH, "C. the lessons", "B. the lessons"), ((33, 1),)),
    # a letter in the other case belongs to the list: reported where it stands, once
    Case("P006", "letter-in-the-other-case", mutate(CPH, "B. the regulatory", "b. the regulatory"), ((30, 1),)),
    # the list's case is that of most of its letters: the first letter can be the odd one
    Case("P006", "first-letter-in-the-other-case", mutate(CPH, "A. the technical", "a. the technical"), ((27, 1),)),
    # one wrong letter between two that agree is that head's typo: one finding
    Case("P006", "letter-skipped-then-repeated", mutate(CPH, "B. the regulatory", "C. the regulatory"), ((30, 1),)),
    Case("P006", "a-repeated-between-a-and-c", mutate(CPH, "B. the regulatory", "A. the regulatory"), ((30, 1),)),
    # a list that lost its A is reported at its first letter
    # a lone lettered head with its own marker under paragraph 3 ("D. (S)" in no list, its
    # letter no digit's look-alike): a sub-paragraph list that lost its first letters
    Case("P006", "lone-marked-head-starts-at-d", mutate(REK, "   allied detachments.\n", "   allied detachments.\n\nD. (C) The ICG would also close its Keflavik office.\n"), ((78, 1),), severity="warning"),
    # ... and after the last paragraph: a sub-paragraph of paragraph 8, not a paragraph 9
    # typed as a letter (every lettered head with a marker on the real cables, 24, heads a
    # sub-paragraph; none stands after the last paragraph; D looks like no digit)
    Case("P006", "lone-marked-head-after-the-last-paragraph", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\n\nD. (S) The ICG would also close its office.\nLINDQVIST"), ((131, 1),), severity="warning", only=False),
    # ... and an initial at the start of a line, without a marker, is no head
    Case("P006", "initial-opening-a-line-is-no-head", mutate(REK, "   allied detachments.\n", "   allied detachments.\n\nD. Gunnarsson said the ICG would also close its office.\n")),
    Case("P006", "list-starts-at-b", mutate(mutate(mutate(CPH, "A. the technical", "B. the technical"), "B. the regulatory", "C. the regulatory"), "C. the lessons", "D. the lessons"), ((27, 1),)),
    # a list that lost A and C: kept when its heads each start a block after a blank
    # line (before, the list was dropped and P006 said nothing)
    Case("P006", "list-starts-at-b-and-skips-c", mutate(mutate(mutate(CPH, "A. the technical", "B. the technical"), "B. the regulatory", "D. the regulatory"), "C. the lessons", "E. the lessons"), ((27, 1), (30, 1)), severity="warning"),
    Case("P006", "parenthesised-list-starts-at-b-and-skips-c", mutate(mutate(mutate(CPH, "A. the technical", "(b) the technical"), "B. the regulatory", "(d) the regulatory"), "C. the lessons", "(e) the lessons"), ((27, 1), (30, 1)), severity="warning"),
    # ... not initials inside sentences, "B. Smith" and "D. Jones" at a line's start
    Case("P006", "initials-b-and-d-in-sentences-are-no-list", mutate(CPH, "3. (C) The proposal builds on the conversation reported\n", "3. (C) The proposal builds on the conversation that\nB. Smith and\nD. Jones reported\n")),
    Case("P006", "parenthesised-list-starts-at-b", mutate(mutate(mutate(CPH, "A. the technical", "(b) the technical"), "B. the regulatory", "(c) the regulatory"), "C. the lessons", "(d) the lessons"), ((27, 1),)),
    Case("P006", "capital-close-paren-skipped-letter", mutate(mutate(mutate(CPH, "A. the technical", "A) (C) the technical"), "B. the regulatory", "B) (C) the regulatory"), "C. the lessons", "D) (C) the lessons"), ((33, 1),)),
    Case("P006", "capital-close-paren-with-a-range-head", mutate(mutate(mutate(CPH, "A. the technical", "A) the technical"), "B. the regulatory", "B - C) the regulatory"), "C. the lessons", "D) the lessons")),
    Case("P006", "parenthesised-letter-in-the-other-case", mutate(mutate(mutate(CPH, "A. the technical", "(a) the technical"), "B. the regulatory", "(B) the regulatory"), "C. the lessons", "(c) the lessons"), ((30, 1),)),
    # P007
    Case("P007", "clean", REK),
    # a Summary heading with its dash rule on one line, under the Classified By line or
    # run on after it (the unwrapped rendering joins them): it opens the block, and the
    # caption's reasons are read without it
    Case("P007", "heading-and-rule-under-classified-by", mutate(CPH, "(b) and (d)\n\n1. (C) Summary: The", "(b) and (d).\nSummary -------\n\n1. (C) The")),
    Case("P007", "heading-and-rule-run-on-after-classified-by", mutate(CPH, "(b) and (d)\n\n1. (C) Summary: The", "(b) and (d). Summary ------- \n\n1. (C) The")),
    # an aside whose paragraph never closes its parenthesis is an opening like any other;
    # closed in its paragraph, across a page header, it needs no end
    Case("P007", "aside-never-closed", mutate(REK, "at Keflavik. The DCM said", "at Keflavik. (Comment: He said"), ((98, 51),), severity="warning"),
    Case("P007", "aside-closed-across-a-page-header", mutate(mutate(REK, "during its next rotation and, more broadly,", "during its next rotation. (Comment: More broadly,"), "be embarrassed.", "be embarrassed.)")),
    # notes pair as summaries and comments do, "(Note: ... End Note.)" (cable-format.md 4.3); they were not read
    Case("P007", "end-note-without-opening", mutate(REK, "simply cash.", "simply cash. End Note."), ((88, 38),), severity="warning"),
    # a "Note:" never closed runs to its paragraph's end, which closes it (10RPODUBAI13,
    # 10STATE8675), also inside a summary (07STATE156011)
    Case("P007", "note-runs-to-its-paragraph-end", mutate(REK, "at Keflavik. The DCM said", "at Keflavik. Note: The DCM said")),
    Case("P007", "note-opens-its-paragraph", mutate(REK, "4. (C) The last item is", "4. (C) NOTE: The last item is")),
    Case("P007", "note-inside-a-summary", mutate(REK, " End Summary.", " Note: none. End Summary.")),
    # an aside's parenthesis never closed is reported, unless redacted text may hold it (07PARIS186, 08MUNICH355)
    Case("P007", "note-aside-never-closed", mutate(REK, "at Keflavik. The DCM said", "at Keflavik. (Note: The DCM said"), ((98, 51),), severity="warning"),
    Case("P007", "note-aside-never-closed-after-redaction", mutate(REK, "at Keflavik. The DCM said", "at Keflavik. (Note: xxxxx said")),
    # the archive's inline redaction before an "End Note." may hold its opening (09ISLAMABAD284, 09SEOUL1400)
    Case("P007", "end-note-after-redaction", mutate(REK, "simply cash.", "simply cash. The xxxxx said so. End Note.")),
    Case("P007", "end-note-after-an-upper-case-redaction", mutate(REK, "simply cash.", "simply cash. The XXXXXXXXXXXX said so. End Note."), only=False),
    Case("P007", "note-aside-never-closed-after-an-upper-case-redaction", mutate(REK, "at Keflavik. The DCM said", "at Keflavik. (Note: XXXXXXXXXXXX said"), only=False),
    Case("P007", "end-note-after-redaction-in-another-paragraph", mutate(mutate(REK, "simply cash.", "simply cash. End Note."), "at Keflavik. The DCM said", "at Keflavik. xxxxx said"), ((88, 38),), severity="warning"),
    Case("P007", "note-closed", mutate(REK, "simply cash.", "simply cash. Note: none. End Note.")),
    Case("P007", "note-aside-closed-by-parenthesis", mutate(REK, "simply cash.", "simply cash. (Note: none.)")),
    Case("P007", "end-without-opening", mutate(REK, "1. (C) Summary: The", "1. (C) The"), ((41, 20),), severity="warning"),
    # the opening withheld with a paragraph by the archive ("8. XXXXXXXXXXXX")
    Case("P007", "end-after-a-withheld-paragraph", mutate(REK, "8. (C) Comment: Sveinbjornsson's figures are credible, and the", "8. XXXXXXXXXXXX\n\nSveinbjornsson's figures are credible, and the"), only=False),
    Case("P007", "end-after-a-paragraph-withheld-in-lower-case", mutate(REK, "8. (C) Comment: Sveinbjornsson's figures are credible, and the", "8. xxxxx\n\nSveinbjornsson's figures are credible, and the"), only=False),
    # a redaction alone in the header withholds no opening
    Case("P007", "end-without-opening-under-a-redaction-in-the-header", redaction_in_header(mutate(REK, "1. (C) Summary: The", "1. (C) The")), ((44, 20),), severity="warning", only=False),
    Case("P007", "end-without-opening-under-a-lower-case-redaction-in-the-header", redaction_in_header(mutate(REK, "1. (C) Summary: The", "1. (C) The"), "xxxxx"), ((44, 20),), severity="warning", only=False),
    # the withheld paragraph's line with its number and the paragraph sign the archive wrote
    Case("P007", "end-after-a-withheld-paragraph-with-its-sign", mutate(REK, "8. (C) Comment: Sveinbjornsson's figures are credible, and the", "\u00b68. xxxxx\n\nSveinbjornsson's figures are credible, and the"), only=False),
    Case("P007", "end-after-a-paragraph-with-a-redaction-in-its-text", mutate(REK, "8. (C) Comment: Sveinbjornsson's figures are credible, and the", "8. (C) Sveinbjornsson's xxxxx figures are credible, and the"), ((129, 52),), severity="warning", only=False),
    # "End of text." spelled out closes a "begin text:" as END TEXT does (05LONDON4981)
    Case("P007", "end-of-text-closes-begin-text", mutate(mutate(REK, "simply cash.", "simply cash.\nEnd of text."), "4. (C) The last item is", "4. (C) He read it out, begin text:\nThe last item is")),
    Case("P007", "end-of-text-without-begin", mutate(REK, "simply cash.", "simply cash.\nEnd of text."), ((89, 1),), severity="warning"),
    # an opening after an opening quotation mark (a quoted text) opens the block all the same
    Case("P007", "quoted-opening", mutate(REK, "1. (C) Summary: The", '1. (C) "Summary: The')),
    # ... but needs no end (a quotation that starts with the word)
    Case("P007", "quoted-opening-without-end", mutate(mutate(REK, "1. (C) Summary: The", '1. (C) "Summary: The'), " End Summary.", "")),
    # a heading (the kind word over a dash rule) misspelt: named there, not as an END without opening
    Case("P007", "heading-misspelt", mutate(REK, "1. (C) Summary: The", "SUMAMRY:\n--------\n\n1. (C) The"), ((31, 1),)),
    Case("P007", "heading", mutate(REK, "1. (C) Summary: The", "SUMMARY:\n--------\n\n1. (C) The")),
    Case("P007", "opening-never-closed", mutate(REK, " End Summary.", ""), ((31, 8),)),
    Case("P007", "comment-in-last-paragraph-needs-no-end", mutate(REK, " End Comment.", "")),
    # an aside's parenthesis is not closed by the end of the text, unlike a block
    Case("P007", "aside-never-closed-in-the-last-paragraph", mutate(REK, "8. (C) Comment: Sveinbjornsson's", "8. (C) (Comment: Sveinbjornsson's").replace(" End Comment.", ""), ((121, 9),)),
    Case("P007", "aside-closed-in-the-last-paragraph", mutate(REK, "8. (C) Comment: Sveinbjornsson's", "8. (C) (Comment: Sveinbjornsson's").replace(" End Comment.", ")")),
    Case("P007", "heading-needs-no-end", mutate(REK, "The Budget Axe Falls", "Comment: The Budget Axe")),
    Case("P007", "aside-closed-by-parenthesis", mutate(REK, "rotation schedule. End Summary.", "rotation schedule (Comment: soon). End Summary.")),
    Case("P007", "opening-after-a-quotation", mutate(REK, "8. (C) Comment: Sveinbjornsson's", '8. (C) "We manage." Comment: His')),
    Case("P007", "opening-after-a-curly-quotation", mutate(REK, "8. (C) Comment: Sveinbjornsson's", "8. (C) \u201cWe manage.\u201d Comment: His"), only=False),
    # blocks may nest, not cross
    Case("P007", "crossed-blocks", mutate(REK, "para 6). Post recommends", "para 6). Comment: Post recommends").replace("rotation schedule. End Summary.", "rotation schedule. End Summary. End Comment."), ((41, 20),), only=False),
    Case("P007", "nested-blocks", mutate(REK, "para 6). Post recommends", "para 6). Comment: Post recommends").replace("rotation schedule. End Summary.", "rotation schedule. End Comment. End Summary."), only=False),
    Case("P007", "combined-end-closes-both", mutate(REK, "para 6). Post recommends", "para 6). Comment: Post recommends").replace("rotation schedule. End Summary.", "rotation schedule. End Summary and Comment."), only=False),
    # an end marker wrapped after END, across a line or a blank line (the archive's text)
    Case("P007", "end-wrapped-over-two-lines", mutate(REK, "rotation schedule. End Summary.", "rotation schedule. End\nSummary")),
    Case("P007", "end-wrapped-over-a-blank-line", mutate(REK, "rotation schedule. End Summary.", "rotation schedule. End\n\nSummary.")),
    # a block continued into the last paragraph ("Comment cont'd:") runs to the end
    Case("P007", "comment-continued-into-the-last-paragraph", mutate(mutate(REK, "6. (C) Sveinbjornsson also", "6. (C) Comment: Sveinbjornsson also"), "8. (C) Comment:", "8. (C) COMMENT CONT'D:").replace(" End Comment.", ""), only=False),
    # a plain second opening is no continuation: the first comment is never closed
    Case("P007", "comment-reopened-in-the-last-paragraph", mutate(REK, "6. (C) Sveinbjornsson also", "6. (C) Comment: Sveinbjornsson also").replace(" End Comment.", ""), ((106, 8),), only=False),
    # "Summary and comment con't." opens the two together; one END closes both
    # a later paragraph opening a comment of its own while the one above is open: that one
    # was never closed (the end marker below closes the later one)
    Case("P007", "comment-reopened-in-a-later-paragraph", mutate(REK, "6. (C) Sveinbjornsson also", "6. (C) Comment: He also"), ((106, 8),), severity="warning"),
    # a second opening inside the block's own paragraph is part of the block
    Case("P007", "comment-reopened-in-its-paragraph", mutate(mutate(REK, "6. (C) Sveinbjornsson also", "6. (C) Comment: He also"), "cleared it. He would welcome U.S. views on", "cleared it. Comment: We welcome views on").replace("situational awareness work.", "situational awareness work. End Comment.")),
    Case("P007", "summary-and-comment-continued", mutate(REK, "2. (C) As requested", "2. (C) Summary and comment con't. As requested"), only=False),
    # a continuation in parentheses ("COMMENT (CONT):", "SUMMARY (CONT'D):", as the archive
    # writes it) goes on with the block; one with nothing to go on with opens it
    Case("P007", "comment-continued-in-parentheses-into-the-last-paragraph", mutate(mutate(REK, "6. (C) Sveinbjornsson also", "6. (C) Comment: Sveinbjornsson also"), "8. (C) Comment:", "8. (C) COMMENT (CONT):").replace(" End Comment.", ""), only=False),
    Case("P007", "summary-continued-in-parentheses-never-closed", mutate(mutate(REK, "Summary: The Icelandic Coast Guard (ICG)", "SUMMARY (CONT'D): The ICG"), " End Summary.", ""), ((31, 8),)),
    # an opening with a parenthesis before its colon ("Summary (paras 2 and 11):") is one
    Case("P007", "summary-with-paragraphs-in-parentheses", mutate(REK, "Summary: The Icelandic Coast Guard (ICG)", "Summary (paras 2 and 6): The ICG")),
    Case("P007", "summary-with-paragraphs-in-parentheses-never-closed", mutate(mutate(REK, "Summary: The Icelandic Coast Guard (ICG)", "Summary (paras 2 and 6): The ICG"), " End Summary.", ""), ((31, 8),)),
    Case("P007", "comment-with-a-parenthesis-and-no-colon-is-prose", mutate(REK, "3. (U) Sveinbjornsson described the measures", "3. (U) Comment (para 2) aside, he told the measures")),
    Case("P007", "introduction-and-summary", mutate(REK, "1. (C) Summary: The", "1. (C) Introduction and Summary: The"), only=False),
    Case("P007", "introduction-and-comment-heading", mutate(REK, "6. (C) Sveinbjornsson also", "Introduction and Comment\n------------------------\n\n6. (C) Sveinbjornsson also")),
    # a marker with its kind word misspelt is reported where it stands, and pairs
    Case("P007", "end-misspelt", mutate(REK, "rotation schedule. End Summary.", "rotation schedule. End Sumary."), ((41, 20),)),
    Case("P007", "opening-misspelt", mutate(REK, "1. (C) Summary: The", "1. (C) Sumary: The"), ((31, 8),)),
    Case("P007", "end-misspelt-in-the-last-paragraph", mutate(REK, "Brussels. End Comment.", "Brussels. End Coment."), ((129, 52),)),
    # a word near SUMMARY or COMMENT that pairs with nothing is some other word
    Case("P007", "near-word-that-pairs-with-nothing", mutate(REK, "3. (U) Sveinbjornsson described", "3. (U) Coment: He described")),
    Case("P007", "end-summary-and-comment", mutate(REK, "Summary: The Icelandic Coast Guard (ICG)", "Summary and comment: The ICG").replace("End Summary.", "End Summary and Comment.")),
    # P008
    Case("P008", "four-sections-without-summary", FOUR_BARE, ((31, 1),), severity="info"),
    Case("P008", "four-sections-with-summary", FOUR),
    Case("P008", "three-sections-without-summary", mutate(mutate(REK, "1. (C) Summary: The", "1. (C) The"), " End Summary.", "")),
    Case("P008", "summary-heading", mutate(FOUR_BARE, "1. (C) The Icelandic", "SUMMARY\n\n1. (C) The Icelandic")),
    # an END SUMMARY without its opening is P007's: the cable has a summary
    Case("P008", "end-without-opening", mutate(FOUR, "1. (C) Summary: The", "1. (C) The"), only=False),
    Case("P008", "misspelt-summary", mutate(FOUR, "1. (C) Summary: The", "1. (C) Sumary: The"), only=False),
    # the page headers count four sections though the classification line has no SECTION (S003's)
    Case("P008", "page-headers-count-the-sections", mutate(FOUR_BARE, "SECTION 01 OF 04 REYKJAVIK", "REYKJAVIK"), ((31, 1),), only=False),
    # the classification line and the page headers disagree (S003's): the smaller total holds
    Case("P008", "totals-disagree", mutate(FOUR_BARE, "SECTION 01 OF 04", "SECTION 01 OF 03"), only=False),
    Case("P008", "partial-extract", NOTE + FOUR_BARE, only=False),
    Case("P008", "no-numbered-paragraph", mutate(FOUR_BARE, "1. (C) The Icelandic", "(C) The Icelandic").replace("\n2. (C)", "\n(C)").replace("\n3. (U)", "\n(U)").replace("\n4. (C)", "\n(C)").replace("\n5. (C)", "\n(C)").replace("\n6. (C)", "\n(C)").replace("\n7. (U)", "\n(U)").replace("\n8. (C)", "\n(C)"), only=False),
]


def test_sbu_slash_n_reads_as_sbu_noforn() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(corpus_text("telegram-unclas-sbu-noforn-nairobi.cable"), "2. (SBU/NF) The review", "2. (SBU/N) The review"))
    assert cable.paragraphs[1].marking == "SBU/NF"


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def test_p001_names_the_typo_between_two_agreeing_numbers() -> None:
    bad = mutate(REK, "7. (U) Ref B", "6. (U) Ref B")
    (diag,) = json.loads(run_cli("check", "--format", "json", "--select", "P001", "-", input=bad.encode()).stdout)
    assert diag["message"] == "paragraph number 6 is out of sequence: expected 7, between paragraphs 6 and 8"


def test_p001_names_the_line_of_a_number_used_twice() -> None:
    bad = mutate(REK, "7. (U) Ref B", "6. (C) He said so again.\n\n7. (U) Ref B")
    (diag,) = json.loads(run_cli("check", "--format", "json", "--select", "P001", "-", input=bad.encode()).stdout)
    assert diag["message"] == "paragraph number 6 is used twice (also line 106): expected 7"
    assert (diag["line"], diag["column"], diag["end_column"]) == (116, 1, 3)


def test_p001_says_two_paragraphs_are_in_the_wrong_order() -> None:
    bad = REK.replace("\n5. (C) Sveinbjornsson", "\n6. (C) Sveinbjornsson", 1).replace("\n6. (C) Sveinbjornsson also", "\n5. (C) Sveinbjornsson also")
    (diag,) = json.loads(run_cli("check", "--format", "json", "--select", "P001", "-", input=bad.encode()).stdout)
    assert diag["message"] == "paragraph 6 comes before paragraph 5: expected 5 (the two are in the wrong order)"
    assert (diag["line"], diag["column"], diag["end_column"]) == (94, 1, 3)


def test_p001_says_the_numbering_starts_again() -> None:
    bad = REK.replace("\n7. (U)", "\n1. (U)").replace("\n8. (C)", "\n2. (C)")
    (diag,) = json.loads(run_cli("check", "--format", "json", "--select", "P001", "-", input=bad.encode()).stdout)
    assert diag["message"] == "paragraph 1 follows paragraph 6: expected 7 (the numbering starts again)"
    assert diag["line"] == 116


def test_p006_names_the_letter_in_the_other_case() -> None:
    bad = mutate(CPH, "B. the regulatory", "b. the regulatory")
    (diag,) = json.loads(run_cli("check", "--format", "json", "--select", "P006", "-", input=bad.encode()).stdout)
    assert diag["message"] == "sub-paragraph b in paragraph 2 is not lettered in the list's case: expected B."


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("A. the technical", "a. the technical", "sub-paragraph a in paragraph 2 is not lettered in the list's case: expected A."),
        ("B. the regulatory", "C. the regulatory", "sub-paragraph C in paragraph 2 follows A and skips the sequence: expected B"),
        ("B. the regulatory", "A. the regulatory", "sub-paragraph A in paragraph 2 follows A and repeats the sequence: expected B"),
    ],
)
def test_p006_one_finding_at_the_wrong_letter(old: str, new: str, message: str) -> None:
    found = check_json("--select", "P006", "-", input=mutate(CPH, old, new))
    assert [(d["line"], d["message"]) for d in found] == [(27 if old.startswith("A.") else 30, message)]


def test_p006_reads_capital_close_paren_heads_and_ranges() -> None:
    bad = mutate(mutate(mutate(CPH, "A. the technical", "A) the technical"), "B. the regulatory", "B - C) the regulatory"), "C. the lessons", "E) the lessons")
    found = check_json("--select", "P006", "-", input=bad)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(33, 1, 3, "sub-paragraph E in paragraph 2 follows C and skips the sequence: expected D")]


@pytest.mark.parametrize("heads, message", [(("B.", "C.", "D."), "start at B: expected A"), (("(b)", "(c)", "(d)"), "start at b: expected a")])
def test_p006_list_without_its_first_letter(heads: tuple[str, str, str], message: str) -> None:
    bad = CPH
    for old, new in zip(("A. the technical", "B. the regulatory", "C. the lessons"), heads):
        bad = mutate(bad, old, new + old[2:])
    found = check_json("--select", "P006", "-", input=bad)
    assert [(d["line"], d["column"], d["message"]) for d in found] == [(27, 1, f"sub-paragraphs in paragraph 2 {message}")]


def test_p006_an_initial_and_a_name_wrapped_from_a_list_of_names_is_no_head() -> None:
    """'... as set out by J. Smith and' / 'F. Lopez.' under sub-paragraph C was P006's
    'F ... skips the sequence': the line below goes on with the list of names, its
    initial no sub-paragraph's letter. A list whose items end with a name and a comma
    ('A. Brief K. Lee,' / 'B. Visit ...', the head lettered before it right above)
    keeps its heads."""
    for names in (
        "as set out by J. Smith and\nF. Lopez.",  # was 'F ... skips the sequence: expected D'
        "as set out by K. Lee,\nB. Jones.",  # was 'B ... repeats the sequence'
        "as set out by J. Smith, K. Lee, and\nC. Lopez.",
        "AS SET OUT BY J. SMITH AND\nE. LOPEZ.",
        "as set out by K. Lee,\nB. Jones and\nF. Lopez.",  # wrapped at two joints
    ):
        text = mutate(CPH, "transmission planning.", f"transmission planning, {names}")
        assert check_json("--select", "P006", "-", input=text) == [], names
    items = "A. the technical options for linking wind farms in\ndifferent national sectors;\n\nB. the regulatory changes needed to share transmission\ncosts;\n\nC. the lessons"
    text = mutate(CPH, items, "A. Brief K. Lee,\nB. Visit Esbjerg,\nD. the lessons")
    found = check_json("--select", "P006", "-", input=text)
    assert [(d["line"], d["message"]) for d in found] == [(29, "sub-paragraph D in paragraph 2 follows B and skips the sequence: expected C")]


def test_p006_the_next_letter_after_a_list_of_names_is_a_head() -> None:
    """Sub-paragraph B wrapped onto a line ending with a name and 'and', then 'C. Visit
    the port.': C is the letter that goes on with the paragraph's list (A., B.), so it
    is a head, not the list of names going on. It was dropped, and D then 'skips the
    sequence: expected C'. A letter that does not go on with the list stays a name."""
    items = "A. the technical options for linking wind farms in\ndifferent national sectors;\n\nB. the regulatory changes needed to share transmission\ncosts;\n\nC. the lessons"
    wrapped = "A. Brief the minister.\n\nB. Visit Esbjerg with the director\nand his deputy K. Lee and\n{}. Visit the port.\n\nD. the lessons"
    assert check_json("--select", "P006", "-", input=mutate(CPH, items, wrapped.format("C"))) == []
    found = check_json("--select", "P006", "-", input=mutate(CPH, items, wrapped.format("E")))
    assert [(d["line"], d["message"]) for d in found] == [(33, "sub-paragraph D in paragraph 2 follows B and skips the sequence: expected C")]


def test_p006_a_name_whose_initial_is_the_next_letter_before_that_letter_s_head() -> None:
    """'... with J. Smith and' / 'C. Lopez, the DCM of the embassy.' under sub-paragraph
    B, then 'C. Visit the port.': C goes on with the list (A., B.), but the paragraph's
    own C comes later, so 'C. Lopez' is the list of names going on. It was read as a
    head, and the real C was P006's 'follows C and repeats the sequence'."""
    items = "A. the technical options for linking wind farms in\ndifferent national sectors;\n\nB. the regulatory changes needed to share transmission\ncosts;\n\nC. the lessons"
    for gap in ("\n", "\n\n"):
        wrapped = f"A. Arrival at the airport.\nB. Meeting with the Foreign Minister and then\nwith J. Smith and\nC. Lopez, the DCM of the embassy.{gap}C. Visit the port.\nD. the lessons"
        assert check_json("--select", "P006", "-", input=mutate(CPH, items, wrapped)) == [], repr(gap)
    # the next paragraph's C is not this one's: C. Lopez stays its head
    wrapped = "A. Arrival at the airport.\nB. Meeting with the minister and then\nwith J. Smith and\nC. Lopez, the DCM of the embassy.\nD. Departure.\n\n3. (C) Next.\n\nA. One.\nB. Two.\nC. Three."
    assert check_json("--select", "P006", "-", input=mutate(CPH, items, wrapped)) == []


def test_p001_names_the_head_run_into_the_line_above() -> None:
    bad = mutate(REK, "for reasons 1.4 (b) and (d)\n\n1. (C) Summary", "for reasons 1.4 (b) and (d) 1. (C) Summary")
    found = check_json("--select", "ALL", "-", input=bad)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found if d["severity"] != "info" and d["code"] != "F005"] == [
        ("P001", 29, 29, "paragraph 1 begins inside line 29, after '(b) and (d)': expected it at the start of its own line, after a blank line")
    ]


def test_p003_fix_capitalises_the_marker() -> None:
    bad = mutate(REK, "5. (C) Sveinbjornsson", "5. (c) Sveinbjornsson")
    assert fixed(bad, "P003") == REK


def test_p003_fix_rewrites_separators() -> None:
    bad = mutate(REK, "5. (C) Sveinbjornsson", "5. (C-NF) Sveinbjornsson")
    assert "5. (C/NF) Sveinbjornsson" in fixed(bad, "P003")


def test_p003_fix_writes_the_abbreviated_level_in_parentheses() -> None:
    for written in ("[C]", "(CONFIDENTIAL)", "(Confidential)", "(CONFIDENTAL)"):
        bad = mutate(REK, "5. (C) Sveinbjornsson", f"5. {written} Sveinbjornsson")
        assert fixed(bad, "P003") == REK, written


@pytest.mark.parametrize("written", ["(c)", "(C-NF)", "(C", "(CONFIDENTIAL)"])
def test_p003_fix_rewrites_a_sub_paragraph_marker(written: str) -> None:
    bad = mutate(NATO, "B. (C) reinforcement", f"B. {written} reinforcement")
    want = "B. (C/NF) reinforcement" if written == "(C-NF)" else "B. (C) reinforcement"
    assert want in fixed(bad, "P003")


def test_p003_unknown_level_has_no_fix() -> None:
    bad = mutate(REK, "5. (C) Sveinbjornsson", "5. (X) Sveinbjornsson")
    diags = json.loads(run_cli("check", "--format", "json", "--select", "P003", "-", input=bad.encode()).stdout)
    assert [d["fix"] for d in diags] == [None]


@pytest.mark.parametrize(
    "marker, message",
    [
        ("(C//FN)", "marker '(C//FN)' has an unknown control 'FN' after its level C: expected '(C//NF)'"),
        ("(C/XY)", "marker '(C/XY)' has an unknown control 'XY' after its level C: expected a control such as NF, NOFORN, FOUO, FGI or REL <countries>"),
        ("(C//)", "marker '(C//)' has nothing after a separator: expected a control such as NF after it, or '(C)' alone"),
    ],
)
def test_p003_names_the_unknown_control(marker: str, message: str) -> None:
    bad = mutate(REK, "5. (C) Sveinbjornsson", f"5. {marker} Sveinbjornsson")
    found = check_json("--select", "ALL", "-", input=bad)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found if d["severity"] != "info"] == [("P003", 94, 4, message)]


def test_p003_says_the_entire_text_marking_is_the_older_practice() -> None:
    bad = mutate(REK, "1. (C) Summary: The", "1. (C - ENTIRE TEXT) Summary:\nThe")
    found = check_json("--select", "P003", "-", input=bad)
    assert [(d["line"], d["column"], d["end_column"], d["message"], d["fix"]) for d in found] == [
        (31, 4, 21, "marker '(C - ENTIRE TEXT)' marks the entire text, as cables did before E.O. 12958 (October 1995): expected '(C)', and a marker on each paragraph", None)
    ]


def test_p004_fix_rewrites_the_head() -> None:
    bad = mutate(REK, "5. (C) Sveinbjornsson", "5 .(C)  Sveinbjornsson")
    assert fixed(bad, "P004") == REK


def test_p004_fix_restores_a_lost_full_stop() -> None:
    bad = mutate(REK, "5. (C) Sveinbjornsson", "5 (C)  Sveinbjornsson")
    assert fixed(bad, "P004") == REK


def test_p004_fix_removes_a_doubled_full_stop() -> None:
    bad = mutate(REK, "5. (C) Sveinbjornsson", "5.. (C) Sveinbjornsson")
    (diag,) = json.loads(run_cli("check", "--format", "json", "--select", "P004", "-", input=bad.encode()).stdout)
    assert diag["message"] == "paragraph head '5.. (C)' has 2 full stops after the number: expected 1 ('5. (C)')"
    assert fixed(bad, "P004") == REK


def test_p004_parenthesis_for_the_full_stop() -> None:
    bad = mutate(REK, "5. (C) Sveinbjornsson", "5) (C) Sveinbjornsson")
    found = check_json("--select", "ALL", "-", input=bad)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("P004", 94, 1, "paragraph head '5) (C)' has a parenthesis after the number: expected '5. (C)'")
    ]
    assert fixed(bad, "P004") == REK


def test_p004_fix_moves_an_indented_draft_head_to_the_margin() -> None:
    bad = mutate(CPH, "3. (C) The proposal", "   3. (C) The proposal")
    (diag,) = json.loads(run_cli("check", "--format", "json", "--select", "P004", "-", input=bad.encode()).stdout)
    assert diag["message"] == "paragraph head '3. (C)' is indented by 3 spaces: expected it at the start of the line in a draft"
    assert fixed(bad, "P004") == CPH


def test_p004_fix_on_the_seed() -> None:
    repaired = fixed(SEED_TEXT, "P004")
    assert "1. (SBU) As noted" in repaired and "8. (U) Embassy" in repaired
    assert json.loads(run_cli("check", "--format", "json", "--select", "P004", "-", input=repaired.encode()).stdout) == []


def test_p002_severity_follows_the_cable_unless_configured() -> None:
    from cablelint.linter.config import Config
    from cablelint.linter.engine import Linter

    bad = mutate(REK, "6. (C) Sveinbjornsson also", "6. Sveinbjornsson also")
    default = [d.severity for d in Linter().lint_text(bad) if d.code == "P002"]
    configured = [d.severity for d in Linter(Config(severity=(("P002", "info"),))).lint_text(bad) if d.code == "P002"]
    assert default == ["error"] and configured == ["info"]


LIST_IN_1 = mutate(REK, "\n2. (C) As requested", "\n1. first\n2. second\n\n2. (C) As requested")
LIST_IN_3 = mutate(REK, "\n4. (C) The last item", "\n1. first\n2. second\n3. third\n4. fourth\n\n4. (C) The last item")


@pytest.mark.parametrize("text, items", [(LIST_IN_1, 1), (LIST_IN_3, 3)])
def test_a_numbered_list_inside_a_paragraph_is_its_text(text: str, items: int) -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(text)
    assert [p.number for p in cable.paragraphs] == list(range(1, 9))
    # the list's lines are the paragraph's own: it ends with them
    para = cable.paragraphs[items - 1]
    assert cable.lines[para.span.end_line - 1].raw in ("2. second", "4. fourth")
    assert check_json("--select", "P001,P002,P005", "-", input=text) == []


def test_an_unmarked_paragraph_that_continues_the_sequence_stays_one() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(REK, "6. (C) Sveinbjornsson also", "6. Sveinbjornsson also")
    assert [p.number for p in parse_text(text).paragraphs] == list(range(1, 9))
    assert [(d["code"], d["line"]) for d in check_json("--select", "P001,P002", "-", input=text)] == [("P002", 106)]


def test_the_model_marks_a_partial_extract() -> None:
    from cablelint.grammar.parser import parse_text

    assert parse_text(EXTRACT).partial_extract
    assert not parse_text(EXTRACT[len(NOTE) :]).partial_extract


def test_p008_names_the_section_count_and_where_the_summary_goes() -> None:
    found = check_json("--select", "P008", "-", input=FOUR_BARE)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (31, 1, 7, "no summary in a cable of 4 sections (over three pages): expected 'Summary: ... End Summary.' above paragraph 1 or at its start")
    ]


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("End Summary.", "End Sumary.", "'End Sumary' is misspelt: expected 'End Summary'"),
        ("End Summary.", "END SUMMAYR.", "'END SUMMAYR' is misspelt: expected 'END SUMMARY'"),
        ("End Summary.", "end  summmary.", "'end  summmary' is misspelt: expected 'end  summary'"),
        ("1. (C) Summary: The", "1. (C) Sumary: The", "'Sumary:' is misspelt: expected 'Summary:'"),
        ("8. (C) Comment:", "8. (C) COMENT :", "'COMENT :' is misspelt: expected 'COMMENT :'"),
        ("Brussels. End Comment.", "Brussels. End Commnet.", "'End Commnet' is misspelt: expected 'End Comment'"),
    ],
)
def test_p007_names_the_misspelt_marker(old: str, new: str, message: str) -> None:
    found = check_json("--select", "P007", "-", input=mutate(REK, old, new))
    assert [d["message"] for d in found] == [message]


def test_only_a_closing_quotation_mark_before_an_opening_counts() -> None:
    """'... develop." Comment: ...' opens a comment; '"Comment: no." He asked' (a
    quotation that starts with the word) opens nothing."""
    from cablelint.grammar.parser import parse_text

    def openings(text: str) -> list[int]:
        return [m.span.line for m in parse_text(text).block_markers if m.kind == "COMMENT" and m.role == "open"]

    assert openings(REK) == [121]
    assert openings(mutate(REK, "5. (C) Sveinbjornsson asked", '5. (C) "Comment: no." He asked')) == [121]
    assert openings(mutate(REK, "5. (C) Sveinbjornsson asked", '5. (C) He said "no." Comment: he asked')) == [94, 121]


@pytest.mark.parametrize(
    "head, message",
    [
        ("5.  (C) Sveinbjornsson", "paragraph head '5.  (C)' is not spaced as '5. (C)': expected the number, a full stop, one space, the marker and one space"),
        # the head is right, the blanks after it are the fault: say which
        ("5. (C)\tSveinbjornsson", "paragraph head '5. (C)' has a tab before its text: expected one space"),
        ("5. (C)  Sveinbjornsson", "paragraph head '5. (C)' has 2 spaces before its text: expected one space"),
        ("5. (C)Sveinbjornsson", "paragraph head '5. (C)' has no space before its text: expected one space"),
    ],
)
def test_p004_message_says_what_is_wrong_with_the_spacing(head: str, message: str) -> None:
    found = check_json("--select", "P004", "-", input=mutate(REK, "5. (C) Sveinbjornsson", head))
    assert [d["message"] for d in found] == [message]


def test_p001_finds_a_run_in_head_after_the_archive_paragraph_sign() -> None:
    """'... End Summary. ¶2. (S/NF) The director ...': the head was not seen, so P001
    said paragraph 3 follows paragraph 1, at paragraph 3."""
    text = mutate(corpus_text("cablegate-unwrapped-secret-closing-banner-tunis.cable"), "End Summary.\n\n\u00b62. (S/NF)", "End Summary. \u00b62. (S/NF)")
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info" and d["code"] != "F005"]
    assert found == [("P001", 22, 274, "paragraph 2 begins inside line 22, after 'End Summary. \u00b6': expected it at the start of its own line, after a blank line")]


SD = corpus_text("draft-unclas-13526-santo-domingo.cable")  # para 2 holds A. B. C.; para 3 cites para 2


def test_p003_names_a_doubled_marker_and_repairs_a_doubled_parenthesis() -> None:
    """'(C) (C)' is one marker typed twice, '(C))' one with its parenthesis doubled;
    the second is repaired to the marker, the first left to the author."""
    found = check_json("--select", "P003,P004", "-", input=mutate(REK, "5. (C) Sveinbjornsson", "5. (C) (C) Sveinbjornsson"))
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [("P003", 94, 4, "marker '(C)' is written 2 times: expected it once")]
    bad = mutate(REK, "5. (C) Sveinbjornsson", "5. (C)) Sveinbjornsson")
    found = check_json("--select", "P003,P004", "-", input=bad)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [("P003", 94, 4, "marker '(C))' has a doubled closing parenthesis: expected '(C)'")]
    assert fixed(bad, "P003") == REK


def test_a_head_numbered_by_a_typo_is_still_its_paragraph_for_the_other_rules() -> None:
    """Paragraph 2 numbered '1.' (1, 1, 3) is one P001: 'para 2' still names it (no
    X007), and its list is its own, not paragraph 1's (an outline's 'I.' heading in it
    is not read as a letter after paragraph 1's B, no P006)."""
    text = mutate(SD, "file returns electronically from next year.", "file returns electronically:\n\nA. from next year;\n\nB. with a fine for late filing.")
    text = mutate(text, "2. (U) Agency officials described three phases:\n", "1. (U) Agency officials described three phases:\n\nI. Phases\n")
    found = check_json("--select", "ALL", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found if d["severity"] != "info"] == [
        ("P001", 20, 1, "paragraph number 1 is out of sequence: expected 2, between paragraphs 1 and 3"),
    ]


@pytest.mark.parametrize("head", ["8. (C Comment:", "8. (C COMMENT\n"])
def test_a_marker_without_its_closing_parenthesis_still_opens_the_comment(head: str) -> None:
    """'8. (C Comment: ...' is one P003; the comment it opens still pairs with its
    'End Comment.' (no P007)."""
    text = mutate(REK, "8. (C) Comment:", head)
    found = check_json("--select", "ALL", "-", input=text)
    assert [(d["code"], d["line"], d["column"]) for d in found if d["severity"] != "info"] == [("P003", 121, 4)]


@pytest.mark.parametrize("head, shown", [("2.C)", "2. (C)"), ("2.(c)", "2. (C)"), ("2.(C", "2. (C)")])
def test_p004_gives_the_head_with_the_marker_p003_repairs(head: str, shown: str) -> None:
    """'2.C)' is not spaced as '2. (C)', the marker P003 asks for, not as '2. C)'."""
    found = check_json("--select", "P004", "-", input=mutate(REK, "2. (C) ", f"{head} "))
    assert [d["message"] for d in found] == [f"paragraph head '{head}' is not spaced as '{shown}': expected the number, a full stop, one space, the marker and one space"]


def _p007(text: str) -> list[tuple[int, int, int, str]]:
    return [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "P007", "-", input=text.encode("utf-8"))]


def test_p007_quotes_the_marker_as_written_and_expects_its_partner_in_that_case() -> None:
    assert _p007(mutate(REK, "1. (C) Summary: The", "1. (C) The")) == [(41, 20, 31, "'End Summary' has no opening: expected 'Summary:' before it")]
    assert _p007(mutate(REK, " End Summary.", "")) == [(31, 8, 16, "'Summary:' opens a summary that is never closed: expected 'End Summary' after it")]
    upper = mutate(mutate(REK, "1. (C) Summary: The", "1. (C) SUMMARY: The"), " End Summary.", "")
    assert _p007(upper) == [(31, 8, 16, "'SUMMARY:' opens a summary that is never closed: expected 'END SUMMARY' after it")]
    crossed = mutate(REK, "para 6). Post recommends", "para 6). Comment: Post recommends").replace("rotation schedule. End Summary.", "rotation schedule. End Summary. End Comment.")
    assert _p007(crossed) == [(41, 20, 31, "'End Summary' closes the summary while the comment opened on line 40 is still open: expected 'End Comment' first")]


def test_p004_fix_puts_the_number_before_a_marker_written_first() -> None:
    bad = REK.replace("\n5. (C) Sveinbjornsson", "\n(C) 5. Sveinbjornsson").replace("\n6. (C) Sveinbjornsson", "\n(C)  6.  Sveinbjornsson")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "P004", "-", input=bad)]
    assert found == [
        (94, 1, 7, "paragraph head '(C) 5.' has its marker before the number: expected '5. (C)'"),
        (106, 1, 8, "paragraph head '(C)  6.' has its marker before the number: expected '6. (C)'"),
    ]
    assert fixed(bad, "P004") == REK


def _markers(text: str) -> list[tuple[str, str, tuple[int, int, int, int]]]:
    from cablelint.grammar.parser import parse_text

    return [(m.kind, m.role, (m.span.line, m.span.column, m.span.end_line, m.span.end_column)) for m in parse_text(text).block_markers]


def test_an_end_marker_wrapped_over_a_line_break_spans_both_words() -> None:
    """'... rotation schedule. End' / 'Summary.': the end runs from END to the kind
    word, without the full stop, as 'End Summary' on one line (the real 10LONDON439,
    09SARAJEVO103)."""
    text = mutate(REK, "rotation schedule. End Summary.", "rotation schedule. End\nSummary.")
    assert ("SUMMARY", "end", (41, 20, 42, 8)) in _markers(text)
    # with a blank line between the two words, too
    text = mutate(REK, "rotation schedule. End Summary.", "rotation schedule. END\n\nSUMMARY.")
    assert ("SUMMARY", "end", (41, 20, 43, 8)) in _markers(text)


def test_a_combined_end_wrapped_before_its_second_kind_closes_both() -> None:
    """'(Note and comment: ...' closed by 'End Note and' / 'comment.)': one end of each
    kind, both at one span, as 'End Note and comment' on one line (the real
    06PARIS1031); the second line's 'comment.' opens nothing."""
    text = mutate(REK, "8. (C) Comment: Sveinbjornsson's", "8. (C) (Note and comment: Sveinbjornsson's")
    one = mutate(text, "to Brussels. End Comment.", "to Brussels. End Note and comment.)")
    wrapped = mutate(text, "to Brussels. End Comment.", "to Brussels. End Note and\ncomment.)")
    assert [m for m in _markers(one) if m[0] != "SUMMARY"] == [
        ("NOTE", "aside", (121, 9, 121, 26)),
        ("COMMENT", "aside", (121, 9, 121, 26)),
        ("NOTE", "end", (129, 52, 129, 72)),
        ("COMMENT", "end", (129, 52, 129, 72)),
    ]
    assert [m for m in _markers(wrapped) if m[0] != "SUMMARY"] == [
        ("NOTE", "aside", (121, 9, 121, 26)),
        ("COMMENT", "aside", (121, 9, 121, 26)),
        ("NOTE", "end", (129, 52, 130, 8)),
        ("COMMENT", "end", (129, 52, 130, 8)),
    ]
    assert check_json("--select", "P007", "-", input=wrapped) == []


def test_p007_quotes_a_wrapped_end_marker_as_written() -> None:
    """An end with no opening, wrapped over a line break: reported over both words,
    quoted with a space for the break."""
    text = mutate(REK, "8. (C) Comment: Sveinbjornsson's", "8. (C) Sveinbjornsson's")
    text = mutate(text, "to Brussels. End Comment.", "to Brussels. End\nComment.")
    found = check_json("--select", "P007", "-", input=text)
    assert [(d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in found] == [
        (129, 52, 130, 8, "'End Comment' has no opening: expected 'Comment:' before it")
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "Keflavik Costs\n--------------\n",  # over a dash rule
        "--------------\nKEFLAVIK COSTS\n--------------\n",  # boxed by two
        "--------------\nKEFLAVIK COSTS\n\n--------------\n",  # the lower rule after a blank line (Markdown)
    ],
)
def test_a_heading_between_paragraphs_ends_the_paragraph_above_it(heading: str) -> None:
    """Headings are no part of a paragraph (cable-format.md 4.4): paragraph 3 ends
    at its own last line, 'allied detachments.', not at the heading under it (the
    real 10LONDON439: paragraph 1 ran on to 'UK Defends Oil Exploration ...')."""
    from cablelint.grammar.parser import parse_text

    text = mutate(REK, "   allied detachments.\n\n4. (C) The last item", f"   allied detachments.\n\n{heading}\n4. (C) The last item")
    paragraphs = parse_text(text).paragraphs
    third = next(p for p in paragraphs if p.number == 3)
    assert (third.span.end_line, third.span.end_column) == (76, 23)
    assert text.splitlines()[75] == "   allied detachments."
    assert text[third.span.end - len("detachments.") : third.span.end] == "detachments."


def test_a_line_of_the_text_over_a_rule_stays_in_its_paragraph() -> None:
    """A rule under the paragraph's own last sentence (no blank line above that line)
    is a separator, not a heading's: the paragraph keeps the line."""
    from cablelint.grammar.parser import parse_text

    text = mutate(REK, "   allied detachments.\n\n4. (C) The last item", "   allied detachments.\n--------------\n\n4. (C) The last item")
    third = next(p for p in parse_text(text).paragraphs if p.number == 3)
    assert (third.span.end_line, third.span.end_column) == (76, 23)
    text = mutate(REK, "   allied detachments.\n\n4. (C) The last item", "   allied detachments.\nEnd of list.\n--------------\n\n4. (C) The last item")
    third = next(p for p in parse_text(text).paragraphs if p.number == 3)
    assert (third.span.end_line, third.span.end_column) == (77, 13)


def _third_end(text: str) -> tuple[int, int]:
    from cablelint.grammar.parser import parse_text

    third = next(p for p in parse_text(text).paragraphs if p.number == 3)
    return (third.span.end_line, third.span.end_column)


@pytest.mark.parametrize(
    "heading",
    [
        "\nKEFLAVIK COSTS\n\n",  # blank lines round it (10BERLIN157: 'WESTERWELLE: BIGGEST OBSTACLE')
        "\nKEFLAVIK COSTS\n",  # right over the next paragraph's head
        "\n//KEFLAVIK: WHO PAYS?//\n\n",  # the slashes some posts put round it
        "\nKEFLAVIK COSTS AND\n------------------\nTHE ALLIES\n----------\n\n",  # two lines, each over its rule
        "\nKEFLAVIK COSTS AND\n\nTHE ALLIES\n----------\n\n",  # two lines parted by a blank line, over one rule (07KABUL1132)
        "\nKEFLAVIK: WHAT COMES NEXT...\n\n",  # an ellipsis, as a mixed-case heading may end
    ],
)
def test_a_heading_in_capitals_without_a_rule_ends_the_paragraph_above_it(heading: str) -> None:
    """A line in capitals standing alone between two paragraphs, with no full stop,
    is a heading (cable-format.md 4.4: short lines between paragraphs, not
    paragraphs): paragraph 3 ends at 'allied detachments.' on line 76."""
    text = mutate(REK, "   allied detachments.\n\n4. (C) The last item", f"   allied detachments.\n{heading}4. (C) The last item")
    assert _third_end(text) == (76, 23)


@pytest.mark.parametrize(
    ("line", "end"),
    [
        ("\nkeflavik costs\n\n", (78, 15)),  # no capital letter first
        ("\nKeflavik costs will rise.\n\n", (78, 26)),  # mixed case, a sentence
        ("\n- Keflavik Costs\n\n", (78, 17)),  # a list's item
        ("\nKEFLAVIK COSTS WILL RISE.\n\n", (78, 26)),  # a sentence
        ("KEFLAVIK COSTS\n\n", (77, 15)),  # no blank line above: the text wrapped
        ("\nEND TEXT\n\n", (78, 9)),  # the end of a quoted text
        ("\nXXXXXXXXXXXX\n\n", (78, 13)),  # a redaction alone
        ("\nXXXXX\n\n", (78, 6)),  # the shortest redaction
        ("\nXXXXXXXXXXXX XXXXX\n\n", (78, 19)),  # two runs apart by a blank
        ("\nxxxxx\n\n", (78, 6)),  # a lower-case redaction
    ],
)
def test_a_line_that_is_no_heading_stays_in_its_paragraph(line: str, end: tuple[int, int]) -> None:
    """Lines that stand alone but are not headings keep the paragraph's span."""
    text = mutate(REK, "   allied detachments.\n\n4. (C) The last item", f"   allied detachments.\n{line}4. (C) The last item")
    assert _third_end(text) == end


@pytest.mark.parametrize(
    "heading",
    [
        "\nKeflavik Costs\n\n",  # title case (07MADRID1021: 'What Still Needs Work')
        "\nRajoy as PP leader\n\n",  # sentence case (07MADRID1021)
        "\nKeflavik costs\n",  # right over the next paragraph's head
        "\nRecent problems...\n\n",  # an ellipsis, no full stop (10ASHGABAT245, 09BRASILIA1447)
        "\n//Op Troika and its Updates//\n\n",  # between slashes (09MADRID869)
        "\nIran:\n\n",  # a colon (10STATE17263)
        "\nComment\n\nREYKJAVIK 00000687 002.2 OF 003\n\n-------\n\n",  # its rule under a page header (08PARIS1703)
        "\nKeflavik Costs and\n\nThe Allies\n----------\n\n",  # two lines parted by a blank line, over one rule
    ],
)
def test_a_heading_in_mixed_case_without_a_rule_ends_the_paragraph_above_it(heading: str) -> None:
    """A line in upper and lower case standing alone between two paragraphs, under
    a sentence's end, with no full stop of its own, is a heading (cable-format.md
    4.4: short upper- or mixed-case lines between paragraphs, not paragraphs):
    paragraph 3 ends at 'allied detachments.' on line 76."""
    text = mutate(REK, "   allied detachments.\n\n4. (C) The last item", f"   allied detachments.\n{heading}4. (C) The last item")
    assert _third_end(text) == (76, 23)


@pytest.mark.parametrize(
    ("before", "line", "end"),
    [
        # under a sentence cut short: the text goes on (09SAOPAULO653: 'favorably with non-Muslim' / '' / 'Brazilians. ...')
        ("   allied detachments and\n", "\nKeflavik Costs\n\n", (78, 15)),
        # a list's last item (10STATE17263: 'Policy, Defense/OSD' / '' / 'Dimitry Zarechnak, Interpreter')
        ("   Sveinbjornsson, Director General\n", "\nJon Jonsson, Interpreter\n\n", (78, 25)),
        # a lettered item (08STATE30340: 'E. Information Infrastructure and Telecommunications (INFR-4)')
        ("   allied detachments.\n", "\nE. Information Infrastructure\n\n", (78, 30)),
    ],
)
def test_a_mixed_case_line_that_is_no_heading_stays_in_its_paragraph(before: str, line: str, end: tuple[int, int]) -> None:
    """Lines in mixed case that stand alone but go on with the paragraph's text keep
    the paragraph's span (the line above them ends no sentence, or they are an item)."""
    text = mutate(REK, "   allied detachments.\n\n4. (C) The last item", f"{before}{line}4. (C) The last item")
    assert _third_end(text) == end


def test_a_mixed_case_line_under_an_unwrapped_list_line_stays_in_its_paragraph() -> None:
    """Under a line of the unwrapped rendering, with no blank line between, a mixed-case
    line is a heading only right over the next paragraph's head: a list's second
    line with a blank line under it ('... (notetaker)' / 'Ethiopia Prime Minister
    ...', 10ADDISABABA163) stays in paragraph 7."""
    from cablelint.grammar.parser import parse_text

    seven = "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse, to replace its older patrol aircraft in 2010.\nSveinbjornsson confirmed that the replacement has been postponed\nindefinitely.\n"
    one = seven.replace("\n", " ").strip()
    for under, end in (("Patrol Aircraft\n", (116, len(one) + 1)), ("Icelandic Coast Guard Director Georg Lárus Sigurdsson\n\n", (117, 54))):
        text = mutate(REK, seven + "\n", f"{one}\n{under}")
        para = next(p for p in parse_text(text).paragraphs if p.number == 7)
        assert (para.span.end_line, para.span.end_column) == end


def test_a_heading_under_a_paragraph_on_one_line_ends_it() -> None:
    """The unwrapped rendering puts a paragraph on one line and its heading right
    under it (10HAVANA84: '2. (SBU) ...' / 'DIPLOMATS ARE MOSTLY PESSIMISTIC' / rule;
    09ASTANA677 with no rule): the paragraph ends at its one line."""
    from cablelint.grammar.parser import parse_text

    seven = "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse, to replace its older patrol aircraft in 2010.\nSveinbjornsson confirmed that the replacement has been postponed\nindefinitely.\n"
    one = seven.replace("\n", " ").strip()
    assert len(one) > 100
    for heading in ("Patrol Aircraft\n---------------\n", "PATROL AIRCRAFT\n"):
        text = mutate(REK, seven + "\n", f"{one}\n{heading}")
        para = next(p for p in parse_text(text).paragraphs if p.number == 7)
        assert (para.span.line, para.span.end_line, para.span.end_column) == (116, 116, len(one) + 1)


@pytest.mark.parametrize(
    "between",
    [
        "\n-------\n\nREYKJAVIK 00000687  002.2 OF 003\n\n\nComment\n-------\n\n",  # 06BAKU1835, over a heading's rule
        "\nREYKJAVIK 00000687 002.2 OF 003\n\nKEFLAVIK COSTS\n\n",  # over a heading in capitals
    ],
)
def test_a_page_header_over_a_heading_is_no_part_of_the_paragraph(between: str) -> None:
    """A page header between a paragraph's last sentence and the heading under it
    (cable-format.md 4.6: the archive leaves it at the page break, and the reader
    drops it) is passed with the blank lines and rules: paragraph 3 ends at 'allied
    detachments.' on line 76, not at the page header (06BAKU1835's paragraph 7 ran on
    to line 206, 07KABUL1132's paragraph 4 to line 50)."""
    text = mutate(REK, "   allied detachments.\n\n4. (C) The last item", f"   allied detachments.\n{between}4. (C) The last item")
    assert _third_end(text) == (76, 23)


def test_a_heading_under_an_unwrapped_paragraph_s_second_line_ends_it() -> None:
    """The unwrapped rendering's paragraph can go on over a second line (a page header
    taken out between its two, 09ASTANA677's paragraph 8; or kept, 10HAVANA84): a
    heading right under that line ends the paragraph there, with or without a rule
    under it (cable-format.md 4.4). A line of the text that long is no heading, even
    over a rule: 07PARIS2725's bullet over the upper rule of a boxed heading stays."""
    from cablelint.grammar.parser import parse_text

    seven = "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse, to replace its older patrol aircraft in 2010.\nSveinbjornsson confirmed that the replacement has been postponed\nindefinitely.\n"
    head = "7. (U) Ref B reported the ICG's plans, made before the banking collapse, to replace its older patrol aircraft in 2010."
    rest = "Sveinbjornsson confirmed that the replacement has been postponed indefinitely, as the Coast Guard's budget stands."
    assert len(head) > 100 and len(rest) > 100
    for page in ("", "REYKJAVIK 00000687 003.2 OF 003\n"):
        for heading in ("Patrol Aircraft\n---------------\n", "PATROL AIRCRAFT\n"):
            text = mutate(REK, seven + "\n", f"{head}\n{page}{rest}\n{heading}")
            para = next(p for p in parse_text(text).paragraphs if p.number == 7)
            last = 118 if page else 117
            assert (para.span.line, para.span.end_line, para.span.end_column) == (116, last, len(rest) + 1)
    bullet = "-- Sveinbjornsson confirmed that the replacement has been postponed indefinitely, as the budget stands."
    assert len(bullet) > 100
    text = mutate(REK, seven + "\n", f"{head}\n{bullet}\n---------------\nPatrol Aircraft\n---------------\n")
    para = next(p for p in parse_text(text).paragraphs if p.number == 7)
    assert (para.span.line, para.span.end_line, para.span.end_column) == (116, 117, len(bullet) + 1)


def test_the_last_paragraph_ends_before_a_website_footer() -> None:
    """A post's classified-website footer above the signature (04AMMAN1288, 44
    real files) is one of the text's endings (cable-format.md 4.7), no part of
    paragraph 8: it ends at 'End Comment.' on line 129; rule characters round the
    footer go with it (07RABAT1229)."""
    from cablelint.grammar.parser import parse_text

    for footer in ("Visit Reykjavik's Classified Website:\nhttp://www.state.sgov.gov/p/eur/reykjavik/\n", "\n*****\nVisit Embassy Reykjavik's Classified Website;\nhttp://www.state.sgov.gov/p/eur/reykjavik\n*****\n"):
        text = mutate(REK, "End Comment.\nLINDQVIST", f"End Comment.\n{footer}LINDQVIST")
        cable = parse_text(text)
        last = cable.paragraphs[-1]
        assert (last.number, last.span.end_line, last.span.end_column) == (8, 129, 64)
        assert text[last.span.end - len("End Comment.") : last.span.end] == "End Comment."
        assert cable.signature is not None and cable.signature.name == "LINDQVIST"


def test_the_last_paragraph_ends_before_an_appended_signature() -> None:
    """A signature run on to the last line ('... End Comment. LINDQVIST', 85 real
    paragraphs, 10USNATO52's 'END TEXT HEFFERN') is the signature's, not the
    paragraph's: paragraph 8 ends at 'End Comment.'."""
    from cablelint.grammar.parser import parse_text

    text = mutate(REK, "End Comment.\nLINDQVIST", "End Comment. LINDQVIST")
    cable = parse_text(text)
    last = cable.paragraphs[-1]
    assert cable.signature is not None and cable.signature.appended
    assert (cable.signature.span.line, cable.signature.span.column) == (129, 65)
    assert (last.span.end_line, last.span.end_column) == (129, 64)


@pytest.mark.parametrize(
    ("name", "number", "end"),
    [
        ("06BAKU1835", 7, (202, 42)),  # not at the page header on line 206, over 'Comment'
        ("07KABUL1132", 4, (49, 974)),  # not at the page header on line 50
        ("09ASTANA677", 8, (49, 282)),  # not at the heading on line 50, under its second line
        ("07KABUL1132", 5, (55, 1038)),  # not at 'GOVERNOR-LED ERADICATION AND PROBLEMS OF' / '' / 'CORRUPTION' / rule
        ("07MADRID1021", 2, (78, 13)),  # not at the heading 'What is Working' on line 80
        ("09SAOPAULO653", 1, (32, 63)),  # on to line 32, "Brazilians." and the heading run on to it
    ],
)
def test_paragraph_ends_before_headings_on_real_cables(name: str, number: int, end: tuple[int, int]) -> None:
    """The real cables behind the two tests above: each paragraph ends at its own last
    line of text."""
    from cablelint.grammar.parser import parse_text
    from tests.conftest import REAL

    path = REAL / "text" / f"{name}.cable"
    if not path.is_file():
        pytest.skip("real cables absent")
    para = next(p for p in parse_text(path.read_text(encoding="utf-8")).paragraphs if p.number == number)
    assert (para.span.end_line, para.span.end_column) == end


@pytest.mark.parametrize("rendering", ["text", "markdown"])
def test_paragraph_ends_on_real_cables(rendering: str) -> None:
    """On the real cables: 10BERLIN157's paragraph 1 ends before the heading
    'WESTERWELLE: BIGGEST OBSTACLE' (line 50), at 'END SUMMARY.' on line 48;
    10USNATO52's last paragraph before 'HEFFERN' (88:9), in both renderings."""
    from cablelint.grammar.parser import parse_text
    from tests.conftest import REAL

    usnato = REAL / rendering / "10USNATO52.cable"
    if not usnato.is_file():
        pytest.skip("real cables absent")
    last = parse_text(usnato.read_text(encoding="utf-8")).paragraphs[-1]
    assert (last.number, last.span.end_line, last.span.end_column) == (10, 88, 9)
    berlin = REAL / "text" / "10BERLIN157.cable"
    if rendering == "text" and berlin.is_file():
        first = parse_text(berlin.read_text(encoding="utf-8")).paragraphs[0]
        assert (first.span.end_line, first.span.end_column) == (48, 22)


RIGA = corpus_text("markdown-confidential-riga.cable")  # a Markdown page; paragraph 3 on line 43


@pytest.mark.parametrize(
    "head,message",
    [
        ("3.(C) A deputy", "paragraph head '3.(C)' is not spaced as '3. (C)': expected the number, a full stop, one space, the marker and one space"),
        ("3. (C)A deputy", "paragraph head '3. (C)' has no space before its text: expected one space"),
        ("3.  (C) A deputy", "paragraph head '3.  (C)' is not spaced as '3. (C)': expected the number, a full stop, one space, the marker and one space"),
    ],
    ids=["no-space-before-marker", "no-space-after-marker", "two-spaces"],
)
def test_p004_says_a_head_escaped_by_the_converter_as_it_says_the_plain_one(head: str, message: str) -> None:
    """The converter's '3\\.' is F004's; the head's own spacing slip is said in the same
    words, at the same place, as on the head written '3.'."""
    for escaped in (False, True):
        text = head.replace("3.", "3\\.", 1) if escaped else head
        found = check_json("--select", "P004,F004", "-", input=mutate(RIGA, "3. (C) A deputy", text))
        got = [(d["code"], d["line"], d["column"], d["message"]) for d in found]
        residue = [("F004", 43, 2, "converter residue '\\.': expected the plain text ('.')")] if escaped else []
        assert got == [("P004", 43, 1, message)] + residue, escaped


def test_p001_underlines_an_escaped_number_with_its_full_stop() -> None:
    """'4\\.' (the converter's escape, read '4.') out of sequence: P001 covers the number
    and its full stop as written, '4\\.', as it covers '4.' on the plain head."""
    for head, end in (("4. (C) A deputy", 3), ("4\\. (C) A deputy", 4)):
        found = check_json("--select", "P001", "-", input=mutate(RIGA, "3. (C) A deputy", head))
        assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in found] == [(43, 1, 43, end)], head


@pytest.mark.parametrize(
    "head, found",
    [
        # the link is F004's; the ellipsis, the head's slip, P004's, said as the head
        # reads once the link is plain text, its fix after the link (the two edits
        # meet, no overlap)
        (
            "[3](#)\u2026 A deputy",
            [
                ("F004", 43, 1, 7, "converter residue '[3](#)': expected the plain text ('3')", [(1, 7, "3")]),
                ("P004", 43, 1, 8, "paragraph head '3\u2026' has an ellipsis (\u2026) for the full stop after the number: expected '3.'", [(7, 9, ". ")]),
                ("P002", 43, 9, 9, "paragraph 3 has no classification marker: expected one such as (U) or (C) right after '3\u2026' (a CONFIDENTIAL cable marks every paragraph)", None),
            ],
        ),
        (
            "[3](#)... A deputy",
            [
                ("F004", 43, 1, 7, "converter residue '[3](#)': expected the plain text ('3')", [(1, 7, "3")]),
                ("P004", 43, 1, 10, "paragraph head '3...' has 3 full stops after the number: expected 1 ('3.')", [(7, 11, ". ")]),
                ("P002", 43, 11, 11, "paragraph 3 has no classification marker: expected one such as (U) or (C) right after '3...' (a CONFIDENTIAL cable marks every paragraph)", None),
            ],
        ),
        (
            "[3](#).(C) A deputy",
            [
                ("F004", 43, 1, 7, "converter residue '[3](#)': expected the plain text ('3')", [(1, 7, "3")]),
                ("P004", 43, 1, 11, "paragraph head '3.(C)' is not spaced as '3. (C)': expected the number, a full stop, one space, the marker and one space", [(7, 12, ". (C) ")]),
            ],
        ),
        # a well-spaced head after the link: the link alone, F004's
        ("[3](#). (C) A deputy", [("F004", 43, 1, 7, "converter residue '[3](#)': expected the plain text ('3')", [(1, 7, "3")])]),
    ],
    ids=["ellipsis", "three-stops", "marked-unspaced", "marked-well-spaced"],
)
def test_a_converter_link_for_the_number_is_f004s_and_the_head_reads_without_it(head: str, found: list[tuple[object, ...]]) -> None:
    """'[3](#)\u2026 A deputy': the converter made the number a link; F004 names the
    link and writes '3', P004 and P002 speak of the head as it reads once it is plain
    ('3\u2026', not '3](#)\u2026'), and P004's fix starts after the link."""
    text = mutate(RIGA, "3. (C) A deputy", head)
    got = check_json("--select", "F004,P002,P004", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"], _edits(d)) for d in got] == found


def _edits(finding: dict[str, Any]) -> Optional[list[tuple[int, int, str]]]:
    """A finding's fix, (column, end column, replacement) for each edit; None: none."""
    return None if finding["fix"] is None else [(e["column"], e["end_column"], e["replacement"]) for e in finding["fix"]["edits"]]


@pytest.mark.parametrize("head, after", [("[3](#)\u2026 A deputy", "3. A deputy"), ("[3](#)... A deputy", "3. A deputy"), ("[3](#).(C) A deputy", "3. (C) A deputy"), ("[3](#). (C) A deputy", "3. (C) A deputy")])
def test_check_fix_writes_a_head_after_a_link_for_its_number_in_one_run(tmp_path: Path, head: str, after: str) -> None:
    """`check --fix` applies F004's edit and P004's together; a second run finds
    neither again (P002's marker, which no fix writes, is then said after '3.')."""
    path = tmp_path / "riga.cable"
    path.write_text(mutate(RIGA, "3. (C) A deputy", head), encoding="utf-8")
    run_cli("check", "--fix", "--select", "F004,P004", str(path))
    assert path.read_text(encoding="utf-8") == mutate(RIGA, "3. (C) A deputy", after)
    again = json.loads(run_cli("check", "--format", "json", "--select", "F004,P002,P004", str(path)).stdout)
    marker = [] if "(C)" in after else [("P002", 43, 4, "paragraph 3 has no classification marker: expected one such as (U) or (C) right after '3.' (a CONFIDENTIAL cable marks every paragraph)")]
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in again] == marker


@pytest.mark.parametrize("under", ["\n", " "], ids=["own-line", "run-on"])
def test_summary_heading_is_no_part_of_the_classified_by_caption(under: str) -> None:
    """'Summary -------' under the Classified By line, or run on after it, is the
    block's heading: the caption reads without it, and an 'End Summary' closing it
    draws no P007 (the real 08STOCKHOLM51 had one, at its end)."""
    text = mutate(CPH, "(b) and (d)\n\n1. (C) Summary: The", f"(b) and (d).{under}Summary -------\n\n1. (C) The")
    parsed = json.loads(run_cli("parse", "-", input=text.encode("utf-8")).stdout)
    assert parsed["classified_by"] == "Ambassador Ingrid M. Holmgren for reasons 1.4 (b) and (d)."
    diags = json.loads(run_cli("check", "--format", "json", "--select", "P007,C004", "-", input=text.encode("utf-8")).stdout)
    assert diags == []


def test_a_list_that_lost_a_and_c_is_named_so() -> None:
    """'B.', 'D.', 'E.' under paragraph 2, each after a blank line: the list's start
    and its skip, in the words P006 has for a list that lost its A."""
    text = mutate(mutate(mutate(CPH, "A. the technical", "B. the technical"), "B. the regulatory", "D. the regulatory"), "C. the lessons", "E. the lessons")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "P006", "-", input=text)]
    assert found == [
        ("P006", 27, 1, 3, "sub-paragraphs in paragraph 2 start at B: expected A"),
        ("P006", 30, 1, 3, "sub-paragraph D in paragraph 2 follows B and skips the sequence: expected C"),
    ]
