"""Two hand-made summaries of made-up articles, and replies of a fake model that the memo keeps, shared by the
memo's tests."""

import pytest

from schemas.summary import Goal, Official, Partner, PartnerKind, Provenance, Quote, Sector, Summary
from schemas.taxonomy import SectorLabel
from service.memo.briefing import MemoArticle

TEXT_A = ("Ketua DPRD Lampung Mingrum Gumay berkunjung ke Pemprov DKI, Jumat (24/11/2023).\n"
          "“Kami ingin belajar banyak dari Jakarta,” kata Mingrum Gumay.\n")
TEXT_B = ("Gubernur DKI Jakarta Pramono Anung menerima Mingrum di Balai Kota pada 25 November 2023.\n"
          "“Jakarta terbuka untuk kerja sama pangan,” ujar Pramono.\n")


def summary(text, title, officials, partners, sectors, goals, quote_speaker):
    start = text.index("“") + 1
    end = text.index("”")
    return Summary(
        title=title, content_sha256=title.lower().replace(" ", "-"), language="id", summary_language="id",
        officials=[Official(name=n, title=t, institution=i) for n, t, i in officials],
        partners=[Partner(name=n, kind=k) for n, k in partners],
        sectors=[Sector(label=label, evidence=e) for label, e in sectors],
        goals=[Goal(text=g) for g in goals],
        quotes=[Quote(text=text[start:end], speaker=quote_speaker, start=start, end=end, attribution="cue")],
        summary="Ringkasan.", provenance=Provenance(model="fake", prompt_version="extract/v1"),
    )


@pytest.fixture
def articles():
    a = summary(TEXT_A, "DPRD Lampung ke Jakarta", [("Mingrum Gumay", "Ketua", "DPRD Provinsi Lampung")],
                [("Pemprov DKI", PartnerKind.province), ("DPRD Provinsi Lampung", PartnerKind.dprd)],
                [(SectorLabel.governance_administration, "kunjungan kerja")], ["belajar dari Jakarta"],
                "Mingrum Gumay")
    b = summary(TEXT_B, "Pramono terima DPRD Lampung", [("Pramono Anung", "Gubernur", "Provinsi DKI Jakarta"),
                                                         ("Mingrum", "Ketua", "DPRD Lampung")],
                [("Jakarta", PartnerKind.province)], [(SectorLabel.agriculture_food, "kerja sama pangan")],
                ["kerja sama pangan"], "Pramono Anung")
    return [MemoArticle(a, TEXT_A, outlet="ANTARA"), MemoArticle(b, TEXT_B, outlet="Berita Jakarta")]


GOOD = [{"text": "Ketua DPRD Lampung Mingrum Gumay berkunjung ke Jakarta untuk belajar.", "cites": [1]},
        {"text": "Gubernur Pramono Anung menawarkan kerja sama pangan.", "cites": [2]}]
