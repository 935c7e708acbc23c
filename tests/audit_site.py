"""A loopback republisher and a loopback The Conversation for the audit's tests.

The republisher is a WordPress-like site: ``/feed/`` (RSS 2.0 with content:encoded, the full
posts), ``/sitemap_index.xml`` with two sitemaps, its robots.txt, and pages built in memory
from the recorded samples: our own compliant republications (republish.py) in the CMS
layouts of the checker's corpus (tests/corpus/templates) and a news site's, some with
one defect made in memory (tests/pages.py), and the site's own
stories, which republish nothing. The Conversation serves the originals' article pages: the
two recorded French pages byte for byte, and for article 263253, of which no page was
recorded, a page BUILT here in the shape docs/the-conversation.md#article-pages gives
(docs/the-conversation.md#article-pages), its body the recorded feed entry's content, unaltered.

Nothing here is stored on disk: every page lives only for the test that serves it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from xml.sax.saxutils import escape as xml_escape

from syndication.models import Article
from syndication.republish import republish
from syndication.source import parse_feed

from .conftest import ENV_FEED, FR_FEED, SAMPLES
from .corpus.layouts import LAYOUTS, Slots, fill
from .pages import sub, third_party_page
from .server import LoopbackServer

TC_ROBOTS = SAMPLES / "tc-robots.txt"
FR_PAGES = {212649: SAMPLES / "tc-article-212649-fr.html",
            209538: SAMPLES / "tc-article-209538-fr.html"}
SITE_ROBOTS = "User-agent: *\nDisallow: /private/\n"
# Layouts of the checker's corpus the site's posts take in turn (WordPress classic and block
# themes, Drupal, Ghost), with tests/pages.py's news site.
CMS_LAYOUTS = ("wp-twentytwentyone", "wp-twentytwentyfour", "drupal-olivero", "ghost-casper",
               "wp-astra")
_COUNTER = re.compile(r'<img[^>]*counter\.theconversation\.com/content/\d+/count\.gif[^>]*>')


def originals() -> dict[int, Article]:
    """The three originals: 263253 (recorded US feed), 212649 and 209538 (built FR feed)."""
    env = parse_feed(ENV_FEED.read_bytes(),
                     "https://theconversation.com/us/environment/articles.atom").articles
    fr = parse_feed(FR_FEED.read_bytes(), "https://theconversation.com/fr/articles.atom").articles
    return {a.article_id: a for a in (*env, *fr)}


def built_article_page(article: Article) -> str:
    """An article page of The Conversation as docs/the-conversation.md#article-pages
    describes it, around the feed entry's content (BUILT: no page of this article was
    recorded). The content's counter and disclosure move where the page keeps them."""
    content = article.content
    m = _COUNTER.search(content)
    body, rest = (content[:m.start()], content[m.end():]) if m else (content, "")
    disclosure = "".join(f"<p><span>{s}</span></p>" for s in
                         re.findall(r'<p class="fine-print"><em><span>(.*?)</span></em></p>',
                                    rest, re.S))
    authors = "".join(
        f'<li class="vcard"><a rel="author" href="{escape(_path(a.profile_url or ""))}">'
        f'<span class="author-name">{escape(a.name)}</span></a>'
        f'<p class="role">{escape(", ".join(x for x in (a.role, a.institution) if x))}</p>'
        "</li>" for a in article.authors)
    published = article.published.isoformat().replace("+00:00", "Z")
    updated = article.updated.isoformat().replace("+00:00", "Z")
    return (
        f'<!DOCTYPE html><html lang="{escape(article.language or "en")}"><head>'
        f'<meta charset="utf-8"><title>{escape(article.title)}</title>'
        f'<link rel="canonical" href="{escape(article.url)}">'
        f'<meta property="og:title" content="{escape(article.title)}">'
        f'<meta property="og:updated_time" content="{updated}"></head><body>'
        f'<h1 itemprop="headline">{escape(article.title)}</h1><ul>{authors}</ul>'
        f'<time itemprop="datePublished" datetime="{published}">{published}</time>'
        f'<div itemprop="articleBody">{body}</div>'
        f'<section class="content-disclosure-statement">{disclosure}</section>'
        "</body></html>"
    )


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@dataclass
class Post:
    """One page of the republisher: its path, its HTML, and what the audit must say."""

    path: str
    title: str
    html: str  # the whole page
    entry: str  # what the feed carries as content:encoded ("" : not in the feed)
    expect: str  # "compliant" (but for the licence, see tc_originals), a failing rule, "skip"


