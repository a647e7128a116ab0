#!/usr/bin/env python3
"""Export a PyTorch classifier as a Grad-CAM-ready TorchScript file.

The model is split at a named submodule (the Grad-CAM target layer) into two
parts and the result is saved as ONE TorchScript module that exports:

* ``features(x)``: input batch ``[N, 3, H, W]`` -> activations ``A`` of the
  target layer ``[N, K, h, w]``
* ``head(a)``: activations ``A`` -> pre-softmax logits ``[N, C]``
* ``forward(x)``: ``head(features(x))``

The split is generic: the model is traced with ``torch.fx`` (the target layer
kept as a leaf), ``features`` is the graph up to the layer's output and
``head`` is the rest of the graph with the layer's output replaced by an
input.  The saved file is reloaded and checked against the original model
before the export is reported as successful; on a mismatch the file is deleted
and an error is raised.

Usage::

    # torchvision architecture, seeded random weights
    /usr/bin/python3 scripts/export_torchscript.py \\
        --arch resnet18 --layer layer4 --output resnet18-layer4.pt

    # trained weights (a state_dict saved with torch.save)
    /usr/bin/python3 scripts/export_torchscript.py --arch resnet18 \\
        --weights resnet18.pth --layer layer4 --output resnet18-layer4.pt

    # custom model: MODULE:CALLABLE, importable (e.g. via PYTHONPATH),
    # called as CALLABLE(num_classes=N)
    PYTHONPATH=src/test/python /usr/bin/python3 scripts/export_torchscript.py \\
        --arch make_fixtures:DemoCNN --num-classes 3 --layer block4 \\
        --input-size 32 --output demo.pt

    # also dump the weights as numpy arrays, in state_dict order
    ... --save-npz weights.npz

Requires PyTorch and torchvision.  The module can also be imported; see
``build_model``, ``split_model``, ``export_split_model`` and
``save_state_dict_npz``.
"""

import argparse
import importlib
import os
import sys
import time
from typing import Optional, Sequence, Tuple

import numpy as np
import torch
from torch import Tensor, fx, nn

DEFAULT_ATOL = 1e-5


class SplitModel(nn.Module):
    """Scriptable wrapper exposing ``features``, ``head`` and ``forward``."""

    def __init__(self, feature_net: nn.Module, head_net: nn.Module):
        super().__init__()
        self.feature_net = feature_net
        self.head_net = head_net

    def forward(self, x: Tensor) -> Tensor:
        return self.head(self.features(x))

    @torch.jit.export
    def features(self, x: Tensor) -> Tensor:
        """Input batch [N,3,H,W] -> target-layer activations [N,K,h,w]."""
        return self.feature_net(x)

    @torch.jit.export
    def head(self, a: Tensor) -> Tensor:
        """Target-layer activations [N,K,h,w] -> pre-softmax logits [N,C]."""
        return self.head_net(a)


class _LeafTracer(fx.Tracer):
    """FX tracer that keeps the target layer as a single ``call_module`` node."""

    def __init__(self, leaf: str):
        super().__init__()
        self.leaf = leaf

    def is_leaf_module(self, m: nn.Module, module_qualified_name: str) -> bool:
        return (module_qualified_name == self.leaf
                or super().is_leaf_module(m, module_qualified_name))


def build_model(arch: str, num_classes: int = 1000,
                weights: Optional[str] = None, seed: int = 0) -> nn.Module:
    """Construct a model in eval mode.

    ``arch`` is a ``torchvision.models`` constructor name (``resnet18``) or a
    ``module:callable`` path; either is called with ``num_classes=``.
    Parameters are initialised after ``torch.manual_seed(seed)`` and then
    replaced by the state_dict in ``weights`` when given.
    """
    if ":" in arch:
        module_name, attr = arch.split(":", 1)
        constructor = getattr(importlib.import_module(module_name), attr)
    else:
        import torchvision
        constructor = getattr(torchvision.models, arch, None)
        if constructor is None or not callable(constructor):
            raise ValueError(f"unknown torchvision model: {arch!r}")
    torch.manual_seed(seed)
    model = constructor(num_classes=num_classes)
    if weights is not None:
        model.load_state_dict(torch.load(weights, map_location="cpu"))
    return model.eval()


def split_model(model: nn.Module, layer: str) -> Tuple[fx.GraphModule, fx.GraphModule]:
    """Split ``model`` at the output of submodule ``layer``.

    Returns ``(features, head)`` GraphModules with
    ``head(features(x)) == model(x)``.  The head must depend on the input only
    through the layer's output (no skip connection around the split point) and
    the layer must be called exactly once.
    """
    if not layer or layer not in dict(model.named_modules()):
        raise ValueError(f"model has no submodule named {layer!r}")
    traced = fx.GraphModule(model, _LeafTracer(layer).trace(model))
    calls = [n for n in traced.graph.nodes
             if n.op == "call_module" and n.target == layer]
    if len(calls) != 1:
        raise ValueError(f"submodule {layer!r} is called {len(calls)} times in "
                         "the traced forward; expected exactly once")
    layer_node = calls[0]

    # features: everything up to the layer, returning its output.
    graph, val_map, _ = _copy_graph(traced)
    graph.output(val_map[layer_node])
    features = _to_module(traced, graph)

    # head: the layer's output becomes the only input; what computed it dies.
    graph, val_map, result = _copy_graph(traced)
    graph.output(result)
    inputs = [n for n in graph.nodes if n.op == "placeholder"]
    with graph.inserting_before(inputs[0]):
        a = graph.placeholder("a")
    val_map[layer_node].replace_all_uses_with(a)
    graph.eliminate_dead_code()
    for node in inputs:
        if node.users:
            raise ValueError(f"the part of the model after {layer!r} uses the "
                             f"model input {node.name!r} other than through "
                             f"{layer!r}; choose another split layer")
        graph.erase_node(node)
    head = _to_module(traced, graph)
    return features, head


