"""`python -m twofold` is the `twofold` command."""

import sys

from .cli import main

sys.exit(main())
