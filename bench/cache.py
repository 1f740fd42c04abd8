#!/usr/bin/env python3
"""What the result cache saves: ``cablelint check`` cold and warm over a few thousand files.

Run from the repository root::

    python bench/cache.py                 # 3 runs of each row over the real cables x 5
    python bench/cache.py --copies 2 --repeat 5 --jobs 2

The corpus is the one bench/jobs.py builds (the real cables, ``../shared/real-cables``,
copied ``--copies`` times into a temporary folder; the repository's corpus when they are
absent). Each run is the real CLI in a subprocess, so process start, walking, hashing,
reading and writing the cache and reporting are all counted. The rows:

- ``no cache``: ``--no-cache``, every file parsed and linted (what bench/jobs.py times);
- ``cold``: an empty cache folder: every file linted, and the cache written;
- ``warm``: the cache the cold run left: no file parsed, the findings read back;
- ``warm, 1 in 10 changed``: a tenth of the files edited since (they are linted again);
- ``one file, no cache`` and ``one file, warm``: ``check`` given one file of the corpus
  by its path, as a hook or an editor's save runs it: the warm row reads only the
  shard of the cache that holds the file, however large the corpus (its speed-up is
  over ``one file, no cache``).

The median wall time of each row is printed with its speed-up over ``no cache``. The
machine is shared: run it when idle.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jobs import build_corpus  # noqa: E402  (bench/ is no package)


def run(corpus: Path, cache: Optional[Path], jobs: int) -> float:
    where = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cablelint", "check", "-q", "--exit-zero", "--no-progress", "--jobs", str(jobs), *where, str(corpus)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def touch_tenth(corpus: Path, round_: int) -> None:
    """Edit one file in ten (a different line each round, so each round is a change)."""
    for i, file in enumerate(sorted(corpus.glob("*/*.cable"))):
        if i % 10 == 0:
            with file.open("ab") as fh:
                fh.write(f"\nEDITED {round_}\n".encode())


def main(argv: Optional[list[str]] = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=5, help="copies of the real cables (default 5: about 1,900 files)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per row; the median is reported")
    ap.add_argument("--jobs", type=int, default=1, help="--jobs for every run (default 1)")
    args = ap.parse_args(argv)
    medians: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="cablelint-cache-") as tmp:
        corpus, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        corpus.mkdir()
        n = build_corpus(corpus, args.copies)
        print(f"{n} files, --jobs {args.jobs}")
        rows: dict[str, list[float]] = {"no cache": [], "cold": [], "warm": [], "warm, 1 in 10 changed": [], "one file, no cache": [], "one file, warm": []}
        one = sorted(corpus.glob("*/*.cable"))[1]  # (one touch_tenth leaves alone)
        for i in range(args.repeat):
            # in turns, so that a busier minute weighs on every row; "no cache" first
            # and last in turn, so that no row always follows the same one
            if i % 2 == 0:
                rows["no cache"].append(run(corpus, None, args.jobs))
            shutil.rmtree(cache, ignore_errors=True)
            rows["cold"].append(run(corpus, cache, args.jobs))
            rows["warm"].append(run(corpus, cache, args.jobs))
            touch_tenth(corpus, i)
            rows["warm, 1 in 10 changed"].append(run(corpus, cache, args.jobs))
            rows["one file, no cache"].append(run(one, None, args.jobs))
            rows["one file, warm"].append(run(one, cache, args.jobs))
            if i % 2 == 1:
                rows["no cache"].append(run(corpus, None, args.jobs))
        for name, times in rows.items():
            medians[name] = statistics.median(times)
            base = statistics.median(rows["one file, no cache" if name.startswith("one file") else "no cache"])
            print(f"{name:>22}: median {medians[name]:.2f} s over {len(times)} runs; x{base / medians[name]:.2f}")
    return medians


if __name__ == "__main__":
    main()
