"""``syndication status``: what the state database knows, as text for a person: the last
run and its outcome, each source's last success, error and validators, the problems that
last (said once on stderr), robots.txt copies, hosts that asked us to wait, and how many
articles are published and refused."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from . import utc
from .config import MAX_RETRY_AFTER, Config
from .store import Store
from .wording import count


def render_status(config: Config, now: datetime | None = None) -> str:
    """The status report for ``config``'s state file. Never creates the database: a
    missing one means no run has happened yet."""
    path = config.site.state_file
    if not path.exists():
        return f"state file: {path}\nno run yet (the state file does not exist)\n"
    now = now or utc.now()
    out: list[str] = [f"state file: {path}"]
    with Store(path) as store:
        last = store.last_run()
        if last is None:
            out.append("last run: none recorded")
        else:
            took = (last.finished - last.started).total_seconds()
            crashed = last.summary.get("crashed")
            outcome = ("ok" if last.ok else f"FAILED: the run stopped: {crashed}" if crashed
                       else "FAILED (some sources, articles or files)")
            out.append(f"last run: {_when(last.finished)} ({took:.1f} s, {_ago(last.finished, now)}"
                       f"), {outcome}")
            if not crashed:
                out.append("  " + _summary(last.summary))
            for line in last.summary.get("failures", []):
                out.append(f"  failure: {line}")
            left_out = last.summary.get("failures_left_out", 0)
            if left_out:
                out.append(f"  ... and {count(left_out, 'more failure')}")
        out.append(f"runs recorded: {store.runs_count()}")
        counts = store.status_counts()
        out.append(
            f"articles: {counts.get('published', 0)} published, "
            f"{counts.get('refused', 0)} refused, {counts.get('error', 0)} could not be "
            "processed"
        )
        size, whole, pruned = store.size()
        out.append(f"database: {_size(size)}; {count(whole, 'article')} kept whole, "
                   f"{pruned} pruned (retention: {config.site.keep_days} days, README "
                   "\"Retention\")")
        states = {s.url: s for s in store.sources()}
        out.append("sources:")
        for url in config.sources:
            out.append(f"  {url}")
            state = states.get(url)
            if state is None:
                out.append("    never fetched")
                continue
            out.append(f"    last success: {_when(state.last_success)}")
            out.append(f"    last attempt: {_when(state.last_attempt)}")
            out.append(f"    last error:   {state.last_error or 'none'}")
            out.append(f"    validators:   ETag {state.etag or '-'}, "
                       f"Last-Modified {state.last_modified or '-'}")
        for url in sorted(set(states) - set(config.sources)):
            out.append(f"  {url} (no longer in the configuration)")
        lasting = [said for place in store.notices().values() for said in place.values()]
        if lasting:
            # said on stderr by the run that found each (cron mailed it), not since while it
            # lasts (notices.py): here for as long as it does
            out.append("lasting problems (said once on stderr; not repeated while they last):")
            for said in sorted(lasting, key=lambda s: s.since):
                out.append(f"  {said.text} (said {_when(said.since)})")
        robots = store.robots_all()
        if robots:
            out.append("robots.txt:")
            for r in robots:
                rules = "rules kept" if r.status == 200 else "none: all allowed"
                out.append(f"  {r.origin}: HTTP {r.status} ({rules}), fetched "
                           f"{_when(r.fetched)}")
        # the fetcher's own bound on a wait, so that a void one is not listed (a Retry-After
        # dated by a clock gone back since: not obeyed)
        for host, until in store.hosts_waiting(now, timedelta(seconds=MAX_RETRY_AFTER)):
            out.append(f"waiting: {host} asked (Retry-After) not to be contacted before "
                       f"{_when(until)}")
    return "\n".join(out) + "\n"


def _summary(summary: dict[str, Any]) -> str:
    articles = summary.get("articles", {})
    listed = ", ".join(f"{n} {k}" for k, n in sorted(articles.items())) or "none new"
    return (
        f"sources: {summary.get('sources', 0)} ({summary.get('sources_failed', 0)} failed, "
        f"{summary.get('sources_not_modified', 0)} not modified); "
        f"requests: {summary.get('requests', 0)}; articles: {listed}; feed files written: "
        f"{len(summary.get('feeds_written', []))}, failed: {summary.get('feeds_failed', 0)}"
        f"; pruned: {summary.get('pruned', 0)}"
    )


def _when(value: datetime | None) -> str:
    if value is None:
        return "never"
    return utc.timestamp(value)


def _ago(value: datetime, now: datetime) -> str:
    seconds = max(0, int((now - value).total_seconds()))
    if seconds < 120:
        return f"{seconds} s ago"
    if seconds < 7200:
        return f"{seconds // 60} min ago"
    if seconds < 172800:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def _size(n: int) -> str:
    """A file size for a person: 512 bytes, 40.2 KB, 104.7 MB (decimal units)."""
    value = float(n)
    for unit in ("bytes", "KB", "MB"):
        if value < 1000:
            return f"{n} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
