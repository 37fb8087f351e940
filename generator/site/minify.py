"""Minified HTML with minify-html: the one module that calls it.

Every built page passes through `minify` once, in whichever process renders it, so a page
rendered from the page cache, by a helper or afresh is minified alike. What a browser
ignores goes (indentation, blank lines, comments, optional quotes); what it shows stays:
`<pre>` and `<textarea>` keep their whitespace, the text between inline elements keeps
one space, and inline scripts and styles are left as they are (Material's come minified).
Closing tags are kept, so that tools which read the pages without an HTML5 parser still can.
"""

from __future__ import annotations

import minify_html

from generator.seeds.errors import BriefsError, Problem


def minify(html: str, path: str) -> str:
    """The page's HTML without what a browser ignores: the same bytes for the same HTML."""
    try:
        return minify_html.minify(
            html,
            keep_closing_tags=True,
            keep_html_and_head_opening_tags=True,
            minify_css=False,
            minify_js=False,
        )
    except Exception as error:  # the library's own failure, told as ours
        raise BriefsError([Problem(path, 1, f"cannot minify the page: {error}")]) from None
