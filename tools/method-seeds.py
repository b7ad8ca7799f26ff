#!/usr/bin/env python3
"""Summarises `axsim nn axnn` or `axsim nn axtrain` runs over training seeds.

Each FILE is the standard output of one run (one seed). docs/methods.md names, for every
table it quotes, the loop that wrote the files and this script's line that read them:

  for s in 1 2 3 4 5 6 7 8 9 10; do
    axsim nn axnn --dataset digits --topology 64-32-10 --seed $s --output out/axnn-digits-$s > out/axnn-digits-$s.txt
  done
  python3 tools/method-seeds.py axnn out/axnn-digits-*.txt

Prints mean ± sample standard deviation over the seeds, and for paired comparisons (two methods
from the same seed) the mean difference, its standard error and how many seeds favour each.
Standard library only.
"""

import re
import statistics
import sys


def spread(values):
    """'mean ± std (n = N)' of a list."""
    if not values:
        return "n/a"
    mean = statistics.fmean(values)
    std = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.4f} ± {std:.4f}"


def paired(first, second, label_first, label_second):
    """Mean of first − second over seeds, its standard error, and the seeds on each side."""
    differences = [a - b for a, b in zip(first, second)]
    if len(differences) < 2:
        return "n/a"
    mean = statistics.fmean(differences)
    error = statistics.stdev(differences) / len(differences) ** 0.5
    above = sum(1 for d in differences if d > 0)
    below = sum(1 for d in differences if d < 0)
    t = mean / error if error > 0 else float("inf") if mean else 0.0
    return (
        f"{label_first} − {label_second} = {mean:+.4f} ± {error:.4f} (standard error, t = {t:.1f}); "
        f"{above} seeds above, {below} below, {len(differences) - above - below} equal"
    )


def axnn(files):
    summary_line = re.compile(r"^  (.+?): (.+), ([0-9.]+)x, test accuracy ([0-9.]+)%, training ([0-9.]+)%$")
    runs = []
    for path in files:
        run = {}
        with open(path, encoding="utf-8") as text:
            for line in text:
                if line.startswith("final precisions: "):
                    run["precisions"] = line[len("final precisions: "):].strip()
                match = summary_line.match(line.rstrip("\n"))
                if match:
                    label = re.sub(r" \d+ epochs$", "", match.group(1))
                    run[label] = (match.group(2), float(match.group(3)), float(match.group(4)))
        runs.append(run)
    labels = ["axnn", "axnn without retraining", "uniform", "uniform retrained"]
    print(f"{len(runs)} seeds; cheapest point meeting the target on the training data, per curve:")
    for label in labels:
        gains = [run[label][1] for run in runs if label in run]
        accuracies = [run[label][2] for run in runs if label in run]
        settings = sorted({run[label][0] for run in runs if label in run and label.startswith("uniform")})
        extra = f"; precisions {', '.join(settings)}" if settings else ""
        print(f"  {label}: energy improvement {spread(gains)}x, test accuracy {spread(accuracies)} %{extra}")
    for other in labels[1:]:
        pairs = [(run["axnn"][1], run[other][1]) for run in runs if "axnn" in run and other in run]
        print("  improvement " + paired([a for a, _ in pairs], [b for _, b in pairs], "axnn", other))
        pairs = [(run["axnn"][2], run[other][2]) for run in runs if "axnn" in run and other in run]
        print("  test accuracy (%) " + paired([a for a, _ in pairs], [b for _, b in pairs], "axnn", other))
    for index, run in enumerate(runs):
        print(f"  {files[index]}: {run.get('precisions', '?')}")


def axtrain(files):
    runs = []
    for path in files:
        rows, chosen = {}, {}
        with open(path, encoding="utf-8") as text:
            for line in text:
                line = line.rstrip("\n")
                if line.startswith(("bp ", "axtrain")) and "±" in line:
                    method, trained, under = line[0:14].strip(), line[14:28].strip(), line[28:45].strip()
                    numbers = re.findall(r"[0-9.]+ ± [0-9.]+", line[51:])
                    accuracy = float(numbers[0].split(" ± ")[0])
                    accuracy_std = float(numbers[0].split(" ± ")[1])
                    error = float(numbers[1].split(" ± ")[0])
                    rows[(method, trained, under)] = (accuracy, accuracy_std, error)
                match = re.match(r"^  (multiplier|storage), (BP|AxTrain): (.+?)( at |;)", line)
                if match:
                    chosen[(match.group(1), match.group(2))] = match.group(3)
        runs.append((rows, chosen))
    noises = sorted({key[2] for rows, _ in runs for key in rows if key[2] != "exact"})
    print(f"{len(runs)} seeds; mean ± std over seeds (an NTV value per seed is itself a mean over its runs)")

    def column(method, trained, under, index):
        return [rows[(method, trained, under)][index] for rows, _ in runs if (method, trained, under) in rows]

    print("  exact accuracy: BP " + spread(column("bp", "-", "exact", 0)) + ", AxTrain-act " + spread(column("axtrain-act", "-", "exact", 0)))
    for noise in noises:
        bp_accuracy, bp_error = column("bp", "-", noise, 0), column("bp", "-", noise, 2)
        ax_accuracy, ax_error = column("axtrain", noise, noise, 0), column("axtrain", noise, noise, 2)
        act_accuracy = column("axtrain-act", "-", noise, 0)
        print(f"  {noise}: accuracy BP {spread(bp_accuracy)}, AxTrain-act {spread(act_accuracy)}, AxTrain {spread(ax_accuracy)}")
        print(f"    accuracy " + paired(ax_accuracy, bp_accuracy, "AxTrain", "BP"))
        print(f"    output error BP {spread(bp_error)}, AxTrain {spread(ax_error)}; " + paired(bp_error, ax_error, "BP", "AxTrain"))
    for key in [("multiplier", "BP"), ("multiplier", "AxTrain"), ("storage", "BP"), ("storage", "AxTrain")]:
        choices = [chosen.get(key, "?") for _, chosen in runs]
        counts = {choice: choices.count(choice) for choice in sorted(set(choices))}
        print(f"  lowest energy within the target, {key[0]}, {key[1]}: " + ", ".join(f"{c} ({n} seeds)" for c, n in counts.items()))


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("axnn", "axtrain"):
        sys.exit("usage: method-seeds.py axnn|axtrain FILE...")
    (axnn if sys.argv[1] == "axnn" else axtrain)(sys.argv[2:])


if __name__ == "__main__":
    main()
