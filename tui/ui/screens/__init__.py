"""Modal screens: help, note editor, confirmation, export."""
