#!/usr/bin/env python3
"""AxSim and SCALE-Sim side by side: per-layer cycles, wall time and peak memory.

Runs SCALE-Sim 3.0.0 (output stationary, trace files off, bandwidth computed so that memory
never stalls) and AxSim's QCNPE model (ideal memory, the same array) on the same topology
files, and prints, per case, whether every layer's cycle count agrees, and each tool's wall
time and peak resident memory with their ratio.

SCALE-Sim counts a layer's cycles as the zero-based stamp of its last compute cycle; AxSim
reports elapsed cycles, so a layer agrees when AxSim's compute phase minus one equals
SCALE-Sim's "Total Cycles" (docs/qcnpe.md, "Validation against SCALE-Sim").

Usage (from the repository root, after `swift build -c release`):

    python3 tools/scalesim_side_by_side.py [--venv DIR] [--cases lenet5,mlp-b64,alexnet-32,...]
                                           [--repeat N] [--jobs N] [--keep DIR]

The virtual environment (default $AXSIM_SCALESIM_VENV, else ~/.cache/axsim/scalesim-venv) is
created outside the repository when it does not exist, with scalesim==3.0.0 and numpy 2.3.x
(numpy 2.4 crashes SCALE-Sim 3.0.0). Not part of the build or CI: SCALE-Sim takes minutes to
hours on the larger cases. Results: docs/performance.md.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCALESIM_REQUIREMENTS = ["scalesim==3.0.0", "numpy>=2.3,<2.4"]

# (case name, array side, topology: a trace to convert or a SCALE-Sim CSV, CSV format)
CASES = [
    ("lenet5", 16, "traces/lenet5.json"),
    ("mlp-b64", 16, "traces/mlp-784-128-128-10-b64.json"),
    ("alexnet-32", 32, "traces/scalesim/alexnet.csv"),
    ("alexnet-64", 64, "traces/scalesim/alexnet.csv"),
    ("alexnet-128", 128, "traces/scalesim/alexnet.csv"),
]

SCALESIM_CONFIG = """[general]
run_name = {name}

[run_presets]
InterfaceBandwidth = CALC
UseRamulatorTrace = False

[architecture_presets]
ArrayHeight = {side}
ArrayWidth = {side}
ifmapsramszkB = 6144
filtersramszkB = 6144
ofmapsramszkB = 2048
IfmapOffset = 0
FilterOffset = 10000000
OfmapOffset = 20000000
Bandwidth = 10
Dataflow = os
ReadRequestBuffer = 32
WriteRequestBuffer = 32

[layout]
IfmapCustomLayout = False
FilterCustomLayout = False
IfmapSRAMBankBandwidth = 10
IfmapSRAMBankNum = 10
IfmapSRAMBankPort = 2
FilterSRAMBankBandwidth = 10
FilterSRAMBankNum = 10
FilterSRAMBankPort = 2

[sparsity]
SparsitySupport = false
SparseRep = ellpack_block
OptimizedMapping = false
BlockSize = 8
RandomNumberGeneratorSeed = 40
"""

SCALESIM_RUNNER = """
import sys
from scalesim.scale_sim import scalesim
config, topology, layout, gemm, out = sys.argv[1:6]
sim = scalesim(save_disk_space=True, verbose=False, config=config, topology=topology, layout=layout,
               input_type_gemm=gemm == "gemm")
sim.run_scale(top_path=out)
"""


def fail(message):
    print("scalesim_side_by_side: " + message, file=sys.stderr)
    sys.exit(2)


def ensure_venv(path):
    """The venv's python, creating the venv (outside the repository) when needed."""
    python = os.path.join(path, "bin", "python")
    if os.path.exists(python):
        check = subprocess.run([python, "-c", "import scalesim, numpy; print(numpy.__version__)"], capture_output=True, text=True)
        if check.returncode == 0 and check.stdout.startswith("2.3."):
            return python
    if os.path.realpath(path).startswith(os.path.realpath(ROOT) + os.sep):
        fail(f"the venv {path} would be inside the repository; pass --venv DIR outside it")
    print(f"creating {path} with {' '.join(SCALESIM_REQUIREMENTS)} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", path], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet"] + SCALESIM_REQUIREMENTS, check=True)
    return python


