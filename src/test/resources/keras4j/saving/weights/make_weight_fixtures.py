"""Writes the sample- and class-weight parity fixtures keras4j's SampleWeightTest checks: small
compiled models saved by Python Keras 3.15.1 before training, the data, and Keras's numbers
for fit / evaluate with sample_weight, class_weight, weighted_metrics and validation_data with
sample weights.

Run (Keras 3.15.1; any backend):
    /work/venv/bin/python src/test/resources/keras4j/saving/weights/make_weight_fixtures.py

Files: single.keras (one softmax output; metrics=["accuracy"], weighted_metrics=["accuracy",
"sparse_categorical_accuracy"]), two.keras (outputs "reg" (mse) and "cls" (binary crossentropy), loss_weights, per-output
metrics and weighted_metrics), and cases.json: per case the data and Keras's history or
evaluate dict. SGD, no shuffling, 10 samples in batches of 4 (a partial last batch).
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(21)
rng = np.random.default_rng(22)
L = keras.layers
N = 10


def randomize(model):
    for w in model.weights:
        w.assign(rng.normal(0, 0.5, w.shape).astype(np.float32))


def single():
    i = keras.Input((3,), name="x")
    o = L.Dense(3, activation="softmax", name="probs")(L.Dense(4, activation="tanh", name="h")(i))
    m = keras.Model(i, o, name="single")
    randomize(m)
    m.compile(optimizer=keras.optimizers.SGD(0.2), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"],
              weighted_metrics=["accuracy", "sparse_categorical_accuracy"])
    return m


def two():
    i = keras.Input((3,), name="x")
    h = L.Dense(4, activation="relu", name="h")(i)
    m = keras.Model(i, [L.Dense(2, name="reg")(h), L.Dense(1, activation="sigmoid", name="cls")(h)],
                    name="two")
    randomize(m)
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss=["mse", "binary_crossentropy"],
              loss_weights=[1.0, 0.5], metrics=[["mae"], ["accuracy"]],
              weighted_metrics=[["mae"], ["accuracy"]])
    return m


def f(a):
    return np.asarray(a, dtype=np.float32)


x = f(rng.normal(0, 1, (N, 3)))
labels = f(rng.integers(0, 3, (N,)))
sw = f(rng.uniform(0, 2, (N,)))
xv, labels_v, swv = f(rng.normal(0, 1, (6, 3))), f(rng.integers(0, 3, (6,))), f(rng.uniform(0, 2, (6,)))
reg, cls = f(rng.normal(0, 1, (N, 2))), f(rng.random((N, 1)) > 0.5)
sw_reg, sw_cls = f(rng.uniform(0, 2, (N,))), f(rng.uniform(0, 2, (N,)))
class_weight = {0: 0.5, 2: 3.0}  # class 1 left out: weight 1

single().save(os.path.join(HERE, "single.keras"))
two().save(os.path.join(HERE, "two.keras"))
fit = dict(epochs=2, batch_size=4, shuffle=False, verbose=0)


def history(model, *args, **kwargs):
    return model.fit(*args, **fit, **kwargs).history


def load(name):
    return keras.saving.load_model(os.path.join(HERE, name + ".keras"))


cases = {
    "data": {"x": x, "labels": labels, "sw": sw, "xv": xv, "labels_v": labels_v, "swv": swv,
             "reg": reg, "cls": cls, "sw_reg": sw_reg, "sw_cls": sw_cls},
    "single_fit_sample_weight": history(load("single"), x, labels, sample_weight=sw,
                                        validation_data=(xv, labels_v, swv)),
    "single_fit_class_weight": history(load("single"), x, labels, class_weight=class_weight),
    "single_fit_unweighted": history(load("single"), x, labels),
    "single_evaluate_sample_weight": load("single").evaluate(
        x, labels, sample_weight=sw, batch_size=4, verbose=0, return_dict=True),
    "two_fit_per_output": history(load("two"), x, [reg, cls], sample_weight=[sw_reg, sw_cls]),
    "two_fit_one_array": history(load("two"), x, [reg, cls], sample_weight=sw),
    # Keras takes lists here (its dicts need a dict-output model); keras4j's test passes maps too.
    "two_evaluate_per_output": load("two").evaluate(
        x, [reg, cls], sample_weight=[sw_reg, sw_cls], batch_size=4, verbose=0,
        return_dict=True),
}


def plain(v):
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, dict):
        return {k: plain(e) for k, e in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(e) for e in v]
    return float(v)


with open(os.path.join(HERE, "cases.json"), "w") as out:
    json.dump(plain(cases), out, indent=1, sort_keys=True)
    out.write("\n")

# Independent check of one number: the first batch's weighted loss of the single model, numpy.
m = load("single")
h_k, h_b = m.get_layer("h").get_weights()
p_k, p_b = m.get_layer("probs").get_weights()
z = np.tanh(x[:4].astype(np.float64) @ h_k + h_b) @ p_k + p_b
p = np.exp(z - z.max(-1, keepdims=True))
p /= p.sum(-1, keepdims=True)
ce = -np.log(p[np.arange(4), labels[:4].astype(int)])
batch_loss = (ce * sw[:4]).sum() / 4
logs = m.train_on_batch(x[:4], labels[:4], sample_weight=sw[:4], return_dict=True)
assert abs(logs["loss"] - batch_loss) < 1e-5, (logs["loss"], batch_loss)
print("ok", {k: v for k, v in cases.items() if k != "data"})
