"""The benchmark script runs and reports every row (a smoke run: no timing is judged)."""

from __future__ import annotations

import gc
import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from tests.conftest import check_json

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "real" / "09BAMAKO97.cable"


def _script(name: str):
    """The bench/ script *name*, loaded as a module (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location(f"cablelint_{name}", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _script("bench")


def test_smoke_run_reports_every_row_against_the_floor(bench, tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    code = bench.main(["--real", str(tmp_path / "absent"), "--generated", "6", "--repeat", "1", "--json", str(out)])
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["rows"] == ["floor", "parse", "check", "lalr"]
    (generated,) = doc["corpora"]
    assert generated["corpus"] == "generated" and generated["files"] == 6
    rows = generated["rows"]
    assert rows["floor"]["x_floor"] == 1.0
    for name in ("parse", "check", "lalr"):
        assert rows[name]["x_floor"] > 0
    assert set(doc["cost_model"]) == {"floor", "parse", "check", "lalr"}
    assert all("samples" not in corpus for corpus in doc["corpora"])
    printed = capsys.readouterr().out
    assert "real cables:" in printed and "not found; skipped" in printed
    assert "lalr" in printed
    assert "cost model over every file" in printed


def test_the_cost_model_splits_time_into_a_part_per_cable_and_one_per_byte(bench) -> None:
    """Files whose times are exactly 2 ms + size / 5 MB/s give back those two figures."""
    samples = [(size, 0.002 + size / 5e6) for size in (1_000, 4_000, 9_000, 30_000)]
    floor = [(size, 0.0001 + size / 100e6) for size in (1_000, 4_000, 9_000, 30_000)]
    model = bench.cost_model([{"samples": {"parse": samples, "floor": floor}}])
    assert model["parse"]["per_cable_s"] == pytest.approx(0.002)
    assert model["parse"]["marginal_mb_per_s"] == pytest.approx(5.0)
    assert model["floor"]["marginal_mb_per_s"] == pytest.approx(100.0)


def test_the_cost_model_needs_files_of_different_sizes(bench) -> None:
    same = [(4_000, 0.002), (4_000, 0.003), (4_000, 0.004)]
    assert bench.cost_model([{"samples": {"parse": same}}]) == {}


def test_the_lalr_reference_reads_one_token_per_line(bench) -> None:
    """The reference row parses a cable into one node per non-blank line."""
    tree = bench.load_lalr_row()(SEED)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    kinds = [node.children[0].type for node in tree.children if getattr(node, "data", None) == "line"]
    assert len(kinds) == sum(1 for line in lines if line.strip())
    assert kinds.count("TAGS") == 1
    assert kinds.count("CLASSIFICATION") == 1
    assert kinds.count("PARAGRAPH") == sum(1 for line in lines if line[:1].isdigit() and "." in line[:4])


@pytest.fixture(scope="module")
def instructions():
    return _script("instructions")


def test_the_instruction_count_says_when_valgrind_is_missing(instructions, monkeypatch, capsys) -> None:
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.main([]) == 2
    assert "valgrind is not installed" in capsys.readouterr().err


def test_the_instruction_count_refuses_a_folder_without_cablelint(instructions, monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setattr(instructions.shutil, "which", lambda name: "/usr/bin/valgrind")
    assert instructions.main(["--src", str(tmp_path)]) == 2
    assert "holds no cablelint package" in capsys.readouterr().err


def test_the_counted_runs_keep_no_pattern_codes(instructions, monkeypatch, tmp_path: Path) -> None:
    """Both valgrind runs start alike: an empty cache folder of their own, nothing written
    (compiled.py's file is the user's, which other processes rewrite)."""
    import subprocess

    seen = []

    def run(cmd, capture_output, text, env):
        seen.append(env)
        return subprocess.CompletedProcess(cmd, 0, "", "==1== Collected : 1234\n")

    monkeypatch.setattr(instructions.subprocess, "run", run)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/shared")
    listing = tmp_path / "files.txt"
    assert instructions.count(tmp_path, "parse", listing, True) == 1234
    assert seen[0]["XDG_CACHE_HOME"] == str(tmp_path / "no-cache") and not (tmp_path / "no-cache").exists()
    assert seen[0]["CABLELINT_NO_CACHE"] == "1" and seen[0]["PYTHONHASHSEED"] == "0"


def test_the_instruction_count_sums_glibcs_allocator(instructions) -> None:
    """The allocator's share: glibc's malloc functions, with or without their source file
    (libc without debug information), and nothing else of libc or of pymalloc."""
    annotated = "\n".join([
        "  4,749,519 ( 1.08%)  ./malloc/./malloc/malloc.c:_int_malloc [/usr/lib/x86_64-linux-gnu/libc.so.6]",
        "  3,446,661 ( 0.79%)  ./string/../sysdeps/x86_64/multiarch/memmove-vec-unaligned-erms.S:__memcpy_avx_unaligned_erms [/usr/lib/x86_64-linux-gnu/libc.so.6]",
        "    959,547 ( 0.22%)  ./malloc/./malloc/malloc.c:unlink_chunk.constprop.0 [/usr/lib/x86_64-linux-gnu/libc.so.6]",
        "  5,761,563 ( 1.31%)  /build/Python-3.11.7/Objects/obmalloc.c:_PyObject_Malloc [/usr/lib/libpython3.11.so.1.0]",
        "        100 ( 0.00%)  ???:free [/usr/lib/libc.so.6]",
        "         20 ( 0.00%)  ???:freelist_pop [/usr/lib/libc.so.6]",
    ])
    assert instructions.allocator_instructions(annotated) == 4_749_519 + 959_547 + 100


def test_the_instruction_counts_sample_is_fixed(instructions, tmp_path: Path) -> None:
    """Two samples drawn alike hold the same cables, byte for byte."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    reals, first = instructions.sample(tmp_path / "absent", 24, 3, tmp_path / "a")
    _, second = instructions.sample(tmp_path / "absent", 24, 3, tmp_path / "b")
    assert reals == [] and len(first) == 3
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_the_measured_program_parses_and_checks_the_listed_cables(instructions, tmp_path: Path) -> None:
    """What valgrind runs: the child reads the listing and lints every cable in it."""
    from cablelint.grammar import candidates

    hot = candidates._HOT
    listing = tmp_path / "files.txt"
    listing.write_text(str(SEED), encoding="utf-8")
    for mode in ("parse", "check"):
        assert instructions.main(["--child", str(REPO / "src"), mode, str(listing), "1"]) == 0
    assert gc.isenabled() and candidates._HOT == hot  # (left as the child found them)


