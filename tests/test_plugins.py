"""Third-party rules: a real distribution, installed in the test, found through the
``cablelint.rules`` entry point group and run by the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import CORPUS, run_command

# One installed plugin; MYPOST_MODE makes it misbehave for the error-path tests.
PLUGIN_MODULE = '''
"""Rules for a post's own conventions."""
import os
import subprocess
import sys

from cablelint.linter.rule import Edit, Finding, Fix, Rule
from cablelint.span import Span

MODE = os.environ.get("MYPOST_MODE", "")
if MODE == "broken":
    raise RuntimeError("broken plugin")
if MODE == "exit":
    raise SystemExit("plugin called sys.exit at import")
if MODE == "print":
    print("mypost rules: loaded")
if MODE == "write-fd":  # past sys.stdout, to the descriptor itself
    os.write(1, b"mypost rules: loaded\\n")


class NoDraftingOfficer(Rule):
    """Flags a subject that mentions the word TEST.

    Why: our post reserves TEST for exercises.

    Bad: ``SUBJECT: TEST MESSAGE``

    Good: ``SUBJECT: ELECTIONS``
    """

    code = "F004" if MODE == "clash" else "ZZ101"
    name = {"hijack": "h", "hijack-code": "r003", "clash-name": "missing-tags-line"}.get(MODE, "test-subject")
    severity = "warning"
    fixable = MODE != "unfixable"
    help_uri = {"help-uri": "https://post.example.org/rules#zz101", "relative-uri": "rules.html#zz101"}.get(MODE)
    default_enabled = "no" if MODE == "enabled-text" else True
    needs = {"needs-absent": ("subparagraphs",), "needs-present": ("references", "paragraphs"), "needs-unknown": ("refs",)}.get(MODE, ())

    def check(self, cable, ctx):
        if MODE == "raise":
            raise ValueError("plugin bug in check")
        if MODE == "print":
            print("mypost rules: checking", ctx.path)
        if MODE == "print-lines":  # (many long lines, each print() in many words)
            for k in range(30):
                print("mypost rules: line", k, "of", ctx.path, *["word"] * 40, "end")
        if MODE == "write-fd":  # (and a process it starts, which inherits descriptor 1)
            os.write(1, f"mypost rules: checking {ctx.path}\\n".encode())
            # (its line in one write: under --jobs another worker writes to the same pipe)
            subprocess.run([sys.executable, "-c", "import os; os.write(1, b'mypost rules: a child checking\\\\n')"], check=True)
        if MODE == "read-fd":  # what a process it starts reads as its standard input
            child = "import os, sys; print('mypost rules: a child reads', 'nothing' if os.path.samestat(os.fstat(0), os.stat(os.devnull)) else 'something', file=sys.stderr)"
            subprocess.run([sys.executable, "-c", child], check=True)
        if cable.subject is None or "TEST" not in cable.subject.text.upper():
            return
        span = cable.subject.span
        if MODE == "bad-span":
            yield Finding(Span(0, -3, 9999, 1, 5, 2), "a span from nowhere")
        elif MODE == "not-a-span":
            yield Finding(cable.lines[0].span, "the method, not its result")
        elif MODE == "moved-span":  # line 20's lines and columns, line 1's offsets
            yield Finding(Span(span.line, span.column, span.end_line, span.end_column, 0, span.end - span.start), "a span at two places")
        elif MODE == "number-message":
            yield Finding(span, 42)
        elif MODE == "past-end":  # (each file's size in the error)
            yield Finding(Span(1, 1, 1, 1, 0, len(ctx.file.text) + 1), "a span past the end")
        elif MODE == "fatal":
            yield Finding(span, "a severity no one knows", severity="fatal")
        elif MODE == "moved-edit":  # a sound finding whose fix edits a span of its own, moved
            moved = Span(span.line, span.column, span.end_line, span.end_column, 0, span.end - span.start)
            yield Finding(span, "subject mentions TEST: expected a real subject", Fix((Edit(moved, "SUBJECT: X"),)))
        elif MODE in ("overlap", "unfixable", "no-edits"):
            edits = () if MODE == "no-edits" else (Edit(span, "SUBJECT: X"), Edit(span, "SUBJECT: Y"))
            if MODE == "unfixable":
                edits = edits[:1]
            yield Finding(span, "subject mentions TEST: expected a real subject", Fix(edits))
        else:
            yield Finding(span, "subject mentions TEST: expected a real subject")


if MODE == "no-check":
    del NoDraftingOfficer.check
