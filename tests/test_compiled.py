"""compiled.py: patterns made from the codes an earlier process kept are re.compile's."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cablelint import compiled
from cablelint.compiled import Compiled
from cablelint.grammar import patterns

pytestmark = pytest.mark.skipif(compiled._sre_compile is None, reason="re keeps no codes on this Python (3.10)")

NAMED = r"(?P<serial>\d{2,6})\s+OF\s+(?P<total>\d+)|(?i:page)\s*(\d+)"


def _kept(path: Path, *patterns: tuple[str, int]) -> Compiled:
    """A cache file at *path* holding *patterns*, read back by a new Regexes."""
    first = Compiled(str(path), writable=True)
    for pattern, flags in patterns:
        first.regex(pattern, flags)
    first.save()
    return Compiled(str(path), writable=True)


def test_a_kept_pattern_is_re_compiles(tmp_path: Path) -> None:
    path = tmp_path / "compiled.marshal"
    again = _kept(path, (NAMED, 0), ("a.b", re.S | re.I))
    assert set(again.kept) == {("re", NAMED, 0), ("re", "a.b", int(re.S | re.I))}
    made = again.regex(NAMED)
    assert made is not re.compile(NAMED)  # (from the kept codes, not re's own cache)
    assert made == re.compile(NAMED)
    assert (made.flags, made.groups, made.groupindex) == (re.compile(NAMED).flags, 3, {"serial": 1, "total": 2})
    found = made.search("x 12 OF 40")
    assert found is not None and found.group("serial", "total") == ("12", "40") and found.span() == (2, 10)
    assert again.regex("a.b", re.S | re.I).fullmatch("A\nB") is not None
    assert again.new == {}  # nothing to write back


def test_every_field_made_from_the_file(tmp_path: Path) -> None:
    sources = dict(patterns._sources())
    path = tmp_path / "compiled.marshal"
    again = _kept(path, *((s, 0) for s in sources.values()))
    assert len(again.kept) == len(set(sources.values()))
    for source in sources.values():
        made = again.regex(source)
        assert made == re.compile(source) and made.groupindex == re.compile(source).groupindex


def test_another_python_s_file_is_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "compiled.marshal"
    _kept(path, (NAMED, 0))
    stamp, entries = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps((stamp[:1] + ("2.7.18",) + stamp[2:], entries)))
    assert Compiled(str(path), writable=False).kept == {}


@pytest.mark.parametrize("data", [b"", b"\x00garbage", marshal.dumps([1, 2]), marshal.dumps(("x", {}))[:-1]])
def test_a_broken_file_is_passed_over(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "compiled.marshal"
    path.write_bytes(data)
    regexes = Compiled(str(path), writable=True)
    assert regexes.kept == {}
    assert regexes.regex(NAMED) == re.compile(NAMED)
    regexes.save()  # replaced by a good one
    assert set(Compiled(str(path), writable=False).kept) == {("re", NAMED, 0)}


@pytest.mark.parametrize("damage", ["half the codes", "an entry of four", "not a tuple"])
def test_damaged_codes_are_compiled_afresh(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "compiled.marshal"
    _kept(path, (NAMED, 0))
    stamp, entries = marshal.loads(path.read_bytes())
    final, code, groups, index, names = entries[("re", NAMED, 0)]
    entries[("re", NAMED, 0)] = {
        "half the codes": (final, code[: len(code) // 2], groups, index, names),
        "an entry of four": (final, code, groups, index),
        "not a tuple": 7,
    }[damage]
    path.write_bytes(marshal.dumps((stamp, entries)))
    made = Compiled(str(path), writable=False).regex(NAMED)
    assert made == re.compile(NAMED) and made.search("12 OF 4") is not None


def test_nothing_written_unless_writable(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "compiled.marshal"
    regexes = Compiled(str(path), writable=False)
    assert regexes.regex(NAMED) == re.compile(NAMED)
    regexes.save()
    assert not path.parent.exists()
    unwritable = Compiled(str(tmp_path / "file" / "compiled.marshal"), writable=True)
    (tmp_path / "file").write_text("a file where the folder would be")
    unwritable.regex(NAMED)
    unwritable.save()  # passed over without a word
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("LOCALAPPDATA on Windows")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert compiled.default_path() == str(tmp_path / "cablelint" / f"compiled-{sys.implementation.cache_tag}.marshal")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/used")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert compiled.default_path() == str(tmp_path / "home" / ".cache" / "cablelint" / f"compiled-{sys.implementation.cache_tag}.marshal")


def _check(env: dict[str, str], seed: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cablelint", "check", "--no-cache", "--format", "json", str(seed)],
        env=env, capture_output=True, text=True, check=False,
    )


def test_the_cli_writes_the_file_once_and_reads_it(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "corpus" / "real" / "09BAMAKO97.cable"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CABLELINT_NO_CACHE")}
    env.update(XDG_CACHE_HOME=str(tmp_path), PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    path = tmp_path / "cablelint" / f"compiled-{sys.implementation.cache_tag}.marshal"
    first = _check(env, seed)
    assert first.returncode == 1, first.stderr
    assert path.is_file()
    kept = Compiled(str(path), writable=False).kept
    assert {("re", patterns._sources()[name], 0) for name in ("ADDRESSEE", "CLASS_SHAPE", "PARA_MARK")} <= set(kept)
    written = path.stat().st_mtime_ns
    second = _check(env, seed)
    assert (second.returncode, second.stdout) == (1, first.stdout)
    assert path.stat().st_mtime_ns == written  # nothing new: not written again
    bytecode_off = _check(dict(env, PYTHONDONTWRITEBYTECODE="1", XDG_CACHE_HOME=str(tmp_path / "off")), seed)
    assert (bytecode_off.returncode, bytecode_off.stdout) == (1, first.stdout)
    no_cache = _check(dict(env, CABLELINT_NO_CACHE="1", XDG_CACHE_HOME=str(tmp_path / "off")), seed)
    assert (no_cache.returncode, no_cache.stdout) == (1, first.stdout)
    assert not (tmp_path / "off").exists()


def test_kept_code_is_compile_s(tmp_path: Path) -> None:
    source = "def __init__(self, a, b=_default_b):\n    _set_a(self, a)\n    _set_b(self, b)\n"
    path = tmp_path / "compiled.marshal"
    first = Compiled(str(path), writable=True)
    made = first.code(source, "<record X>")
    first.save()
    again = Compiled(str(path), writable=False)
    kept = again.code(source, "<record X>")
    assert kept is not made and kept == made == compile(source, "<record X>", "exec")
    assert again.code(source, "<record Y>") == compile(source, "<record Y>", "exec")
    assert set(again.kept) == {("py", source, "<record X>")}


def test_a_record_s_constructor_from_kept_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cablelint.records import record

    path = tmp_path / "compiled.marshal"
    monkeypatch.setattr(compiled, "_KEPT", Compiled(str(path), writable=True))

    def make() -> Any:
        @record
        class Pair:
            a: int
            b: str = "x"

        @record
        class Wide:  # (filled through its twin)
            a: int
            b: int
            c: int
            d: tuple[int, ...] = ()

        return Pair, Wide

    Pair, Wide = make()
    assert (Pair(1), Wide(1, 2, 3)) == (Pair(1, "x"), Wide(1, 2, 3, ()))
    compiled.kept().save()
    monkeypatch.setattr(compiled, "_KEPT", Compiled(str(path), writable=False))
    Pair, Wide = make()
    pair, wide = Pair(2, b="y"), Wide(4, 5, 6)
    assert (pair.a, pair.b, repr(wide).rsplit(".", 1)[1]) == (2, "y", "Wide(a=4, b=5, c=6, d=())")
    assert {key[2].rsplit(".", 1)[1] for key in compiled.kept().used} == {"Pair>", "Wide>"}


def test_clean_removes_the_kept_files_and_nothing_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cablelint clean` deletes every Python's kept file (and a temporary one) from the
    user's cache folder, leaves other files, and its own exit does not write the file
    again; with --cache-dir too (the kept file is not the result cache's)."""
    from click.testing import CliRunner

    from cablelint.cli import main

    if os.name == "nt":
        pytest.skip("LOCALAPPDATA on Windows")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = Path(str(compiled.default_path()))
    process = Compiled(str(path), writable=True)
    process.regex(NAMED)
    process.save()
    process.regex(NAMED + "x")  # (new to the file: would be written at exit)
    monkeypatch.setattr(compiled, "_KEPT", process)
    other = path.with_name("compiled-cpython-399.marshal")
    other.write_bytes(path.read_bytes())
    temp = path.with_name(path.name + ".1234.tmp")
    temp.write_bytes(b"")
    notes = path.with_name("notes.txt")
    notes.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--cache-dir", str(tmp_path / "results")])
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(path.parent)) == ["notes.txt"]
    assert result.stderr.splitlines() == [f"Removed {p}." for p in sorted(map(str, (other, path, temp)))] + [f"No cache to remove at {tmp_path / 'results'}."]
    process.save()
    assert not path.exists() and compiled.kept() is process and not process.writable
    notes.unlink()
    again = CliRunner().invoke(main, ["clean", "--cache-dir", str(tmp_path / "results")])
    assert again.exit_code == 0 and again.stderr.splitlines() == [f"No cache to remove at {tmp_path / 'results'}."]
    assert not path.parent.exists()  # (the folder, once empty)


