"""Brand folders read and checked in helper processes give exactly what one process gives."""

from __future__ import annotations

import logging
import pickle
import shutil
import subprocess
import sys
import time

import pytest
from tests.conftest import ROOT, BrandTree
from tests.test_bad_corpus import CASES, place

from brandsite import load as load_module
from brandsite import parallel, rules
from brandsite.load import load_catalog
from brandsite.memo import FolderMemo
from brandsite.model import DEFAULT_CATEGORIES


@pytest.fixture(scope="module")
def mixed_tree(tmp_path_factory) -> BrandTree:
    """The sample brands plus one folder per file of the hostile corpus."""
    tree = BrandTree(tmp_path_factory.mktemp("mixed"))
    for folder in sorted((ROOT / "brands").iterdir()):
        if folder.is_dir():
            shutil.copytree(folder, tree.brands / folder.name)
    for path in CASES:
        place(tree, path)
    return tree


@pytest.fixture
def parent_reads(monkeypatch):
    """Counts the folders the parent process reads and checks itself (helpers are other
    processes, so they are not counted); helpers start for a job of any size."""
    monkeypatch.setattr(parallel, "MIN_FOLDERS", 1)
    counts = {"read": 0, "checked": 0}
    read, check = load_module.read_source, rules.check_source

    def counting_read(*args, **kw):
        counts["read"] += 1
        return read(*args, **kw)

    def counting_check(*args, **kw):
        counts["checked"] += 1
        return check(*args, **kw)

    monkeypatch.setattr(load_module, "read_source", counting_read)
    monkeypatch.setattr(rules, "check_source", counting_check)
    return counts


def folder_count(tree: BrandTree) -> int:
    return len(list(tree.brands.iterdir()))


def load(tree: BrandTree, **kw):
    return load_catalog(tree.brands, DEFAULT_CATEGORIES, **kw)


def test_helpers_give_what_one_process_gives(mixed_tree, parent_reads, monkeypatch):
    monkeypatch.chdir(mixed_tree.root)
    folders = folder_count(mixed_tree)
    alone = load(mixed_tree, workers=1)
    assert parent_reads == {"read": folders, "checked": folders} and folders > 40
    parent_reads.update(read=0, checked=0)
    shared = load(mixed_tree, workers=3)
    # The parent reads and checks only its third: the rest comes from the helpers and is used as is.
    assert parent_reads == {"read": -(-folders // 3), "checked": -(-folders // 3)}
    assert shared[1] == alone[1]
    assert list(shared[0]) == list(alone[0])
    assert sum(p.level == "error" for p in shared[1]) >= len(CASES) - 3  # the corpus really is in there


def script(tmp_path, body: str) -> str:
    path = tmp_path / "python"
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


@pytest.mark.parametrize("python", [
    "/nonexistent/python3",  # cannot start
    "/bin/false",  # fails
    None,  # an embedded interpreter
    "SLEEPS",  # never answers
    "GARBLES",  # exits 0 with an answer that is not one
])
def test_a_helper_that_cannot_start_fails_or_hangs_changes_nothing(mixed_tree, parent_reads, monkeypatch, tmp_path, caplog, python):
    monkeypatch.chdir(mixed_tree.root)
    alone = load(mixed_tree, workers=1)
    if python == "SLEEPS":
        python = script(tmp_path, "exec sleep 60")
        monkeypatch.setattr(parallel, "PATIENCE", 1.0)
    elif python == "GARBLES":
        python = script(tmp_path, "cat > /dev/null; echo '\n--brandsite-answer--\nnot a pickle'")
    monkeypatch.setattr(sys, "executable", python)
    parent_reads.update(read=0, checked=0)
    started = time.monotonic()
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.brandsite")
    shared = load(mixed_tree, workers=2)
    assert shared[1] == alone[1] and list(shared[0]) == list(alone[0])
    folders = folder_count(mixed_tree)
    assert parent_reads == {"read": folders, "checked": folders}  # the parent read the helper's share itself
    assert time.monotonic() - started < 30
    if python is not None:
        assert "辅助进程" in caplog.text and "改由主进程读取" in caplog.text


def test_noise_before_the_answer_is_skipped(mixed_tree, parent_reads, monkeypatch, tmp_path):
    # A wrapper that prints while starting, before the helper's own redirect is in place.
    monkeypatch.chdir(mixed_tree.root)
    alone = load(mixed_tree, workers=1)
    monkeypatch.setattr(sys, "executable", script(tmp_path, f'echo "starting up"; exec "{sys.executable}" "$@"'))
    parent_reads.update(read=0, checked=0)
    shared = load(mixed_tree, workers=2)
    assert parent_reads["read"] == -(-folder_count(mixed_tree) // 2)  # the helper's answer was used
    assert shared[1] == alone[1] and list(shared[0]) == list(alone[0])


def test_a_module_in_the_site_folder_does_not_shadow_the_helpers_imports(mixed_tree, parent_reads, monkeypatch):
    monkeypatch.chdir(mixed_tree.root)
    (mixed_tree.root / "yaml.py").write_text("raise SystemExit('the site folder was on the path')\n", encoding="utf-8")
    try:
        parent_reads.update(read=0, checked=0)
        load(mixed_tree, workers=2)
        assert parent_reads["read"] == -(-folder_count(mixed_tree) // 2)
    finally:
        (mixed_tree.root / "yaml.py").unlink()


def test_the_memo_keeps_what_helpers_read(mixed_tree, parent_reads, monkeypatch):
    monkeypatch.chdir(mixed_tree.root)
    memo = FolderMemo()
    first = load(mixed_tree, memo=memo, workers=2)
    folders = folder_count(mixed_tree)
    assert memo.misses == folders and memo.hits == 0
    assert parent_reads == {"read": -(-folders // 2), "checked": -(-folders // 2)}
    parent_reads.update(read=0, checked=0)
    again = load(mixed_tree, memo=memo, workers=2)
    assert memo.hits == folders and memo.misses == 0
    assert parent_reads == {"read": 0, "checked": 0}  # nothing read or checked again
    assert again[1] == first[1] and list(again[0]) == list(first[0])


def test_small_jobs_stay_in_one_process(monkeypatch):
    def no_helpers(*args, **kw):
        raise AssertionError("a helper process was started for a small job")

    monkeypatch.setattr(parallel.subprocess, "Popen", no_helpers)
    catalog, problems = load_catalog(ROOT / "brands", DEFAULT_CATEGORIES)
    assert len(catalog) >= 10 and not [p for p in problems if p.level == "error"]


def test_what_the_work_prints_does_not_spoil_the_answer(tmp_path):
    tree = BrandTree(tmp_path)
    folder = tree.brand()
    job = pickle.dumps(([(folder, "brands/lian-xin-qiao")], DEFAULT_CATEGORIES, 5 * 1048576))
    noisy = ("import os, brandsite.parallel as p; batch = p._batch\n"
             "def loud(*a):\n    print('noise'); os.write(1, b'more noise'); return batch(*a)\n"
             "p._batch = loud; p.helper(str(p.PACKAGE))")
    proc = subprocess.run([sys.executable, "-c", noisy], input=job, capture_output=True, cwd=tmp_path, check=True)
    assert proc.stdout.startswith(parallel.MARK)
    (read,) = pickle.loads(proc.stdout[len(parallel.MARK):])
    assert read.source.readable and read.source.data["name"] == "连心桥" and read.checked == []
    assert b"noise" in proc.stderr and b"more noise" in proc.stderr
