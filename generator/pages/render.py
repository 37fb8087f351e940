"""Jinja2 rendering of generated pages: autoescaped, strict, and seed text stays data.

Seed text never passes through Markdown. Templates wrap every piece of HTML that holds
seed text in `{% call stash() %}…{% endcall %}`: the piece is set aside, autoescaped, and
the Markdown gets a placeholder comment that the plugin swaps back after Markdown has run.
This also spares Markdown from parsing large raw HTML blocks. Strings that Material
prints from page metadata (title, description, tags) are escaped here too, because MkDocs
renders its theme without autoescaping.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import jinja2
import yaml
from markupsafe import Markup, escape

from generator.pages.deferred import Deferred
from generator.seeds import messages
from generator.seeds.errors import ConfigError, Problem
from generator.seeds.files import irregular
from generator.seeds.model import pack_fragments, unpack_fragments
from generator.utils.atomic import PICKLE_ERRORS, warn_damaged
from generator.utils.sealed import dump_pickle, load_pickle

_PLACEHOLDER = "<!-- briefs:html {} -->"
_PLACEHOLDER_PATTERN = re.compile(r"<!-- briefs:html (\d+) -->")


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates by source checksum: the generator's and the theme's.

    Kept in memory for environments made anew on every rebuild of the preview, and in the
    cache folder (`load`, `save`) for the next process: compiling Material's templates
    takes longer than a small warm build. An edited template is compiled again, the rest
    not; the file keeps only the templates this process used.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._used: set[str] = set()
        self._path: Path | None = None  # the file last read
        self._stored: set[str] = set()  # and the keys it holds

    def load(self, path: Path) -> None:
        """Add the templates compiled by an earlier process (each file once)."""
        if path == self._path:
            return
        self._path = path
        stored = load_pickle(path, TEMPLATE_CACHE)
        if stored is not None and not _is_code(stored):
            warn_damaged(path, TEMPLATE_CACHE, "not a stored template cache")
            stored = None
        code = stored if isinstance(stored, dict) else {}
        self._stored = set(code)
        self._code = {**code, **self._code}

    def save(self, path: Path) -> None:
        """Store the templates this process used, unless the file already holds just those."""
        if self._used and (self._used != self._stored or path != self._path):
            kept = {key: self._code[key] for key in sorted(self._used)}
            dump_pickle(path, kept)
            self._path, self._stored = path, set(kept)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = f"{bucket.key}:{bucket.checksum}"
        code = self._code.get(key)
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)
        except PICKLE_ERRORS:
            bucket.reset()
        if bucket.code is None:  # damaged: compiled again, and stored again
            del self._code[key]
        else:
            self._used.add(key)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = f"{bucket.key}:{bucket.checksum}"
        self._code[key] = bucket.bytecode_to_string()
        self._used.add(key)


def _is_code(stored: object) -> bool:
    return isinstance(stored, dict) and all(
        isinstance(k, str) and isinstance(v, bytes) for k, v in stored.items()
    )


TEMPLATE_CACHE = "template cache"
COMPILED = CompiledTemplates()  # for this process: the generator's templates and the theme's


@dataclass(frozen=True)
class Rendered:
    """A page's Markdown and the HTML fragments its placeholders stand for."""

    markdown: str
    fragments: tuple[str, ...]

    @cached_property
    def packed(self) -> bytes:
        """The fragments packed for the page's file: once per rendering, so a page the
        preview reuses is not packed again on every save."""
        return pack_fragments(self.fragments)

    @classmethod
    def stored(cls, markdown: str, packed: bytes) -> Rendered:
        """A rendering kept as its page file holds it (pages/origins.py), packed as then."""
        rendered = cls(markdown, unpack_fragments(packed))
        vars(rendered)["packed"] = packed  # what `packed` would compute: the same bytes
        return rendered


def fill(html: str, fragments: tuple[str, ...]) -> str:
    """Put the stashed fragments back in place of their placeholders, in one pass."""
    return _PLACEHOLDER_PATTERN.sub(lambda match: fragments[int(match.group(1))], html)


def raw_page(meta: Mapping[str, Any], html: str) -> Rendered:
    """A page whose whole body is HTML built in code (already escaped), kept out of Markdown."""
    return Rendered(f"---\n{front_matter(meta)}---\n\n{_PLACEHOLDER.format(0)}\n", (html,))


class _Stash:
    """The `stash` a template calls: keeps the HTML and returns a Markdown placeholder."""

    def __init__(self) -> None:
        self.fragments: list[str] = []

    def __call__(self, *, caller: Callable[[], str]) -> Markup:
        self.fragments.append(str(caller()).strip())
        return Markup("\n\n" + _PLACEHOLDER.format(len(self.fragments) - 1) + "\n\n")


