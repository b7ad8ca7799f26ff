import BuildInfo
import Foundation

/// `axsim sweep CONFIG [--jobs N] [--shard I/N] [--output results.csv] [--chart results.svg]`.
enum SweepCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(arguments, command: "sweep", valueOptions: ["jobs", "shard", "output", "chart"])
    guard parsed.positionals.count == 1, let configPath = parsed.positionals.first else {
      throw .usage("axsim sweep: expected one config file with a \"sweep\" section; see 'axsim help sweep'")
    }
    let jobs = try parsed.integer("jobs", command: "sweep", in: 1...1024) ?? ProcessInfo.processInfo.activeProcessorCount
    let shard = try parsed.options["shard"].map { text throws(AxSimError) in try SweepRunner.Shard(parsing: text) }
    let output = parsed.options["output"] ?? "sweep.csv"
    let chart =
      parsed.options["chart"]
      ?? (output == "-" ? "sweep.svg" : output.hasSuffix(".csv") ? String(output.dropLast(4)) + ".svg" : output + ".svg")
    let progress = ProgressDisplay(console: console, label: "sweep")
    var (table, specification) = try SweepRunner.run(configPath: configPath, jobs: jobs, shard: shard) { done, total in
      progress.update(done: done, total: total)
    }
    let config = RunProvenance.InputDigest(path: configPath, bytes: try InputLoader.bytes(configPath))
    table.comments = [
      "axsim \(CommandLineTool.version) (commit \(BuildInfo.commit))", "sweep \(config.name) sha256:\(config.sha256)",
    ]
    let name = configPath.split(separator: "/").last.map(String.init) ?? configPath
    let title =
      "\(name): \(SweepChart.quantity(specification.metric)) vs \(specification.chartKey)"
      + (shard.map { " (shard \($0.index)/\($0.count))" } ?? "")
    let svg = try SweepChart.svg(table, metric: specification.metric, chartKey: specification.chartKey, title: title)
    try console.write(table.csv, to: output)
    try FileSystem.write(svg, to: chart)
    console.err("wrote \(table.rows.count) of \(specification.pointCount) points to \(output) and the chart to \(chart)\n")
    return 0
  }
}

/// `axsim merge SHARD.csv... --output results.csv [--chart results.svg --metric M --chart-key K]`:
/// joins the shard files of a sweep into the file a single run writes, byte for byte.
enum MergeCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(arguments, command: "merge", valueOptions: ["output", "chart", "metric", "chart-key"])
    guard !parsed.positionals.isEmpty else { throw .usage("axsim merge: expected one or more shard CSV files") }
    guard let output = parsed.options["output"] else { throw .usage("axsim merge: --output FILE is required") }
    var merged: SweepTable?
    var seen: [Int: String] = [:]
    var rows: [(Int, [String])] = []
    for path in parsed.positionals {
      let table = try SweepTable(csv: try FileSystem.readText(path), file: path)
      if let merged, merged.header != table.header {
        throw .input(
          file: path, message: "its columns differ from \(parsed.positionals[0]); were the shards run from the same config?")
      }
      if let merged, merged.comments != table.comments {
        throw .input(
          file: path,
          message:
            "it was produced by \(table.comments.joined(separator: "; ")) but \(parsed.positionals[0]) by \(merged.comments.joined(separator: "; ")); merge shards of one sweep run by one axsim build"
        )
      }
      merged = merged ?? table
      for row in table.rows {
        guard let point = Int(row[0]), let count = Int(row[1]), point >= 0, point < count else {
          throw .input(file: path, message: "point \(row[0]) of \(row[1]) is not a valid point index")
        }
        if let other = seen[point] { throw .input(file: path, message: "point \(point) also appears in \(other)") }
        seen[point] = path
        rows.append((point, row))
      }
    }
    guard var table = merged else { throw .usage("axsim merge: no shard files") }
    let expected = Int(table.rows.first?[1] ?? "") ?? rows.count
    let missing = (0..<expected).filter { seen[$0] == nil }
    if !missing.isEmpty {
      let shown = missing.prefix(8).map(String.init).joined(separator: ", ")
      throw .input(
        file: parsed.positionals[0],
        message: "points \(shown)\(missing.count > 8 ? ", …" : "") of \(expected) are in no shard; pass every shard")
    }
    table.rows = rows.sorted { $0.0 < $1.0 }.map(\.1)
    try console.write(table.csv, to: output)
    if let chart = parsed.options["chart"] {
      let key = parsed.options["chart-key"] ?? table.header[2]
      let metric = parsed.options["metric"] ?? "energy_pj"
      try FileSystem.write(
        try SweepChart.svg(table, metric: metric, chartKey: key, title: "\(SweepChart.quantity(metric)) vs \(key)"), to: chart)
    }
    console.err("merged \(table.rows.count) points from \(parsed.positionals.count) shards into \(output)\n")
    return 0
  }
}
