"""Fields written a level too far left: `document:` flush left under `named:` and its `date:`,
or a carrier's `description:` flush left under its `- name:`. YAML reads such a line as a
field of the outer mapping, so the schema finds it unknown there and missing where it
belongs; these find where it belongs and say how far in to write it. No MkDocs imports.
"""

from __future__ import annotations

from typing import NamedTuple


class Outdented(NamedTuple):
    key: str
    container: tuple  # the path of the mapping it belongs to: ("named",), ("carriers", 0)
    schema: dict  # that mapping's schema
    first: str  # that mapping's first field, to line up with
    want: int | None  # the spaces its line needs; None when that mapping is written in { }
    now: int  # the spaces its line has


def outdented(data, schema: dict, path: tuple = ()) -> dict[tuple, Outdented]:
    """Each field unknown where it stands (by its path) that is a field of the mapping written
    just above it, or of the last item of the list just above it, and missing there."""
    found: dict[tuple, Outdented] = {}
    if not isinstance(data, dict) or not isinstance(schema, dict):
        return found
    props = schema.get("properties") or {}
    for key, value in data.items():  # inside the known fields
        sub = props.get(key)
        if isinstance(sub, dict) and isinstance(value, dict):
            found.update(outdented(value, sub, path + (key,)))
        elif isinstance(sub, dict) and isinstance(value, list) and isinstance(sub.get("items"), dict):
            for i, item in enumerate(value):
                found.update(outdented(item, sub["items"], path + (key, i)))
    lines, column = getattr(data, "lines", {}), getattr(data, "column", None)
    above = None  # the field written just above, in the file's order
    for key in sorted((k for k in data if k in lines), key=lines.get) if column is not None else ():
        into, sch, where = (data[above], props[above], path + (above,)) if above in props else (None, {}, ())
        above = key
        if key in props:
            continue
        if isinstance(into, list) and into and isinstance(sch.get("items"), dict):  # its last item
            into, sch, where = into[-1], sch["items"], where + (len(into) - 1,)
        if not (into and isinstance(into, dict) and hasattr(into, "lines") and key in (sch.get("properties") or {})
                and key not in into):
            continue
        first = min(into, key=lambda k: into.lines.get(k, 0))
        want = getattr(into, "column", None)
        if want is None or want > column:
            found[path + (key,)] = Outdented(str(key), where, sch, str(first), want, column)
    return found


def outdented_message(found: Outdented, label: str, shown: str) -> str:
    """Where the field goes: `label` names the mapping it belongs to, `shown` is its value as written."""
    key, first = found.key, found.first
    if found.want is None:
        return (f"{key} 是 {label}的字段，这一项写在花括号 {{ }} 里，写在花括号外面就成了未知字段。"
                f"请把它移进花括号，用英文逗号与前面的字段隔开，例如 {{{first}: …, {key}: {shown}}}，再删去这一行")
    spaces = f"这一行开头应有 {found.want} 个空格，现在是 {found.now} 个。请补上 {found.want - found.now} 个空格"
    if isinstance(found.container[-1], int):  # a list's item
        return f"{key} 是 {label}的字段，要与这一项的“{first}:”左对齐：{spaces}"
    name = found.container[-1]
    return f"{key} 是 {label}下面的字段，要比“{name}:”多缩进，与上面的“{first}:”左对齐：{spaces}"


def empty_parent(schema: dict, value: dict, key) -> str | None:
    """The field of `value` left empty whose own fields include `key` (date: under named:, flush left)."""
    for name, sub in schema.get("properties", {}).items():
        if value.get(name, 0) is None and key in (sub.get("properties") or {}):
            return name
    return None
