"""Training on one device or several, with the same loop: Hugging Face accelerate.

    python -m <package>.train ...                                    # one CPU or one GPU
    accelerate launch --multi_gpu --num_processes 2 -m <package>.train ...   # two GPUs
    torchrun --nproc_per_node 2 -m <package>.train ...               # two CPU processes (gloo)

The loop in train.py stays plain PyTorch; accelerate wraps four things in it. `prepare` puts the
model on this process's device (wrapped in DistributedDataParallel when there are several
processes, which averages the gradients in `backward`), and splits every batch of the training
loader between the processes, so a batch means the same examples whatever their number.
`backward` also scales an fp16 loss. Mixed precision (`precision`) is accelerate's autocast around
the model's forward. Only the main process writes the model, the reports and the tracked run.
"""

from __future__ import annotations

import torch
from accelerate import Accelerator, DataLoaderConfiguration

from .config import ConfigError

MIXED_PRECISION = {None: "no", torch.bfloat16: "bf16", torch.float16: "fp16"}
"""kit/precision.py's dtype -> accelerate's name for it."""


def make_accelerator(device: torch.device, dtype: torch.dtype | None, batch_size: int) -> Accelerator:
    """The run's accelerator: the CPU or this process's GPU, mixed precision in `dtype` (None: fp32).

    Raises:
        ConfigError: the batch cannot be split evenly between the processes.
    """
    accelerator = Accelerator(cpu=device.type == "cpu", mixed_precision=MIXED_PRECISION[dtype],
                              dataloader_config=DataLoaderConfiguration(split_batches=True))
    if batch_size % accelerator.num_processes:
        raise ConfigError(f"batch_size {batch_size} cannot be split between {accelerator.num_processes} "
                          "processes; use a multiple of the number of processes")
    return accelerator


def mean_over_processes(accelerator: Accelerator, total: float, count: int) -> float:
    """The mean of a quantity summed over each process's share (`total` over `count` examples)."""
    sums = accelerator.reduce(torch.tensor([total, count], dtype=torch.float64, device=accelerator.device),
                              reduction="sum")
    return (sums[0] / sums[1]).item()


def weights_in_sync(accelerator: Accelerator, model: torch.nn.Module) -> bool:
    """Whether every process holds the same weights (each parameter's sum, compared exactly): what
    averaging the gradients should keep true after every step."""
    sums = torch.stack([p.detach().double().sum() for p in model.parameters()])
    gathered = accelerator.gather(sums.unsqueeze(0))  # (processes, parameters)
    return bool((gathered == gathered[0]).all())
