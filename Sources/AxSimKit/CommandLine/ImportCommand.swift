import AxJSON
import Trace

/// `axsim import FILE [--output PATH] [--format json|text] [--name NAME] [--batch N]
/// [--input-shape NAME=DIMS] [--precision-file FILE]`: brings a model in from another tool's
/// format and writes it in AxSim's, so that it can be edited and kept in git.
///
/// The input's kind decides what it becomes: an ONNX model (`.onnx`, or a file that starts
/// like a ModelProto), a SCALE-Sim topology (`.csv`) or an AxSim trace (`.json`, rewritten
/// with the options applied) become a trace (docs/import.md). New kinds join `Kind`.
public enum ImportCommand {
  /// What `axsim import` can read.
  enum Kind {
    /// A network: written as an AxSim trace.
    case trace(TraceFileKind)

    /// The kind of the file at `path` starting with `prefix`, or nil when no importer reads it.
    static func of(path: String, prefix: ArraySlice<UInt8>) -> Kind? {
      let kind = TraceFileKind.of(path: path, prefix: prefix)
      let lower = path.lowercased()
      if kind == .axsimTrace, !lower.hasSuffix(".json") { return nil }
      return .trace(kind)
    }
  }

  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(
      arguments, command: "import", valueOptions: Set(["output", "format", "name"]).union(TraceInputOptions.optionNames))
    guard parsed.positionals.count == 1 else {
      throw .usage(
        "axsim import: expected one file to import (an .onnx model, a SCALE-Sim .csv topology or a .json trace), found \(parsed.positionals.count)"
      )
    }
    let path = parsed.positionals[0]
    let format = try parsed.choice("format", command: "import", in: ["json", "text"]) ?? "json"
    let options = try TraceInputOptions.parse(parsed, command: "import")
    let prefix = try InputLoader.bytes(path).prefix(1)
    guard let kind = Kind.of(path: path, prefix: prefix) else {
      throw .usage(
        "axsim import: \(path) is not a kind axsim imports; expected an ONNX model (.onnx), a SCALE-Sim topology (.csv) or an AxSim trace (.json)"
      )
    }
    let text: String
    switch kind {
    case .trace:
      var trace = try InputLoader.trace(path, options: options)
      if let name = parsed.options["name"] { trace.name = name }
      text = format == "text" ? TraceSummary.render(trace) : JSONWriter().string(trace.jsonValue)
    }
    if let output = parsed.options["output"] {
      try FileSystem.write(text, to: output)
    } else {
      console.out(text)
    }
    return 0
  }
}
