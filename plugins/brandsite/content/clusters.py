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

from dataclasses import dataclass
from pathlib import Path

from . import names
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
    return f"{CLUSTERS_DIR}/{page_stem(name)}.md"


def page_stem(name: str) -> str:
    """The page's file name without ".md". A name the check refuses (empty, reserved)
    still gets a harmless one, so that nothing can replace the list of clusters."""
    stem = names.page_stem(name)
    return stem if names.stem_problem(stem) is None else f"cluster-{stem.encode('utf-8').hex()[:32]}"


def intro_path(docs_dir: str | Path, name: str) -> Path | None:
    """docs/clusters/<page>.md for cluster `name`, or None when it resolves outside docs/clusters/."""
    folder = Path(docs_dir, CLUSTERS_DIR)
    path = folder / f"{page_stem(name)}.md"
    try:
        path.resolve().relative_to(folder.resolve())  # a symlink may point anywhere
    except (ValueError, OSError):
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
            if path is not None and path.is_file():
                # MkDocs never reads this file (the generated page replaces it): a stray
                # byte must not stop the build, so it shows as U+FFFD.
                intro = path.read_bytes().decode("utf-8-sig", errors="replace")
        out.append(Cluster(name, groups[name], intro))
    return out
