"""`python -m brandsite`: the brandsite command, for when its script is not on PATH (start.py uses it)."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="brandsite")
