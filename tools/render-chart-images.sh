#!/usr/bin/env bash
# Regenerates the chart images in docs/images: writes every bundled chart as SVG into
# out/doc-charts (ignored by git), screenshots each with headless Chromium at its own size,
# and copies the PNGs the docs link. Needs a release build and `chromium` on PATH
# (Debian: apt-get install chromium). About a minute on two cores; the GPU sweep dominates.
set -euo pipefail
cd "$(dirname "$0")/.."
axsim=.build/release/axsim
[ -x "$axsim" ] || swift build -c release
out=out/doc-charts
mkdir -p "$out"

# Screenshot SVG $1 into PNG $2 at the width and height the SVG declares.
shoot() {
  local header width height
  header=$(grep -m1 '<svg' "$1")
  [[ $header =~ width=\"([0-9]+) ]] && width=${BASH_REMATCH[1]}
  [[ $header =~ height=\"([0-9]+) ]] && height=${BASH_REMATCH[1]}
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,$height" --screenshot="$2" "file://$(realpath "$1")" >/dev/null 2>&1
}

# run --plot: name, config, trace.
while read -r name config trace; do
  "$axsim" run "configs/$config" --trace "traces/$trace" --plot "$out/$name.svg" >/dev/null
  shoot "$out/$name.svg" "docs/images/$name.png"
done <<'EOF'
lenet5-plot qcnpe-16x16.json lenet5.json
resnet50-plot qcnpe-16x16.json scalesim/Resnet50.csv
alexnet-flexflow-plot flexflow-16x16.json scalesim/alexnet.csv
EOF

for sweep in qcnpe-array-sizes flexflow-array-sizes flexflow-dataflows flexflow-drum-ntv gpu-canna-tuning-bits; do
  "$axsim" sweep "configs/sweeps/$sweep.json" --jobs 2 --output "$out/$sweep.csv" --chart "$out/$sweep.svg" 2>/dev/null
  shoot "$out/$sweep.svg" "docs/images/$sweep.png"
done

# The methods with the defaults docs/methods.md reports: image name, command arguments.
while read -r name method arguments; do
  # shellcheck disable=SC2086
  "$axsim" nn "$method" $arguments --output "$out/$method" >/dev/null 2>&1
  shoot "$out/$method/$method.svg" "docs/images/$name.png"
done <<'EOF'
axnn-digits axnn --dataset digits --topology 64-32-10
canna-digits canna --dataset digits --topology 64-32-10 --gta
framnn-digits framnn --dataset digits --topology 64-32-10
axtrain-breast-cancer axtrain --dataset breast_cancer --topology 30-64-64-2
EOF
ls -l docs/images/*.png
