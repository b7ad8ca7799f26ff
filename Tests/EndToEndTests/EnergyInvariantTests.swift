import AxJSON
import AxSimKit
import Energy
import Foundation
import SimKernel
import TestSupport
import Testing
import Trace

/// Invariants beside the goldens, so that a golden cannot freeze a bug (docs/sources.md#accelergy-exercises):
/// energy falls with precision, power grows with the array, and per-action energies stay inside
/// envelopes of the public anchors they were built from.
@Suite struct EnergyInvariantTests {
  func table(_ path: String) throws -> EnergyTable {
    try EnergyTable(json: JSONNode(root: try JSONParser.parse(try RepositoryPaths.text(path)), file: path))
  }

  func run(_ configText: String, trace: NetworkTrace, precision: Int? = nil) throws -> RunReport {
    var configuration = try RunConfiguration(
      json: JSONNode(root: try JSONParser.parse(configText), file: "inline.json"),
      source: RepositoryPaths.path("configs/inline.json"))
    if let precision { configuration.precisionOverride = LayerPrecision(inputBits: precision, weightBits: precision) }
    return try Simulation.run(
      configuration: configuration, trace: trace, tracePath: "inline", energyTable: try table("configs/energy/qcnpe-45nm.json"))
  }

  func bundledTrace(_ path: String) throws -> NetworkTrace {
    try NetworkTrace(json: JSONNode(root: try JSONParser.parse(try RepositoryPaths.text(path)), file: path))
  }

  @Test(arguments: ["traces/mlp-784-128-128-10-b64.json", "traces/lenet5.json", "traces/cifar-mlp-3072-1024-10.json"])
  func energyNeverRisesAsPrecisionFalls(path: String) throws {
    let config = #"{"model": "qcnpe", "energyTable": "energy/qcnpe-45nm.json"}"#
    var previous = Double.infinity
    for bits in stride(from: 16, through: 1, by: -1) {
      let energy = try run(config, trace: bundledTrace(path), precision: bits).totals.energyPJ
      #expect(energy < previous, "\(path) at \(bits) bits")
      previous = energy
    }
  }

  @Test func fullActivityPowerGrowsWithTheArray() throws {
    var previousPower = 0.0
    var previousLeakage = 0.0
    for side in [4, 8, 16, 32, 64, 128] {
      let config =
        #"{"model": "qcnpe", "qcnpe": {"rows": \#(side), "cols": \#(side), "memoryWordsPerCycle": \#(2 * side)}, "energyTable": "energy/qcnpe-45nm.json"}"#
      let trace = NetworkTrace(
        name: "full", topology: .independent, provenance: Provenance(source: "test"),
        layers: [TraceLayer(name: "g", operation: .gemm(GEMMShape(m: side, n: side, k: 8192)))])
      let report = try run(config, trace: trace)
      let leakage = report.components.filter { $0.name.hasPrefix("leakage.") }.reduce(0) { $0 + $1.powerMW }
      #expect(report.totals.powerMW > previousPower, "\(side)x\(side)")
      #expect(leakage > previousLeakage, "\(side)x\(side)")
      previousPower = report.totals.powerMW
      previousLeakage = leakage
    }
  }

