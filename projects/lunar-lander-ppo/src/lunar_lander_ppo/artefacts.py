"""Where a trained agent lives: one folder, three files. Training writes all three (model.py);
the demo reads only the ONNX graph of the policy (predict.py), so it needs no PyTorch."""

WEIGHTS = "model.safetensors"  # both networks' weights: evaluation and further training
MODEL_CONFIG = "config.json"  # the environment and the networks' sizes
ONNX_MODEL = "policy.onnx"  # the actor as an ONNX graph, with the config as metadata
ONNX_INPUT, ONNX_OUTPUT = "observation", "logits"  # its input (B, observation_size) and output (B, actions)
ONNX_ACTION = "action"  # the output of a continuous policy instead: (B, action_size), the mean within bounds
