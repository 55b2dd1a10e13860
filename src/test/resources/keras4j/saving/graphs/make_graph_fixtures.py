"""Writes the branching functional models keras4j's GraphFilesTest loads: one small model per
topology, each saved by Python Keras as .keras and as legacy .h5, with an input and Keras's
predictions, plus the summary() text of two of them.

Run (Keras 3.15.1; any backend):
    /work/venv/bin/python src/test/resources/keras4j/saving/graphs/make_graph_fixtures.py

Weights (biases included) are random, so a layer loaded in the wrong place shows. Every
expected output is checked against an independent numpy forward pass over the same weights.
Files per model NAME: NAME.keras, NAME.h5, NAME_x<i>.csv (one per input), NAME_y<i>.csv (one per
output). Summaries: NAME_summary.txt (printed at 80 columns, as a non-terminal prints them).
"""
import json
import os

os.environ["COLUMNS"] = "80"  # what shutil.get_terminal_size() reports when not a terminal

import keras  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(5)
rng = np.random.default_rng(9)
L = keras.layers


def dense(units, name, activation=None):
    return L.Dense(units, activation=activation, name=name)


def relu(z):
    return np.maximum(z, 0)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def randomize(model):
    for w in model.weights:
        w.assign(rng.normal(0, 0.6, w.shape).astype(np.float32))


def lin(model, name, x):
    """x @ kernel + bias of the (possibly nested) Dense layer `name`, in float64."""
    layer = find(model, name)
    k, b = (np.array(v, dtype=np.float64) for v in layer.get_weights())
    return x @ k + b


def find(model, name):
    for layer in model.layers:
        if layer.name == name:
            return layer
        if hasattr(layer, "layers"):
            try:
                return find(layer, name)
            except KeyError:
                pass
    raise KeyError(name)


def l2n(v):
    return v / np.sqrt(np.maximum((v * v).sum(axis=-1, keepdims=True), 1e-12))


MODELS = {}


def model(name):
    def register(build):
        MODELS[name] = build
        return build
    return register


@model("residual")
def _():
    i = keras.Input((4,), name="x")
    h = dense(4, "d1", "relu")(i)
    h = dense(4, "d2")(h)
    s = L.Add(name="skip")([i, h])
    o = dense(2, "head")(s)
    m = keras.Model(i, o, name="residual")
    return m, lambda x: lin(m, "head", x[0] + lin(m, "d2", relu(lin(m, "d1", x[0]))))


def two_branches(merge, name, fn, a="tanh", b="sigmoid"):
    i = keras.Input((3,), name="x")
    p = dense(3, "p", a)(i)
    q = dense(3, "q", b)(i)
    o = merge(name="merge")([p, q])
    m = keras.Model(i, o, name=name)
    act = {"tanh": np.tanh, "sigmoid": sigmoid, "relu": relu, None: lambda z: z}
    return m, lambda x: fn(act[a](lin(m, "p", x[0])), act[b](lin(m, "q", x[0])))


model("multiply")(lambda: two_branches(L.Multiply, "multiply", lambda p, q: p * q))
model("subtract")(lambda: two_branches(L.Subtract, "subtract", lambda p, q: p - q))
model("maximum")(lambda: two_branches(L.Maximum, "maximum", np.maximum, "tanh", None))


@model("average")
def _():
    i = keras.Input((3,), name="x")
    branches = [dense(2, f"b{k}")(i) for k in range(3)]
    o = L.Average(name="mean")(branches)
    m = keras.Model(i, o, name="average")
    return m, lambda x: sum(lin(m, f"b{k}", x[0]) for k in range(3)) / 3


@model("concatenate")
def _():
    i = keras.Input((3,), name="x")
    p = dense(4, "wide", "relu")(i)
    q = dense(2, "narrow")(i)
    c = L.Concatenate(name="concat")([p, q])
    o = dense(2, "head", "softmax")(c)
    m = keras.Model(i, o, name="concatenate")
    return m, lambda x: softmax(lin(m, "head", np.concatenate(
        [relu(lin(m, "wide", x[0])), lin(m, "narrow", x[0])], axis=-1)))


