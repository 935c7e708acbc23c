"""``audit --report FILE.html``: one self-contained page an editor can send to a colleague.
It needs nothing else (no script, style sheet, font or image from anywhere) and reads in
full with scripts off; when scripts run, its table sorts by any column. Per page the
verdict and the evidence; the failures grouped by rule, the rule failing most pages first,
each with what to fix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from .._version import __version__
from .output import limit_line
from .records import AuditReport, PageAudit, Standing

# What an editor does about each rule (the rules: docs/compliance.md#rules).
FIXES = {
    "licence": "Republish only articles The Conversation publishes under CC BY-ND; an "
               "article under another licence must come down or be licensed separately.",
    "author-credit": "Name every author in the byline exactly as The Conversation does, each "
                     "linked to their profile on The Conversation. The republish code's "
                     "byline does this: paste it whole.",
    "institution-credit": "Name each author's institution beside them, ideally in the "
                          "byline, as The Conversation's republish code does.",
    "source-link": "Link the original article on The Conversation (its canonical URL) in the "
                   "attribution line.",
    "licence-notice": "Keep The Conversation's attribution line for the article's edition "
                      "(\u201cThis article is republished from The Conversation under a "
                      "Creative Commons license\u2026\u201d), with its links.",
    "page-counter": "Keep exactly one page counter for the article, unaltered, 1\u00d71 and "
                    "not lazy-loaded: paste either the Basic or the Advanced republish code, "
                    "never both.",
    "unaltered-text": "Restore the article's text word for word: no cuts, additions or "
                      "changed words (removing unlicensed images, embeds and promos is "
                      "allowed). An extract must stop at the end of a paragraph and link "
                      "the rest.",
    "unaltered-title": "Use The Conversation's headline unchanged.",
    "images": "Remove every image whose credit grants no reuse (wire services, stock "
              "libraries, agencies) together with its caption; keep only Creative Commons, "
              "\u201cAuthor provided\u201d or the authors' own images.",
    "safe-html": "Remove scripts, embeds, forms and event handlers from the article.",
}
_ORDER = {s: i for i, s in enumerate(Standing)}  # worst first

STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
max-width:72rem;padding:1rem 1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px
solid #ccc}h3{font-size:1rem;margin:1rem 0 .25rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ddd}
th button{font:inherit;font-weight:bold;border:0;background:none;padding:0;cursor:pointer}
th button::after{content:" \\2195";color:#888}
td.url{word-break:break-all}
.v{font-weight:bold;white-space:nowrap}.not-compliant{color:#a40000}.compliant{color:#1a6b1a}
.not-checked,.error{color:#7a5a00}
.summary{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;padding:0;list-style:none}
.summary li{border:1px solid #ddd;border-radius:4px;padding:.25rem .75rem}
.fix{background:#f4f7fb;border-left:4px solid #3a6ea5;padding:.5rem .75rem}
.evidence{margin:.25rem 0 .75rem 1rem}.change{font-style:italic}
@media print{th button::after{content:""}}
"""

# Sorting when scripts run: a click on a column's button orders the rows by its cells'
# data-sort (else text); a second click reverses. Without scripts the rows stay worst first.
SCRIPT = """
(function(){var t=document.getElementById('pages');if(!t)return;
var hs=t.tHead.rows[0].cells;for(var i=0;i<hs.length;i++){(function(i){
var b=hs[i].querySelector('button');if(!b)return;b.addEventListener('click',function(){
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows),up=b.dataset.dir!=='asc';
rows.sort(function(x,y){var a=x.cells[i].dataset.sort||x.cells[i].textContent,
c=y.cells[i].dataset.sort||y.cells[i].textContent;
var n=a.localeCompare(c,undefined,{numeric:true});return up?n:-n;});
rows.forEach(function(r){body.appendChild(r);});
for(var k=0;k<hs.length;k++){var o=hs[k].querySelector('button');if(o)o.dataset.dir='';
hs[k].removeAttribute('aria-sort');}
b.dataset.dir=up?'asc':'desc';hs[i].setAttribute('aria-sort',up?'ascending':'descending');
});})(i);}t.dataset.sortable='ready';})();
"""


