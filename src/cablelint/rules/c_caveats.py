"""C: the handling caveats (cable-format.md 3.2, 4.2, 6.3): each caveat written as a
known one, wherever it stands (C006: its spelling, case and punctuation, a release's
countries; on the caveat lines and on the classification line), the caveats against
the cable's level and its portion markings (C007, C008, C010, C011), and SIPDIS
written once (C012)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.grammar.read_caveat_runs import CAVEATS
from cablelint.grammar.read_release import release_form, release_slashes, slashed_release, strip_slip
from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import RELEASE_NONE, RELEASE_READ, RELEASE_UNREAD, Cable, Text
from cablelint.quote import LINE, clip
from cablelint.rules._c_shared import marked_portions
from cablelint.rules._places import MARK_RANK, article, level_outvoted, written
from cablelint.span import Span

_CAVEAT_LIST = ", ".join(CAVEATS)
# a portion marking's letters written for the caption that marks such text (4.2, 3.2)
_MARKING_LETTERS = {"SBU": "SENSITIVE", "NF": "NOFORN"}


def _slip_for(written: str) -> Optional[str]:
    """The caveat *written* is a slip for ('SIPIDS': SIPDIS; 'S I P D I S', spaced
    out: SIPDIS; 'C O R R E C T E  C O P Y', spaced out with a letter lost: CORRECTED
    COPY), if any."""
    joined = "".join(written.split()).upper()
    behind = strip_slip(written)
    slashed = slashed_release(written)
    if slashed is not None:
        # 'REL TO USA/GBR', '/REL TO USA/GBR': a release read, slashes for its commas
        return slashed
    if behind != written and release_form(behind) == RELEASE_READ:
        # '/REL TO USA, GBR': a release read, behind a slip where '//' goes
        return " ".join(behind.upper().split())
    if joined in _MARKING_LETTERS:  # the marking's letters for the caption ('UNCLASSIFIED//SBU')
        return _MARKING_LETTERS[joined]
    if joined in CAVEATS and joined != written.upper():
        return joined
    import difflib  # (only a caveat not known is looked up)

    close = difflib.get_close_matches(written.upper(), CAVEATS, n=1, cutoff=0.75)
    if close or joined == written.upper().strip():
        return close[0] if close else None
    # spaced out: its letters run together, against each caveat's
    together = {name.replace(" ", ""): name for name in CAVEATS}
    close = difflib.get_close_matches(joined, list(together), n=1, cutoff=0.75)
    return together[close[0]] if close else None


def _unknown_message(written: str, release: Optional[str]) -> str:
    """What C006 says of the unknown caveat *written*, a release naming *release*
    (RELEASE_NONE, RELEASE_UNREAD) or None for another caveat."""
    if release == RELEASE_NONE:
        # 'REL TO' with no countries: a release is to named countries (4.2's REL list)
        return f"release '{clip(written)}' names no countries: expected REL TO and the countries it may be released to, e.g. REL TO USA, GBR"
    slashed = slashed_release(written) if release == RELEASE_UNREAD else None
    if slashed is not None:
        # 'REL TO USA/GBR': the countries read, a slash where the list has a comma (4.2)
        # ('REL TO/GBR': or where a blank goes after REL TO)
        return f"release '{clip(written)}' has '/' {release_slashes(written)}: expected {clip(slashed)}"
    if release == RELEASE_UNREAD:
        # 'REL TO: USA, GBR', 'REL TO UNITED KINGDOM': countries there, not as codes
        return f"release '{clip(written)}' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
    slip = _slip_for(written)
    meant = _MARKING_LETTERS.get("".join(written.split()).upper())
    if meant is not None:
        return f"'{clip(written)}' is a portion marking, not a handling caveat: expected {meant}, the caption that marks {clip(written.upper())} text"
    if slip is not None and slip == "".join(written.split()).upper():
        return f"'{clip(written, LINE)}' is spaced out letter by letter: expected {slip}"
    return f"'{clip(written)}' is not a known handling caveat: expected {slip or f'one of {_CAVEAT_LIST}'}"


def _behind_slip(written: str, on_class_line: bool) -> Optional[str]:
    """What C006 says of the caveat *written* behind one slash, three or a comma where
    '//' goes ('/NOFORN', ', NOFORN', '///NOFORN', '/ORCON'), or None when no such
    separator starts it: the separator named, and the caveat as meant after '//' on
    the classification line, or on a line of its own under it (3.2: one caption a
    line), with the word named too when it is no known caveat."""
    word = strip_slip(written)
    sep = written[: len(written) - len(word)].strip()
    if not sep or not word:
        return None
    up = " ".join(word.split()).upper()
    # (a release read is known too: '/REL TO USA, GBR' meant '//REL TO USA, GBR')
    known = up in CAVEATS or release_form(word) == RELEASE_READ
    slashed = slashed_release(word)
    meant = (up if up in CAVEATS else word) if known else slashed or _slip_for(word)
    # ('/REL TO USA/GBR': one finding for both slips, the release as meant)
    unknown = "" if known else f" and has '/' {release_slashes(word)}" if slashed else " and is not a known handling caveat"
    if on_class_line:
        expected = f"'//{clip(meant)}'" if meant else f"'//' and one of {_CAVEAT_LIST}"
    else:
        expected = f"{meant or f'one of {_CAVEAT_LIST}'} on a line of its own"
    # (quoted cut short: a separator may run on, '//NOFORN' and thousands of '/')
    return f"'{clip(written)}' is written behind '{clip(sep, 10)}'{unknown}: expected {expected}"


def _unknown_caveats(cable: Cable) -> list[tuple[Text, Optional[str]]]:
    """The caveats C006 reports as unknown, as written, each with what it releases to
    if it is a release: on caveat lines, above or below the attention lines (a one-word
    line that is no caveat with a letter wrong is attention text, and the reader keeps
    it there), and on the classification line."""
    caveats = list(cable.caveats)
    if cable.classification is not None:
        caveats.extend(cable.classification.caveats)
    return [(Text(written(cable, c.span) or c.name, c.span), c.release) for c in caveats if not c.known]


def _meant_caveats(cable: Cable) -> tuple[str, ...]:
    """The cable's caveats as its drafter meant them: a misspelt one that C006 reports
    ('NOFRON') counts as the caveat C006 names (NOFORN), so that one slip is one
    finding rather than C006's and then C007's or C008's."""
    slips = (_slip_for(t.text) for t, _ in _unknown_caveats(cable))
    return cable.caveat_names + tuple(slip for slip in slips if slip is not None)


