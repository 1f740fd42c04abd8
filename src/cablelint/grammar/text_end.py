"""Where a cable's text ends: the last line of content before the end-of-message
markers, a closing classification line, and the archive's tail (a website footer or a
teaser of the subject) or a few stray lines after the signature.

The lexer asks once per cable, before it reads the lines: the terminals that can only
stand at the end (the signature, the trailer) are offered only there.
"""

from __future__ import annotations

import re

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.read_classline import slip_of_level
from cablelint.grammar.source import Source

# How many lines a website footer after the signature may take (it wraps its address).
_FOOTER_LINES = 3
# The longest line in capitals under a signature taken as a stray line after it.
_STRAY_TAIL = 40
# The shortest piece of the subject taken for the archive's teaser without a signature.
_TEASER_MIN = 8
# How many lines a draft's clearance block under the text may take.
_CLEARANCE_LINES = 12
# The office words a drafter's line may name without a "/" or ":" ("AMB MICHALAK",
# "AMBASSADOR MICHALAK"), an officer's ("POLOFF", "ECONOFF", "CONOFF": an office's
# letters and OFF, not any word ending so, "SIGNOFF") and two offices joined
# ("POL-ECON").
_OFFICE_WORDS = (
    "POL|ECON|POLECON|ECONPOL|POLMIL|DCM|AMB|AMBASSADOR|CHARGE|CDA|CONS|MGT|ADMIN"
    "|PAO|PAS|PD|RSO|DAO|ODC|USAID|FAS|FCS|LEGATT|ESTH"
    "|(?:POL|ECON|EC|POLECON|ECONPOL|POLMIL|CON|CONS|MGMT|MGT|PA|PD|RSO|LAB|ESTH|SCI|ENV|REF|NARC|MIL)OFF"
    "|(?:POL|ECON|MIL)-(?:POL|ECON|MIL)"
)
# An office: with its "/" or ":" ("POL/ECON", "DS/DSS/CC:JBACIGALUPO", "POL:JSmith",
# and capitalised, "Pol/Econ"), or an office word in capitals or capitalised ("POL",
# "Pol"); a name: an initial and a surname marked as such ("JSmith", "J. Smith",
# "J.SMITH", "J.R. Smith"), or a surname in capitals with its initial ("JSMITH"), which
# has the shape of any word in capitals ("PARLIAMENT"), or with a title ("MR. SMITH",
# "Ms. Jones")
_OFFICE = (
    rf"(?:[A-Z][A-Za-z0-9&.-]*(?:[\/:][A-Za-z0-9&.'-]*)+"
    rf"|(?:{_OFFICE_WORDS}|(?=[A-Z][a-z])(?i:{_OFFICE_WORDS}))(?![A-Za-z0-9]))"
)
_INITIALED = r"(?:[A-Z]{1,2}[A-Z][a-z]+(?:-[A-Z][a-z]+)?|(?:[A-Z]\.[ \t]?){1,3}[A-Z][A-Za-z'-]+)(?![A-Za-z0-9])"
# A surname capitalised ("Smith", "McDonald", "O'Brien", "Smith-Jones")
_SURNAME = r"[A-Z][a-z]*(?:['-]?[A-Z][a-z]+)*(?<=[a-z])(?![A-Za-z0-9])"
_TITLED = rf"(?:MR|MRS|MS|DR|Mr|Mrs|Ms|Dr)\.?[ \t]+(?:[A-Z][A-Z'-]+(?![A-Za-z0-9])|{_SURNAME})"
_NAME = rf"(?:{_INITIALED}|[A-Z][A-Z'-]{{3,}}(?![A-Za-z0-9])|{_TITLED})"
# A first name and a surname, both in capitals or both capitalised ("Jane Smith",
# "JANE SMITH", "Ann McDonald", "Jane O'Brien"): a drafter may be named so after an
# office, or alone after a colon ("Drafted by: Jane Smith"), where prose seldom
# follows; "DRAFTED BY PARLIAMENT TODAY" is prose. A first word that opens a noun
# phrase ("The Minister", "ALL THREE MINISTRIES") names nobody.
_FULL_NAME = (
    r"(?!(?i:the|a|an|all|both|each|every|any|some|no|its|his|her|their|our|this|that|these|those|two|three|four)[ \t])"
    rf"(?:[A-Z][a-z]+[ \t]+{_SURNAME}|[A-Z]{{2,}}[ \t]+[A-Z][A-Z'-]+(?![A-Za-z0-9]))"
)
# The names after an office: up to two, each perhaps a surname alone ("Smith",
# "McDonald": after an office it names someone), or a first name and a surname, after
# a colon or blanks ("POL:JSmith", "DCM AJONES, BSMITH", "AMB Michalak", "POL Jane Smith")
_OFFICERS_NAME = rf"(?:{_NAME}|{_SURNAME})"
_NAMED = rf"(?:[ \t]*:[ \t]*|,?[ \t]+)(?:{_OFFICERS_NAME}(?:,?[ \t]+{_OFFICERS_NAME})?|{_FULL_NAME})"
# Who drafted: an office with its names or none, or a name whose initial is marked
_DRAFTED_BY = rf"(?:{_OFFICE}(?:{_NAMED})?|{_INITIALED})"
# A clearance line in the colon form with an office and its names, no more
# ("Approved: AMB MICHALAK", "Cleared: DCM AJONES", "Approved: AMB", "CLEARED BY
# POL/ECON:JSMITH"): one such line is a clearance block even with no signature above
# it. "Cleared: all three ministries have signed off", "CLEARED: ALL THREE MINISTRIES
# AGREED" and "Cleared: THE NEW LAW" are prose: no office stands first (nor is BY one,
# "CLEARED BY: MINISTRY OFFICIALS").
_OFFICE_AND_NAME = regex(
    r"[ \t]*(?i:cleared|approved|clearances?)(?:[ \t]+(?i:by))?"
    r"(?:[ \t]*:[ \t]*|[ \t]+(?!(?i:by)[ \t]*:)(?=[A-Z][A-Z0-9\/&.-]*:))"
    rf"{_OFFICE}(?:{_NAMED})?[ \t]*"
)
# What may follow the drafter: a date, a phone number, an extension ("-- 06/19/2009
# 571-345-3132", "2009-06-19", "19 June 2009", "x2345", "ext. 2345"), each ending
# where its digits end, so that two of them never share digits ("1JAN1111" then
# "1JAN1111" could split "11111" two ways)
_DRAFTED_WHEN = (
    r"(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[ -]?[A-Za-z]{3}[a-z]*[ -]?\d{2,4}"
    r"|\+?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}|(?i:x|ext\.?)[ \t]*\d{2,6})(?![0-9])"
)
# A drafter's line ("Drafted: POL/ECON JSMITH", "DRAFTED BY: POL:JSMITH", "Drafted by:
# JSMITH", "DRAFTED BY POL/ECON", "DRAFTED BY: DS/DSS/CC:JBACIGALUPO -- 06/19/2009
# 571-345-3132"): after a colon or a bare BY alike, an office with up to two names
# after it, or one name ("JSmith", "J. SMITH", "JSMITH"; a name in capitals alone has
# the shape of any word in capitals, "DRAFTED BY PARLIAMENT", read as a drafter's line
# too: drafters write "DRAFTED BY JSMITH" far more often than prose ends so); after a
# colon also a first name and a surname; then perhaps a date, a phone number or an
# extension. "DRAFTED BY THE JUDICIARY COMMITTEE", "DRAFTED BY PARLIAMENT TODAY",
# "Drafted: The Minister" and "Drafted: the parties agreed on the wording" are prose
_DRAFTER = regex(
    r"[ \t]*(?i:drafted)"
    rf"(?:(?:[ \t]+(?i:by))?[ \t]*:[ \t]*(?:{_DRAFTED_BY}|{_NAME}|{_FULL_NAME})|[ \t]+(?i:by)[ \t]+(?:{_DRAFTED_BY}|{_NAME}))"
    # a separator before each date: blanks, or a dash, comma or semicolon with the
    # blanks around it (one way to take the blanks; none between two dates)
    rf"(?:(?:[ \t]*(?:--?|,|;)[ \t]*|[ \t]+){_DRAFTED_WHEN})*[ \t]*"
)
# How many stray lines after an end-of-message marker are still the archive's junk.
_JUNK_LINES = 3


