"""The CI pipelines that content repositories copy: valid, complete, and in step with the Makefile."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def make_targets() -> set[str]:
    """Target names in the Makefile, with `$(VAR)` expanded from its `VAR := value` lines."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^([A-Z_]+)\s*[:?]?=\s*(\S+)", text, re.M))

    def expand(value: str) -> str:
        return re.sub(r"\$\((\w+)\)", lambda m: expand(variables.get(m.group(1), "")), value)

    return {expand(t) for t in re.findall(r"^([A-Za-z0-9_./$()-]+):(?!=)", text, re.M)}


def commands(script) -> list[str]:
    if isinstance(script, str):
        return [script]
    return [line for line in script or []]


def used_make_targets(lines: list[str]) -> set[str]:
    return {t for line in lines for t in re.findall(r"\bmake\s+([A-Za-z0-9_./-]+)", line)}


def test_github_workflow():
    wf = yaml.load(GITHUB.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # `on` stays a string key
    assert set(wf["on"]) >= {"pull_request", "push"}
    assert wf["on"]["push"]["branches"] == ["main"]
    build = wf["jobs"]["build"]
    runs = [step["run"] for step in build["steps"] if "run" in step]
    lines = [line.strip() for run in runs for line in run.splitlines()]
    assert ".venv/bin/brandsite check --format github" in lines
    assert {"make test", "make build", "make build-internal"} <= set(lines)
    assert "apt-get install -y -qq chromium fonts-noto-cjk nginx-light >/dev/null" in lines
    assert build["env"]["CI"] == "true"
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    cache = uses["actions/cache"]["with"]["path"].split()
    assert cache == [".venv", ".cache/brandsite"]
    preview = [s for s in build["steps"] if s.get("with", {}).get("name") == "site-preview"][0]
    assert preview["if"] == "github.event_name == 'pull_request'" and preview["with"]["path"] == "site/"
    internal = [s for s in build["steps"] if s.get("with", {}).get("name") == "site-internal"]
    assert internal and internal[0]["with"]["path"] == "site-internal/"
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert used_make_targets(lines) - make_targets() == set()


def test_gitlab_pipeline():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    jobs = {k: v for k, v in ci.items() if isinstance(v, dict) and "script" in v}
    assert set(jobs) == {"check", "test", "build-public", "build-internal", "pages"}
    assert ci["stages"] == ["check", "test", "build", "deploy"]
    assert set(ci["default"]["cache"]["paths"]) >= {".venv/", ".cache/brandsite/"}
    lines = [line for job in jobs.values() for key in ("before_script", "script") for line in commands(job.get(key))]
    lines += commands(ci["default"]["before_script"])
    assert ".venv/bin/brandsite check" in jobs["check"]["script"]
    assert "make test" in jobs["test"]["script"] and jobs["test"]["variables"]["CI"] == "true"
    assert jobs["build-public"]["script"] == ["make build"]
    assert jobs["build-public"]["artifacts"]["paths"] == ["site/"]
    assert jobs["build-internal"]["script"] == ["make build-internal"]
    assert jobs["build-internal"]["artifacts"]["paths"] == ["site-internal/"]
    pages = jobs["pages"]
    assert pages["needs"] == ["build-public"] and pages["artifacts"]["paths"] == ["public/"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert {r["if"] for r in ci["workflow"]["rules"]} >= {'$CI_PIPELINE_SOURCE == "merge_request_event"',
                                                          "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}
    assert used_make_targets(lines) - make_targets() == set()


def test_make_targets_are_read_from_the_makefile():
    assert {"test", "build", "build-internal", ".venv/.installed", "serve"} <= make_targets()
    assert "no-such-target" not in make_targets()


def test_this_repos_ci_installs_the_browser_and_fonts_then_runs_make_test():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium fonts-noto-cjk nginx-light" in run
    assert run.rstrip().endswith("make test")
