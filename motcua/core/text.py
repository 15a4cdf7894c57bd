"""Text helpers for Vietnamese: accent folding for search (ARCHITECTURE.md rule 7)."""

import unicodedata

# NFD splits "ế" into "e" + marks, but "đ" is its own letter, not "d" plus a mark.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """'Cấp đổi Giấy phép' -> 'cap doi giay phep': what a citizen types on a phone."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
