#!/usr/bin/env python3
"""Throughput benchmark for cablelint: how fast is the parser, compared with a floor?

Run from the repository root::

    python bench/bench.py                 # full run (5 repetitions, 2000 generated cables)
    python bench/bench.py --quick         # smoke run (1 repetition, 200 generated cables)
    python bench/bench.py --rows parse --json bench.json

What is measured
----------------
Every *row* is a function applied to every file of a *corpus*, one file after the other,
on one core, in this process (no multiprocessing). Each row includes reading the file:
``open``, read the bytes, decode as UTF-8 with ``errors="replace"``. Then:

``floor``
    Three simple regular expressions over the whole text: numbered paragraphs
    (``^\\d+\\. ``, findall), a ``TAGS`` line and a classification line (search). This is
    roughly the cheapest thing that still "looks at" a cable, and stands for the cost of
    I/O, decoding and one pass over the characters.
``parse``
    ``cablelint.grammar.parser.parse_text(text)``: the full parse into a model object.
``check``
    ``cablelint.linter.engine.lint_text(text, path)``: parse and run every default rule
    with the default configuration (what ``cablelint check`` does, without printing).
    Not listed when the engine cannot be imported. The CLI also freezes the garbage
    collector's view of its start-up objects before it lints (``runner.settle``), which
    saves it about a tenth; the rows here time the library calls and leave that out.
``lalr``
    A reference, not part of cablelint: the bare technique issue 2 measured ("a
    line-level LALR grammar reads about 10 MB/s"). Lark, LALR with its contextual lexer,
    over a five-terminal grammar whose every token is one line (numbered paragraph,
    classification line, TAGS line, other text, blank line), building Lark's parse tree
    and nothing else: no positions kept, no fields read, no model. It shows what one
    token per line costs before any of cablelint's work, on the same files in the same
    run. cablelint's own lexer hands a stretch of body lines to the parser as one token,
    so it does not pay this per line.

Corpora:

``real-text`` / ``real-markdown``
    The real cables in ``<real>/text/*.cable`` and ``<real>/markdown/*.cable``
    (``--real DIR``, default ``../shared/real-cables`` next to the repository). They are
    read in place, never copied. If the folder is absent the corpus is skipped.
``generated``
    ``--generated N`` synthetic cables written at run time to a temporary directory by the
    small deterministic generator below (``random.Random(1234)``): the seed cable
    ``corpus/real/09BAMAKO97.cable`` and any ``corpus/valid/**/*.cable`` are templates;
    each synthetic cable takes one template, gets a new serial number, and has its numbered
    body paragraphs dropped or duplicated (and renumbered) until it is about 2-30 KB.
    The corpus therefore changes if the files in ``corpus/valid`` change.

Before timing, the grammar is built by parsing one file (warm-up) and every file is read
once so that the OS page cache is warm. Then each row runs over the whole corpus R times
(``--repeat``, default 5; repetitions of the rows are interleaved so slow drift of the
machine affects every row alike) and the median wall time (``time.perf_counter``) is kept.
The floor, being short, runs five times in each repetition so that its median (the
denominator of every ratio) is not at the mercy of one disturbed run.
The garbage collector is left on, as in real use.

How to read the table
---------------------
``cables/s`` and ``MB/s`` are throughput for the whole row, reading included
(MB = 10**6 bytes of file on disk). ``x floor`` is ``row_time / floor_time`` on the same
corpus: "the parser is N times slower than reading the files and running three regexes
over them". The floor itself is 1.0 by definition. The ratio is mostly independent of the
machine's speed, so it is the number to compare between runs on different machines; a
ratio that grows on the generated corpus (big cables) more than on the real one points at
cost that grows faster than the size of a cable. The absolute numbers depend on the
machine, the Python version and what else is running; compare them only between runs on
the same machine.

The cost model under the table splits each row's time in two, by a least-squares fit of
``time = per cable + size / marginal`` over every file of every corpus (each file's
median time): what a cable costs whatever its size, and the throughput on each further
byte. The ratio in the table mixes the two in the proportion of the corpus's sizes, so
this says which of the two a change must attack: cablelint's per-cable part is its
routing header, captions and model; its marginal part is the body text.

Standard library only, plus cablelint itself for the parse and check rows and Lark (a
dependency of cablelint) for the lalr reference row.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_CABLE = REPO_ROOT / "corpus" / "real" / "09BAMAKO97.cable"
VALID_DIR = REPO_ROOT / "corpus" / "valid"
DEFAULT_REAL = REPO_ROOT.parent / "shared" / "real-cables"

try:
    from cablelint.grammar.parser import parse_text
except ImportError:  # not installed: fall back to the source tree (lark must be importable)
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from cablelint.grammar.parser import parse_text


# --------------------------------------------------------------------------------------
# Rows. Each row is (name, function(path)); the function reads the file itself, so the
# cost of reading and decoding is in every row alike.
# --------------------------------------------------------------------------------------

RE_PARAGRAPH = re.compile(r"^\d+\. ", re.M)
RE_TAGS = re.compile(r"^TAGS", re.M)
RE_CLASSIFICATION = re.compile(r"^(?:UNCLAS|C O N F|S E C R E T)", re.M)


def read_text(path: Path) -> str:
    with open(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


def floor_row(path: Path) -> object:
    text = read_text(path)
    return (
        RE_PARAGRAPH.findall(text),
        RE_TAGS.search(text),
        RE_CLASSIFICATION.search(text),
    )


def parse_row(path: Path) -> object:
    return parse_text(read_text(path))


# The reference grammar of the ``lalr`` row: one terminal per line kind, each ending
# with its line break (a file is given one at its end if it has none).
LALR_REFERENCE_GRAMMAR = r"""
start: (line | BLANK)*
line: PARAGRAPH | CLASSIFICATION | TAGS | TEXT
PARAGRAPH.3: /[ \t]{0,3}\d{1,3}\.[^\n]*\n/
CLASSIFICATION.2: /(?:UNCLAS|CONFIDENTIAL|SECRET)[^\n]*\n/
TAGS.2: /TAGS[^\n]*\n/
TEXT: /[^\n]*\S[^\n]*\n/
BLANK: /[ \t\r]*\n/
"""


def load_lalr_row() -> Callable[[Path], object]:
    """The ``lalr`` reference row (see the module docstring): a bare line-level Lark
    LALR parse, built once here so that building it is not timed."""
    from lark import Lark

    parser = Lark(LALR_REFERENCE_GRAMMAR, parser="lalr", lexer="contextual")

    def lalr_row(path: Path) -> object:
        text = read_text(path)
        return parser.parse(text if text.endswith("\n") else text + "\n")

    return lalr_row


def load_check_row() -> Optional[Callable[[Path], object]]:
    """The ``check`` row: ``cablelint.linter.engine.lint_text(text, path)``.

    That is the linter with the default configuration and every default rule, the same
    work as ``cablelint check FILE`` minus the output. None while the engine is absent.
    """
    try:
        from cablelint.linter.engine import lint_text
    except ImportError:
        return None

    def check_row(path: Path) -> object:
        return lint_text(read_text(path), str(path))

    return check_row


def available_rows() -> list[tuple[str, Callable[[Path], object]]]:
    rows: list[tuple[str, Callable[[Path], object]]] = [
        ("floor", floor_row),
        ("parse", parse_row),
    ]
    check = load_check_row()
    if check is not None:
        rows.append(("check", check))
    rows.append(("lalr", load_lalr_row()))
    return rows


# --------------------------------------------------------------------------------------
# Generator of synthetic cables.
# --------------------------------------------------------------------------------------

# A numbered paragraph starts a line: "1. ", "1.(SBU)", "¶1. " or "[¶](#par1)1. ".
PARA_START = re.compile(r"^(?P<pre>\[¶\]\(#par\d+\)|¶ ?)?(?P<num>\d+)\.", re.M)
CLASSIFICATION_LINE = re.compile(
    r"^(?:UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|C O N F I D E N T I A L|(?:T O P )?S E C R E T).*$", re.M
)
DE_SERIAL = re.compile(r"^(DE \S+ #)\d+", re.M)
# The archive's page header, on its own line or run into a text line (cable-format.md
# 4.6): "ASTANA 00000095 002 OF 003". A repeated paragraph drops it: kept, the page
# headers would go back to an earlier section, which S003 rightly reports. The ones
# kept take the cable's new serial.
PAGE_HEADER_LINE = re.compile(r"^[ \t]*[A-Z][A-Za-z .'-]* \d{8} +\d{3}(?:\.\d)? +(?:OF|of) +\d{3}[ \t]*(?:\n|\Z)", re.M)
PAGE_HEADER_SERIAL = re.compile(r"(?<=[A-Z.'] )\d{8}(?= +\d{3}(?:\.\d)? +(?:OF|of) +\d{3})")
PAGE_HEADER_INLINE = re.compile(r"[ \t]+[A-Z][A-Z .'-]*? \d{8} +\d{3}(?:\.\d)? +(?:OF|of) +\d{3}[ \t]+")


def split_template(text: str) -> tuple[str, list[str], str]:
    """Split a cable into (head, numbered paragraphs, tail).

    Each paragraph runs from its number to the next one. The tail (signature etc.) is
    what follows the last paragraph's first blank line, or its last line if it has none.
    """
    starts = [m.start() for m in PARA_START.finditer(text)]
    if not starts:
        return text, [], ""
    head = text[: starts[0]]
    paras = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]
    last = paras.pop()
    cut = last.find("\n\n")
    if cut < 0:  # no blank line: the signature, if any, is the last line
        cut = last.rstrip("\n").rfind("\n")
    if cut < 0:
        cut = len(last)
    paras.append(last[:cut])
    tail = last[cut:].lstrip("\n")
    return head, [p.rstrip("\n") for p in paras], tail


def renumber(paragraph: str, n: int) -> str:
    def repl(m: re.Match[str]) -> str:
        pre = m.group("pre") or ""
        if pre.startswith("[¶]"):
            pre = f"[¶](#par{n})"
        return f"{pre}{n}."

    return PARA_START.sub(repl, paragraph, count=1)


def without_page_headers(paragraph: str) -> str:
    """*paragraph* with its page headers taken out, for a copy of it later in a cable."""
    return PAGE_HEADER_INLINE.sub(" ", PAGE_HEADER_LINE.sub("", paragraph))


def new_serial(head: str, serial: int) -> str:
    head = DE_SERIAL.sub(lambda m: f"{m.group(1)}{serial % 10000:04d}", head, count=1)
    m = CLASSIFICATION_LINE.search(head)
    if m:
        line = re.sub(r"\b\d{6}\b(?!.*\b\d{6}\b)", f"{serial:06d}", m.group(0))
        head = head[: m.start()] + line + head[m.end() :]
    return head


def load_templates() -> list[tuple[str, str, list[str], str]]:
    paths = [SEED_CABLE] if SEED_CABLE.is_file() else []
    if VALID_DIR.is_dir():
        paths += sorted(VALID_DIR.rglob("*.cable"))
    templates = []
    for path in paths:
        head, paras, tail = split_template(read_text(path))
        if paras:  # a template needs at least one numbered paragraph to vary
            templates.append((path.name, head, paras, tail))
    return templates


def generate_corpus(n: int, out_dir: Path, templates, rng: random.Random) -> list[Path]:
    paths = []
    for i in range(n):
        _name, head, paras, tail = rng.choice(templates)
        target = rng.randint(2_000, 30_000)  # bytes, roughly
        body = list(paras)
        # too big: drop paragraphs from the end (keep one); too small: duplicate some
        while len(body) > 1 and len("\n\n".join(body)) + len(head) + len(tail) > target:
            body.pop()
        while len("\n\n".join(body)) + len(head) + len(tail) < target:
            body.append(without_page_headers(rng.choice(paras)))
        body = [renumber(p, k) for k, p in enumerate(body, 1)]
        serial = rng.randint(1, 999_999)
        text = new_serial(head, serial) + PAGE_HEADER_SERIAL.sub(f"{serial:08d}", "\n\n".join(body))
        text += "\n" + (tail if tail.endswith("\n") or not tail else tail + "\n")
        path = out_dir / f"GEN{i:05d}.cable"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------
# Measurement.
# --------------------------------------------------------------------------------------


FLOOR_RUNS = 5


def run_once(fn: Callable[[Path], object], paths: list[Path], per_file: list[list[float]]) -> float:
    """Run *fn* over *paths* once; the whole run's wall time. Each file's own time is
    appended to its list in *per_file* (for the cost model)."""
    clock = time.perf_counter
    t0 = clock()
    last = t0
    for p, times in zip(paths, per_file):
        fn(p)
        now = clock()
        times.append(now - last)
        last = now
    return last - t0


def measure(name: str, paths: list[Path], rows, repeat: int) -> dict:
    sizes = [p.stat().st_size for p in paths]
    total_bytes = sum(sizes)
    for p in paths:  # warm the page cache so the first repetition is not special
        read_text(p)
    times: dict[str, list[float]] = {r: [] for r, _ in rows}
    per_file: dict[str, list[list[float]]] = {r: [[] for _ in paths] for r, _ in rows}
    for _ in range(repeat):
        for row_name, fn in rows:
            # The floor takes a few hundredths of a second: one slow run moves every
            # ratio, so it runs FLOOR_RUNS times for each repetition of the others.
            for _ in range(FLOOR_RUNS if row_name == "floor" else 1):
                times[row_name].append(run_once(fn, paths, per_file[row_name]))
    result = {"corpus": name, "files": len(paths), "bytes": total_bytes, "rows": {}}
    floor = statistics.median(times["floor"]) if "floor" in times else None
    for row_name, ts in times.items():
        med = statistics.median(ts)
        result["rows"][row_name] = {
            "median_s": med,
            "times_s": ts,
            "cables_per_s": len(paths) / med if med else None,
            "mb_per_s": total_bytes / 1e6 / med if med else None,
            "x_floor": med / floor if floor else None,
        }
    # Kept for the cost model, not written to --json: each file's size and median time.
    result["samples"] = {r: list(zip(sizes, map(statistics.median, ft))) for r, ft in per_file.items()}
    return result


def cost_model(results: list[dict]) -> dict[str, dict]:
    """Fit ``time = per_cable + bytes / marginal`` to every file of every corpus, by
    least squares on each file's median time, for each row.

    The two parts answer different questions. ``per_cable`` is what a cable costs
    whatever its size (for cablelint: its header, captions and the model around them);
    ``marginal`` is the throughput on each further byte of text. The ratio in the table
    above mixes the two in the proportion of the corpus's sizes.
    """
    model: dict[str, dict] = {}
    rows = {r for res in results for r in res["samples"]}
    for row in rows:
        points = [pt for res in results for pt in res["samples"].get(row, [])]
        if len(points) < 3 or len({size for size, _ in points}) < 2:
            continue
        slope, intercept = statistics.linear_regression(
            [size for size, _ in points], [t for _, t in points]
        )
        model[row] = {
            "per_cable_s": intercept,
            "marginal_mb_per_s": 1e-6 / slope if slope > 0 else None,
            "files": len(points),
        }
    return model


def print_cost_model(model: dict[str, dict], order: list[str]) -> None:
    floor = model.get("floor")
    print()
    print("cost model over every file (least squares): time = per cable + size / marginal MB/s")
    header = f"{'row':<6} {'per cable ms':>13} {'marginal MB/s':>14} {'per cable x floor':>18} {'marginal x floor':>17}"
    print(header)
    print("-" * len(header))
    for row in order:
        m = model.get(row)
        if m is None:
            continue
        per = m["per_cable_s"]
        mbs = m["marginal_mb_per_s"]
        per_x = f"{per / floor['per_cable_s']:.1f}" if floor and floor["per_cable_s"] > 0 else "n/a"
        mar_x = (
            f"{floor['marginal_mb_per_s'] / mbs:.1f}"
            if floor and mbs and floor["marginal_mb_per_s"]
            else "n/a"
        )
        mbs_s = f"{mbs:.2f}" if mbs else "n/a"
        print(f"{row:<6} {per * 1e3:>13.3f} {mbs_s:>14} {per_x:>18} {mar_x:>17}")


def print_table(results: list[dict]) -> None:
    header = f"{'corpus':<14} {'files':>6} {'MB':>7}  {'row':<6} {'median s':>9} {'cables/s':>10} {'MB/s':>8} {'x floor':>8}"
    print(header)
    print("-" * len(header))
    for res in results:
        first = True
        for row_name, r in res["rows"].items():
            lead = (
                f"{res['corpus']:<14} {res['files']:>6} {res['bytes'] / 1e6:>7.2f}"
                if first
                else " " * 29
            )
            ratio = f"{r['x_floor']:>8.1f}" if r["x_floor"] is not None else f"{'n/a':>8}"
            print(
                f"{lead}  {row_name:<6} {r['median_s']:>9.3f} {r['cables_per_s']:>10.1f}"
                f" {r['mb_per_s']:>8.2f} {ratio}"
            )
            first = False


def main(argv: Optional[list[str]] = None) -> int:
    rows_all = available_rows()
    names_all = [n for n, _ in rows_all]
    ap = argparse.ArgumentParser(
        description="Benchmark cablelint's parser against a regex floor (see module docstring).",
    )
    ap.add_argument("--real", type=Path, default=DEFAULT_REAL,
                    help="folder of real cables with text/ and markdown/ (default: %(default)s)")
    ap.add_argument("--generated", type=int, default=None, metavar="N",
                    help="number of synthetic cables to generate (default 2000; 0 = none)")
    ap.add_argument("--repeat", type=int, default=None, metavar="R",
                    help="repetitions per row and corpus; the median is reported (default 5)")
    ap.add_argument("--rows", default=",".join(names_all),
                    help=f"comma-separated rows to run (available: {', '.join(names_all)}; "
                         "default: all)")
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: --repeat 1 --generated 200 (unless given explicitly)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers to FILE")
    args = ap.parse_args(argv)

    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 5)
    n_generated = args.generated if args.generated is not None else (200 if args.quick else 2000)
    if repeat < 1 or n_generated < 0:
        ap.error("--repeat must be >= 1 and --generated >= 0")
    wanted = [w.strip() for w in args.rows.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in names_all]
    if unknown or not wanted:
        ap.error(f"unknown row(s) {', '.join(unknown) or '(none given)'}; "
                 f"available: {', '.join(names_all)}")
    rows = [(n, fn) for n, fn in rows_all if n in wanted]  # floor first, as listed

    print(f"Python {platform.python_version()} ({platform.python_implementation()}) "
          f"on {platform.system()} {platform.machine()}")
    print(f"rows: {', '.join(n for n, _ in rows)}; repeat {repeat} (median); one core, in-process")
    if "check" not in names_all:
        print("(no check row: cablelint.linter.engine cannot be imported)")

    # Warm-up: the first parse builds the grammar; keep that out of the timings.
    warm = SEED_CABLE if SEED_CABLE.is_file() else None
    t0 = time.perf_counter()
    parse_text(read_text(warm) if warm else "UNCLAS\n")
    print(f"warm-up parse (builds the grammar): {time.perf_counter() - t0:.3f} s")
    for _name, fn in rows:
        if warm:
            fn(warm)

    corpora: list[tuple[str, list[Path]]] = []
    real = args.real.resolve()
    if real.is_dir():
        for sub in ("text", "markdown"):
            files = sorted((real / sub).glob("*.cable"))
            if files:
                corpora.append((f"real-{sub}", files))
        if not corpora:
            print(f"real cables: no {real}/text/*.cable or markdown/*.cable; skipped")
    else:
        print(f"real cables: {real} not found; skipped")

    results = []
    with tempfile.TemporaryDirectory(prefix="cablelint-bench-") as tmp:
        if n_generated:
            templates = load_templates()
            if templates:
                gen = generate_corpus(n_generated, Path(tmp), templates, random.Random(1234))
                corpora.append(("generated", gen))
                print(f"generated: {n_generated} cables from {len(templates)} template(s) "
                      f"in {tmp}")
            else:
                print("generated: no template with numbered paragraphs found; skipped")

        for name, files in corpora:
            mb = sum(p.stat().st_size for p in files) / 1e6
            print(f"corpus {name}: {len(files)} files, {mb:.2f} MB")
        print()
        for name, files in corpora:
            results.append(measure(name, files, rows, repeat))

    model = cost_model(results)
    if results:
        print_table(results)
        print_cost_model(model, [n for n, _ in rows])
    else:
        print("nothing to measure")
    for res in results:
        del res["samples"]

    if args.json:
        doc = {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "repeat": repeat,
            "generated": n_generated,
            "seed": 1234,
            "rows": [n for n, _ in rows],
            "corpora": results,
            "cost_model": model,
        }
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
