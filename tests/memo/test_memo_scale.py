"""Memos of many made-up articles: the same memo as the pairwise merging gave, at a cost that grows with the number
of articles (timed by benchmarks/memo_scale.py, not here)."""

import hashlib
import random

import pytest

from schemas.summary import Goal, Official, Partner, PartnerKind, Provenance, Quote, Sector, Summary
from schemas.taxonomy import SectorLabel
from service.extraction.text.party_names import heading_rank, same_party
from service.extraction.text.person_names import names_match
from service.memo.briefing import MemoArticle, build_memo

GIVEN = ["Andi", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kartika", "Lukman",
         "Made", "Nur", "Oki", "Putu", "Rina", "Sari", "Taufik", "Umar", "Vina", "Wahyu", "Yusuf", "Zainal", "Agus",
         "Bambang", "Dedi", "Hendra", "Irwan", "Rahmat"]
FAMILY = ["Santoso", "Wibowo", "Pratama", "Siregar", "Nasution", "Harahap", "Lubis", "Saragih", "Sitompul",
          "Hasibuan", "Kusuma", "Wijaya", "Setiawan", "Hidayat", "Nugroho", "Saputra", "Permana", "Gunawan", "Hakim",
          "Rahman", "Tanjung", "Daulay", "Rangkuti", "Ginting", "Tarigan", "Sembiring", "Manurung", "Purba",
          "Sinaga", "Panjaitan", "Silalahi", "Marpaung", "Damanik", "Hutapea", "Pasaribu"]
PLACE_HEADS = ["Suka", "Tanjung", "Muara", "Batu", "Sungai", "Bukit", "Padang", "Teluk", "Lubuk", "Rawa"]
PLACE_TAILS = ["Jaya", "Makmur", "Indah", "Baru", "Raya", "Sari", "Permai", "Agung", "Lestari", "Mulia", "Asri"]
POSITIONS = [("Bupati", "Kabupaten"), ("Wali Kota", "Kota"), ("Sekretaris Daerah", "Kabupaten"),
             ("Kepala Dinas Pertanian", "Kabupaten"), ("Ketua DPRD", "DPRD Kabupaten")]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
OUTLETS = ["ANTARA", "Lampung Post", "Tribun Lampung", "Kompas", "Radar Lampung"]
GOALS = ["meningkatkan produksi beras", "membuka pasar hasil tani", "memperbaiki jalan antardaerah",
         "melatih aparatur desa", "menarik investasi pariwisata", "menjaga stabilitas harga pangan"]
SECTORS = [(SectorLabel.agriculture_food, "kerja sama pangan"), (SectorLabel.tourism_culture, "promosi wisata"),
           (SectorLabel.infrastructure_transport, "pembangunan jalan"),
           (SectorLabel.governance_administration, "pertukaran aparatur"),
           (SectorLabel.trade_investment, "forum investasi")]
HOME_WRITTEN = ["Provinsi Lampung", "Pemprov Lampung", "Lampung"]


