import Energy
import FlexFlow
import GPUCompute
import QCNPE

/// Builds a config's energy table from the primitive library: the model's derivation
/// (`QCNPEConfig.derivedEnergyTable`, …) at the config's `technology`, or the model's own.
public enum EnergyDerivation {
  /// The derived table of `configuration`'s hardware from `library`.
  public static func table(for configuration: RunConfiguration, library: PrimitiveLibrary) throws(AxSimError) -> EnergyTable {
    var table: EnergyTable
    do {
      switch configuration.hardware {
      case .qcnpe(let config):
        table = try config.derivedEnergyTable(
          primitives: library, at: configuration.technology?.operatingPoint ?? QCNPEConfig.defaultOperatingPoint)
      case .flexflow(let config):
        table = try config.derivedEnergyTable(
          primitives: library, at: configuration.technology?.operatingPoint ?? FlexFlowConfig.defaultOperatingPoint)
      case .gpu(let config):
        table = try config.derivedEnergyTable(
          primitives: library, at: configuration.technology?.operatingPoint ?? GPUConfig.defaultOperatingPoint)
      }
      try table.checkInvariants()
    } catch let error as EnergyDerivationError {
      throw .input(file: configuration.source, message: "cannot derive its energy table: \(error.description)")
    } catch {
      throw .input(file: configuration.source, message: "the derived energy table breaks an invariant: \(error)")
    }
    table.derivedFrom =
      "axsim energy derive \(configuration.displayName) from the primitive libraries \(library.libraryNames.joined(separator: ", ")) (configs/energy/primitives)"
    return table
  }
}
