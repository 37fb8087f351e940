"""The `extra: briefs:` block of mkdocs.yml, validated into a frozen BriefsConfig."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.seeds import messages
from generator.seeds.assetlist import DEFAULT_ASSETS, Asset, parse_assets
from generator.seeds.errors import ConfigError, Problem, did_you_mean, one_of
from generator.seeds.model import Sentiment

# newsrank is the default; the others are plain sumy algorithms (generator/enrich/summarize.py).
SUMMARIZERS = ("newsrank", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")
AUTO = "auto"

# Known labels get a matching icon and colour; any other configured label gets a neutral dot.
_KNOWN_TONES = {
    "bullish": ("▲", "bullish"),
    "bearish": ("▼", "bearish"),
    "neutral": ("◆", "neutral"),
}
_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9 -]{0,30}")


def make_sentiment(name: str) -> Sentiment:
    """Build a Sentiment from its label, with icon and tone for the known labels."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    icon, tone = _KNOWN_TONES.get(slug, ("●", "other"))
    return Sentiment(name=name, slug=slug, icon=icon, tone=tone)


EPOCH_ZERO = dt.datetime.fromtimestamp(0, dt.UTC)
DEFAULT_SENTIMENTS = tuple(make_sentiment(n) for n in ("Bullish", "Bearish", "Neutral"))


@dataclass(frozen=True)
class BriefsConfig:
    """Settings for the generator, from `extra.briefs` in mkdocs.yml."""

    # Where the project sits is no part of what is generated, so not part of the repr (the
    # memo's key): a cache restored into a fresh clone at another path still hits.
    root: Path = field(repr=False)
    briefs_dir: str = "briefs"
    summarizer: str = "newsrank"
    summary_sentences: int | None = None  # None: adapts to the article's length
    sentiments: tuple[Sentiment, ...] = DEFAULT_SENTIMENTS
    home_briefs: int = 10
    page_size: int = 50
    max_seed_bytes: int = 1_000_000
    assets: tuple[Asset, ...] = DEFAULT_ASSETS
    feed_items: int = 20
    label_check: float = 0.35  # tone against a Bullish or Bearish label: warn past this
    label_check_neutral: float = 0.85  # tone against a Neutral label: warn past this
    build_time: dt.datetime = EPOCH_ZERO  # from SOURCE_DATE_EPOCH
    # A build works on a copy of the cache, swapped in with the site (see publish.py); no
    # part of what is generated, so not part of the settings' repr (the memo's key).
    staged_cache: Path | None = field(default=None, repr=False, compare=False)
    # Digest of mkdocs.yml's bytes as this configuration was loaded from them (quickstart.py).
    settings_digest: str = field(default="", repr=False, compare=False)

    @property
    def epoch(self) -> int:
        """The build time in whole seconds since 1970, as SOURCE_DATE_EPOCH gives it."""
        return int(self.build_time.timestamp())

    @property
    def briefs_path(self) -> Path:
        """Absolute folder holding the seed files."""
        return self.root / self.briefs_dir

    @property
    def cache_dir(self) -> Path:
        """Where this build keeps what it reuses: the cache, or the build's copy of it."""
        return self.staged_cache or self.live_cache_dir

    @property
    def live_cache_dir(self) -> Path:
        """Everything the generator keeps between builds: git-ignored and safe to delete."""
        return self.root / ".cache" / "briefs"

    @property
    def cache_path(self) -> Path:
        """The enrichment cache file."""
        return self.cache_dir / "enrichment.json"

    @property
    def memo_path(self) -> Path:
        """The last whole generation (see memo.py)."""
        return self.cache_dir / "generation.pickle"

    @property
    def render_cache_path(self) -> Path:
        """Converted generated pages, all in one file."""
        return self.cache_dir / "pages.pickle"

    @property
    def output_cache_dir(self) -> Path:
        """Each generated page's finished HTML, one file per page (site/outputcache.py)."""
        return self.cache_dir / "html"

    @property
    def template_cache_path(self) -> Path:
        """Compiled Jinja templates, the generator's and the theme's, all in one file."""
        return self.cache_dir / "templates.pickle"

    @property
    def search_cache_path(self) -> Path:
        """The last search index and what it was built from."""
        return self.cache_dir / "search"

    @property
    def charts_path(self) -> Path:
        """Where drawn SVG charts are kept between builds."""
        return self.cache_dir / "charts"

    @property
    def templates_path(self) -> Path:
        """Absolute folder holding the Jinja2 templates."""
        return self.root / "templates"


