import SimKernel
import Trace

/// AxTrain (He, Ke, Lu, Yan, Zhang, ISLPED 2018): hardware-oriented training for approximate
/// inference.
///
/// - **AxTrain-act** adds γ·S(w) to the loss (`SensitivityRegularizer`, gradient through an
///   exact Hessian-vector product), γ adapted per epoch (`PreferenceSchedule`).
/// - **AxTrain-pas** trains with the hardware's noise in the forward pass (DRUM-k products, or
///   NTV weight reads with fresh flips on every access) and straight-through gradients clipped
///   at |g| ≥ 1 (Eq. 12).
/// - **AxTrain** (the combination): act first, then a few pas epochs (§4, "first trained with
///   AxTrain-act …, then tuned with AxTrain-pas for a few more epochs").
///
/// `run` trains all four from one initial network with one seed, every method for the same
/// number of epochs (E + P): plain backpropagation E + P exact epochs; act E + P regularised
/// epochs; pas the BP network after E epochs plus P noisy epochs; AxTrain the act network after
/// E epochs plus P noisy epochs. Then it evaluates each network exactly, under DRUM-k, and under
/// NTV storage as the mean and standard deviation over seeded runs with persistent flips.
public struct AxTrain: Sendable {
  /// Approximate hardware AxTrain-pas trains against and the evaluation applies to every layer.
  public enum Noise: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// DRUM-k multipliers on 16-bit dynamic fixed-point words (AxTrain's K1–K4 = k 4…7,
    /// docs/sources.md#drum-rtl; k = 4 is the most aggressive).
    case drum(k: Int)
    /// Weights in near-threshold SRAM at `volts` (1 % flips per bit at 0.66 V).
    case nearThreshold(volts: Double)

    /// The arithmetic of every layer: NTV flips drawn per access (training) or once per run
    /// (evaluation) as `mode` says; DRUM ignores `mode`.
    public func arithmetic(layers: Int, mode: WeightStorage.Mode) -> NetworkArithmetic {
      switch self {
      case .drum(let k): return .uniform(LayerArithmetic(multiplier: .drum(k: k)), layers: layers)
      case .nearThreshold(let volts):
        return .uniform(LayerArithmetic(weightStorage: WeightStorage(volts: volts, mode: mode)), layers: layers)
      }
    }

    /// Whether evaluations draw random flips (and so need several seeded runs).
    public var isRandom: Bool {
      if case .nearThreshold = self { return true }
      return false
    }

