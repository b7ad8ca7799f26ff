import AxJSON
import FlexFlow

/// The `flexflow` section of a config: the FlexFlow PE array (Lu et al., HPCA 2017) as AxTrain
/// used it, with its DRUM multipliers and near-threshold kernel storage (docs/flexflow.md).
///
/// Every key is declared once here; `multiplier` is applied before `drumK`, whatever their
/// order in the file.
enum FlexFlowSettings {
  static let section = ConfigSection<FlexFlowConfig>(
    key: "flexflow", summary: "the FlexFlow PE array with DRUM multipliers and NTV kernel storage (docs/flexflow.md)",
    fields: array + approximation)

  static let array: [ConfigField<FlexFlowConfig>] = [
    .integer(
      "side", \.side, in: 1...FlexFlowConfig.maximumSide, unit: "PEs", "D: PEs per row and per column of the square array"),
    .integer(
      "neuronLocalStoreBytes", \.neuronLocalStoreBytes, in: 4...(1 << 20), unit: "bytes",
      "neuron local store per PE; half holds the running block, half the next"),
    .integer(
      "kernelLocalStoreBytes", \.kernelLocalStoreBytes, in: 4...(1 << 20), unit: "bytes",
      "kernel local store per PE; half holds the running block, half the next"),
    .integer("neuronBufferBytes", \.neuronBufferBytes, in: 64...(1 << 30), unit: "bytes", "each neuron buffer (D banks)"),
    .integer("kernelBufferBytes", \.kernelBufferBytes, in: 64...(1 << 30), unit: "bytes", "the kernel buffer (D banks)"),
    .integer(
      "neuronBusWordsPerCycle", \.neuronBusWordsPerCycle, in: 1...1024, unit: "words/cycle",
      "words one column (neuron) bus carries per cycle"),
    .integer(
      "kernelBusWordsPerCycle", \.kernelBusWordsPerCycle, in: 1...1024, unit: "words/cycle",
      "words one row (kernel) bus carries per cycle (16: a 256-bit bus)"),
    .integer("wordBits", \.wordBits, in: 4...16, unit: "bits", "operand word width"),
    .integer(
      "accumulatorBits", \.accumulatorBits, in: 8...64, unit: "bits", "PE adder and row accumulator width (at least 2 x wordBits)"
    ),
    .number("clockMHz", \.clockMHz, in: 1...100_000, unit: "MHz", "clock frequency"),
    .integer(
      "outputLatencyCycles", \.outputLatencyCycles, in: 0...100_000, unit: "cycles",
      "last step to last output in Neuron Buffer 2 (adder chain, pooling ALU, write); default D + 2"),
    ConfigField(
      key: "dataflow", unit: "choice",
      range: FlexFlowConfig.Dataflow.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "),
      summary:
        "FlexFlow's own dataflow, or a baseline of its Fig. 15 on the same PEs and buffers without local stores: systolic (K x K grids), mapping2d (ShiDianNao-like), tiling (DianNao-like)",
      read: { node, config throws(JSONDecodeError) in
        let name = try node.string(oneOf: FlexFlowConfig.Dataflow.allCases.map(\.rawValue))
        config.dataflow = FlexFlowConfig.Dataflow(rawValue: name) ?? .flexflow
      },
      show: { "\"\($0.dataflow.rawValue)\"" }),
    .flag(
      "interLayerLayout", \.interLayerLayout,
      "require <Tm,Tr,Tc> of a convolution = <Tn,Ti,Tj> of the next (in-advance data placement) where feasible"),
  ]

  static let approximation: [ConfigField<FlexFlowConfig>] = [
    ConfigField(
      key: "multiplier", unit: "choice", range: "\"trace\", \"exact\", \"drum\"",
      summary: "PE multiplier of every layer; \"trace\" keeps each layer's own",
      read: { node, config throws(JSONDecodeError) in
        switch try node.string(oneOf: ["trace", "exact", "drum"]) {
        case "exact": config.multiplierOverride = .exact
        case "drum":
          if case .drum = config.multiplierOverride {} else { config.multiplierOverride = .drum(k: 6) }
        default: config.multiplierOverride = nil
        }
      },
      show: { config in
        switch config.multiplierOverride {
        case .none: return "\"trace\""
        case .drum?: return "\"drum\""
        default: return "\"exact\""
        }
      }),
    ConfigField(
      key: "drumK", unit: "bits", range: "3...wordBits-1",
      summary: "DRUM k, the significant bits kept (with \"multiplier\": \"drum\")",
      read: { node, config throws(JSONDecodeError) in
        guard case .drum = config.multiplierOverride else { throw node.error("drumK needs \"multiplier\": \"drum\"") }
        config.multiplierOverride = .drum(k: try node.int(in: 3...15))
      },
      show: { config in if case .drum(let k)? = config.multiplierOverride { return String(k) } else { return "6" } }),
    ConfigField(
      key: "kernelStorageVolts", unit: "volts", range: "0.3...1.5 or \"trace\"",
      summary:
        "supply of the kernel buffer and kernel local stores; \"trace\" uses the trace's weight_sram_voltage_v (nominal 1.1 V when absent)",
      read: { node, config throws(JSONDecodeError) in
        if case .string(let text) = node.value, text == "trace" {
          config.kernelStorageVolts = nil
        } else {
          config.kernelStorageVolts = try node.double(in: 0.3...1.5)
        }
      },
      show: { $0.kernelStorageVolts.map { JSONWriter.format($0) } ?? "\"trace\"" }),
  ]
}
