"""``python -m gkmodel``: the same as the ``gkmodel`` command."""

from gkmodel.cli import console_main

console_main()
