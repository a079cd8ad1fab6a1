"""Text folded for matching: accents and case do not count ("Forli" finds "Forlì")."""

import unicodedata


def fold(text: str) -> str:
    """``text`` without diacritics, case-folded, with single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())