  @Test func qcnpeEntriesStayInsideThePublicAnchorEnvelopes() throws {
    let table = try table("configs/energy/qcnpe-45nm.json")
    func energy(_ component: String, _ action: String) throws -> Double {
      try #require(table.entries.first { $0.component == component && $0.action == action }).energyPJ
    }
    // 16x16 multiply: between Horowitz's optimised datapath (8-bit 0.2 pJ x 4 = 0.8, 32-bit
    // 3.1 / 4 = 0.775) halved and Aladdin's synthesised 16-bit multiplier at 1 ns (3.17 pJ).
    let multiply = try energy("ncu.multiplier", "multiply")
    #expect((0.39...3.17).contains(multiply))
    // A 16-bit MAC (multiply + accumulate): between Horowitz (0.78 + 0.05 pJ) and the Accelergy
    // 45 nm 16-bit int MAC from Aladdin tables (2.20 pJ, random operands).
    let mac = multiply + (try energy("ncu.accumulator", "accumulate"))
    #expect((0.83...2.20).contains(mac), "MAC \(mac) pJ")
    // Multiplier over adder: Horowitz 6.7x at 8 bits, EvoApproxLib 12x; a 16-bit add is 0.05 pJ.
    #expect(multiply / 0.05 > 5)
    // SRAM: a 16-bit word from a 64 KB line-wide array, per 64 bits, within 0.25x-2x of CACTI's
    // 64 KB 64-bit read (25.87 pJ): wide lines amortise decoding.
    let sram64 = try energy("sram", "read") * 4
    #expect((25.87 / 4...25.87 * 2).contains(sram64), "SRAM \(sram64) pJ per 64 bits")
    // An 8-bit MAC costs far less than an 8 KB SRAM 32-bit read (Horowitz 5 pJ).
    let mac8 = multiply * 64 / 256 + (try energy("ncu.accumulator", "accumulate")) * (24 + table.ungatedFraction * 16) / 40
    #expect(mac8 < 5.0 / 5, "8-bit MAC \(mac8) pJ")
    // The all-in energy per MAC at full activity, derived from primitives, stays within the
    // held-out bound (a factor 1.5) of the paper's 517.2 pJ/cycle over 256 NCUs: 2.02 pJ.
    let perMAC =
      256 * (mac + 2 * (try energy("ncu.operand_registers", "latch")) + (try energy("clock.ncu", "active_cycle")))
      + 64 * (try energy("fifo.left", "pop"))
      + table.leakage.reduce(0) { $0 + $1.powerMW * ($1.component == "ncu" ? 256 : $1.component == "fifo" ? 32 : 16) }
    #expect(perMAC / 256 > 2.0203 / 1.5 && perMAC / 256 < 2.0203 * 1.5, "all-in \(perMAC / 256) pJ per MAC")
  }

  @Test func lowerSupplyVoltageNeverCostsMore() throws {
    let table = try table("configs/energy/qcnpe-45nm.json")
    let schema = LedgerSchema(
      table.entries.map { .init(component: $0.component, action: $0.action, widthArity: 1, description: "") })
    var previous = [Double](repeating: .infinity, count: table.entries.count)
    for volts in stride(from: 1.0, through: 0.4, by: -0.1) {
      var conditions: [String: ComponentConditions] = [:]
      for entry in table.entries { conditions[entry.component] = ComponentConditions(supplyVolts: volts) }
      let model = try EnergyModel(
        table: table, schema: schema, binding: EnergyBinding(conditions: conditions, leakageInstances: []))
      for index in table.entries.indices {
        let bits = table.entries[index].validBits.upperBound
        let energy = try model.energyPerActionPJ(counter: index, bitsA: min(bits, 16), bitsB: min(bits, 16))
        #expect(energy <= previous[index], "\(table.entries[index].component) at \(volts) V")
        previous[index] = energy
      }
    }
  }

  /// One run of `configText` (inline, resolved against configs/) on the bundled trace `path`,
  /// priced with the config's own energy table.
  func report(_ configText: String, trace path: String) throws -> RunReport {
    let configuration = try RunConfiguration(
      json: JSONNode(root: try JSONParser.parse(configText), file: "inline.json"),
      source: RepositoryPaths.path("configs/inline.json"))
    return try Simulation.run(
      configuration: configuration, trace: try bundledTrace(path), tracePath: path,
      energyTable: try EnergyTable(
        json: JSONNode(root: try JSONParser.parse(try FileSystem.read(configuration.energyTablePath)), file: "table")))
  }

