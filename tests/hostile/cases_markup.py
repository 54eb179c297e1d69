"""Hostile corpus cases: markup in plain fields and prose, and references to internal photos. See corpus.py."""

from __future__ import annotations

from tests.hostile.corpus import MARKER, brand, case, case_file, png_bytes

# -- class 1: plain text fields become live HTML --------------------------------

FIELD_PAYLOADS = {
    "svg-onload": "<svg onload=alert(1)",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "attr-break": '"><img src=x onerror=alert(1)>',
    "single-quote": "'><svg/onload=alert(1)>",
    "title-break": "</title><script>alert(1)</script>",
    "md-link": "[点我](javascript:alert(1))",
    "entity": "&lt;img src=x onerror=alert(1)&gt;",
    "template": "{{ 7*7 }}{% raw %}",
    # in the slogan, this lands in <meta name="description" content="…">, inside <head>
    "csp-text": "护一段 http-equiv=Content-Security-Policy",
}


def _field_brand(key: str, payload: str):
    slug = f"field-{key}"

    def write(brands):
        # The name must stay within 2-20 characters: the payload goes in as far as it fits.
        folder = brand(
            brands, slug, name=("名" + payload)[:20], slogan=payload, organization=payload + "党支部",
            region=payload, tags=[payload], cluster=("群" + payload)[:20].strip(),
            carriers=[{"name": payload[:20], "description": payload}],
            metrics=[{"label": payload, "value": 1, "unit": payload}],
            timeline=[{"date": "2021-01-01", "event": payload}],
            goals=[{"year": 2024, "items": [payload]}],
            stage="命名", named={"date": "2021-12-20", "document": payload}, featured=True,
        )
        case_file(folder, "an-li", body="正文。", title=payload, summary=payload)

    return write


for _key, _payload in FIELD_PAYLOADS.items():
    case(f"field-{_key}", 1, "built")(_field_brand(_key, _payload))


# -- class 2: Markdown prose gets past the checker ------------------------------

PROSE_PAYLOADS = {
    "attr-list-heading": "## 标题 { autofocus onfocus=alert(1) }\n",
    "attr-list-link": "[点我](#){ onclick=alert(1) }\n",
    "split-tag": "<img src=x\nonerror=alert(1)>\n",
    "indented-fence": "    ```\n<img src=x onerror=alert(1)>\n",
    "inline-fence": "```a```\n<img src=x onerror=alert(1)>\n",
    "entity-scheme": "[点我](java&#115;cript:alert(1))\n\n[再点](javascript&colon;alert(1))\n",
    "tab-scheme": "<a href=\"java\tscript:alert(1)\">点我</a>\n\n<a href=\"java\nscript:alert(1)\">再点</a>\n",
    "reference-link": "[点我][1]\n\n[1]: javascript:alert(1)\n",
    "table-cell": "| 甲 | 乙 |\n| - | - |\n| [点我](javascript:alert(1)) | 丙 |\n",
    "data-url": "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n",
    "script": "<script>alert(1)</script>\n",
    "iframe-srcdoc": "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n",
    "svg-inline": "<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>\n",
    "style-tag": "<style>body{display:none}</style>\n",
    "form": "<form action=javascript:alert(1)><button>提交</button></form>\n",
    "object": "<object data=\"javascript:alert(1)\"></object>\n",
    "meta-refresh": "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">\n",
    "base-href": "<base href=\"javascript:alert(1)//\">\n",
    "details-toggle": "<details open ontoggle=alert(1)><summary>x</summary></details>\n",
    "uppercase": "<IMG SRC=x ONERROR=alert(1)>\n",
    "nested-markdown": "<div markdown=\"1\">[点我](javascript:alert(1))</div>\n",
    "pagefind-meta": "<span data-pagefind-meta=\"title:冒充的标题\">文字</span>\n",
    "pagefind-body": "<div data-pagefind-body data-pagefind-filter=\"category:假\">文字</div>\n",
    "comment-break": "<!--><img src=x onerror=alert(1)>-->\n",
    "svg-use": "<svg><use href=\"data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48aW1hZ2UgaHJlZj0nMScgb25lcnJvcj0nYWxlcnQoMSknLz48L3N2Zz4=#x\"/></svg>\n",
    # text that spells out the policy's tag: the page must keep its policy all the same
    "csp-text": "说明:页面头部写有 http-equiv=\"Content-Security-Policy\" 一行。\n",
    "noscript": "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\n",
    # controls written as character references, which nh3 makes the characters themselves: a number
    # shown reversed (a phone the privacy check never saw), and what XML (feed, application form) refuses
    "char-references": "联系 &#8238;87654321931&#8236; 咨询。\n\n![值班电话 &#x2066;甲&#x2069;](x.png)\n\n控制&#1;字符&#xFFFE;。\n",
}


