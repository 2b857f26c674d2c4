#!/usr/bin/env python3
"""A mean-field ResNet in PyTorch (float64, autograd), speaking resnet-mf's subject protocol (docs/subject-protocol.md).

    z_{l+1} = z_l + (1/(M L)) sum_m u_{l,m} sigma(w_{l,m}^T z_l + b_{l,m}),   l = 0..L-1
    g(z_L) = a^T z_L,   E = (1/N) sum_i 1/2 (g(z_L(x_i)) - y_i)^2
    training: theta <- theta - h grad E with h = M L dt (one step advances training time s by dt)

Run it under resnet-mf:

    resnet-mf check --impl "python3 examples/adapters/torch_resnet.py" --profile ci

With --bug ID it plants one realistic bug of the field, which the check must catch:
    drop-inv-L           the layer map scaled 1/M instead of 1/(M L) (forward, so autograd's backward too)
    adjoint-at-next      backpropagation uses sigma' at w^T z_{l+1} + b instead of w^T z_l + b
    lr-without-ML        the learning rate h = dt instead of h = M L dt
    readout-gradient-x2  the terminal adjoint lambda_L = 2 (g - y) a: the gradient of sum (g - y)^2 / N, without the 1/2

One request per line on standard input, one answer per line on standard output, until end of input.
"""
import argparse
import json
import math
import sys

import torch

PROTOCOL = "resnet-mf/subject@1"
BUGS = ("drop-inv-L", "adjoint-at-next", "lr-without-ML", "readout-gradient-x2")
F64 = torch.float64


def sigma(spec, r):
    """sigma(r) of an activation spec {"name": ..., ["delta": ...]} of the model format, in forms accurate in both tails."""
    name = spec["name"]
    if name == "identity":
        return r
    if name == "tanh":
        return torch.tanh(r)
    if name == "sigmoid":
        return torch.sigmoid(r)
    if name == "softplus":  # not torch.nn.functional.softplus: it returns r itself above r = 20
        return torch.logaddexp(torch.zeros_like(r), r)
    if name == "sin":
        return torch.sin(r)
    if name == "gaussian":
        return torch.exp(-r * r / 2)
    if name == "cubic":
        return r - r ** 3 / 3
    if name == "regularized_relu":
        delta = float(spec["delta"])
        h = torch.clamp(r, -delta, delta) / 2 + delta / 2
        return torch.where(r >= delta, r, torch.where(r < -delta, torch.zeros_like(r), h * (h / delta)))
    raise ValueError(f"unknown activation {name!r}")


def dsigma(spec, r):
    """sigma'(r), by autograd (for the adjoint-at-next bug only)."""
    r = r.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(sigma(spec, r).sum(), r)
    return g


def outputs(model, theta, x, bug):
    """g(z_L(x_i)) for the N rows of x, differentiable in theta (L, M, 2d+1)."""
    d, L, M = model["d"], model["L"], model["M"]
    c = 1.0 / M if bug == "drop-inv-L" else 1.0 / (M * L)
    z = x
    for l in range(L):
        u, w, b = theta[l, :, :d], theta[l, :, d:2 * d], theta[l, :, 2 * d]
        r = z @ w.T + b
        s = sigma(model["activation"], r)
        if bug == "adjoint-at-next":
            # the value of sigma(r), with the derivative sigma'(w^T z_{l+1} + b) in backpropagation
            with torch.no_grad():
                at_next = (z + c * (s @ u)) @ w.T + b
            s = s.detach() + dsigma(model["activation"], at_next) * (r - r.detach())
        z = z + c * (s @ u)
    return z @ torch.tensor(model["readout"], dtype=F64)


def loss_and_gradient(model, theta_values, x, y, bug, gradient):
    theta = torch.as_tensor(theta_values, dtype=F64).detach().clone().requires_grad_(gradient)
    g = outputs(model, theta, x, bug)
    loss = (0.5 * (g - y) ** 2).mean()
    if not gradient:
        return loss.item(), g.detach(), None
    (2 * loss if bug == "readout-gradient-x2" else loss).backward()
    return loss.item(), g.detach(), theta.grad


def numbers(t):
    """Nested lists of floats; NaN and infinities as the protocol's strings (JSON has no literal for them)."""
    def fix(v):
        if isinstance(v, list):
            return [fix(p) for p in v]
        return v if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))
    return fix(t.tolist() if isinstance(t, torch.Tensor) else t)


def linear_paths(d, L, M, scale, seed):
    """theta[l, m] = a_m + (l/L) c_m with a_m, c_m ~ N(0, scale^2 I_{2d+1}), drawn by torch's generator seeded with `seed`."""
    gen = torch.Generator().manual_seed(seed)
    a = scale * torch.randn((M, 2 * d + 1), generator=gen, dtype=F64)
    c = scale * torch.randn((M, 2 * d + 1), generator=gen, dtype=F64)
    t = torch.arange(L, dtype=F64) / L
    return a[None, :, :] + t[:, None, None] * c[None, :, :]


def answer(request, bug):
    op = request["op"]
    if op == "hello":
        return {"protocol": PROTOCOL, "name": f"torch_resnet.py{' --bug ' + bug if bug else ''}", "capabilities": ["outputs", "gradient", "train", "init"]}
    if op == "init":
        return {"results": [{"theta": numbers(linear_paths(**case))} for case in request["cases"]]}
    results = []
    for case in request["cases"]:
        model = case["model"]
        x = torch.tensor(case["data"]["x"], dtype=F64)
        y = torch.tensor(case["data"]["y"], dtype=F64)
        if op == "evaluate":
            loss, g, grad = loss_and_gradient(model, model["theta"], x, y, bug, request["gradient"])
            result = {"loss": numbers(loss), "outputs": numbers(g)}
            if grad is not None:
                result["grad"] = numbers(grad)
        elif op == "train":
            h = case["dt"] if bug == "lr-without-ML" else model["M"] * model["L"] * case["dt"]
            theta = torch.tensor(model["theta"], dtype=F64)
            for _ in range(case["steps"]):
                theta = theta - h * loss_and_gradient(model, theta, x, y, bug, True)[2]
            result = {"theta": numbers(theta)}
        else:
            raise ValueError(f"unknown op {op!r}")
        results.append(result)
    return {"results": results}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bug", choices=BUGS, help="plant one bug (see the module's docstring)")
    bug = parser.parse_args().bug
    torch.set_num_threads(1)  # resnet-mf runs one subject per worker thread
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
