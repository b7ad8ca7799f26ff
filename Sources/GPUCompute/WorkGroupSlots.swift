/// The work-group slots of one compute unit (multi2sim's `id_in_compute_unit`): slot s uses
/// wavefront pool s mod pools.
struct WorkGroupSlots: Sendable {
  let wavefrontsPerWorkGroup: Int
  /// Whether the slot holds a work-group.
  var occupied: [Bool]
  /// The work-group's index in the kernel grid.
  var workGroup: [Int32]
  /// Its grid coordinates.
  var coordinates: [WorkGroupCoordinates]
  /// Its wavefronts' slots: `wavefrontSlots[s · wavefrontsPerWorkGroup + i]`.
  var wavefrontSlots: [Int16]
  /// Wavefronts that have completed `s_endpgm`.
  var finishedWavefronts: [Int16]
  /// Wavefronts waiting at the current barrier.
  var waitingAtBarrier: [Int16]

  init(count: Int, wavefrontsPerWorkGroup: Int) {
    self.wavefrontsPerWorkGroup = wavefrontsPerWorkGroup
    occupied = Array(repeating: false, count: count)
    workGroup = Array(repeating: -1, count: count)
    coordinates = Array(repeating: WorkGroupCoordinates(rowTile: 0, columnTile: 0, slice: 0), count: count)
    wavefrontSlots = Array(repeating: -1, count: count * wavefrontsPerWorkGroup)
    finishedWavefronts = Array(repeating: 0, count: count)
    waitingAtBarrier = Array(repeating: 0, count: count)
  }

  /// The lowest free slot, if any.
  var firstFree: Int? { occupied.firstIndex(of: false) }
}
