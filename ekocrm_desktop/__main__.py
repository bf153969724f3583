"""`python -m ekocrm_desktop` runs the same entry point as the `ekocrm` command."""

import sys

from ekocrm_desktop.cli import main

if __name__ == "__main__":  # not when a spawned process (a big import's writer) imports it
    sys.exit(main())
