"""Pure digest reading: markdown text in, paper records out.

Nothing here imports Textual or TinyDB; `reader` is the only module that
touches the file system, and only to read.
"""
