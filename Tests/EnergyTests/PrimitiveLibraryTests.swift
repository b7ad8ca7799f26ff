import AxJSON
import Energy
import Foundation
import Testing

/// Primitive laws pass through their published anchors, scale to a target technology by the
/// one set of laws, and tables of format version 2 round-trip through JSON.
@Suite struct PrimitiveLibraryTests {
  static let file = """
    {"format": "axsim-energy-primitives", "version": 1, "name": "toy",
     "technology": {"node_nm": 45, "vdd_v": 0.9},
     "primitives": [
      {"name": "mult", "class": "multiplier", "x": "bits", "law": "power", "anchors": [[8, 0.2], [32, 3.1]], "valid": [1, 64], "source": "s"},
      {"name": "fpmul", "class": "multiplier", "x": "bits", "law": "offset_square", "anchors": [[11, 1.1], [24, 3.7]], "valid": [1, 53], "source": "s"},
      {"name": "sram", "class": "sram", "x": "kilobytes", "law": "interpolated", "below_exponent": 0.78,
       "anchors": [[2, 2.76], [4, 3.39]], "reference_width_bits": 64, "width_anchors": [[32, 11.79], [64, 17.04]],
       "valid": [0.25, 4], "source": "s"},
      {"name": "share", "class": "clock", "quantity": "value", "law": "constant", "anchors": [[1, 0.25]], "source": "s"},
      {"name": "dram", "class": "dram", "x": "bits", "law": "linear", "anchors": [[1, 14]], "valid": [1, 512], "scales_with": "none", "source": "s"}
     ]}
    """

  func library() throws -> PrimitiveLibrary {
    let parsed = try PrimitiveLibrary.primitives(json: JSONNode(root: JSONParser.parse(Self.file), file: "toy.json"))
    return try PrimitiveLibrary(primitives: parsed.primitives, libraryNames: [parsed.name])
  }

  @Test func lawsPassThroughTheirAnchors() throws {
    let library = try library()
    let here = OperatingPoint(nodeNM: 45, supplyVolts: 0.9)
    #expect(abs(try library.energy("mult", at: 8, target: here).value - 0.2) < 1e-12)
    #expect(abs(try library.energy("mult", at: 32, target: here).value - 3.1) < 1e-12)
    #expect(abs(try library.energy("fpmul", at: 11, target: here).value - 1.1) < 1e-12)
    #expect(abs(try library.energy("fpmul", at: 24, target: here).value - 3.7) < 1e-12)
    #expect(abs(try library.energy("sram", at: 4, target: here).value - 3.39) < 1e-12)
    // Below the first anchor: size^0.78; at another width, the width series' ratio.
    #expect(abs(try library.energy("sram", at: 1, target: here).value - 2.76 * pow(0.5, 0.78)) < 1e-12)
    #expect(abs(try library.energy("sram", at: 2, widthBits: 32, target: here).value - 2.76 * 11.79 / 17.04) < 1e-12)
    #expect(try library.parameter("share").value == 0.25)
  }

  @Test func primitivesMoveToTheTargetTechnologyByTheScalingLaws() throws {
    let library = try library()
    let target = OperatingPoint(nodeNM: 65, supplyVolts: 1.1)
    let factor = try TechnologyScaling.dynamicFactor(fromNode: 45, fromVolts: 0.9, toNode: 65, toVolts: 1.1)
    #expect(abs(try library.energy("mult", at: 8, target: target).value - 0.2 * factor) < 1e-12)
    #expect(try library.energy("dram", at: 512, target: target).value == 14 * 512, "off-chip energy does not scale")
  }

  @Test func lookupsOutsideTheLawOrOfUnknownNamesAreErrors() throws {
    let library = try library()
    let here = OperatingPoint(nodeNM: 45, supplyVolts: 0.9)
    #expect(throws: EnergyDerivationError.noPrimitive("adder")) { try library.energy("adder", at: 8, target: here) }
    #expect(throws: EnergyDerivationError.self) { try library.energy("sram", at: 64, target: here) }
    #expect(throws: EnergyDerivationError.duplicate("mult")) {
      try PrimitiveLibrary(primitives: library.primitives + [library.primitive("mult")], libraryNames: [])
    }
  }

  @Test func versionTwoTablesRoundTripThroughJSON() throws {
    let original = EnergyTable(
      name: "toy", technology: Technology(nodeNM: 45, supplyVolts: 1.0, clockMHz: 1000), ungatedFraction: 0.05,
      ungatedFractionSource: "s",
      entries: [
        EnergyEntry(
          component: "fpu", action: "multiply", energyPJ: 4.5,
          law: .multiplierWithFixedPart(referenceBitsA: 24, referenceBitsB: 24, fixedFraction: 0.11), validBits: 1...24,
          source: "s", derivation: "d"),
        EnergyEntry(
          component: "dram", action: "read", energyPJ: 7168, validBits: 0...64, source: "s", scalesWithTechnology: false),
      ],
      leakage: [LeakageEntry(component: "cu", powerMW: 1.5, source: "s", derivation: "d")], derivedFrom: "test",
      freeParameters: [FreeParameter(name: "clock_share", value: 0.25, source: "s")])
    let read = try EnergyTable(json: JSONNode(root: JSONParser.parse(original.jsonText), file: "toy.json"))
    #expect(read == original)
    // The fixed part does not scale: at 12 × 12 bits, 0.11 + 0.89 / 4 of the reference.
    #expect(abs(read.entries[0].law.factor(bitsA: 12, bitsB: 12, depth: nil, ungatedFraction: 0) - (0.11 + 0.89 / 4)) < 1e-12)
  }

  @Test func aTechnologyOverrideScalesEveryOnChipEntry() throws {
    let table = EnergyTable(
      name: "toy", technology: Technology(nodeNM: 45, supplyVolts: 1.0, clockMHz: 1000), ungatedFraction: 0.05,
      ungatedFractionSource: "s",
      entries: [
        EnergyEntry(component: "alu", action: "add", energyPJ: 1, validBits: 0...64, source: "s"),
        EnergyEntry(
          component: "dram", action: "read", energyPJ: 100, validBits: 0...64, source: "s", scalesWithTechnology: false),
      ],
      leakage: [LeakageEntry(component: "alu", powerMW: 1, source: "s")])
    let scaled = try table.scaled(toNodeNM: 45, supplyVolts: 0.8)
    #expect(abs(scaled.entries[0].energyPJ - 0.64) < 1e-12)
    #expect(scaled.entries[1].energyPJ == 100)
    #expect(abs(scaled.leakage[0].powerMW - 0.32768) < 1e-12)
  }
}
