"""Which language an article is in: Indonesian, English, or neither."""

import re

# Common function words of each language: their share of a text's words tells the two apart.
_ID_WORDS = {"yang", "dan", "di", "ke", "dengan", "untuk", "ini", "dalam", "tidak", "pada", "akan", "dari",
             "itu", "juga", "kami", "kita", "bahwa", "serta", "oleh", "karena", "sebagai", "kata", "ujar"}
_EN_WORDS = {"the", "and", "of", "to", "in", "with", "for", "is", "was", "said", "that", "this", "on", "are",
             "be", "by", "has", "have", "will", "from", "at", "it", "an"}


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
