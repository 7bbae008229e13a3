"""Talking to servers: every request bounded in time and size, every failure one sentence.

Nothing here imports Textual; `httpx` is imported by `http` only, which the
command line and the browser load when a network command first runs.
"""
