"""Numpy reference for OptimizerStepTest: Keras 3's update rules, applied by hand.

A Dense(3) layer (linear) on 4 features, loss "mse", two steps of batch 4 over the rows of X in
order (fit(..., batch_size=4, shuffle=False)). The MSE gradient of one batch of N rows is
dL/dW = 2/(N*units) X^T (XW+b-Y) and dL/db = 2/(N*units) sum_rows(XW+b-Y).

Keras casts data and hyper-parameters to float32, so both are rounded to float32 here and the
maths runs in float64, except the powers b^t: Keras computes them in float32, and 1 - 0.999^t
loses most of its digits to that rounding, so pow32 rounds them the same way. The factors
1 - beta (1 - rho) are rounded as Keras computes them: Adam, Adamax, RMSprop and Adadelta subtract
the Python float in double then round (f32(1 - 0.999) = 0.001), Nadam subtracts the float32 beta
(1 - f32(0.999) = 0.00099998713), a difference of 1.3e-5 that a few Adam steps grow to 1e-4.
Run: python3 reference.py; it prints the Java constants of the test.
"""
import numpy as np


def f32(v):
    return np.asarray(v, dtype=np.float32).astype(np.float64)


def pow32(base, t):
    return float(np.power(np.float32(base), np.float32(t)))


X = f32([[0.5, -1.0, 2.0, 0.3],
         [1.5, 0.2, -0.7, 1.1],
         [-0.4, 0.9, 0.1, -1.3],
         [2.0, -0.6, 0.8, 0.4],
         [0.7, 1.2, -1.5, 0.2],
         [-1.1, 0.3, 0.6, 0.9],
         [0.2, -0.8, 1.4, -0.5],
         [1.0, 0.5, 0.3, 1.6]])
Y = f32([[1.0, 0.0, -0.5],
         [0.2, 1.3, 0.4],
         [-0.7, 0.5, 1.1],
         [0.9, -1.2, 0.3],
         [0.4, 0.8, -0.9],
         [-0.3, 0.6, 0.7],
         [1.2, -0.4, 0.1],
         [0.0, 1.0, -1.0]])
W0 = f32([[0.2, -0.3, 0.5],
          [0.7, 0.1, -0.4],
          [-0.6, 0.8, 0.3],
          [0.4, -0.2, 0.9]])
B0 = f32([0.1, -0.2, 0.05])


def grads(w, b, x, y):
    err = x @ w + b - y
    scale = 2.0 / (x.shape[0] * y.shape[1])
    return scale * x.T @ err, scale * err.sum(axis=0)


def sgd(lr, momentum=0.0, nesterov=False):
    lr, momentum = f32(lr), f32(momentum)

    def step(var, g, s, t):
        if momentum == 0:
            return var - lr * g
        m = s.get("m", np.zeros_like(var))
        m = momentum * m - lr * g
        s["m"] = m
        return var + (momentum * m - lr * g if nesterov else m)
    return step


def adam(lr, b1=0.9, b2=0.999, eps=1e-7):
    c1, c2 = f32(1 - b1), f32(1 - b2)
    lr, b1, b2, eps = f32(lr), f32(b1), f32(b2), f32(eps)

    def step(var, g, s, t):
        m = s.get("m", np.zeros_like(var))
        v = s.get("v", np.zeros_like(var))
        m = m + (g - m) * c1
        v = v + (g * g - v) * c2
        s["m"], s["v"] = m, v
        alpha = lr * np.sqrt(1 - pow32(b2, t)) / (1 - pow32(b1, t))
        return var - m * alpha / (np.sqrt(v) + eps)
    return step


def rmsprop(lr, rho=0.9, momentum=0.0, eps=1e-7):
    c = f32(1 - rho)
    lr, rho, momentum, eps = f32(lr), f32(rho), f32(momentum), f32(eps)

    def step(var, g, s, t):
        v = rho * s.get("v", np.zeros_like(var)) + c * g * g
        s["v"] = v
        increment = lr * g / np.sqrt(v + eps)
        if momentum > 0:
            increment = momentum * s.get("mom", np.zeros_like(var)) + increment
            s["mom"] = increment
        return var - increment
    return step


def adagrad(lr, initial=0.1, eps=1e-7):
    lr, initial, eps = f32(lr), f32(initial), f32(eps)

    def step(var, g, s, t):
        acc = s.get("acc", np.full_like(var, initial)) + g * g
        s["acc"] = acc
        return var - lr * g / np.sqrt(acc + eps)
    return step


