"""tests/bad/: one careless or hostile input per file, each with the message it must get.

A file's name says where it goes in an otherwise valid brand folder:
`<case>.brand.yml` replaces brand.yml, `<case>.case.md` is added as a case,
`<case>.story.md` becomes story.md, and `<case>.logo.<ext>` replaces the logo.
tests/bad/expected.yml maps each file to the line and words of its message.
All cases are checked in ONE run of the real `brandsite check`, as CI would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import BRAND_YML, BrandTree

BAD = Path(__file__).parent / "bad"
EXPECTED = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))
CASES = sorted(p for p in BAD.iterdir() if p.name != "expected.yml")


def place(tree: BrandTree, path: Path) -> tuple[str, str]:
    """Put the bad file into its own brand folder; return (slug, file it lands in)."""
    stem, role = path.name.split(".")[:2]
    slug = f"bad-{stem}"
    folder = tree.brand(slug, **{"name: 连心桥": f"name: 坏例{len(list(tree.brands.iterdir()))}号"})
    data = path.read_bytes()
    if role == "brand":
        (folder / "brand.yml").write_bytes(data)
        return slug, "brand.yml"
    if role == "case":
        (folder / "cases" / f"{stem}.md").write_bytes(data)
        return slug, f"cases/{stem}.md"
    if role == "story":
        (folder / "story.md").write_bytes(data)
        return slug, "story.md"
    if role == "logo":
        ext = path.suffix
        (folder / "logo.svg").unlink()
        (folder / f"logo{ext}").write_bytes(data)
        yml = folder / "brand.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace("logo: logo.svg", f"logo: logo{ext}"), encoding="utf-8")
        return slug, "brand.yml"
    raise AssertionError(f"tests/bad/{path.name}: unknown role {role!r}")


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    tree = BrandTree(tmp_path_factory.mktemp("bad"))
    placed = {path.name: place(tree, path) for path in CASES}
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "brandsite.cli", "check", str(tree.brands), "--format", "json"],
        capture_output=True, text=True, cwd=tree.root, env=env, timeout=120,
    )
    return placed, proc


def test_every_bad_file_has_an_expectation():
    assert sorted(EXPECTED) == sorted(p.name for p in CASES)


def test_corpus_run_fails_cleanly(corpus_run):
    _, proc = corpus_run
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    report = json.loads(proc.stdout)
    assert report["brands"] == len(CASES)


@pytest.mark.parametrize("name", [p.name for p in CASES])
def test_bad_file_gets_its_message(corpus_run, name):
    placed, proc = corpus_run
    slug, target = placed[name]
    want = EXPECTED[name]
    problems = [p for p in json.loads(proc.stdout)["problems"] if p["path"] == f"brands/{slug}/{target}"]
    found = [p for p in problems if p["line"] == want["line"] and all(word in p["message"] for word in want["says"])]
    assert found, f"{name}: expected line {want['line']} saying {want['says']}, got {problems}"
    assert found[0]["level"] == want.get("level", "error")
