"""paperbrowse: a fast terminal browser for daily AI-paper digests."""

__version__ = "0.1.0"
