"""Enriching briefs: cleaning, sentences, summaries, readability, assets, and their cache."""

from generator.internals import import_nltk

import_nltk()  # before sumy first imports it: see internals
