"""`paperbrowse sync`: fetch new digests from the upstream GitHub archive."""