def gemm_topology(trace_path):
    """A SCALE-Sim GEMM-format topology (M, N, K per layer) of an AxSim trace's dense and
    convolution layers; pooling has no counterpart in SCALE-Sim and is left out."""
    with open(os.path.join(ROOT, trace_path)) as handle:
        trace = json.load(handle)
    rows = ["Layer, M, N, K,"]
    for layer in trace["layers"]:
        batch = layer.get("batch", 1)
        if layer["op"] == "dense":
            m, n, k = batch, layer["outputs"], layer["inputs"]
        elif layer["op"] == "conv2d":
            shape = layer["input"]
            kernel_y, kernel_x = layer["kernel"]
            stride_y, stride_x = layer.get("stride", [1, 1])
            pad_y, pad_x = layer.get("padding", [0, 0])
            out_y = (shape["height"] + 2 * pad_y - kernel_y) // stride_y + 1
            out_x = (shape["width"] + 2 * pad_x - kernel_x) // stride_x + 1
            m, n, k = batch * out_y * out_x, layer["filters"], kernel_y * kernel_x * shape["channels"]
        else:
            continue
        rows.append(f"{layer['name']}, {m}, {n}, {k},")
    return "\n".join(rows) + "\n"


def run_with_rusage(command, cwd=None):
    """Runs `command`; returns (stdout, wall seconds, CPU seconds (user + system), peak
    resident MB) of that process alone."""
    start = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if code != 0:
        fail(f"{' '.join(command)} exited with {code}: {stderr.strip()[-400:]}")
    peak_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / (1024 * 1024)
    return stdout, wall, usage.ru_utime + usage.ru_stime, peak_mb


def scalesim_run(python, work, name, side, topology, gemm, reuse):
    """SCALE-Sim's per-layer cycles and its (wall, CPU, peak MB); with `reuse`, a previous
    run's report and measurements in `work` are read back instead of running it again."""
    out = os.path.join(work, f"scalesim-{name}")
    measured = os.path.join(out, "measured.json")
    if not (reuse and os.path.exists(measured)):
        config = os.path.join(work, f"{name}.cfg")
        with open(config, "w") as handle:
            handle.write(SCALESIM_CONFIG.format(name=name, side=side))
        layout = os.path.join(work, "layout.csv")
        with open(layout, "w") as handle:
            handle.write("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n")
        runner = os.path.join(work, "run_scalesim.py")
        with open(runner, "w") as handle:
            handle.write(SCALESIM_RUNNER)
        shutil.rmtree(out, ignore_errors=True)
        _, wall, cpu, peak = run_with_rusage([python, runner, config, topology, layout, "gemm" if gemm else "conv", out])
        with open(measured, "w") as handle:
            json.dump({"wall": wall, "cpu": cpu, "peak_mb": peak}, handle)
    with open(measured) as handle:
        measurement = json.load(handle)
    with open(os.path.join(out, name, "COMPUTE_REPORT.csv")) as handle:
        rows = list(csv.reader(handle))
    cycles = [int(row[2]) for row in rows[1:] if len(row) > 2]
    return cycles, measurement["wall"], measurement["cpu"], measurement["peak_mb"]


