"""``python -m syndication``: the same as the ``syndication`` command."""

from .cli import main

raise SystemExit(main())
