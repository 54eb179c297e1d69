"""The preview keeps watching brands/ when the folder itself is replaced.

MkDocs' live-reload server watches a folder through the operating system, which follows the
folder it was given: moved away and back, deleted and restored from the Recycle Bin, unpacked
anew, the brands/ there is another folder, and saves in it were no longer seen (the preview
showed the old pages until it was restarted). A thread looks at the folder's identity every
second and, when it changed, watches it again through the server's public watch/unwatch.
"""

from __future__ import annotations

import os
import threading


def _identity(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class FolderWatch:
    def __init__(self, server, path, say, every: float = 1.0) -> None:
        self.server, self.path, self.say, self.every = server, os.path.abspath(path), say, every
        self.seen = _identity(self.path)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="brandsite-folder-watch", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(self.every):
            now = _identity(self.path)
            if now is not None and now != self.seen:
                try:
                    self.server.unwatch(self.path)
                except Exception:  # the system's watch went with the old folder
                    pass
                self.server.watch(self.path)
                self.say(f"{os.path.basename(self.path)}/ 文件夹换过了（移走又放回，或从回收站还原）：预览重新开始留意它。"
                         "保存其中任意一个文件，预览就会更新")
            self.seen = now

    def stop(self) -> None:
        self.stopped.set()
