"""Helpers that build, in memory, the republications tests judge: one defect at a time in a
real sample, and a third-party page around a republication. Article text is never edited on
disk; every variant here lives only for the test that asks for it."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from syndication.models import Verdict

# A news site around a republished article: navigation, ads and tracking scripts, a sidebar,
# comments that name the author, a site footer under a Creative Commons licence of its own.
# None of it is the article: the checker must find the article in the middle and judge that.
SITE_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Example Community News</title>
<meta property="og:title" content="{title}">
<script src="https://tracker.example.net/analytics.js"></script>
<script>window.dataLayer = [];</script>
</head>
<body>
<nav class="site-nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/events">Events</a>
 <a href="https://theconversation.com/us">More from The Conversation</a>
 <script>menu.init()</script></nav>
<div class="ad-banner"><iframe src="https://ads.example.net/slot/1"></iframe>
 <p>Advertisement: visit the spring fair at the community hall this weekend.</p></div>
<main>
<article class="post">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<p class="posted-on">Posted on 27 September 2025 by the newsroom</p></header>
<div class="entry-content">
{body}
</div>
</article>
<aside class="sidebar"><h3>Popular this week</h3><ul><li><a href="/p/1">Council approves the
 new library opening hours for the summer</a></li><li><a href="/p/2">High school robotics team
 heads to the national finals</a></li></ul>
 <form action="/subscribe"><input name="email"><button>Subscribe</button></form></aside>
<section class="comments" id="comments"><h3>3 comments</h3>
 <p>Great read. {author} explains it so clearly, thank you for sharing this piece.</p>
 <p>Reminds me of diving here as a kid, there were so many stars on the rocks back then.</p>
 <script src="https://comments.example.net/embed.js"></script></section>
</main>
<footer class="site-footer"><p>Example Community News. Our own stories are published under a
 <a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons licence</a>.</p>
<script src="https://tracker.example.net/footer.js"></script></footer>
</body></html>
"""


def third_party_page(body: str, *, title: str, author: str) -> str:
    """A whole web page of a made-up publisher carrying ``body`` as its article."""
    return SITE_TEMPLATE.format(title=escape(title), body=body, author=escape(author))


def sub(html: str, old: str, new: str, *, count: int = 1) -> str:
    """Replace ``old`` (which must be there) with ``new``: a mutation that cannot silently
    miss its target, so its test cannot pass by accident."""
    assert old in html, f"mutation target not found: {old[:80]!r}"
    return html.replace(old, new, count)


def sub_re(html: str, pattern: str, new: str) -> str:
    """Like sub(), with a regular expression (DOTALL)."""
    out, n = re.subn(pattern, new, html, count=1, flags=re.DOTALL)
    assert n == 1, f"mutation pattern not found: {pattern!r}"
    return out


def first_figure(content: str) -> str:
    """The first <figure>…</figure> of an article's content (its lead image)."""
    m = re.search(r"<figure.*?</figure>", content, re.DOTALL)
    assert m is not None
    return m.group()


def explain(verdict: Verdict) -> str:
    """A verdict's findings, a line each: what a failed assertion shows."""
    return "\n".join(f"{f.rule}: {f.ok} {f.detail}" for f in verdict.findings)
