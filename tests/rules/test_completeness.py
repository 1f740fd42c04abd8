"""Every registered rule is tested, documented and well-formed."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import tests.rules
from cablelint.linter.registry import CODE_RE, NAME_RE, load_registry
from tests.rules.cases import Case

# F000 is about files that cannot be opened, which a text case cannot show;
# tests/rules/test_f_file.py tests it on real paths.
NOT_CASE_TESTED = {"F000"}


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for info in pkgutil.iter_modules(tests.rules.__path__):
        if info.name.startswith("test_"):
            module = importlib.import_module(f"tests.rules.{info.name}")
            cases.extend(getattr(module, "CASES", []))
    return cases


RULES = load_registry().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_failing_and_passing_cases(rule) -> None:
    if rule.code in NOT_CASE_TESTED:
        return
    cases = [c for c in all_cases() if c.code == rule.code]
    assert any(not c.passing for c in cases), f"{rule.code} has no case where it fires"
    assert any(c.passing for c in cases), f"{rule.code} has no case where it stays quiet"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule) -> None:
    doc = rule.__doc__ or ""
    assert rule.summary(), f"{rule.code} has no summary line"
    assert "Why" in doc and "Bad" in doc and "Good" in doc, f"{rule.code} docstring lacks Why/Bad/Good"
    assert CODE_RE.fullmatch(rule.code) and NAME_RE.fullmatch(rule.name)


def test_codes_and_names_unique() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)


def _codes(listed: str) -> set[str]:
    """'R001-R003, R011' -> {'R001', 'R002', 'R003', 'R011'}."""
    out = set()
    for part in listed.split(", "):
        first, _, last = part.partition("-")
        out.update(f"{first[0]}{n:03d}" for n in range(int(first[1:]), int((last or first)[1:]) + 1))
    return out


def test_each_rule_module_is_named_by_its_family_and_listed_with_its_codes() -> None:
    """A rule's code leads to its file in one step: the module's name starts with the
    family letter, and the package docstring lists each module with its codes."""
    import cablelint.rules as package

    listed = {}
    for line in (package.__doc__ or "").splitlines():
        if match := re.fullmatch(r"    ([a-z]_\w+) +([A-Z]\d{3}[-, A-Z0-9]*?) {2,}\S.*", line):
            listed[match[1]] = _codes(match[2])
    assert list(listed) == list(package.FAMILY_MODULES)
    for name in package.FAMILY_MODULES:
        codes = {rule.code for rule in importlib.import_module(f"cablelint.rules.{name}").RULES}
        assert {code[0].lower() for code in codes} == {name[0]}, name
        assert codes == listed[name], name