RULES = [NoDraftingOfficer() if MODE == "instance" else NoDraftingOfficer]
'''


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _install(tmp_path_factory.mktemp("plugin"), PLUGIN_MODULE, "mypost_rules:RULES")


def _install(tmp_path: Path, module: str, entry: str, others: dict[str, str] | None = None, editable: bool = False) -> Path:
    """Build and install the distribution of *module* (``mypost_rules``) and the
    modules *others* maps names to the text of into ``tmp_path/site``; *editable*:
    as ``pip install -e`` does, the modules left in ``tmp_path/plugin``."""
    project = tmp_path / "plugin"
    project.mkdir()
    (project / "mypost_rules.py").write_text(module, encoding="utf-8")
    for name, text in (others or {}).items():
        (project / f"{name}.py").write_text(text, encoding="utf-8")
    modules = ["mypost_rules", *(others or {})]
    (project / "pyproject.toml").write_text(
        textwrap.dedent(
            f"""
            [build-system]
            requires = ["setuptools>={64 if editable else 61}"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "mypost-cablelint-rules"
            version = "1.0"

            [tool.setuptools]
            py-modules = {json.dumps(modules)}

            [project.entry-points."cablelint.rules"]
            mypost = "{entry}"
            """
        ),
        encoding="utf-8",
    )
    target = tmp_path / "site"
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), *(["--editable"] if editable else []), str(project)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.skip(f"cannot {'make an editable install' if editable else 'build the plugin distribution'} here: {proc.stderr.strip()[-300:]}")
    if not editable:
        assert list(target.glob("mypost_cablelint_rules-1.0.dist-info/entry_points.txt"))
    return target


def _env(site: Path | None, mode: str = "") -> dict[str, str]:
    """The environment of a process that has the plugin installed in *site* (None:
    not installed), behaving as *mode* says."""
    return dict(os.environ, MYPOST_MODE=mode, PYTHONPATH=os.pathsep.join([str(site or ""), os.environ.get("PYTHONPATH", "")]))


def _run(site: Path, *args: str, mode: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cablelint", *args], capture_output=True, text=True, env=_env(site, mode), check=False)


def _test_cable(tmp_path: Path) -> Path:
    """A valid cable whose subject mentions TEST, which the plugin's rule reports."""
    cable = tmp_path / "test.cable"
    text = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_text(encoding="utf-8")
    cable.write_text(text.replace("SUBJECT: MOROCCO:", "SUBJECT: TEST MOROCCO:"), encoding="utf-8")
    return cable


def test_installed_plugin_rule_is_listed_selected_and_run(site: Path, tmp_path: Path) -> None:
    cable = _test_cable(tmp_path)

    listed = _run(site, "rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert {"code": "ZZ101", "name": "test-subject"}.items() <= next(r for r in json.loads(listed.stdout) if r["code"] == "ZZ101").items()

    checked = _run(site, "check", "--format", "json", str(cable))
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(checked.stdout)]
    assert ("ZZ101", 20, 1) in found
    assert checked.returncode == 1

    ignored = _run(site, "check", "--format", "json", "--ignore", "test-subject", str(cable))
    assert "ZZ101" not in {d["code"] for d in json.loads(ignored.stdout)}

    explained = _run(site, "rule", "ZZ101")
    assert "our post reserves TEST" in explained.stdout


@pytest.mark.parametrize("mode, runs", [("", True), ("needs-present", True), ("needs-absent", False)])
def test_a_plugin_rule_runs_only_on_a_cable_that_has_the_parts_it_needs(site: Path, tmp_path: Path, mode: str, runs: bool) -> None:
    # the test cable has REF entries and numbered paragraphs, and no lettered sub-paragraph
    checked = _run(site, "check", "--format", "json", str(_test_cable(tmp_path)), mode=mode)
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(checked.stdout)]
    assert (("ZZ101", 20, 1) in found) is runs


def test_a_plugin_rule_that_needs_an_unknown_part_is_a_clear_error(site: Path) -> None:
    proc = _run(site, "rules", mode="needs-unknown")
    assert proc.returncode == 2 and "rule ZZ101 needs unknown parts ['refs']: expected some of routing, eo, tags," in proc.stderr
    assert "Traceback" not in proc.stderr


def test_plugin_with_a_clashing_code_is_a_clear_error(site: Path) -> None:
    proc = _run(site, "check", str(CORPUS / "real"), mode="clash")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        "cablelint: plugin entry point 'mypost' (mypost_rules:RULES): rule code F004 is already used by"
        " cablelint's built-in rule F004 (rendering-residue): expected a code of its own (letters of your own,"
        " such as ZZ101: cablelint's families A, C, F, H, P, R, S and X take their next free numbers)\n"
    )


def test_plugin_with_a_clashing_name_is_a_clear_error(site: Path) -> None:
    proc = _run(site, "rules", mode="clash-name")
    assert proc.returncode == 2
    assert proc.stderr == (
        "cablelint: plugin entry point 'mypost' (mypost_rules:RULES): rule name missing-tags-line is already used by"
        " cablelint's built-in rule H005 (missing-tags-line): expected a name of its own (words of your own, such as 'post-tags')\n"
    )


def test_an_entry_point_naming_a_module_is_a_clear_error(tmp_path: Path) -> None:
    site = _install(tmp_path, PLUGIN_MODULE, "mypost_rules")
    proc = _run(site, "rules")
    assert proc.returncode == 2
    assert proc.stderr == (
        "cablelint: plugin entry point 'mypost' (mypost_rules): names the module mypost_rules, not a rule in it:"
        " expected 'mypost_rules:ClassName' (a Rule subclass or a list of them)\n"
    )


def test_plugin_that_fails_to_import_is_a_clear_error(site: Path) -> None:
    proc = _run(site, "rules", mode="broken")
    assert proc.returncode == 2
    assert "broken plugin" in proc.stderr and "Traceback" not in proc.stderr


def test_plugin_that_exits_at_import_is_a_clear_error(site: Path) -> None:
    proc = _run(site, "rules", mode="exit")
    assert proc.returncode == 2 and "cannot be loaded: SystemExit: plugin called sys.exit at import" in proc.stderr


@pytest.mark.parametrize(
    "mode, words",
    [
        ("relative-uri", "rule ZZ101's help_uri 'rules.html#zz101' is not an absolute URI: expected its page's address, such as 'https://post.example.org/rules#zz101'"),
        ("enabled-text", "rule ZZ101's default_enabled 'no' is not True or False"),
        ("instance", "a NoDraftingOfficer object is not a cablelint Rule subclass: expected the class itself (NoDraftingOfficer, not NoDraftingOfficer())"),
        ("no-check", "rule ZZ101 has no check method: expected `def check(self, cable, ctx)` yielding its findings"),
    ],
)
def test_a_plugin_rule_sarif_or_the_run_could_not_use_is_refused_when_loaded(site: Path, tmp_path: Path, mode: str, words: str) -> None:
    # (SARIF wants an absolute helpUri and a boolean enabled; without check, every file
    # would fail with an empty NotImplementedError)
    proc = _run(site, "check", "--format", "sarif", str(_test_cable(tmp_path)), mode=mode)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"cablelint: plugin entry point 'mypost' (mypost_rules:RULES): {words}\n"


@pytest.mark.parametrize("mode, name", [("hijack", "'h'"), ("hijack-code", "'r003'")])
def test_a_plugin_name_that_reads_as_a_selector_is_refused(site: Path, mode: str, name: str) -> None:
    proc = _run(site, "rules", mode=mode)
    assert proc.returncode == 2 and f"rule name {name} reads as a code, a family or ALL" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "mode, words",
    [
        ("raise", "ValueError: plugin bug in check"),
        ("bad-span", "yielded a span outside the text"),
        ("not-a-span", "yielded a span that is not a Span but method"),
        ("fatal", "yielded a finding of severity 'fatal'"),
        ("moved-span", "yielded a span whose offsets (0 to 64) are not its lines and columns (line 20, column 1 to line 20, column 65, offsets 391 to 455)"),
        ("number-message", "yielded a finding whose message is int, not text"),
    ],
)
def test_a_plugin_rule_bug_names_the_plugin_and_the_rest_is_linted(site: Path, tmp_path: Path, mode: str, words: str) -> None:
    cable = _test_cable(tmp_path)
    other = tmp_path / "other.cable"
    other.write_text(cable.read_text(encoding="utf-8").replace("NEW BUDGET", "NEW\x00BUDGET"), encoding="utf-8")
    for fmt in ("json", "sarif"):
        proc = _run(site, "check", "--format", fmt, str(cable), str(other), mode=mode)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert proc.stderr.count("\n") == 1, proc.stderr  # one line for the bug, for both files
        assert "rule ZZ101 from plugin entry point 'mypost'" in proc.stderr and "and 1 other file" in proc.stderr
        assert words in proc.stderr and "report it to its authors" in proc.stderr
        assert "F002" in proc.stdout  # the other rules ran
        if fmt == "json":  # the unusable finding is not reported
            assert [d["code"] for d in json.loads(proc.stdout)] == ["F002"]


def test_a_plugin_that_prints_leaves_standard_output_to_the_report(site: Path, tmp_path: Path) -> None:
    """What a plugin prints, when imported or in its rule's check, goes to standard
    error: JSON and SARIF stay readable (with --jobs too, its workers)."""
    cable = _test_cable(tmp_path)
    other = tmp_path / "other.cable"
    other.write_text(cable.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (("--format", "json"), ("--format", "sarif"), ("--format", "json", "--jobs", "2")):
        proc = _run(site, "check", "--no-cache", *args, str(cable), str(other), mode="print")
        assert proc.returncode == 1, proc.stderr
        found = json.loads(proc.stdout)
        results = found["runs"][0]["results"] if args[1] == "sarif" else found
        assert len([r for r in results if r.get("code", r.get("ruleId")) == "ZZ101"]) == 2
        # (two --jobs workers print at once: each line whole, in either order)
        assert "mypost rules: loaded\n" in proc.stderr and proc.stderr.count("mypost rules: checking") == 2
        assert str(cable) in proc.stderr and str(other) in proc.stderr
    listed = _run(site, "rules", "--format", "json", mode="print")
    assert "ZZ101" in {r["code"] for r in json.loads(listed.stdout)} and listed.stderr == "mypost rules: loaded\n"


def test_a_plugin_s_lines_printed_in_jobs_workers_come_out_whole_when_unbuffered(site: Path, tmp_path: Path) -> None:
    """Under PYTHONUNBUFFERED=1 a worker's standard error wrote each piece of a
    print() (its words, the blanks, the line end) as it came, and two --jobs workers
    printing at once cut into each other's lines: 139 of 1,200 lines split in a run
    of 60 files. Each line now goes out whole, as without the variable."""
    text = _test_cable(tmp_path).read_text(encoding="utf-8")
    paths = []
    for k in range(24):
        path = tmp_path / f"c{k:02}.cable"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    env = dict(_env(site, "print-lines"), PYTHONUNBUFFERED="1")
    proc = subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", "--format", "json", "-j", "2", *paths], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 1, proc.stderr
    assert [d["code"] for d in json.loads(proc.stdout)] == ["ZZ101"] * 24
    words = " word" * 40
    expected = sorted(f"mypost rules: line {k} of {path}{words} end" for path in paths for k in range(30))
    assert sorted(line for line in proc.stderr.splitlines() if line) == expected


def test_a_plugin_that_writes_to_descriptor_1_leaves_standard_output_to_the_report(site: Path, tmp_path: Path) -> None:
    """Past sys.stdout: what a plugin writes to descriptor 1 itself, when imported
    and in its rule's check (os.write(1, ...), a process it starts), goes to
    standard error: JSON, SARIF and JUnit stay whole (with --jobs too, its workers)."""
    import xml.etree.ElementTree as ET

    cable = _test_cable(tmp_path)
    other = tmp_path / "other.cable"
    other.write_text(cable.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (("--format", "json"), ("--format", "sarif"), ("--format", "junit"), ("--format", "json", "--jobs", "2")):
        proc = _run(site, "check", "--no-cache", *args, str(cable), str(other), mode="write-fd")
        assert proc.returncode == 1, proc.stderr
        if args[1] == "junit":
            codes = [f.get("type") for f in ET.fromstring(proc.stdout).iter("failure")]
        else:
            found = json.loads(proc.stdout)
            codes = [r["ruleId"] for r in found["runs"][0]["results"]] if args[1] == "sarif" else [d["code"] for d in found]
        assert codes.count("ZZ101") == 2
        lines = proc.stderr.splitlines()
        assert "mypost rules: loaded" in lines
        checking = [f"mypost rules: checking {cable}", f"mypost rules: checking {other}"] + ["mypost rules: a child checking"] * 2
        assert sorted(line for line in lines if line != "mypost rules: loaded") == sorted(checking)


RUNS_TWICE = """
import os, sys
from cablelint.cli import main

for args in (["check", "--format", "json", sys.argv[1]], ["check", "--format", "json", "--config", "missing.toml", sys.argv[1]]):
    try:
        main(args)
    except SystemExit as exc:
        os.write(1, f"exit {exc.code}\\n".encode())
"""


def test_check_gives_descriptor_1_back_however_it_ends(site: Path, tmp_path: Path) -> None:
    """A check run puts descriptor 1 back when it ends, with findings or failing (a
    configuration that cannot be read): what the process writes to it after goes to
    standard output again, after the report."""
    cable = _test_cable(tmp_path)
    proc = subprocess.run([sys.executable, "-c", RUNS_TWICE, str(cable)], capture_output=True, text=True, env=_env(site, "write-fd"), cwd=tmp_path, check=False)
    assert proc.returncode == 0, proc.stderr
    *report, first, second = proc.stdout.splitlines()
    assert [d["code"] for d in json.loads("\n".join(report)) if d["code"] == "ZZ101"] == ["ZZ101"]
    assert (first, second) == ("exit 1", "exit 2")
    assert proc.stderr.splitlines() == [
        "mypost rules: loaded",
        f"mypost rules: checking {cable}",
        "mypost rules: a child checking",
        "cablelint: missing.toml: no such configuration file",
    ]


LOUD_RULE = '''
from cablelint.linter.rule import Rule


