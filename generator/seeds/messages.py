"""Every message a user can see about their seeds, templates or settings, in one place.

Each one is documented, with its fix, in docs/authoring.md; a test checks that the guide
has them all, so a new message belongs here and in the guide.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Message:
    """A message template in `str.format` syntax."""

    template: str

    def __call__(self, **values: object) -> str:
        return self.template.format(**values)

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the values the template needs."""
        return tuple(name for _, name, _, _ in string.Formatter().parse(self.template) if name)


def count(number: int, noun: str) -> str:
    """`1 brief`, `2 briefs`: a number with its noun, in English."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


# Seed files: reading and parsing.
NUL_BYTES = Message("contains NUL bytes: this is not a text file")
UTF16 = Message("encoded as UTF-16; save the file as UTF-8")
NOT_UTF8 = Message("not valid UTF-8 (byte 0x{byte:02x} at column {column}); save the file as UTF-8")
EMPTY_SEED = Message(
    "empty seed; expected a headline, an article, a sentiment label line and implications"
)
ONLY_HEADLINE = Message(
    "only a headline; expected an article, a sentiment label line ({expected}) and implications"
)
UNKNOWN_SENTIMENT = Message("unknown sentiment {received!r}; expected one of {expected}{hint}")
NO_LABEL = Message(
    "no sentiment label line; expected a line holding only {expected} between the article "
    "and the implications"
)
NO_ARTICLE = Message("no article between the headline (line {line}) and the sentiment label")
NO_IMPLICATIONS = Message(
    "no implications after the sentiment label; expected at least one line of text"
)
BAD_FILE_NAME = Message(
    "file name {stem!r} cannot be used in a URL; rename it using letters, digits, '.', '-' "
    "or '_', or set 'slug:'"
)
SYMLINK_OUTSIDE = Message("symbolic link points outside the briefs folder; it was not read")
NOT_REGULAR = Message("not a regular file ({kind}); a seed must be a plain text file")
THEME_SPECIAL = Message(
    "not a regular file ({kind}); the theme would pass over it for Material's own "
    "template: replace it with a plain file or remove it"
)
THEME_SHAPE = Message(
    "{ours} where the theme has {theirs}; the theme would pass over it for Material's own: "
    "make it {theirs} or remove it"
)
DOCS_SPECIAL = Message(
    "not a regular file ({kind}); MkDocs cannot read it as a file (a FIFO waits for ever, "
    "a device never ends): "
    "replace it with a plain file or remove it"
)
DOCS_BROKEN_LINK = Message(
    "broken symbolic link (to {target!r}, which leads to no file); MkDocs cannot read it: "
    "point it at a file or remove it"
)
DOCS_LINK_LOOP = Message(
    "symbolic link to a folder that holds it ({target!r}); MkDocs would list its files "
    "again and again inside it: point it elsewhere or remove it"
)
TEMPLATE_SPECIAL = Message(
    "not a regular file ({kind}); Jinja takes it for a missing template: replace it with "
    "a plain file"
)
DANGLING_SYMLINK = Message(
    "broken symbolic link (to {target!r}, which leads to no file); a seed must be a plain text file"
)
TOO_LARGE = Message(
    "file is {size:,} bytes, over the limit of {limit:,} (extra.briefs.max_seed_bytes)"
)
UNREADABLE = Message("cannot be read: {reason}")
TAG_SLUG_CLASH = Message(
    "tag {tag!r} would have the address tags/{slug}/ of tag {other!r} ({where}); "
    "spell the two alike or rename one"
)
DUPLICATE_SLUG = Message(
    "duplicate slug {slug!r}, also used by {other}; rename one file or set a different 'slug:'"
)

# Seed files: the front-matter block.
FRONT_UNCLOSED = Message("front matter opened with '---' is never closed")
FRONT_YAML = Message("front matter is not valid YAML: {reason}")
FRONT_NOT_MAPPING = Message("front matter must be 'key: value' lines")
FRONT_TOO_DEEP = Message("front matter is nested too deeply")
FRONT_KEY_TWICE = Message("front-matter key {key!r} is set twice")
FRONT_UNKNOWN_KEY = Message("unknown front-matter key {key!r}; expected one of {expected}{hint}")
FRONT_VALUE = Message("front matter '{key}': {reason}")
DATE_VALUE = Message("expected an ISO date such as 2025-06-09, got {value!r}")
TAGS_VALUE = Message("expected a list of non-empty strings, such as [Bitcoin, ETF], got {value!r}")
SLUG_VALUE = Message("expected lowercase letters, digits, '-' or '_' (at most 80), got {value!r}")
SOURCE_VALUE = Message("expected an http:// or https:// URL, got {value!r}")
TEXT_VALUE = Message("expected non-empty text, got {value!r}")
BOOL_VALUE = Message("expected true or false, got {value!r}")

# Assets: extra.briefs.assets in mkdocs.yml, and `assets:` in front matter.
ASSETS_MAPPING = Message(
    "expected a mapping of tickers to lists of names, such as "
    "{{BTC: [Bitcoin], ETH: [Ether, Ethereum]}}, got {value!r}"
)
ASSETS_TICKER = Message("ticker {ticker!r} must be upper-case letters, digits or '.' (at most 10)")
ASSETS_NAMES = Message("{ticker}: expected a list of names, such as [Bitcoin], got {names!r}")
ASSETS_NAME_TAKEN = Message("{ticker}: {name!r} is already used by {owner}")
ASSETS_KEY = Message("{ticker}: unknown key {key!r}; expected one of {expected}")
UNKNOWN_ASSET = Message("unknown asset {ticker!r}; expected one of {expected}{hint}")
ASSETS_VALUE = Message(
    "expected a list of tickers such as [BTC, ETH] (added to the detected ones) "
    "or {{only: [BTC]}} (replacing them), got {value!r}"
)

# Building.
SITE_DIR_FOREIGN = Message(
    "site_dir '{name}' holds files that no build made (no {mark}); the generator only "
    "replaces a folder it built: move them or set another site_dir"
)
SITE_URL_UNSET = Message(
    "site_url is not set; feeds and canonical links need the site's full address, "
    "e.g. site_url: https://example.github.io/market-briefs/"
)
SUMMARY_FAILED = Message("summary could not be made: {reason}")
HANDWRITTEN_CLASH = Message(
    "hand-written file has the path of a generated page; rename or move it "
    "(the generator never overwrites it)"
)
TEMPLATE_SYNTAX = Message("template syntax error: {reason}")
TEMPLATE_FAILED = Message("template could not be rendered: {reason}")

# A build cut short (exit status 1, or 128 + the signal's number when interrupted).
CHILD_DIED = Message("{what} died ({reason}); site/ is unchanged")
NO_SPACE = Message("no space left on device while writing {path}; site/ is unchanged")
CANNOT_WRITE = Message("cannot write {path}: {reason}; site/ is unchanged")
CANNOT_READ = Message("cannot read {path}: {reason}; site/ is unchanged")
INTERRUPTED = Message("interrupted by {signal}; site/ is unchanged")
MINIFY_FAILED = Message("the page could not be minified ({reason}); site/ is unchanged")
WAITING_FOR_LOCK = Message("waiting for {holder} to finish: it holds {lock}")

# Warnings from `check` (errors with --strict).
SHORT_ARTICLE = Message(
    "article is a single sentence; write at least 2 so the TL;DR has something to choose from"
)
LABEL_TWICE = Message(
    "a second sentiment label line; the label is on line {line}, "
    "so this line is read as part of the implications"
)
IMPLICATIONS_REPEAT = Message(
    "implications repeat the article ({repeated} of {total} sentences); "
    "say what the news means for traders instead"
)
LONG_HEADLINE = Message("headline is {length} characters long; keep it to {limit} or fewer")
PLACEHOLDER = Message("placeholder text from 'new' is still in the {part}; replace it")
SENTIMENT_MISMATCH = Message(
    "labelled {label}, but the article and implications read {reads} ({score}); "
    "the most {side} {where}"
)

# The `extra: briefs:` settings in mkdocs.yml.
CONFIG_NOT_MAPPING = Message("extra.briefs: expected a mapping of settings")
CONFIG_UNKNOWN = Message("extra.briefs: unknown setting {key!r}; expected one of {expected}{hint}")
CONFIG_VALUE = Message("extra.briefs.{key}: {reason}")
SUMMARY_SENTENCES = Message("expected auto or a whole number from 1 to 10, got {value!r}")
WHOLE_NUMBER = Message("expected a whole number from {low} to {high}, got {value!r}")
TONE_THRESHOLD = Message("expected a number above 0 and at most 1, such as 0.35, got {value!r}")
UNKNOWN_SUMMARIZER = Message("unknown summarizer {value!r}; expected one of {expected}{hint}")
FOLDER = Message("expected a folder inside the project, got {value!r}")
LABEL_LIST = Message("expected a non-empty list of labels, got {value!r}")
LABEL_CHARS = Message("expected labels made of letters, digits, spaces or '-', got {value!r}")
LABEL_REPEATED = Message("label {value!r} is listed twice")
BUILD_EPOCH = Message("expected whole seconds since 1970, got {value!r}")

# The command line (exit status 2).
NO_CONFIG_FILE = Message("no such file; run this from the project folder or pass --config-file")
CONFIG_SPECIAL = Message("not a regular file ({kind}); the settings must be a plain YAML file")
NO_SUCH_PATH = Message("no such file or folder")
EMPTY_HEADLINE = Message('the headline is empty; write it in quotes: new "Bitcoin Tops $100k"')
SEED_EXISTS = Message("already exists; 'new' never overwrites a file")
BUILD_FAILED = Message("build failed: {reason}; the previous site was left as it was")
THEME_FAILED = Message(
    "the theme's template failed: {reason}; the previous site was left as it was"
)
SERVE_FAILED = Message("cannot serve on {address}: {reason}; pass another --dev-addr")
WARNINGS_STILL_APPLY = Message("{count} shown before still apply; 'check' lists them all")
PREVIEW_SEARCH_FAILED = Message(
    "the preview's search index could not be written: {reason}; the next save writes it whole"
)
REBUILD_THEME_FAILED = Message(
    "the theme's template failed: {reason}; the preview waits for the next save"
)
PREVIEW_THEME_FAILED = Message(
    "the theme's template failed on {page}: {reason}; the next save renders it again"
)
PREVIEW_PAGE_FAILED = Message(
    "preview: {page} could not be rendered: {reason}; the next save renders it again"
)


def catalog() -> dict[str, Message]:
    """Every message, by name."""
    return {name: value for name, value in globals().items() if isinstance(value, Message)}


def code_of(message: str) -> str:
    """The stable code of a message (its name here, in kebab case), or `other`."""
    for pattern, code in _codes():
        if pattern.fullmatch(message):
            return code
    return "other"


@cache
def _codes() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each message's template as a pattern; the most specific (longest) first."""
    found = []
    for name, value in globals().items():
        if isinstance(value, Message):
            parts = string.Formatter().parse(value.template)
            regex = "".join(
                re.escape(text) + ("" if field is None else ".*?") for text, field, _, _ in parts
            )
            found.append((re.compile(regex, re.DOTALL), name.lower().replace("_", "-")))
    return tuple(sorted(found, key=lambda item: (-len(item[0].pattern), item[1])))
