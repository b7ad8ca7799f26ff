#!/usr/bin/env python3
"""Regenerate the SCALE-Sim memory-model reference that AxSim's agreement test reads.

Runs real SCALE-Sim (pip package scalesim==3.0.0, numpy 2.3.x) on configs that exercise its
memory model: the three dataflows (os, ws, is), CALC and USER interface bandwidth, several
array shapes and SRAM sizes (small ones, so layers refill and stall), on small conv and GEMM
topologies drawn from a fixed seed. For every run it keeps the cfg text, the topology text
and SCALE-Sim's COMPUTE_REPORT, BANDWIDTH_REPORT and DETAILED_ACCESS_REPORT, and writes them
all to Tests/AxSimKitTests/ScaleSimReference/memory-cases.json.

Not part of the build or CI. Usage, from the repository root:

    python3 -m venv /tmp/scalesim-venv
    /tmp/scalesim-venv/bin/pip install 'numpy==2.3.*' scalesim==3.0.0
    /tmp/scalesim-venv/bin/python tools/scalesim/make_memory_reference.py
"""
import contextlib
import io
import json
import os
import random
import sys
import tempfile

from scalesim.scale_sim import scalesim

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "..", "..", "Tests", "AxSimKitTests", "ScaleSimReference", "memory-cases.json")

CFG = """[general]
run_name = axsim_memory_{index}

[architecture_presets]
ArrayHeight: {rows}
ArrayWidth: {cols}
IfmapSramSzkB: {ifmap_kb}
FilterSramSzkB: {filter_kb}
OfmapSramSzkB: {ofmap_kb}
IfmapOffset: 0
FilterOffset: 10000000
OfmapOffset: 20000000
Bandwidth : {bandwidth}
Dataflow : {dataflow}
MemoryBanks: 1
ReadRequestBuffer: 512
WriteRequestBuffer: 512

[layout]
IfmapCustomLayout: False
IfmapSRAMBankBandwidth: {ifmap_bandwidth}
IfmapSRAMBankNum: 1
IfmapSRAMBankPort: 2
FilterCustomLayout: False
FilterSRAMBankBandwidth: {filter_bandwidth}
FilterSRAMBankNum: 1
FilterSRAMBankPort: 2

[sparsity]
SparsitySupport : false
SparseRep : ellpack_block
OptimizedMapping : false
BlockSize : 8
RandomNumberGeneratorSeed : 40

[run_presets]
InterfaceBandwidth: {mode}
UseRamulatorTrace: False
"""

CONV_HEADER = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
GEMM_HEADER = "Layer name, M, N, K,\n"


def topology(rnd, gemm):
    """Two or three small layers, so a case runs in well under a second in a debug build."""
    text = GEMM_HEADER if gemm else CONV_HEADER
    for index in range(rnd.randint(2, 3)):
        if gemm:
            text += f"g{index}, {rnd.randint(1, 70)}, {rnd.randint(1, 70)}, {rnd.randint(1, 90)},\n"
        else:
            fh, fw = rnd.randint(1, 5), rnd.randint(1, 5)
            h, w = rnd.randint(fh, 18), rnd.randint(fw, 18)
            text += f"c{index}, {h}, {w}, {fh}, {fw}, {rnd.randint(1, 8)}, {rnd.randint(1, 40)}, {rnd.randint(1, 3)},\n"
    return text


def run(cfg_text, topology_text, gemm):
    with tempfile.TemporaryDirectory() as scratch:
        cfg = os.path.join(scratch, "s.cfg")
        topo = os.path.join(scratch, "t.csv")
        # SCALE-Sim 3.0.0 always opens a layout file; a header-only one means "no custom layout".
        layout = os.path.join(scratch, "layout.csv")
        for path, text in [(cfg, cfg_text), (topo, topology_text), (layout, "Layer name,\n")]:
            with open(path, "w") as handle:
                handle.write(text)
        with contextlib.redirect_stdout(io.StringIO()):
            sim = scalesim(save_disk_space=True, verbose=False, config=cfg, topology=topo, layout=layout,
                           input_type_gemm=gemm)
            sim.run_scale(top_path=scratch)
        runs = [d for d in os.listdir(scratch) if os.path.isdir(os.path.join(scratch, d))]
        reports = {}
        for name in ["COMPUTE_REPORT", "BANDWIDTH_REPORT", "DETAILED_ACCESS_REPORT"]:
            with open(os.path.join(scratch, runs[0], name + ".csv")) as handle:
                reports[name] = handle.read()
        return reports


def main():
    rnd = random.Random(15)
    cases = []
    index = 0
    for dataflow in ["os", "ws", "is"]:
        for mode in ["CALC", "USER"]:
            for _ in range(6):
                case = dict(
                    index=index, rows=rnd.choice([1, 3, 4, 8, 12, 16, 32]), cols=rnd.choice([1, 2, 5, 8, 9, 16, 24]),
                    ifmap_kb=rnd.choice([1, 1, 2, 4, 64]), filter_kb=rnd.choice([1, 1, 2, 4, 64]),
                    ofmap_kb=rnd.choice([1, 1, 2, 64]), bandwidth=rnd.choice([1, 2, 4, 10, 32]), dataflow=dataflow,
                    ifmap_bandwidth=rnd.choice([1, 2, 5, 10, 20]), filter_bandwidth=rnd.choice([1, 2, 5, 10, 20]),
                    mode=mode)
                gemm = rnd.random() < 0.35
                cfg_text = CFG.format(**case)
                topology_text = topology(rnd, gemm)
                reports = run(cfg_text, topology_text, gemm)
                cases.append(dict(name=f"{index:02d}-{dataflow}-{mode.lower()}-{case['rows']}x{case['cols']}",
                                  cfg=cfg_text, topology=topology_text, gemm=gemm, reports=reports))
                index += 1
    with open(TARGET, "w") as handle:
        json.dump(dict(generator="SCALE-Sim 3.0.0 via tools/scalesim/make_memory_reference.py", cases=cases), handle,
                  indent=1, sort_keys=True)
        handle.write("\n")
    print(f"{len(cases)} cases -> {TARGET}")


if __name__ == "__main__":
    main()
    sys.exit(0)
