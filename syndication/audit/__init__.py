"""``syndication audit``: every page of a site that republishes an article of The
Conversation, found from its address, feeds, sitemaps or URL lists, and judged as
``syndication check`` judges one page. crawl.py gathers and judges, discover.py finds what
lists a site's pages from its address, sources.py reads what a source lists, records.py
holds what passes between them and on to the outputs (output.py, report.py)."""

from __future__ import annotations

from .crawl import run_audit
from .records import AuditReport, Candidate, Listing, PageAudit, SourceOutcome, Standing

__all__ = ["AuditReport", "Candidate", "Listing", "PageAudit", "SourceOutcome", "Standing",
           "run_audit"]
