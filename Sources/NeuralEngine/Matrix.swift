/// A row-major matrix of `Float` on flat contiguous storage: a batch of samples is one row
/// per sample, each row the sample's features (a C×H×W feature map flattened channel by
/// channel, then row by row).
public struct Matrix: Equatable, Sendable {
  /// Rows (samples).
  public var rows: Int
  /// Columns (features).
  public var columns: Int
  /// `rows × columns` values, row after row.
  public var values: [Float]

  /// A zero matrix.
  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
    values = Array(repeating: 0, count: rows * columns)
  }

  /// A matrix over `values` (count must be rows × columns).
  public init(rows: Int, columns: Int, values: [Float]) {
    precondition(values.count == rows * columns, "matrix storage does not match its shape")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// The value at (`row`, `column`).
  @inlinable public subscript(row: Int, column: Int) -> Float {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// Rows `range` as a new matrix.
  public func rows(_ range: Range<Int>) -> Matrix {
    Matrix(rows: range.count, columns: columns, values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
  }

  /// The rows at `indices`, in that order.
  public func gathering(rows indices: ArraySlice<Int>) -> Matrix {
    var result = Matrix(rows: indices.count, columns: columns)
    for (target, source) in indices.enumerated() {
      for column in 0..<columns { result.values[target * columns + column] = values[source * columns + column] }
    }
    return result
  }

  /// The largest absolute value (0 for an empty matrix).
  public var maximumMagnitude: Float { values.reduce(0) { max($0, abs($1)) } }
}

/// The matrix kernels of the engine, on raw buffers so the inner loops vectorise.
enum Kernels {
  /// C = A · Bᵀ + bias: A is m×k, B is n×k (each row of B a neuron's weights), C is m×n.
  static func multiplyTransposed(_ a: Matrix, _ b: Matrix, bias: [Float]?) -> Matrix {
    precondition(a.columns == b.columns)
    var c = Matrix(rows: a.rows, columns: b.rows)
    let k = a.columns
    a.values.withUnsafeBufferPointer { pa in
      b.values.withUnsafeBufferPointer { pb in
        c.values.withUnsafeMutableBufferPointer { pc in
          for i in 0..<a.rows {
            let rowA = i * k
            for j in 0..<b.rows {
              let rowB = j * k
              var sum: Float = 0
              for index in 0..<k { sum += pa[rowA + index] * pb[rowB + index] }
              pc[i * b.rows + j] = sum + (bias?[j] ?? 0)
            }
          }
        }
      }
    }
    return c
  }

  /// C = A · B: A is m×k, B is k×n.
  static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows)
    var c = Matrix(rows: a.rows, columns: b.columns)
    let n = b.columns
    a.values.withUnsafeBufferPointer { pa in
      b.values.withUnsafeBufferPointer { pb in
        c.values.withUnsafeMutableBufferPointer { pc in
          for i in 0..<a.rows {
            for index in 0..<a.columns {
              let scale = pa[i * a.columns + index]
              if scale == 0 { continue }
              let rowB = index * n
              let rowC = i * n
              for j in 0..<n { pc[rowC + j] += scale * pb[rowB + j] }
            }
          }
        }
      }
    }
    return c
  }

  /// C = Aᵀ · B: A is m×k, B is m×n, C is k×n (weight gradients: inputs × output errors).
  static func multiplyLeftTransposed(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.rows == b.rows)
    var c = Matrix(rows: a.columns, columns: b.columns)
    let n = b.columns
    a.values.withUnsafeBufferPointer { pa in
      b.values.withUnsafeBufferPointer { pb in
        c.values.withUnsafeMutableBufferPointer { pc in
          for sample in 0..<a.rows {
            for index in 0..<a.columns {
              let scale = pa[sample * a.columns + index]
              if scale == 0 { continue }
              let rowB = sample * n
              let rowC = index * n
              for j in 0..<n { pc[rowC + j] += scale * pb[rowB + j] }
            }
          }
        }
      }
    }
    return c
  }
}