def _sensitive(names: tuple[str, ...]) -> bool:
    return any("SENSITIVE" in name or name == "SBU" for name in names)


class UnknownCaveat(Rule):
    """A handling caption that is not a known caveat.

    Why: the Department's dissemination system routes on exact captions (5 FAH-2
    H-252; cable-format.md 3.2); a misspelt caption is not recognised and the cable
    is distributed without the restriction. A one-word line where the attention
    lines go (``CODEL``, an office, a wrapped name) is attention text and is not
    checked (cable-format.md 3.3), unless it is a caveat with a letter wrong
    (``NOFRON``), above or below the attention lines or among the E.O., TAGS and
    SUBJECT captions. On a caveat line, a misspelt caveat after a correct one
    (``NOFORN EXDISS``) is a caveat too, when nothing but caveats follows it.
    Caveats on the classification line (``SECRET//NOFORN``, ``S E C R E T NOFORN
    BEIRUT 000911``, before SECTION too: ``CONFIDENTIAL NOFORN SECTION 01 OF 02
    ...``), on a second banner under it (``SECRET NOFORN``) and run on after it in
    an unwrapped rendering (``MOSCOW 000228  SIPIDS  STATE FOR ...``) are checked
    too; a misspelt one is named with the caveat it stands for, and C007 and C008
    take it for that caveat. A word behind ``//`` after a caveat that is no caveat,
    with more text after it, starts an attention line run on, on the
    classification line as on a caveat line (``SECRET//NOFORN//DEPT FOR EUR``,
    ``NOFORN//DEPT FOR EUR``: no caveat ``DEPT``). Caveats behind one slash, three or a comma
    where ``//`` goes, before the post or after the serial (``SECRET//ORCON/NOFORN
    MOSCOW 000228``, ``MOSCOW 000228/NOFORN,ORCON``), or behind one slash after a
    caveat on a caveat line (``NOFORN/ORCON``), are read each, the first behind the
    slip named with it, once, as written behind that separator, with the caveat as
    meant: ``'//NOFORN'`` on the classification line, on a line of its own on a
    caveat line (3.2: one caption a line).

    A caveat in lower or mixed case (``sipdis``) is reported too, as the
    classification line and the captions are (cable-format.md 0, 3.2: caption
    keywords are in capitals); not in the archive's down-cased cables, whose
    classification line C002 already reports (cable-format.md 5.2), but in a draft
    written in mixed case throughout, as the TAGS and SUBJECT keywords are. One both
    misspelt and not in capitals (``Exdiss``) is one finding, the caveat it stands
    for named in capitals, wherever its line stands; a one-word attention line in
    mixed case (``Codel``) is attention text, as in capitals. Punctuation closing a
    caveat line (``NOFORN.``, ``SIPDIS,``, ``NOFORN/``, ``FOR OFFICIAL USE ONLY.``,
    ``NOFORN/ORCON.``) is reported at the punctuation: a caption is the caveat
    alone. Not after a caveat of several words under the E.O., TAGS and SUBJECT
    captions: there the archive writes ``SENSITIVE BUT UNCLASSIFIED.`` as a sentence
    opening the text, where a caption stands above them.

    A caveat spaced out letter by letter (``S I P D I S``), as the classification
    level is written but no caveat is (cable-format.md 3.1, 3.2; only a
    corrected-copy line is usually spaced), is reported wherever a caveat line
    stands, above or below the E.O., TAGS and SUBJECT captions; with tabs or blanks
    of any width between its letters too, and each one on a line of caveats
    (``S I P D I S NOFORN``, ``N O F O R N  S I P D I S``), the caveats counted.

    The portion marking's letters for the caption (``UNCLASSIFIED//SBU``,
    ``SECRET//NF``) are named with the caption they stand for, SENSITIVE or NOFORN
    (5 FAH-1 H-246.2: SBU text is marked by the SENSITIVE caption), and C007 and
    C008 take them for it.

    A release after the level, as US banners write it (``SECRET//REL TO USA, GBR``;
    cable-format.md is silent on the banner, 4.2 has REL in portion markings), is a
    known caveat with its countries, read alike on a caption line of its own and
    after another caveat (``SIPDIS REL TO USA, GBR``), with any blanks, countries
    joined by commas or ``AND``; one naming no countries (``REL TO``, or ``REL``
    alone on its line or on the classification line) is reported: a release is to
    the countries it names. The countries are trigraphs (ISO 3166's) and the
    alliances' tetragraphs (``FVEY``, ``NATO``, ``ACGU``, ``ISAF``). A release
    whose countries are written in a form not read (``REL TO: USA, GBR``, ``REL TO
    USA, UK``, ``REL TO UNITED KINGDOM``) is named as such: after ``//`` on the
    classification line, before the post or after the serial (before the post, words
    written as countries are after the countries read go on with the release:
    ``REL TO USA FOO BAR 000193`` is the release ``REL TO USA FOO`` and the post
    ``BAR``, unless they start the post the FM line names, or a post of several
    words known, ``AIT TAIPEI``, ``HO CHI MINH CITY``; a release written with a
    blank for its ``//`` is read as with them), and on a caption line
    where it is clearly a release (a colon after REL TO, a country read, or words in
    capitals and no prose); a line with words of prose after REL TO (``REL TO THE
    EMBASSY``, ``REL TO NEA``) is an attention line. A release ends with its
    countries: an attention line run on after them (``REL TO USA DEPT FOR EUR``,
    3.3) is read as one, and a comma between them (``REL TO USA, DEPT FOR EUR``) is
    reported as punctuation after a caveat is, on a caption line and on the
    classification line alike. A country the list reads behind a slash after a
    release, with or without blanks about it (``//REL TO USA/GBR``, ``NOFORN/REL TO
    USA/GBR``, ``REL TO USA / GBR`` on a caption line of its own, ``SECRET//REL TO
    USA/GBR BAMAKO 000712`` before the post), or behind a slash after REL TO (``REL
    TO/GBR``, ``REL TO/USA, GBR``), is the release's, not a caveat ``GBR``: the
    release is named once, with the commas its list takes (4.2: ``REL TO USA,
    FVEY``); countries not read behind a slash (``REL TO USA/UK``) are named as
    such, and a caveat behind one (``REL TO USA/EXDIS``) as behind a slip. A stray
    ``~`` closing a caveat line (``NOFORN ~``) is named as its punctuation is.

    Bad: ``NOFRON`` under the classification line; ``SECRET//NOFRON``; ``sipdis``; ``Exdiss``; ``S I P D I S``; ``NOFORN.``; ``UNCLASSIFIED//SBU``.
    Good: ``NOFORN``; ``SIPDIS``.
    """

    code = "C006"
    name = "unknown-caveat"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        cls_line = cable.classification.span.line if cable.classification is not None else None
        found = [
            (text.span, _behind_slip(text.text, text.span.line == cls_line) or _unknown_message(text.text, release))
            for text, release in ctx.shared(_unknown_caveats, cable)
        ]
        found += [(span, f"'{clip(written)}' is not in capitals: expected {clip(written.upper())}") for span, written in _down_cased_caveats(cable)]
        cls = cable.classification.caveats if cable.classification is not None else ()
        if any(c.stop is not None for c in (*cable.caveats, *cls)):
            found += list(_caveat_stops(cable))
        for span, message in sorted(found, key=lambda f: f[0].start):
            yield Finding(span, message)


