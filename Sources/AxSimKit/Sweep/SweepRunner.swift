import AxJSON
import Dispatch
import Energy
import Foundation
import Trace

/// Runs the points of a sweep, in parallel, and collects one table row per point.
public enum SweepRunner {
  /// A deterministic share of the points: shard `index` of `count` (1-based) takes the points
  /// whose index i satisfies i mod count = index − 1. Round-robin rather than blocks, because
  /// sweep cost usually grows along an axis (bigger arrays, bigger traces).
  public struct Shard: Equatable, Sendable {
    /// This shard, 1...count.
    public var index: Int
    /// How many shards the sweep is split into.
    public var count: Int

    /// Parses `I/N`.
    public init(parsing text: String) throws(AxSimError) {
      let parts = text.split(separator: "/")
      guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
        throw .usage("axsim sweep: --shard expects I/N with 1 ≤ I ≤ N, found \"\(text)\"")
      }
      self.index = index
      self.count = count
    }

    /// Whether point `point` belongs to this shard.
    public func contains(_ point: Int) -> Bool { point % count == index - 1 }
  }

  /// Reads the sweep config at `path`, checks every point's config before running any, runs
  /// the points of `shard` (all when nil) on `jobs` threads, and returns the table and the
  /// sweep's specification. `progress` is called after each point with (done, total).
  public static func run(
    configPath: String, jobs: Int, shard: Shard?, progress: @escaping @Sendable (Int, Int) -> Void
  ) throws(AxSimError) -> (SweepTable, SweepSpecification) {
    let root = try InputLoader.json(configPath)
    var reader: JSONObjectReader
    let specification: SweepSpecification
    do throws(JSONDecodeError) {
      reader = try root.object()
      guard let node = reader.optional("sweep") else {
        throw JSONDecodeError(
          file: configPath, path: "sweep", message: "missing; axsim sweep needs a \"sweep\" section (docs/sweeps.md)")
      }
      specification = try SweepSpecification(json: node)
    } catch {
      throw .decode(error, fallbackFile: configPath)
    }
    var document = root.value
    if case .object(var object) = document {
      object["sweep"] = nil
      document = .object(object)
    }
    var points:
      [(index: Int, configuration: RunConfiguration, tracePath: String, assignments: [(key: String, value: JSONValue)])] = []
    var componentNames: Set<String> = []
    for index in 0..<specification.pointCount {
      let assignments = specification.assignments(ofPoint: index)
      var pointDocument = document
      for (key, value) in assignments { pointDocument = pointDocument.setting(value, at: key) }
      let configuration: RunConfiguration
      do {
        configuration = try RunConfiguration(json: JSONNode(root: pointDocument, file: configPath), source: configPath)
      } catch {
        let setting = assignments.map { "\($0.key)=\(JSONWriter(pretty: false).string($0.value))" }.joined(separator: ", ")
        throw .input(file: configPath, message: "sweep point \(index) (\(setting)): key \(error.path): \(error.message)")
      }
      guard let tracePath = configuration.tracePath else {
        throw .input(
          file: configPath, message: "sweep point \(index): no trace; set \"trace\" in the config or sweep the key trace")
      }
      componentNames.formUnion(Simulation.componentNames(of: configuration.hardware))
      if shard?.contains(index) ?? true { points.append((index, configuration, tracePath, assignments)) }
    }
    let columns = componentNames.sorted()
    let work = points
    let header = ["point", "point_count"] + specification.keys + SweepTable.figureColumns + columns.map { "energy_pj." + $0 }
    let results = ResultSlots(count: work.count)
    let inputs = InputCache()
    let workers = max(1, min(jobs, work.count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let slot = results.claim() {
        let point = work[slot]
        do throws(AxSimError) {
          let report = try inputs.report(point.configuration, tracePath: point.tracePath)
          var cells = [String(point.index), String(specification.pointCount)]
          cells += point.assignments.map { SweepRunner.cell($0.value) }
          let totals = report.totals
          cells += [
            report.model, report.network, String(totals.cycles), String(totals.stallCycles), String(totals.macCount),
            JSONWriter.format(totals.utilization), JSONWriter.format(totals.energyPJ), JSONWriter.format(totals.timeNS),
            JSONWriter.format(totals.powerMW),
          ]
          for name in columns {
            cells.append(JSONWriter.format(report.components.first { $0.name == name }?.energyPJ ?? 0))
          }
          results.store(cells, at: slot)
        } catch {
          results.fail(error, at: point.index)
        }
        progress(results.finished, work.count)
      }
    }
    if let failure = results.firstFailure { throw failure }
    return (SweepTable(header: header, rows: results.rows), specification)
  }

  static func cell(_ value: JSONValue) -> String {
    if case .string(let text) = value { return text }
    return JSONWriter(pretty: false).string(value)
  }
}

/// Result storage shared by the sweep's worker threads (a class for identity: the workers
/// share one; a lock guards every access).
final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var cells: [[String]?]
  private var next = 0
  private var done = 0
  private var failure: (point: Int, error: AxSimError)?

  init(count: Int) { cells = Array(repeating: nil, count: count) }

  /// The next slot to run, or nil when all are taken or a point failed.
  func claim() -> Int? {
    lock.withLock {
      guard failure == nil, next < cells.count else { return nil }
      next += 1
      return next - 1
    }
  }

  func store(_ row: [String], at slot: Int) {
    lock.withLock {
      cells[slot] = row
      done += 1
    }
  }

  func fail(_ error: AxSimError, at point: Int) {
    lock.withLock {
      done += 1
      if failure == nil || point < failure?.point ?? Int.max { failure = (point, error) }
    }
  }

  var finished: Int { lock.withLock { done } }
  var firstFailure: AxSimError? { lock.withLock { failure?.error } }
  var rows: [[String]] { lock.withLock { cells.compactMap { $0 } } }
}

/// Energy tables and traces read once per sweep, shared by the workers.
final class InputCache: @unchecked Sendable {
  private let lock = NSLock()
  private var tables: [String: Result<EnergyTableBox, AxSimError>] = [:]
  private var traces: [String: Result<TraceBox, AxSimError>] = [:]

  struct EnergyTableBox { var value: Energy.EnergyTable }
  struct TraceBox { var value: Trace.NetworkTrace }

  func report(_ configuration: RunConfiguration, tracePath: String) throws(AxSimError) -> RunReport {
    let table = try cached(&tables, configuration.energyTablePath) { path throws(AxSimError) in
      EnergyTableBox(value: try InputLoader.energyTable(path))
    }.value
    let trace = try cached(&traces, tracePath) { path throws(AxSimError) in TraceBox(value: try InputLoader.trace(path)) }.value
    return try Simulation.run(configuration: configuration, trace: trace, tracePath: tracePath, energyTable: table)
  }

  private func cached<Value>(
    _ store: inout [String: Result<Value, AxSimError>], _ path: String, _ load: (String) throws(AxSimError) -> Value
  ) throws(AxSimError) -> Value {
    lock.lock()
    if let hit = store[path] {
      lock.unlock()
      return try hit.get()
    }
    lock.unlock()
    let result: Result<Value, AxSimError>
    do { result = .success(try load(path)) } catch { result = .failure(error) }
    lock.withLock { store[path] = result }
    return try result.get()
  }
}
