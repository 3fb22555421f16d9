"""Who a text speaks of before an offset: the official named last, outside quotations, and how near, the support a
model's answer needs; on made-up sentences. The subject a pronoun refers to is tested through the quotes' speakers
(tests/extraction/test_speakers.py)."""

from service.extraction.text.sentence_subjects import last_named_before, last_named_near


def test_a_pronoun_continues_the_official_named_last_before_the_quote():
    officials = ["Budi Hartono", "Rina Marlina"]
    text = ("Gubernur Budi Hartono menerima Wali Kota Rina Marlina.\n"
            "Menurut Rina, kotanya siap memasok sayur.\n"
            "“Kami siap,” ujarnya.\n")
    assert last_named_before(text, text.index("“Kami"), officials) == "Rina Marlina"
    # A name inside an earlier quotation is not the text speaking of that person.
    quoted = "Budi Hartono datang.\n“Saya bertemu Rina Marlina kemarin,” katanya.\n“Lanjut,” ujarnya.\n"
    assert last_named_before(quoted, quoted.rindex("“Lanjut"), officials) == "Budi Hartono"
    assert last_named_before("“Halo,” katanya.\n", 0, officials) is None


def test_a_model_answer_needs_the_speaker_named_in_the_quotes_paragraph_or_the_one_before():
    officials = ["Budi Hartono", "Rina Marlina"]
    text = ("Gubernur Budi Hartono menerima rombongan.\n\nKerja sama itu meliputi pangan.\n\n"
            "Jadwal panen dibahas.\n\n“Kami siap,” tambah pejabat itu.\n")
    quote = text.index("“Kami") + 1
    assert last_named_before(text, quote, officials) == "Budi Hartono"
    assert last_named_near(text, quote, officials) is None  # named three paragraphs back: no support
    near = "Rina Marlina menilai kerja sama itu penting.\n\n“Kami siap,” tambah pejabat itu.\n"
    assert last_named_near(near, near.index("“Kami") + 1, officials) == "Rina Marlina"


def test_a_name_on_a_line_of_page_furniture_is_no_mention():
    officials = ["Budi Hartono", "Rina Marlina"]
    text = ("Budi Hartono menerima rombongan.\n\nBaca juga: Rina Marlina resmikan pasar\n\n"
            "Kerja sama itu meliputi pangan.\n\n“Kami siap,” ujarnya.\n")
    quote = text.index("“Kami") + 1
    assert last_named_before(text, quote, officials) == "Budi Hartono"  # not Rina, named in a related link
    # However many quotations the link holds before the name.
    quoted = text.replace("Rina Marlina resmikan pasar", '"Pangan" dan "Energi", Rina Marlina resmikan pasar')
    assert last_named_before(quoted, quoted.index("“Kami") + 1, officials) == "Budi Hartono"
    # A sentence that opens with "Related to" is the article's own.
    english = ("Mayor Budi Hartono welcomed the delegation.\n\nRelated to the visit, Governor Rina Marlina said "
               "it went well.\n\n“We are ready,” she said.\n")
    assert last_named_before(english, english.index("“We") + 1, officials) == "Rina Marlina"
