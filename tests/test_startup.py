"""What a start of the CLI imports and reads: only what the run needs, with the same
results as before (plugins found, reporters named, configuration and data read)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import lark
import pytest
from hypothesis import given, strategies as st

from cablelint.data import package_bytes, package_text
from cablelint.files import blake2b, is_dir, path_text
from cablelint.linter import config as config_module
from cablelint import compiled
from cablelint.linter.engine import Linter
from cablelint.linter.registry import ENTRY_POINT_GROUP, Registry, RegistryError, RuleInfo, load_registry, may_declare_plugins
from cablelint.rules import builtin_rules
from cablelint.reporters import FORMATS, REPORTERS, reporter
from tests.conftest import SEED, run_command as _run  # (stdout, exit line, modules)

# Imports a one-file check with the text report, no configuration and no plugin does
# not need (bench/startup.py measures what they cost).
NOT_NEEDED = (
    "importlib.metadata",  # the plugin scan when no distribution declares a plugin
    "importlib.resources",  # the package data
    "zipfile",
    "email",
    "xml.etree.ElementTree",  # the JUnit reporter
    "cablelint.reporters.sarif",
    "cablelint.linter.fixer",  # --fix and --diff
    "cablelint.linter.baseline",  # --baseline
    "cablelint.cli_fixes",  # --fix, --diff and the baselines
    "cablelint.cli_show",  # --show-files and --show-settings
    "cablelint.cli_watch",  # --watch
    "watchfiles",
    "cablelint.linter.ruledoc",  # the rule and rules commands
    "cablelint.serialize",  # the parse command
    "tomllib",  # no configuration file
    "html.entities",  # no HTML entity in the cable
    "cablelint.lsp",  # the server command
    "pygls",
    "lsprotocol",
)

def test_a_one_file_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    """In a folder without configuration; the findings are the usual ones."""
    out, status, loaded = _run(tmp_path, "check", "--no-progress", str(SEED))
    assert status == "exit 1"
    assert "09BAMAKO97.cable:" in out
    assert "cablelint.linter.registry" in loaded and "cablelint.reporters.text" in loaded
    assert [m for m in NOT_NEEDED if m in loaded] == []


def test_a_check_without_the_cache_does_not_import_json(tmp_path: Path) -> None:
    """json is for writing the result cache's entries (and the JSON reports, the parse
    and rule commands): a --no-cache check with the text report parses and lints
    without it; one with the cache imports it to write the entry, and one answered
    from the cache does not."""
    out, status, loaded = _run(tmp_path, "check", "--no-progress", "--no-cache", str(SEED))
    assert status == "exit 1" and "09BAMAKO97.cable:" in out
    assert "lark" in loaded and "json" not in loaded
    assert "cablelint.linter.cache" not in loaded  # (imported where a run uses the cache)
    again, status, loaded = _run(tmp_path, "check", "--no-progress", str(SEED))
    assert (again, status) == (out, "exit 1") and "json" in loaded
    # answered from the cache: the entry is named and read with json's C functions
    # (cache._accelerated), json itself is not imported
    for fmt in ("text", "github"):
        fresh, status, _ = _run(tmp_path, "check", "--no-progress", "--no-cache", "--format", fmt, str(SEED))
        cached, status, loaded = _run(tmp_path, "check", "--no-progress", "--format", fmt, str(SEED))
        assert (cached, status) == (fresh, "exit 1") and "json" not in loaded, fmt


# What declaring the commands does not need: the modules that run them, imported when
# a command runs (cli._import_commands), so that --version and --help answer without.
RUN_MODULES = (
    "cablelint.cli_check",
    "cablelint.cli_options",
    "cablelint.cli_output",
    "cablelint.linter.config",
    "cablelint.linter.engine",
    "cablelint.linter.cache",
    "cablelint.linter.registry",
    "cablelint.linter.rule",
    "cablelint.reporters.base",
    "cablelint.files",
    "cablelint.records",
    "dataclasses",
)


@pytest.mark.parametrize("args", [("--version",), ("-V",), ("--help",)])
def test_the_version_and_the_help_import_no_module_of_the_run(tmp_path: Path, args: tuple[str, ...]) -> None:
    out, status, loaded = _run(tmp_path, *args)
    assert status == "exit 0"
    assert out == "cablelint, version 0.1.0\n" if args != ("--help",) else "check" in out
    assert [m for m in RUN_MODULES if m in loaded] == []


def test_a_command_imports_the_modules_of_the_run_frozen_in_the_script_s_process_only(tmp_path: Path) -> None:
    """The script (cablelint.__main__.run) freezes the collector's view of what the
    commands' import made, as of the CLI's own import; a program that runs the CLI
    (``main([...])``) keeps its collector as it was, on and not frozen."""
    child = (
        "import gc, sys\n"
        "from cablelint.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count(), 'cablelint.cli_check' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", child, "rules"], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.splitlines()[-1] == "True 0 True"
    script = child.replace("from cablelint.cli import main", "from cablelint.__main__ import run").replace("main(sys.argv[1:])", "sys.argv = ['cablelint', *sys.argv[1:]]; run()")
    for args in (("rules",), ("--version",)):
        done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, cwd=tmp_path)
        enabled, frozen, imported = done.stdout.splitlines()[-1].split()
        assert (enabled, imported) == ("True", str(args == ("rules",)))
        assert int(frozen) > 10_000


# Lark and the modules of the document parser (which need Lark): imported at the first
# file a run parses, never by a run that parses nothing.
PARSER_MODULES = (
    "lark",
    "cablelint.grammar.parser",
    "cablelint.grammar.lexer",
    "cablelint.grammar.line_tokens",
    "cablelint.grammar.build",
    "cablelint.grammar.assemble",
)
# ... and what only a run that parses, writes or crashes needs: OpenSSL's hashes (the
# cache and the tables use hashlib's own blake2b), the writer's temporary files, a
# bug's traceback.
NOT_NEEDED_UNPARSED = (*PARSER_MODULES, "hashlib", "_hashlib", "tempfile", "traceback")

def test_a_run_that_parses_nothing_does_not_import_lark(tmp_path: Path) -> None:
    """A check answered from the result cache, the rule commands, the version and the
    help: none of them imports Lark or the document parser (a later import at module
    level of either, anywhere on these paths, fails this), nor hashlib, tempfile or
    traceback."""
    first, status, loaded = _run(tmp_path, "check", "--no-progress", str(SEED))
    assert status == "exit 1" and "09BAMAKO97.cable:" in first
    assert [m for m in PARSER_MODULES if m not in loaded] == []  # it parsed: a miss
    assert "locale" not in loaded  # (calendar imports it: grammar/dates.py counts the days itself)
    for args in (
        ("check", "--no-progress", str(SEED)),  # the result is cached now
        ("check", "--no-progress", "--format", "json", str(SEED)),
        ("rules",),
        ("rule", "H005"),
        ("--version",),
        ("check", "--help"),
        ("check", "--show-settings", str(SEED)),
    ):
        out, status, loaded = _run(tmp_path, *args)
        assert [m for m in NOT_NEEDED_UNPARSED if m in loaded] == [], args
        # (--version answers before a command runs: the modules of the run are not imported)
        assert "cablelint.cli" in loaded and ("cablelint.linter.registry" in loaded) == (args != ("--version",)), args
        if args == ("check", "--no-progress", str(SEED)):
            assert (status, out) == ("exit 1", first)
        else:
            assert status in ("exit 0", "exit 1", "exit None"), (args, status)


def test_a_cached_check_imports_no_rule_module(tmp_path: Path) -> None:
    """A check whose files all come from the result cache imports no built-in rule
    module, only the generated index (a module-level import of one, anywhere on the
    path, fails this), and not the model; the first run, which lints, imports them
    all."""
    _, _, first = _run(tmp_path, "check", "--no-progress", str(SEED))
    assert "cablelint.rules.h_tags" in first and "cablelint.rules._header" in first
    for fmt in ("text", "json", "github"):
        out, status, loaded = _run(tmp_path, "check", "--no-progress", "--format", fmt, str(SEED))
        assert status == "exit 1" and "09BAMAKO97.cable" in out
        assert sorted(m for m in loaded if m.startswith("cablelint.rules")) == ["cablelint.rules", "cablelint.rules.index"], fmt
        # nor the model and the grammar's text layer (the field patterns), which the
        # rules and the parser bring
        assert [m for m in ("cablelint.model", "cablelint.grammar.source", "cablelint.grammar.patterns") if m in loaded] == [], fmt


def test_the_index_gives_the_classes_metadata() -> None:
    registry = load_registry()
    assert sorted((RuleInfo.of(rule) for rule in builtin_rules()), key=lambda i: i.code) == list(registry.infos)  # (no plugin here)
    assert registry.lookup("h005") is registry.by_code()["H005"] and registry.find("missing-tags-line") == RuleInfo.of(registry.by_code()["H005"])


@pytest.mark.parametrize("stale", ["severity", "missing", "class"])
def test_a_stale_index_fails_the_first_lint(stale: str) -> None:
    """An index that does not match the rule modules (an edited install whose index
    was not regenerated) is an error as soon as the classes load, never a run of
    other rules or severities than the modules declare."""
    infos = [RuleInfo(*info.row()) for info in load_registry().infos]
    if stale == "severity":
        infos[0].severity = "info" if infos[0].severity != "info" else "error"
    elif stale == "missing":
        del infos[3]
    else:
        infos[5].qualname = "Renamed"
    registry = Registry(infos)
    assert registry.find(infos[0].code) is infos[0]  # choosing needs no class
    with pytest.raises(RegistryError, match=r"rule index .*python -m cablelint.rules.index" + (r"|not in the index: A004" if stale == "missing" else "")):
        registry.rules
    linter = Linter(registry=Registry(infos))
    with pytest.raises(RegistryError):
        linter.lint_text("UNCLASSIFIED\n")


def test_the_lark_version_is_read_without_importing_lark() -> None:
    child = (
        "import sys\n"
        "from cablelint.grammar.tables import lark_version\n"
        "version = lark_version()\n"
        "print(version, 'lark' in sys.modules)\n"
        "import lark\n"
        "print(lark.__version__)\n"
    )
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout.split()
    assert out == [lark.__version__, "False", lark.__version__]


def test_the_spec_of_lark_is_the_one_importlib_finds() -> None:
    import importlib.util

    from cablelint.grammar import tables

    for name in ("lark", "hypothesis", "no_such_module_here"):
        ours, theirs = tables._find_spec(name), importlib.util.find_spec(name)
        assert (ours and (ours.name, ours.origin)) == (theirs and (theirs.name, theirs.origin)), name


def test_the_digests_are_hashlib_s_blake2b() -> None:
    """files.blake2b, which the cache and the tables use, is the function hashlib
    gives, with the same digests."""
    import hashlib

    assert blake2b is hashlib.blake2b
    assert blake2b(b"cable", digest_size=16).hexdigest() == hashlib.blake2b(b"cable", digest_size=16).hexdigest()


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ('__version__: str = "9.8.7"', "9.8.7"),
        ("__version__ = '9.8.7'", "9.8.7"),
        ("__version__ = VERSION", None),
        ('__version__ = "9.8" + ".7"', None),
        ('__version__ = "9.8.7"  # a note', None),
    ],
)
def test_the_lark_version_is_imported_when_it_cannot_be_read(tmp_path: Path, line: str, read: str | None) -> None:
    """A Lark whose ``__init__.py`` does not spell its version as a plain string is
    imported and asked; the tables and the cache key use what that gives."""
    package = tmp_path / "lark"
    package.mkdir()
    (package / "__init__.py").write_text(f'VERSION = "9.8.7"\n{line}\n__version__ = "imported"\n', encoding="utf-8")
    child = (
        "import sys\n"
        "from cablelint.grammar import tables\n"
        "print(tables._declared_lark_version(), tables.lark_version(), 'lark' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True, env=env).stdout.split()
    assert out == [str(read), read or "imported", str(read is None)]


def _dist(site: Path, name: str, entry_points: str | None) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_plugin_look_finds_a_distribution_that_declares_the_group(tmp_path: Path) -> None:
    _dist(tmp_path, "other", "[console_scripts]\nother = other:main\n")
    _dist(tmp_path, "bare", None)
    (tmp_path / "odd-1.0.egg-info").write_text("Metadata-Version: 1.0\n", encoding="utf-8")  # a file
    assert may_declare_plugins([str(tmp_path), str(tmp_path / "absent")]) is False
    _dist(tmp_path, "mypost", f"[{ENTRY_POINT_GROUP}]\nmypost = mypost_rules:RULES\n")
    assert may_declare_plugins([str(tmp_path / "absent"), str(tmp_path)]) is True


def test_plugin_look_leaves_what_it_cannot_read_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x-1.0.dist-info/entry_points.txt", f"[{ENTRY_POINT_GROUP}]\nx = x:RULES\n")
    assert may_declare_plugins([str(archive)]) is True
    assert may_declare_plugins([str(tmp_path / "old.egg")]) is True
    assert may_declare_plugins([b"/bytes/entry"]) is True
    _dist(tmp_path / "site", "latin", None)
    (tmp_path / "site" / "latin-1.0.dist-info" / "entry_points.txt").write_bytes(b"[caf\xe9]\n")
    assert may_declare_plugins([str(tmp_path / "site")]) is True  # importlib.metadata raises there

    class Finder:
        @staticmethod
        def find_distributions(context: object = None) -> list[object]:
            return []

    assert may_declare_plugins([]) is False
    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert may_declare_plugins([]) is True


def test_every_format_has_its_reporter() -> None:
    assert FORMATS == tuple(REPORTERS)
    assert sorted(FORMATS) == ["github", "json", "junit", "sarif", "text"]
    for fmt in FORMATS:
        assert reporter(fmt).name == fmt
        assert REPORTERS[fmt] is reporter(fmt)
    with pytest.raises(KeyError):
        reporter("xml")


@pytest.mark.parametrize("name", ["data/tags.txt", "grammar/fields.lark", "grammar/cable.lark"])
def test_package_data_reads_as_importlib_resources_reads_it(name: str) -> None:
    expected = resources.files("cablelint").joinpath(*name.split("/")).read_text(encoding="utf-8")
    assert package_text(name) == expected


def test_package_bytes_reads_a_binary_file_as_importlib_resources_reads_it() -> None:
    name = "grammar/tables.marshal"
    assert package_bytes(name) == resources.files("cablelint").joinpath(*name.split("/")).read_bytes()


def test_a_pyproject_is_read_only_when_it_can_name_our_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pyproject.toml without the word cablelint (or an escape that could spell it)
    is passed over unread; one that spells the table with an escape is ours."""
    calls: list[str] = []
    real = config_module._tomllib
    monkeypatch.setattr(compiled, "_KEPT", compiled.Compiled(None, writable=False))  # (nothing read before)

    def spy():  # type: ignore[no-untyped-def]
        calls.append("tomllib")
        return real()

    monkeypatch.setattr(config_module, "_tomllib", spy)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "post-cables"\n', encoding="utf-8")
    assert config_module.find_config(tmp_path) is None and calls == []
    pyproject.write_text('[tool."cable\\u006cint"]\nline-length = 80\n', encoding="utf-8")
    assert config_module.find_config(tmp_path) == str(pyproject) and calls == ["tomllib"]
    assert config_module.load_config(start=tmp_path).line_length == 80


