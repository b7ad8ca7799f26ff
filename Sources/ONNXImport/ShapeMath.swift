/// Shape arithmetic the operators share: numpy broadcasting, element counts, and how a
/// reshape regroups dimensions (to follow the batch through it).
enum ShapeMath {
  /// The largest element count a value may have (2^50, `TraceLimits.maximumMACsPerLayer`).
  static let maximumElements = 1 << 50

  /// The product of `dims`, or nil past `maximumElements`.
  static func product(_ dims: some Collection<Int>) -> Int? {
    var total = 1
    for dimension in dims {
      let (next, overflow) = total.multipliedReportingOverflow(by: dimension)
      guard !overflow, next <= maximumElements else { return nil }
      total = next
    }
    return total
  }

  /// The numpy broadcast of two shapes (aligned right; a 1 stretches), or nil when they clash.
  static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var result: [Int] = []
    for axis in 0..<rank {
      let x = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
      let y = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
      guard x == y || x == 1 || y == 1 else { return nil }
      result.append(x == 1 ? y : x)
    }
    return result
  }

  /// Where axis `axis` of a rank-`rank` operand lands in a broadcast of rank `outputRank`.
  static func broadcastAxis(_ axis: Int?, rank: Int, outputRank: Int) -> Int? {
    axis.map { $0 + outputRank - rank }
  }

  /// Where a batch factor of `size` lands after a reshape from `from` to `to`: in row-major
  /// order it sits `inner` × (the elements of the axes after `axis`) elements from the end, so
  /// it lands in the output axis whose stride divides that and whose size holds the factor
  /// whole.
  ///
  /// Nil when the reshape splits the factor across two axes.
  static func reshapedBatch(axis: Int, inner: Int, size: Int, from: [Int], to: [Int]) -> (axis: Int, inner: Int)? {
    guard axis < from.count, size >= 1, let after = product(from[(axis + 1)...]) else { return nil }
    let (inside, overflow) = inner.multipliedReportingOverflow(by: after)
    let (outer, overflowOuter) = inside.multipliedReportingOverflow(by: size)
    // An empty value has no batch to follow.
    guard !overflow, !overflowOuter, inside > 0, to.allSatisfy({ $0 > 0 }) else { return nil }
    var stride = 1
    for target in (0..<to.count).reversed() {
      let (span, overflowSpan) = stride.multipliedReportingOverflow(by: to[target])
      guard !overflowSpan else { return nil }
      // A batch of 1 fits anywhere; at the top edge of an axis it is taken to start the axis
      // outside it (the batch leads, as frameworks lay it out).
      let fits = size > 1 ? outer <= span : inside < span || target == 0
      if inside % stride == 0, fits, to[target] % (inside / stride * size) == 0 {
        return (target, inside / stride)
      }
      stride = span
    }
    return nil
  }
}

extension ShapeMath {
  /// The flat index into an operand of shape `operand` that broadcasts to element `flat` of
  /// `shape` (row-major).
  static func broadcastIndex(_ flat: Int, shape: [Int], operand: [Int]) -> Int {
    var remaining = flat
    var index = 0
    var step = 1
    for axis in (0..<shape.count).reversed() {
      let coordinate = remaining % max(shape[axis], 1)
      remaining /= max(shape[axis], 1)
      let operandAxis = axis - (shape.count - operand.count)
      guard operandAxis >= 0 else { continue }
      let size = operand[operandAxis]
      if size != 1 { index += coordinate * step }
      step *= size
    }
    return index
  }
}
