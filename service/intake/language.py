"""Which language an article is in: Indonesian, English, or neither."""

import re

from service.vocabulary import COMMON_WORDS

# The commonest words of each language: their share of a text's words tells the two apart.
_ID_WORDS = COMMON_WORDS["id"]
_EN_WORDS = COMMON_WORDS["en"]


def detect_language(text: str) -> str:
    """'id', 'en', or 'und' (undetermined, ISO 639-2) when the text is in neither: by the share of common function
    words among its ASCII words, which must reach 4% for either."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    if not words:
        return "und"
    id_share = sum(word in _ID_WORDS for word in words) / len(words)
    en_share = sum(word in _EN_WORDS for word in words) / len(words)
    if max(id_share, en_share) < 0.04:
        return "und"
    return "id" if id_share >= en_share else "en"
