"""The command line, driven as users drive it."""

from __future__ import annotations

import json
import subprocess
import sys

import click

from cablelint.cli import main as group
from tests.conftest import SEED, run_cli


def test_check_on_the_seed_reports_the_de_line_and_residue() -> None:
    result = run_cli("check", str(SEED), "--format", "json")
    assert result.exit_code == 1
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(result.output)]
    assert ("R003", 5, 17) in found
    assert {(c, line) for c, line, _ in found if c == "F004"} == {("F004", 23), ("F004", 28)}


def test_check_is_the_default_command() -> None:
    result = run_cli(str(SEED))
    assert result.exit_code == 1
    assert "R003 [error]" in result.output
    assert result.output.strip().splitlines()[-1] == "Found 1 error, 7 warnings, 8 infos in 1 file checked. 14 with a safe fix."


def test_exit_zero() -> None:
    assert run_cli("check", str(SEED), "--exit-zero").exit_code == 0


def test_missing_file_and_directory_are_diagnostics_not_crashes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", str(tmp_path / "nope.cable"), str(SEED), "--format", "json")
    data = json.loads(result.output)
    unreadable = [d for d in data if d["code"] == "F000"]
    assert len(unreadable) == 1 and "no such file" in unreadable[0]["message"]
    assert unreadable[0]["path"].endswith("nope.cable")
    assert any(d["code"] == "R003" for d in data)  # the other file was still linted


def test_stdin_with_a_display_name() -> None:
    result = run_cli("check", "-", "--stdin-filename", "draft.cable", "--format", "json", input=SEED.read_bytes())
    assert {d["path"] for d in json.loads(result.output)} == {"draft.cable"}


def test_parse_unreadable_file_is_a_one_line_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("parse", str(tmp_path))
    assert result.exit_code == 2
    assert "is a directory" in result.output


def test_parse_reads_the_rendering_check_reads(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The seed is a Markdown page: with the project's dialect set to telegram,
    `check` lints it as a telegram, and `parse` showed the Markdown reading."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.cable").write_bytes(SEED.read_bytes())
    dialect = lambda *args: json.loads(run_cli("parse", *args, "a.cable").stdout)["dialect"]  # noqa: E731
    assert dialect() == "markdown"
    (tmp_path / "cablelint.toml").write_text('dialect = "telegram"\n', encoding="utf-8")
    assert dialect() == "telegram"
    assert dialect("--dialect", "draft") == "draft"  # the command line over the file
    (tmp_path / "other.toml").write_text('dialect = "cablegate"\n', encoding="utf-8")
    assert dialect("--config", "other.toml") == "cablegate"
    # a configuration that cannot be used is an error, as for check; --dialect needs none
    (tmp_path / "cablelint.toml").write_text('dialect = "morse"\n', encoding="utf-8")
    result = run_cli("parse", "a.cable")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"cablelint: {tmp_path / 'cablelint.toml'}: 'dialect' must be one of telegram, cablegate, markdown, draft, got 'morse'\n"
    assert dialect("--dialect", "markdown") == "markdown"


