#!/usr/bin/env python3
"""Parallel speed-up of ``cablelint check --jobs N`` over a corpus of a few thousand files.

Run from the repository root::

    python bench/jobs.py                  # 3 runs each of --jobs 1 and --jobs 2
    python bench/jobs.py --copies 4 --jobs 1,2,4 --repeat 5

The corpus is the real cables (``../shared/real-cables``, read-only) copied ``--copies``
times into a temporary folder, or, when they are absent, the repository's corpus copied
as often as needed for about 2,000 files. Each run is the real CLI in a subprocess
(``python -m cablelint check -q --exit-zero --no-progress --no-cache --jobs N``), so
process start, walking, linting and reporting are all counted; every run lints every
file (bench/cache.py times the result cache). The median wall time of each setting is
printed with its speed-up over ``--jobs 1``. The machine is shared: run it when idle.
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

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real-cables"


def build_corpus(target: Path, copies: int) -> int:
    sources = sorted(REAL.glob("*/*.cable")) or sorted((ROOT / "corpus").glob("**/*.cable"))
    copies = copies or max(1, 2000 // max(1, len(sources)))
    for i in range(copies):
        folder = target / f"copy{i}"
        folder.mkdir()
        for j, src in enumerate(sources):
            shutil.copyfile(src, folder / f"{j:04d}-{src.name}")
    return copies * len(sources)


def run(corpus: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cablelint", "check", "-q", "--exit-zero", "--no-progress", "--no-cache", "--jobs", str(jobs), str(corpus)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=6, help="copies of the real cables (default 6: about 2,250 files)")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values (default 1,2)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per setting; the median is reported")
    args = ap.parse_args()
    settings = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="cablelint-jobs-") as tmp:
        n = build_corpus(Path(tmp), args.copies)
        print(f"{n} files")
        medians = {}
        for jobs in settings:
            times = [run(Path(tmp), jobs) for _ in range(args.repeat)]
            medians[jobs] = statistics.median(times)
            base = medians.get(1, medians[settings[0]])
            print(f"--jobs {jobs}: median {medians[jobs]:.2f} s over {args.repeat} runs; speed-up x{base / medians[jobs]:.2f}")


if __name__ == "__main__":
    main()
