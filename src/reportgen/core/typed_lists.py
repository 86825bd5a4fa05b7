"""What a typed list looks like: shared by the DOCX check and the validation rule that finds one at its cell."""

from __future__ import annotations

import re

# A paragraph opening with a bullet character and a space: a list typed by hand, not a real one.
TYPED_BULLET = re.compile(r"^\s*[•◦▪▫●○■□‣⁃∙·➢➤►▶✓✔–—\-*]\s+\S")
