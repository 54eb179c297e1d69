"""The MkDocs plugin. Events only: each one delegates to `site.build.SiteBuild`.

Everything the plugin does lives in plain modules: content/ reads and checks brands/
(no MkDocs imports), media/ makes images and print, site/ makes the pages, listings and
search index. A port to another engine keeps all of it and rewrites this file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .config import BrandsiteConfig
from .configcheck import SERVE_LOGGER, ServeExplainer
from .content.model import display_path
from .errors import BrandsiteError
from .publish import port_free, stop_preview_as_ctrl_c
from .site.build import SiteBuild, quiet_dirty_warning
from .watchfolder import FolderWatch

log = get_plugin_logger(__name__)


def _plain_errors(event):
    """A BrandsiteError becomes MkDocs' PluginError: its message, no traceback."""
    def handler(self, *args, **kwargs):
        try:
            return event(self, *args, **kwargs)
        except BrandsiteError as exc:
            raise PluginError(str(exc)) from None
    handler.__name__ = event.__name__
    handler.__doc__ = event.__doc__
    return handler


class BrandsitePlugin(BasePlugin[BrandsiteConfig]):
    def __init__(self) -> None:
        self.build: SiteBuild | None = None
        self.serving = False
        self.dirty = False
        self.explainer: ServeExplainer | None = None
        self.folder_watch: FolderWatch | None = None

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup also keeps this instance alive across `serve` rebuilds.
        self.serving, self.dirty = command == "serve", dirty
        if self.serving:
            stop_preview_as_ctrl_c()  # before the first build, which may take minutes
        self.build = None
        if dirty:
            quiet_dirty_warning()

    @_plain_errors
    def on_config(self, config):
        if self.build is None:  # one per build; under `serve`, one for the whole session
            if self.serving:
                port_free(*config.dev_addr)
            self.build = SiteBuild(self.config, serving=self.serving, dirty=self.dirty, log=log)
        self.build.options = self.config
        self.build.configure(config)
        return config

    @_plain_errors
    def on_env(self, env, *, config, files):
        # Jinja's file cache of compiled templates: `serve` makes a new environment every rebuild.
        env.bytecode_cache = self.build.bytecode_cache
        self.build.pages_converted(files, config)
        return env

    @_plain_errors
    def on_files(self, files, *, config):
        return self.build.files(files, config)

    def on_nav(self, nav, *, config, files):
        return self.build.nav(nav, config, files)

    def on_page_markdown(self, markdown, *, page, config, files):
        return self.build.page_markdown(markdown, page)

    def on_page_content(self, html, *, page, config, files):
        return self.build.page_content(html, page)

    def on_page_context(self, context, *, page, config, nav):
        return self.build.page_context(context, page)

    @event_priority(-100)  # last, so that the security policy covers other plugins' scripts
    def on_post_page(self, output, *, page, config):
        return self.build.written(output)

    def on_post_template(self, output_content, *, template_name, config):
        return self.build.template_written(output_content, template_name)

    @_plain_errors
    def on_post_build(self, *, config):
        self.build.finish(config)

    def on_build_error(self, *, error):
        if self.build is not None:
            self.build.stop_stream()

    def on_shutdown(self):
        if self.folder_watch is not None:
            self.folder_watch.stop()
            self.folder_watch = None
        if self.build is not None:
            self.build.stop_stream()  # a build stopped by Ctrl-C gets no on_build_error
        if self.explainer is not None:
            logging.getLogger(SERVE_LOGGER).removeHandler(self.explainer)
            self.explainer = None

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.build.brands_dir))
        if self.folder_watch is None:  # brands/ replaced as a whole (moved back, restored): watched again
            self.folder_watch = FolderWatch(server, self.build.brands_dir, log.info)
        if self.explainer is None:  # a mkdocs.yml saved with a mistake: told in Chinese
            self.explainer = ServeExplainer(Path(display_path(config.config_file_path, Path.cwd())), log)
            logging.getLogger(SERVE_LOGGER).addHandler(self.explainer)
        log.info(f"预览已就绪：用浏览器打开 {server.url} 。改完 brands 里的文件并保存，页面会自动刷新；按 Ctrl+C 结束预览")
        return server
