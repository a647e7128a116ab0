#!/usr/bin/env python3
"""Generate the committed Grad-CAM test fixtures for the demo CNN.

Writes, into src/test/resources/fixtures/:

* ``demo-cnn-split.pt``: TorchScript export (``features``/``head``/``forward``)
  of the demo CNN split at ``block4``, made by scripts/export_torchscript.py.
* ``demo-cnn-split.npz``: its weights in state_dict order, entries named
  ``000_block1.conv.weight``, ``001_block1.conv.bias``, ... (no
  ``num_batches_tracked``).
* ``demo-cnn-split-expected.npz``: reference values for a seeded input batch:
  ``x`` [2,3,32,32], ``activations`` A [2,64,8,8], ``logits`` [2,3],
  ``targets`` [2] (argmax of the logits, int64), ``cam_weights`` [2,64]
  (spatial mean of d logit[target] / dA) and ``cam`` [2,8,8]
  (ReLU(sum_k w_k A_k), not normalised); all float32 except ``targets``.

Everything is deterministic (seed 0).  Run from anywhere with::

    /usr/bin/python3 src/test/python/make_fixtures.py
"""

import os
import sys
from collections import OrderedDict

import numpy as np
import torch
from torch import nn

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "scripts"))

from export_torchscript import export_split_model, save_state_dict_npz  # noqa: E402

FIXTURES = os.path.join(REPO, "src", "test", "resources", "fixtures")
TARGET_LAYER = "block4"
INPUT_SIZE = 32
SEED = 0


def _block(in_channels: int, out_channels: int, pool: bool) -> nn.Sequential:
    layers = OrderedDict(
        conv=nn.Conv2d(in_channels, out_channels, 3, padding=1),
        bn=nn.BatchNorm2d(out_channels),
        relu=nn.ReLU(),
    )
    if pool:
        layers["pool"] = nn.MaxPool2d(2)
    return nn.Sequential(layers)


class DemoCNN(nn.Module):
    """The project's demo CNN; the Java/DJL side builds the same network.

    block1..block4 are conv3x3(pad 1) + BatchNorm + ReLU (+ MaxPool2d(2) in
    blocks 1 and 2) with 16, 32, 64, 64 channels; then global average pooling,
    flatten and ``fc``.  The Grad-CAM target is the output of ``block4``.
    """

    def __init__(self, num_classes: int = 3):
        super().__init__()
        self.block1 = _block(3, 16, pool=True)
        self.block2 = _block(16, 32, pool=True)
        self.block3 = _block(32, 64, pool=False)
        self.block4 = _block(64, 64, pool=False)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a = self.block4(self.block3(self.block2(self.block1(x))))
        return self.head(a)

    def head(self, a: torch.Tensor) -> torch.Tensor:
        return self.fc(self.flatten(self.pool(a)))


def make_model() -> DemoCNN:
    """Seeded demo CNN in eval mode with non-trivial BatchNorm parameters and statistics."""
    torch.manual_seed(SEED)
    model = DemoCNN()
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5)
                module.bias.normal_(0.0, 0.2)
                module.running_mean.normal_(0.0, 0.2)
                module.running_var.uniform_(0.5, 2.0)
    return model.eval()


def grad_cam(model: DemoCNN, x: torch.Tensor):
    """Return activations, logits, targets, channel weights and CAMs for ``x``."""
    with torch.no_grad():
        activations = model.block4(model.block3(model.block2(model.block1(x))))
    a = activations.clone().requires_grad_(True)
    logits = model.head(a)
    targets = logits.argmax(dim=1)
    # Samples are independent, so one backward of the summed target logits
    # gives each sample's own gradient.
    logits.gather(1, targets[:, None]).sum().backward()
    weights = a.grad.mean(dim=(2, 3))
    cam = torch.relu((weights[:, :, None, None] * activations).sum(dim=1))
    return activations, logits.detach(), targets, weights, cam


def main() -> None:
    os.makedirs(FIXTURES, exist_ok=True)
    model = make_model()
    pt_path = os.path.join(FIXTURES, "demo-cnn-split.pt")
    scripted = export_split_model(model, TARGET_LAYER, pt_path, INPUT_SIZE, SEED)
    save_state_dict_npz(model, os.path.join(FIXTURES, "demo-cnn-split.npz"))

    x = torch.randn(2, 3, INPUT_SIZE, INPUT_SIZE, generator=torch.Generator().manual_seed(SEED + 1))
    activations, logits, targets, weights, cam = grad_cam(model, x)

    # The exported file must give the same Grad-CAM through features/head.
    a = scripted.features(x).detach().requires_grad_(True)
    scripted.head(a).gather(1, targets[:, None]).sum().backward()
    if not torch.allclose(a.grad.mean(dim=(2, 3)), weights, atol=1e-6):
        raise RuntimeError("Grad-CAM weights from the TorchScript file differ from eager PyTorch")
    if not (cam.flatten(1).max(dim=1).values > 0).all():
        raise RuntimeError("a reference CAM is all zero; pick another input seed")

    np.savez(os.path.join(FIXTURES, "demo-cnn-split-expected.npz"),
             x=x.numpy(),
             activations=activations.numpy(),
             logits=logits.numpy(),
             targets=targets.numpy(),
             cam_weights=weights.numpy(),
             cam=cam.numpy())
    for name in sorted(os.listdir(FIXTURES)):
        print(f"{name}: {os.path.getsize(os.path.join(FIXTURES, name))} bytes")
    print("targets:", targets.tolist(), "logits:", logits.numpy().round(4).tolist())


if __name__ == "__main__":
    main()
