"""Sectors: the model's fields kept where the article names them, one per field of a listing phrase."""

from service.extraction.sectors import ground_sectors
from service.intake.article import Article
from tests.conftest import seed_text
from tests.extraction.test_pipeline import run
from tests.fakes import article_reply


def test_a_phrase_listing_several_fields_gives_one_sector_each():
    text = seed_text("000")
    reply = article_reply(sectors=["pengelolaan sumber daya alam, pariwisata, dan pendidikan"])
    summary, _ = run(text, reply)
    assert [s.evidence for s in summary.sectors] == ["pengelolaan sumber daya alam", "pariwisata", "pendidikan"]
    assert [s.label.value for s in summary.sectors] == ["natural_resources_energy", "tourism_culture",
                                                       "education_human_resources"]


def test_a_field_the_article_does_not_name_is_dropped_with_a_warning():
    text = "Keduanya sepakat mengembangkan Pari\u00adwisata dan UMKM."
    sectors, warnings = ground_sectors(Article(text), ["pariwisata serta umkm", "pertambangan"])
    assert [(s.evidence, s.label.value) for s in sectors] == [("Pariwisata", "tourism_culture"),
                                                             ("UMKM", "smes_cooperatives")]
    assert warnings == ["sector 'pertambangan' dropped: not found in the article"]


def test_fields_listed_after_bidang_or_sektor_in_a_sentence_about_cooperation_are_sectors():
    from service.extraction.sectors import stated_sectors

    text = ("Kedua daerah sepakat menjalin kerja sama di bidang pariwisata, pendidikan dan perdagangan.\n"
            "Bupati juga meninjau sektor pertanian warga.\n"  # no cooperation in its sentence: not read
            "The memorandum covers the fields of fisheries and tourism.\n")
    sectors = stated_sectors(text)
    assert [(s.label, s.evidence) for s in sectors] == [
        ("tourism_culture", "pariwisata"), ("education_human_resources", "pendidikan"),
        ("trade_investment", "perdagangan"), ("agriculture_food", "fisheries")]
    assert all(text[a:b].lower() == s.evidence.lower() for s in sectors for a, b in s.spans)


def test_stated_sectors_add_only_labels_the_models_sectors_lack():
    from schemas.summary import Sector
    from service.extraction.sectors import add_stated_sectors

    text = "Kerja sama itu meliputi bidang pariwisata dan kesehatan.\n"
    model = [Sector(label="tourism_culture", evidence="pariwisata", spans=[(32, 42)])]
    assert [s.label for s in add_stated_sectors(Article(text), model)] == ["tourism_culture", "health"]


def test_a_listed_field_ends_at_the_demonstrative_that_closes_its_phrase():
    from service.extraction.sectors import stated_sectors

    text = "Kerja sama di bidang pariwisata dan perdagangan itu bertujuan memperkuat ekonomi.\n"
    assert [s.evidence for s in stated_sectors(text)] == ["pariwisata", "perdagangan"]


def test_a_phrase_naming_who_cooperates_is_no_sector():
    # A model asked for the fields sometimes lists the parties beside them: "pemerintah daerah", "swasta".
    text = "Pemerintah daerah dan swasta sepakat bekerja sama di bidang pariwisata.\n"
    sectors, warnings = ground_sectors(Article(text), ["pemerintah daerah", "swasta", "pariwisata"])
    assert [s.evidence for s in sectors] == ["pariwisata"]
    assert len(warnings) == 2 and all("names who cooperates" in w for w in warnings)