@model("dot")
def _():
    i = keras.Input((3,), name="x")
    p = dense(4, "p")(i)
    q = dense(4, "q")(i)
    cos = L.Dot(axes=1, normalize=True, name="cos")([p, q])
    raw = L.Dot(axes=-1, name="raw")([p, q])
    o = L.Concatenate(name="both")([cos, raw])
    m = keras.Model(i, o, name="dot")

    def fn(x):
        pp, qq = lin(m, "p", x[0]), lin(m, "q", x[0])
        return np.concatenate([(l2n(pp) * l2n(qq)).sum(-1, keepdims=True),
                               (pp * qq).sum(-1, keepdims=True)], axis=-1)
    return m, fn


@model("two_input")
def _():
    a = keras.Input((3,), name="left")
    b = keras.Input((2,), name="right")
    h = L.Concatenate(name="join")([dense(4, "la", "relu")(a), dense(2, "rb")(b)])
    o = dense(1, "out", "sigmoid")(h)
    m = keras.Model([a, b], o, name="two_input")
    return m, lambda x: sigmoid(lin(m, "out", np.concatenate(
        [relu(lin(m, "la", x[0])), lin(m, "rb", x[1])], axis=-1)))


@model("two_output")
def _():
    i = keras.Input((4,), name="x")
    h = dense(5, "trunk", "relu")(i)
    c = dense(3, "cls", "softmax")(h)
    v = dense(1, "value")(h)
    m = keras.Model(i, [c, v], name="two_output")

    def fn(x):
        hh = relu(lin(m, "trunk", x[0]))
        return [softmax(lin(m, "cls", hh)), lin(m, "value", hh)]
    return m, fn


@model("siamese")
def _():
    a = keras.Input((3,), name="a")
    b = keras.Input((3,), name="b")
    enc = dense(4, "encoder", "tanh")
    ea, eb = enc(a), enc(b)
    d = L.Subtract(name="diff")([ea, eb])
    s = L.Multiply(name="sq")([d, d])
    o = dense(1, "score", "sigmoid")(s)
    m = keras.Model([a, b], o, name="siamese")

    def fn(x):
        dd = np.tanh(lin(m, "encoder", x[0])) - np.tanh(lin(m, "encoder", x[1]))
        return sigmoid(lin(m, "score", dd * dd))
    return m, fn


@model("nested_sequential")
def _():
    base = keras.Sequential([keras.Input((3,)), dense(4, "s1", "relu"), dense(3, "s2")],
                            name="base")
    i = keras.Input((3,), name="x")
    h = base(i, training=False)
    o = dense(2, "head")(L.Add(name="res")([i, h]))
    m = keras.Model(i, o, name="nested_sequential")
    return m, lambda x: lin(m, "head", x[0] + lin(m, "s2", relu(lin(m, "s1", x[0]))))


@model("nested_functional")
def _():
    ii = keras.Input((3,), name="inner_x")
    inner = keras.Model(ii, dense(4, "f1", "tanh")(ii), name="inner")
    i = keras.Input((3,), name="x")
    a = inner(i)
    o = dense(2, "head")(L.Concatenate(name="cat")([a, dense(1, "side")(i)]))
    m = keras.Model(i, o, name="nested_functional")
    return m, lambda x: lin(m, "head", np.concatenate(
        [np.tanh(lin(m, "f1", x[0])), lin(m, "side", x[0])], axis=-1))


SUMMARIES = ["two_input", "siamese", "nested_functional"]

for name, build in MODELS.items():
    m, reference = build()
    randomize(m)
    xs = [rng.normal(0, 1, (4,) + tuple(t.shape[1:])).astype(np.float32) for t in m.inputs]
    ys = m.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    ys = ys if isinstance(ys, list) else [ys]
    ref = reference([x.astype(np.float64) for x in xs])
    ref = ref if isinstance(ref, list) else [ref]
    for y, r in zip(ys, ref):
        assert np.abs(y - r).max() < 1e-5, (name, np.abs(y - r).max())
    m.save(os.path.join(HERE, name + ".keras"))
    m.save(os.path.join(HERE, name + ".h5"))
    for k, x in enumerate(xs):
        np.savetxt(os.path.join(HERE, f"{name}_x{k}.csv"), x, fmt="%.9g", delimiter=",")
    for k, y in enumerate(ys):
        np.savetxt(os.path.join(HERE, f"{name}_y{k}.csv"), y, fmt="%.9g", delimiter=",")
    if name in SUMMARIES:
        lines = []
        m.summary(print_fn=lambda line, line_break=True: lines.append(line))
        with open(os.path.join(HERE, name + "_summary.txt"), "w") as f:
            f.write("\n".join(lines).rstrip("\n") + "\n")
    print(name, "ok")
