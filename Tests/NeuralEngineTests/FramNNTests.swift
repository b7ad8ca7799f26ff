import NeuralEngine
import Testing

/// FramNN: schedules, training with the m-bit mantissa multiplier forward and exact
/// backpropagation, and the comparison with exactly trained networks.
@Suite struct FramNNTests {
  /// Fine-tunes the trained digits MLP for `epochs` at learning rate 0.01 with seed `seed`,
  /// exactly and with FramNN at `bits`, both evaluated at `bits` on the test split.
  static func comparison(bits: Int, seed: UInt64, epochs: Int) throws -> FramNNTraining.Comparison {
    let (network, data) = try #require(BundledData.digitsMLP)
    let configuration = FramNNTraining.Configuration(
      schedule: try .uniform(bits: bits), training: TrainingConfiguration(epochs: epochs, learningRate: 0.01, seed: seed))
    return try FramNNTraining(configuration: configuration).compare(network, data: data, evaluationBits: bits)
  }

  @Test func framNNBeatsExactTrainingWhereTheMultiplierHurts() throws {
    // At m = 1 (only the hidden one: every product a power of two) the exactly trained network
    // loses several points; FramNN training recovers a large part of them. Measured (3 epochs,
    // seeds 2/3/4): exact 87.1/87.4/87.6 %, Brier 0.230/0.231/0.232; FramNN 90.9/90.9/91.1 %,
    // Brier 0.136/0.153/0.150. The gain is many times the spread between seeds, so each seed
    // must show it on its own.
    for seed: UInt64 in [2, 3] {
      let result = try Self.comparison(bits: 1, seed: seed, epochs: 2)
      #expect(result.outputErrorGain > 0.02, "seed \(seed): \(result)")
      #expect(result.accuracyGain > 0, "seed \(seed): \(result)")
    }
  }

  @Test func atSixteenBitsTheDifferenceIsBelowNoise() throws {
    // The 16-bit multiplier errs by at most 2^-14 per product: both networks classify the test
    // split identically and their Brier scores differ by ~1e-7 (either sign over seeds 2–4).
    // The paper's 16-bit gain is not measurable on this network and data; we assert what holds.
    let result = try Self.comparison(bits: 16, seed: 2, epochs: 1)
    #expect(abs(result.accuracyGain) <= 1.0 / 451 + 1e-12)
    #expect(abs(result.outputErrorGain) < 1e-3)
  }

  @Test func fullWidthFramNNIsExactTraining() throws {
    // m = 24 is binary32 and FramNN backpropagates exactly: the same SGD steps as `Trainer`.
    let data = try BundledData.split(.digits)
    let specification = try NetworkSpecification(dense: "64-16-10")
    let network = try specification.build(name: "small", inputShape: data.train.sampleShape, classes: data.train.classes, seed: 3)
    let training = TrainingConfiguration(epochs: 2, seed: 3)
    var exact = network
    try Trainer(configuration: training).train(&exact, on: data.train)
    let outcome = try FramNNTraining(configuration: .init(schedule: try .uniform(bits: 24), training: training)).run(network, on: data.train)
    #expect(outcome.network == exact)
    #expect(outcome.iterationsPerLevel == [2 * 43])
  }

  @Test func edpOptimalScheduleHoldsPowerTimesTimeConstant() throws {
    let levels = [8, 12, 16, 20, 24]
    let powers = try FramNNSchedule.multiplierPowers(levels: levels)
    #expect(powers.last == 1 && powers[0] == 64.0 / 576)
    let schedule = try FramNNSchedule.edpOptimal(levels: levels, powers: powers)
    let products = zip(schedule.shares, powers).map { $0 * $1 }
    #expect(products.allSatisfy { abs($0 - products[0]) < 1e-12 })
    // t_i = T / (p_i Σ_j 1/p_j), rounded to whole iterations that sum to T.
    let total = 1000
    let iterations = schedule.iterations(total: total)
    #expect(iterations.reduce(0, +) == total)
    let inverseSum = powers.map { 1 / $0 }.reduce(0, +)
    for (count, power) in zip(iterations, powers) { #expect(abs(Double(count) - Double(total) / (power * inverseSum)) <= 1) }
    #expect(zip(iterations, iterations.dropFirst()).allSatisfy { $0 > $1 })  // costlier levels run shorter
    let plan = schedule.plan(total: total)
    #expect(plan.count == total && plan.first == 8 && plan.last == 24 && zip(plan, plan.dropFirst()).allSatisfy { $0 <= $1 })
  }

  @Test func uniformAndLinearSchedules() throws {
    #expect(try FramNNSchedule.uniform(bits: 16).iterations(total: 7) == [7])
    let linear = try FramNNSchedule.linear(from: 8, to: 12)
    #expect(linear.levels == [8, 9, 10, 11, 12])
    #expect(linear.iterations(total: 12) == [3, 3, 2, 2, 2])
    let fixedShare = try FramNNSchedule.multiplierPowers(levels: [12, 24], fixed: 0.5)
    #expect(fixedShare == [0.625, 1])
  }

  @Test func badSchedulesAreErrors() {
    #expect(throws: NeuralEngineError.self) { try FramNNSchedule.uniform(bits: 25) }
    #expect(throws: NeuralEngineError.self) { try FramNNSchedule.linear(from: 12, to: 8) }
    #expect(throws: NeuralEngineError.self) { try FramNNSchedule.edpOptimal(levels: [8, 16], powers: [1]) }
    #expect(throws: NeuralEngineError.self) { try FramNNSchedule.edpOptimal(levels: [16, 8], powers: [1, 0.25]) }
    #expect(throws: NeuralEngineError.self) { try FramNNSchedule.edpOptimal(levels: [8, 16], powers: [0, 1]) }
    #expect(throws: NeuralEngineError.self) { try FramNNSchedule.multiplierPowers(levels: [8], fixed: 1) }
  }
}
