/// Everything a compute unit's simulation reads from its work list, so that two compute
/// units with equal signatures take the same cycles and record the same activity.
///
/// ```
///  per work-group, in dispatch order:
///    how much of its output tile lies inside the output  (lane masks)
///    its loop iterations                                  (program length)
///    per memory access: how much of the tile lies inside the matrix, and a label for the
///      tile's blocks: the order in which this compute unit first touched that tile
///    for CANNA with a hit rate below 1: the tested tile's group and origin (the draws)
/// ```
///
/// Why labels suffice: the L1 is fully associative with LRU replacement, so hits depend only
/// on which accesses touch the same block; pitches are padded to whole blocks and tile
/// origins are block-aligned, so two tiles (tensor, origin) either are the same or share no
/// block. Timing never depends on an address otherwise. `FidelityAgreementTests` checks the
/// claim against simulating every compute unit.
struct ComputeUnitSignature: Hashable {
  private var values: [Int64] = []

  init(kernel: Kernel, workList: [Int32], config: GPUConfig) {
    let layout = kernel.layout
    let maximumIterations = Int64(max(kernel.iterationsPerSlice, kernel.iterationsInLastSlice))
    let drawsMatter: Bool
    if case .canna = kernel.fpu.mode { drawsMatter = kernel.fpu.hitRate < 1 } else { drawsMatter = false }
    var labels: [TileIdentity: Int64] = [:]
    values.reserveCapacity(workList.count * (3 + 3 * kernel.accesses.count))
    values.append(Int64(workList.count))
    for group in workList {
      let at = kernel.coordinates(ofWorkGroup: Int(group))
      values.append(Self.clamp(Int64(layout.outputRows - Int(at.rowTile) * layout.tileRows), Int64(layout.tileRows)))
      values.append(
        Self.clamp(Int64(layout.outputColumns - Int(at.columnTile) * layout.tileColumns), Int64(layout.tileColumns)))
      values.append(Int64(kernel.iterations(inSlice: Int(at.slice))))
      for access in kernel.accesses {
        let row = access.rowOrigin.value(at, iteration: 0)
        let column = access.columnOrigin.value(at, iteration: 0)
        let rowReach =
          access.tileRows * max(1, abs(access.rowStride)) + maximumIterations * abs(access.rowOrigin.perIteration)
          + access.elementsPerLane
        let columnReach =
          access.tileColumns + maximumIterations * abs(access.columnOrigin.perIteration) + access.elementsPerLane
        values.append(Self.clamp(access.rows - row, rowReach))
        values.append(Self.clamp(access.columns - column, columnReach))
        let identity = TileIdentity(
          tensor: access.tensor + Int(at.slice) * access.tensorPerSlice + Int(at.group) * access.tensorPerGroup, row: row,
          column: column)
        if let label = labels[identity] {
          values.append(label)
        } else {
          let label = Int64(labels.count)
          labels[identity] = label
          values.append(label)
        }
      }
      if drawsMatter {
        for pattern in kernel.testedOperands {
          values.append(Int64(at.group) * pattern.elementsPerGroup)
          values.append(pattern.rowOrigin.value(at, iteration: 0))
          values.append(pattern.columnOrigin.value(at, iteration: 0))
        }
      }
    }
  }

  /// `value` limited to −1...`reach`: beyond either end nothing changes.
  private static func clamp(_ value: Int64, _ reach: Int64) -> Int64 { min(max(value, -1), reach) }

  private struct TileIdentity: Hashable {
    var tensor: Int
    var row: Int64
    var column: Int64
  }
}
