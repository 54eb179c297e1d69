"""The web editor at /admin/: Sveltia CMS, its config.yml made from schema.py. No MkDocs imports.

Sveltia CMS is a Git-based CMS: it reads and writes the files of the brands/
folder itself (a local checkout through the browser's File System Access API,
or a Gitea/Forgejo, GitLab or GitHub repository through its API). Its
config.yml is generated here from the same JSON Schema the checker validates
with, so the editor's fields, labels, hints and required flags cannot drift
from what `brandsite check` accepts.

The bundle is vendored (vendor/sveltia-cms/, see its VENDOR.md): the editor
loads nothing from other hosts, and the build needs no network.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .content import schema
from .content.model import DEFAULT_CATEGORIES, NAMED_STAGES

VENDOR = Path(__file__).parent / "vendor" / "sveltia-cms"
TEMPLATE = Path(__file__).parent / "templates" / "brandsite" / "admin.html"
ADMIN = "admin"
ACCEPT_IMAGES = "image/svg+xml,image/png,image/jpeg,image/webp"
# The slug field Sveltia shows for a new entry: the folder (brand) or file (case) name.
SLUG_HINT = "只能用小写字母、数字和连字符，例如 hong-qiao。保存后就是网址的一部分，不能再改"
SLUG_MESSAGE = "只能用小写字母、数字和连字符，以字母或数字开头和结尾"
# The one field the CMS adds to a case: which brand folder the case file is saved in.
CASE_BRAND_FIELD = "brand"


def enabled(audience: str, serving: bool, backend: dict | None = None) -> bool:
    """The editor is for staff: the preview (`mkdocs serve`, where one person edits the local
    checkout), and an internal build whose team has a Git host (cms_backend); never a public one.
    An internal build without one would offer a login to a host it does not have."""
    return serving or (audience == "internal" and bool(backend))


# -- fields -----------------------------------------------------------------


CHOICE_LABELS = {"public": "公开（对外网站和内网都显示）", "internal": "内部（只在内网显示）"}


def _hint(prop: dict) -> str:
    parts = []
    if prop.get("description"):
        parts.append(prop["description"])
    if prop.get("minLength", 0) > 1:
        parts.append(f"至少 {prop['minLength']} 个字")
    if prop.get("maxLength"):
        parts.append(f"最多 {prop['maxLength']} 个字")
    example = (prop.get("examples") or [None])[0]
    if isinstance(example, str) and example not in ("……",) and prop.get("type") == "string" and "enum" not in prop:
        parts.append(f"例如：{example}")
    return "；".join(parts)


def _field(name: str, prop: dict, required: bool, overrides: dict) -> dict:
    """One Sveltia field for one JSON Schema property."""
    field: dict = {"name": name, "label": prop.get("title", name)}
    kind = prop.get("type")
    if "enum" in prop:
        # visibility's values are English words: each shown by what it means
        options = [{"label": CHOICE_LABELS[v], "value": v} if v in CHOICE_LABELS else v for v in prop["enum"]]
        field.update(widget="select", options=options)
    elif kind == "boolean":
        field.update(widget="boolean")
    elif kind in ("integer", "number"):
        field.update(widget="number", value_type="int" if kind == "integer" else "float")
        if "minimum" in prop:
            field["min"] = prop["minimum"]
        if "maximum" in prop:
            field["max"] = prop["maximum"]
    elif kind == "string" and prop.get("pattern") == schema.DATE_PATTERN:
        # Saved as YYYY-MM-DD, like the dates editors type by hand.
        field.update(widget="datetime", type="date", format="YYYY-MM-DD")
    elif kind == "string":
        field["widget"] = "string"
        if prop.get("minLength", 0) > 1:
            field["minlength"] = prop["minLength"]
        if prop.get("maxLength"):
            field["maxlength"] = prop["maxLength"]
        if prop.get("pattern"):
            field["pattern"] = [prop["pattern"], SLUG_MESSAGE if prop["pattern"] == schema.SLUG_PATTERN else "格式不对"]
    elif kind == "object":
        required_inner = set(prop.get("required", []))
        field.update(widget="object", fields=[_field(k, v, k in required_inner, {}) for k, v in prop["properties"].items()])
    elif kind == "array":
        items = prop["items"]
        field["widget"] = "list"
        if items.get("type") == "object":
            inner = set(items.get("required", []))
            field["fields"] = [_field(k, v, k in inner, {}) for k, v in items["properties"].items()]
            field["label_singular"] = items.get("title", field["label"])
            field["collapsed"] = False
        else:
            field["field"] = _field(name, items, True, {})
            field["field"]["label"] = items.get("title", field["label"])
        if prop.get("minItems"):
            field["min"] = prop["minItems"]
    hint = _hint(prop)
    if hint:
        field["hint"] = hint
    field["required"] = required
    field.update(overrides.get(name, {}))
    if field.get("widget") not in ("list", "object"):  # a list turned relation or image by an override
        for key in ("field", "fields", "label_singular", "collapsed"):
            field.pop(key, None)
    if field.get("widget") in ("relation", "image"):  # a string turned relation or image: it picks, not types
        for key in ("minlength", "maxlength", "pattern"):
            field.pop(key, None)
    return field


def _fields(data: dict, overrides: dict) -> list[dict]:
    required = set(data.get("required", []))
    return [_field(name, prop, name in required, overrides) for name, prop in data["properties"].items()]


def brand_fields(categories) -> list[dict]:
    named = "、".join(NAMED_STAGES)
    brand_ref = {"widget": "relation", "collection": "brands", "value_field": "{{slug}}",
                 "search_fields": ["name"], "display_fields": ["name"], "multiple": True}
    overrides = {
        "category": {"hint": "本站的类别（mkdocs.yml 的 categories）"},
        "stage": {"hint": f"阶段为{named}时，必须填写下面的“命名信息”，并至少有一个公开的案例"},
        "named": {"hint": f"阶段为{named}时必填：命名日期和命名文件"},
        "logo": {"widget": "image", "accept": ACCEPT_IMAGES, "choose_url": False,
                 "hint": "SVG、PNG、JPG 或 WebP，保存在本品牌的文件夹里；最好接近方形（网站在方框里显示标识）"},
        # Markdown, kept as the editor types it: a plain text box, saved as a YAML block.
        "connotation": {"widget": "text", "hint": f"可以用 Markdown；至少 {schema.CONNOTATION_MIN} 个字"},
        "carriers": {"summary": "{{fields.name}}"},
        "partners": {**brand_ref, "hint": "结对共建的其他品牌"},
        "reviewed_similar": {**brand_ref, "hint": "审核人确认不是重复的相似品牌；只由审核人填写"},
        "contact": {"hint": "联系人和电话不会出现在公开网站上"},
        "visibility": {"hint": "不选时按“公开”处理"},
    }
    fields = _fields(schema.brand_schema(tuple(categories)), overrides)
    for field in fields:
        if field["name"] in ("carriers",):
            for inner in field["fields"]:
                if inner["name"] == "description":
                    inner["widget"] = "text"
    return fields


def case_fields() -> list[dict]:
    overrides = {
        # Sveltia saves an upload in a folder relative to the entry, but not in a parent of it
        # (../photos is stripped to cases/photos/), nor in a folder named after a field:
        # the photos stay paths, put into photos/ with Git or a file manager.
        "photos": {"field": {"name": "photos", "label": "照片路径", "widget": "string",
                             "pattern": [r"^\.\./photos/[^/]+$", "写成 ../photos/文件名"]},
                   "hint": "先把照片放进本品牌的 photos/ 文件夹，再在这里写 ../photos/文件名"},
        "summary": {"widget": "text"},
        "visibility": {"hint": "不选时按“公开”处理"},
    }
    # Optional in the format; the editor needs it to know which brand folder the file goes into.
    overrides[CASE_BRAND_FIELD] = {
        "widget": "relation", "collection": "brands", "value_field": "{{slug}}", "search_fields": ["name"],
        "display_fields": ["name"], "required": True, "hint": "案例保存在这个品牌的 cases/ 文件夹里；保存后不能再改"}
    body = {"name": "body", "label": "正文", "widget": "markdown", "required": True, **NO_UPLOADS,
            "hint": "讲清楚遇到了什么问题、党员们做了什么、取得了什么效果。插入照片的写法见编辑指南的“网页编辑器”"}
    fields = _fields(schema.case_schema(), overrides)
    brand = next(f for f in fields if f["name"] == CASE_BRAND_FIELD)  # chosen first
    return [brand, *(f for f in fields if f is not brand), body]


# The rich text editor's image button would upload next to the entry (into cases/), where the
# check refuses anything but .md files: Markdown bodies get no editor components.
NO_UPLOADS = {"editor_components": []}


def _slug(hint: str = SLUG_HINT) -> dict:
    return {"editable": ["create"], "hint": hint, "pattern": [schema.SLUG_PATTERN, SLUG_MESSAGE]}


# -- config -------------------------------------------------------------------


# Without cms_backend only the preview has the editor (enabled()): Sveltia needs some Git backend
# to offer 使用本地仓库, and the policy lets the page reach no host but the preview's own.
DEFAULT_BACKEND = {"name": "gitea", "repo": "dangjian/brandsite"}


def config(categories=DEFAULT_CATEGORIES, *, brands_dir: str = "brands", backend: dict | None = None,
           site_name: str = "党建品牌展示", site_url: str = "", url_prefix: str = "brands") -> dict:
    """Sveltia CMS's config.yml as a dict."""
    brands = brands_dir.strip("/")
    prefix = url_prefix.strip("/")
    cfg: dict = {
        "app_title": f"{site_name} · 内容编辑",
        "backend": dict(backend or DEFAULT_BACKEND),
        # Uploads go next to the entry (the brand's own folder); paths in the files are relative.
        "media_folder": "",
        "public_folder": "",
        # No stock-photo sites (Pexels, Unsplash, …): the editor must work, and offer nothing, offline.
        "media_libraries": {"stock_assets": False},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "none", "indent_sequences": True}},
        "editor": {"preview": False},
        "collections": [
            {
                "name": "brands", "label": "品牌", "label_singular": "品牌",
                # The preview lists the check's problems in a red box at the top of the gallery.
                "description": f"每个品牌一个文件夹（{brands}/文件夹名/），资料保存在其中的 brand.yml。"
                f"保存后，预览网站的“品牌展示”页（/{prefix}/）顶部会列出检查发现的问题",
                "folder": brands, "path": "{{slug}}/brand", "extension": "yml", "format": "yaml",
                "identifier_field": "name", "summary": "{{name}}（{{category}} · {{stage}}）",
                "slug": _slug(), "media_folder": "", "public_folder": "",
                "sortable_fields": ["name", "category", "stage", "established"],
                "view_groups": [{"label": "类别", "field": "category"}, {"label": "阶段", "field": "stage"}],
                "fields": brand_fields(categories),
            },
            {
                "name": "cases", "label": "典型案例", "label_singular": "案例",
                "description": "案例保存在所属品牌的 cases/ 文件夹里，一个案例一个 Markdown 文件",
                "folder": brands, "path": "{{" + CASE_BRAND_FIELD + "}}/cases/{{slug}}", "extension": "md",
                "format": "frontmatter", "identifier_field": "title", "summary": "{{title}}（{{date}}）",
                "slug": _slug("案例文件名：只能用小写字母、数字和连字符，例如 yi-zhang-qing-dan。保存后不能再改"),
                "media_folder": "", "public_folder": "",
                "sortable_fields": ["title", "date"],
                "view_groups": [{"label": "所属品牌", "field": CASE_BRAND_FIELD}],
                "fields": case_fields(),
            },
            {
                "name": "stories", "label": "品牌故事", "label_singular": "品牌故事",
                "description": "品牌页上的长篇介绍（story.md，可选）。先建好品牌，再用品牌的文件夹名新建",
                "folder": brands, "path": "{{slug}}/story", "extension": "md", "format": "frontmatter",
                "identifier_field": "body", "summary": "{{slug}}", "slug": _slug("填写品牌的文件夹名，例如 hong-qiao"),
                "fields": [{"name": "body", "label": "正文", "widget": "markdown", "required": True, **NO_UPLOADS,
                            "hint": "插入照片的写法见编辑指南的“网页编辑器”"}],
            },
        ],
    }
    if site_url:  # the "view on site" links; without it, the origin /admin/ is served from
        cfg["site_url"] = site_url.rstrip("/")
    return cfg


