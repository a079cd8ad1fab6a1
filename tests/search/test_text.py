"""Italian text processing: folding, stemming, stopwords, synonyms, snippets."""

from search.text import highlight, index_terms, parse_query, synonym_text


def test_accents_are_folded_and_words_stemmed():
    assert index_terms("Città") == index_terms("citta")
    assert index_terms("patti") == index_terms("patto")
    assert index_terms("collaborativo") == index_terms("collaborazione")


def test_stopwords_are_dropped_but_a_stopword_only_query_is_kept():
    assert parse_query("il patto di collaborazione").terms == ("patto", "collaborazione")
    assert parse_query("di").terms == ("di",)


def test_search_syntax_never_survives_parsing():
    parsed = parse_query('"patti" AND (scuola* -citta: ^2 NEAR\x00 🙂')
    assert all(term.isalnum() for term in parsed.terms)
    assert parsed.terms[0] == "patti"


def test_long_queries_are_cut():
    parsed = parse_query("parola " * 5000)
    assert len(parsed.terms) <= 12
    assert len(parsed.text) <= 200


def test_synonyms_in_both_directions():
    assert "ets" in synonym_text("Gli enti del terzo settore")
    assert "enti del terzo settore" in synonym_text("le ETS del territorio")


def test_snippet_escapes_and_marks_matches():
    snippet = highlight("<b>Patti</b> per la città & le scuole", parse_query("patto citta"))
    assert snippet.startswith("&lt;b&gt;<mark>Patti</mark>&lt;/b&gt;")
    assert "<mark>città</mark> &amp;" in snippet


def test_prefix_of_the_last_word_is_marked():
    assert "<mark>scuole</mark>" in highlight("le scuole", parse_query("scu"))
