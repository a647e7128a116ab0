#!/usr/bin/env python3
"""Generate the committed Grad-CAM test fixtures for the demo CNN.

Writes, into src/test/resources/fixtures/:

* ``demo-cnn-split.pt``: TorchScript export (``features``/``head``/``forward``)
  of the demo CNN split at ``block4``, made by scripts/export_torchscript.py,
  as scripted (not frozen, contiguous).
* ``demo-cnn-split-optimized.pt``: the same export as the script makes it by
  default: frozen, batch norm folded into the convolutions, features run in
  channels-last memory format; with ``features_bf16`` and ``features_fp16``.
* ``demo-cnn-split.npz``: its weights in state_dict order, entries named
  ``000_block1.conv.weight``, ``001_block1.conv.bias``, ... (no
  ``num_batches_tracked``).
* ``plain-scripted.pt``: a small CNN saved with plain ``torch.jit.script``, the
  first thing a new user tries: only ``forward``, no ``features``/``head``, so
  the audit must refuse it before any task runs.
* ``demo-cnn-split-expected.npz``: reference values for a seeded input batch:
  ``x`` [2,3,32,32], ``activations`` A [2,64,8,8], ``logits`` [2,3],
  ``targets`` [2] (argmax of the logits, int64), ``cam_weights`` [2,64]
  (spatial mean of d logit[target] / dA) and ``cam`` [2,8,8]
  (ReLU(sum_k w_k A_k), not normalised), plus the same for every class:
  ``class_cam_weights`` [2,3,64] and ``class_cams`` [2,3,8,8]; all float32
  except ``targets``.

Everything is deterministic (seed 0), byte for byte: the script re-executes
itself with PYTHONHASHSEED=0 because TorchScript writes some module constants
in hash order.  Run from anywhere with::

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
    """Seeded demo CNN in eval mode.

    Convolutions use He initialisation and ``fc`` unit-variance weights so that
    activations, logits and CAMs are of order 0.1-1 rather than vanishing;
    BatchNorm gets random affine parameters and running statistics so that
    eval-mode normalisation is really exercised.
    """
    torch.manual_seed(SEED)
    model = DemoCNN()
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
                module.bias.normal_(0.0, 0.1)
            elif isinstance(module, nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5)
                module.bias.normal_(0.0, 0.2)
                module.running_mean.normal_(0.0, 0.2)
                module.running_var.uniform_(0.5, 2.0)
            elif isinstance(module, nn.Linear):
                module.weight.normal_(0.0, 1.0)
                module.bias.normal_(0.0, 0.1)
    return model.eval()


def activations(model: DemoCNN, x: torch.Tensor) -> torch.Tensor:
    """Output of the target layer, detached."""
    with torch.no_grad():
        return model.block4(model.block3(model.block2(model.block1(x))))


def grad_cam(model: DemoCNN, x: torch.Tensor, targets: torch.Tensor):
    """Grad-CAM of ``model`` at block4 for one target class per sample.

    Returns the channel weights [N, K] (spatial mean of d logit[n, target_n] / dA)
    and the maps [N, h, w] = ReLU(sum_k w_k A_k).
    """
    a = activations(model, x).requires_grad_(True)
    logits = model.head(a)
    # Samples are independent, so one backward of the summed target logits
    # gives each sample the gradient of its own target logit.
    logits.gather(1, targets[:, None]).sum().backward()
    weights = a.grad.mean(dim=(2, 3))
    cam = torch.relu((weights[:, :, None, None] * a.detach()).sum(dim=1))
    return weights, cam


def write_plain_scripted(path: str) -> None:
    """A scripted model without the features/head split (see the module docstring)."""
    torch.manual_seed(SEED)
    model = nn.Sequential(_block(3, 4, pool=True), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                          nn.Linear(4, 3)).eval()
    torch.jit.script(model).save(path)


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable] + sys.argv,
                  dict(os.environ, PYTHONHASHSEED="0"))
    os.makedirs(FIXTURES, exist_ok=True)
    model = make_model()
    pt_path = os.path.join(FIXTURES, "demo-cnn-split.pt")
    scripted = export_split_model(model, TARGET_LAYER, pt_path, INPUT_SIZE, SEED,
                                  freeze=False, memory_format="contiguous")
    export_split_model(model, TARGET_LAYER, os.path.join(FIXTURES, "demo-cnn-split-optimized.pt"),
                       INPUT_SIZE, SEED, precisions=("fp32", "bf16", "fp16"))
    save_state_dict_npz(model, os.path.join(FIXTURES, "demo-cnn-split.npz"))
    write_plain_scripted(os.path.join(FIXTURES, "plain-scripted.pt"))

    x = torch.randn(2, 3, INPUT_SIZE, INPUT_SIZE, generator=torch.Generator().manual_seed(SEED))
    a = activations(model, x)
    with torch.no_grad():
        logits = model.head(a)
    targets = logits.argmax(dim=1)
    weights, cam = grad_cam(model, x, targets)
    per_class = [grad_cam(model, x, torch.full_like(targets, c)) for c in range(logits.shape[1])]
    class_weights = torch.stack([w for w, _ in per_class], dim=1)
    class_cams = torch.stack([c for _, c in per_class], dim=1)

    # The exported file must give the same Grad-CAM through features/head.
    a_script = scripted.features(x).detach().requires_grad_(True)
    scripted.head(a_script).gather(1, targets[:, None]).sum().backward()
    if not torch.allclose(a_script.grad.mean(dim=(2, 3)), weights, atol=1e-6):
        raise RuntimeError("Grad-CAM weights from the TorchScript file differ from eager PyTorch")
    if not (cam.flatten(1).amax(dim=1) > 0).all():
        raise RuntimeError("a reference CAM is all zero; pick another input seed")

    np.savez(os.path.join(FIXTURES, "demo-cnn-split-expected.npz"),
             x=x.numpy(),
             activations=a.numpy(),
             logits=logits.numpy(),
             targets=targets.numpy(),
             cam_weights=weights.numpy(),
             cam=cam.numpy(),
             class_cam_weights=class_weights.numpy(),
             class_cams=class_cams.numpy())
    for name in sorted(os.listdir(FIXTURES)):
        print(f"{name}: {os.path.getsize(os.path.join(FIXTURES, name))} bytes")
    print("targets:", targets.tolist(), "logits:", logits.numpy().round(4).tolist())


if __name__ == "__main__":
    main()
