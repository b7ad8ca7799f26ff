/// Persistent near-threshold cell failures for one run: a flip mask per stored word, drawn once
/// from a seeded generator and applied on every read (docs/sources.md#axtrain2018, the
/// evaluation mode of AxTrain's 50 seeded runs).
///
/// ```
/// word i ──► ⊕ masks[i] ──► word as read      (the same masks[i] on every read of the run)
/// ```
public struct PersistentFlipMasks: Hashable, Sendable {
  /// One mask per stored word; bit j set means bit j of that word reads flipped.
  public let masks: [UInt32]

  /// Masks for `words` stored words of `bits` bits each at `sram`'s flip probability, drawn in
  /// word order from `generator`: the same seed gives the same masks.
  ///
  /// A negative `words` gives no masks; `bits` is clamped to 0...32 as in
  /// `NearThresholdSRAM.flipMask(bits:using:)`.
  /// - Complexity: O(`words` × `bits`) draws.
  public init(words: Int, bits: Int, sram: NearThresholdSRAM, using generator: inout some RandomNumberGenerator) {
    var masks: [UInt32] = []
    masks.reserveCapacity(max(0, words))
    for _ in 0..<max(0, words) { masks.append(sram.flipMask(bits: bits, using: &generator)) }
    self.masks = masks
  }

  /// The number of stored words.
  @inlinable public var count: Int { masks.count }

  /// Word `index` as every read of this run returns it: `word` with its mask applied.
  ///
  /// - Precondition: `index` is in 0..<`count`, like an array subscript.
  @inlinable public func read(_ word: UInt32, at index: Int) -> UInt32 { word ^ masks[index] }
}
