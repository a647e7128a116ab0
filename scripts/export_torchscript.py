#!/usr/bin/env python3
"""Export a PyTorch classifier as a Grad-CAM-ready TorchScript file.

The model is split at a named submodule (the Grad-CAM target layer) into two
parts and the result is saved as ONE TorchScript module that exports:

* ``features(x)``: input batch ``[N, 3, H, W]`` -> activations ``A`` of the
  target layer ``[N, K, h, w]`` (a CNN), ``[N, T, D]`` tokens (ViT) or
  ``[N, H, W, C]`` (Swin)
* ``head(a)``: activations ``A`` -> pre-softmax logits ``[N, C]``
* ``forward(x)``: ``head(features(x))``

When the rest of the network also needs a value computed before the layer (the
residual input of a transformer block cut at its first LayerNorm, as
pytorch-grad-cam does for ViT), that value is passed along as *context*:
``features(x)`` returns the list ``[A, c1, ...]`` and ``head(a, context)`` takes
the context list; no gradient is asked of the context.

With ``--model-json`` a ``model.json`` is written beside the file, with the
``tokens`` entry that tells the Java side how to turn the layer's output into
``K`` maps of ``h x w`` (see docs/models.md).

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

    # a multi-label (sigmoid) or single-logit binary head, named in model.json
    ... --num-classes 20 --head sigmoid --model-json
    ... --num-classes 1 --head binary --classes negative-positive.txt --model-json

    # vision transformers, with a model.json holding the tokens entry
    /usr/bin/python3 scripts/export_torchscript.py --arch vit_b_16 \\
        --layer encoder.layers.encoder_layer_11.ln_1 --output vit/vit_b_16.pt --model-json
    /usr/bin/python3 scripts/export_torchscript.py --arch swin_t \\
        --layer norm --output swin/swin_t.pt --model-json

Requires PyTorch and torchvision.  The module can also be imported; see
``build_model``, ``split_model``, ``export_split_model`` and
``save_state_dict_npz``.
"""

import argparse
import contextlib
import copy
import dis
import importlib
import inspect
import json
import math
import operator
import os
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torch import Tensor, fx, nn
from torch.fx.experimental import optimization as fx_optimization

DEFAULT_ATOL = 1e-5

# model.json "head" values and the logits per image each expects of a model of C classes.
HEADS = ("softmax", "sigmoid", "binary")

# Memory formats of the exported ``features`` (see ``export_split_model``).
MEMORY_FORMATS = ("auto", "channels-last", "contiguous")

# Precisions ``features`` can be exported in: ``fp32`` is ``features`` itself, each other one a
# method ``features_<precision>`` (see ``export_split_model``).
PRECISIONS = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}


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


class SplitModelWithContext(nn.Module):
    """Like ``SplitModel`` for a head that also needs values from before the layer.

    ``features(x)`` returns ``[A, c1, ...]``; ``head(a, context)`` takes the
    activations and the context list ``[c1, ...]``.
    """

    def __init__(self, feature_net: nn.Module, head_net: nn.Module):
        super().__init__()
        self.feature_net = feature_net
        self.head_net = head_net

    def forward(self, x: Tensor) -> Tensor:
        outputs = self.features(x)
        return self.head(outputs[0], outputs[1:])

    @torch.jit.export
    def features(self, x: Tensor) -> List[Tensor]:
        """Input batch [N,3,H,W] -> [target-layer activations, context...]."""
        return self.feature_net(x)

    @torch.jit.export
    def head(self, a: Tensor, context: List[Tensor]) -> Tensor:
        """Target-layer activations and the context -> pre-softmax logits [N,C]."""
        return self.head_net(a, context)


class ChannelsLastFeatures(nn.Module):
    """``features`` that runs its convolutions in channels-last memory format.

    The input is copied to channels-last on entry and the layer's output back
    to the contiguous layout on exit, so callers see the usual ``[N, K, h, w]``
    tensors; the module's own 4-D weights are converted by the caller.
    """

    def __init__(self, feature_net: nn.Module):
        super().__init__()
        self.feature_net = feature_net

    def forward(self, x: Tensor) -> Tensor:
        return self.feature_net(x.contiguous(memory_format=torch.channels_last)).contiguous()


