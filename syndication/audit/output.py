"""What an audit prints: the summary table and each failing page's findings for people,
JSON Lines for programs (each page as ``check --json`` prints one page, plus its URL), and
the exit status the command returns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..compliance.command import verdict_json
from .records import AuditReport, PageAudit, Standing

# Exit statuses of `syndication audit` (README "Auditing a whole site").
EXIT_COMPLIANT = 0  # every page judged compliant
EXIT_NOT_COMPLIANT = 1  # some page failed a rule
EXIT_NOTHING_JUDGED = 2  # no page could be judged (or a usage error)
EXIT_UNCHECKED = 3  # none failed, but some could not be checked (or read)


def exit_status(report: AuditReport) -> int:
    if report.judged == 0:
        return EXIT_NOTHING_JUDGED
    if report.count(Standing.NOT_COMPLIANT):
        return EXIT_NOT_COMPLIANT
    if report.unreadable or any(p.standing is not Standing.COMPLIANT for p in report.pages):
        return EXIT_UNCHECKED
    return EXIT_COMPLIANT


def nothing_judged(report: AuditReport) -> str:
    """One line: why no page could be judged (exit 2)."""
    read = [s for s in report.sources if not s.error]
    named = sum(s.pages for s in read)
    if not read:
        return "no source could be read: " + "; ".join(s.error for s in report.sources)
    if named == 0:
        sites = [s.discovery for s in read if s.discovery is not None]
        if sites:
            return "; ".join(f"no page found on {d.site} ({'; '.join(d.tried)})"
                             for d in sites)
        return "the sources name no page"
    if report.pages:
        return (f"{len(report.pages)} republications found, and none could be judged: "
                + report.pages[0].error)
    if report.unreadable and not report.skipped:
        return (f"none of the {named} pages could be read (the first: "
                f"{report.unreadable[0][1]})")
    unread = f", {len(report.unreadable)} could not be read" if report.unreadable else ""
    return (f"no republication of The Conversation among the {named} pages named "
            f"({report.skipped} republish none{unread})")


def error_lines(report: AuditReport) -> list[str]:
    """What an audit says on stderr, each thing once: every SOURCE that could not be read,
    and, when no page could be judged (exit 2), why; when no SOURCE could be read, that
    line names each of them and says it alone."""
    unread = [s.error for s in report.sources if s.error]
    if exit_status(report) != EXIT_NOTHING_JUDGED:
        return unread
    why = nothing_judged(report)
    return [why] if len(unread) == len(report.sources) else [*unread, why]


def source_lines(report: AuditReport) -> Iterator[str]:
    """What was found from each site's address and how, what was tried that gave nothing,
    sitemaps left out or unreadable, and how many of the pages named were read."""
    for s in report.sources:
        d = s.discovery
        if d is not None:
            site = s.where if d.site == d.asked else f"{s.where} (redirected to {d.site})"
            if d.way:
                yield (f"{site}: {s.pages} page{'s' if s.pages != 1 else ''} found from "
                       f"{d.way}: {', '.join(d.used)}")
            else:
                yield f"{site}: no page found"
            for why in d.tried:
                yield f"  tried {why}"
        elif s.notes:
            yield f"{s.where}: {s.pages} page{'s' if s.pages != 1 else ''}"
        for note in s.notes:
            yield f"  {note}"
    if report.audited < report.named:
        yield limit_line(report)


def limit_line(report: AuditReport) -> str:
    return (f"The first {report.audited} of {report.named} pages named were audited (the "
            "most recently modified first, by the sitemaps' <lastmod>); --max-pages N "
            "audits more.")


def sources_json(report: AuditReport) -> list[dict[str, Any]]:
    """Each SOURCE as the JSON summary gives it: what it was, how many pages it named, and
    for a site's address what was discovered and used."""
    out = []
    for s in report.sources:
        item: dict[str, Any] = {"source": s.where, "kind": s.kind, "pages": s.pages}
        if s.error:
            item["error"] = s.error
        if s.discovery is not None:
            item["discovered"] = {"site": s.discovery.site, "way": s.discovery.way,
                                  "used": list(s.discovery.used),
                                  "tried": list(s.discovery.tried)}
        if s.notes:
            item["notes"] = list(s.notes)
        out.append(item)
    return out


