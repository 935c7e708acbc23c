"""The corpus's cases (issue 9, "Done when"): a layout, an original, at most one edit, and
what the checker must answer: the verdict and the exact set of failing rules.

Verdicts: COMPLIANT (every rule passed), NOT_COMPLIANT (some rule failed: the set names them
all), NOT_CHECKABLE (no rule failed, some could not be checked: plain text has no counter
or markup to judge; a page the parser cut cannot be judged).
"""

from __future__ import annotations

from dataclasses import dataclass

from .edits import EDITS
from .layouts import LAYOUTS
from .originals import originals

COMPLIANT = "compliant"
NOT_COMPLIANT = "not compliant"
NOT_CHECKABLE = "not checkable"

EN, FR1, FR2, ES1, ES2 = "en-263253", "fr-212649", "fr-209538", "es-159013", "es-113886"
ORIGINALS = (EN, FR1, FR2, ES1, ES2)
# The article a digest page carries beside the case's own: one by other authors (the two
# Spanish articles share an author, whose credit beside the other article would blur what
# the case tests).
COMPANION = {EN: ES2, FR1: FR2, FR2: FR1, ES1: FR2, ES2: FR1}
# A pseudo-edit: the Spanish page exactly as recorded, Basic and Advanced codes both pasted.
AS_RECORDED = "as-recorded"

TT1, AST, GP, OWP = "wp-twentytwentyone", "wp-astra", "wp-generatepress", "wp-oceanwp"
TT4, TT5, DRU, GHO = "wp-twentytwentyfour", "wp-twentytwentyfive", "drupal-olivero", "ghost-casper"
AMP, NEWS, DIG, TXT = "amp-reader", "newsletter", "digest", "plain-text"
# The red team's layouts: themes and CMSs the checker was not fixed on (see RED_TEAM).
KAD, ELE, NPR = "wp-kadence", "wp-hello-elementor", "wp-newspaper"
JOO, D7, BLG = "joomla-cassiopeia", "drupal7-bartik", "blogger-simple"
JBL, BHM = "joomla-blog", "blogger-home"  # two republications on one page
# The second red team's layouts (held out from the fixes of F1-F15, see RED_TEAM_2).
PAP, SQS, DIV = "hugo-papermod", "squarespace-71", "wp-divi"
# The third red team's layout (held out from the fixes of F5/F18, F15/F19, F10/F17, F16, F7/F13).
GSR = "ghost-source"
# The fourth red team's layouts (held out from the fixes of F5/F18/F22, F15/F19, F17/F20/F21,
# F16).
AVA, WFL = "wp-avada", "webflow-cms"
# Newsrooms' themes, each held out from the checker's fixes until judged on it (Newspack:
# two fixes followed; ColorMag and Ghost's Headline: none needed).
NSP, CMG, GHL = "wp-newspack", "wp-colormag", "ghost-headline"
# The seventh round's held-out layouts (red-team-findings.md, F59): judged on every edit
# before any fix.
TT20, NEV = "wp-twentytwenty", "wp-neve"
# The ninth round's held-out layouts (red-team-findings.md, F80-F83): the CMSs of news
# publishers who republish The Conversation, judged on every edit before any fix.
BLX, ARC, JNW = "townnews-blox", "arc-fusion", "wp-jnews"
# The tenth round's held-out platforms (red-team-findings.md, F87-F88): Jekyll's minima,
# Eleventy's base blog, a Substack post, WordPress's Soledad, judged on every edit before any
# fix. A Substack post cannot carry the counter (its editor keeps no HTML: the counter's
# image goes through Substack's image proxy): every page there fails page-counter.
JKM, ELV, SUB, SOL = "jekyll-minima", "eleventy-base-blog", "substack-post", "wp-soledad"
# The eleventh round's held-out layouts (red-team-findings.md, F93-F95): JavaScript
# frameworks over headless CMSs: Next.js's Pages Router (its __NEXT_DATA__) and App Router
# (streamed: the post in a hidden segment React's script moves into place, its RSC
# payload), Gatsby (gatsby-plugin-image's markup), Nuxt (its payload), Astro (an island's
# props), SvelteKit (Portable Text blocks, its start script's data).
NXP, NXA, GTS = "next-pages-wordpress", "next-app-streamed", "gatsby-wordpress"
NUX, ASTRO, SVK = "nuxt-storyblok", "astro-blog", "sveltekit-sanity"
# The eleventh round's aggregators and partner platforms (red-team-findings.md, F96-F98):
# reconstructions of Yahoo News, MSN Start, NewsBreak, inkl (its paywall panel), PressReader
# (its consent banner) and AP News pages carrying a partner's story, a republication seen in
# Firefox's Reader View and in Safari Reader, saved, and its print page by WP-Print; judged
# on every edit before any fix.
YAH, MSN, NBK, INK, PRS, APN = ("yahoo-news", "msn-start", "newsbreak", "inkl", "pressreader",
                                "ap-partner")
FFR, SFR, WPP = "firefox-reader", "safari-reader", "wp-print"
ELEVENTH_ROUND_PLATFORMS = (YAH, MSN, NBK, INK, PRS, APN, FFR, SFR, WPP)
# Layouts on which no page can pass, and the rules every page there fails.
ALWAYS_FAILS = {SUB: ("page-counter",)}


@dataclass(frozen=True, slots=True)
class Case:
    layout: str  # a name in layouts.LAYOUTS
    original: str  # a name in originals.originals()
    edit: str | None  # a name in edits.EDITS, AS_RECORDED, or None for the code as pasted
    expected: str  # COMPLIANT, NOT_COMPLIANT or NOT_CHECKABLE
    rules: frozenset[str]  # the rules that must fail, exactly

    @property
    def id(self) -> str:
        return f"{self.layout}/{self.original}/{self.edit or 'as-pasted'}"

    @property
    def kind(self) -> str:
        if self.edit is None:
            return f"{LAYOUTS[self.layout].kind} layout as pasted"
        if self.edit == AS_RECORDED:
            return "two counters (Basic and Advanced code pasted)"
        return EDITS[self.edit].kind


def _case(layout: str, original: str, edit: str | None, expected: str, *rules: str) -> Case:
    return Case(layout, original, edit, expected, frozenset(rules))


def ok(layout: str, original: str, edit: str | None = None) -> Case:
    """A page that must pass: compliant, or not checkable when it is plain text."""
    if LAYOUTS[layout].plain:
        return _case(layout, original, edit, NOT_CHECKABLE)
    return _case(layout, original, edit, COMPLIANT)


def fails(layout: str, original: str, edit: str, *rules: str) -> Case:
    return _case(layout, original, edit, NOT_COMPLIANT, *rules)


# The red team's cases (other instances of each kind of issue 9, on layouts of other themes
# and CMSs: Kadence, Hello Elementor with Elementor Pro, Newspaper, Joomla's Cassiopeia,
# Drupal 7's Bartik, Blogger), and their boxes, figures and notes in each CMS's own markup.
RED_TEAM: tuple[Case, ...] = (
    # --- must pass ---------------------------------------------------------------------------
    ok(KAD, EN, "body-classes"), ok(NPR, FR1, "body-classes"), ok(BLG, ES1, "body-classes"),
    ok(JOO, FR2, "wrapper-classes"), ok(D7, EN, "wrapper-classes"),
    ok(KAD, FR1, "aside-author-box"), ok(NPR, ES2, "aside-author-box"),
    ok(BLG, EN, "aside-author-box"),
    ok(JOO, EN, "footer-author-box"), ok(D7, ES1, "footer-author-box"),
    ok(ELE, FR2, "footer-author-box"),
    ok(ELE, EN, "byline-above-headline"), ok(BLG, FR1, "byline-above-headline"),
    ok(D7, FR2, "byline-above-headline"), ok(JOO, ES2, "byline-above-headline"),
    ok(ELE, EN, "elementor-widgets"), ok(ELE, FR1, "elementor-widgets"),
    ok(ELE, ES1, "elementor-widgets"), ok(ELE, ES2, "elementor-widgets"),
    ok(ELE, FR2, "elementor-form"), ok(ELE, ES2, "elementor-form"), ok(ELE, EN, "elementor-form"),
    ok(ELE, EN, "elementor-responsive-byline"), ok(ELE, FR1, "elementor-responsive-byline"),
    ok(ELE, ES1, "elementor-responsive-byline"),
    ok(NPR, EN, "newspaper-inline-ad"), ok(NPR, FR1, "newspaper-inline-ad"),
    ok(NPR, ES1, "newspaper-inline-ad"), ok(NPR, FR2, "newspaper-inline-ad"),
    ok(JOO, EN, "joomla-banner"), ok(JOO, FR1, "joomla-banner"), ok(JOO, ES2, "joomla-banner"),
    ok(KAD, EN, "kadence-infobox"), ok(KAD, FR2, "kadence-infobox"),
    ok(KAD, ES1, "kadence-infobox"),
    ok(BLG, EN, "blogger-caption-tables"), ok(BLG, FR1, "blogger-caption-tables"),
    ok(KAD, EN, "wp-classic-captions"), ok(NPR, FR1, "wp-classic-captions"),
    ok(TT1, EN, "wp-classic-captions"),
    ok(ELE, EN, "elementor-animation"), ok(ELE, FR1, "elementor-animation"),
    ok(ELE, ES2, "elementor-animation"),
    ok(ELE, EN, "elementor-posts"), ok(ELE, FR2, "elementor-posts"),
    ok(ELE, ES1, "elementor-posts"),
    ok(D7, FR1, "ad-between-paragraphs"), ok(BLG, ES2, "ad-between-paragraphs"),
    ok(JOO, ES1, "newsletter-box"), ok(NPR, EN, "related-box"), ok(KAD, ES2, "related-box"),
    ok(D7, EN, "related-tc-article"),
    ok(KAD, FR1, "tc-promo-removed"), ok(NPR, FR1, "tc-promo-removed"),
    ok(JOO, FR1, "tc-promo-removed"),
    ok(BLG, EN, "straight-typography"), ok(D7, FR1, "straight-typography"),
    ok(KAD, FR2, "gutenberg-blocks"), ok(NPR, ES1, "gutenberg-blocks"),
    ok(KAD, EN, "block-editor-images"), ok(NPR, FR1, "block-editor-images"),
    ok(NPR, ES2, "links-new-tab"), ok(BLG, FR2, "links-new-tab"),
    ok(KAD, FR1, "headline-only-in-title"), ok(NPR, EN, "headline-only-in-title"),
    ok(BLG, ES1, "headline-only-in-title"), ok(JOO, ES2, "headline-only-in-title"),
    ok(D7, EN, "headline-only-in-title"), ok(ELE, FR2, "headline-only-in-title"),
    ok(ELE, ES2, "hidden-furniture"), ok(BLG, FR2, "hidden-furniture"),
    ok(JOO, FR1, "licence-unlinked"),
    ok(KAD, ES2, "extract"), ok(D7, FR1, "extract"),
    ok(KAD, EN, "counter-decoding-async"),
    ok(ELE, FR1, "nested-within-limit"),

    # --- must fail ---------------------------------------------------------------------------
    fails(KAD, FR1, "edited-word", "unaltered-text"),
    fails(ELE, ES1, "edited-word", "unaltered-text"),
    fails(NPR, EN, "edited-word", "unaltered-text"),
    fails(JOO, FR2, "edited-word", "unaltered-text"),
    fails(D7, ES2, "edited-word", "unaltered-text"),
    fails(BLG, EN, "edited-word", "unaltered-text"),
    fails(BLG, FR1, "edited-hyphenated-word", "unaltered-text"),
    fails(KAD, ES1, "edited-hyphenated-word", "unaltered-text"),
    fails(JOO, EN, "inserted-sentence", "unaltered-text"),
    fails(KAD, ES2, "dateline", "unaltered-text"), fails(NPR, FR1, "dateline", "unaltered-text"),
    fails(BLG, EN, "dateline", "unaltered-text"), fails(D7, ES1, "dateline", "unaltered-text"),
    fails(ELE, FR1, "intro-paragraph", "unaltered-text"),
    fails(JOO, ES1, "intro-paragraph", "unaltered-text"),
    fails(BLG, FR2, "intro-paragraph", "unaltered-text"),
    fails(ELE, EN, "elementor-intro-widget", "unaltered-text"),
    fails(ELE, FR2, "elementor-intro-widget", "unaltered-text"),
    fails(ELE, ES2, "elementor-intro-widget", "unaltered-text"),
    fails(KAD, EN, "appended-sentence", "unaltered-text"),
    fails(D7, FR2, "appended-sentence", "unaltered-text"),
    fails(NPR, ES1, "appended-paragraph", "unaltered-text"),
    fails(BLG, ES2, "appended-paragraph", "unaltered-text"),
    fails(JOO, FR1, "appended-paragraph", "unaltered-text"),
    fails(ELE, EN, "elementor-appended-widget", "unaltered-text"),
    fails(ELE, FR1, "elementor-appended-widget", "unaltered-text"),
    fails(ELE, ES1, "elementor-appended-widget", "unaltered-text"),
    fails(D7, EN, "note-after-body", "unaltered-text"),
    fails(D7, FR1, "note-after-body", "unaltered-text"),
    fails(JOO, ES2, "note-after-body", "unaltered-text"),
    fails(KAD, FR2, "note-after-body", "unaltered-text"),
    fails(BLG, EN, "note-after-body", "unaltered-text"),
    fails(ELE, FR2, "cut-paragraph", "unaltered-text"),
    fails(NPR, FR2, "reworded-end", "unaltered-text"),
    fails(KAD, EN, "rewritten-headline", "unaltered-title"),
    fails(ELE, FR1, "rewritten-headline", "unaltered-title"),
    fails(NPR, ES1, "rewritten-headline", "unaltered-title"),
    fails(JOO, ES2, "rewritten-headline", "unaltered-title"),
    fails(D7, FR2, "rewritten-headline", "unaltered-title"),
    fails(BLG, EN, "rewritten-headline", "unaltered-title"),
    fails(BLG, FR1, "rewritten-everywhere", "unaltered-title"),
    fails(KAD, FR1, "dropped-author", "author-credit"),
    fails(ELE, ES1, "dropped-author", "author-credit"),
    fails(NPR, FR1, "dropped-author", "author-credit"),
    fails(JOO, EN, "byline-removed", "author-credit"),
    fails(D7, FR2, "byline-removed", "author-credit"),
    fails(BLG, ES2, "byline-removed", "author-credit"),
    fails(D7, EN, "near-miss-name", "author-credit"),
    fails(JOO, FR1, "near-miss-name", "author-credit"),
    fails(BLG, ES1, "institution-dropped", "institution-credit"),
    fails(NPR, EN, "institution-dropped", "institution-credit"),
    fails(ELE, ES1, "shared-institution-missing", "institution-credit"),
    fails(KAD, ES2, "counter-removed", "page-counter"),
    fails(ELE, EN, "counter-removed", "page-counter"),
    fails(NPR, FR2, "counter-removed", "page-counter"),
    fails(BLG, FR1, "counter-removed", "page-counter"),
    fails(KAD, FR1, "counter-lazy-plugin", "page-counter"),
    fails(NPR, ES1, "counter-lazy-plugin", "page-counter"),
    fails(ELE, FR2, "counter-lazy-plugin", "page-counter"),
    fails(D7, EN, "counter-in-noscript", "page-counter"),
    fails(NPR, EN, "counter-cdn", "page-counter"),
    fails(ELE, ES1, "counter-cdn", "page-counter"),
    fails(JOO, FR1, "counter-twice", "page-counter"),
    fails(BLG, EN, "counter-other-article", "page-counter"),
    fails(KAD, ES1, "wrong-back-link", "source-link"),
    fails(ELE, FR1, "wrong-back-link", "source-link"),
    fails(JOO, EN, "wrong-back-link", "source-link"),
    fails(BLG, FR2, "attribution-removed", "source-link", "licence-notice"),
    fails(NPR, EN, "attribution-removed", "source-link", "licence-notice"),
    fails(KAD, EN, "licence-words-removed", "licence-notice"),
    fails(ELE, FR1, "licence-words-removed", "licence-notice"),
    fails(NPR, FR2, "licence-words-removed", "licence-notice"),
    fails(JOO, EN, "licence-words-removed", "licence-notice"),
    fails(D7, FR1, "licence-words-removed", "licence-notice"),
    fails(BLG, EN, "licence-words-removed", "licence-notice"),
    fails(D7, EN, "cc-by-licence", "licence-notice"),
    fails(BLG, FR2, "cc-by-licence", "licence-notice"),
    fails(NPR, FR1, "script-added", "safe-html"),
    fails(BLG, EN, "script-added", "safe-html"),
    fails(KAD, EN, "getty-image-kept", "images"),
    fails(BLG, EN, "getty-image-kept", "images"),
    fails(KAD, EN, "hidden-copy-display-none", "unaltered-text"),
    fails(ELE, FR1, "hidden-copy-hidden-attribute", "unaltered-text"),
    fails(NPR, ES1, "hidden-copy-aria-hidden", "unaltered-text"),
    fails(JOO, FR2, "hidden-copy-zero-size", "unaltered-text"),
    fails(D7, ES2, "hidden-copy-display-none", "unaltered-text"),
    fails(BLG, EN, "hidden-copy-hidden-attribute", "unaltered-text"),
    fails(D7, FR1, "hidden-credit", "author-credit"),
    fails(BLG, ES2, "hidden-credit", "author-credit"),
    fails(ELE, EN, "hidden-credit", "author-credit"),
    fails(KAD, EN, "hidden-copy-stylesheet", "unaltered-text"),
    fails(JOO, FR1, "hidden-copy-stylesheet", "unaltered-text"),
    fails(BLG, ES1, "hidden-copy-stylesheet", "unaltered-text"),
    fails(D7, ES2, "hidden-copy-stylesheet", "unaltered-text"),
    fails(JOO, FR2, "hidden-copy-utility-class", "unaltered-text"),
    fails(JOO, EN, "hidden-copy-utility-class", "unaltered-text"),
    fails(ELE, EN, "hidden-copy-all-screens", "unaltered-text"),
    fails(ELE, FR1, "hidden-copy-all-screens", "unaltered-text"),
    fails(ELE, ES2, "hidden-copy-all-screens", "unaltered-text"),
    fails(NPR, EN, "newspaper-source-box", "licence-notice"),
    fails(NPR, FR1, "newspaper-source-box", "licence-notice"),
    fails(NPR, ES1, "newspaper-source-box", "licence-notice"),
    fails(KAD, EN, "intro-naming-author", "unaltered-text"),
    fails(D7, FR1, "intro-naming-author", "unaltered-text"),
    fails(BLG, ES2, "intro-naming-author", "unaltered-text"),
    fails(TT1, FR2, "intro-naming-author", "unaltered-text"),
    fails(NPR, EN, "appended-with-credit", "unaltered-text"),
    fails(JOO, FR2, "appended-with-credit", "unaltered-text"),
    fails(GHO, ES1, "appended-with-credit", "unaltered-text"),
    fails(KAD, FR1, "licence-words-reworded", "licence-notice"),
    fails(BLG, EN, "licence-words-reworded", "licence-notice"),
    fails(TT4, EN, "licence-words-reworded", "licence-notice"),
    _case(KAD, FR2, "deep-nesting", NOT_CHECKABLE),
    # digests in other CMSs' markup: a Joomla category blog (the article's HTML a sibling of its
    # title and info block), a Blogger home page (one date header above both posts, h3 titles)
    ok(JBL, EN, "body-classes"), ok(BHM, FR1, "related-box"), ok(JBL, ES1, "gutenberg-blocks"),
    ok(BHM, ES2, "footer-author-box"), ok(JBL, FR2, "byline-above-headline"),
    fails(JBL, FR2, "edited-word", "unaltered-text"),
    fails(BHM, EN, "edited-word", "unaltered-text"),
    fails(JBL, ES2, "rewritten-headline", "unaltered-title"),
    fails(BHM, FR1, "rewritten-headline", "unaltered-title"),
    fails(JBL, EN, "counter-removed", "page-counter"),
    fails(BHM, ES1, "counter-removed", "page-counter"),
    fails(JBL, ES1, "byline-removed", "author-credit"),
    fails(BHM, FR2, "byline-removed", "author-credit"),
    fails(JBL, FR1, "dateline", "unaltered-text"), fails(BHM, EN, "dateline", "unaltered-text"),
    fails(JBL, EN, "appended-paragraph", "unaltered-text"),
    fails(BHM, ES2, "appended-paragraph", "unaltered-text"),
    fails(JBL, FR1, "licence-words-removed", "licence-notice"),
    fails(BHM, EN, "licence-words-removed", "licence-notice"),
    fails(JBL, EN, "wrong-back-link", "source-link"),
    fails(BHM, FR1, "dropped-author", "author-credit"),
)