class LowPrecisionFeatures(nn.Module):
    """``features`` whose weights and arithmetic are in ``dtype``; float32 in and out."""

    dtype: torch.dtype

    def __init__(self, feature_net: nn.Module, dtype: torch.dtype):
        super().__init__()
        self.feature_net = feature_net.to(dtype)
        self.dtype = dtype

    def forward(self, x: Tensor) -> Tensor:
        return self.feature_net(x.to(self.dtype)).float()


class LowPrecisionContextFeatures(nn.Module):
    """``LowPrecisionFeatures`` for ``features`` that return ``[A, context...]``."""

    dtype: torch.dtype

    def __init__(self, feature_net: nn.Module, dtype: torch.dtype):
        super().__init__()
        self.feature_net = feature_net.to(dtype)
        self.dtype = dtype

    def forward(self, x: Tensor) -> List[Tensor]:
        return [t.float() for t in self.feature_net(x.to(self.dtype))]


def _features_bf16(self, x: Tensor) -> Tensor:
    """Input batch [N,3,H,W] (float32) -> the layer's activations, computed in bfloat16."""
    return self.feature_net_bf16(x)


def _features_fp16(self, x: Tensor) -> Tensor:
    """Input batch [N,3,H,W] (float32) -> the layer's activations, computed in float16."""
    return self.feature_net_fp16(x)


def _context_features_bf16(self, x: Tensor) -> List[Tensor]:
    """``features`` with context, computed in bfloat16."""
    return self.feature_net_bf16(x)


def _context_features_fp16(self, x: Tensor) -> List[Tensor]:
    """``features`` with context, computed in float16."""
    return self.feature_net_fp16(x)


_PRECISION_METHODS = {
    (False, "bf16"): _features_bf16, (False, "fp16"): _features_fp16,
    (True, "bf16"): _context_features_bf16, (True, "fp16"): _context_features_fp16,
}


class _LeafTracer(fx.Tracer):
    """FX tracer that keeps the target layer as a single ``call_module`` node.

    ``nn.MultiheadAttention`` (ViT) is kept whole too: its forward has Python
    control flow that cannot be traced, but the module itself scripts.
    """

    def __init__(self, leaf: str):
        super().__init__()
        self.leaf = leaf

    def is_leaf_module(self, m: nn.Module, module_qualified_name: str) -> bool:
        return (module_qualified_name == self.leaf
                or isinstance(m, nn.MultiheadAttention)
                or super().is_leaf_module(m, module_qualified_name))

    def trace(self, root, concrete_args=None):
        with _unpackable_proxies():
            return super().trace(root, concrete_args)


def _proxy_iter(proxy: fx.Proxy):
    """``fx.Proxy.__iter__`` that finds the unpacking instruction by its byte offset.

    torch 1.13 looks the instruction up by index (``f_lasti // 2``), which is
    wrong on Python 3.11 (inline caches), so ``n, c, h, w = x.shape`` (ViT) and
    ``x, _ = self.self_attention(...)`` fail to trace there.
    """
    frame = inspect.currentframe().f_back
    for inst in dis.get_instructions(frame.f_code):
        if inst.offset == frame.f_lasti:
            if inst.opname == "UNPACK_SEQUENCE":
                return (proxy[i] for i in range(inst.argval))
            break
    return proxy.tracer.iter(proxy)


@contextlib.contextmanager
def _unpackable_proxies():
    original = fx.Proxy.__iter__
    fx.Proxy.__iter__ = _proxy_iter
    try:
        yield
    finally:
        fx.Proxy.__iter__ = original


