"""Pipeline stages: pure functions over a parsed Doc, plus their spaCy factories."""
