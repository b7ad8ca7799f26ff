import AxJSON
import QCNPE
import SimKernel

/// Writes a run as Chrome trace-event JSON (the format Perfetto and chrome://tracing open):
/// one track for layers, one for the array's folds, one for memory stalls, one for the AFU
/// drains. Times are in microseconds, as the format expects.
public enum TimelineWriter {
  /// The most fold events written; longer runs keep every layer and the first folds.
  public static let maximumFoldEvents = 200_000

  /// The trace-event document of a QCNPE run.
  public static func render(_ result: SimulationResult, folds: [[FoldRecord]], config: QCNPEConfig, title: String) -> JSONValue {
    let clock = result.clockMHz
    func micros(_ cycle: Int) -> JSONValue { .number(Double(cycle) / clock) }
    var events: [JSONValue] = [
      ["name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": ["name": .string(title)]]
    ]
    for (tid, name) in [(1, "layers"), (2, "NCU array: folds"), (3, "memory: stall cycles"), (4, "AFUs: drains")] {
      events.append(["name": "thread_name", "ph": "M", "pid": 1, "tid": .number(tid), "args": ["name": .string(name)]])
    }
    var foldEvents = 0
    for (index, layer) in result.layers.enumerated() {
      let start = Int(layer.startCycle.rawValue)
      var args = JSONObject([("cycles", .number(layer.totalCycles)), ("macs", .number(layer.macCount))])
      for phase in layer.phases { args[phase.name + "_cycles"] = .number(phase.cycles) }
      events.append([
        "name": .string(layer.name), "cat": "layer", "ph": "X", "pid": 1, "tid": 1, "ts": micros(start),
        "dur": .number(Double(layer.totalCycles) / clock), "args": .object(args),
      ])
      guard index < folds.count else { continue }
      for (foldIndex, fold) in folds[index].enumerated() where foldEvents < maximumFoldEvents {
        foldEvents += 1
        events.append([
          "name": .string("\(layer.name) fold \(foldIndex)"), "cat": "fold", "ph": "X", "pid": 1, "tid": 2,
          "ts": micros(fold.startCycle), "dur": .number(Double(fold.endCycle - fold.startCycle) / clock),
          "args": [
            "rows_used": .number(fold.rowsUsed), "cols_used": .number(fold.colsUsed), "stall_cycles": .number(fold.stallCycles),
          ],
        ])
        events.append([
          "name": "stall cycles", "ph": "C", "pid": 1, "tid": 3, "ts": micros(fold.startCycle),
          "args": ["stalls": .number(fold.stallCycles)],
        ])
        if fold.rowsUsed > 0 {
          let drain = config.cols + (foldIndex + 1 == folds[index].count ? config.afuLatencyCycles : 0)
          events.append([
            "name": .string("\(layer.name) drain \(foldIndex)"), "cat": "afu", "ph": "X", "pid": 1, "tid": 4,
            "ts": micros(fold.endCycle), "dur": .number(Double(drain) / clock),
            "args": ["sums": .number(fold.rowsUsed * fold.colsUsed)],
          ])
        }
      }
    }
    return [
      "displayTimeUnit": "ns", "traceEvents": .array(events), "otherData": ["generator": "axsim", "clock_mhz": .number(clock)],
    ]
  }

  /// The trace-event document of a run of any model: one track of layers and one of each
  /// layer's phases (GPU kernels; FlexFlow fill, compute, stall, tail). A model reports a
  /// phase's total cycles, not when each of its cycles happened, so phases are drawn back to
  /// back in the order the model lists them: exact for the GPU's sequential kernels, a summary
  /// for FlexFlow, whose stall cycles interleave with compute (each event says so).
  public static func render(_ result: SimulationResult, title: String) -> JSONValue {
    let clock = result.clockMHz
    func micros(_ cycle: Int) -> JSONValue { .number(Double(cycle) / clock) }
    var events: [JSONValue] = [
      ["name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": ["name": .string(title)]]
    ]
    for (tid, name) in [(1, "layers"), (2, "phases (totals, back to back)")] {
      events.append(["name": "thread_name", "ph": "M", "pid": 1, "tid": .number(tid), "args": ["name": .string(name)]])
    }
    for layer in result.layers {
      var start = Int(layer.startCycle.rawValue)
      var args = JSONObject([("cycles", .number(layer.totalCycles)), ("macs", .number(layer.macCount))])
      for phase in layer.phases { args[phase.name + "_cycles"] = .number(phase.cycles) }
      events.append([
        "name": .string(layer.name), "cat": "layer", "ph": "X", "pid": 1, "tid": 1, "ts": micros(start),
        "dur": .number(Double(layer.totalCycles) / clock), "args": .object(args),
      ])
      for phase in layer.phases where phase.cycles > 0 {
        events.append([
          "name": .string("\(layer.name) \(phase.name)"), "cat": "phase", "ph": "X", "pid": 1, "tid": 2, "ts": micros(start),
          "dur": .number(Double(phase.cycles) / clock),
          "args": ["cycles": .number(phase.cycles), "placement": "total of the phase, drawn after the phases before it"],
        ])
        start += phase.cycles
      }
    }
    return [
      "displayTimeUnit": "ns", "traceEvents": .array(events),
      "otherData": ["generator": "axsim", "model": .string(result.model), "clock_mhz": .number(clock)],
    ]
  }
}