# The second red team's cases: the kinds of issue 9 on platforms none of the fixes was made
# on (a Hugo static site with PaperMod, Squarespace 7.1, WordPress with Divi), with the
# platforms' own blocks, boxes and notes.
RED_TEAM_2: tuple[Case, ...] = (
    # --- must pass ---------------------------------------------------------------------------
    ok(PAP, EN, "body-classes"), ok(SQS, FR1, "body-classes"), ok(DIV, ES1, "body-classes"),
    ok(DIV, FR2, "wrapper-classes"),
    ok(PAP, FR1, "aside-author-box"), ok(SQS, ES2, "aside-author-box"),
    ok(DIV, EN, "aside-author-box"),
    ok(PAP, ES1, "footer-author-box"), ok(SQS, EN, "footer-author-box"),
    ok(DIV, FR1, "footer-author-box"),
    ok(PAP, FR2, "byline-above-headline"), ok(SQS, FR1, "byline-above-headline"),
    ok(DIV, ES2, "byline-above-headline"),
    ok(PAP, ES1, "shared-institution-parens"), ok(SQS, ES1, "shared-institution-comma"),
    ok(PAP, EN, "ad-between-paragraphs"), ok(SQS, FR2, "ad-between-paragraphs"),
    ok(DIV, ES1, "ad-between-paragraphs"),
    ok(PAP, FR1, "newsletter-box"), ok(DIV, EN, "related-box"), ok(SQS, ES1, "related-tc-article"),
    ok(PAP, FR1, "tc-promo-removed"), ok(SQS, FR1, "tc-promo-removed"),
    ok(DIV, FR1, "tc-promo-kept"),
    ok(PAP, EN, "straight-typography"), ok(DIV, FR2, "links-new-tab"),
    ok(DIV, EN, "block-editor-images"),
    ok(PAP, EN, "headline-only-in-title"), ok(SQS, FR1, "headline-only-in-title"),
    ok(DIV, ES2, "headline-only-in-title"),
    ok(PAP, FR2, "hidden-furniture"), ok(SQS, EN, "licence-unlinked"),
    ok(DIV, FR1, "extract"), ok(SQS, ES2, "counter-decoding-async"),
    ok(PAP, ES2, "nested-within-limit"),
    ok(PAP, EN, "hugo-markdown-toc"), ok(PAP, FR1, "hugo-markdown-toc"),
    ok(PAP, ES1, "hugo-markdown-toc"), ok(PAP, ES2, "hugo-markdown-toc"),
    ok(SQS, EN, "squarespace-blocks"), ok(SQS, FR1, "squarespace-blocks"),
    ok(SQS, FR2, "squarespace-blocks"), ok(SQS, ES1, "squarespace-blocks"),
    ok(SQS, EN, "squarespace-newsletter"), ok(SQS, FR2, "squarespace-newsletter"),
    ok(SQS, ES2, "squarespace-newsletter"),
    ok(SQS, EN, "squarespace-summary"), ok(SQS, FR1, "squarespace-summary"),
    ok(SQS, ES1, "squarespace-summary"),
    ok(DIV, EN, "divi-modules"), ok(DIV, FR1, "divi-modules"), ok(DIV, FR2, "divi-modules"),
    ok(DIV, ES2, "divi-modules"),
    ok(DIV, EN, "divi-cta"), ok(DIV, FR2, "divi-cta"), ok(DIV, ES1, "divi-cta"),
    ok(DIV, EN, "divi-blog-module"), ok(DIV, FR1, "divi-blog-module"),
    ok(DIV, ES2, "divi-blog-module"),
    ok(DIV, EN, "divi-animation"), ok(DIV, FR2, "divi-animation"), ok(DIV, ES1, "divi-animation"),

    # --- must fail ---------------------------------------------------------------------------
    fails(PAP, EN, "edited-word", "unaltered-text"),
    fails(SQS, FR2, "edited-word", "unaltered-text"),
    fails(DIV, ES1, "edited-word", "unaltered-text"),
    fails(SQS, EN, "edited-hyphenated-word", "unaltered-text"),
    fails(PAP, ES2, "inserted-sentence", "unaltered-text"),
    fails(PAP, FR1, "dateline", "unaltered-text"), fails(SQS, ES2, "dateline", "unaltered-text"),
    fails(DIV, EN, "dateline", "unaltered-text"),
    fails(PAP, ES1, "intro-paragraph", "unaltered-text"),
    fails(SQS, FR1, "intro-paragraph", "unaltered-text"),
    fails(DIV, FR2, "intro-paragraph", "unaltered-text"),
    fails(PAP, EN, "appended-sentence", "unaltered-text"),
    fails(SQS, ES1, "appended-paragraph", "unaltered-text"),
    fails(DIV, FR1, "appended-paragraph", "unaltered-text"),
    fails(SQS, EN, "squarespace-intro-block", "unaltered-text"),
    fails(SQS, FR2, "squarespace-intro-block", "unaltered-text"),
    fails(SQS, ES1, "squarespace-intro-block", "unaltered-text"),
    fails(SQS, EN, "squarespace-appended-block", "unaltered-text"),
    fails(SQS, FR1, "squarespace-appended-block", "unaltered-text"),
    fails(SQS, ES2, "squarespace-appended-block", "unaltered-text"),
    fails(DIV, EN, "divi-intro-module", "unaltered-text"),
    fails(DIV, FR1, "divi-intro-module", "unaltered-text"),
    fails(DIV, ES2, "divi-intro-module", "unaltered-text"),
    fails(DIV, FR2, "divi-appended-module", "unaltered-text"),
    fails(DIV, ES1, "divi-appended-module", "unaltered-text"),
    fails(DIV, EN, "divi-appended-module", "unaltered-text"),
    fails(PAP, FR2, "intro-naming-author", "unaltered-text"),
    fails(SQS, EN, "appended-with-credit", "unaltered-text"),
    fails(DIV, ES1, "cut-paragraph", "unaltered-text"),
    fails(PAP, EN, "rewritten-headline", "unaltered-title"),
    fails(SQS, FR1, "rewritten-headline", "unaltered-title"),
    fails(SQS, EN, "rewritten-headline", "unaltered-title"),
    fails(SQS, ES2, "rewritten-headline", "unaltered-title"),
    fails(DIV, ES2, "rewritten-headline", "unaltered-title"),
    fails(SQS, EN, "rewritten-everywhere", "unaltered-title"),
    fails(PAP, FR1, "dropped-author", "author-credit"),
    fails(DIV, ES1, "dropped-author", "author-credit"),
    fails(SQS, FR2, "byline-removed", "author-credit"),
    fails(PAP, ES2, "byline-removed", "author-credit"),
    fails(DIV, EN, "near-miss-name", "author-credit"),
    fails(PAP, EN, "institution-dropped", "institution-credit"),
    fails(SQS, ES1, "shared-institution-missing", "institution-credit"),
    fails(DIV, FR2, "profile-unlinked", "author-credit"),
    fails(PAP, FR2, "counter-removed", "page-counter"),
    fails(SQS, EN, "counter-removed", "page-counter"),
    fails(DIV, FR1, "counter-removed", "page-counter"),
    fails(SQS, ES1, "counter-lazy-plugin", "page-counter"),
    fails(DIV, EN, "counter-lazy-plugin", "page-counter"),
    fails(PAP, EN, "counter-in-noscript", "page-counter"),
    fails(DIV, ES2, "counter-cdn", "page-counter"),
    fails(SQS, FR2, "counter-twice", "page-counter"),
    fails(PAP, FR1, "counter-other-article", "page-counter"),
    fails(PAP, ES1, "wrong-back-link", "source-link"),
    fails(SQS, EN, "wrong-back-link", "source-link"),
    fails(DIV, FR2, "wrong-back-link", "source-link"),
    fails(PAP, FR2, "attribution-removed", "source-link", "licence-notice"),
    fails(DIV, EN, "attribution-removed", "source-link", "licence-notice"),
    fails(PAP, EN, "licence-words-removed", "licence-notice"),
    fails(SQS, FR1, "licence-words-removed", "licence-notice"),
    fails(DIV, EN, "licence-words-reworded", "licence-notice"),
    fails(SQS, FR2, "cc-by-licence", "licence-notice"),
    fails(PAP, FR1, "script-added", "safe-html"), fails(SQS, EN, "handler-added", "safe-html"),
    fails(DIV, EN, "getty-image-kept", "images"),
    fails(PAP, EN, "hidden-copy-display-none", "unaltered-text"),
    fails(SQS, FR1, "hidden-copy-hidden-attribute", "unaltered-text"),
    fails(DIV, ES2, "hidden-copy-stylesheet", "unaltered-text"),
    fails(PAP, FR2, "hidden-copy-utility-class", "unaltered-text"),
    fails(SQS, ES1, "hidden-credit", "author-credit"),
    _case(DIV, FR1, "deep-nesting", NOT_CHECKABLE),
)


# The third red team's cases: the kinds of issue 9 on Ghost's Source theme, with Ghost's own
# cards (bookmark, header, callout) and its custom-excerpt field; the fixes of F5/F18, F15/F19,
# F10/F17, F16 and F7/F13 were not made on it.
RED_TEAM_3: tuple[Case, ...] = (
    # --- must pass ---------------------------------------------------------------------------
    ok(GSR, EN, "body-classes"), ok(GSR, FR1, "wrapper-classes"),
    ok(GSR, ES1, "aside-author-box"), ok(GSR, FR2, "footer-author-box"),
    ok(GSR, EN, "byline-above-headline"), ok(GSR, ES2, "ghost-image-cards"),
    ok(GSR, FR1, "ad-between-paragraphs"), ok(GSR, ES1, "related-box"),
    ok(GSR, EN, "headline-only-in-title"), ok(GSR, FR1, "tc-promo-removed"),
    ok(GSR, EN, "ghost-bookmark-card"), ok(GSR, FR1, "ghost-bookmark-card"),
    ok(GSR, ES2, "ghost-bookmark-card"),
    ok(GSR, EN, "ghost-header-card"), ok(GSR, FR2, "ghost-header-card"),
    ok(GSR, ES1, "ghost-header-card"),
    # --- must fail ---------------------------------------------------------------------------
    fails(GSR, EN, "ghost-callout-before", "unaltered-text"),
    fails(GSR, FR1, "ghost-callout-before", "unaltered-text"),
    fails(GSR, ES2, "ghost-callout-before", "unaltered-text"),
    fails(GSR, EN, "ghost-callout-after", "unaltered-text"),
    fails(GSR, FR2, "ghost-callout-after", "unaltered-text"),
    fails(GSR, ES1, "ghost-callout-after", "unaltered-text"),
    fails(GSR, EN, "ghost-excerpt-note", "unaltered-text"),
    fails(GSR, FR1, "ghost-excerpt-note", "unaltered-text"),
    fails(GSR, ES1, "ghost-excerpt-note", "unaltered-text"),
    fails(GSR, EN, "ghost-callout-naming-author", "unaltered-text"),
    fails(GSR, FR2, "ghost-callout-naming-author", "unaltered-text"),
    fails(GSR, ES2, "ghost-callout-naming-author", "unaltered-text"),
    fails(GSR, EN, "ghost-callout-credit-after", "unaltered-text"),
    fails(GSR, FR1, "ghost-callout-credit-after", "unaltered-text"),
    fails(GSR, ES1, "ghost-callout-credit-after", "unaltered-text"),
    fails(GSR, EN, "ghost-excerpt-naming-author", "unaltered-text"),
    fails(GSR, FR2, "ghost-excerpt-naming-author", "unaltered-text"),
    ok(GSR, EN, "ghost-excerpt-standfirst"), ok(GSR, FR2, "ghost-excerpt-standfirst"),
    ok(GSR, ES1, "ghost-excerpt-standfirst"),
    fails(GSR, FR1, "ghost-excerpt-standfirst-edited", "unaltered-text"),
    fails(GSR, ES2, "ghost-excerpt-standfirst-edited", "unaltered-text"),
    fails(GSR, FR1, "dateline", "unaltered-text"),
    fails(GSR, ES2, "intro-paragraph", "unaltered-text"),
    fails(GSR, EN, "rewritten-headline", "unaltered-title"),
    fails(GSR, FR1, "rewritten-headline", "unaltered-title"),
    fails(GSR, ES1, "rewritten-headline", "unaltered-title"),
    fails(GSR, FR1, "dropped-author", "author-credit"),
    fails(GSR, EN, "counter-removed", "page-counter"),
    fails(GSR, ES1, "counter-lazy-plugin", "page-counter"),
)


# The fourth red team's cases: WordPress with Avada 7 and its builder's elements (Text Block,
# Code Block, Alert, Tagline Box, Title + Recent Posts, the about-author box), and a Webflow
# CMS template page with its bound fields (summary, a second Rich Text field, the authors'
# Collection list), custom code embeds, forms and conditional visibility.
RED_TEAM_4: tuple[Case, ...] = (
    # --- must pass ---------------------------------------------------------------------------
    ok(AVA, EN, "avada-elements"), ok(AVA, FR1, "avada-elements"),
    ok(AVA, ES2, "avada-elements"),
    ok(AVA, EN, "avada-tagline-box"), ok(AVA, FR2, "avada-tagline-box"),
    ok(AVA, ES1, "avada-tagline-box"),
    ok(AVA, EN, "avada-recent-posts"), ok(AVA, FR1, "avada-recent-posts"),
    ok(AVA, ES2, "avada-recent-posts"),
    ok(AVA, EN, "avada-author-box"), ok(AVA, FR1, "avada-author-box"),
    ok(AVA, ES2, "avada-author-box"),
    ok(AVA, FR2, "headline-only-in-title"), ok(AVA, ES1, "body-classes"),
    ok(AVA, FR2, "aside-author-box"), ok(AVA, EN, "ad-between-paragraphs"),
    ok(WFL, ES2, "byline-above-headline"),
    ok(WFL, EN, "webflow-form-after-body"), ok(WFL, FR1, "webflow-form-after-body"),
    ok(WFL, ES2, "webflow-form-after-body"),
    ok(WFL, EN, "webflow-sponsor-figure"), ok(WFL, FR2, "webflow-sponsor-figure"),
    ok(WFL, ES1, "webflow-sponsor-figure"),
    ok(WFL, EN, "webflow-author-list"), ok(WFL, FR1, "webflow-author-list"),
    ok(WFL, ES2, "webflow-author-list"),
    ok(WFL, EN, "webflow-empty-image-field"), ok(WFL, FR2, "webflow-empty-image-field"),
    ok(WFL, ES1, "webflow-empty-image-field"),
    ok(WFL, FR2, "related-box"), ok(WFL, ES1, "headline-only-in-title"),
    ok(WFL, FR1, "tc-promo-removed"),
    # --- must fail ---------------------------------------------------------------------------
    fails(AVA, EN, "avada-alert-note", "unaltered-text"),
    fails(AVA, FR1, "avada-alert-note", "unaltered-text"),
    fails(AVA, ES1, "avada-alert-note", "unaltered-text"),
    fails(AVA, EN, "avada-alert-naming-author", "unaltered-text"),
    fails(AVA, FR2, "avada-alert-naming-author", "unaltered-text"),
    fails(AVA, ES2, "avada-note-after", "unaltered-text"),
    fails(AVA, FR1, "avada-note-after", "unaltered-text"),
    fails(AVA, EN, "avada-credit-after", "unaltered-text"),
    fails(AVA, ES1, "avada-credit-after", "unaltered-text"),
    fails(AVA, EN, "rewritten-headline", "unaltered-title"),
    fails(AVA, ES2, "rewritten-headline", "unaltered-title"),
    fails(AVA, FR1, "byline-removed", "author-credit"),
    fails(AVA, FR1, "dropped-author", "author-credit"),
    fails(AVA, ES1, "counter-lazy-plugin", "page-counter"),
    fails(AVA, EN, "hidden-copy-display-none", "unaltered-text"),
    fails(AVA, FR2, "dateline", "unaltered-text"),
    fails(AVA, ES2, "intro-naming-author", "unaltered-text"),
    fails(AVA, EN, "licence-words-removed", "licence-notice"),
    fails(WFL, FR1, "appended-with-credit", "unaltered-text"),
    fails(WFL, EN, "webflow-summary-note", "unaltered-text"),
    fails(WFL, FR1, "webflow-summary-note", "unaltered-text"),
    fails(WFL, ES2, "webflow-summary-note", "unaltered-text"),
    fails(WFL, EN, "webflow-summary-naming-author", "unaltered-text"),
    fails(WFL, FR2, "webflow-summary-naming-author", "unaltered-text"),
    fails(WFL, FR1, "webflow-note-field", "unaltered-text"),
    fails(WFL, ES1, "webflow-note-field", "unaltered-text"),
    fails(WFL, EN, "webflow-note-credit-field", "unaltered-text"),
    fails(WFL, ES2, "webflow-note-credit-field", "unaltered-text"),
    fails(WFL, EN, "hidden-copy-condition", "unaltered-text"),
    fails(WFL, FR1, "hidden-copy-condition", "unaltered-text"),
    fails(WFL, FR2, "rewritten-headline", "unaltered-title"),
    fails(WFL, ES1, "byline-removed", "author-credit"),
    fails(WFL, EN, "counter-removed", "page-counter"),
    fails(WFL, FR1, "licence-words-reworded", "licence-notice"),
    fails(WFL, ES2, "edited-word", "unaltered-text"),
)


