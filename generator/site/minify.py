"""Minified HTML with minify-html: the one module that calls it.

Every built page passes through `minify` once, in whichever process renders it, so a page
rendered from the page cache, by a helper or afresh is minified alike. What a browser
ignores goes (indentation, blank lines, comments, optional quotes); what it shows stays:
`<pre>` and `<textarea>` keep their whitespace, the text between inline elements keeps
one space, and inline scripts and styles are left as they are (Material's come minified).
Closing tags are kept, and so is `&lt;` in the title: minify-html writes `<` there as it is,
which a browser reads as text (a title holds no elements) but a tool that reads the page
with a plain HTML parser would take for a tag, and a headline's seed text is shown there.
"""

from __future__ import annotations

import re

import minify_html
from mkdocs.exceptions import PluginError

from generator.seeds import messages
from generator.seeds.errors import BriefsError, Problem

_TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.DOTALL)


def minify(html: str, path: str) -> str:
    """The page's HTML without what a browser ignores: the same bytes for the same HTML."""
    try:
        small = minify_html.minify(
            html,
            keep_closing_tags=True,
            keep_html_and_head_opening_tags=True,
            minify_css=False,
            minify_js=False,
        )
    except Exception as error:  # the library's own failure, told as ours
        raise BriefsError([Problem(path, 1, messages.MINIFY_FAILED(reason=error))]) from None
    return _TITLE.sub(lambda m: m[1] + m[2].replace("<", "&lt;") + m[3], small, count=1)


def minified(html: str, path: str) -> str:
    """`minify`, for MkDocs' events: a failure stops the build as a plugin's error does."""
    try:
        return minify(html, path)
    except BriefsError as error:
        raise PluginError(str(error)) from None
