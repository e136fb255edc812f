"""Fashion-MNIST GAN: the data, model, training, evaluation and inference code."""
