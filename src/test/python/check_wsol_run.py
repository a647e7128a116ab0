"""MaxBoxAcc and MaxBoxAccV2 of a run's own maps by Choe et al.'s evaluation code, to compare with
the run's `localisation` table (`--localisation-protocol wsol`).

Feeds each explained image's raw map (exported by src/test/node/export-localisation-inputs.cjs)
through clovaai/wsolevaluation at commit 96f4b88679af41f005824661f47e6fe3628af2aa as their
CAMComputer does (float64, cv2.resize INTER_CUBIC to the model input, normalize_scoremap), with the
manifest's boxes of the explained class resized by their resize_bbox, into their BoxEvaluator.
For models whose preprocessing stretches the image to the input (their protocol); the demo's does.

    node src/test/node/export-localisation-inputs.cjs OUT RUN > maps.jsonl
    /usr/bin/python3 src/test/python/check_wsol_run.py --wsol-repo PATH --maps maps.jsonl \
        --manifest MANIFEST.jsonl --input 64
"""
import argparse
import json
import sys

import numpy as np

IOU_THRESHOLDS = [30, 50, 70]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wsol-repo", required=True)
    parser.add_argument("--maps", required=True)
    parser.add_argument("--manifest", required=True, help="JSON Lines manifest of the run")
    parser.add_argument("--input", type=int, required=True, help="model input side, pixels")
    args = parser.parse_args()
    sys.path.insert(0, args.wsol_repo)
    np.float = float  # their code predates NumPy 1.24
    np.int = int
    import cv2
    import evaluation
    import inference

    manifest = {}
    with open(args.manifest) as lines:
        for line in lines:
            record = json.loads(line)
            manifest[record["image_id"]] = record
    taus = list(np.arange(0, 1, 0.01))
    evaluators = {}
    for multi in (False, True):
        e = object.__new__(evaluation.BoxEvaluator)
        e.cam_threshold_list, e.iou_threshold_list = taus, IOU_THRESHOLDS
        e.multi_contour_eval, e.cnt, e.gt_bboxes = multi, 0, {}
        e.num_correct = {t: np.zeros(len(taus)) for t in IOU_THRESHOLDS}
        evaluators[multi] = e
    with open(args.maps) as lines:
        for line in lines:
            row = json.loads(line)
            record = manifest[row["image_id"]]
            boxes = [[b["x0"], b["y0"], b["x1"], b["y1"]] for b in record.get("boxes") or []
                     if (b.get("label") or record.get("label")) == row["target_class"]]
            if not boxes:
                continue
            cam = np.array(row["cam"], np.float64).reshape(row["map_height"], row["map_width"])
            size = (args.input, args.input)
            scoremap = inference.normalize_scoremap(
                cv2.resize(cam, size, interpolation=cv2.INTER_CUBIC))
            gt = [evaluation.resize_bbox(b, (row["image_width"], row["image_height"]), size)
                  for b in boxes]
            for e in evaluators.values():
                e.gt_bboxes[row["image_id"]] = gt
                e.accumulate(scoremap.copy(), row["image_id"])
    largest = evaluators[False].compute()
    anywhere = evaluators[True].compute()
    print(json.dumps({
        "images": evaluators[False].cnt,
        "max_box_acc": {str(t / 100): a / 100 for t, a in zip(IOU_THRESHOLDS, largest)},
        "max_box_acc_multi_contour": {str(t / 100): a / 100
                                      for t, a in zip(IOU_THRESHOLDS, anywhere)},
        "max_box_acc_v2": float(np.mean(anywhere)) / 100}, indent=1))


if __name__ == "__main__":
    main()
