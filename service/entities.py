"""Telling when two names denote the same region or body ("Pemprov DKI" / "DKI Jakarta" / "Jakarta").

Used by memos to merge partners across articles and by the eval suite to match partners fuzzily.
"""

import re

# Common abbreviations of Indonesian regions, so "Pemprov Kaltim" meets "Provinsi Kalimantan Timur".
ABBREVIATIONS = {
    "dki": "jakarta", "dkj": "jakarta", "kaltim": "kalimantan timur", "kalbar": "kalimantan barat",
    "kalsel": "kalimantan selatan", "kalteng": "kalimantan tengah", "kaltara": "kalimantan utara",
    "sulteng": "sulawesi tengah", "sulsel": "sulawesi selatan", "sulut": "sulawesi utara",
    "sultra": "sulawesi tenggara", "sulbar": "sulawesi barat", "sumbar": "sumatera barat",
    "sumut": "sumatera utara", "sumsel": "sumatera selatan", "jabar": "jawa barat", "jateng": "jawa tengah",
    "jatim": "jawa timur", "ntb": "nusa tenggara barat", "ntt": "nusa tenggara timur", "tangsel": "tangerang selatan",
    "lamteng": "lampung tengah", "kepri": "kepulauan riau", "babel": "bangka belitung", "diy": "yogyakarta",
    "west": "barat", "east": "timur", "north": "utara", "south": "selatan", "central": "tengah", "java": "jawa",
}
LEVEL_WORDS = {"provinsi", "province", "pemprov", "pemerintah", "kabupaten", "kab", "regency", "district", "kota",
               "city", "pemkot", "pemkab", "of", "the", "government", "pemda", "daerah"}
# Two thirds: "Bawaslu Lampung" and "DPRD Lampung" share their region, not their body.
SAME_THRESHOLD = 0.67


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def region_key(name: str) -> frozenset[str]:
    """The words that identify a region or body, abbreviations expanded and levels of government dropped."""
    expanded: set[str] = set()
    for t in tokens(name):
        expanded.update(ABBREVIATIONS.get(t, t).split())
    return frozenset(t for t in expanded if t not in LEVEL_WORDS)


def dice(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Sørensen–Dice coefficient of two token sets."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def same_region(a: str, b: str) -> bool:
    """Whether two names denote the same region or body: one's key words contain the other's, or they share
    at least half of them."""
    ka, kb = region_key(a), region_key(b)
    if not ka or not kb:
        return False
    return ka <= kb or kb <= ka or dice(ka, kb) >= SAME_THRESHOLD
