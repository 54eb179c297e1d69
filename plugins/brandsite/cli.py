"""The `brandsite` command: check brand folders, scaffold a new one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .check_report import github_data, github_property, gitlab_report, text_report
from .cli_chinese import Chinese, ChineseCommand, usage_in_chinese
from .content import clusters, contact_names, docpages, privacy
from .content.dictionary import keep_dictionary_in
from .content.load import display_root, list_folders
from .content.model import DEFAULT_CATEGORIES, display_path, resolve_audience
from . import configcheck, configsafety
from .errors import BrandsiteError
from .scaffold import ScaffoldError, new_brand
from .siteconfig import (brand_folder_of, cache_folder, media_problems, print_stops, site_catalog, stops_said,  # noqa: F401
                         site_config, site_options, theme_dirs)  # (site_config: tests)


def site_audience(options: dict) -> str:
    """BRANDSITE_AUDIENCE, else the plugin's `audience` option, else public; exits 2 when invalid."""
    try:
        return resolve_audience(options.get("audience") or "public")
    except ValueError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)


class _Commands(Chinese, click.Group):
    """Any BrandsiteError ends the command with its plain message and exit code 1, no traceback;
    a mistake in the command line is told in Chinese (click's own words are English)."""

    command_class = ChineseCommand

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrandsiteError as exc:
            raise click.ClickException(str(exc)) from None

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            click.echo(usage_in_chinese(exc), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:  # not exc.show(): click's own "Error:" is English
            click.echo(f"错误：{exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="brandsite", help="显示版本号后退出")
def main() -> None:
    """brandsite：党建品牌展示网站工具。"""


@main.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "gitlab"]), default="text", show_default=True,
              help="输出格式：text 给人看，json 给程序，github 生成 GitHub Actions 注释，gitlab 生成 GitLab 代码质量报告")
@click.option("--strict/--no-strict", default=True,
              help="警告也算失败（默认），与构建网站一致：检查通过，构建就能通过。--no-strict 只在有错误时失败")
