"""The log of `brandsite build` in Chinese (brandsite.buildlog): each kind of line as an editor reads it."""

from __future__ import annotations

import io
import logging

import pytest

from brandsite.buildlog import ChineseHandler, chinese


def record(level: int, message: str, name: str = "mkdocs.commands.build") -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, None, None)


@pytest.mark.parametrize("level, message, said", [
    # brandsite's own lines: as `brandsite check` prints them, without the plugin's name
    (logging.INFO, "brandsite: brands/a/brand.yml:9: 提示：标识很小", "brands/a/brand.yml:9: 提示：标识很小"),
    (logging.WARNING, "brandsite: brands/a/story.md:3: 警告：外部视频", "brands/a/story.md:3: 警告：外部视频"),
    (logging.INFO, "brandsite: 搜索索引：17 个页面", "搜索索引：17 个页面"),
    # an error says so after its place (MkDocs' ERROR word is not printed)
    (logging.ERROR, "brandsite: brands/a/brand.yml:4: category（类别）的值不对", "brands/a/brand.yml:4: 错误：category（类别）的值不对"),
    (logging.ERROR, "brandsite: 找不到中文字体", "错误：找不到中文字体"),
    # an error of several files (docs/ files refused together): each of its places says so, not the first only
    (logging.ERROR, "brandsite: docs/a.svg:1: docs/ 里不能放这种文件\ndocs/b.js:1: docs/ 里不能放这种文件\n  （说明）",
     "docs/a.svg:1: 错误：docs/ 里不能放这种文件\ndocs/b.js:1: 错误：docs/ 里不能放这种文件\n  （说明）"),
    # MkDocs' routine lines: left out, or in Chinese
    (logging.INFO, "Cleaning site directory", None),
    (logging.INFO, "Building documentation to directory: /tmp/x/.site-site-building-1-ab", None),
    (logging.INFO, "Documentation built in 8.78 seconds", "网站生成用时 8.8 秒"),
    (logging.INFO, 'The following pages exist in the docs directory, but are not included in the "nav" configuration:\n  - about.md',
     "以下页面在 docs/ 里，但不在 mkdocs.yml 的 nav（导航）中，网站上可以打开，菜单里没有：\n  - about.md"),
    (logging.WARNING, "A reference to 'guide.md' is included in the 'nav' configuration, which is not found in the documentation files.",
     "警告：mkdocs.yml 的 nav（导航）里写了“guide.md”，但 docs/ 里没有这个文件：请改正文件名，或从 nav 里删去这一行"),
    # the preview's
    (logging.INFO, "Building documentation...", "正在生成预览……"),
    (logging.INFO, "[09:15:48] Watching paths for changes: 'docs', 'mkdocs.yml', 'brands'", None),
    (logging.INFO, "[09:15:48] Serving on http://127.0.0.1:8000/", None),
    (logging.INFO, "[09:15:50] Browser connected: http://127.0.0.1:8000/", None),
    (logging.INFO, "[09:16:01] Detected file changes", "[09:16:01] 发现文件改动，正在更新预览……"),
    (logging.INFO, "[09:16:02] Reloading browsers", "[09:16:02] 预览已更新，打开的页面会自动刷新"),
    (logging.ERROR, "[09:16:02] An error happened during the rebuild. The server will appear stuck until build errors are resolved.",
     "[09:16:02] 错误：更新预览时出错（见上方）。改正之前预览的页面打不开，浏览器会一直等待；改正并保存后马上恢复"),
    (logging.INFO, "Shutting down...", "预览已结束"),
    (logging.WARNING, "Doc file 'a.md' contains a link 'b.md', but the target is not found among documentation files.",
     "警告：docs/a.md 里的链接“b.md”找不到要打开的文件：请改正链接里的文件名（大小写、空格都要一致），或把文件放进 docs/"),
    (logging.WARNING, "Doc file 'a.md' contains a link 'B.md', but the target is not found among documentation files. Did you mean 'b.md'?",
     "警告：docs/a.md 里的链接“B.md”找不到要打开的文件（您是不是想写 b.md？）：请改正链接里的文件名（大小写、空格都要一致），或把文件放进 docs/"),
    # any other line keeps its words, behind what it is
    (logging.WARNING, "Doc file 'a.md' contains an unrecognized relative link 'b/', it was left as is.",
     "警告：Doc file 'a.md' contains an unrecognized relative link 'b/', it was left as is."),
    (logging.ERROR, "Error reading page 'a.md': boom", "错误：Error reading page 'a.md': boom"),
    (logging.INFO, "Some other news", "Some other news"),
])
def test_each_kind_of_line(level, message, said):
    assert chinese(record(level, message)) == said


def test_the_handler_writes_the_lines_it_keeps_and_nothing_for_the_others():
    out = io.StringIO()
    handler = ChineseHandler(out)
    for message in ("Cleaning site directory", "brandsite: 搜索索引：3 个页面", "Documentation built in 1.00 seconds"):
        handler.handle(record(logging.INFO, message))
    assert out.getvalue() == "搜索索引：3 个页面\n网站生成用时 1.0 秒\n"


@pytest.mark.parametrize("message, said", [
    ("Aborted with 2 warnings in strict mode!", "有 2 条警告，构建已停止（发布构建中警告也算失败）。"),
    ("Aborted with 1 configuration errors!", "mkdocs.yml 里有 1 处写法不对（见上方信息），构建已停止。"),
    ("Aborted with a BuildError!", ""),  # its reason is above it; brandsite build says next that it failed
])
def test_mkdocs_reasons_for_stopping_are_said_in_chinese(message, said):
    from brandsite.publish import _in_chinese

    assert _in_chinese(message) == said
