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

With ``--model-only`` (no manifest) it times the model alone on a seeded
standard-normal batch, as the bench's section 1 times the project: plain
inference (``torch.no_grad``), the head-only Grad-CAM the project computes
(the backbone under ``no_grad``, the gradient of the target logits taken at the
layer's output only) and pytorch-grad-cam's GradCAM (or its steps, as above),
each for the predicted class; then the first two again with the model and the
batch in channels-last memory format.  Warm-up, then alternating timed repeats;
the median repeat of each is printed in images/s as one JSON object.

    /usr/bin/python3 scripts/bench_reference.py --model-only [--threads 2] [--batch-size 16]
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


def head_only_grad_cam(model, batch):
    """Grad-CAM at ``layer4`` as the project computes it: no graph through the backbone."""
    with torch.no_grad():
        x = model.maxpool(model.relu(model.bn1(model.conv1(batch))))
        activations = model.layer4(model.layer3(model.layer2(model.layer1(x))))
    activations.requires_grad_(True)
    logits = model.fc(torch.flatten(model.avgpool(activations), 1))
    targets = logits.argmax(dim=1, keepdim=True)
    gradients, = torch.autograd.grad(logits.gather(1, targets).sum(), activations)
    return torch.relu((gradients.mean(dim=(2, 3), keepdim=True) * activations).sum(dim=1))


def inference(model, batch):
    with torch.no_grad():
        return model(batch)


def library_grad_cam(model, batch):
    """pytorch-grad-cam's GradCAM (or its steps) for the predicted classes."""
    return grad_cam(model, model.layer4, batch, inference(model, batch).argmax(dim=1).tolist())


def median_rates(modes, batch_size, warm_up_seconds, repeats, repeat_seconds):
    """Images/s of each mode: warm-ups, then alternating timed repeats; the median of each."""
    def timed(run, seconds):
        start, batches = time.perf_counter(), 0
        while True:
            run()
            batches += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                return batches * batch_size / elapsed

    for run in modes.values():
        timed(run, warm_up_seconds)
    rates = {name: [] for name in modes}
    for _ in range(repeats):
        for name, run in modes.items():
            rates[name].append(timed(run, repeat_seconds))
    return {name: round(sorted(r)[len(r) // 2], 2) for name, r in rates.items()}


def model_only(args):
    model = resnet18()
    generator = torch.Generator().manual_seed(args.batch_size)
    batch = torch.randn(args.batch_size, 3, 224, 224, generator=generator)
    last = resnet18().to(memory_format=torch.channels_last)
    last_batch = batch.contiguous(memory_format=torch.channels_last)
    modes = {
        "inference": lambda: inference(model, batch),
        "head_only_grad_cam": lambda: head_only_grad_cam(model, batch),
        "pytorch_grad_cam": lambda: library_grad_cam(model, batch),
        "channels_last_inference": lambda: inference(last, last_batch),
        "channels_last_head_only_grad_cam": lambda: head_only_grad_cam(last, last_batch),
    }
    rates = median_rates(modes, args.batch_size, 1.5, args.repeats, 1.0)
    print(json.dumps({
        "torch": torch.__version__, "threads": torch.get_num_threads(),
        "batch_size": args.batch_size, "images_per_second": rates,
        "grad_cam": "pytorch-grad-cam" if "pytorch_grad_cam" in sys.modules else "hooks",
    }))


def resnet18():
    """torchvision's ResNet-18 with seeded random weights, in eval mode."""
    torch.manual_seed(0)
    return torchvision.models.resnet18().eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", nargs="?")
    parser.add_argument("--model-only", action="store_true",
                        help="time the model alone on a random batch (no manifest)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="timed repeats per mode of --model-only (default 5)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    if args.model_only == (args.manifest is not None):
        parser.error("give a MANIFEST or --model-only, not both")

    torch.set_num_threads(args.threads)
    if args.model_only:
        model_only(args)
        return
    model = resnet18()
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
