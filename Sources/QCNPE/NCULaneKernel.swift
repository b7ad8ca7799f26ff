/// The multiply-accumulate of 16 NCUs of one array row over a run of consecutive steps, the
/// NCUs in SIMD lanes.
///
/// ```
///   32-bit lane L:   input pair  [ x(k) | x(k+1) ]     (two 16-bit words: steps t, t+1)
///                    weight pair [ w(k) | w(k+1) ]
///   pair sum  p  =  x(k)·w(k) + x(k+1)·w(k+1)          (SSE2 pmaddwd: 4 lanes, 2 steps)
///   accumulator  +=  p          (kept exact as two 32-bit partial sums, folded into 64 bits)
/// ```
///
/// Each lane holds one NCU; a vector of pairs advances four NCUs by two steps in one multiply
/// instruction, which LLVM selects from plain `SIMD8<Int16>` arithmetic on every x86-64 target
/// (pmaddwd is SSE2) and lowers to widening multiply-adds on arm64, with no target flags.
///
/// Exactness. Operands are words of at most 16 bits, so a product lies in [−2^30 + 2^15, 2^30]
/// and a pair sum in [−2^31 + 2^16, 2^31]: only the single value +2^31 (all four operands
/// −32768) does not fit an `Int32`, and the instruction returns it as −2^31. Subtracting 1
/// maps every pair sum, that one included, into the `Int32` range; the lane then adds the
/// upper 16 bits (arithmetic shift) and the lower 16 bits of that biased sum into two 32-bit
/// partial sums, which cannot overflow within `maximumPairsPerFlush` pairs
/// (2^14 · 2^15 and 2^14 · 2^16 < 2^31), and the flush adds
/// `2^16 · upper + lower + pairs` to the 64-bit accumulator. The result equals the sum of
/// the products exactly, whatever their order, so it is the cycle-by-cycle accumulator.
enum NCULaneKernel {
  /// NCUs per kernel call.
  static let lanes = 16
  /// The most step pairs between two flushes of the 32-bit partial sums.
  static let maximumPairsPerFlush = 1 << 14

