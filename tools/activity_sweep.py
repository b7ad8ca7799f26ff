#!/usr/bin/env python3
"""Prices digits 64-32-10 networks, trained at each uniform precision, on QCNPE with and
without the operand toggle fractions their traces carry (docs/energy-tables.md, "QCNPE's
savings ceiling"). Usage: tools/activity_sweep.py [AXSIM] [OUTDIR]; prints a Markdown table."""
import json
import subprocess
import sys

axsim = sys.argv[1] if len(sys.argv) > 1 else ".build/release/axsim"
out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/activity-sweep"
subprocess.run(["mkdir", "-p", out], check=True)


def run(trace):
    report = f"{trace[:-5]}-report.json"
    subprocess.run([axsim, "run", "configs/qcnpe-16x16.json", "--trace", trace, "--fidelity", "fast",
                    "--format", "json", "--output", report], check=True)
    data = json.load(open(report))
    engine = [g for g in data["groups"] if g["name"] == "engine"][0]["power_mw"]
    return engine, data["totals"]["power_mw"]


rows = []
for bits in [16, 8, 6, 5, 4, 3, 2]:
    trace = f"{out}/digits-fixed{bits}.json"
    log = subprocess.run([axsim, "nn", "train", "--dataset", "digits", "--topology", "64-32-10", "--seed", "1",
                          "--trace-batch", "64", "--train-arithmetic", f"fixed:{bits}", "--output", trace],
                         check=True, capture_output=True, text=True).stdout
    accuracy = log.split("test accuracy ")[1].split(",")[0]
    network = json.load(open(trace))
    toggles = [(l["statistics"]["input_toggle_fraction"], l["statistics"]["weight_toggle_fraction"])
               for l in network["layers"]]
    for layer in network["layers"]:
        layer["statistics"].pop("input_toggle_fraction")
        layer["statistics"].pop("weight_toggle_fraction")
    stripped = f"{out}/digits-fixed{bits}-random.json"
    json.dump(network, open(stripped, "w"))
    rows.append((bits, accuracy, toggles, run(stripped), run(trace)))

base_random, base_measured = rows[0][3], rows[0][4]
print("| p | accuracy | toggles in/w (fc1; fc2) | engine mW random → measured | saving random → measured | with SRAM random → measured |")
print("|---|---|---|---|---|---|")
for bits, accuracy, toggles, random, measured in rows:
    t = "; ".join(f"{i:.3f}/{w:.3f}" for i, w in toggles)
    print(f"| {bits} | {accuracy} | {t} | {random[0]:.1f} → {measured[0]:.1f} | "
          f"{base_random[0] / random[0]:.2f}× → {base_measured[0] / measured[0]:.2f}× | "
          f"{base_random[1] / random[1]:.2f}× → {base_measured[1] / measured[1]:.2f}× |")
