#!/usr/bin/env python3
"""Compare AxSim with real SCALE-Sim 3.0.0 on layers larger than the committed fixture.

For each dataflow (os, ws, is) and interface-bandwidth mode (CALC, USER) it draws an array
shape, SRAM sizes and bandwidths from a seed, runs SCALE-Sim on a three-convolution and a
two-GEMM topology, runs `axsim run CFG --trace CSV --format scalesim|scalesim-bandwidth|
scalesim-access` on the same files, and prints whether all three reports are byte-identical.
Not part of the build or CI (SCALE-Sim takes about a minute for the twelve cases).

    /tmp/scalesim-venv/bin/python tools/scalesim/check_memory_agreement.py .build/release/axsim [SEED]
"""
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_memory_reference as reference  # noqa: E402

TOPOLOGIES = {
    "convs": reference.CONV_HEADER
    + "a, 30, 30, 3, 3, 16, 32, 1,\nb, 28, 28, 5, 5, 8, 20, 2,\nc, 12, 12, 1, 1, 64, 48, 1,\n",
    "gemms": reference.GEMM_HEADER + "g0, 100, 64, 150,\ng1, 33, 200, 70,\n",
}
FORMATS = [("scalesim", "COMPUTE_REPORT"), ("scalesim-bandwidth", "BANDWIDTH_REPORT"),
           ("scalesim-access", "DETAILED_ACCESS_REPORT")]


def main():
    axsim = os.path.abspath(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 2026)
    total = exact = 0
    with tempfile.TemporaryDirectory() as scratch:
        cfg_path, topology_path = os.path.join(scratch, "c.cfg"), os.path.join(scratch, "t.csv")
        for dataflow in ["os", "ws", "is"]:
            for mode in ["CALC", "USER"]:
                for name, topology in TOPOLOGIES.items():
                    case = dict(index=total, rows=rnd.choice([8, 13, 16]), cols=rnd.choice([8, 10, 32]),
                                ifmap_kb=rnd.choice([2, 8, 32]), filter_kb=rnd.choice([2, 8, 32]),
                                ofmap_kb=rnd.choice([2, 8]), bandwidth=rnd.choice([2, 6, 16]), dataflow=dataflow,
                                ifmap_bandwidth=rnd.choice([3, 8]), filter_bandwidth=rnd.choice([3, 8]), mode=mode)
                    cfg = reference.CFG.format(**case)
                    expected = reference.run(cfg, topology, name == "gemms")
                    with open(cfg_path, "w") as handle:
                        handle.write(cfg)
                    with open(topology_path, "w") as handle:
                        handle.write(topology)
                    same = True
                    for flag, report in FORMATS:
                        ours = subprocess.run([axsim, "run", cfg_path, "--trace", topology_path, "--format", flag],
                                              capture_output=True, text=True)
                        if ours.stdout != expected[report]:
                            same = False
                            print(f"  {report} differs:\n{ours.stdout}{ours.stderr}--- SCALE-Sim:\n{expected[report]}")
                    print(f"{dataflow} {mode} {name} {case['rows']}x{case['cols']}: {'exact' if same else 'DIFFERS'}",
                          flush=True)
                    total += 1
                    exact += same
    print(f"{exact}/{total} cases with all three reports byte-identical")
    sys.exit(0 if exact == total else 1)


if __name__ == "__main__":
    main()
