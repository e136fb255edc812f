from {{ cookiecutter.package_name }}.tokenizer import NgramVocabulary, token_spans, tokenize


def test_tokens_are_lowercase_words_with_apostrophes_and_marks():
    assert tokenize("Didn't LIKE it?! 10/10") == ["didn't", "like", "it", "?", "!", "10", "10"]
    text = "Not bad, really."
    assert [text[a:b] for a, b in token_spans(text)] == ["Not", "bad", "really"]


def test_vocabulary_keeps_frequent_ngrams_and_encodes_texts(tmp_path):
    texts = ["not good at all", "not good", "very good", "good good"]
    vocabulary, matrix = NgramVocabulary.fit(texts, max_n=2, max_size=4, min_df=2)
    assert set(vocabulary.ngrams) == {"good", "not", "not good"}  # seen in 2+ texts
    assert matrix.shape == (4, 3) and matrix.max() == 1  # presence, not counts
    assert (vocabulary.encode(texts) != matrix).nnz == 0
    vocabulary.save(tmp_path)
    again = NgramVocabulary.load(tmp_path, max_n=2)
    assert again.ngrams == vocabulary.ngrams


def test_ngram_positions_cover_the_tokens_they_join():
    vocabulary = NgramVocabulary(["good", "not", "not good"], max_n=2)
    found = vocabulary.ngram_positions(["not", "good", "enough"])
    by_index = {vocabulary.ngrams[i]: (a, b) for i, a, b in found}
    assert by_index == {"not": (0, 1), "good": (1, 2), "not good": (0, 2)}
