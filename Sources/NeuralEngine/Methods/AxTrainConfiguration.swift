import Foundation
import Trace

/// The settings of an AxTrain run (`AxTrain.run`).
public struct AxTrainConfiguration: Equatable, Sendable {
  /// SGD settings shared by every method; `epochs` is E, the epochs before pas (BP and act run
  /// E + `passiveEpochs` in all, so every method trains equally long). Its `arithmetic` is ignored.
  public var training: TrainingConfiguration
  /// P, the AxTrain-pas epochs (the paper: "a few more epochs", 10 for MNIST).
  public var passiveEpochs: Int
  /// The learning rate of the pas epochs (nil: `training.learningRate`).
  public var passiveLearningRate: Float?
  /// γ at the first epoch, its per-epoch step Δγ and the error bound (see `PreferenceSchedule`).
  public var preferenceSchedule: PreferenceSchedule
  /// The hardware pas trains against and the evaluation applies; default DRUM-4 (K1, the most
  /// aggressive) and NTV at 0.66 V.
  public var noises: [AxTrain.Noise]
  /// Seeded evaluation runs per NTV setting (the paper's 50).
  public var evaluationRuns: Int
  /// The seed of the first evaluation run (run i uses seed + i).
  public var evaluationSeed: UInt64
  /// Whether act computes S for its history even while γ = 0 (costs the R-passes).
  public var recordsSensitivity: Bool

  /// Settings. The paper gives no SGD or γ values; these are ours for the bundled MLPs
  /// (docs/methods.md): rate 0.02 (0.05 let act's loss spike once γ had grown), 15 + 5 epochs,
  /// pas at rate 0.01 (a fine-tune "without hurting the accuracy", §4), γ from 0.01 by 0.005
  /// per epoch with a 0.05-nat error bound.
  public init(
    training: TrainingConfiguration = TrainingConfiguration(epochs: 15, learningRate: 0.02),
    passiveEpochs: Int = 5, passiveLearningRate: Float? = 0.01,
    preferenceSchedule: PreferenceSchedule = PreferenceSchedule(initial: 0.01, step: 0.005, errorBound: 0.05),
    noises: [AxTrain.Noise] = [.drum(k: 4), .nearThreshold(volts: 0.66)],
    evaluationRuns: Int = 50, evaluationSeed: UInt64 = 1, recordsSensitivity: Bool = true
  ) {
    self.training = training
    self.passiveEpochs = passiveEpochs
    self.passiveLearningRate = passiveLearningRate
    self.preferenceSchedule = preferenceSchedule
    self.noises = noises
    self.evaluationRuns = evaluationRuns
    self.evaluationSeed = evaluationSeed
    self.recordsSensitivity = recordsSensitivity
  }

  /// Checks every setting's range.
  public func validate() throws(NeuralEngineError) {
    try training.validate()
    guard (0...100_000).contains(passiveEpochs) else { throw .invalidTraining("pas epochs \(passiveEpochs) outside 0...100000") }
    if let rate = passiveLearningRate, !(rate > 0 && rate <= 10) {
      throw .invalidTraining("pas learning rate \(rate) outside (0, 10]")
    }
    let schedule = preferenceSchedule
    guard schedule.gamma.isFinite, schedule.step.isFinite, schedule.step >= 0, schedule.errorBound.isFinite else {
      throw .invalidTraining("γ \(schedule.gamma), Δγ \(schedule.step) and the error bound must be finite, Δγ ≥ 0")
    }
    guard (1...10_000).contains(evaluationRuns) else {
      throw .invalidTraining("evaluation runs \(evaluationRuns) outside 1...10000")
    }
    for noise in noises {
      switch noise {
      case .drum(let k):
        guard (3...16).contains(k) else { throw .invalidArithmetic("DRUM k = \(k) outside 3...16 (16-bit words)") }
      case .nearThreshold(let volts):
        guard volts.isFinite, volts > 0 else { throw .invalidArithmetic("NTV supply \(volts) V must be positive") }
      }
    }
  }
}