def _copy_graph(traced: fx.GraphModule):
    """Copy ``traced.graph`` (less its output node) into a fresh graph.

    Returns the graph, the old-node -> new-node map and the copied output value.
    """
    graph = fx.Graph(owning_module=traced)  # owner lets DCE inspect call_module
    val_map = {}
    result = graph.graph_copy(traced.graph, val_map)
    return graph, val_map, result


def _to_module(root: fx.GraphModule, graph: fx.Graph) -> fx.GraphModule:
    """Drop dead nodes and wrap ``graph``; only the still used submodules are copied."""
    graph.eliminate_dead_code()
    graph.lint()
    return fx.GraphModule(root, graph).eval()


def export_split_model(model: nn.Module, layer: str, output: str,
                       input_size: int = 224, seed: int = 0,
                       atol: float = DEFAULT_ATOL) -> torch.jit.ScriptModule:
    """Split, script and save ``model``; reload and verify it; return the reloaded module.

    Verification runs a seeded random batch ``[2, 3, input_size, input_size]``
    through the saved file and requires ``head(features(x))`` and
    ``forward(x)`` to match ``model(x)`` within ``atol`` (max abs diff) and
    ``features(x)`` to be 4-D.  On failure ``output`` is deleted and a
    ``RuntimeError`` is raised.
    """
    model.eval()
    features, head = split_model(model, layer)
    scripted = torch.jit.script(SplitModel(features, head).eval())
    parent = os.path.dirname(os.path.abspath(output))
    os.makedirs(parent, exist_ok=True)
    torch.jit.save(scripted, output)
    try:
        return _verify(model, output, input_size, seed, atol)
    except Exception:
        os.remove(output)
        raise


def _verify(model: nn.Module, path: str, input_size: int, seed: int,
            atol: float) -> torch.jit.ScriptModule:
    loaded = torch.jit.load(path, map_location="cpu").eval()
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(2, 3, input_size, input_size, generator=generator)
    with torch.no_grad():
        expected = model(x)
        activations = loaded.features(x)
        split_logits = loaded.head(activations)
        forward_logits = loaded(x)
    if activations.dim() != 4:
        raise RuntimeError(f"{path}: features(x) has shape {tuple(activations.shape)}, "
                           "expected [N, K, h, w]")
    for name, got in (("head(features(x))", split_logits), ("forward(x)", forward_logits)):
        if got.shape != expected.shape:
            raise RuntimeError(f"{path}: {name} has shape {tuple(got.shape)}, "
                               f"model(x) has {tuple(expected.shape)}")
        diff = (got - expected).abs().max().item()
        if not diff < atol:
            raise RuntimeError(f"{path}: {name} differs from model(x) by "
                               f"{diff:.3g} (max abs), tolerance {atol:g}")
    return loaded


def save_state_dict_npz(model: nn.Module, path: str) -> None:
    """Save the state_dict as ``numpy.savez`` arrays, keeping its order.

    Entries are named ``<index>_<state_dict key>`` with a zero-padded index
    (``000_conv1.weight``, ``001_conv1.bias``, ...) so that sorting the names
    restores the state_dict order.  ``num_batches_tracked`` buffers are skipped.
    """
    entries = [(k, v) for k, v in model.state_dict().items()
               if not k.endswith("num_batches_tracked")]
    width = max(3, len(str(len(entries) - 1)))
    arrays = {f"{i:0{width}d}_{k}": v.detach().cpu().numpy()
              for i, (k, v) in enumerate(entries)}
    np.savez(path, **arrays)


def _parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Export a model split at a layer as TorchScript with "
                    "features(x) and head(a) methods for Grad-CAM.")
    parser.add_argument("--arch", required=True,
                        help="torchvision.models constructor name (e.g. resnet18) "
                             "or module:callable of a custom model")
    parser.add_argument("--layer", required=True,
                        help="qualified name of the target submodule (e.g. layer4)")
    parser.add_argument("--weights",
                        help="state_dict file (torch.save); default: seeded random weights")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed for the random weights and the check input (default 0)")
    parser.add_argument("--num-classes", type=int, default=1000,
                        help="number of classes (default 1000)")
    parser.add_argument("--input-size", type=int, default=224,
                        help="side of the square check input (default 224)")
    parser.add_argument("--output", required=True, help="TorchScript file to write (.pt)")
    parser.add_argument("--save-npz", metavar="FILE.npz",
                        help="also save the state_dict as index-prefixed numpy arrays")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> None:
    args = _parse_args(argv)
    start = time.perf_counter()
    model = build_model(args.arch, args.num_classes, args.weights, args.seed)
    export_split_model(model, args.layer, args.output, args.input_size, args.seed)
    if args.save_npz:
        save_state_dict_npz(model, args.save_npz)
    print(f"wrote {args.output} ({os.path.getsize(args.output)} bytes, "
          f"{time.perf_counter() - start:.1f} s, verified)")


if __name__ == "__main__":
    sys.exit(main())
