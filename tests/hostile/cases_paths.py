"""Hostile corpus cases: paths. See corpus.py."""

from __future__ import annotations

from tests.hostile.corpus import MARKER, brand, case, case_file, png_bytes  # noqa: F401
