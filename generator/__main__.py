"""Run the command-line interface: `python -m generator`."""

import os
import sys

from generator.seeds import messages  # a few milliseconds: the line below needs it

try:
    from generator.cli import main

    code = main()
except KeyboardInterrupt:  # a Ctrl-C while Python loads the program, or in serve's start
    print(messages.INTERRUPTED(signal="SIGINT"), file=sys.stderr)
    code = 130
# Like mypy's hard_exit: skip tearing the interpreter down. Freeing a big build's objects
# one by one takes about 0.4 s at 1,000 briefs, and everything is written and closed.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