class Loud(Rule):
    """Says hello when made.

    Why: a test.

    Bad: ``X``

    Good: ``Y``
    """

    code = "ZZ901"
    name = "loud"
    severity = "warning"

    def __init__(self):
        print("loud rule: made")

    def check(self, cable, ctx):
        return iter(())
'''


def test_a_plugin_rule_that_prints_when_made_leaves_show_settings_to_standard_output(tmp_path: Path) -> None:
    site = _install(tmp_path, LOUD_RULE, "mypost_rules:Loud")
    proc = _run(site, "check", "--show-settings")
    assert proc.returncode == 0, proc.stderr
    assert "loud rule: made" not in proc.stdout and proc.stderr == "loud rule: made\n"
    assert "  ZZ901  loud" in proc.stdout


LIBRARY_CALLER = """
import sys
from cablelint.linter.engine import Linter
import mypost_rules

# what the caller's other threads would see while the plugin rule checks the file
seen = []
check = mypost_rules.NoDraftingOfficer.check
def watched(self, cable, ctx):
    seen.append(sys.stdout is sys.__stdout__)
    yield from check(self, cable, ctx)
mypost_rules.NoDraftingOfficer.check = watched
path = sys.argv[1]
found = Linter().lint_text(open(path, encoding="utf-8").read(), path)
print([d.code for d in found if d.code == "ZZ101"], seen)
"""


def test_a_library_caller_s_standard_output_is_not_swapped_while_a_plugin_rule_checks(site: Path, tmp_path: Path) -> None:
    """sys.stdout is the whole process's: a Linter made by a library caller leaves
    it alone (its other threads keep their prints), and what the plugin prints goes
    where the caller's does; the CLI tells its Linter to send it to standard error."""
    cable = _test_cable(tmp_path)
    proc = subprocess.run([sys.executable, "-c", LIBRARY_CALLER, str(cable)], capture_output=True, text=True, env=_env(site, "print"), check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["mypost rules: loaded", f"mypost rules: checking {cable}", "['ZZ101'] [True]"]
    assert proc.stderr == ""


def test_a_plugin_bug_is_one_line_when_only_its_figures_differ_between_files(site: Path, tmp_path: Path) -> None:
    cable = _test_cable(tmp_path)
    longer = tmp_path / "longer.cable"
    longer.write_text(cable.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    size = len(cable.read_text(encoding="utf-8"))
    proc = _run(site, "check", "--select", "ZZ101", str(cable), str(longer), mode="past-end")
    assert proc.returncode == 2
    assert proc.stderr == (
        f"cablelint: rule ZZ101 from plugin entry point 'mypost' (mypost_rules:RULES) failed on {cable} and 1 other file"
        f" (with other figures there): yielded a span outside the text (offsets 0 to {size + 1} in {size} characters)"
        " (a bug in that plugin: report it to its authors)\n"
    )


@pytest.mark.parametrize(
    "mode, words",
    [
        ("overlap", "yielded a fix whose edits overlap"),
        # (the engine does not check again an edit of its finding's very span; another is)
        ("moved-edit", "yielded a fix with a span whose offsets (0 to 64) are not its lines and columns"),
        ("no-edits", "yielded a fix without edits"),
        ("unfixable", "yielded a fix, but the rule is not marked fixable"),
    ],
)
def test_a_plugin_fix_that_is_not_safe_is_never_applied(site: Path, tmp_path: Path, mode: str, words: str) -> None:
    cable = _test_cable(tmp_path)
    before = cable.read_bytes()
    proc = _run(site, "check", "--fix", "--format", "json", str(cable), mode=mode)
    assert cable.read_bytes() == before
    assert proc.returncode == 2 and words in proc.stderr and "Traceback" not in proc.stderr
    assert [d["fix"] for d in json.loads(proc.stdout) if d["code"] == "ZZ101"] == [None]  # the finding stands


def test_rule_says_which_plugin_a_rule_comes_from_and_links_its_page(site: Path) -> None:
    page = _run(site, "rule", "ZZ101", mode="help-uri").stdout
    assert "Dialects: telegram, cablegate, markdown, draft.\nFrom: plugin entry point 'mypost' (mypost_rules:RULES).\nMore: https://post.example.org/rules#zz101\n" in page
    as_json = json.loads(_run(site, "rule", "ZZ101", "--format", "json", mode="needs-present").stdout)
    assert (as_json["plugin"], as_json["help_uri"], as_json["needs"]) == ("plugin entry point 'mypost' (mypost_rules:RULES)", None, ["references", "paragraphs"])
    listed = {r["code"]: r for r in json.loads(_run(site, "rules", "--format", "json", mode="help-uri").stdout)}
    assert (listed["ZZ101"]["plugin"], listed["ZZ101"]["help_uri"]) == ("plugin entry point 'mypost' (mypost_rules:RULES)", "https://post.example.org/rules#zz101")
    assert (listed["H005"]["plugin"], listed["H005"]["help_uri"]) == (None, "https://github.com/cablelint/cablelint/blob/main/docs/rules.md#h005-missing-tags-line")
    assert "From:" not in _run(site, "rule", "H005").stdout


def test_rules_markdown_says_which_plugin_a_rule_comes_from_and_links_its_page(site: Path) -> None:
    proc = _run(site, "rules", "--format", "markdown", mode="help-uri")
    assert proc.returncode == 0, proc.stderr
    sections = {part.split("\n", 1)[0]: part for part in proc.stdout.split("\n## ")[1:]}
    # each fact an item of a list (lines one under the other would be one paragraph)
    assert (
        "\n\n- Default: warning, on. Fixable: yes. Dialects: telegram, cablegate, markdown, draft.\n"
        "- From: plugin entry point 'mypost' (mypost_rules:RULES).\n- More: <https://post.example.org/rules#zz101>\n\n"
    ) in sections["ZZ101 test-subject"]
    assert "From:" not in sections["H005 missing-tags-line"] and "More:" not in sections["H005 missing-tags-line"]
    assert "\n\n- Default: error, on. Fixable: no. Dialects: telegram, cablegate, markdown, draft.\n\n" in sections["H005 missing-tags-line"]
    plain = _run(site, "rules", "--format", "markdown").stdout  # without a page of its own: no More
    assert "Dialects: telegram, cablegate, markdown, draft.\n- From: plugin entry point 'mypost' (mypost_rules:RULES).\n\n" in plain and "More:" not in plain


def test_show_settings_says_where_a_plugin_rule_comes_from(site: Path) -> None:
    proc = _run(site, "check", "--show-settings", "--select", "ZZ101,H005")
    assert proc.returncode == 0, proc.stderr
    rules = [line.split() for line in proc.stdout.splitlines() if line.startswith("  ") and line.split()[0] in ("H005", "ZZ101")]
    assert rules == [["H005", "missing-tags-line", "error"], ["ZZ101", "test-subject", "warning", "[from", "plugin", "entry", "point", "'mypost'", "(mypost_rules:RULES)]"]]


def test_sarif_gives_a_plugin_rule_its_own_page_or_none(site: Path, tmp_path: Path) -> None:
    cable = _test_cable(tmp_path)
    for mode, uri in (("", None), ("help-uri", "https://post.example.org/rules#zz101")):
        log = json.loads(_run(site, "check", "--format", "sarif", str(cable), mode=mode).stdout)
        (rule,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "ZZ101"]
        assert rule.get("helpUri") == uri  # never a link into cablelint's own catalog, which lacks it
        # its help is its page, as `rule` and `rules --format markdown` give it
        assert "\nFrom: plugin entry point 'mypost' (mypost_rules:RULES).\n" in rule["help"]["text"]
        assert "\n- From: plugin entry point 'mypost' (mypost_rules:RULES).\n" in rule["help"]["markdown"]
        (builtin,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "H005"]
        assert "From:" not in builtin["help"]["text"] + builtin["help"]["markdown"]


def test_a_changed_plugin_is_not_answered_from_the_cache(site: Path, tmp_path: Path) -> None:
    """The files of a plugin's package are part of the cache's key, as cablelint's own."""
    import shutil

    mine = tmp_path / "site"
    shutil.copytree(site, mine)
    cable = _test_cable(tmp_path)

    def messages() -> list[str]:
        proc = _run(mine, "check", "--format", "json", str(cable))
        return [d["message"] for d in json.loads(proc.stdout) if d["code"] == "ZZ101"]

    assert messages() == ["subject mentions TEST: expected a real subject"]
    [stored] = Path(os.environ["CABLELINT_CACHE_DIR"]).glob("v3/*/*.shard")
    assert "expected a real subject" in stored.read_text(encoding="utf-8")
    assert messages() == ["subject mentions TEST: expected a real subject"]  # (from the cache)
    module = mine / "mypost_rules.py"
    module.write_text(module.read_text(encoding="utf-8").replace("expected a real subject", "expected another subject"), encoding="utf-8")
    assert messages() == ["subject mentions TEST: expected another subject"]


def test_installing_or_removing_a_plugin_is_not_answered_from_the_cache(site: Path, tmp_path: Path) -> None:
    """A run answered from the cache still finds the plugin (its rule is in the key
    and its findings are kept) without importing a built-in rule module; the same
    file checked without the plugin is linted afresh, and with it again is not
    answered by that entry."""
    cable = _test_cable(tmp_path)

    def check(plugin: bool) -> tuple[list[str], str, list[str]]:
        out, status, modules = run_command(tmp_path, "check", "--format", "json", str(cable), env=_env(site if plugin else None))
        return sorted({d["code"] for d in json.loads(out)}), status, sorted(m for m in modules if m.startswith(("cablelint.rules", "mypost")))

    codes, status, modules = check(plugin=True)
    assert "ZZ101" in codes and status == "exit 1"
    assert "cablelint.rules.h_tags" in modules  # linted: the rule modules were imported
    assert check(plugin=True) == (codes, status, ["cablelint.rules", "cablelint.rules.index", "mypost_rules"])
    without, status, modules = check(plugin=False)
    assert without == [c for c in codes if c != "ZZ101"] and "cablelint.rules.h_tags" in modules
    assert check(plugin=False)[2] == ["cablelint.rules", "cablelint.rules.index"]  # (cached now)
    assert check(plugin=True)[0] == codes  # not the entry without it (that of the same plugin, sound)


WORDS_RULE = '''
from cablelint.linter.rule import Finding, Rule
from mypost_words import BANNED


