"""How `brandsite check` prints problems: by brand, for people, or as GitHub workflow commands."""

from __future__ import annotations

from collections import defaultdict

from .content.model import Problem


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