@dataclass
class Site:
    """The republisher's posts; serve() puts them, its feed and sitemaps on a server."""

    posts: list[Post] = field(default_factory=list)

    def serve(self, server: LoopbackServer) -> None:
        base = server.base
        for post in self.posts:
            server.serve(post.path, post.html, content_type="text/html; charset=utf-8")
        server.serve("/robots.txt", SITE_ROBOTS, content_type="text/plain")
        items = "".join(
            f"<item><title>{xml_escape(p.title)}</title><link>{base}{p.path}</link>"
            f"<guid isPermaLink=\"false\">{base}/?p={i}</guid>"
            f"<description>{xml_escape(p.title)} […]</description>"
            f"<content:encoded><![CDATA[{p.entry}]]></content:encoded></item>"
            for i, p in enumerate(self.posts) if p.entry)
        server.serve("/feed/", (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>Riverside Gazette</title><link>{base}/</link>"
            f"<description>News</description><generator>https://wordpress.org/?v=6.6</generator>"
            f"{items}</channel></rss>"), content_type="application/rss+xml; charset=UTF-8")
        half = len(self.posts) // 2
        for name, posts in (("post-sitemap.xml", self.posts[:half]),
                            ("page-sitemap.xml", self.posts[half:])):
            urls = "".join(f"<url><loc>{base}{p.path}</loc></url>" for p in posts)
            server.serve(f"/{name}", (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'),
                content_type="application/xml")
        server.serve("/sitemap_index.xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}/post-sitemap.xml</loc></sitemap>"
            f"<sitemap><loc>{base}/page-sitemap.xml</loc></sitemap></sitemapindex>"),
            content_type="application/xml")


def serve_conversation(server: LoopbackServer, articles: dict[int, Article]) -> None:
    """The Conversation: robots.txt and an article page for each original, at its path."""
    server.serve("/robots.txt", TC_ROBOTS, content_type="text/plain")
    for n, article in articles.items():
        path = _path(article.url)
        page = FR_PAGES[n].read_bytes() if n in FR_PAGES else built_article_page(article)
        server.serve(path, page, content_type="text/html; charset=utf-8")


OWN_STORY = """<p>The council met on Tuesday evening to discuss the new opening hours of the
riverside library, which will stay open until nine on weekdays from the first of June.</p>
<p>Residents who spoke at the meeting welcomed the change; the budget for it comes from the
arts fund, the mayor said.</p>"""


def build_site(articles: dict[int, Article]) -> Site:
    """Compliant republications of the three originals, three with one defect each (an
    edited word, a missing counter, a dropped author), two stories of the site's own, and a
    republication under /private/, which robots.txt keeps the audit away from."""
    env, fr1, fr2 = articles[263253], articles[212649], articles[209538]
    site = Site()

    def post(path: str, article: Article, html: str, expect: str) -> None:
        # the corpus's CMS layouts in turn (tests/corpus/templates), then our news site
        names = (*CMS_LAYOUTS, None)
        name = names[len(site.posts) % len(names)]
        if name is None:
            page = third_party_page(html, title=article.title, author=article.authors[0].name)
        else:
            page = fill(LAYOUTS[name], Slots(lang=article.language or "en", head_title=
                                             article.title, headline=article.title,
                                             article=html))
        site.posts.append(Post(path, article.title, page, html, expect))

    good = {n: republish(a).html for n, a in articles.items()}
    post("/2025/09/sea-stars/", env, good[263253], "compliant")
    post("/2024/02/machines-chaleur/", fr1, good[212649], "compliant")
    post("/2023/09/neandertal/", fr2, good[209538], "compliant")
    # one defect each, made in memory
    first_words = re.search(r"<p>(\w+)", env.content)
    assert first_words is not None
    post("/2025/09/sea-stars-edited/", env,
         sub(good[263253], f"<p>{first_words.group(1)}", "<p>Reportedly"), "unaltered-text")
    post("/2024/02/machines-no-counter/", fr1, _COUNTER.sub("", good[212649]), "page-counter")
    second = fr1.authors[1] if len(fr1.authors) > 1 else fr1.authors[0]
    dropped = re.sub(r"<a[^>]*>" + re.escape(escape(second.name, quote=False)) + r"</a>", "",
                     good[212649], count=1)
    post("/2024/02/machines-one-author/", fr1, dropped, "author-credit")
    for path, title in (("/news/library-hours/", "Library opening hours"),
                        ("/about/", "About the Riverside Gazette")):
        page = third_party_page(OWN_STORY, title=title, author="the newsroom")
        site.posts.append(Post(path, title, page, OWN_STORY, "skip"))
    private = third_party_page(good[209538], title=fr2.title, author=fr2.authors[0].name)
    site.posts.append(Post("/private/draft/", fr2.title, private, "", "robots"))
    return site
