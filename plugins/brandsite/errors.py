"""The one error type: a problem that stops a command or a build, said in plain Chinese.

Content problems an editor can fix are `content.model.Problem` values (collected, reported
with `path:line`); a `BrandsiteError` is raised when work cannot go on (a build interrupted,
an index that could not be written, an image that cannot be read). The plugin turns it into
MkDocs' PluginError in one place and the CLI into an exit code, so neither shows a traceback.
"""

from __future__ import annotations


class BrandsiteError(Exception):
    """Raised with a message for the person at the keyboard (Chinese, with the fix when known)."""
