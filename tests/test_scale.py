"""Huge input is never slow: the work of a pass grows with the text, not with its
square. Each test counts what a pass did on a cable grown large in one direction, run
through the CLI, rather than timing it (a timing fails on a busy machine and passes on
a fast one)."""

from __future__ import annotations

import re
from typing import Any, Optional

import pytest

from cablelint.grammar import read_scan
from tests.conftest import SEED, check_json


class _Counted:
    """A compiled pattern that adds up the characters each search was given."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.searched = 0
        self.calls = 0

    def search(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Optional[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        self.searched += max(0, end - pos)
        self.calls += 1
        return self.pattern.search(text, pos, end)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


def test_a_line_of_many_paragraph_citations_looks_back_a_few_characters_at_each(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Whether "para 12" cites another cable ("Ref B para 12") was a search from the
    # line's start up to each citation: a paragraph of 5,000 citations took a minute.
    counted = {}
    real_field = read_scan.field

    def field(name: str) -> Any:
        if name not in counted:
            pattern = real_field(name)
            counted[name] = _Counted(pattern) if name == "PARA_CITE_BEFORE" else pattern
        return counted[name]

    monkeypatch.setattr(read_scan, "field", field)
    n = 400
    line = " ".join(["As Ref B para 12 says, see para 12."] * n)
    cable = tmp_path / "cites.cable"
    cable.write_text(SEED.read_text().replace("7.(U) There is no", "7.(U) " + line + " There is no"))
    found = check_json("--no-cache", "--select", "X007", str(cable))
    # the citations of Ref B's paragraph are told apart from this cable's own
    assert [(f["line"], f["column"], f["end_column"]) for f in found] == [(44, 34 + 36 * k, 41 + 36 * k) for k in range(n)]
    before = counted["PARA_CITE_BEFORE"]
    assert isinstance(before, _Counted) and before.calls == 2 * n
    assert before.searched <= 20 * before.calls, f"{before.searched} characters searched for {before.calls} citations"


class _SliceCounted(str):
    """A line's text that adds up the characters of every slice taken of it."""

    taken = [0]

    def __getitem__(self, key: Any) -> str:
        piece = str.__getitem__(self, key)
        if isinstance(key, slice):
            _SliceCounted.taken[0] += len(piece)
        return piece


