"""What the fetcher takes from the environment, as requests reads it (README: proxies and
.netrc are honoured): a proxy (HTTP_PROXY), the hosts reached without it (NO_PROXY), and
credentials for a host (.netrc, or the file NETRC names). Against the loopback server, which
plays the proxy too: a request through a proxy names the whole URL in its request line."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from syndication.config import FetchConfig
from syndication.fetch import Fetcher

from .server import LoopbackServer

UA = "syndication-tests/0.1 (+https://example.org/contact)"
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """None of the proxy variables of the machine running the tests."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def fetcher(*hosts: str) -> Fetcher:
    config = FetchConfig(user_agent=UA, min_interval=0.0, timeout=5.0, retries=0)
    return Fetcher(config, frozenset(hosts))


def test_a_proxy_the_environment_names_is_asked_for_every_url(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", server.base)
    server.serve("http://feeds.example/a.atom", b"<feed/>")
    with fetcher("feeds.example") as f:
        first = f.get("http://feeds.example/a.atom")
        second = f.get("http://feeds.example/a.atom", etag=first.etag)
    assert first.status == 200 and first.body == b"<feed/>" and second.not_modified
    assert [r.path for r in server.requests] == ["http://feeds.example/robots.txt",
                                                 "http://feeds.example/a.atom",
                                                 "http://feeds.example/a.atom"]


def test_a_host_no_proxy_names_is_reached_directly(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    url = server.serve("/a.atom", b"<feed/>")
    with fetcher("127.0.0.1") as f:
        assert f.get(url).body == b"<feed/>"
    assert [r.path for r in server.requests] == ["/robots.txt", "/a.atom"]


def test_credentials_netrc_gives_for_a_host_are_sent_to_it(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login reader password s3cret\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    url = server.serve("/a.atom", b"<feed/>")
    with fetcher("127.0.0.1") as f:
        f.get(url)
        f.get(url)
    basic = "Basic " + base64.b64encode(b"reader:s3cret").decode()
    assert [r.headers.get("authorization") for r in server.requests] == [basic] * 3
