"""H rules: the E.O., TAGS and SUBJECT captions."""

from __future__ import annotations

import json

import pytest

from cablelint.linter.engine import Linter
from tests.conftest import ROOT, check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, fixed, mutate, params
from tests.test_wrappers import WRAPPERS

RABAT = corpus_text("telegram-confidential-13526-rabat.cable")  # CONFIDENTIAL, 19 Aug 2010, E.O. 13526
BAMAKO = corpus_text("telegram-unclas-bamako.cable")  # UNCLAS, 27 May 2009
ANKARA = corpus_text("telegram-secret-noforn-ankara.cable")  # SECRET, (S) subject
DRAFT = corpus_text("draft-confidential-copenhagen.cable")  # E.O. line 7, TAGS 8, SUBJECT 9
REK_H = corpus_text("telegram-confidential-reykjavik-multisection.cable")  # SUBJECT on lines 22-23, REF below
RIGA = corpus_text("markdown-confidential-riga.cable")  # a Markdown page, TAGS on line 19

EO = "E.O. 13526: DECL: 2020/08/19\n"
TAGS = "TAGS: PGOV PHUM KDEM MO\n"
SUBJECT = "SUBJECT: MOROCCO: MUNICIPAL COUNCILS TEST NEW BUDGET POWERS\n"

