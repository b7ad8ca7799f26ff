import GPUCompute
import Testing

/// CANNA Table I and FramNN against our model on CANNA's scenario (docs/gpu.md,
/// "Validation"): the MNIST MLP 784-500-500-10 at batch 10, CANNA's measured hit rates.
///
/// What is asserted, and why:
/// - energy (the multipliers', CANNA's Synopsys scope, and the whole GPU's) falls strictly as
///   tuning bits go 4 → 0, and the multiplier energy at 0 bits is the table's hit/exact ratio,
///   derived from primitives and within 25 % of Table I's held-out 0.12;
/// - at 4–1 bits our multiplier energy sits on the per-operation floor
///   (1 − h)·miss/exact + h·hit/exact, while Table I lies below that floor, which no
///   per-operation model can reach: the stated gap is at most 0.45;
/// - time never rises by more than 0.5 % from one tuning bit to the next (scheduling noise),
///   ends below the exact run and stays within 2 % of it: the run is memory-bound (Table I's
///   0.45 … 0.19 needs a SIMD-bound run, docs/gpu.md);
/// - under the `proportional` latency rule (an instruction's timing interpolates by the share
///   of lanes that miss), time falls strictly from 4 to 0 tuning bits: the direction of Table I;
/// - FramNN's m-bit multiplier saves what its law (a fixed part plus (m/24)²) says in inference, less in
///   training (the backward pass stays exact), and no time.
@Suite struct CANNAValidationTests {
  @Test func mlpFollowsTheDirectionOfTableIAndFramNN() async throws {
    var runs: [(name: String, mode: FPUMode, hitRate: Double, training: Bool)] = [
      ("exact", .exact, 1, true), ("inference exact", .exact, 1, false),
      ("inference m16", .mantissa(bits: 16), 1, false), ("inference m8", .mantissa(bits: 8), 1, false),
      ("training m16", .mantissa(bits: 16), 1, true),
    ]
    var rules: [String: FPULatencyRule] = [:]
    for row in CANNAValidation.tableI {
      runs.append(("canna \(row.bits)", .canna(tuningBits: row.bits), CANNAValidation.hitRate(tuningBits: row.bits), true))
      runs.append(("proportional \(row.bits)", .canna(tuningBits: row.bits), CANNAValidation.hitRate(tuningBits: row.bits), true))
      rules["proportional \(row.bits)"] = .laneProportional
    }
    let points = try await CANNAValidation.runAll(runs, batch: 10, latencyRules: rules)
    let exact = try #require(points["exact"])
    let table = try CANNAValidation.energyTable()
    func multiply(_ action: String) throws -> Double {
      try #require(table.entries.first { $0.component == "simd.fpu.multiplier" && $0.action == action }).energyPJ
    }
    let hitRatio = try multiply("multiply_canna_hit") / multiply("multiply_exact")
    let missRatio = try multiply("multiply_canna_miss") / multiply("multiply_exact")
    var previous = (time: 1.0, multiplier: 1.0, total: 1.0)
    for row in CANNAValidation.tableI {
      let point = try #require(points["canna \(row.bits)"])
      let rate = CANNAValidation.hitRate(tuningBits: row.bits)
      let time = Double(point.cycles) / Double(exact.cycles)
      let multiplier = point.multiplierEnergyPJ / exact.multiplierEnergyPJ
      let total = point.totalEnergyPJ / exact.totalEnergyPJ
      let label = "\(row.bits) tuning bits: time \(time), multiplier energy \(multiplier), total energy \(total)"
      #expect(multiplier < previous.multiplier, "\(label)")
      #expect(total < previous.total, "\(label)")
      #expect(time <= previous.time * 1.005, "\(label)")
      #expect(time > 0.98 && time <= 1.0, "\(label)")
      let floor = (1 - rate) * missRatio + rate * hitRatio
      #expect(abs(multiplier - floor) < 0.015, "\(label): the per-operation floor is \(floor)")
      #expect(multiplier - row.energy >= -0.005 && multiplier - row.energy <= 0.45, "\(label) vs Table I \(row.energy)")
      previous = (time, multiplier, total)
    }
    #expect(abs(previous.multiplier - hitRatio) < 0.005)
    #expect(abs(hitRatio - 0.12) / 0.12 < 0.25, "Table I at 0 bits, held out: \(hitRatio)")
    #expect(previous.time < 1)
    var previousCycles = exact.cycles
    for row in CANNAValidation.tableI {
      let point = try #require(points["proportional \(row.bits)"])
      #expect(point.cycles < previousCycles, "proportional rule, \(row.bits) tuning bits: \(point.cycles) cycles after \(previousCycles)")
      previousCycles = point.cycles
    }

    let inference = try #require(points["inference exact"])
    let sixteen = try #require(points["inference m16"])
    let eight = try #require(points["inference m8"])
    let mantissa = try #require(table.entries.first { $0.action == "multiply_mantissa" })
    let sixteenFactor = mantissa.law.factor(bitsA: 16, bitsB: 16, depth: nil, ungatedFraction: 0)
    #expect(abs(sixteen.multiplierEnergyPJ / inference.multiplierEnergyPJ - sixteenFactor) < 1e-9)
    #expect(eight.totalEnergyPJ < sixteen.totalEnergyPJ && sixteen.totalEnergyPJ < inference.totalEnergyPJ)
    #expect(sixteen.cycles <= inference.cycles)
    let training = try #require(points["training m16"])
    let saving = 1 - training.multiplierEnergyPJ / exact.multiplierEnergyPJ
    #expect(saving > 0.1 && saving < 1 - sixteenFactor)
  }
}
