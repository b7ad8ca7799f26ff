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
    Matrix(
      rows: range.count, columns: columns, values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
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
  ///
  /// Four neurons at a time share each load of A and keep four independent sums, so the
  /// adds overlap instead of waiting on one another; every sum still runs over k in order,
  /// so the result is bit for bit that of the plain triple loop.
  /// - Complexity: O(m·n·k), no allocation but C.
  static func multiplyTransposed(_ a: Matrix, _ b: Matrix, bias: [Float]?) -> Matrix {
    precondition(a.columns == b.columns, "inner dimensions differ")
    precondition(bias.map { $0.count == b.rows } ?? true, "one bias per neuron")
    let (m, n, k) = (a.rows, b.rows, a.columns)
    var c = Matrix(rows: m, columns: n)
    let biases = bias ?? Array(repeating: 0, count: n)
    a.values.withUnsafeBufferPointer { pa in
      b.values.withUnsafeBufferPointer { pb in
        biases.withUnsafeBufferPointer { pbias in
          c.values.withUnsafeMutableBufferPointer { pc in
            for i in 0..<m {
              let rowA = i * k
              let rowC = i * n
              var j = 0
              while j + 4 <= n {
                let (row0, row1, row2, row3) = (j * k, (j + 1) * k, (j + 2) * k, (j + 3) * k)
                var (sum0, sum1, sum2, sum3): (Float, Float, Float, Float) = (0, 0, 0, 0)
                for index in 0..<k {
                  let x = pa[rowA + index]
                  sum0 += x * pb[row0 + index]
                  sum1 += x * pb[row1 + index]
                  sum2 += x * pb[row2 + index]
                  sum3 += x * pb[row3 + index]
                }
                pc[rowC + j] = sum0 + pbias[j]
                pc[rowC + j + 1] = sum1 + pbias[j + 1]
                pc[rowC + j + 2] = sum2 + pbias[j + 2]
                pc[rowC + j + 3] = sum3 + pbias[j + 3]
                j += 4
              }
              while j < n {
                let rowB = j * k
                var sum: Float = 0
                for index in 0..<k { sum += pa[rowA + index] * pb[rowB + index] }
                pc[rowC + j] = sum + pbias[j]
                j += 1
              }
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
