"""index.html, the page for people: every feed with subscribe links and autodiscovery for
every format, its latest entries with author and date, the refused articles with their
failing rules; and, in headless Chromium (Debian's chromium, which .ci/run installs), it
loads, every link resolves to a file that exists, and screenshots are produced
(tests/_artifacts/index-*.png)."""

from __future__ import annotations

import struct
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from syndication.config import Config
from syndication.conversation import TC_RIGHTS
from syndication.index import LATEST, Listing, render_index
from syndication.models import LICENCE_URL
from syndication.output import INDEX_FILE
from syndication.pipeline import run
from syndication.serve import make_server, server_url
from syndication.store import Store

from .browser import run_chromium
from .conftest import ENV_FEED, FR_FEED
from .feedruns import ENV_PATH, FR_PATH, Clock
from .server import LoopbackServer

ARTIFACTS = Path(__file__).parent / "_artifacts"
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml",
               "json": "application/feed+json"}
# Links the page may make to other sites: the originals, The Conversation, the licence,
# the authors' profiles, syndication's home.
EXTERNAL_HOSTS = {"theconversation.com", "creativecommons.org", "pypi.org"}

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Config]:
    """Two feeds written from the recorded samples; article 212649 refused upstream (its
    rights changed in memory), so the page has something in every section."""
    tmp = tmp_path_factory.mktemp("index")
    server = LoopbackServer().start()
    try:
        env = server.serve(ENV_PATH, ENV_FEED)
        fr = server.serve(FR_PATH, FR_FEED.read_bytes().replace(
            TC_RIGHTS.encode(), b"All rights reserved.", 1))
        (tmp / "config.toml").write_text(
            '[site]\ntitle = "Riverside Library news"\nbase_url = "https://example.org/feeds/"\n'
            '[fetch]\nuser_agent = "t (+https://example.org/contact)"\nmin_interval = 0\n'
            f'[[feed]]\nname = "environment"\ntitle = "Environment"\nsources = ["{env}"]\n'
            f'[[feed]]\nname = "sciences"\ntitle = "Sciences en français"\nsources = ["{fr}"]\n',
            encoding="utf-8",
        )
        from syndication.config import load_config

        config = load_config(tmp / "config.toml")
        report = run(config, clock=Clock())
        assert [a.article_id for a in report.articles if a.failed_rules] == [212649]
        yield config
    finally:
        server.stop()


def _page(config: Config) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((config.site.output_dir / INDEX_FILE).read_bytes())


def test_autodiscovery_and_subscribe_links_for_every_format(site: Config) -> None:
    page = _page(site)
    alternates = [(ln.get("type"), ln.get("href"))
                  for ln in page.xpath("//head/link[@rel='alternate']")]
    expected = [(MEDIA_TYPES[fmt], f"{name}.{fmt}")
                for name in ("environment", "sciences") for fmt in ("atom", "rss", "json")]
    assert alternates == expected
    for name in ("environment", "sciences"):
        section = page.get_element_by_id(f"feed-{name}")
        links = [(a.get("href"), a.text) for a in section.xpath(".//ul[@class='subscribe']//a")]
        assert links == [(f"{name}.atom", "Atom"), (f"{name}.rss", "RSS"),
                         (f"{name}.json", "JSON Feed")]
        assert f"https://example.org/feeds/{name}.atom" in section.text_content()
    assert page.xpath("//script") == []  # no JavaScript
    assert page.xpath("//meta[@name='viewport']/@content") == [
        "width=device-width, initial-scale=1"]


def test_latest_entries_with_author_and_date(site: Config) -> None:
    page = _page(site)
    env = page.get_element_by_id("feed-environment")
    (item,) = env.xpath(".//ol[@class='entries']/li")
    assert item.xpath("a/@href") == [
        "https://theconversation.com/how-sea-star-wasting-disease-transformed-the-west-coasts-"
        "ecology-and-economy-263253"]
    meta = item.xpath("p[@class='meta']")[0]
    assert meta.text_content().startswith(
        "Rebecca Vega Thurber (University of California, Santa Barbara) · 26 September 2025")
    assert meta.xpath("time/@datetime") == ["2025-09-26T12:30:52+00:00"]

    fr = page.get_element_by_id("feed-sciences")
    items = fr.xpath(".//ol[@class='entries']/li")
    assert [i.xpath("a")[0].text for i in items] == [
        "Une chasse au trésor pour retrouver des restes de Néandertal dans le Bassin parisien"]
    assert items[0].get("lang") == "fr-FR"  # the page is English, the entry is not
    assert "updated" in items[0].text_content()