class Remembered(Protocol):
    """Pages rendered before, by template and front matter, with what each was rendered
    from: the preview's last rebuild's (site/memory.py), or a stored generation's
    (pages/origins.py)."""

    def find(self, key: tuple[str, str], arguments: object) -> object | None: ...

    def keep(self, key: tuple[str, str], arguments: object, rendered: object) -> None: ...


class Renderer:
    """Renders the templates in `templates/` with autoescaping and StrictUndefined.

    With `remembered`, a page whose template, front matter and arguments equal those of a
    page rendered before is not rendered again: a template is a function of its
    arguments alone (no globals, no I/O), and equal arguments print the same.
    """

    def __init__(self, templates: Path, remembered: Remembered | None = None) -> None:
        self._templates = templates
        self._remembered = remembered
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=COMPILED,
        )

    def render(self, template: str, meta: Mapping[str, Any], **context: Any) -> Rendered:
        """Render `template` into Markdown preceded by a YAML front-matter block."""
        if self._remembered is None:
            return self._render(template, meta, context)
        # The front matter nearly tells pages apart (title, page number); the arguments,
        # compared in full, do.
        key = (template, repr(meta))
        found = self._remembered.find(key, context)
        if isinstance(found, Deferred):  # left for later before, wanted now
            return found.rendered
        if found is not None:
            assert isinstance(found, Rendered)
            return found
        rendered = self._render(template, meta, context)
        self._remembered.keep(key, context, rendered)
        return rendered

    def render_later(self, template: str, meta: Mapping[str, Any], **context: Any) -> object:
        """`render`, but a page not found rendered before is rendered when first read
        (`Deferred`); the template is compiled now, so a syntax error still stops here."""
        if self._remembered is None:
            return self._render(template, meta, context)
        key = (template, repr(meta))
        found = self._remembered.find(key, context)
        if found is not None:
            return found
        self._template(template)
        deferred = Deferred(self, template, meta, context)
        self._remembered.keep(key, context, deferred)
        return deferred

    def _template(self, template: str) -> jinja2.Template:
        try:
            return self._env.get_template(template)
        except jinja2.TemplateSyntaxError as error:
            path = f"templates/{error.name or template}"
            message = messages.TEMPLATE_SYNTAX(reason=error.message or "unknown")
            raise ConfigError([Problem(path, error.lineno, message)]) from None

    def _render(self, template: str, meta: Mapping[str, Any], context: dict[str, Any]) -> Rendered:
        stash = _Stash()
        try:
            body = self._template(template).render(stash=stash, **context)
        except ConfigError:
            raise
        except jinja2.TemplateSyntaxError as error:
            path = f"templates/{error.name or template}"
            message = messages.TEMPLATE_SYNTAX(reason=error.message or "unknown")
            raise ConfigError([Problem(path, error.lineno, message)]) from None
        except jinja2.TemplateError as error:
            missing = error.name if isinstance(error, jinja2.TemplateNotFound) else None
            kind = irregular(self._templates / missing) if isinstance(missing, str) else None
            if kind is not None:  # there, but not a regular file: Jinja calls it missing
                message = messages.TEMPLATE_SPECIAL(kind=kind)
                raise ConfigError([Problem(f"templates/{missing}", 1, message)]) from None
            name, line = self._where(error) or (template, 1)
            message = messages.TEMPLATE_FAILED(reason=error)
            raise ConfigError([Problem(f"templates/{name}", line, message)]) from None
        markdown = f"---\n{front_matter(meta)}---\n\n{body}"
        return Rendered(markdown, tuple(stash.fragments))

    def _where(self, error: BaseException) -> tuple[str, int] | None:
        """The template (under templates/) and line an error was raised at."""
        root = self._templates.resolve()
        found = template_frame(error, lambda path: path.resolve().is_relative_to(root))
        return (found[0].resolve().relative_to(root).as_posix(), found[1]) if found else None


def template_frame(error: BaseException, wanted: Callable[[Path], bool]) -> tuple[Path, int] | None:
    """The last frame of an error's traceback whose file `wanted` accepts (an absolute
    path), and its line: Jinja puts a template's own file and line in the frames of the
    traceback it rewrites."""
    found = None
    frames = error.__traceback__
    while frames is not None:
        path = Path(frames.tb_frame.f_code.co_filename)
        if path.is_absolute() and wanted(path):
            found = (path, frames.tb_lineno)
        frames = frames.tb_next
    return found


def front_matter(meta: Mapping[str, Any]) -> str:
    """Dump page metadata as YAML; the caller escapes any seed text in it."""
    # ASCII with escapes reads back exactly; raw U+0085 (NEL) would be folded into a space.
    return yaml.dump(
        dict(meta), Dumper=_Dumper, allow_unicode=False, sort_keys=False, width=1_000_000
    )


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def html_text(value: str) -> str:
    """Escape seed text for a place where MkDocs' theme prints it without escaping."""
    return str(escape(value))


__all__ = [
    "Markup",
    "Rendered",
    "Renderer",
    "fill",
    "front_matter",
    "html_text",
    "raw_page",
]
