/// N:M structured sparsity of a layer's weights: in every block of M consecutive weights along
/// the reduction (fan-in) of a neuron, at most N are non-zero (SCALE-Sim v3's topology column,
/// `2:4` for example; NVIDIA's sparse tensor cores exploit 2:4).
///
/// A trace only declares the pattern; whether a machine skips the zero weights is the
/// machine's (docs/trace-format.md, "Sparsity").
public struct StructuredSparsity: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Non-zero weights per block (N).
  public var kept: Int
  /// Weights per block (M).
  public var block: Int

  /// The largest block accepted.
  public static let maximumBlock = 1024

  /// A pattern of `kept` non-zero weights in every `block`.
  public init(kept: Int, block: Int) {
    self.kept = kept
    self.block = block
  }

  /// Reads `N:M`; nil when the text is not two integers 1 ≤ N ≤ M ≤ `maximumBlock`.
  public init?(text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let kept = Int(parts[0].trimmingWhitespace()), let block = Int(parts[1].trimmingWhitespace()),
      kept >= 1, kept <= block, block <= StructuredSparsity.maximumBlock
    else { return nil }
    self.init(kept: kept, block: block)
  }

  /// Whether every weight may be non-zero (N = M): a dense layer.
  public var isDense: Bool { kept == block }

  /// Reductions left of `k` when the zero weights are skipped: (K / M)·N + min(K mod M, N).
  public func keptReductions(of k: Int) -> Int { k / block * kept + min(k % block, kept) }

  public var description: String { "\(kept):\(block)" }
}