def summary_line(report: AuditReport) -> str:
    s = report.summary()
    parts = [f"{s['pages']} republication{'s' if s['pages'] != 1 else ''}: "
             f"{s['compliant']} compliant, {s['not_compliant']} not compliant, "
             f"{s['not_checked']} not fully checked"]
    if s["errors"]:
        parts.append(f"{s['errors']} could not be judged")
    parts.append(f"{s['skipped']} other page{'s' if s['skipped'] != 1 else ''} skipped")
    if s["unreadable"]:
        parts.append(f"{s['unreadable']} unreadable")
    return "; ".join(parts) + "."


# --- JSON Lines -----------------------------------------------------------------------------


def json_lines(report: AuditReport) -> Iterator[str]:
    """One object per page (check --json's shape plus ``url``), then one summary object."""
    for page in report.pages:
        yield _dumps(page_json(page))
    for url, why in report.unreadable:
        yield _dumps({"url": url, "error": why})
    yield _dumps({"summary": {**report.summary(), "exit": exit_status(report),
                              "named": report.named, "audited": report.audited,
                              "sources": sources_json(report)}})


def page_json(page: PageAudit) -> dict[str, Any]:
    out: dict[str, Any] = {"url": page.url}
    if page.verdict is not None:
        out.update(verdict_json(page.verdict))
    else:
        out["article"] = page.article_id
    out["verdict"] = str(page.standing)
    out["judged"] = page.judged
    if page.entry_verdict is not None:
        out["feed_entry"] = verdict_json(page.entry_verdict)
    out["found_by"] = page.how
    out["original"] = page.original
    if page.error:
        out["error"] = page.error
    if page.change:
        out["change"] = page.change
    return out


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


# --- the table ------------------------------------------------------------------------------


def table(report: AuditReport, marks: tuple[str, str, str] = ("✓", "✗", "?")) -> Iterator[str]:
    """The summary table (page, article, verdict, failing rules), then the findings of every
    page that is not compliant, then a summary line."""
    good, bad, unknown = marks
    told = list(source_lines(report))
    yield from told
    if told:
        yield ""
    sign = {Standing.COMPLIANT: good, Standing.NOT_COMPLIANT: bad}
    rows = [(p.url, str(p.article_id or "?"), f"{sign.get(p.standing, unknown)} {p.standing}"
             + (f" ({p.change})"
             if p.change else ""), ", ".join(p.failed_rules) or
             (("not checked: " + ", ".join(p.unchecked_rules)) if p.unchecked_rules else "")
             ) for p in report.pages]
    rows += [(url, "?", f"{unknown} unreadable", why) for url, why in report.unreadable]
    if rows:
        head = ("page", "article", "verdict", "failing rules")
        widths = [min(max(len(r[i]) for r in [head, *rows]), 60) for i in range(3)]
        for r in [head, *rows]:
            yield "  ".join(_fit(r[i], widths[i]) for i in range(3)) + "  " + r[3]
    for page in report.pages:
        if page.standing is Standing.COMPLIANT:
            continue
        yield ""
        yield f"{page.url}: {page.standing}"
        yield f"  article {page.article_id or '?'} ({page.how})" + (
            f", original {page.original}" if page.original else "")
        if page.error:
            yield f"  {unknown} {page.error}"
        # A finding the page and its feed entry share is printed once, naming both.
        said: dict[tuple[str, bool | None, str], list[str]] = {}
        for what, verdict in page.verdicts:
            for f in verdict.findings:
                if f.ok is not True:
                    said.setdefault((f.rule, f.ok, f.detail), []).append(what)
        for (rule, ok, detail), whats in said.items():
            mark = bad if ok is False else unknown
            where = f" [{' and '.join(whats)}]" if page.entry_verdict is not None else ""
            yield f"  {mark} {rule}{where}: {detail}"
    if rows:
        yield ""
    yield summary_line(report)


def _fit(text: str, width: int) -> str:
    if len(text) > width:
        text = "…" + text[-(width - 1):]
    return f"{text:<{width}}"
