#!/usr/bin/env python3
"""numpy peer of resnet-mf for the gradient-descent-step benchmark (bench/gdStep.bench.ts).

The model is exactly theory.md section 1, vectorised over samples and neurons:

    z_0 = x,   z_{l+1} = z_l + (1/(M L)) sum_m u_{l,m} tanh(w_{l,m}^T z_l + b_{l,m}),   l = 0..L-1
    g(z) = a^T z with a = ones(d)/sqrt(d)
    E = (1/N) sum_i 1/2 (g(z_L(x_i)) - y_i)^2

Adjoint (index convention of theory.md: d_theta f is evaluated at z_l and multiplied by lambda_{l+1}):

    lambda_L = (g(z_L) - y) a
    dE/dtheta_{l,m} = (1/(M L)) (1/N) sum_i d_theta f(z_l(x_i), theta_{l,m})^T lambda_{l+1}(x_i)
    lambda_l = lambda_{l+1} + (1/(M L)) sum_m d_z f(z_l, theta_{l,m})^T lambda_{l+1}

and one GD step is theta -= h grad E with h = M L ds (theory.md section 2).

Input: one JSON document (a file given as the first positional argument, or stdin):

    {"d", "L", "M", "theta": flat list of length L*M*(2d+1), layout (L, M, k), neuron = [u(d), w(d), b],
     "x": N x d (nested or flat row-major), "y": N, "dt": training-time step ds,
     "reference": {"loss", "gradNorm", optional "grad" (flat, layout of theta), optional "lossAfterStep"}}

The peer first checks its loss and gradient against "reference" (relative difference <= 1e-12, else exit
status 2), then times GD steps. Two modes:

  python3 numpy_peer.py model.json [--rounds 7] [--min-round 0.3]
      times `reps` steps per round (reps calibrated so a round lasts >= --min-round seconds) and prints one
      JSON object with the median seconds per step.

  python3 numpy_peer.py --peak [--peak-n 2000]
      measures this machine's float64 matrix-multiply rate: the best of 5 products of two n x n matrices
      (2 n^3 flops each, numpy's BLAS with its default threads), printed as one JSON object
      {"n", "seconds", "gflops"}. The benchmark driver runs it once per run, as the machine's float64 peak.

  python3 numpy_peer.py --serve  (the benchmark driver uses this)
      reads the JSON document as the first line of stdin and prints the check as one JSON line; then for
      each command line prints one JSON line:
          calibrate <seconds>   -> {"reps": R}   steps needed for a round of at least <seconds>
          round <reps>          -> {"reps": R, "seconds": total, "perStep": total / R}
          quit                  -> exits
      Only the GD steps lie inside the perf_counter interval: no process start, no JSON, no pipe I/O.

Every round restarts from the parameters that were read, so all rounds (and the TS side) time the same
trajectory.
"""

import argparse
import json
import math
import statistics
import sys
import time

import numpy as np

TOLERANCE = 1e-12


class Model:
    """Parameters of theory.md section 1 with tanh activation and readout ones(d)/sqrt(d)."""

    def __init__(self, d, L, M, theta):
        self.d, self.L, self.M = d, L, M
        k = 2 * d + 1
        self.theta = np.array(theta, dtype=np.float64)
        if self.theta.shape != (L * M * k,):
            raise ValueError(f"theta has {self.theta.size} numbers, expected L*M*(2d+1) = {L * M * k}")
        # Views into the flat vector: an in-place update of self.theta updates U, W, B.
        T = self.theta.reshape(L, M, k)
        self.U = T[:, :, :d]          # (L, M, d)
        self.W = T[:, :, d:2 * d]     # (L, M, d)
        self.B = T[:, :, 2 * d]       # (L, M)
        self.a = np.ones(d) / np.sqrt(d)
        self.c = 1.0 / (M * L)


def forward(model, X):
    """States Z_0..Z_L (each N x d) and activations S_0..S_{L-1} (each N x M)."""
    c = model.c
    Zs = [X]
    Ss = []
    Z = X
    for l in range(model.L):
        R = Z @ model.W[l].T + model.B[l]      # (N, M) pre-activations
        S = np.tanh(R)
        Z = Z + (S @ model.U[l]) * c             # (N, d)
        Zs.append(Z)
        Ss.append(S)
    return Zs, Ss


def loss_and_gradient(model, X, y):
    """Loss E and dE/dtheta (flat, layout of theta)."""
    L, M, d = model.L, model.M, model.d
    N = X.shape[0]
    c = model.c
    Zs, Ss = forward(model, X)
    res = Zs[L] @ model.a - y                   # (N,)
    E = 0.5 * np.dot(res, res) / N
    lam = np.outer(res, model.a)                # lambda_L, (N, d)
    grad = np.empty((L, M, 2 * d + 1))
    for l in range(L - 1, -1, -1):
        S = Ss[l]
        # beta_{i,m} = sigma'(r_{i,m}) u_m^T lambda_{l+1}(x_i), with tanh' = 1 - tanh^2
        Beta = (1.0 - S * S) * (lam @ model.U[l].T)      # (N, M)
        grad[l, :, :d] = S.T @ lam                        # d_u: sigma(r) lambda_{l+1}
        grad[l, :, d:2 * d] = Beta.T @ Zs[l]              # d_w: beta z_l
        grad[l, :, 2 * d] = Beta.sum(axis=0)              # d_b: beta
        lam = lam + (Beta @ model.W[l]) * c               # lambda_l
    grad *= c / N
    return E, grad.reshape(-1)


