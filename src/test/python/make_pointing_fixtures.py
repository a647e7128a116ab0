"""Fixtures pinning the pointing game and the energy-based pointing game to their references.

Pointing game: TorchRay (facebookresearch/TorchRay at commit 6a198ee61d229360a3def590410378d2ed6f1f06),
the reference implementation of Zhang et al.'s benchmark: voc_as_mask builds the boxes' mask from
VOC annotations and PointingGame.evaluate scores the map's arg-max against it, tolerance 15.
Energy-based pointing game: Wang et al., "Score-CAM", CVPR Workshops 2020, section 4.2.1: the map
times the binarised box region, summed, over the map's sum (no code published; the definition
with the same VOC mask).

Maps are at image resolution; boxes are integers (x0, y0, x1, y1), given to TorchRay as VOC
objects (xmin = x0 + 1, xmax = x1, 1-based inclusive). TorchRay is not committed here; check it
out at that commit and pass its path:

    /usr/bin/python3 src/test/python/make_pointing_fixtures.py --torchray PATH \
        > src/test/resources/fixtures/pointing-games.json
"""
import argparse
import base64
import json
import subprocess
import sys

import numpy as np

COMMIT = "6a198ee61d229360a3def590410378d2ed6f1f06"
WIDTH, HEIGHT = 64, 48


def cases():
    """(name, map, boxes) with the map's maximum at a chosen pixel."""
    rng = np.random.default_rng(29112026)
    out = []
    box = [24, 16, 40, 32]
    # Peaks around the box: inside, on its edges, and at distances about the tolerance.
    for name, (u, v) in {
        "inside": (30, 24), "left-edge": (24, 24), "right-edge": (39, 24),
        "left-14": (10, 24), "left-15": (9, 24), "below-15": (30, 46), "below-14": (30, 45),
        "corner-9-12": (15, 4), "corner-9-11": (15, 5), "corner-12-12": (12, 4),
        "corner-far": (63, 47),
    }.items():
        cam = (rng.random((HEIGHT, WIDTH)) * 0.5).astype(np.float32)
        cam[v, u] = 1.0
        out.append((name, cam, [box]))
    for i in range(8):
        cam = rng.random((HEIGHT, WIDTH)).astype(np.float32) ** 3
        boxes = []
        for _ in range(1 + i % 3):
            x0, y0 = int(rng.integers(0, WIDTH - 10)), int(rng.integers(0, HEIGHT - 10))
            boxes.append([x0, y0, int(rng.integers(x0 + 1, WIDTH + 1)),
                          int(rng.integers(y0 + 1, HEIGHT + 1))])
        out.append(("random-%d" % i, cam, boxes))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--torchray", required=True)
    args = parser.parse_args()
    head = subprocess.run(["git", "-C", args.torchray, "rev-parse", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    if head and head != COMMIT:
        sys.exit("TorchRay is at %s, expected %s" % (head, COMMIT))
    sys.path.insert(0, args.torchray)
    import torch
    from torchray.benchmark.datasets import voc_as_mask
    from torchray.benchmark.pointing_game import PointingGame

    game = PointingGame(num_classes=20, tolerance=15)
    out = []
    for name, cam, boxes in cases():
        label = {"annotation": {
            "size": {"width": str(WIDTH), "height": str(HEIGHT)},
            "object": [{"name": "cat", "bndbox": {
                "xmin": str(b[0] + 1), "ymin": str(b[1] + 1),
                "xmax": str(b[2]), "ymax": str(b[3])}} for b in boxes]}}
        mask = voc_as_mask(label, class_id=7)  # VOC's 'cat'
        flat = int(np.argmax(cam))
        point = (flat % WIDTH, flat // WIDTH)
        hit = game.evaluate(mask, point) == 1
        inside = cam.astype(np.float64)[mask.numpy()].sum()
        out.append({"name": name, "height": HEIGHT, "width": WIDTH,
                    "cam_float32_le_base64": base64.b64encode(
                        cam.astype("<f4").tobytes()).decode("ascii"),
                    "boxes": boxes,
                    "peak": list(point), "hit": bool(hit),
                    "energy_proportion": float(inside / cam.astype(np.float64).sum())})
    json.dump({"source": "facebookresearch/TorchRay@" + COMMIT
               + " torchray/benchmark/pointing_game.py, datasets.py; Score-CAM section 4.2.1",
               "tolerance": 15, "cases": out}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
