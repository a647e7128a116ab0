"""Fixtures pinning the job's `wsol` localisation protocol to Choe et al.'s own evaluation code.

Runs the authors' functions (clovaai/wsolevaluation at commit 96f4b88679af41f005824661f47e6fe3628af2aa:
inference.normalize_scoremap, evaluation.compute_bboxes_from_scoremaps, calculate_multiple_iou,
resize_bbox and BoxEvaluator.accumulate/compute) on hand-made maps: a ring (a region with a hole),
touching regions, a flat top, regions and boxes on the image border, a constant map and seeded
smooth maps. Their repository is not committed here; check it out at that commit and pass its path:

    /usr/bin/python3 src/test/python/make_wsol_fixtures.py --wsol-repo PATH \
        > src/test/resources/fixtures/wsol-protocol.json

Needs NumPy, OpenCV's Python bindings (Debian: python3-opencv) and what their modules import
(python3-torch, python3-torchvision, python3-munch).
"""
import argparse
import json
import subprocess
import sys

import numpy as np

COMMIT = "96f4b88679af41f005824661f47e6fe3628af2aa"
INPUT = 224
IOU_THRESHOLDS = [30, 50, 70]
INTERVAL = 0.01


def hand_made_maps():
    """(name, map at feature resolution, original width, height, ground-truth boxes) tuples."""
    cases = []
    ring = np.zeros((14, 14), np.float32)
    ring[3:11, 3:11] = 1.0
    ring[5:9, 5:9] = 0.1
    cases.append(("ring", ring, 448, 336, [[90.0, 70.0, 360.0, 270.0]]))
    # The object is the ring's hole: only the hole's contour (RETR_TREE) finds it.
    cases.append(("ring-hole-object", ring, 448, 336, [[160.0, 120.0, 288.0, 216.0]]))
    touching = np.zeros((14, 14), np.float32)
    touching[2:6, 2:6] = 0.9
    touching[6:10, 6:10] = 1.0
    touching[2:5, 9:12] = 0.6
    cases.append(("touching", touching, 224, 224, [[40.0, 40.0, 100.0, 100.0],
                                                    [100.0, 100.0, 170.0, 170.0]]))
    flat = np.zeros((7, 7), np.float32)
    flat[1:6, 2:5] = 0.5
    flat[2:5, 2:5] = 0.5
    cases.append(("flat-top", flat, 500, 375, [[140.0, 50.0, 360.0, 320.0]]))
    border = np.zeros((7, 7), np.float32)
    border[0:3, 0:7] = 1.0
    border[4:7, 5:7] = 0.7
    cases.append(("border", border, 640, 480, [[0.0, 0.0, 640.0, 200.0],
                                                [500.0, 300.0, 640.0, 480.0]]))
    cases.append(("constant", np.full((7, 7), 0.3, np.float32), 300, 300,
                  [[10.0, 10.0, 200.0, 200.0]]))
    rng = np.random.default_rng(29112026)
    for i in range(6):
        size = (7, 14, 16)[i % 3]
        noise = rng.random((size, size)).astype(np.float32)
        smooth = noise.copy()
        for _ in range(2):
            smooth[1:-1, 1:-1] = (smooth[1:-1, 1:-1] + smooth[:-2, 1:-1] + smooth[2:, 1:-1]
                                  + smooth[1:-1, :-2] + smooth[1:-1, 2:]) / 5
        smooth = np.maximum(smooth - 0.4, 0).astype(np.float32)
        w, h = int(rng.integers(200, 800)), int(rng.integers(200, 800))
        x0, y0 = float(rng.uniform(0, w / 2)), float(rng.uniform(0, h / 2))
        box = [x0, y0, float(rng.uniform(x0 + 10, w)), float(rng.uniform(y0 + 10, h))]
        cases.append(("smooth-%d" % i, smooth, w, h, [box]))
    return cases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wsol-repo", required=True)
    args = parser.parse_args()
    head = subprocess.run(["git", "-C", args.wsol_repo, "rev-parse", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    if head and head != COMMIT:
        sys.exit("wsolevaluation is at %s, expected %s" % (head, COMMIT))
    sys.path.insert(0, args.wsol_repo)
    # Their code predates NumPy 1.24, which removed these aliases of the builtins.
    np.float = float
    np.int = int
    import cv2
    import evaluation
    import inference

    taus = list(np.arange(0, 1, INTERVAL))
    evaluators = {}
    for multi in (False, True):
        e = object.__new__(evaluation.BoxEvaluator)
        e.cam_threshold_list = taus
        e.iou_threshold_list = IOU_THRESHOLDS
        e.multi_contour_eval = multi
        e.cnt = 0
        e.num_correct = {t: np.zeros(len(taus)) for t in IOU_THRESHOLDS}
        e.gt_bboxes = {}
        evaluators[multi] = e
    images = []
    for name, cam, width, height, boxes in hand_made_maps():
        # As CAMComputer.compute_and_evaluate_cams: t2n makes the map float64, then resize.
        resized = cv2.resize(cam.astype(np.float64), (INPUT, INPUT),
                             interpolation=cv2.INTER_CUBIC)
        normalized = inference.normalize_scoremap(resized)
        gt = [evaluation.resize_bbox(b, (width, height), (INPUT, INPUT)) for b in boxes]
        traces = {}
        for multi, e in evaluators.items():
            e.gt_bboxes[name] = gt
            e.accumulate(normalized.copy(), name)
            found, counts = evaluation.compute_bboxes_from_scoremaps(
                normalized.copy(), taus, multi_contour_eval=multi)
            ious = evaluation.calculate_multiple_iou(np.concatenate(found, axis=0),
                                                     np.array(gt)).max(1)
            per_tau, idx = [], 0
            for n in counts:
                per_tau.append(float(max(ious[idx:idx + n])))
                idx += n
            traces[multi] = per_tau
        images.append({
            "name": name, "map_height": cam.shape[0], "map_width": cam.shape[1],
            "cam": [float(v) for v in cam.reshape(-1)],
            "image_width": width, "image_height": height, "boxes": boxes,
            "input_boxes": [list(b) for b in gt],
            "iou_largest": traces[False], "iou_any": traces[True]})
    largest = evaluators[False].compute()
    anywhere = evaluators[True].compute()
    json.dump({
        "source": "clovaai/wsolevaluation@" + COMMIT + " evaluation.py, inference.py",
        "opencv": cv2.__version__, "input": INPUT, "images": images,
        "max_box_acc": {str(t): a / 100 for t, a in zip(IOU_THRESHOLDS, largest)},
        "max_box_acc_v2": float(np.mean(anywhere)) / 100,
    }, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
