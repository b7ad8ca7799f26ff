/// The four parts FlexFlow's Table 6 splits power into, for comparing a report with the paper.
public enum PowerGroup: String, CaseIterable, Sendable {
  /// P_nein: Neuron Buffer 1 (input neurons), reads and leakage.
  case neuronIn = "neuron_in"
  /// P_neout: Neuron Buffer 2 (outputs and partial sums), accesses and leakage.
  case neuronOut = "neuron_out"
  /// P_kerin: the kernel buffer, reads and leakage.
  case kernelIn = "kernel_in"
  /// P_com: the computing engine: PEs with their local stores, row accumulators, pooling
  /// ALUs, decoder, PE clock and their leakage.
  case compute

  /// The group of a report component (`neuron_buffer_in`, `leakage.kernel_buffer`, `pe.adder`).
  public static func of(component name: String) -> PowerGroup {
    let bare = name.hasPrefix("leakage.") ? String(name.dropFirst("leakage.".count)) : name
    switch bare {
    case "neuron_buffer_in": return .neuronIn
    case "neuron_buffer_out": return .neuronOut
    case "kernel_buffer": return .kernelIn
    default: return .compute
    }
  }
}
