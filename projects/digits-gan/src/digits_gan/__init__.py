"""Handwritten Digits GAN: the data, model, training, evaluation and inference code."""
