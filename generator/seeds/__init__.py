"""Reading seed files: the brief model, front matter, parsing, errors and their messages."""
