import Dispatch
import Foundation

/// Independent pieces of one simulation (layers, folds, compute units) run on several threads.
///
/// Each piece builds its own state from values and returns a value; the results come back in
/// piece order, so whatever a caller assembles from them does not depend on which thread ran
/// which piece or when: a run with N jobs is byte-identical to a run with one.
public enum ParallelWork {
  /// `body(0) … body(count − 1)` on up to `jobs` threads (the calling thread alone when
  /// `jobs` ≤ 1 or there is one piece), in index order of the result. Pieces are handed out
  /// in index order as threads free up, so list the longest first for a balanced run.
  public static func map<Result: Sendable>(
    _ count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> Result
  ) -> [Result] {
    guard count > 0 else { return [] }
    let workers = max(1, min(jobs, count))
    guard workers > 1 else { return (0..<count).map(body) }
    let slots = Slots<Result>(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let index = slots.claim() { slots.store(body(index), at: index) }
    }
    return slots.results
  }

  /// Results shared by the worker threads (a class for identity: the workers share one; a
  /// lock guards every access).
  private final class Slots<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result?]
    private var next = 0

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func claim() -> Int? {
      lock.withLock {
        guard next < values.count else { return nil }
        next += 1
        return next - 1
      }
    }

    func store(_ value: Result, at index: Int) { lock.withLock { values[index] = value } }

    var results: [Result] { lock.withLock { values.compactMap { $0 } } }
  }
}
