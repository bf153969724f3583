"""`python -m ekocrm_desktop` runs the same entry point as the `ekocrm` command."""

import sys

from ekocrm_desktop.cli import main

sys.exit(main())