# The sixth round's cases (red-team-findings.md, F36-F37): the words between the headline and
# the article's first words, however the theme nests its header (Newspack's and Drupal's
# title above the element holding the body), and a label before a link to the publisher's own
# post, in or after the post.
SIXTH_ROUND: tuple[Case, ...] = (
    # a theme's subtitle field under the headline: the standfirst passes, the publisher's own
    # dek and an edited standfirst fail, inside or outside the element holding the body
    ok(NSP, FR2, "theme-subtitle-newspack-standfirst"),
    ok(WFL, EN, "theme-subtitle-newspack-standfirst"),
    ok(DRU, EN, "theme-subtitle-arc-standfirst"), ok(TT1, EN, "theme-subtitle-arc-standfirst"),
    ok(D7, FR1, "theme-subtitle-newspaper-standfirst"),
    ok(GHO, FR1, "theme-subtitle-newspaper-standfirst"),
    fails(NSP, EN, "theme-subtitle-newspack-dek", "unaltered-text"),
    fails(NSP, FR1, "theme-subtitle-arc-dek", "unaltered-text"),
    fails(NSP, ES1, "theme-subtitle-newspaper-dek", "unaltered-text"),
    fails(DRU, FR2, "theme-subtitle-arc-dek", "unaltered-text"),
    fails(DRU, ES2, "theme-subtitle-newspack-dek", "unaltered-text"),
    fails(D7, EN, "theme-subtitle-newspaper-dek", "unaltered-text"),
    fails(D7, ES1, "theme-subtitle-arc-dek", "unaltered-text"),
    fails(TT1, FR1, "theme-subtitle-newspack-dek", "unaltered-text"),
    fails(KAD, ES2, "theme-subtitle-arc-dek", "unaltered-text"),
    fails(CMG, EN, "theme-subtitle-newspaper-dek", "unaltered-text"),
    fails(GHL, ES1, "theme-subtitle-arc-dek", "unaltered-text"),
    fails(NSP, EN, "theme-subtitle-arc-standfirst-edited", "unaltered-text"),
    fails(DRU, FR1, "theme-subtitle-newspaper-standfirst-edited", "unaltered-text"),
    fails(D7, FR2, "theme-subtitle-newspack-standfirst-edited", "unaltered-text"),
    fails(AST, EN, "theme-subtitle-newspack-standfirst-edited", "unaltered-text"),
    # notes of other CMSs' fields in Newspack's slot between its header and <article>
    fails(NSP, EN, "subtitle-dek", "unaltered-text"),
    fails(NSP, FR1, "ghost-excerpt-note", "unaltered-text"),
    fails(NSP, ES2, "webflow-summary-naming-author", "unaltered-text"),
    # only the byline or the post's meta between the headline and the body: the post's
    ok(NSP, EN, "header-byline"), ok(NSP, ES2, "header-byline"), ok(DRU, FR1, "header-byline"),
    ok(D7, ES1, "header-byline"), ok(GHL, FR2, "header-byline"), ok(TT4, EN, "header-byline"),
    ok(NSP, FR1, "header-meta"), ok(DRU, ES2, "header-meta"), ok(D7, EN, "header-meta"),
    ok(CMG, FR2, "header-meta"), ok(PAP, ES1, "header-meta"),
    # a label of a few words ending in a colon, then links to the publisher's own posts or
    # the post's other languages: a navigation line, wherever it stands
    ok(TT1, EN, "nav-line-0-between"), ok(GP, EN, "nav-line-1-start"),
    ok(NSP, EN, "nav-line-0-after-post"), ok(ELE, EN, "nav-line-1-after-body"),
    ok(DIV, EN, "nav-line-0-start"), ok(SQS, EN, "nav-line-1-between"),
    ok(BLG, EN, "nav-line-0-after-body"), ok(TT5, EN, "nav-line-plain"),
    ok(AST, ES1, "nav-line-2-between"), ok(GHO, ES2, "nav-line-2-after-post"),
    ok(JOO, FR1, "nav-line-3-after-body"), ok(D7, FR2, "nav-line-3-start"),
    ok(WFL, ES1, "nav-line-3-between"), ok(AVA, ES2, "nav-line-3-after-post"),
    ok(OWP, FR1, "nav-line-1-between"), ok(PAP, EN, "nav-line-2-after-body"),
    ok(GSR, FR2, "nav-line-0-between"),
    ok(TT1, EN, "wpml-post-translations"), ok(AST, FR1, "wpml-post-translations"),
    ok(NSP, ES1, "wpml-post-translations"), ok(ELE, FR2, "wpml-post-translations"),
    ok(GP, ES2, "wpml-post-translations"), ok(CMG, EN, "wpml-post-translations"),
    ok(DRU, FR1, "wpml-post-translations"),
    ok(KAD, EN, "polylang-post-translations"), ok(TT4, FR2, "polylang-post-translations"),
    ok(D7, ES1, "polylang-post-translations"),
    ok(TT1, EN, "nav-line-tc-after"), ok(GHL, FR1, "nav-line-tc-after"),
    ok(JOO, ES1, "nav-line-tc-after"),
    # a sentence ending in a colon before its link, a label naming the article's author, a
    # "title" that is an edited sentence of the article: the publisher's words
    fails(TT1, EN, "colon-sentence-between", "unaltered-text"),
    fails(NSP, FR1, "colon-sentence-between", "unaltered-text"),
    fails(KAD, ES1, "colon-sentence-between", "unaltered-text"),
    fails(GP, EN, "colon-sentence-after", "unaltered-text"),
    fails(DRU, FR2, "colon-sentence-after", "unaltered-text"),
    fails(WFL, ES2, "colon-sentence-after", "unaltered-text"),
    fails(TT4, EN, "nav-line-naming-author", "unaltered-text"),
    fails(PAP, FR1, "nav-line-naming-author", "unaltered-text"),
    fails(NSP, ES2, "nav-line-naming-author", "unaltered-text"),
    fails(AST, EN, "nav-line-edited-sentence", "unaltered-text"),
    fails(GHO, FR1, "nav-line-edited-sentence", "unaltered-text"),
    fails(CMG, ES1, "nav-line-edited-sentence", "unaltered-text"),
    fails(ELE, FR2, "nav-line-edited-sentence", "unaltered-text"),
    # a label outside the word list (ending in a colon or a dash, or set apart in <strong> or
    # before a <br>) and one link to another article of The Conversation or to the
    # publisher's own post: a related link, by its shape (F52)
    ok(TT1, EN, "related-line-tc-0-between"), ok(GP, FR1, "related-line-tc-1-start"),
    ok(KAD, ES1, "related-line-tc-2-after-body"), ok(NSP, FR2, "related-line-tc-3-after-post"),
    ok(DRU, ES2, "related-line-tc-0-after-post"), ok(GHO, EN, "related-line-tc-1-between"),
    ok(AST, FR1, "related-line-tc-2-start"), ok(ELE, ES2, "related-line-tc-3-between"),
    ok(BLG, FR2, "related-line-tc-1-after-body"), ok(D7, ES1, "related-line-tc-0-start"),
    ok(AMP, EN, "related-line-tc-2-between"), ok(NEWS, FR1, "related-line-tc-3-after-body"),
    ok(WFL, EN, "related-line-tc-1-after-post"), ok(DIG, ES2, "related-line-tc-0-between"),
    ok(TT5, EN, "related-line-own-1-between"), ok(OWP, FR1, "related-line-own-1-after-body"),
    ok(CMG, ES1, "related-line-own-3-start"), ok(GSR, FR2, "related-line-own-2-after-post"),
    ok(JOO, ES2, "related-line-own-0-between"), ok(PAP, EN, "related-line-own-3-after-body"),
    ok(SQS, FR1, "related-line-own-1-start"), ok(AVA, ES1, "related-line-own-2-between"),
    # the same words unmarked and plain, a sentence with a link in it, a label of the
    # article's words, an edited sentence as the title, a word of the article changed
    fails(TT1, EN, "related-line-tc-unmarked", "unaltered-text"),
    fails(GP, FR1, "related-line-tc-unmarked", "unaltered-text"),
    fails(KAD, ES2, "related-line-tc-unmarked", "unaltered-text"),
    fails(TT4, EN, "related-line-tc-prose", "unaltered-text"),
    fails(DRU, FR2, "related-line-tc-prose", "unaltered-text"),
    fails(GHO, ES1, "related-line-tc-prose", "unaltered-text"),
    fails(AST, EN, "related-line-own-prose", "unaltered-text"),
    fails(NSP, ES2, "related-line-own-prose", "unaltered-text"),
    fails(TT5, FR1, "related-line-tc-label-original", "unaltered-text"),
    fails(ELE, ES1, "related-line-tc-label-original", "unaltered-text"),
    fails(OWP, EN, "related-line-own-label-original", "unaltered-text"),
    fails(CMG, FR1, "related-line-own-label-original", "unaltered-text"),
    fails(KAD, ES2, "related-line-own-label-original", "unaltered-text"),
    fails(TT1, ES1, "related-line-own-label-original", "unaltered-text"),
    fails(TT1, FR2, "related-line-tc-title-edited", "unaltered-text"),
    fails(GP, ES2, "related-line-tc-title-edited", "unaltered-text"),
    fails(NPR, EN, "related-line-tc-edited-word", "unaltered-text"),
    fails(D7, FR1, "related-line-tc-edited-word", "unaltered-text"),
    fails(WFL, ES1, "related-line-tc-edited-word", "unaltered-text"),
)

# The seventh round (red-team-findings.md, F55): a byline naming another institution than the
# author's fails institution-credit only, though the body shares a run of words with the
# author's role ("of the Marine Science Institute"); another role is no failure.
SEVENTH_ROUND: tuple[Case, ...] = (
    *(fails(layout, EN, "institution-substituted", "institution-credit")
      for layout in (TT1, AST, DRU, GHO, NEWS, NSP, PAP, BLG, AMP, DIG)),
    fails(TT4, FR1, "institution-substituted", "institution-credit"),
    fails(D7, FR1, "institution-substituted", "institution-credit"),
    fails(GHO, FR2, "institution-substituted", "institution-credit"),
    fails(SQS, FR2, "institution-substituted", "institution-credit"),
    ok(TT1, EN, "role-substituted"), ok(GHO, EN, "role-substituted"),
    ok(AST, FR1, "role-substituted"), ok(DRU, FR2, "role-substituted"),
    # F56: the original's Getty photo shown as a hero otherwise than by an <img>'s address
    fails(GP, EN, "featured-backdrop-inline-style", "images"),
    fails(AST, FR1, "featured-backdrop-inline-style", "images"),
    fails(TT1, EN, "featured-backdrop-style-element", "images"),
    fails(GHO, FR1, "featured-backdrop-style-element", "images"),
    fails(ELE, EN, "featured-backdrop-data-bg", "images"),
    fails(NPR, FR1, "featured-backdrop-data-bg", "images"),
    fails(DIV, EN, "featured-backdrop-bgset", "images"),
    fails(KAD, FR1, "featured-backdrop-bgset", "images"),
    fails(NSP, EN, "featured-backdrop-picture-sources", "images"),
    fails(DRU, FR1, "featured-backdrop-picture-sources", "images"),
    fails(TT4, EN, "featured-backdrop-video-poster", "images"),
    fails(SQS, FR1, "featured-backdrop-video-poster", "images"),
    ok(GP, EN, "publisher-backdrop"), ok(TT5, FR1, "publisher-backdrop"),
    ok(GHO, FR2, "publisher-backdrop"), ok(D7, ES2, "publisher-backdrop"),
    # F57: a page rendered in part on the server, the rest in the browser from its script
    # data, is not checkable from its HTML; with the rest only in JSON-LD it is cut
    *(_case(layout, original, "partial-render-next-data", NOT_CHECKABLE)
      for layout, original in ((TT1, EN), (WFL, FR1), (GHO, FR2), (SQS, ES1), (NSP, ES2))),
    *(_case(layout, original, "partial-render-nuxt", NOT_CHECKABLE)
      for layout, original in ((AST, EN), (PAP, FR1), (DRU, ES2))),
    *(fails(layout, original, "partial-render-json-ld", "licence-notice", "page-counter",
            "source-link", "unaltered-text")
      for layout, original in ((TT1, EN), (GHO, FR1), (PAP, FR2))),
)


# The seventh round's held-out layouts (red-team-findings.md, F59/F60): Twenty Twenty and
# Neve. Their as-pasted cases come with every layout (CASES's first line); here one edit of
# each kind the corpus holds, on one of the two, with the verdict its cases give on the other
# WordPress themes (all judged right before any fix); then F60's: the original's opening
# quoted beside the article (an excerpt under the headline, a teaser, a click-to-tweet box)
# must not hide an edited word, nor make the quote the article judged.
SEVENTH_ROUND_LAYOUTS: tuple[Case, ...] = (
    ok(NEV, FR2, "related-box"),
    ok(TT20, FR1, "nav-line-tc-after"),
    ok(NEV, ES2, "tc-logo-attribution"),
    ok(TT20, FR1, "tc-promo-kept"),
    ok(NEV, FR1, "tc-promo-removed"),
    ok(TT20, FR2, "heading-block-standfirst"),
    ok(NEV, ES1, "english-credit-line"),
    ok(TT20, FR1, "permalink-pilcrow"),
    ok(NEV, FR2, "wpml-post-translations"),
    ok(TT20, ES1, "gtranslate-end"),
    ok(NEV, EN, "json-ld-after-content"),
    ok(TT20, EN, "audio-listen-box"),
    ok(NEV, FR2, "plugin-jetpack-sharing"),
    ok(TT20, ES1, "publisher-picture-classic-top"),
    ok(NEV, FR2, "pull-quote-aside"),
    ok(TT20, FR1, "fb-sdk-top-byline-moved"),
    ok(NEV, FR1, "pixel-in-noscript"),
    ok(TT20, ES1, "newspaper-inline-ad"),
    fails(NEV, FR2, "institution-substituted", "institution-credit"),
    ok(TT20, FR1, "role-substituted"),
    fails(NEV, FR1, "partial-render-json-ld", "licence-notice", "page-counter", "source-link",
          "unaltered-text"),
    fails(TT20, FR2, "picture-licence-only", "licence-notice"),
    ok(NEV, ES1, "plugin-box-simple-author-box-staff"),
    ok(TT20, ES1, "aside-author-box"),
    ok(NEV, FR2, "footer-author-box"),
    fails(TT20, FR1, "plugin-box-molongui-edited-bio", "unaltered-text"),
    fails(NEV, FR2, "profile-unlinked", "author-credit"),
    fails(TT20, EN, "near-miss-name", "author-credit"),
    ok(NEV, EN, "byline-above-headline"),
    ok(TT20, ES2, "header-byline"),
    ok(NEV, ES1, "shared-institution-parens"),
    fails(TT20, ES1, "shared-institution-missing", "institution-credit"),
    fails(NEV, FR1, "counter-consent-borlabs", "page-counter"),
    fails(TT20, EN, "counter-other-article", "page-counter"),
    fails(NEV, EN, "counter-in-noscript", "page-counter"),
    fails(TT20, ES1, "counter-stretched-by-style", "page-counter"),
    fails(NEV, ES1, "counter-cdn", "page-counter"),
    fails(TT20, FR2, "counter-twice", "page-counter"),
    ok(NEV, EN, "counter-decoding-async"),
    fails(TT20, ES2, "hidden-credit", "author-credit"),
    fails(NEV, EN, "credit-clip", "author-credit"),
    fails(TT20, ES1, "credit-offset", "author-credit"),
    fails(NEV, FR2, "credit-tiny", "author-credit"),
    fails(TT20, FR1, "dateline", "unaltered-text"),
    ok(NEV, FR1, "nested-within-limit"),
    fails(TT20, ES1, "dropped-author", "author-credit"),
    fails(NEV, EN, "original-caption-edited", "unaltered-text"),
    fails(TT20, ES1, "edited-hyphenated-word", "unaltered-text"),
    ok(NEV, ES2, "extract"),
    fails(TT20, ES2, "extract-without-link", "unaltered-text"),
    ok(NEV, FR2, "plugin-box-wp-reactions"),
    fails(TT20, EN, "reworded-end", "unaltered-text"),
    fails(NEV, EN, "hidden-copy-display-none", "unaltered-text"),
    ok(TT20, FR2, "hidden-furniture"),
    ok(NEV, EN, "gutenberg-blocks"),
    ok(TT20, FR1, "block-editor-images"),
    ok(NEV, EN, "wp-classic-captions"),
    ok(TT20, FR2, "links-new-tab"),
    ok(NEV, EN, "accordion-headings"),
    ok(TT20, EN, "invisible-characters"),
    fails(NEV, ES1, "institution-dropped", "institution-credit"),
    fails(TT20, ES2, "plugin-newspack-donate-naming-author", "unaltered-text"),
    fails(NEV, EN, "counter-lazy-plugin", "page-counter"),
    fails(TT20, EN, "cc-by-licence", "licence-notice"),
    ok(NEV, EN, "licence-unlinked"),
    fails(TT20, FR1, "wrong-back-link", "source-link"),
    ok(NEV, EN, "related-tc-article"),
    fails(TT20, FR2, "counter-removed", "page-counter"),
    _case(NEV, FR2, "deep-nesting", NOT_CHECKABLE),
    fails(TT20, FR2, "attribution-hidden-font-size-0", "licence-notice", "source-link"),
    fails(NEV, EN, "newspaper-source-box", "licence-notice"),
    fails(TT20, FR1, "byline-removed", "author-credit"),
    fails(NEV, EN, "plugin-box-author-for-byline", "author-credit"),
    fails(TT20, FR2, "plugin-box-staff-for-byline", "author-credit"),
    ok(NEV, FR1, "headline-only-in-title"),
    _case(TT20, ES1, "partial-render-next-data", NOT_CHECKABLE),
    fails(NEV, EN, "note-after-tags", "unaltered-text"),
    fails(TT20, FR2, "cut-paragraph", "unaltered-text"),
    fails(NEV, EN, "share-note-between", "unaltered-text"),
    ok(TT20, ES2, "header-meta"),
    fails(NEV, EN, "heading-block-dek", "unaltered-text"),
    ok(TT20, EN, "kadence-infobox"),
    fails(NEV, FR1, "heading-block-rewritten-headline", "unaltered-title"),
    fails(TT20, FR1, "rewritten-everywhere", "unaltered-title"),
    fails(NEV, FR1, "rewritten-headline", "unaltered-title"),
    ok(TT20, ES2, "new-tab-notes-visuallyhidden"),
    fails(NEV, ES2, "fb-sdk-after-byline", "safe-html"),
    fails(TT20, EN, "colon-sentence-between", "unaltered-text"),
    fails(NEV, FR2, "appended-sentence", "unaltered-text"),
    fails(TT20, FR2, "inserted-sentence", "unaltered-text"),
    ok(NEV, FR1, "substack-share-end"),
    fails(TT20, FR1, "toc-reworded-entry", "unaltered-text"),
    ok(NEV, FR2, "toc-table-of-contents-plus"),
    ok(TT20, FR2, "counter-size-in-style"),
    ok(NEV, EN, "pictures-photon"),
    ok(TT20, ES2, "publisher-backdrop"),
    ok(NEV, ES1, "folded-details"),
    ok(TT20, FR2, "body-classes"),
    ok(NEV, EN, "wrapper-classes"),
    fails(NEV, EN, "publisher-picture-agency-top", "images"),
    *(fails(layout, original, f"opening-quoted-{where}-edited", "unaltered-text")
      for where, layouts in (("intro-text", (TT20, NEV, TT1, AST, GP, CMG, GHO, DRU)),
                             ("click-to-tweet", (TT20, NEV, TT1, AST, CMG, GP, NSP)),
                             ("teaser", (TT20, NEV, CMG, NSP, GHL, PAP)))
      for layout, original in zip(layouts, (*ORIGINALS, *ORIGINALS), strict=False)),
    *(ok(layout, original, f"opening-quoted-{where}")
      for where, layouts in (("intro-text", (NEV, TT20, GP, TT1, AST)),
                             ("click-to-tweet", (TT20, NEV, AST, GHO, DRU)),
                             ("teaser", (NEV, TT20, GSR, WFL, CMG)))
      for layout, original in zip(layouts, ORIGINALS, strict=True)),
    *(fails(layout, original, "plugin-box-helpful-quoting-original", "unaltered-text")
      for layout, original in ((TT20, FR1), (NEV, FR2), (TT1, ES1), (CMG, ES2),
                               (AST, FR2))),
    # F61: a click-to-tweet box in the content quoting the article word for word is
    # furniture, like a pull quote; one word of its quote changed is text
    *(ok(layout, original, f"tweet-quote-{where}")
      for where, layouts in (("between", (TT20, NEV, GHO, GSR, DRU)),
                             ("after", (GHO, NEV, TT20, NSP, SQS)))
      for layout, original in zip(layouts, ORIGINALS, strict=True)),
    ok(GSR, EN, "opening-quoted-click-to-tweet"), ok(NEWS, FR1, "opening-quoted-click-to-tweet"),
    ok(ELE, FR2, "opening-quoted-click-to-tweet"),
    *(fails(layout, original, f"tweet-quote-{where}", "unaltered-text")
      for where, layouts in (("edited", (TT20, GHO, NEV, AMP, BLG)),
                             ("between-edited", (NEV, TT1, GSR, KAD, D7)))
      for layout, original in zip(layouts, ORIGINALS, strict=True)),
)

