#!/usr/bin/env python3
"""Regenerate the SCALE-Sim reference reports that AxSim's tests compare against.

Runs SCALE-Sim (pip package scalesim==3.0.0, with numpy 2.3.x: 2.4 crashes it) on every
`*.cfg` x `*.csv` pair listed below from Tests/AxSimKitTests/ScaleSimReference and copies
its COMPUTE_REPORT.csv there as `<cfg>.<topology>.COMPUTE_REPORT.csv`.

Not part of the build or CI. Usage, from the repository root:

    python3 -m venv /tmp/scalesim-venv
    /tmp/scalesim-venv/bin/pip install 'numpy==2.3.*' scalesim==3.0.0
    /tmp/scalesim-venv/bin/python tools/scalesim/make_reference_reports.py
"""
import os
import shutil
import sys
import tempfile

from scalesim.scale_sim import scalesim

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "..", "Tests", "AxSimKitTests", "ScaleSimReference")

# (config, topology, SCALE-Sim input type)
RUNS = [
    ("scale16x16.cfg", "conv.csv", "conv"),
    ("scale16x16.cfg", "gemm.csv", "gemm"),
    ("scale8x32.cfg", "conv.csv", "conv"),
    ("scale8x32.cfg", "gemm.csv", "gemm"),
    ("scale8x32.cfg", "lenet5.csv", "conv"),
]


def run(config, topology, kind):
    with tempfile.TemporaryDirectory() as scratch:
        # SCALE-Sim 3.0.0 always opens a layout file; a header-only one means "no custom layout".
        layout = os.path.join(scratch, "layout.csv")
        with open(layout, "w") as handle:
            handle.write("Layer name,\n")
        sim = scalesim(save_disk_space=True, verbose=False, config=os.path.join(REFERENCE, config),
                       topology=os.path.join(REFERENCE, topology), layout=layout,
                       input_type_gemm=(kind == "gemm"))
        sim.run_scale(top_path=scratch)
        runs = [d for d in os.listdir(scratch) if os.path.isdir(os.path.join(scratch, d))]
        report = os.path.join(scratch, runs[0], "COMPUTE_REPORT.csv")
        target = os.path.join(REFERENCE, f"{config[:-4]}.{topology[:-4]}.COMPUTE_REPORT.csv")
        shutil.copyfile(report, target)
        print(target)


if __name__ == "__main__":
    for entry in RUNS:
        run(*entry)
    sys.exit(0)
