"""The web editor's config.yml comes from schema.py; its page loads nothing from other hosts."""

from __future__ import annotations

import json
import re

import yaml

from brandsite import cms
from brandsite.content import schema
from brandsite.content.model import STAGES
from tests.conftest import CASE_MD, check, messages

CATEGORIES = ["机关", "社区", "两新组织"]


def collection(cfg, name):
    return next(c for c in cfg["collections"] if c["name"] == name)


def by_name(fields):
    return {f["name"]: f for f in fields}


def test_every_brand_field_comes_from_the_schema():
    cfg = yaml.safe_load(cms.config_yaml(CATEGORIES))
    brands = collection(cfg, "brands")
    data = schema.brand_schema(tuple(CATEGORIES))
    fields = by_name(brands["fields"])
    # Every property, in the schema's order (the order the CMS writes the keys in).
    assert [f["name"] for f in brands["fields"]] == list(data["properties"])
    for name, prop in data["properties"].items():
        assert fields[name]["label"] == prop["title"], name
        assert fields[name]["required"] is (name in data["required"]), name
    assert fields["category"]["widget"] == "select" and fields["category"]["options"] == CATEGORIES
    assert fields["stage"]["widget"] == "select" and fields["stage"]["options"] == list(STAGES)
    # visibility's English values shown by what they mean, public unless chosen otherwise (it offered public/internal)
    assert fields["visibility"]["options"] == [{"label": "公开（对外网站和内网都显示）", "value": "public"},
                                               {"label": "内部（只在内网显示）", "value": "internal"}]
    assert "default" not in fields["visibility"] and fields["visibility"]["hint"] == "不选时按“公开”处理"
    assert "；" in fields["name"]["hint"] and ";" not in fields["name"]["hint"]  # Chinese punctuation in hints
    for name in ("carriers", "metrics", "timeline", "goals"):
        assert fields[name]["widget"] == "list", name
    assert fields["carriers"]["min"] == 1
    assert by_name(fields["carriers"]["fields"])["name"]["required"] is True
    assert by_name(fields["carriers"]["fields"])["description"]["required"] is False
    assert by_name(fields["metrics"]["fields"])["value"]["value_type"] == "float"
    assert by_name(fields["goals"]["fields"])["items"]["field"]["widget"] == "string"
    assert fields["established"] == {**fields["established"], "widget": "number", "value_type": "int",
                                     "min": schema.FIRST_YEAR, "max": schema.YEAR_MAX}
    assert by_name(fields["named"]["fields"])["date"]["format"] == "YYYY-MM-DD"
    assert fields["name"]["minlength"] == schema.NAME_MIN and fields["name"]["maxlength"] == schema.NAME_MAX
    assert "例如：某某区税务局机关党委" in fields["organization"]["hint"]
    assert fields["partners"]["widget"] == "relation" and fields["partners"]["collection"] == "brands"
    # The logo is saved into the brand's own folder, its name relative to brand.yml.
    assert fields["logo"]["widget"] == "image"
    assert brands["media_folder"] == "" and brands["public_folder"] == ""
    assert brands["folder"] == "brands" and brands["path"] == "{{slug}}/brand" and brands["format"] == "yaml"
    assert brands["slug"]["pattern"][0] == schema.SLUG_PATTERN


def test_a_changed_schema_changes_the_config(monkeypatch):
    original = schema.brand_schema

    def wider(categories):
        data = original(categories)
        data["properties"]["motto"] = {"type": "string", "title": "支部格言", "examples": ["实干"]}
        data["required"].append("motto")
        return data

    monkeypatch.setattr(schema, "brand_schema", wider)
    fields = by_name(collection(cms.config(), "brands")["fields"])
    assert fields["motto"]["label"] == "支部格言" and fields["motto"]["required"] is True