# The eighth round (red-team-findings.md, F62-): F62, the original's subheadings in a house
# style's Title Case or capitals are its words (a word changed in one still fails); F63,
# co-authors' profile links swapped (each profile linked, neither from its author's name)
# fail author-credit, naming both; F64, links a mail system or a redirect wrapped lead to
# their target (a wrapped link back to another article still fails); F65, the opening's first
# sentence cut or reworded fails unaltered-text only, though its words recur further on;
# F66 below.
EIGHTH_ROUND: tuple[Case, ...] = (
    *(fails(layout, EN, edit, "unaltered-text")
      for edit in ("opening-sentence-cut", "opening-sentence-reworded")
      for layout in (TT1, GHO, DRU, NEWS, AMP, TXT, DIG, NSP)),
    *(fails(layout, original, edit, "unaltered-text")
      for edit in ("opening-sentence-cut", "opening-sentence-reworded")
      for layout, original in ((AST, FR1), (SQS, FR2), (PAP, ES1), (BLG, ES2))),
    *(ok(layout, original, "links-wrapped-safelinks")
      for layout, original in ((TT1, EN), (GHO, FR1), (DRU, ES1), (NEWS, FR2), (AMP, ES2),
                               (DIG, EN), (ELE, FR1))),
    *(ok(layout, original, "links-wrapped-proofpoint")
      for layout, original in ((AST, FR1), (SQS, EN), (JOO, ES2), (NSP, FR2))),
    *(ok(layout, original, "links-wrapped-google-docs")
      for layout, original in ((GP, ES1), (TT4, EN), (WFL, FR1), (BLG, ES2))),
    *(fails(layout, original, "back-link-wrapped-other", "source-link")
      for layout, original in ((TT1, FR1), (NEWS, EN), (GSR, ES1))),
    *(ok(layout, original, "subheadings-title-case")
      for layout, original in ((TT1, EN), (GHO, FR1), (DRU, FR2), (NEWS, ES1), (AMP, ES2),
                               (TXT, EN), (DIG, FR1), (ELE, EN))),
    *(ok(layout, original, "subheadings-upper")
      for layout, original in ((AST, EN), (PAP, FR1), (SQS, ES1), (BLG, FR2))),
    *(ok(layout, original, "subheadings-bold")
      for layout, original in ((GP, EN), (TT20, FR1), (NEV, ES2), (DIV, FR2))),
    *(fails(layout, original, "subheadings-title-case-edited", "unaltered-text")
      for layout, original in ((TT1, EN), (GHO, FR1), (NSP, ES1), (WFL, FR2), (TXT, ES2))),
    *(fails(layout, original, "profile-links-swapped", "author-credit")
      for layout, original in ((TT1, FR1), (GHO, ES1), (DRU, FR1), (NEWS, ES1), (AMP, FR1),
                               (SQS, ES1), (TT20, FR1), (DIG, ES1))),
    # F66: the original's unlicensed picture named for social networks in the head (Yoast's
    # og:image and twitter:image) fails images, at The Conversation's address or uploaded; a
    # licensed one passes
    *(fails(layout, original, "social-card-unlicensed", "images")
      for layout, original in ((TT1, EN), (GHO, FR1), (DRU, EN), (AMP, FR1), (ELE, EN),
                               (SQS, FR1), (NEWS, EN), (DIG, FR1))),
    *(fails(layout, original, "social-card-uploaded", "images")
      for layout, original in ((AST, EN), (GP, FR1), (KAD, EN), (WFL, FR1))),
    *(ok(layout, original, "social-card-licensed")
      for layout, original in ((TT1, ES1), (GHO, ES2), (AST, EN), (DRU, FR1), (NEWS, ES1),
                               (TT20, ES2))),
)


# The ninth round's held-out layouts (red-team-findings.md, F80-F83): TownNews BLOX, Arc XP
# and JNews. Their as-pasted cases come with every layout (CASES's first line); here the
# edits each was judged wrongly on before its fix, with the verdict those edits' cases give
# on the classic WordPress themes, and edits of other kinds (all right before).
NINTH_ROUND_LAYOUTS: tuple[Case, ...] = (
    # TownNews BLOX: every paragraph in a paywall's wrapper (F80: a wrapper named
    # "subscriber-only" is no sign-up box, and the publisher's words in one are added)
    fails(BLX, EN, "colon-sentence-between", "unaltered-text"),
    fails(BLX, ES1, "colon-sentence-between", "unaltered-text"),
    fails(BLX, FR1, "colon-sentence-between", "unaltered-text"),
    fails(BLX, EN, "colon-sentence-after", "unaltered-text"),
    fails(BLX, EN, "related-line-own-prose", "unaltered-text"),
    fails(BLX, ES2, "related-line-own-prose", "unaltered-text"),
    fails(BLX, FR1, "related-line-tc-unmarked", "unaltered-text"),
    fails(BLX, ES2, "related-line-tc-unmarked", "unaltered-text"),
    fails(BLX, ES1, "related-line-own-label-original", "unaltered-text"),
    fails(BLX, FR1, "related-line-own-label-original", "unaltered-text"),
    fails(BLX, EN, "plugin-short-update", "unaltered-text"),
    fails(BLX, EN, "plugin-dated-dateline-paragraph", "unaltered-text"),
    fails(BLX, FR1, "tc-logo-alone", "images"),
    fails(BLX, FR2, "edited-word", "unaltered-text"),
    fails(BLX, ES1, "inserted-sentence", "unaltered-text"),
    fails(BLX, EN, "appended-paragraph", "unaltered-text"),
    fails(BLX, FR1, "counter-removed", "page-counter"),
    fails(BLX, ES1, "dropped-author", "author-credit"),
    ok(BLX, EN, "ad-between-paragraphs"),
    ok(BLX, FR2, "related-box"),
    ok(BLX, ES1, "newsletter-box"),
    ok(BLX, FR1, "aside-author-box"),
    ok(BLX, EN, "byline-above-headline"),
    ok(BLX, ES2, "related-tc-article"),
    # Arc XP: paragraphs without their classes (F81: the byline by its shape), the article
    # element around the body alone (F82: a note after it, beside the tags, is added)
    ok(ARC, EN, "role-substituted"),
    ok(ARC, FR1, "role-substituted"),
    fails(ARC, EN, "institution-substituted", "institution-credit"),
    fails(ARC, FR2, "institution-substituted", "institution-credit"),
    fails(ARC, FR1, "note-after-body", "unaltered-text"),
    fails(ARC, FR2, "note-after-body", "unaltered-text"),
    fails(ARC, EN, "note-after-tags", "unaltered-text"),
    fails(ARC, ES1, "note-after-tags", "unaltered-text"),
    fails(ARC, FR2, "note-after-tags", "unaltered-text"),
    ok(ARC, ES2, "fb-sdk-top"),
    ok(ARC, ES2, "gtranslate-top"),
    fails(ARC, EN, "edited-word", "unaltered-text"),
    fails(ARC, FR1, "inserted-sentence", "unaltered-text"),
    fails(ARC, ES1, "appended-sentence", "unaltered-text"),
    fails(ARC, FR2, "counter-removed", "page-counter"),
    fails(ARC, FR1, "dropped-author", "author-credit"),
    fails(ARC, ES1, "attribution-hidden-font-size-0", "licence-notice", "source-link"),
    ok(ARC, EN, "related-box"),
    ok(ARC, FR1, "footer-author-box"),
    ok(ARC, ES2, "straight-typography"),
    # JNews: its "Read also" box after the second paragraph (F83: its headings bound no
    # piece: what stands above the box is judged)
    fails(JNW, EN, "intro-paragraph", "unaltered-text"),
    fails(JNW, EN, "intro-naming-author", "unaltered-text"),
    fails(JNW, FR2, "intro-naming-author", "unaltered-text"),
    fails(JNW, EN, "plugin-dated-dateline-paragraph", "unaltered-text"),
    fails(JNW, EN, "caption-update-classic-top", "unaltered-text"),
    fails(JNW, FR2, "note-naming-tc-above-button", "unaltered-text"),
    fails(JNW, FR1, "note-naming-author-above-button", "unaltered-text"),
    ok(JNW, EN, "wpml-post-translations"),
    ok(JNW, ES1, "wpml-post-translations"),
    ok(JNW, ES2, "wpml-post-translations"),
    ok(JNW, FR1, "wpml-post-translations"),
    ok(JNW, FR2, "wpml-post-translations"),
    ok(JNW, EN, "polylang-post-translations"),
    ok(JNW, ES1, "toc-easy-table-of-contents"),
    ok(JNW, ES1, "related-line-own-3-start"),
    ok(JNW, FR1, "related-line-own-1-after-body"),
    fails(JNW, FR1, "edited-word", "unaltered-text"),
    fails(JNW, ES2, "dateline", "unaltered-text"),
    fails(JNW, EN, "counter-removed", "page-counter"),
    fails(JNW, FR1, "dropped-author", "author-credit"),
    fails(JNW, ES1, "appended-paragraph", "unaltered-text"),
    ok(JNW, EN, "aside-author-box"),
    ok(JNW, FR2, "gutenberg-blocks"),
    ok(JNW, ES2, "byline-above-headline"),
)


# The tenth round's held-out platforms (red-team-findings.md, F87-F88): Jekyll's minima (its
# Disqus loader right after the post's content: F87), Eleventy's base blog (the post's
# heading, meta and content with no element of their own: F88), a Substack post (its
# editor's image blocks through Substack's image proxy, the counter's too: page-counter
# fails on every page; its subscribe widget and buttons in the body are furniture) and
# Soledad (its inline related posts after the second paragraph). Their as-pasted cases come
# with every layout (CASES's first lines); here the edits judged wrongly before the fixes,
# with the verdict those edits' cases give on the classic WordPress themes, and edits of
# other kinds (right before).
TENTH_ROUND_LAYOUTS: tuple[Case, ...] = (
    # jekyll-minima
    fails(JKM, EN, "attribution-hidden-hidden", "licence-notice", "source-link"),
    fails(JKM, EN, "attribution-hidden-offscreen", "licence-notice", "source-link"),
    fails(JKM, FR2, "attribution-hidden-font-size-0", "licence-notice", "source-link"),
    fails(JKM, FR1, "attribution-hidden-sr-only", "licence-notice", "source-link"),
    fails(JKM, ES2, "attribution-hidden-sr-only", "licence-notice", "source-link"),
    ok(JKM, ES2, "fb-sdk-end"),
    fails(JKM, FR1, "fb-sdk-before-credit", "safe-html"),
    fails(JKM, EN, "edited-word", "unaltered-text"),
    fails(JKM, FR2, "counter-removed", "page-counter"),
    fails(JKM, FR1, "dropped-author", "author-credit"),
    fails(JKM, ES2, "intro-paragraph", "unaltered-text"),
    fails(JKM, ES1, "appended-paragraph", "unaltered-text"),
    ok(JKM, EN, "aside-author-box"),
    ok(JKM, FR2, "related-box"),
    ok(JKM, ES1, "byline-above-headline"),
    fails(JKM, EN, "wrong-back-link", "source-link"),
    # eleventy-base-blog
    ok(ELV, ES2, "fb-sdk-top"),
    ok(ELV, ES2, "gtranslate-top"),
    ok(ELV, ES2, "fb-sdk-end"),
    ok(ELV, FR1, "gtranslate-top"),
    fails(ELV, ES2, "fb-sdk-after-byline", "safe-html"),
    fails(ELV, ES2, "edited-word", "unaltered-text"),
    fails(ELV, FR1, "dropped-author", "author-credit"),
    fails(ELV, ES2, "intro-paragraph", "unaltered-text"),
    fails(ELV, EN, "attribution-hidden-hidden", "licence-notice", "source-link"),
    fails(ELV, FR2, "counter-removed", "page-counter"),
    fails(ELV, FR1, "dateline", "unaltered-text"),
    fails(ELV, ES1, "appended-paragraph", "unaltered-text"),
    ok(ELV, EN, "related-box"),
    ok(ELV, FR2, "aside-author-box"),
    ok(ELV, ES1, "byline-above-headline"),
    # substack-post
    fails(SUB, EN, "edited-word", "page-counter", "unaltered-text"),
    fails(SUB, EN, "counter-removed", "page-counter"),
    fails(SUB, FR1, "dropped-author", "author-credit", "page-counter"),
    fails(SUB, ES1, "intro-paragraph", "page-counter", "unaltered-text"),
    fails(SUB, ES1, "appended-paragraph", "page-counter", "unaltered-text"),
    fails(SUB, EN, "wrong-back-link", "page-counter", "source-link"),
    fails(SUB, FR1, "licence-words-removed", "licence-notice", "page-counter"),
    fails(SUB, EN, "attribution-hidden-hidden", "licence-notice", "page-counter", "source-link"),
    fails(SUB, FR2, "related-box", "page-counter"),
    fails(SUB, EN, "byline-above-headline", "page-counter"),
    # wp-soledad
    fails(SOL, EN, "edited-word", "unaltered-text"),
    fails(SOL, EN, "intro-paragraph", "unaltered-text"),
    fails(SOL, FR2, "intro-naming-author", "unaltered-text"),
    fails(SOL, ES2, "note-naming-tc-above-button", "unaltered-text"),
    fails(SOL, ES2, "dateline", "unaltered-text"),
    fails(SOL, EN, "counter-removed", "page-counter"),
    fails(SOL, FR1, "dropped-author", "author-credit"),
    fails(SOL, ES1, "appended-paragraph", "unaltered-text"),
    ok(SOL, ES1, "related-box"),
    ok(SOL, ES2, "newsletter-box"),
    ok(SOL, EN, "aside-author-box"),
    ok(SOL, FR1, "wpml-post-translations"),
    ok(SOL, FR2, "byline-above-headline"),
    fails(SOL, EN, "attribution-hidden-hidden", "licence-notice", "source-link"),
    # Substack's editor blocks: the subscribe widget, the "Share" and "Leave a comment"
    # buttons are the platform's furniture; an edited word beside them, or the writer's own
    # paragraph above the widget, is still added or changed text
    *(fails(SUB, original, f"substack-{which}-{where}", "page-counter")
      for which, where, original in (
          ("subscribe", "between", EN), ("subscribe", "after", FR1), ("subscribe", "end", ES2),
          ("share", "between", FR2), ("share", "after", ES1), ("share", "end", EN),
          ("comment", "between", ES2), ("comment", "after", EN), ("comment", "end", FR1))),
    fails(SUB, EN, "substack-subscribe-between-edited", "page-counter", "unaltered-text"),
    fails(SUB, FR2, "substack-subscribe-between-edited", "page-counter", "unaltered-text"),
    fails(SUB, ES1, "substack-share-end-edited", "page-counter", "unaltered-text"),
    fails(SUB, FR1, "substack-note-by-widget", "page-counter", "unaltered-text"),
    fails(SUB, ES2, "substack-note-by-widget", "page-counter", "unaltered-text"),
)


