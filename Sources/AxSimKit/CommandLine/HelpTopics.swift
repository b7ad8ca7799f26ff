import FlexFlow
import GPUCompute
import QCNPE

/// The text of `axsim --help` and `axsim help TOPIC`.
public enum HelpTopics {
  /// The topics `axsim help` knows.
  public static let topics = ["run", "check", "sweep", "merge", "diff", "nn", "energy", "import", "config"]

  /// The text of `axsim --help`.
  public static let overview = """
    axsim: a cycle-level simulator of approximate neural-network hardware
    (QCNPE of AxNN, FlexFlow of AxTrain, a Southern Islands GPU with CANNA/FramNN FPUs;
    energy from JSON tables).

    USAGE: axsim <command> [options]

    COMMANDS:
      run [CONFIG]            simulate a trace on the hardware of CONFIG and report energy
                              (no CONFIG: the embedded QCNPE 16x16 on the bundled MLP)
      check REPORT --golden G compare a JSON report with a golden report
      sweep CONFIG            run every point of a config's sweep, in parallel, into CSV + SVG
      merge SHARD.csv...      join the shard files of a sweep into one
      diff A.json B.json      per-component and per-layer changes between two reports
      import MODEL            write the trace of an ONNX model or SCALE-Sim topology
      nn train|eval|datasets  train a network on real data, evaluate it under approximate
                              arithmetic, write the trace the hardware models run
      nn axnn|canna|framnn|axtrain
                              the papers' approximation methods, priced on the hardware
      energy derive CONFIG    build a model's energy table from the primitive library
      energy validate         the papers' published figures against AxSim's predictions
      help [TOPIC]            help on a command, or 'config' for the config keys

    OPTIONS:
      -h, --help              show help
      --version               show the version

    EXAMPLES:
      axsim run
      axsim run configs/qcnpe-16x16.json --trace traces/lenet5.json --plot out/lenet5.svg
      axsim help run

    Exit codes: 0 success, 1 a check found differences, 2 bad input or usage.
    Docs: README.md and docs/ in the AxSim repository.

    """

