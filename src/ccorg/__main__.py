"""`python -m ccorg`, the same as the `ccorg` command."""

import sys

from ccorg.cli import main

sys.exit(main())