def build_model(arch: str, num_classes: int = 1000,
                weights: Optional[str] = None, seed: int = 0) -> nn.Module:
    """Construct a model in eval mode.

    ``arch`` is a ``torchvision.models`` constructor name (``resnet18``) or a
    ``module:callable`` path; either is called with ``num_classes=``.
    Parameters are initialised after ``torch.manual_seed(seed)`` and then
    replaced by the state_dict in ``weights`` when given.  Without ``weights``, a
    linear layer whose weight starts at zero (torchvision's ViT head) is drawn from
    N(0, 0.02) with the same seed, so that the logits depend on the input and the
    gradient checks and benchmarks see a working head.
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
    else:
        _draw_zero_linear_weights(model)
    return model.eval()


def _draw_zero_linear_weights(model: nn.Module) -> None:
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Linear) and not module.weight.any():
                module.weight.normal_(0.0, 0.02)


def split_model(model: nn.Module, layer: str) -> Tuple[fx.GraphModule, fx.GraphModule, int]:
    """Split ``model`` at the output of submodule ``layer``.

    Returns ``(features, head, contexts)``.  With ``contexts == 0``,
    ``head(features(x)) == model(x)``: the head depends on the input only
    through the layer's output.  Otherwise the head also needs ``contexts``
    values computed before the layer (a skip connection around the cut):
    ``features(x)`` returns ``[A, c1, ...]`` and ``head(A, [c1, ...]) ==
    model(x)``.  The layer must be called exactly once.
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

    # head: the layer's output becomes an input; what computed it dies.
    graph, val_map, result = _copy_graph(traced)
    graph.output(result)
    inputs = [n for n in graph.nodes if n.op == "placeholder"]
    with graph.inserting_before(inputs[0]):
        a = graph.placeholder("a")
    val_map[layer_node].replace_all_uses_with(a)
    _keep_only_what_output_needs(graph)
    contexts = _context_nodes(graph, a, inputs)
    if contexts:
        with graph.inserting_after(a):
            context = graph.placeholder("context", type_expr=List[Tensor])
        new_nodes = []
        for i, node in enumerate(contexts):
            with graph.inserting_after(context if not new_nodes else new_nodes[-1]):
                item = graph.call_function(operator.getitem, (context, i))
            new_nodes.append(item)
            for user in list(node.users):
                if user in _descendants(a):
                    user.replace_input_with(node, item)
        _keep_only_what_output_needs(graph)
    for node in inputs:
        if node.users:
            raise ValueError(f"the part of the model after {layer!r} needs the "
                             f"model input {node.name!r} other than through "
                             f"{layer!r}; choose another split layer")
        graph.erase_node(node)
    head = _to_module(traced, graph)

    # features: everything up to the layer, returning its output (and the context).
    graph, val_map, _ = _copy_graph(traced)
    copied = {old.name: new for old, new in val_map.items()}
    if contexts:
        graph.output([val_map[layer_node]] + [copied[n.name] for n in contexts],
                     type_expr=List[Tensor])
    else:
        graph.output(val_map[layer_node])
    features = _to_module(traced, graph)
    return features, head, len(contexts)


class ViTClassTokenHead(nn.Module):
    """torchvision's ``VisionTransformer`` after its last block's ``ln_1``, class token only.

    With class-token pooling only the class token's row of the last block reaches the
    logits, so this head computes attention for that one query (keys and values still
    come from every token, so every patch token gets its gradient), then the residual,
    ``ln_2``, the MLP, the encoder's final norm and the classifier for that row alone:
    the same logits and the same gradient at the cut as the traced head, at about a
    quarter of its cost (docs/torchscript.md).  ``context[0]`` is the block's input.
    """

    def __init__(self, vit: nn.Module):
        super().__init__()
        block = vit.encoder.layers[-1]
        self.attention = block.self_attention
        self.dropout = block.dropout
        self.ln_2 = block.ln_2
        self.mlp = block.mlp
        self.ln = vit.encoder.ln
        self.heads = vit.heads

    def forward(self, a: Tensor, context: List[Tensor]) -> Tensor:
        query = a[:, :1]
        attended, _ = self.attention(query, a, a, need_weights=False)
        x = context[0][:, :1] + self.dropout(attended)
        x = x + self.mlp(self.ln_2(x))
        return self.heads(self.ln(x)[:, 0])


