"""Where a trained model lives: one folder, three files. Training writes all three (model.py);
the demo reads only the ONNX graph (predict.py), so it needs no PyTorch."""

WEIGHTS = "model.safetensors"  # the PyTorch weights: evaluation, saliency, further training
MODEL_CONFIG = "config.json"  # the architecture, class names and preprocessing
ONNX_MODEL = "model.onnx"  # the same network as an ONNX graph, with the config as metadata
