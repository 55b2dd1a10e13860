"""Writes the mixed precision models keras4j's MixedPrecisionFilesTest loads: a small MLP and a
small CNN built by Python Keras under the global policies mixed_bfloat16 and mixed_float16, saved
as .keras, with inputs and Keras's predictions under that policy and under float32 (same weights).

Run (Keras 3.15.1, TensorFlow backend):
    /work/venv/bin/python src/test/resources/keras4j/saving/mixed_precision/make_mixed_precision_fixtures.py

Files per model NAME (mlp_mixed_bfloat16, cnn_mixed_float16, rnn_mixed_bfloat16, ...): NAME.keras, NAME_x.csv (one
sample per row; CNN images flattened), NAME_y.csv (Keras's predictions under the file's policy,
widened to float32), NAME_y_float32.csv (the same weights computing in float32). The CNN's last
Dense has dtype="float32", as Keras's guide advises for the softmax output; its BatchNormalization
computes in float32 internally, as Keras's does. The RNN (Embedding, LSTM, LayerNormalization,
Dropout, Dense) takes int32 ids.

Training: step_NAME_POLICY.csv (NAME mlp or cnn, POLICY float32, mixed_bfloat16, mixed_float16)
holds the weights after one SGD(1.0) step of sparse categorical crossentropy on a fixed batch,
one weight (flattened) per line, of the models MixedPrecisionTest builds: weights, inputs and
labels from the formulas below (compile wraps SGD in a LossScaleOptimizer under mixed_float16).
Keras's own float16 CNN step strays 0.034 from its float32 one (TensorFlow's CPU float16
convolution gradient, without AVX-512), which keras4j's test checks it shares.
"""
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
L = keras.layers


def mlp():
    inp = keras.Input((4,), name="x")
    h = L.Dense(16, activation="relu", name="hidden")(inp)
    out = L.Dense(3, activation="softmax", name="probs")(h)
    return keras.Model(inp, out, name="mlp")


def cnn():
    inp = keras.Input((8, 8, 1), name="image")
    h = L.Conv2D(4, 3, activation="relu", name="conv")(inp)
    h = L.BatchNormalization(name="bn")(h)
    h = L.MaxPooling2D(2, name="pool")(h)
    h = L.Flatten(name="flat")(h)
    out = L.Dense(3, activation="softmax", dtype="float32", name="probs")(h)
    return keras.Model(inp, out, name="cnn")


def rnn():
    inp = keras.Input((5,), dtype="int32", name="ids")
    h = L.Embedding(10, 4, name="embed")(inp)
    h = L.LSTM(6, name="lstm")(h)
    h = L.LayerNormalization(name="norm")(h)
    h = L.Dropout(0.5, name="drop")(h)
    out = L.Dense(3, activation="softmax", name="probs")(h)
    return keras.Model(inp, out, name="rnn")


def randomize(model, rng):
    for w in model.weights:
        if "moving_variance" in w.path:
            w.assign(rng.uniform(0.5, 1.5, w.shape).astype(np.float32))
        else:
            w.assign(rng.normal(0, 0.5, w.shape).astype(np.float32))


def write(name, build, x, policy):
    rng = np.random.default_rng(7)
    keras.mixed_precision.set_global_policy(policy)
    model = build()
    randomize(model, rng)
    y = np.asarray(model.predict(x, verbose=0)).astype(np.float32)
    model.save(os.path.join(HERE, name + ".keras"))
    keras.mixed_precision.set_global_policy("float32")
    plain = build()
    plain.set_weights(model.get_weights())
    y32 = np.asarray(plain.predict(x, verbose=0))
    assert np.abs(y - y32).max() < 0.05, (name, np.abs(y - y32).max())
    np.savetxt(os.path.join(HERE, name + "_x.csv"), x.reshape(len(x), -1), delimiter=",",
               fmt="%.9g")
    np.savetxt(os.path.join(HERE, name + "_y.csv"), y, delimiter=",", fmt="%.9g")
    np.savetxt(os.path.join(HERE, name + "_y_float32.csv"), y32, delimiter=",", fmt="%.9g")
    print(name, "output dtype", model.outputs[0].dtype, "max |mixed - float32|",
          np.abs(y - y32).max())


data = np.random.default_rng(3)
x_mlp = data.normal(0, 1, (6, 4)).astype(np.float32)
x_cnn = data.normal(0, 1, (4, 8, 8, 1)).astype(np.float32)
x_rnn = data.integers(0, 10, (4, 5)).astype(np.int32)
for policy in ("mixed_bfloat16", "mixed_float16"):
    write("mlp_" + policy, mlp, x_mlp, policy)
    write("cnn_" + policy, cnn, x_cnn, policy)
    write("rnn_" + policy, rnn, x_rnn, policy)


def step(name, policy):
    keras.mixed_precision.set_global_policy(policy)
    if name == "cnn":
        model = keras.Sequential([keras.Input((6, 6, 1)), L.Conv2D(3, 3, activation="relu"),
                                  L.MaxPooling2D(2), L.Flatten(), L.Dense(2, activation="softmax")])
    else:
        model = keras.Sequential([keras.Input((3,)), L.Dense(8, activation="relu"),
                                  L.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(1.0), "sparse_categorical_crossentropy")
    model.set_weights([(0.6 * np.cos(np.arange(w.size) * 1.3 + w.size)).astype(np.float32)
                       .reshape(w.shape) for w in model.get_weights()])
    n = 8
    x = np.sin(np.arange(n * (36 if name == "cnn" else 3)) * 0.7).astype(np.float32)
    x = x.reshape((n, 6, 6, 1) if name == "cnn" else (n, 3))
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    model.fit(x, y, epochs=1, batch_size=n, shuffle=False, verbose=0)
    keras.mixed_precision.set_global_policy("float32")
    with open(os.path.join(HERE, "step_%s_%s.csv" % (name, policy)), "w") as f:
        for w in model.get_weights():
            f.write(",".join("%.9g" % v for v in w.ravel()) + "\n")


for name in ("mlp", "cnn"):
    for policy in ("float32", "mixed_bfloat16", "mixed_float16"):
        step(name, policy)
