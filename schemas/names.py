"""What can be a person's name: a rule checked against every official the model returns."""

from service.textnorm import matching_form

DATE_WORDS = {
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "januari", "februari", "maret",
    "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "may",
    "june", "july", "august", "october", "december",
}

# Words that are never part of a person's name: positions, bodies, places, dates, pious interjections.
NOT_NAME_WORDS = DATE_WORDS | {
    # positions and bodies
    "gubernur", "wakil", "ketua", "bupati", "wali", "walikota", "wawali", "wabup", "wagub", "menteri", "kepala",
    "sekretaris", "sekda", "sekwan", "presiden", "direktur", "anggota", "camat", "lurah", "duta", "dubes",
    "kapolda", "kapolres", "pangdam", "danrem", "asisten", "kadis", "kabag", "plt", "pj", "penjabat", "dinas",
    "badan", "dewan", "dprd", "dpr", "dpd", "pemprov", "pemkab", "pemkot", "pemerintah", "provinsi", "kabupaten", "kota",
    "kab", "komisi", "fraksi", "bawaslu", "kpu", "kbri", "kjri", "bumd", "bumn", "kementerian", "sekretariat",
    "governor", "mayor", "regent", "chairman", "minister", "ambassador", "secretary", "deputy", "vice",
    "president", "province", "regency", "city", "district", "council", "government", "antara", "pkb", "pdip",
    "pdi-p", "golkar", "gerindra", "nasdem", "pks", "pan", "demokrat", "ppp", "insyaallah", "alhamdulillah",
    "bismillah",
    # provinces and common region names and abbreviations
    "aceh", "sumatera", "sumut", "sumbar", "sumsel", "riau", "kepri", "jambi", "bengkulu", "lampung", "bangka",
    "belitung", "babel", "banten", "jakarta", "dki", "dkj", "jawa", "jabar", "jateng", "jatim", "yogyakarta",
    "diy", "bali", "ntb", "ntt", "nusa", "tenggara", "kalimantan", "kalbar", "kalteng", "kalsel", "kaltim",
    "kaltara", "sulawesi", "sulut", "sulteng", "sulsel", "sultra", "sulbar", "gorontalo", "maluku", "malut",
    "papua", "indonesia", "malaysia", "singapura", "singapore", "jepang", "japan", "tiongkok", "china",
    "barat", "timur", "utara", "selatan", "tengah", "west", "east", "north", "south", "central",
}


def looks_like_name(name: str) -> bool:
    """False for a "name" that is only positions, bodies, places or dates ("Selasa", "Bawaslu Lampung"), read
    in its matching form (a zero-width space does not make "Gu\u200bbernur" a name)."""
    words = [w.strip(".,()").lower() for w in matching_form(name).split()]
    return bool(words) and not all(w in NOT_NAME_WORDS or w.isdigit() for w in words) and words[0] not in NOT_NAME_WORDS


def is_date(phrase: str) -> bool:
    """True for a phrase made only of day and month names and numbers ("Selasa", "12 Desember 2024")."""
    words = [w.strip(".,()").lower() for w in matching_form(phrase).split()]
    return bool(words) and all(w in DATE_WORDS or w.isdigit() for w in words)