def test_cases_are_saved_under_the_chosen_brand():
    cfg = cms.config(CATEGORIES, brands_dir="content/brands/")
    cases = collection(cfg, "cases")
    assert cases["folder"] == "content/brands"
    assert cases["path"] == "{{brand}}/cases/{{slug}}" and cases["extension"] == "md"
    fields = by_name(cases["fields"])
    assert cases["fields"][0]["name"] == "brand" and fields["brand"]["widget"] == "relation"
    assert fields["brand"]["required"] is True
    data = schema.case_schema()
    for name, prop in data["properties"].items():
        assert fields[name]["label"] == prop["title"]
        assert fields[name]["required"] is (name in data["required"] or name == "brand")
    assert fields["photos"]["widget"] == "list" and fields["photos"]["field"]["pattern"][0] == r"^\.\./photos/[^/]+$"
    assert cases["fields"][-1] == {**cases["fields"][-1], "name": "body", "widget": "markdown"}
    story = collection(cfg, "stories")
    assert story["path"] == "{{slug}}/story" and story["folder"] == "content/brands"


def test_brand_field_of_a_case_must_name_its_folder(tree):
    tree.brand()
    tree.write("lian-xin-qiao/cases/tui-shui.md", CASE_MD.replace("---\ntitle:", "---\nbrand: lian-xin-qiao\ntitle:", 1))
    assert messages(check(tree)[1]) == []
    tree.write("lian-xin-qiao/cases/tui-shui.md", CASE_MD.replace("date:", "brand: hong-qiao\ndate:", 1))
    assert messages(check(tree)[1]) == [
        "brands/lian-xin-qiao/cases/tui-shui.md:3: brand（所属品牌）写的是“hong-qiao”，但这个案例在品牌文件夹 "
        "lian-xin-qiao/ 里。请改成 lian-xin-qiao，或把案例文件移到 hong-qiao/cases/"]


def test_admin_policy_allows_no_other_host_and_no_eval():
    policy = cms.admin_policy({})
    assert "unsafe-eval" not in policy and "wasm-unsafe-eval" not in policy
    assert not re.search(r"https?:", policy)
    assert "script-src 'self';" in policy
    team = cms.admin_policy({"name": "gitea", "repo": "dangjian/site", "api_root": "https://git.example.internal/api/v1",
                             "base_url": "https://git.example.internal"})
    assert "connect-src 'self' data: blob: https://git.example.internal;" in team
    assert re.findall(r"https?://[^ ;]+", team) == ["https://git.example.internal"]


def test_admin_page_has_its_own_policy_and_the_vendored_bundle():
    page = cms.admin_page("党建品牌展示", None)
    assert f'content="{cms.admin_policy(None)}"' in page.replace("&#x27;", "'")
    assert '<script src="sveltia-cms.js"></script>' in page and "http" not in page.replace('http-equiv', '')
    out = {src: (content, path) for src, content, path in cms.files(CATEGORIES)}
    assert {"admin/index.html", "admin/config.yml", "admin/sveltia-cms.js", "admin/chunks/react-dom.js",
            "admin/locales/zh-CN.json", "admin/LICENSE.txt",
            "admin/fonts/material-symbols-outlined-latin-wght-normal.woff2"} <= set(out)


def test_vendored_bundle_is_pinned_and_patched_to_stay_on_this_host():
    meta = json.loads((cms.VENDOR / "package.json").read_text(encoding="utf-8"))
    assert meta["name"] == "@sveltia/cms" and re.fullmatch(r"\d+\.\d+\.\d+", meta["version"])
    assert (cms.VENDOR / "LICENSE.txt").read_text(encoding="utf-8").startswith("MIT License")
    bundle = (cms.VENDOR / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in bundle  # fonts
    assert "USe=`./locales`" in bundle  # translations
    assert "import(`${JW(e)}/${t}`)" not in bundle  # helper modules from unpkg.com
    assert "sourceMappingURL" not in bundle


def test_editor_only_for_staff():
    team = {"name": "gitea", "repo": "dangjian/site", "api_root": "https://git.example.internal/api/v1"}
    assert cms.enabled("internal", serving=False, backend=team)
    assert cms.enabled("public", serving=True) and cms.enabled("internal", serving=True)
    assert not cms.enabled("public", serving=False) and not cms.enabled("public", serving=False, backend=team)
    # An internal build with no Git host to sign in to has no editor (its login could only fail).
    assert not cms.enabled("internal", serving=False) and not cms.enabled("internal", serving=False, backend={})


def test_no_stock_photo_sites_are_offered():
    from brandsite import cms

    assert cms.config()["media_libraries"] == {"stock_assets": False}
