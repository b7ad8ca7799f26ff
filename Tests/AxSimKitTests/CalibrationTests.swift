import AxJSON
import AxSimKit
import Energy
import Testing
import Trace

/// The QCNPE energy table, derived from primitives, prices full activity as the sum of its
/// entries (AxNN's 517.2 mW is a held-out check: EnergyDerivationTests), and precision
/// scaling saves exactly what the table's laws say.
@Suite struct CalibrationTests {
  @Test func fullActivityAt16BitsDrawsTheSumOfTheTablesEntries() throws {
    // Every NCU busy at 16 bits: one fold with a long reduction, so the skew ramps are 0.05% of the run.
    let config = try configuration(defaultQCNPEConfig)
    let table = try qcnpeTable()
    let report = try Simulation.run(
      configuration: config, trace: gemmTrace(m: 16, n: 16, k: 65_536), tracePath: "gemm", energyTable: table)
    #expect(report.totals.utilization > 0.999)
    // The on-chip SRAM that refills the FIFOs lies outside the paper's boundary (390,392 gates, no SRAM macro).
    let engine = report.components.filter { !$0.name.hasPrefix("sram") }.reduce(0) { $0 + $1.energyPJ }
    let powerMW = engine / report.totals.timeNS
    func entry(_ component: String, _ action: String) throws -> Double {
      try #require(table.entries.first { $0.component == component && $0.action == action }).energyPJ
    }
    func leak(_ component: String) throws -> Double { try #require(table.leakage.first { $0.component == component }).powerMW }
    // Per cycle: 256 products, accumulations, clocked NCUs, 512 operand latches, 32 FIFO pops and 32 pushes.
    let expected =
      256
      * (try entry("ncu.multiplier", "multiply") + entry("ncu.accumulator", "accumulate") + entry("clock.ncu", "active_cycle"))
      + 512 * (try entry("ncu.operand_registers", "latch")) + 32 * (try entry("fifo.left", "pop") + entry("fifo.top", "push"))
      + 256 * (try leak("ncu")) + 32 * (try leak("fifo")) + 16 * (try leak("afu"))
    #expect(abs(powerMW - expected) / expected < 0.002, "engine power \(powerMW) mW, table sum \(expected) mW")
  }

  @Test func eightBitNeuronsSaveWhatTheLawsPredict() throws {
    let table = try qcnpeTable()
    var config = try configuration(defaultQCNPEConfig)
    let trace = gemmTrace(m: 40, n: 70, k: 300, activation: .sigmoid)
    let full = try Simulation.run(configuration: config, trace: trace, tracePath: "t", energyTable: table)
    config.precisionOverride = LayerPrecision(inputBits: 8, weightBits: 8)
    let reduced = try Simulation.run(configuration: config, trace: trace, tracePath: "t", energyTable: table)
    #expect(reduced.totals.cycles == full.totals.cycles, "precision does not change timing")

    // Independent of the implementation: E_mult(a, b) = E16 · a·b / 256 and the accumulator
    // E(a) = E40 · (a + u·(40 − a)) / 40 with a = 40 − (16 − 8) − (16 − 8) = 24 active bits.
    let products = Double(40 * 70 * 300)
    let multiplier = try #require(table.entries.first { $0.component == "ncu.multiplier" })
    let accumulator = try #require(table.entries.first { $0.component == "ncu.accumulator" && $0.action == "accumulate" })
    let u = table.ungatedFraction
    let multiplierSaving = products * multiplier.energyPJ * (1 - 64.0 / 256.0)
    let accumulatorSaving = products * accumulator.energyPJ * (1 - (24 + u * 16) / 40)
    let saving = full.totals.energyPJ - reduced.totals.energyPJ
    #expect(abs(saving - (multiplierSaving + accumulatorSaving)) < 1e-6 * full.totals.energyPJ, "saving \(saving) pJ")
    #expect(reduced.totals.energyPJ < full.totals.energyPJ)
  }

  @Test func energyFallsMonotonicallyWithPrecision() throws {
    let table = try qcnpeTable()
    var config = try configuration(defaultQCNPEConfig)
    var previous = Double.infinity
    for bits in stride(from: 16, through: 1, by: -1) {
      config.precisionOverride = LayerPrecision(inputBits: bits, weightBits: bits)
      let report = try Simulation.run(
        configuration: config, trace: gemmTrace(m: 16, n: 32, k: 64), tracePath: "t", energyTable: table)
      #expect(report.totals.energyPJ < previous, "\(bits) bits")
      previous = report.totals.energyPJ
    }
  }
}