# The eleventh round (red-team-findings.md, F96-F98): the guards on each platform (an edited
# word, the counter removed, an author dropped, an intro, a paragraph appended), the ways
# aggregators credit the provider and the author, their boxes, extracts and paywalls, and the
# print view's footnotes, on the platforms and on the corpus's themes.
ELEVENTH_ROUND: tuple[Case, ...] = (
    *(case for k, layout in enumerate(ELEVENTH_ROUND_PLATFORMS) for case in (
        fails(layout, ORIGINALS[k % 5], "edited-word", "unaltered-text"),
        fails(layout, ORIGINALS[(k + 1) % 5], "counter-removed", "page-counter"),
        fails(layout, (FR1, ES1)[k % 2], "dropped-author", "author-credit"),
        fails(layout, ORIGINALS[(k + 3) % 5], "intro-paragraph", "unaltered-text"),
        fails(layout, ORIGINALS[(k + 4) % 5], "appended-paragraph", "unaltered-text"))),
    # F96: The Conversation's partner ending is its credit; without the licence named, it
    # fails licence-notice alone; "Provided by The Conversation" is a credit line
    *(fails(layout, EN, "partner-ending", "licence-notice") for layout in (YAH, APN, MSN, TT1,
                                                                           GHO, WPP)),
    *(ok(layout, EN, "partner-ending-cc") for layout in (YAH, APN, NBK, DRU, SFR, WPP, AMP)),
    *(fails(layout, original, "provided-by", "licence-notice")
      for layout, original in ((MSN, EN), (NBK, FR1), (YAH, FR2), (FFR, ES1), (TT4, ES2),
                               (ARC, EN), (PRS, FR1))),
    fails(YAH, EN, "partner-ending-cc-edited", "unaltered-text"),
    fails(APN, EN, "partner-ending-note", "unaltered-text"),
    fails(TT1, EN, "partner-ending-note", "unaltered-text"),
    fails(MSN, FR1, "provided-by-edited", "licence-notice", "unaltered-text"),
    fails(NBK, ES2, "provided-by-note", "licence-notice", "unaltered-text"),
    fails(GP, FR2, "provided-by-note", "licence-notice", "unaltered-text"),
    # F97: a list of other articles of The Conversation under its heading, a video player
    # between paragraphs
    *(ok(layout, original, "more-from-tc")
      for layout, original in ((YAH, EN), (MSN, FR1), (INK, FR2), (TT1, ES1), (GHO, ES2),
                               (NPR, EN), (BLX, FR1))),
    *(ok(layout, original, "related-video-between")
      for layout, original in ((YAH, FR1), (MSN, EN), (APN, ES1), (AST, FR2), (ARC, ES2),
                               (JNW, EN), (SFR, FR2))),
    fails(YAH, FR2, "more-from-tc-edited", "unaltered-text"),
    fails(MSN, ES1, "related-video-between-edited", "unaltered-text"),
    fails(TT5, EN, "more-from-tc-edited", "unaltered-text"),
    # F98: a print view's footnote marks after links, and its printed list of addresses
    *(ok(layout, original, "print-footnotes")
      for layout, original in ((TT1, EN), (GHO, FR1), (DRU, FR2), (SFR, ES1), (NEWS, ES2))),
    fails(WPP, FR1, "print-footnotes-edited", "unaltered-text"),
    fails(TT1, EN, "print-footnotes-edited", "unaltered-text"),
    *(fails(layout, original, "footnote-mark-typed", "unaltered-text")
      for layout, original in ((TT1, EN), (WPP, FR1), (GHO, ES1))),
    # decisions: the byline as aggregators print it, the author only in JSON-LD, extracts
    # with "Continue reading on The Conversation", the platforms' consent banner and paywall
    *(ok(layout, original, "provider-byline-linked")
      for layout, original in ((YAH, EN), (MSN, FR1), (TT1, ES1))),
    *(fails(layout, original, "provider-byline-unlinked", "author-credit")
      for layout, original in ((YAH, EN), (NBK, FR1), (GP, ES2))),
    *(ok(layout, original, "institution-own-line")
      for layout, original in ((MSN, EN), (NBK, FR1), (INK, ES1), (OWP, FR2))),
    *(fails(layout, original, "byline-jsonld-only", "author-credit")
      for layout, original in ((YAH, EN), (MSN, FR2), (APN, ES2), (TT5, FR1))),
    *(ok(layout, original, "provider-logo-top")
      for layout, original in ((YAH, EN), (NBK, ES1))),
    *(ok(layout, original, "extract-continue-reading")
      for layout, original in ((NBK, EN), (YAH, FR1), (MSN, FR2), (TT1, ES2), (GHO, ES1))),
    *(fails(layout, original, "extract-continue-reading-bare", "licence-notice")
      for layout, original in ((NBK, EN), (YAH, FR1), (TT4, ES2))),
    fails(MSN, ES1, "extract-continue-reading-bare", "author-credit", "licence-notice"),
    *(fails(layout, original, "extract-continue-platform", "unaltered-text")
      for layout, original in ((NBK, EN), (MSN, FR2), (AST, ES1))),
    *(fails(layout, original, "extract-cut-mid-paragraph", "unaltered-text")
      for layout, original in ((NBK, FR1), (YAH, ES2), (TT1, EN))),
    *(ok(layout, original, "consent-banner-top")
      for layout, original in ((YAH, ES2), (INK, EN), (TT20, FR1))),
    *(ok(layout, original, "soft-paywall")
      for layout, original in ((YAH, EN), (PRS, FR2), (NEV, ES2))),
    *(fails(layout, original, "paywall-hidden-rest", "licence-notice", "source-link",
            "unaltered-text")
      for layout, original in ((INK, EN), (MSN, FR1), (TT1, ES2))),
)


# The ninth round (red-team-findings.md, F67-): F67, the original's unlicensed picture named
# for previews in JSON-LD (Yoast's and Rank Math's schema graph), microdata, <link
# rel="image_src"> or <meta name="thumbnail"> fails images, at The Conversation's address or
# uploaded; a licensed one passes. F68, a theme's licence line giving the post another
# licence (Chirpy's, Stack's, rel="license", all rights reserved, the head's <link
# rel="license">) fails licence-notice alone; a site-wide line qualified "unless otherwise
# noted" (NexT's, Pressbooks-style) passes; an edited word beside either still fails
# unaltered-text, and the attribution line dropped still fails licence-notice. F69, a house
# style's typography (the modifier letter apostrophe, typed dashes, primes, the acute accent
# for the apostrophe) passes; a word changed under it fails.
NINTH_ROUND: tuple[Case, ...] = (
    *(fails(layout, original, f"licence-line-{which}", "licence-notice")
      for which, pages in (
          ("chirpy", ((TT1, EN), (GHO, FR1), (PAP, ES1), (DRU, FR2), (AMP, ES2), (NEV, EN))),
          ("stack", ((PAP, EN), (AST, FR2), (TT20, ES1), (GSR, FR1), (NEWS, ES2))),
          ("rel-license", ((GP, EN), (KAD, FR1), (DIG, ES2), (BLG, FR2))),
          ("all-rights", ((NSP, EN), (CMG, FR2), (JOO, ES1), (WFL, FR1))))
      for layout, original in pages),
    *(fails(layout, original, "licence-link-head", "licence-notice")
      for layout, original in ((TT1, FR1), (GHO, EN), (SQS, ES2), (DIV, FR2))),
    *(ok(layout, original, f"licence-line-{which}")
      for which, pages in (
          ("next", ((PAP, EN), (TT1, FR1), (GHO, ES1), (DRU, FR2), (NEWS, ES2), (ELE, EN))),
          ("site-wide", ((AST, EN), (GSR, FR1), (TT20, ES2), (OWP, FR2), (AMP, ES1))))
      for layout, original in pages),
    *(fails(layout, original, f"licence-line-{which}-edited", *rules)
      for which, rules, pages in (
          ("next", ("unaltered-text",), ((PAP, EN), (TT1, FR1), (GHO, ES1))),
          ("site-wide", ("unaltered-text",), ((AST, FR2), (DRU, ES2))),
          ("chirpy", ("unaltered-text", "licence-notice"), ((NEV, ES1), (GSR, EN))))
      for layout, original in pages),
    *(fails(layout, original, f"licence-line-{which}-no-attribution", "licence-notice",
            "source-link")
      for which, pages in (("next", ((PAP, FR1), (TT1, ES1))),
                           ("site-wide", ((GHO, EN), (TT20, FR2))))
      for layout, original in pages),
    *(ok(layout, original, f"typography-{style}")
      for style, pages in (
          ("modifier-apostrophe", ((TT1, EN), (GHO, FR1), (DRU, FR2), (NEWS, EN), (TXT, FR1),
                                   (PAP, FR2))),
          ("typed-dashes", ((AST, EN), (NEWS, FR1), (TXT, FR2), (SQS, ES2), (AMP, EN))),
          ("primes", ((GP, EN), (KAD, ES1), (TT20, FR1))),
          ("acute-apostrophe", ((NEV, EN), (BLG, FR1), (WFL, FR2))))
      for layout, original in pages),
    *(fails(layout, original, f"typography-{style}-edited", "unaltered-text")
      for style, pages in (("modifier-apostrophe", ((TT1, EN), (GHO, FR1), (TXT, FR2))),
                           ("typed-dashes", ((NEWS, EN), (DRU, FR1), (SQS, ES2))))
      for layout, original in pages),
    *(fails(layout, original, f"preview-{shape}-unlicensed", "images")
      for shape, pages in (
          ("yoast-graph", ((TT1, EN), (GHO, FR1), (AST, EN), (NSP, FR1), (AMP, EN))),
          ("rankmath-graph", ((GP, FR1), (KAD, EN), (TT20, FR1), (DRU, EN))),
          ("microdata", ((NPR, EN), (NEV, FR1), (ELE, EN), (DIV, FR1))),
          ("link-and-thumbnail", ((OWP, EN), (JOO, FR1), (SQS, EN), (PAP, FR1))))
      for layout, original in pages),
    *(fails(layout, original, f"preview-{shape}-uploaded", "images")
      for shape, pages in (
          ("yoast-graph", ((TT4, FR1), (CMG, EN))),
          ("rankmath-graph", ((TT5, EN), (WFL, FR1))),
          ("microdata", ((NPR, FR1),)),
          ("link-and-thumbnail", ((GSR, EN),)))
      for layout, original in pages),
    *(ok(layout, original, f"preview-{shape}-licensed")
      for shape, pages in (
          ("yoast-graph", ((TT1, ES1), (GHO, ES2))),
          ("rankmath-graph", ((AST, ES2), (KAD, FR1))),
          ("microdata", ((NPR, EN), (DRU, ES1))),
          ("link-and-thumbnail", ((GHL, FR1), (TT20, EN))))
      for layout, original in pages),
)


# The tenth round (red-team-findings.md, F84): a house style's quotation marks and
# apostrophes (a British style's single quotes, single guillemets with narrow no-break
# spaces, low-9 quotes, a typewriter's ``…'', straight single quotes, the grave accent and
# the turned comma for the apostrophe, wp-Typography's hanging-quote spans, an apostrophe
# after an <em>; on the headline too) pass; a word changed inside a restyled quotation, the
# quotation marks removed or added, an apostrophe or a negation dropped still fail.
TENTH_ROUND: tuple[Case, ...] = (
    *(ok(layout, original, f"typography-{style}")
      for style, pages in (
          ("british-quotes", ((TT1, EN), (GHO, FR2), (DRU, ES1), (TXT, FR1), (NEWS, EN),
                              (BLX, FR1))),
          ("single-guillemets", ((AST, FR2), (PAP, EN), (AMP, ES1), (ARC, FR1))),
          ("low-9-quotes", ((GP, ES1), (KAD, FR1), (TT20, EN))),
          ("typed-quote-pairs", ((NEV, EN), (SQS, FR2), (TXT, ES1))),
          ("straight-single-quotes", ((OWP, FR1), (BLG, EN), (JNW, ES1))),
          ("grave-apostrophe", ((TT4, EN), (ELE, FR1), (TXT, FR2), (WFL, FR2))),
          ("turned-comma-apostrophe", ((TT5, FR1), (NSP, EN), (GSR, FR2))),
          ("hanging-quotes", ((AST, EN), (DIV, FR2), (CMG, ES1))),
          ("apostrophe-after-em", ((GHL, FR1), (NPR, EN), (JOO, FR2))))
      for layout, original in pages),
    *(ok(layout, EN, f"typography-headline-{style}-apostrophe")
      for style, layout in (("grave", TT1), ("turned-comma", GHO), ("straight", KAD))),
    fails(AST, EN, "typography-headline-apostrophe-dropped", "unaltered-title"),
    fails(DRU, EN, "typography-headline-apostrophe-dropped", "unaltered-title"),
    *(fails(layout, original, f"typography-{style}-edited", "unaltered-text")
      for style, pages in (("british-quotes", ((TT1, EN), (GHO, FR2))),
                           ("single-guillemets", ((AST, FR1), (NEWS, ES1))),
                           ("grave-apostrophe", ((TXT, FR1), (PAP, EN))),
                           ("typed-quote-pairs", ((BLX, EN),)))
      for layout, original in pages),
    *(fails(layout, original, f"typography-{style}-{edit}", "unaltered-text")
      for style, edit, pages in (
          ("british-quotes", "quoted-word", ((TT1, EN), (DRU, ES1), (TXT, FR2))),
          ("single-guillemets", "quoted-word", ((GHO, FR1), (AMP, EN))),
          ("british-quotes", "unquoted", ((KAD, EN), (NEWS, FR2), (ARC, ES1))),
          ("single-guillemets", "unquoted", ((TT4, FR1),)),
          ("british-quotes", "quoted", ((GP, EN), (SQS, ES1))),
          ("single-guillemets", "quoted", ((NEV, FR2), (TXT, FR1))),
          ("grave-apostrophe", "apostrophe-dropped", ((AST, EN), (ELE, FR2), (JNW, FR1))),
          ("british-quotes", "negation-dropped", ((OWP, EN), (BLG, ES1))),
          ("grave-apostrophe", "negation-dropped", ((TT5, FR2), (GSR, FR1))))
      for layout, original in pages),
)


# The tenth round's false passes (red-team-findings.md, F89-): a defect the checker called
# compliant. F89: words of the article repeated after its span (a paragraph pasted twice, one
# set again after the end, the opening repeated there) were passed over as the original's
# own; the disclosure moved and a second copy of the whole article still pass.
FALSE_PASSES: tuple[Case, ...] = (
    *(fails(layout, original, edit, "unaltered-text")
      for edit, pages in (
          ("repeated-paragraph-end", ((TT1, EN), (GP, FR1), (DRU, FR2), (NEWS, ES1),
                                      (TXT, ES2), (ARC, EN), (SOL, FR1))),
          ("repeated-last-paragraph", ((AST, EN), (GHO, FR1), (KAD, FR2), (BLG, FR2),
                                       (NSP, FR1), (AMP, EN))),
          ("repeated-sentence-end", ((TT5, EN), (OWP, FR1), (JKM, FR2), (D7, ES1),
                                     (ELE, ES2))),
          ("repeated-opening-end", ((TT4, EN), (NPR, FR1), (GSR, FR2), (BLX, ES1),
                                    (CMG, ES2), (TXT, EN))))
      for layout, original in pages),
    ok(TT1, EN, "disclosure-above"), ok(GP, FR1, "disclosure-above"),
    ok(DRU, FR2, "disclosure-above"), ok(NEWS, EN, "disclosure-above"),
    ok(GHO, FR1, "disclosure-above"), ok(TT1, FR1, "copy-after"), ok(GP, EN, "copy-after"),
    ok(KAD, ES2, "copy-after"), ok(DRU, FR2, "copy-after"),
)

# The eleventh round's held-out layouts (red-team-findings.md, F93-F95). Their as-pasted
# cases come with every layout (CASES's first lines); here the edits judged wrongly before
# the fixes, with the verdict those edits' cases give on the classic WordPress themes, edits
# of other kinds as guards (right before on the layouts that were not streamed), and the
# frameworks' own markup: the counter through next/image, React's text-node separators.
ELEVENTH_ROUND_LAYOUTS: tuple[Case, ...] = (
    # next-app-streamed: every page was "drawn by its scripts" before F93
    ok(NXA, FR1, "body-classes"), ok(NXA, ES2, "aside-author-box"),
    ok(NXA, EN, "related-box"), ok(NXA, FR2, "byline-above-headline"),
    ok(NXA, ES1, "ad-between-paragraphs"), ok(NXA, EN, "wpml-post-translations"),
    fails(NXA, EN, "edited-word", "unaltered-text"),
    fails(NXA, FR1, "edited-word", "unaltered-text"),
    fails(NXA, ES2, "intro-paragraph", "unaltered-text"),
    fails(NXA, FR2, "appended-paragraph", "unaltered-text"),
    fails(NXA, ES1, "dateline", "unaltered-text"),
    fails(NXA, FR1, "dropped-author", "author-credit"),
    fails(NXA, ES2, "byline-removed", "author-credit"),
    fails(NXA, EN, "institution-dropped", "institution-credit"),
    fails(NXA, FR2, "counter-removed", "page-counter"),
    fails(NXA, EN, "counter-lazy-plugin", "page-counter"),
    fails(NXA, ES1, "wrong-back-link", "source-link"),
    fails(NXA, FR1, "licence-words-removed", "licence-notice"),
    fails(NXA, EN, "attribution-hidden-hidden", "licence-notice", "source-link"),
    fails(NXA, EN, "rewritten-headline", "unaltered-title"),
    fails(NXA, EN, "getty-image-kept", "images"),
    fails(NXA, FR2, "script-added", "safe-html"),
    fails(NXA, ES2, "hidden-copy-display-none", "unaltered-text"),
    # next-pages-wordpress: the counter's markup in __NEXT_DATA__ was taken for a counter a
    # script holds, and the JSON-LD in its content for words its scripts draw (F94)
    fails(NXP, EN, "counter-cdn", "page-counter"),
    fails(NXP, ES1, "counter-cdn", "page-counter"),
    fails(NXP, ES2, "counter-cdn", "page-counter"),
    fails(NXP, EN, "counter-in-noscript", "page-counter"),
    fails(NXP, FR1, "counter-in-noscript", "page-counter"),
    fails(NXP, EN, "partial-render-json-ld", "licence-notice", "page-counter", "source-link",
          "unaltered-text"),
    fails(NXP, FR1, "partial-render-json-ld", "licence-notice", "page-counter",
          "source-link", "unaltered-text"),
    _case(NXP, EN, "partial-render-next-data", NOT_CHECKABLE),
    fails(NXP, FR2, "edited-word", "unaltered-text"),
    fails(NXP, ES1, "counter-removed", "page-counter"),
    fails(NXP, FR1, "dropped-author", "author-credit"),
    fails(NXP, ES2, "appended-paragraph", "unaltered-text"),
    ok(NXP, FR1, "related-box"), ok(NXP, ES1, "headline-only-in-title"),
    # gatsby-wordpress: gatsby-plugin-image's pictures (faded in by its script, a blurred
    # placeholder, a <noscript> copy) are the original's, kept or removed as pasted
    fails(GTS, EN, "getty-image-kept", "images"),
    fails(GTS, FR1, "edited-word", "unaltered-text"),
    fails(GTS, ES1, "dropped-author", "author-credit"),
    fails(GTS, FR2, "counter-removed", "page-counter"),
    fails(GTS, ES1, "appended-paragraph", "unaltered-text"),
    fails(GTS, EN, "counter-lazy-plugin", "page-counter"),
    ok(GTS, FR2, "aside-author-box"), ok(GTS, EN, "block-editor-images"),
    # nuxt-storyblok, astro-blog, sveltekit-sanity
    fails(NUX, EN, "edited-word", "unaltered-text"),
    fails(NUX, ES1, "dropped-author", "author-credit"),
    fails(NUX, ES1, "counter-removed", "page-counter"),
    fails(NUX, FR1, "appended-paragraph", "unaltered-text"),
    _case(NUX, EN, "partial-render-nuxt", NOT_CHECKABLE),
    fails(ASTRO, ES2, "edited-word", "unaltered-text"),
    fails(ASTRO, FR1, "dropped-author", "author-credit"),
    fails(ASTRO, FR1, "counter-removed", "page-counter"),
    fails(ASTRO, FR2, "intro-paragraph", "unaltered-text"),
    fails(SVK, FR1, "edited-word", "unaltered-text"),
    fails(SVK, ES1, "dropped-author", "author-credit"),
    fails(SVK, EN, "counter-removed", "page-counter"),
    fails(SVK, ES2, "appended-paragraph", "unaltered-text"),
    fails(SVK, FR2, "attribution-hidden-font-size-0", "licence-notice", "source-link"),
    # the frameworks' own markup, on each layout: the counter through next/image's optimiser
    # (fetched once by the server, no reader's view counted) or lazy (its default) fails;
    # with priority it passes; React's "<!-- -->" between a paragraph's text nodes is no
    # edit, a word changed beside it is
    *(fails(layout, original, "counter-next-image", "page-counter")
      for layout, original in ((NXP, EN), (NXA, FR1), (GTS, ES2), (SVK, FR2))),
    *(fails(layout, original, "counter-next-image-unoptimized", "page-counter")
      for layout, original in ((NXP, ES1), (NXA, EN))),
    *(ok(layout, original, "counter-next-image-priority")
      for layout, original in ((NXP, FR2), (NXA, ES2), (ASTRO, EN))),
    *(ok(layout, original, "react-text-nodes")
      for layout, original in ((NXP, EN), (NXA, FR1), (NXA, ES1), (GTS, FR2), (NUX, ES2),
                               (ASTRO, FR1), (SVK, EN))),
    *(fails(layout, original, "react-text-nodes-edited", "unaltered-text")
      for layout, original in ((NXP, FR1), (NXA, EN), (NXA, ES2), (GTS, ES1), (SVK, FR2))),
)