def render_html(report: AuditReport, *, generated: datetime,
                sources: Sequence[str]) -> str:
    s = report.summary()
    pages = sorted(report.pages, key=lambda p: (_ORDER[p.standing], p.url))
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Licence audit: republications of The Conversation</title>",
        f"<style>{STYLE}</style></head><body>",
        "<header><h1>Licence audit: republications of The Conversation</h1>",
        f"<p>Audited {escape(_when(generated))} by syndication {escape(__version__)}, from "
        + ", ".join(f"<code>{escape(src)}</code>" for src in sources) + ".</p>",
        '<ul class="summary">',
        f"<li><b>{s['pages']}</b> republications</li>",
        f'<li class="compliant"><b>{s["compliant"]}</b> compliant</li>',
        f'<li class="not-compliant"><b>{s["not_compliant"]}</b> not compliant</li>',
        f'<li class="not-checked"><b>{s["not_checked"]}</b> not fully checked</li>',
    ]
    if s["errors"]:
        parts.append(f'<li class="error"><b>{s["errors"]}</b> could not be judged</li>')
    parts.append(f"<li><b>{s['skipped']}</b> other pages skipped</li>")
    if s["unreadable"]:
        parts.append(f"<li><b>{s['unreadable']}</b> unreadable</li>")
    if s["newly_failing"] or s["fixed"]:
        parts.append(f'<li class="change">since the last audit: <b>{s["newly_failing"]}</b> '
                     f'newly failing, <b>{s["fixed"]}</b> fixed</li>')
    parts.append("</ul></header><main>")
    parts += _sources(report)
    parts += _table(pages, report.unreadable)
    parts += _by_rule(pages)
    parts += _unchecked(pages)
    if report.unreadable:
        parts.append('<h2 id="unreadable">Pages that could not be read</h2><ul>')
        parts += [f"<li><a href=\"{escape(u)}\">{escape(u)}</a>: {escape(why)}</li>"
                  for u, why in report.unreadable]
        parts.append("</ul>")
    parts.append(
        "<h2 id=\"verdicts\">What the verdicts mean</h2><dl>"
        "<dt>compliant</dt><dd>Every rule passed.</dd>"
        "<dt>not compliant</dt><dd>A rule failed: the evidence says where, and the rule's "
        "section says what to fix.</dd>"
        "<dt>not checked</dt><dd>No rule failed, but some could not be checked (an article "
        "page of The Conversation states no licence; an original that could not be "
        "fetched).</dd><dt>error</dt><dd>Nothing could be judged.</dd></dl>")
    parts.append(f"</main><script>{SCRIPT}</script></body></html>\n")
    return "\n".join(parts)


def _sources(report: AuditReport) -> list[str]:
    """What each site's address led to, and what was tried that gave nothing; sitemaps left
    out; how many of the pages named were audited (only when there is something to say)."""
    items = []
    for s in report.sources:
        d = s.discovery
        if d is None and not s.notes:
            continue
        head = f"<code>{escape(s.where)}</code>"
        if d is not None:
            if d.site != d.asked:
                head += f" (redirected to <code>{escape(d.site)}</code>)"
            head += (f": <b>{s.pages}</b> pages found from {escape(d.way)}: "
                     + ", ".join(f'<a href="{escape(u)}">{escape(u)}</a>' for u in d.used)
                     if d.way else ": <b>no page found</b>")
        else:
            head += f": <b>{s.pages}</b> pages"
        lines = [f"tried {why}" for why in (d.tried if d is not None else ())]
        lines += list(s.notes)
        items.append(f"<li>{head}" + ("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines)
                                      + "</ul>" if lines else "") + "</li>")
    if report.audited < report.named:
        items.append(f"<li>{escape(limit_line(report))}</li>")
    if not items:
        return []
    return ['<h2 id="sources">Where the pages came from</h2><ul>', *items, "</ul>"]