def _prose_brand(key: str, payload: str):
    slug = f"prose-{key}"

    def write(brands):
        text = "这是一段正常的文字。\n\n" + payload
        folder = brand(brands, slug, stage="命名", named={"date": "2021-12-20", "document": "测〔2021〕2号"},
                       more_connotation=payload)
        (folder / "story.md").write_text("# 故事\n\n" + text, encoding="utf-8")
        case_file(folder, "an-li", body=text)

    return write


for _key, _payload in PROSE_PAYLOADS.items():
    case(f"prose-{_key}", 2, "built")(_prose_brand(_key, _payload))


# -- class 4: a photo referenced only by internal content is never published ----

def _marked_png(n: int) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"{MARKER}-{n}")
    return png_bytes((40 + n, 40), (10 * n % 255, 80, 160), pnginfo=info)


REFERENCE_FORMS = {
    "inline": "![内部](../photos/{f})",
    "reference": "![内部][p]\n\n[p]: ../photos/{f}",
    "percent": "![内部](../photos/{q})",
    "html-img": "<img src=\"../photos/{f}\" alt=\"内部\">",
    "srcset": "<picture><source srcset=\"../photos/{f}\"><img src=\"../photos/x-missing.png\"></picture>",
    "plain-link": "[下载](../photos/{f})",
    "dot-segments": "![内部](../photos/./../photos/{f})",
    "entity": "<img src=\"../photos/&#{code};{rest}\">",
}


@case("internal-photo-references", 4, "built")
def _internal_photo_references(brands):
    folder = brand(brands, "nei-bu-zhao-pian", stage="命名", named={"date": "2021-12-20", "document": "测〔2021〕3号"})
    case_file(folder, "gong-kai", body="公开案例，没有照片。")
    for n, (form, pattern) in enumerate(REFERENCE_FORMS.items(), 1):
        name = f"nei bu {n}.png" if form == "percent" else f"nei-bu-{n}.png"
        (folder / "photos").mkdir(exist_ok=True)
        (folder / "photos" / name).write_bytes(_marked_png(n))
        body = pattern.format(f=name, q=name.replace(" ", "%20"), code=ord(name[0]), rest=name[1:])
        case_file(folder, f"nei-bu-{n}", body=f"{MARKER} 内部案例正文。\n\n{body}\n", visibility="internal",
                  title=f"内部案例{n}{MARKER}", summary=MARKER)
    # Front matter photo of an internal case, too.
    (folder / "photos" / "qian-zhi.png").write_bytes(_marked_png(20))
    case_file(folder, "nei-bu-qian-zhi", body="内部。", visibility="internal", photos=["../photos/qian-zhi.png"],
              title="内部案例前置")


@case("internal-brand", 4, "built")
def _internal_brand(brands):
    folder = brand(brands, "nei-bu-pin-pai", visibility="internal", slogan=MARKER, region=MARKER,
                   contact={"name": MARKER, "phone": "0000-0000000"})
    (folder / "story.md").write_text(f"# 故事\n\n{MARKER}\n", encoding="utf-8")


@case("hidden-prose", 4, "built")
def _hidden_prose(brands):
    """An editor's note hidden in prose (an HTML comment, a <style> or <template>): the page
    leaves it out, and so must the text made from the prose for the page's description,
    the share card and the poster (a case without a summary, and the connotation)."""
    note = f"内部备注 {MARKER} 信访人电话 0871-6543210"
    folder = brand(brands, "yin-cang-bei-zhu", stage="命名", named={"date": "2021-12-20", "document": "测〔2021〕4号"},
                   more_connotation=f"<!--\n{note}\n-->")
    case_file(folder, "xiu-lu", body=f"<!--\n{note}\n-->\n村里修好了路。\n\n<style>{MARKER}</style>\n\n"
                                     f"<template>{MARKER}</template>\n\n路边种上了树。\n\n"
                                     f"[备注]: https://intranet.example/x \"{MARKER} 待核实\"\n\n"
                                     f"<![CDATA[\n{MARKER}\n]]>\n\n</a\n{MARKER} 内部评价>再后来。")


