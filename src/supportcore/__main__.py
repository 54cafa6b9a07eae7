"""``python -m supportcore``: the command line, as the ``supportcore`` script runs it."""

from .cli import main

main(prog_name="supportcore")
