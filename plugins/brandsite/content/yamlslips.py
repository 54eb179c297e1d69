"""What an input method puts in the way of YAML, found line by line before it is parsed. No MkDocs imports.

A Tab or a full-width space in the indentation, a key's full-width colon (also inside { }),
a Chinese dash for a list item's "- ": each is an error at its line, and the text is given
back with all of them mended as meant, so that one check tells the file's other mistakes too
(yamlsafe.load).
"""

from __future__ import annotations

import re

_DASH_ITEM = re.compile(r"^( *)([—–－]+)\s*([A-Za-z_][\w-]*)[:：]")
_FLOW_KEY = re.compile(r"(?<=[{,])\s*([A-Za-z_][\w-]*)：")


def slips(text: str) -> tuple[list[tuple[int, str]], str]:
    """The characters that break YAML for people typing on a Chinese IME, every line of them
    (line, message), and the text with them mended as meant (a Tab or a full-width space in the
    indentation as two spaces, a key's full-width colon as ": "), so that one check can tell
    everything else in the file too."""
    found: list[tuple[int, str]] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip(" \t\u3000")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent:
            found.append((number, "这一行用了 Tab 缩进。YAML 只能用空格缩进,请把 Tab 换成空格"))
        elif "\u3000" in indent:
            found.append((number, "这一行用了全角空格(U+3000)缩进。请换成半角空格"))
        if indent.strip(" "):
            line = lines[number - 1] = indent.replace("\t", "  ").replace("\u3000", "  ") + stripped
        if stripped.startswith("#"):
            continue
        dash = _DASH_ITEM.match(line)
        if dash:  # "— name: 党员示范岗": a Chinese dash for the list item's "- "
            found.append((number, f"列表项开头的“{dash.group(2)}”是中文破折号或全角符号。请换成半角减号加空格“- ”,"
                                  f"例如“- {dash.group(3)}: …”"))
            line = lines[number - 1] = dash.group(1) + "- " + line[dash.end(2):].lstrip(" ")
            stripped = line.lstrip(" ")
        head = stripped.lstrip("- ")
        colon = head.find("：")
        if colon > 0 and ":" not in head[:colon] and all(c.isalnum() or c in "_-" for c in head[:colon]):
            found.append((number, f"“{head[:colon]}”后面用了全角冒号“：”。请换成半角冒号“:”并在后面加一个空格"))
            at = len(line) - len(head) + colon
            line = lines[number - 1] = line[:at] + ": " + line[at + 1:].lstrip(" ")
        # the keys inside { }: {label：为群众解决难题, value：120}
        brace = line.find("{")  # only in a { } mapping, not in a text that has ",ABC：" in it
        for key in reversed(list(_FLOW_KEY.finditer(line, brace)) if brace >= 0 else []):
            found.append((number, f"“{key.group(1)}”后面用了全角冒号“：”。请换成半角冒号“:”并在后面加一个空格"))
            line = lines[number - 1] = line[:key.end(1)] + ": " + line[key.end():].lstrip(" ")
    return found, "\n".join(lines)