def test_generated_cables_keep_their_page_headers_in_order(bench, tmp_path: Path) -> None:
    """A paragraph repeated to grow a cable leaves its page headers behind: the copies
    would number an earlier section after a later one (S003). With the templates that
    have page headers, the generated cables give no S003: their page headers come in
    order and carry the serial the generator gave the cable, as the DE line does (R009)."""
    templates = [t for t in bench.load_templates() if bench.PAGE_HEADER_LINE.search("\n\n".join(t[2]))]
    assert templates, "no template has a page header"
    paths = bench.generate_corpus(12, tmp_path, templates, random.Random(7))
    assert check_json(*map(str, paths), "--select", "S003,R009") == []
    assert any(bench.PAGE_HEADER_LINE.search(path.read_text(encoding="utf-8")) for path in paths)


def test_without_page_headers_takes_out_both_kinds(bench) -> None:
    text = "1. (C) One.\nASTANA 00000095 002 OF 003\nTwo words ASTANA 00000095 003 OF 003 run on.\n"
    assert bench.without_page_headers(text) == "1. (C) One.\nTwo words run on.\n"


@pytest.fixture(scope="module")
def startup():
    return _script("startup")


def test_the_startup_bench_times_every_row_against_the_floor(startup, tmp_path: Path, capsys) -> None:
    """One run of each row, real subprocesses (a smoke run: no timing is judged)."""
    out = tmp_path / "startup.json"
    assert startup.main(["--runs", "1", "--importtime", "--against", sys.executable, "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(doc["rows"]) == ["floor", "version", "check", "check-json", "check-new", "version@against", "check@against", "check-json@against", "check-new@against"]
    assert doc["runs"] == 1 and doc["bytecode_cache"] is True
    assert doc["rows"]["floor"]["x_floor"] == 1.0
    for row in doc["rows"].values():
        assert len(row["times_s"]) == 1 and row["median_s"] > 0 and row["cpu_median_s"] >= 0
    assert doc["commands"]["check-json"][-2:] == ["--format", "json"]
    assert doc["commands"]["check-new"][-1] == "--no-cache"
    assert doc["importtime"]["cablelint.cli"]["cumulative_ms"] > 0
    printed = capsys.readouterr().out
    assert "x floor" in printed and "check-json@against" in printed
    assert "import cablelint.cli (-X importtime, medians)" in printed


def test_the_startup_bench_reads_importtime_lines(startup) -> None:
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       120 |        120 |   _io\n"
        "import time:      5300 |      81000 | cablelint.cli\n"
        "a line of something else\n"
    )
    assert startup.parse_importtime(stderr) == {"_io": (120, 120), "cablelint.cli": (5300, 81000)}


def test_the_startup_bench_caches_bytecode_unless_told_not_to(startup, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    cached = startup.environment(tmp_path)
    assert "PYTHONDONTWRITEBYTECODE" not in cached and cached["PYTHONPYCACHEPREFIX"] == str(tmp_path)
    uncached = startup.environment(None)
    assert uncached["PYTHONDONTWRITEBYTECODE"] == "1" and "PYTHONPYCACHEPREFIX" not in uncached


def test_the_cache_benchmark_times_every_row(tmp_path: Path, capsys) -> None:
    medians = _script("cache").main(["--copies", "1", "--repeat", "1"])
    assert list(medians) == ["no cache", "cold", "warm", "warm, 1 in 10 changed", "one file, no cache", "one file, warm"]
    assert all(m > 0 for m in medians.values())
    assert "warm, 1 in 10 changed: median" in capsys.readouterr().out
