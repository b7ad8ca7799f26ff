import Foundation

/// A progress bar with an ETA on a terminal, plain lines (at most one per tenth) otherwise.
/// Workers of a parallel sweep report to the same display, so it is a locked class.
final class ProgressDisplay: @unchecked Sendable {
  private let lock = NSLock()
  private let console: Console
  private let label: String
  private let start = ContinuousClock.now
  private var lastTenth = -1

  init(console: Console, label: String) {
    self.console = console
    self.label = label
  }

  func update(done: Int, total: Int) {
    lock.withLock {
      let elapsed = ContinuousClock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      let fraction = total > 0 ? Double(done) / Double(total) : 1
      let remaining = done > 0 ? seconds / Double(done) * Double(total - done) : .nan
      let eta = remaining.isFinite ? String(format: "ETA %.1f s", remaining) : "ETA --"
      if console.isInteractive {
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        console.err("\r\(label) [\(bar)] \(done)/\(total) · \(String(format: "%.1f", seconds)) s · \(eta)  ")
        if done == total { console.err("\n") }
      } else {
        let tenth = Int((fraction * 10).rounded(.down))
        guard tenth > lastTenth || done == total else { return }
        lastTenth = tenth
        console.err(
          "\(label): \(done)/\(total) (\(Int(fraction * 100))%), \(String(format: "%.1f", seconds)) s elapsed, \(eta)\n")
      }
    }
  }
}
