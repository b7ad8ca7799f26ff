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

  /// Horowitz's FP16 (1.1 pJ) and FP32 (3.7 pJ) multiplies fix E = o + c·m²; CANNA's
  /// approximate mode keeps only o (plus its tuning-bit check), exact mode pays the full
  /// multiply plus the check, FramNN's m-bit multiplier o + c·m².
  @Test func cannaEnergiesFollowTheFPMultipliersFixedPart() throws {
    let table = try CANNAValidation.energyTable()
    func energy(_ action: String) throws -> Double {
      try #require(table.entries.first { $0.component == "simd.fpu.multiplier" && $0.action == action }).energyPJ
    }
    let coefficient = (3.7 - 1.1) / (24.0 * 24 - 11 * 11)
    let fixedFraction = (1.1 - coefficient * 121) / 3.7
    let exact = try energy("multiply_exact")
    let check = try energy("multiply_canna_miss") - exact
    #expect(check > 0 && check < 0.01 * exact, "the tuning-bit check is small: \(check) pJ")
    #expect(abs((try energy("multiply_canna_hit") - check) / exact - fixedFraction) < 1e-9)
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