def check(directory: Path | None, fmt: str, strict: bool) -> None:
    """检查 DIRECTORY（默认 brands/）下的每个品牌。没有问题时退出码为 0，有问题（错误或警告）时为 1。
    DIRECTORY 是一个品牌文件夹（或其中的文件，例如 brand.yml、案例）时，只列出这个品牌的问题。"""
    config = site_config()
    options = site_options(data=config)
    only, others = None, 0
    brands_dir = Path(options.get("brands_dir", "brands"))
    if directory is not None and not directory.exists() and (brands_dir / directory).is_dir():
        directory = brands_dir / directory  # check hong-qiao: brands/hong-qiao meant
    if directory is not None:  # a file of a brand, or its cases/: that brand
        directory = brand_folder_of(directory)
    if directory is not None and (directory / "brand.yml").is_file():  # one brand, checked among the others
        only, directory = directory.name, directory.parent
    directory, catalog, problems = site_catalog(options, directory)
    problems = configcheck.problems() + configcheck.sample_footer(config, options) + problems  # unreadable: the defaults above
    # What a public build would publish is checked for personal data, as `make build` does.
    keep_dictionary_in(cache_folder(options) / "jieba")  # contacts' names that are everyday words
    named, hidden = contact_names.contacts(catalog, options.get("public_contacts") or []), contact_names.internal_names(catalog)
    problems += privacy.scan(catalog.for_audience("public"), options.get("public_contacts") or [], root=display_root(directory),
                             contacts=named, internal=hidden)
    problems += media_problems(options, catalog, directory)
    # The site's cluster intros, when these are the site's brands (not another folder checked from here).
    if directory.resolve() == brands_dir.resolve():
        docs_dir = config.get("docs_dir") or "docs"
        problems += configcheck.nav_problems(config, docpages.built_pages(options.get("url_prefix", "brands")))
        problems += privacy.scan([], options.get("public_contacts") or [], root=display_root(directory),
                                 intros=clusters.used_intros(catalog.for_audience("public"), docs_dir), contacts=named, internal=hidden)
        from .site import leakscan

        problems += leakscan.docs_warnings(docs_dir, catalog, options.get("public_contacts") or [], display_root(directory), named,
                                           options.get("staff_docs", "internal"), options.get("url_prefix", "brands"))
        problems += clusters.docs_links(docs_dir, display_root(directory), docpages.listed_files(config.get("extra_css")),
                                        theme_dirs(config, Path.cwd()), options.get("url_prefix", "brands"), brands_dir,
                                        options.get("staff_docs", "internal") == "public")
        problems += clusters.unused_intro_problems(catalog, docs_dir, display_root(directory))
        problems += clusters.intro_prose_problems(clusters.used_intros(catalog, docs_dir), display_root(directory))
    brand_count = len(list_folders(directory)[0])  # the folders the loader reads: not an empty one
    if only:
        folder = display_path(directory / only, display_root(directory))
        # its own, and those another brand is told about because of it (a name like its name, a
        # link to its page or case)
        mine = [p for p in problems if p.slug == only or p.path == folder or p.path.startswith(folder + "/")
                or f"{folder}/" in p.message or p.about == only]
        others = len([p for p in problems if p.level != "info"]) - len([p for p in mine if p.level != "info"])
        problems, brand_count = mine, 1
    if fmt == "json":
        click.echo(json.dumps({
            "brands": brand_count,
            "valid_brands": len(catalog),
            "errors": sum(p.level == "error" for p in problems),
            "warnings": sum(p.level == "warning" for p in problems),
            "problems": [{"path": p.path, "line": p.line, "level": p.level, "message": p.message, "brand": p.slug} for p in problems],
        }, ensure_ascii=False, indent=2))
    elif fmt == "github":
        for p in problems:
            kind = {"error": "error", "warning": "warning", "info": "notice"}[p.level]
            click.echo(f"::{kind} file={github_property(p.path)},line={p.line}::{github_data(p.message)}")
    elif fmt == "gitlab":  # shown on the merge request's changed lines (.gitlab-ci.yml, reports: codequality)
        click.echo(gitlab_report(problems))
    else:
        click.echo(text_report(problems, brand_count))
        if only and others:
            click.echo(f"（其他品牌另有 {others} 个问题，不在这里列出；运行 brandsite check 查看全部）")
    failing = [p for p in problems if p.level == "error" or (strict and p.level == "warning")]
    if fmt == "text" and failing and not any(p.level == "error" for p in failing):
        click.echo("按发布要求检查（与构建网站一致）：警告也要处理，处理完才能构建网站。")
    sys.exit(1 if failing else 0)


@main.command()
@click.argument("slug")
@click.option("--name", required=True, help="品牌名称，2–20 个字")
@click.option("--category", required=True, help="类别，例如 机关、社区")
@click.option("--brands-dir", type=click.Path(path_type=Path), default=None, help="品牌文件夹所在目录（默认 brands/）")
def new(slug: str, name: str, category: str, brands_dir: Path | None) -> None:
    """新建品牌文件夹 SLUG（例如 hong-qiao），里面有格式正确、可直接预览的 brand.yml、占位标识和示例案例（改写前检查会逐条提示）。"""
    options = site_options()
    brands_dir = brands_dir or Path(options.get("brands_dir", "brands"))
    categories = options.get("categories") or DEFAULT_CATEGORIES
    try:
        folder = new_brand(brands_dir, slug, name, category, categories)
    except ScaffoldError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    click.echo(f"已创建 {folder.as_posix()}/")
    click.echo(f"  下一步：编辑 {folder.as_posix()}/brand.yml，替换 logo.svg，改写 cases/example.md，")
    click.echo("  然后运行 make check 检查，make serve 预览（没有 make 时：python3 start.py check --strict 和 python3 start.py serve；Windows 上把 python3 换成 py）。")