  /// The help text of `topic` (a command, or `config`), or nil.
  public static func text(for topic: String) -> String? {
    switch topic {
    case "run":
      return """
        USAGE: axsim run [CONFIG] [--trace FILE] [--fidelity cycle|fast]
                         [--format text|json|csv|scalesim|scalesim-bandwidth|scalesim-access]
                         [--output PATH] [--precision BITS]
                         [--batch N] [--input-shape NAME=DIMS] [--precision-file FILE]

        Simulates a network trace on the hardware a config file describes and reports
        cycles, utilisation and energy per component and per layer.

        ARGUMENTS:
          CONFIG                a config file (docs/configs.md), or a SCALE-Sim .cfg read as
                                the QCNPE it describes (docs/scalesim.md); default: the embedded
                                configs/qcnpe-16x16.json with traces/mlp-784-128-128-10-b1.json
        OPTIONS:
          --trace FILE          the trace to run (an AxSim trace .json, a SCALE-Sim
                                topology .csv or an ONNX model .onnx); default: the config's
                                "trace"
          --fidelity MODE       cycle (step every cycle) or fast (closed form); default: the
                                config's "fidelity", else fast
          --format FORMAT       text (default), json, csv, or SCALE-Sim's reports (QCNPE
                                only): scalesim (COMPUTE_REPORT.csv), scalesim-bandwidth
                                (BANDWIDTH_REPORT.csv), scalesim-access
                                (DETAILED_ACCESS_REPORT.csv); the last two need SRAM sizes
          --output PATH         write the report to PATH (atomically) instead of stdout
          --precision BITS      run every layer and neuron at BITS-bit inputs and weights
          --batch N             samples an ONNX model or SCALE-Sim topology runs on
          --input-shape NAME=DIMS
                                shape of an ONNX input with symbolic dimensions, e.g.
                                input=1x3x224x224 (comma-separate several)
          --precision-file FILE per-layer precision by layer name or pattern (docs/import.md)
          --plot FILE.svg       draw energy per layer by component, utilisation, shares
          --timeline FILE.json  write a Chrome/Perfetto trace of layers, folds, stalls, drains
          --vcd FILE.vcd        dump per-NCU and FIFO signals (selects cycle fidelity)
          --window FROM:TO      the cycles the VCD covers (default 0:999)
          --jobs N              threads for independent layers, folds and compute units
                                (default 1); the report never depends on it
          --stats               print simulated cycles per second to standard error

        EXAMPLES:
          axsim run
          axsim run configs/qcnpe-16x16.json --trace traces/lenet5.json --precision 8
          axsim run configs/flexflow-16x16.json --trace traces/lenet5.json --format json --output out/ff.json
          axsim run configs/scalesim-32x32.cfg --trace traces/scalesim/alexnet.csv --format scalesim
          axsim run configs/scalesim-32x32.cfg --trace traces/scalesim/alexnet.csv --format scalesim-bandwidth

        """
    case "sweep":
      return """
        USAGE: axsim sweep CONFIG [--jobs N] [--shard I/N] [--output FILE.csv] [--chart FILE.svg]

        Runs every point of the config's "sweep" section (docs/sweeps.md): axes by key path
        (qcnpe.rows, trace, precision, ...) with lists or ranges, combined as a product, or
        stepped together in a "zip" group. Writes one CSV row per point and an SVG chart of
        the sweep's metric against its chart key. Every point is checked before any runs.

        OPTIONS:
          --jobs N              worker threads (default: all cores); results never depend on it
          --shard I/N           run only points i with i mod N = I - 1 (merge with axsim merge)
          --output FILE.csv     the results (default sweep.csv)
          --chart FILE.svg      the chart (default: the output's name with .svg)

        EXAMPLES:
          axsim sweep configs/sweeps/qcnpe-array-sizes.json --jobs 2 --output out/sizes.csv
          axsim sweep configs/sweeps/qcnpe-array-sizes.json --shard 1/4 --output out/shard1.csv

        """
    case "merge":
      return """
        USAGE: axsim merge SHARD.csv... --output FILE.csv [--chart FILE.svg] [--metric M] [--chart-key K]

        Joins the shard files of one sweep (any order) into the file a single run writes,
        byte for byte. Refuses differing columns, duplicated points and missing points, and
        shards whose provenance lines (axsim build, sweep config digest) differ.

        EXAMPLES:
          axsim merge out/shard1.csv out/shard2.csv out/shard3.csv out/shard4.csv --output out/sizes.csv

        """
    case "nn":
      return """
        USAGE: axsim nn train --dataset NAME --topology WIDTHS [--conv STAGES] --output TRACE
                              [--activation relu|relu6|sigmoid|tanh] [--epochs N] [--seed S]
                              [--learning-rate X] [--batch-size N] [--momentum X] [--dropout X]
                              [--train-arithmetic A] [--trace-batch N]
               axsim nn eval TRACE [--arithmetic A] [--dataset NAME] [--runs N] [--seed S]
                              [--format text|json]
               axsim nn datasets
               axsim nn axnn|canna|framnn|axtrain --dataset NAME --topology WIDTHS --output DIR
                              [--config CONFIG] [--batch N] [training options] [method options]

        train: trains on the data set's training split (75 %, stratified, seed 42) with SGD and
        momentum, reports held-out accuracy, and writes a trace with the weights, the layers'
        arithmetic and the statistics of their real operands (docs/neural-engine.md).
          --dataset NAME        digits, breast_cancer, iris, wine, ionosphere, segment,
                                satimage, mnist5k (axsim nn datasets), a .csv of features
                                then a label per row, or IMAGES,LABELS MNIST IDX files
          --topology WIDTHS     dense widths, input first: 64-32-10
          --conv STAGES         convolution and pooling before the dense layers:
                                6c3p1,maxpool2,16c3p1,maxpool2 (filters c kernel [s stride] [p pad])
          --train-arithmetic A  approximate forward pass while training (straight-through
                                gradients), e.g. drum:4 or fixed:8+ntv:0.66
          --trace-batch N       the batch the trace asks the hardware to run (default 1)
        eval: accuracy, cross-entropy and output error of a trace's network on its data set's
        test split, under the trace's arithmetic or --arithmetic A:
          float | fixed:B[xW] | drum:K | canna:N | mantissa:M | ntv:VOLTS, joined with +
          --runs N              repeat with seeds S, S+1, ... (NTV flips) and report mean ± std
        methods (docs/methods.md): each trains a baseline, approximates it, and writes DIR/NAME.json
        (the chosen network's trace), NAME.csv and NAME.svg (quality against energy, priced on
        CONFIG at inference batch N, default 64):
          axnn     QCNPE (default): --alpha X --retrain-epochs K --max-loss X
          canna    GPU (default): --max-loss X (default 0) --spread S; --gta [--gta-max-bits N]
          framnn   GPU (default): --mantissa M (default 16) --schedule uniform|linear|edp
                   --from M0 (default M-4) --fine-tune-epochs N (default 3) --fine-tune-seed S
                   (default --seed); fine-tunes the trained baseline exactly and by FramNN from
                   the same weights, at learning rate min(--learning-rate, 0.01)
          axtrain  FlexFlow (default): --drum K[,K...] (default 4) --ntv VOLTS[,VOLTS...]
                   (default 0.66) --runs N --passive-epochs P --gamma X --max-loss X (default
                   0.02: the accuracy target of the lowest-energy summary, AxTrain's Fig. 9)

        EXAMPLES:
          axsim nn train --dataset digits --topology 64-32-10 --epochs 30 --output out/digits.json
          axsim nn eval out/digits.json --arithmetic fixed:8
          axsim nn axnn --dataset digits --topology 64-32-10 --output out/axnn

        """
    case "energy":
      return """
        USAGE: axsim energy derive CONFIG [--primitives DIR] [--output FILE] [--check]
               axsim energy validate [--root DIR] [--format text|json] [--output FILE]

        derive: builds the energy table of CONFIG's hardware from the primitive library
        (configs/energy/primitives: Horowitz, CACTI 7, Aladdin, off-chip figures) and the
        config's structure (widths, FIFO depths, buffer sizes), at the config's "technology"
        or the model's own node and supply, and writes it with every number's derivation
        (docs/energy-tables.md).
          --primitives DIR      the primitive files (default: primitives/ beside the config's table)
          --output FILE         write the table to FILE (default: standard output)
          --check               exit 1 when the config's table differs from its derivation

        validate: predicts every published figure AxSim is checked against (AxNN Fig. 4 and
        savings, FlexFlow Table 6 and Fig. 15, CANNA Table I) with the bundled configs, tables
        and traces, without fitting, and prints published, predicted, error and bound; exit 1
        when an error leaves its bound.
          --root DIR            the repository holding configs/ and traces/ (default: .)
          --format FORMAT       text (default) or json

        EXAMPLES:
          axsim energy derive configs/flexflow-16x16.json --check
          axsim energy derive configs/qcnpe-16x16.json --output out/qcnpe-45nm.json
          axsim energy validate

        """
    case "import":
      return """
        USAGE: axsim import FILE [--output PATH] [--format json|text] [--name NAME]
                            [--batch N] [--input-shape NAME=DIMS] [--precision-file FILE]

        Writes the AxSim trace of a model from another tool, to edit and keep in git
        (docs/import.md). FILE is an ONNX model (.onnx, or a file that starts like a
        ModelProto), a SCALE-Sim topology (.csv) or an AxSim trace (.json, rewritten with
        the options applied).

        ONNX: Conv (groups, pads, auto_pad, strides, dilations), Gemm, MatMul (batched) and
        pools become layers; Relu, Sigmoid, Tanh, Clip, Softmax fold into the layer before
        them; batch norm and shape operators move shapes. Weights are not read. An
        unsupported operator ends with one line naming the node, its type and what is
        supported.

        OPTIONS:
          --output PATH         write the trace to PATH (atomically) instead of stdout
          --format FORMAT       json (default) or text (a table of layers, shapes and MACs)
          --name NAME           the trace's name (default: the file's)
          --batch N             samples to simulate; a fixed exported batch is followed
                                through the graph and replaced
          --input-shape NAME=DIMS
                                shape of an ONNX input with symbolic dimensions
                                (1x3x224x224 alone for a model with one input)
          --precision-file FILE {"format": "axsim-precision", "version": 1, "layers":
                                [{"match": "conv1", "input_bits": 8, "weight_bits": 8}]};
                                the first matching rule wins, * and ? are wildcards, a rule
                                that matches no layer is an error

        EXAMPLES:
          axsim import traces/onnx/resnet18.onnx --output out/resnet18.json
          axsim import traces/scalesim/alexnet.csv --batch 4 --format text
          axsim run configs/qcnpe-64x64.json --trace traces/onnx/resnet18.onnx --batch 8

        """
    case "diff":
      return """
        USAGE: axsim diff A.json B.json [--output FILE]

        Prints what changed from report A to report B: first how they were produced
        differently (config keys, options, input digests, build), then totals, energy per
        component, energy and cycles per layer, each with the absolute and relative change.
        Refuses a file that is not a JSON report (exit 2). --output - is standard output.

        EXAMPLES:
          axsim run --format json --output out/a.json
          axsim run --precision 8 --format json --output out/b.json
          axsim diff out/a.json out/b.json

        """
    case "check":
      return """
        USAGE: axsim check REPORT --golden GOLDEN [--rel-tol X] [--abs-tol X]

        Checks that a JSON report keeps the report invariants (components and layers sum
        to the totals, phases sum to cycles, power = energy / time) and matches a golden
        report field by field: numbers a and g agree when
        |a - g| <= max(abs-tol, rel-tol * max(|a|, |g|)).
        Exit 0 when it does, 1 with one line per difference when not, 2 on bad input.

        OPTIONS:
          --golden GOLDEN       the golden report (required)
          --rel-tol X           relative tolerance (default 1e-9)
          --abs-tol X           absolute tolerance (default 1e-9)

        Before any number it says how the golden was produced differently (config keys,
        options, input digests, build). A file that is not a JSON report is refused (exit 2).

        EXAMPLES:
          axsim run configs/qcnpe-16x16.json --format json --output out/report.json
          axsim check out/report.json --golden Tests/EndToEndTests/Goldens/qcnpe-16x16.mlp-784-128-128-10-b1.json

        """
    case "config":
      return """
        A config file is a JSON object (docs/configs.md). Top-level keys:
          model         "qcnpe", "flexflow" or "gpu" (required); its section holds the model's keys
          energyTable   path to the energy table, relative to the config (required)
          trace         path to the trace, relative to the config (or pass --trace)
          fidelity      "fast" (default) or "cycle"
          precision     {"input_bits": B, "weight_bits": B}: force every layer's precision
          technology    {"nodeNM": N, "vddVolts": V}: move the energy table to another node and
                        supply (20...180 nm; V default: the node's nominal) before pricing
          description   free text
        Unknown keys are errors; a misspelt key names the nearest valid one. A SCALE-Sim .cfg
        is read as the QCNPE config it describes (docs/scalesim.md).

        """ + QCNPESettings.section.referenceTable(defaults: QCNPEConfig()) + "\n"
          + FlexFlowSettings.section.referenceTable(defaults: FlexFlowConfig()) + "\n"
          + GPUSettings.section.referenceTable(defaults: GPUConfig())
    default:
      return nil
    }
  }
}
