import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A consumer the optimizer cannot see through, so measured work is never removed.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

/// Seconds of a `Duration`.
func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// CPU time the calling thread has used, in seconds (what one simulation costs, whatever else
/// runs on the machine).
func threadCPUSeconds() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

/// The best (least) wall time and the best thread CPU time of `repeats` runs of `body`.
struct Timing {
  var wall = Double.infinity
  var cpu = Double.infinity

  init(_ repeats: Int, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    for _ in 0..<max(1, repeats) {
      let start = clock.now
      let startCPU = threadCPUSeconds()
      try body()
      cpu = min(cpu, threadCPUSeconds() - startCPU)
      wall = min(wall, seconds(clock.now - start))
    }
  }
}

/// Peak resident memory of this process in MB (Linux /proc/self/status VmHWM).
func peakMemoryMB() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
  else { return .nan }
  return kilobytes / 1024
}

/// `value` in scientific notation with three significant digits.
func sci(_ value: Double) -> String { String(format: "%.3g", value) }

extension String {
  func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
  func padded(_ width: Int) -> String { padding(toLength: max(width, count), withPad: " ", startingAt: 0) }
}

/// A rate the issue sets a target for, collected for the summary at the end.
struct Headline {
  var label: String
  var rate: Double
  var target: Double
  var unit: String
}