def test_refused_articles_with_their_failing_rules(site: Config) -> None:
    page = _page(site)
    refused = page.get_element_by_id("refused")
    (item,) = refused.xpath(".//ul[@class='refused']/li")
    assert item.xpath("a")[0].text == (
        "Comment les machines succombent à la chaleur, des voitures aux ordinateurs")
    assert item.xpath("a/@href")[0].endswith("-212649")
    rules = [li.text_content().strip() for li in item.xpath("ul[@class='rules']/li")]
    assert len(rules) == 1
    assert rules[0].startswith("licence: ")
    assert "All rights reserved." in rules[0]


def test_the_page_is_the_same_for_the_same_state(site: Config) -> None:
    with Store(site.site.state_file) as store:
        feeds = [Listing(f, store.feed_entries(f.name, LATEST, html=False),
                         len(store.feed_keys(f.name, f.max_entries))) for f in site.feeds]
        refused = store.articles(not_published=True)
    once = render_index(site.site, feeds, refused)
    assert once == render_index(site.site, feeds, refused)
    assert once == (site.site.output_dir / INDEX_FILE).read_bytes()


def test_long_feeds_list_only_the_latest_entries(site: Config) -> None:
    with Store(site.site.state_file) as store:
        (entry,) = store.feed_entries(site.feeds[0].name, 10)
    many = [entry] * LATEST
    page = lxml.html.fromstring(render_index(site.site, [Listing(site.feeds[0], many, LATEST + 3)],
                                             ()))
    assert len(page.xpath("//ol[@class='entries']/li")) == LATEST
    assert "and 3 more in the feed." in page.text_content()
    assert "every article checked so far passed" in page.text_content()


def test_a_configured_icon_is_used_as_given(site: Config) -> None:
    from dataclasses import replace

    own = replace(site.site, icon="https://cdn.example.org/our-icon.png")
    page = lxml.html.fromstring(render_index(own, [], ()))
    assert page.xpath("//link[@rel='icon']/@href") == ["https://cdn.example.org/our-icon.png"]


# --- headless Chromium --------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site: Config) -> Iterator[str]:
    server = make_server(site.site.output_dir, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_url(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_chromium_loads_the_page_and_every_link_resolves(
    site: Config, served: str, chromium: str, tmp_path: Path
) -> None:
    url = served + INDEX_FILE
    done = run_chromium(chromium, tmp_path, "--dump-dom", url)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    dom = lxml.html.fromstring(done.stdout)
    assert dom.findtext(".//h1") == "Riverside Library news"  # rendered, not an error page
    assert len(dom.xpath("//section")) == 3

    urls = {urljoin(url, u) for u in dom.xpath("//@href | //@src")}
    local = {u for u in urls if u.startswith(served)}
    external = urls - local
    assert {urlsplit(u).hostname for u in external} <= EXTERNAL_HOSTS, external
    assert LICENCE_URL in external
    files = {urlsplit(u).path.lstrip("/") for u in local}
    assert files == {"icon.png"} | {f"{n}.{f}" for n in ("environment", "sciences")
                                    for f in ("atom", "rss", "json")}
    for name in files:
        assert (site.site.output_dir / name).is_file(), name
        with urllib.request.urlopen(served + name, timeout=10) as answer:
            assert answer.status == 200
            assert answer.read() == (site.site.output_dir / name).read_bytes()


@pytest.mark.parametrize(("label", "width", "height"), [("desktop", 1280, 1400),
                                                         ("phone", 390, 2200)])
def test_chromium_takes_a_screenshot(
    served: str, chromium: str, tmp_path: Path, label: str, width: int, height: int
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"index-{label}.png"
    shot.unlink(missing_ok=True)
    done = run_chromium(chromium, tmp_path, f"--screenshot={shot}",
                     f"--window-size={width},{height}", served + INDEX_FILE)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    assert _png_size(shot) == (width, height)
    assert shot.stat().st_size > 10_000  # a rendered page, not a blank one
