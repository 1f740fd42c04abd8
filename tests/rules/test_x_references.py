"""X rules: the REF block and the text's citations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import SEED, check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, fixed, mutate, params
from tests.test_wrappers import WRAPPERS

# CONFIDENTIAL REYKJAVIK 687 of 2008; REF A. STATE 108812, B. 08 REYKJAVIK 512;
# the text cites Ref A (line 47), Ref B (line 116), para 6 (line 40) and para 5 (line 127).
REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")
USNATO = corpus_text("telegram-secret-usnato-multisection.cable")  # P 181652Z SEP 08, REF A dated 30 AUG 08
BKO = corpus_text("telegram-unclas-bamako.cable")  # one unlabelled REF, cited as reftel
BRA = corpus_text("cablegate-unwrapped-confidential-brasilia.cable")  # REF: A. BRASILIA 1044  B. SAO PAULO 455
NO_REF = mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512\n\n", "")
# a block re-labelled line by line, over the drafter's own A-C (cable-format.md 3.7):
# the entries are read by the second labels, A, B and C; the text cites A and B
RELABELLED = mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: A. A. 08 STATE 98812 B. STATE 108812\n     B. C. 08 REYKJAVIK 512")
# the re-labelling also labelled a wrapped line that holds only a year
SWAPPED = mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK", "REF: B. STATE 108812\n     A. 08 REYKJAVIK")
LOST_LABEL = mutate(REK, "     B. 08 REYKJAVIK 512", "     08 REYKJAVIK 512")
YEAR_LINE = mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: A. (A) EMBASSY REYKJAVIK DAILY REPORT FOR MAY 12\n     B. 2008\n     C. (B) 08 REYKJAVIK 512")


def _ref_b(id: str, words: str, uncited: bool = False, only: bool = True) -> Case:
    """An X004 case of REK whose paragraph 7 says *words* where it cites Ref B ("7.
    (U) Ref B reported"); B left *uncited* by them is an info finding at its entry
    (26:6). *only*: as Case's."""
    text = mutate(REK, "7. (U) Ref B reported", f"7. (U) {words}")
    return Case("X004", id, text, ((26, 6),), severity="info", only=only) if uncited else Case("X004", id, text, only=only)


CASES = [
    # X001
    Case("X001", "clean", REK),
    # the next label typed after the last entry, nothing after it
    Case("X001", "last-label-naming-nothing", mutate(BRA, "B. SAO PAULO 455", "B. SAO PAULO 455 C."), ((22, 41),), only=False),
    Case("X001", "last-label-naming-nothing-in-a-block-of-lines", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512 C)"), ((26, 26),), only=False),
    # ... but not a letter that is the end of the entry's name ("REPORT B.")
    Case("X001", "letter-out-of-sequence-at-the-end-is-text", mutate(BRA, "B. SAO PAULO 455", "B. SAO PAULO 455 A."), only=False),
    # an intelligence report named without its number
    Case("X001", "iir-without-number", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: IIR"), ((23, 6),), only=False),
    Case("X001", "iir-with-number", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: IIR 6906012405"), only=False),
    # the number lost before NOTAL: the entry names no cable
    Case("X001", "origin-and-notal-without-number", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK (NOTAL)"), ((26, 9),), severity="error"),
    Case("X001", "number-and-notal", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512 (NOTAL)")),
    Case("X001", "comma-for-full-stop", mutate(REK, "     B. 08 REYKJAVIK", "     B, 08 REYKJAVIK"), ((26, 6),)),
    # a date after the serial that is no date (30 days in November): named at the date
    Case("X001", "impossible-date-after-the-serial", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. REYKJAVIK 512 31 NOV 08"), ((26, 23),)),
    Case("X001", "real-date-after-the-serial", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. REYKJAVIK 512 30 NOV 08"), only=False),
    # a label that lost its full stop, run on after the entry before: the entry is split
    # off there and its label named (not one entry 'STATE 108812 B 08 REYKJAVIK 512')
    # the keyword with two letters swapped: the block is still read (no reftel without a
    # REF block, no subject across a blank line), and the keyword named
    Case("X001", "keyword-letters-swapped", mutate(BKO, "REF: 08 BAMAKO 1187", "RFE: 08 BAMAKO 1187"), ((23, 1),)),
    # a letter typed twice: the misspelt keyword, not 'REF' with an entry 'F: ...'
    Case("X001", "keyword-letter-doubled", mutate(BKO, "REF: 08 BAMAKO 1187", "REFF: 08 BAMAKO 1187"), ((23, 1),)),
    # a semicolon for the colon: the block read (no reftel without a REF block), named at it
    Case("X001", "keyword-with-a-semicolon", mutate(BKO, "REF: 08 BAMAKO 1187", "REF; 08 BAMAKO 1187"), ((23, 4),)),
    Case("X001", "bare-label-run-on", mutate(REK, "STATE 108812\n     B. 08 REYKJAVIK 512", "STATE 108812 B 08 REYKJAVIK 512"), ((25, 22),)),
    Case("X001", "label-run-on-with-its-stop", mutate(REK, "STATE 108812\n     B. 08 REYKJAVIK 512", "STATE 108812  B. 08 REYKJAVIK 512")),
    Case("X001", "origin-without-number", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. REYKJAVIK"), ((26, 9),)),
    Case("X001", "year-and-origin-without-number", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK"), ((26, 9),)),
    # an origin of two or three words ("LA PAZ", "RIO DE JANEIRO") has lost its number too
    Case("X001", "two-word-origin-without-number", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 LA PAZ"), ((26, 9),)),
    Case("X001", "two-word-origin-with-number", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 LA PAZ 512")),
    # words that name another kind of document are no origin ("FRENCH MFA MEMCON")
    Case("X001", "memcon-is-no-cable", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. FRENCH MFA MEMCON")),
    Case("X001", "unlabelled-without-number", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: 08 BAMAKO"), ((23, 6),)),
    Case("X001", "origin-and-previous-without-number", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: BAMAKO AND PREVIOUS"), ((23, 6),)),
    Case("X001", "prose-and-previous", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: DEPARTMENT'S MEMO AND PREVIOUS")),
    # a word naming another kind of document, or none, is no post that lost its number
    Case("X001", "memcon-alone", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: MEMCON")),
    Case("X001", "telcon-alone", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: TELCON")),
    Case("X001", "previous-alone", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: PREVIOUS")),
    Case("X001", "labelled-memcon", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. MEMCON")),
    Case("X001", "memcon-and-previous", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: MEMCON AND PREVIOUS")),
    # a year of three digits, a digit typed twice ("009"): read as the cable, reported once
    Case("X001", "year-of-three-digits", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: 008 BAMAKO 1187"), ((23, 6),)),
    Case("X001", "labelled-year-of-three-digits", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 008 REYKJAVIK 512"), ((26, 9),)),
    Case("X001", "year-of-four-digits", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: 2008 BAMAKO 1187")),
    Case("X001", "fam-volume-is-no-year", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: 9 FAM 1187")),
    Case("X001", "lower-case-label", mutate(REK, "     B. 08 REYKJAVIK", "     b. 08 REYKJAVIK"), ((26, 6),)),
    # a label with nothing after it, alone on its line: one X001, not text of the entry above
    Case("X001", "label-alone-on-its-line", mutate(REK, "     B. 08 REYKJAVIK 512", "     (B)"), ((26, 7),)),
    Case("X001", "first-label-alone", mutate(REK, "REF: A. STATE 108812", "REF: A."), ((25, 6),)),
    # a lone letter as the block's only entry: one X001, not also X002 for the letter
    Case("X001", "lone-label-only-entry", mutate(mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: B"), "Ref B reported", "Post reported").replace("Ref A", "the request"), ((25, 6),)),
    Case("X001", "label-out-of-sequence-with-nothing-after-it", mutate(REK, "     B. 08 REYKJAVIK 512", "     C."), ((26, 6),)),
    Case("X001", "number-without-origin", mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 512"), ((26, 9),)),
    Case("X001", "empty-ref-block", mutate(mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF:"), "Ref B reported", "Post reported").replace("Ref A", "the request"), ((25, 1),)),
    Case("X001", "unlabelled-list-is-fine", mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: STATE 108812; 08 REYKJAVIK 512"), only=False),
    # X002
    Case("X002", "clean", REK),
    # the entry in B's place labelled C: the text's 'Ref B' means it, so X002 alone fires
    Case("X002", "skipped-label", mutate(REK, "     B. 08 REYKJAVIK", "     C. 08 REYKJAVIK"), ((26, 6),), severity="warning"),
    Case("X002", "doubled-labels-read-by-the-second", RELABELLED),
    Case("X002", "a-year-line-labelled-by-the-re-labelling", YEAR_LINE),
    # labels all there but out of order: one finding, at the first out of its place
    Case("X002", "swapped-labels", SWAPPED, ((25, 6),)),
    # an entry that lost its label, in a labelled block: X002 at the entry, and the
    # text's Ref B means it (no X003)
    Case("X002", "entry-without-a-label", LOST_LABEL, ((26, 6),)),
    Case("X002", "a-line-run-on-from-the-entry-above", mutate(REK, "REF: A. STATE 108812\n", "REF: A. STATE 108812 AND\n     STATE 108813\n")),
    Case("X002", "repeated-label", mutate(REK, "     B. 08 REYKJAVIK", "     A. 08 REYKJAVIK"), ((26, 6),)),
    # one space between entries on one line: a wrong or repeated label there still
    # starts an entry when it follows a document number and comes before a reference
    Case("X002", "skipped-label-on-one-line", mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: (A) STATE 108812 (C) 08 REYKJAVIK 512"), ((25, 24),)),
    Case("X002", "repeated-label-on-one-line", mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: A) STATE 108812 A) 08 REYKJAVIK 512"), ((25, 22),)),
    # B typed C in A, B, C: the C after it follows B, so one slip and one finding
    # in a block re-labelled throughout, an entry's two labels are two labels whatever the
    # second letter ("C. D."), not a label naming nothing then an entry D (X001's)
    Case("X002", "re-labelled-block-second-label-skips", mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: A. A. STATE 108812\n     B. B. 08 REYKJAVIK 512\n     C. D. 08 REYKJAVIK 500"), ((27, 9),)),
    Case("X002", "re-labelled-block-in-sequence", mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: A. A. STATE 108812\n     B. B. 08 REYKJAVIK 512\n     C. C. 08 REYKJAVIK 500")),
    Case("X002", "label-typed-as-the-next-one", mutate(REK, "     B. 08 REYKJAVIK 512", "     C. 08 REYKJAVIK 512\n     C. 08 REYKJAVIK 500"), ((26, 6),)),
    # X003
    Case("X003", "clean", REK),
    Case("X003", "undefined-letter", mutate(REK, "7. (U) Ref B reported", "7. (U) Ref C reported"), ((116, 8),)),
    # "REFS" is a word, no "Ref S": a letter stands apart from "ref"
    Case("X003", "a-word-refs-is-no-letter", mutate(REK, "7. (U) Ref B reported", "7. (U) Ref B and the REFS program reported"), only=False),
    Case("X003", "undefined-parenthesised", mutate(REK, "7. (U) Ref B reported", "7. (U) Ref (c) reported"), ((116, 8),)),
    # the entry in B's place labelled A again: the text's Ref B means it, X002 alone fires
    Case("X003", "repeated-label-in-the-letters-place", mutate(REK, "     B. 08 REYKJAVIK", "     A. 08 REYKJAVIK"), only=False),
    # ... but not when B is defined elsewhere
    Case("X003", "repeated-label-with-the-letter-defined", mutate(REK, "     B. 08 REYKJAVIK 512", "     A. 08 REYKJAVIK 512\n     B. 08 REYKJAVIK 513"), only=False),
    Case("X003", "swapped-labels-define-their-own-letters", mutate(SWAPPED, "7. (U) Ref B reported", "7. (U) Ref C reported"), ((116, 8),), only=False),
    Case("X003", "entry-without-a-label-in-the-letters-place", LOST_LABEL, only=False),
    Case("X003", "cited-by-the-letter-of-its-place", mutate(REK, "     B. 08 REYKJAVIK", "     C. 08 REYKJAVIK"), only=False),
    Case("X003", "unlabelled-block-cited-by-position", mutate(BKO, "described in reftel", "described in Ref A")),
    # a letter wrapped onto the next line is the citation's (cable-format.md 4.5)
    Case("X003", "wrapped-reftel-letter", mutate(REK, "As requested in Ref A, the DCM and the Defense Attache\ncalled", "As requested, the DCM and the Defense Attache (reftel\nC) called"), ((47, 55),), only=False),
    # a letter cited when the one reference has none: 'reftel' was meant, and the
    # reference is not also reported as never cited (X004)
    Case("X003", "letter-for-the-one-unlabelled-reference", mutate(BKO, "described in reftel", "described in Ref B"), ((27, 41),)),
    # a range of letters cites each of them: its last one beyond the block is named
    Case("X003", "letter-range-beyond-the-block", mutate(REK, "7. (U) Ref B reported", "7. (U) Refs A-C reported"), ((116, 8),)),
    Case("X003", "letter-range-within-the-block", mutate(REK, "7. (U) Ref B reported", "7. (U) Refs A-B reported")),
    # a hyphen with spaces around it is prose, no range ("Ref B - C" cites B alone)
    Case("X003", "spaced-hyphen-is-no-range", mutate(REK, "7. (U) Ref B reported", "7. (U) Ref B - C reported")),
    # a list of letters wrapped after its joint ("Refs B and" / "C. Post ..."): the
    # letter starting the next line is the list's, as on one line; a lettered item
    # "C." under a line that ends otherwise is no citation, nor is prose after a joint
    Case("X003", "letter-list-wrapped-after-and", mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) On the ICG's plans, see Refs B and\nC. Post believes they came before the\ncollapse,"), ((116, 32),)),
    Case("X003", "letter-list-wrapped-after-a-comma", mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) On the ICG's plans, see Refs B,\nC and A. Post believes they came before the\ncollapse,"), ((116, 32),)),
    Case("X003", "lettered-item-under-a-line-ending-otherwise", mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) Ref B reported the ICG's plans, and\nC. Post believes they came before the\ncollapse,")),
    Case("X003", "prose-after-a-wrapped-joint", mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) On the ICG's plans, see Refs A and\nPost's notes: they came before the\ncollapse,")),
    # X004
    Case("X004", "clean", REK),
    Case("X004", "cited-in-a-letter-list-wrapped", mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) On the ICG's plans, see Refs A and\nB. Post believes they came before the\ncollapse,")),
    Case("X004", "uncited-after-a-joint-followed-by-prose", mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) On the ICG's plans, see Refs A and\nthe minister: they came before the\ncollapse,"), ((26, 6),), severity="info"),
    Case("X004", "cited-by-a-wrong-letter-is-x003s", mutate(REK, "7. (U) Ref B reported", "7. (U) Ref C reported"), only=False),
    Case("X004", "one-reference-cited-by-a-letter-is-x003s", mutate(BKO, "described in reftel", "described in Ref B"), only=False),
    _ref_b("uncited", "Post reported", uncited=True),
    Case("X004", "cited-by-the-letter-of-its-place", mutate(REK, "     B. 08 REYKJAVIK", "     C. 08 REYKJAVIK"), only=False),
    Case("X004", "reftel-could-mean-it", BKO),
    Case("X004", "doubled-labels-read-by-the-second", RELABELLED, ((26, 9),)),
    Case("X004", "a-year-line-labelled-by-the-re-labelling", YEAR_LINE),
    _ref_b("cited-with-the-letter-wrapped", "As reported in Ref\nB, the ICG reported"),
    # the letters inside a range are cited too ("Refs A-C", "refs (a) through (c)": B)
    Case("X004", "cited-inside-a-letter-range", mutate(mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     C. 08 REYKJAVIK 530"), "7. (U) Ref B reported", "7. (U) Refs A-C reported")),
    Case("X004", "cited-inside-a-range-through", mutate(mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     C. 08 REYKJAVIK 530"), "7. (U) Ref B reported", "7. (U) refs (a) through (c) reported"), only=False),
    # a comma and "and" before the list's last letter (the serial comma), on one line
    # and with the list wrapped after the "and"
    Case("X004", "cited-after-a-comma-and-and", mutate(mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     C. 08 REYKJAVIK 530"), "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) Refs A, B, and C reported the ICG's plans, made before\nthe banking collapse,")),
    Case("X004", "cited-after-a-comma-and-and-wrapped", mutate(mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     C. 08 REYKJAVIK 530"), "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) On the ICG's plans, see Refs A, B, and\nC. Post believes they came before the\ncollapse,")),
    # "ref" or "refs" with no letter: the block's entries, as "reftel"/"reftels" name them
    _ref_b("cited-by-a-bare-refs", "Post (refs) reported"),
    Case("X004", "cited-by-a-bare-ref", mutate(BKO, "described in reftel.", "described in (ref).")),
    _ref_b("cited-by-a-bare-ref-before-a-noun", "Post delivered ref points; it reported", only=False),
    # a bare "ref" only in a citation's shape: prose uses the word otherwise
    _ref_b("ref-in-prose-is-no-citation", "The ref. point reported", uncited=True, only=False),
    _ref_b("soccer-ref-is-no-citation", "A former soccer ref, he reported", uncited=True, only=False),
    _ref_b("ref-as-a-verb-is-no-citation", "We will ref. the matter; it reported", uncited=True, only=False),
    _ref_b("ref-number-is-no-citation", "A note (Ref. No. 45/2009) reported", uncited=True, only=False),
    _ref_b("cross-ref-is-no-citation", "Per the cross-ref, the ref's whistle reported", uncited=True, only=False),
    _ref_b("cited-by-a-bare-ref-before-a-para", "As ref para 3 reported", only=False),
    _ref_b("cited-by-see-ref", "Post (see ref) reported", only=False),
    _ref_b("cited-by-a-bare-ref-after-a-citing-word", "As reported ref, the ICG reported", only=False),
    # "(Ref" / "B)": the letter on the next line is the citation, not a bare "ref" (that
    # would cite every entry): A, cited nowhere else, is uncited
    Case("X004", "wrapped-letter-is-no-bare-ref", mutate(mutate(REK, "As requested in Ref A,", "As requested,"), "7. (U) Ref B reported", "7. (U) As reported in (Ref\nB), the ICG reported"), ((25, 6),), severity="info", only=False),
    # a "REF:" caption quoted in the text cites nothing
    _ref_b("ref-caption-in-the-text-is-no-citation", "REF: B reported", uncited=True, only=False),
    # a list wrapped before its joint: "(Ref A" / "and B)"; prose after the joint is no letter
    Case("X004", "cited-in-a-list-wrapped-before-its-joint", mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) The ICG's plans (see Ref A\nand B), made before the\ncollapse,")),
    Case("X004", "uncited-after-a-joint-below-followed-by-prose", mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) The ICG's plans (see Ref A\nand the minister), made before the\ncollapse,"), ((26, 6),), severity="info"),
    # an entry cited by its origin and number, the year aside: alone, in a list wrapped
    # over a line break, and STATE written SECSTATE; another origin, or none, cites nothing
    Case("X004", "cited-by-its-origin-and-number", mutate(REK, "7. (U) Ref B reported the ICG's", "7. (U) Reykjavik 512 reported the")),
    Case("X004", "cited-by-number-in-a-wrapped-list", mutate(mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     C. 08 REYKJAVIK 530"), "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) The ICG's plans (see 08 Reykjavik 512\nand 530), made before the\ncollapse,")),
    Case("X004", "cited-by-number-as-secstate", mutate(REK, "As requested in Ref A,", "Per SECSTATE 108812,")),
    _ref_b("a-number-of-another-origin-cites-nothing", "Oslo 512 reported", uncited=True),
    # a number followed by a noun or a range is no cable's: "the Reykjavik 512 delegates"
    _ref_b("a-number-before-a-noun-cites-nothing", "In Reykjavik 512 people reported", uncited=True, only=False),
    _ref_b("a-number-before-a-range-cites-nothing", "In Reykjavik 512-530 people reported", uncited=True, only=False),
    _ref_b("a-number-before-and-a-noun-cites-nothing", "In Reykjavik 2008 and 512 people reported", uncited=True, only=False),
    _ref_b("cited-by-number-after-see", "Post (see Reykjavik 512 for more) reported", only=False),
    _ref_b("cited-by-number-in-a-list-after-see", "Post (see Oslo 4 and 08 Reykjavik 512 for more) reported", only=False),
    _ref_b("cited-by-number-at-a-clause-end", "As Reykjavik 512 said, the ICG reported", only=False),
    _ref_b("a-number-without-origin-cites-nothing", "All 512 reported", uncited=True),
    # a partial extract: the text the archive left out may cite the entry
    Case("X004", "uncited-in-a-partial-extract", "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n" + mutate(BRA, "ConGenOffs (Ref B)", "ConGenOffs"), only=False),
    Case("X004", "uncited-in-the-whole-cable", mutate(BRA, "ConGenOffs (Ref B)", "ConGenOffs"), ((22, 24),), severity="info", only=False),
    Case("X004", "uncited-beside-a-letter-range", mutate(mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     C. 08 REYKJAVIK 530"), "7. (U) Ref B reported", "7. (U) Refs A-B reported"), ((27, 6),), severity="info"),
    # X005
    Case("X005", "clean", REK),
    Case("X005", "reftel-with-two-refs", mutate(REK, "As requested in Ref A,", "As requested in reftel,"), ((47, 24),), severity="warning"),
    Case("X005", "bare-ref-with-two-refs", mutate(REK, "As requested in Ref A,", "As requested in ref,"), ((47, 24),), severity="warning"),
    Case("X005", "bare-ref-before-a-noun-means-all", mutate(REK, "As requested in Ref A,", "To deliver ref points,")),
    Case("X005", "bare-ref-before-a-para-is-ambiguous", mutate(REK, "As requested in Ref A,", "As in ref para 3,"), ((47, 14),), severity="warning"),
    Case("X005", "bare-refs-means-all", mutate(REK, "As requested in Ref A,", "As requested in refs,")),
    Case("X005", "reftel-with-one-ref", BKO),
    Case("X005", "reftels-means-all", mutate(REK, "As requested in Ref A,", "As requested in reftels,")),
    # 'reftel (a)' and a 'reftel' whose letter wrapped onto the next line name one reference
    Case("X005", "reftel-with-a-parenthesised-letter", mutate(REK, "As requested in Ref A,", "As requested in reftel (a),")),
    Case("X005", "reftel-letter-wrapped", mutate(REK, "As requested in Ref A, the DCM and the Defense Attache\ncalled", "As requested, the DCM and the Defense Attache (reftel\nA) called")),
    Case("X005", "reftel-at-a-line-end", mutate(REK, "As requested in Ref A, the DCM and the Defense Attache\ncalled", "As requested, the DCM and the Defense Attache (reftel\npoints) called"), ((47, 55),)),
    # X006
    Case("X006", "clean", REK),
    Case("X006", "refs-without-block", NO_REF, ((44, 24),), only=False),
    # the unwrapped rendering runs the REF block on after the subject, glued to its
    # last word or after two spaces (cable-format.md 3.6): the block is there
    Case("X006", "ref-glued-to-the-subject", mutate(BRA, "EU STANDARDS\n\nREF: A.", "EU STANDARDSREF: A."), only=False),
    Case("X006", "ref-run-on-after-the-subject", mutate(BRA, "EU STANDARDS\n\nREF: A.", "EU STANDARDS  REF: A."), only=False),
    # the REF block of a cable inside a received copy's wrapper (2.8)
    Case("X006", "received-copy-wrapper", "".join(WRAPPERS["received-copy-page-line-with-section"])),
    Case("X006", "refs-without-block-inside-a-received-copy", mutate("".join(WRAPPERS["received-copy-page-line-with-section"]), "REF: (A) PARIS 1190\n     (B) STATE 92210\n\n", ""), ((33, 39),)),
    Case("X006", "bare-ref-without-block", mutate(mutate(BKO, "REF: 08 BAMAKO 1187\n\n", ""), "described in reftel.", "described in (ref)."), ((25, 42),)),
    Case("X006", "reftel-without-block", mutate(BKO, "REF: 08 BAMAKO 1187\n\n", ""), ((25, 41),)),
    # X007
    Case("X007", "clean", REK),
    Case("X007", "beyond-last-paragraph", mutate(REK, "para 6). Post", "para 9). Post"), ((40, 1),)),
    # each number of a list after "paras" is a citation, reported at the number
    # paragraph 8 numbered 9 (7., 9.): P001 names 8 as missing; its citation is no second finding
    Case("X007", "number-a-gap-skips", mutate(mutate(REK, "para 6). Post", "para 8). Post"), "8. (C) Comment:", "9. (C) Comment:"), only=False),
    Case("X007", "beyond-a-gap", mutate(mutate(REK, "para 6). Post", "para 10). Post"), "8. (C) Comment:", "9. (C) Comment:"), ((40, 1),), only=False),
    Case("X007", "second-of-two-paragraphs", mutate(REK, "para 6). Post", "paras 2 and 9). Post"), ((40, 13),), only=False),
    Case("X007", "last-of-a-list", mutate(REK, "para 6). Post", "paras 2, 5 and 9). Post"), ((40, 16),), only=False),
    Case("X007", "singular-para-takes-no-list", mutate(REK, "para 6). Post", "para 6 and 12). Post"), only=False),
    Case("X007", "a-list-without-and", mutate(REK, "para 6). Post", "paras 2, 9). Post"), ((40, 10),), only=False),
    Case("X007", "a-range-after-and", mutate(REK, "para 6). Post", "paras 2 and 4-9). Post"), ((40, 13),), only=False),
    Case("X007", "ranges-in-a-list", mutate(REK, "para 6). Post", "paras 2-3, 5-9). Post"), ((40, 12),), only=False),
    # a range is several paragraphs, whatever the noun's number ("(para 3-5, 14)", real 10ANKARA126)
    Case("X007", "a-list-after-a-range", mutate(REK, "para 6). Post", "para 3-5, 9). Post"), ((40, 11),), only=False),
    Case("X007", "every-number-of-the-list-there", mutate(REK, "para 6). Post", "paras 2, 5 and 6-8). Post"), only=False),
    Case("X007", "singular-para-takes-no-comma-list", mutate(REK, "para 6). Post", "para 6, 15 in all). Post"), only=False),
    Case("X007", "a-list-of-another-documents-paragraphs", mutate(REK, "para 6). Post", "paras 2, 9 of reftel). Post"), only=False),
    Case("X007", "a-list-of-ref-As-paragraphs", mutate(REK, "(see\npara 6). Post", "(see\nRef A paras 2, 9). Post"), only=False),
    Case("X007", "another-documents-paragraph", mutate(REK, "para 6). Post", "para 9 of reftel). Post"), only=False),
    Case("X007", "a-lettered-reftels-paragraph", mutate(REK, "(see\npara 6). Post", "(see\nreftel (a) para 9). Post"), only=False),
    # "of the resolution" wrapped onto the next line: another document's paragraphs still
    Case("X007", "another-documents-paragraphs-wrapped", mutate(REK, "surveillance (see\npara 6). Post", "surveillance (see paras 9 or 10\nof the resolution). Post"), only=False),
    Case("X007", "another-documents-paragraph-wrapped-after-a-comma", mutate(REK, "surveillance (see\npara 6). Post", "surveillance (see para 9,\nof UNSCR 1737). Post"), only=False),
    # ... not a line that goes on with other words
    Case("X007", "wrapped-line-goes-on-otherwise", mutate(REK, "surveillance (see\npara 6). Post", "surveillance (see para 9\nabove). Post"), ((39, 61),), only=False),
    # after a comma, "in", "of" or "from" names a document only before a capital or a
    # number ("para 9, of UNSCR 1737"); "para 9, in the meantime" is prose, the cable's own
    Case("X007", "comma-and-prose-after-the-number", mutate(REK, "para 6). Post", "para 9, in the meantime). Post"), ((40, 1),), only=False),
    Case("X007", "comma-and-prose-wrapped", mutate(REK, "surveillance (see\npara 6). Post", "surveillance (see para 9,\nin the meantime). Post"), ((39, 61),), only=False),
    Case("X007", "comma-and-a-document-after-the-number", mutate(REK, "para 6). Post", "para 9, in UNSCR 1737). Post"), only=False),
    Case("X007", "comma-and-reftel-after-the-number", mutate(REK, "para 6). Post", "para 9, reftel). Post"), only=False),
    # X008
    Case("X008", "clean", REK),
    Case("X008", "later-year", mutate(REK, "REF: A. STATE 108812", "REF: A. 09 STATE 108812"), ((25, 6),), severity="warning"),
    Case("X008", "itself", mutate(REK, "B. 08 REYKJAVIK 512", "B. 08 REYKJAVIK 687"), ((26, 6),)),
    Case("X008", "later-serial-same-year", mutate(REK, "B. 08 REYKJAVIK 512", "B. REYKJAVIK 700"), ((26, 6),)),
    # a draft has no date, but a reference without a year is this year's: its serial compares
    Case("X008", "undated-draft-cites-itself", mutate(corpus_text("draft-secret-noforn-state.cable"), "B. STATE 61020", "B. STATE 98311"), ((12, 6),)),
    Case("X008", "undated-draft-cites-a-later-serial", mutate(corpus_text("draft-secret-noforn-state.cable"), "B. STATE 61020", "B. STATE 99020"), ((12, 6),)),
    Case("X008", "undated-draft-cites-an-earlier-serial", corpus_text("draft-secret-noforn-state.cable")),
    Case("X008", "undated-draft-cites-another-year", mutate(corpus_text("draft-secret-noforn-state.cable"), "B. STATE 61020", "B. 08 STATE 99020")),
    # a DTG or an e-mail dated after the cable (an e-mail's date after it read either way)
    # the DTG's year is the slip (R007's, with the DE day and the DECL date): REF A is
    # compared with 2008, the year meant; a reference after that is still reported
    Case("X008", "dtg-year-slip-is-r007s", mutate(USNATO, "P 181652Z SEP 08", "P 181652Z SEP 07"), only=False),
    # a DTG a year late (09 for 08): REF B, written without a year, is of the year meant,
    # not later than the cable
    Case("X008", "yearless-reference-under-a-dtg-year-slip", mutate(USNATO, "P 181652Z SEP 08", "P 181652Z SEP 09"), only=False),
    Case("X008", "after-the-date-meant", mutate(mutate(USNATO, "P 181652Z SEP 08", "P 181652Z SEP 07"), "B. USNATO 388", "B. 09 USNATO 388"), ((22, 6),), only=False),
    Case("X008", "dtg-reference-after-the-cable", mutate(REK, "REF: A. STATE 108812", "REF: A. SECDEF DTG 301601Z DEC 08"), ((25, 6),), only=False),
    Case("X008", "dtg-reference-before-the-cable", mutate(REK, "REF: A. STATE 108812", "REF: A. SECDEF DTG 301601Z OCT 08"), only=False),
    Case("X008", "email-dated-after-the-cable", mutate(REK, "REF: A. STATE 108812", "REF: A. SMITH E-MAIL OF 11/22/2008"), ((25, 6),), only=False),
    Case("X008", "email-date-before-the-cable-read-day-first", mutate(REK, "REF: A. STATE 108812", "REF: A. SMITH E-MAIL OF 12/01/2008"), only=False),
    # the classification line's serial is the slip (R009): a reference later than it but
    # earlier than the DE line's serial is not reported as well
    Case("X008", "class-serial-slip-is-r009s", mutate(mutate(REK, "B. 08 REYKJAVIK 512", "B. REYKJAVIK 650"), "REYKJAVIK 000687", "REYKJAVIK 000607"), only=False),
    Case("X008", "later-than-both-serials", mutate(mutate(REK, "B. 08 REYKJAVIK 512", "B. REYKJAVIK 690"), "REYKJAVIK 000687", "REYKJAVIK 000607"), ((26, 6),), only=False),
    Case("X008", "after-a-doubled-label", mutate(REK, "REF: A. STATE 108812", "REF: A. A. 09 STATE 108812"), ((25, 6),), only=False),
    # a date written after the cited cable's number is its date ("08 KIGALI 00830--05/DEC/2008",
    # as a real cable writes it): compared with this cable's, 6 Nov 2008
    Case("X008", "trailing-date-after-the-cable", mutate(REK, "REF: A. STATE 108812", "REF: A. 08 STATE 108812--19/NOV/2080"), ((25, 6),), only=False),
    Case("X008", "trailing-date-before-the-cable", mutate(REK, "REF: A. STATE 108812", "REF: A. 08 STATE 108812--19/OCT/2008"), only=False),
    Case("X008", "trailing-date-after-notal", mutate(REK, "REF: A. STATE 108812", "REF: A. STATE 108812 (NOTAL) 19 NOV 08"), ((25, 6),), only=False),
    Case("X008", "trailing-date-after-notal-earlier", mutate(REK, "REF: A. STATE 108812", "REF: A. STATE 108812 (NOTAL) 19 OCT 08"), only=False),
    # an unlabelled entry: the date is no second reference ("NOV 08"), and gives the year
    Case("X008", "trailing-date-unlabelled", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: BAMAKO 1187 19 NOV 2090"), ((23, 6),), only=False),
    Case("X008", "trailing-date-gives-an-earlier-year", mutate(BKO, "REF: 08 BAMAKO 1187", "REF: BAMAKO 1187 19 NOV 07"), only=False),
    # X009
    Case("X009", "clean", REK),
    Case("X009", "doubled", mutate(REK, "REF: A. STATE 108812", "REF: A. A) STATE 108812"), ((25, 6),), severity="info"),
    Case("X009", "doubled-parenthesised", mutate(REK, "     B. 08 REYKJAVIK", "     B. (B) 08 REYKJAVIK"), ((26, 6),)),
    Case("X009", "doubled-lower-case", mutate(REK, "     B. 08 REYKJAVIK", "     B. (b) 08 REYKJAVIK"), ((26, 6),)),
    Case("X009", "doubled-full-stops", mutate(REK, "REF: A. STATE 108812", "REF: A. A. STATE 108812"), ((25, 6),)),
    Case("X009", "re-labelled-block", RELABELLED, ((25, 6), (26, 6))),
    # the label doubled in the block's own style, "A) A)", "(A) (A)" (probe round 15)
    Case("X009", "doubled-closing-parentheses", mutate(REK, "REF: A. STATE 108812\n     B. 08", "REF: A) A) STATE 108812\n     B) 08"), ((25, 6),), severity="info"),
    Case("X009", "doubled-parenthesised-labels", mutate(REK, "REF: A. STATE 108812\n     B. 08", "REF: (A) (A) STATE 108812\n     (B) 08"), ((25, 6),), severity="info"),
    Case("X009", "closing-parenthesis-labels", mutate(REK, "REF: A. STATE 108812\n     B. 08", "REF: A) STATE 108812\n     B) 08")),
    # an initial after the label is part of the document, not a second label
    Case("X009", "initial-after-the-label", mutate(REK, "REF: A. STATE 108812", "REF: A. J. SMITH E-MAIL OF 10/15/08"), only=False),
]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def test_x009_fix_keeps_the_first_label() -> None:
    bad = mutate(REK, "     B. 08 REYKJAVIK", "     B. (B) 08 REYKJAVIK")
    assert fixed(bad, "X009") == REK


@pytest.mark.parametrize("first", ["A)", "(A)"])
def test_x009_fix_keeps_the_first_of_two_parenthesised_labels(first: str) -> None:
    good = mutate(REK, "REF: A. STATE 108812", f"REF: {first} STATE 108812")
    assert fixed(mutate(good, f"REF: {first} ", f"REF: {first} {first} "), "X009") == good


def test_seed_has_ambiguous_reftel_only() -> None:
    diags = json.loads(run_cli("check", "--format", "json", "--select", "X", str(SEED)).stdout)
    assert [(d["code"], d["line"]) for d in diags if d["severity"] != "info"] == [("X005", 30)]


def _x004_messages(text: str) -> list[str]:
    return [d["message"] for d in check_json("--select", "X004", "-", input=text.encode("utf-8"))]


def test_x004_names_the_citation_an_unlabelled_reference_takes() -> None:
    uncited = mutate(BKO, "described in reftel.", "described earlier.")
    assert _x004_messages(uncited) == ["the reference '08 BAMAKO 1187' is never cited in the text: expected 'reftel' somewhere"]
    two = mutate(uncited, "REF: 08 BAMAKO 1187", "REF: 08 BAMAKO 1187; 09 STATE 4410")
    assert _x004_messages(two) == [
        "the reference '08 BAMAKO 1187' is never cited in the text: expected 'Ref A' (its place in the REF block) somewhere, or the entries labelled A., B., ...",
        "the reference '09 STATE 4410' is never cited in the text: expected 'Ref B' (its place in the REF block) somewhere, or the entries labelled A., B., ...",
    ]


def test_a_ref_block_run_on_after_the_subject_keeps_every_entry() -> None:
    for joined in ("EU STANDARDSREF: A.", "EU STANDARDS  REF: A."):
        got = json.loads(run_cli("parse", "-", input=mutate(BRA, "EU STANDARDS\n\nREF: A.", joined)).stdout)
        assert got["subject"].endswith("AND EU STANDARDS")
        assert [(r["label"], r["cable_id"]) for r in got["references"]] == [("A", "09BRASILIA1044"), ("B", "09SAOPAULO455")]


def test_a_wrapped_citation_spans_the_word_and_its_letter() -> None:
    text = mutate(REK, "As requested in Ref A, the DCM and the Defense Attache\ncalled", "As requested, the DCM and the Defense Attache (reftel\nC) called")
    [d] = check_json("--select", "X003", "-", input=text.encode("utf-8"))
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (47, 55, 48, 2)
    assert d["message"] == "the text cites reftel C, which the REF block does not define: expected one of A, B (Ref A is cited nowhere)"


def test_a_letter_list_wrapped_after_its_joint_spans_both_lines() -> None:
    # 'see Refs B and' / 'C. Post ...': Ref C was cited nowhere (no X003), where the
    # list on one line cites it; B keeps its citation
    text = mutate(REK, "7. (U) Ref B reported the ICG's plans, made before the banking\ncollapse,", "7. (U) On the ICG's plans, see Refs B and\nC. Post believes they came before the\ncollapse,")
    [d] = check_json("--select", "X003,X004", "-", input=text.encode("utf-8"))
    assert (d["code"], d["line"], d["column"], d["end_line"], d["end_column"]) == ("X003", 116, 32, 117, 2)
    assert d["message"] == "the text cites Ref C, which the REF block does not define: expected one of A, B"


def test_a_re_labelled_block_is_read_by_the_drafters_labels() -> None:
    got = json.loads(run_cli("parse", "-", input=RELABELLED.encode()).stdout)
    assert [(r["label"], r["cable_id"]) for r in got["references"]] == [("A", "08STATE98812"), ("B", "08STATE108812"), ("C", "08REYKJAVIK512")]
    got = json.loads(run_cli("parse", "-", input=YEAR_LINE.encode()).stdout)
    assert [(r["label"], r["text"]) for r in got["references"]] == [("A", "EMBASSY REYKJAVIK DAILY REPORT FOR MAY 12 2008"), ("B", "08 REYKJAVIK 512")]


def test_x009_two_letters_name_the_one_read_and_have_no_fix() -> None:
    diags = check_json("--select", "X009", "-", input=RELABELLED.encode("utf-8"))
    assert [(d["line"], d["column"], d["end_column"], d["message"], d["fix"]) for d in diags] == [
        (25, 6, 12, "REF entry has 2 labels, 'A. A.': expected one label ('A.')", diags[0]["fix"]),
        (26, 6, 12, "REF entry has 2 labels, 'B. C.', and is read as C: expected one label ('C.')", None),
    ]
    assert diags[0]["fix"] is not None


def test_x009_fix_removes_a_second_label_written_with_a_full_stop() -> None:
    bad = mutate(REK, "REF: A. STATE 108812", "REF: A. A. STATE 108812")
    assert fixed(bad, "X009") == REK


def test_x001_alone_names_a_lone_label_that_is_the_only_entry() -> None:
    text = mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: B")
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8")) if d["code"] in ("X001", "X002")] == [
        ("X001", 25, 6, "REF entry B names no document: expected an origin and a number such as 'STATE 1234' after the label")
    ]


def test_x002_swapped_labels_are_one_finding_that_says_so() -> None:
    assert [d["message"] for d in check_json("--select", "X002", "-", input=SWAPPED.encode("utf-8"))] == [
        "REF label B comes before A: expected the labels in order, A to B"
    ]


def test_x001_says_the_serial_is_missing_after_a_year() -> None:
    text = mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X001", "-", input=text.encode("utf-8"))] == [
        (26, 9, 21, "REF entry B names '08 REYKJAVIK' but no number: expected an origin and a number such as '08 REYKJAVIK 1234'")
    ]


def test_x002_names_the_label_an_unlabelled_entry_lacks() -> None:
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X002", "-", input=LOST_LABEL.encode("utf-8"))] == [
        (26, 6, 22, "REF entry '08 REYKJAVIK 512' has no label: expected 'B.' before it, as the other entries have")
    ]


def test_every_ref_keyword_of_the_spec_reads_the_entries_after_it() -> None:
    # REF_KW (3.7): REF(S), REFERENCE(S) and REFTEL are the keyword, not REF and a label
    for kw in ("REF(S):", "REFERENCES:", "REFERENCE:", "REFS:"):
        text = mutate(REK, "REF: A. STATE 108812", f"{kw} A. STATE 108812")
        got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
        assert [(r["label"], r["text"], r["cable_id"]) for r in got["references"]] == [("A", "STATE 108812", "08STATE108812"), ("B", "08 REYKJAVIK 512", "08REYKJAVIK512")], kw
        assert check_json("--select", "X", "-", input=text.encode("utf-8")) == [], kw
    text = mutate(BKO, "REF: 08 BAMAKO 1187", "REFTEL: 08 BAMAKO 1187")
    got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert [(r["label"], r["text"], r["cable_id"]) for r in got["references"]] == [(None, "08 BAMAKO 1187", "08BAMAKO1187")]


def test_x007_names_the_number_of_a_list_that_is_no_paragraph() -> None:
    text = mutate(REK, "para 6). Post", "paras 2 and 4-9). Post")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X007", "-", input=text.encode("utf-8"))] == [
        (40, 13, 16, "the text cites paragraph 9, which this cable does not have: expected a paragraph number from 1 to 8")
    ]


def test_the_ref_keyword_without_its_colon_or_written_twice() -> None:
    # 3.7: the colon is optional ("REF" without it: 2 real), and 09KABUL2246 writes
    # "REF: REFTEL KABUL 02245": the entry is KABUL 02245 (09KABUL2245), not 'REFTEL KABUL'
    for line in ("REFTEL KABUL 02245", "REF KABUL 02245", "REFTEL: KABUL 02245", "REF: REFTEL KABUL 02245", "REF: reftel: KABUL 02245"):
        text = mutate(BKO, "REF: 08 BAMAKO 1187", line)
        got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
        assert [(r["label"], r["text"], r["cable_id"]) for r in got["references"]] == [(None, "KABUL 02245", "09KABUL2245")], line
        assert check_json("--select", "ALL", "--ignore", "F005,F006", "-", input=text.encode("utf-8")) == [], line
        # the entry's span is the reference alone
        uncited = mutate(text, "described in reftel", "described below")
        assert [(d["line"], d["column"], d["end_column"]) for d in check_json("--select", "X004", "-", input=uncited.encode("utf-8"))] == [(23, len(line) - 10, len(line) + 1)], line
    # the year first, without the colon: the REF block, not a text line citing reftel (X006)
    for line in ("REFTEL 08 BAMAKO 1187", "REF 2008 BAMAKO 1187"):
        text = mutate(BKO, "REF: 08 BAMAKO 1187", line)
        got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
        assert [(r["text"], r["cable_id"]) for r in got["references"]] == [(line.split(" ", 1)[1], "08BAMAKO1187")], line
        assert check_json("--select", "ALL", "--ignore", "F005,F006", "-", input=text.encode("utf-8")) == [], line


def test_a_block_labelled_in_lower_case_is_read_by_its_letters() -> None:
    text = mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: a. STATE 108812\n     b. 08 REYKJAVIK 512")
    got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert [(r["label"], r["cable_id"]) for r in got["references"]] == [("A", "08STATE108812"), ("B", "08REYKJAVIK512")]
    assert check_json("--select", "X", "-", input=text.encode("utf-8")) == []
    text = mutate(REK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: a) STATE 108812, b) 08 REYKJAVIK 512")
    got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert [(r["label"], r["cable_id"]) for r in got["references"]] == [("A", "08STATE108812"), ("B", "08REYKJAVIK512")]


def test_a_document_that_is_not_a_cable_has_no_cable_id() -> None:
    # 3.7: other documents ("EMBASSY PARIS DAILY REPORT FOR ...") are not ORIGIN SERIAL
    for doc in ("EMBASSY REYKJAVIK DAILY REPORT FOR MAY 12", "OCTOBER 25 REYKJAVIK POINTS", "FEB 24 A/S SMITH-AMB JONES TELCON"):
        text = mutate(REK, "     B. 08 REYKJAVIK 512", f"     B. {doc}")
        got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
        assert [(r["label"], r["text"], r["cable_id"]) for r in got["references"]][1] == ("B", doc, None), doc
    text = mutate(REK, "     B. 08 REYKJAVIK 512", "     B. RIO DE JAN 512")
    got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert got["references"][1]["cable_id"] == "08RIODEJAN512"


def test_x001_names_the_entry_and_what_it_lacks() -> None:
    text = mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 512")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X001", "-", input=text.encode("utf-8"))] == [
        (26, 9, 12, "REF entry B has the number '512' but no origin: expected the post before the number, such as 'STATE 512'")
    ]
    text = mutate(REK, "     B. 08 REYKJAVIK 512", "     (B)")
    assert [(d["line"], d["column"], d["message"]) for d in check_json("--select", "X001,X003", "-", input=text.encode("utf-8"))] == [
        (26, 7, "REF entry B names no document: expected an origin and a number such as 'STATE 1234' after the label")
    ]


def test_a_bare_lower_case_letter_after_ref_is_a_citation() -> None:
    # "(ref a)", "ref. b", "(ref" / "b)." cite entries as "Ref A", "Ref B" do (09PARIS1228, 06BAKU1835)
    for a, b in (("(ref a)", "(ref. b)"), ("(ref. a)", "(ref\nb)"), ("(see refs a and b on it)", "Post"), ("(ref a)", "In ref b,")):
        text = mutate(mutate(REK, "As requested in Ref A,", f"As requested {a},"), "7. (U) Ref B reported", f"7. (U) {b} reported")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X003,X004", "-", input=text.encode("utf-8"))] == [], (a, b)
    # a letter the block lacks is X003's
    text = mutate(REK, "As requested in Ref A,", "As requested in Ref A (and ref c),")
    assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [("X003", 47, 35)]
    # prose: "ref a point", "Ref B and a meeting", "Ref A, i.e." cite nothing more
    text = mutate(REK, "As requested in Ref A,", "As requested in Ref A, i.e. ref a point and Ref B and a meeting (refs),")
    diags = check_json("--select", "X003,X004", "-", input=text.encode("utf-8"))
    assert diags == []


def test_a_lower_case_letter_before_a_word_cites_a_defined_entry() -> None:
    """'Ref b reported ...' was no citation (a lower-case letter before a word, like
    the article in 'ref a cable'), so X004 said B was never cited. A letter the REF
    block defines is cited; the article 'a' only before a verb of reporting."""
    for b in ("Ref b reported", "reftel b reported", "ref. b reported"):
        text = mutate(REK, "7. (U) Ref B reported", f"7. (U) {b}")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == [], b
    text = mutate(mutate(REK, "As requested in Ref A,", "As ref a noted,"), "7. (U) Ref B reported", "7. (U) Ref b reported")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []
    # the article before a noun is no citation; nor is a letter the block does not define
    text = mutate(REK, "As requested in Ref A,", "As requested in ref a cable,")
    assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == [("X004", 25, 6)]
    text = mutate(REK, "As requested in Ref A,", "As requested in Ref A and ref c reported,")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []


def test_a_lower_case_letter_before_punctuation_after_reftel() -> None:
    """'reftel b.' / 'reftel b,' was the bare 'reftel' (X005 said it was ambiguous and B
    was never cited). A letter the REF block defines is cited; another letter leaves
    the bare 'reftel', as before."""
    for b in ("As reported in reftel b. The ICG", "As reported in reftel b, the ICG", "(see reftel b) The ICG", "Reftel b; the ICG", "Per reftel\nb. The ICG"):
        text = mutate(REK, "7. (U) Ref B reported", f"7. (U) {b}")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == [], b
    text = mutate(mutate(REK, "As requested in Ref A,", "As requested in reftel a,"), "7. (U) Ref B reported", "7. (U) Ref b reported")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []
    # a letter the block does not define, or "i.e.": the bare "reftel", no X003
    for c, at in (("As noted in reftel c. It", 20), ("As in reftel i.e. the", 14)):
        text = mutate(REK, "7. (U) Ref B reported", f"7. (U) {c}")
        assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X003,X005", "-", input=text.encode("utf-8"))] == [("X005", 116, at)], c
    # one unlabelled reference: "reftel b." is the reftel, nothing undefined
    text = mutate(BKO, "described in reftel.", "described in reftel b.")
    assert [d["code"] for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []


def test_ref_and_a_lower_case_letter_at_a_sentence_end() -> None:
    """'ref a.' cites A where the block defines A; where it does not, the letter is still
    read as cited and X003 names it (as before): after 'ref' a letter before a full stop
    is no article, and a letter the block lacks is the drafter's slip."""
    text = mutate(REK, "As requested in Ref A,", "As requested in ref a. The")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []
    text = mutate(BKO, "described in reftel.", "described in ref a.")  # one unlabelled entry: Ref A is it
    assert [d["code"] for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []
    text = mutate(BKO, "described in reftel.", "described in ref b.")
    assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == [("X003", 27, 41)]


def test_the_ref_keyword_written_twice() -> None:
    """'REF: REF A' read as an entry named 'REF A' (nothing reported), 'REF: REF' as an
    entry named 'REF' ('expected ... such as REF 1234'), 'REF: REF 08 BAMAKO 1187' as
    two entries. The second keyword is no part of the entries, as in 'REF: REFTEL
    KABUL 02245' (real 09KABUL2246): what follows it is read, and X001 says what is
    missing."""
    def x(old: str, new: str, text: str = BKO) -> list[tuple[str, int, int, int, str]]:
        diags = check_json("--select", "X", "-", input=mutate(text, old, new).encode("utf-8"))
        return [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in diags]

    no_document = "the REF block names no document: expected an origin and a number such as 'STATE 1234' after 'REF:'"
    assert x("REF: 08 BAMAKO 1187", "REF: REF") == [("X001", 23, 1, 9, no_document)]
    assert x("REF: 08 BAMAKO 1187", "REF: REFTEL") == [("X001", 23, 1, 12, no_document)]
    assert x("REF: 08 BAMAKO 1187", "REF: REF A") == [
        ("X001", 23, 10, 11, "REF entry A names no document: expected an origin and a number such as 'STATE 1234' after the label")
    ]
    assert x("REF: 08 BAMAKO 1187", "REF: REF 08 BAMAKO 1187") == []
    assert x("REF: 08 BAMAKO 1187", "REF: REF. 08 BAMAKO 1187") == []
    got = json.loads(run_cli("parse", "-", input=mutate(REK, "REF: A. STATE", "REF: REF A. STATE").encode()).stdout)
    assert [(r["label"], r["text"]) for r in got["references"]] == [("A", "STATE 108812"), ("B", "08 REYKJAVIK 512")]


def test_a_doubled_label_whose_first_letter_is_lower_case() -> None:
    # "d. D) 2009 BAKU 909" (real 10BAKU98): 'b.' is B's first label, not text of entry A
    text = mutate(REK, "     B. 08 REYKJAVIK 512", "     b. B) 08 REYKJAVIK 512")
    got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert [(r["label"], r["text"]) for r in got["references"]] == [("A", "STATE 108812"), ("B", "08 REYKJAVIK 512")]
    diags = check_json("--select", "X", "-", input=text.encode("utf-8"))
    assert [(d["code"], d["line"], d["column"], d["message"], d["fix"]) for d in diags] == [
        ("X009", 26, 6, "REF entry has 2 labels, 'b. B)': expected one label ('B.')", None)
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        (mutate(BKO, "described in reftel", "described in Ref B"), "the text cites Ref B, but the REF block lists one reference, without a letter: expected 'reftel' (or 'Ref A')"),
        (mutate(REK, "7. (U) Ref B reported", "7. (U) Ref C reported"), "the text cites Ref C, which the REF block does not define: expected one of A, B (Ref B is cited nowhere)"),
    ],
)
def test_x003_says_which_reference_was_meant(text: str, message: str) -> None:
    assert [d["message"] for d in check_json("--select", "X003,X004", "-", input=text.encode("utf-8"))] == [message]


def test_x008_gives_the_dates() -> None:
    text = mutate(REK, "REF: A. STATE 108812", "REF: A. SECDEF DTG 301601Z DEC 08")
    assert [d["message"] for d in check_json("--select", "X008", "-", input=text.encode("utf-8"))] == [
        "reference 'SECDEF DTG 301601Z DEC 08' is dated 30 Dec 2008, after this cable's date, 6 Nov 2008: expected an earlier date"
    ]


def test_x008_gives_a_trailing_date() -> None:
    text = mutate(REK, "REF: A. STATE 108812", "REF: A. 08 STATE 108812--19/NOV/2080")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X008", "-", input=text.encode("utf-8"))]
    assert found == [(25, 6, 37, "reference '08 STATE 108812--19/NOV/2080' is dated 19 Nov 2080, after this cable's date, 6 Nov 2008: expected an earlier date")]


def test_trailing_dates_of_a_real_cable_are_read_and_earlier(real_cables: list[Path]) -> None:
    """09STATE37561 (16 Apr 2009) dates its three references after their numbers,
    "A. 08 KIGALI 00830--05/DEC/2008": each is read, none is later than the cable."""
    path = next((p for p in real_cables if p.name == "09STATE37561.cable"), None)
    if path is None:
        pytest.skip("09STATE37561.cable is not among the real cables")
    cable = parse_text(path.read_text(encoding="utf-8"))
    assert [(r.cable_id, r.dated) for r in cable.references] == [
        ("08KIGALI830", date(2008, 12, 5)),
        ("08STATE122706", date(2008, 11, 19)),
        ("04STATE101403", date(2004, 5, 6)),
    ]
    assert check_json("--select", "X008", str(path)) == []


def test_x001_says_a_lower_case_label_is_not_in_capitals() -> None:
    """'(b)' was called garbled and told to be one of three forms; it is the right label
    in lower case."""
    text = mutate(corpus_text("telegram-secret-noforn-ankara.cable"), "(B) STATE", "(b) STATE")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("X001", 26, 6, 9, "REF label '(b)' is not in capitals: expected '(B)'")]


def test_x006_is_one_finding_for_the_missing_block_however_often_it_is_cited() -> None:
    # the same reftel twice, and Ref A and Ref B: one missing block, one finding each time
    twice = mutate(mutate(BKO, "REF: 08 BAMAKO 1187\n\n", ""), "described in reftel.", "described in reftel (see reftel).")
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--select", "X006", "-", input=twice.encode("utf-8"))]
    assert found == [(25, 41, "the text cites reftel (2 citations) but the cable has no REF block: expected a 'REF:' caption identifying it")]
    bare = mutate(mutate(BKO, "REF: 08 BAMAKO 1187\n\n", ""), "described in reftel.", "described in reftel (see refs).")
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--select", "X006", "-", input=bare.encode("utf-8"))]
    assert found == [(25, 41, "the text cites reftel and refs but the cable has no REF block: expected a 'REF:' caption identifying them")]
    wrapper = mutate("".join(WRAPPERS["received-copy-page-line-with-section"]), "REF: (A) PARIS 1190\n     (B) STATE 92210\n\n", "")
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--select", "X006", "-", input=wrapper.encode("utf-8"))]
    assert found == [(33, 39, "the text cites Ref A and Ref B (lines 33, 39) but the cable has no REF block: expected a 'REF:' caption identifying them")]


def test_a_passing_line_run_on_to_the_ref_line_is_no_reference() -> None:
    """'REF: 08 BAMAKO 1187  PLEASE PASS TO USAID, ECON, and MANAGEMENT (GSO and IT).'
    (its line break lost): the passing line was read as three more references, so the
    text's 'reftel' was ambiguous (X005) and the parts never cited. The REF block ends
    before it; it is a passing line."""
    text = mutate(BKO, "REF: 08 BAMAKO 1187", "REF: 08 BAMAKO 1187  PLEASE PASS TO USAID, ECON, and MANAGEMENT (GSO and IT).")
    got = json.loads(run_cli("parse", "-", input=text.encode()).stdout)
    assert [r["text"] for r in got["references"]] == ["08 BAMAKO 1187"]
    assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []


def test_x001_names_the_origin_whose_number_was_lost_before_and_previous() -> None:
    found = check_json("--select", "X001", "-", input=mutate(BKO, "REF: 08 BAMAKO 1187", "REF: BAMAKO AND PREVIOUS"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (23, 6, 12, "REF entry names 'BAMAKO' but no number: expected an origin and a number such as 'BAMAKO 1234 AND PREVIOUS'")
    ]


def test_a_label_naming_nothing_is_one_x001_not_also_x004() -> None:
    """'B. SAO PAULO 455 C.': entry C names nothing (X001); it is not also uncited (X004)."""
    found = check_json("--select", "X001,X004", "-", input=mutate(BRA, "B. SAO PAULO 455", "B. SAO PAULO 455 C."))
    assert [(d["code"], d["line"], d["column"]) for d in found if d["line"] == 22 and d["column"] == 41] == [("X001", 22, 41)]


def test_x004_labelled_entry_names_its_document_and_offers_reftel_only_when_alone() -> None:
    # with two entries 'reftel' would be ambiguous (X005): the message asks for 'Ref B' only
    two = mutate(REK, "7. (U) Ref B reported", "7. (U) Post reported")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X004", "-", input=two.encode("utf-8"))]
    assert found == [(26, 6, 7, "Ref B ('08 REYKJAVIK 512') is never cited in the text: expected 'Ref B' somewhere")]
    alone = mutate(two, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512", "REF: A. STATE 108812")
    alone = mutate(alone, "As requested in Ref A,", "As requested,")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X004", "-", input=alone.encode("utf-8"))]
    assert found == [(25, 6, 7, "Ref A ('STATE 108812') is never cited in the text: expected 'Ref A' or 'reftel' somewhere")]


def test_x005_names_each_letter_once_when_a_label_repeats() -> None:
    repeated = mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     A. 08 REYKJAVIK 513")
    repeated = mutate(repeated, "As requested in Ref A,", "As requested in reftel,")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X005", "-", input=repeated.encode("utf-8"))]
    assert found == [(48, 24, 30, "'reftel' is ambiguous: the REF block lists 3 references; expected 'Ref X' naming one of A, B")]


def test_x008_later_serial_says_how_an_earlier_years_cable_is_cited() -> None:
    text = mutate(REK, "B. 08 REYKJAVIK 512", "B. REYKJAVIK 700")
    found = check_json("--select", "X008", "-", input=text.encode("utf-8"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (
            26,
            6,
            22,
            "reference 'REYKJAVIK 700' (08REYKJAVIK700) was numbered after this cable (08REYKJAVIK687): "
            "expected an earlier serial, or the cited cable's year before its origin if it is from an earlier year",
        )
    ]


def test_x001_impossible_date_after_the_serial_says_why_in_parentheses() -> None:
    text = mutate(REK, "     B. 08 REYKJAVIK 512", "     B. REYKJAVIK 512 31 NOV 08")
    found = check_json("--select", "X001", "-", input=text.encode("utf-8"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (26, 23, 32, "REF entry B is dated '31 NOV 08', which is no date (day 31, but November has 30 days): expected the date of the cable cited")
    ]


def test_the_pronoun_i_after_a_cited_letter_is_prose() -> None:
    """'Ref A and I met the minister' cited Ref I (X003 where the REF block has no I),
    on one line and wrapped after the joint; so did the article in 'Refs B and A new
    ...'. 'I' or 'A' after a list's joint before a word cites that letter only where
    the REF block defines it; before a full stop, a comma, 'and', a closing parenthesis
    or the line's end it is cited (X003 where the block lacks it)."""
    for cited in ("Ref B and I met the Minister,", "Ref B and\nI met the Minister,", "Refs B, and I now"):
        text = mutate(REK, "As requested in Ref A,", f"As requested in Ref A and {cited}")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == [], cited
    # the article: a block of B and C, which has no A
    no_a = mutate(REK, "REF: A. STATE 108812\n     B.", "REF: B. STATE 108812\n     C.")
    for cited in ("Refs B and A new plan,", "Refs B and\nA new plan,"):
        text = mutate(no_a, "As requested in Ref A,", f"As requested in {cited}")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [], cited
    for cited, at in (("Refs A and I.", 24), ("Refs A and I, the DCM", 24), ("(Refs A and I) the DCM", 25), ("Refs A, B and\nI", 24)):
        text = mutate(REK, "As requested in Ref A, the DCM", f"As requested in {cited}")
        assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [("X003", 47, at)], cited
    # a block that defines I: the letter before a word is cited (no X004 for it)
    text = mutate(mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     I. 08 REYKJAVIK 513"), "As requested in Ref A,", "As requested in Refs A and I met the Minister,")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X003,X004", "-", input=text.encode("utf-8"))] == []
    text = mutate(mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     I. 08 REYKJAVIK 513"), "As requested in Ref A,", "As requested in Refs A and\nI met the Minister,")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X003,X004", "-", input=text.encode("utf-8"))] == []


def test_the_pronoun_i_ending_its_line_before_a_word_is_prose() -> None:
    """'Ref B and I' at a line's end, 'met the DCM' on the next line, still cited Ref I
    (X003): the word after the letter is on the next line, which the line's scan does
    not see. Read as on one line: cited only where the REF block defines it; a letter
    with no word under it ('and', a blank line) stays cited."""
    text = mutate(REK, "As requested in Ref A, the DCM", "As requested in Ref B and I\nmet the DCM")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == []
    for below in ("and the DCM", "", "(the DCM"):
        text = mutate(REK, "As requested in Ref A, the DCM", f"As requested in Ref B and I\n{below}")
        assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [("X003", 47, 24)], below


def test_the_pronoun_i_ending_a_list_wrapped_over_three_lines_is_prose() -> None:
    """'Refs' / 'B and I' / 'met the DCM': the list's middle line holds no word the
    body's search looks for, so it was not scanned, and its end was not read for the
    word under it: Ref I cited (X003). Read as on one line; a parenthesis under it
    leaves it cited."""
    for cited in ("in Refs\nB and I\nmet the DCM", "in\nRefs\nB and I\nmet the DCM", "in Ref\nB and I\nmet the DCM"):
        text = mutate(REK, "As requested in Ref A, the DCM", f"As requested {cited}")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [], cited
    text = mutate(REK, "As requested in Ref A, the DCM", "As requested in Refs\nB and I\n(the DCM")
    assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [("X003", 47, 24)]


def test_a_list_wrapped_at_two_of_its_joints_reads_every_letter() -> None:
    """'Refs' / 'B and' / 'C. Post ...': the middle line holds no REF word, so its
    end was not read as a joint and C was lost (X004 for A, not X003 for C). Read as on
    one line, with the letters of the first line kept; a word under the joint takes
    nothing."""
    for cited, where in (
        ("in Refs\nB and\nC. The DCM", (47, 24)),
        ("in Refs\nB and\nC, the DCM", (47, 24)),
        ("in reftels\nB and\nC, the DCM", (47, 24)),
        ("in\nRefs\nB and\nC, the DCM", (48, 1)),
        ("in Refs\nA, B and\nC, the DCM", (47, 24)),
    ):
        text = mutate(REK, "As requested in Ref A, the DCM", f"As requested {cited}")
        got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "X003,X004", "-", input=text.encode("utf-8"))]
        tail = "" if "A, B" in cited else " (Ref A is cited nowhere)"
        assert got == [("X003", *where, f"the text cites Ref C, which the REF block does not define: expected one of A, B{tail}")], cited
    text = mutate(REK, "As requested in Ref A, the DCM", "As requested in Refs\nB and\nthe DCM")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X003,X004", "-", input=text.encode("utf-8"))] == [("X004", 25)]


def test_reftels_with_a_list_of_letters() -> None:
    """'reftels A and B' cited A alone (REFTEL_CITE took one letter), so X004 said B
    was cited nowhere, and 'reftels A and C' hid the undefined C: the list is read as
    'refs A and B' is, on one line and wrapped after the joint."""
    bare = mutate(REK, "As requested in Ref A,", "As requested,")
    for cited in ("Reftels A and B reported", "reftels (a) and (b) reported", "Reftels A, B reported", "Reftels A and\nB reported"):
        text = mutate(bare, "7. (U) Ref B reported", f"7. (U) {cited}")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == [], cited
    for cited in ("Reftels A and C reported", "Reftels A-C reported", "Reftels B and\nC reported"):
        text = mutate(REK, "7. (U) Ref B reported", f"7. (U) {cited}")
        assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [("X003", 116, 8)], cited
    # the pronoun after the joint, as after 'refs'
    text = mutate(REK, "7. (U) Ref B reported", "7. (U) Reftels A and B and I reported")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []


def test_an_initial_after_a_cited_letter_is_a_name() -> None:
    """'set out in Ref B and' / 'J. Smith of the Ministry agreed' cited Ref J (X003),
    and so did 'see Ref A,' / 'D. The minister ...', wrapped or on one line: a letter
    after a list's joint that does not follow the one before it, then a full stop and
    a name, is a person's initial or a lettered item, cited only where the REF block
    defines it. The next letter of the list there ('Refs A and' / 'C. Post believes')
    is still cited (X003 where the block lacks it)."""
    for cited in (
        "Ref B and J. Smith of the Ministry",
        "Ref B and\nJ. Smith of the Ministry",
        "Ref A,\nD. The minister",
        "Refs A, B and K. Lee",
        # (in capitals, as a telegram writes it)
        "REF B AND J. SMITH OF THE MINISTRY",
        "REF B AND\nJ. SMITH OF THE MINISTRY",
        "REF A,\nD. THE MINISTER",
    ):
        text = mutate(REK, "As requested in Ref A,", f"As requested in {cited},")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [], cited
    for cited in ("Refs B and C. Post", "Refs B and\nC. Post"):
        text = mutate(REK, "As requested in Ref A, the DCM", f"As requested in {cited} the DCM")
        assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "X003", "-", input=text.encode("utf-8"))] == [("X003", 47, 24)], cited


def test_a_list_of_letters_in_capitals_is_read_whole() -> None:
    """A telegram in capitals, 'REFTELS A AND B' or 'REFS A AND B', cited A alone (the
    list's joint was 'and' in lower case only), so X004 said Ref B was cited nowhere;
    wrapped after 'AND', likewise."""
    bare = mutate(REK, "As requested in Ref A,", "As requested,")
    for cited in ("REFTELS A AND B REPORTED", "REFS A AND B REPORTED", "REFTELS A AND\nB REPORTED", "REFS A AND\nB REPORTED"):
        text = mutate(bare, "7. (U) Ref B reported", f"7. (U) {cited}")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == [], cited
    # an abbreviation after the joint ('U.S.', 'E.U.') is no letter of the list
    for cited in ("REF B AND U.S. OFFICIALS REPORTED", "REFS B AND\nU.S. OFFICIALS REPORTED", "Ref B and E.U. partners reported", "REF B, U.N. VIEWS REPORTED"):
        text = mutate(REK, "7. (U) Ref B reported", f"7. (U) {cited}")
        assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == [], cited
    # the pronoun in capitals after the joint: prose, as in lower case
    text = mutate(REK, "7. (U) Ref B reported", "7. (U) REFS A AND B AND I REPORTED")
    assert [(d["code"], d["line"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))] == []