def class_token_head(model: nn.Module, layer: str, contexts: int) -> Optional[nn.Module]:
    """A :class:`ViTClassTokenHead` when ``model`` is a torchvision ViT with class-token
    pooling cut at its last block's ``ln_1`` (one context: the block's input); else None."""
    try:
        from torchvision.models.vision_transformer import VisionTransformer
    except ImportError:
        return None
    if not isinstance(model, VisionTransformer) or getattr(model, "classifier", "token") != "token":
        return None
    last = len(model.encoder.layers) - 1
    if layer != f"encoder.layers.encoder_layer_{last}.ln_1" or contexts != 1:
        return None
    return ViTClassTokenHead(model).eval()


def _descendants(node: fx.Node) -> set:
    seen, todo = set(), [node]
    while todo:
        for user in todo.pop().users:
            if user not in seen:
                seen.add(user)
                todo.append(user)
    return seen


def _context_nodes(graph: fx.Graph, a: fx.Node, inputs: List[fx.Node]) -> List[fx.Node]:
    """Values computed from the model input alone that a node fed by ``a`` uses."""
    after_cut = _descendants(a)
    from_input = set(inputs)
    for node in inputs:
        from_input |= _descendants(node)
    return [n for n in graph.nodes
            if n in from_input and n not in after_cut
            and any(u in after_cut for u in n.users)]


def _keep_only_what_output_needs(graph: fx.Graph) -> None:
    """Erase nodes the output does not depend on, side effects included.

    The shape assertions of the part before the cut (ViT checks the input
    size) would otherwise keep the model input alive in the head.
    """
    output = next(n for n in graph.nodes if n.op == "output")
    needed, todo = {output}, [output]
    while todo:
        for node in todo.pop().all_input_nodes:
            if node not in needed:
                needed.add(node)
                todo.append(node)
    for node in reversed(list(graph.nodes)):
        if node not in needed and node.op != "placeholder":
            graph.erase_node(node)


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
                       atol: float = DEFAULT_ATOL,
                       tokens: str = "auto", head: str = "softmax",
                       classes: Optional[Sequence[str]] = None,
                       freeze: bool = True,
                       memory_format: str = "auto",
                       precisions: Sequence[str] = ("fp32",)) -> torch.jit.ScriptModule:
    """Split, script and save ``model``; reload and verify it; return the reloaded module.

    Verification runs a seeded random batch ``[2, 3, input_size, input_size]``
    through the saved file and requires ``head(features(x))`` and
    ``forward(x)`` to match ``model(x)`` within ``atol`` (max abs diff), the
    logits to fit ``head`` and ``classes`` (see ``check_head``), the layer's
    output to fit ``tokens`` (see ``tokens_entry``) and, for a token sequence,
    the gradient of the top logit (a binary head's one logit) to reach the
    patch tokens.  It also requires the gradient of each image's top logit at
    the layer (what Grad-CAM weighs the maps with) to match the model's within
    ``atol`` times its largest magnitude.  On failure ``output`` is deleted and
    a ``RuntimeError`` is raised.

    ``freeze`` folds the model into a frozen graph (``torch.jit.freeze``, which
    inlines the weights and folds batch norm into the convolutions before it)
    with ``features`` and ``head`` kept; the head's graph still takes gradients
    with respect to its input.  ``memory_format`` is ``channels-last``
    (``ChannelsLastFeatures``), ``contiguous`` or ``auto``: channels-last for a
    layer whose output is ``[N, K, h, w]`` maps (a CNN), contiguous for tokens.
    Each of ``precisions`` other than ``fp32`` adds a method
    ``features_<precision>`` (``features_bf16``, ``features_fp16``): the same
    features with their weights and arithmetic in that type (batch norm folded
    into the convolutions first, where the features trace), float32 in and out;
    ``head`` stays float32 for the gradient.
    """
    model.eval()
    features, head_net, contexts = split_model(model, layer)
    head_net = class_token_head(model, layer, contexts) or head_net
    lower = [p for p in dict.fromkeys(precisions) if p != "fp32"]
    unknown = [p for p in lower if p not in PRECISIONS]
    if unknown:
        raise ValueError(f"unknown precision(s) {unknown}, expected some of {list(PRECISIONS)}")
    channels_last = _channels_last(memory_format, features, contexts, input_size, tokens)
    split = _with_precision_methods(SplitModelWithContext if contexts else SplitModel, lower)
    wrapper = split(_laid_out(features, channels_last), head_net)
    for precision in lower:
        low = _low_precision(features, PRECISIONS[precision], contexts)
        setattr(wrapper, f"feature_net_{precision}", _laid_out(low, channels_last))
    scripted = torch.jit.script(wrapper.eval())
    if freeze:
        methods = ["features", "head"] + [f"features_{p}" for p in lower]
        scripted = torch.jit.freeze(scripted, preserved_attrs=methods)
    parent = os.path.dirname(os.path.abspath(output))
    os.makedirs(parent, exist_ok=True)
    torch.jit.save(scripted, output)
    try:
        loaded = _verify(model, head_net, layer, output, input_size, seed, atol, tokens,
                         head, classes)
        for precision in lower:
            _check_precision(loaded, model, precision, input_size, seed)
        return loaded
    except Exception:
        os.remove(output)
        raise