def test_a_configuration_read_before_is_not_read_by_tomllib_again(tmp_path: Path) -> None:
    """The next run in a project whose configuration file has not changed takes what
    tomllib read from compiled.py's file and does not import it; an edited file is
    read again; nothing is kept where Python writes no bytecode."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CABLELINT_NO_CACHE")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    project = tmp_path / "project"
    project.mkdir()
    config = project / "pyproject.toml"
    config.write_text('[project]\nname = "post"\n\n[tool.cablelint]\nline-length = 40\nignore = ["P004"]\n', encoding="utf-8")
    show = ("check", "--show-settings")
    first, status, loaded = _run(project, *show, env=env)
    assert status == "exit 0" and "Line length: 40" in first and "P004" not in first and "tomllib" in loaded
    again, status, loaded = _run(project, *show, env=env)
    assert (again, status) == (first, "exit 0") and "tomllib" not in loaded
    config.write_text(config.read_text(encoding="utf-8").replace("40", "50"), encoding="utf-8")
    edited, _, loaded = _run(project, *show, env=env)
    assert "Line length: 50" in edited and "tomllib" in loaded
    config.write_text(config.read_text(encoding="utf-8").replace("50", "5x"), encoding="utf-8")
    out, status, loaded = _run(project, *show, env=env)
    assert status == "exit 2" and out == ""
    config.write_text(config.read_text(encoding="utf-8").replace("5x", "40"), encoding="utf-8")
    off = dict(env, PYTHONDONTWRITEBYTECODE="1", XDG_CACHE_HOME=str(tmp_path / "off"))
    for _ in range(2):
        out, _, loaded = _run(project, *show, env=off)
        assert out == first and "tomllib" in loaded
    assert not (tmp_path / "off").exists()


def test_the_command_freezes_what_the_import_made_and_runs_with_the_collector_on() -> None:
    """The ``cablelint`` script runs ``cablelint.__main__:run``."""
    child = (
        "import gc, sys\n"
        "import cablelint.cli as cli\n"
        "seen = []\n"
        "cli.main = lambda: seen.append((gc.isenabled(), gc.get_freeze_count()))\n"
        "from cablelint.__main__ import run\n"
        "run()\n"
        "print(seen)\n"
    )
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout
    enabled, frozen = eval(out)[0]  # noqa: S307 - our own child's output
    assert enabled is True and frozen > 10_000
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.scripts]\ncablelint = "cablelint.__main__:run"\n' in pyproject
    version = subprocess.run([sys.executable, "-m", "cablelint", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("cablelint, version ")


def test_a_cached_check_does_not_import_pathlib(tmp_path: Path) -> None:
    """A check answered from the result cache names the configuration, the cache and
    the files as text (files.path_text): pathlib, with the urllib.parse and ipaddress
    it imports, is left out (a module-level import of it on the path fails this)."""
    _run(tmp_path, "check", "--no-progress", str(SEED))
    for fmt in ("text", "json", "github"):
        out, status, loaded = _run(tmp_path, "check", "--no-progress", "--format", fmt, str(SEED))
        assert status == "exit 1" and "09BAMAKO97.cable" in out
        assert [m for m in ("pathlib", "urllib.parse", "ipaddress") if m in loaded] == [], fmt
        # nor pkgutil, which reads the package's data files (the tags, the grammar's tables)
        assert "pkgutil" not in loaded, fmt
        # nor locale, which click's gettext imports to look for a catalogue (cli._Command)
        assert "locale" not in loaded, fmt
        # nor importlib.util (the Lark version's look-up asks the finders itself)
        assert "importlib.util" not in loaded, fmt


@pytest.mark.skipif(os.name != "posix", reason="path_text hands other systems' paths to pathlib")
@given(st.lists(st.sampled_from(["", "/", "//", ".", "..", "a", "b.cable", " ", "\\"]), max_size=7).map("".join))
def test_path_text_writes_a_path_as_pathlib_does(path: str) -> None:
    assert path_text(path) == str(Path(path))


def test_is_dir_is_pathlib_s(tmp_path: Path) -> None:
    """What a path is, as Path.is_dir says: a folder, a file, nothing, a name under a
    file (ENOTDIR: nothing there either), a name too long for the system (raised)."""
    (tmp_path / "f.cable").write_text("x", encoding="utf-8")
    for name in ("", "f.cable", "missing", "f.cable/under", "f.cable/"):
        path = path_text(tmp_path / name)
        assert is_dir(path) == Path(path).is_dir(), name
    with pytest.raises(OSError) as raised:
        Path(tmp_path / ("x" * 5000)).is_dir()
    with pytest.raises(type(raised.value)):
        is_dir(str(tmp_path / ("x" * 5000)))


def test_the_days_of_a_month_are_calendar_s() -> None:
    """grammar/dates.py counts a month's days without calendar (which imports locale)."""
    import calendar

    from cablelint.grammar.dates import is_leap, month_days

    for year in (*range(-400, 2500), 9999, 10_000, 123_456):
        assert is_leap(year) == calendar.isleap(year), year
        for month in range(1, 13):
            assert month_days(year, month) == calendar.monthrange(year, month)[1], (year, month)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# a note\n\n  \nPGOV\tsubject\tInternal government\n  # indented note\n ML \tgeo\t Mali \r\nKCRM\tsubject\tCrime\n",
        "PGOV\tsubject\tx\nPGOV\tgeo\ty\n",  # a duplicate
        "PGOV\tsubject\tx\n PGOV\tgeo\ty\n",  # the same code once stripped
        "PGOV\t subject\tx\n",  # a kind that is not one as written
        "PGOV\tsubject\n",  # two fields
        "PGOV\tsubject\tx\ty\n",  # four
        "PGOV\tnation\tx\n",
    ],
)
def test_the_tags_read_at_once_are_those_read_line_by_line(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from cablelint import data

    try:
        expected: object = data.read_tags_by_line(text)
    except ValueError as exc:
        expected = str(exc)
    monkeypatch.setattr(data, "package_text", lambda name: text)
    data.load_tags.cache_clear()
    try:
        try:
            got: object = data.load_tags()
        except ValueError as exc:
            got = str(exc)
        assert got == expected
        assert not isinstance(got, dict) or list(got.items()) == list(expected.items())  # type: ignore[union-attr]
    finally:
        monkeypatch.undo()
        data.load_tags.cache_clear()
    assert list(data.load_tags().items()) == list(data.read_tags_by_line(data.package_text("data/tags.txt")).items())
