"""A search index the browser could not load fails the build instead of being published."""

from __future__ import annotations

import json

import pytest

from brandsite import search


def test_empty_entry_file_is_refused(tmp_path):
    (tmp_path / "pagefind-entry.json").write_text("", encoding="utf-8")
    with pytest.raises(search.SearchIndexError, match="pagefind-entry.json 为空或无法读取"):
        search.check_output(tmp_path)


def test_written_entry_file_passes(tmp_path):
    (tmp_path / "pagefind-entry.json").write_text(
        json.dumps({"version": "1.5.2", "languages": {"zh": {"hash": "zh_1", "wasm": "zh", "page_count": 3}}}),
        encoding="utf-8")
    search.check_output(tmp_path)