    /// `DRUM-4`, `NTV 0.66 V`.
    public var description: String {
      switch self {
      case .drum(let k): return "DRUM-\(k)"
      case .nearThreshold(let volts): return "NTV \(volts) V"
      }
    }
  }

  /// The training method a network came from.
  public enum Method: String, CaseIterable, Equatable, Hashable, Sendable {
    /// Plain backpropagation (the paper's "conventional BP").
    case backpropagation = "bp"
    /// AxTrain-act only.
    case active = "axtrain-act"
    /// AxTrain-pas only (after E exact epochs).
    case passive = "axtrain-pas"
    /// AxTrain: act, then pas.
    case combined = "axtrain"
  }

  /// One AxTrain-act epoch.
  public struct ActiveEpoch: Equatable, Sendable {
    /// The epoch, from 1.
    public var epoch: Int
    /// Mean cross-entropy E over the epoch's batches (nats).
    public var loss: Double
    /// Mean sensitivity S over the epoch's batches.
    public var sensitivity: Double
    /// The γ used during the epoch.
    public var gamma: Double
  }

  /// A trained network and where it came from.
  public struct TrainedNetwork: Equatable, Sendable {
    /// The method.
    public var method: Method
    /// For pas and AxTrain, the noise it was trained against (nil otherwise).
    public var trainedAgainst: Noise?
    /// The network.
    public var network: Network
  }

  /// The settings.
  public var configuration: AxTrainConfiguration

  /// AxTrain with `configuration`.
  public init(configuration: AxTrainConfiguration = AxTrainConfiguration()) { self.configuration = configuration }

  /// Trains BP, act, and pas and AxTrain against every configured noise from `network` on
  /// `data.train`, and evaluates them on `data.test`.
  /// - Throws: `NeuralEngineError` for invalid settings, a network that is not dense (act needs
  ///   the R-operator), or a diverging loss.
  public func run(_ network: Network, data: DatasetSplit) throws(NeuralEngineError) -> AxTrainOutcome {
    try configuration.validate()
    try network.checkCompatible(with: data.train)
    _ = try DenseChain(network)  // act needs the R-operator: reject other layers before training
    let exactEpochs = configuration.training.epochs
    let passiveEpochs = configuration.passiveEpochs
    // Plain backpropagation: E epochs (kept for pas), then P more.
    var bpSession = try TrainingSession(network: network, configuration: configuration.training)
    for _ in 0..<exactEpochs { _ = try bpSession.epoch(on: data.train, arithmetic: nil) }
    let bpMiddle = bpSession.network
    for _ in 0..<passiveEpochs { _ = try bpSession.epoch(on: data.train, arithmetic: nil) }
    // AxTrain-act: E epochs (kept for AxTrain), then P more.
    var actSession = try TrainingSession(network: network, configuration: configuration.training)
    var schedule = configuration.preferenceSchedule
    var history: [ActiveEpoch] = []
    for epoch in 1...exactEpochs {
      history.append(try activeEpoch(&actSession, data: data.train, schedule: &schedule, epoch: epoch))
    }
    let actMiddle = actSession.network
    for epoch in 0..<passiveEpochs {
      history.append(try activeEpoch(&actSession, data: data.train, schedule: &schedule, epoch: exactEpochs + epoch + 1))
    }
    var trained = [
      TrainedNetwork(method: .backpropagation, trainedAgainst: nil, network: bpSession.network),
      TrainedNetwork(method: .active, trainedAgainst: nil, network: actSession.network),
    ]
    for noise in configuration.noises {
      trained.append(
        TrainedNetwork(method: .passive, trainedAgainst: noise, network: try passive(bpMiddle, noise: noise, data: data.train)))
      trained.append(
        TrainedNetwork(method: .combined, trainedAgainst: noise, network: try passive(actMiddle, noise: noise, data: data.train)))
    }
    var evaluations: [AxTrainEvaluation] = []
    for candidate in trained {
      evaluations.append(try Self.evaluate(candidate, under: nil, on: data.test, runs: 1, seed: configuration.evaluationSeed))
      for noise in configuration.noises where candidate.trainedAgainst == nil || candidate.trainedAgainst == noise {
        evaluations.append(
          try Self.evaluate(
            candidate, under: noise, on: data.test, runs: noise.isRandom ? configuration.evaluationRuns : 1,
            seed: configuration.evaluationSeed))
      }
    }
    return AxTrainOutcome(networks: trained, activeHistory: history, evaluations: evaluations, noises: configuration.noises)
  }

  /// One AxTrain-act epoch in `session`: every batch adds γ·∂S/∂w to the loss gradient; γ then
  /// moves by the schedule.
  public func activeEpoch(_ session: inout TrainingSession, data: Dataset, schedule: inout PreferenceSchedule, epoch: Int)
    throws(NeuralEngineError) -> ActiveEpoch
  {
    let regularizer = SensitivityRegularizer()
    let order = session.shuffledOrder(samples: data.samples)
    let gamma = schedule.gamma
    var (lossSum, sensitivitySum, batches) = (0.0, 0.0, 0)
    var start = 0
    while start < order.count {
      let end = min(order.count, start + session.configuration.batchSize)
      let indices = order[start..<end]
      var extra: [Matrix?]? = nil
      if gamma > 0 || configuration.recordsSensitivity {
        let evaluation = try regularizer.evaluate(session.network, inputs: data.features.gathering(rows: indices))
        sensitivitySum += evaluation.sensitivity
        if gamma > 0 {
          extra = evaluation.gradient.weights.map { weights in
            weights.map { w in
              var scaled = w
              for index in scaled.values.indices { scaled.values[index] *= Float(gamma) }
              return scaled
            }
          }
        }
      }
      lossSum += try session.step(on: data, indices: indices, arithmetic: nil, extraWeightGradients: extra).loss
      batches += 1
      start = end
    }
    let loss = lossSum / Double(max(1, batches))
    schedule.update(epochError: loss)
    return ActiveEpoch(epoch: epoch, loss: loss, sensitivity: sensitivitySum / Double(max(1, batches)), gamma: gamma)
  }

  /// AxTrain-pas: `passiveEpochs` epochs from `network` with `noise` in the forward pass (NTV
  /// flips per access), straight-through gradients clipped at |g| ≥ 1.
  public func passive(_ network: Network, noise: Noise, data: Dataset) throws(NeuralEngineError) -> Network {
    var settings = configuration.training
    settings.learningRate = configuration.passiveLearningRate ?? settings.learningRate
    settings.clipsApproximateGradients = true
    let arithmetic = noise.arithmetic(layers: network.layers.count, mode: .perAccess)
    settings.arithmetic = arithmetic
    var session = try TrainingSession(network: network, configuration: settings)
    for _ in 0..<configuration.passiveEpochs { _ = try session.epoch(on: data, arithmetic: arithmetic) }
    return session.network
  }

  /// Quality of `trained` on `data` under `noise` (exact when nil): mean and standard deviation
  /// over `runs` runs seeded `seed`, `seed + 1`, …; NTV flips are persistent within a run (one
  /// mask per stored word), so run i of two networks of one topology sees the same failing cells.
  public static func evaluate(_ trained: TrainedNetwork, under noise: Noise?, on data: Dataset, runs: Int, seed: UInt64)
    throws(NeuralEngineError) -> AxTrainEvaluation
  {
    let arithmetic = noise?.arithmetic(layers: trained.network.layers.count, mode: .persistent)
    var accuracies: [Double] = []
    var errors: [Double] = []
    for run in 0..<max(1, runs) {
      var context = EvaluationContext(seed: seed &+ UInt64(run))
      let metrics = try trained.network.evaluate(on: data, arithmetic: arithmetic, context: &context)
      accuracies.append(metrics.accuracy)
      errors.append(metrics.outputError)
    }
    return AxTrainEvaluation(
      method: trained.method, trainedAgainst: trained.trainedAgainst, evaluatedUnder: noise, arithmetic: arithmetic,
      accuracy: SampleStatistics(accuracies), outputError: SampleStatistics(errors))
  }
}