def _caveat_stops(cable: Cable) -> Iterator[tuple[Span, str]]:
    """Punctuation closing a caveat line ("NOFORN.", "SIPDIS,", "FOR OFFICIAL USE
    ONLY."). Not after a caveat of several words under the captions: there the archive
    writes "SENSITIVE BUT UNCLASSIFIED." as a sentence (a handling statement opening
    the text, 09MUNICH25), where a caption caveat line stands above them. On the
    classification line, a comma between a release and the attention line run on
    after it ("//REL TO USA, DEPT FOR EUR")."""
    under = max((span.end_line for kind, span in cable.captions if kind in ("eo", "tags", "subject")), default=None)
    for c in cable.caveats:
        if c.stop is None or (" " in c.name and under is not None and c.span.line > under):
            continue
        name, meant = _stopped(c.name)
        yield c.stop.span, f"caveat '{clip(name)}' has '{clip(c.stop.text)}' after it: expected the caveat alone, '{clip(meant)}' (a caveat line has no punctuation)"
    for c in cable.classification.caveats if cable.classification is not None else ():
        if c.stop is not None:  # ('//REL TO USA, DEPT FOR EUR': the attention line run on after it)
            name, meant = _stopped(c.name)
            yield c.stop.span, f"caveat '{clip(name)}' has '{clip(c.stop.text)}' after it on the classification line: expected the caveat alone, '{clip(meant)}'"


