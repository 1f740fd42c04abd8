"""The ``cablelint`` command and ``python -m cablelint``.

Importing the CLI makes the objects the process keeps to its end: the grammar's
tables and patterns, the records' classes, the rules. The garbage collector would walk
them again and again while they are made (a twentieth of a start of the CLI) and at
every full collection after; so it is off during the import and then told to leave
them alone (``gc.freeze``), as ``runner.settle`` does for the parser before linting.
This is done here, in the process cablelint owns, and not in ``cablelint.cli``, which
a program may import; the modules the commands run, which the CLI imports when a
command runs, are frozen the same way in this process only (``cli.FROZEN_IMPORTS``).
"""

import gc


def run() -> None:
    gc.disable()
    try:
        from cablelint import cli
    finally:
        gc.freeze()
        gc.enable()
    cli.FROZEN_IMPORTS = True  # (the modules a command runs are imported as it runs)
    cli.main()


if __name__ == "__main__":
    run()
