"""Fetch Sveltia CMS and its three fonts from npm into plugins/brandsite/vendor/sveltia-cms/ (run by `make vendor-cms`).

The vendored files are committed, so building the site needs no network. The
bundle is the one the CDN serves (dist/sveltia-cms.js), with small patches so
that the editor never loads anything from another host: its translations come
from the vendored locales/, its chunk from the vendored chunks/, and the
optional helpers it would import from unpkg.com (EXIF reading, SVG
optimisation, PDF thumbnails, code highlighting, HTML paste conversion) are
left out: each caller already copes with the import failing.

Usage: python tools/vendor_sveltia.py [VERSION]
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "0.221.1"
PACKAGE = "@sveltia/cms"
DEST = Path(__file__).resolve().parent.parent / "plugins" / "brandsite" / "vendor" / "sveltia-cms"
FILES = {
    "dist/sveltia-cms.js": "sveltia-cms.js",
    "dist/chunks/react-dom.js": "chunks/react-dom.js",
    "locales/zh-CN.json": "locales/zh-CN.json",
    "locales/en-US.json": "locales/en-US.json",
    "LICENSE.txt": "LICENSE.txt",
}
REFUSED = "Promise.reject(Error(`not bundled: the editor loads nothing from other hosts`))"
# The fonts its stylesheet loads from cdn.jsdelivr.net, from the same packages on npm:
# (package, file in it, font URL in the bundle). Chinese text uses the system's fonts.
FONTS = [
    ("@fontsource-variable/source-sans-3@5.3.0", "files/source-sans-3-latin-wght-normal.woff2",
     "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2"),
    ("@fontsource/noto-mono@5.3.0", "files/noto-mono-latin-400-normal.woff2",
     "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2"),
    # The icons: without this font the buttons would show their icon names as text.
    ("@fontsource-variable/material-symbols-outlined@5.3.7", "files/material-symbols-outlined-latin-wght-normal.woff2",
     "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2"),
]
# (what the minified bundle of VERSION says, what it should say). Each must occur exactly once.
PATCHES = [
    # No check for a newer version on unpkg.com: the version is pinned here.
    ("let e=await fetch(NSe);", f"let e=await {REFUSED};"),
    # Translations: from the vendored locales/ beside the page, not unpkg.com.
    ("USe=`${iP}@${rP}/locales`", "USe=`./locales`"),
    # The react-dom chunk: only the vendored copy, no fallback to unpkg.com.
    ("return i===r?[r]:[i,r]}", "return[i]}"),
    # Optional helper modules from unpkg.com: refused without a request.
    ("YW=async(e,t)=>hk(()=>import(`${JW(e)}/${t}`),void 0)", f"YW=async(e,t)=>{REFUSED}"),
    ("loadEngine:async()=>hk(()=>import(vk()),void 0)", f"loadEngine:async()=>{REFUSED}"),
    ("loadLanguage:async e=>hk(()=>import(yk(e)),void 0)", f"loadLanguage:async e=>{REFUSED}"),
    ("loadTheme:async e=>hk(()=>import(bk(e)),void 0)", f"loadTheme:async e=>{REFUSED}"),
    ("LG=await hk(()=>import(PG),void 0)", f"LG=await {REFUSED}"),
]


def main(version: str = VERSION) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{version}", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        tgz = next(Path(tmp).glob("*.tgz"))
        digest = hashlib.sha512(tgz.read_bytes()).hexdigest()
        with tarfile.open(tgz) as tar:
            tar.extractall(tmp, filter="data")
        src = Path(tmp) / "package"
        meta = json.loads((src / "package.json").read_text(encoding="utf-8"))
        if meta["version"] != version:
            sys.exit(f"npm gave {meta['version']}, not {version}")
        if DEST.exists():
            shutil.rmtree(DEST)
        for name, target in FILES.items():
            (DEST / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src / name, DEST / target)
        for spec, name, _url in FONTS:
            folder = Path(tmp) / spec.rsplit("@", 1)[0].replace("/", "+")
            folder.mkdir()
            subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
            with tarfile.open(next(folder.glob("*.tgz"))) as tar:
                tar.extractall(folder, filter="data")
            (DEST / "fonts").mkdir(exist_ok=True)
            shutil.copyfile(folder / "package" / name, DEST / "fonts" / Path(name).name)
            shutil.copyfile(folder / "package" / "LICENSE", DEST / "fonts" / (Path(name).name.split("-latin")[0] + ".LICENSE"))
    bundle = DEST / "sveltia-cms.js"
    text = bundle.read_text(encoding="utf-8")
    for _spec, name, url in FONTS:
        # Inline <style> resolves url() against the page (admin/), where fonts/ is served.
        PATCHES.append((f"url({url})", f"url(./fonts/{Path(name).name})"))
    for old, new in PATCHES:
        if text.count(old) != 1:
            sys.exit(f"patch does not apply to {PACKAGE}@{version} ({text.count(old)} matches): {old}")
        text = text.replace(old, new)
    # The source map is not vendored; without this line browsers would ask for it.
    text = text.replace("//# sourceMappingURL=sveltia-cms.js.map", "")
    bundle.write_text(text, encoding="utf-8")
    chunk = DEST / "chunks" / "react-dom.js"
    chunk.write_text(chunk.read_text(encoding="utf-8").replace("//# sourceMappingURL=react-dom.js.map", ""), encoding="utf-8")
    (DEST / "package.json").write_text(json.dumps(
        {"name": PACKAGE, "version": version, "license": meta["license"], "homepage": meta.get("homepage"),
         "npm_tarball_sha512": digest, "fonts": [spec for spec, _n, _u in FONTS]}, indent=2) + "\n", encoding="utf-8")
    print(f"{PACKAGE}@{version} -> {DEST}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
