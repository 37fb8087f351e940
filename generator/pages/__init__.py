"""Making pages: builders, listings, sections, charts, feeds, the JSON API and rendering."""