# The eleventh round's: pasted through an editor (red-team-findings.md, F90-F92). The code
# pasted from Word or Google Docs, or its pictures left by a classic editor without their
# caption shortcode, keeps the words, credits, link back and counter: it passes. F90: a
# picture whose caption became the next paragraph (or the picture's own, after a <br>) was
# "without its credit beside it"; F92: the counter copied to another address by the paste
# or an upload failed page-counter and was judged an uncredited picture too. One thing
# wrong in the pasted markup (a word, an author, the counter's copy, a caption's licence, the
# publisher's own uncredited picture) still fails its one rule. F91 (a list's markers typed
# as text) has no case here: no original of the corpus holds a list
# (tests/test_check_pasted.py).
ELEVENTH_ROUND_PASTED: tuple[Case, ...] = (
    *(ok(layout, original, edit)
      for edit, pages in (
          ("paste-word", ((TT1, EN), (GP, FR1), (DRU, ES1), (GHO, FR2), (KAD, ES2), (NSP, EN),
                          (BLX, FR1), (SQS, ES2), (AVA, EN), (JKM, FR2), (NEWS, ES1))),
          ("paste-docs", ((AST, EN), (TT4, FR1), (D7, ES1), (GHL, FR2), (ELE, ES2), (ARC, EN),
                          (WFL, FR1), (NEV, ES1))),
          ("paste-docs-wrapped-links", ((OWP, EN), (TT5, FR1), (JOO, ES2))),
          ("paste-pictures-next", ((TT1, EN), (CMG, FR1), (DRU, ES1), (BLX, EN), (SOL, ES2),
                                   (TT20, FR1), (AMP, ES1))),
          ("paste-pictures-next-unlinked", ((AST, EN), (NPR, FR1), (PAP, ES2))),
          ("paste-pictures-same", ((GP, EN), (KAD, FR1), (D7, ES1), (ELV, ES2))))
      for layout, original in pages),
    *(fails(layout, original, edit, *rules)
      for edit, rules, pages in (
          ("paste-word-counter-copy", ("page-counter",),
           ((TT1, FR1), (AST, ES1), (GHO, EN), (BLX, ES2))),
          ("paste-docs-counter-copy", ("page-counter",), ((GP, EN), (DRU, FR2), (NSP, ES2))),
          ("paste-counter-media-library", ("page-counter",),
           ((TT1, EN), (KAD, FR1), (TT5, ES1), (JNW, FR2))),
          ("paste-word-edited-word", ("unaltered-text",),
           ((TT4, EN), (OWP, FR1), (JKM, ES1), (ARC, FR2))),
          ("paste-docs-edited-word", ("unaltered-text",), ((TT1, ES2), (CMG, EN), (GHL, FR1))),
          ("paste-word-dropped-author", ("author-credit",), ((GP, FR1), (NSP, ES1))),
          ("paste-docs-dropped-author", ("author-credit",), ((TT5, ES1), (DRU, FR1))),
          ("paste-pictures-edited-word", ("unaltered-text",), ((NSP, EN), (GP, FR1))),
          ("paste-pictures-counter-removed", ("page-counter",), ((AST, ES2), (DRU, EN))),
          ("paste-pictures-licence-dropped", ("images", "unaltered-text"),
           ((TT1, EN), (KAD, FR1))),
          ("paste-own-picture-uncredited", ("images",), ((TT1, EN), (GHO, FR1), (BLG, ES1))))
      for layout, original in pages),
)

