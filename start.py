#!/usr/bin/env python3
"""Run a brandsite command on any desktop, without make.

    Windows (PowerShell or cmd):  py start.py serve
    Linux (Debian, UOS, Kylin), macOS:  python3 start.py serve

On first use it creates the virtual environment .venv/ and installs the pinned
packages (requirements.lock), as `make` does; later runs only reinstall after
pyproject.toml or requirements.lock changed. Then it runs `brandsite <arguments>`
in that environment: serve, check, new, build, print, form, ... (see `start.py help`).
Only the Python standard library is used here, so any Python 3.10+ can run it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"  # the same stamp as the Makefile's: both share one .venv
INPUTS = (ROOT / "pyproject.toml", ROOT / "requirements.lock")

USAGE = """\
用法：{launcher} start.py 命令 [参数]

常用命令：
  serve                         本地预览网站（http://127.0.0.1:8000），保存后自动刷新
  check                         检查所有品牌
  new 拼音名 --name 名称 --category 类别   新建品牌文件夹
  build                         构建公开网站到 site/（加 --audience internal 构建内网网站）
  leaks                         扫描构建好的公开网站，确认没有内部内容
  print                         生成印刷版品牌汇编（PDF）
  zip                           构建两个网站，各打成压缩包放进 dist/（加 --print 连同品牌汇编）
  form 拼音名                    生成品牌的《党建品牌申报表》（DOCX）
  setup                         只安装（第一次运行任何命令时会自动安装）

每个命令的详细说明：{launcher} start.py 命令 --help
"""


def launcher() -> str:
    return "py" if os.name == "nt" else "python3"


def venv_python() -> Path:
    # Windows venvs keep their programs in Scripts\, everyone else's in bin/.
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def up_to_date() -> bool:
    if not (venv_python().exists() and STAMP.exists()):
        return False
    stamp = STAMP.stat().st_mtime
    return all(not path.exists() or path.stat().st_mtime <= stamp for path in INPUTS)


def run(args: list[str]) -> None:
    if subprocess.call(args, cwd=ROOT) != 0:
        raise SystemExit(f"安装失败：{' '.join(args)}\n请检查网络（或用 pip 镜像，见编辑指南“Windows 上开始”）后重新运行。")


def setup() -> None:
    """Create .venv and install the pinned packages and brandsite itself, when needed."""
    if up_to_date():
        return
    if not venv_python().exists():
        say("第一次运行：正在创建 Python 虚拟环境 .venv/ ……")
        if subprocess.call([sys.executable, "-m", "venv", str(VENV)]) != 0 or not venv_python().exists():
            hint = ("请安装 python3-venv（Debian、统信 UOS、麒麟：sudo apt install python3-venv），"
                    "删除 .venv 文件夹后重新运行。") if os.name != "nt" else "请删除 .venv 文件夹后重新运行。"
            raise SystemExit("创建虚拟环境失败。" + hint)
    say("正在安装所需的软件包（第一次需要几分钟）……")
    pip = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, "-r", str(ROOT / "requirements.lock")])
    run([*pip, "--no-deps", "-e", str(ROOT)])
    STAMP.touch()
    say("安装完成。")


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 10):
        say(f"需要 Python 3.10 或更新的版本，当前是 {sys.version.split()[0]}。请从 python.org 安装新版本。")
        return 2
    if not argv or argv[0] in ("help", "-h", "--help"):
        print(USAGE.format(launcher=launcher()))
        return 0
    setup()
    if argv[0] == "setup":
        return 0
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner hides the content problems
    env.setdefault("PYTHONUTF8", "1")  # Chinese output stays readable when a Windows task captures it
    child = subprocess.Popen([str(venv_python()), "-m", "brandsite", *argv], cwd=ROOT, env=env)
    if hasattr(signal, "SIGTERM"):  # a task runner's stop (SIGTERM) stops the preview too, not only this launcher
        signal.signal(signal.SIGTERM, lambda number, frame: child.terminate())
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:  # Ctrl+C reaches the child as well; let it stop cleanly
            continue


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
