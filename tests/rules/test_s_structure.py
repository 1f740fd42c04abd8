"""S rules: the order of the major parts, signature, sections, unplaceable lines."""

from __future__ import annotations

import json

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, mutate, params
from tests.rules.test_p_paragraphs import page_header_before
from tests.test_copy_repeats import block, received
from tests.test_wrappers import WRAPPERS

# CONFIDENTIAL SECTION 01 OF 03, DE .../01, page headers 002 OF 003 (line 60) and 003 OF 003
# (line 97); signature LINDQVIST on line 130.
REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")
RIO = corpus_text("telegram-unclas-amconsul-rio-multisection.cable")  # one page header, RIO DE JANEIRO
# the page headers drop the prefix of the post RPO DUBAI (cable-format.md 4.6)
RPO_DUBAI = mutate(mutate(mutate(REK, "FM AMEMBASSY REYKJAVIK", "FM RPO DUBAI"), "REYKJAVIK 000687", "RPO DUBAI 000687"), "REYKJAVIK 00000687", "DUBAI 00000687", 2)
BRASILIA = corpus_text("cablegate-unwrapped-confidential-brasilia.cable")  # one line per paragraph
BAMAKO = corpus_text("telegram-unclas-bamako.cable")


def _two_sections(text: str, page_header: str, before: str = " ") -> str:
    """The unwrapped Brasilia cable sent in two sections, the page header between
    them run into paragraph 2's line (after *before*: a line break puts it at the
    start of the paragraph's next line, line 29)."""
    text = mutate(text, "C O N F I D E N T I A L BRASILIA 001112", "C O N F I D E N T I A L SECTION 01 OF 02 BRASILIA 001112")
    return mutate(text, "Brazilian ethanol. The planning", f"Brazilian ethanol.{before}{page_header} The planning")


def _three_sections(first: str, second: str) -> str:
    """The unwrapped Brasilia cable in three sections, page headers of sections *first*
    and *second* run into paragraph 2's line and paragraph 3's (line 30)."""
    text = mutate(BRASILIA, "C O N F I D E N T I A L BRASILIA 001112", "C O N F I D E N T I A L SECTION 01 OF 03 BRASILIA 001112")
    text = mutate(text, "Brazilian ethanol. The planning", f"Brazilian ethanol. BRASILIA 00001112 {first} OF 003 The planning")
    return mutate(text, "its own auditors. He asked", f"its own auditors. BRASILIA 00001112 {second} OF 003 He asked")

_LINES = REK.split("\n")
CAPTIONS_LAST = "\n".join(_LINES[:19] + _LINES[24:129] + [""] + _LINES[19:23] + _LINES[129:])
# a received copy repeats the classification line and captions at each later section;
# with the first section's captions moved after the body, those are the moved part
_SECTION_2 = ["C O N F I D E N T I A L SECTION 02 OF 03 REYKJAVIK 000687", ""] + _LINES[19:23] + [""]
CAPTIONS_LAST_REPEATED = "\n".join(_LINES[:19] + _LINES[24:77] + _SECTION_2 + _LINES[77:129] + [""] + _LINES[19:23] + _LINES[129:])
# the first section's TAGS line lost; section 2 repeats its captions: that copy is
# section 2's, not the first section's TAGS line moved (H005 at line 21, no S001)
TAGS_ONLY_REPEATED = "\n".join(_LINES[:20] + _LINES[21:77] + _SECTION_2 + _LINES[77:])
# the Classified By line (lines 27-28) moved after the signature
CLSBY_AFTER_SIGNATURE = "\n".join(_LINES[:27] + _LINES[30:130] + [""] + _LINES[27:29] + _LINES[130:])
CLASS_LAST = "\n".join(_LINES[:12] + _LINES[13:129] + [_LINES[12]] + _LINES[129:])


def _moved(first: int, end: int, before: int) -> str:
    """REK with its lines first..end-1 (0-based) moved to stand before line *before*."""
    block, rest = _LINES[first:end], _LINES[:first] + _LINES[end:]
    at = before - (end - first) if before > first else before
    return "\n".join(rest[:at] + block + rest[at:])


# lines 0-4 routing header, 5-10 address block, 12 classification line, 14 SIPDIS,
# 19 E.O., 20 TAGS, 21-22 SUBJECT, 24-25 REF, 27-28 Classified By, 30 paragraph 1,
# 129 the signature
ROUTING_AFTER_ADDRESS = _moved(0, 5, 11)
ADDRESS_AFTER_CLASS = _moved(5, 11, 13)
CLASS_AFTER_SIPDIS = "\n".join(_LINES[:12] + _LINES[14:16] + _LINES[12:14] + _LINES[16:])
CLASS_AFTER_SIGNATURE = "\n".join(_LINES[:12] + _LINES[13:130] + ["", _LINES[12]] + _LINES[130:])
# a passing line that starts with the word FROM, right under the classification line
FROM_WORDS = "\n".join(_LINES[:13] + ["FROM THE AMBASSADOR FOR EUR A/S FRIED"] + _LINES[13:])
# the address block's FM line again under the classification line: the moved line is line 14
SECOND_FM = "\n".join(_LINES[:14] + [_LINES[5], ""] + _LINES[14:])
# the INFO lines, the TO and INFO lines, the TO line alone moved under the classification line
INFO_AFTER_CLASS = _moved(7, 11, 13)
TO_INFO_AFTER_CLASS = _moved(6, 11, 13)
TO_AFTER_CLASS = _moved(6, 7, 13)
# the TO line after SIPDIS (line 16), the INFO lines after the attention lines (line 15)
TO_AFTER_SIPDIS = "\n".join(_LINES[:6] + _LINES[7:16] + [_LINES[6], ""] + _LINES[16:])
INFO_AFTER_ATTN = "\n".join(_LINES[:7] + _LINES[11:18] + _LINES[7:11] + _LINES[18:])
# an attention or passing line right under a moved block, no blank line between: the
# TO line after SIPDIS (line 16) with the DEPT FOR lines under it (17-18); the INFO lines
# under the classification line (10-13) with them (14-15); a bare "PASS TO" line (17)
TO_ATTN_UNDER = "\n".join(_LINES[:6] + _LINES[7:16] + [_LINES[6]] + _LINES[16:])
INFO_ATTN_UNDER = "\n".join(_LINES[:7] + _LINES[11:13] + _LINES[7:11] + _LINES[16:18] + _LINES[13:16] + _LINES[19:])
TO_PASS_UNDER = "\n".join(_LINES[:6] + _LINES[7:16] + [_LINES[6], "PASS TO AMBASSADOR JONES"] + _LINES[16:])
# ... but an addressee after a routing indicator is one, "FOR" in its name or not
INFO_RI_FOR = "\n".join(_LINES[:7] + _LINES[11:16] + _LINES[7:11] + ["RUCNOSC/ORG FOR SECURITY CO OP IN EUROPE COLLECTIVE"] + _LINES[16:])

