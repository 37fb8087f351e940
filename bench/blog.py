"""The anchor: the same corpus articles as posts of Material's blog plugin."""

from __future__ import annotations

import json
from pathlib import Path

from corpus import articles

MKDOCS_YML = """\
site_name: Blog anchor
theme:
  name: material
  font: false
plugins:
  - blog
  - search
"""


def write_blog_project(project: Path, count: int) -> Path:
    """`count` blog posts: date, sentiment as category, `<!-- more -->` after paragraph one."""
    posts = project / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Blog anchor\n", encoding="utf-8")
    (project / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    rows = articles()
    for index in range(count):
        row = rows[index % len(rows)]
        paragraphs = [p.strip() for p in row["content"].split("\n") if p.strip()]
        body = "\n\n".join([paragraphs[0], "<!-- more -->", *paragraphs[1:]])
        front = (
            f"---\ndate: {row['date'][:10]}\ncategories:\n  - {row['model_sentiment']}\n"
            f"slug: post-{index:05d}\n---\n"
        )
        text = f"{front}\n# {json.dumps(row['title'])[1:-1]}\n\n{body}\n"
        (posts / f"{index:05d}.md").write_text(text, encoding="utf-8")
    return project
