"""The frame click writes around brandsite's commands, in Chinese: help (用法, 选项, 命令) and
mistakes in the command line (错误:缺少选项 --name). click's own words are English. No MkDocs imports."""

from __future__ import annotations

import difflib
import re

import click


class Chinese:
    """click writes the frame of a command's help in English (Usage:, Options:, the help option's
    own line); these parts of it in Chinese, around the Chinese descriptions."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本说明后退出"
        return option

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")

    def format_options(self, ctx, formatter):
        rows = [(name, text.replace("[default: ", "[默认：").replace("[required]", "[必填]"))
                for name, text in filter(None, (p.get_help_record(ctx) for p in self.get_params(ctx)))]
        if rows:
            _section(formatter, "选项", rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx, formatter):
        # Each command's first sentence, whole: click cuts a help text at spaces, which Chinese
        # has few of, so some lines ended mid-sentence in "..." and others ran on.
        rows = [(name, _first_sentence(command))
                for name in self.list_commands(ctx) if (command := self.get_command(ctx, name)) and not command.hidden]
        if rows:
            _section(formatter, "命令", rows)


def _section(formatter, title: str, rows) -> None:
    """click's formatter.section, with a full-width colon after the Chinese heading (click writes ":")."""
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{title}：\n")
    with formatter.indentation():
        formatter.write_dl(rows)


def _first_sentence(command) -> str:
    text = " ".join((command.short_help or command.help or "").split())
    end = text.find("。")
    return text[:end + 1] if end >= 0 else text


class ChineseCommand(Chinese, click.Command):
    pass


_CLICK_WORDS = [
    (r"Missing option '(.+)'\.", "缺少选项 {0}"),
    (r"Missing argument '(.+)'\.", "缺少参数 {0}"),
    (r"No such option: (\S+)", "没有选项 {0}"),
    (r"No such command '(.+)'\.", "没有命令 {0}"),
    (r"Got unexpected extra arguments? \((.+)\)", "多余的参数：{0}"),
    (r"Option '(.+)' requires an argument\.", "选项 {0} 后面要写一个值"),
    (r"Invalid value for '(.+?)': (.*)", "{0} 的值不对：{1}"),
]


def usage_in_chinese(exc: click.UsageError) -> str:
    """click's usage error (usage line, where to get help, the mistake), in Chinese."""
    message = exc.format_message()
    suggestion = re.search(r"\s*\(?(?:Did you mean ([^?)]+)\?|Possible options: ([^)]+))\)?\s*$", message)
    if suggestion:
        message = message[:suggestion.start()]
    for pattern, chinese in _CLICK_WORDS:
        found = re.match(pattern, message, re.S)
        if found:
            message = chinese.format(*found.groups())
            break
    missing = re.search(r"(?:File|Path|Directory) '(.*)' does not exist\.$", message)
    if missing:  # leaks, check … run outside the site's folder: no mkdocs.yml there
        where = "。请在网站的仓库文件夹（有 mkdocs.yml 的那一层）里运行，或用 --config-file 写出它的位置" \
            if missing.group(1).endswith("mkdocs.yml") else ""
        message = message[:missing.start()] + f"找不到“{missing.group(1)}”{where}"
    choices = re.search(r"'(.*)' is not one of (.+)\.$", message)
    if choices:
        listed = "、".join(c.strip(" '") for c in choices.group(2).split(","))
        message = message[:choices.start()] + f"“{choices.group(1)}”不在可选范围内（可选：{listed}）"
    if suggestion:
        options = " 或 ".join(o.strip() for o in (suggestion.group(1) or suggestion.group(2)).split(","))
        message += f"。您是不是想写 {options}？"
    elif (unknown := re.match(r"No such command '(.+)'\.", exc.format_message())) and exc.ctx is not None \
            and isinstance(exc.ctx.command, click.Group):
        close = difflib.get_close_matches(unknown.group(1), exc.ctx.command.list_commands(exc.ctx), n=1, cutoff=0.6)
        message += f"。您是不是想输入 {close[0]}？" if close else ""
    lines = []
    if exc.ctx is not None:
        lines.append(exc.ctx.get_usage())
        lines.append(f"运行 {exc.ctx.command_path} -h 查看说明。")
        lines.append("")
    return "\n".join(lines + [f"错误：{message}"])
