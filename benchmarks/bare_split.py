"""The floor for imports: read every digest and split it into rows and cells."""

import sys
from pathlib import Path

rows = 0
for path in sorted(Path(sys.argv[1]).rglob("*.md")):
    for line in path.read_bytes().decode("utf-8", "replace").split("\n"):
        if line.startswith("|"):
            line.split("|")
            rows += 1
print(rows)