CASES = [
    # S001
    Case("S001", "clean", REK),
    # a moved part: one S001 at its first line, and the rules that need it read it there
    Case("S001", "captions-after-body", CAPTIONS_LAST, ((126, 1),)),
    Case("S001", "captions-after-body-with-a-section-repeat", CAPTIONS_LAST_REPEATED, ((133, 1),)),
    Case("S001", "first-section-tags-lost-section-repeat-kept", TAGS_ONLY_REPEATED, only=False),
    Case("H005", "first-section-tags-lost-section-repeat-kept", TAGS_ONLY_REPEATED, ((21, 1),)),
    Case("S001", "classification-line-after-body", CLASS_LAST, ((129, 1),)),
    Case("S001", "classification-line-after-signature", CLASS_AFTER_SIGNATURE, ((131, 1),)),
    Case("S001", "classification-line-into-body", _moved(12, 13, 60), ((60, 1),)),
    Case("S001", "classification-line-after-sipdis", CLASS_AFTER_SIPDIS, ((15, 1),)),
    # the whole caption block with its blank lines and a two-line subject: one finding
    Case("S001", "caption-block-after-body", _moved(19, 29, 129), ((120, 1),)),
    Case("S001", "classification-line-among-the-captions", _moved(12, 14, 24), ((23, 1),)),
    # right under a caption, where its continuation lines go: still the classification line
    Case("S001", "classification-line-under-the-subject", _moved(12, 13, 23), ((23, 1),)),
    Case("S001", "classification-line-under-the-ref-block", _moved(12, 13, 26), ((26, 1),)),
    Case("S001", "classification-line-under-classified-by", _moved(12, 13, 29), ((29, 1),)),
    Case("S001", "address-after-classification-line", ADDRESS_AFTER_CLASS, ((8, 1),)),
    Case("S001", "routing-header-after-address", ROUTING_AFTER_ADDRESS, ((7, 1),)),
    # "FROM" and words, not an address, under the classification line: a passing line (3.3)
    Case("S001", "from-words-under-the-classification-line", FROM_WORDS),
    Case("S001", "from-words-after-a-blank-under-the-classification-line", "\n".join(_LINES[:14] + ["FROM AMBASSADOR", ""] + _LINES[14:])),
    # ... an address after FROM is the FM line written out: a second address block here
    Case("S001", "from-and-an-address-under-the-classification-line", "\n".join(_LINES[:14] + ["FROM AMEMBASSY REYKJAVIK", ""] + _LINES[14:]), ((15, 1),), only=False),
    # TO or INFO lines moved there are address lines out of place, not passing lines
    Case("S001", "info-lines-after-classification-line", INFO_AFTER_CLASS, ((10, 1),)),
    Case("S001", "to-and-info-lines-after-classification-line", TO_INFO_AFTER_CLASS, ((9, 1),)),
    Case("S001", "to-line-after-classification-line", TO_AFTER_CLASS, ((13, 1),)),
    Case("S001", "xmt-line-after-classification-line", "\n".join(_LINES[:13] + ["XMT AMCONSUL JOHANNESBURG"] + _LINES[13:]), ((14, 1),)),
    # ... but "TO THE SECRETARY FROM ..." there is a passing line (3.3)
    Case("S001", "to-words-under-the-classification-line", "\n".join(_LINES[:14] + ["TO THE SECRETARY FROM AMBASSADOR LINDQVIST", ""] + _LINES[14:])),
    # ... lower down, after SIPDIS or the attention lines, likewise: one S001 at the moved
    # line, its addressees read (no A002)
    Case("S001", "to-line-after-sipdis", TO_AFTER_SIPDIS, ((16, 1),)),
    Case("S001", "info-lines-after-attention-lines", INFO_AFTER_ATTN, ((15, 1),)),
    # ... an attention line right under such a block is no part of it: still one S001
    Case("S001", "to-line-after-sipdis-attention-lines-under-it", TO_ATTN_UNDER, ((16, 1),)),
    Case("S001", "info-lines-after-classification-attention-lines-under-them", INFO_ATTN_UNDER, ((10, 1),)),
    Case("S001", "to-line-after-sipdis-pass-to-line-under-it", TO_PASS_UNDER, ((16, 1),)),
    Case("S001", "xmt-line-right-under-sipdis", "\n".join(_LINES[:15] + ["XMT AMCONSUL JOHANNESBURG"] + _LINES[15:]), ((16, 1),)),
    # ... but not words after TO there, nor an address line in a text without an FM line
    # (a partial extract that kept its INFO line after SIPDIS)
    Case("S001", "to-words-after-sipdis", "\n".join(_LINES[:16] + ["TO THE SECRETARY FROM AMBASSADOR LINDQVIST", ""] + _LINES[16:])),
    Case("S001", "info-line-after-sipdis-without-a-header", "\n".join(_LINES[12:16] + ["INFO AMEMBASSY OSLO PRIORITY", ""] + _LINES[16:])),
    # a second FM line under the classification line: S001 at that line, not the first FM line
    Case("S001", "second-address-block-after-classification-line", SECOND_FM, ((15, 1),)),
    Case("S001", "eo-line-into-body", _moved(19, 20, 40), ((40, 1),)),
    Case("S001", "tags-line-into-body", _moved(20, 21, 40), ((40, 1),)),
    # a moved part that is itself malformed is still the part, and its own rule reads it
    Case("S001", "malformed-tags-line-into-body", _moved(20, 21, 40).replace("TAGS: PREL", "TAGS: prel", 1), ((40, 1),), only=False),
    Case("H006", "malformed-tags-line-into-body", _moved(20, 21, 40).replace("TAGS: PREL", "TAGS: prel", 1), ((40, 7),), only=False),
    Case("S001", "malformed-eo-line-into-body", _moved(19, 20, 40).replace("DECL: 11/06/2018", "DECL: 31/06/2018", 1), ((40, 1),), only=False),
    Case("S001", "subject-into-body", _moved(21, 23, 40), ((39, 1),)),
    Case("S001", "ref-block-into-body", _moved(24, 26, 60), ((59, 1),)),
    Case("S001", "classified-by-after-body", _moved(27, 29, 129), ((128, 1),)),
    # caption-shaped lines of the text are not the cable's parts
    Case("S001", "quoted-subject-in-body-is-fine", mutate(REK, "7. (U) Ref B reported", "SUBJECT: QUOTED\n7. (U) Ref B reported")),
    Case("S001", "closing-banner-after-signature-is-fine", REK.replace("\nLINDQVIST", "\nLINDQVIST\n\n" + _LINES[12], 1)),
    Case("S001", "tags-prose-without-colon-is-not-the-tags", mutate(REK, "TAGS: PREL MARR EFIN IC NATO\n", "").replace("7. (U) Ref B reported", "Tags are used to index\n7. (U) Ref B reported", 1), only=False),
    Case("S001", "tags-shaped-prose-is-not-the-tags", mutate(REK, "TAGS: PREL MARR EFIN IC NATO\n", "").replace("7. (U) Ref B reported", "TGS units said that\n7. (U) Ref B reported", 1), only=False),
    # S002
    Case("S002", "clean", REK),
    Case("S002", "no-signature", mutate(REK, "End Comment.\nLINDQVIST", "End Comment."), ((129, 64),), severity="warning"),
    # the signature deleted above the archive's subject teaser: the text ends with the
    # last paragraph, not with the teaser
    Case("S002", "no-signature-above-the-subject-teaser", mutate(corpus_text("cablegate-subject-teaser-after-signature-lusaka.cable"), "\nMARTIN\n", "\n"), ((24, 48),), severity="warning"),
    # the archive's mixed-case signature with a full stop: the stop named, at the name
    Case("S002", "mixed-case-signature-with-a-stop", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nLindqvist."), ((130, 1),)),
    Case("S002", "mixed-case-signature", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nLindqvist")),
    Case("S002", "appended-signature", mutate(REK, "the Foreign Ministry takes the matter to Brussels. End Comment.\nLINDQVIST", "the Ministry goes to Brussels. End Comment. LINDQVIST")),
    # the archive's redaction closing the last line is no signer appended to it
    Case("S002", "redaction-is-no-appended-signature", mutate(REK, "the Foreign Ministry takes the matter to Brussels. End Comment.\nLINDQVIST", "the Ministry goes to Brussels. End Comment. XXXXXXXXXXXX"), ((129, 57),)),
    Case("S002", "lower-case-redaction-is-no-appended-signature", mutate(REK, "the Foreign Ministry takes the matter to Brussels. End Comment.\nLINDQVIST", "the Ministry goes to Brussels. End Comment. xxxxx"), ((129, 50),)),
    # a name of two X's or more is no signer there either (c05025d's readers kept it)
    Case("S002", "short-redaction-is-no-appended-signature", mutate(REK, "the Foreign Ministry takes the matter to Brussels. End Comment.\nLINDQVIST", "the Ministry goes to Brussels. End Comment. XXX"), ((129, 48),)),
    Case("S002", "mixed-case-signature", mutate(REK, "\nLINDQVIST", "\nLindqvist")),
    # a full stop after the name: the signature is there, the stop is reported
    Case("S002", "signature-with-a-full-stop", mutate(REK, "\nLINDQVIST", "\nLINDQVIST."), ((130, 1),), severity="warning"),
    # appended to the last text line with a full stop: the signature, with the stop named
    Case("S002", "appended-signature-with-a-full-stop", mutate(REK, "the Foreign Ministry takes the matter to Brussels. End Comment.\nLINDQVIST", "the Ministry goes to Brussels. End Comment. LINDQVIST."), ((129, 45),), severity="warning"),
    # the archive appends the signature to the classified-website footer, in either case
    Case("S002", "mixed-case-signature-after-the-footer", mutate(REK, "\nLINDQVIST", "\nVisit Reykjavik's Classified Website: http://www.state.sgov.gov/p/eur/reykjavik/index. cfm Lindqvist"), only=False),
    Case("S002", "signature-after-the-footer", mutate(REK, "\nLINDQVIST", "\nVisit Reykjavik's Classified Website: http://www.state.sgov.gov/p/eur/reykjavik/index. cfm LINDQVIST"), only=False),
    # the footer with no signature above it, the cable's last lines: the text ends with
    # the last paragraph, not with the footer
    Case("S002", "no-signature-above-the-website-footer", mutate(corpus_text("cablegate-website-footer-after-signature-amman.cable"), "agencies.\nHale\n", "agencies.\n"), ((29, 19),), severity="warning"),
    Case("S002", "website-footer-under-the-text", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\n\nVisit Reykjavik's Classified Website:\nhttp://www.state.sgov.gov/p/eur/reykjavik/"), ((129, 64),)),
    Case("S002", "website-footer-on-the-last-line", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nVisit Embassy Reykjavik's classified website"), ((129, 64),)),
    # a line in the text that only looks like one (the sentence goes on above it) stays text
    Case("S002", "text-that-looks-like-a-footer", mutate(REK, "the Foreign Ministry takes the matter to Brussels. End Comment.\nLINDQVIST", "the Ministry goes to Brussels. Readers may\nvisit the classified website."), ((130, 30),)),
    # a stray line below the signature, a blank line between, does not hide it (S004 names the line)
    Case("S002", "stray-line-below-a-blank", REK.rstrip("\n") + "\n\nEPET @ EL P\n", only=False),
    Case("S002", "mixed-case-signature-in-a-draft", mutate(corpus_text("draft-confidential-copenhagen.cable"), "\nHOLMGREN", "\nHolmgren"), ((42, 1),), severity="warning"),
    # a draft's signature typed on the last line of text (the archive's rendering appends it; a drafter may not)
    Case("S002", "appended-signature-in-a-draft", mutate(corpus_text("draft-confidential-copenhagen.cable"), "in the study.\nHOLMGREN", "in the study. HOLMGREN"), ((41, 36),), severity="warning"),
    Case("S002", "signature-on-its-own-line-in-a-draft", corpus_text("draft-confidential-copenhagen.cable")),
    # captions moved after the signature: S001 reports them; the signature is still there
    Case("S001", "classified-by-after-signature", CLSBY_AFTER_SIGNATURE, ((129, 1),)),
    # a wrapper's lines are the preface, not captions or an address block before the
    # classification line (cable-format.md 2.8)
    Case("S001", "received-copy-wrapper", "".join(WRAPPERS["received-copy-page-line-with-section"])),
    Case("S001", "post-copy-wrapper", "".join(WRAPPERS["post-copy"])),
    # ... unless text follows them: then the line before them was no signature
    Case("S002", "text-after-moved-captions", CLSBY_AFTER_SIGNATURE.rstrip("\n") + "\n\nThank you.\n", ((132, 11),), severity="warning", only=False),
    # S003
    Case("S003", "clean", REK),
    Case("S003", "section-above-total", mutate(REK, "SECTION 01 OF 03", "SECTION 03 OF 02"), ((13, 25),), only=False),
    Case("S003", "de-part-differs", mutate(REK, "#0687/01", "#0687/02"), ((3, 17),)),
    Case("S003", "page-number-skipped-then-repeated", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 003 OF 003"), ((60, 20),)),
    Case("S003", "page-numbers-in-order", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAVIK 00000687 002.2 OF 003")),
    Case("S003", "page-header-serial", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000688 002 OF 003"), ((60, 11),)),
    # no DE line: the two page headers agree, so the classification line's serial is the
    # typo, reported once there (not at each page header)
    Case("S003", "class-line-serial-outvoted-by-page-headers", mutate("\n".join(_LINES[5:]), "REYKJAVIK 000687", "REYKJAVIK 000678"), ((8, 52),)),
    # a page header's post with letters swapped: the slip, at the post
    Case("S003", "page-header-post-misspelt", mutate(RIO, "RIO DE JANEIRO 00000188", "RIO DE JANIERO 00000188"), ((59, 1),)),
    # a digit typed for a letter of the post: still a page header (not text), named at its post
    Case("S003", "page-header-post-with-a-digit", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAV1K 00000687 003 OF 003"), ((97, 1),)),
    # a digit typed for the post's last letter (after a letter): still a page header
    Case("S003", "page-header-post-ending-in-a-digit", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAVI1 00000687 003 OF 003"), ((97, 1),)),
    # a number standing apart after the words is no letter typed as a digit: not a page header
    Case("S003", "text-line-with-a-number-before-the-serial", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAVIK 1 00000687 003 OF 003"), only=False),
    # a digit typed twice in the total: still a page header, named at its total
    Case("S003", "page-header-total-with-a-digit-typed-twice", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAVIK 00000687 003 OF 0033"), ((97, 27),)),
    Case("S003", "page-header-total-with-a-digit-lost", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAVIK 00000687 003 OF 03"), ((97, 27),)),
    Case("S003", "page-header-post-misspelt-once-of-two", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKAJVIK 00000687 003 OF 003"), ((97, 1),)),
    # ... and the forms the archive writes it in: cut to ten letters, in mixed case,
    # without the prefix of the post ('DUBAI' for RPO DUBAI), another post altogether
    Case("S003", "page-header-post-cut-to-ten-letters", mutate(RIO, "RIO DE JANEIRO 00000188", "RIO DE JAN 00000188")),
    # shorter than the archive's cut, a piece of the post is the post with letters lost
    Case("S003", "page-header-post-last-letter-lost", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAVI 00000687 003 OF 003"), ((97, 1),)),
    Case("S003", "page-header-post-in-mixed-case", mutate(RIO, "RIO DE JANEIRO 00000188", "Rio de Janeiro 00000188")),
    Case("S003", "page-header-post-without-its-prefix", RPO_DUBAI),
    Case("S003", "page-header-post-of-another-post", mutate(RIO, "RIO DE JANEIRO 00000188", "SAO PAULO 00000188")),
    # a received copy's page line: "PAGE 02 POST SERIAL SS OF MM DTG" (cable-format.md 2.8)
    Case("S003", "received-page-line", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02 REYKJAVIK 00687 01 OF 03 061012Z")),
    Case("S003", "received-page-line-serial", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02 REYKJAVIK 00688 01 OF 03 061012Z"), ((60, 19),)),
    Case("S003", "received-page-line-total", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02 REYKJAVIK 00687 01 OF 04 061012Z"), ((60, 31),)),
    # ... spaced out as the print-out spaced it (4.6)
    Case("S003", "received-page-line-spaced", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02        REYKJAVIK  00687  01 OF 03  061012Z")),
    Case("S003", "received-page-line-spaced-serial", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02        REYKJAVIK  00688  01 OF 03  061012Z"), ((60, 27),)),
    Case("S003", "received-page-line-spaced-total", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02\tCAPE T  00687  01 OF 04  061012Z"), ((60, 30),)),
    # the block a received copy repeats above section 2: its page line names section 2
    # a received copy's page line inside a section's text names that section: the one
    # between the classification line and a page line that agree (section 01) is the slip
    Case("S003", "received-page-line-section", mutate(mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02 REYKJAVIK 00687 02 OF 03 061012Z"), "REYKJAVIK 00000687 003 OF 003", "PAGE 03 REYKJAVIK 00687 01 OF 03 061012Z"), ((60, 25),)),
    Case("S003", "received-page-lines-of-one-section", mutate(mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02 REYKJAVIK 00687 01 OF 03 061012Z"), "REYKJAVIK 00000687 003 OF 003", "PAGE 03 REYKJAVIK 00687 01 OF 03 061012Z")),
    # the last page line may head the next section (its classification line not read as one)
    Case("S003", "received-page-line-of-the-next-section", mutate(mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02 REYKJAVIK 00687 01 OF 03 061012Z"), "REYKJAVIK 00000687 003 OF 003", "PAGE 03 REYKJAVIK 00687 02 OF 03 061012Z")),
    Case("S003", "received-copy-repeated-block", received()),
    Case("S003", "received-copy-repeated-block-names-another-section", received(second=block(2, 1)), ((63, 34),)),
    Case("S003", "no-section-under-page-headers", mutate(REK, "SECTION 01 OF 03 REYKJAVIK", "REYKJAVIK"), ((13, 25),)),
    # the unwrapped rendering runs a page header into the paragraph's one line
    Case("S003", "page-header-in-a-paragraph-line", _two_sections(BRASILIA, "BRASILIA 00001113 002 OF 002"), ((28, 163),), only=False),
    Case("S003", "page-header-in-a-paragraph-line-agrees", _two_sections(BRASILIA, "BRASILIA 00001112 002 OF 002"), only=False),
    # ... and at the start of a paragraph's line, the text going on after it (09BRASILIA1216)
    Case("S003", "page-header-starting-a-paragraph-line", _two_sections(BRASILIA, "BRASILIA 00001113 002 OF 002", "\n"), ((29, 10),), only=False),
    Case("S003", "page-header-starting-a-paragraph-line-agrees", _two_sections(BRASILIA, "BRASILIA 00001112 002 OF 002", "\n"), only=False),
    # a zero for the O of OF, a stray full stop: read and named as on a page header's own line
    Case("S003", "page-header-in-a-paragraph-line-zero-for-the-o-of-of", _two_sections(BRASILIA, "BRASILIA 00001112 002 0F 002"), ((28, 176),), only=False),
    Case("S003", "page-header-in-a-paragraph-line-stray-stop-after-the-section", _two_sections(BRASILIA, "BRASILIA 00001112 002. OF 002"), ((28, 175),), only=False),
    Case("S003", "page-header-in-a-paragraph-line-stray-stop-before-of", _two_sections(BRASILIA, "BRASILIA 00001112 002 .OF 002"), ((28, 176),), only=False),
    Case("S003", "page-header-in-a-paragraph-line-stray-stop-after-of", _two_sections(BRASILIA, "BRASILIA 00001112 002 OF. 002"), ((28, 178),), only=False),
    Case("S003", "page-header-starting-a-paragraph-line-zero-for-the-o-of-of", _two_sections(BRASILIA, "BRASILIA 00001112 002 0F 002", "\n"), ((29, 23),), only=False),
    # ... and at the start of a line that goes on with a paragraph's head (paragraph 4)
    Case("S003", "page-header-before-a-paragraph-head", page_header_before(REK, "4. (C)")),
    Case("S003", "page-header-before-a-paragraph-head-serial", page_header_before(REK, "4. (C)", "REYKJAVIK 00000688 002 OF 003"), ((77, 11),)),
    # its section number is in the order of the page headers too: not section 001 alone
    # first, and not below the one before it (two run into paragraphs 2 and 3)
    Case("S003", "page-header-in-a-paragraph-line-says-section-001", _two_sections(BRASILIA, "BRASILIA 00001112 001 OF 002"), ((28, 172),), only=False),
    Case("S003", "page-headers-in-paragraph-lines-out-of-order", _three_sections("003", "002"), ((30, 200),), only=False),
    Case("S003", "page-headers-in-paragraph-lines-in-order", _three_sections("002", "003"), only=False),
    # its post with a digit typed for a letter, as a page header on its own line is read
    Case("S003", "page-header-in-a-paragraph-line-post-with-a-digit", _two_sections(BRASILIA, "BRAS1LIA 00001112 002 OF 002"), ((28, 154),), only=False),
    # a number typed again after a page header's total: still a page header (not text
    # between paragraphs), the stray number named; one finding, no cascade
    Case("S003", "page-header-total-typed-again", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 002 OF 003 003"), ((60, 31),)),
    Case("S003", "page-header-page-number-typed-again", mutate(RIO, "RIO DE JANEIRO 00000188 002 OF 002", "RIO DE JANEIRO 00000188 002 OF 002 002"), ((59, 36),)),
    Case("S003", "page-header-total", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 002 OF 004"), ((60, 27),)),
    # a zero typed for the O of OF, a stray full stop beside it: still a page header (not
    # text between paragraphs), the slip named where it is; the received copy's page line too
    Case("S003", "page-header-zero-for-the-o-of-of", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 002 0F 003"), ((60, 24),)),
    Case("S003", "page-header-zero-for-the-o-of-of-after-a-page", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAVIK 00000687 002.2 0F 003"), ((97, 26),)),
    Case("S003", "page-header-stray-stop-after-the-section", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 002. OF 003"), ((60, 23),)),
    Case("S003", "page-header-stray-stop-before-of", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 002 .OF 003"), ((60, 24),)),
    Case("S003", "page-header-stray-stop-after-of", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 002 OF. 003"), ((60, 26),)),
    Case("S003", "received-page-line-zero-for-the-o-of-of", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02 REYKJAVIK 00687 01 0F 03 061012Z"), ((60, 28),)),
    # both page headers say 3 sections: the classification line's total is the typo
    # a digit typed twice in a page header's serial, a section number typed wrong
    Case("S003", "page-header-serial-digit-typed-twice", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 000006877 002 OF 003"), ((60, 11),)),
    Case("S003", "first-page-header-says-section-one", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 001 OF 003"), ((60, 20),)),
    Case("S003", "first-page-header-second-page-of-section-one", mutate(REK, "REYKJAVIK 00000687 002 OF 003", "REYKJAVIK 00000687 001.2 OF 003")),
    Case("S003", "page-headers-out-of-order", mutate(REK, "REYKJAVIK 00000687 003 OF 003", "REYKJAVIK 00000687 002 OF 003"), ((97, 20),)),
    Case("S003", "class-line-total-outvoted", mutate(REK, "SECTION 01 OF 03", "SECTION 01 OF 04"), ((13, 25),)),
    # one page header whose total is the section it numbers: the text ends there, the line is wrong
    Case("S003", "class-line-total-outvoted-by-the-last-section", mutate(corpus_text("telegram-unclas-amconsul-rio-multisection.cable"), "SECTION 01 OF 02", "SECTION 01 OF 20"), ((13, 8),)),
    # the class line's serial is the typo (R009 says so there): no page header finding
    Case("S003", "class-line-serial-outvoted", mutate(REK, "REYKJAVIK 000687", "REYKJAVIK 000678"), only=False),
    # S004
    Case("S004", "clean", REK),
    # a line that cannot be placed where the missing SUBJECT line belongs is what is
    # left of it: H008's, which names it there; one that can, but stands elsewhere, is S004's
    Case("S004", "stray-line-where-the-subject-belongs", mutate(REK, "SUBJECT: ICELAND: COAST GUARD CUTS PUT AIR POLICING SUPPORT AT\nRISK\n", "Air Policing\n"), only=False),
    Case("S004", "stray-line-between-captions-present", mutate(REK, "DECL: 11/06/2018\n", "DECL: 11/06/2018\n#@!% ~~\n"), ((21, 1),)),
    # a short line in capitals right under the signature: text after the signature
    Case("S004", "line-under-the-signature", REK.rstrip("\n") + "\nEND OF MESSAGE\n", ((131, 1),)),
    Case("S004", "title-under-the-signature", REK.rstrip("\n") + "\nDEPUTY CHIEF OF MISSION\n", ((131, 1),)),
    # with a blank line between too: the signature is still the signature (no S002)
    Case("S004", "line-below-a-blank-under-the-signature", REK.rstrip("\n") + "\n\nEND OF MESSAGE\n", ((132, 1),)),
    # an end-of-message line inside the text: the message goes on past its end
    Case("S004", "bt-between-paragraphs", mutate(REK, "5. (C) Sveinbjornsson", "BT\n5. (C) Sveinbjornsson"), ((94, 1),)),
    # the archive's redaction alone after BT is no signer: the BT is the message's tail
    Case("S004", "bt-before-a-redaction", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nBT\nXXXXXXXXXXXX")),
    Case("S004", "bt-before-a-lower-case-redaction", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nBT\nxxxxx")),
    Case("S004", "bt-before-a-short-redaction", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nBT\nXXX")),
    Case("S004", "bt-before-two-xs", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nBT\nXX")),
    Case("S004", "bt-before-a-signature", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nBT\nLindqvist"), ((130, 1),)),
    Case("S004", "nnnn-before-the-signature", mutate(REK, "End Comment.\nLINDQVIST", "End Comment.\nNNNN\nLINDQVIST"), ((130, 1),)),
    # after the signature, NNNN and the archive's tail are no fault
    Case("S004", "nnnn-after-the-signature", REK.rstrip("\n") + "\nNNNN\nEnd Cable Text\n"),
    # lines after an end-of-message marker or a closing banner after the signature
    Case("S004", "junk-after-nnnn", REK.rstrip("\n") + "\nNNNN\nsome junk here\n", ((132, 1),)),
    Case("S004", "closing-banner-with-caveats-after-the-signature", REK.rstrip("\n") + "\nCONFIDENTIAL//NOFORN\n"),
    Case("S004", "junk-after-the-closing-banner", REK.rstrip("\n") + "\n\nCONFIDENTIAL\nxx yy\n", ((133, 1),)),
    # in lower case it is the text's last line (S002)
    Case("S004", "lower-case-line-is-not-taken", REK.rstrip("\n") + "\nBest regards\n", only=False),
    Case("S004", "garbage-between-captions", mutate(REK, "TAGS: PREL", "#@!% 12 ~~\nTAGS: PREL"), ((21, 1),)),
    # a format line after the classification line's blank line: one error, the rest read
    Case("S004", "de-line-after-classification-line", "\n".join(_LINES[:14] + [_LINES[2]] + _LINES[13:]), ((15, 1),)),
    # a line under TAGS with its keyword misspelt past recognition ("SBJT") and the line in
    # capitals under it are the subject (H009 names the keyword), not a TAGS continuation
    # nor a stretch the grammar cannot place
    Case("S004", "misspelt-subject-and-its-continuation", mutate(BAMAKO, "SUBJECT: MALI", "SBJT MALI"), only=False),
    Case("S004", "stretch-reported-once", mutate(REK, "TAGS: PREL", "#@!% 12 ~~\n\n~~ more ~~\nTAGS: PREL"), ((21, 1),)),
]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def test_a_typo_in_the_class_line_is_reported_once_there() -> None:
    """The DE line and both page headers agree on serial 0687 and 3 sections; the
    classification line, edited, says 000678 and OF 04: two findings, both on it."""
    bad = mutate(mutate(REK, "REYKJAVIK 000687", "REYKJAVIK 000678"), "SECTION 01 OF 03", "SECTION 01 OF 04")
    found = [(d["code"], d["line"], d["message"]) for d in check_json("--select", "R009,S003", "-", input=bad)]
    assert found == [
        ("S003", 13, "'SECTION 01 OF 04' disagrees with the page headers, which count 3 sections: expected SECTION 01 OF 03"),
        ("R009", 13, "classification line serial 000678 disagrees with the DE line's #0687 and the page headers' 00000687: expected 000687"),
    ]


@pytest.mark.parametrize(
    "line,found",
    [
        # down-cased, as the archive down-cases a whole cable: H002 says the case, as in place
        ("E.o. 12958: decl: 11/06/2018", [("H002", 40, 1, "E.O. line 'E.o. 12958: decl' is not in capitals: expected 'E.O. 12958: DECL'")]),
        # a typo in the order and no colon (10PARIS170's own E.O. line)
        ("E.O. 12598  DECL: 11/06/18", [("H002", 40, 6, "executive order '12598' is unknown: expected 12958, 13526, 12356, 12065 or 11652")]),
    ],
    ids=["down-cased", "order-typo-no-colon"],
)
def test_a_moved_eo_line_with_a_slip_is_still_the_eo_line(line: str, found: list[tuple[str, int, int, str]]) -> None:
    """The E.O. line moved into the body is S001's whatever slip it has, as telegram
    text or down-cased: not a missing E.O. line (H001) with the line itself unread."""
    bad = mutate(_moved(19, 20, 40), "E.O. 12958: DECL: 11/06/2018", line)
    got = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "H,S", "-", input=bad)]
    assert got == sorted([("S001", 40, 1, "the E.O. line stands inside the body text (line 40): expected it among the captions before the text"), *found], key=lambda f: (f[1], f[2], f[0]))


def test_a_line_under_the_signature_is_named_as_such() -> None:
    bad = REK.rstrip("\n") + "\nEND OF MESSAGE\n"
    found = [(d["code"], d["line"], d["message"]) for d in check_json("--select", "S", "-", input=bad)]
    assert found == [
        (
            "S004",
            131,
            "cannot place 'END OF MESSAGE' after the signature LINDQVIST on line 130: expected the signature to end "
            "the text; only an end-of-message marker (NNNN) or the closing classification line may follow it",
        )
    ]


def test_from_and_words_under_the_classification_line_is_a_passing_line() -> None:
    """'FROM THE AMBASSADOR ...' under the classification line was read as the FM line
    of an address block moved there (S001 at the header's FM line): it is a passing
    line (cable-format.md 3.3), and the address block above is the cable's."""
    cable = parse_text(FROM_WORDS)
    assert [a.text for a in cable.attention] == ["FROM THE AMBASSADOR FOR EUR A/S FRIED", "DEPT FOR EUR/NB", "DEPT ALSO FOR PM/RSAT"]
    assert cable.from_line is not None and cable.from_line.span.line == 6
    assert not cable.late_captions


def test_s001_names_the_second_address_block_where_it_stands() -> None:
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--select", "S001,A", "-", input=SECOND_FM)]
    assert found == [
        (
            15,
            1,
            "a second address block stands after the classification line (line 15): expected one address block, "
            "the one on line 6, before the classification line on line 13",
        )
    ]


@pytest.mark.parametrize(
    "text, line, message",
    [
        (INFO_AFTER_CLASS, 10, "the INFO line stands after the classification line (line 10): expected it in the address block, before the classification line on line 9"),
        (TO_INFO_AFTER_CLASS, 9, "the TO and INFO lines stand after the classification line (line 9): expected them in the address block, before the classification line on line 8"),
        (TO_AFTER_CLASS, 13, "the TO line stands after the classification line (line 13): expected it in the address block, before the classification line on line 12"),
    ],
)
def test_address_lines_under_the_classification_line_are_one_s001(text: str, line: int, message: str) -> None:
    """TO or INFO lines moved under the classification line were read as attention
    lines: no finding, or only A002 when the TO line went with them. They are the
    address lines out of their place: one S001 at the first, and their addressees
    read, so that A002 does not fire too."""
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["severity"] != "info"]
    assert found == [("S001", line, 1, message)]
    cable = parse_text(text)
    assert [a.address.text for a in cable.to if a.address] == ["SECSTATE WASHDC"]
    assert not cable.attention[:1] or not cable.attention[0].text.startswith(("TO", "INFO"))


@pytest.mark.parametrize(
    ("text", "addressees", "attention"),
    [
        (TO_ATTN_UNDER, [("TO", 16), ("INFO", 7), ("INFO", 8), ("INFO", 9), ("INFO", 10)], [(17, "DEPT FOR EUR/NB"), (18, "DEPT ALSO FOR PM/RSAT")]),
        (INFO_ATTN_UNDER, [("TO", 7), ("INFO", 10), ("INFO", 11), ("INFO", 12), ("INFO", 13)], [(14, "DEPT FOR EUR/NB"), (15, "DEPT ALSO FOR PM/RSAT")]),
        (TO_PASS_UNDER, [("TO", 16), ("INFO", 7), ("INFO", 8), ("INFO", 9), ("INFO", 10)], [(17, "PASS TO AMBASSADOR JONES"), (18, "DEPT FOR EUR/NB"), (19, "DEPT ALSO FOR PM/RSAT")]),
        (INFO_RI_FOR, [("TO", 7), ("INFO", 13), ("INFO", 14), ("INFO", 15), ("INFO", 16), ("INFO", 17)], [(18, "DEPT FOR EUR/NB"), (19, "DEPT ALSO FOR PM/RSAT")]),
    ],
    ids=["to-then-attention", "info-then-attention", "to-then-pass-to", "info-then-ri-addressee-with-for"],
)
def test_an_attention_line_under_a_moved_address_block_is_no_addressee(text: str, addressees: list[tuple[str, int]], attention: list[tuple[int, str]]) -> None:
    """Right under TO, INFO or XMT lines moved below the classification line, with no
    blank line between, "DEPT FOR EUR/NB" or "PASS TO ..." ends the block: it is read
    as the attention line it is, not as one more addressee."""
    cable = parse_text(text)
    assert [(a.role, a.span.line) for a in (*cable.to, *cable.info, *cable.xmt)] == addressees
    assert [(t.span.line, t.text) for t in cable.attention] == attention


def test_s001_says_where_a_moved_classification_line_stands() -> None:
    def where(text: str) -> list[str]:
        return [d["message"].split(":")[0] for d in check_json("--select", "S001", "-", input=text)]

    assert where(_moved(12, 14, 24)) == ["the classification line stands among the captions (line 23)"]
    assert where(_moved(12, 14, 30)) == ["the classification line stands after the captions, before the first paragraph (line 29)"]
    assert where(_moved(12, 13, 23)) == ["the classification line stands among the captions (line 23)"]
    assert where(_moved(12, 13, 29)) == ["the classification line stands after the captions, before the first paragraph (line 29)"]
    assert where(_moved(12, 13, 60)) == ["the classification line stands inside the body text (line 60)"]


@pytest.mark.parametrize(
    "section, message",
    [
        ("SECTION 03 OF 02", "'SECTION 03 OF 02' numbers a section past the total: expected a section from 01 to 02, or a total of at least 03"),
        ("SECTION 00 OF 03", "'SECTION 00 OF 03' numbers a section 00: expected 'SECTION 01 OF 03' for the first"),
        ("SECTION 01 OF 00", "'SECTION 01 OF 00' counts no sections: expected a total of at least 01"),
    ],
)
def test_s003_says_what_is_impossible_about_a_section_part(section: str, message: str) -> None:
    found = check_json("--select", "S003", "-", input=mutate(REK, "SECTION 01 OF 03", section))
    assert [d["message"] for d in found] == [message]


def test_s003_names_the_section_a_repeated_block_opens() -> None:
    found = check_json("--select", "S003", "-", input=received(second=block(2, 1)))
    assert [d["message"] for d in found] == ["page line names section 01, but the classification line under it (line 74) says 'SECTION 02 OF 03': expected section 02"]


def test_s002_names_the_full_stop_after_the_signature() -> None:
    found = check_json("--select", "S002", "-", input=mutate(REK, "\nLINDQVIST", "\nLINDQVIST."))
    assert [d["message"] for d in found] == ["the signature 'LINDQVIST.' ends with a full stop: expected 'LINDQVIST' alone on its line"]


def test_s004_says_the_text_goes_on_after_an_end_of_message_line() -> None:
    found = check_json("--select", "S004", "-", input=mutate(REK, "5. (C) Sveinbjornsson", "BT\n5. (C) Sveinbjornsson"))
    assert [d["message"] for d in found] == ["'BT' ends the message, but the text goes on after it: expected it after the signature, or no 'BT' line at all"]


@pytest.mark.parametrize(
    "header, message",
    [
        ("REYKJAVIK 000006877 002 OF 003", "page header serial 000006877 has 9 digits: expected 8, 00000687, the cable's serial"),
        # the next header's 003 shows that this one skipped 002: reported here, not at the repeat
        ("REYKJAVIK 00000687 003 OF 003", "page header says 003 after section 001, and the next says 003 again: expected 002"),
        ("REYKJAVIK 00000687 001 OF 003", "the first page header says section 001, where section 1 began with the classification line: expected 002 (the next section) or 001.2 (section 1's second page)"),
        ("REYKJAVIK 00000687 002 0F 003", "page header has '0F', a zero for the letter O: expected 'OF'"),
        ("REYKJAVIK 00000687 002. OF 003", "page header has a stray '.' after its section number: expected '002 OF 003'"),
        ("REYKJAVIK 00000687 002 .OF 003", "page header has a stray '.' before 'OF': expected '002 OF 003'"),
    ],
)
def test_s003_names_the_page_header_slip(header: str, message: str) -> None:
    found = check_json("--select", "ALL", "-", input=mutate(REK, "REYKJAVIK 00000687 002 OF 003", header))
    assert [(d["code"], d["line"], d["message"]) for d in found if d["severity"] != "info"] == [("S003", 60, message)]


def test_s003_names_the_slip_of_a_page_header_in_a_paragraph_line() -> None:
    found = check_json("--select", "S003", "-", input=_two_sections(BRASILIA, "BRASILIA 00001112 002.2 0F 002 "))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(28, 178, 180, "page header has '0F', a zero for the letter O: expected 'OF'")]
    found = check_json("--select", "S003", "-", input=_two_sections(BRASILIA, "BRASILIA 00001112 002 OF. 002"))
    assert [d["message"] for d in found] == ["page header has a stray '.' after 'OF': expected '002 OF 002'"]


def test_s003_names_the_post_a_page_header_misspells() -> None:
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "S003", "-", input=mutate(RIO, "RIO DE JANEIRO 00000188", "RIO DE JANIERO 00000188"))]
    assert found == [(59, 1, 15, "page header post 'RIO DE JANIERO' is misspelt: expected 'RIO DE JANEIRO', the post on the classification line")]
    # the other page header cuts the post to the archive's ten letters: that is the form
    # expected
    text = mutate(RIO, "RIO DE JANEIRO 00000188 002 OF 002", "RIO DE JAN 00000188 001.2 OF 002\nRIO DE JAMEI 00000188 002 OF 002")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "S003", "-", input=text)]
    assert found == [(60, 1, 13, "page header post 'RIO DE JAMEI' is misspelt: expected 'RIO DE JAN', as the other page headers write it")]
    # a piece shorter than the cut is no cut (cable-format.md 4.6): both are misspelt
    text = mutate(mutate(REK, "REYKJAVIK 00000687 002", "REYKJAVI 00000687 002"), "REYKJAVIK 00000687 003", "REYKJAVO 00000687 003")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "S003", "-", input=text)]
    assert [f[:2] for f in found] == [(60, 1), (97, 1)]


def test_s003_names_the_section_a_received_page_line_stands_in() -> None:
    text = mutate(mutate(REK, "REYKJAVIK 00000687 002 OF 003", "PAGE 02 REYKJAVIK 00687 02 OF 03 061012Z"), "REYKJAVIK 00000687 003 OF 003", "PAGE 03 REYKJAVIK 00687 01 OF 03 061012Z")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "S003", "-", input=text)]
    assert found == [(60, 25, 27, "page line names section 02, but it stands in section 01 (as lines 13 and 97 around it say): expected 01")]


def test_s003_names_the_page_headers_that_outvote_the_class_line_serial() -> None:
    text = mutate("\n".join(_LINES[5:]), "REYKJAVIK 000687", "REYKJAVIK 000678")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "S003", "-", input=text.encode("utf-8"))]
    assert found == [(8, 52, 58, "classification line serial 000678 differs from the 2 page headers, which all give 00000687: expected 000687")]


def test_s001_says_out_of_place_for_an_address_line_above_the_classification_line() -> None:
    """S001's message said "after the classification line (line 8)" of an INFO line
    standing above it (on line 8, the classification line on 13)."""
    lines = REK.split("\n")
    # an attention line where the TO line stood (a bare PLAD there, "AMEMBASSY OSLO",
    # is now the TO line without its keyword: A003's, and the INFO line is in place)
    text = "\n".join(lines[:6] + ["DEPT FOR EUR/NB"] + lines[7:])
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--select", "S001", "-", input=text)]
    assert found == [(8, 1, "the INFO line stands apart from the FM line on line 6, after 'DEPT FOR EUR/NB' on line 7: expected the address block's lines together, with no other line among them")]


def test_s001_names_the_line_that_parts_the_address_lines_from_the_fm_line() -> None:
    """A stray line under the FM line parted the TO and INFO lines from it, and S001
    said they stood "out of its place" (sic): expected "before the classification
    line", where they were. It names the stray line, the one to remove."""
    text = mutate(corpus_text("telegram-confidential-13526-rabat.cable"), "FM AMEMBASSY RABAT\n", "FM AMEMBASSY RABAT\nhello there\n")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "S001", "-", input=text)]
    assert found == [(8, 1, 39, "the TO and INFO lines stand apart from the FM line on line 6, after 'hello there' on line 7: expected the address block's lines together, with no other line among them")]


def test_s004_offers_the_lines_that_may_stand_there_as_a_choice() -> None:
    text = mutate(corpus_text("draft-confidential-copenhagen.cable"), "TAGS: PREL ENRG SENV DA\n", "TAGS: PREL ENRG SENV DA\n+++ 4K7QZ ;;; ###\n")
    found = check_json("--select", "S004", "-", input=text.encode("utf-8"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (9, 1, 18, "cannot place '+++ 4K7QZ ;;; ###' here: expected the E.O. line, the TAGS line, the SUBJECT line, the REF block or the Classified By line")
    ]


def test_s002_a_sentence_ending_in_capitals_is_no_appended_signature() -> None:
    """A name in capitals with a full stop is read as an appended signature only
    after a sentence: '... with the IMF.' ends the text unsigned."""
    text = mutate(REK, "the Foreign Ministry takes the matter to Brussels. End Comment.\nLINDQVIST", "the Ministry goes to Brussels with the IMF.")
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "S002", "-", input=text)]
    assert found == [("S002", 129, 44, "the text ends without a signature: expected the signer's surname in capitals on the line after the last paragraph")]


@pytest.mark.parametrize(
    "line, late",
    [
        # prose that starts with the level's word (the real 07MADRID1952, 10BOGOTA13)
        ("confidential use in investigation of potential violations of", []),
        ("Secret talks had begun before the government's austerity plan", []),
        # a classification line, written as one, inside the text: S001's to report
        ("CONFIDENTIAL", [("class", 49)]),
        ("C o n f i d e n t i a l section 02 of 03 reykjavik 000687", [("class", 49)]),
    ],
)
def test_only_a_line_written_as_a_classification_line_is_one_in_the_text(line: str, late: list[tuple[str, int]]) -> None:
    text = mutate(REK, "called on Sveinbjornsson at ICG headquarters to ask how the\n", f"called on Sveinbjornsson at ICG headquarters to ask how the\n{line}\n")
    cable = parse_text(text)
    assert text.splitlines()[48] == line
    assert [(kind, span.line) for kind, span in cable.late_captions] == late


def test_every_line_the_grammar_may_expect_has_a_name_for_the_messages() -> None:
    """S004, R011 and the parse JSON say which lines were expected by their names
    (assemble.LINE_NAMES); a terminal without one was left out of the list, and a list
    of such terminals alone said "expected nothing more" where lines could follow (a
    TO line under a date-time group line). Only a blank line and the archive's tail
    under the signature are left unnamed, on purpose."""
    from cablelint.grammar.assemble import LINE_NAMES, UNNAMED_LINES
    from cablelint.grammar.parser import document_parser

    terminals = {t.name for t in document_parser().terminals}
    assert terminals - UNNAMED_LINES == set(LINE_NAMES)
    assert not UNNAMED_LINES & set(LINE_NAMES)


def test_page_header_section_past_its_total_is_named_at_both_numbers() -> None:
    """'003 OF 002' on a page header: the finding spans the section and its total
    (as 'SECTION 03 OF 02' on the classification line is named whole), not the total
    alone, which is not the number at fault."""
    text = mutate(mutate(mutate(REK, "SECTION 01 OF 03", "SECTION 01 OF 02"), "00000687 002 OF 003", "00000687 002 OF 002"), "00000687 003 OF 003", "00000687 003 OF 002")
    result = run_cli("check", "--format", "json", "--select", "S003", "-", input=text.encode("utf-8"))
    found = [(d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in json.loads(result.stdout)]
    assert found == [(97, 20, 97, 30, "page header says section 3 of 2: expected a section number no greater than the total")]
