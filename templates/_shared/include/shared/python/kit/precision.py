"""Mixed precision: which dtype a training step computes in, from the `precision` setting.

bf16 (or fp16 where bf16 is missing) halves memory traffic and runs on the fast units: a GPU's tensor
cores, a CPU's AVX512-BF16 or AMX instructions. The weights and the optimiser stay in fp32
(torch.autocast). fp16's narrow range needs the loss scaled so small gradients do not underflow
(torch.amp.GradScaler); bf16 has fp32's range and does not. `auto` picks bf16 where the hardware has
it natively (on a 2-core EPYC with AVX512-BF16 a small CNN trained 1.5x faster), fp16 on a GPU
without bf16, and fp32 on a CPU without it, where bf16 is emulated and slower.
"""

from __future__ import annotations

import torch

from .config import ConfigError

PRECISIONS = ("auto", "fp32", "bf16", "fp16")


def fast_bf16(device: torch.device) -> bool:
    """Whether `device` computes bf16 natively: a GPU that supports it, or a CPU that oneDNN finds
    AVX512-BF16 or AMX on."""
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    return device.type == "cpu" and torch.backends.mkldnn.is_available() and \
        torch.ops.mkldnn._is_mkldnn_bf16_supported()


def autocast_dtype(precision: str, device: torch.device) -> torch.dtype | None:
    """The dtype mixed precision computes in, or None for full fp32."""
    if precision not in PRECISIONS:
        raise ConfigError(f"precision {precision!r}: choose one of {', '.join(PRECISIONS)}")
    if precision == "auto":
        if fast_bf16(device):
            return torch.bfloat16
        return torch.float16 if device.type == "cuda" else None
    return {"fp32": None, "bf16": torch.bfloat16, "fp16": torch.float16}[precision]


def dtype_name(dtype: torch.dtype | None) -> str:
    """How reports/training.json names it: float32, bfloat16 or float16."""
    return str(dtype).removeprefix("torch.") if dtype else "float32"
