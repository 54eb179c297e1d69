"""A search index the browser could not load fails the build instead of being
published."""

from __future__ import annotations

import gzip
import json

import pytest

from brandsite.site import search_index

ENTRY = {"version": "1.5.2", "languages": {"zh": {"hash": "zh_1", "wasm": None, "page_count": 3}}}


def whole_output(folder):
    (folder / "pagefind-entry.json").write_text(json.dumps(ENTRY), encoding="utf-8")
    (folder / "wasm.unknown.pagefind").write_bytes(gzip.compress(b"\0asm" + b"x" * 5000))
    (folder / "pagefind.zh_1.pf_meta").write_bytes(gzip.compress(b"pagefind_dcd meta"))


def test_empty_entry_file_is_refused(tmp_path):
    whole_output(tmp_path)
    (tmp_path / "pagefind-entry.json").write_text("", encoding="utf-8")
    with pytest.raises(search_index.SearchIndexError, match="pagefind-entry.json 为空或不完整"):
        search_index.check_output(tmp_path)


def test_cut_off_wasm_is_refused(tmp_path):
    # What the browser reported as "Failed to load the Pagefind WASM: unexpected EOF".
    whole_output(tmp_path)
    wasm = tmp_path / "wasm.unknown.pagefind"
    wasm.write_bytes(wasm.read_bytes()[:40])
    with pytest.raises(search_index.SearchIndexError, match="wasm.unknown.pagefind 为空或不完整"):
        search_index.check_output(tmp_path)


def test_whole_output_passes(tmp_path):
    whole_output(tmp_path)
    search_index.check_output(tmp_path)


def test_a_built_index_is_whole(tmp_path):
    """End to end through the real binary: every file it wrote unpacks."""
    site = tmp_path / "site"
    records = {f"a/p{n}.html": f"<html lang='zh'><body><main data-pagefind-body><h1>第{n}个党建品牌</h1>"
                               f"<p>红色引领,服务群众,连心桥{n}</p></main></body></html>" for n in range(30)}
    result = search_index.build_index(site, records)
    assert result["pages"] == 30
    out = site / "pagefind"
    packed = [p for p in out.rglob("*") if p.suffix in {".pagefind", ".pf_meta", ".pf_fragment", ".pf_index"}]
    assert len(packed) > 30
    for path in packed:
        gzip.decompress(path.read_bytes())
