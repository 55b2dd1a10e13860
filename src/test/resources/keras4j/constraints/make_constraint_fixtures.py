"""Writes the constraint fixtures of ConstraintsTest with Python Keras 3.15.1 (a development
tool, not a build dependency): for each model below, the compiled model before training as
<name>.keras and <name>.h5, and in constraints.json its inputs, targets, and the weights and
losses after 3 epochs of SGD (2 batches each, no shuffling), so 6 constrained updates.

Run: TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python make_constraint_fixtures.py
"""
import json
import os

import keras
import numpy as np
from keras import constraints, layers

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCHS = 3


def dense_conv():
    # Every constraint, on a Conv1D kernel (norms over 2 axes), biases, and Dense kernels.
    return keras.Sequential([
        keras.Input((5, 2)),
        layers.Conv1D(3, 2, kernel_constraint=constraints.MaxNorm(0.8, axis=[0, 1]),
                      bias_constraint=constraints.NonNeg(), name="conv"),
        layers.Flatten(),
        layers.Dense(4, kernel_constraint=constraints.MinMaxNorm(0.5, 1.0, rate=0.7),
                     bias_constraint=constraints.MaxNorm(0.3), name="minmax"),
        layers.Dense(2, kernel_constraint=constraints.UnitNorm(axis=0),
                     bias_constraint="non_neg", name="unit"),
    ], name="dense_conv")


def embedding():
    return keras.Sequential([
        keras.Input((3,), dtype="int32"),
        layers.Embedding(6, 2, embeddings_constraint=constraints.UnitNorm(axis=1), name="emb"),
        layers.Flatten(),
        layers.Dense(1, kernel_constraint="max_norm", name="out"),
    ], name="embedding")


def norms():
    # The normalization layers' and PReLU's constraints; each is active within the 6 steps
    # (check_active below).
    return keras.Sequential([
        keras.Input((4,)),
        layers.Dense(5, name="d1"),
        layers.BatchNormalization(gamma_constraint=constraints.MaxNorm(1.5),
                                  beta_constraint=constraints.NonNeg(), name="bn"),
        layers.PReLU(alpha_constraint=constraints.NonNeg(), name="prelu"),
        layers.Dense(3, name="d2"),
        layers.LayerNormalization(gamma_constraint=constraints.UnitNorm(),
                                  beta_constraint=constraints.MaxNorm(0.05), name="ln"),
        layers.Dense(2, name="out"),
    ], name="norms")


def fit(model, x, y):
    model.compile(optimizer=keras.optimizers.SGD(0.2), loss="mse")
    return model.fit(x, y, epochs=EPOCHS, batch_size=4, shuffle=False, verbose=0)


def check_active(build, x, y):
    """Each constrained weight of the norms model ends elsewhere without its constraint, so
    ConstraintsTest fails if keras4j skipped a projection."""
    constrained, free = build(), build()
    free.set_weights(constrained.get_weights())
    for layer in free.layers:
        for key in ("beta_constraint", "gamma_constraint", "alpha_constraint"):
            if getattr(layer, key, None) is not None:
                weight = getattr(layer, key.split("_")[0])
                weight.constraint = None
    fit(constrained, x, y)
    fit(free, x, y)
    for a, b in zip(constrained.weights, free.weights):
        if a.constraint is not None:
            gap = float(np.max(np.abs(a.numpy() - b.numpy())))
            assert gap > 1e-3, (a.path, gap)
            print(a.path, "differs unconstrained by", gap)


def data(name, rng):
    if name == "embedding":
        return rng.integers(0, 6, (8, 3)).astype("int32"), rng.normal(size=(8, 1))
    if name == "norms":
        return rng.normal(size=(8, 4)), rng.normal(size=(8, 2))
    return rng.normal(size=(8, 5, 2)), rng.normal(size=(8, 2))


def main():
    keras.utils.set_random_seed(12)
    rng = np.random.default_rng(12)
    out = {}
    for build in (dense_conv, embedding, norms):
        model = build()
        name = model.name
        x, y = data(name, rng)
        x = x if x.dtype == np.int32 else x.astype("float32")
        y = y.astype("float32")
        model.compile(optimizer=keras.optimizers.SGD(0.2), loss="mse")
        model.save(os.path.join(HERE, name + ".keras"))
        model.save(os.path.join(HERE, name + ".h5"))
        history = model.fit(x, y, epochs=EPOCHS, batch_size=4, shuffle=False, verbose=0)
        out[name] = {
            "x": x.tolist(), "y": y.tolist(),
            "losses": [float(v) for v in history.history["loss"]],
            "weights": [float(v) for w in model.get_weights() for v in w.ravel()],
        }
    check_active(norms, np.array(out["norms"]["x"], "float32"),
                 np.array(out["norms"]["y"], "float32"))
    with open(os.path.join(HERE, "constraints.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