  @Test func flexflowEnergyFallsWithKernelStorageVoltageAndWithDRUMk() throws {
    func energy(_ flexflow: String) throws -> Double {
      try report(
        #"{"model": "flexflow", "energyTable": "energy/flexflow-65nm.json", "flexflow": {\#(flexflow)}}"#,
        trace: "traces/lenet5.json"
      ).totals.energyPJ
    }
    let exact = try energy(#""multiplier": "exact", "kernelStorageVolts": 1.1"#)
    var previous = exact
    for volts in [0.85, 0.66, 0.5, 0.4] {
      let next = try energy(#""multiplier": "exact", "kernelStorageVolts": \#(volts)"#)
      #expect(next < previous, "kernel storage at \(volts) V: \(next) pJ after \(previous) pJ")
      previous = next
    }
    // DRUM-k multiplies k x k bits plus leading-one detectors and a shifter (a share s of the
    // exact multiplier, from the table): only k with k²/256 + s < 1 beats the exact
    // multiplier, and from there on every bit dropped saves.
    let flexflowTable = try table("configs/energy/flexflow-65nm.json")
    let steering = try #require(flexflowTable.entries.first { $0.component == "pe.drum_steering" }).energyPJ
    let multiply = try #require(flexflowTable.entries.first { $0.component == "pe.multiplier" }).energyPJ
    let breakEven = (3...15).last { Double($0 * $0) / 256 + steering / multiply < 1 } ?? 3
    let beyond = try energy(#""multiplier": "drum", "drumK": \#(breakEven + 1), "kernelStorageVolts": 1.1"#)
    #expect(beyond > exact)
    previous = exact
    for k in stride(from: breakEven, through: 3, by: -1) {
      let next = try energy(#""multiplier": "drum", "drumK": \#(k), "kernelStorageVolts": 1.1"#)
      #expect(next < previous, "DRUM-\(k): \(next) pJ after \(previous) pJ")
      previous = next
    }
  }

  @Test func flexflowFullActivityPowerGrowsWithTheArray() throws {
    var previous = 0.0
    for side in [4, 8, 16, 32] {
      let power = try report(
        #"{"model": "flexflow", "energyTable": "energy/flexflow-65nm.json", "flexflow": {"side": \#(side)}}"#,
        trace: "traces/mlp-784-128-128-10-b64.json"
      ).totals.powerMW
      #expect(power > previous, "\(side)x\(side): \(power) mW after \(previous) mW")
      previous = power
    }
  }

  @Test func flexflowAndGPUMultipliersStayInsideTheirAnchors() throws {
    let flexflow = try table("configs/energy/flexflow-65nm.json")
    let gpu = try table("configs/energy/gpu-si-45nm.json")
    func energy(_ table: EnergyTable, _ component: String, _ action: String) throws -> Double {
      try #require(table.entries.first { $0.component == component && $0.action == action }).energyPJ
    }
    // FlexFlow's 16x16 multiply: the QCNPE envelope (Horowitz halved ... Aladdin 3.17 pJ).
    let multiply = try energy(flexflow, "pe.multiplier", "multiply")
    #expect((0.39...3.17).contains(multiply))
    #expect(multiply > (try energy(flexflow, "pe.adder", "add")))
    // The GPU's FP32 multiply (Horowitz at 1.0 V); CANNA's hit is cheaper, its miss a little
    // dearer (the check), and an FP add cheaper than any multiply.
    let exact = try energy(gpu, "simd.fpu.multiplier", "multiply_exact")
    let hit = try energy(gpu, "simd.fpu.multiplier", "multiply_canna_hit")
    let miss = try energy(gpu, "simd.fpu.multiplier", "multiply_canna_miss")
    #expect(hit < exact && exact < miss && miss < exact * 1.03)
    #expect((try energy(gpu, "simd.fpu.adder", "add")) < exact)
  }

  @Test func gpuEnergyFollowsTheCANNAHitRate() throws {
    func run(_ gpu: String) throws -> RunReport {
      try report(
        #"{"model": "gpu", "energyTable": "energy/gpu-si-45nm.json", "gpu": {\#(gpu)}}"#, trace: "traces/mlp-784-500-500-10.json")
    }
    func multipliers(_ report: RunReport) -> Double {
      report.components.first { $0.name == "simd.fpu.multiplier" }?.energyPJ ?? 0
    }
    let exact = try run(#""multiplier": "exact""#)
    let allHit = try run(#""multiplier": "canna", "cannaTuningBits": 0"#)
    let allMiss = try run(#""multiplier": "canna", "cannaTuningBits": 4, "hitRate": 0"#)
    #expect(allHit.totals.energyPJ < exact.totals.energyPJ, "all hits \(allHit.totals.energyPJ), exact \(exact.totals.energyPJ)")
    // A miss costs the exact multiply plus the tuning-bit check (0.5 % more), but padding zeros
    // hit even at hit rate 0, so a run of misses costs about what the exact run costs and far
    // more than a run of hits.
    #expect(multipliers(allHit) < multipliers(exact) && multipliers(allHit) < multipliers(allMiss))
    #expect(abs(multipliers(allMiss) / multipliers(exact) - 1) < 0.05)
  }
}
