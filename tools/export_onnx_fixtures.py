#!/usr/bin/env python3
"""Exports the ONNX fixtures AxSim's importer is tested on, and their expected layer counts.

Not part of the build or CI: run it by hand when the fixtures need regenerating,

    python3 -m venv venv && venv/bin/pip install torch torchvision onnx onnxscript
    venv/bin/python tools/export_onnx_fixtures.py

It writes, from the repository root,

    traces/onnx/<model>.onnx                     the model, with its weights stripped
    Tests/ONNXImportTests/Expected/<model>.json  the layers PyTorch executed, in order, at the
                                                 exported batch and at that batch + 3

Models (random weights, eval mode):
  resnet18             torchvision ResNet-18, 1x3x224x224, dynamo exporter (opset 18)
  mobilenet_v2         torchvision MobileNet-V2, 1x3x224x224, TorchScript exporter (opset 13,
                       batch norms left unfolded, so the file has BatchNormalization nodes)
  transformer_encoder  torch.nn.TransformerEncoderLayer(d_model=64, nhead=4, 256), 2x16x64,
                       dynamo exporter (opset 18)
  encoder_block        a BERT-style block written out of nn.Linear/nn.LayerNorm/nn.GELU and
                       explicit batched matmuls, 2x16x64, TorchScript exporter at opset 14 (layer
                       norm decomposed into ReduceMean/Sub/Pow/Sqrt/Div, GELU into Erf)

The expected counts are independent of the ONNX file: the model runs in eager PyTorch under a
TorchDispatchMode that records every multiply-accumulate operator (convolution, mm, addmm,
bmm) and pooling operator in execution order, with the module that issued it, its output
shape, and its multiply-accumulates from PyTorch's own FLOP formulas
(torch.utils.flop_counter.flop_registry; one MAC = two FLOPs). Attention uses PyTorch's
math backend and the MHA fast path is off, so that its products are recorded one by one.

Stripping: every initializer (and Constant-node tensor) of a floating type with more than 16
elements loses its data but keeps its dims; integer tensors (shapes, indices) and small float
scalars (Clip limits, scale factors) keep their values, since shape inference needs them.
"""

import json
import math
import os
import sys

import onnx
import torch
import torch.nn as nn
import torchvision
from torch.nn.attention import SDPBackend, sdpa_kernel
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils.flop_counter import flop_registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "traces", "onnx")
EXPECTED = os.path.join(ROOT, "Tests", "ONNXImportTests", "Expected")

aten = torch.ops.aten
MAC_OPS = {aten.convolution: "conv", aten.mm: "mm", aten.addmm: "mm", aten.bmm: "bmm"}
POOL_OPS = {
    aten.max_pool2d_with_indices: "maxpool",
    aten.max_pool2d: "maxpool",
    aten.avg_pool2d: "avgpool",
    aten._adaptive_avg_pool2d: "avgpool",
}


class EncoderBlock(nn.Module):
    """A BERT-style encoder block with every product a module call, so each is attributed."""

    class MatMul(nn.Module):
        def forward(self, a, b):
            return torch.matmul(a, b)

    def __init__(self, d_model=64, heads=4, hidden=256):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = nn.Linear(d_model, d_model), nn.Linear(d_model, d_model), nn.Linear(d_model, d_model)
        self.scores, self.context = EncoderBlock.MatMul(), EncoderBlock.MatMul()
        self.output = nn.Linear(d_model, d_model)
        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.intermediate, self.activation, self.out = nn.Linear(d_model, hidden), nn.GELU(), nn.Linear(hidden, d_model)

    def forward(self, x):
        batch, sequence, width = x.shape
        head = width // self.heads

        def split(t):
            return t.reshape(batch, sequence, self.heads, head).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        weights = torch.softmax(self.scores(q, k.transpose(-1, -2)) / math.sqrt(head), dim=-1)
        context = self.context(weights, v).transpose(1, 2).reshape(batch, sequence, width)
        x = self.norm1(x + self.output(context))
        return self.norm2(x + self.out(self.activation(self.intermediate(x))))


