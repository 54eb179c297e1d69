"""Editors' prose as the site renders it (content/prose.py)."""

from __future__ import annotations

from brandsite.content import prose


def test_a_line_break_between_chinese_characters_is_no_space():
    """Editors break long lines anywhere; a browser would show each break as a space."""
    html = prose.render("生产线上,\n让党员教师\n当园丁。\n\nEnglish\nwords 中文\n\n    代码\n    行二\n").html
    assert "<p>生产线上,让党员教师当园丁。</p>" in html
    assert "English\nwords 中文" in html  # between Latin words a break is a space, as it should be
    assert "代码\n行二" in html  # a code block keeps its lines
