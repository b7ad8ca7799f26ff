import NeuralEngine
import Testing
import Trace

/// CANNA's sensitivity analysis, layer-based inference approximation and hit-rate counting.
@Suite struct CANNALayerBasedTests {
  /// Algorithm 2 at 0 % quality loss on the digits MLP 64-32-10, run once and shared.
  static let digits: (Network, DatasetSplit, CANNALayerBasedApproximation.Outcome)? = {
    guard let (network, data) = BundledData.digitsMLP else { return nil }
    let method = CANNALayerBasedApproximation(configuration: .init(maximumAccuracyLoss: 0, maximumTuningBits: 12))
    guard let outcome = try? method.run(network, data: data) else { return nil }
    return (network, data, outcome)
  }()

  @Test func layerBasedMeetsTheTargetWithAHigherHitRateThanUniform() throws {
    let (_, _, outcome) = try #require(Self.digits)
    let layerBased = try #require(outcome.layerBased)
    let uniform = try #require(outcome.uniform)
    #expect(layerBased.meetsQoS && layerBased.accuracyLoss <= 1e-9)
    #expect(uniform.meetsQoS && uniform.accuracyLoss <= 1e-9)
    // Measured: layer-based [0, 2] bits hits 95.1 % of products, uniform 5 bits 50.5 %.
    #expect(layerBased.hitRate > uniform.hitRate)
    #expect(layerBased.tuningBits != uniform.tuningBits)
    // Uniform picked the deepest qualifying setting: one bit fewer fails.
    #expect(outcome.uniformSearch.dropLast().allSatisfy { !$0.meetsQoS })
    #expect(outcome.layerBasedSearch.dropLast().allSatisfy { !$0.meetsQoS })
  }

  @Test func sensitivitiesAreNormalisedAndTheOutputLayerLeads() throws {
    let (network, _, outcome) = try #require(Self.digits)
    let values = outcome.sensitivity.sensitivities.compactMap { $0 }
    #expect(values.count == network.layers.count)
    #expect(values.allSatisfy { (0...1).contains($0) })
    #expect(values.max() == 1)
    // Measured fact for this network: the output layer at 0 bits costs 2.2 % accuracy, the
    // first layer none (its products meet pixels that are multiples of 1/16 and zeros).
    #expect(outcome.sensitivity.layers.last??.sensitivity == 1)
    #expect((outcome.sensitivity.layers.first??.sensitivity ?? 1) < 0.5)
    #expect(outcome.sensitivity.layers.allSatisfy { $0?.hitRate == 1 })
  }

  @Test func hitRateIsOneAtZeroBitsAndFallsAsTuningBitsGrow() throws {
    let (network, data, outcome) = try #require(Self.digits)
    let rates = outcome.uniformSearch.map(\.hitRate)
    #expect(rates.count >= 3)
    #expect(rates.first == 1)
    #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(rates.last ?? 1 < rates.first ?? 0)
    // Products counted on the real test operands: every sample meets every weight once.
    let fanIns = network.layers.compactMap { $0.parameters.map { $0.weights.values.count } }
    #expect(outcome.uniformSearch[0].usage.products == fanIns.map { $0 * data.test.samples })
    // Along the layer-based search no layer's bits fall, so no hit rate rises.
    let search = outcome.layerBasedSearch
    for (before, after) in zip(search, search.dropFirst()) {
      #expect(zip(before.tuningBits, after.tuningBits).allSatisfy { ($0 ?? 0) <= ($1 ?? 0) })
      #expect(before.hitRate >= after.hitRate)
    }
  }

  @Test func hitsAreCountedOperandByOperand() throws {
    // Weights 1.0 and 2⁻ pass every test (fraction all zeros / all ones); 1.25 and 1.5 pass
    // only n = 0 (their second fraction bit differs from the first). Zero inputs always hit.
    let weights = Matrix(rows: 2, columns: 2, values: [1.0, 1.25, 1.5, Float(2).nextDown])
    let layer = DenseLayer(inputs: 2, outputs: 2, activation: .softmax, weights: weights, biases: [0, 0])
    let network = try Network(name: "tiny", layers: [.dense(layer)])
    let data = try Dataset(
      name: "tiny", features: Matrix(rows: 2, columns: 2, values: [2, 3, 0, 0]), labels: [0, 1], classes: 2,
      sampleShape: .vector(2))
    for (bits, hits) in [(0, 8), (1, 6), (5, 6), (22, 6)] {
      let (_, usage) = try network.evaluateCANNA(on: data, arithmetic: try network.cannaArithmetic(tuningBits: [bits]))
      #expect(usage.hits == [hits] && usage.products == [8], "n = \(bits)")
    }
    let (_, exactUsage) = try network.evaluateCANNA(on: data, arithmetic: .exact(layers: 1))
    #expect(exactUsage.products == [0] && exactUsage.overallHitRate == 0)
  }

  @Test func offsetRuleReproducesCANNATableII() {
    // Sensitivities 1, 0.52, 0.34, 0.89 → configurations m, m − 1, m − 2, m (Table II).
    let method = CANNALayerBasedApproximation()
    let sensitivities: [Double?] = [1, 0.52, 0.34, 0.89]
    #expect(method.tuningBits(level: 6, sensitivities: sensitivities) == [6, 5, 4, 6])
    #expect(method.tuningBits(level: 3, sensitivities: sensitivities) == [3, 2, 1, 3])
    #expect(method.tuningBits(level: 2, sensitivities: sensitivities) == [2, 1, 0, 2])
    #expect(method.tuningBits(level: 0, sensitivities: [1, nil, 0]) == [0, nil, 0])
  }

  @Test func badSettingsAreErrorsNotTraps() throws {
    let (network, data) = try #require(BundledData.digitsMLP)
    #expect(throws: NeuralEngineError.self) { try network.cannaArithmetic(tuningBits: [1]) }
    #expect(throws: NeuralEngineError.self) { try network.cannaArithmetic(tuningBits: [23, 0]) }
    for bad in [
      CANNALayerBasedApproximation.Configuration(maximumAccuracyLoss: -0.1),
      CANNALayerBasedApproximation.Configuration(spread: -1),
      CANNALayerBasedApproximation.Configuration(maximumTuningBits: 23),
    ] {
      #expect(throws: NeuralEngineError.self) { try CANNALayerBasedApproximation(configuration: bad).run(network, data: data) }
    }
  }
}
