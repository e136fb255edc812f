"""IMDB Review Sentiment: the data, model, training, evaluation and inference code."""
