import AxJSON
import Energy
import SimKernel
import TestSupport
import Testing

@Suite struct EnergyTableTests {
  let multiplier =
    #"{"component": "pe.mult", "action": "multiply", "energy_pj": 0.8, "law": "multiplier", "reference_bits": [16, 16], "valid_bits": [1, 16], "source": "s"}"#
  let adder =
    #"{"component": "pe.add", "action": "add", "energy_pj": 0.05, "law": "adder", "reference_bits": 16, "valid_bits": [1, 32], "source": "s"}"#

  @Test(arguments: ["configs/energy/qcnpe-45nm.json"])
  func bundledTablesLoadAndKeepTheirInvariants(path: String) throws {
    let loaded = try table(try RepositoryPaths.text(path))
    #expect(!loaded.entries.isEmpty)
    #expect(loaded.entries.allSatisfy { !$0.source.isEmpty })
  }

  @Test func aMultiplierCheaperThanAnAdderIsRejected() throws {
    // The bug the Accelergy exercises froze in a golden: a "multiplier" priced as an adder.
    let cheap =
      #"{"component": "pe.mult", "action": "multiply", "energy_pj": 0.05, "law": "multiplier", "reference_bits": [16, 16], "valid_bits": [8, 16], "source": "s"}"#
    #expect(throws: JSONDecodeError.self) { try table(tableText(entries: [cheap, adder])) }
    #expect(throws: Never.self) { try table(tableText(entries: [multiplier, adder])) }
  }

  @Test(arguments: [
    (#"{"component": "a", "action": "x", "energy_pj": -1, "law": "constant", "source": "s"}"#, "energy_pj"),
    (#"{"component": "a", "action": "x", "energy_pj": 1, "law": "constant", "source": ""}"#, "entries[0]"),
    (#"{"component": "a", "action": "x", "energy_pj": 1, "law": "quadratic", "source": "s"}"#, "entries[0].law"),
    (
      #"{"component": "a", "action": "x", "energy_pj": 1, "law": "adder", "reference_bits": 40, "valid_bits": [1, 32], "source": "s"}"#,
      "entries"
    ),
    (#"{"component": "a", "action": "x", "energy_pj": 1, "law": "constant", "source": "s", "unit": "pJ"}"#, "entries[0].unit"),
  ])
  func badEntriesAreRejectedNamingTheKey(entry: String, pathFragment: String) {
    do {
      _ = try table(tableText(entries: [entry]))
      Issue.record("accepted \(entry)")
    } catch let error as JSONDecodeError {
      #expect(error.path.hasSuffix(pathFragment) || error.path == pathFragment, "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func duplicateEntriesAreRejected() {
    #expect(throws: JSONDecodeError.self) { try table(tableText(entries: [adder, adder])) }
  }
}
