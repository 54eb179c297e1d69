"""Hidden index terms: words inside compounds and the pinyin of brand names (search_terms.py)."""

from __future__ import annotations

import gzip
import json

from brandsite.site import search_terms


def test_index_tokens_follow_pagefinds_segmenter():
    # jieba without HMM, then long words cut from the start into dictionary bigrams
    assert search_terms.index_tokens("五个工作日内") == ["五个", "工作", "日", "内"]
    assert search_terms.index_tokens("产业链上下游") == ["产业", "链", "上下", "游"]


def test_words_the_index_would_miss_are_added_once():
    short, long = search_terms.words("产业链上下游,五个工作日内,党员进网格。组织生活会")
    # two characters: only where the text's own index words miss them
    assert "下游" in short and "网格" not in short and "党员" not in short
    # longer dictionary words at any position, however the segmenter splits them
    assert {"上下游", "产业链", "工作日", "工作日内", "组织生活"} <= set(long)
    assert len(long) == len(set(long))
    assert search_terms.words("abc 12 党员") == ([], [])


def test_encoded_words_keep_prefixes():
    assert search_terms.encode("工作日") == "0x5de54f5c65e5"
    assert search_terms.encode("工作日内").startswith(search_terms.encode("工作日"))
    assert search_terms.sub_words("产业链上下游")[:1] == ["下游"]
    assert search_terms.encode("上下游") in search_terms.sub_words("产业链上下游")


def test_pinyin_terms_give_full_pinyin_and_initials_of_every_reading():
    terms = search_terms.pinyin_terms("税连心")
    assert terms[0] == "shuilianxin" and "slx" in terms
    # heteronyms: the reading in context, and the others a name can have
    tongxing = search_terms.pinyin_terms("一家同行")
    assert "yijiatonghang" in tongxing and "yijiatongxing" in tongxing and "yjth" in tongxing and "yjtx" in tongxing
    chong = search_terms.pinyin_terms("重庆红岩")
    assert "chongqinghongyan" in chong and "zhongqinghongyan" in chong and "cqhy" in chong and "zqhy" in chong
    # ü typed as v or u; letters and digits kept
    assert {"lvsejiayuan", "lusejiayuan"} <= set(search_terms.pinyin_terms("绿色家园"))
    assert search_terms.pinyin_terms("青禾连心e站")[0] == "qinghelianxinezhan"
    # a name with letters or digits is spelled without them too: its Chinese part is what people type
    assert {"12345lianxinqiao", "12345lxq", "lianxinqiao", "lxq"} <= set(search_terms.pinyin_terms("12345连心桥"))
    assert {"1nchanyelianmeng", "chanyelianmeng", "cylm"} <= set(search_terms.pinyin_terms("1+N产业联盟"))
    assert "ezhan" not in search_terms.pinyin_terms("青禾连心e站") and "qhlxz" in search_terms.pinyin_terms("青禾连心e站")
    assert len(search_terms.pinyin_terms("重行长乐乐行长重")) <= 2 * search_terms.SPELLINGS
    assert search_terms.pinyin_terms("——") == []


def test_tail_holds_pinyin_and_name_parts_weighted_like_the_name_and_the_missed_words():
    tail = search_terms.tail("<p>产业链上下游</p>", "邻里红盏", "鄰里紅盞")
    assert '<p class="bs-search-pinyin" data-pagefind-weight="8">linlihongzhan' in tail
    for part in ("邻里红盏", "里红盏", "鄰里紅盞", "里紅盞"):
        assert search_terms.encode(part) in tail
    assert search_terms.encode("红盏") not in tail  # two characters: search.js asks for those as they are
    assert '<p class="bs-search-words">下游 ' in tail
    assert search_terms.tail("<p>党员</p>", None) == ""


def test_built_index_holds_pinyin_but_not_in_visitor_pages(tmp_path):
    from tests.conftest import BrandTree, build_site

    tree = BrandTree(tmp_path)
    tree.brand()  # 连心桥
    site = build_site(tree.root)
    html = (site / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert "lianxinqiao" not in html and "bs-search-pinyin" not in html
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in (site / "pagefind/fragment").glob("*.pf_fragment")]
    [brand] = [f for f in fragments if f["url"] == "/brands/lian-xin-qiao/"]
    assert "lianxinqiao" in brand["content"] and "lxq" in brand["content"]
    # search.js keeps the hidden tail (meta terms: its length) out of excerpts
    content = brand["content"].replace("\u200b", "")
    terms = int(brand["meta"]["terms"].removeprefix("t"))
    assert content[-terms - 2:-terms + 6].lstrip(". ").startswith("连心桥"), content[-terms - 12:-terms + 12]


def test_the_parts_of_a_long_name_are_spelled_from_each_of_its_words():
    """A visitor types the pinyin of a long name's core (红色田埂 in 青石岭镇“红色田埂”乡村振兴先锋行动),
    not only of its start: each part from a word to the name's end is spelled, full and initials
    (initials from three characters: two letters would answer half the queries), a short part in both
    readings of a heteronym; a name of one word has none."""
    from brandsite.site.search_terms import part_pinyin

    parts = part_pinyin("青石岭镇“红色田埂”乡村振兴先锋行动")
    assert {"hongsetiangengxiangcunzhenxingxianfengxingdong", "hstgxczxxfxd", "xianfengxingdong", "xfxd"} <= set(parts)
    assert not [p for p in parts if len(p) < 4]
    assert {"tongxing", "tonghang"} <= set(part_pinyin("重庆同行"))
    assert part_pinyin("连心桥") == []


def test_a_long_run_of_one_character_is_indexed_at_once():
    """jieba's HMM was quadratic in a stretch it has no word for: 99,000 of 党 in a story took 46 s
    of the build's search step (five such cases: minutes). Given to it in pieces: about a second."""
    import subprocess
    import sys

    code = ("from brandsite.site import search_terms\n"
            "print(search_terms.tail('<p>' + '党' * 99_000 + '。推行网格化管理</p>', None))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20)
    assert out.returncode == 0 and "bs-search-words" in out.stdout, (out.stdout[-300:], out.stderr[-500:])


def test_a_name_with_a_character_pypinyin_cannot_read_is_spelled_without_it():
    """㐂 and 瓧 have no reading in pypinyin: a name holding one stopped the build with an
    IndexError in the search step."""
    assert search_terms.pinyin_terms("㐂连心") == ["lianxin", "lx"]
    assert "dangjianpinpai" in search_terms.tail("<p>x</p>", "嗧桛烪瓧瓰瓱党建品牌")
