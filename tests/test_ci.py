"""The CI pipelines that content repositories copy: valid, complete, and in step with the Makefile."""

from __future__ import annotations

import json
import os
import re
import subprocess

import click
import pytest
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
    assert {"make test", "make build", "make build-internal", ".venv/bin/brandsite leaks site/"} <= set(lines)
    assert "apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-core nginx-light >/dev/null" in lines
    assert build["env"]["CI"] == "true"
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    cache = uses["actions/cache"]["with"]["path"].split()
    assert cache == [".venv", ".cache/brandsite"]
    preview = [s for s in build["steps"] if s.get("with", {}).get("name") == "site-preview"][0]
    assert preview["if"] == "github.event_name == 'pull_request'" and preview["with"]["path"] == "site/"
    internal = [s for s in build["steps"] if s.get("with", {}).get("name") == "site-internal"]
    assert internal and internal[0]["with"]["path"] == "site-internal/"
    # never where anyone may download it: a public repository's artifacts are open to every signed-in user
    assert "github.event.repository.private" in internal[0]["if"]
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
    # the problems on a merge request's changed lines: a Code Quality report
    report = jobs["check"]["artifacts"]["reports"]["codequality"]
    assert f".venv/bin/brandsite check --format gitlab > {report} || true" in jobs["check"]["after_script"]
    assert "make test" in jobs["test"]["script"] and jobs["test"]["variables"]["CI"] == "true"
    assert jobs["build-public"]["script"][2:] == ["make build", ".venv/bin/brandsite leaks site/"]
    assert jobs["build-public"]["artifacts"]["paths"] == ["site/"]
    assert jobs["build-internal"]["script"][2:] == ["make build-internal"]
    assert jobs["build-internal"]["artifacts"]["paths"] == ["site-internal/"]
    assert jobs["build-internal"]["artifacts"]["access"] == "developer"  # its contacts: not for every viewer of the pipelines
    pages = jobs["pages"]
    # both sites built, the intranet one not downloaded where Pages publishes
    assert pages["needs"] == ["build-public", {"job": "build-internal", "artifacts": False}]
    assert pages["artifacts"]["paths"] == ["public/"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert {r["if"] for r in ci["workflow"]["rules"]} >= {'$CI_PIPELINE_SOURCE == "merge_request_event"',
                                                          "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}
    assert used_make_targets(lines) - make_targets() == set()


def test_make_targets_are_read_from_the_makefile():
    assert {"test", "build", "build-internal", ".venv/.installed", "serve"} <= make_targets()
    assert "no-such-target" not in make_targets()


def test_this_repos_ci_installs_the_browser_and_fonts_then_runs_make_test():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-core nginx-light" in run
    assert run.rstrip().endswith("make test")


# Content CI: an editor's change to content only is checked, built and scanned, without the tool's suite.

CONTENT = ["brands/hong-qiao/brand.yml", "brands/hong-qiao/photos/党员服务.jpg", "docs/guide/index.md", "mkdocs.yml"]
TOOL = ["plugins/brandsite/cli.py", "tests/test_ci.py", "Makefile", "pyproject.toml", "start.py", "assets/stylesheets/site.css",
        "docs/deploy/nginx.conf"]  # the web server's configuration, which the suite tests


def github_steps() -> list[dict]:
    wf = yaml.load(GITHUB.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return wf["jobs"]["build"]["steps"]


def run_scope_step(tmp_path, changed: list[str], *, base: str | None = "first") -> str:
    """Run the workflow's scope step in a scratch repository where `changed` files changed; its `tool` output."""
    step = next(s for s in github_steps() if s.get("id") == "scope")
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()
    git("init", "-q")
    (repo / "README.md").write_text("x\n", encoding="utf-8")
    git("add", "."), git("commit", "-qm", "first")
    first = git("rev-parse", "HEAD")
    for rel in changed:
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text("changed\n", encoding="utf-8")
    git("add", "."), git("commit", "-qm", "change")
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    env.update(GITHUB_OUTPUT=str(output), GITHUB_WORKSPACE=str(repo),
               BASE={"first": first, None: "", "zeros": "0" * 40}[base])
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, check=True, capture_output=True)
    return dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").split())["tool"]


@pytest.mark.parametrize("changed, expected", [
    (CONTENT, "false"),
    (["brands/hong-qiao/cases/示例.md"], "false"),
    (CONTENT + ["plugins/brandsite/cli.py"], "true"),
    *[([rel], "true") for rel in TOOL],
])
def test_github_runs_the_suite_only_when_the_tool_changes(tmp_path, changed, expected):
    assert run_scope_step(tmp_path, changed) == expected


@pytest.mark.parametrize("base", [None, "zeros"])
def test_github_runs_the_suite_without_a_base_to_compare_with(tmp_path, base):
    assert run_scope_step(tmp_path, CONTENT, base=base) == "true"


def test_github_content_pull_request_still_checks_builds_and_scans():
    steps = github_steps()
    conditional = {s.get("run", "").strip().splitlines()[-1] if "run" in s else "": s.get("if") for s in steps}
    assert conditional["make test"] == "steps.scope.outputs.tool == 'true'"
    for always in (".venv/bin/brandsite check --format github", "make build", "make build-internal",
                   ".venv/bin/brandsite leaks site/"):
        assert conditional[always] is None, always
    names = [s.get("id") or (s["run"].strip().splitlines()[-1] if "run" in s else "") for s in steps]
    assert names.index("scope") < names.index("make test")
    assert names.index("make build-internal") < names.index(".venv/bin/brandsite leaks site/")
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == "0"  # the base commit must be there to compare with


def gitlab_glob(pattern: str) -> re.Pattern:
    """GitLab's rules:changes matching (Ruby's File.fnmatch with PATHNAME, DOTMATCH and EXTGLOB braces)."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "{":
            end = pattern.index("}", i)
            out, i = out + "(?:" + "|".join(re.escape(p) for p in pattern[i + 1:end].split(",")) + ")", end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def gitlab_test_runs_for(changed: list[str]) -> bool:
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    patterns = [gitlab_glob(p) for rule in ci["test"]["rules"] for p in rule["changes"]]
    return any(p.match(path) for path in changed for p in patterns)


def test_gitlab_runs_the_suite_only_when_the_tool_changes():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert [set(r) for r in ci["test"]["rules"]] == [{"changes"}]   # no `when: never` that would skip it for good
    assert not gitlab_test_runs_for(CONTENT)
    for rel in TOOL:
        assert gitlab_test_runs_for([rel]), rel
    for job in ("check", "build-public", "build-internal"):
        assert "rules" not in ci[job], job   # content changes are always checked and built
    assert ".venv/bin/brandsite leaks site/" in ci["build-public"]["script"]


def test_gitlab_tool_files_cover_every_file_of_the_repository_but_content():
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    content = [f for f in files if f and re.match(r"(brands/|docs/(?!deploy/)|mkdocs\.yml$)", f)]
    tool = [f for f in files if f and f not in content]
    assert content and tool
    assert [f for f in tool if not gitlab_test_runs_for([f])] == []
    assert [f for f in content if gitlab_test_runs_for([f])] == []


# The editors' tasks in VS Code call commands that exist, on Windows and elsewhere.

TASKS = ROOT / ".vscode" / "tasks.json"


def task_commands(task: dict) -> list[tuple[str, list[str]]]:
    windows = task.get("windows", {})
    return [(task["command"], task["args"]), (windows.get("command", task["command"]), windows.get("args", task["args"]))]


def test_vscode_tasks_call_real_brandsite_commands_on_every_desktop():
    from brandsite.cli import main

    tasks = json.loads(TASKS.read_text(encoding="utf-8"))
    labels = {t["label"] for t in tasks["tasks"]}
    assert {"预览网站", "检查品牌", "新建品牌", "生成申报表"} <= labels
    inputs = {i["id"] for i in tasks.get("inputs", [])}
    ctx = click.Context(main)
    for task in tasks["tasks"]:
        (posix, posix_args), (windows, windows_args) = task_commands(task)
        assert task["type"] == "process" and task["options"]["cwd"] == "${workspaceFolder}"
        assert posix == "python3" and windows == "py", task["label"]   # python.org's launcher on Windows
        assert windows_args[:1] == ["-3"] and windows_args[1:] == posix_args, task["label"]
        script, subcommand, *rest = posix_args
        assert (ROOT / script).is_file() and script == "start.py"
        command = main.get_command(ctx, subcommand)
        assert command is not None, f"{task['label']}: brandsite has no command {subcommand}"
        options = {o for p in command.params for o in p.opts}
        for arg in rest:
            if arg.startswith("-"):
                assert arg in options, f"{task['label']}: brandsite {subcommand} has no option {arg}"
            for used in re.findall(r"\$\{input:(\w+)\}", arg):
                assert used in inputs, used
        if subcommand in ("new", "form"):
            arguments = [p for p in command.params if isinstance(p, click.Argument)]
            assert rest and rest[0].startswith("${input:") and arguments[0].required


def test_the_preview_tasks_problems_are_the_lines_the_preview_prints():
    """The preview's log is in Chinese (buildlog.py): a matcher for MkDocs' English words matched
    nothing, so the Problems panel never showed a preview's error."""
    import logging

    from brandsite.buildlog import chinese

    def said(level: int, message: str) -> str:
        return chinese(logging.LogRecord("mkdocs.plugins.brandsite", level, __file__, 1, message, None, None))

    tasks = json.loads(TASKS.read_text(encoding="utf-8"))
    matchers = next(t for t in tasks["tasks"] if t["label"] == "预览网站")["problemMatcher"]
    matchers = matchers if isinstance(matchers, list) else [matchers]
    error = said(logging.ERROR, "brandsite: brands/a/cases/b.md:3: date（日期）格式不对")
    warning = said(logging.WARNING, "brandsite: brands/a/brand.yml:9: 警告：标识很小")
    note = said(logging.INFO, "brandsite: brands/a/brand.yml:9: 提示：标识很小")
    found = {}
    for m in matchers:
        for line in (error, warning, note, "警告：1 个品牌有错误（2 个），预览里暂不显示"):
            hit = re.match(m["pattern"]["regexp"], line)
            if hit:
                found[line] = (m.get("severity", "error"), hit.group(m["pattern"]["file"]), hit.group(m["pattern"]["line"]))
    assert found == {error: ("error", "brands/a/cases/b.md", "3"), warning: ("warning", "brands/a/brand.yml", "9")}
    # a note is listed on the first build only, so it would leave the panel at the next save
    starts = [said(logging.INFO, "Building documentation..."), said(logging.INFO, "[10:00:00] Detected file changes")]
    ends = [said(logging.INFO, "[10:00:01] Reloading browsers"), said(logging.INFO, "brandsite: 预览已就绪：用浏览器打开 http://127.0.0.1:8000/"),
            said(logging.ERROR, "[10:00:01] An error happened during the rebuild. The server will appear stuck until build errors are resolved.")]
    for m in matchers:
        assert all(re.search(m["background"]["beginsPattern"], line) for line in starts), starts
        assert all(re.search(m["background"]["endsPattern"], line) for line in ends), ends


def test_the_category_picker_offers_the_sample_sites_categories():
    from brandsite.cli import site_options
    from brandsite.content.model import DEFAULT_CATEGORIES

    tasks = json.loads(TASKS.read_text(encoding="utf-8"))
    picker = next(i for i in tasks["inputs"] if i["id"] == "category")
    assert picker["options"] == list(site_options(ROOT / "mkdocs.yml").get("categories") or DEFAULT_CATEGORIES)


# Each site's address: mkdocs.yml's site_url reads SITE_URL, which the CI files set for each build.

def run_with_fake_make(tmp_path, script: str, env: dict) -> list[str]:
    """Run a CI script in bash with a `make` that prints the SITE_URL it was given ("-" for none)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "make").write_text('#!/bin/sh\necho "$1 ${SITE_URL--}"\n', encoding="utf-8")
    (bin_dir / "make").chmod(0o755)
    environ = {"PATH": f"{bin_dir}:/usr/bin:/bin", **env}
    done = subprocess.run(["bash", "-e", "-c", script], env=environ, capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.parametrize("address, expected", [
    ("https://octocat.github.io/dangjian", "https://octocat.github.io/dangjian/"),
    ("https://dangjian.example.gov.cn/", "https://dangjian.example.gov.cn/"),
    (" https://dangjian.example.gov.cn \n", "https://dangjian.example.gov.cn/"),  # pasted with spaces
    ("", "-"),
])
def test_github_builds_each_site_for_its_address(tmp_path, address, expected):
    steps = {s.get("name"): s for s in github_steps()}
    pages = steps["Find the GitHub Pages address"]
    assert pages["uses"].startswith("actions/configure-pages@") and "pull_request" in pages["if"]
    assert pages["continue-on-error"] == "true"  # Pages not switched on: the builds still run
    public, internal = steps["Build the public site"], steps["Build the intranet site"]
    assert public["env"]["ADDRESS"] == "${{ vars.SITE_URL || steps.pages.outputs.base_url }}"
    assert internal["env"]["ADDRESS"] == "${{ vars.INTERNAL_SITE_URL }}"
    assert run_with_fake_make(tmp_path, public["run"], {"ADDRESS": address}) == ["build", expected]
    assert run_with_fake_make(tmp_path, internal["run"], {"ADDRESS": address}) == ["build-internal", expected]
    wf = yaml.load(GITHUB.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert wf["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}


@pytest.mark.parametrize("env, public, internal", [
    ({"CI_PAGES_URL": "https://group.gitlab.io/dangjian"}, "https://group.gitlab.io/dangjian/", "-"),
    # a project variable SITE_URL is the public site's, never the intranet's
    ({"CI_PAGES_URL": "https://group.gitlab.io/dangjian", "SITE_URL": "https://www.example.gov.cn/dj"},
     "https://www.example.gov.cn/dj/", "-"),
    ({"INTERNAL_SITE_URL": "http://10.1.2.3/dangjian "}, "-", "http://10.1.2.3/dangjian/"),
    ({"SITE_URL": " "}, "-", "-"),
])
def test_gitlab_builds_each_site_for_its_address(tmp_path, env, public, internal):
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    script = lambda job: "\n".join(line for line in ci[job]["script"] if "leaks" not in line)  # noqa: E731
    assert run_with_fake_make(tmp_path, script("build-public"), env) == ["build", public]
    assert run_with_fake_make(tmp_path, script("build-internal"), env) == ["build-internal", internal]


def test_the_samples_site_url_is_the_preview_unless_site_url_is_set(monkeypatch):
    """mkdocs.yml reads SITE_URL as MkDocs does, and so does `brandsite print` (its QR codes)."""
    from mkdocs.config import load_config

    from brandsite.cli import site_config

    monkeypatch.delenv("SITE_URL", raising=False)
    assert site_config(ROOT / "mkdocs.yml")["site_url"] == "http://127.0.0.1:8000/"
    monkeypatch.setenv("SITE_URL", "https://dangjian.example.gov.cn/")
    assert site_config(ROOT / "mkdocs.yml")["site_url"] == "https://dangjian.example.gov.cn/"
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == "https://dangjian.example.gov.cn/"
