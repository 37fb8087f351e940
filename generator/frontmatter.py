"""The optional YAML front-matter block of a seed: one declarative table of fields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.errors import Problem, did_you_mean, one_of
from generator.model import AssetChoice, FrontMatter

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
TICKER = re.compile(r"[A-Z0-9][A-Z0-9.]{0,9}")  # upper case, as in BTC, SPX or BRK.B

Converter = Callable[[Any], tuple[Any, str | None]]


def _date(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()), None
        except ValueError:
            pass
    return None, f"expected an ISO date such as 2025-06-09, got {value!r}"


def _tags(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, list) and all(isinstance(t, str) and t.strip() for t in value):
        return tuple(t.strip() for t in value), None
    return None, f"expected a list of non-empty strings, such as [Bitcoin, ETF], got {value!r}"


def _slug(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and _SLUG.fullmatch(value):
        return value, None
    return None, f"expected lowercase letters, digits, '-' or '_' (at most 80), got {value!r}"


def _source(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str):
        parts = urlsplit(value.strip())
        if (
            parts.scheme in ("http", "https")
            and parts.netloc
            and not any(c.isspace() for c in value)
        ):
            return value.strip(), None
    return None, f"expected an http:// or https:// URL, got {value!r}"


def _summary(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split()), None
    return None, f"expected non-empty text, got {value!r}"


def _draft(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return value, None
    return None, f"expected true or false, got {value!r}"


def _assets(value: Any) -> tuple[Any, str | None]:
    only = isinstance(value, dict) and list(value) == ["only"]
    tickers = value["only"] if only else value
    if isinstance(tickers, list) and all(
        isinstance(t, str) and TICKER.fullmatch(t) for t in tickers
    ):
        return AssetChoice(tuple(dict.fromkeys(tickers)), only), None
    return None, (
        "expected a list of tickers such as [BTC, ETH] (added to the detected ones) "
        f"or {{only: [BTC]}} (replacing them), got {value!r}"
    )


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


# libyaml's parser is several times faster than the pure-Python one when PyYAML has it.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once, keeping both the node tree (for line numbers) and the Python values."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _pure_python_error(text: str) -> yaml.YAMLError:
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as error:
        return error
    return yaml.YAMLError("could not be read")


def split(lines: list[str]) -> tuple[list[str] | None, int, Problem | None]:
    """Return (front-matter lines or None, index of the first body line, problem)."""
    if not lines or lines[0].rstrip() != "---":
        return None, 0, None
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return lines[1:index], index + 1, None
    return None, len(lines), Problem("", 1, "front matter opened with '---' is never closed")


def parse(block: list[str], path: str) -> tuple[FrontMatter, list[Problem]]:
    """Validate the YAML between the two '---' lines; lines in errors count from the file's top."""
    text = "\n".join(block)
    offset = 2  # the block starts on the file's second line
    try:
        node, data = _compose_and_construct(text)
    except yaml.YAMLError:
        error = _pure_python_error(text)  # its messages and line marks are the clearer ones
        mark = getattr(error, "problem_mark", None)
        line = offset + (mark.line if mark is not None else 0)
        reason = getattr(error, "problem", None) or "could not be read"
        return FrontMatter(), [Problem(path, line, f"front matter is not valid YAML: {reason}")]
    if node is None:
        return FrontMatter(), []
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return FrontMatter(), [Problem(path, offset, "front matter must be 'key: value' lines")]
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key, line = str(key_node.value), offset + key_node.start_mark.line
        if key in lines:
            problems.append(Problem(path, line, f"front-matter key {key!r} is set twice"))
            continue
        lines[key] = line
        if key not in FIELDS:
            hint = did_you_mean(key, list(FIELDS))
            expected = one_of(list(FIELDS))
            message = f"unknown front-matter key {key!r}; expected one of {expected}{hint}"
            problems.append(Problem(path, line, message))
            continue
        value, wrong = FIELDS[key](data[key_node.value])
        if wrong:
            problems.append(Problem(path, line, f"front matter '{key}': {wrong}"))
        else:
            values[key] = value
    return FrontMatter(**values, lines=tuple(sorted(lines.items()))), problems