def config_yaml(*args, **kwargs) -> str:
    header = ("# Generated by brandsite from plugins/brandsite/content/schema.py (the checker's schema). Do not edit:\n"
              "# change the schema or the plugin's cms_backend option instead.\n")
    return header + yaml.safe_dump(config(*args, **kwargs), allow_unicode=True, sort_keys=False, width=1000)


# -- page -------------------------------------------------------------------------

# Sveltia CMS is a single-page app: it injects its own <style> elements (style-src
# 'unsafe-inline', as on every page of the site), shows chosen images before they are
# saved through blob: URLs (img-src/media-src blob:, and it reads them back with fetch:
# connect-src data: blob:, which are not hosts), and encodes images in a worker it
# starts from a blob: URL (worker-src blob:). It needs no eval and no WebAssembly.
# connect-src adds the origin of a team's Git host (the backend's api_root) and nothing else.
# No hashes for inline scripts: the one `mkdocs serve` injects (livereload) stays blocked here,
# which is wanted, since it would reload the editor, and lose what is typed, on every save.
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; "
    "connect-src 'self' data: blob:{hosts}; worker-src 'self' blob:; frame-src 'self' blob:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def backend_origins(backend: dict | None) -> list[str]:
    origins = []
    for key in ("api_root", "base_url"):
        value = (backend or {}).get(key)
        if value:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") and parts.netloc:
                origin = f"{parts.scheme}://{parts.netloc}"
                if origin not in origins:
                    origins.append(origin)
    return origins


