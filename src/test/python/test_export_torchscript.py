#!/usr/bin/env python3
"""Tests of scripts/export_torchscript.py's command line: the head in model.json and its checks,
and the seeded head of a ViT exported without weights.  Small seeded models, a few seconds::

    /usr/bin/python3 -m unittest discover -s src/test/python -p 'test_*.py'
"""

import json
import os
import sys
import tempfile
import unittest

import torch
from torch import nn
from torchvision.models.vision_transformer import VisionTransformer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                "scripts"))

import export_torchscript  # noqa: E402

MODULE = os.path.splitext(os.path.basename(__file__))[0]


class TinyCnn(nn.Module):
    """conv -> ReLU -> global pooling -> linear; cut at ``conv``."""

    def __init__(self, num_classes: int):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.fc = nn.Linear(4, num_classes)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).mean(dim=(2, 3)))


def tiny_vit(num_classes: int) -> nn.Module:
    """torchvision's VisionTransformer, one layer: its head starts at zero."""
    return VisionTransformer(image_size=32, patch_size=16, num_layers=1, num_heads=1,
                             hidden_dim=8, mlp_dim=16, num_classes=num_classes)


class ExportHeadTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.output = os.path.join(self.dir.name, "model.pt")

    def tearDown(self):
        self.dir.cleanup()

    def export(self, *args: str) -> dict:
        export_torchscript.main(["--arch", f"{MODULE}:TinyCnn", "--layer", "conv",
                                 "--input-size", "8", "--output", self.output, "--model-json",
                                 *args])
        with open(os.path.join(self.dir.name, "model.json"), encoding="utf-8") as spec:
            return json.load(spec)

    def test_softmax_is_the_default(self):
        spec = self.export("--num-classes", "3")
        self.assertEqual(spec["head"], "softmax")
        self.assertEqual(spec["classes"], ["0", "1", "2"])

    def test_sigmoid_has_one_class_per_logit(self):
        spec = self.export("--num-classes", "4", "--head", "sigmoid")
        self.assertEqual(spec["head"], "sigmoid")
        self.assertEqual(len(spec["classes"]), 4)

    def test_binary_has_two_classes_for_one_logit(self):
        spec = self.export("--num-classes", "1", "--head", "binary")
        self.assertEqual(spec["head"], "binary")
        self.assertEqual(spec["classes"], ["0", "1"])

    def test_binary_with_named_classes(self):
        names = os.path.join(self.dir.name, "classes.txt")
        with open(names, "w", encoding="utf-8") as out:
            out.write("healthy\nlesion\n")
        spec = self.export("--num-classes", "1", "--head", "binary", "--classes", names)
        self.assertEqual(spec["classes"], ["healthy", "lesion"])

    def test_logits_that_do_not_fit_the_head_fail_and_leave_no_file(self):
        for args, message in ((["--num-classes", "3", "--head", "binary"], "binary head"),
                              (["--num-classes", "1"], "softmax is always 1")):
            with self.subTest(args=args):
                with self.assertRaisesRegex(RuntimeError, message):
                    self.export(*args)
                self.assertFalse(os.path.exists(self.output))

    def test_class_names_that_do_not_fit_the_head_fail(self):
        names = os.path.join(self.dir.name, "classes.txt")
        with open(names, "w", encoding="utf-8") as out:
            out.write("a\nb\nc\n")
        with self.assertRaisesRegex(RuntimeError, "lists 3 names.*binary head.*2 classes"):
            self.export("--num-classes", "1", "--head", "binary", "--classes", names)
        self.assertFalse(os.path.exists(self.output))


class SeededWeightsTest(unittest.TestCase):

    def test_a_vit_head_left_at_zero_is_drawn(self):
        self.assertFalse(tiny_vit(3).heads.head.weight.any())
        model = export_torchscript.build_model(f"{MODULE}:tiny_vit", 3, seed=0)
        self.assertTrue(model.heads.head.weight.any())
        again = export_torchscript.build_model(f"{MODULE}:tiny_vit", 3, seed=0)
        self.assertTrue(torch.equal(model.heads.head.weight, again.heads.head.weight))

    def test_other_weights_are_torchvision_s(self):
        torch.manual_seed(0)
        expected = tiny_vit(3).state_dict()
        got = export_torchscript.build_model(f"{MODULE}:tiny_vit", 3, seed=0).state_dict()
        for key, value in expected.items():
            if key != "heads.head.weight":
                self.assertTrue(torch.equal(value, got[key]), key)


if __name__ == "__main__":
    unittest.main()


