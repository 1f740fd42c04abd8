#!/usr/bin/env python3
"""Instruction counts for cablelint's parse and check: a measure of a change's cost that
the machine's load does not move.

Run from the repository root (needs ``valgrind``)::

    python bench/instructions.py                       # parse, this checkout's src/
    python bench/instructions.py --mode check
    python bench/instructions.py --src /tmp/old/src    # another version, for a before/after

Wall-clock ratios (``bench/bench.py``) are the figures the issues judge, but on a shared
machine they move by a fifth between runs, more than most single changes cost. This
script counts the instructions one warm pass over a fixed sample takes instead, with
``valgrind --tool=callgrind``: it runs the sample twice under valgrind, once up to the
measured pass and once with it, and prints the difference, so start-up, imports and the
first passes that fill caches are left out.

What makes the count repeatable (repeated runs of one version agree within about 1%):

- the sample is fixed: every 8th real cable up to ``--real-files`` (``--real DIR``,
  default ``../shared/real-cables/text``) and ``--generated-files`` cables from
  ``bench.py``'s deterministic generator;
- two passes run before the measured one, and the garbage collector is frozen and off
  for it, so a collection does not land in one version's pass and not another's;
- the children read and write no kept pattern codes (``compiled.py``'s file, shared by
  every process of the user, which another process may rewrite between the two runs);
- the lexer's candidate lists are made hot at once (``candidates._HOT = 1``; lexer.py
  held it before session 16): otherwise a list compiles its alternation after 1,000 uses, and whether that compile falls inside the
  measured pass depends on the version. A long corpus run is in this hot state.

It also prints what of the count glibc's allocator took (``callgrind_annotate``, which
comes with valgrind): every match of a regular expression gets a data stack of over a
kilobyte from ``malloc`` (``_sre``'s ``data_stack_grow``; beyond pymalloc's 512 bytes and
glibc's per-thread cache), and what ``_int_malloc`` and ``unlink_chunk`` spend on it
follows how fragmented the heap is, which a change in what the parse allocates moves.
Session 20's parse-only change moved the check by 6 instructions a byte, and session 21
found the whole difference there (docs/performance.md): a step smaller than that share's
movement is read on the figure without it.

Standard library only, plus cablelint (the ``--src`` given, else this checkout's).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REAL = REPO_ROOT.parent / "shared" / "real-cables" / "text"
_COLLECTED = re.compile(r"^==\d+== Collected : (\d+)", re.M)
# glibc's allocator in a callgrind_annotate line: "1,234 (0.1%)  ./malloc/./malloc/malloc.c:_int_malloc [/usr/lib/.../libc.so.6]"
_ALLOCATOR = re.compile(r"^\s*([\d,]+) .*:(?:_int_)?(?:malloc|free|realloc|calloc|unlink_chunk[.\w]*|malloc_consolidate|sysmalloc|alloc_perturb) \[[^\]]*\blibc\.so", re.M)


def sample(real: Path, real_files: int, generated_files: int, out_dir: Path) -> tuple[list[Path], list[Path]]:
    """The fixed sample: every 8th real cable (sorted), and the generator's first cables."""
    reals = sorted(real.glob("*.cable"))[::8][:real_files] if real.is_dir() else []
    generated: list[Path] = []
    if generated_files:
        sys.path.insert(0, str(REPO_ROOT / "bench"))
        import random

        import bench  # the generator of the throughput benchmark

        generated = bench.generate_corpus(generated_files, out_dir, bench.load_templates(), random.Random(1234))
    return reals, generated


def child(src: str, mode: str, listing: str, measure: bool) -> None:
    """The program valgrind runs: two warm passes, then (with *measure*) the counted one."""
    sys.path.insert(0, src)
    import gc

    try:
        from cablelint.grammar import candidates as hot_home
    except ImportError:  # a version before session 16 (--src): the lexer held it
        from cablelint.grammar import lexer as hot_home

    hot, hot_home._HOT = hot_home._HOT, 1  # see the module docstring
    from cablelint.grammar.parser import parse_text
    from cablelint.linter.engine import lint_text

    texts = [(p, Path(p).read_bytes().decode("utf-8", "replace")) for p in Path(listing).read_text(encoding="utf-8").splitlines()]
    for _ in range(2):
        for path, text in texts:
            parse_text(text) if mode == "parse" else lint_text(text, path)
    gc.collect()
    gc.freeze()
    gc.disable()
    if measure:
        for path, text in texts:
            parse_text(text) if mode == "parse" else lint_text(text, path)
    gc.enable()  # as found (both runs do this alike: it costs the difference nothing)
    gc.unfreeze()
    hot_home._HOT = hot