def adadelta(lr, rho=0.95, eps=1e-7):
    c = f32(1 - rho)
    lr, rho, eps = f32(lr), f32(rho), f32(eps)

    def step(var, g, s, t):
        acc_g = rho * s.get("acc_g", np.zeros_like(var)) + c * g * g
        acc_d = s.get("acc_d", np.zeros_like(var))
        delta = -np.sqrt(acc_d + eps) * g / np.sqrt(acc_g + eps)
        s["acc_g"] = acc_g
        s["acc_d"] = rho * acc_d + c * delta * delta
        return var + lr * delta
    return step


def adamax(lr, b1=0.9, b2=0.999, eps=1e-7):
    c1 = f32(1 - b1)
    lr, b1, b2, eps = f32(lr), f32(b1), f32(b2), f32(eps)

    def step(var, g, s, t):
        m = s.get("m", np.zeros_like(var))
        m = m + (g - m) * c1
        u = np.maximum(b2 * s.get("u", np.zeros_like(var)), np.abs(g))
        s["m"], s["u"] = m, u
        return var - lr * m / ((1 - pow32(b1, t)) * (u + eps))
    return step


def nadam(lr, b1=0.9, b2=0.999, eps=1e-7):
    lr, b1, b2, eps = f32(lr), f32(b1), f32(b2), f32(eps)
    decay = f32(0.96)
    shared = {"u_product": 1.0, "t": 0}

    def step(var, g, s, t):
        # The optimizer's u_product advances once per step, before any variable's update.
        if shared["t"] != t:
            shared["t"] = t
            shared["u_product"] *= b1 * (1 - 0.5 * pow32(decay, t))
        u_t = b1 * (1 - 0.5 * pow32(decay, t))
        u_t1 = b1 * (1 - 0.5 * pow32(decay, t + 1))
        u_product_t = shared["u_product"]
        u_product_t1 = u_product_t * u_t1
        m = s.get("m", np.zeros_like(var))
        v = s.get("v", np.zeros_like(var))
        m = m + (g - m) * (1 - b1)
        v = v + (g * g - v) * (1 - b2)
        s["m"], s["v"] = m, v
        m_hat = u_t1 * m / (1 - u_product_t1) + (1 - u_t) * g / (1 - u_product_t)
        v_hat = v / (1 - pow32(b2, t))
        return var - m_hat * lr / (np.sqrt(v_hat) + eps)
    return step


def train(rule_per_step, steps):
    """Runs `steps` batches of 4 (cycling over X); rule_per_step(t) gives step t's rule."""
    w, b = W0.copy(), B0.copy()
    slots = ({}, {})
    for t in range(1, steps + 1):
        rows = slice(4 * ((t - 1) % 2), 4 * ((t - 1) % 2) + 4)
        gw, gb = grads(w, b, X[rows], Y[rows])
        rule = rule_per_step(t)
        w = rule(w, gw, slots[0], t)
        b = rule(b, gb, slots[1], t)
    return w, b


CASES = {
    "sgd": lambda: sgd(0.1),
    "sgd_momentum": lambda: sgd(0.1, 0.9),
    "sgd_nesterov": lambda: sgd(0.1, 0.9, nesterov=True),
    "adam": lambda: adam(0.1),
    "rmsprop": lambda: rmsprop(0.1),
    "adagrad": lambda: adagrad(0.1),
    "adadelta": lambda: adadelta(1.0),
    "adamax": lambda: adamax(0.1),
    "nadam": lambda: nadam(0.1),
    # Large epsilons and non-default betas, so that every hyper-parameter moves the result.
    "adam_custom": lambda: adam(0.05, 0.8, 0.9, 0.1),
    "rmsprop_custom": lambda: rmsprop(0.05, 0.8, 0.5, 0.1),
    "adagrad_custom": lambda: adagrad(0.05, 0.5, 0.1),
    "adadelta_custom": lambda: adadelta(0.5, 0.8, 0.1),
    "adamax_custom": lambda: adamax(0.05, 0.8, 0.9, 0.1),
    "nadam_custom": lambda: nadam(0.05, 0.8, 0.9, 0.1),
}


def java(w, b):
    flat = [f"{v:.9g}f" for v in list(w.ravel()) + list(b)]
    return "{" + ", ".join(flat) + "}"


if __name__ == "__main__":
    np.set_printoptions(precision=9)
    for name, make in CASES.items():
        rule = make()
        print(f'"{name}", new float[] {java(*train(lambda t: rule, 2))},')
    # Adam at lr 0.1 for one fit (2 steps), then set_learning_rate(0.02) and a second fit: the
    # slots and the step count carry over, only the learning rate changes.
    print('"adam_lr_change", new float[] ' + java(*train(lambda t: adam(0.1 if t <= 2 else 0.02), 4)))
