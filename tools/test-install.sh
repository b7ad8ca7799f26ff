#!/bin/sh
# Installs axsim into a temporary prefix with tools/install.sh and runs it the way a user on a
# machine without Swift would: from an empty directory, with a PATH that holds no swift and
# no build folder in sight. CI runs it after the test suite (.ci/run); docs/install.md.
#
# Usage: tools/test-install.sh [--no-build]   (--no-build: reuse the last release build)
set -eu

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/axsim-install-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT INT TERM
prefix="$work/prefix"
share="$prefix/share/axsim"

"$root/tools/install.sh" --prefix "$prefix" "$@"

mkdir "$work/run"
cd "$work/run"
# Only the system's own tools: whatever put swift on PATH is gone.
clean_path=/usr/bin:/bin
if PATH="$clean_path" command -v swift >/dev/null 2>&1; then
  echo "test-install.sh: swift is on $clean_path, so this machine cannot show a toolchain-free run" >&2
  exit 1
fi

passed=0
axsim() {
  echo "+ axsim $*"
  env -i PATH="$clean_path:$prefix/bin" HOME="$work" LANG=C.UTF-8 axsim "$@"
  passed=$((passed + 1))
}

axsim --version
axsim run
axsim run "$share/configs/qcnpe-16x16.json" --trace "$share/traces/lenet5.json" --format json --output lenet5.json
axsim nn train --dataset digits --topology 64-32-10 --epochs 3 --output digits.json
axsim nn eval digits.json --arithmetic fixed:8
axsim run "$share/configs/qcnpe-16x16.json" --trace digits.json
axsim sweep "$share/configs/sweeps/qcnpe-array-sizes.json" --jobs 2 --output sizes.csv
axsim run "$share/configs/scalesim-32x32.cfg" --trace "$share/traces/scalesim/alexnet.csv" --format scalesim >/dev/null
test "$(grep -vc "^#" sizes.csv)" -eq 19 # a header and 18 points below the provenance lines
test -s lenet5.json

# The data sets come from the installed tree: without it, nn says where it looked and writes
# nothing.
mv "$share/datasets" "$share/datasets.moved"
echo "+ axsim nn train --dataset digits (data sets moved away: must fail)"
if env -i PATH="$clean_path:$prefix/bin" HOME="$work" axsim nn train --dataset digits --topology 64-32-10 --epochs 1 --output never.json 2>err.txt; then
  echo "test-install.sh: nn train found data sets outside the installed tree" >&2
  exit 1
fi
grep -q "share/axsim/datasets" err.txt
test ! -e never.json
mv "$share/datasets.moved" "$share/datasets"
passed=$((passed + 1))

echo "the installed axsim ran from $prefix without Swift on PATH"
echo "install: $passed passed, 0 failed"
