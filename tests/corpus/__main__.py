"""`python -m tests.corpus [--wrong] [CASE-ID-PART]`: judge every case and print the table
(case, expected, got, failing rules), then `N/M judged right`. --wrong prints only the cases
judged wrongly, with the findings that explain them."""

from __future__ import annotations

import sys

from .cases import CASES, KNOWN_WRONG, check_table
from .judge import judge


def main(argv: list[str]) -> int:
    check_table()
    wrong_only = "--wrong" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    cases = [c for c in CASES if not wanted or any(w in c.id for w in wanted)]
    width = max(len(c.id) for c in cases)
    right = 0
    for case in cases:
        outcome = judge(case)
        right += outcome.right
        if wrong_only and outcome.right:
            continue
        mark = "ok " if outcome.right else ("xx " if case.id not in KNOWN_WRONG else "kw ")
        rules = ", ".join(sorted(outcome.rules)) or "-"
        print(f"{mark}{case.id:<{width}}  {case.expected:<13}  {outcome.got:<13}  {rules}")
        if wrong_only:
            print(outcome.explain())
    print(f"{right}/{len(cases)} judged right")
    return 0 if right == len(cases) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
