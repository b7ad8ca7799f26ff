import AxJSON
import Energy
import GPUCompute
import Testing

/// The GPU energy table loads, passes the table invariants, prices every counter of the GPU
/// schema, and keeps the relations docs/gpu.md states.
@Suite struct EnergyTableTests {
  @Test func tablePricesEveryCounterAndLeakageInstance() throws {
    let table = try CANNAValidation.energyTable()
    _ = try EnergyModel(table: table, schema: GPUCounter.schema, binding: GPUConfig().energyBinding)
    #expect(table.entries.allSatisfy { !$0.source.isEmpty })
    #expect(table.leakage.allSatisfy { !$0.source.isEmpty })
  }

  @Test func cannaEnergiesAreTheStatedFractionsOfTheExactMultiply() throws {
    let table = try CANNAValidation.energyTable()
    func energy(_ action: String) throws -> Double {
      try #require(table.entries.first { $0.component == "simd.fpu.multiplier" && $0.action == action }).energyPJ
    }
    let exact = try energy("multiply_exact")
    #expect(abs(try energy("multiply_canna_hit") / exact - 0.12) < 1e-3)
    #expect(abs(try energy("multiply_canna_miss") / exact - 1.026) < 1e-3)
    #expect(try energy("multiply_mantissa") == exact)
  }

  /// The example config parses and names the model, table and trace the lead wires up.
  @Test func exampleConfigNamesTheGPUModel() throws {
    let root = try JSONParser.parse(try Repository.text("configs/gpu-si.json"))
    guard case .object(let object) = root else {
      Issue.record("configs/gpu-si.json is not an object")
      return
    }
    #expect(object["model"] == .string("gpu"))
    #expect(object["energyTable"] == .string("energy/gpu-si-45nm.json"))
    #expect(object["trace"] == .string("../traces/mlp-784-500-500-10.json"))
    #expect(object["fidelity"] == .string("fast"))
  }
}
