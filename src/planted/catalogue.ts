/**
 * The planted-bug catalogue (issue 8): realistic bugs of this field, each a subject (plantedSubjects.ts:
 * resnet-mf's implementation with one part replaced by a defective one, the network's defects in
 * defectiveNetwork.ts), and the claims of the registry that catch it under the ci profile with the default seed.
 * The library's own code holds no planted code path (issue 16): a planted subject is checked like any other
 * implementation, by the claims that measure a subject, against resnet-mf's correct references.
 *
 * `caughtBy` is measured (`resnet-mf planted`, docs/planted-bugs.md), and re-measured by
 * test/planted/catalogue.test.ts: each listed claim must fail against the planted subject.
 */

export const PLANTED_BUG_IDS = [
  'drop-inv-L',
  'double-inv-M',
  'adjoint-at-next',
  'wrong-dsigma',
  'readout-gradient-factor',
  'lr-without-ML',
  'iid-init-for-paths',
  'float32-forward',
  'wrong-index-sum',
  'off-by-one-layer',
  'biased-gaussian',
  'unstable-softplus',
  'bias-gradient-sign',
  'adjoint-no-identity',
] as const;

export type PlantedBugId = (typeof PLANTED_BUG_IDS)[number];

export interface PlantedBug {
  readonly id: PlantedBugId;
  readonly title: string;
  /** Where the defect is in the planted subject, and the part of resnet-mf's kernel it stands for. */
  readonly where: string;
  /** What is wrong, in the papers' symbols. */
  readonly description: string;
  /**
   * Claim ids that fail against the planted subject (ci profile, seed 20261129), measured; test/planted
   * re-measures them. Up to four quick catchers are listed; the complete matrix is `resnet-mf planted`
   * (docs/planted-bugs.md).
   */
  readonly caughtBy: readonly string[];
}

