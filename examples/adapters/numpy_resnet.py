#!/usr/bin/env python3
"""A mean-field ResNet in numpy, speaking resnet-mf's subject protocol (docs/subject-protocol.md).

    z_{l+1} = z_l + (1/(M L)) sum_m u_{l,m} sigma(w_{l,m}^T z_l + b_{l,m}),   l = 0..L-1
    g(z_L) = a^T z_L,   E = (1/N) sum_i 1/2 (g(z_L(x_i)) - y_i)^2
    training: theta <- theta - h grad E with h = M L dt (one step advances training time s by dt)

Run it under resnet-mf:

    resnet-mf check --impl "python3 examples/adapters/numpy_resnet.py" --profile ci

With --bug ID it plants one realistic bug of the field, which the check must catch:
    drop-inv-L           the layer map scaled 1/M instead of 1/(M L) (forward and backward alike)
    adjoint-at-next      backpropagation evaluates sigma' at w^T z_{l+1} + b instead of w^T z_l + b
    lr-without-ML        the learning rate h = dt instead of h = M L dt
    readout-gradient-x2  the terminal adjoint lambda_L = 2 (g - y) a, although the loss carries the 1/2

One request per line on standard input, one answer per line on standard output, until end of input.
"""
import argparse
import json
import math
import sys

import numpy as np

PROTOCOL = "resnet-mf/subject@1"
BUGS = ("drop-inv-L", "adjoint-at-next", "lr-without-ML", "readout-gradient-x2")


def activation(spec):
    """(sigma, sigma') of an activation spec {"name": ..., ["delta": ...]} of the model format."""
    name = spec["name"]
    if name == "identity":
        return (lambda r: r), (lambda r: np.ones_like(r))
    if name == "tanh":
        return np.tanh, (lambda r: 1.0 - np.tanh(r) ** 2)
    if name == "sigmoid":
        def sigmoid(r):
            e = np.exp(-np.abs(r))
            return np.where(r >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        return sigmoid, (lambda r: np.exp(-np.abs(r)) / (1.0 + np.exp(-np.abs(r))) ** 2)
    if name == "softplus":
        def logistic(r):
            e = np.exp(-np.abs(r))
            return np.where(r >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        return (lambda r: np.logaddexp(0.0, r)), logistic
    if name == "sin":
        return np.sin, np.cos
    if name == "gaussian":
        return (lambda r: np.exp(-r * r / 2)), (lambda r: -r * np.exp(-r * r / 2))
    if name == "cubic":
        return (lambda r: r - r ** 3 / 3), (lambda r: 1.0 - r * r)
    if name == "regularized_relu":
        delta = float(spec["delta"])
        def sigma(r):
            h = np.clip(r, -delta, delta) / 2 + delta / 2
            return np.where(r >= delta, r, np.where(r < -delta, 0.0, h * (h / delta)))
        def dsigma(r):
            return np.where(r >= delta, 1.0, np.where(r < -delta, 0.0, (r / 2 + delta / 2) / delta))
        return sigma, dsigma
    raise ValueError(f"unknown activation {name!r}")


class Network:
    def __init__(self, model, bug):
        self.d, self.L, self.M = model["d"], model["L"], model["M"]
        self.sigma, self.dsigma = activation(model["activation"])
        self.a = np.array(model["readout"], dtype=np.float64)
        self.theta = np.array(model["theta"], dtype=np.float64)  # (L, M, 2d+1): [u_1..u_d, w_1..w_d, b]
        self.bug = bug

    def scale(self):
        return 1.0 / self.M if self.bug == "drop-inv-L" else 1.0 / (self.M * self.L)

    def forward(self, x):
        """The states z_0..z_L, each (N, d)."""
        d, c = self.d, self.scale()
        z = [x]
        for l in range(self.L):
            u, w, b = self.theta[l, :, :d], self.theta[l, :, d:2 * d], self.theta[l, :, 2 * d]
            z.append(z[-1] + c * (self.sigma(z[-1] @ w.T + b) @ u))
        return z

    def loss_and_gradient(self, x, y, gradient):
        d, c, N = self.d, self.scale(), x.shape[0]
        z = self.forward(x)
        g = z[-1] @ self.a
        loss = float(np.mean(0.5 * (g - y) ** 2))
        if not gradient:
            return loss, g, None
        lam = (2.0 if self.bug == "readout-gradient-x2" else 1.0) * (g - y)[:, None] * self.a[None, :]  # lambda_L, per sample
        grad = np.zeros_like(self.theta)
        for l in reversed(range(self.L)):
            u, w, b = self.theta[l, :, :d], self.theta[l, :, d:2 * d], self.theta[l, :, 2 * d]
            r = z[l] @ w.T + b
            at = z[l + 1] @ w.T + b if self.bug == "adjoint-at-next" else r
            beta = self.dsigma(at) * (lam @ u.T)  # (N, M)
            grad[l, :, :d] = (c / N) * (self.sigma(r).T @ lam)
            grad[l, :, d:2 * d] = (c / N) * (beta.T @ z[l])
            grad[l, :, 2 * d] = (c / N) * beta.sum(axis=0)
            lam = lam + c * (beta @ w)
        return loss, g, grad


def numbers(a):
    """Nested lists of floats; NaN and infinities as the protocol's strings (JSON has no literal for them)."""
    a = np.asarray(a, dtype=np.float64)
    if np.all(np.isfinite(a)):
        return a.tolist()
    out = np.where(np.isfinite(a), a, 0.0).tolist()
    def fix(o, v):
        if isinstance(o, list):
            return [fix(p, q) for p, q in zip(o, v)]
        return o if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))
    return fix(out, a.tolist())


