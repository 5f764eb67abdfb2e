"""`python -m localize.cli`, the same as the `localize` console script."""

from localize.cli import main

main(prog_name="localize")