export const PLANTED_BUGS: readonly PlantedBug[] = [
  {
    id: 'drop-inv-L',
    title: 'layer map scaled 1/M instead of 1/(ML)',
    where: 'src/planted/defectiveNetwork.ts layerScale = 1/M, forward and adjoint alike (the kernel\'s: src/model/network.ts layerScale)',
    description: 'z_{l+1} = z_l + (1/M) Σ_m f(z_l, θ_{l,m}) (and the adjoint and ∂E/∂θ with the same 1/M): the 1/L of the residual scaling is dropped, so z_L grows like L.',
    caughtBy: ['forward-bound', 'loss-outputs', 'gradient-adjoint', 'gd-step'],
  },
  {
    id: 'double-inv-M',
    title: 'layer map scaled 1/(M²L) instead of 1/(ML)',
    where: 'src/planted/defectiveNetwork.ts layerScale = 1/(M²L), forward and adjoint alike (the kernel\'s: src/model/network.ts layerScale)',
    description: 'z_{l+1} = z_l + (1/(M² L)) Σ_m f(z_l, θ_{l,m}) (adjoint and ∂E/∂θ alike): 1/M applied twice, so the layer maps vanish as M grows.',
    caughtBy: ['loss-outputs', 'gradient-adjoint', 'scaled-gradient', 'gd-step'],
  },
  {
    id: 'adjoint-at-next',
    title: "backward pass evaluates σ' at z_{l+1} instead of z_l",
    where: 'src/planted/defectiveNetwork.ts dsigmaAtNext (the kernel\'s σ\' in the adjoint: src/model/adjointLayer.ts)',
    description: "β_{l,m} = σ'(w_{l,m}ᵀ z_{l+1} + b_{l,m}) (u_{l,m}ᵀ λ_{l+1}) instead of σ'(w_{l,m}ᵀ z_l + b_{l,m}) (u_{l,m}ᵀ λ_{l+1}) in λ_l and ∂E/∂(w, b): an O(1/L) error per layer.",
    caughtBy: ['gradient-adjoint', 'gradient-decimal', 'energy-dissipation', 'gd-step'],
  },
  {
    id: 'wrong-dsigma',
    title: "σ' of tanh computed as 1 − tanh r instead of 1 − tanh² r",
    where: 'src/planted/plantedSubjects.ts tanhWrongDerivative, the activation of tanh networks (the kernel\'s: src/activations/tanhSech2.ts sech2Value)',
    description: "tanh'(r) = 1 − tanh(r) (the square forgotten); σ itself is right, so the forward pass and the loss are right and only the adjoint gradient is wrong.",
    caughtBy: ['gradient-adjoint', 'scaled-gradient', 'energy-dissipation', 'gd-step'],
  },
  {
    id: 'readout-gradient-factor',
    title: 'terminal adjoint λ_L = 2(g − y) a with the ½ in the loss',
    where: 'src/planted/defectiveNetwork.ts terminalFactor = 2 (the kernel\'s λ_L: src/model/adjoint.ts adjointPass)',
    description: 'λ_L = 2 (g(z_L) − y) ∇g while E = (1/N) Σ_i ½ (g − y_i)²: the 2 of the derivative of the square is kept although the ½ cancels it, so ∂E/∂θ is twice the true gradient.',
    caughtBy: ['gradient-adjoint', 'gradient-decimal', 'scaled-gradient', 'gd-step'],
  },
  {
    id: 'lr-without-ML',
    title: 'learning rate h = Δs instead of h = M L Δs',
    where: 'src/planted/plantedSubjects.ts learningRate (the kernel\'s: src/train/gradientDescent.ts meanFieldLearningRate)',
    description: 'Θ ← Θ − Δs ∇_Θ E: the M L factor of the mean-field time scale is missing, so a step advances training time by Δs/(M L) instead of Δs.',
    caughtBy: ['energy-dissipation', 'monotone-loss', 'gd-step'],
  },
  {
    id: 'iid-init-for-paths',
    title: 'the linear-path initialisation draws i.i.d. layers',
    where: 'src/planted/plantedSubjects.ts init: src/init/paths.ts initNetwork with init \'iid\' where \'linear\' is asked',
    description: 'the subject\'s linear-path initialisation returns θ_{l,m} ~ N(0, scale² I_k) drawn independently for every layer instead of θ_{l,m} = a_m + (l/L) c_m: no depth path, so no continuous-depth limit z(1) (the [C25] mean-ODE regime instead).',
    caughtBy: ['init-law'],
  },
  {
    id: 'float32-forward',
    title: 'z_{l+1} rounded to float32 in the forward pass',
    where: 'src/planted/defectiveNetwork.ts float32States (the kernel\'s forward pass: src/model/forward.ts forward)',
    description: 'z_{l+1} = fl32(z_l + (1/(ML)) Σ_m f(z_l, θ_{l,m})): every state rounded to 24 bits (relative error 2⁻²⁴ per layer) in a network that claims float64 accuracy.',
    caughtBy: ['gradient-adjoint', 'gradient-decimal', 'loss-outputs', 'gd-step'],
  },
  {
    id: 'wrong-index-sum',
    title: "adjoint neuron sum pairs β_{l,m} with w_{l,m+1}",
    where: 'src/planted/defectiveNetwork.ts neuronShift = 1 (the kernel\'s adjoint neuron sum: src/model/adjointLayer.ts)',
    description: 'λ_l = λ_{l+1} + (1/(ML)) Σ_m β_{l,m} w_{l,(m+1) mod M} instead of Σ_m β_{l,m} w_{l,m}: the neuron index of w is shifted by one in the sum over m.',
    caughtBy: ['gradient-adjoint', 'gradient-decimal', 'scaled-gradient', 'gd-step'],
  },
  {
    id: 'off-by-one-layer',
    title: 'layer l uses θ_{l+1}',
    where: 'src/planted/defectiveNetwork.ts thetaLayer (the kernel\'s layer parameters: src/model/forward.ts transposeTheta)',
    description: 'z_{l+1} = z_l + (1/(ML)) Σ_m f(z_l, θ_{min(l+1, L−1),m}): every layer reads the parameters of the next one (the last layer its own), while ∂E/∂θ is stored for θ_{l,m}.',
    caughtBy: ['gradient-adjoint', 'gradient-decimal', 'loss-outputs', 'gd-step'],
  },
  {
    id: 'biased-gaussian',
    title: 'Box–Muller radius √(−log U) instead of √(−2 log U)',
    where: 'src/planted/plantedSubjects.ts biasedGaussian, in the subject\'s init (the kernel\'s: src/init/random.ts gaussianFromUniforms)',
    description: 'the subject\'s "standard normal" draws have variance ½: its linear-path initialisation (a_m, c_m) has its scale divided by √2.',
    caughtBy: ['init-law'],
  },
  {
    id: 'unstable-softplus',
    title: 'softplus as log(1 + e^r), which overflows for r > 709.78',
    where: 'src/planted/plantedSubjects.ts literalSoftplus, the activation of softplus networks (the kernel\'s: src/activations/softplus.ts)',
    description: 'σ(r) = log(1 + e^r) computed literally: e^r = +∞ for r > 709.78, so σ(r) = +∞ where the true value is r; and σ(r) = 0 for r < −37 where it is e^r.',
    caughtBy: ['loss-outputs'],
  },
  {
    id: 'bias-gradient-sign',
    title: 'sign error in ∂E/∂b',
    where: 'src/planted/defectiveNetwork.ts biasGradientFactor = −1 (the kernel\'s ∂E/∂b: src/model/adjoint.ts adjointPass)',
    description: "∂E/∂b_{l,m} = −(1/(ML))(1/N) Σ_i σ'(r)(u_{l,m}ᵀ λ_{l+1}): the bias gradient has the wrong sign, so gradient descent climbs in b.",
    caughtBy: ['gradient-adjoint', 'scaled-gradient', 'energy-dissipation', 'gd-step'],
  },
  {
    id: 'adjoint-no-identity',
    title: 'adjoint without the identity term of the residual',
    where: 'src/planted/defectiveNetwork.ts noIdentity (the kernel\'s λ update: src/model/adjointLayer.ts)',
    description: "λ_l = (1/(ML)) Σ_m ∂_z f(z_l, θ_{l,m})ᵀ λ_{l+1} instead of λ_l = λ_{l+1} + (1/(ML)) Σ_m ∂_z f(z_l, θ_{l,m})ᵀ λ_{l+1}: backpropagation through a plain (non-residual) layer.",
    caughtBy: ['gradient-adjoint', 'gradient-decimal', 'scaled-gradient', 'gd-step'],
  },
];

/** The catalogue entry of `id`. */
export function plantedBug(id: PlantedBugId): PlantedBug {
  return PLANTED_BUGS.find((b) => b.id === id) as PlantedBug;
}