def made_up_articles(count: int, seed: int = 0) -> list[MemoArticle]:
    """`count` made-up articles of a province's cooperation with many regencies and cities, summarized: officials
    from a pool of some thirty thousand names, some written by given or family name alone; the province itself in
    most articles, one of 110 places in each, written as "Kabupaten X", "Pemkab X" or "X", and its DPRD in some."""
    rng = random.Random(seed)
    places = [f"{head} {tail}" for head in PLACE_HEADS for tail in PLACE_TAILS]
    articles = []
    for n in range(count):
        place = rng.choice(places)
        level = rng.choice(["Kabupaten", "Kota"])
        written = rng.choice([f"{level} {place}", f"Pem{'kab' if level == 'Kabupaten' else 'kot'} {place}", place])
        people = [(rng.choice(GIVEN) + rng.choice(["", "", f" {rng.choice(GIVEN)}"]), rng.choice(FAMILY),
                   rng.choice(POSITIONS)) for _ in range(rng.randint(1, 3))]
        # Written in full, by given or family name alone, or with the given name cut short ("Bamba Lubis").
        officials = [Official(name=rng.choice([f"{g} {f}", f"{g} {f}", g, f, f"{g[:5]} {f}"]), title=title,
                              institution=f"{where} {place}") for g, f, (title, where) in people]
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2024, 2025])
        speaker = officials[0].name
        text = (f"{place.upper()} ({rng.choice(OUTLETS)}) - {speaker} menerima rombongan Pemprov Lampung pada "
                f"{day} {MONTHS[month - 1]} {year} (berita {n}).\n\n\u201cKami siap bekerja sama,\u201d kata "
                f"{speaker}.\n")
        start = text.index("\u201c") + 1
        sectors = rng.sample(SECTORS, rng.randint(1, 2))
        partners = [Partner(name=written, kind=PartnerKind.regency if level == "Kabupaten" else PartnerKind.city)]
        if rng.random() < 0.2:
            partners.append(Partner(name=f"DPRD {place}", kind=PartnerKind.dprd))
        if rng.random() < 0.8:
            partners.insert(0, Partner(name=rng.choice(HOME_WRITTEN), kind=PartnerKind.province))
        summary = Summary(
            title=f"{speaker} terima Pemprov Lampung ({n})", content_sha256=hashlib.sha256(text.encode()).hexdigest(),
            language="id", summary_language="id", officials=officials, partners=partners,
            sectors=[Sector(label=label, evidence=evidence) for label, evidence in sectors],
            goals=[Goal(text=g) for g in rng.sample(GOALS, rng.randint(1, 2))],
            quotes=[Quote(text=text[start:text.index(",\u201d") + 1], speaker=speaker, start=start,
                          end=text.index(",\u201d") + 1, attribution="cue")],
            summary="Dua pihak bertemu.", provenance=Provenance(model="fake", prompt_version="extract/v3"))
        articles.append(MemoArticle(summary, text))
    return articles


def pairwise_merge(articles: list[MemoArticle]) -> tuple[set, set]:
    """The officials' and the partners' merging as it was first written, each name compared with every entry
    before it: (name, other spellings, articles) of each person and each party."""
    people: list[list] = []
    parties: list[list] = []
    for n, article in enumerate(articles, start=1):
        for official in article.summary.officials:
            entry = next((e for e in people if names_match(official.name, e[0]) or names_match(e[0], official.name)),
                         None)
            if entry is None:
                entry = [official.name, [], []]
                people.append(entry)
            elif official.name != entry[0]:
                shorter, entry[0] = sorted((official.name, entry[0]), key=len)
                if shorter not in entry[1]:
                    entry[1].append(shorter)
            if n not in entry[2]:
                entry[2].append(n)
        for partner in article.summary.partners:
            kind = partner.kind.value
            section = next((s for s in parties if any(same_party(partner.name, w) for w in [s[0], *s[1]])), None)
            if section is None:
                section = [partner.name, [], [], kind]
                parties.append(section)
            elif partner.name != section[0] and partner.name not in section[1]:
                if heading_rank(partner.name, kind) > heading_rank(section[0], section[3]):
                    section[1].append(section[0])
                    section[0], section[3] = partner.name, kind
                else:
                    section[1].append(partner.name)
            if n not in section[2]:
                section[2].append(n)
    return ({(e[0], tuple(e[1]), tuple(e[2])) for e in people},
            {(s[0], tuple(s[1]), tuple(s[2])) for s in parties})


@pytest.mark.parametrize("seed", [1, 2])
def test_many_articles_merge_people_and_parties_as_comparing_every_pair_did(seed):
    articles = made_up_articles(250, seed)
    memo = build_memo(articles, None)
    people, parties = pairwise_merge(articles)
    assert {(o.name, tuple(o.also_written), tuple(o.articles)) for o in memo.officials} == people
    assert {(p.name, tuple(p.also_written), tuple(p.articles)) for p in memo.partners} == parties
    assert len(people) > 200 and any(len(p[1]) >= 2 for p in parties)  # the made-up set does merge


def test_counterparts_and_the_partners_of_a_sector_are_those_sharing_an_article():
    articles = made_up_articles(200)
    memo = build_memo(articles, None)
    for section in memo.partners:
        shared = [o.name for o in memo.partners if o is not section and set(o.articles) & set(section.articles)]
        assert sorted(section.counterparts) == sorted(shared)
    for sector in memo.sectors:
        assert set(sector.partners) == {p.name for p in memo.partners if set(p.articles) & set(sector.articles)}
        assert sector.articles == sorted(set(sector.articles))
