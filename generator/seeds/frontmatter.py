"""The optional YAML front-matter block of a seed: one declarative table of fields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.seeds import messages
from generator.seeds.errors import Problem, did_you_mean, one_of
from generator.seeds.model import AssetChoice, FrontMatter

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
_SPACE = re.compile(r"\s")  # what str.isspace() calls a space, found in C
TICKER = re.compile(r"[A-Z0-9][A-Z0-9.]{0,9}")  # upper case, as in BTC, SPX or BRK.B

Converter = Callable[[Any], tuple[Any, str | None]]


# libyaml's parser is several times faster than the pure-Python one when PyYAML has it.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Safe loader that leaves dates as text, so `date: 2025-06-31` is our error, not YAML's."""


class _PureLoader(yaml.SafeLoader):
    """The pure-Python twin, whose error messages and line marks are the clearer ones."""


for _loader in (_Loader, _PureLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _date(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date(), None
        except ValueError:
            pass
    return None, messages.DATE_VALUE(value=value)


def _tags(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, list) and all(isinstance(t, str) and t.strip() for t in value):
        return tuple(t.strip() for t in value), None
    return None, messages.TAGS_VALUE(value=value)


def _slug(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and _SLUG.fullmatch(value):
        return value, None
    return None, messages.SLUG_VALUE(value=value)


def _source(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str):
        parts = urlsplit(value.strip())
        if parts.scheme in ("http", "https") and parts.netloc and not _SPACE.search(value):
            return value.strip(), None
    return None, messages.SOURCE_VALUE(value=value)


def _summary(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split()), None
    return None, messages.TEXT_VALUE(value=value)


def _draft(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return value, None
    return None, messages.BOOL_VALUE(value=value)


def _assets(value: Any) -> tuple[Any, str | None]:
    only = isinstance(value, dict) and list(value) == ["only"]
    tickers = value["only"] if only else value
    if isinstance(tickers, list) and all(
        isinstance(t, str) and TICKER.fullmatch(t) for t in tickers
    ):
        return AssetChoice(tuple(dict.fromkeys(tickers)), only), None
    return None, messages.ASSETS_VALUE(value=value)


# Every key a seed may set, with its converter. Unknown keys are errors.
FIELDS: Mapping[str, Converter] = {
    "date": _date,
    "tags": _tags,
    "slug": _slug,
    "source": _source,
    "summary": _summary,
    "draft": _draft,
    "assets": _assets,
}


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once, keeping both the node tree (for line numbers) and the Python values."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _pure_python_error(text: str) -> yaml.YAMLError | RecursionError:
    try:
        yaml.load(text, Loader=_PureLoader)
    except (yaml.YAMLError, RecursionError) as error:
        return error
    return yaml.YAMLError("could not be read")


def split(lines: list[str]) -> tuple[list[str] | None, int, Problem | None]:
    """Return (front-matter lines or None, index of the first body line, problem)."""
    if not lines or lines[0].rstrip() != "---":
        return None, 0, None
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return lines[1:index], index + 1, None
    return None, len(lines), Problem("", 1, messages.FRONT_UNCLOSED())


def parse(block: list[str], path: str) -> tuple[FrontMatter, list[Problem]]:
    """Validate the YAML between the two '---' lines; lines in errors count from the file's top."""
    text = "\n".join(block)
    offset = 2  # the block starts on the file's second line
    try:
        node, data = _compose_and_construct(text)
    except ValueError as error:  # a value YAML itself could not build, such as !!timestamp x
        return FrontMatter(), [Problem(path, offset, messages.FRONT_YAML(reason=error))]
    except yaml.YAMLError:
        clearer = _pure_python_error(text)
        if isinstance(clearer, RecursionError):
            return FrontMatter(), [Problem(path, offset, messages.FRONT_TOO_DEEP())]
        mark = getattr(clearer, "problem_mark", None)
        line = offset + (mark.line if mark is not None else 0)
        reason = getattr(clearer, "problem", None) or "could not be read"
        return FrontMatter(), [Problem(path, line, messages.FRONT_YAML(reason=reason))]
    except RecursionError:  # PyYAML composes nested collections recursively
        return FrontMatter(), [Problem(path, offset, messages.FRONT_TOO_DEEP())]
    if node is None:
        return FrontMatter(), []
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return FrontMatter(), [Problem(path, offset, messages.FRONT_NOT_MAPPING())]
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key, line = str(key_node.value), offset + key_node.start_mark.line
        if key in lines:
            problems.append(Problem(path, line, messages.FRONT_KEY_TWICE(key=key)))
            continue
        lines[key] = line
        if key not in FIELDS:
            hint = did_you_mean(key, list(FIELDS))
            expected = one_of(list(FIELDS))
            message = messages.FRONT_UNKNOWN_KEY(key=key, expected=expected, hint=hint)
            problems.append(Problem(path, line, message))
            continue
        value, wrong = FIELDS[key](data[key_node.value])
        if wrong:
            problems.append(Problem(path, line, messages.FRONT_VALUE(key=key, reason=wrong)))
        else:
            values[key] = value
    return FrontMatter(**values, lines=tuple(sorted(lines.items()))), problems