class TextEnd:
    """The end of a cable's text, found with the grammar's line terminals."""

    def __init__(self, patterns: dict[str, re.Pattern[str]]) -> None:
        self._trailer = patterns["TRAILER_LINE"]
        self._end_class = patterns["END_CLASS_LINE"]
        self._footer = patterns["FOOTER_LINE"]
        self._teaser = patterns["TEASER_LINE"]
        self._signature = patterns["SIGNATURE_LINE"]
        self._address = tuple(patterns[n] for n in ("FM_LINE", "TO_LINE", "INFO_LINE", "XMT_LINE"))
        self._subject = patterns["SUBJECT_LINE"]
        self._clearance = patterns["CLEARANCE_LINE"]
        self._text_end = field("SIGNATURE_AFTER")  # a line a signature may follow
        self._appended = field("APPENDED_SIGNATURE")

    def last_content(self, src: Source) -> int:
        """Index of the last line that is neither blank nor an end-of-message marker,
        nor a classification line after the text (the signature comes before it), nor
        a draft's clearance block under the text, nor the archive's tail after a
        signature line (a website footer or a teaser), nor such a tail with no
        signature above it that closes the cable."""
        i = self.skip_back(src, len(src.lines) - 1)
        if i > 0 and self._end_class.fullmatch(src.lines[i].text):
            before = self.skip_back(src, i - 1)
            if before >= 0:
                i = before
        i = self._above_clearance(src, i)
        before = self._before_tail(src, i)
        if before >= 0 and (self._signature.fullmatch(src.lines[before].text) or self._subject_teaser(src, i) or self._footer_alone(src, i, before)):
            return before
        signature = self._stray_after_signature(src, i)
        if signature < 0:
            signature = self._junk_after_end(src, i)
        if signature >= 0:
            return signature  # the stray lines are then no trailer: error nodes (S004)
        return i

    def _above_clearance(self, src: Source, i: int) -> int:
        """When line *i* ends a draft's clearance block under the text ("Drafted:
        POL/ECON JSMITH" / "Cleared: DCM AJONES" / "    DCM BSMITH" / "Approved: AMB
        MICHALAK": clearance lines, each perhaps with indented lines under it, blank
        lines and end-of-message markers allowed between them), the index of the last
        line above it: the signature line, or with no signature the last line of text,
        so that no signature is read from inside the block (its indented "DCM BSMITH"
        has a signature's shape); else *i*. With no signature above it, a block is
        taken only when it reads as one (_reads_as_clearance): a last line of prose
        ("APPROVED BY THE CABINET ON MONDAY", "Cleared: all three ministries have
        signed off") must not be cut off, and neither may one that ends with a full
        stop ("Cleared by POL/ECON.": S002 reads it so too)."""
        lines = src.lines
        clearance = self._clearance
        top = -1
        heads = 0  # the block's clearance lines
        # the block's lines and the one above them, which ends it: a block of exactly
        # _CLEARANCE_LINES lines has its end on the line above the last one tried
        k, seen = i, 0
        while True:
            if k < 0 or seen > _CLEARANCE_LINES:
                return i  # (it starts the file, or longer than a clearance block: no signature above)
            text = lines[k].text
            if clearance.fullmatch(text):
                top, heads = k, heads + 1
            elif self._between(text):
                # a blank line or an end-of-message marker between the block's lines
                # ("Drafted: ..." / "" / "Cleared: ...", "Drafted: ..." / "NNNN" /
                # "Approved: ..."; the trailer takes both among its lines): the block
                # goes on above it when a clearance line, or a line indented under
                # one, stands there (an indented signature or line of text ends it),
                # read the same with blank lines around the marker or none
                above = k - 1
                while above >= 0 and self._between(lines[above].text):
                    above -= 1
                head = above
                while head >= 0 and lines[head].text[:1].isspace() and lines[head].text.strip():
                    head -= 1
                if top < 0 or head < 0 or not clearance.fullmatch(lines[head].text):
                    break
                k = above
                continue
            elif not text[:1].isspace():
                break  # (an indented line goes on the clearance line above it)
            seen += 1
            k -= 1
        if top < 0:
            return i
        before = self.skip_back(src, top - 1)
        if before > 0 and self._signature.fullmatch(lines[before].text):
            return before
        if before > 0 and not lines[i].text.rstrip(" \t").endswith(".") and self._reads_as_clearance(lines[top].text, heads):
            return before
        return i

    def _between(self, text: str) -> bool:
        """Whether a line may stand between a clearance block's lines: a blank line
        or an end-of-message marker."""
        return not text.strip() or self._trailer.fullmatch(text) is not None

    @staticmethod
    def _reads_as_clearance(first: str, heads: int) -> bool:
        """Whether a block of *heads* clearance lines, the first *first*, with no
        signature above it, reads as a draft's clearance block rather than a last line
        of prose that starts like one: several clearance lines, or one in a drafter's
        form (_DRAFTER: "Drafted by: JSMITH", not "DRAFTED BY THE JUDICIARY
        COMMITTEE"), or a clearer's, an office and its names (_OFFICE_AND_NAME:
        "Approved: AMB MICHALAK", "CLEARED BY POL/ECON:JSMITH", not "Cleared: THE NEW
        LAW")."""
        if heads > 1:
            return True
        if first.lstrip(" \t")[:7].lower() == "drafted":
            return _DRAFTER.fullmatch(first) is not None
        return _OFFICE_AND_NAME.fullmatch(first) is not None

    def _junk_after_end(self, src: Source, i: int) -> int:
        """When line *i*, the last content line, is one of a few lines after an
        end-of-message marker or a closing banner that follows the signature
        ("GREAVES" / "NNNN" / "some junk"): the index of the signature line, else -1."""
        lines = src.lines
        if i < 1 or self._signature.fullmatch(lines[i].text):
            return -1  # no text, or the last line is a signature itself
        seen = 0
        k = i
        while k > 0 and seen < _JUNK_LINES:
            text = lines[k].text
            if text:
                if self._trailer.fullmatch(text) or self._end_class.fullmatch(text):
                    s = self.skip_back(src, k - 1)
                    if s > 0 and self._end_class.fullmatch(lines[s].text):
                        s = self.skip_back(src, s - 1)
                    # a signature under the text's last line (not a header line that fits one)
                    if s > 0 and self._signature.fullmatch(lines[s].text) and self._text_end.fullmatch(lines[s - 1].text):
                        return s
                    return -1
                seen += 1
            k -= 1
        return -1


    def _stray_after_signature(self, src: Source, i: int) -> int:
        """Whether line *i*, the last, is a short line in capitals under a signature
        line, blank lines between allowed ("LINDQVIST" / "END OF MESSAGE", "CLINTON" /
        "SECRETARY OF STATE"), that is no signature itself (a level word with one
        letter wrong, "CONFIDENTAIL", is none: the closing banner misspelt): the index
        of that signature line, or -1."""
        a = i - 1  # the signature line, with blank lines between allowed
        while a > 0 and not src.lines[a].text:
            a -= 1
        if a < 1:
            return -1
        text, above = src.lines[i].text.strip(), src.lines[a].text
        if not text or len(text) > _STRAY_TAIL or text.upper() != text or not any(c.isalpha() for c in text):
            return -1
        if not self._signature.fullmatch(above) or any(p.fullmatch(above) for p in self._address):
            # (an address line can have the shape of a signature, "FROM", "FM
            # AMEMBASSY" or a bare "XMT": under a date-time group that ends in a
            # full stop or "*", or a TO line "T0 *", the lines under it are the
            # address block's, a second FM line, the TO line or an addressee)
            return -1
        if self._signature.fullmatch(text) and slip_of_level("".join(text.split())) is None:
            return -1  # a second signature line; a level word misspelt is the closing banner
        if src.lines[a - 1].text and self._text_end.fullmatch(src.lines[a - 1].text) is not None:
            return a
        return -1

    def _subject_teaser(self, src: Source, i: int) -> bool:
        """Whether line *i* is the archive's teaser of the subject without a signature
        above it: a piece of the SUBJECT caption's text (_TEASER_MIN characters at
        least) with dots after it ("LATE RAINS..."), the caption ending above the line
        before it. Other lines that end in dots stay text."""
        lines = src.lines
        text = lines[i].text
        if not self._teaser.fullmatch(text):
            return False
        piece = " ".join(text.strip().rstrip(".\u2026").split())
        subject = self._subject
        if len(piece) < _TEASER_MIN or subject.fullmatch(text):
            return False  # (a SUBJECT caption cut short is no teaser)
        for k in range(i - 1):
            if subject.fullmatch(lines[k].text):
                end = k
                while end < i - 1 and lines[end].text.strip():
                    end += 1  # the subject's lines, to the blank line under them
                return end < i - 1 and piece in " ".join(" ".join(line.text for line in lines[k:end]).split())
        return False

    def _footer_alone(self, src: Source, i: int, before: int) -> bool:
        """Whether line *i*, the last, ends a website footer (_before_tail found one) with
        no signature above it: the line *before* it ends a sentence, as the text's last
        line does, and line *i* is neither a teaser nor a signature, alone or appended
        ("... index. cfm Tuttle"): a signature after the footer makes it the text's."""
        text = src.lines[i].text
        if self._teaser.fullmatch(text) or self._signature.fullmatch(text):
            return False
        appended = self._appended.fullmatch(text)
        if appended is not None and appended.group("sig_stop") is None and self._text_end.fullmatch(appended.group("sig_before")):
            return False
        return self._text_end.fullmatch(src.lines[before].text) is not None

    def _before_tail(self, src: Source, i: int) -> int:
        """When line *i* ends a teaser or a website footer (its first line, then lines
        with no blank among them), the index of the last non-blank line before that;
        else -1."""
        lines = src.lines
        if i < 0:
            return -1
        if self._teaser.fullmatch(lines[i].text):
            return self.skip_back(src, i - 1)
        for k in range(i, max(i - _FOOTER_LINES, -1), -1):
            text = lines[k].text
            if not text:
                break
            if self._footer.fullmatch(text):
                return self.skip_back(src, k - 1)
        return -1

    def skip_back(self, src: Source, i: int) -> int:
        """Index of the last line at or above *i* that is neither blank nor an
        end-of-message marker (-1 when there is none)."""
        while i >= 0 and (not src.lines[i].text or self._trailer.fullmatch(src.lines[i].text)):
            i -= 1
        return i
