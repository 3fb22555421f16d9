"""Telling when two names denote the same region or body ("Pemprov DKI" / "DKI Jakarta" / "Jakarta").

Used by memos to merge partners across articles and by the eval suite to match partners fuzzily.
"""

import re

from service.textnorm import matching_form

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
    """The words of a name, lower-cased, in its matching form (see `service.textnorm`)."""
    return re.findall(r"\w+", matching_form(text).lower())


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


# The 38 provinces, by the words `region_key` leaves of their names ("DKI Jakarta" -> jakarta).
PROVINCES = [frozenset(p.split()) for p in (
    "aceh", "sumatera utara", "sumatera barat", "riau", "kepulauan riau", "jambi", "sumatera selatan",
    "bangka belitung", "kepulauan bangka belitung", "bengkulu", "lampung", "jakarta", "jawa barat", "banten",
    "jawa tengah", "yogyakarta", "jawa timur", "bali", "nusa tenggara barat", "nusa tenggara timur",
    "kalimantan barat", "kalimantan tengah", "kalimantan selatan", "kalimantan timur", "kalimantan utara",
    "sulawesi utara", "gorontalo", "sulawesi tengah", "sulawesi barat", "sulawesi selatan", "sulawesi tenggara",
    "maluku", "maluku utara", "papua", "papua barat", "papua barat daya", "papua selatan", "papua tengah",
    "papua pegunungan",
)]
COUNTRIES = {
    "malaysia", "singapura", "singapore", "jepang", "japan", "tiongkok", "china", "korea selatan", "south korea",
    "korea", "australia", "belanda", "netherlands", "jerman", "germany", "prancis", "perancis", "france",
    "inggris", "britain", "united kingdom", "amerika serikat", "united states", "arab saudi", "saudi arabia",
    "thailand", "vietnam", "filipina", "philippines", "timor leste", "brunei", "brunei darussalam", "india",
    "turki", "turkey", "uni emirat arab", "united arab emirates", "rusia", "russia", "mesir", "egypt", "taiwan",
    "selandia baru", "new zealand", "kanada", "canada", "qatar", "kuwait", "pakistan", "bangladesh", "laos",
    "kamboja", "cambodia", "myanmar", "papua nugini", "papua new guinea", "italia", "italy", "spanyol", "spain",
}
_LEVELS = (
    (r"dprd", "dprd"),
    (r"provinsi|pemprov|province", "province"),
    (r"kabupaten|pemkab|kab|regency", "regency"),
    (r"kota|pemkot|city", "city"),
    (r"bank indonesia|kementerian|kemen\w+|badan|lembaga|bps|bappenas|brin|ojk|kbri|kjri|konsulat|kedutaan|"
     r"dpr ri|mpr|polri|tni|otorita|bawaslu|kpu|ministry|agency", "national_agency"),
    (r"pt|tbk|persero|perseroda|perumda|bumd|bumn|bank|perusahaan|company|corporation", "company"),
    (r"universitas|institut|politeknik|sekolah|asosiasi|apkasi|apeksi|appsi|kadin|yayasan|forum|ikatan|"
     r"himpunan|organisasi|perkumpulan|dekranasda|pkk|university|association|foundation", "organisation"),
)


def partner_kind(name: str, text: str = "") -> str:
    """The kind of a party (a `PartnerKind` value), read off its name, else off how the text names it.

    "DPRD Kabupaten Semarang" is a DPRD, "Pemkab Lumajang" a regency, "KBRI Kuala Lumpur" a national agency,
    "Jawa Timur" a province, "Malaysia" a foreign government; "Bandung" is a city where the text says "Kota
    Bandung" or "Wali Kota Bandung". What nothing tells is "other". The name is looked for in the text's
    normalised view (see `service.textnorm`).
    """
    name = matching_form(name)
    lowered = " ".join(tokens(name))
    for words, kind in _LEVELS:
        if re.search(rf"\b(?:{words})\b", lowered):
            return kind
    if lowered.removeprefix("pemerintah ") in COUNTRIES:
        return "foreign_government"
    key = region_key(name)
    if key and key in PROVINCES:
        return "province"
    if text and key:
        text = matching_form(text)
        bare = re.escape(" ".join(name.split()))
        for level, kind in ((r"kabupaten|kab\.|pemkab|bupati", "regency"), (r"kota|pemkot|wali\s*kota|walikota", "city"),
                            (r"provinsi|pemprov|gubernur", "province")):
            if re.search(rf"\b(?:{level})\s+{bare}\b", text, re.IGNORECASE):
                return kind
    return "other"
