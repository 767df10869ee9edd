"""Contract text as clauses, and clause-by-clause differences between two versions (pure
functions, no database; difflib does the alignment).

A draft's text is written the way Chinese contracts are: each clause begins on a new line
with its number, ``第一条`` / ``第1条``, optionally followed by a heading in 【】::

    第一条【适用范围】本合同适用于……
    第二条【工资】月最低工资不低于……

Text before the first numbered clause is the preamble. Clauses are matched between two
versions by heading (or, without a heading, by their text), not by number, so inserting a
clause does not make every later one look changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_CLAUSE_START = re.compile(r"^\s*(第[一二三四五六七八九十百零〇两\d]+条)\s*(?:【([^】]*)】)?\s*")
#: below this similarity two clauses without a shared heading are a removal plus an addition
SIMILAR = 0.6

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"


@dataclass(frozen=True)
class Clause:
    number: str  # "第三条", "" for the preamble
    heading: str
    body: str

    @property
    def key(self) -> str:
        if not self.number:
            return "\x00preamble"
        return self.heading or _norm(self.body)

    @property
    def text(self) -> str:
        head = f"【{self.heading}】" if self.heading else ""
        return f"{self.number}{head}{self.body}"


def _norm(text: str) -> str:
    return "".join(text.split())


def split_clauses(text: str) -> list[Clause]:
    """The clauses of ``text`` in order (a preamble first if there is one)."""
    found: list[Clause] = []
    number, heading, lines = "", "", []

    def close():
        body = "\n".join(lines).strip()
        if number or body:
            found.append(Clause(number, heading, body))

    for line in (text or "").splitlines():
        match = _CLAUSE_START.match(line)
        if match:
            close()
            number, heading = match.group(1), (match.group(2) or "").strip()
            lines = [line[match.end() :]]
        else:
            lines.append(line)
    close()
    return found


@dataclass(frozen=True)
class ClauseChange:
    kind: str  # added | removed | changed | unchanged
    old: Clause | None
    new: Clause | None

    @property
    def label(self) -> str:
        c = self.new or self.old
        return c.number + (f"【{c.heading}】" if c.heading else "")

    def inline(self) -> SafeString:
        """The changed clause's text with deletions and insertions marked (<del>/<ins>)."""
        old = self.old.text if self.old else ""
        new = self.new.text if self.new else ""
        return inline_diff(old, new)


def inline_diff(old: str, new: str) -> SafeString:
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(old[a1:a2]))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(old[a1:a2])}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(new[b1:b2])}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 — every piece is escaped above


def _ratio(a: Clause, b: Clause) -> float:
    return difflib.SequenceMatcher(None, _norm(a.body), _norm(b.body), autojunk=False).ratio()


def _replace_block(olds: list[Clause], news: list[Clause]) -> list[ClauseChange]:
    """A run of clauses that differ: each new clause paired with the most similar old one
    (at least ``SIMILAR``) is a change; the rest are removals (listed first) and additions."""
    paired: dict[int, int] = {}
    for j, b in enumerate(news):
        best, best_ratio = None, SIMILAR
        for i, a in enumerate(olds):
            if i in paired.values():
                continue
            ratio = _ratio(a, b)
            if ratio >= best_ratio:
                best, best_ratio = i, ratio
        if best is not None:
            paired[j] = best
    matched = set(paired.values())
    used: set[int] = set()
    out: list[ClauseChange] = []

    def drop_before(limit: int) -> None:
        for k in range(limit):
            if k not in used and k not in matched:
                out.append(ClauseChange(REMOVED, olds[k], None))
                used.add(k)

    for j, b in enumerate(news):
        if j in paired:
            drop_before(paired[j])
            out.append(ClauseChange(CHANGED, olds[paired[j]], b))
            used.add(paired[j])
        else:
            later = [paired[k] for k in range(j + 1, len(news)) if k in paired]
            drop_before(min(later) if later else len(olds))
            out.append(ClauseChange(ADDED, None, b))
    drop_before(len(olds))
    return out


def compare(old: list[Clause], new: list[Clause]) -> list[ClauseChange]:
    """Every clause of both versions, in the new version's order (removed ones where they
    stood), as added, removed, changed (same heading or similar text, different wording)
    or unchanged."""
    changes: list[ClauseChange] = []
    matcher = difflib.SequenceMatcher(
        None, [c.key for c in old], [c.key for c in new], autojunk=False
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for a, b in zip(old[a1:a2], new[b1:b2], strict=True):
                same = _norm(a.body) == _norm(b.body)
                changes.append(ClauseChange(UNCHANGED if same else CHANGED, a, b))
            continue
        changes += _replace_block(list(old[a1:a2]), list(new[b1:b2]))
    return changes


def summary(changes: list[ClauseChange]) -> dict[str, int]:
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, UNCHANGED: 0}
    for change in changes:
        counts[change.kind] += 1
    return counts