def _with_precision_methods(split: type, precisions: Sequence[str]) -> type:
    """``split`` (``SplitModel`` or ``SplitModelWithContext``) with ``features_<precision>``."""
    if not precisions:
        return split
    contexts = split is SplitModelWithContext
    methods = {f"features_{p}": torch.jit.export(_PRECISION_METHODS[(contexts, p)])
               for p in precisions}
    return type(split.__name__ + "".join(p.capitalize() for p in precisions), (split,), methods)


def _laid_out(features: nn.Module, channels_last: bool) -> nn.Module:
    """``features`` as is, or running channels-last (``ChannelsLastFeatures``)."""
    if not channels_last:
        return features
    return ChannelsLastFeatures(copy.deepcopy(features)).to(memory_format=torch.channels_last)


def _low_precision(features: nn.Module, dtype: torch.dtype, contexts: int) -> nn.Module:
    """A copy of ``features`` in ``dtype``, batch norm folded first where it traces.

    Folding first keeps ``torch.jit.freeze`` from folding in half precision, which
    PyTorch cannot do on a CPU.
    """
    net = copy.deepcopy(features)
    try:
        net = fx_optimization.fuse(fx.symbolic_trace(net))
    except Exception:  # noqa: BLE001 - untraceable (ViT's attention): nothing to fold there
        pass
    return (LowPrecisionContextFeatures if contexts else LowPrecisionFeatures)(net, dtype)