@case("hidden-prose-definitions", 4, "built")
def _hidden_prose_definitions(brands):
    """Notes hidden where only Markdown's own reading finds them: a link definition inside a
    quote, in a list item, with its address or title on the next line, and a "</ " that a
    browser takes for a comment. The page hides all of them; so must its description, the
    share card and the poster."""
    folder = brand(brands, "yin-cang-ding-yi", stage="命名", named={"date": "2021-12-20", "document": "测〔2021〕5号"},
                   more_connotation=f"> [核实]: https://intranet.example/x \"{MARKER} 尚未核实\"")
    case_file(folder, "ye-hua", body=f"<div></ {MARKER} 当事人电话 139\n1234 5678 勿外传></div>\n\n"
                                     f"- [记]:\n   https://intranet.example/y \"{MARKER} 尚有两户未签字\"\n\n"
                                     f"[又记]: https://y\n\"{MARKER} 标题在下一行\"\n\n两户人家坐到了一起。")


@case("unreferenced-files", 3, "built")
def _unreferenced_files(brands):
    folder = brand(brands, "wei-yin-yong")
    photos = folder / "photos"
    photos.mkdir(exist_ok=True)
    (photos / "evil.html").write_text(f"<script>alert('{MARKER}')</script>", encoding="utf-8")
    (photos / "evil.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><text>{MARKER}</text></svg>',
                                     encoding="utf-8")
    (photos / "notes.txt").write_text(MARKER, encoding="utf-8")
    (photos / "unused.png").write_bytes(_marked_png(30))


# -- class 5: prose that Markdown would take minutes over, or recurse too deep on ----------


@case("prose-bracket-run", 5, "refused", "brands/prose-bracket-run/cases/an-li.md:", "标记符号")
def _bracket_run(brands):
    folder = brand(brands, "prose-bracket-run")
    case_file(folder, "an-li", body="正文。\n\n" + "[" * 20000)


@case("prose-link-run", 5, "refused", "brands/prose-link-run/story.md:", "标记符号")
def _link_run(brands):
    folder = brand(brands, "prose-link-run")
    (folder / "story.md").write_text("# 故事\n\n" + "[a](b " * 10000 + "\n", encoding="utf-8")


@case("prose-unclosed-tags", 5, "refused", "brands/prose-unclosed-tags/cases/an-li.md:", "层级嵌套超过 64 层")
def _unclosed_tags(brands):
    """Tags left open nest every later block in them: 12,000 made a page Chromium took 84 s to open."""
    folder = brand(brands, "prose-unclosed-tags")
    case_file(folder, "an-li", body="正文。\n\n" + "<b>\n\n" * 300 + "结尾。")


@case("prose-nested-list", 5, "refused", "brands/prose-nested-list/brand.yml:", "列表嵌套过深")
def _nested_list(brands):
    brand(brands, "prose-nested-list", more_connotation="".join("  " * i + "- 层\n" for i in range(100)))


# -- class 3: SVG logos that load or navigate when opened on their own --------------------

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml" viewBox="0 0 10 10">'
SVG_LOGOS = {
    "svg-xhtml-refresh": (SVG_HEAD + '<rect width="9" height="9"/><h:meta http-equiv="refresh" content="0;url=https://phish.example/"/></svg>',
                          "SVG 以外的元素"),
    "svg-style-tail": (SVG_HEAD + '<style><h:b/>@import url(https://evil.example/a.css);</style><rect width="9" height="9"/></svg>',
                       "外部资源"),
    "svg-filter-url": (SVG_HEAD + '<rect width="9" height="9" filter="url(https://evil.example/f.svg#f)"/></svg>', "外部资源"),
    "svg-mask-entity": (SVG_HEAD + '<rect width="9" height="9" mask="url(&#x68;ttps://evil.example/m.svg#m)"/></svg>', "外部资源"),
}


def _svg_logo(slug: str, svg: str):
    def write(brands):
        brand(brands, slug, logo=svg)
    return write


for _slug, (_svg, _word) in SVG_LOGOS.items():
    case(_slug, 3, "refused", f"brands/{_slug}/brand.yml:", _word)(_svg_logo(_slug, _svg))
