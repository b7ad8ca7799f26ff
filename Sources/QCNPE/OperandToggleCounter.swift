/// Counts the bits that flip between consecutive words of an operand stream: what an NCU's
/// operand register (the full word) or multiplier input (the word truncated to the column's
/// precision) switches as the stream enters it step by step.
public enum OperandToggleCounter {
  /// Bits set in `mask` that differ between `words[i]` and `words[i + 1]`, summed over
  /// i ∈ [0, count − 1): four transitions per 64-bit XOR and population count.
  @inline(__always)
  public static func toggles(_ words: UnsafePointer<Int16>, count: Int, mask: UInt16) -> Int {
    guard count > 1 else { return 0 }
    let raw = UnsafeRawPointer(words)
    let wide = UInt64(mask) * 0x0001_0001_0001_0001
    var total = 0
    var i = 0
    while i + 5 <= count {
      let current = raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt64.self)
      let following = raw.loadUnaligned(fromByteOffset: 2 * i + 2, as: UInt64.self)
      total += ((current ^ following) & wide).nonzeroBitCount
      i += 4
    }
    while i + 1 < count {
      total += (UInt16(bitPattern: words[i] ^ words[i + 1]) & mask).nonzeroBitCount
      i += 1
    }
    return total
  }

  /// Bits that flip in one operand stream as the multipliers of `columns` array columns see
  /// it, column c truncated by `columnMask(c)` within `wordMask`. Neighbouring columns usually
  /// share a precision, so each run of equal masks is counted once.
  @inline(__always)
  static func toggles(
    _ words: UnsafePointer<Int16>, count: Int, wordMask: UInt16, columns: Int, columnMask: (Int) -> Int32
  ) -> Int {
    var total = 0
    var c = 0
    while c < columns {
      let mask = columnMask(c)
      var end = c + 1
      while end < columns, columnMask(end) == mask { end += 1 }
      total += (end - c) * toggles(words, count: count, mask: wordMask & UInt16(truncatingIfNeeded: mask))
      c = end
    }
    return total
  }

  /// The mask of a `wordBits`-bit word held sign-extended in 16 bits.
  @inline(__always)
  public static func wordMask(wordBits: Int) -> UInt16 { wordBits >= 16 ? .max : UInt16((1 << wordBits) - 1) }
}

/// The switching activity counted over one fold: bits toggled and compared at the NCUs'
/// multiplier inputs (operands at the columns' precision) and operand registers (full words).
struct FoldToggles: Equatable {
  /// Multiplier-input bits that flipped, inputs and weights.
  var multiplierToggled = 0
  /// Multiplier-input bits compared: (K − 1) transitions × (input + weight bits) per NCU.
  var multiplierCompared = 0
  /// Operand-register bits that flipped, both registers.
  var registerToggled = 0
  /// Operand-register bits compared: (K − 1) transitions × 2 words per NCU.
  var registerCompared = 0
}