@main.command()
@click.option("--audience", type=click.Choice(["public", "internal"]), default=None,
              help="public（公开网站）或 internal（内网网站）；默认读取环境变量 BRANDSITE_AUDIENCE，再默认 public")
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help="输出目录（默认公开网站 site/，内网网站 site-internal/）")
@click.option("--config-file", type=click.Path(path_type=Path, exists=True), default=Path("mkdocs.yml"), show_default=True)
# Builds are always full now; the flag is still accepted so that scripts written for it keep working.
@click.option("--full", is_flag=True, hidden=True)
def build(audience: str | None, site_dir: Path | None, config_file: Path, full: bool = False) -> None:
    """构建整个网站。先写入临时文件夹，成功后才替换旧网站：构建失败或被中断时，上一次成功的网站保持不变。
    同一个网站同一时间只能有一个构建。"""
    from . import publish

    _stop_on_unreadable(config_file)
    audience = audience or site_audience(site_options(config_file))
    site_dir = site_dir or publish.default_site_dir(audience)
    if audience == "internal" and publish.in_public_site(site_dir):
        click.echo(f"错误：内网网站含有不公开的品牌、案例和联系人，不能构建到公开网站的 {publish.DEFAULT_DIRS['public']}/ 文件夹。"
                   f"请去掉 --site-dir（默认构建到 {publish.default_site_dir(audience).as_posix()}/），或指定别的文件夹。", err=True)
        sys.exit(2)
    sys.exit(publish.build(site_dir, audience=audience, config_file=config_file, say=lambda m: click.echo(m, err=True)))


def _stop_on_unreadable(config_file: Path, read=configcheck.problems) -> None:
    """Exit 1 with configcheck's message when MkDocs could not read config_file (it would say so in English)."""
    found = [p for p in read(config_file) if p.level == "error"]
    if found:
        click.echo(configcheck.report(found) + "\n改正后再运行一次。", err=True)
        sys.exit(1)


@main.command("serve")
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, metavar="<IP:端口>",
              help="预览网站的地址（只有本机能打开）")
@click.option("--audience", type=click.Choice(["public", "internal"]), default=None,
              help="预览公开网站还是内网网站；默认读取环境变量 BRANDSITE_AUDIENCE，再默认 mkdocs.yml 的设置")
