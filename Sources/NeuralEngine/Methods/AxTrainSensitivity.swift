import Foundation
import Trace

/// AxTrain-act's sensitivity regulariser (He et al., ISLPED 2018, Eq. 5), per sample and
/// averaged over a batch:
///
///     S(w) = (1/B) Σ_samples Σ_k Σ_{l,ij} |w_ij^l| · |∂O_k/∂w_ij^l|
///
/// The outputs O_k are the network's **class probabilities** (the softmax outputs), not the
/// logits: the paper's O_k are "the final activations (outputs) from the output layer" (§2.2,
/// a sigmoid output layer there), and its backward R-pass (Eq. 11, "similar derivation for the
/// output layer") carries the output non-linearity. Probabilities are also what the output error
/// (Brier score) measures, so a small S bounds exactly the deviation the evaluation reports;
/// logits would instead reward shrinking every margin, which cross-entropy undoes. The sum runs
/// over weights only (Eq. 5 sums over w_ij; biases are neither multiplied by DRUM nor stored in
/// NTV SRAM here).
///
/// Its gradient (Eq. 6) is, per sample and class,
/// sign(w)·|∂O_k/∂w| + H_k·v_k with v_k = |w| ⊙ sign(∂O_k/∂w) and H_k the Hessian of O_k, the
/// Hessian-vector product computed exactly by Pearlmutter's R-operator (Eqs. 8–11). Because
/// sign(δ_i·a_j) = sign(δ_i)·sign(a_j), each sample's direction enters the R-passes through two
/// matrix products (|a|·|W|ᵀ forward, |δ|·|W| backward), so a whole batch runs at once: one
/// backward pass and two R-passes per class.
public struct SensitivityRegularizer: Sendable {
  /// The sensitivity of a batch and its gradient.
  public struct Evaluation: Sendable {
    /// S(w), averaged over the batch's samples (dimensionless: probability per unit relative
    /// weight change, summed over outputs and weights).
    public var sensitivity: Double
    /// ∂S/∂w for every weight, and ∂S/∂b for every bias (through the activations; S has no |b|
    /// term). AxTrain-act applies the weight part.
    public var gradient: ParameterVector
  }

  /// The regulariser.
  public init() {}

  /// S(w) and ∂S/∂w of `network` on `inputs` (one sample per row).
  ///
  /// With two classes the softmax gives ∂p₀/∂w = −∂p₁/∂w, so one class is computed and doubled.
  /// - Throws: `NeuralEngineError.invalidTopology` for a network that is not dense throughout.
  public func evaluate(_ network: Network, inputs: Matrix) throws(NeuralEngineError) -> Evaluation {
    let chain = try DenseChain(network)
    var pass = try chain.forwardOnly(inputs)
    let classes = network.classes
    let outputs = classes == 2 ? [1] : Array(0..<classes)
    let multiplicity: Float = classes == 2 ? 2 : 1
    let absoluteWeights = chain.layers.map { Self.absolute($0.weights) }
    let absoluteInputs = pass.inputs.map(Self.absolute)
    var gradient = ParameterVector(zerosLike: network)
    var sensitivity = 0.0
    for k in outputs {
      try chain.backward(&pass, seed: chain.outputDelta(pass.probabilities, objective: .probability(index: k)))
      var forwardTerms: [Matrix] = []
      var backwardTerms: [Matrix] = []
      for (position, layer) in chain.layers.enumerated() {
        let absoluteDeltas = Self.absolute(pass.deltas[position])
        // Σ_samples |δ_i|·|a_j| = |∂O_k/∂w_ij| summed over the batch.
        let magnitude = Kernels.multiplyLeftTransposed(absoluteDeltas, absoluteInputs[position])
        let index = chain.layerIndices[position]
        if var g = gradient.weights[index] {
          for element in g.values.indices {
            let w = layer.weights.values[element]
            sensitivity += Double(abs(w)) * Double(magnitude.values[element])
            g.values[element] += Self.sign(w) * magnitude.values[element]
          }
          gradient.weights[index] = g
        }
        // Σ_j V_ij·a_j = sign(δ_i)·Σ_j |w_ij|·|a_j| for this sample's v.
        var forward = Kernels.multiplyTransposed(absoluteInputs[position], absoluteWeights[position], bias: nil)
        for element in forward.values.indices { forward.values[element] *= Self.sign(pass.deltas[position].values[element]) }
        forwardTerms.append(forward)
        if position > 0 {
          // Σ_i δ_i·V_ij = sign(a_j)·Σ_i |δ_i|·|w_ij|.
          var backward = Kernels.multiply(absoluteDeltas, absoluteWeights[position])
          for element in backward.values.indices { backward.values[element] *= Self.sign(pass.inputs[position].values[element]) }
          backwardTerms.append(backward)
        }
      }
      let (rDeltas, rInputs) = chain.rPass(
        pass, objective: .probability(index: k), forwardTerms: forwardTerms, backwardTerms: backwardTerms)
      let hv = chain.rGradient(pass, rDeltas: rDeltas, rInputs: rInputs)
      for index in gradient.weights.indices {
        if var g = gradient.weights[index], let h = hv.weights[index] {
          for element in g.values.indices { g.values[element] += h.values[element] }
          gradient.weights[index] = g
        }
        if var b = gradient.biases[index], let h = hv.biases[index] {
          for element in b.indices { b[element] += h[element] }
          gradient.biases[index] = b
        }
      }
    }
    let scale = multiplicity / Float(max(1, inputs.rows))
    for index in gradient.weights.indices {
      if var g = gradient.weights[index] {
        for element in g.values.indices { g.values[element] *= scale }
        gradient.weights[index] = g
      }
      if var b = gradient.biases[index] {
        for element in b.indices { b[element] *= scale }
        gradient.biases[index] = b
      }
    }
    return Evaluation(sensitivity: sensitivity * Double(scale), gradient: gradient)
  }

