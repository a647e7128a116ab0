#!/usr/bin/env python3
"""Generate the committed heatmap-faithfulness fixture with pytorch-grad-cam's own code.

pytorch-grad-cam is not a dependency and none of its code is committed: point
PYTORCH_GRAD_CAM at a checkout of https://github.com/jacobgil/pytorch-grad-cam at
the pinned commit below.  Its package imports ``ttach`` (test-time augmentation,
unused here) and ``cv2``; when ``ttach`` is missing, inert stand-ins for the three
names BaseCAM touches take its place.  Debian's ``python3-opencv`` provides ``cv2``.

For the seeded demo CNN of make_fixtures.py (the weights of
``demo-cnn-split.pt``) and a seeded batch of four 32x32 inputs, this writes
src/test/resources/fixtures/faithfulness-expected.npz:

* ``x`` [4,3,32,32] float32, ``targets`` [4] int64: classes 0, 1, 2, 0 (the
  label of each image, predicted or not);
* ``grayscale_cam`` [4,32,32]: ``GradCAM(model, [model.block4])`` for those
  classes (``ClassifierOutputTarget``), min-max scaled and resized to the input
  by pytorch-grad-cam;
* ``cam_mult_change`` [4]: ``CamMultImageConfidenceChange()`` of those maps, the
  change in the class's softmax probability (``ClassifierOutputSoftmaxTarget``)
  when the input is multiplied by its map.
* ``road_morf``, ``road_lerf``, ``road_combined`` [4]: ``ROADMostRelevantFirstAverage``,
  ``ROADLeastRelevantFirstAverage`` and ``ROADCombined`` at their default
  percentiles (10, 20, ..., 90) of those maps, the same softmax targets, with the
  imputer's noise set to 0 (its only random part; the Java side seeds its own).

Run with a checkout, or a copy of its package at that commit::

    mkdir /tmp/pgc && git -C <pytorch-grad-cam clone> archive \
        084273b3f30b54ad0c64cf8020a4337d979a66e0 pytorch_grad_cam | tar -x -C /tmp/pgc
    PYTORCH_GRAD_CAM=/tmp/pgc /usr/bin/python3 src/test/python/make_faithfulness_fixtures.py
"""

import os
import subprocess
import sys
import types

import numpy as np
import torch

PINNED_COMMIT = "084273b3f30b54ad0c64cf8020a4337d979a66e0"
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from make_fixtures import FIXTURES, INPUT_SIZE, make_model  # noqa: E402

SEED = 1
IMAGES = 4


def import_pytorch_grad_cam():
    checkout = os.environ.get("PYTORCH_GRAD_CAM")
    if not checkout:
        sys.exit("Set PYTORCH_GRAD_CAM to a pytorch-grad-cam checkout at " + PINNED_COMMIT)
    head = subprocess.run(["git", "-C", checkout, "rev-parse", "HEAD"],
                          capture_output=True, text=True)
    if head.returncode != 0:
        print(f"{checkout} is not a git checkout: taken to be {PINNED_COMMIT}")
    elif head.stdout.strip() != PINNED_COMMIT:
        sys.exit(f"{checkout} is at {head.stdout.strip()}; check out {PINNED_COMMIT}")
    try:
        import ttach  # noqa: F401
    except ImportError:
        # BaseCAM builds a default augmentation (tta.Compose of HorizontalFlip and Multiply) that
        # only aug_smooth=True uses: inert stand-ins suffice.
        stub = types.ModuleType("ttach")
        for name in ("Compose", "HorizontalFlip", "Multiply"):
            setattr(stub, name, type(name, (), {"__init__": lambda self, *a, **k: None}))
        sys.modules["ttach"] = stub
    sys.path.insert(0, checkout)


def main() -> None:
    import_pytorch_grad_cam()
    from pytorch_grad_cam import GradCAM
    from pytorch_grad_cam.metrics import road
    from pytorch_grad_cam.metrics.cam_mult_image import CamMultImageConfidenceChange
    from pytorch_grad_cam.utils.model_targets import (ClassifierOutputSoftmaxTarget,
                                                      ClassifierOutputTarget)

    model = make_model()
    x = torch.randn(IMAGES, 3, INPUT_SIZE, INPUT_SIZE,
                    generator=torch.Generator().manual_seed(SEED))
    # Classes 0, 1, 2, 0: explained whether predicted or not, as labels are.
    targets = torch.arange(IMAGES) % 3
    with GradCAM(model=model, target_layers=[model.block4]) as cam:
        grayscale = cam(input_tensor=x,
                        targets=[ClassifierOutputTarget(int(t)) for t in targets])
    change = CamMultImageConfidenceChange()(
        x, grayscale, [ClassifierOutputSoftmaxTarget(int(t)) for t in targets], model)
    # ROAD's imputers are made with the default noise (0.01): make that default 0.
    road.NoisyLinearImputer.__init__.__defaults__ = (0.0, road.neighbors_weights)
    softmax_targets = [ClassifierOutputSoftmaxTarget(int(t)) for t in targets]
    morf = road.ROADMostRelevantFirstAverage()(x, grayscale, softmax_targets, model)
    lerf = road.ROADLeastRelevantFirstAverage()(x, grayscale, softmax_targets, model)
    combined = road.ROADCombined()(x, grayscale, softmax_targets, model)
    np.savez(os.path.join(FIXTURES, "faithfulness-expected.npz"),
             x=x.numpy(),
             targets=targets.numpy(),
             grayscale_cam=np.float32(grayscale),
             cam_mult_change=np.float32(change).reshape(IMAGES),
             road_morf=np.float32(morf).reshape(IMAGES),
             road_lerf=np.float32(lerf).reshape(IMAGES),
             road_combined=np.float32(combined).reshape(IMAGES))
    print("targets", targets.tolist(), "cam_mult_change", np.float32(change).reshape(-1),
          "road_morf", np.float32(morf).reshape(-1), "road_lerf", np.float32(lerf).reshape(-1),
          "road_combined", np.float32(combined).reshape(-1))


if __name__ == "__main__":
    main()
