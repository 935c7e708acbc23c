"""Build a case's page in memory and have the checker judge it, as `syndication check PAGE
--original ORIGINAL` does: the original is given, the page is judged whole."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from syndication.compliance import check_page
from syndication.models import Verdict

from .cases import AS_RECORDED, COMPANION, COMPLIANT, NOT_CHECKABLE, NOT_COMPLIANT, Case
from .edits import EDITS
from .layouts import LAYOUTS, Slots, fill
from .originals import originals, recorded_spanish


def build(case: Case) -> str:
    """The page of ``case``: its layout filled with its original's code, its edit applied."""
    o = originals()[case.original]
    layout = LAYOUTS[case.layout]
    code = recorded_spanish(o.article.article_id) if case.edit == AS_RECORDED else o.code
    slots = Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                  article=code)
    if layout.kind == "digest":
        other = originals()[COMPANION[o.name]]
        slots = dataclasses.replace(slots, other=other.code,
                                    other_headline=other.article.title)
    if case.edit is not None and case.edit != AS_RECORDED:
        slots = EDITS[case.edit].apply(slots, o)
    return fill(layout, slots)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the checker answered for one case."""

    case: Case
    verdict: Verdict

    @property
    def got(self) -> str:
        if self.verdict.failed:
            return NOT_COMPLIANT
        return COMPLIANT if self.verdict.compliant else NOT_CHECKABLE

    @property
    def rules(self) -> frozenset[str]:
        return frozenset(f.rule for f in self.verdict.failed)

    @property
    def missing_evidence(self) -> tuple[str, ...]:
        """What the failing rule's detail should quote (the case's edit says) and does not."""
        edit = EDITS.get(self.case.edit or "")
        if edit is None or edit.evidence is None or not self.case.rules:
            return ()
        rule, wanted = edit.evidence(originals()[self.case.original])
        detail = self.verdict.finding(rule).detail
        return tuple(w for w in wanted if w not in detail)

    @property
    def right(self) -> bool:
        return (self.got == self.case.expected and self.rules == self.case.rules
                and not self.missing_evidence)

    def explain(self) -> str:
        lines = [f"{self.case.id}: expected {self.case.expected} "
                 f"{sorted(self.case.rules)}, got {self.got} {sorted(self.rules)}"]
        if self.missing_evidence:
            lines.append(f"  the evidence does not quote: {', '.join(self.missing_evidence)}")
        lines += [f"  {f.rule}: {f.ok}: {f.detail}" for f in self.verdict.findings
                  if f.ok is not True]
        return "\n".join(lines)


def judge(case: Case) -> Outcome:
    o = originals()[case.original]
    page = build(case)
    verdict = check_page(page, o.article, plain=LAYOUTS[case.layout].plain)
    return Outcome(case, verdict)
