"""Every rule's documented examples, run: each Bad example gives the rule's code, each
Good one does not.

A rule's docstring (``cablelint rule CODE``, docs/rules.md) shows a drafter a bad and
a good example. Here each example is made into a whole cable, a valid corpus cable
with the example written in; the test first checks that the example's text is in the
docstring's Bad or Good section (so an example reworded there must be reworded here),
then runs the real CLI with every rule selected.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cablelint.linter.registry import load_registry
from cablelint.linter.ruledoc import rule_doc
from tests.conftest import check_json
from tests.rules.cases import corpus_text, mutate
from tests.rules.test_p_paragraphs import FOUR_BARE

BAMAKO = corpus_text("telegram-unclas-bamako.cable")  # UNCLAS telegram, 27 May 2009
DRAFT = corpus_text("draft-confidential-copenhagen.cable")  # CONFIDENTIAL draft, 4 paragraphs
RABAT = corpus_text("telegram-confidential-13526-rabat.cable")  # CONFIDENTIAL telegram, 19 Aug 2010
ANKARA = corpus_text("telegram-secret-noforn-ankara.cable")  # SECRET NOFORN telegram

CLASS_LINE = "C O N F I D E N T I A L COPENHAGEN 000517"
DRAFT_AUTHORITY = "Classified By: Ambassador Ingrid M. Holmgren\nfor reasons 1.4 (b) and (d)"
DRAFT_REF = "REF: (A) COPENHAGEN 480\n     (B) STATE 91022"
BAMAKO_SUBJECT = "SUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\nCOMPLETION"
DRAFT_SUBJECT = "SUBJECT: DENMARK: ENERGY AGENCY PROPOSES NORTH SEA GRID\nSTUDY"
BAMAKO_BODY = BAMAKO[BAMAKO.index("1. (U) The Ambassador") : BAMAKO.index("GREAVES")]


@dataclass(frozen=True)
class Example:
    code: str
    fires: bool  # a Bad example (the code fires) or a Good one (it does not)
    quoted: tuple[str, ...]  # the example's text as the docstring section writes it
    text: str  # the whole cable
    args: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.code}-{'bad' if self.fires else 'good'}-{self.quoted[0][:30]}"


def edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        text = mutate(text, old, new)
    return text


def bad(code: str, quoted: str | tuple[str, ...], text: str, *args: str) -> Example:
    return Example(code, True, (quoted,) if isinstance(quoted, str) else quoted, text, args)


def good(code: str, quoted: str | tuple[str, ...], text: str, *args: str) -> Example:
    return Example(code, False, (quoted,) if isinstance(quoted, str) else quoted, text, args)


EXAMPLES = [
    bad("A001", ("R 271005Z MAY 09", "TO RUEHC/SECSTATE WASHDC 0412"), edit(BAMAKO, ("FM AMEMBASSY BAMAKO\n", ""))),
    good("A001", ("R 271005Z MAY 09", "FM AMEMBASSY BAMAKO", "TO RUEHC/SECSTATE WASHDC 0412"), BAMAKO),
    bad("A002", ("FM AMEMBASSY BAMAKO", "INFO RUEHZK/ECOWAS COLLECTIVE"), edit(BAMAKO, ("TO RUEHC/SECSTATE WASHDC 0412\n", ""))),
    good("A002", ("FM AMEMBASSY BAMAKO", "TO RUEHC/SECSTATE WASHDC 0412"), BAMAKO),
    bad("A003", "TO RUEHC/SECSTATE WASHDC PRIOITY 0412", edit(BAMAKO, ("WASHDC 0412", "WASHDC PRIOITY 0412"))),
    good("A003", "TO RUEHC/SECSTATE WASHDC PRIORITY 0412", edit(BAMAKO, ("WASHDC 0412", "WASHDC PRIORITY 0412"))),
    bad("A004", ("FM AMEMBASSY PARIS", "C O N F I D E N T I A L MOSCOW 005154"), edit(BAMAKO, ("FM AMEMBASSY BAMAKO", "FM AMEMBASSY PARIS"), ("UNCLAS BAMAKO 000341", "C O N F I D E N T I A L MOSCOW 005154"))),
    good("A004", ("FM AMEMBASSY BAMAKO", "UNCLAS BAMAKO 000097"), edit(BAMAKO, ("BAMAKO 000341", "BAMAKO 000097"))),
    # (the prosign agrees with the precedence letter: else the two disagree, R010's)
    bad("A005", ("P 271005Z MAY 09", "TO RUEHC/SECSTATE WASHDC IMMEDIATE 0412"), edit(BAMAKO, ("RR RUEHDK", "PP RUEHDK"), ("R 271005Z", "P 271005Z"), ("WASHDC 0412", "WASHDC IMMEDIATE 0412"))),
    good("A005", ("O 271005Z MAY 09", "TO RUEHC/SECSTATE WASHDC IMMEDIATE 0412"), edit(BAMAKO, ("RR RUEHDK", "OO RUEHDK"), ("R 271005Z", "O 271005Z"), ("WASHDC 0412", "WASHDC IMMEDIATE 0412"))),
    bad("A006", "RUCNCIS/CIS COLLECTIVE 1521", edit(BAMAKO, ("INFO RUEHZK/ECOWAS COLLECTIVE", "INFO RUCNCIS/CIS COLLECTIVE 1521"))),
    good("A006", "RUCNCIS/CIS COLLECTIVE", edit(BAMAKO, ("INFO RUEHZK/ECOWAS COLLECTIVE", "INFO RUCNCIS/CIS COLLECTIVE"))),
    bad("A007", ("DE RUEHDK #0097/01 1471005", "FM AMEMBASSY BAMAKO"), edit(BAMAKO, ("DE RUEHBP #0341 1471005", "DE RUEHDK #0097/01 1471005"))),
    good("A007", ("DE RUEHBP #0097/01 1471005", "FM AMEMBASSY BAMAKO"), edit(BAMAKO, ("DE RUEHBP #0341 1471005", "DE RUEHBP #0097/01 1471005"))),
    bad("C001", "SIPDIS", edit(DRAFT, (CLASS_LINE + "\n\n", ""))),
    good("C001", "C O N F I D E N T I A L BAMAKO 000097", edit(DRAFT, (CLASS_LINE, "C O N F I D E N T I A L BAMAKO 000097"))),
    bad("C002", "SS E C R E T SECTION 1 OF 3 MOSCOW 226", edit(DRAFT, (CLASS_LINE, "SS E C R E T SECTION 1 OF 3 MOSCOW 226"))),
    bad("C002", "COPENHAGEN OOO517", edit(DRAFT, ("COPENHAGEN 000517", "COPENHAGEN OOO517"))),
    good("C002", "S E C R E T SECTION 01 OF 03 MOSCOW 000226", edit(DRAFT, (CLASS_LINE, "S E C R E T SECTION 01 OF 03 MOSCOW 000226"))),
    bad("C003", ("3. (S)", "C O N F I D E N T I A L"), edit(DRAFT, ("3. (C) The", "3. (S) The"))),
    good("C003", "3. (C)", DRAFT),
    bad("C004", ("S E C R E T", "SUBJECT:"), edit(DRAFT, (CLASS_LINE, "S E C R E T COPENHAGEN 000517"), (DRAFT_AUTHORITY + "\n\n", ""))),
    bad("C004", "Classified By: Ambassador Jane Doe.", edit(DRAFT, (DRAFT_AUTHORITY, "Classified By: Ambassador Jane Doe."))),
    bad("C004", "for reasons 1.6 (b)", edit(DRAFT, ("for reasons 1.4 (b) and (d)", "for reasons 1.6 (b)"))),
    bad("C004", "1.4 (j)", edit(DRAFT, ("for reasons 1.4 (b) and (d)", "for reasons 1.4 (j)"))),
    good("C004", "Classified By: Ambassador Jane Doe for reasons 1.4 (b) and (d).", edit(DRAFT, (DRAFT_AUTHORITY, "Classified By: Ambassador Jane Doe for reasons 1.4 (b) and (d)."))),
    bad("C005", ("UNCLAS BAMAKO 000097", "Classified By: Ambassador Jane Doe, 1.4 (d)."), edit(BAMAKO, ("BAMAKO 000341", "BAMAKO 000097"), ("REF: 08 BAMAKO 1187\n", "REF: 08 BAMAKO 1187\n\nClassified By: Ambassador Jane Doe, 1.4 (d).\n"))),
    good("C005", "UNCLAS BAMAKO 000097", edit(BAMAKO, ("BAMAKO 000341", "BAMAKO 000097"))),
    *[bad("C006", caveat, edit(BAMAKO, ("\nSIPDIS\n", f"\n{caveat}\n"))) for caveat in ("NOFRON", "sipdis", "Exdiss", "S I P D I S", "NOFORN.")],
    bad("C006", "SECRET//NOFRON", edit(BAMAKO, ("\nSIPDIS\n", "\nSECRET//NOFRON\n"))),
    good("C006", ("NOFORN", "SIPDIS"), ANKARA),
    bad("C007", ("S E C R E T", "SIPDIS", "(S/NF)"), edit(ANKARA, ("NOFORN\nSIPDIS", "SIPDIS"))),
    good("C007", "NOFORN", ANKARA),
    bad("C008", ("UNCLAS BAMAKO 000097", "SIPDIS", "1. (SBU) Text."), edit(BAMAKO, ("BAMAKO 000341", "BAMAKO 000097"), ("1. (U) The Ambassador", "1. (SBU) Text. The Ambassador"))),
    good("C008", ("SENSITIVE", "SIPDIS"), edit(BAMAKO, ("\nSIPDIS\n", "\nSENSITIVE\nSIPDIS\n"), ("1. (U) The Ambassador", "1. (SBU) Text. The Ambassador"))),
    bad("C009", ("S E C R E T", "(C)", "(U)"), edit(DRAFT, (CLASS_LINE, "S E C R E T COPENHAGEN 000517"))),
    good("C009", "C O N F I D E N T I A L", DRAFT),
    bad("C010", ("C O N F I D E N T I A L BAMAKO 000097", "SENSITIVE", "SIPDIS"), edit(DRAFT, (CLASS_LINE, "C O N F I D E N T I A L BAMAKO 000097"), ("\nSIPDIS\n", "\nSENSITIVE\nSIPDIS\n"))),
    good("C010", ("C O N F I D E N T I A L BAMAKO 000097", "SIPDIS"), edit(DRAFT, (CLASS_LINE, "C O N F I D E N T I A L BAMAKO 000097"))),
    bad("C011", ("UNCLAS BAMAKO 000097", "EXDIS"), edit(BAMAKO, ("BAMAKO 000341", "BAMAKO 000097"), ("\nSIPDIS\n", "\nEXDIS\n"))),
    good("C011", ("C O N F I D E N T I A L BAMAKO 000097", "EXDIS"), edit(DRAFT, (CLASS_LINE, "C O N F I D E N T I A L BAMAKO 000097"), ("\nSIPDIS\n", "\nEXDIS\n"))),
    bad("C012", ("SIPDIS", "NOFORN"), edit(ANKARA, ("NOFORN\nSIPDIS", "SIPDIS\nNOFORN\nSIPDIS"))),
    good("C012", ("SIPDIS", "NOFORN"), edit(ANKARA, ("NOFORN\nSIPDIS", "SIPDIS\nNOFORN"))),
    bad("F002", "SUBJECT: TRADE\\x00 TALKS", edit(BAMAKO, (BAMAKO_SUBJECT, "SUBJECT: TRADE\x00 TALKS"))),
    good("F002", "SUBJECT: TRADE TALKS", edit(BAMAKO, (BAMAKO_SUBJECT, "SUBJECT: TRADE TALKS"))),
    bad("F003", "a zero-byte ``.cable`` file", ""),
    good("F003", "a cable with at least a classification line, captions and text", BAMAKO),
    bad("F004", "TAGS: [PGOV](#) [PREL](#)", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", "TAGS: [PGOV](#) [PREL](#)"))),
    bad("F004", "the Minister\u2019s \u201coffer\u201d", edit(DRAFT, ("the points in", "the Minister\u2019s \u201coffer\u201d in"))),
    bad("F004", "the Charg\u00e9", edit(DRAFT, ("The deputy director welcomed", "The deputy director and the Charg\u00e9 welcomed"))),
    good("F004", ("TAGS: PGOV PREL", "the Minister's \"offer\"", "the Charge"), edit(DRAFT, ("TAGS: PREL ENRG SENV DA", "TAGS: PGOV PREL"), ("the points in", "the Minister's \"offer\" in"), ("The deputy director welcomed", "The deputy director and the Charge welcomed"))),
    bad("F005", "a 75-character line in a draft", edit(DRAFT, ("consider taking part in the study.", "consider taking part in the study and in the conference of December 2009."))),
    good("F005", "the same text wrapped at 69 characters", edit(DRAFT, ("consider taking part in the study.", "consider taking part in the study and in the conference of\nDecember 2009."))),
    bad("F006", "TAGS: PGOV PREL\u00b7\u00b7", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", "TAGS: PGOV PREL  "))),
    good("F006", "TAGS: PGOV PREL", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", "TAGS: PGOV PREL"))),
    bad("H001", ("SIPDIS", "TAGS:"), edit(BAMAKO, ("DEPT FOR AF/W AND AF/EPS\n\nE.O. 12958: N/A\n", ""))),
    good("H001", ("E.O. 12958: DECL: 02/19/2019", "TAGS:"), edit(DRAFT, ("E.O. 12958: DECL: 09/14/2019", "E.O. 12958: DECL: 02/19/2019"))),
    *[bad("H002", eo, edit(DRAFT, ("E.O. 12958: DECL: 09/14/2019", eo))) for eo in ("E.O. 12598: DECL: 03/10/2019", "E.O. 12958: 03/10/2019")],
    *[bad("H002", eo, edit(BAMAKO, ("E.O. 12958: N/A", eo))) for eo in ("E.O 12958: N/A", "E.O. 12958: NA")],
    good("H002", "E.O. 12958: DECL: 03/10/2019", edit(DRAFT, ("E.O. 12958: DECL: 09/14/2019", "E.O. 12958: DECL: 03/10/2019"))),
    bad("H003", "E.O. 13526: DECL: 03/10/2019", edit(BAMAKO, ("UNCLAS BAMAKO", "C O N F I D E N T I A L BAMAKO"), ("E.O. 12958: N/A", "E.O. 13526: DECL: 03/10/2019"), ("R 271005Z MAY 09", "R 101005Z MAR 09"), ("1471005", "0691005"))),
    good("H003", "E.O. 12958: DECL: 03/10/2019", edit(BAMAKO, ("UNCLAS BAMAKO", "C O N F I D E N T I A L BAMAKO"), ("E.O. 12958: N/A", "E.O. 12958: DECL: 03/10/2019"), ("R 271005Z MAY 09", "R 101005Z MAR 09"), ("1471005", "0691005"))),
    bad("H004", ("S E C R E T", "E.O. 12958: N/A"), edit(DRAFT, (CLASS_LINE, "S E C R E T COPENHAGEN 000517"), ("E.O. 12958: DECL: 09/14/2019", "E.O. 12958: N/A"))),
    good("H004", "E.O. 12958: DECL: 02/19/2019", edit(DRAFT, (CLASS_LINE, "S E C R E T COPENHAGEN 000517"), ("E.O. 12958: DECL: 09/14/2019", "E.O. 12958: DECL: 02/19/2019"))),
    bad("H005", ("E.O. 12958: N/A", "SUBJECT:"), edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML\n", ""))),
    good("H005", "TAGS: PGOV PREL ML", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", "TAGS: PGOV PREL ML"))),
    *[bad("H006", tags, edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", tags))) for tags in ("TAGS: pgov, PREL KDEM", "TAGS: PGOV, PREL,", "TAGS: PGOV,, PREL")],
    good("H006", "TAGS: PGOV PREL KDEM", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", "TAGS: PGOV PREL KDEM"))),
    *[bad("H007", tags, edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", tags))) for tags in ("TAGS: PREL RU", "TAGS: PREL YM COUNTER TERRORISM")],
    *[good("H007", tags, edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", tags))) for tags in ("TAGS: PREL RS", "TAGS: PREL PTER YM")],
    bad("H008", "TAGS: PGOV", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML\n" + BAMAKO_SUBJECT + "\n", "TAGS: PGOV\n"))),
    good("H008", "SUBJECT: MALI: ELECTIONS POSTPONED", edit(BAMAKO, (BAMAKO_SUBJECT, "SUBJECT: MALI: ELECTIONS POSTPONED"))),
    *[bad("H009", subject, edit(DRAFT, (DRAFT_SUBJECT, subject))) for subject in ("SUBJECT:", "SUBJECT: (X) TALKS", "SUBJECT TALKS RESUME", "Subject: Talks resume", "SUBJET: TALKS RESUME")],
    good("H009", "SUBJECT: (C) TALKS RESUME", edit(DRAFT, (DRAFT_SUBJECT, "SUBJECT: (C) TALKS RESUME"))),
    bad("H010", ("TAGS: PGOV", "E.O. 12958: N/A"), edit(BAMAKO, ("E.O. 12958: N/A\nTAGS: EAID SOCI PGOV ML", "TAGS: PGOV\nE.O. 12958: N/A"))),
    good("H010", ("E.O. 12958: N/A", "TAGS: PGOV"), edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", "TAGS: PGOV"))),
    bad("H011", "two ``TAGS:`` lines", edit(BAMAKO, ("COMPLETION\n", "COMPLETION\nTAGS: PGOV\n"))),
    good("H011", "one ``TAGS:`` line, continued on the next line", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", "TAGS: EAID SOCI\nPGOV ML"))),
    # (a draft has no date to count from: a 2009 telegram)
    *[
        Example("H012", fires, (quoted,), edit(BAMAKO, ("UNCLAS BAMAKO", "C O N F I D E N T I A L BAMAKO"), ("E.O. 12958: N/A", eo)))
        for fires, quoted, eo in (
            (True, "E.O. 12958: DECL: 02/19/2049", "E.O. 12958: DECL: 02/19/2049"),
            (False, "E.O. 12958: DECL: 02/19/2019", "E.O. 12958: DECL: 02/19/2019"),
            (False, "DECL: 25X1", "E.O. 12958: DECL: 25X1"),
        )
    ],
    bad("H013", "TAGS: PREL OVIP BR", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", "TAGS: PREL OVIP BR"))),
    *[good("H013", tags, edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML", tags))) for tags in ("TAGS: PREL OVIP (SHANNON, THOMAS A.) BR", "TAGS: PREL OVIP BIDEN JOSEPH BR")],
    bad("P001", ("1. (C) ...", "2. (C) ...", "4. (C) ..."), edit(DRAFT, ("3. (C) The proposal", "4. (C) The proposal"), ("4. (U) Post", "5. (U) Post"))),
    good("P001", ("1. (C) ...", "2. (C) ...", "3. (C) ..."), DRAFT),
    bad("P002", ("2. The minister said ...", "CONFIDENTIAL"), edit(DRAFT, ("2. (C) The agency's", "2. The minister said the agency's"))),
    good("P002", "2. (C) The minister said ...", edit(DRAFT, ("2. (C) The agency's", "2. (C) The minister said the agency's"))),
    *[bad("P003", f"{marker} ...", edit(DRAFT, ("3. (C) The", f"3. {marker} The"))) for marker in ("(c)", "(S-NF)", "(SBU", "(X)", "(CONFIDENTIAL)", "[U]", "(C//FN)")],
    *[good("P003", f"{marker} ...", edit(DRAFT, ("3. (C) The", f"3. {marker} The"))) for marker in ("(C)", "(S/NF)", "(SBU)")],
    *[bad("P004", head, edit(DRAFT, ("1. (C) Summary", head.replace("Text", "Summary")))) for head in ("1.(SBU) Text", "1 .(U) Text", "1.  (C) Text", "1 (C) Text", "1.. (C) Text", "1) (C) Text", "1, (C) Text", "(C) 1. Text")],
    good("P004", "1. (SBU) Text", edit(DRAFT, ("1. (C) Summary", "1. (SBU) Summary"))),
    bad("P005", "1. (U) Post concurs.", BAMAKO.replace(BAMAKO_BODY, "1. (U) Post concurs.\n")),
    good("P005", "(U) Post concurs.", BAMAKO.replace(BAMAKO_BODY, "(U) Post concurs.\n")),
    *[
        bad("P006", quoted, edit(DRAFT, *pairs))
        for quoted, pairs in (
            (("A. ...", "B. ...", "D. ..."), [("C. the lessons", "D. the lessons")]),
            (("A. ...", "b. ...", "C. ..."), [("B. the regulatory", "b. the regulatory")]),
            (("B. ...", "C. ...", "D. ..."), [("C. the lessons", "D. the lessons"), ("B. the regulatory", "C. the regulatory"), ("A. the technical", "B. the technical")]),
        )
    ],
    good("P006", ("A. ...", "B. ...", "C. ..."), DRAFT),
    bad("P007", "2. (C) The minister agreed. End Comment.", edit(DRAFT, ("2. (C) The agency's", "2. (C) The minister agreed. End Comment. The agency's"))),
    bad("P007", "Summary: ... End Sumary.", edit(DRAFT, ("End Summary.", "End Sumary."))),
    good("P007", "2. (C) Comment: The minister agreed. End Comment.", edit(DRAFT, ("2. (C) The agency's", "2. (C) Comment: The minister agreed. End Comment. The agency's"))),
    bad("P008", ("SECTION 01 OF 04", "1. (C) ..."), FOUR_BARE),
    good("P008", "1. (C) Summary: ... End Summary.", edit(FOUR_BARE, ("1. (C) The", "1. (C) Summary: The"), ("\n\n2. (C)", " End Summary.\n\n2. (C)"))),
    bad("R001", "VZCZCXR06957", edit(BAMAKO, ("VZCZCXRO7214", "VZCZCXR06957"))),
    good("R001", "VZCZCXRO6957", edit(BAMAKO, ("VZCZCXRO7214", "VZCZCXRO6957"))),
    bad("R002", "RX RUEHMA RUEHPA", edit(BAMAKO, ("RR RUEHDK RUEHOU RUEHZK", "RX RUEHMA RUEHPA"))),
    good("R002", "RR RUEHMA RUEHPA", edit(BAMAKO, ("RR RUEHDK RUEHOU RUEHZK", "RR RUEHMA RUEHPA"))),
    bad("R003", "DE RUEHBP #0097 050153Z", edit(BAMAKO, ("DE RUEHBP #0341 1471005", "DE RUEHBP #0097 050153Z"))),
    good("R003", "DE RUEHBP #0097 0501532", edit(BAMAKO, ("DE RUEHBP #0341 1471005", "DE RUEHBP #0097 0501532"))),
    bad("R004", "ZNR CCCCC ZZH", edit(RABAT, ("ZNY CCCCC ZZH", "ZNR CCCCC ZZH"))),
    good("R004", "ZNY CCCCC ZZH", RABAT),
    *[bad("R005", dtg, edit(BAMAKO, ("R 271005Z MAY 09", dtg))) for dtg in ("R 301532Z FEB 09", "R 1191532Z FEB 09")],
    good("R005", "R 191532Z FEB 09", edit(BAMAKO, ("R 271005Z MAY 09", "R 191532Z FEB 09"))),
    bad("R006", "TO XUEHC/SECSTATE WASHDC 0033", edit(BAMAKO, ("TO RUEHC/SECSTATE WASHDC 0412", "TO XUEHC/SECSTATE WASHDC 0033"))),
    good("R006", "TO RUEHC/SECSTATE WASHDC 0033", edit(BAMAKO, ("TO RUEHC/SECSTATE WASHDC 0412", "TO RUEHC/SECSTATE WASHDC 0033"))),
    bad("R007", ("DE RUEHBP #0341 1521005", "R 271005Z MAY 09"), edit(BAMAKO, ("1471005", "1521005"))),
    good("R007", "DE RUEHBP #0341 1471005", BAMAKO),
    bad("R008", ("ZNY CCCCC ZZH", "S E C R E T MOSCOW 005154"), edit(RABAT, ("C O N F I D E N T I A L RABAT 000612", "S E C R E T MOSCOW 005154"))),
    good("R008", ("ZNY SSSSS ZZH", "S E C R E T MOSCOW 005154"), edit(RABAT, ("C O N F I D E N T I A L RABAT 000612", "S E C R E T MOSCOW 005154"), ("ZNY CCCCC ZZH", "ZNY SSSSS ZZH"))),
    bad("R009", ("DE RUEHFR #2725", "C O N F I D E N T I A L MOSCOW 005154"), edit(RABAT, ("DE RUEHRB #0612/01", "DE RUEHFR #2725/01"), ("RABAT 000612", "MOSCOW 005154"))),
    good("R009", ("DE RUEHBP #0097", "UNCLAS BAMAKO 000097"), edit(BAMAKO, ("DE RUEHBP #0341", "DE RUEHBP #0097"), ("BAMAKO 000341", "BAMAKO 000097"))),
    bad("R010", ("RR RUEHMA", "P 191532Z FEB 09"), edit(BAMAKO, ("RR RUEHDK RUEHOU RUEHZK", "RR RUEHMA"), ("R 271005Z MAY 09", "P 191532Z FEB 09"))),
    good("R010", ("PP RUEHMA", "P 191532Z FEB 09"), edit(BAMAKO, ("RR RUEHDK RUEHOU RUEHZK", "PP RUEHMA"), ("R 271005Z MAY 09", "P 191532Z FEB 09"))),
    bad("R011", ("VZCZCXRO7214", "DE RUEHBP #0341 1471005", "RR RUEHDK"), edit(BAMAKO, ("RR RUEHDK RUEHOU RUEHZK\nDE RUEHBP #0341 1471005", "DE RUEHBP #0341 1471005\nRR RUEHDK RUEHOU RUEHZK"))),
    good("R011", ("VZCZCXRO7214", "RR RUEHDK", "DE RUEHBP #0341 1471005"), BAMAKO),
    bad("R012", ("DE RUEHDJ #0113 0431600", "P 121601Z FEB 09"), edit(BAMAKO, ("DE RUEHBP #0341 1471005", "DE RUEHDJ #0113 0431600"), ("R 271005Z MAY 09", "P 121601Z FEB 09"))),
    good("R012", ("DE RUEHDJ #0113 0431601", "P 121601Z FEB 09"), edit(BAMAKO, ("DE RUEHBP #0341 1471005", "DE RUEHDJ #0113 0431601"), ("R 271005Z MAY 09", "P 121601Z FEB 09"))),
    bad("R013", ("RR RUEHDK RUEHZK RUEHOU", "VZCZCXRO7214"), edit(BAMAKO, ("RR RUEHDK RUEHOU RUEHZK", "RR RUEHDK RUEHZK RUEHOU"))),
    good("R013", "RR RUEHDK RUEHOU RUEHZK", BAMAKO),
    bad("S001", "the ``TAGS`` line after paragraph 3", edit(BAMAKO, ("TAGS: EAID SOCI PGOV ML\n", ""), ("\n\n4. (U) Post", "\nTAGS: EAID SOCI PGOV ML\n\n4. (U) Post"))),
    bad("S001", "the classification line after ``SIPDIS``", edit(BAMAKO, ("UNCLAS BAMAKO 000341\n\nSIPDIS\n", "SIPDIS\n\nUNCLAS BAMAKO 000341\n"))),
    good("S001", "routing header, ``FM``/``TO``/``INFO``, classification line, ``SIPDIS``", BAMAKO),
    bad("S002", "8. (U) Embassy POC is ...", edit(BAMAKO, ("4. (U) Post will report", "8. (U) Embassy POC is Jane Doe. Post will report"), ("\nGREAVES", ""))),
    bad("S002", "Holmgren", edit(DRAFT, ("HOLMGREN", "Holmgren"))),
    bad("S002", "... has cleared this cable. OLSON", edit(DRAFT, ("in the study.\nHOLMGREN", "in the study. USAID has cleared this cable. OLSON"))),
    good("S002", "HOLMGREN", DRAFT),
    bad("S003", "C O N F I D E N T I A L SECTION 03 OF 02 RABAT 000612", edit(RABAT, ("C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L SECTION 03 OF 02 RABAT 000612"))),
    good("S003", "C O N F I D E N T I A L SECTION 01 OF 02 RABAT 000612", edit(RABAT, ("C O N F I D E N T I A L RABAT 000612", "C O N F I D E N T I A L SECTION 01 OF 02 RABAT 000612"))),
    bad("S004", ("E.O. 13526: DECL: 2020/08/19", "#@!% ~~", "TAGS: PGOV"), edit(RABAT, ("2020/08/19\nTAGS: PGOV", "2020/08/19\n#@!% ~~\nTAGS: PGOV"))),
    good("S004", ("E.O. 13526: DECL: 2020/08/19", "TAGS: PGOV"), RABAT),
    bad("X001", ("REF: A. STATE 05448", "B, BAMAKO 00064"), edit(DRAFT, (DRAFT_REF, "REF: A. STATE 05448\n     B, BAMAKO 00064"))),
    *[bad("X001", entry, edit(DRAFT, (DRAFT_REF, f"REF: A. STATE 05448\n     {entry}"))) for entry in ("B. 06 BAMAKO", "B. 92210")],
    good("X001", ("REF: A. STATE 05448", "B. BAMAKO 00064"), edit(DRAFT, (DRAFT_REF, "REF: A. STATE 05448\n     B. BAMAKO 00064"))),
    bad("X002", ("REF: A. STATE 1", "B. PARIS 2", "D. ROME 3"), edit(DRAFT, (DRAFT_REF, "REF: A. STATE 1\n     B. PARIS 2\n     D. ROME 3"), ("in the study.", "in the study (ref d)."))),
    good("X002", ("REF: A. STATE 1", "B. PARIS 2", "C. ROME 3"), edit(DRAFT, (DRAFT_REF, "REF: A. STATE 1\n     B. PARIS 2\n     C. ROME 3"), ("in the study.", "in the study (ref c)."))),
    bad("X003", ("REF: A. STATE 1", "B. PARIS 2", "as noted in Ref C"), edit(DRAFT, (DRAFT_REF, "REF: A. STATE 1\n     B. PARIS 2"), ("in the study.", "in the study, as noted in Ref C."))),
    good("X003", "as noted in Ref B", edit(DRAFT, (DRAFT_REF, "REF: A. STATE 1\n     B. PARIS 2"), ("in the study.", "in the study, as noted in Ref B."))),
    bad("X004", ("REF: A. STATE 1", "B. PARIS 2", "Ref A"), edit(DRAFT, (DRAFT_REF, "REF: A. STATE 1\n     B. PARIS 2"), ("ref (b)", "Ref A"))),
    good("X004", ("Ref A", "Ref B"), edit(DRAFT, (DRAFT_REF, "REF: A. STATE 1\n     B. PARIS 2"))),
    bad("X005", ("REF: A. STATE 1", "B. PARIS 2", "as requested in reftel"), edit(DRAFT, (DRAFT_REF, "REF: A. STATE 1\n     B. PARIS 2"), ("in the study.", "in the study, as requested in reftel."))),
    good("X005", "as requested in Ref A", edit(DRAFT, (DRAFT_REF, "REF: A. STATE 1\n     B. PARIS 2"), ("in the study.", "in the study, as requested in Ref A."))),
    bad("X006", "as requested in reftel", edit(BAMAKO, ("REF: 08 BAMAKO 1187\n\n", ""), ("described in reftel", "as requested in reftel"))),
    good("X006", "REF: STATE 1234", edit(BAMAKO, ("REF: 08 BAMAKO 1187", "REF: STATE 1234"))),
    bad("X007", "as described in para 9", edit(DRAFT, ("in the study.", "in the study, as described in para 9."))),
    good("X007", "as described in para 3", edit(DRAFT, ("in the study.", "in the study, as described in para 3."))),
    bad("X008", "REF: 10 STATE 123", edit(BAMAKO, ("REF: 08 BAMAKO 1187", "REF: 10 STATE 123"))),
    bad("X008", "REF: BAMAKO 97", edit(BAMAKO, ("DE RUEHBP #0341", "DE RUEHBP #0097"), ("BAMAKO 000341", "BAMAKO 000097"), ("REF: 08 BAMAKO 1187", "REF: BAMAKO 97"))),
    good("X008", "REF: 08 STATE 123", edit(BAMAKO, ("REF: 08 BAMAKO 1187", "REF: 08 STATE 123"))),
    bad("X009", "REF: A. A) STATE 05448", edit(BAMAKO, ("REF: 08 BAMAKO 1187", "REF: A. A) STATE 05448"))),
    good("X009", "REF: A. STATE 05448", edit(BAMAKO, ("REF: 08 BAMAKO 1187", "REF: A. STATE 05448"))),
]

# examples that are not a text alone: bytes, line endings, a path
NOT_TEXT = {"F000", "F001", "F007"}


def _section(code: str, title: str) -> str:
    [rule] = [r for r in load_registry().rules if r.code == code]
    return " ".join(dict(rule_doc(rule).sections)[title].split())


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_a_documented_example_gives_its_code_when_bad_and_not_when_good(example: Example) -> None:
    section = _section(example.code, "Bad" if example.fires else "Good")
    for quoted in example.quoted:
        assert " ".join(quoted.split()) in section, f"{quoted!r} is not in {example.code}'s {'Bad' if example.fires else 'Good'} section: {section}"
    codes = [(d["code"], d["line"], d["message"]) for d in check_json("--select", "ALL", "--stdin-filename", "example.cable", *example.args, "-", input=example.text.encode("utf-8"))]
    fired = [c for c in codes if c[0] == example.code]
    assert bool(fired) == example.fires, f"{example.code} {'did not fire' if example.fires else 'fired'}: {codes}"


def test_every_rule_has_its_documented_examples_run() -> None:
    codes = {r.code for r in load_registry().rules}
    run = {e.code for e in EXAMPLES} | NOT_TEXT
    assert run == codes
    assert {e.code for e in EXAMPLES if e.fires} == {e.code for e in EXAMPLES if not e.fires} == codes - NOT_TEXT


def test_the_byte_line_ending_and_path_examples(tmp_path) -> None:
    # F001: "a line containing the byte 0xE9 (Latin-1 'é')"; good: "saved as UTF-8 (0xC3 0xA9)"
    assert "0xE9" in _section("F001", "Bad") and "0xC3 0xA9" in _section("F001", "Good")
    latin = mutate(BAMAKO, "Ambassador their ledgers", "Ambassador their d\u00e9j\u00e0 ledgers")
    assert any(d["code"] == "F001" for d in check_json("-", input=latin.encode("latin-1")))
    assert not any(d["code"] == "F001" for d in check_json("-", input=latin.encode("utf-8")))
    # F007: "lines 1-10 end in CRLF, line 11 in LF"; good: "one ending throughout"
    assert "lines 1-10 end in CRLF, line 11 in LF" in _section("F007", "Bad") and "one ending throughout" in _section("F007", "Good")
    lines = BAMAKO.splitlines(keepends=True)
    mixed = "".join(line.replace("\n", "\r\n") for line in lines[:10]) + "".join(lines[10:])
    # (the ending the file uses less is reported: here the ten CRLF lines, in a file of 50)
    assert [d["line"] for d in check_json("--select", "F007", "-", input=mixed.encode("utf-8"))] == list(range(1, 11))
    assert check_json("--select", "F007", "-", input=BAMAKO.replace("\n", "\r\n").encode("utf-8")) == []
    # F000: "cablelint check missing.cable (no such file)"; good: "a path to a readable file"
    assert "cablelint check missing.cable" in _section("F000", "Bad") and "a path to a readable file" in _section("F000", "Good")
    missing = tmp_path / "missing.cable"
    assert [d["code"] for d in check_json(str(missing))] == ["F000"]
    missing.write_text(BAMAKO, encoding="utf-8")
    assert not any(d["code"] == "F000" for d in check_json(str(missing)))