CASES: tuple[Case, ...] = (
    # Every layout with every original's code pasted as it comes: compliant (plain text:
    # nothing fails, but counter, images and markup cannot be checked).
    *(ok(layout, original) for layout in LAYOUTS for original in ORIGINALS
      if layout not in ALWAYS_FAILS),
    *(_case(layout, original, None, NOT_COMPLIANT, *rules)
      for layout, rules in ALWAYS_FAILS.items() for original in ORIGINALS),
    fails(TT1, ES2, AS_RECORDED, "page-counter"),
    fails(GHO, ES2, AS_RECORDED, "page-counter"),

    # --- must pass ---------------------------------------------------------------------------
    ok(TT1, EN, "body-classes"), ok(OWP, FR1, "body-classes"), ok(GP, ES1, "body-classes"),
    ok(TT4, FR2, "body-classes"), ok(DRU, ES2, "body-classes"),
    ok(AST, EN, "wrapper-classes"), ok(TT5, FR1, "wrapper-classes"),
    ok(GHO, ES1, "wrapper-classes"),
    ok(TT1, ES1, "shared-institution-parens"), ok(DRU, ES1, "shared-institution-parens"),
    ok(NEWS, ES1, "shared-institution-parens"),
    ok(AST, ES1, "shared-institution-comma"), ok(TT5, ES1, "shared-institution-comma"),
    ok(AMP, ES1, "shared-institution-comma"),
    ok(TT1, EN, "aside-author-box"), ok(GP, FR1, "aside-author-box"),
    ok(GHO, ES2, "aside-author-box"), ok(TT4, ES1, "aside-author-box"),
    ok(TT1, FR2, "footer-author-box"), ok(OWP, EN, "footer-author-box"),
    ok(DRU, FR1, "footer-author-box"),
    ok(AST, FR1, "byline-above-headline"), ok(TT5, EN, "byline-above-headline"),
    ok(DRU, ES1, "byline-above-headline"), ok(AMP, FR2, "byline-above-headline"),
    ok(GP, EN, "ad-between-paragraphs"), ok(OWP, ES2, "ad-between-paragraphs"),
    ok(TT4, FR1, "ad-between-paragraphs"), ok(AMP, EN, "ad-between-paragraphs"),
    ok(TT1, FR1, "newsletter-box"), ok(GHO, EN, "newsletter-box"),
    ok(TT5, ES2, "newsletter-box"),
    ok(AST, FR2, "related-box"), ok(DRU, EN, "related-box"), ok(TT4, ES1, "related-box"),
    ok(GP, EN, "related-tc-article"), ok(TT5, FR2, "related-tc-article"),
    ok(NEWS, ES2, "related-tc-article"),
    ok(TT1, FR1, "tc-promo-removed"), ok(GHO, FR1, "tc-promo-removed"),
    ok(AMP, FR1, "tc-promo-removed"), ok(TXT, FR1, "tc-promo-removed"),
    ok(TT4, FR1, "tc-promo-kept"), ok(TXT, FR1, "tc-promo-kept"),
    ok(AST, EN, "straight-typography"), ok(OWP, FR1, "straight-typography"),
    ok(TT4, ES1, "straight-typography"),
    ok(TT4, EN, "gutenberg-blocks"), ok(TT5, FR2, "gutenberg-blocks"),
    ok(TT1, ES2, "gutenberg-blocks"),
    ok(GP, FR2, "links-new-tab"), ok(DRU, ES1, "links-new-tab"),
    ok(TT4, EN, "block-editor-images"), ok(TT5, FR1, "block-editor-images"),
    ok(TT1, ES2, "block-editor-images"),
    ok(GHO, EN, "ghost-image-cards"), ok(GHO, FR1, "ghost-image-cards"),
    ok(GHO, ES1, "ghost-image-cards"),
    ok(TT1, EN, "hidden-furniture"), ok(OWP, ES1, "hidden-furniture"),
    ok(TT1, EN, "licence-unlinked"), ok(GHO, FR2, "licence-unlinked"),
    ok(AST, EN, "extract"), ok(NEWS, FR1, "extract"), ok(DRU, ES2, "extract"),
    ok(TT1, EN, "headline-only-in-title"), ok(GP, FR1, "headline-only-in-title"),
    ok(TT4, ES2, "headline-only-in-title"),
    ok(TT1, FR2, "counter-decoding-async"), ok(AST, ES1, "counter-decoding-async"),
    ok(TT5, EN, "nested-within-limit"), ok(GHO, ES2, "nested-within-limit"),
    ok(DIG, EN, "body-classes"), ok(DIG, FR1, "related-box"), ok(DIG, ES1, "gutenberg-blocks"),

    # --- must fail ---------------------------------------------------------------------------
    fails(TT1, EN, "edited-word", "unaltered-text"),
    fails(GHO, FR2, "edited-word", "unaltered-text"),
    fails(AMP, ES2, "edited-word", "unaltered-text"),
    fails(TXT, ES1, "edited-word", "unaltered-text"),
    fails(DIG, FR2, "edited-word", "unaltered-text"),
    fails(DIG, ES2, "rewritten-headline", "unaltered-title"),
    fails(DIG, EN, "counter-removed", "page-counter"),
    fails(DIG, ES1, "byline-removed", "author-credit"),
    fails(OWP, EN, "edited-hyphenated-word", "unaltered-text"),
    fails(TT4, FR1, "edited-hyphenated-word", "unaltered-text"),
    fails(NEWS, ES1, "edited-hyphenated-word", "unaltered-text"),
    fails(GP, FR2, "inserted-sentence", "unaltered-text"),
    fails(GHO, ES1, "inserted-sentence", "unaltered-text"),
    fails(TT1, ES1, "shared-institution-missing", "institution-credit"),
    fails(AMP, ES1, "shared-institution-missing", "institution-credit"),
    fails(AST, EN, "dateline", "unaltered-text"), fails(OWP, FR1, "dateline", "unaltered-text"),
    fails(TT5, ES2, "dateline", "unaltered-text"), fails(TXT, FR2, "dateline", "unaltered-text"),
    fails(GP, EN, "intro-paragraph", "unaltered-text"),
    fails(DRU, FR2, "intro-paragraph", "unaltered-text"),
    fails(TT4, ES1, "intro-paragraph", "unaltered-text"),
    fails(TT1, FR1, "appended-sentence", "unaltered-text"),
    fails(GHO, EN, "appended-sentence", "unaltered-text"),
    fails(NEWS, ES2, "appended-sentence", "unaltered-text"),
    fails(TXT, EN, "appended-sentence", "unaltered-text"),
    fails(AST, ES1, "appended-paragraph", "unaltered-text"),
    fails(TT5, EN, "appended-paragraph", "unaltered-text"),
    fails(AMP, FR2, "appended-paragraph", "unaltered-text"),
    fails(OWP, EN, "cut-paragraph", "unaltered-text"),
    fails(DRU, ES2, "cut-paragraph", "unaltered-text"),
    fails(GP, FR1, "extract-without-link", "unaltered-text"),
    fails(TT4, ES2, "extract-without-link", "unaltered-text"),
    fails(TT1, EN, "reworded-end", "unaltered-text"),
    fails(GHO, FR1, "reworded-end", "unaltered-text"),
    fails(TT1, EN, "rewritten-headline", "unaltered-title"),
    fails(AST, FR1, "rewritten-headline", "unaltered-title"),
    fails(OWP, ES1, "rewritten-headline", "unaltered-title"),
    fails(GHO, FR2, "rewritten-headline", "unaltered-title"),
    fails(TT5, ES2, "rewritten-headline", "unaltered-title"),
    fails(GP, EN, "rewritten-everywhere", "unaltered-title"),
    fails(DRU, FR1, "rewritten-everywhere", "unaltered-title"),
    fails(TT4, FR1, "dropped-author", "author-credit"),
    fails(GHO, ES1, "dropped-author", "author-credit"),
    fails(TXT, FR1, "dropped-author", "author-credit"),
    fails(AST, EN, "byline-removed", "author-credit"),
    fails(AMP, ES2, "byline-removed", "author-credit"),
    fails(TT1, FR2, "profile-unlinked", "author-credit"),
    fails(DRU, ES1, "profile-unlinked", "author-credit"),
    fails(GP, EN, "near-miss-name", "author-credit"),
    fails(OWP, FR1, "near-miss-name", "author-credit"),
    fails(NEWS, ES2, "near-miss-name", "author-credit"),
    fails(TT5, EN, "institution-dropped", "institution-credit"),
    fails(GHO, FR2, "institution-dropped", "institution-credit"),
    fails(TT4, ES2, "institution-dropped", "institution-credit"),
    fails(TT1, EN, "counter-removed", "page-counter"),
    fails(DRU, ES1, "counter-removed", "page-counter"),
    fails(AMP, FR1, "counter-removed", "page-counter"),
    fails(AST, FR2, "counter-other-article", "page-counter"),
    fails(AMP, EN, "counter-other-article", "page-counter"),
    fails(GP, ES2, "counter-twice", "page-counter"),
    fails(TT5, FR1, "counter-twice", "page-counter"),
    fails(TT1, EN, "counter-lazy-plugin", "page-counter"),
    fails(OWP, FR2, "counter-lazy-plugin", "page-counter"),
    fails(AST, ES1, "counter-lazy-plugin", "page-counter"),
    fails(GP, FR1, "counter-in-noscript", "page-counter"),
    fails(TT4, EN, "counter-in-noscript", "page-counter"),
    fails(TT1, ES2, "counter-cdn", "page-counter"),
    fails(TT5, EN, "counter-cdn", "page-counter"),
    fails(GHO, FR1, "counter-loading-lazy", "page-counter"),
    fails(TT1, EN, "wrong-back-link", "source-link"),
    fails(DRU, FR2, "wrong-back-link", "source-link"),
    fails(AMP, ES1, "wrong-back-link", "source-link"),
    fails(TXT, EN, "wrong-back-link", "source-link"),
    fails(GP, FR2, "attribution-removed", "source-link", "licence-notice"),
    fails(NEWS, EN, "attribution-removed", "source-link", "licence-notice"),
    fails(TT1, EN, "licence-words-removed", "licence-notice"),
    fails(AST, EN, "licence-words-removed", "licence-notice"),
    fails(TT4, FR1, "licence-words-removed", "licence-notice"),
    fails(TXT, EN, "licence-words-removed", "licence-notice"),
    fails(OWP, EN, "cc-by-licence", "licence-notice"),
    fails(TT5, FR2, "cc-by-licence", "licence-notice"),
    fails(AMP, FR1, "cc-by-licence", "licence-notice"),
    fails(TT1, FR1, "script-added", "safe-html"),
    fails(GHO, ES2, "script-added", "safe-html"),
    fails(DRU, EN, "handler-added", "safe-html"),
    fails(AST, EN, "getty-image-kept", "images"),
    fails(AMP, EN, "getty-image-kept", "images"),
    fails(TT1, EN, "hidden-copy-display-none", "unaltered-text"),
    fails(GP, FR1, "hidden-copy-hidden-attribute", "unaltered-text"),
    fails(TT4, ES1, "hidden-copy-aria-hidden", "unaltered-text"),
    fails(DRU, FR2, "hidden-copy-zero-size", "unaltered-text"),
    fails(AST, EN, "hidden-credit", "author-credit"),
    fails(TT5, ES2, "hidden-credit", "author-credit"),
    # a credit out of sight: kept for search engines or screen readers only
    fails(TT1, EN, "credit-clip", "author-credit"),
    fails(DIV, FR1, "credit-clip", "author-credit"),
    fails(GHO, ES1, "credit-offset", "author-credit"),
    fails(KAD, FR2, "credit-offset", "author-credit"),
    fails(SQS, ES2, "credit-indent", "author-credit"),
    fails(D7, EN, "credit-indent", "author-credit"),
    fails(PAP, FR1, "credit-transparent", "author-credit"),
    fails(ELE, ES2, "credit-transparent", "author-credit"),
    fails(AST, FR2, "credit-tiny", "author-credit"),
    fails(JOO, ES1, "credit-tiny", "author-credit"),
    # a subtitle under the headline: the standfirst passes, the publisher's dek is added
    # text, and a rewritten headline over it fails on the headline
    ok(GSR, EN, "subtitle-standfirst"), ok(PAP, FR1, "subtitle-standfirst"),
    ok(WFL, FR2, "subtitle-standfirst"),
    ok(AST, EN, "heading-block-standfirst"), ok(GP, FR1, "heading-block-standfirst"),
    ok(TT5, FR2, "heading-block-standfirst"), ok(NPR, EN, "heading-block-standfirst"),
    ok(DIV, FR1, "heading-block-standfirst"), ok(OWP, FR2, "heading-block-standfirst"),
    ok(BLG, EN, "heading-block-standfirst"), ok(AVA, FR1, "heading-block-standfirst"),
    fails(GSR, ES1, "subtitle-dek", "unaltered-text"),
    fails(WFL, EN, "subtitle-dek", "unaltered-text"),
    fails(TT4, EN, "heading-block-dek", "unaltered-text"),
    fails(DRU, FR1, "heading-block-dek", "unaltered-text"),
    fails(KAD, ES2, "heading-block-dek", "unaltered-text"),
    fails(BLG, FR2, "heading-block-dek", "unaltered-text"),
    fails(JOO, ES1, "heading-block-dek", "unaltered-text"),
    fails(ELE, FR2, "heading-block-standfirst-edited", "unaltered-text"),
    fails(GP, EN, "heading-block-standfirst-edited", "unaltered-text"),
    fails(PAP, EN, "subtitle-rewritten-headline", "unaltered-title"),
    fails(AST, FR2, "heading-block-rewritten-headline", "unaltered-title"),
    fails(D7, FR1, "heading-block-rewritten-headline", "unaltered-title"),
    # a table of contents of the article's own headings is furniture; one hiding the
    # publisher's words is not
    ok(AST, EN, "toc-easy-table-of-contents"), ok(TT5, FR1, "toc-easy-table-of-contents"),
    ok(KAD, ES1, "toc-easy-table-of-contents"), ok(GP, FR2, "toc-table-of-contents-plus"),
    ok(OWP, ES2, "toc-table-of-contents-plus"), ok(DRU, EN, "toc-rank-math"),
    ok(NPR, FR1, "toc-rank-math"), ok(ELE, FR2, "toc-yoast"), ok(DIV, ES1, "toc-yoast"),
    ok(GSR, EN, "toc-easy-table-of-contents"), ok(JOO, FR2, "toc-table-of-contents-plus"),
    fails(TT1, FR1, "toc-reworded-entry", "unaltered-text"),
    fails(AVA, EN, "toc-reworded-entry", "unaltered-text"),
    fails(BLG, ES2, "toc-reworded-entry", "unaltered-text"),
    fails(WFL, FR2, "toc-pitch", "unaltered-text"),
    fails(TT4, ES1, "toc-pitch", "unaltered-text"),
    # a player reading the article aloud (text-to-speech) is the publisher's box
    ok(AST, FR1, "audio-player-trinity"), ok(GP, EN, "audio-player-trinity"),
    ok(NPR, ES2, "audio-player-trinity"), ok(KAD, FR2, "audio-player-trinity"),
    ok(DIV, EN, "audio-player-trinity"), ok(TT5, ES1, "audio-listen-box"),
    ok(DRU, FR2, "audio-listen-box"), ok(GHO, EN, "audio-listen-box"),
    # a heading's permalink ("#", "¶", "§", "🔗") is the page's navigation
    ok(PAP, EN, "permalink-hash"), ok(TT1, FR1, "permalink-pilcrow"),
    ok(GP, ES1, "permalink-section-sign"), ok(GHO, FR2, "permalink-link-emoji"),
    ok(DRU, ES2, "permalink-hash-spaced"), ok(AST, EN, "permalink-pilcrow"),
    # a credit line dated, or in English beside the Spanish code's own line
    ok(GHO, EN, "dated-credit-line"), ok(TT4, FR1, "dated-credit-line"),
    ok(KAD, ES2, "dated-credit-line"), ok(AST, ES1, "english-credit-line"),
    ok(DRU, ES2, "english-credit-line"), ok(WFL, ES1, "english-credit-line"),
    # a short note about the article over a sign-up button is no newsletter box
    fails(TT5, EN, "note-naming-author-above-button", "unaltered-text"),
    fails(GP, FR1, "note-naming-author-above-button", "unaltered-text"),
    fails(KAD, ES2, "note-naming-tc-above-button", "unaltered-text"),
    fails(AST, FR2, "note-naming-tc-above-button", "unaltered-text"),
    # what plugins print into the post's content: post meta lines, buttons and donation
    # prompts are furniture; a note about the article, a dated dateline or an update
    # sentence are not
    ok(TT1, EN, "plugin-post-views-top"), ok(KAD, FR2, "plugin-post-views-top"),
    ok(GP, ES1, "plugin-post-views-end"), ok(AVA, FR1, "plugin-post-views-end"),
    ok(AST, FR1, "plugin-reading-time-wp"), ok(ELE, ES2, "plugin-reading-time-wp"),
    ok(NPR, EN, "plugin-reading-time-wp"), ok(OWP, ES1, "plugin-yoast-reading-time"),
    ok(TT5, EN, "plugin-yoast-reading-time"), ok(DIV, FR2, "plugin-last-modified"),
    ok(TT4, ES2, "plugin-last-modified"), ok(GHO, EN, "plugin-last-modified-schema"),
    ok(KAD, EN, "plugin-print-friendly"), ok(DRU, FR1, "plugin-print-friendly"),
    ok(AST, ES2, "plugin-jetpack-sharing"), ok(TT1, FR2, "plugin-jetpack-sharing"),
    ok(GP, EN, "plugin-jetpack-sharing"), ok(TT5, FR1, "plugin-newspack-donate"),
    ok(NPR, ES1, "plugin-newspack-donate"), ok(TT4, EN, "plugin-donate-group"),
    ok(KAD, ES2, "plugin-donate-group"), ok(JOO, FR2, "plugin-donate-group"),
    fails(TT1, EN, "plugin-newspack-donate-naming-author", "unaltered-text"),
    fails(GP, FR1, "plugin-newspack-donate-naming-author", "unaltered-text"),
    fails(ELE, ES2, "plugin-newspack-donate-naming-author", "unaltered-text"),
    fails(AST, EN, "plugin-dated-dateline-paragraph", "unaltered-text"),
    fails(DIV, ES1, "plugin-dated-dateline-paragraph", "unaltered-text"),
    fails(OWP, FR2, "plugin-update-note", "unaltered-text"),
    fails(TT5, EN, "plugin-update-note", "unaltered-text"),
    fails(KAD, FR1, "plugin-short-update", "unaltered-text"),
    fails(GHO, ES2, "plugin-short-update", "unaltered-text"),
    fails(NSP, EN, "plugin-short-update", "unaltered-text"),
    # the original's pictures served by an image CDN or uploaded to the publisher's site are
    # still the original's: with their credits they pass, an unlicensed one as the featured
    # image fails
    ok(TT1, EN, "pictures-photon"), ok(GP, FR1, "pictures-photon"),
    ok(KAD, ES2, "pictures-photon"), ok(AST, EN, "pictures-uploaded"),
    ok(OWP, FR1, "pictures-uploaded"), ok(TT5, ES1, "pictures-uploaded"),
    fails(TT1, EN, "featured-unlicensed-photon", "images"),
    fails(NPR, FR1, "featured-unlicensed-photon", "images"),
    fails(AVA, EN, "featured-unlicensed-nextjs", "images"),
    fails(WFL, FR1, "featured-unlicensed-nextjs", "images"),
    fails(GP, EN, "featured-unlicensed-wsrv", "images"),
    fails(AST, EN, "featured-unlicensed-uploaded", "images"),
    fails(KAD, FR1, "featured-unlicensed-uploaded", "images"),
    # the counter without its size attributes shows at its own 1×1; a style stretching it
    # resizes it
    ok(TT1, EN, "counter-size-stripped"), ok(DRU, FR1, "counter-size-stripped"),
    ok(GHO, ES1, "counter-size-stripped"), ok(JOO, FR2, "counter-size-in-style"),
    ok(AST, ES2, "counter-size-in-style"),
    fails(GP, EN, "counter-stretched-by-style", "page-counter"),
    fails(KAD, ES1, "counter-stretched-by-style", "page-counter"),
    # Newspack, a newsroom's theme: its prompts, its inline tags line before a note
    ok(NSP, EN, "plugin-newspack-donate"), ok(NSP, FR2, "plugin-jetpack-sharing"),
    ok(NSP, ES1, "newsletter-box"), ok(NSP, FR1, "subtitle-standfirst"),
    ok(NSP, ES2, "plugin-reading-time-wp"),
    fails(NSP, EN, "plugin-newspack-donate-naming-author", "unaltered-text"),
    fails(NSP, FR1, "note-after-body", "unaltered-text"),
    fails(NSP, EN, "note-after-tags", "unaltered-text"),
    fails(TT1, FR2, "note-after-tags", "unaltered-text"),
    fails(KAD, ES1, "note-after-tags", "unaltered-text"),
    fails(GHO, EN, "note-after-tags", "unaltered-text"),
    fails(NSP, ES2, "edited-word", "unaltered-text"),
    fails(NSP, FR1, "dropped-author", "author-credit"),
    fails(NSP, ES1, "counter-removed", "page-counter"),
    ok(CMG, EN, "plugin-post-views-top"), ok(CMG, FR1, "toc-easy-table-of-contents"),
    ok(CMG, ES2, "ad-between-paragraphs"), ok(CMG, FR2, "aside-author-box"),
    fails(CMG, EN, "intro-paragraph", "unaltered-text"),
    fails(CMG, FR2, "note-after-tags", "unaltered-text"),
    fails(CMG, ES1, "institution-dropped", "institution-credit"),
    fails(CMG, EN, "getty-image-kept", "images"),
    ok(GHL, EN, "ghost-bookmark-card"), ok(GHL, FR2, "ghost-header-card"),
    ok(GHL, ES1, "ghost-image-cards"), ok(GHL, FR1, "ghost-excerpt-standfirst"),
    fails(GHL, EN, "ghost-callout-after", "unaltered-text"),
    fails(GHL, ES2, "ghost-excerpt-note", "unaltered-text"),
    fails(GHL, FR2, "rewritten-headline", "unaltered-title"),
    fails(GHL, FR1, "counter-cdn", "page-counter"),
    # a page's data in a script no browser runs is no script of the article's
    ok(GHO, ES2, "json-ld-after-content"), ok(GHO, ES2, "next-data"),
    ok(TT1, EN, "json-ld-after-content"), ok(NSP, FR1, "json-ld-after-content"),
    ok(PAP, ES1, "next-data"), ok(WFL, FR2, "next-data"),
    # a theme's or plugin's script at the top or end of the post's content stands outside
    # the article and its credit; between the pasted byline, body and credit it is added
    ok(TT1, ES2, "fb-sdk-top"), ok(GP, ES1, "fb-sdk-top"), ok(JOO, ES2, "fb-sdk-top"),
    ok(KAD, EN, "fb-sdk-top-byline-moved"), ok(NSP, FR1, "fb-sdk-top-byline-moved"),
    ok(GHO, ES1, "fb-sdk-top-byline-moved"), ok(AST, FR2, "fb-sdk-top-byline-moved"),
    ok(TT4, ES2, "fb-sdk-end"), ok(BLG, ES2, "fb-sdk-end"), ok(WFL, EN, "fb-sdk-end"),
    ok(DRU, ES2, "taboola-end"), ok(TT5, ES2, "taboola-end"), ok(OWP, EN, "taboola-end"),
    ok(ELE, ES2, "outbrain-end"), ok(CMG, FR2, "outbrain-end"), ok(PAP, ES2, "outbrain-end"),
    ok(TT1, FR1, "gtranslate-top"), ok(GP, ES2, "gtranslate-top"), ok(KAD, EN, "gtranslate-end"),
    ok(AST, ES1, "gtranslate-end"), ok(NSP, FR2, "gtranslate-end"),
    fails(TT1, EN, "fb-sdk-after-byline", "safe-html"),
    fails(GP, ES2, "fb-sdk-after-byline", "safe-html"),
    fails(KAD, FR1, "fb-sdk-before-credit", "safe-html"),
    fails(DRU, ES2, "fb-sdk-before-credit", "safe-html"),
    fails(NSP, EN, "fb-sdk-before-credit", "safe-html"),
    fails(GHL, ES1, "fb-sdk-before-credit", "safe-html"),
    # characters no reader sees (a typography plugin's, a word processor's) are no edit
    ok(TT1, EN, "invisible-characters"), ok(GP, FR1, "invisible-characters"),
    ok(GHO, ES1, "invisible-characters"), ok(DRU, FR2, "invisible-characters"),
    ok(NSP, ES2, "invisible-characters"), ok(AMP, EN, "invisible-characters"),
    fails(AST, EN, "invisible-characters-edited", "unaltered-text"),
    fails(KAD, FR1, "invisible-characters-edited", "unaltered-text"),
    fails(SQS, ES2, "invisible-characters-edited", "unaltered-text"),
    # a pull quote of the article's own words, word for word, is layout; one reworded is text
    ok(TT1, EN, "pull-quote-block"), ok(GP, FR1, "pull-quote-block"),
    ok(TT5, ES1, "pull-quote-block"), ok(AST, FR2, "pull-quote-aside"),
    ok(NSP, ES2, "pull-quote-aside"), ok(KAD, EN, "pull-quote-aside"),
    fails(TT4, EN, "pull-quote-altered", "unaltered-text"),
    fails(OWP, FR1, "pull-quote-altered", "unaltered-text"),
    fails(DRU, ES2, "pull-quote-altered", "unaltered-text"),
    # a label of the related links' list before a link to another article of The Conversation
    ok(TT1, EN, "read-next-tc"), ok(KAD, FR1, "read-next-tc"), ok(GHO, ES2, "read-next-tc"),
    # a control holding a heading is the heading: its words are the article's
    ok(AST, EN, "accordion-headings"), ok(GP, FR1, "accordion-headings"),
    ok(DRU, FR2, "accordion-headings"),
    # a Substack post's buttons: "Share" and "Subscribe now" are the publication's
    ok(NEWS, EN, "substack-share-between"), ok(NEWS, FR1, "substack-share-end"),
    ok(GHO, ES1, "substack-share-between"), ok(TT1, FR2, "substack-share-end"),
    ok(NEWS, ES2, "substack-subscribe-end"),
    fails(NEWS, EN, "share-note-between", "unaltered-text"),
    fails(GP, FR1, "share-note-between", "unaltered-text"),
    # the rest of the article folded behind a control: its short label is the interface
    ok(TT1, EN, "folded-details"), ok(GP, FR1, "folded-details"), ok(GHO, ES1, "folded-details"),
    ok(KAD, EN, "folded-button"), ok(NSP, FR2, "folded-button"), ok(DRU, ES2, "folded-button"),
    fails(AST, EN, "folded-details-sentence", "unaltered-text"),
    fails(TT5, FR1, "folded-details-sentence", "unaltered-text"),
    fails(OWP, ES1, "folded-button-sentence", "unaltered-text"),
    fails(ELE, EN, "folded-button-sentence", "unaltered-text"),
    # text in a screen-reader-only class a theme or plugin names its own way: never seen
    ok(TT1, EN, "new-tab-notes-visuallyhidden"), ok(GP, FR1, "new-tab-notes-assistive-text"),
    ok(NSP, ES1, "new-tab-notes-u-screen-reader-text"), ok(GHO, FR2, "new-tab-notes-sr-text"),
    ok(KAD, ES2, "new-tab-notes-visuallyhidden"),
    fails(AST, EN, "credit-read-aloud", "author-credit"),
    fails(DRU, FR1, "credit-read-aloud", "author-credit"),
    # a counter a consent manager holds until the reader consents: not every view counted
    fails(TT1, EN, "counter-consent-cookiebot", "page-counter"),
    fails(KAD, FR1, "counter-consent-cookiebot", "page-counter"),
    fails(GP, ES2, "counter-consent-complianz", "page-counter"),
    fails(AST, FR2, "counter-consent-complianz", "page-counter"),
    fails(DRU, EN, "counter-consent-iubenda", "page-counter"),
    fails(GHO, ES1, "counter-consent-iubenda", "page-counter"),
    fails(TT4, FR1, "counter-consent-borlabs", "page-counter"),
    fails(NSP, ES2, "counter-consent-borlabs", "page-counter"),
    # an attribution line, or a script, in markup hidden from readers: no credit, still code
    fails(TT1, EN, "attribution-hidden-hidden", "source-link", "licence-notice"),
    fails(GP, FR1, "attribution-hidden-sr-only", "source-link", "licence-notice"),
    fails(KAD, FR2, "attribution-hidden-font-size-0", "source-link", "licence-notice"),
    fails(GHO, EN, "attribution-hidden-offscreen", "source-link", "licence-notice"),
    fails(ELE, FR1, "attribution-hidden-hidden", "source-link", "licence-notice"),
    fails(NSP, EN, "attribution-hidden-offscreen", "source-link", "licence-notice"),
    fails(DRU, ES2, "attribution-hidden-sr-only", "source-link", "licence-notice"),
    fails(AST, ES1, "attribution-hidden-font-size-0", "source-link", "licence-notice"),
    ok(TT1, FR1, "pixel-in-noscript"), ok(GHO, ES2, "pixel-in-noscript"),
    fails(TT5, EN, "script-in-hidden-box", "safe-html"),
    fails(WFL, FR2, "script-in-hidden-box", "safe-html"),
    fails(JOO, ES1, "script-in-hidden-box", "safe-html"),
    _case(TT1, EN, "deep-nesting", NOT_CHECKABLE),
    _case(GHO, FR1, "deep-nesting", NOT_CHECKABLE),
    _case(DRU, ES1, "deep-nesting", NOT_CHECKABLE),
    # pictures that are not the original's (F33-F35): the publisher's own with its caption
    # and credit, between paragraphs or above the first words, is judged by `images`
    # wherever it stands, its caption no text of the article; The Conversation's logo with
    # the credit is part of the credit; Drupal's placeholder for a removed image is no picture
    ok(TT4, EN, "publisher-picture-block-between"), ok(TT5, FR1, "publisher-picture-block-between"),
    ok(AST, ES1, "publisher-picture-block-between"),
    ok(KAD, FR2, "publisher-picture-block-between"),
    ok(TT5, EN, "publisher-picture-block-top"), ok(TT4, ES2, "publisher-picture-block-top"),
    ok(GP, FR1, "publisher-picture-block-top"), ok(NSP, FR2, "publisher-picture-block-top"),
    ok(TT1, FR1, "publisher-picture-classic-between"),
    ok(OWP, EN, "publisher-picture-classic-between"),
    ok(NPR, ES2, "publisher-picture-classic-between"),
    ok(AST, FR2, "publisher-picture-classic-top"), ok(KAD, EN, "publisher-picture-classic-top"),
    ok(CMG, ES1, "publisher-picture-classic-top"),
    ok(DRU, EN, "publisher-picture-drupal-between"),
    ok(D7, FR1, "publisher-picture-drupal-between"),
    ok(DRU, ES2, "publisher-picture-drupal-between"),
    ok(D7, ES1, "publisher-picture-drupal-top"), ok(DRU, FR2, "publisher-picture-drupal-top"),
    ok(D7, EN, "publisher-picture-drupal-top"),
    ok(GHO, FR1, "publisher-picture-ghost-between"), ok(GSR, EN, "publisher-picture-ghost-between"),
    ok(GHL, ES1, "publisher-picture-ghost-between"),
    ok(GHL, EN, "publisher-picture-ghost-top"), ok(GHO, ES2, "publisher-picture-ghost-top"),
    ok(GSR, FR2, "publisher-picture-ghost-top"),
    ok(ELE, EN, "publisher-picture-public-domain"), ok(DIV, FR1, "publisher-picture-public-domain"),
    ok(AVA, ES2, "publisher-picture-public-domain"),
    ok(TT1, EN, "tc-logo-attribution"), ok(GP, FR1, "tc-logo-attribution"),
    ok(DRU, ES1, "tc-logo-attribution"), ok(GHO, FR2, "tc-logo-attribution"),
    ok(AMP, ES2, "tc-logo-attribution"),
    ok(AST, EN, "tc-logo-partnership"), ok(TT5, FR2, "tc-logo-partnership"),
    ok(KAD, ES2, "tc-logo-partnership"), ok(JOO, FR1, "tc-logo-partnership"),
    ok(TT1, EN, "author-box-in-content"), ok(KAD, FR1, "author-box-in-content"),
    ok(AST, ES2, "author-box-in-content"),
    ok(OWP, EN, "tc-logo-uploaded"), ok(NPR, FR1, "tc-logo-uploaded"),
    ok(TT4, ES1, "tc-logo-uploaded"),
    fails(TT1, EN, "publisher-picture-agency-between", "images"),
    fails(GP, FR1, "publisher-picture-agency-between", "images"),
    fails(DRU, ES1, "publisher-picture-agency-between", "images"),
    fails(AST, EN, "publisher-picture-agency-top", "images"),
    fails(TT5, FR2, "publisher-picture-agency-top", "images"),
    fails(GHO, ES2, "publisher-picture-agency-top", "images"),
    fails(D7, FR1, "publisher-picture-agency-top", "images"),
    fails(DRU, EN, "publisher-picture-uncredited-top", "images"),
    fails(D7, ES1, "publisher-picture-uncredited-top", "images"),
    fails(TT1, EN, "picture-licence-only", "licence-notice"),
    fails(GHO, FR1, "picture-licence-only", "licence-notice"),
    fails(DRU, FR2, "picture-licence-only", "licence-notice"),
    fails(TT1, EN, "original-picture-above", "images"),
    fails(KAD, FR1, "original-picture-above", "images"),
    fails(GHO, EN, "original-picture-above", "images"),
    fails(TT4, EN, "picture-quoting-edited", "unaltered-text"),
    fails(DRU, FR1, "picture-quoting-edited", "unaltered-text"),
    fails(GP, ES1, "picture-quoting-edited", "unaltered-text"),
    fails(GHO, FR2, "picture-quoting-edited", "unaltered-text"),
    fails(AST, ES2, "picture-quoting-edited", "unaltered-text"),
    fails(TT1, EN, "original-caption-edited", "unaltered-text"),
    fails(NPR, FR1, "original-caption-edited", "unaltered-text"),
    fails(GHO, ES1, "original-caption-edited", "unaltered-text"),
    fails(DRU, ES2, "original-caption-edited", "unaltered-text"),
    fails(TT1, FR1, "tc-logo-alone", "images"), fails(GHO, EN, "tc-logo-alone", "images"),
    fails(TT1, EN, "tc-linked-unlicensed", "images"),
    fails(AST, FR1, "tc-linked-unlicensed", "images"),
    fails(GHO, EN, "tc-linked-unlicensed", "images"),
    *(fails(DRU, o, "drupal-images-removed", "page-counter") for o in ORIGINALS),
    fails(D7, EN, "drupal-images-removed", "page-counter"),
    fails(D7, FR1, "drupal-images-removed", "page-counter"),
    # a picture's caption is its picture's (red-team-findings.md, F49-F51): its licence in
    # words is no notice of the article's (F49)
    fails(TT4, EN, "caption-licence-only-block-top", "licence-notice"),
    fails(GP, FR1, "caption-licence-only-block-after", "licence-notice"),
    fails(AST, ES1, "caption-licence-only-block-end", "licence-notice"),
    fails(TT1, FR2, "caption-licence-only-classic-top", "licence-notice"),
    fails(KAD, ES2, "caption-licence-only-classic-after", "licence-notice"),
    fails(NPR, EN, "caption-licence-only-classic-end", "licence-notice"),
    fails(DRU, FR1, "caption-licence-only-drupal-top", "licence-notice"),
    fails(D7, ES2, "caption-licence-only-drupal-after", "licence-notice"),
    fails(DRU, EN, "caption-licence-only-drupal-end", "licence-notice"),
    fails(GHO, ES1, "caption-licence-only-ghost-top", "licence-notice"),
    fails(GSR, FR2, "caption-licence-only-ghost-after", "licence-notice"),
    fails(GHL, EN, "caption-licence-only-ghost-end", "licence-notice"),
    fails(ELE, EN, "caption-licence-only-block-top", "licence-notice"),
    fails(BLG, FR1, "caption-licence-only-classic-top", "licence-notice"),
    fails(AMP, ES2, "caption-licence-only-block-after", "licence-notice"),
    fails(NEWS, EN, "caption-licence-only-block-end", "licence-notice"),
    fails(TT5, EN, "caption-licence-named-top", "licence-notice"),
    fails(CMG, FR1, "caption-licence-named-after", "licence-notice"),
    fails(JOO, FR2, "caption-licence-named-top", "licence-notice"),
    ok(TT4, EN, "publisher-picture-cc-words-top"), ok(GP, FR1, "publisher-picture-cc-words-after"),
    ok(AST, ES1, "publisher-picture-cc-words-end"), ok(KAD, ES2, "publisher-picture-cc-words-top"),
    ok(TT1, EN, "tc-logo-figure-attribution"), ok(GHO, FR1, "tc-logo-figure-attribution"),
    ok(DRU, ES2, "tc-logo-figure-attribution"), ok(NSP, FR2, "tc-logo-figure-attribution"),
    # pictures without a caption (F51): the original's unlicensed picture uploaded under
    # another name is known by its alt text, above the headline, at the top of the content or
    # after it; a theme's featured image and the publisher's own bare picture there are the
    # page's
    fails(TT1, EN, "original-renamed-wordpress-before", "images"),
    fails(KAD, FR1, "original-renamed-wordpress-top", "images"),
    fails(GP, FR1, "original-renamed-generatepress-top", "images"),
    fails(AST, EN, "original-renamed-generatepress-before", "images"),
    fails(GHO, EN, "original-renamed-ghost-before", "images"),
    fails(GSR, FR1, "original-renamed-ghost-top", "images"),
    fails(NSP, EN, "original-renamed-bare-top", "images"),
    fails(DRU, FR1, "original-renamed-bare-end", "images"),
    fails(BLG, EN, "original-renamed-bare-top", "images"),
    fails(TT5, FR1, "original-renamed-wordpress-end", "images"),
    ok(TT1, FR2, "featured-wordpress-before"), ok(DRU, EN, "featured-wordpress-top"),
    ok(NSP, FR1, "featured-wordpress-top"), ok(CMG, ES1, "featured-wordpress-end"),
    ok(GP, ES1, "featured-generatepress-top"), ok(OWP, FR2, "featured-generatepress-before"),
    ok(GHO, ES2, "featured-ghost-before"), ok(GSR, EN, "featured-ghost-top"),
    ok(GHL, FR1, "featured-ghost-end"), ok(AST, FR1, "featured-bare-top"),
    ok(KAD, ES2, "featured-bare-end"), ok(ELE, ES1, "featured-bare-top"),
    ok(BLG, EN, "featured-bare-top"), ok(D7, FR2, "featured-bare-top"),
    ok(TT4, EN, "featured-bare-end"),
    # a caption holds its picture's credit and description (F50): a note, an update, a
    # comment on the article, a sentence of it edited, in a caption, are added text
    fails(TT1, EN, "caption-note-block-top", "unaltered-text"),
    fails(GP, FR1, "caption-note-classic-between", "unaltered-text"),
    fails(DRU, ES1, "caption-note-drupal-after", "unaltered-text"),
    fails(GHO, FR2, "caption-note-ghost-top", "unaltered-text"),
    fails(ELE, ES2, "caption-note-block-between", "unaltered-text"),
    fails(AST, EN, "caption-update-classic-top", "unaltered-text"),
    fails(NSP, FR1, "caption-update-block-after", "unaltered-text"),
    fails(D7, ES2, "caption-update-drupal-between", "unaltered-text"),
    fails(GSR, EN, "caption-update-ghost-after", "unaltered-text"),
    fails(KAD, FR2, "caption-comment-block-top", "unaltered-text"),
    fails(TT4, ES1, "caption-comment-classic-after", "unaltered-text"),
    fails(BLG, EN, "caption-comment-classic-between", "unaltered-text"),
    fails(GHL, FR1, "caption-comment-ghost-top", "unaltered-text"),
    fails(TT5, EN, "caption-edited-block-top", "unaltered-text"),
    fails(OWP, FR1, "caption-edited-classic-between", "unaltered-text"),
    fails(DRU, FR2, "caption-edited-drupal-after", "unaltered-text"),
    fails(GHO, ES1, "caption-edited-ghost-top", "unaltered-text"),
    fails(CMG, ES2, "caption-edited-block-after", "unaltered-text"),
    fails(AMP, EN, "caption-edited-block-between", "unaltered-text"),
    ok(TT1, EN, "caption-described-0-top"), ok(GP, FR1, "caption-described-0-between"),
    ok(DRU, ES1, "caption-described-0-after"), ok(GHO, EN, "caption-described-1-top"),
    ok(AST, FR2, "caption-described-1-between"), ok(KAD, ES2, "caption-described-1-after"),
    ok(NSP, EN, "caption-described-2-top"), ok(D7, FR1, "caption-described-2-between"),
    ok(ELE, ES1, "caption-described-2-after"),
    # boxes plugins print after the post's content (red-team-findings.md, F31/F32): an author
    # box of the article's author or of the staff who posted it, ratings, a "Was this
    # helpful?" widget, emoji reactions, a series' links; the publisher's words in or beside
    # them, and an author box standing in for the byline, still fail
    ok(TT1, EN, "plugin-box-simple-author-box"), ok(AST, FR1, "plugin-box-simple-author-box"),
    ok(NSP, ES2, "plugin-box-simple-author-box"),
    ok(GP, FR2, "plugin-box-simple-author-box-staff"),
    ok(TT4, ES1, "plugin-box-simple-author-box-staff"),
    ok(KAD, EN, "plugin-box-simple-author-box-staff"),
    ok(OWP, EN, "plugin-box-molongui"), ok(TT5, FR1, "plugin-box-molongui"),
    ok(NPR, ES2, "plugin-box-molongui-staff"), ok(CMG, FR2, "plugin-box-molongui-staff"),
    ok(TT1, FR2, "plugin-box-starbox"), ok(GP, ES1, "plugin-box-starbox"),
    ok(ELE, EN, "plugin-box-starbox"), ok(AST, ES2, "plugin-box-starbox-staff"),
    ok(OWP, FR1, "plugin-box-starbox-staff"), ok(TT5, EN, "plugin-box-starbox-staff"),
    ok(TT4, FR2, "plugin-box-publishpress-authors"),
    ok(CMG, EN, "plugin-box-publishpress-authors"),
    ok(KAD, ES1, "plugin-box-publishpress-authors-staff"),
    fails(TT1, EN, "plugin-box-molongui-edited-bio", "unaltered-text"),
    fails(KAD, FR1, "plugin-box-molongui-edited-bio", "unaltered-text"),
    fails(NSP, ES2, "plugin-box-molongui-edited-bio", "unaltered-text"),
    fails(AST, EN, "plugin-box-staff-for-byline", "author-credit"),
    fails(TT4, FR2, "plugin-box-staff-for-byline", "author-credit"),
    fails(GP, ES1, "plugin-box-staff-for-byline", "author-credit"),
    fails(OWP, FR1, "plugin-box-author-for-byline", "author-credit"),
    fails(CMG, EN, "plugin-box-author-for-byline", "author-credit"),
    # author boxes with no markup of a person (F54): an avatar, the name of the article's
    # author or of whom the page shows as having posted it, a short bio
    ok(TT1, EN, "plugin-box-sab-legacy"), ok(AST, FR1, "plugin-box-sab-legacy"),
    ok(GP, ES2, "plugin-box-sab-legacy"), ok(KAD, FR2, "plugin-box-sab-legacy-unlinked"),
    ok(NSP, ES1, "plugin-box-sab-legacy-unlinked"), ok(OWP, EN, "plugin-box-sab-legacy-unlinked"),
    ok(TT4, FR1, "plugin-box-sab-legacy-unlinked"), ok(TT5, ES2, "plugin-box-sab-legacy-staff"),
    ok(CMG, EN, "plugin-box-sab-legacy-staff"), ok(DRU, FR1, "plugin-box-sab-legacy-staff"),
    ok(NPR, EN, "plugin-box-fancier"), ok(TT1, ES1, "plugin-box-fancier"),
    ok(AST, FR2, "plugin-box-fancier-staff"), ok(TT4, EN, "plugin-box-media-text"),
    ok(TT5, FR1, "plugin-box-media-text"), ok(GP, ES1, "plugin-box-media-text"),
    ok(NSP, FR2, "plugin-box-media-text"), ok(KAD, ES2, "plugin-box-media-text-staff"),
    ok(OWP, FR1, "plugin-box-media-text-staff"), ok(TT1, EN, "plugin-box-media-text-staff"),
    ok(ELE, EN, "plugin-box-elementor-image-box"), ok(ELE, FR2, "plugin-box-elementor-image-box"),
    ok(ELE, ES1, "plugin-box-elementor-image-box"),
    ok(ELE, FR1, "plugin-box-elementor-image-box-staff"),
    ok(ELE, ES2, "plugin-box-elementor-image-box-staff"),
    fails(TT1, EN, "plugin-box-fancier-edited-bio", "unaltered-text"),
    fails(GP, FR1, "plugin-box-fancier-edited-bio", "unaltered-text"),
    fails(NSP, ES2, "plugin-box-fancier-edited-bio", "unaltered-text"),
    fails(AST, EN, "plugin-box-sab-legacy-stranger", "unaltered-text"),
    fails(KAD, FR2, "plugin-box-sab-legacy-stranger", "unaltered-text"),
    fails(DRU, ES1, "plugin-box-sab-legacy-stranger", "unaltered-text"),
    # its picture, in a figure without caption after the article, is the page's (F51)
    fails(TT4, FR1, "plugin-box-media-text-staff-unposted", "unaltered-text"),
    fails(CMG, ES2, "plugin-box-media-text-staff-unposted", "unaltered-text"),
    fails(OWP, EN, "plugin-box-fancier-with-edited-word", "unaltered-text"),
    fails(TT5, FR2, "plugin-box-fancier-with-edited-word", "unaltered-text"),
    fails(GP, ES1, "plugin-box-fancier-with-edited-word", "unaltered-text"),
    fails(TT1, EN, "plugin-box-legacy-author-for-byline", "author-credit"),
    fails(GHO, FR1, "plugin-box-legacy-author-for-byline", "author-credit"),
    fails(NSP, ES2, "plugin-box-legacy-author-for-byline", "author-credit"),
    ok(TT1, ES1, "plugin-box-kk-star-ratings"), ok(NPR, EN, "plugin-box-kk-star-ratings"),
    ok(TT5, FR2, "plugin-box-kk-star-ratings"), ok(AST, FR1, "plugin-box-kk-star-ratings-unrated"),
    ok(KAD, ES2, "plugin-box-kk-star-ratings-unrated"), ok(GP, EN, "plugin-box-wp-postratings"),
    ok(OWP, ES2, "plugin-box-wp-postratings"), ok(TT4, FR1, "plugin-box-wp-postratings"),
    ok(NSP, FR2, "plugin-box-wp-postratings"), ok(TT1, FR1, "plugin-box-helpful"),
    ok(CMG, ES1, "plugin-box-helpful"), ok(ELE, FR2, "plugin-box-helpful"),
    ok(AST, EN, "plugin-box-helpful"), ok(TT4, EN, "plugin-box-wp-reactions"),
    ok(KAD, FR2, "plugin-box-wp-reactions"), ok(GP, ES2, "plugin-box-wp-reactions"),
    ok(TT5, ES1, "plugin-box-series"), ok(NPR, FR1, "plugin-box-series"),
    ok(OWP, EN, "plugin-box-series"), ok(NSP, EN, "plugin-box-series"),
    fails(TT1, EN, "plugin-box-rating-after-comment", "unaltered-text"),
    fails(GP, FR1, "plugin-box-rating-after-comment", "unaltered-text"),
    fails(KAD, ES2, "plugin-box-rating-after-comment", "unaltered-text"),
    # a box after the article quoting a sentence of the original word for word, the body's
    # copy of it edited: the body is the article (compare._longest), only the edit fails
    fails(AST, EN, "plugin-box-helpful-quoting-original", "unaltered-text"),
    fails(TT4, EN, "plugin-box-helpful-quoting-original", "unaltered-text"),
    fails(NSP, EN, "plugin-box-helpful-quoting-original", "unaltered-text"),
    fails(TT1, FR1, "plugin-box-helpful-quoting-original", "unaltered-text"),
    fails(GP, FR2, "plugin-box-helpful-quoting-original", "unaltered-text"),
    fails(DRU, ES1, "plugin-box-helpful-quoting-original", "unaltered-text"),
    fails(KAD, ES2, "plugin-box-helpful-quoting-original", "unaltered-text"),
    fails(GHO, FR1, "plugin-box-helpful-quoting-original", "unaltered-text"),
    fails(TT1, EN, "plugin-box-tweet-quoting-original", "unaltered-text"),
    fails(OWP, FR1, "plugin-box-tweet-quoting-original", "unaltered-text"),
    fails(TT5, FR2, "plugin-box-tweet-quoting-original", "unaltered-text"),
    fails(NPR, ES1, "plugin-box-tweet-quoting-original", "unaltered-text"),
    fails(CMG, ES2, "plugin-box-tweet-quoting-original", "unaltered-text"),
    *RED_TEAM,
    *RED_TEAM_2,
    *RED_TEAM_3,
    *RED_TEAM_4,
    *SIXTH_ROUND,
    *SEVENTH_ROUND,
    *SEVENTH_ROUND_LAYOUTS,
    *EIGHTH_ROUND,
    *NINTH_ROUND_LAYOUTS,
    *NINTH_ROUND,
    *TENTH_ROUND_LAYOUTS,
    *ELEVENTH_ROUND_LAYOUTS,
    *TENTH_ROUND,
    *FALSE_PASSES,
    *ELEVENTH_ROUND,
    *ELEVENTH_ROUND_PASTED,
)

