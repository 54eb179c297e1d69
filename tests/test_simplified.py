"""The traditional-to-simplified character map written beside the search index (site/simplified.py)."""

from __future__ import annotations

import json

from brandsite.site import simplified


def test_only_characters_the_text_never_uses_are_mapped_and_only_to_ones_it_does():
    used = set("网格员著名头发后来")
    pairs = simplified.pairs(used)
    mapped = dict(zip(pairs[::2], pairs[1::2]))
    assert mapped["網"] == "网" and mapped["髮"] == "发" and mapped["後"] == "后" and mapped["頭"] == "头"
    assert "著" not in mapped  # the text writes 著名: a query's 著 stays
    assert "鍛" not in mapped  # 锻 is not in the text: nothing to map it to
    assert set(mapped.values()) <= used and not set(mapped) & used


def test_a_brand_in_traditional_characters_keeps_the_map_whole():
    """One brand written in traditional characters (黨建引領鄉村振興) counted 黨 and 鄉 as used, so
    they were not mapped: 黨建 then found that brand alone, not the simplified brands with 党建.
    The text is counted as converted to simplified, in context, so 著名 keeps its 著."""
    text = "黨建引領鄉村振興，著名的红色教育基地。党建引领。"
    runs = simplified.convertible_runs(text)
    used = simplified.used_converted(set(text), runs)
    assert {"黨", "鄉", "領", "興"}.isdisjoint(used) and {"党", "乡", "领", "兴", "著"} <= used
    mapped = dict(zip(simplified.pairs(used)[::2], simplified.pairs(used)[1::2]))
    assert mapped["黨"] == "党" and mapped["鄉"] == "乡" and "著" not in mapped


def test_the_public_build_writes_the_map_from_its_visible_text_only(tmp_path):
    from tests.conftest import BrandTree, build_site

    tree = BrandTree(tmp_path)
    tree.brand()
    site = build_site(tmp_path)
    pairs = json.loads((site / "pagefind" / simplified.FILE).read_text(encoding="utf-8"))["pairs"]
    mapped = dict(zip(pairs[::2], pairs[1::2]))
    # the test brand's name 连心桥 is in the text; its traditional spelling is only in the record's
    # hidden words, which do not count as used, so 連 and 橋 are mapped
    assert mapped.get("連") == "连" and mapped.get("橋") == "桥", pairs[:200]
