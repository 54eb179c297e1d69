"""How `brandsite check` prints problems: by brand, for people, or as GitHub workflow commands."""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict

from .content.model import Problem

LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING}


class ToldNotes:
    """The notes (提示) the preview has printed at its last rebuild, and those of this one."""

    def __init__(self):
        self.before: set[str] = set()
        self.now: set[str] = set()

    def next_build(self) -> None:
        self.before, self.now = self.now, set()

    def again(self, line: str) -> bool:
        """Whether `line` was told at the last rebuild; it is told at this one."""
        self.now.add(line)
        return line in self.before


def logged(log, problems: list[Problem], notes: ToldNotes | None = None) -> None:
    """Each problem as the check prints it (警告：, 提示： after its place). With `notes` (the
    preview), a note printed at the last rebuild is counted, not printed again: every save
    printed every brand's notes, and the saved brand's own problems were lost among them.
    Errors and warnings are always printed."""
    again = 0
    for problem in problems:
        line = problem.tagged()
        if notes is not None and problem.level not in LOG_LEVELS and notes.again(line):
            again += 1
            continue
        log.log(LOG_LEVELS.get(problem.level, logging.INFO), line)
    if again:
        log.info(f"另有 {again} 条提示与上次相同，不再重复（make check 或 python3 start.py check 可查看全部）")


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's own toolkit does (a folder or file name
    is content: it must not end the command or start another)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property (file=): its commas and colons would end it."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def text_report(problems: list[Problem], brand_count: int) -> str:
    by_brand: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_brand[p.slug or ""].append(p)
    lines = []
    for slug in sorted(by_brand):
        lines.append(f"【{slug}】" if slug else "【其他】")
        for p in by_brand[slug]:
            lines.append("  " + p.tagged().replace("\n", "\n    "))
        lines.append("")
    errors = sum(p.level == "error" for p in problems)
    warnings = sum(p.level == "warning" for p in problems)
    hints = len(problems) - errors - warnings
    summary = f"{brand_count} 个品牌，{errors + warnings} 个问题"
    if errors or warnings:
        summary += f"（{errors} 个错误，{warnings} 个警告）"
    else:
        summary += "。全部通过 ✓"
    if hints:
        summary += f" 另有 {hints} 条提示"
    lines.append(summary)
    return "\n".join(lines)


# GitLab's Code Quality severities, for a merge request's changed lines (artifacts: reports: codequality).
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab_report(problems: list[Problem]) -> str:
    """The problems as a GitLab Code Quality report (a JSON list; each with its own fingerprint:
    GitLab shows one finding per fingerprint)."""
    return json.dumps([{
        "description": p.message, "check_name": "brandsite",
        "fingerprint": hashlib.sha256(f"{p.path}\0{p.line}\0{p.message}".encode("utf-8")).hexdigest()[:32],
        "severity": GITLAB_SEVERITY.get(p.level, "info"),
        "location": {"path": p.path, "lines": {"begin": max(1, p.line)}},
    } for p in problems], ensure_ascii=False, indent=2)
