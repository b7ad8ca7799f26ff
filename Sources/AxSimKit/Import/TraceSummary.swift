import Trace

/// A trace as a table a reader can scan: each layer's operation, shapes, GEMM view and
/// multiply-accumulates (`axsim import --format text`), e.g.
///
/// to find the layer names a
/// precision file matches.
public enum TraceSummary {
  /// The table, then the totals.
  public static func render(_ trace: NetworkTrace) -> String {
    var rows: [[String]] = [["layer", "op", "input", "output", "batch", "GEMM (groups × M·N·K)", "MACs", "activation"]]
    var total = 0
    for layer in trace.layers {
      let gemm = layer.gemm.map { (layer.gemmGroups > 1 ? "\(layer.gemmGroups) × " : "") + "\($0.m)·\($0.n)·\($0.k)" } ?? "-"
      var op = layer.operation.kindName
      if case .conv2d(let conv) = layer.operation {
        if conv.groups > 1 {
          op += conv.groups == conv.input.channels && conv.groups == conv.filters ? " dw" : " g\(conv.groups)"
        }
        if conv.kernelHeight > 1 || conv.kernelWidth > 1 { op += " \(conv.kernelHeight)x\(conv.kernelWidth)" }
        if conv.strideY > 1 || conv.strideX > 1 { op += " s\(conv.strideY)" }
      }
      total += layer.macCount
      rows.append([
        layer.name, op, layer.inputShape.description, layer.outputShape?.description ?? "-", String(layer.batch), gemm,
        grouped(layer.macCount), layer.activation.rawValue,
      ])
    }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    var text = "\(trace.name): \(trace.layers.count) layers, \(grouped(total)) MACs, topology \(trace.topology.rawValue)\n"
    for row in rows {
      let cells = row.enumerated().map { column, cell in
        column == 0 || column == 1 || column == row.count - 1
          ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - cell.count) + cell
      }
      text += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }
    return text
  }

  /// `value` with thousands separators.
  static func grouped(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (index, character) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return result
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
