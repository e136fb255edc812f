"""Fashion-MNIST CNN: the data, model, training, evaluation and inference code."""
