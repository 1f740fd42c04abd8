"""The ``cablelint`` command and ``python -m cablelint``.

Importing the CLI makes the objects the process keeps to its end: the grammar's
tables and patterns, the records' classes, the rules. The garbage collector would walk
them again and again while they are made (a twentieth of a start of the CLI) and at
every full collection after; so it is off during the import and then told to leave
them alone (``gc.freeze``), as ``runner.settle`` does for the parser before linting.
This is done here, in the process cablelint owns, and not in ``cablelint.cli``, which
a program may import; the modules the commands run, which the CLI imports when a
command runs, are frozen the same way in this process only (``cli.FROZEN_IMPORTS``).
So are the signals that end a run (:func:`end_cleanly_on_signals`).
"""

import gc
import os
import signal
import sys
from types import FrameType
from typing import Optional

# the signals that end a run (SIGINT aside: Python makes it KeyboardInterrupt, which
# the CLI handles): `kill PID`, `timeout`, a cancelled CI job; the terminal closed
ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_OWNER: list[int] = []  # the id of the process that runs the command


def _end(signum: int, frame: Optional[FrameType]) -> None:
    """End the process by *signum* as it would have ended, after letting go of what
    would outlive it: its --jobs workers, stopped, and the temporary files of the
    reports and fixed cables being written, removed (the files themselves are as
    they were, or written whole). Done here rather than by an exception unwinding
    the run, which Python drops where it cannot be raised (an at-fork hook, as when
    a worker is being started), letting the run go on to its end."""
    if os.getpid() in _OWNER:
        # looked up, never imported here: at the interpreter's shutdown an import may
        # fail, and a module not imported has nothing to let go of
        processes = sys.modules.get("multiprocessing")  # (imported for --jobs only)
        if processes is not None:
            for child in processes.active_children():
                child.terminate()
        files = sys.modules.get("cablelint.files")
        for tmp in list(files.WRITING if files is not None else ()):
            try:
                os.unlink(tmp)
            except OSError:
                pass
    # (a worker forked from the command, which has nothing of its own to let go of,
    # comes straight here)
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def end_cleanly_on_signals() -> None:
    """End the run on SIGTERM or SIGHUP without leaving anything behind
    (:func:`_end`): by default the process vanishes where it stands, and its --jobs
    workers live on, waiting for work that never comes and holding its standard
    output open (``$(cablelint check -j 2 .)``, or a CI step, waits for them for
    ever), and the temporary file of ``-o FILE`` stays beside the report. A signal
    the command's caller ignores (``nohup``) stays ignored."""
    _OWNER[:] = [os.getpid()]
    for signum in ENDING:
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _end)


def run() -> None:
    gc.disable()
    try:
        from cablelint import cli
    finally:
        gc.freeze()
        gc.enable()
    cli.FROZEN_IMPORTS = True  # (the modules a command runs are imported as it runs)
    end_cleanly_on_signals()
    cli.main()


if __name__ == "__main__":
    run()
