"""Where a trained generator lives: one folder, three files. Training writes all three (model.py);
the demo reads only the ONNX graph (predict.py), so it needs no PyTorch."""

WEIGHTS = "generator.safetensors"  # the EMA generator's weights: evaluation, figures, further training
MODEL_CONFIG = "config.json"  # the architecture and class names
ONNX_MODEL = "generator.onnx"  # the same generator as an ONNX graph, with the config as metadata
