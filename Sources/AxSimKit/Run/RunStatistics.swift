import Foundation
import SimKernel

/// What `axsim run --stats` prints after a run: how many cycles it simulated and how fast.
///
/// Processing-element cycles are the model's elements × simulated cycles, idle and clock-gated
/// ones included (NCUs for QCNPE, PEs for FlexFlow, SIMD lanes for the GPU): the measure
/// docs/performance.md uses, so a long run can be compared with the benchmark.
public enum RunStatistics {
  /// The line for `result`, simulated in `seconds` of wall time on up to `jobs` threads.
  public static func line(_ result: SimulationResult, seconds: Double, jobs: Int) -> String {
    let cycles = Double(result.totalCycles)
    let elementCycles = cycles * Double(result.processingElements)
    let unit: String
    switch result.model {
    case "qcnpe": unit = "NCU-cycles"
    case "gpu": unit = "lane-cycles"
    default: unit = "PE-cycles"
    }
    let rate = seconds > 0 ? elementCycles / seconds : .infinity
    return "axsim: simulated \(result.totalCycles) cycles (\(scientific(elementCycles)) \(unit)) in "
      + String(format: "%.3f", seconds) + " s on \(jobs) thread\(jobs == 1 ? "" : "s"): "
      + "\(scientific(seconds > 0 ? cycles / seconds : .infinity)) cycles/s, \(scientific(rate)) \(unit)/s\n"
  }

  /// `value` with three significant digits in scientific notation (`1.23e+09`).
  static func scientific(_ value: Double) -> String { String(format: "%.3g", value) }
}
