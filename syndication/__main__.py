"""``python -m syndication``: the same as the ``syndication`` command."""

from .cli import console

if __name__ == "__main__":  # not when a worker process imports the main module (pool.py)
    raise SystemExit(console())
