import Foundation

/// How far a long run has come, for a progress line on a terminal: a count of finished pieces
/// (layers, or the pieces a parallel run splits layers into) out of a total. Models advance it
/// from whichever thread finishes a piece; a reporter reads it from another, so it is a locked
/// class. It never changes what a model computes.
public final class RunProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var finished = 0
  private var total = 0
  private var unit = "layers"

  /// A progress counter with nothing finished yet.
  public init() {}

  /// Sets how many pieces the run has and what they are (`layers`, `parts`); a model calls it
  /// once it knows how it splits the run.
  public func expect(_ pieces: Int, of unit: String = "layers") {
    lock.withLock {
      total = pieces
      self.unit = unit
    }
  }

  /// Records that one more piece finished.
  public func advance() { lock.withLock { finished += 1 } }

  /// Finished pieces, the total and their unit, as of now.
  public var snapshot: (finished: Int, total: Int, unit: String) { lock.withLock { (finished, total, unit) } }
}
