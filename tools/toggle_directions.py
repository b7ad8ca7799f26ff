#!/usr/bin/env python3
"""Recomputes, outside AxSim, the toggle fractions docs/qcnpe.md ("Operand activity") quotes
for the digits network in both directions: along the reduction (the order os streams
operands; a trace's input_toggle_fraction and weight_toggle_fraction) and across GEMM rows
(ws's inputs) or neurons (is's weights; input_toggle_fraction_across_rows and
weight_toggle_fraction_across_neurons). Where they agree, the fallback a trace without the
fractions across gets (those along the reduction) costs little.

Inputs: the first layer's inputs, i.e. a data set's samples at unit range, as 16-bit two's-
complement words with 14 fraction bits (values in [0, 1]), in blocks of BATCH consecutive
samples. Weights: every dense layer of a trace written by `axsim nn train`, at the 16-bit
dynamic fixed point the NN engine uses (the fewest integer bits that hold the largest
magnitude). Prints toggled / compared bits in both directions.

Usage: tools/toggle_directions.py [DATASET.csv] [TRACE.json] [BATCH]
  defaults: Sources/AxSimKit/Datasets/digits.csv traces/digits-64-32-10-b64.json 64
Outside the build and CI; needs only Python 3.
"""
import base64
import csv
import json
import math
import struct
import sys

WORD_BITS = 16


def toggles(a, b):
    return bin((a ^ b) & 0xFFFF).count("1")


def input_directions(path, batch):
    with open(path) as handle:
        rows = list(csv.reader(handle))
    # The last column is the label; a header row is skipped when it does not parse.
    samples = []
    for row in rows:
        try:
            samples.append([float(value) for value in row[:-1]])
        except ValueError:
            continue
    largest = max(max(sample) for sample in samples) or 1.0
    words = [[int(round(value / largest * (1 << 14))) & 0xFFFF for value in sample] for sample in samples]
    features = len(words[0])
    along_k = sum(toggles(w[i], w[i + 1]) for w in words for i in range(features - 1))
    compared_k = WORD_BITS * len(words) * (features - 1)
    along_m = compared_m = 0
    for start in range(0, len(words) - batch + 1, batch):
        block = words[start:start + batch]
        for k in range(features):
            along_m += sum(toggles(block[m][k], block[m + 1][k]) for m in range(batch - 1))
            compared_m += WORD_BITS * (batch - 1)
    print(f"inputs of {path} ({len(words)} samples, {features} features, blocks of {batch}):"
          f" along the reduction {along_k / compared_k:.3f}, along the GEMM rows {along_m / compared_m:.3f}")


def weight_directions(path):
    with open(path) as handle:
        trace = json.load(handle)
    for layer in trace["layers"]:
        parameters = layer.get("parameters")
        if layer.get("op") != "dense" or not parameters:
            continue
        raw = base64.b64decode(parameters["weights"])
        values = struct.unpack(f"<{len(raw) // 4}f", raw)
        fan_in, neurons = layer["inputs"], layer["outputs"]
        largest = max(abs(value) for value in values)
        integer_bits = max(0, math.ceil(math.log2(largest))) if largest > 0 else 0
        scale = 1 << (WORD_BITS - 1 - integer_bits)
        words = [[int(round(values[n * fan_in + k] * scale)) & 0xFFFF for k in range(fan_in)] for n in range(neurons)]
        along_k = sum(toggles(words[n][k], words[n][k + 1]) for n in range(neurons) for k in range(fan_in - 1))
        along_n = sum(toggles(words[n][k], words[n + 1][k]) for n in range(neurons - 1) for k in range(fan_in))
        stated = layer.get("statistics", {}).get("weight_toggle_fraction")
        print(f"weights of {layer['name']} ({fan_in} x {neurons}): along the reduction"
              f" {along_k / (WORD_BITS * neurons * (fan_in - 1)):.3f} (the trace states {stated}),"
              f" along the neurons {along_n / (WORD_BITS * (neurons - 1) * fan_in):.3f}")


def main():
    dataset = sys.argv[1] if len(sys.argv) > 1 else "Sources/AxSimKit/Datasets/digits.csv"
    trace = sys.argv[2] if len(sys.argv) > 2 else "traces/digits-64-32-10-b64.json"
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    input_directions(dataset, batch)
    weight_directions(trace)


if __name__ == "__main__":
    main()