def admin_policy(backend: dict | None) -> str:
    return ADMIN_POLICY.format(hosts="".join(" " + o for o in backend_origins(backend)))


def admin_page(site_name: str, backend: dict | None) -> str:
    from html import escape

    text = TEMPLATE.read_text(encoding="utf-8")
    return (text.replace("{{ policy }}", escape(admin_policy(backend), quote=True))
                .replace("{{ title }}", escape(f"{site_name} · 内容编辑")))


def files(categories, *, brands_dir: str = "brands", backend: dict | None = None, site_name: str = "党建品牌展示",
          site_url: str = "", url_prefix: str = "brands") -> list[tuple[str, str | None, Path | None]]:
    """What goes under admin/: (path in the site, text content or None, source file or None)."""
    out: list[tuple[str, str | None, Path | None]] = [
        (f"{ADMIN}/index.html", admin_page(site_name, backend), None),
        (f"{ADMIN}/config.yml", config_yaml(categories, brands_dir=brands_dir, backend=backend, site_name=site_name,
                                             site_url=site_url, url_prefix=url_prefix), None),
    ]
    # The vendored bundle, fonts, translations and licences, served beside the page.
    for path in sorted(VENDOR.rglob("*")):
        if path.is_file() and path.name != "package.json":
            out.append((f"{ADMIN}/{path.relative_to(VENDOR).as_posix()}", None, path))
    return out


def vendored_version() -> str:
    return json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))["version"]
