import QCNPE
import SimKernel
import Trace

/// SCALE-Sim v2's output-stationary cycle count for an M×K by K×N product on an R×C array,
/// as measured from its own runs (scalesim-topologies/README.md). SCALE-Sim stamps cycles
/// from 0 and reports the stamp of the last one.
func scaleSimOutputStationaryCycles(m: Int, n: Int, k: Int, rows: Int, cols: Int) -> Int {
  ((m + rows - 1) / rows) * ((n + cols - 1) / cols) * (k + rows + cols - 2) - 1
}

/// A one-layer GEMM plan.
func gemmPlan(
  m: Int, n: Int, k: Int, config: QCNPEConfig, inputBits: [Int] = [16], weightBits: [Int] = [16],
  activation: Activation = .sigmoid
) -> QCNPELayerPlan {
  let trace = NetworkTrace(
    name: "t", topology: .independent, provenance: Provenance(source: "test"),
    layers: [
      TraceLayer(
        name: "gemm", operation: .gemm(GEMMShape(m: m, n: n, k: k)), activation: activation,
        precision: LayerPrecision(inputBits: inputBits, weightBits: weightBits))
    ])
  // Every test shape maps (16-bit precision at most, exact multiplier).
  guard let plan = (try? QCNPEMapper.plan(trace, on: config))?.first else { preconditionFailure("unmappable test layer") }
  return plan
}

/// The phase of a layer named `name`.
func cycles(_ layer: LayerActivity, _ name: String) -> Int {
  layer.phases.first { $0.name == name }?.cycles ?? -1
}