CASES = [
    Case("H001", "eo-deleted", mutate(RABAT, EO, ""), ((18, 1),)),
    Case("H001", "clean", RABAT),
    # the archive's text stops with "..." under the header: the captions are not in it;
    # one missing above a caption that is there is still missing
    Case("H001", "text-cut-off-by-the-archive", REK_H[: REK_H.index("DEPT FOR EUR/NB")] + " ...\n", only=False),
    Case("H001", "text-ends-under-the-header", REK_H[: REK_H.index("DEPT FOR EUR/NB")], ((16, 1),), only=False),
    Case("H001", "missing-above-a-cut-off-subject", mutate(REK_H[: REK_H.index("\nREF: A.")], "RISK\n", "RISK ...\n").replace("E.O. 12958: DECL: 11/06/2018\n", ""), ((20, 1),), only=False),
    Case("H005", "text-cut-off-by-the-archive", REK_H[: REK_H.index("DEPT FOR EUR/NB")] + " ...\n", only=False),
    Case("H008", "text-cut-off-by-the-archive", REK_H[: REK_H.index("DEPT FOR EUR/NB")] + " ...\n", only=False),
    # a downgrading instruction: 'DNG: CO <date>' is read; a stray mark for its colon is not
    Case("H002", "downgrading-instruction", mutate(RABAT, "13526: DECL: 2020/08/19", "13526: DNG: CO 2020/08/19")),
    Case("H002", "downgrading-instruction-semicolon", mutate(RABAT, "13526: DECL: 2020/08/19", "13526: DNG; CO 2020/08/19"), ((18, 16),)),
    Case("H002", "misspelt-decl", mutate(RABAT, "13526: DECL:", "13526: DECLL:"), ((18, 13),)),
    Case("H002", "three-digit-year", mutate(RABAT, "DECL: 2020/08/19", "DECL: 08/19/202"), ((18, 25),)),
    Case("H002", "order-typo", mutate(RABAT, "E.O. 13526", "E.O. 13256"), ((18, 6),)),
    # the two typos cable-format.md 6.4 lists
    Case("H002", "order-typo-12598", mutate(RABAT, "E.O. 13526", "E.O. 12598"), ((18, 6),)),
    Case("H002", "order-typo-19528", mutate(RABAT, "E.O. 13526", "E.O. 19528"), ((18, 6),)),
    # a digit lost or doubled: still the E.O. line, not a missing one (H001)
    Case("H002", "order-with-a-digit-lost", mutate(RABAT, "E.O. 13526", "E.O. 1356"), ((18, 6),)),
    Case("H002", "order-with-a-digit-doubled", mutate(RABAT, "E.O. 13526", "E.O. 135526"), ((18, 6),)),
    # a zero typed for the keyword's O: still the E.O. line (not a missing one), named at the keyword
    Case("H002", "keyword-with-a-zero-for-o", mutate(RABAT, "E.O. 13526", "E.0. 13526"), ((18, 1),)),
    # the archive's punctuation-stripped form: accepted in an archive text, reported in a draft
    Case("H002", "archive-form-in-a-draft", mutate(DRAFT, "E.O. 12958: DECL:", "EO 12958 DECL:"), ((7, 1),)),
    Case("H002", "colon-lost-in-a-draft", mutate(DRAFT, "E.O. 12958: DECL:", "E.O. 12958 DECL:"), ((7, 1),)),
    Case("H002", "archive-form-in-a-cablegate-text", mutate(DRAFT, "E.O. 12958: DECL:", "EO 12958 DECL:"), args=("--dialect", "cablegate")),
    Case("H002", "keyword-without-stops-with-a-zero", mutate(RABAT, "E.O. 13526: DECL:", "E0 13526 DECL:"), ((18, 1),)),
    Case("H002", "keyword-without-stops", mutate(RABAT, "E.O. 13526: DECL:", "EO 13526 DECL:")),
    Case("H002", "date-without-decl", mutate(RABAT, "DECL: 2020/08/19", "2020/08/19"), ((18, 13),)),
    # N/A without its slash and a misspelt OADR were read as event-based instructions
    Case("H002", "na-without-slash", mutate(corpus_text("telegram-unclas-efto-tallinn.cable"), "E.O. 12958: N/A", "E.O. 12958: NA"), ((18, 13),)),
    Case("H002", "oadr-misspelt", mutate(corpus_text("cablegate-legacy-confidential-bangkok-1991.cable"), "DECL: OADR", "DECL: OARD"), ((12, 19),)),
    Case("H002", "oadr", corpus_text("cablegate-legacy-confidential-bangkok-1991.cable")),
    Case("H002", "event-instruction", mutate(RABAT, "DECL: 2020/08/19", "DECL: TEN YEARS AFTER UNIFICATION")),
    Case("H002", "clean", RABAT),
    # "Declassify on" is the keyword written out (3.4), in the handbook's mixed case
    Case("H002", "declassify-on", mutate(RABAT, "DECL: 2020/08/19", "Declassify on: 2020/08/19")),
    # the instructions of E.O. 11652 and 12065 are readable (H003 judges the order)
    Case("H002", "legacy-gds", mutate(RABAT, "E.O. 13526: DECL: 2020/08/19", "E.O. 12065: GDS 8/12/85 (NAME) OR-P"), only=False),
    Case("H002", "legacy-rds", mutate(RABAT, "E.O. 13526: DECL: 2020/08/19", "E.O. 12065: RDS-1 7/10/2000 (ALDEN, R) OR-M"), only=False),
    # an attention line that swallowed the E.O. line (3.4): the E.O. line is read
    Case("H001", "attention-line-swallowed-the-eo-line", mutate(BAMAKO, "DEPT FOR AF/W AND AF/EPS\n\nE.O. 12958: N/A", "DEPT FOR AF/W AND AF/EPS E.O. 12958: N/A")),
    # any declassification or downgrading instruction on an unclassified cable
    Case("H004", "decl-oadr-on-unclas", mutate(BAMAKO, "E.O. 12958: N/A", "E.O. 12958: DECL: OADR"), ((18, 19),)),
    Case("H004", "dng-on-unclas", mutate(BAMAKO, "E.O. 12958: N/A", "E.O. 12958: DNG: CO 12/31/2010"), ((18, 18),)),
    Case("H002", "keyword-without-last-stop", mutate(RABAT, "E.O. 13526", "E.O 13526"), ((18, 1),)),
    Case("H002", "keyword-stop-misplaced", mutate(RABAT, "E.O. 13526", "EO. 13526"), ((18, 1),)),
    Case("H002", "keyword-without-space", mutate(RABAT, "E.O. 13526", "E.O.13526"), ((18, 1),)),
    # the archive's punctuation-stripped rendering
    Case("H002", "keyword-not-in-capitals", mutate(RABAT, "E.O. 13526", "e.o. 13526"), ((18, 1),)),
    # the whole line in lower case: one finding for the keyword and DECL, not one each
    Case("H002", "keyword-and-decl-not-in-capitals", mutate(RABAT, "E.O. 13526: DECL:", "e.o. 13526: decl:"), ((18, 1),)),
    Case("H002", "decl-not-in-capitals", mutate(RABAT, "13526: DECL:", "13526: decl:"), ((18, 13),)),
    Case("H002", "stripped-keyword-is-accepted", mutate(RABAT, "E.O. 13526: DECL:", "EO 13526 DECL:")),
    # 3.4's keyword allows a blank after "E." (EO_KW: E\.\s?O\.?)
    Case("H002", "keyword-with-a-blank-inside-is-accepted", mutate(RABAT, "E.O. 13526", "E. O. 13526")),
    Case("H002", "keyword-with-a-tab-inside-is-accepted", mutate(RABAT, "E.O. 13526", "E.\tO. 13526")),
    Case("H002", "keyword-with-a-blank-inside-without-last-stop", mutate(RABAT, "E.O. 13526", "E. O 13526"), ((18, 1),)),
    Case("H003", "12356-in-2010", mutate(RABAT, "E.O. 13526", "E.O. 12356"), ((18, 6),)),
    Case("H003", "13526-in-may-2009", mutate(BAMAKO, "E.O. 12958", "E.O. 13526"), ((18, 6),)),
    # the table's dates, without a transition window (3.4): 12958 ended 26 Jun 2010
    Case("H003", "12958-two-months-after-its-end", mutate(RABAT, "E.O. 13526", "E.O. 12958"), ((18, 6),)),
    Case("H003", "nara-stamp", mutate(BAMAKO, "E.O. 12958: N/A", "E.O. 11652: AS AMENDED; DECLASSIFIED JUNE 21, 2006")),
    Case("H003", "clean", RABAT),
    Case("H004", "na-on-confidential", mutate(RABAT, "DECL: 2020/08/19", "N/A"), ((18, 13),)),
    Case("H004", "decl-on-unclas", mutate(BAMAKO, "E.O. 12958: N/A", "E.O. 12958: DECL: 05/27/2019"), ((18, 19),)),
    Case("H004", "decl-before-cable-date", mutate(RABAT, "DECL: 2020/08/19", "DECL: 2010/08/01"), ((18, 19),)),
    Case("H004", "clean", RABAT),
    Case("H004", "clean-unclas", BAMAKO),
    # the classification line is the slip (the FL4 code and the markings agree on the
    # other level): R008 reports it there, and the E.O. line is read at their level
    Case("H004", "na-under-a-class-line-slip-is-r008s", mutate(BAMAKO, "UNCLAS BAMAKO 000341", "C O N F I D E N T I A L BAMAKO 000341"), only=False),
    Case("H004", "na-on-confidential-with-its-fl4-code", mutate(mutate(BAMAKO, "UNCLAS BAMAKO 000341", "C O N F I D E N T I A L BAMAKO 000341"), "ZNR UUUUU", "ZNY CCCCC"), ((18, 13),), only=False),
    Case("H004", "decl-under-an-unclas-line-slip-is-r008s", mutate(RABAT, "C O N F I D E N T I A L RABAT", "UNCLAS RABAT"), only=False),
    Case("H005", "tags-deleted", mutate(RABAT, TAGS, ""), ((19, 1),)),
    Case("H005", "clean", RABAT),
    # the wrapper's TAGS line is no TAGS line of the cable inside (2.8)
    Case("H005", "tags-deleted-inside-a-post-copy", mutate("".join(WRAPPERS["post-copy"]), "DECL: 09/10/2018\nTAGS: PREL PGOV SMIG EUN FR\n", "DECL: 09/10/2018\n"), ((29, 1),)),
    Case("H006", "lower-case-tag", mutate(RABAT, "TAGS: PGOV", "TAGS: pgov"), ((19, 7),)),
    # a line typed in lower case is one finding, not one per tag; so is each continuation line
    Case("H006", "line-in-lower-case", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: pgov phum kdem mo"), ((19, 7),)),
    # the keyword does not count toward the line: it and the tag, each at its place
    Case("H006", "keyword-and-tag-in-lower-case", mutate(RABAT, "TAGS: PGOV", "Tags: pgov"), ((19, 1), (19, 7))),
    Case("H006", "keyword-and-two-tags-in-lower-case", mutate(RABAT, "TAGS: PGOV PHUM", "Tags: pgov phum"), ((19, 1),)),
    Case("H006", "continuation-lines-in-lower-case", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV PHUM\n      kdem, mo"), ((20, 7),)),
    Case("H006", "mixed-separators", mutate(RABAT, "TAGS: PGOV PHUM", "TAGS: PGOV, PHUM"), ((19, 7),)),
    # the keyword run into the first tag, its blank lost: named at the keyword (not S004 and H005)
    Case("H006", "keyword-run-into-the-first-tag", mutate(RABAT, "TAGS: PGOV PHUM", "TAGSPGOV PHUM"), ((19, 1),)),
    # a comma typed twice between two tags: named at the second
    Case("H006", "tags-separated-by-slashes", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV/PHUM/KDEM/MO"), ((19, 7),)),
    Case("H006", "slash-between-two-tags", mutate(RABAT, "TAGS: PGOV PHUM", "TAGS: PGOV/PHUM"), ((19, 11),)),
    Case("H006", "comma-typed-twice", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV,, PHUM, KDEM, MO"), ((19, 12),)),
    Case("H006", "commas-throughout", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, PHUM, KDEM, MO")),
    # the SUBJECT line run on to the TAGS line: one finding, and the subject is read
    Case("H006", "subject-run-on-to-the-tags-line", mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\nSUBJECT: MALI", "TAGS: EAID SOCI PGOV ML SUBJECT: MALI"), ((19, 25),), only=False),
    Case("H006", "subj-run-on-to-the-tags-line", mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\nSUBJECT: MALI", "TAGS: EAID SOCI PGOV ML SUBJ: MALI"), ((19, 25),), only=False),
    Case("H006", "stray-punctuation", mutate(RABAT, "KDEM MO", "KDEM; MO"), ((19, 17),)),
    # the TAGS line that lost its keyword: a bare line of tags of the vocabulary between
    # the captions is the TAGS list (one finding at the line, the tags read; no H005/S004)
    Case("H006", "keyword-lost", mutate(RABAT, "TAGS: PGOV", "PGOV"), ((19, 1),)),
    Case("H006", "keyword-lost-comma-list", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "  PGOV, PHUM, KDEM, MO"), ((19, 3),)),
    # a line of words that are not all tags stays a line that fits nowhere, never a TAGS
    # list: where the TAGS line belongs, H005 reports the missing line there, naming it
    # (one finding, no S004 for the line)
    Case("H006", "prose-line-is-no-tags-list", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "PGOV PHUM KDEM MOROCCO"), only=False),
    Case("H005", "prose-line-is-no-tags-list", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "PGOV PHUM KDEM MOROCCO"), ((19, 1),)),
    # country codes alone are no TAGS list either ("TO US")
    Case("H005", "country-codes-alone-are-no-tags-list", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TO US"), ((19, 1),)),
    # a stray mark between two tags with no blank: the mark is reported, both tags read (no H007)
    Case("H006", "semicolon-between-two-tags", mutate(RABAT, "TAGS: PGOV PHUM", "TAGS: PGOV;PHUM"), ((19, 11),)),
    Case("H006", "semicolons-between-all-tags", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV;PHUM;KDEM;MO"), ((19, 7),)),
    # one separator used throughout: one finding for the list, not one per tag
    Case("H006", "semicolon-separators", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV; PHUM; KDEM; MO"), ((19, 7),)),
    # a phrase in a comma list is H007's free text, not a second separator style
    Case("H006", "free-text-in-a-comma-list", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, PHUM, KDEM, MO, GOI EXTERNAL"), only=False),
    Case("H006", "unknown-codes-in-a-comma-list", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, PHUM, KDEM, MO, KXYZ KQRS"), ((19, 6),), only=False),
    # the comma inside a person tag, and the blank before it, are no separators
    Case("H006", "person-tag-in-a-comma-list", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, OVIP (STEINBERG, JAMES B.), KDEM, MO")),
    Case("H006", "archive-comma-form-without-colon", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, PHUM, KDEM, MO")),
    # tags wrapped in converter residue on a Markdown page (F004's): the separators are still read
    Case("H006", "mixed-separators-between-residue", mutate(RIGA, "TAGS: PREL PGOV EFIN LG", "TAGS: [PREL](#), [PGOV](#) [EFIN](#) [LG](#)"), ((19, 7),), only=False),
    Case("H006", "one-separator-between-residue", mutate(RIGA, "TAGS: PREL PGOV EFIN LG", "TAGS: [PREL](#) [PGOV](#) [EFIN](#) [LG](#)"), only=False),
    Case("H006", "clean", RABAT),
    Case("H006", "keyword-not-in-capitals", mutate(RABAT, "TAGS: PGOV", "Tags: PGOV"), ((19, 1),)),
    # the keyword typos of 3.5: one finding, the tags read
    Case("H006", "keyword-typo-ags", mutate(RABAT, "TAGS: PGOV", "AGS: PGOV"), ((19, 1),)),
    Case("H006", "keyword-typo-tage", mutate(RABAT, "TAGS: PGOV", "TAGE: PGOV"), ((19, 1),)),
    # two neighbours of the keyword swapped: before its colon, or in capitals before the
    # tags as the archive's colon-less "TAGS PREL, ..." (not a TAGS line missing, H005's)
    Case("H006", "keyword-letters-swapped", mutate(RABAT, "TAGS: PGOV", "TASG: PGOV"), ((19, 1),)),
    Case("H006", "keyword-letters-swapped-without-colon", mutate(RABAT, "TAGS: PGOV", "TGAS PGOV"), ((19, 1),)),
    Case("H006", "keyword-typo-tas", mutate(RABAT, "TAGS: PGOV", "TAS: PGOV"), ((19, 1),)),
    Case("H006", "comma-after-the-last-tag", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, PHUM, KDEM, MO,"), ((19, 27),)),
    # a comma that ends a wrapped line is followed by the continuation's tags
    Case("H006", "comma-before-a-continuation-line", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, PHUM,\n      KDEM, MO")),
    Case("H007", "iso-code", mutate(RABAT, "KDEM MO", "KDEM MO RU"), ((19, 25),)),
    # a known tag split by a blank: one H007 for the pair, and no H006 for the blank in a comma list
    Case("H007", "tag-split-by-a-blank", mutate(RABAT, "KDEM MO", "KDEM M O"), ((19, 22),)),
    Case("H007", "tag-split-in-a-comma-list", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, PHUM, KDEM, M O"), ((19, 24),)),
    Case("H007", "gabon-is-fips", mutate(RABAT, "KDEM MO", "KDEM MO GB")),
    Case("H007", "person-tags", mutate(RABAT, "KDEM MO", "KDEM MO OVIP (MEADE, JONATHAN R.) OVIP BIDEN JOSEPH")),
    # after "OVIP," the next item is a tag, not a name: it is checked
    Case("H007", "unknown-tag-after-ovip-and-a-comma", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, OVIP, PGOF, MO"), ((19, 18),)),
    Case("H007", "extra-tags-option", mutate(RABAT, "KDEM MO", "KDEM MO KXYZ"), args=("--config", str(ROOT / "tests" / "data" / "extra-tags.toml"))),
    # a line that cannot be placed ends the TAGS list: the line in capitals under it is no tag
    Case("H007", "no-tags-read-across-a-stray-line", mutate(BAMAKO, "SUBJECT: MALI", "SUBJCT MALI"), only=False),
    # free text is one finding for the phrase; unknown codes in a row, or apart by commas, one each
    Case("H007", "free-text", mutate(RABAT, "KDEM MO", "KDEM MO HUMAN RIGHTS"), ((19, 25),)),
    Case("H007", "iso-code-before-free-text", mutate(RABAT, "KDEM MO", "KDEM MO RU COUNTER TERRORISM"), ((19, 25), (19, 28))),
    Case("H007", "unknown-codes-in-a-row", mutate(RABAT, "KDEM MO", "KDEM MO KXYZ KQRS"), ((19, 25), (19, 30))),
    Case("H007", "unknown-words-apart-by-commas", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, PHUM, KDEM, MO, COUNTER, TERRORISM"), ((19, 28), (19, 37))),
    Case("H007", "unknown-without-extra-tags", mutate(RABAT, "KDEM MO", "KDEM MO KXYZ"), ((19, 25),)),
    Case("H008", "subject-deleted", mutate(RABAT, SUBJECT, ""), ((21, 1),)),
    Case("H008", "clean", RABAT),
    # the subject's first line lost, its second left under the TAGS line: one finding
    # there for the missing SUBJECT line, which names the line (no S004 for it)
    Case("H008", "subject-first-line-lost", mutate(REK_H, "SUBJECT: ICELAND: COAST GUARD CUTS PUT AIR POLICING SUPPORT AT\nRISK\n", "Air Policing\n"), ((22, 1),)),
    # the SUBJECT keyword lost: a line of prose under the TAGS list, no SUBJECT line after it
    Case("H009", "keyword-lost", mutate(BAMAKO, "SUBJECT: MALI: VILLAGE", "MALI: VILLAGE"), ((20, 1),), severity="warning"),
    # ... or its keyword misspelt past the typos SUBJECT_LINE knows: named at the word
    Case("H009", "keyword-misspelt-past-recognition", mutate(BAMAKO, "SUBJECT: MALI", "SBJT MALI"), ((20, 1),), severity="warning"),
    # a TAGS list wrapped onto a second line stays the TAGS list
    Case("H009", "tags-wrapped-onto-a-second-line", mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML", "TAGS: EAID SOCI\n      PGOV ML")),
    Case("H009", "empty-subject", mutate(RABAT, SUBJECT, "SUBJECT:\n"), ((20, 1),)),
    Case("H009", "malformed-marking", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJECT: (X) MOROCCO"), ((20, 10),)),
    Case("H009", "marked-subject", ANKARA),
    # a double-slash control in a marking that lost its closing parenthesis was not seen
    Case("H009", "half-marking-with-double-slash", mutate(corpus_text("cablegate-top-secret-noforn-london.cable"), "(S//NF) UNITED", "(S//NF UNITED"), ((19, 10),)),
    Case("H009", "keyword-not-in-capitals", mutate(RABAT, "SUBJECT: MOROCCO", "Subject: MOROCCO"), ((20, 1),)),
    # two neighbouring letters swapped, or a semicolon typed for the colon: the line
    # is still the subject, named at the keyword (not a missing subject and text the
    # grammar cannot place)
    Case("H009", "keyword-letters-swapped", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJCET: MOROCCO"), ((20, 1),)),
    Case("H009", "keyword-with-a-semicolon", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJECT; MOROCCO"), ((20, 1),)),
    Case("H009", "colon-typed-twice", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJECT:: MOROCCO"), ((20, 9),)),
    # the older traffic's abbreviation: reported in a draft only
    Case("H009", "abbreviated-keyword-in-a-draft", mutate(DRAFT, "SUBJECT: DENMARK", "SUBJ: DENMARK"), ((9, 1),)),
    # a tag link pasted into the draft leaves it a draft: its strict checks stay on
    Case("H009", "abbreviated-keyword-in-a-draft-with-a-pasted-link", mutate(mutate(DRAFT, "SUBJECT: DENMARK", "SUBJ: DENMARK"), "TAGS: PREL", "TAGS: [PREL](#)"), ((9, 1),), only=False),
    Case("H009", "abbreviated-keyword-in-a-telegram", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJ: MOROCCO")),
    Case("H009", "no-colon", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJECT MOROCCO"), ((20, 1),)),
    Case("H009", "no-colon-marked", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJ (C) MOROCCO"), ((20, 1),)),
    Case("H009", "no-colon-with-continuation", mutate(RABAT, SUBJECT, "SUBJECT MOROCCO: MUNICIPAL COUNCILS\nTEST NEW BUDGET POWERS\n"), ((20, 1),)),
    # one letter lost: still the subject, its continuation line with it (no TAGS read from it)
    Case("H009", "misspelt-keyword", mutate(BAMAKO, "SUBJECT: MALI", "SUBJET: MALI"), ((20, 1),), severity="warning"),
    Case("H009", "misspelt-keyword-without-colon", mutate(BAMAKO, "SUBJECT: MALI", "SUBJCT MALI"), ((20, 1),), severity="warning"),
    # a blank line between the subject's lines: the continuation still joins the subject
    Case("H009", "blank-line-inside-the-subject", mutate(BAMAKO, "NEARS\nCOMPLETION", "NEARS\n\nCOMPLETION"), ((22, 1),), severity="warning"),
    # without a caption after it, the line after the blank is the text's first line
    Case("H009", "text-after-the-subject-and-a-blank-line", mutate(BAMAKO, "NEARS\nCOMPLETION\n\nREF: 08 BAMAKO 1187\n", "NEARS\n\nCOMPLETION\n"), only=False),
    Case("H009", "unbalanced-open", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJECT: (C MOROCCO"), ((20, 10),)),
    Case("H009", "unbalanced-close", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJECT: C) MOROCCO"), ((20, 10),)),
    Case("H010", "tags-before-eo", mutate(RABAT, EO + TAGS, TAGS + EO), ((19, 1),)),
    # one block moved is one finding, at it, not one for each caption it passed
    Case("H010", "ref-above-eo", mutate(RABAT, EO, "REF: 2009 RABAT 944\n\n" + EO).replace("POWERS\n\nREF: 2009 RABAT 944\n", "POWERS\n"), ((18, 1),)),
    # TAGS and SUBJECT lines swapped: the subject's continuation under the TAGS line is no tag
    Case("H010", "subject-above-tags", mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\nSUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\n", "SUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\nTAGS: EAID SOCI PGOV ML\n"), ((20, 1),)),
    # ... also when the subject's last line is no run of capitals (an apostrophe, a
    # comma): it goes back to the subject, and the move is the one finding
    Case("H010", "tags-moved-into-the-subject", mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\nSUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\nCOMPLETION\n", "SUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\nTAGS: EAID SOCI PGOV ML\nCOMPLETION, MINISTER'S AIDE SAYS\n"), ((20, 1),)),
    # the subject's second line holds a tag or two by chance (TO, AL): still the subject's
    Case("H010", "tags-moved-into-the-subject-words-mostly-no-tags", mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\nSUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\nCOMPLETION\n", "SUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\nTAGS: EAID SOCI PGOV ML\nCOMPLETION TO SERVE AL MOPTI\n"), ((20, 1),)),
    Case("H010", "subject-of-two-lines-in-place", mutate(BAMAKO, "REGION NEARS\nCOMPLETION\n", "REGION NEARS\nCOMPLETION, MINISTER'S AIDE SAYS\n")),
    Case("H010", "caveat-after-tags", mutate(RABAT, TAGS, TAGS.rstrip("\n") + "\nSIPDIS\n"), ((20, 1),)),
    # an attention line moved below the E.O. line: a caption out of order, not unplaceable text (S004)
    Case("H010", "attention-line-after-eo", mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n\nE.O. 13526: DECL: 2020/08/19\n", "E.O. 13526: DECL: 2020/08/19\nDEPT FOR NEA/MAG AND DRL/NESCA\n"), ((17, 1),)),
    Case("H010", "clean", RABAT),
    # another cable pasted under this one: its captions are second captions
    Case("H011", "two-cables-in-one-file", corpus_text("telegram-confidential-reykjavik-multisection.cable") + "\n" + BAMAKO, ((149, 1), (150, 1), (151, 1)), only=False),
    Case("H011", "a-draft-twice", DRAFT + "\n" + DRAFT, ((50, 1), (51, 1), (52, 1)), only=False),
    Case("H011", "tags-twice", mutate(RABAT, TAGS, TAGS + TAGS), ((20, 1),)),
    Case("H011", "clean", RABAT),
    # a post's internal copy has a TAGS line of its own, before the message (2.8)
    Case("H011", "post-copy-wrapper-tags", "".join(WRAPPERS["post-copy"])),
    # prose that starts with the word is no second, colonless SUBJECT line
    Case("H011", "prose-starting-with-subject", mutate(RABAT, "1. (C) Summary: One year", "SUBJECT TO CONFIRMATION, THE VISIT WILL TAKE PLACE IN MAY.\n\n1. (C) Summary: One year")),
    Case("H012", "forty-years", mutate(RABAT, "DECL: 2020/08/19", "DECL: 2050/08/19"), ((18, 19),)),
    Case("H012", "exactly-25-years", mutate(RABAT, "DECL: 2020/08/19", "DECL: 2035/08/19")),
    Case("H012", "25-years-and-a-day", mutate(RABAT, "DECL: 2020/08/19", "DECL: 2035/08/20"), ((18, 19),)),
    Case("H012", "exemption", mutate(RABAT, "DECL: 2020/08/19", "DECL: 25X1")),
    Case("H012", "clean", RABAT),
    Case("H013", "ovip-without-name", mutate(RABAT, "KDEM MO", "KDEM OVIP MO"), ((19, 22),), severity="info"),
    Case("H013", "orep-without-name", mutate(RABAT, "KDEM MO", "KDEM MO OREP"), ((19, 25),)),
    Case("H013", "each-visit-tag", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, OVIP, OREP, MO"), ((19, 12), (19, 18))),
    # after "OVIP," the next item is a tag: the unknown one is H007's, the missing name H013's
    Case("H013", "unknown-tag-after-ovip-and-a-comma", mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, OVIP, PGOF, MO"), ((19, 12),), only=False),
    Case("H013", "person-tag", mutate(RABAT, "KDEM MO", "KDEM OVIP (MEADE, JONATHAN R.) MO")),
    Case("H013", "name-without-parentheses", mutate(RABAT, "KDEM MO", "KDEM MO OVIP BIDEN JOSEPH")),
    Case("H013", "name-after-the-other-visit-tag", mutate(RABAT, "KDEM MO", "KDEM OVIP OREP (PELOSI, NANCY) MO")),
    # the name is there, its shape is H006's
    Case("H013", "malformed-person-tag", mutate(RABAT, "KDEM MO", "KDEM MO OVIP (MEADE, JONATHAN"), only=False),
    Case("H013", "oexc-needs-no-name", mutate(RABAT, "KDEM MO", "KDEM OEXC MO")),
    Case("H013", "markdown-tag-link", mutate(corpus_text("markdown-unclas-accra.cable"), "TAGS: ECON EFIN GH", "TAGS: [ECON](#) [OVIP](#) [GH](#)"), ((19, 18),), only=False),
    Case("H013", "clean", RABAT),
]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def test_h007_iso_hints_name_state_codes() -> None:
    """Each ISO code the hint table knows is unknown to the vocabulary (else it is a
    FIPS code for some other country and no mistake), and its hint is a known code."""
    from cablelint.data import load_tags
    from cablelint.rules.h_tags import ISO_TRAPS, LOOKALIKES

    vocabulary = load_tags()
    for iso, hint in {**ISO_TRAPS, **LOOKALIKES}.items():
        assert iso not in vocabulary, iso
        assert hint[0] in vocabulary, hint


def test_h007_message_gives_state_code_for_an_iso_code() -> None:
    text = mutate(RABAT, "KDEM MO", "KDEM MO VN")
    found = [(d.span.line, d.span.column, d.span.end_column, d.message) for d in Linter().lint_text(text, "case.cable") if d.code == "H007"]
    assert found == [(19, 25, 27, "tag 'VN' is the ISO code for Vietnam, not a TAGS code: expected VM if Vietnam is meant")]
    # VZ, seen for Venezuela, is no ISO code: the message does not say it is
    text = mutate(RABAT, "KDEM MO", "KDEM MO VZ")
    found = [(d.span.line, d.span.column, d.span.end_column, d.message) for d in Linter().lint_text(text, "case.cable") if d.code == "H007"]
    assert found == [(19, 25, 27, "tag 'VZ' is not in the TAGS vocabulary: expected VE if Venezuela is meant")]


def test_h013_names_the_tag_and_the_person_tag_expected() -> None:
    found = check_json("--select", "H013", "-", input=mutate(RABAT, "KDEM MO", "KDEM MO OREP"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (19, 25, 29, "OREP tag without a person tag: expected the person's name after it, as in OREP (SURNAME, GIVEN NAMES)")
    ]


def test_h007_names_an_unknown_tag_without_the_zero_width_space_it_holds() -> None:
    """The invisible space is F004's finding; H007 names the tag as the reader sees it
    and spans the whole of it, the space included."""
    found = check_json("--select", "H007,F004", "-", input=mutate(RABAT, "KDEM MO", "KDEM MO KX\u200bYZ"))
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("H007", 19, 25, 30, "tag 'KXYZ' is not in the TAGS vocabulary: expected a known tag (add local ones with extra-tags)"),
        ("F004", 19, 27, 28, "a zero-width space (U+200B), invisible, left by a converter or an editor: expected it removed"),
    ]


def _fixes(text: str, code: str) -> list[list[tuple[int, int, str]]]:
    out = []
    for d in Linter().lint_text(text, "case.cable"):
        if d.code == code:
            out.append([(e.span.start, e.span.end, e.replacement) for e in d.fix.edits] if d.fix else [])
    return out


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.parametrize(
    "before,after",
    [
        pytest.param("TAGS: PGOV", "TAGS: pgov", id="upper-cases-a-known-tag"),
        pytest.param("TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, PHUM KDEM MO", id="normalises-mixed-separators"),
        pytest.param("TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV PHUM KDEM MO,", id="removes-a-comma-after-the-last-tag"),
        pytest.param("TAGS: PGOV PHUM KDEM MO\n", "TAGS: PGOV PHUM KDEM MO, \t\n", id="removes-a-last-comma-and-the-blanks-after-it"),
        pytest.param("TAGS: PGOV", "Tags: PGOV", id="writes-the-keyword-in-capitals"),
        pytest.param("TAGS: PGOV", "AGS: PGOV", id="writes-a-misspelt-keyword-with-its-colon"),
        pytest.param("TAGS: PGOV PHUM KDEM MO", "tags: pgov phum kdem mo", id="writes-a-line-in-capitals"),
        pytest.param("TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV; PHUM; KDEM; MO", id="rewrites-semicolon-separators"),
        pytest.param("TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV;PHUM KDEM MO", id="replaces-a-semicolon-between-two-tags"),
        pytest.param("TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV;PHUM;KDEM;MO", id="rewrites-semicolons-between-all-tags"),
        pytest.param("TAGS: PGOV PHUM KDEM MO", "PGOV PHUM KDEM MO", id="writes-a-lost-keyword"),
    ],
)
def test_h006_fix_restores_the_line(before: str, after: str) -> None:
    bad = mutate(RABAT, before, after)
    [edits] = _fixes(bad, "H006")
    assert _apply(bad, edits) == RABAT


@pytest.mark.parametrize(
    "after, edits",
    [
        pytest.param("TAGS: [PREL](#), [PGOV](#) [EFIN](#) [LG](#)", [(16, 18, " ")], id="mixed-separators"),
        pytest.param("TAGS: [PREL](#)/[PGOV](#) [EFIN](#) [LG](#)", [(16, 17, " ")], id="a-slash-between-two-tags"),
        pytest.param("TAGS: [PREL](#), [PGOV](#), [EFIN](#) [LG](#)", [(38, 39, ", ")], id="commas-the-more-common"),
    ],
)
def test_h006_fix_edits_only_the_separators_between_residue(after: str, edits: list[tuple[int, int, str]]) -> None:
    """Tags wrapped in converter residue ("[PREL](#), [PGOV](#)"): H006's fix edits the
    separators alone, clear of F004's fixes of the residue, so one pass applies both."""
    bad = mutate(RIGA, "TAGS: PREL PGOV EFIN LG", after)
    line = RIGA.index("TAGS: PREL")
    assert _fixes(bad, "H006") == [[(line + start - 1, line + end - 1, new) for start, end, new in edits]]


def test_h006_a_line_in_lower_case_is_one_finding_that_gives_the_line() -> None:
    found = check_json("--select", "H006", "-", input=mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: pgov phum kdem mo\n      gm, rs"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (19, 7, 24, "the TAGS line is not in capitals: expected 'TAGS: PGOV PHUM KDEM MO'"),
        (20, 7, 13, "the TAGS continuation line is not in capitals: expected 'GM, RS'"),
    ]


def test_h006_the_archives_tags_keyword_does_not_make_a_line_in_lower_case() -> None:
    """The archive's ``Tags:`` (3.5) and one tag in lower case are two slips, each named
    at its place with its fix, not "the TAGS line is not in capitals" at the keyword;
    two tags in lower case are the line typed so, the keyword put in capitals with it."""
    one = mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "Tags: pgov PHUM KDEM MO")
    found = check_json("--select", "H006", "-", input=one)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (19, 1, 5, "'Tags' is not in capitals: expected TAGS"),
        (19, 7, 11, "tag 'pgov' is not in capitals: expected PGOV"),
    ]
    assert _apply(one, [edit for edits in _fixes(one, "H006") for edit in edits]) == RABAT
    two = mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "Tags: pgov phum KDEM MO")
    found = check_json("--select", "H006", "-", input=two)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (19, 1, 16, "the TAGS line is not in capitals: expected 'TAGS: PGOV PHUM KDEM MO'"),
    ]


@pytest.mark.parametrize(
    "after, finding",
    [
        pytest.param("TAGS: [PREL](#), [PGOV](#) [EFIN](#) [LG](#)", (7, 45, "TAGS line mixes commas and spaces: expected one separator style, spaces as between most of its tags"), id="mixed-separators"),
        pytest.param("TAGS: [prel](#) [pgov](#) [EFIN](#) [LG](#)", (7, 26, "the TAGS line is not in capitals: expected 'TAGS: PREL PGOV EFIN LG'"), id="a-line-in-lower-case"),
        pytest.param("TAGS: [PREL](#); [PGOV](#); [EFIN](#); [LG](#)", (7, 47, "TAGS separated by ';': expected tags separated by spaces or commas"), id="semicolon-separators"),
    ],
)
def test_h006_a_finding_for_the_line_covers_its_tags_as_written(after: str, finding: tuple[int, int, str]) -> None:
    """On a Markdown page a finding for several tags spans them whole, their links
    included ("[PREL](#), ... [LG](#)"), not from inside the first link to inside the
    last ("PREL](#), ... [LG"), as a finding for one paragraph number covers its escape."""
    found = check_json("--select", "H006", "-", input=mutate(RIGA, "TAGS: PREL PGOV EFIN LG", after))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(19, *finding)]


def test_h006_a_finding_for_a_line_with_a_last_comma_runs_to_the_comma() -> None:
    """A comma after the last link: the line's finding runs to it, the comma's own is at it."""
    found = check_json("--select", "H006", "-", input=mutate(RIGA, "TAGS: PREL PGOV EFIN LG", "TAGS: [PREL](#), [PGOV](#) [EFIN](#) [LG](#),"))
    assert [(d["column"], d["end_column"], d["message"]) for d in found] == [
        (7, 46, "TAGS line mixes commas and spaces: expected one separator style, spaces as between most of its tags"),
        (45, 46, "stray ',' after the last tag: expected the TAGS list to end with a tag"),
    ]


def test_h006_a_stray_mark_between_two_tags_is_named() -> None:
    text = mutate(RABAT, "TAGS: PGOV PHUM", "TAGS: PGOV;PHUM")
    found = check_json("--select", "ALL", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["code"].startswith("H")] == [
        ("H006", 19, 11, 12, "stray ';' between tags 'PGOV' and 'PHUM': expected a comma or a space"),
    ]


def test_h006_a_lost_keyword_is_named_and_the_tags_read() -> None:
    text = mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "PGOV PHUM KDEM MO")
    found = check_json("--select", "ALL", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["severity"] != "info"] == [
        ("H006", 19, 1, 1, "the TAGS keyword is missing: expected 'TAGS: PGOV PHUM KDEM MO'"),
    ]
    # the tags are read: a visit tag without its person is named (H013)
    found = check_json("--select", "H013", "-", input=mutate(text, "PHUM KDEM", "OVIP KDEM"))
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("H013", 19, 6)]


def test_h006_a_lost_keyword_is_named_among_a_posts_own_tags(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A post's own tag (extra-tags, which the parser does not read) among the
    vocabulary's: the line is still the TAGS line that lost its keyword, and H007
    names the tag only where extra-tags lacks it. Prose and a line of unknown codes
    stay what they were (no TAGS line, H005)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.cable").write_text(mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "PGOV KXYZ"), encoding="utf-8")
    found = lambda: [(d["code"], d["line"], d["column"], d["message"]) for d in json.loads(run_cli("check", "--format", "json", "--select", "H", "a.cable").stdout)]  # noqa: E731
    assert found() == [
        ("H006", 19, 1, "the TAGS keyword is missing: expected 'TAGS: PGOV KXYZ'"),
        ("H007", 19, 6, "tag 'KXYZ' is not in the TAGS vocabulary: expected a known tag (add local ones with extra-tags)"),
    ]
    (tmp_path / "cablelint.toml").write_text('extra-tags = ["KXYZ"]\n', encoding="utf-8")
    assert found() == [("H006", 19, 1, "the TAGS keyword is missing: expected 'TAGS: PGOV KXYZ'")]
    for line in ("PGOV KXYZ KQRS", "PGOV THE BEST", "KXYZ KQRS"):
        (tmp_path / "a.cable").write_text(mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", line), encoding="utf-8")
        assert [code for code, *_ in found()] == ["H005"], line


def test_h007_free_text_is_named_as_such() -> None:
    found = check_json("--select", "H007", "-", input=mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS PGOV, PHUM, KDEM, MO, GOI EXTERNAL"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (19, 28, 40, "'GOI EXTERNAL' is free text, not a tag: expected codes from the TAGS vocabulary"),
    ]


def test_h006_no_fix_when_the_tags_are_unknown() -> None:
    bad = mutate(RABAT, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, KXYZ KQRS")
    assert _fixes(bad, "H006") == [[]]


@pytest.mark.parametrize(
    "decl, shown, interval",
    [
        ("2050/08/19", "19 Aug 2050", "40 years"),
        ("2035/10/25", "25 Oct 2035", "25 years, 2 months and 6 days"),
        ("2036/08/18", "18 Aug 2036", "25 years, 11 months and 30 days"),
        ("2037/08/19", "19 Aug 2037", "27 years"),
    ],
)
def test_h012_says_how_far_the_date_is_as_a_calendar_counts(decl: str, shown: str, interval: str) -> None:
    found = check_json("--select", "H012", "-", input=mutate(RABAT, "DECL: 2020/08/19", f"DECL: {decl}"))
    assert [d["message"].split(" after ")[0] for d in found] == [f"declassification date {shown} is {interval}"]


def test_eo_values_read_from_the_forms_the_spec_lists() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(RABAT, "DECL: 2020/08/19", "Declassify on: 2020/08/19"))
    assert cable.eo is not None and str(cable.eo.declassify_on) == "2020-08-19"
    swallowed = parse_text(mutate(BAMAKO, "DEPT FOR AF/W AND AF/EPS\n\nE.O. 12958: N/A", "DEPT FOR AF/W AND AF/EPS E.O. 12958: N/A"))
    assert swallowed.eo is not None and swallowed.eo.na and swallowed.eo.span.column == 26
    assert [a.text for a in swallowed.attention] == ["DEPT FOR AF/W AND AF/EPS"]
    dng = check_json("--select", "H004", "-", input=mutate(BAMAKO, "E.O. 12958: N/A", "E.O. 12958: DNG: CO 12/31/2010"))
    assert [d["message"] for d in dng] == ["downgrading instruction 'CO 12/31/2010' on an UNCLASSIFIED cable: expected N/A"]


def test_h004_and_h012_write_dates_that_cannot_be_misread() -> None:
    # a cable dated 19 Aug 2010 (RABAT's DTG), its DECL date written month first
    early = mutate(RABAT, "DECL: 2020/08/19", "DECL: 08/19/2009")
    assert [d["message"] for d in check_json("--select", "H004", "-", input=early)] == [
        "declassification date 19 Aug 2009 is not after the cable's date, 19 Aug 2010: expected a later date (usually 10 years out)"
    ]


def test_h010_reports_the_caption_that_moved_and_what_it_passed() -> None:
    moved = mutate(RABAT, EO, "REF: 2009 RABAT 944\n\n" + EO).replace("POWERS\n\nREF: 2009 RABAT 944\n", "POWERS\n")
    assert [d["message"] for d in check_json("--select", "H010", "-", input=moved)] == [
        "REF block comes before E.O., TAGS, SUBJECT: expected the order E.O., TAGS, SUBJECT, REF"
    ]
    swapped = mutate(RABAT, EO + TAGS, TAGS + EO)
    assert [d["message"] for d in check_json("--select", "H010", "-", input=swapped)] == [
        "E.O. line comes after TAGS: expected the order E.O., TAGS, SUBJECT, REF"
    ]


def test_h010_names_a_moved_caveat_as_written() -> None:
    """A misspelt caveat below the E.O. line was named in capitals ('caveat NOFRON
    comes after ...') whatever its case; C006 names it as written, and so does H010."""
    for written in ("Nofron", "NOFRON", "sipdis"):
        text = mutate(RABAT, EO, EO + f"{written}\n")
        assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "H010", "-", input=text)] == [
            (19, 1, 1 + len(written), f"caveat {written} comes after the E.O./TAGS/SUBJECT captions: expected it under the classification line")
        ]
    # a caveat line that holds more than the caveat is named by the caveat
    text = mutate(RABAT, EO, EO + "C O R R E C T E D C O P Y (ADDED TAGS)\n")
    assert [d["message"].split(" comes")[0] for d in check_json("--select", "H010", "-", input=text)] == ["caveat CORRECTED COPY"]


def test_h006_a_misspelt_keyword_is_named_and_the_tags_read() -> None:
    from cablelint.grammar.parser import parse_text

    for typo in ("AGS", "TAGE", "TGS"):
        text = mutate(RABAT, "TAGS: PGOV", f"{typo}: PGOV")
        found = check_json("--select", "ALL", "-", input=text)
        assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["severity"] != "info"] == [
            ("H006", 19, 1, len(typo) + 2, f"'{typo}:' is misspelt: expected 'TAGS:'"),
        ]
        cable = parse_text(text)
        assert cable.tags is not None and [t.text for t in cable.tags.tags] == ["PGOV", "PHUM", "KDEM", "MO"]
        [edits] = _fixes(text, "H006")
        assert _apply(text, edits) == RABAT


def test_h009_a_misspelt_keyword_is_named_and_the_subject_read() -> None:
    text = mutate(BAMAKO, "SUBJECT: MALI", "SUBJET: MALI")
    found = check_json("--select", "ALL", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["severity"] != "info"] == [
        ("H009", 20, 1, 8, "'SUBJET:' is misspelt: expected 'SUBJECT:'"),
    ]
    from cablelint.grammar.parser import parse_text

    cable = parse_text(text)
    assert cable.subject is not None and cable.subject.text == "MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS COMPLETION"
    assert cable.tags is not None and [t.text for t in cable.tags.tags] == ["EAID", "SOCI", "PGOV", "ML"]


def test_h009_a_misspelt_keyword_without_colon_is_one_finding_and_the_subject_read() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BAMAKO, "SUBJECT: MALI", "SUBJCT MALI")
    found = check_json("--select", "ALL", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["severity"] != "info"] == [
        ("H009", 20, 1, 7, "'SUBJCT' is misspelt and has no colon after it: expected 'SUBJECT: <subject>'"),
    ]
    cable = parse_text(text)
    assert cable.subject is not None and cable.subject.text == "MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS COMPLETION"


def test_h009_a_blank_line_inside_the_subject_is_named_at_the_continuation() -> None:
    from cablelint.grammar.parser import parse_text

    text = mutate(BAMAKO, "NEARS\nCOMPLETION", "NEARS\n\nCOMPLETION")
    found = check_json("--select", "ALL", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found if d["severity"] != "info"] == [
        ("H009", 22, 1, 11, "blank line inside the subject: expected 'COMPLETION' directly under the line above it"),
    ]
    cable = parse_text(text)
    assert cable.subject is not None and cable.subject.text == "MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS COMPLETION"


def test_swapped_tags_and_subject_lines_keep_the_subject_whole() -> None:
    from cablelint.grammar.parser import parse_text

    swapped = mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\nSUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\n", "SUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\nTAGS: EAID SOCI PGOV ML\n")
    cable = parse_text(swapped)
    assert cable.subject is not None and cable.subject.text == "MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS COMPLETION"
    assert cable.tags is not None and [t.text for t in cable.tags.tags] == ["EAID", "SOCI", "PGOV", "ML"]
    # a continuation that names tags stays the TAGS list's
    wrapped = mutate(swapped, "TAGS: EAID SOCI PGOV ML\nCOMPLETION\n", "TAGS: EAID SOCI\nPGOV ML\n")
    cable = parse_text(wrapped)
    assert cable.subject is not None and cable.subject.text == "MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS"
    assert cable.tags is not None and [t.text for t in cable.tags.tags] == ["EAID", "SOCI", "PGOV", "ML"]


def test_h002_a_date_without_decl_gives_the_line_as_it_should_read() -> None:
    found = check_json("--select", "H002", "-", input=mutate(RABAT, "E.O. 13526: DECL: 2020/08/19", "E.O. 13526: 2020/08/19"))
    assert [d["message"] for d in found] == ["declassification date '2020/08/19' has no 'DECL:' before it: expected 'DECL: 2020/08/19'"]


@pytest.mark.parametrize(
    "written, why",
    [
        ("2020/11/31", "gives day 31, but November has 30 days: expected 01 to 30"),
        ("2021/02/29", "gives day 29, but February 2021 has 28 days: expected 01 to 28"),
        ("2020/13/19", "gives month 13: expected 01 to 12"),
    ],
)
def test_h002_says_which_part_of_the_declassification_date_is_impossible(written: str, why: str) -> None:
    found = check_json("--select", "H002", "-", input=mutate(RABAT, "DECL: 2020/08/19", f"DECL: {written}"))
    # one colon, before what was expected; the span is the date as written
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(18, 19, 29, f"declassification date '{written}' {why}")]


def test_h004_puts_the_right_article_before_the_level() -> None:
    lou = mutate(mutate(BAMAKO, "UNCLAS BAMAKO", "LIMITED OFFICIAL USE BAMAKO"), "E.O. 12958: N/A", "E.O. 12958: DECL: OADR")
    assert [d["message"] for d in check_json("--select", "H004", "-", input=lou)] == [
        "declassification instruction 'OADR' on a LIMITED OFFICIAL USE cable: expected N/A"
    ]


def test_h006_subject_run_on_to_the_tags_line_is_one_finding() -> None:
    bad = mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\nSUBJECT: MALI", "TAGS: EAID SOCI PGOV ML SUBJECT: MALI")
    found = check_json("--select", "ALL", "-", input=bad.encode("utf-8"))
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found if d["code"] != "F005"] == [
        ("H006", 19, 25, "the SUBJECT line is run on to the TAGS line: expected 'SUBJECT:' at the start of its own line")
    ]
    parsed = json.loads(run_cli("parse", "-", input=bad.encode("utf-8")).stdout)
    assert parsed["tags"] == ["EAID", "SOCI", "PGOV", "ML"] and parsed["subject"].startswith("MALI: VILLAGE WATER") and parsed["subject"].endswith("COMPLETION")


def test_h006_subject_run_on_to_the_tags_line_keeps_its_second_line() -> None:
    # a second subject line that is no TAGS-shaped line ("A" is no tag) is the subject's
    # still, not a line the grammar cannot place (S004)
    bad = mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\nSUBJECT: MALI", "TAGS: EAID SOCI PGOV ML SUBJECT: MALI").replace("NEARS\nCOMPLETION\n", "NEARS\nA HAPPY COMPLETION\n")
    found = check_json("--select", "ALL", "-", input=bad.encode("utf-8"))
    assert [(d["code"], d["line"], d["column"]) for d in found if d["code"] != "F005"] == [("H006", 19, 25)]
    parsed = json.loads(run_cli("parse", "-", input=bad.encode("utf-8")).stdout)
    assert parsed["subject"].startswith("MALI: VILLAGE WATER") and parsed["subject"].endswith("NEARS A HAPPY COMPLETION")
    # without the run-on subject, such a line under the TAGS line stays unplaceable
    alone = mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML\n", "TAGS: EAID SOCI PGOV ML\nA HAPPY COMPLETION\n")
    assert ("S004", 20) in [(d["code"], d["line"]) for d in check_json("--select", "ALL", "-", input=alone.encode("utf-8"))]


def test_h006_fix_parts_the_keyword_from_the_first_tag() -> None:
    bad = mutate(RABAT, "TAGS: PGOV PHUM", "TAGSPGOV PHUM")
    assert "TAGS PGOV PHUM KDEM MO\n" in fixed(bad, "H006")


def test_h010_names_the_attention_line_out_of_place() -> None:
    bad = mutate(RABAT, "DEPT FOR NEA/MAG AND DRL/NESCA\n\nE.O. 13526: DECL: 2020/08/19\n", "E.O. 13526: DECL: 2020/08/19\nDEPT FOR NEA/MAG AND DRL/NESCA\n")
    found = check_json("--select", "ALL", "-", input=bad.encode("utf-8"))
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("H010", 17, 1, "attention line 'DEPT FOR NEA/MAG AND DRL/NESCA' comes after the E.O. line: expected attention lines above the E.O. line")
    ]


@pytest.mark.parametrize(
    "base, old, new, message",
    [
        ("telegram-unclas-efto-tallinn.cable", "12958: N/A", "12958: NA", "'NA' is not written as N/A: expected 'N/A'"),
        ("telegram-unclas-efto-tallinn.cable", "12958: N/A", "12958: N.A.", "'N.A.' is not written as N/A: expected 'N/A'"),
        ("cablegate-legacy-confidential-bangkok-1991.cable", "DECL: OADR", "DECL: OARD", "'OARD' is misspelt: expected OADR"),
    ],
)
def test_h002_names_na_and_oadr_slips(base: str, old: str, new: str, message: str) -> None:
    """They read as an event ("DECL: TEN YEARS AFTER ...") and passed without a word."""
    found = [(d["code"], d["message"]) for d in check_json("-", input=mutate(corpus_text(base), old, new)) if d["severity"] != "info"]
    assert found == [("H002", message)]


def test_h009_names_a_double_slash_marking_without_its_parenthesis() -> None:
    text = mutate(corpus_text("cablegate-top-secret-noforn-london.cable"), "(S//NF) UNITED", "(S//NF UNITED")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("H009", 19, 10, 16, "subject portion marking '(S//NF' has no closing parenthesis: expected '(S//NF)'")]
    # the other half, as P003 words a paragraph marker's: the parenthesis named
    text = mutate(corpus_text("cablegate-top-secret-noforn-london.cable"), "(S//NF) UNITED", "S//NF) UNITED")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("H009", 19, 10, 16, "subject portion marking 'S//NF)' has no opening parenthesis: expected '(S//NF)'")]


@pytest.mark.parametrize(
    "base, old, new, line, message",
    [
        ("cablegate-confidential-2001-warsaw.cable", "E.O. 12958: DECL: 05/14/2011", "E.O. 12958:\nDECL: 05/14/2011", 14, "the declassification instruction 'DECL: 05/14/2011' is on the line under the E.O. line: expected it on that line"),
        ("draft-unclas-13526-santo-domingo.cable", "E.O. 13526: N/A", "E.O. 13526:\nN/A", 8, "the declassification instruction 'N/A' is on the line under the E.O. line: expected it on that line"),
    ],
)
def test_h002_reads_an_instruction_wrapped_under_the_eo_line(base: str, old: str, new: str, line: int, message: str) -> None:
    """It was an empty E.O. line (H002) and a line the grammar could not place (S004):
    one slip, now one finding, and the DECL date read (H004 and H012 still see it)."""
    text = mutate(corpus_text(base), old, new)
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert found == [("H002", line, 1, message)]
    parsed = json.loads(run_cli("parse", "-", input=text.encode("utf-8")).stdout)
    assert parsed["eo"]["declassify_on"] == ("2011-05-14" if "DECL" in new else None)


def test_a_decl_line_away_from_an_empty_eo_line_is_still_unplaced() -> None:
    text = mutate(corpus_text("cablegate-confidential-2001-warsaw.cable"), "TAGS: PREL CVIS PL\n", "TAGS: PREL CVIS PL\nDECL: 05/14/2011\n")
    found = [(d["code"], d["line"]) for d in check_json("-", input=text) if d["severity"] != "info"]
    assert ("S004", 15) in found


def test_h002_names_a_decl_year_that_has_three_digits() -> None:
    found = check_json("--select", "H002", "-", input=mutate(RABAT, "DECL: 2020/08/19", "DECL: 08/19/202"))
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (18, 25, 28, "declassification date '08/19/202' has a 3-digit year '202': expected 4 digits (MM/DD/YYYY), or 2 (MM/DD/YY)")
    ]


@pytest.mark.parametrize(
    ("base", "old", "new", "code", "at", "message"),
    [
        (RABAT, "13526: DECL:", "13526: DECLL:", "H002", (18, 13, 18), "'DECLL' is misspelt: expected 'DECL'"),
        (RABAT, "13526: DECL:", "13526: decl:", "H002", (18, 13, 17), "'decl' is not in capitals: expected 'DECL'"),
        (
            RABAT,
            "13526: DECL: 2020/08/19",
            "13526: DNG; CO 2020/08/19",
            "H002",
            (18, 16, 31),
            "downgrading instruction 'DNG; CO 2020/08/19' is unreadable: expected 'DNG: <level> <date>', as 'DNG: CO 12/31/2010'",
        ),
    ],
)
def test_h002_keywords_and_shapes_are_quoted_as_the_other_captions_are(base: str, old: str, new: str, code: str, at: tuple[int, int, int], message: str) -> None:
    found = [(d["code"], (d["line"], d["column"], d["end_column"]), d["message"]) for d in check_json("--select", "H", "-", input=mutate(base, old, new)) if d["severity"] != "info"]
    assert found == [(code, at, message)]


def test_h004_na_on_a_classified_cable_quotes_the_shape_expected() -> None:
    found = check_json("--select", "H004", "-", input=mutate(RABAT, "E.O. 13526: DECL: 2020/08/19", "E.O. 13526: N/A"))
    assert [(d["line"], d["column"], d["message"]) for d in found] == [(18, 13, "E.O. line says N/A on a CONFIDENTIAL cable: expected 'DECL: <date or exemption>'")]


def test_a_markdown_tags_line_spans_the_line_as_written() -> None:
    """'TAGS: [PGOV](#) ... [ML](#)': the TAGS line (and its place among the captions)
    runs to the end of the last link, not to the end of its text 'ML' inside it
    (the real 07ALGIERS652 and 39 more Markdown pages); each tag is its text alone."""
    from cablelint.grammar.parser import parse_text

    from tests.conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    line = "TAGS: [PGOV](#) [SOCI](#) [KCRM](#) [ASEC](#) [ML](#)"
    cable = parse_text(text)
    assert cable.tags is not None
    assert cable.tags.span.to_dict() == {"line": 23, "column": 1, "end_line": 23, "end_column": len(line) + 1}
    assert text[cable.tags.span.start : cable.tags.span.end] == line
    assert dict(cable.captions)["tags"] == cable.tags.span
    assert [(t.text, t.span.column, t.span.end_column) for t in cable.tags.tags][-1] == ("ML", 48, 50)
    # a finding on the whole line covers all of it
    moved = mutate(mutate(text, line + "\n", ""), "TRAINING RESPONSE\n", f"TRAINING RESPONSE\n{line}\n")
    found = check_json("--select", "H010", "-", input=moved)
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in found] == [(25, 1, 25, len(line) + 1)]


def test_the_subject_marker_is_kept_as_a_paragraph_marker_is() -> None:
    """Subject.marker is the portion marking as written with its parentheses, as
    Paragraph.marker is, and Subject.marking the normalised form, as
    Paragraph.marking is (probe round 16: the subject's was 'C' without them)."""
    from cablelint.grammar.parser import parse_text

    text = mutate(corpus_text("telegram-confidential-reykjavik-multisection.cable"), "SUBJECT: ", "SUBJECT: (c//nf) ")
    cable = parse_text(text)
    subject, first = cable.subject, cable.paragraphs[0]
    assert subject is not None and subject.marker is not None and first.marker is not None
    line = text.splitlines()[subject.marker.span.line - 1]
    assert (subject.marker.text, subject.marking, subject.level, subject.controls) == ("(c//nf)", "C/NF", "C", ("NF",))
    assert line[subject.marker.span.column - 1 : subject.marker.span.end_column - 1] == "(c//nf)"
    assert (first.marker.text, first.marking) == ("(C)", "C")
