"""Market briefs: a static site generator for news articles with a market reading."""
