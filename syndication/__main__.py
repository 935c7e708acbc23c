"""``python -m syndication``: the same as the ``syndication`` command."""

from .cli import console

raise SystemExit(console())
