import AxJSON
import AxSimKit
import Energy
import TestSupport
import Testing

/// The bundled energy tables are their derivations from the primitive library, and every
/// published figure is predicted within its stated bound (docs/energy-tables.md).
@Suite struct EnergyDerivationTests {
  static let configs = ["configs/qcnpe-16x16.json", "configs/flexflow-16x16.json", "configs/gpu-si.json"]

  @Test(arguments: configs)
  func bundledTableEqualsItsDerivation(config: String) throws {
    let configuration = try InputLoader.configuration(RepositoryPaths.path(config))
    let library = try InputLoader.primitiveLibrary(RepositoryPaths.path("configs/energy/primitives"))
    let derived = try EnergyDerivation.table(for: configuration, library: library)
    let bundled = try InputLoader.energyTable(configuration.energyTablePath)
    #expect(
      bundled == derived,
      "\(configuration.energyTablePath) is not its derivation: run axsim energy derive \(config) --output \(configuration.energyTablePath)"
    )
  }

  @Test(arguments: configs)
  func noBundledEntryIsFittedOrWithoutDerivation(config: String) throws {
    let configuration = try InputLoader.configuration(RepositoryPaths.path(config))
    let table = try InputLoader.energyTable(configuration.energyTablePath)
    #expect(table.derivedFrom != nil)
    for entry in table.entries {
      #expect(entry.derivation?.isEmpty == false, "\(entry.component)/\(entry.action) has no derivation")
      #expect(!entry.source.lowercased().contains("fitted") && !entry.source.lowercased().contains("calibrated"))
    }
    for entry in table.leakage { #expect(entry.derivation?.isEmpty == false, "leakage of \(entry.component)") }
    #expect(table.freeParameters.count <= 3, "free parameters stay few")
  }

  @Test func everyPublishedFigureIsPredictedWithinItsBound() throws {
    let rows = try EnergyValidation.run(root: RepositoryPaths.path("."))
    #expect(rows.count == PublishedFigure.all.count, "every published figure has a prediction")
    for row in rows {
      #expect(
        row.holds,
        "\(row.figure.id): predicted \(row.predicted) \(row.figure.unit) against \(row.figure.published), error \(row.error) outside \(row.figure.bound)"
      )
    }
  }

  @Test func aTechnologyOverrideMovesARunToAnotherNode() throws {
    var configuration = try InputLoader.configuration(RepositoryPaths.path("configs/qcnpe-16x16.json"))
    let trace = RepositoryPaths.path("traces/mlp-784-128-128-10-b1.json")
    let nominal = try RunCommand.report(configuration, tracePath: trace)
    configuration.technology = TechnologySettings(nodeNM: 65, vddVolts: 1.1)
    let older = try RunCommand.report(configuration, tracePath: trace)
    #expect(older.totals.cycles == nominal.totals.cycles)
    let factor = try TechnologyScaling.dynamicFactor(fromNode: 45, fromVolts: 1.0, toNode: 65, toVolts: 1.1)
    let leakageFactor = try TechnologyScaling.leakageFactor(fromNode: 45, fromVolts: 1.0, toNode: 65, toVolts: 1.1)
    #expect(factor == leakageFactor, "at nominal supplies both use the node factor")
    #expect(abs(older.totals.energyPJ / nominal.totals.energyPJ - factor) < 1e-9)
    #expect(older.energyTable.hasSuffix("@65nm-1.1V"))
  }
}