def case_data(case):
    return np.array(case["data"]["x"], dtype=np.float64), np.array(case["data"]["y"], dtype=np.float64)


def answer(request, bug):
    op = request["op"]
    if op == "hello":
        return {"protocol": PROTOCOL, "name": f"numpy_resnet.py{' --bug ' + bug if bug else ''}", "capabilities": ["outputs", "gradient", "train", "init"]}
    if op == "evaluate":
        results = []
        for case in request["cases"]:
            x, y = case_data(case)
            with np.errstate(all="ignore"):
                loss, g, grad = Network(case["model"], bug).loss_and_gradient(x, y, request["gradient"])
            result = {"loss": numbers(loss), "outputs": numbers(g)}
            if grad is not None:
                result["grad"] = numbers(grad)
            results.append(result)
        return {"results": results}
    if op == "train":
        results = []
        for case in request["cases"]:
            x, y = case_data(case)
            net = Network(case["model"], bug)
            h = case["dt"] if bug == "lr-without-ML" else net.M * net.L * case["dt"]
            with np.errstate(all="ignore"):
                for _ in range(case["steps"]):
                    net.theta = net.theta - h * net.loss_and_gradient(x, y, True)[2]
            results.append({"theta": numbers(net.theta)})
        return {"results": results}
    if op == "init":
        return {"results": [{"theta": numbers(linear_paths(**case))} for case in request["cases"]]}
    raise ValueError(f"unknown op {op!r}")


def linear_paths(d, L, M, scale, seed):
    """theta[l, m] = a_m + (l/L) c_m with a_m, c_m ~ N(0, scale^2 I_{2d+1}), drawn by numpy's PCG64 from `seed`."""
    rng = np.random.default_rng(seed)
    a = scale * rng.standard_normal((M, 2 * d + 1))
    c = scale * rng.standard_normal((M, 2 * d + 1))
    t = np.arange(L) / L
    return a[None, :, :] + t[:, None, None] * c[None, :, :]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bug", choices=BUGS, help="plant one bug (see the module's docstring)")
    bug = parser.parse_args().bug
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = {"id": request["id"], **answer(request, bug)}
        except Exception as err:  # the protocol's error answer: resnet-mf stops and shows the message
            reply = {"id": request.get("id"), "error": f"{type(err).__name__}: {err}"}
        sys.stdout.write(json.dumps(reply, allow_nan=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