def _stopped(name: str) -> tuple[str, str]:
    """The caveat *name*, read with a stop after it, as C006 quotes it there and as
    meant: without the slip before it, which C006 names apart ('NOFORN/ORCON/': ORCON;
    '//NOFORN/REL TO USA/GBR, DEPT FOR EUR': REL TO USA/GBR), and a release with
    slashes for its commas as meant, its slashes named apart (REL TO USA, GBR)."""
    word = strip_slip(name)
    return word, slashed_release(word) or word


def _down_cased_caveats(cable: Cable) -> Iterator[tuple[Span, str]]:
    """Known caveats written in lower or mixed case ('sipdis', 'Sipdis'), as written,
    unless the classification line is not in capitals either: the archive down-cased
    the whole text of some cables ('C o n f i d e n t i a l', 'Sipdis'; cable-format.md
    5.2), and C002 reports that on the classification line. Not so a draft, which no
    archive down-cased: its drafter is told of each caption, as of TAGS and SUBJECT."""
    cls = cable.classification
    if cls is not None and cls.level_text.text != cls.level_text.text.upper() and cable.dialect != "draft":
        return
    spans = [c.span for c in cable.caveats if c.known and c.name != "CORRECTED COPY"]  # (its reason may be in any case)
    if cls is not None:
        spans += [c.span for c in cls.caveats if c.known]
    for span in spans:
        text = written(cable, span)
        if text is not None and text != text.upper():
            yield span, text


