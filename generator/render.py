"""Jinja2 rendering of generated pages: autoescaped, strict, and seed text stays data.

Every seed string reaches a page HTML-escaped inside a raw HTML block, where Markdown does
not look. Strings that Material prints from page metadata (title, description, tags) are
escaped here too, because MkDocs renders its theme without autoescaping.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from generator.errors import ConfigError, Problem


class Renderer:
    """Renders the templates in `templates/` with autoescaping and StrictUndefined."""

    def __init__(self, templates: Path) -> None:
        self._templates = templates
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, template: str, meta: Mapping[str, Any], **context: Any) -> str:
        """Render `template` into Markdown preceded by a YAML front-matter block."""
        try:
            body = self._env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as error:
            path = f"templates/{error.name or template}"
            raise ConfigError(
                [Problem(path, error.lineno, error.message or "syntax error")]
            ) from None
        except jinja2.TemplateError as error:
            raise ConfigError([Problem(f"templates/{template}", 1, str(error))]) from None
        return f"---\n{front_matter(meta)}---\n\n{body}"


def front_matter(meta: Mapping[str, Any]) -> str:
    """Dump page metadata as YAML; the caller escapes any seed text in it."""
    # ASCII with escapes reads back exactly; raw U+0085 (NEL) would be folded into a space.
    return yaml.safe_dump(dict(meta), allow_unicode=False, sort_keys=False, width=1_000_000)


def html_text(value: str) -> str:
    """Escape seed text for a place where MkDocs' theme prints it without escaping."""
    return str(escape(value))


__all__ = ["Markup", "Renderer", "front_matter", "html_text"]
