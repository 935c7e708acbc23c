"""What a reader sees (docs/compliance.md#hidden-text): page.Hidden on the ways real pages
hide text — a page's own CSS with any selector, rules for some screens only, a framework's
utility classes from stylesheets not fetched, and text an animation script reveals — each
kind tried both ways, on small pages and on our own republication of a recorded sample
inside a made-up site (tests/pages.py), built in memory."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page
from syndication.compliance.htmltext import parse_page
from syndication.compliance.page import Hidden
from syndication.models import Article, Verdict

from .test_check_pages import _edited, explain, failed, page_of, us  # noqa: F401


def hidden(css: str, body: str) -> bool:
    """Whether the element with id="t" in ``body`` is hidden, under a <style> of ``css``."""
    root = parse_page(f"<html><head><style>{css}</style></head><body>{body}</body></html>")
    el = root.find(".//*[@id='t']")
    assert el is not None
    return Hidden(root)(el)


# --- any selector of the page's own <style>: its last compound matched ---------------------

@pytest.mark.parametrize(("css", "body"), [
    ("body .seo-copy{display:none}", '<div class="seo-copy" id="t">x</div>'),
    (".entry-content > .x {display: none}", '<div class="entry-content"><p class="x" id="t">'),
    ("div.a.b{opacity:0}", '<div class="b a" id="t">x</div>'),
    ("#t{visibility:hidden}", '<p id="t">x</p>'),
    ("[data-copy]{display:none}", '<p id="t" data-copy="1">x</p>'),
    ('p[lang="en"]{font-size:0}', '<p id="t" lang="en">x</p>'),
    ("@layer theme{.x{display:none}}", '<p class="x" id="t">x</p>'),
    (".x:not(.y){display:none}", '<p class="x" id="t">x</p>'),
    ("@import url(a.css);.x{display:none}", '<p class="x" id="t">x</p>'),
    ("h2 ~ .x{display:none}", '<p class="x" id="t">x</p>'),
])
def test_a_rule_with_any_selector_hides_the_element_it_names(css: str, body: str) -> None:
    assert hidden(css, body)


@pytest.mark.parametrize(("css", "body"), [
    (".a > .b{display:none}", '<div class="c"><p class="b" id="t">x</p></div>'),
    (".home .entry-title{display:none}", '<h1 class="entry-title" id="t">x</h1>'),
    ("div.a.b{display:none}", '<div class="a" id="t">x</div>'),
    ('p[lang="fr"]{display:none}', '<p id="t" lang="en">x</p>'),
    (".x:hover{display:none}", '<p class="x" id="t">x</p>'),
    (".x::before{display:none}", '<p class="x" id="t">x</p>'),
    ("@keyframes in{0%{opacity:0}}.x{color:red}", '<p class="x" id="t">x</p>'),
    (".x{display:block;opacity:0.9}", '<p class="x" id="t">x</p>'),
])
def test_a_rule_that_does_not_name_the_element_hides_nothing(css: str, body: str) -> None:
    assert not hidden(css, body)


# --- rules for some screens: hidden only when hidden on every screen -----------------------

ELEMENTOR = ("@media (max-width:767px){.elementor-hidden-mobile{display:none}}"
             "@media (min-width:768px) and (max-width:1024px){.elementor-hidden-tablet"
             "{display:none}}@media (min-width:1025px){.elementor-hidden-desktop{display:none}}")



def test_rules_naming_what_the_page_does_not_carry_are_set_aside() -> None:
    # a theme's stylesheet: hiding rules for parts this page has (.menu, #cart), and for
    # parts it has not (.shop, #wishlist; a sibling's .promo, which the matcher does not read,
    # sets nothing aside)
    css = (".menu .sub > li{display:none} .shop .sub > li{display:none} "
           "#cart li{display:none} #wishlist li{display:none} .promo ~ .sub li{display:none} "
           ".sub li:not(.x){display:none}")
    body = ('<ul class="menu"><li class="sub"><ul><li id="t">x</li></ul></li></ul>'
            '<div id="cart"><ul><li>y</li></ul></div><ul class="sub"><li>z</li></ul>')
    root = parse_page(f"<html><head><style>{css}</style></head><body>{body}</body></html>")
    kept = {str(selector.outer) for rules in Hidden(root).rules.values()
            for selector, _how, _widths in rules}
    assert len(kept) == 4  # .menu .sub >, #cart, .promo ~ .sub, .sub
    assert not any("shop" in k or "wishlist" in k for k in kept)
    assert any("promo" in k for k in kept)
    assert hidden(css, body)  # still hidden by the rule whose classes it carries


@pytest.mark.parametrize("classes", [
    "elementor-hidden-mobile", "elementor-hidden-desktop elementor-hidden-tablet"])
def test_an_element_hidden_on_some_screens_is_seen(classes: str) -> None:
    assert not hidden(ELEMENTOR, f'<div class="{classes}" id="t">x</div>')
    assert not hidden("@media print{.x{display:none}}", '<p class="x" id="t">x</p>')
    assert not hidden("@supports (display:grid){.x{display:none}}", '<p class="x" id="t">')
    assert not hidden("@media (orientation:portrait){.x{display:none}}",
                      '<p class="x" id="t">x</p>')


def test_an_element_hidden_on_every_screen_is_hidden() -> None:
    every = "elementor-hidden-desktop elementor-hidden-tablet elementor-hidden-mobile"
    assert hidden(ELEMENTOR, f'<div class="{every}" id="t">x</div>')
    assert hidden("", f'<div class="{every}" id="t">x</div>')  # Elementor's CSS not inlined
    assert hidden("@media screen and (max-width:40em){.x{display:none}}"
                  "@media (min-width:640px){.x{display:none}}", '<p class="x" id="t">x</p>')


# --- a framework's utility hiding classes (its stylesheet is not fetched) ------------------

@pytest.mark.parametrize("name", ["d-none", "hidden", "hide", "is-hidden", "invisible",
                                  "visually-hidden", "sr-only", "screen-reader-text",
                                  "element-invisible", "uk-hidden", "elementor-screen-only",
                                  "w-condition-invisible", "w-dyn-bind-empty", "w-dyn-hide"])
def test_a_framework_hiding_class_hides(name: str) -> None:
    assert hidden("", f'<div class="copy {name}" id="t">x</div>')


@pytest.mark.parametrize("classes", [
    "w-hidden-main w-hidden-medium w-hidden-small w-hidden-tiny",
    "fusion-no-small-visibility fusion-no-medium-visibility fusion-no-large-visibility"])
def test_a_builders_per_screen_classes_all_together_hide(classes: str) -> None:
    assert hidden("", f'<div class="{classes}" id="t">x</div>')
    assert not hidden("", f'<div class="{classes.rsplit(" ", 1)[0]}" id="t">x</div>')


@pytest.mark.parametrize("classes", ["d-none d-md-block", "hidden lg:block", "d-block",
                                     "hidden-text", "sr-only-focusable", "w-condition",
                                     "w-dyn-bind", "w-hidden-tiny"])
def test_a_class_shown_on_some_screen_or_merely_alike_is_seen(classes: str) -> None:
    assert not hidden("", f'<div class="{classes}" id="t">x</div>')


# --- text an animation script reveals -------------------------------------------------------

@pytest.mark.parametrize(("css", "body"), [
    (".elementor-invisible{visibility:hidden}",
     '<div class="elementor-widget elementor-invisible" data-settings='
     '\'{"_animation":"fadeInUp"}\' id="t">x</div>'),
    ("[data-aos]{opacity:0}", '<div data-aos="fade-up" id="t">x</div>'),
    (".wow{visibility:hidden}", '<div class="wow fadeIn" id="t">x</div>'),
    (".fade{opacity:0}", '<div class="fade animate__animated animate__fadeIn" id="t">x</div>'),
    (".et_animated{opacity:0}", '<div class="et_pb_text et_animated" id="t">x</div>'),
    ("", '<div class="invisible wow" id="t">x</div>'),
])
def test_an_element_a_script_reveals_is_seen(css: str, body: str) -> None:
    assert not hidden(css, body)


@pytest.mark.parametrize(("css", "body"), [
    (".seo{opacity:0}", '<div class="seo" id="t">x</div>'),  # no animation: faded for good
    (".wow{display:none}", '<div class="wow" id="t">x</div>'),  # taken away, not faded
    ("", '<div class="wow" style="opacity:0" id="t">x</div>'),  # inline: no script's class
    ("", '<div class="d-none wow" id="t">x</div>'),
])
def test_an_animation_mark_does_not_show_what_is_hidden_for_good(css: str, body: str) -> None:
    assert hidden(css, body)


# --- on a page: a hidden exact copy never covers an altered one shown -----------------------

COPIES = [
    ("<style>body .seo-copy{display:none}</style>", "seo-copy"),
    ("<style>.entry-content > [data-copy] {display:none}</style>", 'x" data-copy="1'),
    ("", "d-none"),
    ("", "screen-reader-text"),
    ("", "seo-copy w-condition-invisible"),
    ("", "elementor-hidden-desktop elementor-hidden-tablet elementor-hidden-mobile"),
    (f"<style>{ELEMENTOR}</style>",
     "elementor-hidden-desktop elementor-hidden-tablet elementor-hidden-mobile"),
]


@pytest.mark.parametrize(("style", "classes"), COPIES)
def test_a_copy_hidden_by_css_or_a_framework_class_is_not_the_article(
        us: tuple[Article, str], style: str, classes: str) -> None:  # noqa: F811
    article, html = us
    page = page_of(article, _edited(html) + f'<div class="{classes}">{html}</div>')
    page = page.replace("</head>", style + "</head>", 1)
    verdict = check_page(page, article)
    assert "unaltered-text" in failed(verdict), explain(verdict)


def test_a_byline_for_screen_readers_only_is_no_credit(
        us: tuple[Article, str]) -> None:  # noqa: F811
    article, html = us
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    page = page_of(article, html.replace(byline.group(), f'<div class="sr-only">{byline.group()}'
                                         "</div>"))
    verdict = check_page(page, article)
    assert failed(verdict) == ["author-credit"], explain(verdict)


def test_a_byline_per_screen_and_an_animated_body_are_what_readers_see(
        us: tuple[Article, str]) -> None:  # noqa: F811
    article, html = us
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    shown = (f'<div class="elementor-hidden-mobile">{byline.group()}</div>'
             f'<div class="wow fadeInUp">{html.replace(byline.group(), "")}</div>'
             f'<div class="elementor-hidden-desktop elementor-hidden-tablet">{byline.group()}'
             "</div>")
    page = page_of(article, shown).replace(
        "</head>", f"<style>{ELEMENTOR}.wow{{visibility:hidden}}</style></head>", 1)
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


# --- two copies, neither hidden by anything the checker reads --------------------------------
# A page that shows one copy and hides the other by a stylesheet it links (a theme's, a CDN's)
# or a platform's class the checker cannot know: a reader may be shown either, so an altered
# copy is judged, wherever the exact one stands, whatever the class.

UNKNOWN_HIDING = ['<div class="post-body-alt">{}</div>',  # a theme's own class
                  '<section class="cms-field is-off" data-field="body-2">{}</section>',
                  '<div id="amp-fallback">{}</div>']


def _linked(page: str) -> str:
    return page.replace("</head>", '<link rel="stylesheet" href="/assets/site.min.css">'
                        "</head>", 1)


@pytest.mark.parametrize("hiding", UNKNOWN_HIDING)
@pytest.mark.parametrize("order", ["exact-after", "exact-before"])
@pytest.mark.parametrize("sample", ["en", "fr"])
def test_an_exact_copy_beside_an_altered_one_leaves_the_altered_one_judged(
        request: pytest.FixtureRequest, sample: str, hiding: str, order: str) -> None:
    article, html = request.getfixturevalue(f"{sample}_republished")
    exact, altered = hiding.format(_text_only(html)), _edited(html)
    body = altered + exact if order == "exact-after" else exact + altered
    verdict = check_page(_linked(page_of(article, body)), article)
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    detail = verdict.finding("unaltered-text").detail
    assert "“changed”" in detail and "an unaltered copy stands elsewhere" in detail


def _text_only(html: str) -> str:
    """The article without its byline, attribution and counter: what a hidden "SEO copy"
    holds."""
    return re.sub(r'<p class="tc-(?:byline|attribution)">.*?</p>|<img [^>]*counter\.[^>]*>',
                  "", html, flags=re.S)


@pytest.mark.parametrize("sample", ["en", "fr"])
def test_two_exact_copies_or_a_teaser_beside_the_article_pass(
        request: pytest.FixtureRequest, sample: str) -> None:
    """Guards: a per-screen duplicate of the whole article (both exact), and a teaser of its
    first paragraphs reworded above it (an excerpt, no copy) are not "an altered copy"."""
    article, html = request.getfixturevalue(f"{sample}_republished")
    twice = html + f'<div class="mobile-copy">{_text_only(html)}</div>'
    verdict = check_page(_linked(page_of(article, twice)), article)
    assert verdict.compliant, explain(verdict)
    paragraphs = re.findall(r"<p>.*?</p>", _text_only(html), re.S)[:3]
    teaser = _edited("<p>x</p><p>y</p>" + "".join(paragraphs)).split("</p>", 2)[2]
    verdict = check_page(page_of(article, f'<aside class="intro">{teaser}</aside>' + html),
                         article)
    assert "unaltered-text" not in failed(verdict), explain(verdict)


# --- off the screen, clipped, scaled or transparent: kept for search engines, not readers ----

# Each the way a theme or a plugin writes it: the visually-hidden clip (Bootstrap 4's
# sr-only, WordPress's screen-reader-text), image replacement's text-indent, an off-screen
# offset, and the rest.
OUT_OF_SIGHT = [
    "position:absolute;left:-9999px",
    "position: absolute; top: -10000px;",
    "position:fixed;left:-100vw",
    "position:relative;right:-999em",
    "margin-left:-9999px",
    "text-indent:-9999px;overflow:hidden",
    "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0",
    "position:absolute !important;clip:rect(1px, 1px, 1px, 1px);overflow:hidden",
    "clip-path:inset(50%);position:absolute;width:1px;height:1px;overflow:hidden",
    "clip-path: inset(100%)",
    "clip-path:circle(0)",
    "height:1px;width:1px;overflow:hidden",
    "transform:scale(0)",
    "transform: scale(1, 0)",
    "transform:translateX(-9999px)",
    "transform:translate3d(0, -200vh, 0)",
    "color:transparent",
    "color:rgba(255, 255, 255, 0)",
    "font-size:1px",
    "font-size:0.1em;line-height:0",
    "opacity:0.01",
    "filter:opacity(0)",
    "content-visibility:hidden",
    "color:#fff;background-color:#ffffff",
    "color:white;background:#FFF",
]
# Near offsets, gradient text and the like: layout, seen.
IN_SIGHT = [
    "margin-left:-2em",
    "text-indent:-1.5em;padding-left:1.5em",
    "position:relative;top:-3px",
    "position:absolute;top:9999px",
    "left:-9999px",  # not positioned: left does nothing
    "transform:translate(-50%, -50%)",
    "transform:scale(1.05)",
    "transform:scale(0.5)",
    "position:absolute;clip:rect(auto, auto, auto, auto)",
    "clip:rect(0,0,0,0)",  # not positioned: clip does nothing
    "clip-path:inset(10%)",
    "width:1px;height:1px",  # its text overflows, seen
    "background:linear-gradient(#c00,#00c);-webkit-background-clip:text;color:transparent",
    "color:rgba(0, 0, 0, 0.8)",
    "font-size:12px",
    "font-size:0.8em",
    "font-size:80%",
    "opacity:0.5",
    "filter:opacity(0.9)",
    "content-visibility:auto",
    "color:#333;background:#fff",
    "color:#fff;background:#000 url(bg.png)",
]


@pytest.mark.parametrize("style", OUT_OF_SIGHT)
def test_a_style_that_puts_an_element_out_of_sight_hides_it(style: str) -> None:
    assert hidden("", f'<p id="t" style="{style}">x</p>')
    assert hidden(f".x{{{style}}}", '<p class="x" id="t">x</p>')


@pytest.mark.parametrize("style", IN_SIGHT)
def test_a_style_that_lays_an_element_out_leaves_it_seen(style: str) -> None:
    assert not hidden("", f'<p id="t" style="{style}">x</p>')
    assert not hidden(f".x{{{style}}}", '<p class="x" id="t">x</p>')


def _byline_styled(republished: tuple[Article, str], style: str) -> Verdict:
    """The verdict on our republication with its byline in a <div> of ``style``."""
    article, html = republished
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    return check_page(page_of(article, html.replace(
        byline.group(), f'<div style="{style}">{byline.group()}</div>')), article)


@pytest.mark.parametrize("style", OUT_OF_SIGHT)
def test_a_byline_out_of_sight_is_no_credit(us: tuple[Article, str],  # noqa: F811
                                            style: str) -> None:
    verdict = _byline_styled(us, style)
    assert failed(verdict) == ["author-credit"], explain(verdict)


@pytest.mark.parametrize("style", IN_SIGHT)
def test_a_byline_laid_out_is_credit(us: tuple[Article, str], style: str) -> None:  # noqa: F811
    verdict = _byline_styled(us, style)
    assert verdict.compliant, explain(verdict)
