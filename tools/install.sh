#!/bin/sh
# Builds axsim in release with the Swift runtime linked in (--static-swift-stdlib), so that
# it runs on a machine without the Swift toolchain, and installs it under a prefix:
#
#   PREFIX/bin/axsim
#   PREFIX/share/axsim/datasets   the bundled data sets with their attribution (README, *.descr.rst)
#   PREFIX/share/axsim/configs    configs, energy tables and sweeps
#   PREFIX/share/axsim/traces     network traces and SCALE-Sim topologies (with their MIT licence)
#   PREFIX/share/doc/axsim        LICENSE, CITATION.cff, CHANGELOG.md, README.md
#
# axsim finds its data sets in ../share/axsim/datasets relative to its own executable, so the
# tree can be moved or copied as a whole. docs/install.md has the details.
#
# Usage: tools/install.sh [--prefix DIR] [--no-build]
#   --prefix DIR   where to install (default: $PREFIX, else /usr/local)
#   --no-build     install what the last build of this script left in .build-install
set -eu

prefix="${PREFIX:-/usr/local}"
build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --no-build) build=no; shift ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument \"$1\"; expected --prefix DIR or --no-build" >&2; exit 2 ;;
  esac
done
case "$prefix" in
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac

cd "$(dirname "$0")/.."
# Linux needs the Swift runtime linked in; macOS ships it with the system (and SwiftPM links
# it dynamically there whatever the flag).
case "$(uname -s)" in
  Linux) static=--static-swift-stdlib ;;
  *) static= ;;
esac
# A build folder of its own: the flag changes every module's build, so sharing .build with
# `swift build -c release` would rebuild everything each time one follows the other.
scratch=.build-install
if [ "$build" = yes ]; then
  swift build -c release $static --product axsim --scratch-path "$scratch"
fi
binary="$scratch/release/axsim"
[ -x "$binary" ] || { echo "install.sh: no built axsim at $binary; run without --no-build" >&2; exit 2; }

share="$prefix/share/axsim"
mkdir -p "$prefix/bin" "$share" "$prefix/share/doc/axsim"
# Replace the data folders whole, so that files removed from the repository do not linger.
rm -rf "$share/datasets" "$share/configs" "$share/traces"
cp "$binary" "$prefix/bin/axsim.new"
chmod 755 "$prefix/bin/axsim.new"
mv -f "$prefix/bin/axsim.new" "$prefix/bin/axsim"
mkdir -p "$share/datasets"
cp Sources/AxSimKit/Datasets/*.csv Sources/AxSimKit/Datasets/*.rst Sources/AxSimKit/Datasets/README.md "$share/datasets/"
cp -R configs "$share/configs"
cp -R traces "$share/traces"
cp LICENSE CITATION.cff CHANGELOG.md README.md "$prefix/share/doc/axsim/"

echo "installed $("$prefix/bin/axsim" --version) in $prefix/bin; data sets, configs and traces in $share"
