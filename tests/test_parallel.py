"""Brand folders read and checked in helper processes give exactly what one process gives."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys

import pytest
from tests.conftest import ROOT, BrandTree
from tests.test_bad_corpus import CASES, place

from brandsite import parallel
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
    """Counts the folders the parent process reads itself; helpers start for any job."""
    monkeypatch.setattr(parallel, "MIN_FOLDERS", 1)
    counted = []
    batch = parallel._batch

    def counting(folders, *args):
        counted.append(len(folders))
        return batch(folders, *args)

    monkeypatch.setattr(parallel, "_batch", counting)
    return counted


def load(tree: BrandTree, **kw):
    return load_catalog(tree.brands, DEFAULT_CATEGORIES, **kw)


def test_helpers_give_what_one_process_gives(mixed_tree, parent_reads, monkeypatch):
    monkeypatch.chdir(mixed_tree.root)
    alone = load(mixed_tree, workers=1)
    folders = parent_reads.pop()
    assert folders == len(list(mixed_tree.brands.iterdir())) > 40
    shared = load(mixed_tree, workers=3)
    assert parent_reads == [-(-folders // 3)], "the parent read more than its share: the helpers did not run"
    assert shared[1] == alone[1]
    assert list(shared[0]) == list(alone[0])
    assert sum(p.level == "error" for p in shared[1]) >= len(CASES) - 3  # the corpus really is in there


@pytest.mark.parametrize("python", ["/nonexistent/python3", "/bin/false"])
def test_a_helper_that_cannot_start_or_fails_changes_nothing(mixed_tree, parent_reads, monkeypatch, python):
    monkeypatch.chdir(mixed_tree.root)
    alone = load(mixed_tree, workers=1)
    monkeypatch.setattr(sys, "executable", python)
    shared = load(mixed_tree, workers=2)
    assert shared[1] == alone[1] and list(shared[0]) == list(alone[0])
    assert sum(parent_reads[1:]) == parent_reads[0]  # the parent read the helper's share itself


def test_the_memo_keeps_what_helpers_read(mixed_tree, parent_reads, monkeypatch):
    monkeypatch.chdir(mixed_tree.root)
    memo = FolderMemo()
    first = load(mixed_tree, memo=memo, workers=2)
    assert memo.misses == len(list(mixed_tree.brands.iterdir())) and memo.hits == 0
    again = load(mixed_tree, memo=memo, workers=2)
    assert memo.hits == memo.misses + memo.hits and memo.misses == 0
    assert again[1] == first[1] and list(again[0]) == list(first[0])
    assert parent_reads[-1] == 0  # nothing left to read the second time


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
             "p._batch = loud; p.helper()")
    proc = subprocess.run([sys.executable, "-c", noisy], input=job, capture_output=True, cwd=tmp_path, check=True)
    (read,) = pickle.loads(proc.stdout)
    assert read.source.readable and read.source.data["name"] == "连心桥" and read.checked == []
    assert b"noise" in proc.stderr and b"more noise" in proc.stderr
