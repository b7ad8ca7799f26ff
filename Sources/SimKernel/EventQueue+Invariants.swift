extension EventQueue {
  /// Checks the heap property (every parent runs before its children) and that no pending
  /// event lies before `now`. Compiled only under `AXSIM_INTERNAL_CHECKS` (debug builds, which
  /// is what `swift test` runs); an empty inline function in release builds.
  @inlinable @inline(__always)
  public func _checkInvariants() {
    #if AXSIM_INTERNAL_CHECKS
      for index in heap.indices.dropFirst() {
        let parent = (index - 1) / 2
        precondition(!heap[index].runsBefore(heap[parent]), "event heap property violated")
      }
      if let first = heap.first { precondition(first.cycle >= now, "pending event before now") }
    #endif
  }
}
