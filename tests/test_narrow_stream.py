"""Reports and listings on a standard output that cannot carry every character
(``PYTHONIOENCODING=ascii``, a legacy console): the stream writes what it cannot
carry as Python's escape (``\\xe9``), which is no JSON and no XML, so the machine
formats write it as their own escapes there (JSON's ``\\u00e9``, XML's ``&#233;``),
and keep every character as it is where the stream is UTF-8, and in a report file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablelint.cli import main

# a draft with an accented letter, a curly quote and an emoji in its text: F004 names each
DRAFT = "UNCLAS\n\nSUBJECT: CAF\u00c9 TALKS\n\n1. (U) The Charg\u00e9\u2019s \U0001f600 note.\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "caf\u00e9.cable"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def _run(charset: str, *args: str) -> bytes:
    result = CliRunner(charset=charset).invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout_bytes


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_json_report_is_ascii_on_a_narrow_stream_and_utf8_on_a_wide_one(fmt: str, draft: Path, tmp_path: Path) -> None:
    args = ["check", "--select", "ALL", "--dialect", "draft", "--format", fmt, str(draft)]
    wide = _run("utf-8", *args).decode("utf-8")
    narrow = _run("ascii", *args).decode("ascii")  # (raises if a byte is not ASCII)
    assert "Charg\u00e9" in wide or "caf\u00e9" in wide  # (the wide stream keeps the characters)
    assert "\\xe9" not in narrow and "\\u00e9" in narrow
    assert json.loads(narrow) == json.loads(wide)
    # the bytes json.dumps writes with ensure_ascii (the report is laid out by hand)
    assert narrow == json.dumps(json.loads(wide), indent=2, ensure_ascii=True) + "\n"
    assert wide == json.dumps(json.loads(wide), indent=2, ensure_ascii=False) + "\n"
    # a report file is UTF-8 whatever the stream
    report = tmp_path / f"report.{fmt}"
    assert _run("ascii", *args, "-o", str(report)) == b""
    assert report.read_text(encoding="utf-8") == wide


def test_a_real_ascii_stream_gets_json_it_can_parse(draft: Path) -> None:
    """The same through a process whose standard output is ASCII, as the shell gives it."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    args = ["check", "--select", "F004", "--dialect", "draft", "--format", "json", str(draft)]
    proc = subprocess.run([sys.executable, "-m", "cablelint", *args], capture_output=True, env=env, check=False)
    assert (proc.returncode, proc.stderr) == (1, b"")
    found = json.loads(proc.stdout.decode("ascii"))
    assert [d["message"].split(" in a draft")[0] for d in found] == [
        "accented letter '\u00c9' (U+00C9)",
        "accented letter '\u00e9' (U+00E9)",
        "typographic right single quotation mark (\u2019)",
        "non-ASCII text '\U0001f600' (U+1F600)",
    ]
    assert all(d["path"] == str(draft) for d in found)


def test_junit_uses_character_references_on_a_narrow_stream(draft: Path) -> None:
    args = ["check", "--select", "ALL", "--dialect", "draft", "--format", "junit", str(draft)]
    wide = _run("utf-8", *args).decode("utf-8")
    narrow = _run("ascii", *args).decode("ascii")
    assert "&#233;" in narrow and "\\xe9" not in narrow and "\u00e9" in wide
    assert narrow.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')

    def cases(text: str) -> list[tuple[str, dict[str, str], list[tuple[str, dict[str, str], str]]]]:
        root = ET.fromstring(text)
        return [(c.tag, c.attrib, [(f.tag, f.attrib, f.text or "") for f in c]) for c in root.iter("testcase")]

    assert cases(narrow) == cases(wide)
    assert {c[1]["file"] for c in cases(narrow)} == {str(draft)} and len(cases(narrow)) > 1


def test_github_commands_name_what_the_stream_cannot_carry_by_its_code_point(draft: Path) -> None:
    args = ["check", "--select", "F004", "--dialect", "draft", "--format", "github", str(draft)]
    narrow = _run("ascii", *args).decode("ascii").splitlines()
    path = str(draft).replace("\u00e9", "<U+00E9>")
    assert narrow[0].startswith(f"::warning file={path},line=3,")
    assert any("accented letter '<U+00E9>' (U+00E9)" in line for line in narrow)
    assert any("'<U+1F600>' (U+1F600)" in line for line in narrow)
    assert "\\x" not in "".join(narrow) and "\\u" not in "".join(narrow)
    # latin-1 carries the accented letter itself, not the quote; UTF-8 all of them
    latin = _run("latin-1", *args).decode("latin-1")
    assert "Charg\u00e9" not in latin and "'\u00e9' (U+00E9)" in latin and "<U+2019>" in latin
    wide = _run("utf-8", *args).decode("utf-8")
    assert "<U+" not in wide and "\u2019" in wide


def test_the_text_report_on_a_narrow_stream_does_not_raise(draft: Path) -> None:
    args = ["check", "--select", "ALL", "--dialect", "draft", "--show-source", str(draft)]
    narrow = _run("ascii", *args).decode("ascii")
    assert "'\\xe9' (U+00E9)" in narrow  # (the stream's own escape: the text report is for people)