def count(src: Path, mode: str, listing: Path, measure: bool, profile: Optional[Path] = None) -> int:
    """Instructions valgrind counts for one run of :func:`child` (its profile written to
    *profile* when given)."""
    out = "/dev/null" if profile is None else str(profile)
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__, "--child", str(src), mode, str(listing), "1" if measure else "0"]
    # an empty cache folder of its own, never written: the file of kept pattern codes
    # (compiled.py) is the user's, and another process writing it between the two runs
    # made their start-ups differ (one count gave 719 per byte for code that counts 885)
    env = dict(os.environ, PYTHONHASHSEED="0", XDG_CACHE_HOME=str(listing.parent / "no-cache"), CABLELINT_NO_CACHE="1")
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    m = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or m is None:
        tail = "\n".join(done.stderr.splitlines()[-15:])
        raise SystemExit(f"error: valgrind run failed (exit {done.returncode}):\n{tail}")
    return int(m.group(1))


def allocator_instructions(annotated: str) -> int:
    """The instructions glibc's allocator took, from ``callgrind_annotate``'s output
    (one line a function, self cost first)."""
    return sum(int(m.group(1).replace(",", "")) for m in _ALLOCATOR.finditer(annotated))


def allocator_count(profile: Path) -> Optional[int]:
    """:func:`allocator_instructions` of a callgrind profile; None without ``callgrind_annotate``."""
    if shutil.which("callgrind_annotate") is None:
        return None
    done = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", str(profile)], capture_output=True, text=True)
    return allocator_instructions(done.stdout) if done.returncode == 0 else None


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2], argv[3], argv[4] == "1")
        return 0
    ap = argparse.ArgumentParser(description="Count the instructions of one warm pass of parse or check over a fixed sample (valgrind).")
    ap.add_argument("--src", type=Path, default=REPO_ROOT / "src", help="the cablelint source folder to measure (default: this checkout's src/)")
    ap.add_argument("--mode", choices=("parse", "check"), default="parse")
    ap.add_argument("--real", type=Path, default=DEFAULT_REAL, help="folder of real cables (default ../shared/real-cables/text)")
    ap.add_argument("--real-files", type=int, default=24, metavar="N")
    ap.add_argument("--generated-files", type=int, default=12, metavar="N")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("error: valgrind is not installed (apt install valgrind); bench/bench.py measures wall-clock time without it", file=sys.stderr)
        return 2
    if not (args.src / "cablelint").is_dir():
        print(f"error: {args.src} holds no cablelint package", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cablelint-instr-") as tmp:
        reals, generated = sample(args.real, args.real_files, args.generated_files, Path(tmp))
        paths = reals + generated
        if not paths:
            print("error: no cables to measure (no real cables and --generated-files 0)", file=sys.stderr)
            return 2
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
        profiles = Path(tmp) / "base.out", Path(tmp) / "total.out"
        base = count(args.src, args.mode, listing, False, profiles[0])
        total = count(args.src, args.mode, listing, True, profiles[1])
        size = sum(p.stat().st_size for p in paths)
        alloc_base, alloc_total = allocator_count(profiles[0]), allocator_count(profiles[1])
    print(
        f"{args.mode}: {(total - base) / 1e6:.0f}M instructions for one warm pass over {len(paths)} cables "
        f"({len(reals)} real, {len(generated)} generated; {size / 1e6:.2f} MB) from {args.src}"
    )
    print(f"  {(total - base) / size:.0f} instructions per byte")
    if alloc_base is not None and alloc_total is not None:
        alloc = alloc_total - alloc_base
        print(f"  of which glibc's allocator {alloc / size:.1f} (it moves with the heap's layout); without it {(total - base - alloc) / size:.1f}")
    return 0


if __name__ == "__main__":
    code = main()
    if sys.argv[1:2] == ["--child"]:
        # under valgrind: no interpreter teardown, whose collection of everything the
        # measured pass left would be counted in one run and not the other
        sys.stdout.flush()
        os._exit(code)
    sys.exit(code)