@click.option("--config-file", "-f", type=click.Path(path_type=Path, exists=True), default=Path("mkdocs.yml"), show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开网站")
def serve(dev_addr: str, audience: str | None, config_file: Path, open_browser: bool) -> None:
    """本地预览网站，与 make serve 相同：保存文件后自动刷新，只重建改动的页面。按 Ctrl+C 停止。"""
    import os

    _stop_on_unreadable(config_file)
    # Material prints a long end-of-life banner on every run; editors need the content problems instead.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if audience:
        os.environ["BRANDSITE_AUDIENCE"] = audience
    from mkdocs.commands.serve import serve as mkdocs_serve

    from .buildlog import in_chinese
    from .publish import stop_preview_as_ctrl_c

    stop_preview_as_ctrl_c()  # from the start: MkDocs makes its temporary folder before it loads the plugin
    # What `mkdocs serve --livereload --dirty` runs, in this process, with the log in Chinese.
    try:
        with in_chinese(), configcheck.guarded_serve():  # a mkdocs.yml saved with a tag that runs code: never read
            mkdocs_serve(config_file=str(config_file), livereload=True, build_type="dirty", dev_addr=dev_addr,
                         open_in_browser=open_browser)
    except click.ClickException as exc:  # a taken port, a mistake in mkdocs.yml the check let through: logged above it
        click.echo("预览没有启动（原因见上方）。", err=True)
        sys.exit(exc.exit_code or 1)


@main.command("leaks")
@click.argument("site_dir", required=False, type=click.Path(path_type=Path))
@click.option("--config-file", type=click.Path(path_type=Path, exists=True), default=Path("mkdocs.yml"), show_default=True)
def leaks(site_dir: Path | None, config_file: Path) -> None:
    """扫描构建好的公开网站（默认 site/）的每个文件：内部品牌、内部案例、联系人姓名和电话都不能出现。
    没有发现时退出码为 0，发现时为 1。"""
    from .site import leakscan

    site_dir = site_dir or Path("site")
    if not (site_dir / "index.html").is_file():
        click.echo(f"错误：{site_dir.as_posix()}/ 里没有构建好的网站，请先运行 brandsite build", err=True)
        sys.exit(2)
    options = site_options(config_file)
    root = config_file.resolve().parent
    _, catalog, _ = site_catalog(options, root / options.get("brands_dir", "brands"))
    keep_dictionary_in(root / cache_folder(options) / "jieba")  # contacts' names that are words
    problems = leakscan.scan(site_dir, catalog, url_prefix=str(options.get("url_prefix", "brands")),
                             allowed=tuple(options.get("public_contacts") or ()),
                             shown=lambda p: display_path(p, Path.cwd()))
    found = [p for p in problems if p.level == "error"]
    for p in problems:
        click.echo(("提示：" if p.level == "info" else "") + str(p))
    files = sum(1 for p in site_dir.rglob("*") if p.is_file())
    if found:
        click.echo(f"扫描了 {files} 个文件，发现 {len(found)} 处不该公开的内容。请检查这些品牌和案例的 visibility 设置、公开内容里写到的联系人和电话，改正后重新构建。")
        sys.exit(1)
    click.echo(f"扫描了 {files} 个文件，没有发现内部内容 ✓")


@main.command("schema")
@click.option("--out", type=click.Path(path_type=Path), default=Path("schema"), show_default=True, help="输出目录")
def schema_command(out: Path) -> None:
    """生成 brand.yml 和案例 front matter 的 JSON Schema（编辑器据此边写边检查）。"""
    from .content import schema

    categories = site_options().get("categories") or DEFAULT_CATEGORIES
    for path in schema.write(out, categories):
        click.echo(f"已写入 {path.as_posix()}")


@main.command("form")
@click.argument("slug")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="输出文件（默认 SLUG-shenbao.docx）")
@click.option("--brands-dir", type=click.Path(path_type=Path), default=None, help="品牌文件夹所在目录（默认 brands/）")
def form_command(slug: str, out: Path | None, brands_dir: Path | None) -> None:
    """为品牌 SLUG 生成可打印的《党建品牌申报表》（DOCX）。"""
    from .media import application_form

    brands_dir, catalog, problems = site_catalog(site_options(), brands_dir)
    brand = catalog.get(slug)
    if brand is None:
        errors = [p for p in problems if p.level == "error" and p.slug == slug]
        if errors:
            click.echo(f"错误：品牌 {slug} 有 {len(errors)} 个内容错误，请先运行 brandsite check 改正：", err=True)
            for p in errors:
                click.echo(f"  {p}", err=True)
        else:
            import difflib  # hefeng for he-feng, or the brand's name for its folder

            slugs = {b.slug: b.slug for b in catalog} | {b.name: b.slug for b in catalog}
            close = difflib.get_close_matches(slug, list(slugs), n=1, cutoff=0.6)
            hint = f"。您是不是想写 {slugs[close[0]]}？（要写品牌文件夹名）" if close else ""
            click.echo(f"错误：{brands_dir.as_posix()}/ 下没有品牌“{slug}”{hint}", err=True)
        sys.exit(2)
    path = application_form.write(brand, out or Path(application_form.filename(brand)))
    click.echo(f"已写入 {path.as_posix()}")


