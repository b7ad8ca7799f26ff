import Arithmetic
import SimKernel
import Trace

/// Measures what a layer's real operands look like, on real data: the statistics a trace
/// carries to the hardware models (docs/trace-format.md, "Statistics").
///
/// Inputs are the layer's input activations (for a convolution, its receptive fields), weights
/// its stored weights; both are also viewed as 16-bit dynamic fixed-point words, the format of
/// the fixed-point datapaths. Product statistics are measured on up to `maximumSamples`
/// products drawn with a fixed seed.
public enum OperandStatisticsCollector {
  /// Products examined per layer at most.
  public static let maximumSamples = 100_000
  /// Tuning-bit settings whose CANNA hit rate is measured.
  public static let cannaSettings = Array(0...8)
  /// DRUM k values whose mean relative error is measured.
  public static let drumSettings = Array(4...8)

  /// Statistics of one layer's operands at its precision.
  ///
  /// `inputs` holds rows of fan-in values, `weights` one row per neuron; each neuron's
  /// operands are truncated to its bits in `precision` (nil: the full 16-bit words). Shapes
  /// that do not fit together (a fan-in that differs, per-neuron precisions for another
  /// number of neurons) measure nothing.
  public static func measure(inputs: Matrix, weights: Matrix, precision: LayerPrecision? = nil) -> OperandStatistics {
    let wordBits = ApproximateProduct.wordBits
    let fitsNeurons = { (bits: [Int]) in bits.count == 1 || bits.count == weights.rows }
    guard inputs.rows > 0, weights.rows > 0, inputs.columns == weights.columns,
      precision.map({ fitsNeurons($0.inputBits) && fitsNeurons($0.weightBits) }) ?? true,
      let inputFormat = try? FixedPointFormat.dynamic(wordBits: wordBits, covering: Double(inputs.maximumMagnitude)),
      let weightFormat = try? FixedPointFormat.dynamic(wordBits: wordBits, covering: Double(weights.maximumMagnitude))
    else { return .none }
    let inputBits = (0..<weights.rows).map { min(wordBits, max(1, precision?.inputBits(ofNeuron: $0) ?? wordBits)) }
    let weightBits = (0..<weights.rows).map { min(wordBits, max(1, precision?.weightBits(ofNeuron: $0) ?? wordBits)) }
    // Each input meets every neuron, at that neuron's input bits: count it once per distinct
    // width, weighted by how many neurons read at that width.
    let inputGroups = runLengths(inputBits.sorted())
    var zeroInputs = 0
    var inputBitSum = 0
    let inputWords = inputs.values.map { inputFormat.quantize(Double($0)) }
    let weightWords = weights.values.map { weightFormat.quantize(Double($0)) }
    for word in inputWords {
      for (bits, neurons) in inputGroups {
        let used = significantBits(word, keeping: bits, of: inputFormat)
        if used == 0 { zeroInputs += neurons } else { inputBitSum += used * neurons }
      }
    }
    var zeroWeights = 0
    var weightBitSum = 0
    for neuron in 0..<weights.rows {
      for column in 0..<weights.columns {
        let word = weightWords[neuron * weights.columns + column]
        let used = significantBits(word, keeping: weightBits[neuron], of: weightFormat)
        if used == 0 { zeroWeights += 1 } else { weightBitSum += used }
      }
    }
    let canna = cannaSettings.compactMap { try? CANNAMultiplier(tuningBits: $0) }
    let drums = drumSettings.compactMap { try? DRUMMultiplier(k: $0) }
    var cannaHits = Array(repeating: 0, count: canna.count)
    var drumErrors = Array(repeating: 0.0, count: drums.count)
    var drumCounted = 0
    let total = inputs.rows * weights.rows * weights.columns
    let samples = min(total, maximumSamples)
    var generator = SplitMix64(seed: 0x57A7)
    for sample in 0..<samples {
      let product = samples == total ? sample : Int(generator.next() % UInt64(total))
      let index = product % weights.columns
      let neuron = (product / weights.columns) % weights.rows
      let row = product / (weights.columns * weights.rows)
      let input = inputs.values[row * inputs.columns + index]
      let weight = weights.values[neuron * weights.columns + index]
      for (position, multiplier) in canna.enumerated() where multiplier.multiply(input, weight).hit { cannaHits[position] += 1 }
      // DRUM multiplies the words the datapath holds: truncated to the neuron's bits.
      let inputWord = inputFormat.truncate(inputFormat.quantize(Double(input)), toBits: inputBits[neuron])
      let weightWord = weightFormat.truncate(weightFormat.quantize(Double(weight)), toBits: weightBits[neuron])
      guard inputWord != 0, weightWord != 0 else { continue }
      let exact = Double(inputWord) * Double(weightWord)
      for (position, drum) in drums.enumerated() {
        drumErrors[position] += (Double(drum.multiply(inputWord, weightWord)) - exact) / exact
      }
      drumCounted += 1
    }
    let toggles = toggleFractions(
      inputWords: inputWords, weightWords: weightWords, rows: inputs.rows, neurons: weights.rows, fanIn: weights.columns,
      inputGroups: inputGroups, weightBits: weightBits, wordBits: wordBits)
    let inputOperands = inputs.values.count * weights.rows
    let nonzeroInputs = inputOperands - zeroInputs
    let nonzeroWeights = weights.values.count - zeroWeights
    return OperandStatistics(
      zeroInputFraction: Double(zeroInputs) / Double(inputOperands),
      zeroWeightFraction: Double(zeroWeights) / Double(weights.values.count),
      meanInputBits: nonzeroInputs > 0 ? Double(inputBitSum) / Double(nonzeroInputs) : 0,
      meanWeightBits: nonzeroWeights > 0 ? Double(weightBitSum) / Double(nonzeroWeights) : 0,
      inputToggleFraction: toggles.input, weightToggleFraction: toggles.weight,
      inputToggleFractionAcrossRows: toggles.inputAcrossRows, weightToggleFractionAcrossNeurons: toggles.weightAcrossNeurons,
      cannaHitRate: zip(cannaSettings, cannaHits).map { .init(setting: $0, value: Double($1) / Double(max(1, samples))) },
      drumMeanRelativeError: drumCounted > 0
        ? zip(drumSettings, drumErrors).map { .init(setting: $0, value: $1 / Double(drumCounted)) } : [],
      sampledProducts: samples)
  }