def _table(pages: Sequence[PageAudit], unreadable: Sequence[tuple[str, str]]) -> list[str]:
    out = ['<h2 id="all">Every page</h2>',
           '<table id="pages"><thead><tr>'
           '<th scope="col"><button type="button">Page</button></th>'
           '<th scope="col"><button type="button">Article</button></th>'
           '<th scope="col"><button type="button">Verdict</button></th>'
           '<th scope="col"><button type="button">Failing rules</button></th>'
           '<th scope="col"><button type="button">Since last audit</button></th>'
           "</tr></thead><tbody>"]
    for p in pages:
        cls = str(p.standing).replace(" ", "-")
        rules = ", ".join(f'<a href="#rule-{r}">{r}</a>' for r in p.failed_rules)
        if not rules and p.unchecked_rules:
            rules = "not checked: " + ", ".join(p.unchecked_rules)
        article = (f"{p.article_id}" + (f"<br><small>{escape(p.title)}</small>" if p.title
                                        else "")) if p.article_id else "?"
        out.append(
            f'<tr class="{cls}"><td class="url"><a href="{escape(p.url)}">{escape(p.url)}</a>'
            f"</td><td data-sort=\"{p.article_id or 0}\">{article}</td>"
            f'<td class="v {cls}" data-sort="{_ORDER[p.standing]}">{escape(str(p.standing))}'
            f"</td><td>{rules}</td><td class=\"change\">{escape(p.change)}</td></tr>")
    for url, why in unreadable:
        out.append(f'<tr class="error"><td class="url"><a href="{escape(url)}">{escape(url)}'
                   f'</a></td><td data-sort="0">?</td><td class="v error" data-sort="9">'
                   f"unreadable</td><td>{escape(why)}</td><td></td></tr>")
    out.append("</tbody></table>")
    return out


def _by_rule(pages: Sequence[PageAudit]) -> list[str]:
    failing: dict[str, list[PageAudit]] = {}
    for p in pages:
        for rule in p.failed_rules:
            failing.setdefault(rule, []).append(p)
    if not failing:
        return ['<h2 id="rules">Failing rules</h2><p>No page failed a rule.</p>']
    out = ['<h2 id="rules">Failing rules, the most pages first</h2>']
    for rule, hit in sorted(failing.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append(f'<section id="rule-{rule}"><h2>{rule}: {len(hit)} '
                   f"page{'s' if len(hit) != 1 else ''}</h2>")
        if rule in FIXES:
            out.append(f'<p class="fix"><b>What to fix:</b> {escape(FIXES[rule])}</p>')
        for p in hit:
            out.append(f'<h3><a href="{escape(p.url)}">{escape(p.url)}</a>'
                       + (f' <span class="change">({escape(p.change)})</span>'
                          if p.change else "") + "</h3>")
            out.append('<ul class="evidence">')
            for what, verdict in p.verdicts:
                for f in verdict.findings:
                    if f.rule == rule and f.ok is False:
                        label = f"{what}: " if p.entry_verdict is not None else ""
                        out.append(f"<li>{escape(label)}{escape(f.detail)}</li>")
            out.append("</ul>")
        out.append("</section>")
    return out


def _unchecked(pages: Sequence[PageAudit]) -> list[str]:
    rest = [p for p in pages if p.standing in (Standing.NOT_CHECKED, Standing.ERROR)]
    if not rest:
        return []
    out = ['<h2 id="not-checked">Not fully checked</h2><ul>']
    for p in rest:
        why = "; ".join(dict.fromkeys(
            f"{f.rule}: {f.detail}" for _w, v in p.verdicts for f in v.unchecked))
        if p.error:
            why = f"{p.error}; {why}" if why else p.error
        out.append(f'<li><a href="{escape(p.url)}">{escape(p.url)}</a>: {escape(why)}</li>')
    out.append("</ul>")
    return out


def _when(value: datetime) -> str:
    return value.strftime("%d %B %Y, %H:%M %Z").lstrip("0")
