#!/usr/bin/env python3
"""The Python reference pipeline that scripts/bench compares the audit job with.

What a plain script does with the same photographs: PIL decodes each JPEG in
draft mode (libjpeg's DCT scaling to at least 256 pixels a side), torchvision's
Resize(256) + CenterCrop(224) + ToTensor + Normalize prepare it, a torchvision
ResNet-18 (seeded random weights, eval mode) explains batches with Grad-CAM at
``layer4`` the way pytorch-grad-cam's GradCAM does (forward hooks keep the
activations, the target logits are back-propagated through the whole network),
and the energy of each map inside the image's box is measured on the 224×224
crop.  pytorch-grad-cam itself is used when it is installed.  One process, no
DataLoader workers, ``--threads`` intra-op threads.

Reads the photographs from a manifest in the audit's JSON Lines format (path,
label, boxes); prints one JSON object: images, seconds, images_per_second,
prepare_ms_per_image (decode + transforms), explain_ms_per_image, measure_ms_per_image.

    /usr/bin/python3 scripts/bench_reference.py MANIFEST [--threads 2] [--batch-size 16]
"""

import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F
import torchvision
from PIL import Image
from torchvision import transforms


def grad_cam(model, layer, batch, targets):
    """Grad-CAM at ``layer`` as pytorch-grad-cam's GradCAM computes it.

    Its own code when installed; otherwise the same steps: a forward hook keeps
    the layer's activations and a tensor hook their gradient, the model's
    parameters keep requiring gradients (the library does not freeze them), the
    summed target logits are back-propagated through the whole network, and each
    map is resized to the input and min-max normalised.
    """
    try:
        from pytorch_grad_cam import GradCAM
        from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget
        with GradCAM(model=model, target_layers=[layer]) as cam:
            maps = cam(input_tensor=batch, targets=[ClassifierOutputTarget(int(t)) for t in targets])
        return torch.from_numpy(maps)
    except ImportError:
        pass
    saved = {}

    def keep(module, inputs, output):
        saved["activations"] = output.detach()
        output.register_hook(lambda grad: saved.__setitem__("gradients", grad.detach()))

    handle = layer.register_forward_hook(keep)
    try:
        model.zero_grad()
        logits = model(batch)
        loss = logits.gather(1, torch.as_tensor(targets)[:, None]).sum()
        loss.backward(retain_graph=True)
        weights = saved["gradients"].mean(dim=(2, 3), keepdim=True)
        maps = torch.relu((weights * saved["activations"]).sum(dim=1))
        maps = F.interpolate(maps[:, None], size=batch.shape[-2:], mode="bilinear",
                             align_corners=False)[:, 0]
        low = maps.flatten(1).min(dim=1).values[:, None, None]
        high = maps.flatten(1).max(dim=1).values[:, None, None]
        return (maps - low) / (high - low + 1e-7)
    finally:
        handle.remove()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = torchvision.models.resnet18().eval()
    prepare = transforms.Compose([
        transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    folder = os.path.dirname(os.path.abspath(args.manifest))
    entries = [json.loads(line) for line in open(args.manifest)]

    timings = {"prepare": 0.0, "explain": 0.0, "measure": 0.0}
    fractions = []
    started = time.perf_counter()
    for start in range(0, len(entries), args.batch_size):
        chunk = entries[start:start + args.batch_size]
        t0 = time.perf_counter()
        tensors, crops = [], []
        for entry in chunk:
            image = Image.open(os.path.join(folder, entry["path"]))
            stored_width = image.size[0]
            image.draft("RGB", (256, 256))
            image = image.convert("RGB")
            w, h = image.size
            scale = 256 / min(w, h)
            left = int(round((round(w * scale) - 224) / 2.0))
            top = int(round((round(h * scale) - 224) / 2.0))
            # Box coordinates are the stored image's pixels: to the drafted, resized, cropped one.
            crops.append((entry, w / stored_width * scale, left, top))
            tensors.append(prepare(image))
        batch = torch.stack(tensors)
        t1 = time.perf_counter()
        maps = grad_cam(model, model.layer4, batch, [0] * len(chunk))
        t2 = time.perf_counter()
        for cam, (entry, factor, left, top) in zip(maps, crops):
            box = entry["boxes"][0]
            x0 = int(max(0, round(box["x0"] * factor - left)))
            y0 = int(max(0, round(box["y0"] * factor - top)))
            x1 = int(min(224, round(box["x1"] * factor - left)))
            y1 = int(min(224, round(box["y1"] * factor - top)))
            total = float(cam.sum())
            fractions.append(float(cam[y0:y1, x0:x1].sum()) / total if total > 0 else 0.0)
        t3 = time.perf_counter()
        timings["prepare"] += t1 - t0
        timings["explain"] += t2 - t1
        timings["measure"] += t3 - t2
    seconds = time.perf_counter() - started
    n = len(entries)
    print(json.dumps({
        "images": n, "seconds": round(seconds, 3), "images_per_second": round(n / seconds, 2),
        "prepare_ms_per_image": round(1000 * timings["prepare"] / n, 2),
        "explain_ms_per_image": round(1000 * timings["explain"] / n, 2),
        "measure_ms_per_image": round(1000 * timings["measure"] / n, 2),
        "mean_energy_in_box": round(sum(fractions) / n, 4),
        "grad_cam": "pytorch-grad-cam" if "pytorch_grad_cam" in sys.modules else "hooks",
    }))


if __name__ == "__main__":
    main()
