"""Mixed precision: which dtype a training step computes in, from the `precision` setting.

On a GPU, bf16 (or fp16 where bf16 is missing) halves memory traffic and runs on the tensor cores,
with the weights and the optimiser kept in fp32 (torch.autocast). fp16's narrow range needs the loss
scaled so small gradients do not underflow (torch.amp.GradScaler); bf16 has fp32's range and does
not. A CPU gains little from either, so `auto` keeps fp32 there.
"""

from __future__ import annotations

import torch

from .config import ConfigError

PRECISIONS = ("auto", "fp32", "bf16", "fp16")


def autocast_dtype(precision: str, device: torch.device) -> torch.dtype | None:
    """The dtype mixed precision computes in, or None for full fp32."""
    if precision not in PRECISIONS:
        raise ConfigError(f"precision {precision!r}: choose one of {', '.join(PRECISIONS)}")
    if precision == "auto":
        if device.type != "cuda":
            return None
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return {"fp32": None, "bf16": torch.bfloat16, "fp16": torch.float16}[precision]


def dtype_name(dtype: torch.dtype | None) -> str:
    """How reports/training.json names it: float32, bfloat16 or float16."""
    return str(dtype).removeprefix("torch.") if dtype else "float32"
