"""Everything Textual: the app, its widgets, screens, palette and side effects."""