class NofornInconsistent(Rule):
    """NF paragraph markers without a NOFORN caption, or NOFORN on a plain UNCLAS cable.

    Why: a ``NF``/``NOFORN`` portion marking must be matched by the NOFORN caption (or
    NOFORN in the classification line), which is what distribution acts on; and
    NOFORN on an unclassified cable is only valid for SBU text (SENSITIVE caption or
    ``(SBU/NF)``; 5 FAH-1 H-246.2; cable-format.md 3.2, 4.2). One finding per cable,
    at the first NF marker, or at the word NOFORN in the subject when the caption was
    written there (``SUBJECT: NOFORN URGENT ...``). A misspelt caption that C006
    reports as NOFORN (``NOFRON``) counts as the caption. A paragraph marked with no
    number (``(S/NF) Summary: ...``) is a portion as a numbered one is.

    Bad: ``S E C R E T ...`` with ``SIPDIS`` only and ``2. (S/NF) Text.``
    Good: ``NOFORN`` among the captions of that cable.
    """

    code = "C007"
    name = "noforn-inconsistent"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        names = cable.caveat_names
        marked = ctx.shared(marked_portions, cable)
        nf = [p for p in marked if "NF" in p.controls]
        if nf and "NOFORN" not in ctx.shared(_meant_caveats, cable):
            more = f" ({len(nf)} portions are marked NF)" if len(nf) > 1 else ""
            moved = cable.subject.noforn if cable.subject is not None else None
            if moved is not None:  # the caption written into the subject
                marked_nf = f"{len(nf)} portions are" if len(nf) > 1 else f"{nf[0].what} is"
                yield Finding(moved, f"NOFORN is written in the subject, not as a caption, and {marked_nf} marked NF: expected NOFORN on its own line under the classification line")
            else:
                yield Finding(nf[0].marker.span, f"{nf[0].what} is marked {nf[0].shown} but the cable has no NOFORN caption{more}: expected NOFORN under the classification line")
        if cable.level_rank == 0 and "NOFORN" in names:
            if not _sensitive(names) and not any(p.level == "SBU" for p in marked):
                span = next((c.span for c in cable.caveats if c.name == "NOFORN"), None)
                if span is None and cable.classification is not None:
                    span = next((c.span for c in cable.classification.caveats if c.name == "NOFORN"), cable.classification.span)
                if span is not None:
                    level = cable.level
                    assert level is not None  # (it has a rank, 0)
                    yield Finding(span, f"NOFORN on {article(level)} {level} cable that is not marked SBU: expected a SENSITIVE caption and (SBU/NF) paragraphs, or a classified level")


class SbuWithoutSensitive(Rule):
    """An UNCLAS cable with ``(SBU)`` portions but no SENSITIVE caption.

    Why: sensitive but unclassified text is announced by the SENSITIVE caption so
    that it is handled as SBU (5 FAH-1 H-246.2; cable-format.md 3.2, 4.2: 62 of 69
    real cables with SBU paragraphs carry it). Reported once, at the first SBU marker.
    A misspelt caption that C006 reports as SENSITIVE (``SENSITVE``) counts as it.
    A paragraph marked with no number (``(SBU) Post concurs.``) is a portion too.

    Bad: ``UNCLAS BAMAKO 000097`` / ``SIPDIS`` ... ``1. (SBU) Text.``
    Good: ``SENSITIVE`` and ``SIPDIS`` under the classification line.
    """

    code = "C008"
    name = "sbu-without-sensitive"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.level_rank != 0 or _sensitive(ctx.shared(_meant_caveats, cable)):
            return
        sbu = [p for p in ctx.shared(marked_portions, cable) if p.level == "SBU"]
        if sbu:
            more = f" ({len(sbu)} portions are marked SBU)" if len(sbu) > 1 else ""
            yield Finding(sbu[0].marker.span, f"{sbu[0].what} is marked {sbu[0].shown} but the cable has no SENSITIVE caption{more}: expected SENSITIVE under the classification line")


def _caveats_written(cable: Cable) -> list[Text]:
    """The known caveats as read, on the caveat lines and the classification line, in
    text order, each with its name in capitals ('SIPDIS'). A misspelt one is C006's
    alone, and not among them."""
    out = [Text(c.name, c.span) for c in cable.caveats if c.known]
    if cable.classification is not None:
        out.extend(Text(c.name, c.span) for c in cable.classification.caveats if c.known)
    return sorted(out, key=lambda t: t.span.start)


def _portions_unclassified(cable: Cable, ctx: Context) -> bool:
    """Whether every numbered paragraph is marked and none above U or SBU: C009 then
    reports a classified cable's level as too high."""
    return bool(cable.paragraphs) and all(p.level in MARK_RANK for p in cable.paragraphs) and all(p.rank == 0 for p in ctx.shared(marked_portions, cable) if p.rank is not None)