  static func absolute(_ matrix: Matrix) -> Matrix {
    var result = matrix
    for index in result.values.indices { result.values[index] = abs(result.values[index]) }
    return result
  }

  /// −1, 0 or +1 (0 at 0: the subgradient of |x| the regulariser uses there).
  @inline(__always) static func sign(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}

/// AxTrain's adaptive preference factor γ (§3.1.3, after Weigend et al., NIPS 1991), updated
/// once per epoch from the training error E_n (mean cross-entropy of the epoch):
///
/// - γ += Δγ if E_n is below the weighted average of the previous epochs' errors, with weights
///   0.5, 0.25, 0.125, … from the most recent back (normalised to sum to 1: the paper's
///   literal sum over a short history falls below every error and would never let γ grow), or
///   if E_n is below the accuracy bound;
/// - otherwise γ −= Δγ, never below 0.
///
/// The first epoch has no history, so only the bound can raise γ then; otherwise γ stays.
public struct PreferenceSchedule: Equatable, Sendable {
  /// The current preference factor γ (dimensionless; multiplies S in E_tot = E + γ·S).
  public private(set) var gamma: Double
  /// Δγ, the change per epoch.
  public var step: Double
  /// The training error (mean cross-entropy, nats) below which γ always grows.
  public var errorBound: Double
  /// The training errors of the epochs seen so far, oldest first.
  public private(set) var errors: [Double] = []

  /// A schedule starting at `initial`.
  public init(initial: Double, step: Double, errorBound: Double) {
    gamma = max(0, initial)
    self.step = step
    self.errorBound = errorBound
  }

  /// The weighted average of the errors so far (nil before the first epoch).
  public var weightedHistory: Double? {
    guard !errors.isEmpty else { return nil }
    var (sum, weights, weight) = (0.0, 0.0, 0.5)
    for error in errors.reversed() {
      sum += weight * error
      weights += weight
      weight *= 0.5
      if weight < 1e-12 { break }
    }
    return sum / weights
  }

  /// Records epoch error `error` and moves γ; returns the new γ.
  @discardableResult
  public mutating func update(epochError error: Double) -> Double {
    let average = weightedHistory
    if error < errorBound || (average.map { error < $0 } ?? false) {
      gamma += step
    } else if average != nil {
      gamma = max(0, gamma - step)
    }
    errors.append(error)
    return gamma
  }
}
