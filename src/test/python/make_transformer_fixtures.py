#!/usr/bin/env python3
"""Generate the committed Grad-CAM fixtures for vision transformers.

For a seeded small torchvision ``VisionTransformer`` and ``SwinTransformer``
(224x224 input, 3 classes) this writes, into
src/test/resources/fixtures/<name>/:

* ``<name>.pt`` and ``model.json``: made by scripts/export_torchscript.py as a
  user would (``--model-json``), so the ``tokens`` entry is the script's own:
  ``vit-small`` cut at ``encoder.layers.encoder_layer_1.ln_1`` (the last block's
  first LayerNorm, pytorch-grad-cam's ViT target; its residual input travels as
  context), tokens ``sequence`` with 1 prefix token and a 14x14 grid;
  ``swin-small`` cut at ``norm`` (the last LayerNorm), tokens ``channels-last``
  7x7.
* ``expected.npz``: ``x8`` int8 [2,3,224,224] (the input times 8: inputs are
  multiples of 1/8 so the file stays small), ``targets`` int64 [2] (argmax of
  the logits), ``logits`` [2,3], ``cam`` [2,h,w] for the predicted class and
  ``class_cams`` [2,3,h,w] for every class.

The reference maps are PyTorch's own Grad-CAM, formed as pytorch-grad-cam
does: a forward hook on the layer of the whole eager model keeps its output,
the target logit is back-propagated through the whole network, the output and
its gradient are reshaped like pytorch-grad-cam's ``reshape_transform`` (ViT:
drop the class token, [N, 14, 14, D] -> [N, D, 14, 14]; Swin: [N, H, W, C] ->
[N, C, H, W]), the channel weights are the spatial mean of the gradient and the
map is ReLU of the weighted sum.  Deterministic (seed 0); run with::

    /usr/bin/python3 src/test/python/make_transformer_fixtures.py
"""

import os
import sys

import numpy as np
import torch
from torch import nn
from torchvision.models.swin_transformer import SwinTransformer
from torchvision.models.vision_transformer import VisionTransformer

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "scripts"))

import export_torchscript  # noqa: E402

FIXTURES = os.path.join(REPO, "src", "test", "resources", "fixtures")
SEED = 0
SIZE = 224
CLASSES = 3


def vit() -> nn.Module:
    torch.manual_seed(SEED)
    model = VisionTransformer(image_size=SIZE, patch_size=16, num_layers=2, num_heads=2,
                              hidden_dim=32, mlp_dim=64, num_classes=CLASSES)
    return _with_random_head(model, model.heads.head)


def swin() -> nn.Module:
    torch.manual_seed(SEED)
    model = SwinTransformer(patch_size=[4, 4], embed_dim=8, depths=[1, 1, 2, 1],
                            num_heads=[1, 1, 2, 2], window_size=[7, 7], num_classes=CLASSES)
    return _with_random_head(model, model.head)


def _with_random_head(model: nn.Module, head: nn.Linear) -> nn.Module:
    """torchvision starts a ViT's head at zero (no gradient at all) and Swin's near it."""
    with torch.no_grad():
        head.weight.normal_(0.0, 1.0)
        head.bias.normal_(0.0, 0.1)
    return model.eval()


def reference_cams(model: nn.Module, layer: str, reshape, x: torch.Tensor,
                   targets: torch.Tensor) -> torch.Tensor:
    """Grad-CAM [N, h, w] at ``layer`` with hooks and a backward through the whole model."""
    kept = {}

    def hook(_module, _inputs, output):
        output.retain_grad()
        kept["a"] = output

    handle = model.get_submodule(layer).register_forward_hook(hook)
    try:
        model.zero_grad()
        logits = model(x)
        logits.gather(1, targets[:, None]).sum().backward()
    finally:
        handle.remove()
    a = reshape(kept["a"].detach())
    grad = reshape(kept["a"].grad)
    weights = grad.mean(dim=(2, 3))
    return torch.relu((weights[:, :, None, None] * a).sum(dim=1))


def vit_reshape(tokens: torch.Tensor) -> torch.Tensor:
    """pytorch-grad-cam's ViT reshape_transform (class token dropped, 14x14 grid)."""
    result = tokens[:, 1:, :].reshape(tokens.size(0), 14, 14, tokens.size(2))
    return result.transpose(2, 3).transpose(1, 2)


def swin_reshape(nhwc: torch.Tensor) -> torch.Tensor:
    return nhwc.permute(0, 3, 1, 2)


def write(name: str, model: nn.Module, layer: str, reshape, expected_tokens: dict) -> None:
    directory = os.path.join(FIXTURES, name)
    os.makedirs(directory, exist_ok=True)
    export_torchscript.main(["--arch", f"make_transformer_fixtures:{name.replace('-', '_')}",
                             "--num-classes", str(CLASSES), "--layer", layer,
                             "--seed", str(SEED), "--output",
                             os.path.join(directory, f"{name}.pt"), "--model-json",
                             "--precisions", "fp32,bf16,fp16"])
    spec = open(os.path.join(directory, "model.json"), encoding="utf-8").read()
    if f'"layout": "{expected_tokens["layout"]}"' not in spec:
        raise RuntimeError(f"{name}: unexpected tokens entry in model.json:\n{spec}")

    generator = torch.Generator().manual_seed(SEED)
    x8 = torch.randint(-16, 17, (2, 3, SIZE, SIZE), generator=generator, dtype=torch.int8)
    x = x8.float() / 8
    with torch.no_grad():
        logits = model(x)
    targets = logits.argmax(dim=1)
    cam = reference_cams(model, layer, reshape, x, targets)
    class_cams = torch.stack(
        [reference_cams(model, layer, reshape, x, torch.full_like(targets, c))
         for c in range(CLASSES)], dim=1)
    if not (cam.flatten(1).amax(dim=1) > 0.01).all():
        raise RuntimeError(f"{name}: a reference CAM is (nearly) zero; pick another seed")
    np.savez(os.path.join(directory, "expected.npz"), x8=x8.numpy(),
             targets=targets.numpy(), logits=logits.numpy(), cam=cam.numpy(),
             class_cams=class_cams.numpy())
    for file in sorted(os.listdir(directory)):
        print(f"{name}/{file}: {os.path.getsize(os.path.join(directory, file))} bytes")
    print(name, "targets:", targets.tolist(), "cam max:", cam.flatten(1).amax(dim=1).tolist())


# The export script builds models through these (called with num_classes=).
def vit_small(num_classes: int = CLASSES) -> nn.Module:
    assert num_classes == CLASSES
    return vit()


def swin_small(num_classes: int = CLASSES) -> nn.Module:
    assert num_classes == CLASSES
    return swin()


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable] + sys.argv,
                  dict(os.environ, PYTHONHASHSEED="0"))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    write("vit-small", vit(), "encoder.layers.encoder_layer_1.ln_1", vit_reshape,
          {"layout": "sequence"})
    write("swin-small", swin(), "norm", swin_reshape, {"layout": "channels-last"})


if __name__ == "__main__":
    main()
