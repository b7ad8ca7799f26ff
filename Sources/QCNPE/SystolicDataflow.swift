/// Which operand stays in the NCUs while a fold streams the others past them (SCALE-Sim's
/// `Dataflow`; docs/qcnpe.md, "Dataflows").
///
/// ```
///   os  NCU(r, c) keeps the sum of GEMM row m, neuron n; inputs stream along rows, weights
///       down columns; a fold covers R rows × C neurons over all K (AxNN's QCNPE)
///   ws  NCU(r, c) keeps weight (k, n); inputs stream along rows, partial sums flow down
///       columns and leave at the bottom; a fold covers R reductions × C neurons over all M
///   is  NCU(r, c) keeps input (m, k); weights stream along rows, partial sums flow down;
///       a fold covers R reductions × C GEMM rows over all N
/// ```
public enum SystolicDataflow: String, CaseIterable, Equatable, Hashable, Sendable {
  /// Output stationary: sums stay in the accumulators (AxNN's QCNPE; the default).
  case outputStationary = "os"
  /// Weight stationary: a fold's weights are preloaded, inputs stream, partial sums flow down.
  case weightStationary = "ws"
  /// Input stationary: a fold's inputs are preloaded, weights stream, partial sums flow down.
  case inputStationary = "is"

  /// Whether partial sums flow down the columns (ws, is) rather than stay in the NCUs (os).
  public var isStationaryOperand: Bool { self != .outputStationary }
}
