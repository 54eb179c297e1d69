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