/// Mean and sample standard deviation of a quality measure over evaluation runs.
public struct SampleStatistics: Equatable, Sendable {
  /// Every run's value, in run order.
  public var values: [Double]
  /// The mean.
  public var mean: Double
  /// The sample standard deviation (n − 1; 0 for one run).
  public var standardDeviation: Double

  /// Statistics of `values`.
  public init(_ values: [Double]) {
    self.values = values
    let n = Double(max(1, values.count))
    let average = values.reduce(0, +) / n
    mean = average
    let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
    standardDeviation = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
  }
}

/// One network's held-out quality under one arithmetic.
public struct AxTrainEvaluation: Equatable, Sendable {
  /// How the network was trained.
  public var method: AxTrain.Method
  /// The noise pas trained it against, if any.
  public var trainedAgainst: AxTrain.Noise?
  /// The arithmetic of the evaluation (nil: exact).
  public var evaluatedUnder: AxTrain.Noise?
  /// That arithmetic as the engine runs it (NTV persistent), for traces and pricing; nil when exact.
  public var arithmetic: NetworkArithmetic?
  /// Accuracy, 0...1, over the runs.
  public var accuracy: SampleStatistics
  /// Output error (Brier score: mean squared distance of the class probabilities from the
  /// one-hot target) over the runs.
  public var outputError: SampleStatistics
}

/// What `AxTrain.run` produced: the trained networks, act's γ and S per epoch, and every
/// evaluation.
public struct AxTrainOutcome: Equatable, Sendable {
  /// BP, act, then pas and AxTrain for each noise in configuration order.
  public var networks: [AxTrain.TrainedNetwork]
  /// AxTrain-act's epochs (E + P).
  public var activeHistory: [AxTrain.ActiveEpoch]
  /// Each network exactly, then under each noise (pas and AxTrain only under their own).
  public var evaluations: [AxTrainEvaluation]
  /// The noises of the run.
  public var noises: [AxTrain.Noise]

  /// The network trained by `method` (against `noise` for pas and AxTrain).
  public func network(_ method: AxTrain.Method, against noise: AxTrain.Noise? = nil) -> Network? {
    networks.first { $0.method == method && $0.trainedAgainst == (method == .passive || method == .combined ? noise : nil) }?
      .network
  }

  /// The evaluation of `method`'s network (trained against `trainedAgainst` for pas and AxTrain)
  /// under `noise` (nil: exact).
  public func evaluation(_ method: AxTrain.Method, trainedAgainst: AxTrain.Noise? = nil, under noise: AxTrain.Noise?)
    -> AxTrainEvaluation?
  {
    let against = method == .passive || method == .combined ? trainedAgainst : nil
    return evaluations.first { $0.method == method && $0.trainedAgainst == against && $0.evaluatedUnder == noise }
  }

  /// The evaluation arithmetic of `noise` for a network of `layers` layers (NTV persistent),
  /// ready for a trace or an energy estimator.
  public static func arithmetic(for noise: AxTrain.Noise, layers: Int) -> NetworkArithmetic {
    noise.arithmetic(layers: layers, mode: .persistent)
  }

  /// A plain-text table: method, trained against, evaluated under, accuracy and output error
  /// (mean ± standard deviation over the runs).
  public var table: String {
    var lines = ["method        trained-for   evaluated-under  runs  accuracy           output-error"]
    for e in evaluations {
      let columns = [
        e.method.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0),
        (e.trainedAgainst?.description ?? "-").padding(toLength: 14, withPad: " ", startingAt: 0),
        (e.evaluatedUnder?.description ?? "exact").padding(toLength: 17, withPad: " ", startingAt: 0),
        String(e.accuracy.values.count).padding(toLength: 6, withPad: " ", startingAt: 0),
        String(format: "%.4f ± %.4f    ", e.accuracy.mean, e.accuracy.standardDeviation),
        String(format: "%.5f ± %.5f", e.outputError.mean, e.outputError.standardDeviation),
      ]
      lines.append(columns.joined())
    }
    return lines.joined(separator: "\n")
  }
}
