"""The one source of syndication's version: pyproject.toml reads it (dynamic version), the
package face re-exports it as ``syndication.__version__``, and the stages import it from here,
not from the package face."""

__version__ = "0.2.0"
