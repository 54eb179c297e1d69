"""Brand clusters (品牌集群): one page per `cluster`. No MkDocs imports.

A district programme groups brands under one cluster name. Each cluster
gets a page listing its brands; when `docs/clusters/<page>.md` exists,
its text is the page's intro and the generated page takes its place.

The page's name is made from the cluster's name (names.page_stem), never the
name itself: a cluster is text an editor types, and `../../brands/x/cases/y`
or an absolute path must not choose which file is read or written. The check
refuses names whose page would be empty, reserved (`index` is the list of
clusters) or shared with another cluster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import activecontent, docpages, filetexts, imagefiles, names, prose_limits, tables
from .editing_slips import front_block_end
from .image_limits import heic_message
from .encoding import decode
from .yamlsafe import YamlProblem
from .field_rules import page_prose
from .model import Brand, Catalog, Problem, display_path
from ..errors import BrandsiteError

CLUSTERS_DIR = "clusters"
INDEX_SRC = f"{CLUSTERS_DIR}/index.md"


@dataclass
class Cluster:
    name: str
    brands: list[Brand]
    intro: str = ""  # Markdown from docs/clusters/<name>.md, without its own h1

    @property
    def src_uri(self) -> str:
        return cluster_src(self.name)


def cluster_src(name: str) -> str:
    """The page of cluster `name`; characters that would break a URL path become hyphens."""
    return f"{CLUSTERS_DIR}/{page_stem(name)}.md"


def page_stem(name: str) -> str:
    """The page's file name without ".md". A name the check refuses (empty, reserved)
    still gets a harmless one, so that nothing can replace the list of clusters."""
    stem = names.page_stem(name)
    return stem if names.stem_problem(stem) is None else f"cluster-{stem.encode('utf-8').hex()[:32]}"


def intro_path(docs_dir: str | Path, name: str) -> Path | None:
    """docs/clusters/<page>.md for cluster `name`, or None when it is not that very file: a
    symlink, the intro's own or docs/clusters/ itself, may point anywhere (a brand's cases/
    folder, with its internal cases), or loop."""
    path = Path(docs_dir, CLUSTERS_DIR, f"{page_stem(name)}.md")
    docs = names.resolved(docs_dir)
    if docs is None or names.resolved(path) != docs / CLUSTERS_DIR / path.name:
        return None
    return path


def clusters(catalog: Catalog, docs_dir: str | Path | None = None) -> list[Cluster]:
    """Clusters with at least one brand the audience sees, by name."""
    groups: dict[str, list[Brand]] = {}
    for b in catalog:
        if b.cluster:
            groups.setdefault(b.cluster, []).append(b)
    out = []
    for name in sorted(groups):
        intro = ""
        if docs_dir:
            path = intro_path(docs_dir, name)
            if path is not None and path.is_file() and not prose_limits.oversized(path):  # one too long: refused unread
                # MkDocs never reads this file (the generated page replaces it): a stray
                # byte must not stop the build, so it shows as U+FFFD.
                intro = path.read_bytes().decode("utf-8-sig", errors="replace")
        out.append(Cluster(name, groups[name], intro))
    return out


def docs_links(docs_dir: str | Path, root: str | Path, listed: frozenset[str] = frozenset(),
               theme_dirs: list[Path] = (), url_prefix: str = "brands", brands_dir: Path | None = None,
               staff_public: bool = False) -> list[Problem]:
    """An error for each symlink in docs/ (cluster intros and the site's own pages) that leads out
    of it or loops: MkDocs would publish what it leads to (a brand's cases/, internal ones too),
    or list the whole disk for one to /; and those of _pages. The build refuses them before MkDocs lists docs/."""
    links, link_problems = _links(Path(docs_dir), root)
    return link_problems + _pages(Path(docs_dir), root, links, listed, theme_dirs, url_prefix, brands_dir, staff_public)


def _links(docs: Path, root: str | Path) -> tuple[set[Path], list[Problem]]:
    links = names.links_in(docs)
    return {link for link, _ in links}, [
        Problem(f"{display_path(docs, root)}/{link.relative_to(docs).as_posix()}", 1, _SPECIAL if fault == "special" else
                _LINK_SAID[fault] + "网站不会读取它，已拒绝构建。请删去这个链接，需要的文件请复制进来")
        for link, fault in links]


_SPECIAL = ("这不是普通的文件，而是命名管道、套接字或设备文件：检查读不了它，构建读它时会一直等下去，已拒绝构建。"
            "请删去它，需要的内容请另存为普通文件放进来")


_LINK_SAID = {
    "loop": "这是循环的链接（symlink），指回它自己或它所在的文件夹，",
    "out": "这是指向 docs/ 文件夹以外的链接（symlink），",
    "inside": "这是指向 docs/ 里另一处的链接（symlink）：网站会在链接的位置再发布一次被指向的内容（例如只给工作人员看的页面），"
              "检查却不读链接，",
}


# Pictures docs/ may not publish (docpages.IMAGES are the ones it may): told as pictures, not as code.
_PICTURES = frozenset({".heic", ".heif", ".tif", ".tiff", ".bmp", ".ico", ".avif", ".jfif", ".raw", ".dng", ".psd"})


# A brand's files copied into docs/ (a backup, a folder dropped in the wrong place): MkDocs publishes
# every file there as it is, brand.yml with its contact and visibility, a case as a bare page.
_INTERNAL = re.compile(r"\A---[ \t]*\r?\n(?:(?!---).*\n)*?visibility:[ \t]*['\"]?internal", re.M)


def _brand_page(brands_dir: Path | None, page: str) -> bool:
    """Whether the build makes brands/`page`: x/index.md, a brand's, when its folder is there;
    x/cases/y.md, a case's, when its file is (x/cases/y/index.md is no page of the build's);
    another index.md there (the gallery's pages) is the build's."""
    parts = page.split("/")
    if len(parts) == 2 and parts[1] == "index.md":
        return brands_dir is None or (brands_dir / parts[0] / "brand.yml").is_file()
    if len(parts) == 3 and parts[1] == "cases" and parts[2].endswith(".md"):
        return brands_dir is None or (brands_dir / parts[0] / "cases" / parts[2]).is_file()
    return page.endswith("/index.md") and not (len(parts) == 4 and parts[1] == "cases")


def _pages(docs: Path, root: str | Path, links: set[Path], listed: frozenset[str], theme_dirs=(),
           url_prefix: str = "brands", brands_dir: Path | None = None, staff_public: bool = False) -> list[Problem]:
    """The site's own files in docs/, read once: an error for each page (docs/**/*.md) not in UTF-8
    or garbled by a save in the wrong encoding (MkDocs stopped on it with an English traceback, after
    a check that passed), for each brand.yml, for each page marked visibility: internal, and for
    each file of a kind docs/ may not publish (docpages.published; `listed`: mkdocs.yml's
    extra_css), for each document with script, macros or outside addresses in it (activecontent), and for each file at the path of one of the theme's (`theme_dirs`: the
    site's custom_dir, the plugin's, Material's): MkDocs publishes the docs/ file in its place, on
    every page. Files MkDocs leaves out (.hidden, templates/) are not looked at. A link to a brand's
    or case's page counts as there when its folder or file in `brands_dir` is; one to the intranet's
    review page only from a staff page the public site leaves out (`staff_public`: it does not)."""
    found, budget = [], filetexts.Budget()
    every = {rel for _, rel in docpages.docs_files(docs)}
    addresses: dict[str, str] = {}  # a page's address -> the first page found there
    loose = {re.sub(r"\s+", "", rel).lower(): rel for rel in every}  # a link off by its case or a space
    prefix = url_prefix.strip("/").lower() + "/"
    pages_made = {p.lower() for p in docpages.built_pages(url_prefix)}  # the build's own

    def known(target: str, rel: str) -> bool:
        if target in every or target.lower() in pages_made:
            return True
        if target.lower() == "review/index.md":  # the intranet's: a public page linking it stops the public build
            return rel.startswith(docpages.STAFF_DIRS) and not staff_public
        return target.lower().startswith(prefix) and _brand_page(brands_dir, target[len(prefix):])  # a brand's or case's page

    for path, rel in docpages.docs_files(docs):
        if path in links or any(parent in links for parent in path.parents):
            continue
        shown = f"{display_path(docs, root)}/{rel}"
        if said := names.path_problem(rel):  # CON.md, "x .md": Windows cannot check it out, nor a handed-over zip hold it
            found.append(Problem(shown, 1, f"docs/ 里的文件名不能用：{said}。请给它改个名字（链接到它的地方也要跟着改）"))
        elif path.name.lower() in ("brand.yml", "brand.yaml"):
            found.append(Problem(shown, 1, "docs/ 里有品牌文件 brand.yml：docs/ 里的文件会原样发布到网站上，联系人和内部内容也会公开。"
                                           "品牌文件夹要放在 brands/ 下；这是备份或放错了位置的话，请移出 docs/ 或删掉"))
        elif path.suffix.lower() != ".md" and rel.lower().startswith(url_prefix.strip("/").lower() + "/"):
            found.append(Problem(shown, 1, f"docs/{url_prefix.strip('/')}/ 下的网址留给网站自动生成的品牌页面和图片，这里的文件会和它们冲突。"
                                           "请把它移到别的文件夹"))
        elif rel.lower() in docpages.GENERATED_FILES:
            found.append(Problem(shown, 1, f"docs/{rel} 的位置留给{docpages.GENERATED_FILES[rel.lower()]}，"
                                           "这个文件会冒充它发布出去（或被它悄悄替换）。请给文件改名，或移到别的文件夹"))
        elif path.suffix.lower() != ".md" and any(Path(folder, rel).is_file() for folder in theme_dirs):
            found.append(Problem(shown, 1, f"docs/ 里的这个文件和网站自己的文件同名（{rel}），发布时会在每个页面上替换网站的样式、"
                                           "脚本或图标。请删掉它或改个文件名；要改网站的样式、脚本或图标，请找网站管理员"))
        elif path.suffix.lower() in _PICTURES and not docpages.published(rel, listed):  # a photo or a scan, told as one
            found.append(Problem(shown, 1, heic_message(path.name) if path.suffix.lower() in (".heic", ".heif") else (
                f"docs/ 里的图片只能是 PNG、JPG、WebP 或 GIF：发布前要重新保存一遍、去掉照片信息，{path.suffix} 格式做不到。"
                "请用图片软件（Windows 的“画图”即可）另存为 JPG 或 PNG；要供下载的扫描件，可以另存为 PDF")))
        elif path.suffix.lower() in activecontent.MACRO_SUFFIXES:  # told as macros, not as a kind docs/ never holds
            found += activecontent.problems(path, shown, budget)
        elif path.suffix.lower() != ".md" and not docpages.published(rel, listed):
            found.append(Problem(shown, 1, f"docs/ 里不能放这种文件（{path.suffix or '没有扩展名'}）：docs/ 里的文件会原样发布到网站上，"
                                           "网页、脚本、样式表和 SVG 文件能在访问者的浏览器里运行代码，和网站主题同名的还会替换主题的文件。"
                                           "docs/ 里只能放页面（.md）、图片（PNG、JPG 等）和供下载的文档（PDF、Word、Excel 等）；"
                                           "请删掉它，图片请另存为 PNG 或 JPG。网站管理员自己的样式表，请写进 mkdocs.yml 的 extra_css（网站不能另加脚本）"))
        elif path.suffix.lower() in docpages.IMAGES and (unfit := imagefiles.image_problem(path)) and unfit[0] == "error":
            found.append(Problem(shown, 1, f"{unfit[1]}（docs/ 里的图片发布前要重新保存一遍，去掉照片信息，这张图片做不到）"))
        elif path.suffix.lower() != ".md":  # a document published byte for byte: script, macros, outside addresses
            found += activecontent.problems(path, shown, budget)
        if path.suffix.lower() != ".md":
            continue
        if (address := docpages.page_address(rel)) in addresses:
            kept, told = addresses[address], rel
            if rel.endswith("index.md") and not kept.endswith("index.md"):  # MkDocs keeps index.md over README.md
                kept, told = rel, kept
            found.append(Problem(f"{display_path(docs, root)}/{told}", 1, f"这个页面和 docs/{kept} 的网址相同（/{address}），"
                                 "网站只会发布其中一个（不区分大小写的服务器上也是这样），另一个没有任何提示地丢掉。请给其中一个改名"))
            continue
        addresses[address] = rel
        if made := docpages.generated_address(rel, url_prefix):
            found.append(Problem(shown, 1, f"这个页面的网址留给网站自动生成的{made}（{made}在 docs/ 里没有文件，由构建生成），"
                                           "两者会冲突：访客看到的是自动生成的那一页，这个页面的文字却会进入站内搜索。"
                                           "请给文件改名，或移到别的文件夹"))
            continue
        if prose_limits.oversized(path):  # told unread; an intro by intro_prose_problems, when its cluster shows it
            if not rel.startswith("clusters/"):
                found.append(Problem(shown, 1, prose_limits.complexity_message(prose_limits.TOO_LONG, "这个页面")))
            continue
        try:
            text = decode(path.read_bytes())
        except YamlProblem as exc:
            found.append(Problem(shown, exc.line, exc.message))
            continue
        except OSError:
            continue
        if not rel.startswith("clusters/") and (heavy := prose_limits.complexity(text.strip())):  # the intros: as prose
            # Python-Markdown's time grows with the square of a run of [ (30,000 held a build 200 s)
            found.append(Problem(shown, heavy[0] + prose_limits.leading_blank(text), prose_limits.complexity_message(heavy[1], "这个页面")))
            continue
        for line, address, target in docpages.missing_links(text, rel, lambda target: known(target, rel)):
            near = loose.get(re.sub(r"\s+", "", target).lower())
            hint = f"docs/ 里有 {near}，只有大小写或空格不同，请改成一样的" if near else "请改正链接里的文件名，或把文件放进 docs/"
            found.append(Problem(shown, line, f"链接“{address}”找不到要打开的文件，构建会因此停下：{hint}", "warning",
                                 kind=docpages.MISSING_LINK))
        for line, gone in docpages.code_lines(text)[:5] if not rel.startswith("clusters/") else ():  # the intros: as prose
            # as the build says it (docpages.clean), where it is written
            found.append(Problem(shown, line, f"这一行的网页代码（{'、'.join(gone[:8])}）不会发布：{docpages.CODE_GONE}", "info"))
        if _INTERNAL.match(text[:4000]):
            found.append(Problem(shown, 1, "这个页面写着 visibility: internal，但 docs/ 里的页面都会公开发布，不看这一项。"
                                           "内部案例请放在 brands/品牌文件夹/cases/ 下；不该公开的页面请移出 docs/"))
    return found


def refuse_docs_links(docs_dir: str | Path, root: str | Path, listed: frozenset[str] = frozenset(),
                      serving: bool = False, theme_dirs: list[Path] = (), url_prefix: str = "brands",
                      brands_dir: Path | None = None, staff_public: bool = False) -> tuple[list[Problem], set[str]]:
    """Stop a build, with docs_links' messages, before MkDocs follows such a link or reads such a
    page. A preview stops only for a link (MkDocs would follow it as it lists docs/): it goes on
    without the other files told about (an SVG saved into docs/ made every page of it wait), and
    shows their problems. Returns (those problems, their files' paths in docs/)."""
    links, link_problems = _links(Path(docs_dir), root)
    found = _pages(Path(docs_dir), root, links, listed, theme_dirs, url_prefix, brands_dir, staff_public)
    refused = [p for p in found if p.level == "error"]  # a page's broken link is a warning: told with the others
    if link_problems or (refused and not serving):
        raise BrandsiteError("\n".join(str(p) for p in link_problems + refused))
    prefix = f"{display_path(Path(docs_dir), root)}/"
    return found, {p.path[len(prefix):] for p in refused if p.path.startswith(prefix)}


def intro_files(docs_dir: str | Path) -> tuple[list[Path], list[Path]]:
    """docs/clusters/ split into (intro files: <page>.md, directly inside), (anything else there:
    sub-folders, other files). Only an intro in use is ever published, as its cluster's page."""
    folder = Path(docs_dir, CLUSTERS_DIR)
    if folder.is_symlink() or not folder.is_dir():  # a linked folder is never read (intro_path)
        return [], []
    intros, stray = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix == ".md" and path.is_file() and not path.is_symlink() and path.name != Path(INDEX_SRC).name:
            intros.append(path)
        else:
            stray.append(path)
    return intros, stray


def used_intros(catalog: Catalog, docs_dir: str | Path) -> list[Path]:
    """The intros the cluster pages of `catalog` (one audience's brands) show."""
    names = sorted({b.cluster for b in catalog if b.cluster})
    paths = [intro_path(docs_dir, name) for name in names]
    return [p for p in paths if p is not None and p.is_file()]


def intro_prose_problems(intros: list[Path], root: str | Path) -> list[Problem]:
    """What the prose cleaner takes away from each cluster intro the site shows, and an intro
    too complex to lay out, at their lines: as for a brand's story.md (field_rules.page_prose).
    An error for a --- block of "key: value" lines at its start, which the page would show."""
    problems = []
    for path in intros:
        shown = display_path(path, root)
        if prose_limits.oversized(path):  # clusters() leaves it unread
            problems.append(Problem(shown, 1, prose_limits.complexity_message(prose_limits.TOO_LONG, "集群介绍")))
            continue
        # as clusters() reads it; a bad encoding is docs_links' to tell, as for every page in docs/
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        if (last := front_block_end(text)) is not None:
            problems.append(Problem(shown, 1, (
                f"集群介绍开头第 1 到第 {last} 行是用 --- 围起来的信息，这是案例文件的写法：集群介绍不用它，"
                "这几行会原样显示在网站上。请删去这几行（页面标题就是集群名称，来自品牌 brand.yml 里的 cluster:）")))
        problems += page_prose(text, shown, "集群介绍")
        problems += [Problem(shown, line, message, "warning") for line, message in tables.told(text)]
    return problems


def unused_intros(catalog: Catalog, intros: list[Path]) -> list[Path]:
    """The intros (`intro_files`) that are no cluster's: no brand of `catalog` (give it every
    brand, of both audiences) has that cluster. Such a file is not published."""
    used = {page_stem(b.cluster) for b in catalog if b.cluster}
    return [p for p in intros if p.stem not in used]


def unused_intro_problems(catalog: Catalog, docs_dir: str | Path, root: str | Path) -> list[Problem]:
    """A hint for each intro no cluster has (a cluster given up, its name mistyped, or the
    sample's left behind): not a warning, as nothing wrong is published (the page is left out).
    A warning for anything else in docs/clusters/: it is not published either, and MkDocs
    itself may warn about it (two files for one page)."""
    intros, stray = intro_files(docs_dir)
    folder = Path(docs_dir, CLUSTERS_DIR)
    if folder.is_symlink():
        if names.link_fault(folder, docs_dir):
            return []  # docs_links tells it: a link out of docs/, or one that loops
        return [Problem(f"{display_path(folder.parent, root)}/{CLUSTERS_DIR}", 1,  # the link, not where it leads
                        "docs/clusters 是指向别处的链接（symlink），网站不会从中读取集群介绍，已拒绝。"
                        "请把它换成一个真实的文件夹，把集群介绍文件放进去")]
    # a cluster's intro by its name as written (红色 引擎.md) or without its - (红色引擎.md for 红色-引擎)
    clusters_of = {page_stem(b.cluster).replace("-", ""): b.cluster for b in catalog if b.cluster}
    problems = [Problem(display_path(path, root), 1,
                        f"没有品牌属于集群“{path.stem}”，这个集群介绍页不会发布。集群已经撤销的，请删除这个文件；"
                        "否则请检查品牌 brand.yml 里的 cluster: 是否与文件名一致", "info")
                if (name := clusters_of.get(page_stem(path.stem).replace("-", ""))) is None else
                Problem(display_path(path, root), 1,
                        f"这是集群“{name}”的介绍，但文件名不对，它不会发布："
                        f"集群名里的空格和符号在文件名里写成 -。请把文件改名为 {page_stem(name)}.md", "warning")
                for path in unused_intros(catalog, intros)]
    problems += [Problem(display_path(path, root), 1,
                         f"docs/clusters/ 里只放集群介绍，每个集群一个“集群名.md”文件；“{path.name}”不会发布。请把它移出这个文件夹",
                         "warning")
                 for path in stray]
    return problems