# Cases the checker judges wrongly today, under the kind each stands for: marked
# xfail(strict=True) by tests/test_corpus.py, so a fix that makes one right turns it red
# until its line is deleted here. CHECKER HELPERS: when your fix lands, delete the lines of
# the cases it makes right (run `python -m tests.corpus` to see which). At the end this set
# must be empty.
KNOWN_WRONG: frozenset[str] = frozenset({
    # theme class on <body>
    # "Related" box between paragraphs
    # house style: block editor markup
    # edited word
    # rewritten headline, original in <title>/og:title
    # missing counter
    # no byline
    # edited word, hyphenated
    # dateline before the first word
    # intro paragraph before the article
    # sentence appended at the end
    # paragraph appended at the end
    # author's name misspelt
    # hidden compliant copy beside an altered one
    # credit only in hidden markup
    # nesting deeper than the parser's limit
})


# The red team's cases the checker judges wrongly today (strict xfails like KNOWN_WRONG, and
# part of it): other themes' and CMSs' instances of issue 9's kinds.
# tests/corpus/red-team-findings.md says why each is wrong. CHECKER HELPERS: delete a line
# here when your fix makes it right.
RED_TEAM_WRONG: frozenset[str] = frozenset({
    # house style: the code split into Elementor widgets
    # publisher's newsletter box between paragraphs
    # byline in per-screen widgets (one hidden per screen)
    # ad between paragraphs
    # house style: figures as Blogger caption tables
    # intro paragraph before the article
    # paragraph appended at the end
    # author's name misspelt
    # nesting deeper than the parser's limit
    # text shown by a script (entrance animation)
    # "Related" box between paragraphs
})
# The second red team's cases judged wrongly (red-team-findings.md, F16-): on layouts and
# blocks no fix was made on. CHECKER HELPERS: delete a line here when your fix makes it right.
RED_TEAM_2_WRONG: frozenset[str] = frozenset()
# The third red team's cases judged wrongly (red-team-findings.md, F20-): Ghost's Source
# theme and its cards, held out from every fix. CHECKER HELPERS: delete a line here when your
# fix makes it right.
RED_TEAM_3_WRONG: frozenset[str] = frozenset()
# The fourth red team's cases judged wrongly (red-team-findings.md, F23-): Avada 7 and a
# Webflow CMS template, held out from every fix. CHECKER HELPERS: delete a line here when your
# fix makes it right.
RED_TEAM_4_WRONG: frozenset[str] = frozenset({
})
# The sixth round's picture cases judged wrongly (red-team-findings.md, F33-F35): pictures
# that are not the original's. CHECKER HELPERS: delete a line here when your fix makes it
# right.
PICTURES_WRONG: frozenset[str] = frozenset()
# The seventh round's held-out layouts' cases judged wrongly (red-team-findings.md, F59-F61).
# CHECKER HELPERS: delete a line here when your fix makes it right.
SEVENTH_ROUND_LAYOUTS_WRONG: frozenset[str] = frozenset()
# The eleventh round's cases judged wrongly (red-team-findings.md, F96-F98): aggregators and
# partner platforms, print and reader views. CHECKER HELPERS: delete a line here when your
# fix makes it right.
ELEVENTH_ROUND_WRONG: frozenset[str] = frozenset()
KNOWN_WRONG = (KNOWN_WRONG | RED_TEAM_WRONG | RED_TEAM_2_WRONG | RED_TEAM_3_WRONG
               | RED_TEAM_4_WRONG | PICTURES_WRONG | SEVENTH_ROUND_LAYOUTS_WRONG
               | ELEVENTH_ROUND_WRONG)


def check_table() -> None:
    """Every case names a known layout, original and edit, once; every known-wrong entry
    names a case."""
    names = originals()
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for c in CASES:
        assert c.layout in LAYOUTS and c.original in names, c.id
        assert c.edit is None or c.edit == AS_RECORDED or c.edit in EDITS, c.id
        assert (c.expected == NOT_COMPLIANT) == bool(c.rules), c.id
    unknown = KNOWN_WRONG - set(ids)
    assert not unknown, f"known-wrong entries that are no case: {sorted(unknown)}"
