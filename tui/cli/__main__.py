"""`python -m tui.cli` runs the command line as the `innsikt` script does."""

from __future__ import annotations

import sys

from tui.cli import main

main(sys.argv[1:])
