"""Writes the Python-Keras fixtures of keras4j's saving tests, and their expected values.

Run (Python Keras 3 with any backend; these were made with Keras 3.15.1 on JAX):
    KERAS_BACKEND=jax python3 src/test/resources/keras4j/saving/make_keras_fixtures.py

Every expected prediction is computed twice: by Keras's predict, and by an independent numpy
forward pass over the weights read back with h5py. The script fails if the two differ by 1e-5.
The printed constants are pasted in SavingInteropTest / ResumeTrainingTest.
"""
import json
import os
import zipfile

import h5py
import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(7)
rng = np.random.default_rng(0)


def out(name):
    return os.path.join(HERE, name)


def h5_weights(path_in_zip_or_file, group):
    """The datasets vars/0..n of one layer group of a Keras 3 weights file, via h5py."""
    if path_in_zip_or_file.endswith(".keras"):
        zf = zipfile.ZipFile(path_in_zip_or_file)
        f = h5py.File(zf.open("model.weights.h5"), "r")
    else:
        f = h5py.File(path_in_zip_or_file, "r")
    g = f[group]["vars"]
    return [np.array(g[str(i)], dtype=np.float64) for i in range(len(g))]


def relu(z):
    return np.maximum(z, 0)


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# ---- 1. Functional MLP with Dropout and LeakyReLU, trained a little (Adam state present).
inp = keras.Input((3,), name="features")
x = keras.layers.Dense(8, activation="relu")(inp)
x = keras.layers.Dropout(0.1)(x)
x = keras.layers.Dense(4)(x)
x = keras.layers.LeakyReLU(negative_slope=0.1)(x)
y_out = keras.layers.Dense(2, activation="softmax")(x)
model = keras.Model(inp, y_out, name="functional_mlp")
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
xs = rng.random((16, 3), dtype=np.float32)
ys = (xs.sum(axis=1) > 1.5).astype(np.int32)
model.fit(xs, ys, epochs=3, batch_size=8, verbose=0, shuffle=False)
model.save(out("keras3_functional_mlp.keras"))
model.save_weights(out("keras3_functional_mlp.weights.h5"))
probe = rng.random((4, 3), dtype=np.float32)
np.savetxt(out("functional_mlp_input.csv"), probe, fmt="%.9g", delimiter=",")
k0, b0 = h5_weights(out("keras3_functional_mlp.keras"), "layers/dense")
k1, b1 = h5_weights(out("keras3_functional_mlp.keras"), "layers/dense_1")
k2, b2 = h5_weights(out("keras3_functional_mlp.keras"), "layers/dense_2")
h = relu(probe @ k0 + b0) @ k1 + b1
h = np.where(h > 0, h, 0.1 * h)
expected = softmax(h @ k2 + b2).astype(np.float32)
assert np.abs(expected - model.predict(probe, verbose=0)).max() < 1e-5
np.savetxt(out("functional_mlp_expected.csv"), expected, fmt="%.9g", delimiter=",")
print("functional_mlp iterations", int(model.optimizer.iterations.numpy()))

# ---- 2. A small CNN in .keras: Conv2D (same, strides) + BatchNormalization + ReLU + pools.
cnn = keras.Sequential([
    keras.Input((6, 6, 2)),
    keras.layers.Conv2D(3, (3, 3), padding="same", activation="relu"),
    keras.layers.BatchNormalization(),
    keras.layers.Conv2D(4, (2, 2), strides=(2, 2), use_bias=False),
    keras.layers.ReLU(),
    keras.layers.MaxPooling2D((2, 2), strides=(1, 1), padding="valid"),
    keras.layers.AveragePooling2D((2, 2), padding="same"),
    keras.layers.Flatten(),
    keras.layers.Dense(3),
    keras.layers.Softmax(),
], name="small_cnn")
cnn.compile(optimizer="sgd", loss="categorical_crossentropy")
# Non-trivial BatchNormalization statistics, so skipping it would show.
bn = cnn.layers[1]
bn.moving_mean.assign(rng.random(3).astype(np.float32))
bn.moving_variance.assign((rng.random(3) + 0.5).astype(np.float32))
bn.gamma.assign((rng.random(3) + 0.5).astype(np.float32))
bn.beta.assign(rng.random(3).astype(np.float32) - 0.5)
cnn.save(out("keras3_small_cnn.keras"))
cnn_in = rng.random((2, 6, 6, 2), dtype=np.float32)
np.savetxt(out("small_cnn_input.csv"), cnn_in.reshape(2, -1), fmt="%.9g", delimiter=",")


