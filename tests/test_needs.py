"""A rule's ``needs``: the engine does not call a rule on a cable that lacks a part the
rule needs, and that never changes what is found. Each rule that declares needs is run
on every cable of the corpus (and of ../shared/real-cables, when present) that lacks
one of its parts, where it must find nothing; and the engine's findings, rules skipped,
are those of every rule run."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.files import LoadedFile
from cablelint.grammar.parser import parse_text
from cablelint.linter.engine import Linter
from cablelint.linter.rule import PARTS, Context, Rule, problems_by_field
from cablelint.model import Cable
from cablelint.rules import builtin_rules
from tests.conftest import CORPUS

NEEDING = [rule for rule in builtin_rules() if rule.needs]


def _missing(cable: Cable, ctx: Context, rule: type[Rule]) -> list[str]:
    """The parts *rule* needs that *cable* lacks, as the engine tells them apart."""
    return [part for part in rule.needs if not (ctx.shared(problems_by_field, cable) if part == "problems" else getattr(cable, part))]


def _findings_where_skipped(paths: list[Path]) -> tuple[dict[str, int], list[str]]:
    """Each needing rule run on each cable that lacks a part it needs: how many such
    cables each rule met, and what it found on them (which must be nothing)."""
    met = {rule.code: 0 for rule in NEEDING}
    found: list[str] = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", "replace")
        cable = parse_text(text)
        if not any(line.text for line in cable.lines):
            continue  # an empty file: only the F rules run
        ctx = Context(str(path), LoadedFile(str(path), text))
        for rule in NEEDING:
            if cable.dialect not in rule.dialects or not _missing(cable, ctx, rule):
                continue
            met[rule.code] += 1
            found += [f"{path.name}: {rule.code} lacks {_missing(cable, ctx, rule)} but finds {f.message!r}" for f in rule().check(cable, ctx)]
    return met, found


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*/*.cable"))


def test_every_part_a_rule_needs_is_one_the_engine_knows() -> None:
    assert NEEDING
    for rule in NEEDING:
        assert isinstance(rule.needs, tuple) and set(rule.needs) <= set(PARTS), rule.code


def test_a_rule_finds_nothing_on_a_corpus_cable_that_lacks_a_part_it_needs() -> None:
    met, found = _findings_where_skipped(_corpus())
    assert found == []
    # every cable of the corpus that has text has numbered paragraphs; each other part
    # is missing from one at least, so each rule that needs no paragraphs was tried
    assert {code for code, n in met.items() if n == 0} == {rule.code for rule in NEEDING if "paragraphs" in rule.needs and len(rule.needs) == 1}


def test_a_rule_finds_nothing_on_a_real_cable_that_lacks_a_part_it_needs(real_cables: list[Path]) -> None:
    met, found = _findings_where_skipped(real_cables)
    assert found == []
    assert [code for code, n in met.items() if n == 0] == []  # (3 real cables have no numbered paragraph)


def _all_rules_run(linter: Linter) -> Linter:
    """*linter* with every rule's needs cleared: each rule runs on every cable."""
    for rule in linter.rules.values():
        if rule.needs:
            rule.needs = ()  # (on the instance: the class keeps its declaration)
    return linter


@pytest.mark.parametrize("paths", ["corpus", "real"])
def test_the_engine_finds_the_same_with_the_rules_it_skips(paths: str, request: pytest.FixtureRequest) -> None:
    files = _corpus() if paths == "corpus" else request.getfixturevalue("real_cables")[::5]
    skipping, running = Linter(), _all_rules_run(Linter())
    for path in files:
        loaded = LoadedFile(str(path), path.read_bytes().decode("utf-8", "replace"))
        assert skipping.lint_file(loaded) == running.lint_file(loaded), path.name
    assert skipping.crashes == running.crashes == []