@main.command("print")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="输出文件（默认公开版 site/catalogue.pdf，内网版 site-internal/catalogue.pdf）")
@click.option("--config-file", "--config", "config_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"), show_default=True)
def print_command(out: Path | None, config_file: Path) -> None:
    """生成印刷版品牌汇编：每个品牌一页 A4，合成一个 PDF。内网版不会写进公开网站的 site/ 文件夹。"""
    from .media.brochure import pages, write_brochure
    from .site.urls import Site, printable, printed_url
    from .publish import DEFAULT_DIRS, default_site_dir, in_public_site
    from .media.typeset import INSTALL_HINT, find_cjk_font

    from . import publish

    _stop_on_unreadable(config_file, configsafety.problems)  # what would run code, as build refuses it (print reads no more)
    audience = site_audience(site_options(config_file, site_config(config_file)))
    with publish.address(audience, say=lambda m: click.echo(m, err=True)):  # the intranet's QR codes: INTERNAL_SITE_URL, as zip's
        data = site_config(config_file)
    options = site_options(config_file, data)
    out = out or default_site_dir(audience) / "catalogue.pdf"
    if audience == "internal" and in_public_site(out):
        click.echo(f"错误：内网版品牌汇编含有不公开的品牌和案例，不能写进公开网站的 {DEFAULT_DIRS['public']}/ 文件夹。"
                   f"请去掉 --out（默认写到 {default_site_dir(audience).as_posix()}/catalogue.pdf），或指定公开网站以外的位置。",
                   err=True)
        sys.exit(2)
    root = config_file.resolve().parent
    fonts = find_cjk_font(str(root / options["font"]) if options.get("font") else None)
    if fonts is None:
        raise click.ClickException(INSTALL_HINT)
    _, catalog, problems = site_catalog(options, root / options.get("brands_dir", "brands"))
    stops = print_stops(options, catalog, problems, audience, root)  # what the build stops at: a warning too
    if stops:
        click.echo("\n".join(p.tagged() for p in stops), err=True)
        raise click.ClickException(stops_said(stops))
    catalog = catalog.for_audience(audience)
    site = Site(str(options.get("url_prefix", "brands")), bool(data.get("use_directory_urls", True)),
                str(data.get("site_url") or ""))
    if not printable(site.site_url):
        click.echo(f"提示：网站还没有正式地址（{site.site_url or 'mkdocs.yml 没有设置 site_url'}，是本机预览用的），"
                   "品牌汇编上不印二维码：它在别的电脑和手机上打不开。要印上扫码打开品牌网页的二维码，请给出网站的正式地址"
                   "再生成，例如 " + ("INTERNAL_SITE_URL=http://内网网站的地址/ BRANDSITE_AUDIENCE=internal make print" if audience == "internal"
                                     else "SITE_URL=https://dangjian.example.gov.cn/ make print"), err=True)
    count = write_brochure(
        catalog, out, fonts, site_name=str(data.get("site_name") or ""), progress=click.echo,
        brand_url=lambda b: printed_url(site.site_url, site.absolute(site.brand_src(b))), internal=audience == "internal",
    )
    if not count:
        click.echo(f"没有生成品牌汇编：这个{'内网' if audience == 'internal' else '公开'}网站还没有品牌可印。", err=True)
        sys.exit(1)
    click.echo(f"已写入 {out.as_posix()}（{count} 个品牌，连封面和目录共 {pages(count)} 页）")


@main.command("zip")
@click.option("--print", "with_print", is_flag=True, help="先为每个网站生成印刷版品牌汇编（catalogue.pdf），一起打包")
@click.option("--config-file", type=click.Path(path_type=Path, exists=True), default=Path("mkdocs.yml"), show_default=True)
@click.pass_context
def zip_command(ctx: click.Context, with_print: bool, config_file: Path) -> None:
    """构建公开网站和内网网站，各打成一个带日期的压缩包放进 dist/，交给其他单位（make zip 也是它）。"""
    import os

    from . import publish

    _stop_on_unreadable(config_file)
    for audience in ("public", "internal"):
        with publish.address(audience, say=lambda m: click.echo(m, err=True)):  # INTERNAL_SITE_URL for the intranet's
            code = publish.build(publish.default_site_dir(audience), audience=audience, config_file=config_file,
                                 say=lambda m: click.echo(m, err=True))
        if code:
            sys.exit(code)
    before = os.environ.get("BRANDSITE_AUDIENCE")
    try:
        for audience in ("public", "internal") if with_print else ():  # both printed before either is zipped
            os.environ["BRANDSITE_AUDIENCE"] = audience  # print reads the audience (and the address) as a build does
            with publish.address(audience, say=lambda m: None):  # its QR codes: the intranet's address, as its site's
                ctx.invoke(print_command, out=None, config_file=config_file)
    finally:
        os.environ.pop("BRANDSITE_AUDIENCE", None) if before is None else os.environ.update(BRANDSITE_AUDIENCE=before)
    stamp = publish.zip_stamp()  # one for the pair
    for audience in ("public", "internal"):
        click.echo(f"已打包 {publish.zip_site(publish.default_site_dir(audience), audience, stamp=stamp).as_posix()}")
        if (local := publish.local_address(publish.default_site_dir(audience))) is not None:  # handed over: it opens nowhere else
            click.echo(f"提示：这个压缩包里的网站用的是本机预览的地址 {local}（二维码、网站地图、订阅都指向它），交给别的单位前，"
                       f"请写上网站的正式地址再打包：{'SITE_URL' if audience == 'public' else 'INTERNAL_SITE_URL'}=https://… make zip")
    if not with_print:
        click.echo("提示：压缩包里没有印刷版品牌汇编（catalogue.pdf）。需要一起打包时加上 --print（make zip PRINT=1）")


if __name__ == "__main__":
    main()