@pytest.mark.parametrize(
    ("words", "closed"),
    [
        ("Comment: it holds. End comment. ", True),  # openings and ends
        ("summary and comment of note ", False),  # kind words in running text
        ("commentsummarynotetext", False),  # glued into one word: a step back over letters each
    ],
)
def test_a_line_of_many_block_words_is_scanned_without_copying_it_at_each(words: str, closed: bool, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # The scan for SUMMARY and COMMENT markers copied the line up to each kind word
    # (text[:k].rstrip(...)) and, at each opening, the rest of the line: a line of
    # 16,000 of them took 1.6 s, four times as many 4,000 took 40 ms.
    real_scan = read_scan._scan
    texts = [0]

    def scan(text: str, *args: Any) -> None:
        texts[0] += len(text)
        real_scan(_SliceCounted(text), *args)

    monkeypatch.setattr(read_scan, "_scan", scan)
    _SliceCounted.taken[0] = 0
    n = 1000
    cable = tmp_path / "words.cable"
    cable.write_text(SEED.read_text().replace("7.(U) There is no", "7.(U) Comment: " + words * n + "There is no"))
    found = check_json("--no-cache", "--select", "ALL", str(cable))
    # the paragraph's comment opens at column 7 and is closed by the words or not
    unclosed = [] if closed else [(7, "P007")]
    assert [(f["column"], f["code"]) for f in found if f["line"] == 44] == [(1, "P004"), *unclosed, (70, "F005")]
    assert _SliceCounted.taken[0] <= 2 * texts[0], f"{_SliceCounted.taken[0]} characters copied from {texts[0]} scanned"


class _Counting:
    """A sequence (before tuple or list among the bases) that adds up the items it
    hands out, one by one or sliced, in its class's ``handed``."""

    handed: list[int]

    def __iter__(self) -> Any:
        for item in super().__iter__():  # type: ignore[misc]
            type(self).handed[0] += 1
            yield item

    def __getitem__(self, key: Any) -> Any:
        got = super().__getitem__(key)  # type: ignore[misc]
        type(self).handed[0] += len(got) if isinstance(key, slice) else 1
        return got


class _CountedTags(_Counting, tuple):  # type: ignore[type-arg]
    """A list of tags that adds up the items it hands out."""

    handed = [0]


def _tags_cable(tmp_path, tags: str) -> str:  # type: ignore[no-untyped-def]
    cable = tmp_path / "tags.cable"
    cable.write_text(re.sub(r"(?m)^TAGS: .*$", lambda m: "TAGS: " + tags, SEED.read_text()))
    return str(cable)


def _edits(found: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(f["line"], f["column"], f["end_column"], f["code"], [(e["line"], e["column"], e["end_column"], e["replacement"]) for e in f["fix"]["edits"]] if f["fix"] else None) for f in found]


def test_a_list_of_unknown_codes_is_grouped_in_one_pass(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Whether unknown words in a row are free text ("COUNTER TERRORISM") was worked
    # out again from each word of the row: 8,000 unknown codes took 13 s.
    from cablelint.rules import h_tags

    real = h_tags.tag_groups
    monkeypatch.setattr(h_tags, "tag_groups", lambda tags, known: real(_CountedTags(tags), known))
    _CountedTags.handed[0] = 0
    n = 300
    found = check_json("--no-cache", "--select", "H007", _tags_cable(tmp_path, " ".join(["ZZZZ"] * n)))
    assert _edits(found) == [(23, 7 + 5 * k, 11 + 5 * k, "H007", None) for k in range(n)]
    assert _CountedTags.handed[0] <= 10 * n


def test_a_list_of_codes_in_capitals_is_read_in_one_regex_pass(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Read item by item, a 1 MB TAGS line of 200,000 codes took seconds: codes in
    # capitals apart by blanks or one comma are read in one pass of a regex, and the
    # tags and separators come out as the reading item by item gives them.
    from cablelint.grammar import read_tags

    real = read_tags._read_plain
    taken: list[bool] = []

    def counted(piece: Any, closed: bool) -> Any:
        got = real(piece, closed)
        taken.append(got is not None)
        return got

    monkeypatch.setattr(read_tags, "_read_plain", counted)
    n = 300
    tags = " ".join(["PREL", "PGOV"] * (n // 2)) + ", KDEM"
    found = check_json("--no-cache", "--select", "H006", _tags_cable(tmp_path, tags))
    end = 7 + len(tags)
    assert _edits(found) == [(23, 7, end, "H006", [(23, 7, end, tags.replace(",", ""))])]
    assert found[0]["message"] == "TAGS line mixes commas and spaces: expected one separator style, spaces as between most of its tags"
    assert taken == [True]


def test_a_list_parted_by_one_stray_mark_is_one_finding_found_in_one_pass(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # The finding's start, the tag before the first mark, was searched for at every
    # mark: 8,000 tags parted by ';' took 3.6 s to parse.
    from cablelint.grammar import read_tags

    real = read_tags._mark_problems
    monkeypatch.setattr(read_tags, "_mark_problems", lambda strays, inner, tags, piece: real(strays, inner, _CountedTags(tags), piece))
    _CountedTags.handed[0] = 0
    n = 300
    found = check_json("--no-cache", "--select", "H006", _tags_cable(tmp_path, ";".join(["ECON", "ETRD"] * (n // 2))))
    assert _edits(found) == [(23, 7, 7 + 5 * n - 1, "H006", [(23, 7, 7 + 5 * n - 1, " ".join(["ECON", "ETRD"] * (n // 2)))])]
    assert _CountedTags.handed[0] <= 10 * n


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a continuation line each mixing commas and spaces: a finding and a fix a line
        (
            "\n".join(["PGOV, SOCI KCRM,"] * 100) + " PGOV",
            [(23, 7, 23, "H006", [(23, 7, 23, "PGOV SOCI KCRM,")])]
            + [(24 + k, 1, 17, "H006", [(24 + k, 1, 17, "PGOV SOCI KCRM,")]) for k in range(98)]
            + [(122, 1, 22, "H006", [(122, 1, 22, "PGOV, SOCI, KCRM, PGOV")])],
        ),
        # tags in converter residue parted by stray marks: a finding and a fix a mark
        (
            "".join("[ECON](#);[ETRD](#)/" for _ in range(150)) + "PGOV",
            [(23, 16 + 20 * k + 10 * j, 17 + 20 * k + 10 * j, "H006", [(23, 16 + 20 * k + 10 * j, 17 + 20 * k + 10 * j, " ")]) for k in range(150) for j in (0, 1)],
        ),
    ],
)
def test_a_fix_for_each_of_many_tags_findings_looks_up_its_tags(lines: str, expected: list[tuple[Any, ...]], tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # The fix of each finding searched the whole list for the tags it touches and the
    # residue around them: 2,700 lines of mixed separators took 3.6 s.
    import dataclasses

    from cablelint.rules.h_tags import MalformedTagsLine

    real = MalformedTagsLine.check

    def check(self, cable, ctx):  # type: ignore[no-untyped-def]
        tags = None if cable.tags is None else dataclasses.replace(cable.tags, tags=_CountedTags(cable.tags.tags))
        return real(self, dataclasses.replace(cable, tags=tags), ctx)

    monkeypatch.setattr(MalformedTagsLine, "check", check)
    _CountedTags.handed[0] = 0
    found = check_json("--no-cache", "--select", "H006", _tags_cable(tmp_path, lines))
    assert _edits(found) == expected
    assert _CountedTags.handed[0] <= 30 * 300


class _CountedList(_Counting, list):  # type: ignore[type-arg]
    """A list that adds up the items it hands out."""

    handed = [0]


def test_a_cable_of_many_repeated_paragraph_numbers_is_numbered_in_one_pass(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Each repeated number looked back for the head it repeats through a copy of the
    # paragraphs before it: 16,000 heads "12." took P001 0.8 s, 4,000 took 50 ms.
    from cablelint.rules import p_numbering

    real = p_numbering._numbered
    monkeypatch.setattr(p_numbering, "_numbered", lambda cable: _CountedList(real(cable)))
    _CountedList.handed[0] = 0
    n = 300
    cable = tmp_path / "repeats.cable"
    cable.write_text(SEED.read_text().replace("7.(U) There is no", "7. (U) Again.\n\n" * n + "7.(U) There is no"))
    found = check_json("--no-cache", "--select", "P001", str(cable))
    assert [(f["line"], f["message"]) for f in found] == [(line, f"paragraph number 7 is used twice (also line {line - 2}): expected 8") for line in range(46, 46 + 2 * n, 2)]
    assert _CountedList.handed[0] <= 10 * n
