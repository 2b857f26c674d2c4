/**
 * The claims as vitest tests for an implementation of your own: here the numpy reference adapter, run as a
 * program that speaks the subject protocol (docs/subject-protocol.md). In your project: `npm install resnet-mf`,
 * then a test file like this one, with your adapter's command. `npm test` runs this file (python3 with numpy).
 */
import { describeSubject } from 'resnet-mf/vitest';

describeSubject('python3 examples/adapters/numpy_resnet.py', {
  profile: 'ci',
  // the quick claims; leave `claims` out for every claim (width-training and quantile-scaling train ≈ 6 000 networks)
  claims: ['gradient-adjoint', 'gradient-decimal', 'energy-dissipation', 'monotone-loss', 'forward-bound', 'depth-rate', 'scaled-gradient', 'homogeneity'],
});