def test_real_subprocess() -> None:
    proc = subprocess.run([sys.executable, "-m", "cablelint", "parse", str(SEED)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["reference_id"] == "09BAMAKO97"


def test_parse_refuses_standard_input_named_twice() -> None:
    result = run_cli("parse", "-", "-", input=SEED.read_bytes())
    assert result.exit_code == 2 and "standard input is named twice" in result.stderr


def test_short_help_and_version_options() -> None:
    """-h was routed past the default command but click refused it; -V as ruff has it."""
    for args, usage in ((["-h"], "[OPTIONS] COMMAND [ARGS]..."), (["check", "-h"], "check [OPTIONS] [PATHS]..."), (["rule", "-h"], "rule [OPTIONS] CODE|NAME")):
        result = run_cli(*args)  # (CliRunner calls the program "main")
        assert result.exit_code == 0 and result.stdout.splitlines()[0] == f"Usage: main {usage}"
    from cablelint import __version__

    for flag in ("-V", "--version"):
        result = run_cli(flag)
        assert result.exit_code == 0 and result.stdout == f"cablelint, version {__version__}\n"


def test_the_version_and_the_help_to_a_closed_standard_output_fail_in_one_line() -> None:
    """`cablelint --version >&-` (and --help) exited 0 having printed nothing: click
    writes nothing to the None Python leaves for a closed stream, and the closed
    output (tolerant_streams) was set up only when a command ran. Now they fail as a
    command's report does: status 2 and one line on standard error."""
    for args in ("--version", "-V", "--help", "check --help"):
        # (the shell closes descriptor 1 for the command: `>&-`)
        proc = subprocess.run(["sh", "-c", f'"$0" -m cablelint {args} >&-', sys.executable], capture_output=True, text=True, timeout=60, check=False)
        assert (proc.returncode, proc.stderr) == (2, "cablelint: cannot write the output: standard output is closed\n"), args
    # standard error closed too: nowhere to say it, the status says it
    proc = subprocess.run(["sh", "-c", '"$0" -m cablelint --version >&- 2>&-', sys.executable], capture_output=True, timeout=60, check=False)
    assert proc.returncode == 2


def test_the_help_version_and_path_options_are_the_ones_click_makes() -> None:
    """cli.py makes the help and version options and the path types itself, without
    click's gettext lookups: they must be what click would have made."""
    for command in (group, *group.commands.values()):
        ctx = click.Context(command, info_name=command.name, help_option_names=["-h", "--help"])
        ours = command.get_help_option(ctx)
        theirs = click.Command.get_help_option(click.Command(command.name), ctx)
        assert ours is not None and theirs is not None and ours is command.get_help_option(ctx)
        assert {**ours.to_info_dict(), "name": None} == {**theirs.to_info_dict(), "name": None}, command.name
        for param in command.params:
            if isinstance(param.type, click.Path):
                t = param.type
                made = click.Path(file_okay=t.file_okay, dir_okay=t.dir_okay, allow_dash=t.allow_dash)
                assert vars(t) == vars(made), (command.name, param.name)
    version = next(p for p in group.params if p.name == "version")
    theirs_v = click.version_option("1", "-V", "--version")(click.Command("x")).params[0]
    assert {**version.to_info_dict(), "name": None} == {**theirs_v.to_info_dict(), "name": None}
    assert run_cli("check", "--config", "/").stderr.splitlines()[-1] == "Error: Invalid value for '--config': File '/' is a directory."
    assert run_cli("clean", "--cache-dir", str(SEED)).stderr.splitlines()[-1] == f"Error: Invalid value for '--cache-dir' (env var: 'CABLELINT_CACHE_DIR'): Directory '{SEED}' is a file."


def test_a_mistyped_command_is_not_linted_as_a_missing_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`cablelint chek x.cable` reported F000 for a file named chek."""
    monkeypatch.chdir(tmp_path)
    result = run_cli("chek", "x.cable")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: no command or file 'chek': did you mean 'check'?"
    # a file of that name is a cable to lint, and a name like no command is a path
    (tmp_path / "chek").write_text("UNCLAS\n", encoding="utf-8")
    assert run_cli("chek").stdout.startswith("chek:")
    assert run_cli("archive").stdout.startswith("archive:1:1: F000 [error] cannot read the file (no such file): expected a readable cable file")


def test_every_option_of_every_command_says_what_it_does() -> None:
    """`rules --format` and `rule --format` had no help text; a choice's values come
    in interfaces.md's order (`text|json|sarif|github|junit`), not sorted."""
    for name, command in group.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (name, param.opts)
    fmt = next(p for p in group.commands["check"].params if p.name == "fmt")
    assert isinstance(fmt.type, click.Choice) and list(fmt.type.choices) == ["text", "json", "sarif", "github", "junit"]
    help_text = run_cli("check", "--help").stdout
    assert "--format [text|json|sarif|github|junit]" in help_text and "--select CODES" in help_text and "--stdin-filename PATH" in help_text