  /// Statistics of every layer with weights, measured on a forward pass under `arithmetic`.
  ///
  /// The pass runs over the first `maximumRows` samples of `data` under `arithmetic` (nil:
  /// exact, operands at 16 bits), so a layer's operands are the activations the approximate
  /// layers before it really produce; pooling layers get none. NTV flips draw from a fixed
  /// seed.
  public static func measure(_ network: Network, on data: Dataset, maximumRows: Int = 512, arithmetic: NetworkArithmetic? = nil)
    throws(NeuralEngineError) -> [OperandStatistics]
  {
    try network.checkCompatible(with: data)
    let rows = min(max(0, maximumRows), data.samples)
    var context = EvaluationContext(seed: 0)
    var pass = ForwardPass()
    var unused = SplitMix64(seed: 0)
    _ = try network.forward(
      data.features.rows(0..<rows), arithmetic: arithmetic, context: &context, pass: &pass, dropout: 0, generator: &unused)
    return network.layers.enumerated().map { index, layer in
      let precision = arithmetic?.layers[index].precision
      switch layer {
      case .dense(let dense): return measure(inputs: pass.inputs[index], weights: dense.weights, precision: precision)
      case .convolution(let convolution):
        return pass.columns[index].map { measure(inputs: $0, weights: convolution.weights, precision: precision) } ?? .none
      case .pooling: return .none
      }
    }
  }

  /// The significant bits of `word` once truncated to its `keeping` most significant bits:
  /// the width of the magnitude of the `keeping`-bit operand the datapath sees (0 for zero).
  static func significantBits(_ word: Int64, keeping bits: Int, of format: FixedPointFormat) -> Int {
    let operand = format.truncate(word, toBits: bits) >> Int64(format.wordBits - bits)
    return 64 - operand.magnitude.leadingZeroBitCount
  }

  /// (value, how many times it repeats) for each run of a sorted array.
  static func runLengths(_ sorted: [Int]) -> [(value: Int, count: Int)] {
    var runs: [(value: Int, count: Int)] = []
    for value in sorted {
      if let last = runs.last, last.value == value { runs[runs.count - 1].count += 1 } else { runs.append((value, 1)) }
    }
    return runs
  }
}