def conv2d(a, k, stride, same):
    kh, kw = k.shape[:2]
    if same:
        ph, pw = kh - 1, kw - 1
        a = np.pad(a, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    n, hh, ww, _ = a.shape
    oh, ow = (hh - kh) // stride + 1, (ww - kw) // stride + 1
    res = np.zeros((n, oh, ow, k.shape[3]))
    for i in range(oh):
        for j in range(ow):
            patch = a[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :]
            res[:, i, j, :] = np.tensordot(patch, k, axes=([1, 2, 3], [0, 1, 2]))
    return res


def pool(a, size, stride, same, fn):
    n, hh, ww, c = a.shape
    if same:
        oh, ow = -(-hh // stride), -(-ww // stride)
        ph = max((oh - 1) * stride + size - hh, 0)
        pw = max((ow - 1) * stride + size - ww, 0)
        top, left = ph // 2, pw // 2
    else:
        oh, ow = (hh - size) // stride + 1, (ww - size) // stride + 1
        top = left = 0
    res = np.zeros((n, oh, ow, c))
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * stride - top, j * stride - left
            win = a[:, max(r0, 0):min(r0 + size, hh), max(c0, 0):min(c0 + size, ww), :]
            res[:, i, j, :] = fn(win, axis=(1, 2))  # padding excluded, as TF does
    return res


ck0, cb0 = h5_weights(out("keras3_small_cnn.keras"), "layers/conv2d")
gamma, beta, mean, var = h5_weights(out("keras3_small_cnn.keras"), "layers/batch_normalization")
(ck1,) = h5_weights(out("keras3_small_cnn.keras"), "layers/conv2d_1")
dk, db = h5_weights(out("keras3_small_cnn.keras"), "layers/dense")
a = relu(conv2d(cnn_in.astype(np.float64), ck0, 1, True) + cb0)
a = gamma * (a - mean) / np.sqrt(var + 1e-3) + beta
a = relu(conv2d(a, ck1, 2, False))
a = pool(a, 2, 1, False, np.max)
a = pool(a, 2, 2, True, np.mean)
cnn_expected = softmax(a.reshape(a.shape[0], -1) @ dk + db).astype(np.float32)
assert np.abs(cnn_expected - cnn.predict(cnn_in, verbose=0)).max() < 1e-5
np.savetxt(out("small_cnn_expected.csv"), cnn_expected, fmt="%.9g", delimiter=",")

# ---- 3. The same functional MLP saved by Keras 3 in the legacy HDF5 format.
model.save(out("keras3_functional_mlp_legacy.h5"))

# ---- 4. Resuming: Keras trains 2 epochs, saves, trains 3 more; keras4j must continue alike.
keras.utils.set_random_seed(11)
reg = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4, activation="tanh"),
                        keras.layers.Dense(1)], name="resume_mlp")
reg.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
rx = rng.random((8, 2), dtype=np.float32)
ry = (rx[:, :1] * 2 - rx[:, 1:]).astype(np.float32)
reg.fit(rx, ry, epochs=2, batch_size=8, shuffle=False, verbose=0)
reg.save(out("keras3_resume_mlp.keras"))
later = reg.fit(rx, ry, epochs=3, batch_size=8, shuffle=False, verbose=0).history["loss"]
np.savetxt(out("resume_x.csv"), rx, fmt="%.9g", delimiter=",")
np.savetxt(out("resume_y.csv"), ry, fmt="%.9g", delimiter=",")
print("resume losses after reload (Keras):", [float(v) for v in later])
