"""mkdocs.yml is content (the guide has editors change it, CI treats a change to it as content):
nothing in it may run code when it is read, nor make the pages load from another host or run
script. Check, build and serve refuse these at their line, before MkDocs ever reads the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from brandsite import configcheck, settings_text
from brandsite.cli import main
from brandsite.errors import BrandsiteError

REPO = Path(__file__).parents[1]
TAG = ("“!!{}”这个标签会让 MkDocs 在读取网站设置时运行 Python 代码，检查、构建和预览都不会读这样的设置。请删去这个标签，直接写值；"
       "网站设置里只能用 !ENV、!relative，以及 !!python/name: 加 material.、pymdownx.、markdown. 下的名称"
       "（例如 !!python/name:material.extensions.emoji.twemoji）")
HOOKS = "hooks（钩子）会让 MkDocs 运行其中列出的 Python 文件，网站设置里不能用。请删去 hooks 这一段；网站需要的功能请交给技术人员写进 brandsite 插件"
FONT = ("theme.font（字体）会让每个页面从外网（Google Fonts）加载字体：内网连不上，访客的访问也会被告知外部网站。"
        "网站不能从外网加载字体；请写 font: false，字体已经内置")
ANALYTICS = "extra.analytics（访问统计）会把访客的访问数据发到外部网站，内网上也连不上、会被拦下。请删去 extra 下的 analytics 这一段"
SCRIPT = "{} 的链接“{}”以 {}: 开头，不是网址，点开会运行脚本。请改成 https://、http:// 或 mailto: 开头的地址，或删去这一项"
ALTERNATE = ("extra.alternate 的链接“{}”写了网站地址，页面会去那里读取内容：另一个网站内网连不上，还会知道谁在访问。"
             "请写成本站内的路径，例如 link: /en/")
IMAGE = ("theme.{0}（{1}）写的是别的网站的地址“{2}”，每个页面都会去那里加载图片：内网连不上，那个网站还会知道谁在访问。"
         "请把图片放进 assets/images/，写成 {0}: images/文件名.svg")
MATERIAL = "theme:\n  name: material\n  font: false\n"
TEMPLATES = ("extra_templates（额外模板）会让 MkDocs 把列出的文件当作网页模板运行，模板能在构建时运行任意程序，网站设置里不能用。"
             "请删去 extra_templates 这一段；要加页面，请在 docs/ 里写 Markdown 页面")
CUSTOM_DIR = ("theme.custom_dir（主题文件夹）只能是 assets：那里的网页模板会在构建时运行，别的文件夹（“{}”）里的文件没有人把关。"
              "请写 custom_dir: assets，或删去这一行")
READER = ("markdown_extensions 里的“{}”会把页面以外的文件（不公开的品牌资料、电脑上的系统文件）或网上的内容原样放进公开页面，"
          "网站设置里不能用。请删去这一项；要放进页面的内容，请直接写在页面里")
OPTION = "markdown_extensions 里“{}”的 {} 选项会让扩展读取页面以外的文件或网上的内容，放进公开页面，网站设置里不能用。请删去这个选项"
OUTSIDE = "markdown_extensions 里“{}”的 {} 写的是“{}”，指向网站文件夹以外（绝对路径或 ../ 开头），网站设置里不能用。请删去这个选项"
PLUGIN = ("plugins 里的“{}”不是本网站用的插件：插件是构建时运行的程序，能读写网站以外的文件、连接外网。plugins 里只能写 brandsite，"
          "请删去这一项；需要的功能请交给技术人员写进 brandsite 插件")
JS = ("extra_javascript 里的“{}”会在网站的每个页面上运行脚本，网站设置里不能加脚本：网站自己的脚本都由 brandsite 插件提供。"
      "请删去这一项，没有别的项时删去整个 extra_javascript 段落")
CSS = ("extra_css 里的“{}”是别的网站的地址，页面会去那里加载样式：内网连不上，那个网站还会知道谁在访问。"
       "请把样式表放进 assets/stylesheets/，写成 stylesheets/文件名.css")
POLYFILL = ("extra.polyfills 里的“{}”会在网站的每个页面上运行脚本，网站设置里不能加脚本：网站自己的脚本都由 brandsite 插件提供。"
            "请删去这一项，没有别的项时删去整个 polyfills 段落")
FOLDER = "{}（{}）“{}”指向网站文件夹以外、隐藏文件夹（以 . 开头）或构建出的网站文件夹{}。请写 {}"
DOCS_DIR = ("docs_dir", "页面文件夹", "{}", "：那里的文件会原样发布到公开网站上", "docs_dir: docs")
BRANDS_DIR = ("brands_dir", "品牌文件夹", "{}", "，那里的文件没有人把关", "brands_dir: brands")
FONT_FILE = ("font", "字体文件", "{}", "，那里的文件没有人把关", "font: fonts/字体文件名.otf，字体文件放进网站文件夹")
CACHE_DIR = ("cache_dir（缓存文件夹）“{}”不在 .cache/ 下。构建会直接使用缓存里的文件（编译好的网页模板、处理过的标识和页面），"
             "放在别处的缓存能被人预先放进文件，让构建运行任意程序、让网站带上脚本。请写 cache_dir: .cache/brandsite，"
             "或删去这一行；要放到别的位置，请技术人员设置环境变量 BRANDSITE_CACHE_DIR")


def folder(kind, value):
    return FOLDER.format(*kind).format(value)


POLICY = ("brandsite 插件的 content_security_policy: false 会关掉公开网站的安全策略（Content-Security-Policy），"
          "页面里混进的脚本、别的网站的脚本都会运行。公开网站不能关掉它，请删去这一行")
# an intranet's: a warning, since zip and --audience public build the public site from the same settings
POLICY_INTERNAL = ("content_security_policy: false 关掉了安全策略。内网网站可以这样构建，但 brandsite zip 和 "
                   "brandsite build --audience public 会用同一份设置构建公开网站，那时会报错停下。"
                   "只构建内网网站就不用改；还要构建公开网站的话，请删去这一行")


@pytest.mark.parametrize("yml, files, said", [
    # what runs code when MkDocs reads the file
    ("site_name: 青川\nsite_description: !!python/object/apply:os.system ['touch PWNED']\n", {},
     ["mkdocs.yml:2: " + TAG.format("python/object/apply:os.system")]),
    ("site_name: 青川\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:os.system\n", {},
     ["mkdocs.yml:4: " + TAG.format("python/name:os.system")]),
    ("site_name: 青川\nextra:\n  x: !!python/module:os\n", {}, ["mkdocs.yml:3: " + TAG.format("python/module:os")]),
    # written another way, or inside MkDocs' own tag (whose default MkDocs constructs)
    ("%TAG !p! tag:yaml.org,2002:python/\n---\nsite_name: !p!object/apply:os.getcwd []\n", {},
     ["mkdocs.yml:3: " + TAG.format("python/object/apply:os.getcwd")]),
    ("site_name: 青川\nsite_url: !ENV [NO_SUCH_VARIABLE, !!python/object/apply:os.getcwd []]\n", {},
     ["mkdocs.yml:2: " + TAG.format("python/object/apply:os.getcwd")]),
    # a name the allowed call is handed is checked too
    ("site_name: 青川\nx: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: !!python/name:os.system }}\n", {},
     ["mkdocs.yml:2: " + TAG.format("python/name:os.system")]),
    ("site_name: 青川\nhooks:\n  - hooks/site.py\n", {}, ["mkdocs.yml:2: " + HOOKS]),
    ("site_name: 青川\nmarkdown_extensions:\n  - admonition\n  - site_code\n", {},
     ["mkdocs.yml:4: markdown_extensions 里的“site_code”不是已安装的 Markdown 扩展，MkDocs 会把它当成 Python 模块导入，运行其中的代码。"
      "请删去这一项，或改成已安装扩展的名字（例如 admonition、pymdownx.details）"]),
    # the file INHERIT names is read by MkDocs the same way
    ("INHERIT: base.yml\nsite_name: 青川\n", {"base.yml": "copyright: 青川\nhooks: [x.py]\nextra: {a: !!python/object/new:os.system [x]}\n"},
     ["base.yml:2: " + HOOKS, "base.yml:3: " + TAG.format("python/object/new:os.system")]),
    ("INHERIT: base.yml\nsite_name: 青川\n", {"base.yml": "INHERIT: mkdocs.yml\n"},
     ["base.yml:1: INHERIT 要写另一个设置文件的文件名，而且不能绕回已经读过的文件，构建会停下。请改正它，或删去 INHERIT，把那个文件里的设置直接写进 mkdocs.yml"]),
    ("INHERIT: base.yml\nsite_name: 青川\n", {"base.yml": "copyright: 青川\n".encode("utf-16")},
     ["base.yml:1: base.yml 读不出来（要是 UTF-8 编码、格式正确的 YAML 文件），构建会停下。请改正它，或删去 mkdocs.yml 的 INHERIT，把其中的设置直接写进 mkdocs.yml"]),
    # what makes the pages load from another host, or run script
    ("site_name: 青川\ntheme:\n  name: material\n  font:\n    text: Roboto\n", {}, ["mkdocs.yml:4: " + FONT]),
    ("site_name: 青川\ntheme:\n  name: material\n", {}, ["mkdocs.yml:2: " + FONT]),  # Material's default: Roboto
    ("site_name: 青川\ntheme: material\n", {}, ["mkdocs.yml:2: " + FONT]),
    ("INHERIT: base.yml\nsite_name: 青川\ntheme:\n  name: material\n", {"base.yml": "theme:\n  font: {text: Roboto}\n"},
     ["base.yml:2: " + FONT]),
    (f"site_name: 青川\n{MATERIAL}extra:\n  analytics:\n    provider: google\n    property: G-XXXXXXX\n", {},
     ["mkdocs.yml:6: " + ANALYTICS]),
    (f"site_name: 青川\n{MATERIAL}extra:\n  social:\n    - icon: fontawesome/brands/github\n      link: https://example.org/\n"
     "    - icon: fontawesome/solid/paper-plane\n      link: ' JavaScript:alert(document.domain)'\n", {},
     ["mkdocs.yml:10: " + SCRIPT.format("extra.social.link", "JavaScript:alert(document.domain)", "JavaScript")]),
    (f"site_name: 青川\n{MATERIAL}extra:\n  homepage: data:text/html,x\n", {},
     ["mkdocs.yml:6: " + SCRIPT.format("extra.homepage", "data:text/html,x", "data")]),
    (f"site_name: 青川\n{MATERIAL}extra:\n  alternate:\n    - {{name: 中文, link: /, lang: zh}}\n"
     "    - name: English\n      link: https://evil.example/\n      lang: en\n    - {name: x, link: //evil.example/, lang: x}\n", {},
     ["mkdocs.yml:9: " + ALTERNATE.format("https://evil.example/"), "mkdocs.yml:11: " + ALTERNATE.format("//evil.example/")]),
    # the header's logo and the tab's icon, which every page loads from where they are
    ("site_name: 青川\ntheme:\n  name: material\n  font: false\n  logo: https://evil.example/logo.png\n"
     "  favicon: ' //evil.example/favicon.ico'\n", {},
     ["mkdocs.yml:5: " + IMAGE.format("logo", "网站标识", "https://evil.example/logo.png"),
      "mkdocs.yml:6: " + IMAGE.format("favicon", "网站图标", "//evil.example/favicon.ico")]),
    ("site_name: 青川\ntheme: {name: material, font: false, logo: images/logo.svg, favicon: 'data:image/png;base64,AA=='}\n", {}, []),
    # templates: extra_templates are rendered unsandboxed, and so is custom_dir unless it is assets/
    ("site_name: 青川\nextra_templates:\n  - notes.md\n", {}, ["mkdocs.yml:2: " + TEMPLATES]),
    ("site_name: 青川\ntheme:\n  name: material\n  font: false\n  custom_dir: docs/x\n", {}, ["mkdocs.yml:5: " + CUSTOM_DIR.format("docs/x")]),
    ("site_name: 青川\ntheme: {name: material, font: false, custom_dir: ../}\n", {}, ["mkdocs.yml:2: " + CUSTOM_DIR.format("../")]),
    ("site_name: 青川\ntheme: {name: material, font: false, custom_dir: /srv/theme}\n", {}, ["mkdocs.yml:2: " + CUSTOM_DIR.format("/srv/theme")]),
    ("site_name: 青川\ntheme: {name: material, font: false, custom_dir: ''}\n", {}, ["mkdocs.yml:2: " + CUSTOM_DIR.format("")]),
    ("INHERIT: base.yml\nsite_name: 青川\n", {"base.yml": "theme:\n  name: material\n  font: false\n  custom_dir: !relative assets\n"},
     ["base.yml:4: " + CUSTOM_DIR.format("assets")]),  # the folder beside base.yml, which MkDocs makes absolute
    # extensions and options that put other files (brands/, /etc, a URL) into a page
    ("site_name: 青川\nmarkdown_extensions:\n  - admonition\n  - pymdownx.snippets:\n      base_path: [brands, /etc]\n"
     "      url_download: true\n  - pymdownx.b64\n  - pymdownx.snippets:SnippetExtension\n", {},
     ["mkdocs.yml:4: " + READER.format("pymdownx.snippets"), "mkdocs.yml:7: " + READER.format("pymdownx.b64"),
      "mkdocs.yml:8: " + READER.format("pymdownx.snippets:SnippetExtension")]),
    ("site_name: 青川\nmarkdown_extensions:\n  pymdownx.b64: {base_path: /}\n", {}, ["mkdocs.yml:3: " + READER.format("pymdownx.b64")]),
    ("site_name: 青川\nmarkdown_extensions:\n  - pymdownx.highlight:\n      check_paths: true\n      extend_pygments_lang:\n"
     "        - {name: a, lang: ../../secrets}\n        - name: b\n          lang: 'C:\\Windows'\n  - toc:\n      permalink: ~/x\n", {},
     ["mkdocs.yml:4: " + OPTION.format("pymdownx.highlight", "check_paths"),
      "mkdocs.yml:6: " + OUTSIDE.format("pymdownx.highlight", "extend_pygments_lang.0.lang", "../../secrets"),
      "mkdocs.yml:8: " + OUTSIDE.format("pymdownx.highlight", "extend_pygments_lang.1.lang", "C:\\Windows"),
      "mkdocs.yml:10: " + OUTSIDE.format("toc", "permalink", "~/x")]),
    # plugins: programs, brandsite only
    ("site_name: 青川\nplugins:\n  - brandsite\n  - material/info\n  - search\n  - privacy: {enabled: true}\n", {},
     ["mkdocs.yml:4: " + PLUGIN.format("material/info"), "mkdocs.yml:5: " + PLUGIN.format("search"),
      "mkdocs.yml:6: " + PLUGIN.format("privacy")]),
    ("site_name: 青川\nplugins:\n  brandsite: {}\n  material/social: {}\n", {}, ["mkdocs.yml:4: " + PLUGIN.format("material/social")]),
    # scripts: none from mkdocs.yml; style sheets: this site's only
    ("site_name: 青川\nextra_javascript:\n  - https://evil.example.com/x.js\n  - evil.js\n  - {path: m.js, type: module}\n", {},
     ["mkdocs.yml:3: " + JS.format("https://evil.example.com/x.js"), "mkdocs.yml:4: " + JS.format("evil.js"),
      "mkdocs.yml:5: " + JS.format("m.js")]),
    ("site_name: 青川\nextra_css:\n  - stylesheets/site.css\n  - https://evil.example/x.css\n  - //evil.example/y.css\n"
     "  - '\\\\evil.example/z.css'\n  - css/own.css\n", {},
     ["mkdocs.yml:4: " + CSS.format("https://evil.example/x.css"), "mkdocs.yml:5: " + CSS.format("//evil.example/y.css"),
      "mkdocs.yml:6: " + CSS.format("\\\\evil.example/z.css")]),
    # the policy: not off in a public build (the default audience)
    ("site_name: 青川\nplugins:\n  - brandsite:\n      posters: true\n      content_security_policy: false\n", {},
     ["mkdocs.yml:5: " + POLICY]),
    ("site_name: 青川\nplugins:\n  - brandsite:\n      audience: internal\n      content_security_policy: false\n", {},
     ["mkdocs.yml:5: " + POLICY_INTERNAL]),
    ("site_name: 青川\nplugins:\n  - brandsite:\n      content_security_policy: true\n", {}, []),
    # Material's polyfills are <script src> on every page: a docs/ .txt ran as script under script-src 'self'
    ("site_name: 青川\nextra:\n  polyfills:\n    - poly.txt\n    - https://evil.example/p.js\n", {},
     ["mkdocs.yml:4: " + POLYFILL.format("poly.txt"), "mkdocs.yml:5: " + POLYFILL.format("https://evil.example/p.js")]),
    # folders and files the build publishes, reads or trusts: in the site's folder, the cache only in .cache/
    ("site_name: 青川\ndocs_dir: /srv/private\nplugins:\n  - brandsite:\n      brands_dir: ../other/brands\n"
     "      font: /etc/passwd\n      cache_dir: brands/.c\n", {},
     ["mkdocs.yml:2: " + folder(DOCS_DIR, "/srv/private"), "mkdocs.yml:5: " + folder(BRANDS_DIR, "../other/brands"),
      "mkdocs.yml:6: " + folder(FONT_FILE, "/etc/passwd"), "mkdocs.yml:7: " + CACHE_DIR.format("brands/.c")]),
    ("site_name: 青川\ndocs_dir: .git\nplugins:\n  - brandsite:\n      brands_dir: .cache/brandsite\n"
     "      cache_dir: !ENV [NO_SUCH_VARIABLE, /tmp/c]\n  - brandsite: {cache_dir: docs/.cache}\n", {},
     ["mkdocs.yml:2: " + folder(DOCS_DIR, ".git"), "mkdocs.yml:5: " + folder(BRANDS_DIR, ".cache/brandsite"),
      "mkdocs.yml:6: " + CACHE_DIR.format("/tmp/c"), "mkdocs.yml:7: " + CACHE_DIR.format("docs/.cache")]),
    ("site_name: 青川\ndocs_dir: docs/link\nplugins:\n  - brandsite: {cache_dir: .cache/../brands, font: !relative x.otf}\n",
     {"outside/x.md": "# x\n"}, ["mkdocs.yml:2: " + folder(DOCS_DIR, "docs/link"), "mkdocs.yml:4: " + folder(FONT_FILE, "x.otf"),
                               "mkdocs.yml:4: " + CACHE_DIR.format(".cache/../brands")]),
    ("site_name: 青川\ndocs_dir: ./docs/\nplugins:\n  - brandsite: {brands_dir: brands, cache_dir: ./.cache/site-a/, font: fonts/a.otf}\n", {}, []),
    # the site's own theme folder, style sheets and plugin, written as the sample writes them or as another spells them
    ("site_name: 青川\ntheme: {name: material, font: false, custom_dir: ./assets/}\nextra_css: [stylesheets/site.css, /css/x.css]\n"
     "plugins:\n  - brandsite:\n      audience: public\n", {"assets/stylesheets/site.css": "a{}"}, []),
    # what stays: MkDocs' own tags, the names the guides use, links to pages elsewhere
    (f"site_name: 青川\nsite_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\n{MATERIAL}extra:\n  alternate:\n    - {{name: English, link: /en/, lang: en}}\n"
     "  social:\n    - {icon: fontawesome/brands/weixin, link: 'https://weixin.qq.com/'}\n    - {icon: x, link: 'mailto:a@example.org'}\n"
     "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
     "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
     "        kwds: {case: lower}\n  - pymdownx.superfences:\n      custom_fences:\n        - name: x\n          class: x\n"
     "          format: !!python/name:pymdownx.superfences.fence_code_format\n", {}, []),
])
def test_what_runs_code_or_loads_from_outside_is_refused_at_its_line(tmp_path, monkeypatch, yml, files, said):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDSITE_AUDIENCE", raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(yml, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if "docs/link" in yml:  # a folder of docs/ that is a link to one outside the site
        (tmp_path / "docs" / "link").symlink_to(tmp_path.parent)
    # these small files list no plugins: that error has a test of its own below
    found = [f"{p.path}:{p.line}: {p.message}" for p in configcheck.problems(Path("mkdocs.yml")) if "plugins 里没有 brandsite" not in p.message]
    assert found == said


def _site(root: Path, yml: str, files: dict | None = None) -> Path:
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (root / "brands").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root / "PWNED"


RUNS = [  # each makes the folder PWNED when MkDocs reads mkdocs.yml
    ("site_name: 青川\nsite_description: !!python/object/apply:os.mkdir [PWNED]\n", {}),
    ("INHERIT: base.yml\nsite_name: 青川\n", {"base.yml": "site_description: !!python/object/apply:os.mkdir [PWNED]\n"}),
    ("site_name: 青川\nhooks: [hooks/site.py]\n", {"hooks/site.py": "import os\nos.mkdir('PWNED')\n"}),
]


@pytest.mark.parametrize("yml, files", RUNS)
def test_check_build_and_serve_never_run_it(tmp_path, monkeypatch, yml, files):
    marker = _site(tmp_path, yml, files)
    monkeypatch.chdir(tmp_path)
    for command in (["check"], ["build"], ["serve", "--dev-addr", "127.0.0.1:1"], ["zip"], ["print"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and ("标签" in result.output or "hooks（钩子）" in result.output), (command, result.output)
        assert not marker.exists(), command


@pytest.mark.parametrize("yml, files", RUNS)
def test_serve_reads_a_saved_mkdocs_yml_only_once_it_is_safe(tmp_path, monkeypatch, yml, files):
    """`serve` reads mkdocs.yml again after each save of it: through configcheck.load_config."""
    from mkdocs.commands import serve
    from mkdocs.exceptions import ConfigurationError

    marker = _site(tmp_path, yml, files)
    monkeypatch.chdir(tmp_path)
    with configcheck.guarded_serve():
        with pytest.raises(ConfigurationError, match="mkdocs.yml|base.yml"):
            serve.load_config(config_file="mkdocs.yml", site_dir=str(tmp_path / "site"))
    assert not marker.exists()


def test_the_build_refuses_what_check_refuses_with_the_same_lines(tmp_path, monkeypatch):
    """The plugin's on_config (settings_text.settle), for a build that MkDocs itself started."""
    from mkdocs.config import load_config

    yml = ("site_name: 青川\ntheme:\n  name: material\n  logo: https://evil.example/l.png\nextra:\n  analytics: {provider: google, property: G-X}\n"
           "  social:\n    - {icon: x, link: 'javascript:alert(1)'}\n  alternate:\n    - {name: en, link: 'https://evil.example/', lang: en}\n"
           "plugins:\n  - brandsite\n")
    _site(tmp_path, yml)
    monkeypatch.chdir(tmp_path)
    checked = configcheck.report(configcheck.problems(Path("mkdocs.yml")))
    with pytest.raises(BrandsiteError) as built:
        settings_text.settle(load_config("mkdocs.yml"))
    assert str(built.value) == checked
    assert checked.splitlines() == ["mkdocs.yml:2: " + FONT, "mkdocs.yml:4: " + IMAGE.format("logo", "网站标识", "https://evil.example/l.png"),
                                    "mkdocs.yml:6: " + ANALYTICS,
                                    "mkdocs.yml:8: " + SCRIPT.format("extra.social.link", "javascript:alert(1)", "javascript"),
                                    "mkdocs.yml:10: " + ALTERNATE.format("https://evil.example/")]


