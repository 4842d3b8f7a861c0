"""Text from a config made safe inside Markdown: no raw HTML, no broken table rows.

GitHub renders HTML inside Markdown; a post named ``<img src=x onerror=…>`` must show as
text, never become an element. A pipe would end a table cell, a line break the row.
"""

from __future__ import annotations

import html


class MarkdownHtml(str):
    """Markdown our own views wrote (``<br>`` between reasons): already safe, kept as it is."""


def markdown_text(value: object) -> str:
    """``value`` as Markdown text on one line: ``<``, ``>`` and ``&`` as entities."""
    if isinstance(value, MarkdownHtml):
        return value
    one_line = " ".join(str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return html.escape(one_line, quote=False)


def markdown_cell(value: object) -> str:
    """``value`` as the text of a table cell: :func:`markdown_text`, ``|`` escaped."""
    if isinstance(value, MarkdownHtml):
        return value
    return markdown_text(value).replace("|", "\\|")