class SensitiveOnClassified(Rule):
    """The SENSITIVE caption on a classified cable.

    Why: SENSITIVE announces sensitive but unclassified (SBU) text, an administrative
    control inside UNCLAS; a classified cable is protected by its level, so the
    caption is redundant there, not wrong (32 of 96 real SENSITIVE cables are
    classified; cable-format.md 3.2, 6.3; 5 FAH-1 H-246.2). The spelled-out banner
    ``SENSITIVE BUT UNCLASSIFIED`` counts too; a misspelt caption is C006's. When the
    portion markings say the text is unclassified (every paragraph marked, none above
    SBU) the level is the slip, and C009 reports it; when the FL4 code and the
    markings say UNCLAS against the classification line, R008 does.

    Bad: ``C O N F I D E N T I A L BAMAKO 000097`` / ``SENSITIVE`` / ``SIPDIS``.
    Good: ``C O N F I D E N T I A L BAMAKO 000097`` / ``SIPDIS``.
    """

    code = "C010"
    name = "sensitive-on-classified"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        rank = cable.level_rank
        if rank is None or rank < 1 or level_outvoted(cable) == 0 or _portions_unclassified(cable, ctx):
            return
        sensitive = next((t for t in ctx.shared(_caveats_written, cable) if _sensitive((t.text,))), None)
        if sensitive is not None:
            yield Finding(
                sensitive.span,
                f"{clip(sensitive.text)} marks sensitive but unclassified text, and this cable is {cable.level}: "
                f"expected no {clip(sensitive.text)} caption on a classified cable, its level protects the text",
            )


# Captions that restrict classified traffic (cable-format.md 3.2, 6.3); LIMDIS and
# STADIS go with any level.
_CLASSIFIED_CAPTIONS = ("EXDIS", "NODIS", "SPECAT", "SPECAT EXCLUSIVE")


class DistributionCaptionOnUnclassified(Rule):
    """EXDIS, NODIS or SPECAT on a plain UNCLAS cable.

    Why: EXDIS and NODIS restrict the distribution of classified traffic, and SPECAT
    (EXCLUSIVE) is their military equivalent (cable-format.md 3.2, 6.3; 5 FAH-2
    H-251, H-252.1-1); on an unclassified cable they normally mean the level is
    wrong. Not reported on a LIMITED OFFICIAL USE cable (1970s ones carry EXDIS) nor
    on an SBU one (SENSITIVE caption or SBU portions), which are controlled too; nor
    when the cable's level is itself in doubt: a portion marked above UNCLAS is C003's,
    the FL4 code and the markings against the classification line R008's. A misspelt
    caption (``EXDISS``) is C006's.

    Bad: ``UNCLAS BAMAKO 000097`` / ``EXDIS``.
    Good: ``C O N F I D E N T I A L BAMAKO 000097`` / ``EXDIS``.
    """

    code = "C011"
    name = "distribution-caption-on-unclassified"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.level_rank != 0 or cable.level == "LIMITED OFFICIAL USE" or level_outvoted(cable) is not None:
            return
        written = ctx.shared(_caveats_written, cable)
        marked = ctx.shared(marked_portions, cable)
        if _sensitive(tuple(t.text for t in written)) or any(p.level == "SBU" or (p.rank or 0) > 0 for p in marked):
            return
        for caption in written:
            if caption.text in _CLASSIFIED_CAPTIONS:
                yield Finding(
                    caption.span,
                    f"{clip(caption.text)} restricts the distribution of classified traffic, and this cable is {cable.level}, not marked SBU: "
                    f"expected a classified level, or no {clip(caption.text)}",
                )


class RepeatedSipdis(Rule):
    """SIPDIS written more than once among the captions.

    Why: one SIPDIS caption is enough for the cable to be posted to the SIPRNet
    database (cable-format.md 3.2, 6.3); a second one, often a line or two below the
    first (``SIPDIS`` / blank / ``SIPDIS``), is harmless but redundant (in 269 of
    1,295 real cables), so this rule is off by default. Reported once, at the second
    SIPDIS. A misspelt one (``SIPIDS``) is C006's and not counted.

    Bad: ``SIPDIS`` / ``NOFORN`` / ``SIPDIS``.
    Good: ``SIPDIS`` / ``NOFORN``.
    """

    code = "C012"
    name = "repeated-sipdis"
    severity = "info"
    default_enabled = False

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        sipdis = [t for t in ctx.shared(_caveats_written, cable) if t.text == "SIPDIS"]
        if len(sipdis) < 2:
            return
        times = f" ({len(sipdis)} times in all)" if len(sipdis) > 2 else ""
        yield Finding(
            sipdis[1].span,
            f"SIPDIS is written again{times}, after the one on line {sipdis[0].span.line}: expected SIPDIS once",
        )


RULES: tuple[type[Rule], ...] = (
    UnknownCaveat,
    NofornInconsistent,
    SbuWithoutSensitive,
    SensitiveOnClassified,
    DistributionCaptionOnUnclassified,
    RepeatedSipdis,
)
