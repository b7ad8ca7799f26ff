import NeuralEngine
import Testing
import Trace

/// Approximate arithmetic in the forward pass, measured on trained networks and real data.
@Suite struct ApproximateEvaluationTests {
  func accuracy(_ pair: (Network, DatasetSplit), _ arithmetic: LayerArithmetic, seed: UInt64 = 0) throws -> Double {
    var context = EvaluationContext(seed: seed)
    return try pair.0.accuracy(
      on: pair.1.test, arithmetic: .uniform(arithmetic, layers: pair.0.layers.count), context: &context)
  }

  /// The three acceptance networks, each trained once per test process.
  static var acceptanceNetworks: [(Network, DatasetSplit)?] {
    [BundledData.digitsMLP, BundledData.cancerMLP, BundledData.digitsCNN]
  }

  @Test func eightBitFixedPointLosesLessThanOnePercent() throws {
    for pair in Self.acceptanceNetworks {
      let pair = try #require(pair)
      let exact = try accuracy(pair, .exact)
      let eightBit = try accuracy(pair, .fixedPoint(bits: 8))
      #expect(exact - eightBit < 0.01, "\(pair.0.name): exact \(exact), 8-bit \(eightBit)")
    }
  }

  func metrics(_ pair: (Network, DatasetSplit), _ arithmetic: LayerArithmetic) throws -> EvaluationMetrics {
    var context = EvaluationContext(seed: 0)
    return try pair.0.evaluate(on: pair.1.test, arithmetic: .uniform(arithmetic, layers: pair.0.layers.count), context: &context)
  }

  /// Mean squared distance between the class probabilities under `arithmetic` and under
  /// exact arithmetic, over the test samples: how far the approximate datapath moves the
  /// network's outputs, whatever it does to the few samples near a decision boundary.
  func outputDeviation(_ pair: (Network, DatasetSplit), _ arithmetic: LayerArithmetic) throws -> Double {
    var context = EvaluationContext(seed: 0)
    let exact = try pair.0.probabilities(pair.1.test.features, context: &context)
    let approximate = try pair.0.probabilities(
      pair.1.test.features, arithmetic: .uniform(arithmetic, layers: pair.0.layers.count), context: &context)
    let squares = zip(exact.values, approximate.values).map { Double($0 - $1) * Double($0 - $1) }
    return squares.reduce(0, +) / Double(max(1, exact.rows))
  }

  /// DRUM-4 moves every network's outputs further from exact than DRUM-8.
  ///
  /// Accuracy on 142 or 451 test samples cannot show it: a change of one sample is noise, and
  /// DRUM-4 even scores 0.4 % above exact on the digits MLP and CNN. On the MLPs the held-out
  /// cross-entropy and output error resolve it too; on the CNN they do not (DRUM-4's error
  /// happens to help it there), so there only the deviation is required
  /// (docs/neural-engine.md, "DRUM on real data").
  @Test func aggressiveDRUMLosesMoreThanMildDRUM() throws {
    for pair in Self.acceptanceNetworks {
      let pair = try #require(pair)
      let k4 = try outputDeviation(pair, LayerArithmetic(multiplier: .drum(k: 4)))
      let k8 = try outputDeviation(pair, LayerArithmetic(multiplier: .drum(k: 8)))
      #expect(k4 > 2 * k8, "\(pair.0.name): output deviation k=4 \(k4), k=8 \(k8)")
    }
    for pair in [BundledData.digitsMLP, BundledData.cancerMLP] {
      let pair = try #require(pair)
      let exact = try metrics(pair, .exact)
      let k4 = try metrics(pair, LayerArithmetic(multiplier: .drum(k: 4)))
      let k8 = try metrics(pair, LayerArithmetic(multiplier: .drum(k: 8)))
      #expect(k4.crossEntropy - exact.crossEntropy > k8.crossEntropy - exact.crossEntropy, "\(pair.0.name): \(exact) \(k4) \(k8)")
      #expect(k4.outputError > k8.outputError, "\(pair.0.name): k=4 \(k4.outputError), k=8 \(k8.outputError)")
    }
  }

  @Test func precisionLossGrowsAsBitsFall() throws {
    let pair = try #require(BundledData.digitsMLP)
    let high = try accuracy(pair, .fixedPoint(bits: 10))
    let low = try accuracy(pair, .fixedPoint(bits: 3))
    let lowest = try accuracy(pair, .fixedPoint(bits: 1))
    #expect(high > low && low >= lowest, "10 bits \(high), 3 bits \(low), 1 bit \(lowest)")
  }

  @Test func nearThresholdStorageDegradesWithVoltageAndIsSeeded() throws {
    let pair = try #require(BundledData.digitsMLP)
    func ntv(_ volts: Double, seed: UInt64) throws -> Double {
      try accuracy(
        pair, LayerArithmetic(precision: nil, weightStorage: WeightStorage(volts: volts, mode: .persistent)), seed: seed)
    }
    #expect(try ntv(0.40, seed: 3) == ntv(0.40, seed: 3), "the same seed gives the same flips")
    let mean400 = try (0..<5).map { try ntv(0.40, seed: $0) }.reduce(0, +) / 5
    let mean850 = try (0..<5).map { try ntv(0.85, seed: $0) }.reduce(0, +) / 5
    #expect(mean400 < mean850, "0.40 V \(mean400), 0.85 V \(mean850)")
  }

  @Test func cannaAndMantissaMultipliersRunAndDegradeGracefully() throws {
    let pair = try #require(BundledData.digitsMLP)
    let exact = try accuracy(pair, .exact)
    let canna0 = try accuracy(pair, LayerArithmetic(multiplier: .canna(tuningBits: 0)))
    let canna8 = try accuracy(pair, LayerArithmetic(multiplier: .canna(tuningBits: 8)))
    let mantissa16 = try accuracy(pair, LayerArithmetic(multiplier: .mantissa(bits: 16)))
    #expect(abs(canna8 - exact) <= 0.01, "8 tuning bits are nearly exact: \(canna8) vs \(exact)")
    #expect(canna0 <= canna8 + 1e-9)
    #expect(abs(mantissa16 - exact) <= 0.01)
  }
}
