"""Brand clusters (品牌集群): one page per `cluster`. No MkDocs imports.

A district programme groups brands under one cluster name. Each cluster
gets a page listing its brands; when `docs/clusters/<cluster>.md` exists,
its text is the page's intro and the generated page takes its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import Brand, Catalog

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
    safe = re.sub(r'[\\/?#%<>:"|*\s.]+', "-", name.strip()).strip("-") or "cluster"
    return f"{CLUSTERS_DIR}/{safe}.md"


def intro_path(docs_dir: str | Path, name: str) -> Path:
    return Path(docs_dir, CLUSTERS_DIR, f"{name}.md")


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
            if path.is_file():
                intro = path.read_text(encoding="utf-8-sig")
        out.append(Cluster(name, groups[name], intro))
    return out
