"""Run `brandsite` or `mkdocs` as their installed scripts do, with the time a logo gets
to draw (sandbox.SVG_SECONDS) set first:

    python tests/hostile/launch.py SECONDS brandsite check brands
    python tests/hostile/launch.py SECONDS mkdocs build --strict

Run as a file, not a module: it needs nothing from tests/ on the path.
"""

import sys

del sys.path[0]  # this folder: its site.py must not stand in for Python's
from brandsite.media import sandbox  # noqa: E402


def main() -> None:
    sandbox.SVG_SECONDS = float(sys.argv[1])
    command, args = sys.argv[2], sys.argv[3:]
    sys.argv = [command, *args]
    if command == "brandsite":
        from brandsite.cli import main as run
    elif command == "mkdocs":
        from mkdocs.__main__ import cli as run
    else:
        raise SystemExit(f"launch.py: brandsite or mkdocs, not {command!r}")
    run()


if __name__ == "__main__":
    main()