def _check_precision(loaded, model: nn.Module, precision: str, input_size: int,
                     seed: int) -> None:
    """``head(features_<precision>(x))`` is near ``model(x)``: prints the largest difference.

    Fails when it is above a tenth of the largest logit (a wrong wiring, not rounding); a
    PyTorch that cannot run the type on this CPU (float16 convolutions) is reported, not checked.
    """
    x = torch.randn(2, 3, input_size, input_size, generator=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        expected = model(x)
        try:
            activations, context = run_split(loaded, x, f"features_{precision}")
        except RuntimeError as e:
            cause = [line for line in str(e).splitlines() if "not implemented for" in line]
            if not cause:
                raise
            print(f"features_{precision}: not checked, this PyTorch cannot run it on the CPU "
                  f"({cause[0].strip()})")
            return
        logits = run_head(loaded, activations, context)
    diff = (logits - expected).abs().max().item()
    scale = expected.abs().max().item()
    print(f"features_{precision}: logits within {diff:.3g} of float32's (largest {scale:.3g})")
    if not diff <= 0.1 * scale:
        raise RuntimeError(f"features_{precision}: logits differ from the model's by {diff:.3g} "
                           f"(largest logit {scale:.3g})")


def _channels_last(memory_format: str, features: nn.Module, contexts: int, input_size: int,
                   tokens: str) -> bool:
    """Whether ``memory_format`` asks for channels-last ``features`` (see ``export_split_model``)."""
    if memory_format not in MEMORY_FORMATS:
        raise ValueError(f"memory_format must be one of {MEMORY_FORMATS}, got {memory_format!r}")
    if memory_format != "auto":
        if memory_format == "channels-last" and contexts:
            raise ValueError("channels-last needs a layer whose head takes its output alone")
        return memory_format == "channels-last"
    if contexts:
        return False
    with torch.no_grad():
        shape = features(torch.zeros(1, 3, input_size, input_size)).shape
    try:
        return len(shape) == 4 and tokens_entry(shape, tokens) is None
    except RuntimeError:
        return False  # an undecided layout: _verify says what to pass


def run_split(module, x: Tensor, method: str = "features") -> Tuple[Tensor, List[Tensor]]:
    """``features(x)`` (or another features ``method``) of an exported module as ``(A, context)``."""
    out = getattr(module, method)(x)
    return (out[0], list(out[1:])) if isinstance(out, (list, tuple)) else (out, [])


def run_head(module, a: Tensor, context: List[Tensor]) -> Tensor:
    """``head`` of an exported module, with the context when it takes one."""
    return module.head(a, context) if context else module.head(a)


def check_head(logits: int, head: str, classes: Optional[Sequence[str]] = None) -> None:
    """Raises unless ``logits`` per image (and ``classes``, when given) fit ``head``.

    ``softmax`` and ``sigmoid`` have one logit per class (softmax at least two:
    over one logit it is always 1); ``binary`` has one logit for two classes,
    negative then positive (see docs/models.md).
    """
    if head not in HEADS:
        raise ValueError(f"unknown head {head!r}, expected one of {list(HEADS)}")
    if head == "binary" and logits != 1:
        raise RuntimeError(f"a binary head has one logit for two classes, but the model "
                           f"gives {logits} logits; export a one-logit model "
                           "(--num-classes 1) or pass --head softmax or sigmoid")
    if head == "softmax" and logits == 1:
        raise RuntimeError("the model gives one logit, whose softmax is always 1; pass "
                           "--head binary (two classes) or --head sigmoid")
    expected = 2 if head == "binary" else logits
    if classes is not None and len(classes) != expected:
        raise RuntimeError(f"--classes lists {len(classes)} names, but a {head} head over "
                           f"{logits} logit(s) has {expected} classes")


def tokens_entry(shape: Sequence[int], layout: str = "auto") -> Optional[Dict]:
    """The ``model.json`` ``tokens`` entry for a layer output of ``shape``.

    ``layout`` is ``auto``, ``none`` (``[N, K, h, w]``), ``sequence`` or
    ``channels-last``.  ``auto`` takes a 3-D output as a token sequence whose
    patch grid is the largest square that fits (the rest are prefix tokens:
    class and register tokens), and a 4-D output of a square input as
    channels-last when its dimensions 1 and 2 are equal and 2 and 3 are not
    (``[N, 7, 7, 768]``), as channels-first when 2 and 3 are equal.  Returns
    None for channels-first (no entry).
    """
    shape = list(shape)
    if layout == "auto":
        if len(shape) == 3:
            layout = "sequence"
        elif len(shape) == 4 and shape[2] == shape[3] and shape[1] != shape[2]:
            layout = "none"
        elif len(shape) == 4 and shape[1] == shape[2] and shape[2] != shape[3]:
            layout = "channels-last"
        else:
            raise RuntimeError(f"cannot tell the layout of the layer's output {shape}; "
                               "pass --tokens none|sequence|channels-last")
    expected = {"none": 4, "channels-last": 4, "sequence": 3}
    if layout not in expected:
        raise ValueError(f"unknown tokens layout {layout!r}, expected auto or one of "
                         f"{sorted(expected)}")
    if len(shape) != expected[layout]:
        raise RuntimeError(f"the layer's output has shape {shape}, but tokens layout "
                           f"{layout!r} needs {expected[layout]} dimensions")
    if layout == "none":
        return None
    if layout == "channels-last":
        return {"layout": "channels-last"}
    side = math.isqrt(shape[1])
    return {"layout": "sequence", "prefix": shape[1] - side * side, "grid": [side, side]}


def _verify(model: nn.Module, reference_head: nn.Module, layer: str, path: str,
            input_size: int, seed: int, atol: float, tokens: str, head: str,
            classes: Optional[Sequence[str]]) -> torch.jit.ScriptModule:
    loaded = torch.jit.load(path, map_location="cpu").eval()
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(2, 3, input_size, input_size, generator=generator)
    with torch.no_grad():
        expected = model(x)
        activations, context = run_split(loaded, x)
        split_logits = run_head(loaded, activations, context)
        forward_logits = loaded(x)
    entry = tokens_entry(activations.shape, tokens)
    for name, got in (("head(features(x))", split_logits), ("forward(x)", forward_logits)):
        if got.shape != expected.shape:
            raise RuntimeError(f"{path}: {name} has shape {tuple(got.shape)}, "
                               f"model(x) has {tuple(expected.shape)}")
        diff = (got - expected).abs().max().item()
        if not diff < atol:
            raise RuntimeError(f"{path}: {name} differs from model(x) by "
                               f"{diff:.3g} (max abs), tolerance {atol:g}")
    check_head(expected.shape[1], head, classes)
    _check_layer_gradient(loaded, reference_head, activations, context, atol, path)
    if entry is not None and entry["layout"] == "sequence":
        a = activations.clone().requires_grad_(True)
        logits = run_head(loaded, a, context)
        logits.gather(1, logits.argmax(dim=1, keepdim=True)).sum().backward()
        reached = a.grad.abs().amax(dim=(0, 2)) > 0
        if not reached.any():
            print(f"warning: {path}: the gradient of the logits at {layer!r} is zero "
                  "everywhere (are the head's weights zero?); cannot check that it reaches "
                  "the patch tokens", file=sys.stderr)
        elif not reached[entry["prefix"]:].any():
            raise RuntimeError(
                f"{path}: the gradient of the logits does not reach the patch tokens of "
                f"{layer!r} (class-token pooling after the last block); cut before the "
                "last block's attention instead, e.g. encoder.layers.encoder_layer_11.ln_1 "
                "for vit_b_16")
    return loaded


def _top_logit_gradient(head_fn, activations: Tensor) -> Tensor:
    """The gradient of each image's top logit with respect to the layer's output."""
    a = activations.detach().clone().requires_grad_(True)
    logits = head_fn(a)
    gradient, = torch.autograd.grad(logits.gather(1, logits.argmax(1, keepdim=True)).sum(), a)
    return gradient


def _check_layer_gradient(loaded, reference_head: nn.Module, activations: Tensor,
                          context: List[Tensor], atol: float, path: str) -> None:
    """The saved head's gradient at the layer equals the model's (Grad-CAM's channel weights)."""
    got = _top_logit_gradient(lambda a: run_head(loaded, a, context), activations)
    want = _top_logit_gradient(
        lambda a: reference_head(a, context) if context else reference_head(a), activations)
    scale = max(want.abs().max().item(), 1e-12)
    diff = (got - want).abs().max().item()
    if not diff <= atol * scale:
        raise RuntimeError(f"{path}: the head's gradient at the layer differs from the model's "
                           f"by {diff:.3g} (max abs; largest gradient {scale:.3g})")


def write_model_json(path: str, weights: str, layer: str, classes: Sequence[str],
                     input_size: int, tokens: Optional[Dict], head: str = "softmax") -> None:
    """A ``model.json`` for the exported file (ImageNet preprocessing, see docs/models.md)."""
    spec = {
        "name": os.path.splitext(os.path.basename(weights))[0],
        "format": "torchscript",
        "weights": os.path.basename(weights),
        "layer": layer,
        "classes": list(classes),
        "input": {"width": input_size, "height": input_size, "resize": "center-crop",
                  "resize_shorter": round(input_size * 256 / 224),
                  "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
        "head": head,
    }
    if tokens is not None:
        spec["tokens"] = tokens
    with open(path, "w", encoding="utf-8") as out:
        json.dump(spec, out, indent=2)
        out.write("\n")


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
    parser.add_argument("--tokens", default="auto",
                        choices=["auto", "none", "sequence", "channels-last"],
                        help="layout of the layer's output: none = [N, K, h, w], sequence = "
                             "[N, T, D] (ViT), channels-last = [N, H, W, C] (Swin); "
                             "default: told from its shape")
    parser.add_argument("--head", default="softmax", choices=HEADS,
                        help="how the logits become probabilities, for model.json and the "
                             "checks: softmax (default; one class per image), sigmoid "
                             "(multi-label), binary (one logit, two classes)")
    parser.add_argument("--no-freeze", dest="freeze", action="store_false",
                        help="keep the scripted graph as it is: no frozen weights, no batch "
                             "norm folded into the convolutions (default: frozen)")
    parser.add_argument("--memory-format", default="auto", choices=MEMORY_FORMATS,
                        help="memory format the features run in: channels-last, contiguous, "
                             "or auto (default): channels-last for a CNN's [N, K, h, w] "
                             "layer, contiguous for tokens")
    parser.add_argument("--precisions", default="fp32",
                        help="comma-separated precisions of the features: fp32 (features), "
                             "bf16 (adds features_bf16), fp16 (adds features_fp16); the audit's "
                             "--precision picks one (default fp32)")
    parser.add_argument("--model-json", action="store_true",
                        help="also write model.json beside --output")
    parser.add_argument("--classes", metavar="FILE",
                        help="class names, one a line, in logit order, for model.json "
                             "(default: 0, 1, ...)")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> None:
    args = _parse_args(argv)
    start = time.perf_counter()
    classes = None
    if args.classes:
        with open(args.classes, encoding="utf-8") as names:
            classes = [line.strip() for line in names if line.strip()]
    model = build_model(args.arch, args.num_classes, args.weights, args.seed)
    loaded = export_split_model(model, args.layer, args.output, args.input_size, args.seed,
                                tokens=args.tokens, head=args.head, classes=classes,
                                freeze=args.freeze, memory_format=args.memory_format,
                                precisions=[p.strip() for p in args.precisions.split(",")])
    x = torch.zeros(1, 3, args.input_size, args.input_size)
    with torch.no_grad():
        activations, context = run_split(loaded, x)
        num_logits = run_head(loaded, activations, context).shape[1]
    tokens = tokens_entry(activations.shape, args.tokens)
    print(f"layer output {list(activations.shape)}, tokens: {json.dumps(tokens)}, "
          f"head: {args.head} over {num_logits} logit(s)")
    if args.model_json:
        classes = classes or [str(c) for c in range(2 if args.head == "binary" else num_logits)]
        path = os.path.join(os.path.dirname(os.path.abspath(args.output)), "model.json")
        write_model_json(path, args.output, args.layer, classes, args.input_size, tokens,
                         args.head)
        print(f"wrote {path}")
    if args.save_npz:
        save_state_dict_npz(model, args.save_npz)
    print(f"wrote {args.output} ({os.path.getsize(args.output)} bytes, "
          f"{time.perf_counter() - start:.1f} s, verified)")


if __name__ == "__main__":
    sys.exit(main())
