/// The results of a sweep as a table: one row per point, sorted by point index. It is both
/// what `axsim sweep` writes as CSV and what `axsim merge` reads back from shard files, so a
/// merged file is byte-identical to a single run's.
public struct SweepTable: Equatable, Sendable {
  /// The column names: `point`, `point_count`, the swept keys, then the figures.
  public var header: [String]
  /// Each row's cells, in header order, sorted by the `point` column.
  public var rows: [[String]]

  /// The columns every sweep writes after the swept keys.
  public static let figureColumns = [
    "model", "network", "cycles", "stall_cycles", "mac_count", "utilization", "energy_pj", "time_ns", "power_mw",
  ]

  /// A table.
  /// What produced the table (the AxSim build, the sweep config and its digest), written as
  /// `#` lines before the header; `pandas.read_csv(path, comment="#")` skips them.
  public var comments: [String] = []

  public init(header: [String], rows: [[String]]) {
    self.header = header
    self.rows = rows
  }

  /// The index of column `name`.
  public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

  /// The table as CSV text (RFC 4180 quoting where needed).
  public var csv: String {
    comments.map { "# " + $0 + "\n" }.joined()
      + ([header] + rows).map { $0.map(CSVReporter.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  /// Parses a sweep CSV written by `axsim sweep` from `file`.
  public init(csv text: String, file: String) throws(AxSimError) {
    var records: [[String]] = []
    var body = Substring(text)
    while body.hasPrefix("#") {
      let line = body.prefix { $0 != "\n" }
      comments.append(String(line.dropFirst().drop { $0 == " " }))
      body = body.dropFirst(line.count + 1)
    }
    do {
      records = try CSVParser.records(String(body))
    } catch {
      throw .input(file: file, message: error.message)
    }
    guard let header = records.first, header.first == "point", header.count > 2, header[1] == "point_count" else {
      throw .input(file: file, message: "is not a sweep CSV: expected a header starting with point,point_count")
    }
    for (offset, record) in records.enumerated().dropFirst() where record.count != header.count {
      throw .input(file: file, message: "line \(offset + 1): expected \(header.count) fields, found \(record.count)")
    }
    self.header = header
    rows = Array(records.dropFirst())
  }
}

/// A minimal RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF).
enum CSVParser {
  struct Failure: Error { var message: String }

  static func records(_ text: String) throws(Failure) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var afterQuote = false
    var line = 1
    var iterator = text.makeIterator()
    while let character = iterator.next() {
      if quoted {
        if character == "\"" {
          quoted = false
          afterQuote = true
        } else {
          if character == "\n" { line += 1 }
          field.append(character)
        }
        continue
      }
      switch character {
      case "\"":
        if afterQuote {
          field.append("\"")
          quoted = true
          afterQuote = false
        } else if field.isEmpty {
          quoted = true
        } else {
          throw Failure(message: "line \(line): a quote inside an unquoted field")
        }
      case ",":
        record.append(field)
        field = ""
        afterQuote = false
      case "\n", "\r\n":
        record.append(field)
        records.append(record)
        record = []
        field = ""
        afterQuote = false
        line += 1
      case "\r":
        continue
      default:
        if afterQuote { throw Failure(message: "line \(line): text after a closing quote") }
        field.append(character)
      }
    }
    if quoted { throw Failure(message: "line \(line): unterminated quoted field") }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