def test_the_repositorys_own_mkdocs_yml_passes(monkeypatch):
    from brandsite import configsafety

    monkeypatch.chdir(REPO)
    monkeypatch.delenv("SITE_URL", raising=False)
    assert configsafety.problems(Path("mkdocs.yml")) == []
    assert configcheck.problems(Path("mkdocs.yml")) == []
    assert os.path.isfile("mkdocs.yml")


NOTES = '{{ self.__init__.__globals__.__builtins__.__import__("os").mkdir("PWNED") }}\n'


def test_a_template_listed_in_extra_templates_is_never_rendered(tmp_path, monkeypatch, caplog):
    """MkDocs renders extra_templates with Jinja, unsandboxed: this page ran a command in the build."""
    from mkdocs.exceptions import Abort
    from tests.conftest import SITE_YML, build_root

    marker = _site(tmp_path, SITE_YML.format(audience="public") + "extra_templates:\n  - notes.md\n", {"docs/notes.md": NOTES})
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDSITE_AUDIENCE", raising=False)
    for command in (["check"], ["build"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and f"mkdocs.yml:{len(SITE_YML.splitlines()) + 1}: {TEMPLATES}" in result.output, result.output
        assert not marker.exists(), command
    with pytest.raises(Abort):  # a build MkDocs started: the plugin's on_config
        build_root(tmp_path)
    assert TEMPLATES in caplog.text
    assert not marker.exists() and not (tmp_path / "site" / "notes.md").exists()


@pytest.mark.parametrize("extra, files", [
    ("  custom_dir: docs\nplugins:\n  - brandsite\n  - material/info\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
     "      base_path: [brands, /etc]\nextra_javascript: [evil.js]\nextra_css: ['https://evil.example/x.css']\n", {"docs/evil.js": "x"}),
    ("plugins:\n  - brandsite:\n      content_security_policy: false\n", {}),
])
def test_the_build_refuses_the_settings_check_refuses_at_the_same_lines(tmp_path, monkeypatch, extra, files):
    """The plugin's on_config, for a build MkDocs started itself, as `brandsite check` says it."""
    from mkdocs.config import load_config

    _site(tmp_path, f"site_name: 青川\n{MATERIAL}{extra}", files)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDSITE_AUDIENCE", raising=False)
    checked = configcheck.report(configcheck.problems(Path("mkdocs.yml")))
    assert checked.count("mkdocs.yml:") == (5 if files else 1), checked
    with pytest.raises(BrandsiteError) as built:
        settings_text.settle(load_config("mkdocs.yml"))
    assert str(built.value) == checked


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_tests_own_site_settings_pass(tmp_path, monkeypatch, audience):
    from brandsite import configsafety
    from tests.conftest import SITE_YML

    _site(tmp_path, SITE_YML.format(audience=audience))
    monkeypatch.chdir(tmp_path)
    assert configsafety.problems(Path("mkdocs.yml")) == []
    assert configcheck.problems(Path("mkdocs.yml")) == []


@pytest.mark.parametrize("yml, files, line", [
    ("site_name: 青川\n", {}, 1),  # no plugins: MkDocs loads its search plugin only
    ("site_name: 青川\nplugins:\n  - search\n", {}, 2),
    ("site_name: 青川\nplugins: {}\n", {}, 2),
    ("INHERIT: base.yml\nplugins:\n  - search\n", {"base.yml": "site_name: 青川\nplugins:\n  - brandsite\n"}, 2),  # taken whole
    ("INHERIT: base.yml\n", {"base.yml": "site_name: 青川\nplugins:\n  - brandsite\n"}, None),
    ("site_name: 青川\nplugins:\n  - brandsite:\n      audience: public\n", {}, None),
])
def test_a_mkdocs_yml_that_leaves_brandsite_out_is_refused(tmp_path, monkeypatch, yml, files, line):
    """An editor who took `- brandsite` out of plugins had the site built as a plain Material site:
    no check of brands/ or docs/ (a docs/ script published as it is), no security policy."""
    monkeypatch.chdir(tmp_path)
    _site(tmp_path, yml, files)
    found = [(p.line, p.message) for p in configcheck.problems(Path("mkdocs.yml")) if "里没有 brandsite" in p.message]
    assert found == ([] if line is None else [(line, "plugins 里没有 brandsite：没有它，网站会不经任何检查地构建（品牌内容、docs/ 里的文件、"
                                                     "网站的安全设置都没人把关）。请在 plugins 下写回“  - brandsite:”和它原来的几行设置")])
    if line is not None and not files:
        from click.testing import CliRunner

        from brandsite.cli import main

        for command in (["check"], ["build"]):
            result = CliRunner().invoke(main, command)
            assert result.exit_code == 1 and "plugins 里没有 brandsite" in result.output, (command, result.output)
        assert not (tmp_path / "site").exists()


def test_an_intranets_policy_turned_off_is_a_note_its_build_runs_and_the_public_build_stops(tmp_path, monkeypatch):
    """An intranet may turn its policy off, but zip and --audience public build the public site from the
    same settings, which stops there: the check passed without a word of it. It says so now, as a
    note, and the intranet's own build is not stopped by that note."""
    from tests.conftest import SITE_YML, BrandTree

    BrandTree(tmp_path).brand()
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(SITE_YML.format(audience="internal\n      content_security_policy: false"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDSITE_AUDIENCE", raising=False)
    checked = CliRunner().invoke(main, ["check"])
    assert checked.exit_code == 0 and "mkdocs.yml:10: 提示：" + POLICY_INTERNAL in checked.output, checked.output
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0 and (tmp_path / "site-internal" / "index.html").is_file(), built.output
    public = CliRunner().invoke(main, ["build", "--audience", "public"])
    assert public.exit_code == 1 and "mkdocs.yml:10: 错误：" + POLICY in public.output, public.output


def test_a_cache_in_a_content_folder_is_never_made_nor_read(tmp_path, monkeypatch):
    """The build takes the cache's files as its own work (Jinja unpickles its compiled templates):
    one in brands/ or docs/, which editors fill, would run what they put there."""
    _site(tmp_path, "site_name: 青川\ntheme: {name: material, font: false}\nplugins:\n  - brandsite:\n      cache_dir: brands/.c\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDSITE_CACHE_DIR", raising=False)
    for command in (["check"], ["build"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and "mkdocs.yml:5: " + CACHE_DIR.format("brands/.c") in result.output, (command, result.output)
    assert not (tmp_path / "brands" / ".c").exists()