def gd_step(model, X, y, h):
    """One GD step in place; returns the loss before the step."""
    E, grad = loss_and_gradient(model, X, y)
    model.theta -= h * grad
    return E


def norm(v):
    """Euclidean norm from an exactly rounded sum of the squares (math.fsum), accurate to ~1 ulp."""
    return math.sqrt(math.fsum(v * v))


def rel(a, b):
    """|a - b| / max(|b|, tiny)."""
    return abs(a - b) / max(abs(b), np.finfo(float).tiny)


def check(model, X, y, h, ref):
    """Compares loss and gradient with the reference values computed by the TS side."""
    theta0 = model.theta.copy()
    E, grad = loss_and_gradient(model, X, y)
    out = {"loss": float(E), "gradNorm": norm(grad), "checks": {}}
    checks = out["checks"]
    checks["lossRel"] = rel(E, ref["loss"])
    checks["gradNormRel"] = rel(norm(grad), ref["gradNorm"])
    if ref.get("grad") is not None:
        g_ref = np.asarray(ref["grad"], dtype=np.float64)
        # stronger than the norms: the whole vector, so a permuted layout cannot pass
        checks["gradDiffRel"] = norm(grad - g_ref) / max(norm(g_ref), np.finfo(float).tiny)
    if ref.get("lossAfterStep") is not None:
        model.theta -= h * grad
        E1, _ = loss_and_gradient(model, X, y)
        checks["lossAfterStepRel"] = rel(E1, ref["lossAfterStep"])
        model.theta[:] = theta0
    out["tolerance"] = TOLERANCE
    out["ok"] = all(v <= TOLERANCE for v in checks.values())
    return out


class Bench:
    def __init__(self, doc):
        self.d, self.L, self.M = int(doc["d"]), int(doc["L"]), int(doc["M"])
        self.model = Model(self.d, self.L, self.M, doc["theta"])
        self.y = np.array(doc["y"], dtype=np.float64)
        self.N = self.y.shape[0]
        self.X = np.array(doc["x"], dtype=np.float64).reshape(self.N, self.d)
        self.h = self.M * self.L * float(doc["dt"])
        self.theta0 = self.model.theta.copy()

    def round(self, reps):
        """Seconds for `reps` GD steps from theta0 (the reset is outside the timed interval)."""
        self.model.theta[:] = self.theta0
        m, X, y, h = self.model, self.X, self.y, self.h
        t0 = time.perf_counter()
        for _ in range(reps):
            gd_step(m, X, y, h)
        return time.perf_counter() - t0

    def calibrate(self, min_seconds):
        """Number of steps for a round of at least min_seconds (after a warm-up)."""
        reps = 1
        while True:
            t = self.round(reps)
            if t >= 0.1 * min_seconds or reps >= 1 << 30:
                break
            reps *= 4
        return max(1, math.ceil(1.2 * min_seconds * reps / max(t, 1e-9)))


def peak(n, repeats=5):
    """Best-of-`repeats` GFLOP/s of an n x n float64 matrix product (2 n^3 flops), after one warm-up product."""
    rng = np.random.default_rng(0)
    A = rng.standard_normal((n, n))
    B = rng.standard_normal((n, n))
    C = A @ B
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        np.matmul(A, B, out=C)
        best = min(best, time.perf_counter() - t0)
    return {"n": n, "seconds": best, "gflops": 2.0 * n ** 3 / best / 1e9}


def environment():
    return {"numpy": np.__version__, "python": sys.version.split()[0]}


def serve():
    doc = json.loads(sys.stdin.readline())
    bench = Bench(doc)
    result = check(bench.model, bench.X, bench.y, bench.h, doc["reference"])
    result.update(environment())
    print(json.dumps(result), flush=True)
    if not result["ok"]:
        sys.exit(2)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "quit":
            break
        if parts[0] == "calibrate":
            print(json.dumps({"reps": bench.calibrate(float(parts[1]))}), flush=True)
        elif parts[0] == "round":
            reps = int(parts[1])
            t = bench.round(reps)
            print(json.dumps({"reps": reps, "seconds": t, "perStep": t / reps}), flush=True)
        else:
            print(json.dumps({"error": f"unknown command {parts[0]!r}"}), flush=True)
            sys.exit(3)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", nargs="?", help="model + data JSON (default: stdin)")
    p.add_argument("--serve", action="store_true", help="command loop for the benchmark driver")
    p.add_argument("--peak", action="store_true", help="measure the float64 matmul rate and exit")
    p.add_argument("--peak-n", type=int, default=2000, help="matrix size of --peak (default 2000)")
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--min-round", type=float, default=0.3, help="minimum seconds per round")
    p.add_argument("--reps", type=int, default=0, help="steps per round (default: calibrated)")
    args = p.parse_args()
    if args.serve:
        serve()
        return
    if args.peak:
        result = peak(args.peak_n)
        result.update(environment())
        print(json.dumps(result), flush=True)
        return
    if args.input:
        with open(args.input) as f:
            doc = json.load(f)
    else:
        doc = json.load(sys.stdin)
    bench = Bench(doc)
    result = {"d": bench.d, "N": bench.N, "L": bench.L, "M": bench.M}
    if "reference" in doc:
        result["check"] = check(bench.model, bench.X, bench.y, bench.h, doc["reference"])
        if not result["check"]["ok"]:
            print(json.dumps(result), flush=True)
            sys.exit(2)
    reps = args.reps if args.reps > 0 else bench.calibrate(args.min_round)
    per_step = [bench.round(reps) / reps for _ in range(args.rounds)]
    result.update(environment())
    result.update({"reps": reps, "rounds": per_step, "medianSecondsPerStep": statistics.median(per_step)})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
