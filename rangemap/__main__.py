"""``python -m rangemap``: the same as the ``rangemap`` command."""

import sys

from .cli import main

sys.exit(main())
