"""The expected numbers of keras4j's MultiOutputTrainingTest: one SGD step of a two-input,
two-output functional model compiled with per-output losses, lossWeights and metrics.

Run (Python Keras 3; made with Keras 3.15.1 on TensorFlow):
    python3 src/test/resources/keras4j/models/make_multi_output_step.py

The weights, inputs and labels are given by the formulas below (the test uses the same ones), so
no file is needed. Every number is computed twice: by Keras (fit's History, evaluate, the
weights after the step) and by an independent numpy forward and backward pass; the script fails
if the two differ by 1e-5. The printed constants are pasted in MultiOutputTrainingTest.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
import numpy as np
from keras import layers

N = 8


def grid(rows, cols, k, offset=0.0):
    """A fixed matrix, ((i*5 + j*3 + k) % 7 - 3) / 10 + offset, rounded to float32."""
    return np.array([[((i * 5 + j * 3 + k) % 7 - 3) / 10 + offset for j in range(cols)]
                     for i in range(rows)], dtype=np.float32)


def data(cols, k):
    return np.array([[((n * 3 + i * 2 + k) % 5 - 2) / 4 for i in range(cols)]
                     for n in range(N)], dtype=np.float32)


WEIGHTS = {  # layer: (kernel, bias)
    # The offset keeps every relu input away from 0, where float32 and float64 may disagree on
    # the sign and so on the gradient.
    "dense_a": (grid(4, 5, 0), grid(1, 5, 1, 0.0137)[0]),
    "dense_b": (grid(3, 5, 2), grid(1, 5, 3)[0]),
    "reg": (grid(5, 1, 4), grid(1, 1, 5)[0]),
    "cls": (grid(5, 3, 6), grid(1, 3, 0)[0]),
}
xa, xb = data(4, 0), data(3, 1)
y_reg = np.array([[(n % 4 - 1.5) / 2] for n in range(N)], dtype=np.float32)
y_cls = np.array([n % 3 for n in range(N)], dtype=np.float32)
LR, W_REG, W_CLS = 0.1, 0.5, 2.0

# ---- Keras
a = keras.Input((4,), name="a")
b = keras.Input((3,), name="b")
h = layers.Add()([layers.Dense(5, activation="relu", name="dense_a")(a),
                  layers.Dense(5, name="dense_b")(b)])
model = keras.Model([a, b], [layers.Dense(1, name="reg")(h),
                             layers.Dense(3, activation="softmax", name="cls")(h)])
for name, (kernel, bias) in WEIGHTS.items():
    model.get_layer(name).set_weights([kernel, bias])
model.compile(keras.optimizers.SGD(LR), loss=["mse", "sparse_categorical_crossentropy"],
              loss_weights=[W_REG, W_CLS], metrics=[["mae"], ["accuracy"]])
history = model.fit([xa, xb], [y_reg, y_cls], batch_size=N, epochs=1, shuffle=False, verbose=0)
keras_logs = {k: v[0] for k, v in history.history.items()}
keras_after = {name: model.get_layer(name).get_weights() for name in WEIGHTS}
keras_eval = model.evaluate([xa, xb], [y_reg, y_cls], verbose=0, return_dict=True)


# ---- numpy
def forward(w):
    za = xa @ w["dense_a"][0] + w["dense_a"][1]
    hid = np.maximum(za, 0) + xb @ w["dense_b"][0] + w["dense_b"][1]
    reg = hid @ w["reg"][0] + w["reg"][1]
    logits = hid @ w["cls"][0] + w["cls"][1]
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    return za, hid, reg, p


def logs(w):
    _, _, reg, p = forward(w)
    mse = np.mean((reg - y_reg) ** 2)
    cce = np.mean(-np.log(p[np.arange(N), y_cls.astype(int)]))
    return {"loss": W_REG * mse + W_CLS * cce, "reg_loss": mse, "cls_loss": cce,
            "reg_mae": np.mean(np.abs(reg - y_reg)),
            "cls_accuracy": np.mean(p.argmax(1) == y_cls)}


w = {k: (v[0].astype(np.float64), v[1].astype(np.float64)) for k, v in WEIGHTS.items()}
numpy_logs = logs(w)
za, hid, reg, p = forward(w)
d_reg = W_REG * 2 * (reg - y_reg) / N
d_logits = W_CLS * (p - np.eye(3)[y_cls.astype(int)]) / N
d_hid = d_reg @ w["reg"][0].T + d_logits @ w["cls"][0].T
d_za = d_hid * (za > 0)
grads = {"reg": (hid.T @ d_reg, d_reg.sum(0)), "cls": (hid.T @ d_logits, d_logits.sum(0)),
         "dense_b": (xb.T @ d_hid, d_hid.sum(0)), "dense_a": (xa.T @ d_za, d_za.sum(0))}
numpy_after = {k: (w[k][0] - LR * grads[k][0], w[k][1] - LR * grads[k][1]) for k in w}
numpy_eval = logs(numpy_after)

for name in numpy_logs:
    assert abs(keras_logs[name] - numpy_logs[name]) < 1e-5, (name, keras_logs, numpy_logs)
    assert abs(keras_eval[name] - numpy_eval[name]) < 1e-5, (name, keras_eval, numpy_eval)
for name in WEIGHTS:
    for k_value, n_value in zip(keras_after[name], numpy_after[name]):
        assert np.max(np.abs(k_value - n_value)) < 1e-5, name
assert sorted(keras_logs) == ["cls_accuracy", "cls_loss", "loss", "reg_loss", "reg_mae"]


def java(values):
    return "{" + ", ".join(f"{v:.8g}" for v in np.ravel(values)) + "}"


print("// History after one step (Keras's names):", list(history.history))
for name, value in numpy_logs.items():
    print(f'  "{name}", {value:.8g},')
print("// evaluate after the step:")
for name, value in numpy_eval.items():
    print(f'  "{name}", {value:.8g},')
print("// weights after the step, kernel row-major then bias:")
for name, (kernel, bias) in numpy_after.items():
    print(f'  "{name}", new float[] {java(kernel)}, new float[] {java(bias)},')