@pytest.mark.parametrize(
    "args",
    [["parse", "{draft}"], ["rules", "--format", "json"], ["rule", "F004", "--format", "json"]],
    ids=["parse", "rules", "rule"],
)
def test_the_listings_in_json_are_ascii_on_a_narrow_stream(args: list[str], draft: Path) -> None:
    args = [a.format(draft=draft) for a in args]
    wide = _run("utf-8", *args).decode("utf-8")
    narrow = _run("ascii", *args).decode("ascii")
    assert not wide.isascii()  # (something to escape: the subject's \u00c9, the rules' \u00b6)
    assert json.loads(narrow) == json.loads(wide)
    assert narrow == json.dumps(json.loads(wide), indent=2, ensure_ascii=True) + "\n"
    assert wide == json.dumps(json.loads(wide), indent=2, ensure_ascii=False) + "\n"


def test_a_diff_on_a_narrow_stream_is_the_file_s_bytes_and_patch_applies_it(draft: Path, tmp_path: Path) -> None:
    """--diff is for patch: on an ASCII stream its lines held the stream's escapes
    (CAF\\xc9), which match no line of the file, and patch refused the diff."""
    import shutil

    args = ["check", "--diff", "--dialect", "draft", "--select", "ALL", draft.name]
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = [sys.executable, "-m", "cablelint", *args]
    narrow = subprocess.run(run, capture_output=True, env=env, cwd=draft.parent, check=False)
    wide = subprocess.run(run, capture_output=True, env={**env, "PYTHONIOENCODING": "utf-8"}, cwd=draft.parent, check=False)
    assert (narrow.returncode, wide.returncode) == (1, 1)
    assert narrow.stdout == wide.stdout and "-SUBJECT: CAF\u00c9 TALKS\n".encode() in narrow.stdout
    if shutil.which("patch") is None:
        pytest.skip("no patch program here")
    subprocess.run(["patch", "-s", "-p1"], input=narrow.stdout, cwd=draft.parent, check=True)
    again = subprocess.run(run, capture_output=True, env=env, cwd=draft.parent, check=False)
    assert (again.returncode, again.stdout) == (0, b"")  # (nothing left to fix: the diff applied whole)


@pytest.mark.skipif(sys.platform == "win32", reason="a file name of bytes that are not UTF-8 is POSIX")
@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le"])
def test_utf16_and_utf32_streams_carry_every_character(encoding: str, tmp_path: Path) -> None:
    """PYTHONIOENCODING=utf-16 (or UTF-32) was taken for a narrow stream: the JSON
    report came in ASCII escapes (\\u00e9). Those encodings carry every character, as
    UTF-8 does: the report keeps them. A file name whose bytes are not UTF-8 (lone
    surrogates in Python), which UTF-16 cannot carry as bytes, is written as its
    escape, in every format, with no traceback."""
    folder = tmp_path / "cables"
    folder.mkdir()
    (folder / "caf\u00e9.cable").write_text(DRAFT, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    base = [sys.executable, "-m", "cablelint", "check", "--select", "F004", "--dialect", "draft"]
    proc = subprocess.run([*base, "--format", "json", str(folder)], capture_output=True, env=env, check=False)
    assert (proc.returncode, proc.stderr) == (1, b"")
    text = proc.stdout.decode(encoding)
    assert "\u2019" in text and "\\u2019" not in text and "caf\u00e9.cable" in text
    assert text.lstrip("\ufeff") == json.dumps(json.loads(text.lstrip("\ufeff")), indent=2, ensure_ascii=False) + "\n"
    (folder / "caf\u00e9.cable").rename(folder / os.fsdecode(b"caf\xe9\xff.cable"))  # (not UTF-8: lone surrogates)
    for fmt in ("text", "json", "sarif", "junit", "github"):
        proc = subprocess.run([*base, "--format", fmt, str(folder)], capture_output=True, env=env, check=False)
        assert proc.returncode == 1 and b"Traceback" not in proc.stderr and proc.stderr == b"", (fmt, proc.stderr)
        # (raises if the stream wrote a byte UTF-16 cannot read; JUnit's XML is UTF-8, as it declares)
        shown = proc.stdout.decode("utf-8" if fmt == "junit" else encoding)
        assert "\u2019" in shown and ("caf\\udce9\\udcff" in shown or "caf\\xe9\\xff" in shown or "caf%E9%FF" in shown), (fmt, shown[:300])
        if fmt in ("json", "sarif"):
            json.loads(shown.lstrip("\ufeff"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-32"])
def test_junit_bytes_match_their_utf8_declaration_on_any_wide_stream(encoding: str, draft: Path) -> None:
    """The XML declares UTF-8: on a UTF-16 or UTF-32 standard output it came in the
    stream's codec, and no XML reader took the bytes (expat: 'encoding specified in
    XML declaration is incorrect'). It is UTF-8 bytes there, as --diff is."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    args = ["check", "--select", "F004", "--dialect", "draft", "--format", "junit", str(draft)]
    proc = subprocess.run([sys.executable, "-m", "cablelint", *args], capture_output=True, env=env, check=False)
    assert (proc.returncode, proc.stderr) == (1, b"")
    assert proc.stdout.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(proc.stdout)  # (the parser reads the bytes by their declaration)
    failures = root.findall("./testsuite/testcase/failure")
    assert failures and any("\u2019" in (f.text or "") for f in failures)
    assert root.find("./testsuite").get("name", "").endswith("caf\u00e9.cable")