def test_a_kept_reading_is_tomllib_s(tmp_path: Path) -> None:
    """What tomllib read in a text is kept, for this process and the next, by the
    whole text; a reading marshal cannot give back equal (a date) and an error are
    read again every time."""
    import tomllib

    calls: list[str] = []

    def loads(text: str) -> dict[str, Any]:
        calls.append(text)
        return tomllib.loads(text)

    path = tmp_path / "compiled.marshal"
    first = Compiled(str(path), writable=True)
    text = 'line-length = 80\nselect = ["H", "x003"]\n[severity]\nP004 = "error"\nratio = 0.5\n'
    assert first.reading("toml", text, loads) == tomllib.loads(text)
    assert first.reading("toml", text, loads) == tomllib.loads(text) and calls == [text]
    dated = "day = 1979-05-27\n"
    assert first.reading("toml", dated, loads) == first.reading("toml", dated, loads) == tomllib.loads(dated)
    assert calls == [text, dated, dated]
    for _ in range(2):
        with pytest.raises(tomllib.TOMLDecodeError):
            first.reading("toml", "line-length = \n", loads)
    assert len(calls) == 5
    first.save()
    again = Compiled(str(path), writable=False)
    assert again.reading("toml", text, loads) == tomllib.loads(text) and len(calls) == 5
    edited = text.replace("80", "81")
    assert again.reading("toml", edited, loads)["line-length"] == 81 and calls[-1] == edited