  /// Advances 16 lanes by `pairs` step pairs and then, if `single`, by one more step.
  ///
  /// - Parameters:
  ///   - inputs: lane 0's input pair for the first step pair; lane L's follows at 4·L bytes and
  ///     the next step pair's at +8 bytes (the same words, two steps on).
  ///   - weights: lane 0's weight pair; lane L's at 4·L bytes, the next step pair's at
  ///     `weightPairStride` bytes.
  ///   - inputMasks: per lane, the precision mask of both input words (all ones when the
  ///     inputs are already truncated); used when `masked`.
  ///   - accumulators: the lanes' 64-bit accumulators, lane L at 8·L bytes.
  @inline(__always)
  static func run(
    inputs: UnsafeRawPointer, weights: UnsafeRawPointer, weightPairStride: Int, pairs: Int, single: Bool,
    masked: Bool, inputMasks: UnsafeRawPointer, accumulators: UnsafeMutableRawPointer
  ) {
    let mask0 = inputMasks.loadUnaligned(fromByteOffset: 0, as: SIMD8<Int16>.self)
    let mask1 = inputMasks.loadUnaligned(fromByteOffset: 16, as: SIMD8<Int16>.self)
    let mask2 = inputMasks.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int16>.self)
    let mask3 = inputMasks.loadUnaligned(fromByteOffset: 48, as: SIMD8<Int16>.self)
    var input = inputs
    var weight = weights
    var remaining = pairs
    while remaining > 0 {
      let block = min(remaining, maximumPairsPerFlush)
      remaining -= block
      var sums = LaneSums()
      for _ in 0..<block {
        var x0 = input.loadUnaligned(fromByteOffset: 0, as: SIMD8<Int16>.self)
        var x1 = input.loadUnaligned(fromByteOffset: 16, as: SIMD8<Int16>.self)
        var x2 = input.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int16>.self)
        var x3 = input.loadUnaligned(fromByteOffset: 48, as: SIMD8<Int16>.self)
        if masked {
          x0 &= mask0
          x1 &= mask1
          x2 &= mask2
          x3 &= mask3
        }
        sums.add(
          x0, x1, x2, x3, weight.loadUnaligned(fromByteOffset: 0, as: SIMD8<Int16>.self),
          weight.loadUnaligned(fromByteOffset: 16, as: SIMD8<Int16>.self),
          weight.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int16>.self),
          weight.loadUnaligned(fromByteOffset: 48, as: SIMD8<Int16>.self))
        input += 8
        weight += weightPairStride
      }
      sums.flush(into: accumulators, pairs: block)
    }
    guard single else { return }
    // One step: the second word of each weight pair (the step after the run) is zeroed.
    let firstWord = SIMD8<Int16>(-1, 0, -1, 0, -1, 0, -1, 0)
    var x0 = input.loadUnaligned(fromByteOffset: 0, as: SIMD8<Int16>.self)
    var x1 = input.loadUnaligned(fromByteOffset: 16, as: SIMD8<Int16>.self)
    var x2 = input.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int16>.self)
    var x3 = input.loadUnaligned(fromByteOffset: 48, as: SIMD8<Int16>.self)
    if masked {
      x0 &= mask0
      x1 &= mask1
      x2 &= mask2
      x3 &= mask3
    }
    var sums = LaneSums()
    sums.add(
      x0, x1, x2, x3, weight.loadUnaligned(fromByteOffset: 0, as: SIMD8<Int16>.self) & firstWord,
      weight.loadUnaligned(fromByteOffset: 16, as: SIMD8<Int16>.self) & firstWord,
      weight.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int16>.self) & firstWord,
      weight.loadUnaligned(fromByteOffset: 48, as: SIMD8<Int16>.self) & firstWord)
    sums.flush(into: accumulators, pairs: 1)
  }

  /// The sum of the two products of a pair, per 32-bit lane (pmaddwd's pattern).
  @inline(__always)
  static func pairSums(_ x: SIMD8<Int16>, _ w: SIMD8<Int16>) -> SIMD4<Int32> {
    SIMD4<Int32>(truncatingIfNeeded: x.evenHalf) &* SIMD4<Int32>(truncatingIfNeeded: w.evenHalf)
      &+ SIMD4<Int32>(truncatingIfNeeded: x.oddHalf) &* SIMD4<Int32>(truncatingIfNeeded: w.oddHalf)
  }

  /// Sixteen lanes' biased pair sums, split into upper and lower 16-bit partial sums.
  struct LaneSums {
    var upper0 = SIMD4<Int32>()
    var upper1 = SIMD4<Int32>()
    var upper2 = SIMD4<Int32>()
    var upper3 = SIMD4<Int32>()
    var lower0 = SIMD4<Int32>()
    var lower1 = SIMD4<Int32>()
    var lower2 = SIMD4<Int32>()
    var lower3 = SIMD4<Int32>()

    @inline(__always)
    mutating func add(
      _ x0: SIMD8<Int16>, _ x1: SIMD8<Int16>, _ x2: SIMD8<Int16>, _ x3: SIMD8<Int16>, _ w0: SIMD8<Int16>,
      _ w1: SIMD8<Int16>, _ w2: SIMD8<Int16>, _ w3: SIMD8<Int16>
    ) {
      LaneSums.split(NCULaneKernel.pairSums(x0, w0), &upper0, &lower0)
      LaneSums.split(NCULaneKernel.pairSums(x1, w1), &upper1, &lower1)
      LaneSums.split(NCULaneKernel.pairSums(x2, w2), &upper2, &lower2)
      LaneSums.split(NCULaneKernel.pairSums(x3, w3), &upper3, &lower3)
    }

    @inline(__always)
    static func split(_ pairSum: SIMD4<Int32>, _ upper: inout SIMD4<Int32>, _ lower: inout SIMD4<Int32>) {
      let biased = pairSum &- 1
      upper &+= biased &>> 16
      lower &+= biased & 0xFFFF
    }

    /// Adds 2^16·upper + lower + pairs (undoing the bias) to the 64-bit accumulators.
    @inline(__always)
    func flush(into accumulators: UnsafeMutableRawPointer, pairs: Int) {
      LaneSums.flush(upper0, lower0, into: accumulators, at: 0, pairs: pairs)
      LaneSums.flush(upper1, lower1, into: accumulators, at: 32, pairs: pairs)
      LaneSums.flush(upper2, lower2, into: accumulators, at: 64, pairs: pairs)
      LaneSums.flush(upper3, lower3, into: accumulators, at: 96, pairs: pairs)
    }

    @inline(__always)
    static func flush(
      _ upper: SIMD4<Int32>, _ lower: SIMD4<Int32>, into accumulators: UnsafeMutableRawPointer, at offset: Int, pairs: Int
    ) {
      let sum =
        (SIMD4<Int64>(truncatingIfNeeded: upper) &<< 16) &+ SIMD4<Int64>(truncatingIfNeeded: lower)
        &+ SIMD4<Int64>(repeating: Int64(pairs))
      let old = accumulators.loadUnaligned(fromByteOffset: offset, as: SIMD4<Int64>.self)
      accumulators.storeBytes(of: old &+ sum, toByteOffset: offset, as: SIMD4<Int64>.self)
    }
  }
}
