/// The identities of a layer's tensors for CANNA's draws: the same tensor gets the same salt
/// in every pass that reads it.
struct TensorSalts {
  let input: UInt64
  let weight: UInt64
  let outputGradient: UInt64
  let velocity: UInt64
  let poolSum: UInt64

  init(layer: Int) {
    let base = UInt64(layer) &* 0x100
    input = base | 1
    weight = base | 2
    outputGradient = base | 3
    velocity = base | 4
    poolSum = base | 5
  }
}
