"""`python -m tests.corpus [--wrong | --known-wrong] [CASE-ID-PART...]`: judge every case
and print the table (case, expected, got, failing rules), then `N/M judged right`.
--wrong prints only the cases judged wrongly, with the findings that explain them;
--known-wrong prints the KNOWN_WRONG set that cases.py should hold for today's checker.
Marks: ok right, kw wrong and in KNOWN_WRONG, xx wrong and not in it, !! right but still
in KNOWN_WRONG (delete its line)."""

from __future__ import annotations

import sys

from .cases import CASES, KNOWN_WRONG, check_table
from .judge import judge


def main(argv: list[str]) -> int:
    check_table()
    if "--known-wrong" in argv:
        print(known_wrong_text())
        return 0
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
        listed = case.id in KNOWN_WRONG
        mark = ("!! " if listed else "ok ") if outcome.right else ("kw " if listed else "xx ")
        rules = ", ".join(sorted(outcome.rules)) or "-"
        print(f"{mark}{case.id:<{width}}  {case.expected:<13}  {outcome.got:<13}  {rules}")
        if wrong_only:
            print(outcome.explain())
    print(f"{right}/{len(cases)} judged right")
    return 0 if right == len(cases) else 1


def known_wrong_text() -> str:
    """The KNOWN_WRONG set for the checker as it is, grouped by kind, as cases.py spells it."""
    groups: dict[str, list[str]] = {}
    for case in CASES:
        if not judge(case).right:
            groups.setdefault(case.kind, []).append(case.id)
    lines = ["KNOWN_WRONG: frozenset[str] = frozenset({"]
    for kind, ids in groups.items():
        lines.append(f"    # {kind}")
        lines += [f'    "{i}",' for i in ids]
    lines.append("})")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
