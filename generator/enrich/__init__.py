"""Enriching briefs: cleaning, sentences, summaries, readability, assets, and their cache."""
