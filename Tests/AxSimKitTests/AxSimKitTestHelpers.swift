import AxJSON
import AxSimKit
import Energy
import Foundation
import TestSupport
import Trace

/// The bundled QCNPE energy table.
func qcnpeTable() throws -> EnergyTable {
  try EnergyTable(
    json: JSONNode(
      root: try JSONParser.parse(try RepositoryPaths.text("configs/energy/qcnpe-45nm.json")), file: "qcnpe-45nm.json"))
}

/// A config read from JSON text, as if from a file in the repository's `configs` folder.
func configuration(_ text: String) throws -> RunConfiguration {
  try RunConfiguration(
    json: JSONNode(root: try JSONParser.parse(text), file: "test.json"), source: RepositoryPaths.path("configs/test.json"))
}

/// A one-layer GEMM trace.
func gemmTrace(m: Int, n: Int, k: Int, bits: Int = 16, activation: Activation = .identity) -> NetworkTrace {
  NetworkTrace(
    name: "gemm", topology: .independent, provenance: Provenance(source: "test"),
    layers: [
      TraceLayer(
        name: "gemm", operation: .gemm(GEMMShape(m: m, n: n, k: k)), activation: activation,
        precision: LayerPrecision(inputBits: bits, weightBits: bits))
    ])
}

let defaultQCNPEConfig = """
  {"model": "qcnpe", "energyTable": "energy/qcnpe-45nm.json", "trace": "../traces/mlp-784-128-128-10-b1.json"}
  """

/// Captures what a command prints.
final class Capture: @unchecked Sendable {
  private let lock = NSLock()
  private var outText = ""
  private var errText = ""
  var out: String { lock.withLock { outText } }
  var err: String { lock.withLock { errText } }
  var console: Console {
    Console(
      out: { text in self.lock.withLock { self.outText += text } },
      err: { text in self.lock.withLock { self.errText += text } }, isInteractive: false)
  }
}
