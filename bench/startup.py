#!/usr/bin/env python3
"""Start-up time of the cablelint command line: what one small run costs, against a floor.

Run from the repository root::

    python bench/startup.py                  # 15 runs of each row, median
    python bench/startup.py --runs 31 --importtime
    python bench/startup.py --json startup.json
    python bench/startup.py --against ../old/.venv/bin/python   # before/after in one run
    python bench/startup.py --instructions   # instruction counts (valgrind), not times

Why
---
A pre-commit hook or an editor runs ``cablelint check`` on one file at a time, often
on every save. Such a run lints a few kilobytes in milliseconds: nearly all its time
is the start of the process, the imports and the first lint's one-off work (loading
the grammar's tables, the rule registry, the plugin scan). bench/bench.py times the
linting itself and leaves that out; this script times nothing else.

What is measured
----------------
Every *row* is one command, run in a fresh subprocess with this Python
(``sys.executable``), its output sent to ``/dev/null``; the time is the wall time from
starting the process to its exit (``time.perf_counter`` around ``subprocess.run``):

``floor``
    ``python -c pass``: the interpreter's own start and exit, with ``site`` and the
    virtual environment's ``.pth`` files. Nothing cablelint does can go below it.
``version``
    ``python -m cablelint --version``: the imports of the command line and click's
    answer, no linting.
``check``
    ``cablelint check --no-progress <seed>``: what a pre-commit hook runs for one
    file, on the seed cable ``corpus/real/09BAMAKO97.cable`` (text reporter). From
    the untimed first run on, its result is in the result cache, so this row does
    not parse.
``check-json``
    The same with ``--format json`` (another reporter, as an editor asks for).
``check-new``
    The same with ``--no-cache``: a file the cache has not seen (one just edited),
    which the run parses and lints, the document parser made first.

The three ``check`` rows run the ``cablelint`` script installed next to the
interpreter (the console script pip writes) when there is one, else
``python -m cablelint``; the line above the table says which. The seed cable has
findings, so these rows exit with status 1; a status of 2 or more stops the script.

Bytecode: an installed cablelint has its modules compiled to bytecode (pip does
that at install time), so by default every subprocess gets a fresh bytecode cache in a
temporary folder (``PYTHONPYCACHEPREFIX``, with ``PYTHONDONTWRITEBYTECODE`` removed)
that the untimed first run of each row fills. ``--no-bytecode-cache`` runs with
``PYTHONDONTWRITEBYTECODE=1`` instead and no cache folder: in a checkout whose
``__pycache__`` folders were never written (an editable install under that variable)
every run then compiles cablelint's sources again, which costs more than everything
else the start does.

Each row runs once untimed first. Then the rows run ``--runs`` times (default 15),
interleaved (floor, version, check, check-json, check-new, floor, ...) so that slow drift of a
shared machine touches every row alike, and the median of each is printed: wall time
in seconds, as a ratio to the floor's median (``x floor``), and the CPU time the
process used (user + system, from ``getrusage``; where there is none it reads
``n/a``). The CPU time moves less than the wall time when other processes compete
for the cores. The ratio is the number to compare between machines; the absolute
times only between runs on the same machine. Quote medians: a single run on a busy
machine can be twice as slow.

``--against PYTHON`` adds the cablelint rows of another installation (another
checkout's virtual environment, say the code before a change), marked ``@against``
and interleaved with the others, so that a before/after comparison shares one
stretch of the machine's load.

``--instructions`` counts instead of timing: each row runs once more (after its
untimed first run) under ``valgrind --tool=callgrind``, and the table gives the
instructions the whole process executed (millions) and their ratio to the floor's.
With ``PYTHONHASHSEED=0`` (set for these runs: string hashes, and so the order of sets
and some dicts, would otherwise differ from run to run and move the count by a percent
or two) the count does not move with the machine's load, so it is the figure to
compare two versions by on a shared machine; ``--against`` adds the other installation's rows as before. It needs ``valgrind`` on
the ``PATH`` and takes about half a minute a row (valgrind runs the process some
fifty times slower); ``--runs`` does not apply.

``--importtime`` adds where the imports go: ``python -X importtime -c "import
cablelint.cli"`` run ``--runs`` times, and the ten modules with the largest median
*self* time (time spent in the module's own top-level code, not in what it imports),
with their median cumulative time, and the median total of ``cablelint.cli``. It does
not cover the first lint's one-off work, which comes after the imports.

Standard library only; cablelint must be installed in this Python (or importable from
``src/``) for the rows to mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

try:
    import resource
except ImportError:  # Windows: no CPU times
    resource = None  # type: ignore[assignment]

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_CABLE = REPO_ROOT / "corpus" / "real" / "09BAMAKO97.cable"


def cli_command(python: str = sys.executable) -> list[str]:
    """The installed ``cablelint`` script next to *python*, or ``python -m cablelint``."""
    script = Path(python).parent / ("cablelint.exe" if os.name == "nt" else "cablelint")
    return [str(script)] if script.is_file() else [python, "-m", "cablelint"]


def commands(cable: Path, python: str = sys.executable, suffix: str = "") -> dict[str, list[str]]:
    """The rows' commands; with *suffix*, the cablelint rows of another installation
    (the floor is this Python's alone)."""
    cli = cli_command(python)
    check = [*cli, "check", "--no-progress", str(cable)]
    rows = {
        "floor": [sys.executable, "-c", "pass"],
        "version": [python, "-m", "cablelint", "--version"],
        "check": check,
        "check-json": [*check, "--format", "json"],
        "check-new": [*check, "--no-cache"],
    }
    if suffix:
        del rows["floor"]
    return {name + suffix: command for name, command in rows.items()}


def environment(cache: Optional[Path]) -> dict[str, str]:
    """The subprocesses' environment: bytecode cached in *cache*, or never written."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _cpu() -> float:
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(name: str, command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU time of one run of *command*; stops the script when it fails."""
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    cpu = _cpu() - cpu
    if done.returncode >= 2 or (name in ("floor", "version") and done.returncode != 0):
        raise SystemExit(
            f"startup: {name} ({' '.join(command)}) exited with status {done.returncode}\n"
            + done.stderr.decode("utf-8", errors="replace")
        )
    return elapsed, cpu


def measure(cmds: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, list[tuple[float, float]]]:
    for name, command in cmds.items():  # untimed: bytecode caches, page cache
        run_once(name, command, env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, command in cmds.items():
            times[name].append(run_once(name, command, env))
    return times


_COLLECTED = re.compile(r"^==\d+== Collected : (\d+)", re.M)


def count_instructions(name: str, command: list[str], env: dict[str, str]) -> int:
    """The instructions one run of *command* executes, counted by callgrind (the whole
    process: interpreter start, imports, the run, the exit)."""
    run_once(name, command, env)  # bytecode caches, as the timed rows have
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env=dict(env, PYTHONHASHSEED="0"),  # set and dict orders, hence the count, repeat
    )
    stderr = done.stderr.decode("utf-8", errors="replace")
    found = _COLLECTED.search(stderr)
    if found is None or done.returncode >= 2:
        raise SystemExit(f"startup: {name} under valgrind exited with status {done.returncode}\n" + stderr[-2000:])
    return int(found.group(1))


def print_instructions(counts: dict[str, int]) -> None:
    floor = counts["floor"]
    header = f"{'row':<19} {'instructions M':>15} {'x floor':>8}"
    print(header)
    print("-" * len(header))
    for name, n in counts.items():
        print(f"{name:<19} {n / 1e6:>15.1f} {n / floor:>8.1f}")


def parse_importtime(stderr: str) -> dict[str, tuple[int, int]]:
    """``-X importtime`` output as {module: (self us, cumulative us)}."""
    found: dict[str, tuple[int, int]] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        fields = line[len("import time:") :].split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():
            continue  # the header line
        found[fields[2].strip()] = (int(fields[0]), int(fields[1]))
    return found


def importtime(runs: int, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """Median self and cumulative import time (ms) of every module ``import
    cablelint.cli`` loads, over *runs* runs."""
    samples: dict[str, list[tuple[int, int]]] = {}
    command = [sys.executable, "-X", "importtime", "-c", "import cablelint.cli"]
    subprocess.run(command, capture_output=True, check=True, env=env)  # bytecode caches
    for _ in range(runs):
        done = subprocess.run(command, capture_output=True, check=True, env=env)
        for module, pair in parse_importtime(done.stderr.decode("utf-8", errors="replace")).items():
            samples.setdefault(module, []).append(pair)
    return {
        module: {
            "self_ms": statistics.median(s for s, _ in pairs) / 1e3,
            "cumulative_ms": statistics.median(c for _, c in pairs) / 1e3,
        }
        for module, pairs in samples.items()
    }


def summary(times: dict[str, list[tuple[float, float]]]) -> dict[str, dict]:
    floor = statistics.median(wall for wall, _ in times["floor"])
    rows = {}
    for name, pairs in times.items():
        med = statistics.median(wall for wall, _ in pairs)
        rows[name] = {
            "median_s": med,
            "x_floor": med / floor if floor else float("nan"),
            "cpu_median_s": statistics.median(cpu for _, cpu in pairs),
            "times_s": [wall for wall, _ in pairs],
        }
    return rows


def print_table(rows: dict[str, dict]) -> None:
    header = f"{'row':<19} {'median s':>9} {'x floor':>8} {'cpu s':>7}"
    print(header)
    print("-" * len(header))
    for name, r in rows.items():
        cpu = r["cpu_median_s"]
        cpu_s = f"{cpu:>7.3f}" if cpu == cpu else f"{'n/a':>7}"  # nan: no getrusage
        print(f"{name:<19} {r['median_s']:>9.3f} {r['x_floor']:>8.1f} {cpu_s}")


def print_importtime(modules: dict[str, dict[str, float]], top: int = 10) -> None:
    total = modules.get("cablelint.cli", {}).get("cumulative_ms")
    print()
    print("import cablelint.cli (-X importtime, medians): "
          + (f"{total:.1f} ms in all" if total is not None else "cablelint.cli not seen"))
    header = f"{'self ms':>8} {'cumulative ms':>14}  module"
    print(header)
    print("-" * len(header))
    ranked = sorted(modules.items(), key=lambda item: item[1]["self_ms"], reverse=True)
    for module, m in ranked[:top]:
        print(f"{m['self_ms']:>8.1f} {m['cumulative_ms']:>14.1f}  {module}")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Start-up time of the cablelint CLI (see module docstring).")
    ap.add_argument("--runs", type=int, default=15, metavar="N",
                    help="timed runs of each row; the median is reported (default %(default)s)")
    ap.add_argument("--cable", type=Path, default=SEED_CABLE,
                    help="the cable the check rows lint (default: the seed cable)")
    ap.add_argument("--importtime", action="store_true",
                    help="also print the ten imports with the largest median self time")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="run with PYTHONDONTWRITEBYTECODE=1 and no cache folder of our own")
    ap.add_argument("--against", metavar="PYTHON",
                    help="also run the cablelint rows with another installation's Python (rows "
                         "marked @against), interleaved with these: a before/after in one run")
    ap.add_argument("--instructions", action="store_true",
                    help="count each row's instructions once with valgrind's callgrind instead of "
                         "timing it (deterministic; needs valgrind)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers to FILE")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be >= 1")
    if not args.cable.is_file():
        ap.error(f"no cable at {args.cable}")
    if args.instructions and shutil.which("valgrind") is None:
        ap.error("--instructions needs valgrind (apt install valgrind)")

    cmds = commands(args.cable)
    if args.against:
        cmds.update(commands(args.cable, args.against, "@against"))
    print(f"Python {platform.python_version()} ({platform.python_implementation()}) "
          f"on {platform.system()} {platform.machine()}")
    if args.instructions:
        print(f"instructions of one run of each row (callgrind); check rows run: {' '.join(cli_command())}")
    else:
        print(f"{args.runs} runs of each row, interleaved (median); check rows run: {' '.join(cli_command())}")
    if args.against:
        print(f"rows @against run: {' '.join(cli_command(args.against))}")
    print("bytecode: " + ("not written (PYTHONDONTWRITEBYTECODE=1)" if args.no_bytecode_cache
                          else "cached in a temporary folder (PYTHONPYCACHEPREFIX)"))
    with tempfile.TemporaryDirectory(prefix="cablelint-startup-") as tmp:
        env = environment(None if args.no_bytecode_cache else Path(tmp))
        rows: dict[str, dict] = {}
        counts: Optional[dict[str, int]] = None
        if args.instructions:
            counts = {name: count_instructions(name, command, env) for name, command in cmds.items()}
            print()
            print_instructions(counts)
        else:
            rows = summary(measure(cmds, args.runs, env))
            print()
            print_table(rows)
        modules = importtime(args.runs, env) if args.importtime else None
    if modules is not None:
        print_importtime(modules)

    if args.json:
        doc = {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "runs": args.runs,
            "bytecode_cache": not args.no_bytecode_cache,
            "cable": str(args.cable),
            "commands": cmds,
            "rows": rows,
            "instructions": counts,
            "importtime": modules,
        }
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
