"""S rules: the order of the major parts, signature, sections, unplaceable lines."""

from __future__ import annotations

from tests.rules.cases import Case, check_case, corpus_text, mutate, params

# CONFIDENTIAL SECTION 01 OF 03, DE .../01, page headers 002 OF 003 (line 60) and 003 OF 003
# (line 97); signature LINDQVIST on line 130.
REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")
_LINES = REK.split("\n")
CAPTIONS_LAST = "\n".join(_LINES[:19] + _LINES[24:129] + [""] + _LINES[19:23] + _LINES[129:])
CLASS_LAST = "\n".join(_LINES[:12] + _LINES[13:129] + [_LINES[12]] + _LINES[129:])

CASES = [
    # S001
    Case("S001", "clean", REK),
    Case("S001", "captions-after-body", CAPTIONS_LAST, ((126, 1),), only=False),
    Case("S001", "classification-line-after-body", CLASS_LAST, ((129, 1),), only=False),
    Case("S001", "quoted-subject-in-body-is-fine", mutate(REK, "7. (U) Ref B reported", "SUBJECT: QUOTED\n7. (U) Ref B reported")),
    # S002
    Case("S002", "clean", REK),
    Case("S002", "no-signature", mutate(REK, "End Comment.\nLINDQVIST", "End Comment."), ((129, 64),), severity="warning"),
    Case("S002", "appended-signature", mutate(REK, "the Foreign Ministry takes the matter to Brussels. End Comment.\nLINDQVIST", "the Ministry goes to Brussels. End Comment. LINDQVIST")),
    Case("S002", "mixed-case-signature", mutate(REK, "\nLINDQVIST", "\nLindqvist")),
    # S003
    Case("S003", "clean", REK),
    Case("S003", "section-above-total", mutate(REK, "SECTION 01 OF 03", "SECTION 03 OF 02"), ((13, 25),), only=False),
    Case("S003", "de-part-differs", mutate(REK, "#0687/01", "#0687/02"), ((3, 17),)),
    Case("S003", "page-header-serial", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000688 002 OF 003"), ((60, 11),)),
    Case("S003", "page-header-total", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 002 OF 004"), ((60, 27),)),
    # S004
    Case("S004", "clean", REK),
    Case("S004", "garbage-between-captions", mutate(REK, "TAGS: PREL", "#@!% 12 ~~\nTAGS: PREL"), ((21, 1),)),
    Case("S004", "stretch-reported-once", mutate(REK, "TAGS: PREL", "#@!% 12 ~~\n\n~~ more ~~\nTAGS: PREL"), ((21, 1),)),
]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)