def axsim_run(axsim, work, name, side, topology, fidelity, repeat, jobs):
    config = os.path.join(work, f"{name}.axsim.json")
    with open(config, "w") as handle:
        json.dump(
            {
                "model": "qcnpe",
                "qcnpe": {"rows": side, "cols": side, "memoryWordsPerCycle": "ideal"},
                "energyTable": os.path.join(ROOT, "configs/energy/qcnpe-45nm.json"),
            },
            handle,
        )
    best = None
    for _ in range(repeat):
        stdout, wall, cpu, peak = run_with_rusage(
            [axsim, "run", config, "--trace", topology, "--fidelity", fidelity, "--format", "json", "--jobs", str(jobs)]
        )
        if best is None or cpu < best[2]:
            best = (stdout, wall, cpu, peak)
    report = json.loads(best[0])
    compute = [layer["phases"]["compute"] for layer in report["layers"]]
    return compute, best[1], best[2], best[3]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", default=os.environ.get("AXSIM_SCALESIM_VENV", os.path.expanduser("~/.cache/axsim/scalesim-venv")))
    parser.add_argument("--axsim", default=os.path.join(ROOT, ".build", "release", "axsim"))
    parser.add_argument("--cases", default=",".join(case[0] for case in CASES))
    parser.add_argument("--repeat", type=int, default=3, help="AxSim runs per case (best wall time); SCALE-Sim runs once")
    parser.add_argument("--jobs", type=int, default=1, help="AxSim threads (--jobs)")
    parser.add_argument("--keep", help="directory for the generated configs, topologies and SCALE-Sim reports")
    parser.add_argument(
        "--reuse-scalesim", action="store_true", help="read SCALE-Sim's reports and measurements from --keep instead of rerunning it")
    arguments = parser.parse_args()

    if not os.path.exists(arguments.axsim):
        fail(f"{arguments.axsim} not found: run `swift build -c release` first")
    wanted = arguments.cases.split(",")
    unknown = [name for name in wanted if name not in [case[0] for case in CASES]]
    if unknown:
        fail(f"unknown case(s) {', '.join(unknown)}; expected some of {', '.join(case[0] for case in CASES)}")
    python = ensure_venv(arguments.venv)
    work = arguments.keep or tempfile.mkdtemp(prefix="axsim-scalesim-")
    os.makedirs(work, exist_ok=True)

    print(f"SCALE-Sim 3.0.0 ({python}) vs AxSim QCNPE ({arguments.axsim}), work files in {work}")
    print(f"{os.cpu_count()} CPUs; AxSim best of {arguments.repeat} (least CPU time), {arguments.jobs} thread(s); SCALE-Sim one run")
    print(
        f"{'case':<12} {'array':>7} {'agree':>6} {'cycles':>9} | {'SCALE-Sim':^22} | {'AxSim cycle fidelity':^29} |"
        f" {'AxSim fast':^17}"
    )
    print(
        f"{'':<12} {'':>7} {'':>6} {'':>9} | {'wall s':>7} {'CPU s':>7} {'MB':>5} | {'wall s':>7} {'CPU s':>7} {'MB':>4} {'CPU x':>7} |"
        f" {'CPU s':>7} {'CPU x':>8}"
    )
    for name, side, source in CASES:
        if name not in wanted:
            continue
        gemm = source.endswith(".json")
        if gemm:
            topology = os.path.join(work, f"{name}.csv")
            with open(topology, "w") as handle:
                handle.write(gemm_topology(source))
        else:
            topology = os.path.join(ROOT, source)
        scale_cycles, scale_wall, scale_cpu, scale_peak = scalesim_run(
            python, work, name, side, topology, gemm, arguments.reuse_scalesim)
        compute, cycle_wall, cycle_cpu, cycle_peak = axsim_run(
            arguments.axsim, work, name, side, topology, "cycle", arguments.repeat, arguments.jobs)
        _, _, fast_cpu, _ = axsim_run(arguments.axsim, work, name, side, topology, "fast", arguments.repeat, arguments.jobs)
        agree = sum(1 for axsim, scale in zip(compute, scale_cycles) if axsim - 1 == scale)
        print(
            f"{name:<12} {side:>3}x{side:<3} {agree:>2}/{len(scale_cycles):<3} {sum(scale_cycles):>9} |"
            f" {scale_wall:>7.1f} {scale_cpu:>7.1f} {scale_peak:>5.0f} |"
            f" {cycle_wall:>7.3f} {cycle_cpu:>7.3f} {cycle_peak:>4.0f} {scale_cpu / max(cycle_cpu, 1e-3):>6.0f}x |"
            f" {fast_cpu:>7.3f} {scale_cpu / max(fast_cpu, 1e-3):>7.0f}x"
        )
        for index, (axsim, scale) in enumerate(zip(compute, scale_cycles)):
            mark = "agrees" if axsim - 1 == scale else "DIFFERS"
            print(f"    layer {index}: SCALE-Sim {scale}, AxSim compute phase {axsim} - 1 = {axsim - 1}: {mark}")
        sys.stdout.flush()
    print("agree: layers whose cycles agree; cycles: the sum of SCALE-Sim's per-layer Total Cycles.")
    print("Times are whole processes (SCALE-Sim's includes starting Python and importing numpy; AxSim's")
    print("includes reading the topology and pricing energy); CPU is user + system time, which other")
    print("load on the machine inflates less than wall time; MB is peak resident memory; x = SCALE-Sim")
    print("CPU time / AxSim CPU time.")


if __name__ == "__main__":
    main()
