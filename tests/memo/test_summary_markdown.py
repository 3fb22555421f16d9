"""One summary as Markdown: escaped as the memo escapes text, a section per field in the contract's order."""

from schemas.summary import Goal, Official, Partner, PartnerKind, Provenance, Quote, Sector, Summary
from schemas.taxonomy import SectorLabel
from tests.memo.conftest import TEXT_A, summary


def test_one_summarys_markdown_escapes_article_and_model_text_as_the_memo_does():
    from service.memo.summary_markdown import summary_to_markdown

    hostile = "<script>alert(1)</script> [klik](javascript:alert(2))\f`kode`"
    summary = Summary(
        title=f"🤝 Judul {hostile}", url="javascript:alert(3)", content_sha256="a" * 64, language="id",
        summary_language="id", summary=f"Ringkasan {hostile}",
        officials=[Official(name="Budi <b>Santoso</b>", title="Gubernur", institution="Jambi")],
        partners=[Partner(name=f"Kota {hostile}", kind=PartnerKind.city)],
        sectors=[Sector(label="trade_investment", evidence=f"perdagangan {hostile}")],
        goals=[Goal(text=f"memperkuat {hostile}")],
        quotes=[Quote(text=f"🤝 Kami siap {hostile}", speaker="Budi <b>Santoso</b>", start=10,
                      end=10 + len(f"🤝 Kami siap {hostile}"), attribution="cue")],
        warnings=[f"partner {hostile!r} dropped"],
        provenance=Provenance(model="m", prompt_version="extract/v3"))
    markdown = summary_to_markdown(summary)
    assert "<script>" not in markdown and "<b>" not in markdown and "\f" not in markdown
    assert "[klik](" not in markdown and "<javascript:" not in markdown  # no link, no autolink
    assert "\\[klik\\](javascript:alert(2))" in markdown  # the brackets escaped: text, not a link
    assert "\\<script\\>" in markdown and "🤝 Kami siap" in markdown  # the text itself is kept, escaped


def test_one_summarys_markdown_has_a_section_per_field_of_items_in_the_contracts_order(monkeypatch):
    import service.memo.summary_markdown
    from schemas.summary import SUMMARY_FIELDS
    from service.memo.summary_markdown import ITEM_LINES, summary_to_markdown
    from service.vocabulary import labels

    assert set(ITEM_LINES) == set(SUMMARY_FIELDS)  # a way to write an item of every field
    one = summary(TEXT_A, "Kunjungan DPRD Lampung", [("Mingrum Gumay", "Ketua", "DPRD Lampung")],
                           [("DPRD Lampung", PartnerKind.dprd)], [(SectorLabel.governance_administration, "belajar")],
                           ["belajar banyak dari Jakarta"], "Mingrum Gumay")
    words = labels("summary", "id")

    def headings() -> list[str]:
        lines = summary_to_markdown(one).splitlines()
        return [line[3:] for line in lines if line.startswith("## ") and line[3:] != words["summary"]]

    assert headings() == [words[field] for field in SUMMARY_FIELDS]
    reordered = tuple(reversed(SUMMARY_FIELDS))  # the renderer follows the contract's list, whatever it holds
    monkeypatch.setattr(service.memo.summary_markdown, "SUMMARY_FIELDS", reordered)
    assert headings() == [words[field] for field in reordered]
