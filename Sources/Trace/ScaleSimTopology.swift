/// Imports a SCALE-Sim topology CSV file (scale-sim-v2 `topologies/`) as a network trace.
///
/// Two layouts are read, told apart by the header:
/// - conv: `Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels,
///   Num Filter, Strides[, Sparsity]`;
/// - GEMM: `Layer name, M, N, K[, Sparsity]` (SCALE-Sim's `-i gemm` mode).
///
/// The optional column after the shape is SCALE-Sim v3's N:M weight sparsity (`2:4`; empty or
/// absent: dense); it becomes the layer's `sparsity`. Columns after it are ignored.
///
/// Convolutions keep SCALE-Sim's output size `ceil((IFMAP − Filter) / Stride) + 1` (no
/// padding), so a layer's GEMM view is the one SCALE-Sim simulates. A convolution whose name
/// contains `DP` is depthwise, as SCALE-Sim v3 reads it: SCALE-Sim runs it as one layer per
/// input channel, each with `Num Filter` filters; here it is one convolution of `Channels`
/// groups (one channel and `Num Filter` filters each), which every machine runs group by group.
/// Layers are independent (SCALE-Sim topologies list workloads, not a chain), batch 1, no
/// activation, 16-bit.
public enum ScaleSimTopology {
  /// Parses `text`, read from `file` (used in error messages).
  /// - Throws: `ScaleSimTopologyError` naming the line and column of the first bad field.
  public static func importTrace(csv text: String, file: String, name: String? = nil)
    throws(ScaleSimTopologyError) -> NetworkTrace
  {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    while let last = lines.last, last.trimmingWhitespace().isEmpty { lines.removeLast() }
    guard let header = lines.first else {
      throw ScaleSimTopologyError(file: file, line: 1, message: "the file is empty; expected a SCALE-Sim topology header")
    }
    let headerFields = fields(header).map { $0.lowercased() }
    let isGEMM: Bool
    if headerFields.count >= 4, headerFields[1] == "m", headerFields[2] == "n", headerFields[3] == "k" {
      isGEMM = true
    } else if headerFields.count >= 8, headerFields[1].hasPrefix("ifmap height") {
      isGEMM = false
    } else {
      throw ScaleSimTopologyError(
        file: file, line: 1,
        message:
          "unrecognised header; expected \"Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides\" or \"Layer name, M, N, K\""
      )
    }
    let columnNames =
      isGEMM
      ? ["Layer name", "M", "N", "K"]
      : ["Layer name", "IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width", "Channels", "Num Filter", "Strides"]
    var layers: [TraceLayer] = []
    var usedNames: Set<String> = []
    for (offset, line) in lines.enumerated().dropFirst() {
      let lineNumber = offset + 1
      let row = fields(line)
      if row.allSatisfy(\.isEmpty) { continue }
      guard row.count >= columnNames.count else {
        throw ScaleSimTopologyError(
          file: file, line: lineNumber,
          message: "expected \(columnNames.count) columns (\(columnNames.joined(separator: ", "))), found \(row.count)")
      }
      func number(_ column: Int) throws(ScaleSimTopologyError) -> Int {
        guard let value = Int(row[column]), value >= 1, value <= TraceLimits.maximumDimension else {
          throw ScaleSimTopologyError(
            file: file, line: lineNumber,
            message:
              "column \(columnNames[column]): expected an integer in 1...\(TraceLimits.maximumDimension), found \"\(row[column])\""
          )
        }
        return value
      }
      var layerName = row[0].isEmpty ? "layer\(layers.count)" : row[0]
      if usedNames.contains(layerName) { layerName += "#\(lineNumber)" }
      usedNames.insert(layerName)
      var sparsity: StructuredSparsity?
      let sparsityColumn = columnNames.count
      if row.count > sparsityColumn, !row[sparsityColumn].isEmpty {
        guard let pattern = StructuredSparsity(text: row[sparsityColumn]) else {
          throw ScaleSimTopologyError(
            file: file, line: lineNumber,
            message:
              "column Sparsity (\(sparsityColumn + 1)): expected N:M with integers 1 <= N <= M <= \(StructuredSparsity.maximumBlock) (N non-zero weights in every M, SCALE-Sim v3), found \"\(row[sparsityColumn])\""
          )
        }
        sparsity = pattern.isDense ? nil : pattern
      }
      let operation: LayerOperation
      if isGEMM {
        operation = .gemm(GEMMShape(m: try number(1), n: try number(2), k: try number(3)))
      } else {
        let channels = try number(5)
        let input = TensorShape(channels: channels, height: try number(1), width: try number(2))
        // SCALE-Sim v3 (topology_utils.py) reads a name containing "DP" as depthwise: one
        // single-channel layer per channel, each with Num Filter filters.
        let depthwise = row[0].contains("DP")
        let filters = try number(6)
        let (allFilters, overflow) = filters.multipliedReportingOverflow(by: depthwise ? channels : 1)
        guard !overflow, allFilters <= TraceLimits.maximumDimension else {
          throw ScaleSimTopologyError(
            file: file, line: lineNumber,
            message:
              "depthwise layer (DP in its name): Channels × Num Filter = \(channels) × \(filters) filters exceeds \(TraceLimits.maximumDimension)"
          )
        }
        let conv = ConvolutionShape(
          input: input, kernelHeight: try number(3), kernelWidth: try number(4), filters: allFilters,
          strideY: try number(7), strideX: try number(7), ceilMode: true, groups: depthwise ? channels : 1)
        guard conv.output != nil else {
          throw ScaleSimTopologyError(
            file: file, line: lineNumber,
            message: "the \(conv.kernelHeight)x\(conv.kernelWidth) filter is larger than the \(input.height)x\(input.width) IFMAP"
          )
        }
        operation = .conv2d(conv)
      }
      layers.append(TraceLayer(name: layerName, operation: operation, sparsity: sparsity))
    }
    guard !layers.isEmpty else {
      throw ScaleSimTopologyError(file: file, line: 2, message: "no layers after the header")
    }
    let trace = NetworkTrace(
      name: name ?? file.split(separator: "/").last.map(String.init) ?? file, topology: .independent,
      provenance: Provenance(source: "scalesim-import", note: "imported from \(file)"), layers: layers)
    do {
      try trace.validate()
    } catch {
      throw ScaleSimTopologyError(file: file, line: 0, message: error.message)
    }
    return trace
  }

  static func fields(_ line: String) -> [String] {
    var row = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
    while let last = row.last, last.isEmpty, row.count > 1 { row.removeLast() }
    return row
  }
}

/// A SCALE-Sim topology file that cannot be imported.
public struct ScaleSimTopologyError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file being imported.
  public var file: String
  /// The 1-based line of the problem (0 when it concerns the whole file).
  public var line: Int
  /// What was wrong and what was expected.
  public var message: String

  public var description: String { line > 0 ? "\(file): line \(line): \(message)" : "\(file): \(message)" }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}