def _positive_int(low: int, high: int) -> Callable[[Any], tuple[Any, str | None]]:
    def convert(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return None, messages.WHOLE_NUMBER(low=low, high=high, value=value)
        return value, None

    return convert


def _share(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        return None, messages.TONE_THRESHOLD(value=value)
    return float(value), None


def _summary_sentences(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and value.strip().lower() == AUTO:
        return None, None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
        return None, messages.SUMMARY_SENTENCES(value=value)
    return value, None


def _summarizer(value: Any) -> tuple[Any, str | None]:
    name = str(value).lower()
    if name not in SUMMARIZERS:
        hint = did_you_mean(str(value), SUMMARIZERS)
        return None, messages.UNKNOWN_SUMMARIZER(
            value=value, expected=one_of(SUMMARIZERS), hint=hint
        )
    return name, None


def _folder(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str) or not value or Path(value).is_absolute() or ".." in value:
        return None, messages.FOLDER(value=value)
    return value, None


def _sentiments(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list) or not value:
        return None, messages.LABEL_LIST(value=value)
    labels: list[Sentiment] = []
    for item in value:
        if not isinstance(item, str) or not _LABEL.fullmatch(item):
            return None, messages.LABEL_CHARS(value=item)
        sentiment = make_sentiment(item)
        if any(s.slug == sentiment.slug for s in labels):
            return None, messages.LABEL_REPEATED(value=item)
        labels.append(sentiment)
    return tuple(labels), None


# One declarative table: key in mkdocs.yml -> (dataclass field, converter).
FIELDS: Mapping[str, tuple[str, Callable[[Any], tuple[Any, str | None]]]] = {
    "dir": ("briefs_dir", _folder),
    "summarizer": ("summarizer", _summarizer),
    "summary_sentences": ("summary_sentences", _summary_sentences),
    "sentiments": ("sentiments", _sentiments),
    "home_briefs": ("home_briefs", _positive_int(1, 50)),
    "page_size": ("page_size", _positive_int(5, 50)),
    "max_seed_bytes": ("max_seed_bytes", _positive_int(1_000, 100_000_000)),
    "assets": ("assets", parse_assets),
    "feed_items": ("feed_items", _positive_int(1, 100)),
    "label_check": ("label_check", _share),
    "label_check_neutral": ("label_check_neutral", _share),
}


def load_config(
    extra: Mapping[str, Any], config_file: Path, environ: Mapping[str, str] = os.environ
) -> BriefsConfig:
    """Validate `extra.briefs` from an already-loaded mkdocs.yml; raise ConfigError.

    The build time comes from SOURCE_DATE_EPOCH in `environ` (0 when unset): never the clock.
    """
    path = config_file.name
    raw = extra.get("briefs", {}) if isinstance(extra, Mapping) else {}
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        line = _line_of(_composed(config_file), ("extra", "briefs"))
        raise ConfigError([Problem(path, line, messages.CONFIG_NOT_MAPPING())])
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    tree = functools.cache(_composed)  # composed once, and only for a problem's line

    def line_of(key: object) -> int:
        return _line_of(tree(config_file), ("extra", "briefs", str(key)))

    for key in sorted(raw, key=str):
        if key not in FIELDS:
            hint = did_you_mean(str(key), list(FIELDS))
            message = messages.CONFIG_UNKNOWN(key=key, expected=one_of(list(FIELDS)), hint=hint)
            problems.append(Problem(path, line_of(key), message))
            continue
        name, convert = FIELDS[key]
        value, error = convert(raw[key])
        if error:
            message = messages.CONFIG_VALUE(key=key, reason=error)
            problems.append(Problem(path, line_of(key), message))
        else:
            values[name] = value
    raw_epoch = environ.get("SOURCE_DATE_EPOCH", "0")
    if not raw_epoch.isdigit():
        message = messages.BUILD_EPOCH(value=raw_epoch)
        problems.append(Problem("SOURCE_DATE_EPOCH", 1, message))
    if problems:
        raise ConfigError(problems)
    build_time = dt.datetime.fromtimestamp(int(raw_epoch), dt.UTC)
    return BriefsConfig(root=config_file.parent, build_time=build_time, **values)


def _composed(config_file: Path) -> yaml.Node | None:
    """The YAML file's node tree, for the lines of its keys; None if it cannot be read."""
    try:
        return yaml.compose(config_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None


def _line_of(node: yaml.Node | None, keys: tuple[str, ...]) -> int:
    """The 1-based line of a nested key in a YAML node tree, or 1 if it cannot be found."""
    line = 1
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return line
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key:
                line, node = key_node.start_mark.line + 1, value_node
                break
        else:
            return line
    return line
