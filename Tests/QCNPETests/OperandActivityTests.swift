import QCNPE
import SimKernel
import TestSupport
import Testing
import Trace

/// Operand switching activity: the toggle counter against a scalar reference, uniform words at
/// one half, the synthesis process against its closed form, and the `cycle` fidelity's counted
/// toggles against the `fast` fidelity's expected ones.
@Suite struct OperandActivityTests {
  /// Popcount of XOR, one transition at a time.
  static func referenceToggles(_ words: [Int16], mask: UInt16) -> Int {
    guard words.count > 1 else { return 0 }
    return (1..<words.count).reduce(0) { $0 + (UInt16(bitPattern: words[$1 - 1] ^ words[$1]) & mask).nonzeroBitCount }
  }

  @Test(arguments: 0..<20)
  func counterMatchesScalarReference(seed: UInt64) {
    var random = CaseRandom(seed: seed)
    let words = (0..<random.int(in: 0...40)).map { _ in Int16(truncatingIfNeeded: random.next()) }
    let mask = UInt16(truncatingIfNeeded: random.next())
    let counted = words.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { OperandToggleCounter.toggles($0, count: words.count, mask: mask) } ?? 0
    }
    #expect(counted == Self.referenceToggles(words, mask: mask), "seed \(seed)")
  }

  /// Uniformly random words (what shape-only traces stream) toggle half their bits: the
  /// reference activity of the energy table.
  @Test func uniformRandomOperandsToggleHalfTheirBits() {
    let operands = SynthesizedOperands(seed: 7, wordBits: 16)
    let words = (0..<20_000).map { Int16(truncatingIfNeeded: operands.input(layer: 0, row: 0, k: $0)) }
    for bits in [16, 8, 3] {
      let mask = UInt16(truncatingIfNeeded: Int32(-1) << Int32(16 - bits))
      let fraction = Double(Self.referenceToggles(words, mask: mask)) / Double((words.count - 1) * bits)
      #expect(abs(fraction - 0.5) < 0.01, "\(bits) bits: \(fraction)")
    }
  }

  /// A long stream reproduces its process's zero fraction and expected toggle fraction, and
  /// its non-zero words' mean significant bits within one bit.
  @Test(arguments: 0..<12)
  func streamMatchesItsClosedForm(seed: UInt64) {
    var random = CaseRandom(seed: seed &+ 50)
    let zeros = random.chance(0.3) ? 0 : Double(random.int(in: 0...70)) / 100
    let target = Double(random.int(in: 2...98)) / 100
    let precision = random.int(in: 2...16)
    let meanBits = Double(random.int(in: 1...precision))
    let process = OperandProcess(
      toggleFraction: target, zeroFraction: zeros, significantBits: meanBits, precisionBits: precision)
    var stream = OperandStream(process, wordBits: 16, seed: seed)
    let words = (0..<40_000).map { _ in stream.next() }
    let mask = UInt16(truncatingIfNeeded: Int32(-1) << Int32(16 - precision))
    let toggled = Double(Self.referenceToggles(words, mask: mask)) / Double((words.count - 1) * precision)
    let zeroShare = Double(words.filter { $0 == 0 }.count) / Double(words.count)
    let label = "seed \(seed): z \(zeros) t \(target) p \(precision)"
    #expect(abs(toggled - process.expectedToggleFraction) < 0.02, "\(label): \(toggled)")
    // A non-zero-state word is 0 when its 16 − (p − m − 1) free bits all are.
    let chanceZero = 1 / Double(1 << (16 - max(0, precision - process.valueBits - 1)))
    #expect(abs(zeroShare - zeros) < 0.03 + chanceZero, "\(label): zeros \(zeroShare)")
    let magnitudes = words.filter { $0 != 0 }.map { 64 - (Int($0) >> (16 - precision)).magnitude.leadingZeroBitCount }
    if !magnitudes.isEmpty {
      let measured = Double(magnitudes.reduce(0, +)) / Double(magnitudes.count)
      // Within a bit of the target where the precision leaves room: a random p-bit two's-
      // complement value averages p − 2 significant bits, so targets of p − 1 and more are not.
      if meanBits < Double(precision - 1) { #expect(abs(measured - meanBits) <= 1, "\(label): mean bits \(measured)") }
    }
    // Reachable targets are met (up to the flip probability's 1/65536 resolution).
    if target <= 1 - zeros { #expect(abs(process.expectedToggleFraction - target) < 1e-4, "\(label)") }
  }

  /// Toggle fraction of a component's tallies in a layer's records.
  static func fraction(_ layer: LayerActivity, toggled: QCNPECounter, compared: QCNPECounter) -> Double {
    let count = { (counter: QCNPECounter) in
      layer.records.filter { $0.counter == counter.rawValue }.reduce(0) { $0 + Double($1.count) }
    }
    return count(toggled) / count(compared)
  }

  /// `cycle` counts the toggles of the words it streams; `fast` takes the processes' expected
  /// fractions. On random layers with statistics they agree within 0.03 (sampling noise of
  /// the few hundred streams a layer has) in every dataflow, and every other record (the
  /// compared bits among them) is identical.
  @Test(arguments: SystolicDataflow.allCases, 0..<16)
  func cycleCountedTogglesMatchFastExpectation(dataflow: SystolicDataflow, seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 900)
    var config = QCNPEConfig(
      rows: random.int(in: 4...12), cols: random.int(in: 4...20), fifoDepth: 8, memoryWordsPerCycle: nil,
      operandSeed: seed)
    config.dataflow = dataflow
    let neurons = random.int(in: 8...40)
    let perNeuron = random.chance(0.5)
    let inputBits = perNeuron ? (0..<neurons).map { _ in random.int(in: 2...16) } : [random.int(in: 2...16)]
    let weightBits = perNeuron ? (0..<neurons).map { _ in random.int(in: 2...16) } : [random.int(in: 2...16)]
    let zeroInputs = Double(random.int(in: 0...60)) / 100
    let statistics = OperandStatistics(
      zeroInputFraction: zeroInputs, zeroWeightFraction: Double(random.int(in: 0...10)) / 100,
      meanInputBits: Double(random.int(in: 2...12)), meanWeightBits: Double(random.int(in: 2...12)),
      inputToggleFraction: Double(random.int(in: 5...Int(90 * (1 - zeroInputs)))) / 100,
      weightToggleFraction: Double(random.int(in: 5...85)) / 100)
    let layer = TraceLayer(
      name: "gemm", operation: .gemm(GEMMShape(m: random.int(in: 20...60), n: neurons, k: random.int(in: 30...80))),
      activation: .relu, precision: LayerPrecision(inputBits: inputBits, weightBits: weightBits), statistics: statistics)
    let trace = NetworkTrace(name: "t", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
    let plans = try QCNPEMapper.plan(trace, on: config)
    let cycle = QCNPEArray.simulate(config: config, plans: plans, fidelity: .cycle).layers[0]
    let fast = QCNPEArray.simulate(config: config, plans: plans, fidelity: .fast).layers[0]
    let label = "\(dataflow.rawValue) seed \(seed): \(statistics)"
    for (toggled, compared) in [
      (QCNPECounter.multiplierToggledBits, QCNPECounter.multiplierComparedBits),
      (.operandRegisterToggledBits, .operandRegisterComparedBits),
    ] {
      let counted = Self.fraction(cycle, toggled: toggled, compared: compared)
      let expected = Self.fraction(fast, toggled: toggled, compared: compared)
      #expect(abs(counted - expected) < 0.03, "\(label) \(toggled): cycle \(counted) fast \(expected)")
    }
    let tallies: Set<Int> = [
      QCNPECounter.multiplierToggledBits.rawValue, QCNPECounter.operandRegisterToggledBits.rawValue,
    ]
    #expect(cycle.records.filter { !tallies.contains($0.counter) } == fast.records.filter { !tallies.contains($0.counter) })
    #expect(cycle.phases == fast.phases)
  }

  /// In ws the weights hold still in the NCUs and in is the inputs do: the multiplier sees
  /// only the streamed operand switch (plus, in is, a stationary input between two neurons'
  /// input precisions), so at one precision its activity is the streamed operand's fraction
  /// weighted by its share of the multiplier's input bits, and only the streamed register
  /// switches.
  @Test(arguments: [SystolicDataflow.weightStationary, .inputStationary])
  func aStationaryOperandDoesNotSwitch(dataflow: SystolicDataflow) throws {
    var config = QCNPEConfig(rows: 8, cols: 8, fifoDepth: 8, memoryWordsPerCycle: nil, operandSeed: 3)
    config.dataflow = dataflow
    let statistics = OperandStatistics(
      zeroInputFraction: 0, zeroWeightFraction: 0, meanInputBits: nil, meanWeightBits: nil, inputToggleFraction: 0.2,
      weightToggleFraction: 0.4)
    let layer = TraceLayer(
      name: "gemm", operation: .gemm(GEMMShape(m: 40, n: 24, k: 30)), activation: .relu,
      precision: LayerPrecision(inputBits: [8], weightBits: [4]), statistics: statistics)
    let trace = NetworkTrace(name: "t", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
    let plans = try QCNPEMapper.plan(trace, on: config)
    let fast = QCNPEArray.simulate(config: config, plans: plans, fidelity: .fast).layers[0]
    let streamed = dataflow == .weightStationary ? (fraction: 0.2, bits: 8.0) : (fraction: 0.4, bits: 4.0)
    let multiplier = Self.fraction(fast, toggled: .multiplierToggledBits, compared: .multiplierComparedBits)
    #expect(abs(multiplier - streamed.fraction * streamed.bits / 12) < 1e-4, "\(dataflow.rawValue): \(multiplier)")
    let registers = Self.fraction(fast, toggled: .operandRegisterToggledBits, compared: .operandRegisterComparedBits)
    #expect(abs(registers - streamed.fraction) < 1e-4, "\(dataflow.rawValue): \(registers)")
  }

  /// Each dataflow's streams follow the fraction measured in their direction: os along the
  /// reduction, ws's inputs across GEMM rows, is's weights across neurons; a trace without
  /// the fractions across falls back to those along.
  @Test func eachDataflowReadsTheFractionOfItsStreams() throws {
    let measured = OperandStatistics(
      inputToggleFraction: 0.3, weightToggleFraction: 0.4, inputToggleFractionAcrossRows: 0.1,
      weightToggleFractionAcrossNeurons: 0.2)
    let expected: [(SystolicDataflow, input: Double, weight: Double)] = [
      (.outputStationary, 0.3, 0.4), (.weightStationary, 0.1, 0.4), (.inputStationary, 0.3, 0.2),
    ]
    for (dataflow, input, weight) in expected {
      let activity = try #require(OperandActivity(statistics: measured, inputBits: 16, weightBits: 16, dataflow: dataflow))
      #expect(abs(activity.input.expectedToggleFraction - input) < 1e-4, "\(dataflow.rawValue)")
      #expect(abs(activity.weight.expectedToggleFraction - weight) < 1e-4, "\(dataflow.rawValue)")
    }
    let alongOnly = OperandStatistics(inputToggleFraction: 0.3, weightToggleFraction: 0.4)
    let fallback = try #require(OperandActivity(statistics: alongOnly, inputBits: 16, weightBits: 16, dataflow: .weightStationary))
    #expect(abs(fallback.input.expectedToggleFraction - 0.3) < 1e-4)
  }

  /// A shape-only layer records no tallies in either fidelity: its energy is priced at the
  /// table's reference activity, as before activity was modelled.
  @Test func shapeOnlyLayersRecordNoToggles() {
    let config = QCNPEConfig(rows: 4, cols: 4, fifoDepth: 8)
    let plan = gemmPlan(m: 9, n: 7, k: 13, config: config)
    for fidelity in [Fidelity.cycle, .fast] {
      let layer = QCNPEArray.simulate(config: config, plans: [plan], fidelity: fidelity).layers[0]
      #expect(!layer.records.contains { QCNPECounter.schema.counters[$0.counter].isActivityTally })
    }
  }
}
