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

  /// Statistics of one layer whose inputs are `inputs` (rows of fan-in values) and weights
  /// `weights` (one row per neuron).
  public static func measure(inputs: Matrix, weights: Matrix) -> OperandStatistics {
    let wordBits = ApproximateProduct.wordBits
    guard inputs.rows > 0, inputs.columns == weights.columns,
      let inputFormat = try? FixedPointFormat.dynamic(wordBits: wordBits, covering: Double(inputs.maximumMagnitude)),
      let weightFormat = try? FixedPointFormat.dynamic(wordBits: wordBits, covering: Double(weights.maximumMagnitude))
    else { return .none }
    func bits(_ word: Int64) -> Int { 64 - word.magnitude.leadingZeroBitCount }
    var zeroInputs = 0
    var inputBitSum = 0
    for value in inputs.values {
      let word = inputFormat.quantize(Double(value))
      if word == 0 { zeroInputs += 1 } else { inputBitSum += bits(word) }
    }
    var zeroWeights = 0
    var weightBitSum = 0
    for value in weights.values {
      let word = weightFormat.quantize(Double(value))
      if word == 0 { zeroWeights += 1 } else { weightBitSum += bits(word) }
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
      let inputWord = inputFormat.quantize(Double(input))
      let weightWord = weightFormat.quantize(Double(weight))
      guard inputWord != 0, weightWord != 0 else { continue }
      let exact = Double(inputWord) * Double(weightWord)
      for (position, drum) in drums.enumerated() {
        drumErrors[position] += (Double(drum.multiply(inputWord, weightWord)) - exact) / exact
      }
      drumCounted += 1
    }
    let nonzeroInputs = inputs.values.count - zeroInputs
    let nonzeroWeights = weights.values.count - zeroWeights
    return OperandStatistics(
      zeroInputFraction: Double(zeroInputs) / Double(inputs.values.count),
      zeroWeightFraction: Double(zeroWeights) / Double(weights.values.count),
      meanInputBits: nonzeroInputs > 0 ? Double(inputBitSum) / Double(nonzeroInputs) : 0,
      meanWeightBits: nonzeroWeights > 0 ? Double(weightBitSum) / Double(nonzeroWeights) : 0,
      cannaHitRate: zip(cannaSettings, cannaHits).map { .init(setting: $0, value: Double($1) / Double(max(1, samples))) },
      drumMeanRelativeError: drumCounted > 0 ? zip(drumSettings, drumErrors).map { .init(setting: $0, value: $1 / Double(drumCounted)) } : [],
      sampledProducts: samples)
  }

  /// Statistics of every layer with weights, measured on an exact forward pass over `data`
  /// (at most `maximumRows` samples); pooling layers get none.
  public static func measure(_ network: Network, on data: Dataset, maximumRows: Int = 512) throws(NeuralEngineError) -> [OperandStatistics] {
    let rows = min(maximumRows, data.samples)
    var context = EvaluationContext(seed: 0)
    var pass = ForwardPass()
    var unused = SplitMix64(seed: 0)
    _ = try network.forward(data.features.rows(0..<rows), arithmetic: nil, context: &context, pass: &pass, dropout: 0, generator: &unused)
    return network.layers.enumerated().map { index, layer in
      switch layer {
      case .dense(let dense): return measure(inputs: pass.inputs[index], weights: dense.weights)
      case .convolution(let convolution): return pass.columns[index].map { measure(inputs: $0, weights: convolution.weights) } ?? .none
      case .pooling: return .none
      }
    }
  }
}
