"""`python -m ccorg`, the same as the `ccorg` command."""

from ccorg.cli import run

run()