class Recorder(TorchDispatchMode):
    """Records MAC and pooling operators in execution order, with the issuing module."""

    def __init__(self, model):
        super().__init__()
        self.records = []
        self.stack = []
        self.handles = []
        for name, module in model.named_modules():
            self.handles.append(module.register_forward_pre_hook(lambda m, a, name=name: self.enter(name)))
            self.handles.append(module.register_forward_hook(lambda m, a, o: self.leave()))

    def enter(self, name):
        self.stack.append(name)

    def leave(self):
        self.stack.pop()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        packet = func.overloadpacket
        module = self.stack[-1] if self.stack else ""
        if packet in MAC_OPS:
            flops = flop_registry[packet](*args, **kwargs, out_val=out)
            assert flops % 2 == 0
            self.records.append(
                {"module": module, "op": MAC_OPS[packet], "macs": flops // 2, "output_shape": list(out.shape)})
        elif packet in POOL_OPS or (packet == aten.mean and args[0].dim() == 4 and sorted(args[1]) in ([2, 3], [-2, -1])):
            result = out[0] if isinstance(out, tuple) else out
            self.records.append({"module": module, "op": POOL_OPS.get(packet, "avgpool"), "macs": 0,
                                 "output_shape": list(result.shape)})
        return out


def strip(model_proto):
    """Drops the data of large floating-point tensors, keeping every tensor's dims."""

    def shrink(tensor):
        count = math.prod(tensor.dims)
        if tensor.data_type in (onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.DOUBLE,
                                onnx.TensorProto.BFLOAT16) and count > 16:
            tensor.ClearField("raw_data")
            tensor.ClearField("float_data")
            tensor.ClearField("double_data")
            tensor.ClearField("int32_data")

    for tensor in model_proto.graph.initializer:
        shrink(tensor)
    for node in model_proto.graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.TENSOR:
                shrink(attribute.t)


def export(name, model, example, dynamo, opset, note, fold_constants=True):
    torch.manual_seed(0)
    model.eval()
    path = os.path.join(FIXTURES, name + ".onnx")
    kwargs = {} if dynamo else {"do_constant_folding": fold_constants}
    torch.onnx.export(model, (example,), path, dynamo=dynamo, opset_version=opset, **kwargs)
    proto = onnx.load(path)
    strip(proto)
    for tensor in proto.graph.initializer:
        tensor.ClearField("external_data")
        tensor.data_location = onnx.TensorProto.DEFAULT
    onnx.save(proto, path, save_as_external_data=False)
    if os.path.exists(path + ".data"):
        os.remove(path + ".data")
    layers = record(model, example)
    # The same model at another batch, for `--batch`: PyTorch runs it at that batch directly.
    rebatch = example.shape[0] + 3
    rebatched = record(model, torch.randn(rebatch, *example.shape[1:]))
    expected = {
        "model": name,
        "note": note,
        "exporter": "dynamo" if dynamo else "torchscript",
        "opset": opset,
        "input_shape": list(example.shape),
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "layers": layers,
        "rebatched": {"batch": rebatch, "layers": rebatched},
    }
    with open(os.path.join(EXPECTED, name + ".json"), "w") as file:
        json.dump(expected, file, indent=1)
        file.write("\n")
    macs = sum(entry["macs"] for entry in layers)
    print(f"{name}: {len(layers)} layers, {macs:,} MACs, {os.path.getsize(path):,} bytes")


def record(model, example):
    """The MAC and pooling operators `model` executes on `example`, in order."""
    recorder = Recorder(model)
    with torch.no_grad(), sdpa_kernel(SDPBackend.MATH), recorder:
        model(example)
    for handle in recorder.handles:
        handle.remove()
    return recorder.records


def main():
    # The fused fast paths of nn.MultiheadAttention/TransformerEncoderLayer would hide the
    # individual products from the recorder.
    torch.backends.mha.set_fastpath_enabled(False)
    os.makedirs(FIXTURES, exist_ok=True)
    os.makedirs(EXPECTED, exist_ok=True)
    torch.manual_seed(0)
    export("resnet18", torchvision.models.resnet18(weights=None), torch.randn(1, 3, 224, 224), True, 18,
           "torchvision.models.resnet18(weights=None), random weights")
    export("mobilenet_v2", torchvision.models.mobilenet_v2(weights=None), torch.randn(1, 3, 224, 224), False, 13,
           "torchvision.models.mobilenet_v2(weights=None), random weights, batch norms not folded",
           fold_constants=False)
    encoder = nn.TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=256, dropout=0.0, batch_first=True)
    export("transformer_encoder", encoder, torch.randn(2, 16, 64), True, 18,
           "torch.nn.TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=256, batch_first=True)")
    export("encoder_block", EncoderBlock(), torch.randn(2, 16, 64), False, 14,
           "BERT-style block of nn.Linear, nn.LayerNorm, nn.GELU and explicit batched matmuls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