class ClassTokenHeadTest(unittest.TestCase):
    """A ViT cut at its last block's ln_1 exports the class-token-only head, which gives the
    traced head's logits and gradient at the cut."""

    def test_same_logits_and_gradient_as_the_traced_head(self):
        torch.manual_seed(3)
        vit = VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=2,
                                hidden_dim=16, mlp_dim=32, num_classes=5).eval()
        export_torchscript._draw_zero_linear_weights(vit)
        layer = "encoder.layers.encoder_layer_1.ln_1"
        features, traced, contexts = export_torchscript.split_model(vit, layer)
        fast = export_torchscript.class_token_head(vit, layer, contexts)
        self.assertIsInstance(fast, export_torchscript.ViTClassTokenHead)
        self.assertIsNone(export_torchscript.class_token_head(
            vit, "encoder.layers.encoder_layer_0.ln_1", contexts), "not the last block")
        x = torch.randn(3, 3, 32, 32)
        with torch.no_grad():
            outputs = features(x)
        a, context = outputs[0], list(outputs[1:])
        gradients = []
        for head in (traced, fast):
            leaf = a.detach().clone().requires_grad_(True)
            logits = head(leaf, context)
            self.assertTrue(torch.allclose(logits, vit(x), atol=1e-5))
            logits[:, 2].sum().backward()
            gradients.append(leaf.grad)
        self.assertGreater(gradients[0][:, 1:].abs().max().item(), 0, "patch tokens reached")
        self.assertTrue(torch.allclose(gradients[0], gradients[1], atol=1e-6))

    @staticmethod
    def export(*options):
        with tempfile.TemporaryDirectory() as directory:
            output = os.path.join(directory, "vit.pt")
            export_torchscript.main([
                "--arch", f"{MODULE}:tiny_vit_two_layers", "--layer",
                "encoder.layers.encoder_layer_1.ln_1", "--input-size", "32", "--num-classes",
                "3", "--output", output, *options])
            return torch.jit.load(output)

    def test_the_export_uses_it_and_verifies_it(self):
        module = self.export("--no-freeze")
        self.assertIn("ViTClassTokenHead", str(module.head_net.original_name))

    def test_a_frozen_export_keeps_the_head_s_gradient(self):
        # The export checks the head's gradient at the layer against the model's.
        self.assertEqual([], list(self.export().parameters()), "weights inlined")


class OptimisedExportTest(unittest.TestCase):
    """The default export freezes the graph, folds batch norm and runs a CNN channels-last."""

    def export(self, directory, *options):
        output = os.path.join(directory, "cnn.pt")
        export_torchscript.main([
            "--arch", f"{MODULE}:TinyBatchNormCnn", "--layer", "block", "--input-size", "16",
            "--num-classes", "3", "--output", output, *options])
        return torch.jit.load(output).eval()

    def test_batch_norm_is_folded_and_the_features_run_channels_last(self):
        with tempfile.TemporaryDirectory() as directory:
            frozen = self.export(directory)
            plain = self.export(directory, "--no-freeze", "--memory-format", "contiguous")
        self.assertNotIn("aten::batch_norm", str(frozen.features.inlined_graph))
        self.assertIn("aten::batch_norm", str(plain.features.inlined_graph))
        x = torch.randn(2, 3, 16, 16, generator=torch.Generator().manual_seed(1))
        with torch.no_grad():
            a, b = frozen.features(x), plain.features(x)
        self.assertTrue(a.is_contiguous(), "the layer's output is handed out contiguous")
        self.assertLess((a - b).abs().max().item(), 1e-5)
        gradients = []
        for module in (frozen, plain):
            leaf = b.clone().requires_grad_(True)
            module.head(leaf)[:, 1].sum().backward()
            gradients.append(leaf.grad)
        self.assertTrue(torch.allclose(gradients[0], gradients[1], atol=1e-6))

    def test_auto_is_channels_last_for_maps_and_contiguous_for_tokens(self):
        for model, layer, size, want in (
                (TinyBatchNormCnn(3), "block", 16, True),
                (tiny_vit_two_layers(3), "encoder.layers.encoder_layer_1.ln_1", 32, False)):
            features, _, contexts = export_torchscript.split_model(model.eval(), layer)
            self.assertEqual(want, export_torchscript._channels_last(
                "auto", features, contexts, size, "auto"), layer)

    def test_lower_precisions_are_methods_of_their_own(self):
        with tempfile.TemporaryDirectory() as directory:
            module = self.export(directory, "--precisions", "fp32,bf16")
        self.assertIn("features_bf16", module._c._method_names())
        self.assertNotIn("features_fp16", module._c._method_names())
        self.assertNotIn("aten::batch_norm", str(module.features_bf16.inlined_graph))
        x = torch.randn(2, 3, 16, 16, generator=torch.Generator().manual_seed(2))
        with torch.no_grad():
            a, low = module.features(x), module.features_bf16(x)
        self.assertEqual(torch.float32, low.dtype, "float32 out")
        self.assertTrue(low.is_contiguous())
        self.assertLess((a - low).abs().max().item(), 0.05 * a.abs().max().item())
        self.assertGreater((a - low).abs().max().item(), 0, "computed in bfloat16")

    def test_an_unknown_precision_is_refused(self):
        with tempfile.TemporaryDirectory() as directory:
            with self.assertRaisesRegex(ValueError, "int8"):
                self.export(directory, "--precisions", "fp32,int8")

    def test_the_memory_format_can_be_chosen(self):
        with tempfile.TemporaryDirectory() as directory:
            last = self.export(directory, "--no-freeze", "--memory-format", "channels-last")
            plain = self.export(directory, "--no-freeze", "--memory-format", "contiguous")
        self.assertIn("ChannelsLastFeatures", str(last.feature_net.original_name))
        self.assertNotIn("ChannelsLastFeatures", str(plain.feature_net.original_name))


class TinyBatchNormCnn(nn.Module):
    """conv -> batch norm -> ReLU (``block``) -> global pooling -> linear."""

    def __init__(self, num_classes: int):
        super().__init__()
        self.block = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())
        self.fc = nn.Linear(8, num_classes)
        with torch.no_grad():
            self.block[1].running_mean.uniform_(-0.5, 0.5)
            self.block[1].running_var.uniform_(0.5, 2.0)

    def forward(self, x):
        return self.fc(self.block(x).mean(dim=(2, 3)))


def tiny_vit_two_layers(num_classes: int) -> nn.Module:
    """torchvision's VisionTransformer, two layers, four patches."""
    return VisionTransformer(image_size=32, patch_size=16, num_layers=2, num_heads=2,
                             hidden_dim=8, mlp_dim=16, num_classes=num_classes)