class BannedWord(Rule):
    """A subject with a word of the post's list.

    Why: our post keeps a list.

    Bad: ``SUBJECT: MUNICIPAL``

    Good: ``SUBJECT: CITY``
    """

    code = "ZZ501"
    name = "banned-word"
    severity = "warning"

    def check(self, cable, ctx):
        for word in BANNED:
            if cable.subject is not None and word in cable.subject.text:
                yield Finding(cable.subject.span, f"subject has {word!r}: expected none of the post's banned words")
'''


def test_a_changed_module_of_the_plugin_s_distribution_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    """A rule's module may use the distribution's other modules (its word list here):
    their files key the cache as well as the rule's own module's."""
    site = _install(tmp_path, WORDS_RULE, "mypost_rules:BannedWord", {"mypost_words": 'BANNED = ("MUNICIPAL",)\n'})
    cable = _test_cable(tmp_path)

    def messages() -> list[str]:
        proc = _run(site, "check", "--format", "json", "--select", "ZZ501", str(cable))
        return [d["message"] for d in json.loads(proc.stdout)]

    assert messages() == ["subject has 'MUNICIPAL': expected none of the post's banned words"]
    [stored] = Path(os.environ["CABLELINT_CACHE_DIR"]).glob("v3/*/*.shard")
    assert "banned words" in stored.read_text(encoding="utf-8")
    assert messages() == ["subject has 'MUNICIPAL': expected none of the post's banned words"]  # (from the cache)
    (site / "mypost_words.py").write_text('BANNED = ("MUNICIPAL", "COUNCILS")\n', encoding="utf-8")
    assert messages() == ["subject has 'MUNICIPAL': expected none of the post's banned words", "subject has 'COUNCILS': expected none of the post's banned words"]


def test_a_record_entry_that_cannot_be_looked_at_keeps_the_cache_on(tmp_path: Path) -> None:
    """A RECORD line naming a path under a file (or under a folder that cannot be
    read) is no file to look at, as a gone one: said in the key, and the results
    still cached (any error there turned the cache off for every run)."""
    site = _install(tmp_path, WORDS_RULE, "mypost_rules:BannedWord", {"mypost_words": 'BANNED = ("MUNICIPAL",)\n'})
    [record] = site.glob("mypost_cablelint_rules-1.0.dist-info/RECORD")
    with record.open("a", encoding="utf-8") as out:
        out.write("mypost_words.py/x,,\n")
    cable = _test_cable(tmp_path)
    proc = _run(site, "check", "--format", "json", "--select", "ZZ501", str(cable))
    assert [d["message"] for d in json.loads(proc.stdout)] == ["subject has 'MUNICIPAL': expected none of the post's banned words"]
    assert len(list(Path(os.environ["CABLELINT_CACHE_DIR"]).glob("v3/*/*.shard"))) == 1


def test_a_record_entry_outside_the_distribution_s_folder_is_not_looked_at(tmp_path: Path) -> None:
    """RECORD's paths are relative to the folder holding the .dist-info, or absolute:
    one that leads out of it (``../../bin/x``, a script; an absolute path a RECORD
    written by hand names) is no module of the plugin's: changing it keeps the
    cached results, while a module of the distribution still keys them."""
    site = _install(tmp_path, WORDS_RULE, "mypost_rules:BannedWord", {"mypost_words": 'BANNED = ("MUNICIPAL",)\n'})
    outside, elsewhere = tmp_path / "outside.txt", tmp_path / "elsewhere.txt"
    outside.write_text("one\n", encoding="utf-8")
    [record] = site.glob("mypost_cablelint_rules-1.0.dist-info/RECORD")
    with record.open("a", encoding="utf-8") as out:
        out.write(f"../outside.txt,,\n{elsewhere},,\n")  # (relative to site/, which holds the .dist-info)
    cable = _test_cable(tmp_path)

    def check() -> tuple[list[str], bool]:
        out, status, modules = run_command(tmp_path, "check", "--format", "json", "--select", "ZZ501", str(cable), env=_env(site))
        return [d["message"] for d in json.loads(out)], "cablelint.rules.h_tags" in modules

    banned = "subject has 'MUNICIPAL': expected none of the post's banned words"
    assert check() == ([banned], True)  # (linted)
    outside.write_text("two lines\nnow\n", encoding="utf-8")
    elsewhere.write_text("made\n", encoding="utf-8")
    assert check() == ([banned], False)  # (from the cache)
    (site / "mypost_words.py").write_text('BANNED = ("MUNICIPAL", "COUNCILS")\n', encoding="utf-8")
    assert check() == ([banned, "subject has 'COUNCILS': expected none of the post's banned words"], True)


def test_a_changed_module_of_an_editable_plugin_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    """An editable install (pip install -e, as a post's developer keeps the rules
    being written) lists only its hook in RECORD: the modules it names are looked at
    where the hook finds them."""
    site = _install(tmp_path, WORDS_RULE, "mypost_rules:BannedWord", {"mypost_words": 'BANNED = ("MUNICIPAL",)\n'}, editable=True)
    words = tmp_path / "plugin" / "mypost_words.py"
    assert not (site / "mypost_words.py").exists()  # (the module stays in the project)
    cable = _test_cable(tmp_path)
    # the hook is a .pth file, which a site folder's runs but PYTHONPATH's does not
    run = f"import site, sys; site.addsitedir({str(site)!r}); from cablelint.cli import main; main(sys.argv[1:])"

    def messages() -> list[str]:
        argv = [sys.executable, "-c", run, "check", "--format", "json", "--select", "ZZ501", str(cable)]
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
        return [d["message"] for d in json.loads(proc.stdout)]

    assert messages() == ["subject has 'MUNICIPAL': expected none of the post's banned words"]
    [stored] = Path(os.environ["CABLELINT_CACHE_DIR"]).glob("v3/*/*.shard")
    assert "banned words" in stored.read_text(encoding="utf-8")
    assert messages() == ["subject has 'MUNICIPAL': expected none of the post's banned words"]  # (from the cache)
    words.write_text('BANNED = ("MUNICIPAL", "COUNCILS")\n', encoding="utf-8")
    assert messages() == ["subject has 'MUNICIPAL': expected none of the post's banned words", "subject has 'COUNCILS': expected none of the post's banned words"]
