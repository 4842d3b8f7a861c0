"""Finding the post a user named on the command line: by id, else by a unique name.

``explain POST`` and ``capacity --post POST`` (and ``explain --month``) share it, so that they
accept the same names and refuse the same mistakes with the same words.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import TypeVar

from ccorg.errors import UsageError
from ccorg.i18n import _

Item = TypeVar("Item")


def find_named_post(
    wanted: str,
    posts: Sequence[Item],
    id_of: Callable[[Item], str],
    names_of: Callable[[Item], tuple[str, ...]],
) -> Item:
    """The post whose id is ``wanted``, else the one post one of whose names (``names_of``:
    the first is shown in messages) is ``wanted``. Several matches or none are a usage error
    naming the candidates, or the closest id or name."""
    for post in posts:
        if id_of(post) == wanted:
            return post
    matches = [post for post in posts if wanted in names_of(post)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        candidates = ", ".join(f"{id_of(p)} ({names_of(p)[0]})" for p in matches)
        message = _("{wanted} names {count} posts: {candidates}; give the id")
        raise UsageError(
            message.format(wanted=repr(wanted), count=len(matches), candidates=candidates)
        )
    known = [id_of(p) for p in posts] + [name for p in posts for name in names_of(p)]
    close = difflib.get_close_matches(wanted, known, n=1)
    if close:
        message = _("no post {wanted}; did you mean {close}?")
        raise UsageError(message.format(wanted=repr(wanted), close=repr(close[0])))
    raise UsageError(_("no post {wanted}").format(wanted=repr(wanted)))
