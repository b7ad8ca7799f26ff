import Energy

extension FlexFlowConfig {
  /// The conditions and leakage instances the energy stage needs, with the kernel buffer and
  /// kernel local stores at the configured supply voltage (nominal when none is set).
  public var energyBinding: EnergyBinding { energyBinding(kernelStorageVolts: kernelStorageVolts) }

  /// The conditions and leakage instances the energy stage needs, with the kernel buffer and
  /// the kernel local stores at `kernelStorageVolts` volts (nil: the table's nominal supply).
  ///
  /// Buffers are priced per bank (D banks, each `bufferBytes / D`); local stores at their
  /// depth in words. Leakage instances: one per PE (logic), one kernel local store per PE,
  /// and one of each buffer (Neuron Buffer 2 is the same size as Neuron Buffer 1). The
  /// baseline dataflows have no local stores, so no kernel-local-store leakage.
  public func energyBinding(kernelStorageVolts: Double?) -> EnergyBinding {
    var binding = EnergyBinding(
      conditions: [
        "kernel_buffer": ComponentConditions(depth: kernelBufferBankWords, supplyVolts: kernelStorageVolts),
        "pe.kernel_local_store": ComponentConditions(depth: kernelLocalStoreWords, supplyVolts: kernelStorageVolts),
        "pe.neuron_local_store": ComponentConditions(depth: neuronLocalStoreWords),
        "neuron_buffer_in": ComponentConditions(depth: neuronBufferBankWords),
        "neuron_buffer_out": ComponentConditions(depth: neuronBufferBankWords),
      ],
      leakageInstances: [
        LeakageInstances("pe", peCount), LeakageInstances("pe.kernel_local_store", peCount),
        LeakageInstances("kernel_buffer", 1), LeakageInstances("neuron_buffer_in", 1),
        LeakageInstances("neuron_buffer_out", 1),
      ])
    if !dataflow.hasLocalStores {
      binding.leakageInstances.removeAll { $0 == LeakageInstances("pe.kernel_local_store", peCount) }
    }
    return binding
  }
}
