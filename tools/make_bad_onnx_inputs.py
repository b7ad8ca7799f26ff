#!/usr/bin/env python3
"""Writes the malformed-ONNX cases of the bad-input corpus (not part of the build or CI).

    venv/bin/python tools/make_bad_onnx_inputs.py     (venv with onnx, as for export_onnx_fixtures.py)

Each case is a small .onnx file in Tests/EndToEndTests/BadInputs/ and an entry in its
cases.json: the command line that reads it and a fragment of the one-line error it must end
with (exit code 2, nothing on stdout, no output file; BadInputTests checks all of it). Byte-level
damage (truncation, over-long varints, impossible wire types and lengths) is applied to a
valid model's bytes; the rest are well-formed models that are not what AxSim can import.
"""

import json
import os

import onnx
from onnx import TensorProto, helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRECTORY = os.path.join(ROOT, "Tests", "EndToEndTests", "BadInputs")
CONFIG = "{dir}/../../../configs/qcnpe-16x16.json"


def model(nodes, inputs, initializers=(), opset=17):
    graph = helper.make_graph(nodes, "bad", inputs, [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                              initializer=list(initializers))
    return helper.make_model(graph, producer_name="axsim-bad-inputs", opset_imports=[helper.make_opsetid("", opset)])


def image(name="x", dims=(1, 3, 8, 8)):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(dims))


def weight(name, dims):
    """A float initializer with dims only (its data stripped, as in traces/onnx)."""
    tensor = TensorProto()
    tensor.name = name
    tensor.data_type = TensorProto.FLOAT
    tensor.dims.extend(dims)
    return tensor


def conv_model(**attributes):
    return model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv", **attributes)], [image()], [weight("w", [4, 3, 3, 3])])


def varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def main():
    valid = conv_model().SerializeToString()
    cases = []

    def case(name, data, expect, via="run", extra=()):
        file = f"onnx-{name}.onnx"
        with open(os.path.join(DIRECTORY, file), "wb") as handle:
            handle.write(data if isinstance(data, bytes) else data.SerializeToString())
        if via == "run":
            arguments = ["run", CONFIG, "--trace", "{dir}/" + file, *extra, "--output", "{out}"]
        else:
            arguments = ["import", "{dir}/" + file, *extra, "--output", "{out}"]
        cases.append({"name": f"onnx {name}", "arguments": arguments, "expect": expect})

    # Bytes that are not a well-formed ModelProto.
    case("empty", b"", "the file is empty; expected an ONNX model")
    case("truncated", valid[: len(valid) * 2 // 3], "malformed ONNX at byte", via="import")
    case("overlong-varint", b"\x08" + b"\xff" * 10 + b"\x01", "runs past 64 bits; expected a varint of at most 10 bytes")
    case("length-overrun", b"\x08\x08\x3a" + varint(1 << 30) + b"\x0a\x00", "declares 1073741824 bytes but its message has")
    case("group-wire-type", b"\x08\x08\x3b\x0a\x00\x3c", "a proto2 group", via="import")
    case("undefined-wire-type", b"\x08\x08\x3f\x00", "wire type 7, which does not exist")
    case("field-number-zero", b"\x08\x08\x02\x00", "field number 0 is reserved")
    case("wrong-wire-type", b"\x0a\x01\x08", "ModelProto.ir_version) has wire type 2 (length-delimited); expected 0 (varint)")
    node_bad_utf8 = helper.make_node("Relu", ["x"], ["y"]).SerializeToString().replace(b"Relu", b"Re\xc3\x28")
    graph = b"\x0a" + varint(len(node_bad_utf8)) + node_bad_utf8
    case("bad-utf8", b"\x08\x08\x3a" + varint(len(graph)) + graph, "op_type is not valid UTF-8", via="import")
    raw = TensorProto()
    raw.name, raw.data_type = "shape", TensorProto.INT64
    raw.dims.append(2)
    raw.raw_data = b"\x01\x00\x00"
    case("raw-data-size",
         model([helper.make_node("Reshape", ["x", "shape"], ["y"])], [image()], [raw]),
         "raw_data has 3 bytes; expected 16")
    negative = weight("w", [4, 3, 3, 3])
    negative.dims[0] = -4
    case("negative-dims", model([helper.make_node("Conv", ["x", "w"], ["y"])], [image()], [negative]),
         "dims holds -4; expected sizes ≥ 0", via="import")
    packed = TensorProto()
    packed.name, packed.data_type = "low", TensorProto.FLOAT
    data = packed.SerializeToString() + b"\x22\x03\x00\x00\x00"
    graph_model = model([helper.make_node("Relu", ["x"], ["y"])], [image()]).SerializeToString()
    case("misaligned-floats", _with_initializer(graph_model, data),
         "float_data packs 3 bytes; expected a multiple of 4")

    # Well-formed models that AxSim cannot import.
    case("unsupported-operator",
         model([helper.make_node("NonMaxSuppression", ["x"], ["y"], name="nms")], [image()]),
         'node "nms" (NonMaxSuppression): unsupported operator; supported: layers AveragePool, Conv')
    case("custom-domain",
         model([helper.make_node("FusedConv", ["x", "w"], ["y"], name="fused", domain="com.microsoft")], [image()],
               [weight("w", [4, 3, 3, 3])]),
         'node "fused" (FusedConv): operator of domain "com.microsoft" is not supported', via="import")
    case("no-layers", model([helper.make_node("Relu", ["x"], ["y"])], [image()]), "nothing to simulate")
    case("symbolic-dimension",
         model([helper.make_node("Conv", ["x", "w"], ["y"])], [image(dims=(1, 3, "height", 8))], [weight("w", [4, 3, 3, 3])]),
         'symbolic dimension "height" at axis 2; pass --input-shape')
    shapeless = helper.make_tensor_value_info("x", TensorProto.FLOAT, None)
    case("input-without-shape", model([helper.make_node("Relu", ["x"], ["y"])], [shapeless]),
         'graph input "x" declares no shape', via="import")
    case("not-topological",
         model([helper.make_node("Conv", ["later", "w"], ["y"], name="first"), helper.make_node("Relu", ["x"], ["later"])],
               [image()], [weight("w", [4, 3, 3, 3])]),
         'node "first" (Conv): input "later" is not a graph input, an initializer or an output of an earlier node')
    case("conv-channels",
         model([helper.make_node("Conv", ["x", "w"], ["y"], name="c")], [image()], [weight("w", [4, 5, 3, 3])]),
         'node "c" (Conv): group 1 does not fit 3 input channels', via="import")
    case("conv-kernel-too-large",
         model([helper.make_node("Conv", ["x", "w"], ["y"], name="c")], [image()], [weight("w", [4, 3, 11, 11])]),
         'node "c" (Conv): the 11x11 kernel (dilation [1, 1]) does not fit the 8x8 input')
    case("conv-3d",
         model([helper.make_node("Conv", ["x", "w"], ["y"], name="c3")], [image(dims=(1, 3, 4, 8, 8))],
               [weight("w", [4, 3, 3, 3, 3])]),
         'node "c3" (Conv): only 2-D convolutions are supported', via="import")
    case("conv-auto-pad", conv_model(auto_pad="SAME"), 'auto_pad "SAME" is not an ONNX padding mode')
    case("conv-attribute-type", conv_model(strides="2"), "attribute strides has another type; expected INTS")
    case("matmul-mismatch",
         model([helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")], [image(dims=(2, 7))], [weight("w", [8, 4])]),
         'node "mm" (MatMul): the inner dimensions disagree: [2, 7] × [8, 4]', via="import")
    target = helper.make_tensor("target", TensorProto.INT64, [2], [5, 40])
    case("reshape-count",
         model([helper.make_node("Reshape", ["x", "target"], ["y"], name="r")], [image()], [target]),
         'node "r" (Reshape): cannot reshape [1, 3, 8, 8] (192 elements) to [5, 40] (200 elements)')
    case("reshape-unknown-target",
         model([helper.make_node("Reshape", ["x", "t"], ["y"], name="r")],
               [image(), helper.make_tensor_value_info("t", TensorProto.INT64, [2])]),
         "the target shape (input 1, \"t\") must be a constant the file carries", via="import")
    case("dilated-pool",
         model([helper.make_node("MaxPool", ["x"], ["y"], name="p", kernel_shape=[2, 2], dilations=[2, 2])], [image()]),
         'node "p" (MaxPool): dilated pooling (dilations [2, 2]) is not supported')
    case("huge-dimension",
         model([helper.make_node("Conv", ["x", "w"], ["y"])], [image(dims=(1, 3, 1 << 30, 8))], [weight("w", [4, 3, 3, 3])]),
         "declares dimension 2 as 1073741824; expected 1...16777216", via="import")
    case("too-many-macs",
         model([helper.make_node("Conv", ["x", "w"], ["y"], name="big")], [image(dims=(64, 4096, 4096, 4096))],
               [weight("w", [4096, 4096, 3, 3])]),
         "more than 2^50 multiply-accumulates")
    lost = model([helper.make_node("ReduceSum", ["x"], ["s"], axes=[0]), helper.make_node("MatMul", ["s", "w"], ["y"])],
                 [image(dims=(2, 6))], [weight("w", [6, 4])], opset=12)
    case("batch-lost", lost, '--batch 4: node "#0" (ReduceSum) reduces the batch axis', extra=["--batch", "4"])
    case("unknown-input-shape", conv_model(), '--input-shape names "image", which is not an input of the graph',
         via="import", extra=["--input-shape", "image=1x3x8x8"])

    path = os.path.join(DIRECTORY, "cases.json")
    with open(path) as handle:
        existing = [entry for entry in json.load(handle) if not entry["name"].startswith("onnx ")]
    with open(path, "w") as handle:
        json.dump(existing + cases, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {len(cases)} ONNX cases")


def _with_initializer(model_bytes, tensor_bytes):
    """`model_bytes` with one more initializer (GraphProto field 5) holding `tensor_bytes`."""
    proto = onnx.ModelProto()
    proto.ParseFromString(model_bytes)
    graph = proto.graph.SerializeToString() + b"\x2a" + varint(len(tensor_bytes)) + tensor_bytes
    proto.ClearField("graph")
    return proto.SerializeToString() + b"\x3a" + varint(len(graph)) + graph


if __name__ == "__main__":
    main()
