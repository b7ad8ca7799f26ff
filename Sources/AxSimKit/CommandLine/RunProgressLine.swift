import Foundation
import SimKernel

/// The progress line of a long `axsim run` on a terminal: nothing for the first two seconds
/// (most runs end sooner), then the finished layers (or parallel pieces) and the elapsed time,
/// redrawn twice a second on standard error and erased when the run ends. Off a terminal it
/// prints nothing, so pipes and logs get the report alone.
final class RunProgressLine: @unchecked Sendable {
  /// Seconds before the line first appears.
  static let delaySeconds = 2.0

  private let progress: RunProgress
  private let console: Console
  private let label: String
  private let lock = NSLock()
  private var running = true
  private var drawn = false
  private let finished = DispatchSemaphore(value: 0)

  /// Starts watching `progress` (only when `console` is interactive).
  init(progress: RunProgress, console: Console, label: String) {
    self.progress = progress
    self.console = console
    self.label = label
    guard console.isInteractive else {
      finished.signal()
      return
    }
    let start = ContinuousClock.now
    Thread.detachNewThread { [self] in
      while lock.withLock({ running }) {
        Thread.sleep(forTimeInterval: 0.5)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        guard seconds >= Self.delaySeconds else { continue }
        let (done, total, unit) = progress.snapshot
        lock.withLock {
          guard running else { return }
          console.err("\r\u{1B}[K\(label): \(done)/\(total) \(unit) · \(String(format: "%.1f", seconds)) s")
          drawn = true
        }
      }
      finished.signal()
    }
  }

  /// Stops the line and erases it, before the report is written.
  func stop() {
    lock.withLock { running = false }
    finished.wait()
    lock.withLock { if drawn { console.err("\r\u{1B}[K") } }
  }
}
