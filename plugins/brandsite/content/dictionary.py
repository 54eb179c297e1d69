"""jieba's dictionary, loaded once: the search index's words (site/search_terms.py) and the
contact names that are everyday words too (contact_names.py). No MkDocs imports."""

from __future__ import annotations

import functools
import threading

_lock = threading.Lock()


_dictionary_dir: str | None = None


def keep_dictionary_in(folder) -> None:
    """Where jieba keeps its prepared dictionary (about 9 MB; loaded in half a second where
    building it takes two): the site's cache folder, not the system's temporary folder, which
    every user of the machine can write into. Before the first segmentation."""
    global _dictionary_dir
    _dictionary_dir = str(folder)


@functools.lru_cache(maxsize=1)
def tokenizer():
    """jieba's default tokenizer, initialised once and quietly (it logs its loading)."""
    import logging
    import os

    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        if _dictionary_dir:
            try:
                os.makedirs(_dictionary_dir, exist_ok=True)
                jieba.dt.tmp_dir = _dictionary_dir
            except OSError:
                pass  # the temporary folder, as jieba does by default
        jieba.dt.initialize()
    return jieba.dt


def dictionary_word(text: str) -> bool:
    """Whether `text` is a word of jieba's dictionary (高峰, 文明, 向阳: words that are names too)."""
    return bool(tokenizer().FREQ.get(text))
